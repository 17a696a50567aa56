package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestBudgetLimit(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name         string
		corpus, live int64
		want         int64
	}{
		{"nothing found yet", 0, 0, budgetBase},
		{"corpus size leads while reading", 100 * mb, 50 * mb, budgetBase + 200*mb},
		{"live heap leads when articles cost more than expected", 100 * mb, 300 * mb, budgetBase + 330*mb},
		{"tiny corpus, live runtime", 1 * mb, 10 * mb, budgetBase + 11*mb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := budgetLimit(tt.corpus, tt.live); got != tt.want {
				t.Errorf("budgetLimit(%d MB, %d MB) = %d MB, want %d MB", tt.corpus/mb, tt.live/mb, got/mb, tt.want/mb)
			}
		})
	}
}

// TestMemoryBudgetFollowsCorpusAndCollections checks the budget really sets
// the process's limit, and keeps following collections.
func TestMemoryBudgetFollowsCorpusAndCollections(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)

	b := startMemoryBudget()
	if b == nil {
		t.Fatal("no budget without GOMEMLIMIT")
	}
	defer b.Stop()
	b.Found(10, 1<<30)
	if got, want := debug.SetMemoryLimit(-1), budgetLimit(1<<30, 0); got < want-budgetStep || got > want+budgetStep {
		t.Fatalf("limit after finding 1 GB = %d, want about %d", got, want)
	}
	// Each collection runs the cleanup, which updates and re-arms itself.
	// Cleanups run on their own goroutine after the collection: collect
	// and look again until three have run (a budget that stopped
	// following would hang here until go test's -timeout).
	for followed := 0; followed < 3; {
		runtime.GC()
		time.Sleep(time.Millisecond) // let the cleanup goroutine run
		b.mu.Lock()
		followed = b.collections
		b.mu.Unlock()
	}
	// The live heap here is far below the corpus term, which must hold.
	if got := debug.SetMemoryLimit(-1); got < budgetLimit(1<<30, 0)-budgetStep {
		t.Fatalf("limit after collections = %d, fell below the corpus term", got)
	}
}

func TestMemoryBudgetLeavesUserLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	if startMemoryBudget() != nil {
		t.Fatal("a budget was started although the user set GOMEMLIMIT")
	}
}
