package stories

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecodeState: a state file is read from disk; whatever it holds,
// Decode returns a state or an error, never panics.
func FuzzDecodeState(f *testing.F) {
	full := Build(threeOutlets(), Options{})
	var buf bytes.Buffer
	if err := full.State.Encode(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(stateMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := Decode(data); err == nil && s == nil {
			t.Fatal("no state and no error")
		}
	})
}

// FuzzDiff: any two wordings diff without a panic, and the diff holds
// every word of both, in order.
func FuzzDiff(f *testing.F) {
	f.Add("Nobody was hurt, and that is what matters most.", "Nobody was hurt … that matters most")
	f.Add("[T]he consequences", "“The consequences”")
	f.Add("", "…")
	f.Fuzz(func(t *testing.T, ref, text string) {
		ops := Diff(ref, text)
		var r, x []string
		for _, op := range ops {
			r = append(r, strings.Fields(op.Ref)...)
			x = append(x, strings.Fields(op.Text)...)
		}
		wr, _ := diffWords(ref)
		wt, _ := diffWords(text)
		if strings.Join(r, " ") != strings.Join(wr, " ") || strings.Join(x, " ") != strings.Join(wt, " ") {
			t.Fatalf("Diff(%q, %q) lost words: %+v", ref, text, ops)
		}
		_ = Marked(ops)
		_ = Summary(ops)
	})
}

// FuzzFeatures: any article text yields features without a panic.
func FuzzFeatures(f *testing.F) {
	f.Add("Ferry operator halts crossings", "“Nobody was hurt,” said Ilse Varnholt. Mr. J. Smith left!")
	f.Fuzz(func(t *testing.T, title, body string) {
		a := article("x", "S", "", title, body)
		_ = FeaturesOf(a)
		_ = sentences(body)
		set := Build(threeOutlets(), Options{})
		_ = set.Compare(a, a)
	})
}

// FuzzDecodeFeatures: a text's features are read back from a database
// column; whatever it holds, DecodeFeatures returns features or an error,
// never panics, and features it accepts survive being written and read
// again.
func FuzzDecodeFeatures(f *testing.F) {
	for _, a := range threeOutlets() {
		feat := FeaturesOf(a)
		f.Add(AppendFeatures(nil, &feat))
	}
	f.Add([]byte{})
	f.Add([]byte{0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		feat, err := DecodeFeatures(data)
		if err != nil {
			return
		}
		if feat == nil {
			t.Fatal("no features and no error")
		}
		// What it accepted, written again, reads back the same.
		again, err := DecodeFeatures(AppendFeatures(nil, feat))
		if err != nil || !reflect.DeepEqual(again, feat) {
			t.Fatalf("features did not survive a second round: %v\n%+v\n%+v", err, feat, again)
		}
	})
}
