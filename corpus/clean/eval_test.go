package clean_test

import (
	"os"
	"testing"

	"byline/corpus/clean/internal/cleaneval"
)

// TestCleaningEval scores Dump's body extraction over ../shared/eval/cleaning
// with the metric of ../shared/README.md and asserts F1 >= 0.85 per style.
// With -v it also logs the worst pages to help tuning.
func TestCleaningEval(t *testing.T) {
	const dir = "../../../shared/eval/cleaning"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/eval/cleaning (test data outside the repository) is absent")
	}
	pages, err := cleaneval.Load(dir, "w3m", "plain")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%-6s %5s %6s %6s %6s", "style", "pages", "P", "R", "F1")
	for _, st := range []string{"w3m", "plain"} {
		s := cleaneval.Evaluate(pages, st)
		t.Logf("%-6s %5d %6.3f %6.3f %6.3f", st, s.Pages, s.P, s.R, s.F1)
		if testing.Verbose() {
			for i := 0; i < 8 && i < len(s.Scores); i++ {
				sc := s.Scores[i]
				t.Logf("    worst: %.10s %-24s P=%.2f R=%.2f F1=%.2f", sc.Page.ID, sc.Page.Host, sc.P, sc.R, sc.F1)
			}
		}
		if s.Pages == 0 {
			t.Errorf("%s: no pages", st)
		} else if s.F1 < 0.85 {
			t.Errorf("%s: F1 %.3f below the 0.85 bar", st, s.F1)
		}
	}
}

func TestPrecisionRecall(t *testing.T) {
	p, r := cleaneval.PrecisionRecall("one two three four five", "one two three four")
	if p != 0.5 || r != 1 {
		t.Errorf("got P=%v R=%v", p, r)
	}
}
