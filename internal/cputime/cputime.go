// Package cputime measures the CPU time (user + system, all threads) the
// process has used, for benchmarks on a shared machine: there wall time
// swings with other people's work, while CPU time is what a change to the
// code moves.
package cputime

import (
	"testing"
	"time"
)

// Process returns the CPU time the process has used so far, or false where
// the platform does not say.
func Process() (time.Duration, bool) { return process() }

// Report starts measuring b's CPU time and returns a function that reports
// it, as "cpu-ns/op", when called after b's loop. Collector and other
// background threads count too: they run because of the work measured.
func Report(b *testing.B) func() {
	start, ok := Process()
	return func() {
		end, ok2 := Process()
		if !ok || !ok2 || b.N == 0 {
			return
		}
		b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
