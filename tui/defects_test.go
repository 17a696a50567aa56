package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/model"
)

// Tests of the defects of issue 12 that a first-time user hit, by number.

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// 1: q closes help (and problems), as the help says any key does; it
// does not quit. ctrl+c still quits.
func TestDefect1QClosesHelp(t *testing.T) {
	for _, overlay := range []string{"?", "p"} {
		m := newTest(t, 80, 24)
		press(t, m, overlay)
		_, cmd := m.Update(keyMsg("q"))
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Errorf("%s then q quit", overlay)
			}
		}
		if m.mode != modeBrowse {
			t.Errorf("%s then q: mode %v, want closed", overlay, m.mode)
		}
		press(t, m, overlay)
		if _, quit := m.key(keyMsg("ctrl+c")); !quit {
			t.Errorf("ctrl+c in %s did not quit", overlay)
		}
	}
	m := newTest(t, 80, 24)
	press(t, m, "?")
	if s := screen(m); !strings.Contains(s, "esc/q close") {
		t.Errorf("the status line does not say q closes help:\n%s", s)
	}
}

// 9: the status line shows the focused pane's short help, from its key
// map; the help screen names ctrl+u/ctrl+d and the mouse, and the wheel
// scrolls it.
func TestDefect9ShortHelpAndHelpScreen(t *testing.T) {
	m := newTest(t, 160, 40)
	for _, tc := range []struct {
		keys []string
		want []string
	}{
		{nil, []string{"enter read", "s sort", "/ filter", "? help"}},
		{[]string{"2"}, []string{"n/N quotes", "r removed text", "/ find"}},
		{[]string{"3"}, []string{"enter read at the quote", "a article/corpus", "s group"}},
		{[]string{"4"}, []string{"enter their quotes", "a article/corpus"}},
		{[]string{"1", "/"}, []string{"enter keep", "esc clear"}},
	} {
		press(t, m, tc.keys...)
		status := lastLine(screen(m))
		for _, w := range tc.want {
			if !strings.Contains(status, w) {
				t.Errorf("after %v the status line lacks %q: %q", tc.keys, w, status)
			}
		}
	}
	press(t, m, "esc", "?")
	s := screen(m)
	for _, w := range []string{"ctrl+u", "ctrl+d", "wheel", "click"} {
		if !strings.Contains(s, w) {
			t.Errorf("the help screen does not name %q:\n%s", w, s)
		}
	}
	m = newTest(t, 60, 15)
	press(t, m, "?")
	drive(t, m, func() tea.Msg { return tea.MouseWheelMsg(tea.Mouse{X: 5, Y: 5, Button: tea.MouseWheelDown}) })
	if m.mode != modeHelp || m.help.scroll != 3 {
		t.Errorf("the wheel in help: mode %v, scroll %d; want help, 3", m.mode, m.help.scroll)
	}
	press(t, m, "ctrl+d")
	if m.help.scroll <= 3 {
		t.Errorf("ctrl+d did not page the help down: %d", m.help.scroll)
	}
}

