package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse/pgstore"
	"byline/internal/pgtest"
	"byline/serve"
	"byline/state"
	"byline/tui"
)

// TestServeDBMarksSurviveShutdown: serve --db stopping (its context
// cancelled, as SIGTERM does) while its sessions' marks still wait for
// their articles' lookups — the pool busy with 50 sessions' lists, here
// held by the test — stores every mark once the lookups answer, under
// its article's content key and the session's key (real PostgreSQL,
// real SQLite). The marks were dropped: the lookups ran under the
// server's cancelled context, failed, and nothing waited for them before
// the state database closed (ssh-load on serve --db: sessions with no
// marks saved).
func TestServeDBMarksSurviveShutdown(t *testing.T) {
	url := pgtest.URL(t)
	if code, _, stderr := runCLI(t, "index", "--db", url); code != 0 {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	ctx, stop := context.WithCancel(context.Background()) // the server's: cancelled on SIGTERM
	defer stop()
	pool, err := pgstore.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	resolve := dbLookup(ctx, st)
	path := filepath.Join(t.TempDir(), "state.db")
	db := openState(path, false, func(s string) { t.Log(s) })
	newModel := serveModel(st, resolve, "database", db, serve.NewLogger(os.Stderr))
	key := newTestSigner(t).PublicKey()
	newModel(context.Background(), serve.Client{User: "x", PublicKey: key, Width: 120, Height: 40})
	fp := serve.Fingerprint(key)
	v, err := db.User(fp)
	if err != nil {
		t.Fatal(err)
	}

	ids := firstIDs(t, st, 3)
	// Every connection of the pool busy: the lookups wait for one.
	held := holdPool(t, pool)
	for _, id := range ids {
		v.SetRead(id, true)
	}
	stop() // the server is told to stop
	for _, c := range held {
		c.Release()
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	check, err := state.Open(path, state.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	counts, err := check.Counts()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, id := range ids {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, state.ArticleKey(a)+" "+id)
	}
	slices.Sort(want)
	var got []string
	for _, c := range counts {
		if c.User == fp {
			got = c.Keys
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("marks stored under the session's key = %q, want %q", got, want)
	}
}

// firstIDs are the IDs of the first n articles in the database.
func firstIDs(t *testing.T, st *pgstore.Store, n int) []string {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `SELECT ident FROM articles ORDER BY rev_pub, ident LIMIT $1`, n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if len(ids) < n {
		t.Fatalf("%d articles in the database, want %d", len(ids), n)
	}
	return ids
}

// holdPool acquires every connection of the pool.
func holdPool(t *testing.T, pool *pgxpool.Pool) []*pgxpool.Conn {
	t.Helper()
	var held []*pgxpool.Conn
	for range pool.Config().MaxConns {
		c, err := pool.Acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	return held
}

// TestBottomThenUpOnLongDBList: on a list longer than its window (a
// database's), the bottom key then k k k… marks the story as many rows
// up from the bottom whether the last window comes before the k's or
// after them (a busy server: the k's arrive first, at the top of the
// first window, where the cursor cannot go up). The k's were lost and
// the cursor stayed at the bottom: ssh-load's sessions on serve --db
// marked their neighbours' stories.
func TestBottomThenUpOnLongDBList(t *testing.T) {
	st := tideStore(t)
	ctx := context.Background()
	const up = 40 // past a day's header or two
	// marked is the story u marks after G and up k's; late: the last
	// window arrives after the k's.
	marked := func(late bool) string {
		v := state.Memory()
		v.Attach(dbLookup(ctx, st))
		m := startOnStories(t, ctx, st, v)
		var last tea.Cmd
		m, last = m.Update(key("G"))
		if !late {
			driveModel(t, m, last)
		}
		for range up {
			var cmd tea.Cmd
			m, cmd = m.Update(key("k"))
			driveModel(t, m, cmd)
		}
		if late {
			driveModel(t, m, last)
		}
		driveModel(t, m, func() tea.Msg { return key("u") })
		v.Wait()
		var read []string
		for id := range v.Marks().Read {
			read = append(read, id)
		}
		if len(read) != 1 {
			t.Fatalf("late %v: %d stories read, want 1: %q", late, len(read), read)
		}
		return read[0]
	}
	inOrder, late := marked(false), marked(true)
	if inOrder != late {
		t.Errorf("G then %d k: marked %s when the last window came first, %s when it came after the k's", up, inOrder, late)
	}
}

// TestMarksWhileBottomWindowComes: on a long list from the database, G
// then k's then u and k u k u…, keys sent faster than the last window
// comes (ssh-load's sessions on a busy serve --db), mark the same stories
// as when the window comes at once. The u came before the window and
// marked the story under the cursor in the first window; its refresh
// (the marks changed) replaced the window G had asked for with the window
// around that story, so G and the k's were lost, and every u after
// toggled the top story (ssh-load: sessions whose 20 u's all named
// business/001).
func TestMarksWhileBottomWindowComes(t *testing.T) {
	st := tideStore(t)
	ctx := context.Background()
	const pairs = 4
	// marked is what G, up k's, then u and (k u) pairs mark; late: the
	// last window arrives after the first u.
	marked := func(up int, late bool) []string {
		v := state.Memory()
		v.Attach(dbLookup(ctx, st))
		m := startOnStories(t, ctx, st, v)
		var last tea.Cmd
		m, last = m.Update(key("G"))
		if !late {
			driveModel(t, m, last)
		}
		for range up {
			driveModel(t, m, func() tea.Msg { return key("k") })
		}
		driveModel(t, m, func() tea.Msg { return key("u") })
		if late {
			driveModel(t, m, last)
		}
		for range pairs - 1 {
			driveModel(t, m, func() tea.Msg { return key("k") })
			driveModel(t, m, func() tea.Msg { return key("u") })
		}
		v.Wait()
		var read []string
		for id := range v.Marks().Read {
			read = append(read, id)
		}
		slices.Sort(read)
		return read
	}
	// 1,000 k's: past the top of the last window and the one before it
	// (the k's past a window's top were dropped when the next came).
	for _, up := range []int{30, 1000} {
		inOrder, late := marked(up, false), marked(up, true)
		if len(inOrder) != pairs {
			t.Fatalf("in order: %d stories read, want %d: %q", len(inOrder), pairs, inOrder)
		}
		if !slices.Equal(inOrder, late) {
			t.Errorf("G, %d k, then u and k u: marked %q when the last window came first, %q when it came after the first u", up, inOrder, late)
		}
	}
}

// TestMarksChangedWhileBottomWindowComes: the marks changing (u in the
// article pane) while the stories list waits for the last window G asked
// for does not lose that window: the refresh the marks ask for asked for
// the window around the cursor in the first window instead, and the u
// back in the stories list marked the top story, not the bottom one.
func TestMarksChangedWhileBottomWindowComes(t *testing.T) {
	st := tideStore(t)
	ctx := context.Background()
	read := func(v *state.View) map[string]bool {
		v.Wait()
		r := map[string]bool{}
		for id := range v.Marks().Read {
			r[id] = true
		}
		return r
	}
	// marked is the story k then u marks in the stories list after G
	// and a u in the article pane; late: the last window comes after
	// that u.
	marked := func(late bool) string {
		v := state.Memory()
		v.Attach(dbLookup(ctx, st))
		m := startOnStories(t, ctx, st, v)
		var last tea.Cmd
		m, last = m.Update(key("G"))
		if !late {
			driveModel(t, m, last)
		}
		driveModel(t, m, func() tea.Msg { return key("2") })
		driveModel(t, m, func() tea.Msg { return key("u") }) // the open article
		if late {
			driveModel(t, m, last)
		}
		before := read(v)
		driveModel(t, m, func() tea.Msg { return key("1") })
		driveModel(t, m, func() tea.Msg { return key("k") })
		driveModel(t, m, func() tea.Msg { return key("u") })
		var got []string
		for id, on := range read(v) {
			if on != before[id] {
				got = append(got, id)
			}
		}
		for id := range before {
			if !read(v)[id] {
				got = append(got, id+" (unread)")
			}
		}
		if len(got) != 1 {
			t.Fatalf("late %v: k u in the stories changed %d marks, want 1: %q", late, len(got), got)
		}
		return got[0]
	}
	if inOrder, late := marked(false), marked(true); inOrder != late {
		t.Errorf("G, u in the article, then k u in the stories: marked %s when the last window came first, %s when it came after the article's u", inOrder, late)
	}
}

// key is the key press of a one-character key.
func key(s string) tea.Msg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }

// startOnStories is a browser over st for reader v, 80×40, the stories
// pane focused.
func startOnStories(t *testing.T, ctx context.Context, st *pgstore.Store, v *state.View) tea.Model {
	t.Helper()
	m := tui.New(ctx, tui.Config{Store: st, Title: "database", NoColor: true, Reader: v})
	driveModel(t, m, m.Init())
	driveModel(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 40} })
	driveModel(t, m, func() tea.Msg { return key("1") })
	return m
}

// tideStore is a database of 1,500 stories, more than one window of the
// stories list; it skips under -short.
func tideStore(t *testing.T) *pgstore.Store {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: 1,500 articles indexed")
	}
	dir := t.TempDir()
	var b strings.Builder
	base := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	for i := range 1500 {
		fmt.Fprintf(&b, `{"title":"Tide table note %d","source":"Coast Wire","date":"%s","text":"Tide number %d turns at noon.\n\nThe harbour office posted the change."}`+"\n",
			i, base.Add(time.Duration(i)*time.Hour).Format(time.RFC3339), i)
	}
	if err := os.WriteFile(filepath.Join(dir, "tides.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	url := pgtest.URL(t)
	if code, _, stderr := runCLI(t, "index", "--db", url, dir); code != 0 {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	ctx := context.Background()
	pool, err := pgstore.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
