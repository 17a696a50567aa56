package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/index"
	"byline/internal/pgtest"
	"byline/model"
)

// TestSourceQualifierIsExact: the stories list answers source: terms
// from source_tags (a predicate on the source key) instead of from each
// row's search vector; it must keep exactly the rows the vector's tagged
// words match, credits included (a credit's words are the source's too),
// negated or not, after a fresh index and after a migration from schema
// version 3 filled the table from the vectors.
func TestSourceQualifierIsExact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// source, credit line at the end of the body ("" none)
	pairs := [][2]string{
		{"Harbour Gazette", ""},
		{"Harbour Gazette", "Reuters"},
		{"Harbour Gazette", "Harbour Gazette"},
		{"harbour gazette", ""}, // another name, the same key
		{"Daily Wire", "Associated Press"},
		{"New Statesman", "York Press"},
		{"Élan Vital", ""},
		{"", "Reuters"},
		{"", ""},
	}
	var b strings.Builder
	base := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	for i := range 3 * len(pairs) {
		p := pairs[i%len(pairs)]
		text := fmt.Sprintf("Plain words of item %d about the port.", i)
		if p[1] != "" {
			text += "\n\nSource: " + p[1]
		}
		src := ""
		if p[0] != "" {
			src = fmt.Sprintf(`"source":%q,`, p[0])
		}
		fmt.Fprintf(&b, `{"title":"Item %d",%s"date":%q,"text":%q}`+"\n", i, src, base.Add(time.Duration(i)*time.Hour).Format(time.RFC3339), text)
	}
	if err := os.WriteFile(filepath.Join(dir, "items.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	pool, err := pgstore.Connect(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	run := func() {
		t.Helper()
		if _, err := index.Run(ctx, pool, []index.Root{{Path: dir}}, index.Options{Byline: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	run()

	// The corpus must carry the credits the cases are about.
	var credited int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM articles WHERE credit <> '' AND credit <> source`).Scan(&credited); err != nil {
		t.Fatal(err)
	}
	if credited < 9 {
		t.Fatalf("only %d articles have a credit besides their source: the cases below test nothing", credited)
	}

	queries := []string{"source:harbour", "source:reuters", "source:press", `source:"new york"`, `source:"york new"`,
		"source:elan", "source:élan", "source:gazette -source:reuters", "-source:reuters", "-source:harbour",
		"source:zzz", "-source:zzz", "source:ha source:gaz", "source:daily port", "source:!!", "source:associated -port"}
	check := func(when string) {
		t.Helper()
		st, err := pgstore.Open(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range queries {
			q := model.ParseQuery(typed, base)
			want := vectorMatches(t, pool, q)
			for _, sort := range []browse.Sort{browse.SortDate, browse.SortSource} {
				got, _ := storyIDs(t, st, browse.StoriesQuery{Query: q, Sort: sort})
				slices.Sort(got)
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%s: %q %v:\n got %v\nwant %v (the search vectors' answer)", when, typed, sort, got, want)
				}
			}
		}
	}
	check("indexed")

	written := sourceTags(t, pool)
	// Schema version 3: no source_tags. The index migrates it and fills
	// the table from the vectors; the answers and the table are the same.
	if _, err := pool.Exec(ctx, `DROP TABLE source_tags; DELETE FROM schema_version WHERE version = 4`); err != nil {
		t.Fatal(err)
	}
	run()
	if got := sourceTags(t, pool); got != written {
		t.Errorf("source_tags after the migration:\n%s\nwant (as written)\n%s", got, written)
	}
	check("migrated")
}

// vectorMatches is q's source: terms answered by the articles' search
// vectors themselves (as before schema version 4), the other terms by
// the store (the same query without the source terms), sorted.
func vectorMatches(t *testing.T, pool *pgxpool.Pool, q model.Query) []string {
	t.Helper()
	ctx := context.Background()
	var conds []string
	var args []any
	for _, term := range q.Terms {
		if term.Field != model.FieldSource {
			continue
		}
		args = append(args, term.Text)
		c := fmt.Sprintf("coalesce(a.tsv @@ nullif(byline_tsquery($%d, 's'), '')::tsquery, true)", len(args))
		if term.Negate {
			c = fmt.Sprintf("(nullif(byline_tsquery($%d, 's'), '') IS NULL OR NOT a.tsv @@ byline_tsquery($%d, 's')::tsquery)", len(args), len(args))
		}
		conds = append(conds, c)
	}
	rest := q
	rest.Terms = slices.DeleteFunc(slices.Clone(q.Terms), func(t model.Term) bool { return t.Field == model.FieldSource })
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	others, _ := storyIDs(t, st, browse.StoriesQuery{Query: rest})
	where := "true"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	rows, err := pool.Query(ctx, `SELECT ident FROM articles a WHERE `+where, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byVector := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		byVector[id] = true
	}
	var out []string
	for _, id := range others {
		if byVector[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func sourceTags(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var s string
	if err := pool.QueryRow(context.Background(), `SELECT coalesce(string_agg(src_key || ' | ' || credit || ' | ' || tags::text, E'\n' ORDER BY src_key, credit), '') FROM source_tags`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSessionSettings: every connection byline opens plans each query
// with its values and compiles none (JIT), unless the URL says otherwise.
func TestSessionSettings(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	for _, c := range []struct{ url, jit string }{{url, "off"}, {url + "&jit=on", "on"}} {
		if !strings.Contains(url, "?") {
			c.url = strings.Replace(c.url, "&", "?", 1)
		}
		pool, err := pgstore.Connect(ctx, c.url)
		if err != nil {
			t.Fatal(err)
		}
		var jit, plan string
		err = pool.QueryRow(ctx, `SELECT current_setting('jit'), current_setting('plan_cache_mode')`).Scan(&jit, &plan)
		pool.Close()
		if err != nil {
			t.Fatal(err)
		}
		if jit != c.jit || plan != "force_custom_plan" {
			t.Errorf("%s: jit %s, plan_cache_mode %s; want jit %s, force_custom_plan", pgstore.Redact(c.url), jit, plan, c.jit)
		}
	}
}
