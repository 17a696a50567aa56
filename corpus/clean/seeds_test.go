package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"byline/model"
)

// sharedDir is ../shared relative to the repository root.
const sharedDir = "../../../shared"

func readShared(t testing.TB, rel string) string {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skip("../shared (test data outside the repository) is absent")
	}
	matches, _ := filepath.Glob(filepath.Join(sharedDir, rel))
	if len(matches) == 0 {
		t.Skipf("no %s in ../shared", rel)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestSeed003(t *testing.T) {
	r := Dump(readShared(t, "corpus/seeds/003_*.txt"))
	if want := "US warns of ‘severe consequences’ for Russia if it invades Ukraine, while Moscow promises ‘no concessions’"; r.Title != want {
		t.Errorf("title %q", r.Title)
	}
	if r.TitleDerived {
		t.Error("title marked derived")
	}
	if want := "Superpowers trade warnings ahead of Geneva talks"; r.Standfirst != want {
		t.Errorf("standfirst %q", r.Standfirst)
	}
	if len(r.Authors) != 1 || r.Authors[0] != "John Bowden" {
		t.Errorf("authors %q", r.Authors)
	}
	if !r.Published.Equal(time.Date(2022, 1, 10, 5, 19, 0, 0, time.UTC)) || r.DatePrecision != model.PrecisionDateTime {
		t.Errorf("published %v precision %v", r.Published, r.DatePrecision)
	}
	if name, off := r.Published.Zone(); name != "EST" || off != -5*3600 {
		t.Errorf("zone %s %d", name, off)
	}
	if r.Source != "The Independent" {
		t.Errorf("source %q", r.Source)
	}
	if len(r.Body) == 0 {
		t.Fatal("empty body")
	}
	if !strings.HasPrefix(r.Body[0], "Top diplomats from Russia") {
		t.Errorf("body starts %q", r.Body[0])
	}
	if last := r.Body[len(r.Body)-1]; !strings.HasSuffix(last, "before it joins the alliance.") {
		t.Errorf("body ends %q", last)
	}
	if len(r.Body) != 10 {
		t.Errorf("body has %d paragraphs, want 10:\n%s", len(r.Body), strings.Join(r.Body, "\n"))
	}
	found := false
	for _, rm := range r.Removed {
		if strings.HasPrefix(rm.Text, "Blinken warns of") {
			found = true
		}
		if rm.Reason == "" {
			t.Errorf("removed without reason: %q", rm.Text)
		}
	}
	if !found {
		t.Error("caption line not among removed")
	}
}

func TestSeed000(t *testing.T) {
	r := Dump(readShared(t, "corpus/seeds/000_*.txt"))
	if r.Source != "" {
		t.Errorf("source %q, want empty", r.Source)
	}
	if r.Credit != "Agencies" {
		t.Errorf("credit %q", r.Credit)
	}
	// Every line but the credit line is an article paragraph.
	if len(r.Body) != 14 {
		t.Errorf("body has %d paragraphs, want 14:\n%s", len(r.Body), strings.Join(r.Body, "\n"))
	}
	for _, p := range r.Body {
		if strings.HasPrefix(p, "Source:") {
			t.Error("Source: line in body")
		}
	}
	if !r.TitleDerived || r.Title == "" {
		t.Errorf("title %q derived=%v", r.Title, r.TitleDerived)
	}
	if want := "US Secretary of State Antony Blinken has threatened Russia with “massive consequences” if it launches any military action in neighboring Ukraine"; r.Title != want {
		t.Errorf("derived title %q", r.Title)
	}
}
