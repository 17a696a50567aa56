package tui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var testNow = time.Date(2022, 1, 20, 12, 0, 0, 0, time.UTC)

// quote makes a quotation located in paragraph p of body.
func quote(body []string, p int, text, speaker, mention string) model.Quote {
	start := strings.Index(body[p], text)
	if start < 0 {
		panic("quote not in paragraph: " + text)
	}
	return model.Quote{Text: text, Speaker: speaker, Mention: mention, Cue: "said", Kind: model.KindQuote,
		Paragraph: int32(p), Start: int32(start), End: int32(start + len(text)), EndParagraph: int32(p)}
}

// testCorpus is a small fixed corpus: the two seed stories' shape (an
// Independent story quoting Ryabkov and Blinken, an Agencies story quoting
// Lavrov), an older story, an undated one, and a problem.
func testCorpus() *model.Corpus {
	est := time.FixedZone("EST", -5*3600)
	ind := &model.Article{ID: "seeds/independent", Path: "seeds/independent.txt", Source: "The Independent",
		Title: "Russia and US agree to keep talking after ‘difficult’ Geneva meeting", Standfirst: "Moscow insists it has no plans to invade Ukraine",
		Authors: []string{"Kim Sengupta"}, Published: time.Date(2022, 1, 10, 20, 15, 0, 0, est), DatePrecision: model.PrecisionDateTime,
		Body: []string{
			"Russia’s deputy foreign minister Sergei Ryabkov said the talks with the United States had been “difficult” but “professional”.",
			"“We have no intention to invade Ukraine,” Mr Ryabkov told reporters after nearly eight hours of negotiations in Geneva.",
			"The US secretary of state, Antony Blinken, said: “There is a path of diplomacy and dialogue, and there is a path of confrontation and massive consequences.”",
			"Talks continue in Brussels on Wednesday & Thursday.",
		},
		Removed: []model.Removed{{Text: "Sign up to our free Evening Headlines email", Reason: "newsletter promotion"}}}
	ind.Quotes = []model.Quote{
		quote(ind.Body, 1, "We have no intention to invade Ukraine,", "Sergei Ryabkov", "Mr Ryabkov"),
		quote(ind.Body, 2, "There is a path of diplomacy and dialogue, and there is a path of confrontation and massive consequences.", "Antony Blinken", "Antony Blinken"),
		quote(ind.Body, 0, "difficult", "", ""),
	}
	ind.Quotes[2].Kind = model.KindTerm
	ag := &model.Article{ID: "seeds/agencies", Path: "seeds/agencies.txt", Source: "Agencies", Credit: "Agencies",
		Title: "Lavrov says West must give security guarantees", Published: time.Date(2022, 1, 14, 0, 0, 0, 0, time.UTC),
		DatePrecision: model.PrecisionDate,
		Body: []string{
			"Russian foreign minister Sergei Lavrov said on Friday that Moscow was waiting for written answers.",
			"“We are running out of patience,” Lavrov told a news conference in Moscow.",
		}}
	ag.Quotes = []model.Quote{quote(ag.Body, 1, "We are running out of patience,", "Sergei Lavrov", "Lavrov")}
	old := &model.Article{ID: "seeds/old", Path: "seeds/old.md", Source: "The Independent", Title: "Ukraine braces for a long winter",
		Published: time.Date(2021, 12, 1, 9, 0, 0, 0, time.UTC), DatePrecision: model.PrecisionDateTime,
		Body: []string{"Nothing about Geneva here; *markdown* and <b>html</b> and &#27;[31m stay literal."}}
	undated := &model.Article{ID: "seeds/undated", Path: "seeds/undated.txt", Source: "Blog", Title: "Notes on Ryábkov’s style",
		Body: []string{"An undated note."}}
	speakers := []*model.Speaker{
		{Name: "Sergei Ryabkov", Kind: model.SpeakerPerson, Role: "deputy foreign minister", Aliases: []string{"Mr Ryabkov"}, Quotes: 1,
			Articles: []string{"seeds/independent"}, Sources: []string{"The Independent"}},
		{Name: "Antony Blinken", Kind: model.SpeakerPerson, Role: "US secretary of state", Quotes: 1,
			Articles: []string{"seeds/independent"}, Sources: []string{"The Independent"}},
		{Name: "Sergei Lavrov", Kind: model.SpeakerPerson, Role: "foreign minister", Aliases: []string{"Lavrov"}, Quotes: 1,
			Articles: []string{"seeds/agencies"}, Sources: []string{"Agencies"}},
	}
	return model.NewCorpus([]*model.Article{undated, old, ag, ind},
		[]model.Problem{{Path: "seeds/broken.html", Reason: "not valid UTF-8"}}, speakers)
}