// modelOver is a model over a corpus of the test's own at a size.
func modelOver(t *testing.T, c *model.Corpus, w, h int) *Model {
	t.Helper()
	m := New(context.Background(), Config{Store: browse.Prepare(c), NoColor: true, Now: func() time.Time { return testNow }}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

// 2: titles get the room: no source column when no story has a source, a
// source column as wide as the longest source otherwise, and the selected
// story shows its whole title.
func TestDefect2TitlesGetTheRoom(t *testing.T) {
	long := "Council approves the new harbour wall after a decade of arguments over its cost and its height"
	day := time.Date(2024, 3, 20, 9, 30, 0, 0, time.UTC)
	var arts []*model.Article
	for i, title := range []string{long, "Ferry timetable changes for the spring", "Fishing quotas set for the season"} {
		arts = append(arts, &model.Article{ID: fmt.Sprint(i), Title: title, Published: day.Add(-time.Duration(i) * time.Hour),
			DatePrecision: model.PrecisionDateTime, Body: []string{"Text."}})
	}
	m := modelOver(t, model.NewCorpus(arts, nil, nil), 60, 20)
	s := screen(m)
	if !strings.Contains(s, " 08:30 Ferry timetable changes for the spring") {
		t.Errorf("without sources the title should follow the time:\n%s", s)
	}
	if strings.Contains(s, "—") {
		t.Errorf("an empty source column is drawn:\n%s", s)
	}
	// The selected (first) story's whole title is on screen.
	words := strings.Join(strings.Fields(strings.ReplaceAll(s, "›", " ")), " ")
	if !strings.Contains(words, long) {
		t.Errorf("the selected story's title is cut:\n%s", s)
	}
	// Moving on, the next story is the one shown whole.
	press(t, m, "down")
	if s := screen(m); strings.Contains(strings.Join(strings.Fields(s), " "), long) {
		t.Errorf("the unselected story still takes several lines:\n%s", s)
	}
	// Sources: the column is as wide as the longest one (here 4).
	for i, a := range arts {
		a.Source = []string{"AP", "Blog", "AP"}[i]
	}
	m = modelOver(t, model.NewCorpus(arts, nil, nil), 60, 20)
	if s := screen(m); !strings.Contains(s, " 08:30 Blog Ferry timetable") {
		t.Errorf("the source column is not sized to its content:\n%s", s)
	}
}

// headlineCorpus: a story whose headline quotes someone unnamed, and a
// long quotation.
func headlineCorpus() *model.Corpus {
	a := &model.Article{ID: "h", Source: "Harbour Daily", Title: "Mayor: ‘an own goal’ for the port",
		Published: time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC), DatePrecision: model.PrecisionDateTime,
		Body: []string{"“The closure of the east quay was an own goal for the whole port and every family that depends on it,” the mayor said."}}
	a.Quotes = []model.Quote{
		{Text: "an own goal", Kind: model.KindHeadline, Paragraph: -1},
		quote(a.Body, 0, "The closure of the east quay was an own goal for the whole port and every family that depends on it,", "Rosalind Achterberg", "the mayor"),
	}
	return model.NewCorpus([]*model.Article{a}, nil, []*model.Speaker{{Name: "Rosalind Achterberg", Quotes: 1}})
}

// 3: a quotation shows as much as fits, over two lines.
func TestDefect3QuotesTwoLines(t *testing.T) {
	m := modelOver(t, headlineCorpus(), 40, 12)
	press(t, m, "3")
	s := strings.Join(strings.Fields(screen(m)), " ")
	if !strings.Contains(s, "The closure of the east quay was an own goal for") {
		t.Errorf("the quotation is cut short:\n%s", screen(m))
	}
}

// 15: a headline quotation is "(in the headline)" in the quotes pane, in
// the article's list and under the corpus's speaker groups.
func TestDefect15HeadlineQuote(t *testing.T) {
	m := modelOver(t, headlineCorpus(), 100, 20)
	press(t, m, "3")
	if s := screen(m); !strings.Contains(s, "(in the headline) “an own goal”") {
		t.Errorf("article scope:\n%s", s)
	}
	press(t, m, "a")
	header := false
	for _, l := range strings.Split(screen(m), "\n") {
		left, _, _ := strings.Cut(l, "│")
		header = header || strings.TrimSpace(left) == "(in the headline)"
	}
	if !header {
		t.Errorf("corpus scope by speaker: no (in the headline) group:\n%s", screen(m))
	}
	// In the article, stepping to the headline quotation marks the title.
	press(t, m, "2", "n")
	if s := screen(m); !strings.Contains(s, "▌ Mayor: ‘an own goal’") || !strings.Contains(s, "quote 1/2") {
		t.Errorf("the headline quotation is not marked in the article:\n%s", s)
	}
}

// 4: quotes and speakers both start on this article, and their scope
// stays in the title while a long filter is set.
func TestDefect4ScopeAlwaysShown(t *testing.T) {
	m := newTest(t, 180, 50)
	for _, p := range []paneID{paneQuotes, paneSpeakers} {
		if info := m.panes[p].Info(); info != "this article" {
			t.Errorf("%v starts on %q", p, info)
		}
	}
	press(t, m, "4", "a", "down", "down", "enter") // a speaker: corpus quotes filtered to them
	s := screen(m)
	if !strings.Contains(s, "corpus · by speaker · /speaker:") {
		t.Errorf("the quotes' scope is not in their title:\n%s", s)
	}
	press(t, m, "4", "/")
	typeText(t, m, "a filter far too long to fit in the title of this narrow pane")
	if s := screen(m); !strings.Contains(s, "corpus · /a filter") {
		t.Errorf("the speakers' scope is not in their title:\n%s", s)
	}
}

// 5: the tab labels in the header are clickable, in every layout.
func TestDefect5TabsClickable(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {60, 15}, {100, 30}, {180, 50}} {
		m := newTest(t, sz[0], sz[1])
		top := strings.Split(screen(m), "\n")[0]
		for _, p := range []paneID{paneQuotes, paneSpeakers, paneArticle, paneStories} {
			label := keyName(m.c.keys.Global.Panes[p]) + " "
			at := strings.Index(top, label+p.String()[:2])
			if at < 0 {
				t.Fatalf("%dx%d: no tab for %v in %q", sz[0], sz[1], p, top)
			}
			x := len([]rune(top[:at])) + 2
			drive(t, m, func() tea.Msg { return tea.MouseClickMsg(tea.Mouse{X: x, Y: 0, Button: tea.MouseLeft}) })
			if m.focus != p {
				t.Errorf("%dx%d: a click on the %v tab focused %v", sz[0], sz[1], p, m.focus)
			}
		}
	}
}

