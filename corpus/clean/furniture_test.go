package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
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

// furnitureReasonPlain is furnitureReason without its shortcut for long
// blocks, the strong phrases found by the plain scan: whatever the length.
func furnitureReasonPlain(lower string, chars int, sentence bool) (reason string, weak bool) {
	return furnitureByPhrases(lower, chars, sentence, strongMatchesPlain)
}

func FuzzFurnitureReason(f *testing.F) {
	long := strings.Repeat("The minister said the budget would help families across the country. ", 5)
	for _, s := range []string{
		"Sign up for our newsletter", long + "Support our journalism: your donation helps us.", long + "Photo: Getty Images",
		long + "Read more: our coverage", "Share", long, "Image caption " + long[:200],
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, sentence bool) {
		lower := foldASCII(s)
		chars := utf8.RuneCountInString(s)
		r, w := furnitureReason(lower, chars, sentence)
		wr, ww := furnitureReasonPlain(lower, chars, sentence)
		if r != wr || w != ww {
			t.Fatalf("furnitureReason(%q) = %q %v, want %q %v", s, r, w, wr, ww)
		}
	})
}