// drive runs cmd and every command its messages lead to, synchronously,
// feeding the messages to the model.
func drive(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("command loop")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func newTest(t testing.TB, w, h int) *Model {
	t.Helper()
	m := newTestConfig(t, true)
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

// newTestConfig is a model over the test corpus before its first size.
func newTestConfig(t testing.TB, noColor bool) *Model {
	t.Helper()
	m := New(context.Background(), Config{Store: browse.Prepare(testCorpus()), Title: "test corpus", NoColor: noColor, Now: func() time.Time { return testNow }}).(*Model)
	drive(t, m, m.Init())
	return m
}

// press sends keys: single characters, or names like "enter", "tab".
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		drive(t, m, func() tea.Msg { return keyMsg(k) })
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c", "ctrl+d", "ctrl+u":
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText presses each character of s.
func typeText(t testing.TB, m *Model, s string) {
	for _, r := range s {
		press(t, m, string(r))
	}
}

func screen(m *Model) string {
	v := m.View()
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// goldenState is a screen: keys pressed from the start, text typed after
// them, more keys after that.
type goldenState struct {
	name string
	keys []string
	text string
	more []string
}

// states are the screens checked at every size.
var states = []goldenState{
	{name: "stories"},
	{name: "stories-by-source", keys: []string{"s"}},
	{name: "stories-by-quotes", keys: []string{"s", "s"}},
	{name: "article", keys: []string{"down", "enter"}},
	{name: "article-removed", keys: []string{"down", "enter", "r", "G"}},
	{name: "article-next-quote", keys: []string{"down", "enter", "n", "n"}},
	{name: "quotes", keys: []string{"down", "3"}},
	{name: "quotes-corpus", keys: []string{"3", "a"}},
	{name: "quotes-by-date", keys: []string{"3", "a", "s"}},
	{name: "quote-open", keys: []string{"3", "a", "down", "down", "down", "enter"}},
	{name: "speakers", keys: []string{"4"}},
	{name: "speakers-article", keys: []string{"down", "4", "a"}},
	{name: "speaker-filter", keys: []string{"4", "down", "down", "enter"}},
	{name: "filter-typing", keys: []string{"/"}, text: "ryab"},
	{name: "filter-kept", keys: []string{"/"}, text: "ryabkov", more: []string{"enter"}},
	{name: "filter-cleared", keys: []string{"/"}, text: "ryabkov", more: []string{"enter", "esc"}},
	{name: "filter-qualifiers", keys: []string{"/"}, text: "source:independent -speaker:lavrov after:2022-01-01", more: []string{"enter"}},
	{name: "filter-no-match", keys: []string{"/"}, text: "zzz", more: []string{"enter"}},
	{name: "filter-speakers", keys: []string{"4", "/"}, text: "minister", more: []string{"enter"}},
	{name: "article-find", keys: []string{"down", "enter", "/"}, text: "PATH", more: []string{"enter"}},
	{name: "article-find-next", keys: []string{"down", "enter", "/"}, text: "path", more: []string{"enter", "n"}},
	{name: "article-find-none", keys: []string{"down", "enter", "/"}, text: "zzz", more: []string{"enter"}},
	{name: "help", keys: []string{"?"}},
	{name: "problems", keys: []string{"p"}},
	{name: "tab-tab", keys: []string{"tab", "tab"}},
}

var sizes = []struct{ w, h int }{{40, 12}, {100, 30}, {180, 50}}

func TestGolden(t *testing.T) {
	for _, st := range states {
		for _, sz := range sizes {
			name := fmt.Sprintf("%s-%dx%d", st.name, sz.w, sz.h)
			t.Run(name, func(t *testing.T) {
				m := newTest(t, sz.w, sz.h)
				press(t, m, st.keys...)
				typeText(t, m, st.text)
				press(t, m, st.more...)
				golden(t, name, screen(m))
			})
		}
	}
}

func TestLoadingScreen(t *testing.T) {
	release := make(chan struct{})
	seen := make(chan struct{}) // the test has the first snapshot
	preview := testCorpus().Articles[2:]
	m := New(context.Background(), Config{Title: "slow", NoColor: true, Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, progress func(model.Progress)) (*model.Corpus, error) {
			progress(model.Progress{Found: 4, Done: 2, Walking: true, Articles: preview})
			<-seen // no more progress until the snapshot of this one is out
			progress(model.Progress{Found: 4, Done: 3, Walking: true})
			<-release
			return testCorpus(), nil
		}}).(*Model)
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	// The window is drawn at once, before anything has loaded.
	if s := screen(m); !strings.Contains(s, "loading") {
		t.Fatalf("no loading state:\n%s", s)
	}
	m.Init()
	// One snapshot of previews, and what it leads to (but not the wait
	// for the next snapshot, which would block until released).
	snap := m.loader.Next()
	close(seen)
	_, cmd := m.Update(storeMsg{snap})
	drive(t, m, withoutLoad(cmd))
	if !m.c.loading || m.c.info.Stories != 2 {
		t.Fatalf("loading %v, %d previews", m.c.loading, m.c.info.Stories)
	}
	s := screen(m)
	if !strings.Contains(s, "loading") || !strings.Contains(s, "Ukraine braces") {
		t.Errorf("previews not listed while loading:\n%s", s)
	}
	golden(t, "loading-100x30", s)
	close(release)
	for m.c.loading {
		_, cmd := m.Update(storeMsg{m.loader.Next()})
		drive(t, m, withoutLoad(cmd))
	}
	if s := screen(m); !strings.Contains(s, "4/4 stories") {
		t.Errorf("final corpus not shown:\n%s", s)
	}
}

// withoutLoad runs a command's messages except the loader's (the test
// reads the loader itself).
func withoutLoad(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := c().(type) {
		case tea.BatchMsg:
			var keep tea.BatchMsg
			for _, x := range msg {
				keep = append(keep, withoutLoad(x))
			}
			return keep
		case storeMsg:
			return nil
		default:
			return msg
		}
	}
}

func TestPreparedIsShared(t *testing.T) {
	p := browse.Prepare(testCorpus())
	var screens []string
	for range 2 {
		m := New(context.Background(), Config{Store: p, NoColor: true, Now: func() time.Time { return testNow }}).(*Model)
		drive(t, m, m.Init())
		drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
		if m.c.store != browse.Store(p) {
			t.Fatal("session did not use the prepared index")
		}
		screens = append(screens, screen(m))
	}
	press(t, New(context.Background(), Config{Store: p}).(*Model), "/", "x")
	if screens[0] != screens[1] || !strings.Contains(screens[0], "4/4 stories") {
		t.Errorf("sessions differ or are empty:\n%s", screens[0])
	}
}

func TestFilterSemanticsInUI(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "/")
	typeText(t, m, "ryabkov")
	press(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "Russia and US agree") || strings.Contains(s, "Lavrov says West") {
		t.Errorf("/ryabkov should keep the Independent story only:\n%s", s)
	}
	if !strings.Contains(s, "Notes on Ryábkov") {
		t.Errorf("accent-insensitive match missing:\n%s", s)
	}
	// Matches are highlighted (bold and underlined in monochrome).
	if raw := m.View().Content; !strings.Contains(raw, "Notes on "+monoStyles().Match.Render("Ryábkov")) {
		t.Errorf("the match is not highlighted:\n%q", raw)
	}
	// q types into an open filter.
	press(t, m, "/", "q")
	if m.stories.query != "ryabkovq" {
		t.Errorf("q in filter: %q", m.stories.query)
	}
	press(t, m, "esc")
	if m.stories.query != "" {
		t.Errorf("esc did not clear: %q", m.stories.query)
	}
}

