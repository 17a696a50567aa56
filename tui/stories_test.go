package tui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/model"
)

// storyCorpus is three invented outlets' reports of one event, a
// quotation reworded from one to the next, and an unrelated article.
func storyCorpus() *model.Corpus {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	art := func(id, source, when, title string, body ...string) *model.Article {
		return &model.Article{ID: id, Path: id + ".txt", Source: source, Title: title, Body: body,
			Published: at(when), DatePrecision: model.PrecisionDateTime}
	}
	quote := func(a *model.Article, p int, text string) {
		i := strings.Index(a.Body[p], text)
		a.Quotes = append(a.Quotes, model.Quote{Text: text, Speaker: "Ilse Varnholt", Cue: "said", Kind: model.KindQuote,
			Paragraph: int32(p), Start: int32(i), End: int32(i + len(text)), EndParagraph: int32(p)})
	}
	wire := art("wire/ferry", "Fenwick Wire", "2025-05-06T09:00:00Z", "Ferry operator halts Kestrel Sound crossings after engine fire",
		`The Marrow Ferry Company halted all crossings of the Kestrel Sound on Tuesday after an engine fire on one of its vessels, the Gull of Orrin.`,
		`“Nobody was hurt, and that is what matters most. Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,” said Ilse Varnholt, the company’s operations director.`,
		`Around 900 passengers a day use the crossing between Orrin and Haldby.`)
	paper := art("paper/ferry", "The Haldby Courier", "2025-05-06T15:30:00Z", "Kestrel Sound ferries stopped after fire aboard the Gull of Orrin",
		`Ferries across the Kestrel Sound were stopped on Tuesday after a fire broke out in the engine room of the Gull of Orrin, the Marrow Ferry Company said.`,
		`Operations director Ilse Varnholt said: “Every crossing stays suspended until our engineers have checked each ship from keel to funnel.”`,
		`Around 900 passengers a day use the crossing between Orrin and Haldby, and commuters faced long detours by road.`)
	magazine := art("mag/ferry", "Sound Weekly", "2025-05-07T08:00:00Z", "After the Gull of Orrin fire, a Kestrel Sound without ferries",
		`For the first time in years the Kestrel Sound had no ferries on Wednesday, after Tuesday's engine fire aboard the Gull of Orrin.`,
		`“Nobody was hurt … Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,” Ilse Varnholt told reporters.`,
		`The Marrow Ferry Company has not said when crossings will resume.`)
	quote(wire, 1, "Nobody was hurt, and that is what matters most. Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,")
	quote(paper, 1, "Every crossing stays suspended until our engineers have checked each ship from keel to funnel.")
	quote(magazine, 1, "Nobody was hurt … Every crossing stays suspended until our engineers have inspected each ship from keel to funnel,")
	council := art("wire/budget", "Fenwick Wire", "2025-05-05T10:00:00Z", "Orrin council sets its budget",
		"The council of Orrin approved its budget for the year on Monday, with more money for roads and libraries.")
	return model.NewCorpus([]*model.Article{wire, paper, magazine, council}, nil, nil)
}

