package tui

import (
	"context"
	"database/sql"
	"fmt"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/state"
)

// newTestConfigReader is a model over the test corpus with a reader's
// state, sized 100×30.
func newTestConfigReader(t testing.TB, v *state.View) *Model {
	t.Helper()
	c := testCorpus()
	v.Attach(state.NewCorpus(c))
	m := New(context.Background(), Config{Store: browse.Prepare(c), Title: "test corpus", NoColor: true,
		Now: func() time.Time { return testNow }, Reader: v}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	return m
}

// collect runs cmd and the commands its messages lead to, like drive, and
// returns every message, including the ones the program itself handles
// (a clipboard write, a process to run).
func collect(t testing.TB, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
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
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			out = append(out, msg)
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return out
}

// pressCollect presses a key and returns every message that followed.
func pressCollect(t testing.TB, m *Model, k string) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	return collect(t, m, cmd)
}

// clipboard is what the messages put on the clipboard (OSC 52), or "".
func clipboard(msgs []tea.Msg) string {
	for _, msg := range msgs {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" {
			return reflect.ValueOf(msg).String()
		}
	}
	return ""
}

func statusOf(m *Model) string {
	lines := strings.Split(strings.TrimRight(screen(m), "\n"), "\n")
	return lines[len(lines)-1]
}

// TestReadMarks: opening a story to read it marks it read, in text (✓)
// as well as dimmed; u toggles it; the status line counts the unread;
// is:unread and is:read narrow the list.
func TestReadMarks(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	if s := statusOf(m); !strings.Contains(s, "4/4 stories (4 unread)") {
		t.Fatalf("status: %q", s)
	}
	press(t, m, "down", "enter") // the Independent story, read
	if !v.Marks().IsRead("seeds/independent") {
		t.Fatal("opening a story did not mark it read")
	}
	press(t, m, "1")
	s := screen(m)
	if !strings.Contains(s, "›✓ 20:15 The Independ") || !strings.Contains(statusOf(m), "(3 unread)") {
		t.Errorf("the read story is not marked in text, or the count is wrong:\n%s", s)
	}
	// Moving the cursor (the article follows it beside the list) is no
	// reading: nothing else is marked.
	press(t, m, "down")
	if r, _, _ := v.Marks().Len(); r != 1 {
		t.Errorf("%d stories read after moving the cursor, want 1", r)
	}
	press(t, m, "u")
	if !v.Marks().IsRead("seeds/old") || !strings.Contains(statusOf(m), "marked read") {
		t.Errorf("u did not mark the selected story read: %q", statusOf(m))
	}
	press(t, m, "u")
	if v.Marks().IsRead("seeds/old") {
		t.Error("u again did not mark it unread")
	}
	press(t, m, "/")
	typeText(t, m, "is:unread")
	press(t, m, "enter")
	if s := statusOf(m); !strings.HasPrefix(s, "3/4 stories (3 unread)") {
		t.Errorf("is:unread: %q", s)
	}
	if strings.Contains(screen(m), "✓") {
		t.Error("is:unread lists a read story")
	}
	press(t, m, "/")
	for range len("is:unread") {
		press(t, m, "backspace")
	}
	typeText(t, m, "is:read")
	press(t, m, "enter")
	if s := statusOf(m); !strings.HasPrefix(s, "1/4 stories (0 unread)") {
		t.Errorf("is:read: %q", s)
	}
}

// TestReadUnderIsUnread: a story read while the list shows is:unread
// stays listed (marked) until the filter changes.
func TestReadUnderIsUnread(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	press(t, m, "/")
	typeText(t, m, "is:unread")
	press(t, m, "enter", "down", "enter", "1")
	if s := screen(m); !strings.Contains(s, "›✓") || !strings.HasPrefix(statusOf(m), "4/4 stories (3 unread)") {
		t.Errorf("the story just read left the list or is not marked:\n%s", s)
	}
	if m.article.id != "seeds/independent" {
		t.Errorf("the open article changed to %q", m.article.id)
	}
}