// TestFindInArticle: / in the article finds words in it (not the stories
// filter), n/N go from match to match while a find is set, esc clears it
// and n/N go back to quotations.
func TestFindInArticle(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "down", "enter")
	if m.focus != paneArticle || m.article.art == nil {
		t.Fatalf("enter did not open an article in the article pane")
	}
	id := m.article.id
	press(t, m, "/")
	typeText(t, m, "Path")
	press(t, m, "enter")
	if m.stories.query != "" {
		t.Errorf("/ in the article changed the stories filter: %q", m.stories.query)
	}
	matches := m.article.matches
	if len(matches) == 0 {
		t.Fatalf("no match for %q in %s:\n%s", "path", id, screen(m))
	}
	if m.article.findLine != matches[0] {
		t.Errorf("find went to line %d, want the first match %d", m.article.findLine, matches[0])
	}
	if s := screen(m); !strings.Contains(s, "line 1/"+itoa(len(matches))) || !strings.Contains(s, "▶") {
		t.Errorf("the title should count matches and the gutter mark the current one:\n%s", s)
	}
	// The words themselves are marked (bold and underlined in monochrome).
	if raw := m.View().Content; !strings.Contains(raw, monoStyles().Match.Render("path")) {
		t.Errorf("the found words are not marked:\n%q", raw)
	}
	// n wraps around the matches; N goes back.
	for i := 1; i <= len(matches); i++ {
		press(t, m, "n")
		if want := matches[i%len(matches)]; m.article.findLine != want {
			t.Errorf("after %d n: line %d, want %d", i, m.article.findLine, want)
		}
	}
	press(t, m, "N")
	if want := matches[len(matches)-1]; m.article.findLine != want {
		t.Errorf("N from the first match: line %d, want the last %d", m.article.findLine, want)
	}
	if m.article.curQuote != -1 {
		t.Errorf("n/N moved to a quotation while a find was set")
	}
	// Accents and case are ignored, as in filters.
	press(t, m, "/", "backspace", "backspace", "backspace", "backspace")
	typeText(t, m, "DIPLÔMACY")
	press(t, m, "enter")
	if len(m.article.matches) == 0 {
		t.Errorf("accent- and case-insensitive find failed")
	}
	press(t, m, "esc")
	if m.article.find != "" {
		t.Errorf("esc did not clear the find: %q", m.article.find)
	}
	press(t, m, "n")
	if m.article.curQuote < 0 {
		t.Errorf("with no find, n should go to a quotation")
	}
}

