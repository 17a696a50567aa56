package clean

import (
	"strings"
	"testing"
)

// strongMatchesPlain is strongMatches without its indexes: every phrase
// tried at every word start and punctuation.
func strongMatchesPlain(lower string) (set uint32, first [maxRules]int) {
	prevWord := false
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		word := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !(word && prevWord) {
			for ri, r := range strongRules {
				for _, p := range r.phrases {
					if set&(1<<ri) == 0 && strings.HasPrefix(lower[i:], p) {
						set |= 1 << ri
						first[ri] = i
					}
				}
			}
		}
		prevWord = word
	}
	return set, first
}

func FuzzStrongMatches(f *testing.F) {
	for _, s := range []string{
		"subscribe to our newsletter", "sign up", "cookie", "read more: the story", "/ap photo", "© 2019",
		"(c) 2020 all rights reserved", "more great stories", "co", "the photo:", "shutterstock", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lower := foldASCII(s)
		set, first := strongMatches(lower)
		wantSet, wantFirst := strongMatchesPlain(lower)
		if set != wantSet || first != wantFirst {
			t.Fatalf("strongMatches(%q) = %b %v, want %b %v", lower, set, first, wantSet, wantFirst)
		}
	})
}
