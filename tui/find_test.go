package tui

import (
	"slices"
	"testing"
)

func TestFindLines(t *testing.T) {
	lines := []string{
		"  the strike at port",      // 0
		"  alder is over, and the",  // 1
		"",                          // 2: paragraph break
		"  port",                    // 3
		"  alder again; port alder", // 4
	}
	for _, tc := range []struct {
		term    string
		starts  []int
		covered []int
	}{
		{"strike", []int{0}, []int{0}},
		{"port alder", []int{0, 3, 4}, []int{0, 1, 3, 4}},
		{"and the", []int{1}, []int{1}},
		{"the port", nil, nil}, // "the" ends a paragraph: never joined across it
		{"zzz", nil, nil},
		{"  ", nil, nil},
	} {
		starts, covered := findLines(lines, tc.term)
		var cov []int
		for i, c := range covered {
			if c {
				cov = append(cov, i)
			}
		}
		if !slices.Equal(starts, tc.starts) || !slices.Equal(cov, tc.covered) {
			t.Errorf("findLines(%q) = starts %v covered %v, want %v %v", tc.term, starts, cov, tc.starts, tc.covered)
		}
	}
}