// 6: find in the article searches its headline and standfirst too (not
// across the two).
func TestDefect6FindInHeadline(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "down", "enter", "/")
	typeText(t, m, "insists")
	press(t, m, "enter")
	if len(m.article.matches) != 1 || m.article.matches[0] >= len(m.article.header) {
		t.Fatalf("the standfirst's word: matches %v (header has %d lines)", m.article.matches, len(m.article.header))
	}
	if s := screen(m); !strings.Contains(s, "▶ Moscow insists") || !strings.Contains(s, "line 1/1") {
		t.Errorf("the standfirst's match is not marked:\n%s", s)
	}
	press(t, m, "/")
	for range len("insists") {
		press(t, m, "backspace")
	}
	typeText(t, m, "geneva")
	press(t, m, "enter")
	if len(m.article.matches) < 2 || m.article.matches[0] >= m.article.titleN {
		t.Errorf("the headline's word: matches %v", m.article.matches)
	}
	press(t, m, "/")
	for range len("geneva") {
		press(t, m, "backspace")
	}
	typeText(t, m, "meeting moscow")
	press(t, m, "enter")
	if len(m.article.matches) != 0 {
		t.Errorf("a phrase across the headline and the standfirst was found: %v", m.article.matches)
	}
}

// 7: r says so when nothing was removed, and showing the removed text
// scrolls it into view.
func TestDefect7RemovedFeedback(t *testing.T) {
	m := newTest(t, 60, 14)
	press(t, m, "enter", "r") // the top story: nothing removed
	if s := lastLine(screen(m)); !strings.Contains(s, "nothing was removed") {
		t.Errorf("no word that nothing was removed: %q", s)
	}
	press(t, m, "down")
	if s := lastLine(screen(m)); strings.Contains(s, "nothing was removed") {
		t.Errorf("the notice outlived the next key: %q", s)
	}
	press(t, m, "esc", "down", "enter") // the Independent story, one block removed
	if s := screen(m); strings.Contains(s, "removed as boilerplate (1)") {
		t.Fatalf("the removed text is on screen before r:\n%s", s)
	}
	press(t, m, "r")
	if s := screen(m); !strings.Contains(s, "removed as boilerplate (1)") || !strings.Contains(s, "Sign up to our free") {
		t.Errorf("r did not bring the removed text into view:\n%s", s)
	}
}

