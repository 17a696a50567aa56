package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWeightsUpToDate fits the weights again and checks that the committed
// rank_weights.go is what the command makes: the weights in the repository
// come from the command, not from a hand.
func TestWeightsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the ranker on polnear-train (seconds)")
	}
	mod := moduleRoot()
	dir := filepath.Join(mod, "..", "shared", "eval", "quotes", "polnear-train")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("polnear-train absent: %v", err)
	}
	exs, st, err := collect(dir)
	if err != nil {
		t.Fatal(err)
	}
	const iters, l2 = 3000, 0.01 // the command's defaults
	w := fit(exs, iters, l2)
	src, err := source(w, st, accuracy(exs, nil), accuracy(exs, &w), iters, l2)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(filepath.Join(mod, "corpus", "quotes", "rank_weights.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, have) {
		t.Errorf("corpus/quotes/rank_weights.go is not what fitspeakers makes; run go run ./corpus/quotes/cmd/fitspeakers")
	}
}
