package cputime

import "testing"

// TestProcessGrows checks that work shows up as CPU time: the counter never
// goes back and moves after a loop that spins for it.
func TestProcessGrows(t *testing.T) {
	start, ok := Process()
	if !ok {
		t.Skip("no CPU time on this platform")
	}
	x := 0
	for {
		for i := range 1_000_000 {
			x += i
		}
		now, _ := Process()
		if now < start {
			t.Fatalf("CPU time went back: %v then %v", start, now)
		}
		if now > start {
			break
		}
	}
	_ = x
}