// 8: a Markdown body renders as Markdown — emphasis, lists, a rule —
// without leaking its syntax or making links or HTML live; its removed
// blocks read as text, not as broken links.
func TestDefect8MarkdownBodies(t *testing.T) {
	a := &model.Article{ID: "md", Format: model.FormatMarkdown, Title: "Quay notes",
		Body: []string{
			"The *mayor* said the **vote** was close, see [the minutes](https://council.example/minutes) and ![a chart](chart.png).",
			"- the east quay\n- the ferry slip",
			"> A quoted letter.",
			"Escaped \\*stars\\*, a `code span`, <b>html</b>, http://bare.example/x and &#27; stay literal.",
			"“We will rebuild it,” she said.",
			"---",
		},
		Removed: []model.Removed{{Text: "*The Herald is funded by its readers. [Support our journalism](https://www.herald.example/support) from 3 crowns a month.*", Reason: "recurring boilerplate"}},
	}
	a.Quotes = []model.Quote{quote(a.Body, 4, "We will rebuild it,", "Ann Lee", "she")}
	for _, st := range []Styles{monoStyles(), newStyles(true, false), newStyles(false, false)} {
		checkMarkdownRender(t, a, st)
	}
	// The removed block reads as text.
	m := modelOver(t, model.NewCorpus([]*model.Article{a}, nil, nil), 60, 40)
	press(t, m, "enter", "r")
	s := strings.Join(strings.Fields(screen(m)), " ")
	if !strings.Contains(s, "The Herald is funded by its readers. Support our journalism from 3 crowns a month.") || strings.Contains(s, "](") {
		t.Errorf("the removed block is not plain text:\n%s", screen(m))
	}
}

func checkMarkdownRender(t *testing.T, a *model.Article, st Styles) {
	t.Helper()
	r := renderArticle(a, 60, st)
	text := ansi.Strip(strings.Join(r.lines, "\n"))
	for _, want := range []string{"The mayor said the vote was close, see the minutes and a chart.", "• the east quay", "• the ferry slip",
		"A quoted letter.", "Escaped *stars*, a", "code span", "<b>html</b>, http://bare.example/x and &#27; stay literal.", "────────", "We will rebuild it,"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("%s: missing %q in:\n%s", st.Name, want, text)
		}
	}
	for _, leak := range []string{"](", "*mayor*", "**vote**", "\n---", "- the east"} {
		if strings.Contains(text, leak) {
			t.Errorf("%s: Markdown syntax %q leaks into:\n%s", st.Name, leak, text)
		}
	}
	if r.quoteFirst[0] < 0 {
		t.Error("the quotation is not located in a Markdown body")
	}
	if raw := strings.Join(r.lines, "\n"); strings.Contains(raw, "\x1b]8;") {
		t.Errorf("%s: a link became a terminal hyperlink", st.Name)
	}
}

// 10: a title made from the lead (no headline) is marked in words, in the
// list and in the article, so it shows without colour too.
func TestDefect10DerivedTitleMarked(t *testing.T) {
	a := &model.Article{ID: "d", Title: "The harbour board met on Tuesday to", TitleDerived: true,
		Body: []string{"The harbour board met on Tuesday to discuss the budget."}}
	b := &model.Article{ID: "e", Title: "Budget approved", Body: []string{"It was."}}
	m := modelOver(t, model.NewCorpus([]*model.Article{a, b}, nil, nil), 100, 20)
	press(t, m, "enter")
	s := screen(m)
	if n := strings.Count(s, "(no headline) The harbour board"); n != 2 {
		t.Errorf("the derived title is marked %d times, want 2 (list and article):\n%s", n, s)
	}
	if strings.Contains(s, "(no headline) Budget") {
		t.Errorf("a real headline is marked:\n%s", s)
	}
}