func TestSelectionKeptAcrossSortAndFilter(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "down") // the Independent story
	if m.stories.selID != "seeds/independent" {
		t.Fatalf("selected %q", m.stories.selID)
	}
	press(t, m, "s", "s", "s")
	press(t, m, "/")
	typeText(t, m, "geneva")
	press(t, m, "enter")
	if m.stories.selID != "seeds/independent" || m.article.id != "seeds/independent" {
		t.Errorf("selection lost: sel %q open %q", m.stories.selID, m.article.id)
	}
}

func TestQuitKeys(t *testing.T) {
	m := newTest(t, 80, 24)
	if _, c := m.Update(keyMsg("q")); c == nil || fmt.Sprint(c()) != fmt.Sprint(tea.Quit()) {
		t.Error("q does not quit")
	}
	m = newTest(t, 80, 24)
	press(t, m, "/")
	if _, c := m.Update(keyMsg("ctrl+c")); c == nil || fmt.Sprint(c()) != fmt.Sprint(tea.Quit()) {
		t.Error("ctrl+c does not quit while filtering")
	}
}

func TestNoEscapesFromCorpus(t *testing.T) {
	c := testCorpus()
	evil := &model.Article{ID: "evil", Source: "Evil\x1b[31m", Title: "Title \x1b]0;pwned\x07 \x9b31m",
		Published: testNow, DatePrecision: model.PrecisionDateTime,
		Body: []string{"Body &#27;[31m &#x1b;]0;pwned&#7; \x1b[2J http://example.com/x ~~s~~ <script>x</script>"}}
	c = model.NewCorpus(append(c.Articles, evil), c.Problems, c.Speakers)
	for _, noColor := range []bool{true, false} {
		m := New(context.Background(), Config{Store: browse.Prepare(c), NoColor: noColor, Now: func() time.Time { return testNow }}).(*Model)
		drive(t, m, m.Init())
		drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 180, Height: 50} })
		press(t, m, "enter")
		raw := m.View().Content
		for _, bad := range []string{"\x1b[31m", "\x1b]0;", "\x1b[2J", "\x9b", "\x07", "\x1b]8;"} {
			if strings.Contains(raw, bad) {
				t.Errorf("noColor=%v: corpus text reached the terminal as %q", noColor, bad)
			}
		}
		if !strings.Contains(ansi.Strip(raw), "~~s~~") {
			t.Errorf("markdown in a plain body was interpreted:\n%s", ansi.Strip(raw))
		}
	}
}

