package pgstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/corpus"
	"byline/corpus/demo"
	"byline/index"
	"byline/internal/pgtest"
	"byline/model"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// indexed writes roots into a new database and returns a store over it
// and the same corpus loaded in memory.
func indexed(t *testing.T, roots []index.Root) (*pgstore.Store, *browse.Dataset, string) {
	t.Helper()
	ctx := context.Background()
	url := pgtest.URL(t)
	pool, err := pgstore.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, err := index.Run(ctx, pool, roots, index.Options{Byline: "test"}); err != nil {
		t.Fatalf("index: %v", err)
	}
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	var c *model.Corpus
	if roots[0].FS != nil {
		c, err = corpus.LoadFS(ctx, roots[0].FS, roots[0].Path, corpus.Options{})
	} else {
		c, err = corpus.Load(ctx, []string{roots[0].Path}, corpus.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	return st, browse.Prepare(c), url
}

// storyIDs walks a whole stories list, window after window as the TUI
// does (the window around the last row), and returns its IDs and headers
// in order.
func storyIDs(t *testing.T, st browse.Store, q browse.StoriesQuery) ([]string, []string) {
	t.Helper()
	ctx := context.Background()
	var ids, heads []string
	seen := map[string]bool{}
	lastHead := ""
	for range 1000 {
		l, err := st.Stories(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		items, err := st.StoryPage(ctx, l, 0, len(l.Rows))
		if err != nil {
			t.Fatal(err)
		}
		start := 0
		if q.Select != "" {
			start = l.Selected
			if start < 0 {
				t.Fatalf("window around %s does not hold it", q.Select)
			}
		}
		head := ""
		for i := start; i < len(l.Rows); i++ {
			if l.Rows[i].Header() {
				head = l.Headers[l.Rows[i].Head]
				continue
			}
			if i > start {
				if head != "" && head != lastHead {
					heads = append(heads, head)
					lastHead = head
				}
			}
			if i == start && q.Select == "" {
				if head != lastHead {
					heads = append(heads, head)
					lastHead = head
				}
			}
			id := items[i].ID
			if seen[id] {
				continue
			}
			seen[id] = true
			ids = append(ids, id)
		}
		if !l.After {
			return ids, heads
		}
		q.Select = ids[len(ids)-1]
	}
	t.Fatal("the list never ended")
	return nil, nil
}

func TestStoriesMatchDataset(t *testing.T) {
	st, ds, _ := indexed(t, []index.Root{{Path: "demo", FS: demo.FS()}})
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	for _, typed := range []string{"", "okafor", "port strike", `"port alder"`, "source:lantern", "speaker:varga",
		"author:kovac", "on:2024-03-19", "on:march", "after:2024-03-15", "before:2024-03-12", "strike -okafor",
		"-source:agencies", "-on:2024-03-19", "varga minister"} {
		for _, sort := range []browse.Sort{browse.SortDate, browse.SortSource, browse.SortQuotes, browse.SortStory} {
			q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Sort: sort}
			want, wantHeads := storyIDs(t, ds, q)
			got, gotHeads := storyIDs(t, st, q)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%q %v:\n got %v\nwant %v", typed, sort, got, want)
			}
			if strings.Join(gotHeads, "|") != strings.Join(wantHeads, "|") {
				t.Errorf("%q %v headers:\n got %v\nwant %v", typed, sort, gotHeads, wantHeads)
			}
		}
	}
}

// writeCorpus writes n articles as JSON Lines: enough for lists longer
// than a window.
func writeCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	base := time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		speaker := []string{"Ana Ruiz", "Bo Lindh", "Cy Okoro"}[i%3]
		when := base.Add(time.Duration(i/3) * time.Hour) // three at a time: ties broken by ID
		if i%97 == 0 {
			fmt.Fprintf(&b, `{"title":"Undated item %d","source":"Wire %d","text":"Plain words about harbour number %d.\n\n“We will see,” %s said."}`+"\n", i, i%4, i, speaker)
			continue
		}
		fmt.Fprintf(&b, `{"title":"Item %d about the harbour","source":"Wire %d","date":"%s","text":"Words about harbour number %d and the strike.\n\n“We will see about item %d,” %s said."}`+"\n",
			i, i%4, when.Format(time.RFC3339), i, i, speaker)
	}
	if err := os.WriteFile(filepath.Join(dir, "items.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLongListsPageByKey(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := writeCorpus(t, 2500)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	now := time.Now()
	for _, typed := range []string{"", "harbour", "strike", "-strike"} {
		for _, sort := range []browse.Sort{browse.SortDate, browse.SortSource, browse.SortQuotes, browse.SortStory} {
			q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Sort: sort}
			want, _ := storyIDs(t, ds, q)
			got, _ := storyIDs(t, st, q)
			if len(want) < 1000 && typed != "-strike" {
				t.Fatalf("%q: only %d stories: not a long list", typed, len(want))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%q %v: %d stories from the database, %d in memory; first difference at %d", typed, sort, len(got), len(want), firstDiff(got, want))
			}
		}
	}
	// The end window, and an estimated count for a long filtered list.
	ctx := context.Background()
	l, err := st.Stories(ctx, browse.StoriesQuery{Query: model.ParseQuery("harbour", now), End: true})
	if err != nil {
		t.Fatal(err)
	}
	if !l.Before || l.After || !l.Estimated {
		t.Errorf("end window: before %v after %v estimated %v", l.Before, l.After, l.Estimated)
	}
	items, _ := st.StoryPage(ctx, l, len(l.Rows)-1, len(l.Rows))
	all, _ := storyIDs(t, ds, browse.StoriesQuery{Query: model.ParseQuery("harbour", now)})
	if items[0].ID != all[len(all)-1] {
		t.Errorf("end window ends with %s, want %s", items[0].ID, all[len(all)-1])
	}

	// Quotations by speaker and by date, window after window.
	for _, g := range []browse.Group{browse.GroupSpeaker, browse.GroupDate} {
		want := quoteKeys(t, ds, g)
		got := quoteKeys(t, st, g)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("quotes %v: %d from the database, %d in memory; first difference at %d", g, len(got), len(want), firstDiff(got, want))
		}
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// quoteKeys walks the corpus's quotations window after window and returns
// "header article#index" for each.
func quoteKeys(t *testing.T, st browse.Store, g browse.Group) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	seen := map[string]bool{}
	q := browse.QuotesQuery{Scope: browse.ScopeCorpus, Group: g}
	for range 1000 {
		l, err := st.Quotes(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		items, err := st.QuotePage(ctx, l, 0, len(l.Rows))
		if err != nil {
			t.Fatal(err)
		}
		head := ""
		for i, r := range l.Rows {
			if r.Header() {
				head = l.Headers[r.Head]
				continue
			}
			k := fmt.Sprintf("%s %s#%d", head, items[i].ArticleID, items[i].Index)
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
		if !l.After {
			return out
		}
		q.Where = browse.Where{Around: l.Rows[len(l.Rows)-1].Item, Set: true}
	}
	t.Fatal("the list never ended")
	return nil
}

func TestQuotesAndSpeakersMatchDataset(t *testing.T) {
	st, ds, _ := indexed(t, []index.Root{{Path: "demo", FS: demo.FS()}})
	ctx := context.Background()
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	for _, typed := range []string{"", "victory", "speaker:okafor", "source:lantern", "-speaker:varga", "on:2024-03-19", "author:kovac"} {
		for _, g := range []browse.Group{browse.GroupSpeaker, browse.GroupDate} {
			q := browse.QuotesQuery{Scope: browse.ScopeCorpus, Group: g, Query: model.ParseQuery(typed, now)}
			want, got := quoteList(t, ds, q), quoteList(t, st, q)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("quotes %q %v:\n got %v\nwant %v", typed, g, got, want)
			}
		}
		sq := browse.SpeakersQuery{Scope: browse.ScopeCorpus, Query: model.ParseQuery(typed, now)}
		want, got := speakerList(t, ds, sq), speakerList(t, st, sq)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("speakers %q:\n got %v\nwant %v", typed, got, want)
		}
	}
	// Quotations of the listed stories.
	q := browse.QuotesQuery{Scope: browse.ScopeCorpus, Stories: model.ParseQuery("source:lantern", now)}
	if want, got := quoteList(t, ds, q), quoteList(t, st, q); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("quotes of the listed stories:\n got %v\nwant %v", got, want)
	}
	// One article's quotations and speakers, and the article itself.
	id := "meridian/2024-03-19-strike-deal"
	aq := browse.QuotesQuery{Scope: browse.ScopeArticle, Article: id}
	if want, got := quoteList(t, ds, aq), quoteList(t, st, aq); strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) == 0 {
		t.Errorf("article quotes:\n got %v\nwant %v", got, want)
	}
	as := browse.SpeakersQuery{Scope: browse.ScopeArticle, Article: id}
	if want, got := speakerList(t, ds, as), speakerList(t, st, as); strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) == 0 {
		t.Errorf("article speakers:\n got %v\nwant %v", got, want)
	}
	a, err := st.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ds.Article(ctx, id)
	if fmt.Sprint(a.Detail()) != fmt.Sprint(b.Detail()) {
		t.Errorf("article differs:\n db %v\nmem %v", a.Detail(), b.Detail())
	}
	if _, err := st.Article(ctx, "no/such"); !errors.Is(err, browse.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
}

