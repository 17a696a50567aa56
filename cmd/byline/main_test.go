package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/internal/pgtest"
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
		{"list reports problems on stderr", []string{"list", "--json", dir}, exitOK, "1 article loaded, 1 problem"},
		{"unknown ID", []string{"show", "no/such/article"}, exitFailure, `no article "no/such/article"`},
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
	os.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state")) // no reader state of the user's
	code := m.Run()
	pgtest.Stop() // the PostgreSQL the --db tests may have started
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestCheckJSON: with --json, check's stdout is JSON Lines only, one object
// per problem (defect 11); the summary stays on stderr.
func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{oops"), 0o644)
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Title line here\n\nA body paragraph that is long enough to be prose, the author said.\n"), 0o644)
	code, out, errOut := runCLI(t, "check", "--json", dir)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	records := jsonLines(t, out)
	if len(records) != 1 {
		t.Fatalf("%d records, want 1: %q", len(records), out)
	}
	requireFields(t, "check", records[0], "path", "reason", "article")
	if !strings.HasSuffix(records[0]["path"].(string), "bad.json") || !strings.Contains(records[0]["reason"].(string), "invalid JSON") {
		t.Errorf("record %v", records[0])
	}
	if !strings.Contains(errOut, "byline: 1 article loaded, 1 problem") {
		t.Errorf("stderr lacks the summary: %q", errOut)
	}
}

// TestSummaryLine: check and list print the same summary line (defect 15).
func TestSummaryLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{oops"), 0o644)
	os.WriteFile(filepath.Join(dir, "worse.json"), []byte("{oops"), 0o644)
	summary := func(s string) string {
		for _, line := range strings.Split(s, "\n") {
			if strings.Contains(line, "loaded") {
				return line
			}
		}
		return ""
	}
	_, _, checkErr := runCLI(t, "check", dir)
	_, _, listErr := runCLI(t, "list", dir)
	want := "byline: 0 articles loaded, 2 problems"
	if summary(checkErr) != want || summary(listErr) != want {
		t.Errorf("summaries: check %q, list %q, want %q", summary(checkErr), summary(listErr), want)
	}
}