func newStoryTest(t testing.TB, w, h int, noColor bool, bg color.Color) *Model {
	t.Helper()
	m := New(context.Background(), Config{Store: browse.Prepare(storyCorpus()), Title: "stories", NoColor: noColor,
		Now: func() time.Time { return testNow }}).(*Model)
	drive(t, m, m.Init())
	if bg != nil {
		drive(t, m, func() tea.Msg { return tea.BackgroundColorMsg{Color: bg} })
	}
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

// storyStates are the screens of the stories across outlets.
var storyStates = []goldenState{
	{name: "by-story", keys: []string{"s", "s", "s"}},
	{name: "story-article", keys: []string{"s", "s", "s", "enter"}},
	{name: "story-next", keys: []string{"s", "s", "s", "enter", "]"}},
	{name: "story-compare", keys: []string{"s", "s", "s", "enter", "v"}},
	{name: "story-compare-other", keys: []string{"s", "s", "s", "enter", "v", "]"}},
	{name: "story-echoes", keys: []string{"3", "a", "down", "w"}},
}

var storySizes = []struct{ w, h int }{{60, 24}, {120, 35}}

func TestStoryGoldens(t *testing.T) {
	for _, st := range storyStates {
		for _, sz := range storySizes {
			name := fmt.Sprintf("%s-%dx%d", st.name, sz.w, sz.h)
			t.Run(name, func(t *testing.T) {
				m := newStoryTest(t, sz.w, sz.h, true, nil)
				press(t, m, st.keys...)
				golden(t, name, screen(m))
			})
		}
	}
}

func TestStoryViewsChangeNothing(t *testing.T) {
	for _, pal := range []struct {
		noColor bool
		bg      color.Color
	}{{true, nil}, {false, color.Black}, {false, color.White}} {
		for _, st := range storyStates {
			for _, sz := range storySizes {
				m := newStoryTest(t, sz.w, sz.h, pal.noColor, pal.bg)
				press(t, m, st.keys...)
				before := snapshot(m)
				_ = m.View()
				if after := snapshot(m); after != before {
					t.Errorf("%s %dx%d: View changed the model: %s", st.name, sz.w, sz.h, firstDiff(before, after))
				}
			}
		}
	}
}

func TestStoryKeys(t *testing.T) {
	m := newStoryTest(t, 120, 35, true, nil)
	press(t, m, "s", "s", "s")
	s := screen(m)
	if !strings.Contains(s, "by story") || !strings.Contains(s, "3 outlets · 3 articles") {
		t.Fatalf("no story group:\n%s", s)
	}
	press(t, m, "enter")
	first := m.article.id
	if s := screen(m); !strings.Contains(s, "also in: The Haldby Courier, Sound") {
		t.Errorf("the header does not say where else the story is:\n%s", s)
	}
	press(t, m, "]")
	if m.article.id == first || m.article.story == nil || m.article.story.Index(m.article.id) != m.article.story.Index(first)+1 {
		t.Errorf("] opened %s after %s", m.article.id, first)
	}
	press(t, m, "[")
	if m.article.id != first {
		t.Errorf("[ went to %s, want %s", m.article.id, first)
	}
	// The compare view marks differences in the text: they show without
	// colour.
	press(t, m, "v")
	s = screen(m)
	if m.mode != modeCompare || !strings.Contains(s, "{+checked+}") || !strings.Contains(s, "~“") {
		t.Errorf("compare view:\n%s", s)
	}
	press(t, m, "esc")
	if m.mode != modeBrowse {
		t.Error("esc does not close the compare view")
	}
	// Echoes: the quotation in each outlet, who had it first.
	press(t, m, "3", "a")
	s = screen(m)
	if !strings.Contains(s, "(+2)") {
		t.Errorf("no echo count in the quotes:\n%s", s)
	}
	press(t, m, "down", "w")
	s = screen(m)
	if m.mode != modeEchoes || !strings.Contains(s, "First: Fenwick Wire") || !strings.Contains(s, "[-inspected-]{+checked+}") {
		t.Errorf("echoes view:\n%s", s)
	}
	press(t, m, "enter")
	if m.mode != modeBrowse || m.focus != paneArticle {
		t.Errorf("enter in the echoes does not read the quotation there (mode %v, focus %v)", m.mode, m.focus)
	}
}

// TestEchoesOfUnknownOutlets: two undated articles of no known outlet
// (BBC's form) carrying one quotation: the view counts no outlets, and
// says whose wording the other is compared with without naming an
// "unknown" outlet as if it were one.
func TestEchoesOfUnknownOutlets(t *testing.T) {
	body := func(id, title, q string) *model.Article {
		p := "Oil ministers met in Vienna on Monday. “" + q + "” the minister said of the cartel's output."
		i := strings.Index(p, q)
		return &model.Article{ID: id, Path: id + ".txt", Title: title, Body: []string{p},
			Quotes: []model.Quote{{Text: q, Speaker: "Hadi Marwan", Cue: "said", Kind: model.KindQuote, Start: int32(i), End: int32(i + len(q))}}}
	}
	c := model.NewCorpus([]*model.Article{
		body("a", "Winter keeps oil prices high", "We do not need to cut supply while prices stay where they are,"),
		body("b", "Crude prices climb again", "We do not need to cut supply while the prices stay where they are,"),
	}, nil, nil)
	m := New(context.Background(), Config{Store: browse.Prepare(c), Title: "oil", NoColor: true, Now: func() time.Time { return testNow }}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 30} })
	press(t, m, "3", "a", "w")
	s := screen(m)
	if m.mode != modeEchoes {
		t.Fatalf("no echoes view:\n%s", s)
	}
	for _, want := range []string{"Echoes · Hadi Marwan · 2 articles\n", "compared with the first listed wording", "{+the+}"} {
		if !strings.Contains(s, want) {
			t.Errorf("the echoes view lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "outlet") || strings.Contains(s, "source unknown's") {
		t.Errorf("the echoes view counts or names an unknown outlet:\n%s", s)
	}
}

// TestCompareUnmatchedSideBySide: sentences only one side has, between
// two that match, read down their own columns side by side (the left's
// and the right's first lines on one row), not all of one then all of
// the other.
func TestCompareUnmatchedSideBySide(t *testing.T) {
	m := newStoryTest(t, 120, 35, true, nil)
	press(t, m, "s", "s", "s", "enter", "v")
	s := screen(m)
	var row string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "The Marrow Ferry Company halted") {
			row = l
		}
	}
	if !strings.HasPrefix(row, "<> ") || !strings.Contains(row, "│ Ferries across the Kestrel Sound") {
		t.Errorf("the unmatched lead sentences are not side by side: %q\n%s", row, s)
	}
}
