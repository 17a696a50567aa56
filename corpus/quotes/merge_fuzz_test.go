package quotes

import (
	"strings"
	"testing"

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