// TestCommandOrPath: a missing path is an error, a near miss of a command
// name a usage error, and an existing path browses (defect 12).
func TestCommandOrPath(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Title line here\n\nA body paragraph that is long enough to be prose, the author said.\n"), 0o644)
	// A folder named like a typo of a command still browses.
	lsit := filepath.Join(dir, "lsit")
	os.MkdirAll(lsit, 0o755)
	os.WriteFile(filepath.Join(lsit, "typo-folder.txt"), []byte("Another title line\n\nAnother body paragraph long enough to be prose, she said.\n"), 0o644)
	tests := []struct {
		name   string
		chdir  bool
		args   []string
		code   int
		stdout string // substring of stdout
		stderr string // substring of stderr
	}{
		{"missing path to list", false, []string{"list", "/nonexistent"}, exitFailure, "", "/nonexistent: no such file or folder"},
		{"missing path to quotes", false, []string{"quotes", "--json", filepath.Join(dir, "gone")}, exitFailure, "", "no such file or folder"},
		{"missing path to browse", false, []string{filepath.Join(dir, "gone")}, exitFailure, "", "no such file or folder"},
		{"missing path to check", false, []string{"check", "/nonexistent"}, exitFailure, "", "no such file or folder"},
		{"typo of list", false, []string{"lsit"}, exitUsage, "", "did you mean list?"},
		{"typo of speakers", false, []string{"speaker", dir}, exitUsage, "", "did you mean speakers?"},
		{"typo of quotes", false, []string{"qoutes"}, exitUsage, "", "did you mean quotes?"},
		{"far from any command", false, []string{"zzzzzz"}, exitFailure, "", "zzzzzz: no such file or folder"},
		{"existing folder browses", false, []string{dir}, exitOK, "Title line here", ""},
		{"existing folder named like a typo browses", true, []string{"lsit"}, exitOK, "typo-folder", ""},
		{"flag not taken by the command", false, []string{"list", "--speaker", "x", dir}, exitUsage, "", "usage: byline list"},
		{"typo of a flag", false, []string{"list", "--jsn", dir}, exitUsage, "", "did you mean --json?"},
		{"help for no command", false, []string{"help", "lst"}, exitUsage, "", `no command "lst"; did you mean list?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.chdir {
				t.Chdir(dir)
			}
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stdout %q (want %q), stderr %q (want %q)", out, tt.stdout, errOut, tt.stderr)
			}
		})
	}
}

func TestNearestCommand(t *testing.T) {
	for word, want := range map[string]string{
		"lsit": "list", "lst": "list", "shwo": "show", "quote": "quotes", "chek": "check",
		"serv": "serve", "versoin": "version", "speakrs": "speakers",
		"news": "", "data": "", "sport": "", "politics": "", "tech": "", "ls": "", "shows": "show", "lists": "list",
		"export": "", "repo": "", "spoke": "",
	} {
		if got := nearestCommand(word); got != want {
			t.Errorf("nearestCommand(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestShowNotFound: an ID that is not in the corpus says where it looked
// and how to look elsewhere (defect 13).
func TestShowNotFound(t *testing.T) {
	code, _, errOut := runCLI(t, "show", "ryabkov-article")
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	for _, want := range []string{`no article "ryabkov-article" in the demo corpus`, "--corpus DIR", "path"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %q", want, errOut)
		}
	}
	// A near miss of a real ID is named.
	_, _, errOut = runCLI(t, "show", "harbour/2024-03-01-varga-warns-unoin")
	if !strings.Contains(errOut, "did you mean harbour/2024-03-01-varga-warns-union?") {
		t.Errorf("no suggestion for a mistyped ID: %q", errOut)
	}
	dir := t.TempDir()
	code, _, errOut = runCLI(t, "show", "--corpus", dir, "nope")
	if code != exitFailure || !strings.Contains(errOut, `no article "nope" in `+dir) || !strings.Contains(errOut, "byline list "+dir) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestHeadlineSpeakerWording: a quotation in a headline is "(in the
// headline)" in both quotes and show (defect 15).
func TestHeadlineSpeakerWording(t *testing.T) {
	_, quotes, _ := runCLI(t, "quotes")
	_, show, _ := runCLI(t, "show", "harbour/2024-03-01-varga-warns-union")
	for name, out := range map[string]string{"quotes": quotes, "show": show} {
		if !strings.Contains(out, "(in the headline)") {
			t.Errorf("%s lacks (in the headline)", name)
		}
		if strings.Contains(out, "(unknown)") {
			t.Errorf("%s still says (unknown)", name)
		}
	}
}

// TestHelp: the general help names every serve flag (--max-session was
// missing), and `CMD --help` prints that command's own help (defect 15).
func TestHelp(t *testing.T) {
	_, general, _ := runCLI(t, "--help")
	serveFlags(&env{}).set.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(general, "--"+f.Name) {
			t.Errorf("byline --help lacks --%s", f.Name)
		}
	})
	for _, args := range [][]string{{"serve", "--help"}, {"help", "serve"}, {"serve", "-h"}} {
		code, out, _ := runCLI(t, args...)
		if code != exitOK || !strings.HasPrefix(out, "usage: byline serve") || !strings.Contains(out, "--max-session DURATION") {
			t.Errorf("byline %v: exit %d:\n%s", args, code, out)
		}
		if strings.Contains(out, "byline quotes") {
			t.Errorf("byline %v printed the general help", args)
		}
	}
	code, out, _ := runCLI(t, "quotes", "--help")
	if code != exitOK || !strings.HasPrefix(out, "usage: byline quotes") || !strings.Contains(out, "--speaker NAME") {
		t.Errorf("quotes --help: exit %d:\n%s", code, out)
	}
}
