package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"byline/internal/pgtest"
)

// TestDBOutputEqualsFiles indexes the demo, the seeds and BBC into
// PostgreSQL and checks that list, quotes (echoes included), speakers and
// stories --json from --db print what they print from the files (lines in
// any order; arrays whose order the merge does not fix, sorted), that show
// --json of every article does too, and that a second index writes
// nothing and leaves the stories as they are.
func TestDBOutputEqualsFiles(t *testing.T) {
	corpora := []struct{ name, path string }{{"demo", ""}}
	for _, name := range []string{"seeds", "bbc"} {
		dir := filepath.Join("..", "..", "..", "shared", "corpus", name)
		if _, err := os.Stat(dir); err == nil {
			corpora = append(corpora, struct{ name, path string }{name, dir})
		} else {
			t.Logf("%s: ../shared is absent, not compared", name)
		}
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "bbc" && testing.Short() {
				t.Skip("-short: BBC's 2,225 articles")
			}
			db := pgtest.URL(t)
			var paths []string
			if c.path != "" {
				paths = []string{c.path}
			}
			code, _, stderr := runCLI(t, append([]string{"index", "--db", db}, paths...)...)
			if code != 0 {
				t.Fatalf("index: exit %d: %s", code, stderr)
			}
			for _, cmd := range []string{"list", "quotes", "speakers", "stories"} {
				code, fromFiles, errFiles := runCLI(t, append([]string{cmd, "--json"}, paths...)...)
				if code != 0 {
					t.Fatalf("%s from files: exit %d: %s", cmd, code, errFiles)
				}
				code, fromDB, errDB := runCLI(t, cmd, "--json", "--db", db)
				if code != 0 {
					t.Fatalf("%s --db: exit %d: %s", cmd, code, errDB)
				}
				if cmd == "quotes" && c.name == "demo" && !strings.Contains(fromDB, `"echoes":["`) {
					t.Errorf("quotes --json --db: no quotation of the demo has an echo")
				}
				a, b := normalise(t, fromFiles), normalise(t, fromDB)
				if len(a) == 0 {
					t.Fatalf("%s printed nothing", cmd)
				}
				if len(a) != len(b) {
					t.Errorf("%s: %d lines from files, %d from --db", cmd, len(a), len(b))
				}
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Errorf("%s: first difference:\nfiles: %s\n   db: %s", cmd, a[i], b[i])
						break
					}
				}
				if errFiles != errDB {
					t.Errorf("%s: stderr differs:\nfiles: %q\n   db: %q", cmd, errFiles, errDB)
				}
			}
			// show --json of every article: its quotations' echoes too.
			code, list, _ := runCLI(t, "list", "--json", "--db", db)
			if code != 0 {
				t.Fatal("list --db failed")
			}
			var ids []string
			for _, m := range jsonLines(t, list) {
				ids = append(ids, m["id"].(string))
			}
			showArgs := []string{"show", "--json"}
			if c.path != "" {
				showArgs = append(showArgs, "--corpus", c.path)
			}
			code, fromFiles, errFiles := runCLI(t, append(showArgs, ids...)...)
			code2, fromDB, errDB := runCLI(t, append([]string{"show", "--json", "--db", db}, ids...)...)
			if code != 0 || code2 != 0 {
				t.Fatalf("show: exit %d from files (%s), %d from --db (%s)", code, errFiles, code2, errDB)
			}
			if a, b := normalise(t, fromFiles), normalise(t, fromDB); strings.Join(a, "\n") != strings.Join(b, "\n") {
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Errorf("show: first difference:\nfiles: %.600s\n   db: %.600s", a[i], b[i])
						break
					}
				}
			}
			code, _, stderr = runCLI(t, append([]string{"index", "--db", db}, paths...)...)
			if code != 0 || !strings.Contains(stderr, " 0 written") || !strings.Contains(stderr, "stories across outlets unchanged") {
				t.Errorf("second index wrote something (exit %d): %s", code, stderr)
			}
		})
	}
}

