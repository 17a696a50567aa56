package pgstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/corpus"
	"byline/corpus/demo"
	"byline/index"
	"byline/internal/pgtest"
	"byline/stories"
)

// TestStoryViewsMatchDataset: over the demo, every article's story ("also
// in", ]/[), every quotation's echo (w) and the comparison of each story's
// first article with the others (v) are what the in-memory store gives.
func TestStoryViewsMatchDataset(t *testing.T) {
	st, ds, _ := indexed(t, []index.Root{{Path: "demo", FS: demo.FS()}})
	ctx := context.Background()
	if info := st.Info(); info.NoStories != "" || !info.Grouped {
		t.Fatalf("info: %+v, want the stories grouped", info)
	}
	c, err := corpus.LoadFS(ctx, demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	groups, echoes, compared := 0, 0, 0
	for _, a := range c.Articles {
		want, err1 := ds.StoryOf(ctx, a.ID)
		got, err2 := st.StoryOf(ctx, a.ID)
		if !errors.Is(err1, err2) && (err1 != nil || err2 != nil) {
			t.Fatalf("StoryOf(%s): %v from the database, %v in memory", a.ID, err2, err1)
		}
		if err1 == nil {
			groups++
			if g, w := storyText(got), storyText(want); g != w {
				t.Errorf("StoryOf(%s):\n got %s\nwant %s", a.ID, g, w)
			}
			if a.ID == want.Members[0].ID {
				for _, m := range want.Members[1:] {
					w, _ := ds.Compare(ctx, a.ID, m.ID)
					g, err := st.Compare(ctx, a.ID, m.ID)
					if err != nil {
						t.Fatal(err)
					}
					compared++
					if js(g) != js(w) {
						t.Errorf("Compare(%s, %s) differs:\n got %s\nwant %s", a.ID, m.ID, js(g), js(w))
					}
				}
			}
		}
		for qi := range a.Quotes {
			want, err1 := ds.Echo(ctx, a.ID, qi)
			got, err2 := st.Echo(ctx, a.ID, qi)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("Echo(%s, %d): %v from the database, %v in memory", a.ID, qi, err2, err1)
			}
			if err1 != nil {
				continue
			}
			echoes++
			if js(got) != js(want) {
				t.Errorf("Echo(%s, %d):\n got %s\nwant %s", a.ID, qi, js(got), js(want))
			}
		}
	}
	if groups == 0 || echoes == 0 || compared == 0 {
		t.Errorf("the demo gave %d stories, %d echoes, %d comparisons: nothing compared", groups, echoes, compared)
	}
}

