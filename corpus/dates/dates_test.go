package dates

import (
	"math/rand"
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
		{"March 2024", "", "", 0},
		{"2024 GMT", "", "", 0},
		{"Budget 2024", "", "", 0},
		{"0339 GMT", "", "", 0},
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

func TestParseFastForms(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"5:27 AM CST, Wednesday, November 20, 2019", "2019-11-20T05:27:00-06:00"},
		{"• 11/20/2019 01:14 PM", "2019-11-20T13:14:00Z"},
		{"| November 18, 2019 12:26 PM", "2019-11-18T12:26:00Z"},
		{"Nov 20 2019, 11:06 AM ist", "2019-11-20T11:06:00+05:30"},
		{"Wed, Nov 20, 2019", "2019-11-20T00:00:00Z"},
		{"Nov 20, 2019, 9:28 AM UTC", "2019-11-20T09:28:00Z"},
		{"20.11.2019", "2019-11-20T00:00:00Z"},
		// Forms go-dateparser used to read (byline no longer carries it).
		{"March 5, 2024 12:04AM ET", "2024-03-05T00:04:00-05:00"},
		{"03.14.2024 09:30 AM", "2024-03-14T09:30:00Z"},          // month first: 14 is no month
		{"21/03/2024 10:15 AM", "2024-03-21T10:15:00Z"},          // day first: 21 is no month
		{"07.19.23", "2023-07-19T00:00:00Z"},                     // two-digit year
		{"Mar 4 2024, 14:05pm ist", "2024-03-04T14:05:00+05:30"}, // a 24-hour clock marked pm
		{"12 March 2024.", "2024-03-12T00:00:00Z"},
		{"2024-03-12.", "2024-03-12T00:00:00Z"},
		{"the 5th of March, 2024", "2024-03-05T00:00:00Z"},
		{"12-Mar-2024", "2024-03-12T00:00:00Z"},
		{"12 Mar 24", "2024-03-12T00:00:00Z"},
		{"2024-03-05T10:00:00.000+0000", "2024-03-05T10:00:00Z"},
		{"2024-03-05T10:00:00-0500", "2024-03-05T10:00:00-05:00"},
		{"2024-03-05T10:00+0000", "2024-03-05T10:00:00Z"}, // no seconds (HTML meta tags)
		{"2024-03-05T10:00+01:00", "2024-03-05T10:00:00+01:00"},
		{"2024-03-05T10:00Z", "2024-03-05T10:00:00Z"},
		{"2024-03-05T10:00:00.5+0100", "2024-03-05T10:00:00+01:00"},
		// Forms go-dateparser missed or misread.
		{"16:20 GMT +3 5 March 2024", "2024-03-05T16:20:00+03:00"}, // it read +3 as the day
		{"0412 GMT (1212 HKT) March 6, 2024", "2024-03-06T04:12:00Z"},
		{"Tuesday, March 5, 2024, 03:10 PM PT (06:10 PM ET)", "2024-03-05T15:10:00-08:00"},
		{"5:27 AM ET, Wednesday, March 6, 2024", "2024-03-06T05:27:00-05:00"},
	} {
		got, _, ok := Parse(tt.in)
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("Parse(%q) = %v %v, want %s", tt.in, got, ok, tt.want)
		}
	}
}

// TestGeneratedForms writes random moments in the forms news pages use
// (Go layouts, plus the zone abbreviations of the zones table) and reads
// them back: the date, the clock when written, and the offset when a zone
// is written must all survive.
func TestGeneratedForms(t *testing.T) {
	forms := []struct {
		layout        string
		clock, zoned  bool
		monthFirstAmb bool // day and month both numeric: only unambiguous days are checked
	}{
		{"January 2, 2006", false, false, false},
		{"Jan. 2, 2006", false, false, false},
		{"Monday, January 2, 2006", false, false, false},
		{"2 January 2006", false, false, false},
		{"02 Jan 2006", false, false, false},
		{"2-Jan-2006", false, false, false},
		{"2 Jan 06", false, false, false},
		{"2006-01-02", false, false, false},
		{"2006/01/02", false, false, false},
		{"01/02/2006", false, false, true},
		{"02.01.2006", false, false, true},
		{"Monday 2 January 2006 15:04 MST", true, true, false},
		{"Mon, 02 Jan 2006 15:04:05 -0700", true, true, false},
		{"2006-01-02T15:04:05-07:00", true, true, false},
		{"2006-01-02T15:04:05.000-0700", true, true, false},
		{"2006-01-02T15:04-0700", true, true, false},
		{"2006-01-02T15:04Z07:00", true, true, false},
		{"2006-01-02 15:04", true, false, false},
		{"January 2, 2006 3:04 PM MST", true, true, false},
		{"January 2, 2006 at 3:04 PM", true, false, false},
		{"Jan 2 2006, 3:04PM MST", true, true, false},
		{"3:04 PM MST, Monday, January 2, 2006", true, true, false},
		{"15:04 MST 2 January 2006", true, true, false},
		{"2 Jan 2006 15.04 MST", true, true, false},
		{"Mon Jan 2 15:04:05 MST 2006", true, true, false},
		{"01/02/06 03:04 PM MST", true, true, true},
		{"Monday, 2 January 2006, 15:04", true, false, false},
	}
	abbrevs := []string{"GMT", "BST", "EST", "EDT", "ET", "PT", "CET", "IST", "AEST", "PDT", "UTC"}
	rnd := rand.New(rand.NewSource(1))
	for _, f := range forms {
		for range 40 {
			want := time.Date(2000+rnd.Intn(26), time.Month(1+rnd.Intn(12)), 1+rnd.Intn(28), rnd.Intn(24), rnd.Intn(60), 0, 0, time.UTC)
			if f.monthFirstAmb && want.Day() <= 12 {
				continue
			}
			abbrev := abbrevs[rnd.Intn(len(abbrevs))]
			if f.zoned {
				want = time.Date(want.Year(), want.Month(), want.Day(), want.Hour(), want.Minute(), 0, 0, time.FixedZone(abbrev, zones[abbrev]))
			}
			s := want.Format(f.layout) // MST writes the abbreviation, -0700 the offset
			got, _, ok := Parse(s)
			switch {
			case !ok:
				t.Errorf("Parse(%q) not a date", s)
			case got.Format("2006-01-02") != want.Format("2006-01-02"):
				t.Errorf("Parse(%q) = %s, want the date %s", s, got.Format(time.RFC3339), want.Format("2006-01-02"))
			case f.clock && got.Format("15:04") != want.Format("15:04"):
				t.Errorf("Parse(%q) = %s, want the clock %s", s, got.Format(time.RFC3339), want.Format("15:04"))
			case f.zoned && got.Format("-07:00") != want.Format("-07:00"):
				t.Errorf("Parse(%q) = %s, want the offset %s", s, got.Format(time.RFC3339), want.Format("-07:00"))
			}
		}
	}
}
