package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportDemo(t *testing.T) {
	code, out, errOut := runCLI(t, "report")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{"articles", "empty bodies", "derived titles", "with a source", "paragraphs removed"} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
	code, out, errOut = runCLI(t, "report", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	requireFields(t, "report", r, "articles", "empty_bodies", "kept_whole", "derived_titles", "with_source", "source_evidence", "removed_paragraphs", "removed_words", "removed")
	if r["articles"].(float64) != 31 || r["empty_bodies"].(float64) != 0 {
		t.Errorf("articles %v empty %v", r["articles"], r["empty_bodies"])
	}
}

// A text that cleaning would empty is kept whole and listed: check prints
// its problem and counts it, list --json carries it.
func TestKeptWholeListed(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "menu.txt"), []byte("Menu\nSearch\nHome\nSign in\nSubscribe\nShare\nCookie settings\nPrivacy policy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, errOut := runCLI(t, "check", "--no-cache", dir)
	if !strings.Contains(out, "menu.txt: no part of the text read as an article") || !strings.Contains(errOut, "1 problem") {
		t.Errorf("check printed %q and %q", out, errOut)
	}
	_, out, _ = runCLI(t, "list", "--json", "--no-cache", dir)
	if !strings.Contains(out, `"problems":["no part of the text read as an article`) {
		t.Errorf("list --json: %s", out)
	}
}