// storyText is a story group as text, instants compared as instants.
func storyText(g *browse.StoryGroup) string {
	var ids []string
	for _, m := range g.Members {
		ids = append(ids, m.ID+"@"+fmt.Sprint(m.Published.UnixNano()))
	}
	return fmt.Sprintf("%s %q %v %d-%d q%d e%d %v", g.ID, g.Label, g.Sources, g.First.UnixNano(), g.Last.UnixNano(), g.Quotes, g.Echoed, ids)
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// dbStories is the database's stories as `byline stories --json` prints them.
func dbStories(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	st, err := pgstore.Open(context.Background(), pool)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = st.EachStory(context.Background(), func(s *stories.Story) error {
		b.WriteString(js(s.Record()) + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fileStories is the stories of the files under dir, as a load gives them.
func fileStories(t *testing.T, dir string) string {
	t.Helper()
	c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range stories.Build(c.Articles, stories.Options{}).Stories {
		b.WriteString(js(s.Record()) + "\n")
	}
	return b.String()
}

// TestStoriesReindex: the first index computes every text's features;
// one that changed nothing computes nothing and leaves the stories; one
// file changed computes that text's features only, scores only pairs with
// it (the last build's links reused), and its story is updated, equal to
// a load of the files; a database of schema version 2
// (indexed before stories were kept) is migrated and gets its stories
// from the texts it holds.
func TestStoriesReindex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.CopyFS(dir, demo.FS()); err != nil {
		t.Fatal(err)
	}
	pool, err := pgstore.Connect(ctx, pgtest.URL(t))
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
	first := run().Stories
	if first.Current || first.Computed == 0 || first.Reused != first.Computed || first.Stories == 0 || first.Echoes == 0 {
		t.Fatalf("first index: %+v", first)
	}
	t.Logf("first index: %+v", first)
	before := dbStories(t, pool)
	if want := fileStories(t, dir); before != want {
		t.Fatalf("stories after the first index:\n%s\nfrom the files:\n%s", before, want)
	}

	if again := run(); !again.Stories.Current || again.Stories.Computed != 0 || again.Written != 0 {
		t.Errorf("nothing changed: %+v", again)
	}
	if got := dbStories(t, pool); got != before {
		t.Errorf("nothing changed, yet the stories did")
	}

	// One member of a story rewritten about something else: its text's
	// features alone are computed, and it leaves its story.
	const id = "meridian/2024-03-19-strike-deal"
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.StoryOf(ctx, id); err != nil {
		t.Fatalf("%s is in no story before the change: %v", id, err)
	}
	path := filepath.Join(dir, "meridian", "2024-03-19-strike-deal.txt")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("Orchard growers expect an early apple harvest\n\nGrowers in the northern valleys said blossom came a fortnight early this spring, and pickers are being hired sooner than usual.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := run()
	if changed.Written != 1 || changed.Stories.Current || changed.Stories.Computed != 1 || changed.Stories.Reused != first.Reused ||
		changed.Stories.Pairs >= first.Pairs {
		t.Errorf("one file changed: %+v", changed)
	}
	t.Logf("one file changed: %+v", changed.Stories)
	after := dbStories(t, pool)
	if want := fileStories(t, dir); after != want {
		t.Errorf("stories after the change:\n%s\nfrom the files:\n%s", after, want)
	}
	if after == before {
		t.Error("the change did not change the stories")
	}
	st, err = pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := st.StoryOf(ctx, id); !errors.Is(err, browse.ErrNotFound) {
		t.Errorf("the rewritten article is still in a story: %+v %v", g, err)
	}

	// Stories never computed (an index stopped before its end): the
	// store says so, and the next index computes them from kept features.
	if _, err := pool.Exec(ctx, `DELETE FROM story_stats`); err != nil {
		t.Fatal(err)
	}
	st, err = pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if st.Info().NoStories != pgstore.NoStoriesYet || st.Info().Grouped {
		t.Errorf("without stories: %+v", st.Info())
	}
	if _, err := st.StoryOf(ctx, "northgate/2024-03-15-mayor-mediation"); !errors.Is(err, browse.ErrNotFound) {
		t.Errorf("StoryOf without stories: %v", err)
	}
	if l, err := st.Stories(ctx, browse.StoriesQuery{Sort: browse.SortStory}); err != nil || l.Sort != browse.SortDate {
		t.Errorf("by story without stories: %v, sorted %v (want by date)", err, l.Sort)
	}
	if r := run().Stories; r.Current || r.Computed != 0 {
		t.Errorf("stories recomputed from kept features: %+v", r)
	}
	if got := dbStories(t, pool); got != after {
		t.Errorf("stories recomputed differ")
	}

	// A database of schema version 2: the tables of version 3 are not
	// there. Browsing asks for an index; the index migrates it, writes
	// no file (none changed) and computes every text's features from
	// the bodies it holds.
	if _, err := pool.Exec(ctx, `DROP TABLE article_texts, story_texts, stories, story_articles, echoes, quote_echoes, story_stats, source_tags;
		DELETE FROM schema_version WHERE version >= 3`); err != nil {
		t.Fatal(err)
	}
	if _, err := pgstore.Open(ctx, pool); err == nil || !strings.Contains(err.Error(), "run `byline index") {
		t.Errorf("opening a version 2 database: %v", err)
	}
	migrated := run()
	if migrated.Written != 0 || migrated.Stories.Current || migrated.Stories.Computed != first.Computed {
		t.Errorf("migrated: %+v (first index computed %d)", migrated, first.Computed)
	}
	if got := dbStories(t, pool); got != after {
		t.Errorf("stories after the migration differ:\n%s\nwant\n%s", got, after)
	}
}
