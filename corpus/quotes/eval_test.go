package quotes_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"byline/corpus/quotes/eval"
)

// Floors on the product's figures (the corpus loader, cleaning included,
// scored exactly as ../shared/eval/scorers/score_quotes.py scores `byline
// quotes --json`): just below what this branch reaches, so that a change
// that loses quotations or speakers fails here. polnear-train is the set
// the rules are studied on; polnear-dev is only checked. Issue 11's bars,
// dev quote F1 >= 0.95 and speaker >= 0.87, hold through the product now
// that clean copy keeps every paragraph.
var floors = map[string]struct{ f1, speaker float64 }{
	"dev":   {0.953, 0.880}, // reached: 0.954, 0.883
	"train": {0.946, 0.845}, // reached: 0.947, 0.847
}

// TestQuoteEval scores the product on the polnear eval sets and asserts
// the floors above.
func TestQuoteEval(t *testing.T) {
	base := filepath.Join("..", "..", "..", "shared", "eval", "quotes")
	if _, err := os.Stat(base); err != nil {
		t.Skipf("eval data absent (%s): %v", base, err)
	}
	for _, set := range []string{"dev", "train"} {
		if set == "train" && testing.Short() {
			continue
		}
		dir := filepath.Join(base, "polnear-"+set)
		docs, err := eval.LoadGold(dir)
		if err != nil {
			t.Fatalf("gold %s: %v", set, err)
		}
		arts, err := eval.Product(context.Background(), dir)
		if err != nil {
			t.Fatalf("load %s: %v", set, err)
		}
		r := eval.Score(docs, arts)
		t.Log(r.Summary("polnear-" + set))
		fl := floors[set]
		if r.F1() < fl.f1 {
			t.Errorf("%s quote F1 %.4f < floor %.3f", set, r.F1(), fl.f1)
		}
		if r.SpeakerAccuracy() < fl.speaker {
			t.Errorf("%s speaker accuracy %.4f < floor %.3f", set, r.SpeakerAccuracy(), fl.speaker)
		}
	}
}
