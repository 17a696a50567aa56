package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var storyFields = []string{"id", "label", "articles", "sources", "first", "last", "quotes"}

// stories --json over the seeds: one story, both articles, both outlets.
func TestStoriesJSONSeeds(t *testing.T) {
	dir := seeds(t)
	code, out, errOut := runCLI(t, "stories", "--json", "--no-cache", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	records := jsonLines(t, out)
	if len(records) != 1 {
		t.Fatalf("%d stories, want 1:\n%s", len(records), out)
	}
	r := records[0]
	requireFields(t, "stories", r, storyFields...)
	// Both seeds' IDs, as list gives them, and both their outlets.
	_, list, _ := runCLI(t, "list", "--json", "--no-cache", dir)
	var ids, sources []string
	for _, a := range jsonLines(t, list) {
		ids = append(ids, a["id"].(string))
		if src := a["source"].(string); src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	var arts, srcs []string
	for _, id := range r["articles"].([]any) {
		arts = append(arts, id.(string))
	}
	for _, s := range r["sources"].([]any) {
		srcs = append(srcs, s.(string))
	}
	slices.Sort(ids)
	slices.Sort(arts)
	slices.Sort(sources)
	slices.Sort(srcs)
	if len(ids) != 2 || !slices.Equal(arts, ids) {
		t.Errorf("articles = %v, want both seeds %v", arts, ids)
	}
	if len(sources) != 2 || !slices.Equal(srcs, sources) {
		t.Errorf("sources = %v, want both outlets %v", srcs, sources)
	}
}

// Every demo article is in exactly one story, and a quotation another
// article carries too names it in echoes (both ways).
func TestStoriesAndEchoesDemo(t *testing.T) {
	code, out, errOut := runCLI(t, "stories", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	seen := map[string]int{}
	for _, r := range jsonLines(t, out) {
		requireFields(t, "stories", r, storyFields...)
		for _, id := range r["articles"].([]any) {
			seen[id.(string)]++
		}
	}
	_, list, _ := runCLI(t, "list", "--json")
	for _, a := range jsonLines(t, list) {
		if n := seen[a["id"].(string)]; n != 1 {
			t.Errorf("%s is in %d stories", a["id"], n)
		}
	}
	code, out, errOut = runCLI(t, "quotes", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	echoes := map[string][]string{}
	for _, q := range jsonLines(t, out) {
		requireFields(t, "quotes", q, append(quoteFields, "echoes")...)
		for _, id := range q["echoes"].([]any) {
			echoes[q["article"].(string)] = append(echoes[q["article"].(string)], id.(string))
		}
	}
	if len(echoes) == 0 {
		t.Fatal("no quotation of the demo has an echo")
	}
	for a, others := range echoes {
		for _, b := range others {
			if !slices.Contains(echoes[b], a) {
				t.Errorf("%s echoes %s, but not the other way", a, b)
			}
		}
	}
}

// The state kept beside the cache is used: a second run reads it, and a
// corrupt one is rebuilt without a word on stdout.
func TestStoriesStateKept(t *testing.T) {
	dir := seeds(t)
	cacheDir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cacheDir)
	code, first, errOut := runCLI(t, "stories", "--json", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	states, _ := filepath.Glob(filepath.Join(cacheDir, "byline", "*.stories"))
	if len(states) != 1 {
		t.Fatalf("state files: %v", states)
	}
	if err := os.WriteFile(states[0], []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, second, errOut := runCLI(t, "stories", "--json", dir)
	if code != exitOK || second != first {
		t.Fatalf("with a corrupt state: exit %d, %q (was %q): %s", code, second, first, errOut)
	}
}
