package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/model"
)

const sharedDir = "../../../shared"

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(sharedDir, "corpus", "seeds", prefix+"_*.txt"))
	if len(m) == 0 {
		t.Skipf("seed %s not found under %s (shared data absent)", prefix, sharedDir)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Skipf("cannot read seed: %v", err)
	}
	return string(b)
}

// seed000 returns the body of seed 000: every line a paragraph, minus the
// trailing "Source: Agencies" credit.
func seed000(t testing.TB) []string {
	var body []string
	for _, l := range strings.Split(readSeed(t, "000"), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "Source:") {
			continue
		}
		body = append(body, l)
	}
	return body
}

// seed003 returns the headline and the article body of seed 003.
func seed003(t testing.TB) (string, []string) {
	var paras []string
	for _, l := range strings.Split(readSeed(t, "003"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
		}
	}
	title := ""
	start, end := -1, -1
	for i, p := range paras {
		if title == "" && strings.HasPrefix(p, "US warns of") {
			title = p
		}
		if start < 0 && strings.HasPrefix(p, "Top diplomats from Russia") {
			start = i
		}
		if strings.HasSuffix(p, "before it joins the alliance.") {
			end = i
		}
	}
	if title == "" || start < 0 || end < start {
		t.Skip("seed 003 does not have the expected layout")
	}
	return title, paras[start : end+1]
}

func quotations(qs []model.Quote) []model.Quote {
	var out []model.Quote
	for _, q := range qs {
		if q.Kind == model.KindQuote {
			out = append(out, q)
		}
	}
	return out
}

func TestSeed000(t *testing.T) {
	body := seed000(t)
	qs := Extract("", body)
	got := quotations(qs)
	want := []wantQuote{
		{"massive consequences", "Antony Blinken"},
		{"We’re prepared to respond forcefully", "Antony Blinken"},
		{"a diplomatic solution is still possible", "Antony Blinken"},
		{"severe sanctions", "Biden"},
		{"I made it clear to President Putin", "Biden"},
		{"Our goal is to have a relationship", "Antony Blinken"},
		{"It’ll be very difficult", "Antony Blinken"},
		{"a colossal mistake.", "Russia"},
	}
	for _, q := range qs {
		t.Logf("%s %q speaker=%q mention=%q role=%q cue=%q", q.Kind, q.Text, q.Speaker, q.Mention, q.Role, q.Cue)
	}
	checkQuotes(t, body, got, want)
	if got[0].Role != "US Secretary of State" {
		t.Errorf("role = %q, want US Secretary of State", got[0].Role)
	}
}

func TestSeed003(t *testing.T) {
	title, body := seed003(t)
	qs := Extract(title, body)
	for _, q := range qs {
		t.Logf("%s %q speaker=%q mention=%q role=%q cue=%q", q.Kind, q.Text, q.Speaker, q.Mention, q.Role, q.Cue)
	}
	var heads []string
	for _, q := range qs {
		if q.Kind == model.KindHeadline {
			heads = append(heads, q.Text)
		}
	}
	if strings.Join(heads, "|") != "severe consequences|no concessions" {
		t.Errorf("headline quotes = %q", heads)
	}
	got := quotations(qs)
	want := []wantQuote{
		{"severe", "Antony Blinken"},
		{"President Biden has been clear", "Antony Blinken"},
		{"[T]he consequences for Russia", "Antony Blinken"},
		{"I can't rule out anything", "Sergei Ryabkov"},
		{"Naturally, we will not make any concessions", "Sergei Ryabkov"},
	}
	checkQuotes(t, body, got, want)
	// "Russia’s Deputy Foreign Minister Sergei Ryabkov" is written once,
	// away from his quotations ("said Mr Ryabkov", "he added")
	for _, q := range got[3:] {
		if q.Role != "Deputy Foreign Minister" {
			t.Errorf("%q: role %q, want Deputy Foreign Minister", q.Text[:20], q.Role)
		}
	}
}

