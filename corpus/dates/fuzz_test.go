package dates

import (
	"testing"

	"byline/model"
)

// FuzzDateline: any line (a dateline, a byline, prose) gives a date only
// with a precision, never panics, and is deterministic.
func FuzzDateline(f *testing.F) {
	for _, s := range []string{"Monday 10 January 2022 00:19 EST", "GENEVA (Reuters) - Jan 10, 2022", "Updated 5 hours ago",
		"By Jane Doe - 11/19/19 06:56 AM EST", "Published: 2022-01-10T05:19:00+05:30", "\u202e2022\x00-01-10", "31 February 2022", "99999999999 BC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, p, ok := Dateline(s)
		if ok != (p != model.PrecisionNone) || (ok && tm.IsZero()) {
			t.Fatalf("Dateline(%q) = %v %v %v", s, tm, p, ok)
		}
		if tm2, p2, ok2 := Dateline(s); !tm2.Equal(tm) || p2 != p || ok2 != ok {
			t.Fatalf("Dateline(%q) not deterministic", s)
		}
	})
}