// TestStars: * stars the selected story, and in the quotes pane the
// selected quotation; is:starred lists them; ★ marks them in text.
func TestStars(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	press(t, m, "*")
	if !v.Marks().IsStarred("seeds/agencies") || !strings.Contains(screen(m), "›★") && !strings.Contains(screen(m), "› ★") {
		t.Errorf("* did not star the story:\n%s", screen(m))
	}
	press(t, m, "3", "a") // the corpus's quotations
	press(t, m, "down", "*")
	if _, _, q := v.Marks().Len(); q != 1 {
		t.Fatalf("%d quotations starred, want 1", q)
	}
	press(t, m, "/")
	typeText(t, m, "is:starred")
	press(t, m, "enter")
	if nq := m.quotes.res.Matched; nq != 1 || !strings.Contains(screen(m), "★") {
		t.Errorf("is:starred in Quotes lists %d:\n%s", nq, screen(m))
	}
	press(t, m, "*") // unstar it: it leaves the is:starred list
	if nq := m.quotes.res.Matched; nq != 0 {
		t.Errorf("after unstarring, is:starred lists %d", nq)
	}
}

// TestFilterHistory: ↑ and ↓ in the filter recall the pane's earlier
// filters, newest first, and back to what was typed.
func TestFilterHistory(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	for _, q := range []string{"geneva", "lavrov"} {
		press(t, m, "/")
		typeText(t, m, q)
		press(t, m, "enter", "esc")
	}
	press(t, m, "/")
	typeText(t, m, "uk")
	press(t, m, "up")
	if m.filter.value() != "lavrov" || m.stories.Query() != "lavrov" {
		t.Errorf("↑ recalled %q (applied %q), want lavrov", m.filter.value(), m.stories.Query())
	}
	press(t, m, "up")
	if m.filter.value() != "geneva" {
		t.Errorf("↑↑ recalled %q", m.filter.value())
	}
	press(t, m, "up") // nothing older
	press(t, m, "down", "down")
	if m.filter.value() != "uk" {
		t.Errorf("↓↓ gave %q, want what was typed", m.filter.value())
	}
	if h := v.History("stories"); len(h) != 2 || h[0] != "lavrov" {
		t.Errorf("history = %q", h)
	}
	if h := v.History("quotes"); len(h) != 0 {
		t.Errorf("the quotes pane has the stories' history: %q", h)
	}
}

// TestSavedFilters: S saves the focused pane's filter under a name, F
// lists them, enter puts one back on its pane, d deletes.
func TestSavedFilters(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	press(t, m, "F")
	if !strings.Contains(statusOf(m), "no saved filters yet") {
		t.Errorf("F with none: %q", statusOf(m))
	}
	press(t, m, "3", "/")
	typeText(t, m, "speaker:lavrov")
	press(t, m, "enter", "S")
	if !strings.Contains(statusOf(m), "save quotes /speaker:lavrov as") {
		t.Fatalf("S: %q", statusOf(m))
	}
	typeText(t, m, "lavrov's")
	press(t, m, "enter")
	if f := v.SavedFilters(); len(f) != 1 || f[0].Name != "lavrov's" || f[0].Pane != "quotes" || f[0].Query != "speaker:lavrov" {
		t.Fatalf("saved: %+v", f)
	}
	press(t, m, "esc", "1", "F")
	if s := screen(m); !strings.Contains(s, "Saved filters") || !strings.Contains(s, "lavrov's") {
		t.Fatalf("the picker:\n%s", s)
	}
	press(t, m, "enter")
	if m.focus != paneQuotes || m.quotes.Query() != "speaker:lavrov" {
		t.Errorf("applying: focus %v, quotes filter %q", m.focus, m.quotes.Query())
	}
	press(t, m, "F", "d")
	if len(v.SavedFilters()) != 0 {
		t.Error("d did not delete the saved filter")
	}
}

// TestCopyWithCitation: y on a quotation copies it with its citation
// (OSC 52), Y the URL, c a story's citation line; a notice says so.
func TestCopyWithCitation(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	a, _ := m.c.store.Article(context.Background(), "seeds/independent")
	a.URL = "https://example.org/geneva"
	press(t, m, "down", "3")
	want := "“We have no intention to invade Ukraine,” — Sergei Ryabkov (The Independent, 10 January 2022) https://example.org/geneva"
	if got := clipboard(pressCollect(t, m, "y")); got != want {
		t.Errorf("y copied %q, want %q", got, want)
	}
	if !strings.Contains(statusOf(m), "copied “We have no") {
		t.Errorf("no notice: %q", statusOf(m))
	}
	if got := clipboard(pressCollect(t, m, "Y")); got != "https://example.org/geneva" {
		t.Errorf("Y copied %q", got)
	}
	press(t, m, "1")
	want = "Kim Sengupta, “Russia and US agree to keep talking after ‘difficult’ Geneva meeting”, The Independent, 10 January 2022. https://example.org/geneva"
	if got := clipboard(pressCollect(t, m, "c")); got != want {
		t.Errorf("c copied %q, want %q", got, want)
	}
	if got := clipboard(pressCollect(t, m, "y")); got != "" || !strings.Contains(statusOf(m), "copies a quotation") {
		t.Errorf("y on a story copied %q; notice %q", got, statusOf(m))
	}
}