func TestMergeSeeds(t *testing.T) {
	body0 := seed000(t)
	title3, body3 := seed003(t)
	a0 := &model.Article{ID: "000", Source: "Agencies", Body: body0}
	a0.Quotes = Extract("", body0)
	a3 := &model.Article{ID: "003", Source: "The Independent", Title: title3, Body: body3}
	a3.Quotes = Extract(title3, body3)
	sps := Merge([]*model.Article{a0, a3})
	count := map[string]int{}
	var blinken, ryabkov *model.Speaker
	for _, s := range sps {
		t.Logf("%s %s role=%q aliases=%q quotes=%d arts=%v srcs=%v", s.Name, s.Kind, s.Role, s.Aliases, s.Quotes, s.Articles, s.Sources)
		count[s.Name]++
		switch s.Name {
		case "Antony Blinken":
			blinken = s
		case "Sergei Ryabkov":
			ryabkov = s
		}
	}
	if blinken == nil || count["Antony Blinken"] != 1 {
		t.Fatalf("Antony Blinken listed %d times", count["Antony Blinken"])
	}
	if len(blinken.Articles) != 2 || blinken.Quotes != 8 {
		t.Errorf("Blinken: articles %v quotes %d", blinken.Articles, blinken.Quotes)
	}
	if blinken.Kind != model.SpeakerPerson || blinken.Role == "" {
		t.Errorf("Blinken: kind %s role %q", blinken.Kind, blinken.Role)
	}
	if strings.Join(blinken.Sources, "|") != "Agencies|The Independent" {
		t.Errorf("Blinken sources %v", blinken.Sources)
	}
	if ryabkov == nil || count["Sergei Ryabkov"] != 1 || ryabkov.Quotes != 2 {
		t.Fatalf("Ryabkov: %+v", ryabkov)
	}
	if ryabkov.Role != "Deputy Foreign Minister" {
		t.Errorf("Ryabkov's role %q, want Deputy Foreign Minister", ryabkov.Role)
	}
	if sps[0] != blinken {
		t.Errorf("most quoted first: got %s", sps[0].Name)
	}
	for _, s := range sps {
		if s.Name == "Russia" && s.Kind != model.SpeakerOrganisation {
			t.Errorf("Russia is %s", s.Kind)
		}
		if s.Name == "Blinken" || s.Name == "Ryabkov" || s.Name == "Mr Ryabkov" {
			t.Errorf("unmerged speaker %q", s.Name)
		}
	}
}

type wantQuote struct{ prefix, speaker string }

// checkQuotes compares quotations with the wanted text prefixes and
// speakers, in order, and checks their offsets.
func checkQuotes(t testing.TB, body []string, got []model.Quote, want []wantQuote) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d quotations, want %d", len(got), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].Text, w.prefix) {
			t.Errorf("quote %d = %q, want prefix %q", i, got[i].Text, w.prefix)
		}
		if got[i].Speaker != w.speaker {
			t.Errorf("quote %d %q: speaker %q, want %q", i, w.prefix, got[i].Speaker, w.speaker)
		}
		checkOffsets(t, body, got[i])
	}
}

// checkOffsets verifies that a quote's offsets point at its text.
func checkOffsets(t testing.TB, body []string, qu model.Quote) {
	t.Helper()
	q := struct {
		Text                                string
		Paragraph, Start, End, EndParagraph int
	}{qu.Text, int(qu.Paragraph), int(qu.Start), int(qu.End), int(qu.EndParagraph)}
	if q.Paragraph < 0 || q.Paragraph >= len(body) || q.EndParagraph < q.Paragraph || q.EndParagraph >= len(body) {
		t.Fatalf("bad paragraphs %d..%d", q.Paragraph, q.EndParagraph)
	}
	p := body[q.Paragraph]
	if q.Start < 0 || q.Start > len(p) {
		t.Fatalf("bad start %d", q.Start)
	}
	e := body[q.EndParagraph]
	if q.End < 0 || q.End > len(e) {
		t.Fatalf("bad end %d", q.End)
	}
	if q.Paragraph == q.EndParagraph && p[q.Start:q.End] != q.Text {
		t.Errorf("offsets give %q, text %q", p[q.Start:q.End], q.Text)
	}
}
