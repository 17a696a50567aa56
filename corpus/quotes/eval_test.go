package quotes_test

import (
	"os"
	"path/filepath"
	"testing"

	"byline/corpus/quotes"
	"byline/corpus/quotes/eval"
)

// Bars of issue 3 on dev, and the regression floors actually reached
// (dev F1 0.949, speaker 0.844; train F1 0.941, speaker 0.787). The bars
// are not met yet: the test asserts the floors and logs the gap, so that a
// change that loses ground fails while the bars stay visible.
const (
	barF1, barSpeaker     = 0.95, 0.85
	floorF1, floorSpeaker = 0.945, 0.840
	trainFloorF1          = 0.937
	trainFloorSpeaker     = 0.782
)

// TestQuoteEval scores Extract on the polnear eval sets (see
// ../shared/README.md and package eval for the exact rules). It asserts
// regression floors just below the figures reached and logs the issue's
// bars (dev quote F1 >= 0.95, speaker accuracy >= 0.85) with the gap.
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
		switch set {
		case "dev":
			for _, m := range []struct {
				name            string
				got, bar, floor float64
			}{{"quote F1", r.F1(), barF1, floorF1}, {"speaker accuracy", r.SpeakerAccuracy(), barSpeaker, floorSpeaker}} {
				if m.got >= m.bar {
					t.Logf("dev %s %.3f meets the bar %.2f", m.name, m.got, m.bar)
				} else {
					t.Logf("BAR NOT MET: dev %s %.3f < bar %.2f (gap %.3f)", m.name, m.got, m.bar, m.bar-m.got)
				}
				if m.got < m.floor {
					t.Errorf("regression: dev %s %.3f < floor %.3f", m.name, m.got, m.floor)
				}
			}
		case "train":
			if r.F1() < trainFloorF1 {
				t.Errorf("regression: train quote F1 %.3f < floor %.3f", r.F1(), trainFloorF1)
			}
			if r.SpeakerAccuracy() < trainFloorSpeaker {
				t.Errorf("regression: train speaker accuracy %.3f < floor %.3f", r.SpeakerAccuracy(), trainFloorSpeaker)
			}
		}
	}
}
