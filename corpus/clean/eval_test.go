package clean_test

import (
	"context"
	"os"
	"testing"

	"byline/corpus/clean/internal/cleaneval"
)

// TestCleaningEval scores body extraction over ../shared/eval/cleaning as
// score_cleaning.py --english does (the style folder loaded as `byline
// show --json` loads it) and asserts F1 >= 0.93 per style. With -v it also
// logs the worst pages.
func TestCleaningEval(t *testing.T) {
	const dir = "../../../shared/eval/cleaning"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/eval/cleaning (test data outside the repository) is absent")
	}
	pages, err := cleaneval.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%-6s %5s %6s %6s %6s", "style", "pages", "P", "R", "F1")
	for _, st := range []string{"w3m", "plain"} {
		s, err := cleaneval.Evaluate(context.Background(), dir, st, pages)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-6s %5d %6.3f %6.3f %6.3f", st, s.Pages, s.P, s.R, s.F1)
		if testing.Verbose() {
			for i := 0; i < 8 && i < len(s.Scores); i++ {
				sc := s.Scores[i]
				t.Logf("    worst: %.10s %-24s P=%.2f R=%.2f F1=%.2f", sc.Page.ID, sc.Page.Host, sc.P, sc.R, sc.F1)
			}
		}
		switch {
		case s.Pages == 0:
			t.Errorf("%s: no pages", st)
		case s.Missing > 0:
			t.Errorf("%s: %d pages gave no article", st, s.Missing)
		case s.F1 < 0.93:
			t.Errorf("%s: F1 %.3f below the 0.93 bar", st, s.F1)
		}
	}
}

func TestPrecisionRecall(t *testing.T) {
	tests := []struct {
		pred, gold string
		p, r       float64
	}{
		{"one two three four five", "one two three four", 0.5, 1},
		{"", "one two three four", 0, 0},
		{"", "", 1, 1},
		{"One two three four", "one two three four", 0, 0}, // case counts, as in the scorer
		{"one two", "one two", 1, 1},                       // short texts are one shingle
	}
	for _, tt := range tests {
		p, r := cleaneval.PrecisionRecall(tt.pred, tt.gold)
		if p != tt.p || r != tt.r {
			t.Errorf("PrecisionRecall(%q, %q) = %v, %v; want %v, %v", tt.pred, tt.gold, p, r, tt.p, tt.r)
		}
	}
}

func TestEnglish(t *testing.T) {
	if !cleaneval.English("The minister said that the strike was over, and he would meet them.") {
		t.Error("English prose not English")
	}
	if cleaneval.English("Самые популярные кулинарные блоги") {
		t.Error("Russian taken for English")
	}
}
