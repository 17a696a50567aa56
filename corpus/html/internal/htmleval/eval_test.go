package htmleval

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

var shared = filepath.Join("..", "..", "..", "..", "..", "shared")

// TestBars asserts issue 13's bars on the dev sets, measured through the
// product's loader as the scorer measures them.
func TestBars(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 151 pages")
	}
	eval := filepath.Join(shared, "eval")
	if _, err := os.Stat(filepath.Join(eval, "readability", "gold.jsonl")); err != nil {
		t.Skipf("no eval sets (%v): ../shared is not beside the project", err)
	}
	ctx := context.Background()
	aeb, err := Run(ctx, filepath.Join(eval, "cleaning", "html"), filepath.Join(eval, "cleaning", "gold.jsonl"), true, HTMLPages)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cleaning/html English: body F1 %.3f (P %.3f R %.3f), %d pages", aeb.F1, aeb.P, aeb.R, aeb.Pages)
	if aeb.Missing > 0 || aeb.F1 < 0.96 {
		t.Errorf("cleaning/html English: body F1 %.3f, %d missing; bar 0.96", aeb.F1, aeb.Missing)
	}
	rd, err := Run(ctx, filepath.Join(eval, "readability", "pages"), filepath.Join(eval, "readability", "gold.jsonl"), false, HTMLPages)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("readability: body %.3f, title %s, byline %s, date %s", rd.F1, rd.TitleExact, rd.Byline, rd.Date)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"body F1", rd.F1, 0.95},
		{"title exact", rd.TitleExact.Value(), 0.90},
		{"byline", rd.Byline.Value(), 0.85},
		{"date", rd.Date.Value(), 0.90},
	} {
		if c.got < c.want {
			t.Errorf("readability %s %.3f, bar %.2f", c.name, c.got, c.want)
		}
	}
}

// TestHarnessAgreesWithScorer runs ../shared's scorer on the real binary
// and checks it prints the harness's figures.
func TestHarnessAgreesWithScorer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	scorer := filepath.Join(shared, "eval", "scorers", "score_html.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("no scorer (%v)", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	bin := filepath.Join(t.TempDir(), "byline")
	build := exec.Command("go", "build", "-o", bin, "byline/cmd/byline")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(python, scorer, "readability", filepath.Join(shared, "eval"))
	cmd.Env = append(os.Environ(), "BYLINE_BIN="+bin, "XDG_CACHE_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scorer: %v\n%s", err, out)
	}
	rd, err := Run(context.Background(), filepath.Join(shared, "eval", "readability", "pages"), filepath.Join(shared, "eval", "readability", "gold.jsonl"), false, HTMLPages)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`body F1 ([0-9.]+)[\s\S]*title exact [0-9.]+ \((\d+)/\d+\)[\s\S]*byline [0-9.]+ \((\d+)/\d+\)[\s\S]*published date [0-9.]+ \((\d+)/\d+\)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("unexpected scorer output:\n%s", out)
	}
	f1, _ := strconv.ParseFloat(m[1], 64)
	title, _ := strconv.Atoi(m[2])
	byline, _ := strconv.Atoi(m[3])
	date, _ := strconv.Atoi(m[4])
	if diff := f1 - rd.F1; diff > 0.0006 || diff < -0.0006 || title != rd.TitleExact.K || byline != rd.Byline.K || date != rd.Date.K {
		t.Errorf("scorer: body %.3f title %d byline %d date %d; harness: body %.3f title %d byline %d date %d\n%s",
			f1, title, byline, date, rd.F1, rd.TitleExact.K, rd.Byline.K, rd.Date.K, out)
	}
}
