package main

import (
	"os"
	"runtime/debug"
)

// memoryBudget returns a corpus.Options.Found hook that keeps a soft memory
// limit in step with the corpus as the walk finds it. A loaded corpus lives
// at about twice its size on disk (the decoded text that bodies point into,
// plus articles and quotations), and Go's collector otherwise lets the heap
// grow to twice the live size before collecting: the limit makes it collect
// earlier instead, trading a little CPU for a peak near the live size. It is
// a soft limit: when the live heap needs more, it gets more. A GOMEMLIMIT the
// user set wins.
func memoryBudget() func(files int, bytes int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	const (
		base    = 48 << 20 // runtime, binary, buffers
		perByte = 3.2      // live bytes per corpus byte, measured on the BBC corpus, plus headroom
		minStep = 8 << 20  // don't reset the limit for every small file
	)
	var set int64
	return func(_ int, bytes int64) {
		limit := base + int64(perByte*float64(bytes))
		if limit-set < minStep {
			return
		}
		set = limit
		debug.SetMemoryLimit(limit)
	}
}
