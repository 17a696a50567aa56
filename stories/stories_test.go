package stories

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"byline/model"
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		ref, text, marked string
	}{
		{"We will not move.", "we will not move", "we will not move"},
		{"Nobody wins a strike. People lost wages.", "Nobody wins a strike.", "Nobody wins a strike. [-People lost wages.-]"},
		{"a victory for every port town", "a victory for every town on this coast", "a victory for every [-port-] town {+on this coast+}"},
		{"the water rose by seven millimetres this year", "the water rose … this year", "the water rose […: by seven millimetres] this year"},
		{"we are building for 2050", "we are planning for 2050", "we are [-building-]{+planning+} for 2050"},
		{"“[T]he consequences would be severe”", "The consequences would be severe", "The consequences would be severe"},
	} {
		ops := Diff(tc.ref, tc.text)
		if got := Marked(ops); got != tc.marked {
			t.Errorf("Diff(%q, %q) = %q, want %q", tc.ref, tc.text, got, tc.marked)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences(`Mr. Okafor spoke first. “We stay out,” he said. Then J. Smith left! Did he? Yes.`)
	want := []string{"Mr. Okafor spoke first.", "“We stay out,” he said.", "Then J. Smith left!", "Did he?", "Yes."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// article is an invented article for the tests.
func article(id, source, when, title string, body ...string) *model.Article {
	a := &model.Article{ID: id, Source: source, Title: title, Body: body}
	if when != "" {
		t, err := time.Parse(time.RFC3339, when)
		if err != nil {
			panic(err)
		}
		a.Published, a.DatePrecision = t, model.PrecisionDateTime
	}
	return a
}

// quote marks text (which must occur in paragraph p) as a quotation by
// speaker.
func quote(a *model.Article, p int, text, speaker string) {
	i := strings.Index(a.Body[p], text)
	if i < 0 {
		panic("no " + text)
	}
	a.Quotes = append(a.Quotes, model.Quote{Text: text, Speaker: speaker, Kind: model.KindQuote, Paragraph: int32(p),
		Start: int32(i), End: int32(i + len(text)), EndParagraph: int32(p)})
}

// threeOutlets are three invented reports of one statement, its wording
// trimmed and reworded from one outlet to the next: the wire had it
// first, a paper dropped a sentence and changed a word, a magazine cut
// the middle with an ellipsis.
func threeOutlets() []*model.Article {
	wire := article("wire/1", "Fenwick Wire", "2025-05-06T09:00:00Z", "Ferry operator halts Kestrel Sound crossings after engine fire",
		`The Marrow Ferry Company halted all crossings of the Kestrel Sound on Tuesday after an engine fire on one of its vessels, the Gull of Orrin.`,
		`“Nobody was hurt, and that is what matters most. Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,” said Ilse Varnholt, the company’s operations director.`,
		`Around 900 passengers a day use the crossing between Orrin and Haldby.`)
	paper := article("paper/1", "The Haldby Courier", "2025-05-06T15:30:00Z", "Kestrel Sound ferries stopped after fire aboard the Gull of Orrin",
		`Ferries across the Kestrel Sound were stopped on Tuesday after a fire broke out in the engine room of the Gull of Orrin, the Marrow Ferry Company said.`,
		`Operations director Ilse Varnholt said: “Every crossing stays suspended until our engineers have checked each ship from keel to funnel.”`,
		`Commuters from Haldby faced long detours by road.`)
	magazine := article("mag/1", "Sound Weekly", "2025-05-07T08:00:00Z", "After the Gull of Orrin fire, a sound without ferries",
		`For the first time in years the Kestrel Sound had no ferries on Wednesday, after Tuesday's engine fire aboard the Gull of Orrin.`,
		`“Nobody was hurt … Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,” Ilse Varnholt told reporters.`,
		`The Marrow Ferry Company has not said when crossings will resume.`)
	quote(wire, 1, "Nobody was hurt, and that is what matters most. Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,", "Ilse Varnholt")
	quote(paper, 1, "Every crossing stays suspended until our engineers have checked each ship from keel to funnel.", "Ilse Varnholt")
	quote(magazine, 1, "Nobody was hurt … Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,", "Ilse Varnholt")
	// Given newest first, as a corpus lists them.
	return []*model.Article{magazine, paper, wire}
}

func TestEchoReworded(t *testing.T) {
	arts := threeOutlets()
	set := Build(arts, Options{})
	e, ok := set.EchoOf("paper/1", 0)
	if !ok {
		t.Fatal("the paper's quotation is no echo")
	}
	if len(e.Appearances) != 3 || e.Speaker != "Ilse Varnholt" {
		t.Fatalf("echo = %+v, want three appearances by Ilse Varnholt", e)
	}
	first, ok := e.First()
	if !ok || first.Source != "Fenwick Wire" {
		t.Fatalf("first = %+v, want the wire", first)
	}
	if got := e.Others("paper/1"); strings.Join(got, ",") != "wire/1,mag/1" {
		t.Errorf("others = %v", got)
	}
	want := map[string]string{
		"paper/1": "[-Nobody was hurt, and that is what matters most.-] Every crossing stays suspended until our engineers have [-inspected-]{+checked+} each ship from keel to funnel.",
		"mag/1":   "Nobody was hurt […: and that is what matters most.] Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,",
	}
	for _, ap := range e.Appearances[1:] {
		ops := Diff(first.Text, ap.Text)
		got := Marked(ops)
		t.Logf("%s (%s): %s — %s", ap.Source, ap.Article, got, Summary(ops))
		if got != want[ap.Article] {
			t.Errorf("%s: diff\n %s\nwant\n %s", ap.Article, got, want[ap.Article])
		}
	}
	// The three reports are one story, labelled by the most central
	// headline, its outlets in the order they reported.
	s, ok := set.StoryOf("wire/1")
	if !ok || len(s.Articles) != 3 {
		t.Fatalf("story = %+v", s)
	}
	if strings.Join(s.Sources, ", ") != "Fenwick Wire, The Haldby Courier, Sound Weekly" || s.ID != "wire/1" || s.Echoed != 1 {
		t.Errorf("story = %+v", s)
	}
}

func TestCompareAligns(t *testing.T) {
	arts := threeOutlets()
	set := Build(arts, Options{})
	rows := set.Compare(arts[2], arts[1]) // wire, paper
	var quoted *Row
	for i := range rows {
		if rows[i].Quote {
			quoted = &rows[i]
		}
	}
	if quoted == nil || quoted.Match != Reworded || !strings.Contains(Marked(quoted.Ops), "[-inspected-]{+checked+}") {
		t.Fatalf("the shared quotation is not aligned with its diff: %+v", rows)
	}
}

func TestStateRoundTripAndIncremental(t *testing.T) {
	arts := threeOutlets()
	arts = append(arts, article("other/1", "Fenwick Wire", "2025-05-06T10:00:00Z", "Orrin council sets its budget",
		"The council of Orrin approved its budget for the year on Tuesday, with more money for roads and libraries."))
	full := Build(arts, Options{})
	var buf bytes.Buffer
	if err := full.State.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	state, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	again := Build(arts, Options{Prev: state})
	if again.Stats.Computed != 0 || again.Stats.Reused != 4 || again.Stats.Pairs != 0 {
		t.Errorf("unchanged corpus: %+v, want every text reused and no pair scored", again.Stats)
	}
	if summarise(again) != summarise(full) {
		t.Errorf("from the state: %s\nfrom scratch: %s", summarise(again), summarise(full))
	}
	// A corrupt state is refused, never trusted.
	data := buf.Bytes()
	data[len(data)/2] ^= 0xff
	if _, err := Decode(data); err == nil {
		t.Error("a corrupt state decoded")
	}
}

func summarise(s *Set) string {
	var b strings.Builder
	for _, st := range s.Stories {
		b.WriteString(strings.Join(st.Articles, "+") + " ")
	}
	return b.String()
}

// TestFeaturesOfAHugeText: a text far past featureBytes (a pasted log, a
// book) is read for words only up to the budget, so it costs what a long
// article costs, while a change past the budget still changes its content
// hash (an edited copy is not taken for an exact duplicate).
func TestFeaturesOfAHugeText(t *testing.T) {
	words := make([]string, 0, 1<<20)
	for i := range cap(words) {
		words = append(words, "w"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676%26)))
	}
	huge := strings.Join(words, " ")
	if len(huge) < 8*featureBytes {
		t.Fatalf("the text is %d bytes: not past the budget", len(huge))
	}
	a := article("a", "Wire", "", "Harbour log", huge)
	b := article("b", "Wire", "", "Harbour log", huge[:len(huge)-3]+"zzz")
	fa, fb := FeaturesOf(a), FeaturesOf(b)
	if fa.Content == fb.Content {
		t.Error("a change past the budget left the content hash as it was")
	}
	// Every word is distinct in the first 17,576 and repeats after: the
	// budget's words are about featureBytes/8.
	if n := len(fa.Terms); n > featureBytes/4 {
		t.Errorf("%d terms: the text was read past the budget", n)
	}
	if fa.Shingles != fb.Shingles {
		t.Error("shingles differ past the budget")
	}
}

// TestIncrementalOnlyChanged: with one text of twenty changed, a build
// from the kept state computes that text's features alone and scores only
// pairs with it on one side, and groups as a build from scratch does.
func TestIncrementalOnlyChanged(t *testing.T) {
	places := []string{"Orrin", "Haldby", "Kestrel", "Marrow", "Fenwick", "Tarsk", "Olvend", "Brisk", "Callow", "Dunmere"}
	topics := []string{"ferry fire", "council budget", "harbour dredging", "school strike", "flood defences"}
	var arts []*model.Article
	for i := range 20 {
		p, tp := places[i%len(places)], topics[i%len(topics)]
		arts = append(arts, article(fmt.Sprintf("a/%02d", i), []string{"Fenwick Wire", "The Haldby Courier"}[i%2],
			fmt.Sprintf("2025-05-%02dT09:00:00Z", 1+i%5), p+" "+tp+" report number "+strconv.Itoa(i),
			"Officials in "+p+" said on Tuesday the "+tp+" would be reviewed by the regional board, which meets in "+places[(i+3)%len(places)]+".",
			"Residents of "+p+" told reporters the "+tp+" had gone on for weeks and asked the board to act before the summer."))
	}
	first := Build(arts, Options{})
	var buf bytes.Buffer
	if err := first.State.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	state, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	changed := *arts[7]
	changed.Body = append(slices.Clone(changed.Body), "The board's chair promised an answer within the month.")
	arts[7] = &changed
	again := Build(arts, Options{Prev: state})
	scratch := Build(arts, Options{})
	t.Logf("from the state: %d computed, %d pairs scored; from scratch: %d pairs; %d articles joined to a story",
		again.Stats.Computed, again.Stats.Pairs, scratch.Stats.Pairs, strings.Count(summarise(scratch), "+"))
	if again.Stats.Computed != 1 || again.Stats.Reused != 19 {
		t.Errorf("one text changed: %+v, want its features alone computed", again.Stats)
	}
	if again.Stats.Pairs == 0 || again.Stats.Pairs >= scratch.Stats.Pairs || again.Stats.Pairs > 19 {
		t.Errorf("one text changed: %d pairs scored (from scratch %d), want only pairs with it", again.Stats.Pairs, scratch.Stats.Pairs)
	}
	if summarise(again) != summarise(scratch) {
		t.Errorf("from the state: %s\nfrom scratch: %s", summarise(again), summarise(scratch))
	}
}