// 14: a date the filter cannot read is said at once, in the filter line,
// while typing and after; a month name reads as that month of any year.
func TestDefect14DateErrorsAndMonths(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "/")
	typeText(t, m, "on:garbage")
	if s := screen(m); !strings.Contains(s, "on:garbage is not a date") {
		t.Errorf("no error while typing:\n%s", s)
	}
	press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "on:garbage is not a date") {
		t.Errorf("no error once kept:\n%s", s)
	}
	press(t, m, "/")
	for range len("garbage") {
		press(t, m, "backspace")
	}
	typeText(t, m, "jan")
	press(t, m, "enter")
	// January of any year: the two January 2022 stories.
	if s := screen(m); !strings.Contains(s, "2/4 stories") || strings.Contains(s, "not a date") {
		t.Errorf("on:jan:\n%s", s)
	}
}

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"*The Herald is funded. [Support us](https://x.example/s) from 3 crowns a month.*": "The Herald is funded. Support us from 3 crowns a month.",
		"**bold** and _it_ and snake_case and 2*3 and a * b":                               "bold and it and snake_case and 2*3 and a * b",
		"![chart](c.png) \\*literal\\* [ref][1] [plain]":                                   "chart *literal* ref plain",
		"*Got a story? Email news@example.org.*":                                           "Got a story? Email news@example.org.",
	} {
		if got := markdownText(in); got != want {
			t.Errorf("markdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// 2, continued: no time column when no listed story has a time (all of
// BBC is undated), and the article says a source is unknown.
func TestDefect2NoEmptyColumns(t *testing.T) {
	var arts []*model.Article
	for i, title := range []string{"Ad sales boost profit", "Dollar gains on speech"} {
		arts = append(arts, &model.Article{ID: fmt.Sprint(i), Title: title, Body: []string{"Text."}})
	}
	m := modelOver(t, model.NewCorpus(arts, nil, nil), 100, 20)
	s := screen(m)
	if !strings.Contains(s, "\n Dollar gains on speech") && !strings.Contains(s, "\n›Dollar gains on speech") {
		t.Errorf("an empty time column is drawn:\n%s", s)
	}
	if !strings.Contains(s, "source unknown · undated") {
		t.Errorf("the article does not say its source is unknown:\n%s", s)
	}
	// One story in ten with a source: it goes before that title, not in
	// a column blank for the other nine.
	for i := range 8 {
		arts = append(arts, &model.Article{ID: fmt.Sprint(10 + i), Title: fmt.Sprint("Story ", i), Body: []string{"Text."}})
	}
	arts[1].Source = "Agencies"
	m = modelOver(t, model.NewCorpus(arts, nil, nil), 100, 20)
	if s := screen(m); !strings.Contains(s, "\n Agencies · Dollar gains on speech") || !strings.Contains(s, "\n Story 3 ") {
		t.Errorf("a rare source is not inline:\n%s", s)
	}
}

// Issue 13: the article header shows the page's address, an OSC 8
// hyperlink when it is an http(s) address and plain text otherwise.
func TestArticleHeaderURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		link bool
	}{
		{"https://news.example/2024/03/port-deal?ref=rss", true},
		{"http://news.example/a", true},
		{"ftp://files.example/a", false},
		{"javascript:alert(1)", false},
		{"", false},
	} {
		a := &model.Article{ID: "u", Title: "Port deal signed", URL: tc.url, Body: []string{"The deal was signed."}}
		m := modelOver(t, model.NewCorpus([]*model.Article{a}, nil, nil), 100, 30)
		press(t, m, "enter")
		raw := m.View().Content
		if tc.url != "" && !strings.Contains(screen(m), tc.url) {
			t.Errorf("%q: the address is not in the header:\n%s", tc.url, screen(m))
		}
		if got := strings.Contains(raw, "\x1b]8;;"+tc.url+"\a"); got != tc.link {
			t.Errorf("%q: hyperlink %v, want %v", tc.url, got, tc.link)
		}
		if bad := foreignEscape(raw); bad != "" {
			t.Errorf("%q: %s", tc.url, bad)
		}
	}
}
