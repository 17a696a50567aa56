package quotes

import (
	"strings"
	"testing"
	"unicode"

	"byline/model"
)

// FuzzMerge: quotations found in arbitrary text by Extract, merged across
// two articles, never panic; every speaker has a name and counts at least
// one quotation, and every quote attributed to a name (descriptions such as
// "the mayor" are not listed) names a merged speaker.
func FuzzMerge(f *testing.F) {
	f.Add("“We will not move,” said union leader Maria Costa.\n“Nor will we,” Costa added.", "Mr Costa said: “Fine.”\nThe Costa Group said “no”.")
	f.Add("Blinken said on Friday, “We’re prepared.”", "US Secretary of State Antony Blinken said “Yes.”\n“No,” he said.")
	f.Add("“a,” said A.\n“b,” said A A.", "“c,” said a.\n“d,” said Á.")
	f.Fuzz(func(t *testing.T, one, two string) {
		if len(one)+len(two) > 4000 {
			return
		}
		var arts []*model.Article
		for i, text := range []string{one, two} {
			body := strings.Split(text, "\n")
			a := &model.Article{ID: string(rune('a' + i)), Source: "S", Body: body}
			a.Quotes = Extract("", body)
			arts = append(arts, a)
		}
		speakers := Merge(arts)
		names := map[string]bool{}
		for _, s := range speakers {
			if s.Name == "" || s.Quotes < 1 {
				t.Fatalf("speaker %+v", s)
			}
			names[s.Name] = true
		}
		for _, a := range arts {
			for _, q := range a.Quotes {
				if q.Speaker != "" && q.IsQuotation() && isName(q.Speaker) && !names[q.Speaker] {
					t.Fatalf("quote %q by %q, not a merged speaker (%v)", q.Text, q.Speaker, names)
				}
			}
		}
	})
}

// isName reads words in place; it must agree with the plain reading of
// strings.Fields.
func FuzzIsName(f *testing.F) {
	for _, s := range []string{"the mayor", "The Bank of Veldara", "a\u00a0Smith", "\u2003Élise", "x\xffY Z", "\tthe\vMayor"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for _, w := range strings.Fields(s) {
			if unicode.IsUpper([]rune(w)[0]) && !determiners[strings.ToLower(w)] {
				want = true
				break
			}
		}
		if got := isName(s); got != want {
			t.Fatalf("isName(%q) = %v, want %v", s, got, want)
		}
	})
}
