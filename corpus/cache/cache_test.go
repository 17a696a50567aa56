package cache

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"byline/model"
)

func sampleEntries() []*Entry {
	est := time.FixedZone("EST", -5*3600)
	return []*Entry{
		{
			Path: "seeds/003.txt", ID: "003", Size: 1234, ModTime: 1700000000123456789,
			Articles: []*model.Article{{
				ID: "003", Path: "seeds/003.txt", Format: model.FormatText, URL: "https://example.org/x",
				Source: "The Independent", SourceFrom: "notification prompt", PageDump: true, Title: "US warns of ‘severe consequences’", Standfirst: "Superpowers trade warnings",
				Authors: []string{"John Bowden"}, Published: time.Date(2022, 1, 10, 0, 19, 0, 0, est), DatePrecision: model.PrecisionDateTime,
				Body:    []string{"Top diplomats…", "“Quote,” he said."},
				Removed: []model.Removed{{Text: "Your support helps", Reason: "donation pitch"}},
				Quotes: []model.Quote{{Text: "Quote,", Speaker: "Antony Blinken", Mention: "he", Cue: "said",
					Kind: model.KindQuote, Paragraph: 1, Start: 3, End: 9, EndParagraph: 1}},
			}},
		},
		{Path: "bad.bin", ID: "bad", Size: 9, ModTime: 1, Problems: []model.Problem{{Path: "bad.bin", Reason: "binary file"}}},
		{Path: "undated.md", ID: "undated", Size: 5, ModTime: 2, Articles: []*model.Article{{ID: "undated", Title: "T", TitleDerived: true, Problems: []string{"could not read the date"}}}},
	}
}

func TestRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.cache")
	want := sampleEntries()
	if err := Save(file, "v1", want); err != nil {
		t.Fatal(err)
	}
	c, err := Open(file, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != len(want) {
		t.Fatalf("Len = %d", c.Len())
	}
	for _, w := range want {
		got, ok := c.Lookup(w.Path, w.ID, w.Size, w.ModTime)
		if !ok {
			t.Fatalf("no entry for %s", w.Path)
		}
		for i, a := range w.Articles {
			g := got.Articles[i]
			if !g.Published.Equal(a.Published) || g.Published.Format(time.RFC3339) != a.Published.Format(time.RFC3339) {
				t.Errorf("published %v, want %v", g.Published, a.Published)
			}
			g2, a2 := *g, *a
			g2.Published, a2.Published = time.Time{}, time.Time{}
			if !reflect.DeepEqual(g2, a2) {
				t.Errorf("article differs:\n got %+v\nwant %+v", g2, a2)
			}
		}
		if !reflect.DeepEqual(got.Problems, w.Problems) {
			t.Errorf("problems %v, want %v", got.Problems, w.Problems)
		}
	}
	// A changed file misses.
	if _, ok := c.Lookup("seeds/003.txt", "003", 1235, 1700000000123456789); ok {
		t.Error("size change still hit")
	}
	if _, ok := c.Lookup("seeds/003.txt", "003", 1234, 1); ok {
		t.Error("mtime change still hit")
	}
}

func TestUntrustedFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.cache")
	if err := Save(good, "v1", sampleEntries()); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0xff
	tests := []struct {
		name    string
		data    []byte
		version string
		want    error
	}{
		{"missing file is an empty cache", nil, "v1", nil},
		{"other version (rebuilt silently)", data, "v2", nil},
		{"flipped byte", flipped, "v1", errCorrupt},
		{"truncated", data[:len(data)/2], "v1", errCorrupt},
		{"not a cache", []byte("hello world, not a cache"), "v1", nil},
		{"empty", []byte{}, "v1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, tt.name)
			if tt.data != nil {
				os.WriteFile(file, tt.data, 0o644)
			}
			c, err := Open(file, tt.version)
			if c == nil || c.Len() != 0 {
				t.Fatalf("want an empty cache, got %v", c)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if tt.data == nil && err != nil {
				t.Errorf("missing file: err = %v", err)
			}
			if tt.data != nil && err == nil && tt.version == "v1" {
				t.Error("an untrusted file was accepted without error")
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	encode(&buf, "v1", sampleEntries())
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := decode(string(data), "v1")
		if err == nil {
			// Whatever decodes must encode back to the same bytes.
			var again bytes.Buffer
			encode(&again, "v1", entries)
			if !bytes.Equal(again.Bytes(), data) {
				t.Fatalf("decode/encode not stable")
			}
		}
	})
}