// recorder is a System that records what it is asked, to show that Update
// asks nothing of the machine: everything runs in commands.
type recorder struct {
	mu      sync.Mutex
	started []string
	created []string
	env     []string
	dir     string
}

func (r *recorder) system() System {
	return System{
		Getenv: func(k string) string {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.env = append(r.env, k)
			return ""
		},
		Start: func(c *exec.Cmd) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.started = append(r.started, strings.Join(c.Args, " "))
			return nil
		},
		Create: func(path string) (io.WriteCloser, error) {
			r.mu.Lock()
			r.created = append(r.created, path)
			r.mu.Unlock()
			return os.Create(filepath.Join(r.dir, filepath.Base(path)))
		},
	}
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.started) + len(r.created) + len(r.env)
}

// TestActionsRunInCommands: o, e and x touch the machine (an opener, a
// pager, a file) only in the commands Update returns, never in Update.
func TestActionsRunInCommands(t *testing.T) {
	rec := &recorder{dir: t.TempDir()}
	c := testCorpus()
	a, _ := c.Article("seeds/agencies")
	a.URL = "https://example.org/lavrov"
	v := state.Memory()
	v.Attach(state.NewCorpus(c))
	m := New(context.Background(), Config{Store: browse.Prepare(c), NoColor: true, Now: func() time.Time { return testNow },
		Reader: v, System: rec.system()}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })

	_, cmd := m.Update(keyMsg("o"))
	if rec.calls() != 0 {
		t.Fatal("o ran something in Update")
	}
	collect(t, m, cmd)
	if len(rec.started) != 1 || !strings.HasSuffix(rec.started[0], " https://example.org/lavrov") {
		t.Errorf("o started %q", rec.started)
	}

	before := rec.calls()
	_, cmd = m.Update(keyMsg("e"))
	if rec.calls() != before {
		t.Fatal("e ran something in Update")
	}
	msgs := collect(t, m, cmd)
	if rec.calls() == before || len(msgs) == 0 || fmt.Sprintf("%T", msgs[len(msgs)-1]) == "tui.noticeMsg" && len(msgs) == 1 {
		t.Errorf("e did not ask for the pager in its command: %v", msgs)
	}

	press(t, m, "x")
	if m.mode != modePrompt || !strings.Contains(statusOf(m), "export 4 stories to") {
		t.Fatalf("x: %q", statusOf(m))
	}
	for range 40 {
		press(t, m, "backspace")
	}
	typeText(t, m, "out.jsonl")
	before = rec.calls()
	_, cmd = m.Update(keyMsg("enter"))
	if rec.calls() != before {
		t.Fatal("the export wrote in Update")
	}
	collect(t, m, cmd)
	if !strings.Contains(statusOf(m), "wrote 4 stories to out.jsonl (JSON Lines)") {
		t.Errorf("export notice: %q", statusOf(m))
	}
	data, err := os.ReadFile(filepath.Join(rec.dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 4 || !strings.Contains(string(data), `"read":false`) {
		t.Errorf("exported %d lines:\n%s", n, data)
	}
}

// TestRemote: over SSH, o shows the URL as a link and copies it; e and x
// say why they do nothing.
func TestRemote(t *testing.T) {
	c := testCorpus()
	a, _ := c.Article("seeds/agencies")
	a.URL = "https://example.org/lavrov"
	v := state.Memory()
	v.Attach(state.NewCorpus(c))
	rec := &recorder{dir: t.TempDir()}
	m := New(context.Background(), Config{Store: browse.Prepare(c), Now: func() time.Time { return testNow },
		Reader: v, Remote: true, System: rec.system()}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 30} })
	if got := clipboard(pressCollect(t, m, "o")); got != "https://example.org/lavrov" {
		t.Errorf("o over SSH copied %q", got)
	}
	if raw := m.View().Content; !strings.Contains(raw, "\x1b]8;;https://example.org/lavrov") {
		t.Errorf("no OSC 8 hyperlink in the status line: %q", statusOf(m))
	}
	press(t, m, "e")
	if !strings.Contains(statusOf(m), "not over SSH") {
		t.Errorf("e over SSH: %q", statusOf(m))
	}
	press(t, m, "x")
	if !strings.Contains(statusOf(m), "not over SSH") || m.mode == modePrompt {
		t.Errorf("x over SSH: %q", statusOf(m))
	}
	if rec.calls() != 0 {
		t.Errorf("the server's machine was asked: %+v", rec)
	}
}