func TestAnySizeNeverPanics(t *testing.T) {
	m := newTest(t, 80, 24)
	keys := [][]string{nil, {"enter"}, {"3", "a"}, {"4"}, {"?"}, {"p"}, {"/", "x"}, {"2", "r", "n"}}
	for w := 0; w <= 50; w += 1 {
		for h := 0; h <= 14; h++ {
			for _, ks := range keys {
				m := newTest(t, w, h)
				press(t, m, ks...)
				s := m.View().Content
				if w > 0 && h > 0 {
					lines := strings.Split(s, "\n")
					if len(lines) != h {
						t.Fatalf("%dx%d %v: %d lines", w, h, ks, len(lines))
					}
					for _, l := range lines {
						if ansi.StringWidth(l) > w {
							t.Fatalf("%dx%d %v: line wider than the screen: %q", w, h, ks, ansi.Strip(l))
						}
					}
				}
			}
		}
	}
	// Resize in every state down to nothing and back.
	for _, sz := range []struct{ w, h int }{{1, 1}, {0, 0}, {2, 1}, {300, 3}, {3, 300}, {40, 12}} {
		drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: sz.w, Height: sz.h} })
		press(t, m, "down", "enter", "n", "tab")
		_ = m.View()
	}
}

func TestMouseWheelScrollsPaneUnderPointer(t *testing.T) {
	m := newTest(t, 180, 50)
	press(t, m, "down", "enter")
	before := m.stories.list.cursor
	// Over the article (the middle column).
	drive(t, m, func() tea.Msg {
		return tea.MouseWheelMsg(tea.Mouse{X: 90, Y: 10, Button: tea.MouseWheelDown})
	})
	if m.stories.list.cursor != before {
		t.Error("wheel over the article moved the stories cursor")
	}
	// Over the stories pane.
	drive(t, m, func() tea.Msg {
		return tea.MouseWheelMsg(tea.Mouse{X: 5, Y: 10, Button: tea.MouseWheelUp})
	})
	if m.stories.list.offset != 0 {
		t.Error("wheel over stories did not scroll them")
	}
}

func TestArticleMarkdownIsLiteral(t *testing.T) {
	a := &model.Article{Body: []string{"# not a heading", "* not a list", "1. no", "a **b** _c_ `d` [e](f) <g> &amp; \\ |t|", "“quoted words,” he said."}}
	a.Quotes = []model.Quote{quote(a.Body, 4, "quoted words,", "X", "he")}
	r := renderArticle(a, 60, monoStyles())
	text := ansi.Strip(strings.Join(r.lines, "\n"))
	for _, want := range []string{"# not a heading", "* not a list", "1. no", "a **b** _c_ `d` [e](f) <g> &amp; \\ |t|", "quoted words,"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing literal %q in:\n%s", want, text)
		}
	}
	if r.quoteFirst[0] < 0 {
		t.Error("quotation not located in the render")
	}
	if strings.ContainsRune(text, markOpen) || strings.ContainsRune(text, markClose) {
		t.Error("markers left in the render")
	}
}

func TestNarrowEnterAndBack(t *testing.T) {
	m := newTest(t, 40, 12)
	press(t, m, "down", "enter")
	if m.focus != paneArticle || m.article.id != "seeds/independent" {
		t.Fatalf("enter: focus %v, open %q", m.focus, m.article.id)
	}
	press(t, m, "n")
	if m.article.curQuote < 0 {
		t.Fatal("n found no quotation")
	}
	press(t, m, "esc") // drops the current quotation
	press(t, m, "esc") // back to the list
	if m.focus != paneStories || m.stories.selID != "seeds/independent" {
		t.Errorf("esc: focus %v, selected %q", m.focus, m.stories.selID)
	}
}

// TestOverlaysScrollAndClose: in help and problems, arrows and pages
// scroll (within bounds), q quits, any other key closes the overlay.
func TestOverlaysScrollAndClose(t *testing.T) {
	m := newTest(t, 40, 12)
	press(t, m, "?", "down", "down", "up")
	if m.mode != modeHelp || m.help.scroll != 1 {
		t.Fatalf("help: mode %v, scroll %d; want help, 1", m.mode, m.help.scroll)
	}
	press(t, m, "up", "up")
	if m.help.scroll != 0 {
		t.Errorf("help scrolled above its top: %d", m.help.scroll)
	}
	press(t, m, "x")
	if m.mode == modeHelp {
		t.Error("another key did not close help")
	}
	press(t, m, "p", "down")
	if m.mode != modeProblems || m.problems.scroll != 0 {
		t.Errorf("problems: mode %v, scroll %d; want problems, 0 (one problem)", m.mode, m.problems.scroll)
	}
	if _, quit := m.key(keyMsg("q")); quit || m.mode != modeBrowse {
		t.Errorf("q in problems: quit %v, mode %v; want closed", quit, m.mode)
	}
}
