package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// memoryBudget keeps the peak memory of a command that loads a corpus, prints
// and exits near what the loaded corpus needs.
//
// Go's collector lets the heap grow to twice the live size before it
// collects (GOGC=100). A loaded corpus lives at about 1.7 times its size on
// disk (the decoded text that bodies point into, plus articles and
// quotations), so left alone a load peaks at about 3.5 times the corpus.
// The budget sets a soft memory limit instead, which makes the collector run
// earlier, trading a little CPU for a peak near the live size:
//
//	limit = base + max(perByte × corpus bytes found so far, growth × live heap)
//
// The first term lets the collector stay lazy while the corpus is being read
// (it is what the corpus will need anyway); the second follows the measured
// live heap after every collection, so a corpus whose articles cost more per
// byte than expected (many tiny records, dense quotations) raises the limit
// with it and the collector never ends up running back to back against a
// limit below the live heap. A GOMEMLIMIT the user set wins.
type memoryBudget struct {
	mu      sync.Mutex
	bytes   int64 // corpus bytes found so far
	limit   int64 // limit last set
	sample  []metrics.Sample
	stopped bool
	// collections counts the collections the budget has followed.
	collections int
}

const (
	budgetBase    = 40 << 20 // runtime, binary, stacks, buffers, output
	budgetPerByte = 2.0      // live bytes per corpus byte: ~1.7 measured on BBC×20, plus headroom
	budgetGrowth  = 1.1      // heap growth allowed over the live heap (GOGC=10 at worst)
	budgetStep    = 8 << 20  // don't reset the limit for every small change
)

// startMemoryBudget starts a budget, or returns nil when the user set
// GOMEMLIMIT. Stop it when the load is done: the limit it last set, above
// the live heap by design, then stays for the rest of the command.
func startMemoryBudget() *memoryBudget {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	b := &memoryBudget{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	b.watchCollections()
	return b
}

// Found is a corpus.Options.Found hook: the walk reports the corpus bytes it
// has found so far.
func (b *memoryBudget) Found(_ int, bytes int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bytes = bytes
	b.update()
}

// Stop stops following collections. A nil budget is a no-op.
func (b *memoryBudget) Stop() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stopped = true
}

// gcSentinel is allocated only to be collected. It holds a pointer so that
// it is not packed with other small objects by the tiny allocator, which
// would delay its cleanup until its neighbours die too.
type gcSentinel struct{ _ *byte }

// watchCollections re-reads the live heap after each collection: a cleanup
// attached to a fresh, unreachable sentinel runs once the collector has
// freed it, and registers the next one.
func (b *memoryBudget) watchCollections() {
	runtime.AddCleanup(new(gcSentinel), func(b *memoryBudget) {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.stopped {
			return
		}
		b.collections++
		b.update()
		b.watchCollections()
	}, b)
}

// update sets the limit from the corpus size and the live heap; b.mu held.
func (b *memoryBudget) update() {
	metrics.Read(b.sample)
	var live int64
	if v := b.sample[0].Value; v.Kind() == metrics.KindUint64 {
		live = int64(v.Uint64())
	}
	limit := budgetLimit(b.bytes, live)
	if limit > b.limit-budgetStep && limit < b.limit+budgetStep {
		return
	}
	b.limit = limit
	debug.SetMemoryLimit(limit)
}

// budgetLimit is the memory limit for a corpus of corpusBytes found so far
// and a live heap of live bytes.
func budgetLimit(corpusBytes, live int64) int64 {
	return budgetBase + max(int64(budgetPerByte*float64(corpusBytes)), int64(budgetGrowth*float64(live)))
}