// TestMarksGolden: a NO_COLOR screen with read and starred stories: the
// marks are text.
func TestMarksGolden(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	press(t, m, "down", "enter", "1", "down", "*", "3", "a", "*", "1")
	golden(t, "marks-100x30", screen(m))
}

// TestReadRowsDimmed: in colour, a read row's title is drawn dim.
func TestReadRowsDimmed(t *testing.T) {
	c := testCorpus()
	v := state.Memory()
	v.Attach(state.NewCorpus(c))
	v.SetRead("seeds/old", true)
	m := New(context.Background(), Config{Store: browse.Prepare(c), Now: func() time.Time { return testNow }, Reader: v}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.BackgroundColorMsg{Color: color.Black} })
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	dim := m.c.styles.Dim.Render("Ukraine braces")
	dim = dim[:strings.Index(dim, "Ukraine")]
	for _, l := range strings.Split(m.View().Content, "\n") {
		if strings.Contains(l, "Ukraine braces") && !strings.Contains(l, dim+"Ukraine braces") {
			t.Errorf("the read story's title is not dim: %q", l)
		}
	}
}

// TestViewChangesNothingWithMarks: View changes nothing with a reader's
// state either (it reads the marks taken in Update, never the reader).
func TestViewChangesNothingWithMarks(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	for _, keys := range [][]string{{"down", "enter"}, {"1", "*"}, {"3", "a", "*"}, {"/"}, {"F"}, {"esc", "x"}} {
		press(t, m, keys...)
		before := snapshot(m)
		_ = m.View()
		if after := snapshot(m); after != before {
			t.Errorf("after %q View changed the model: %s", keys, firstDiff(before, after))
		}
	}
}

// TestUpdateNeverWaitsForTheDatabase: with the state database locked by
// another writer, reading, starring and filtering go on; the marks are
// written once the lock goes.
func TestUpdateNeverWaitsForTheDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v, _ := db.User("")
	m := newTestConfigReader(t, v)
	lock, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	conn, _ := lock.Conn(context.Background())
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	// Were a write made in Update, this would wait for the lock (10 s,
	// then fail): every key returns at once instead.
	press(t, m, "down", "enter", "1", "*", "u", "u", "/")
	typeText(t, m, "is:starred")
	press(t, m, "enter")
	if !v.Marks().IsRead("seeds/independent") || !v.Marks().IsStarred("seeds/independent") || m.stories.res.Matched != 1 {
		t.Errorf("marks not in effect while the database is locked: %+v", v.Marks())
	}
	conn.ExecContext(context.Background(), "COMMIT")
	conn.Close()
	db.Flush()
	db.Close()
	db2, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	v2, _ := db2.User("")
	v2.Attach(state.NewCorpus(testCorpus()))
	if !v2.Marks().IsRead("seeds/independent") || !v2.Marks().IsStarred("seeds/independent") {
		t.Errorf("marks not written after the lock: %+v", v2.Marks())
	}
}

// TestRefreshAfterAMove: the list asked again because a story was marked
// read, arriving after the cursor moved on, does not put the cursor back
// (the next u would unmark the story).
func TestRefreshAfterAMove(t *testing.T) {
	v := state.Memory()
	m := newTestConfigReader(t, v)
	press(t, m, "1")
	_, refresh := m.Update(keyMsg("u")) // agencies read; its refresh not yet run
	press(t, m, "down")                 // to the Independent story
	collect(t, m, refresh)              // the late refresh
	press(t, m, "u")
	if !v.Marks().IsRead("seeds/agencies") || !v.Marks().IsRead("seeds/independent") {
		t.Errorf("a late refresh moved the cursor back: %+v", v.Marks().Read)
	}
}
