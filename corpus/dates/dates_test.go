package dates

import (
	"testing"
	"time"

	"byline/model"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC3339 in the zone kept, "" for not a date
		zone string
		p    model.Precision
	}{
		{"Monday 10 January 2022 00:19 EST", "2022-01-10T00:19:00-05:00", "EST", model.PrecisionDateTime},
		{"20 Nov 2019 08:00 GMT", "2019-11-20T08:00:00Z", "GMT", model.PrecisionDateTime},
		{"November 20, 2019", "2019-11-20T00:00:00Z", "", model.PrecisionDate},
		{"2022-01-10", "2022-01-10T00:00:00Z", "", model.PrecisionDate},
		{"2022-01-10T05:19:00Z", "2022-01-10T05:19:00Z", "", model.PrecisionDateTime},
		{"2019-11-19T10:00:00+01:00", "2019-11-19T10:00:00+01:00", "", model.PrecisionDateTime},
		{"Tue, 19 Nov 2019 08:00:00 GMT", "2019-11-19T08:00:00Z", "GMT", model.PrecisionDateTime},
		{"Tue, 19 Nov 2019 08:00:00 +0100", "2019-11-19T08:00:00+01:00", "", model.PrecisionDateTime},
		{"1574150400", "2019-11-19T08:00:00Z", "", model.PrecisionDateTime},
		{"19 November 2019 15:04 BST", "2019-11-19T15:04:00+01:00", "BST", model.PrecisionDateTime},
		{"10 January 2022 00:19 PST", "2022-01-10T00:19:00-08:00", "PST", model.PrecisionDateTime},
		{"Jan 10, 2022 4:30 PM EDT", "2022-01-10T16:30:00-04:00", "EDT", model.PrecisionDateTime},
		{"Nov. 19, 2019 5:30 p.m. ET", "2019-11-19T17:30:00-05:00", "", model.PrecisionDateTime},
		{"11/19/19 06:56 AM EST", "2019-11-19T06:56:00-05:00", "EST", model.PrecisionDateTime},
		{"March 3rd, 2004", "2004-03-03T00:00:00Z", "", model.PrecisionDate},
		{"3 March 2020 10:00 CET", "2020-03-03T10:00:00+01:00", "CET", model.PrecisionDateTime},
		{"Monday", "", "", 0},
		{"2024", "", "", 0},
		{"", "", "", 0},
		{"the cat sat on the mat in 2019", "", "", 0},
		{"99999999999999", "", "", 0},
	}
	for _, tt := range tests {
		got, p, ok := Parse(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("Parse(%q) = %v, want not a date", tt.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("Parse(%q) not ok", tt.in)
			continue
		}
		if s := got.Format(time.RFC3339); s != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, s, tt.want)
		}
		if tt.zone != "" {
			if name, _ := got.Zone(); name != tt.zone {
				t.Errorf("Parse(%q) zone %q, want %q", tt.in, name, tt.zone)
			}
		}
		if p != tt.p {
			t.Errorf("Parse(%q) precision %v, want %v", tt.in, p, tt.p)
		}
	}
}

func TestParseSeedUTC(t *testing.T) {
	got, _, ok := Parse("Monday 10 January 2022 00:19 EST")
	if !ok || !got.UTC().Equal(time.Date(2022, 1, 10, 5, 19, 0, 0, time.UTC)) {
		t.Fatalf("got %v", got)
	}
}

func TestDateline(t *testing.T) {
	yes := []string{
		"Monday 10 January 2022 00:19 EST",
		"Updated: 19 Nov 2019",
		"Published 20 November 2019",
		"Last updated on November 20, 2019 at 8:00 am",
		"20 Nov 2019 08:00 GMT",
		"2019-11-20",
		"November 20, 2019 | 10:30 AM EST",
		"Tue 19 Nov 2019 15.04 GMT",
	}
	no := []string{
		"Monday",
		"2024",
		"Comments",
		"On Friday, Blinken said on 20 November 2019 that Russia would pay.",
		"John Bowden",
		"Superpowers trade warnings ahead of Geneva talks",
		"November 2019",
		"Posted by John Doe on November 20, 2019",
		"12345",
	}
	for _, s := range yes {
		if _, _, ok := Dateline(s); !ok {
			t.Errorf("Dateline(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if got, _, ok := Dateline(s); ok {
			t.Errorf("Dateline(%q) = %v, want false", s, got)
		}
	}
}

func TestConcurrent(t *testing.T) {
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			for j := 0; j < 20; j++ {
				if _, _, ok := Parse("Nov. 19, 2019 5:30 p.m. ET"); !ok {
					t.Error("not ok")
				}
			}
			done <- true
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"Monday 10 January 2022 00:19 EST", "2022-01-10T05:19:00Z", "1574150400", "Nov. 19, 2019 5:30 p.m. ET", "3rd", "Updated: 19 Nov 2019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, p, ok := Parse(s)
		if ok && (p == model.PrecisionNone || tm.IsZero()) {
			t.Fatalf("Parse(%q) ok with %v %v", s, tm, p)
		}
		if !ok && p != model.PrecisionNone {
			t.Fatalf("Parse(%q) not ok with precision %v", s, p)
		}
		Dateline(s)
	})
}

func BenchmarkDatelineProse(b *testing.B) {
	lines := []string{
		"Secretary of State Antony Blinken was on ABC’s This Week speaking about the response",
		"Comments", "John Bowden", "Share this article", "Updated 2019",
	}
	for i := 0; i < b.N; i++ {
		Dateline(lines[i%len(lines)])
	}
}

func BenchmarkParseFast(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Parse("Monday 10 January 2022 00:19 EST")
	}
}

func TestFirstCallCost(t *testing.T) {
	start := time.Now()
	Parse("Nov. 19, 2019 5:30 p.m. ET")
	t.Logf("first slow-path call: %v", time.Since(start))
}

func TestParseFastForms(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"5:27 AM CST, Wednesday, November 20, 2019", "2019-11-20T05:27:00-06:00"},
		{"• 11/20/2019 01:14 PM", "2019-11-20T13:14:00Z"},
		{"| November 18, 2019 12:26 PM", "2019-11-18T12:26:00Z"},
		{"Nov 20 2019, 11:06 AM ist", "2019-11-20T11:06:00+05:30"},
		{"Wed, Nov 20, 2019", "2019-11-20T00:00:00Z"},
		{"Nov 20, 2019, 9:28 AM UTC", "2019-11-20T09:28:00Z"},
		{"20.11.2019", "2019-11-20T00:00:00Z"},
	} {
		got, _, ok := Parse(tt.in)
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("Parse(%q) = %v %v, want %s", tt.in, got, ok, tt.want)
		}
	}
}
