package eval

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreesWithScorer runs ../shared/eval/scorers/score_quotes.py on
// polnear-dev with a byline built from this tree and checks that Product
// and Score print the very same figures.
func TestAgreesWithScorer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs the Python scorer")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(root, "..", "shared")
	scorer := filepath.Join(shared, "eval", "scorers", "score_quotes.py")
	dir := filepath.Join(shared, "eval", "quotes", "polnear-dev")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("scorer absent: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 absent")
	}
	bin := filepath.Join(t.TempDir(), "byline")
	build := exec.Command("go", "build", "-o", bin, "./cmd/byline")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(python, scorer, dir)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "BYLINE_BIN="+bin, "XDG_CACHE_HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scorer: %v\n%s", err, out)
	}
	docs, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Product(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ours := strings.Split(Score(docs, arts).Summary("polnear-dev"), "\n")
	theirs := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(theirs) != 2 {
		t.Fatalf("scorer printed %q", out)
	}
	if ours[0] != theirs[0] {
		t.Errorf("counts differ:\n harness %s\n scorer  %s", ours[0], theirs[0])
	}
	// the scorer's second line ends with its bars; ours with the counts
	cut := func(s string) string { s, _, _ = strings.Cut(s, " ("); return s }
	if cut(ours[1]) != cut(theirs[1]) {
		t.Errorf("figures differ:\n harness %s\n scorer  %s", ours[1], theirs[1])
	}
}
