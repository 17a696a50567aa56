package corpus

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// firstLine returns the first non-empty line of a file, its white space
// collapsed (as score_clean_copy.py reads it).
func firstLine(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		raw := sc.Bytes()
		text, _, err := Decode(raw)
		if err != nil {
			text = string(raw)
		}
		if line := strings.Join(strings.Fields(text), " "); line != "" {
			return line
		}
	}
	return ""
}

// words counts white-space separated words, as the scorers do.
func wordCount(ss ...string) int {
	n := 0
	for _, s := range ss {
		n += len(strings.Fields(s))
	}
	return n
}

// The BBC corpus is clean copy: line 1 is the headline, the rest article
// text. Every title is its first line, no source is invented, no body is
// empty, and at most 0.1% of the words are removed (score_clean_copy.py's
// bars, asserted here on the same load path).
func TestBBCCleanCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("BBC corpus load skipped in -short mode")
	}
	dir := sharedDir(t, "corpus/bbc")
	c := mustLoad(t, []string{dir}, Options{})
	if len(c.Articles) != 2225 {
		t.Fatalf("%d articles, want 2225", len(c.Articles))
	}
	kept, removed, titled := 0, 0, 0
	for _, a := range c.Articles {
		if want := firstLine(t, a.Path); strings.Join(strings.Fields(a.Title), " ") == want && !a.TitleDerived {
			titled++
		} else {
			t.Errorf("%s: title %q (derived %v), first line %q", a.ID, a.Title, a.TitleDerived, want)
		}
		if a.Source != "" {
			t.Errorf("%s: source %q from %q", a.ID, a.Source, a.SourceFrom)
		}
		if len(a.Body) == 0 {
			t.Errorf("%s: empty body", a.ID)
		}
		if a.PageDump {
			t.Errorf("%s: cleaned as a web page", a.ID)
		}
		kept += wordCount(a.Body...)
		for _, r := range a.Removed {
			removed += wordCount(r.Text)
		}
	}
	if titled != len(c.Articles) {
		t.Errorf("titles equal to line 1: %d of %d", titled, len(c.Articles))
	}
	if share := float64(removed) / float64(kept+removed); share > 0.001 {
		t.Errorf("%.4f of the words removed, bar 0.001", share)
	}
}

// The PolNeAR texts are clean copy too: no paragraph of them is removed.
func TestPolNEARCleanCopy(t *testing.T) {
	dir := sharedDir(t, "eval/quotes/polnear-dev/text")
	c := mustLoad(t, []string{dir}, Options{})
	if len(c.Articles) == 0 {
		t.Fatal("no articles")
	}
	for _, a := range c.Articles {
		for _, r := range a.Removed {
			t.Errorf("%s: removed %q as %q", a.ID, r.Text, r.Reason)
		}
		if a.PageDump {
			t.Errorf("%s: cleaned as a web page", a.ID)
		}
	}
}