func quoteList(t *testing.T, st browse.Store, q browse.QuotesQuery) []string {
	t.Helper()
	ctx := context.Background()
	l, err := st.Quotes(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.QuotePage(ctx, l, 0, len(l.Rows))
	if err != nil {
		t.Fatal(err)
	}
	out := []string{fmt.Sprintf("matched %d of %d", l.Matched, l.Total)}
	for i, r := range l.Rows {
		if r.Header() {
			out = append(out, "## "+l.Headers[r.Head])
			continue
		}
		out = append(out, fmt.Sprintf("%s#%d %s echoes %d", items[i].ArticleID, items[i].Index, items[i].Quote.Speaker, items[i].Echoes))
	}
	return out
}

func speakerList(t *testing.T, st browse.Store, q browse.SpeakersQuery) []string {
	t.Helper()
	ctx := context.Background()
	l, err := st.Speakers(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.SpeakerPage(ctx, l, 0, len(l.Rows))
	if err != nil {
		t.Fatal(err)
	}
	out := []string{fmt.Sprintf("matched %d of %d", l.Matched, l.Total)}
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s %d %s %v", it.Name, it.Quotes, it.Role, it.Sources))
	}
	return out
}

// TestBadDatabases: a wrong URL, an unreachable server, an empty database,
// a schema from a newer byline, and a read-only role.
func TestBadDatabases(t *testing.T) {
	ctx := context.Background()
	if _, err := pgstore.Connect(ctx, "postgres://u:secret@[::1"); err == nil || !strings.Contains(err.Error(), "not a PostgreSQL URL") || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
	if _, err := pgstore.Connect(ctx, "postgres://u:secret@127.0.0.1:1/x?connect_timeout=5"); err == nil || !strings.Contains(err.Error(), "cannot connect") || strings.Contains(err.Error(), "secret") {
		t.Errorf("unreachable: %v", err)
	}

	url := pgtest.URL(t)
	pool, err := pgstore.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if _, err := pgstore.Open(ctx, pool); !errors.Is(err, pgstore.ErrNoSchema) {
		t.Errorf("empty database: %v", err)
	}
	if _, err := index.Run(ctx, pool, []index.Root{{Path: "demo", FS: demo.FS()}}, index.Options{Byline: "test"}); err != nil {
		t.Fatal(err)
	}

	// A read-only role browses, and index refuses with the reason.
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	// Roles are the cluster's, not the database's: a name of its own for
	// every run (go test -count=3 runs this again in the same cluster).
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		t.Fatal(err)
	}
	role := "reader_" + hex.EncodeToString(suffix[:])
	for _, sql := range []string{
		"CREATE ROLE " + role + " LOGIN",
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role,
	} {
		if _, err := admin.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	// Dropped after the role's own connections close and before admin's
	// does (deferred calls run last first).
	defer func() {
		for _, sql := range []string{"DROP OWNED BY " + role, "DROP ROLE " + role} {
			if _, err := admin.Exec(context.Background(), sql); err != nil {
				t.Errorf("%s: %v", sql, err)
			}
		}
	}()
	ro, err := pgstore.Connect(ctx, pgtest.WithUser(url, role))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	st, err := pgstore.Open(ctx, ro)
	if err != nil {
		t.Fatalf("a read-only role cannot browse: %v", err)
	}
	if l, err := st.Stories(ctx, browse.StoriesQuery{Query: model.ParseQuery("okafor", time.Now())}); err != nil || l.Matched == 0 {
		t.Errorf("read-only browse: %v", err)
	}
	_, err = index.Run(ctx, ro, []index.Root{{Path: "demo", FS: demo.FS()}}, index.Options{Byline: "test"})
	if !errors.Is(err, pgstore.ErrReadOnly) || !strings.Contains(err.Error(), role) {
		t.Errorf("index as a read-only role: %v", err)
	}

	// A newer schema is refused, for reading and for writing.
	if _, err := admin.Exec(ctx, "INSERT INTO schema_version (version, byline) VALUES (999, 'from the future')"); err != nil {
		t.Fatal(err)
	}
	if _, err := pgstore.Open(ctx, pool); !errors.Is(err, pgstore.ErrNewerSchema) || !strings.Contains(err.Error(), "999") {
		t.Errorf("newer schema, open: %v", err)
	}
	if _, err := index.Run(ctx, pool, []index.Root{{Path: "demo", FS: demo.FS()}}, index.Options{Byline: "test"}); !errors.Is(err, pgstore.ErrNewerSchema) {
		t.Errorf("newer schema, index: %v", err)
	}
}

// TestIncremental: a re-index writes only the files that changed, deletes
// the rows of files that are gone, and a second writer is refused while
// one holds the database.
func TestIncremental(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "# Alpha story\n\n“We are ready,” said Mara Quist, the harbour master.\n")
	write("b.md", "# Beta story\n\nNothing to quote here.\n")
	write("c.md", "# Gamma story\n\nMore words.\n")
	url := pgtest.URL(t)
	pool, err := pgstore.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	run := func() index.Result {
		t.Helper()
		res, err := index.Run(ctx, pool, []index.Root{{Path: dir}}, index.Options{Byline: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if r := run(); r.Written != 3 || r.Articles != 3 {
		t.Fatalf("first index: %+v", r)
	}
	if r := run(); r.Written != 0 || r.Unchanged != 3 {
		t.Fatalf("unchanged corpus: %+v", r)
	}
	write("b.md", "# Beta story, revised\n\n“Now there is,” said Mara Quist.\n")
	os.Remove(filepath.Join(dir, "c.md"))
	r := run()
	if r.Written != 1 || r.Deleted != 1 {
		t.Fatalf("one changed, one gone: %+v", r)
	}
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.Stories(ctx, browse.StoriesQuery{})
	if err != nil || l.Matched != 2 {
		t.Fatalf("stories after re-index: %v %+v", err, l)
	}
	sp, err := st.Speakers(ctx, browse.SpeakersQuery{Scope: browse.ScopeCorpus})
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.SpeakerPage(ctx, sp, 0, len(sp.Rows))
	if len(items) != 1 || items[0].Name != "Mara Quist" || items[0].Quotes != 2 {
		t.Errorf("speakers after re-index: %+v", items)
	}

	// One writer at a time.
	w, err := pgstore.OpenWriter(ctx, pool, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	other, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := pgstore.OpenWriter(ctx, other, "test"); !errors.Is(err, pgstore.ErrBusy) {
		t.Errorf("second writer: %v", err)
	}
}
