package quotes

import (
	"strings"
	"testing"
)

// lowerInPlace must agree with strings.ToLower whenever that keeps the
// length, and return "" otherwise.
func TestLowerInPlace(t *testing.T) {
	for _, s := range []string{
		"", "plain", "Mixed Case", "ÉCOLE “Quoted” Straße", "already lower — ok",
		"İstanbul", "KELVIN \u212a", "bad \xff byte", "\uFFFD genuine", "İȺ balance", "ȺB", "ǅ titlecase",
	} {
		want := strings.ToLower(s)
		if len(want) != len(s) {
			want = ""
		}
		if got := lowerInPlace(s); got != want {
			t.Errorf("lowerInPlace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLowerInPlace(f *testing.F) {
	f.Add("Hello “World” İȺ \xff")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ToLower(s)
		if len(want) != len(s) {
			want = ""
		}
		if got := lowerInPlace(s); got != want {
			t.Fatalf("lowerInPlace(%q) = %q, want %q", s, got, want)
		}
	})
}
