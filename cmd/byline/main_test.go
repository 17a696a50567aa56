package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// jsonLines decodes stdout as JSON Lines into generic objects.
func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stdout is not JSON Lines: %v in %q", err, line)
		}
		out = append(out, m)
	}
	return out
}

func requireFields(t *testing.T, what string, m map[string]any, fields ...string) {
	t.Helper()
	for _, f := range fields {
		if _, ok := m[f]; !ok {
			t.Errorf("%s record lacks %q: %v", what, f, m)
		}
	}
}

var (
	listFields    = []string{"id", "path", "format", "source", "credit", "title", "title_derived", "standfirst", "authors", "published", "date_only", "words", "problems"}
	quoteFields   = []string{"article", "path", "source", "published", "text", "speaker", "mention", "role", "cue", "partial", "kind", "paragraph", "start", "end"}
	speakerFields = []string{"name", "kind", "role", "aliases", "quotes", "articles", "sources"}
)

func TestListJSONDemo(t *testing.T) {
	code, out, errOut := runCLI(t, "list", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	records := jsonLines(t, out)
	if len(records) < 24 {
		t.Fatalf("%d records", len(records))
	}
	for _, r := range records {
		requireFields(t, "list", r, listFields...)
	}
	// show --json of the first ID adds body and removed.
	id := records[0]["id"].(string)
	code, out, errOut = runCLI(t, "show", "--json", id)
	if code != exitOK {
		t.Fatalf("show %s: exit %d: %s", id, code, errOut)
	}
	shown := jsonLines(t, out)
	if len(shown) != 1 {
		t.Fatalf("show printed %d records", len(shown))
	}
	requireFields(t, "show", shown[0], append(listFields, "body", "removed", "quotations")...)
	if n, q := shown[0]["quotes"].(float64), shown[0]["quotations"].([]any); int(n) != len(q) {
		t.Errorf("show: quotes = %v but %d quotations", n, len(q))
	}
}

// TestShowListsQuotations: the plain `show` ends with the article's
// quotations and who said them.
func TestShowListsQuotations(t *testing.T) {
	code, out, errOut := runCLI(t, "show", "harbour/2024-03-01-varga-warns-union")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Quotations (", "Rosalind Achterberg [Mayor Achterberg]: “Half the jobs", "(in the headline): “an own goal”"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{oops"), 0o644)
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Title line here\n\nA body paragraph that is long enough to be prose, the author said.\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		in   string // substring expected on stdout or stderr
	}{
		{"unknown flag", []string{"list", "--bogus"}, exitUsage, "usage"},
		{"show needs an argument", []string{"show"}, exitUsage, "usage"},
		{"check with a bad file", []string{"check", dir}, exitFailure, "bad.json: line 1: invalid JSON"},
		{"list reports problems on stderr", []string{"list", "--json", dir}, exitOK, "1 problem(s)"},
		{"unknown ID", []string{"show", "no/such/article"}, exitFailure, "no article with ID"},
		{"flags after paths", []string{"list", dir, "--json"}, exitOK, `"title":"Title line here"`},
		{"help", []string{"help"}, exitOK, "byline list"},
		{"version", []string{"version"}, exitOK, Version},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, errOut)
			}
			if !strings.Contains(out+errOut, tt.in) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tt.in, out, errOut)
			}
		})
	}
}

// TestJSONStdoutClean: with --json, stdout carries nothing but JSON Lines
// even when files have problems.
func TestJSONStdoutClean(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{\"title\":\"ok\",\"text\":\"fine body\"}\nnot json\n"), 0o644)
	_, out, errOut := runCLI(t, "list", "--json", dir)
	if len(jsonLines(t, out)) != 1 || !strings.Contains(errOut, "bad.jsonl:2") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
}

func seeds(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared is absent: %v", err)
	}
	return dir
}

func TestQuotesAndSpeakersJSON(t *testing.T) {
	dir := seeds(t)
	code, out, errOut := runCLI(t, "quotes", "--json", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	quotes := jsonLines(t, out)
	if len(quotes) == 0 {
		t.Fatal("no quotes over the seeds")
	}
	for _, q := range quotes {
		requireFields(t, "quote", q, quoteFields...)
	}
	code, out, _ = runCLI(t, "quotes", "--json", "--speaker", "ryabkov", dir)
	if code != exitOK {
		t.Fatalf("--speaker ryabkov: exit %d", code)
	}
	for _, q := range jsonLines(t, out) {
		if q["speaker"] != "Sergei Ryabkov" {
			t.Errorf("--speaker ryabkov printed a quote by %v", q["speaker"])
		}
	}
	code, out, _ = runCLI(t, "speakers", "--json", dir)
	if code != exitOK {
		t.Fatalf("speakers: exit %d", code)
	}
	blinken := 0
	for _, s := range jsonLines(t, out) {
		requireFields(t, "speaker", s, speakerFields...)
		if s["name"] == "Antony Blinken" {
			blinken++
			if s["articles"].(float64) != 2 {
				t.Errorf("Antony Blinken quoted in %v articles, want 2", s["articles"])
			}
		}
	}
	if blinken != 1 {
		t.Errorf("Antony Blinken listed %d times, want once", blinken)
	}
}

// TestNoEscapesInOutput: corpus text and file names crafted to attack the
// terminal never reach stdout or stderr as escape sequences.
func TestNoEscapesInOutput(t *testing.T) {
	dir := t.TempDir()
	hostile := "\x1b]0;pwned\x07Harbour \x1b[31mstrike\x1b[0m\n\nThe union said \u009b2J “we will \x1b]52;c;ZXZpbA==\x07not move,” its leader told reporters on Monday.\n"
	os.WriteFile(filepath.Join(dir, "evil\x1b[2J.txt"), []byte(hostile), 0o644)
	os.WriteFile(filepath.Join(dir, "bad\x1b]0;x\x07.json"), []byte("{oops"), 0o644)
	for _, args := range [][]string{
		{"list", dir}, {"list", "--json", dir}, {"show", dir}, {"show", "--json", dir},
		{"quotes", dir}, {"speakers", dir}, {"check", dir},
	} {
		_, out, errOut := runCLI(t, args...)
		for _, s := range []string{out, errOut} {
			if strings.ContainsAny(s, "\x1b\u009b\a") {
				t.Errorf("byline %v wrote an escape sequence: %q", args[0], s)
			}
		}
	}
}

// TestMain keeps the tests' corpus caches out of the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "byline-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
