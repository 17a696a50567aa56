package quotes_test

import (
	"os"
	"path/filepath"
	"testing"

	"byline/corpus/quotes"
	"byline/corpus/quotes/eval"
)

// TestQuoteEval scores Extract on the polnear eval sets (see
// ../shared/README.md and package eval for the exact rules) and asserts the
// bars on dev: quote F1 >= 0.95 and speaker accuracy >= 0.85.
func TestQuoteEval(t *testing.T) {
	base := filepath.Join("..", "..", "..", "shared", "eval", "quotes")
	if _, err := os.Stat(base); err != nil {
		t.Skipf("eval data absent (%s): %v", base, err)
	}
	t.Logf("%-6s %5s %5s %5s %6s %6s %6s %8s", "set", "gold", "pred", "match", "P", "R", "F1", "speaker")
	for _, set := range []string{"dev", "train"} {
		if set == "train" && testing.Short() {
			continue
		}
		docs, err := eval.Load(filepath.Join(base, "polnear-"+set))
		if err != nil {
			t.Fatalf("load %s: %v", set, err)
		}
		r := eval.Score(docs, quotes.Extract)
		t.Logf("%-6s %5d %5d %5d %6.3f %6.3f %6.3f %8.3f", set, r.Gold, r.Pred, r.Matched, r.Precision(), r.Recall(), r.F1(), r.SpeakerAccuracy())
		if set == "dev" {
			if r.F1() < 0.95 {
				t.Errorf("dev quote F1 %.3f < 0.95", r.F1())
			}
			if r.SpeakerAccuracy() < 0.85 {
				t.Errorf("dev speaker accuracy %.3f < 0.85", r.SpeakerAccuracy())
			}
		}
	}
}