// normalise makes JSON Lines comparable: each object re-encoded with its
// order-free arrays sorted, lines sorted.
func normalise(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	for _, m := range jsonLines(t, s) {
		for _, k := range []string{"article_ids", "aliases", "sources"} {
			if arr, ok := m[k].([]any); ok {
				sort.Slice(arr, func(i, j int) bool { return arr[i].(string) < arr[j].(string) })
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out
}

// TestDBBadInput: what the commands say for a URL that is not one, a
// server that does not answer, an empty database, a command that reads
// files only, and paths given with --db.
func TestDBBadInput(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"index"}, 2, "--db URL is required"},
		{[]string{"list", "--db", "postgres://bob:hunter2@[::1"}, 1, "not a PostgreSQL URL"},
		{[]string{"list", "--db", "postgres://bob:hunter2@127.0.0.1:1/x?connect_timeout=5"}, 1, "cannot connect"},
		{[]string{"check", "--db", "postgres://x@127.0.0.1:1/x", "."}, 1, "check reads files, not a database"},
		{[]string{"list", "--db", "postgres://x@127.0.0.1:1/x", "."}, 2, "give no PATH"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "hunter2") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d saying %q (and no password)", c.args, code, stderr, c.code, c.want)
		}
	}
	db := pgtest.URL(t)
	code, _, stderr := runCLI(t, "list", "--db", db)
	if code != 1 || !strings.Contains(stderr, "no byline corpus in this database: run `byline index") {
		t.Errorf("empty database: exit %d: %s", code, stderr)
	}
}

// TestIndexNoStories: index --no-stories writes the articles without
// grouping them; the database then says it has no stories (and echoes
// print null), a plain index computes them, a --no-stories run with
// nothing changed keeps them, and one after a change drops them rather
// than leaving stories that no longer match the articles.
func TestIndexNoStories(t *testing.T) {
	db := pgtest.URL(t)
	dir := t.TempDir()
	write := func(title string) {
		t.Helper()
		rec := `{"id":"a1","title":"` + title + `","source":"Wire One","date":"2024-03-01T10:00:00Z","body":"The port strike went on. \"We will not give up,\" said Ana Varga, the union's leader."}` + "\n" +
			`{"id":"a2","title":"Port strike goes on","source":"Wire Two","date":"2024-03-01T12:00:00Z","body":"The port strike went on. \"We will not give up,\" said Ana Varga, the union's leader."}` + "\n"
		if err := os.WriteFile(filepath.Join(dir, "wire.jsonl"), []byte(rec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	index := func(args ...string) string {
		t.Helper()
		code, _, stderr := runCLI(t, append(append([]string{"index", "--db", db}, args...), dir)...)
		if code != 0 {
			t.Fatalf("index %v: exit %d: %s", args, code, stderr)
		}
		return stderr
	}
	hasStories := func() bool {
		t.Helper()
		code, _, stderr := runCLI(t, "stories", "--json", "--db", db)
		if code != 0 && !strings.Contains(stderr, "without --no-stories") {
			t.Fatalf("stories --db: exit %d without saying why: %s", code, stderr)
		}
		return code == 0
	}
	write("Port strike goes on")
	if out := index("--no-stories"); !strings.Contains(out, "not built (--no-stories)") {
		t.Errorf("index --no-stories does not say it skipped the stories: %s", out)
	}
	if hasStories() {
		t.Fatal("stories --db succeeded after index --no-stories")
	}
	if code, out, _ := runCLI(t, "quotes", "--json", "--db", db); code != 0 || !strings.Contains(out, `"echoes":null`) {
		t.Errorf("quotes --json --db without stories: exit %d, want echoes null: %s", code, out)
	}
	index()
	if !hasStories() {
		t.Fatal("no stories after a plain index")
	}
	index("--no-stories")
	if !hasStories() {
		t.Error("index --no-stories with nothing changed dropped the stories")
	}
	write("Port strike goes on, day two")
	index("--no-stories")
	if hasStories() {
		t.Error("index --no-stories after a change kept stories that no longer match the articles")
	}
}
