package model

import (
	"strings"
	"testing"

	"byline/internal/cputime"
)

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{" ", 0},
		{"one", 1},
		{" one ", 1},
		{"one two", 2},
		{"one\ttwo\nthree\r\nfour", 4},
		{"  many   spaces  between ", 3},
		{"non-breaking\u00a0space stays inside a word", 5},
		{"naïve café — déjà vu", 5},
	} {
		if got := countWords(tc.in); got != tc.want {
			t.Errorf("countWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func BenchmarkCountWords(b *testing.B) {
	s := strings.Repeat("The quick brown fox jumps over the lazy dog, said the minister on Monday. ", 2000)
	b.SetBytes(int64(len(s)))
	done := cputime.Report(b)
	for b.Loop() {
		countWords(s)
	}
	done()
}
