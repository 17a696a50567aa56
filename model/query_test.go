package model

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var testNow = time.Date(2022, 1, 20, 15, 4, 0, 0, time.UTC)

func day(y int, m time.Month, d int) int { return civilDay(y, m, d) }

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in    string
		terms []Term
		dates []DateTerm
		errs  int
	}{
		{"", nil, nil, 0},
		{"  Ryabkov ", []Term{{Text: "ryabkov"}}, nil, 0},
		{"Ryábkov Blinken", []Term{{Text: "ryabkov"}, {Text: "blinken"}}, nil, 0},
		{`"Exact  Phrase" -word`, []Term{{Text: "exact phrase", Phrase: true}, {Text: "word", Negate: true}}, nil, 0},
		{`-"no thanks"`, []Term{{Text: "no thanks", Phrase: true, Negate: true}}, nil, 0},
		{`"unterminated phr`, []Term{{Text: "unterminated phr", Phrase: true}}, nil, 0},
		{"source:Independent -source:agencies", []Term{{Field: FieldSource, Text: "independent"}, {Field: FieldSource, Text: "agencies", Negate: true}}, nil, 0},
		{`Source:"The Independent"`, []Term{{Field: FieldSource, Text: "the independent", Phrase: true}}, nil, 0},
		{"speaker:blinken author:smith", []Term{{Field: FieldSpeaker, Text: "blinken"}, {Field: FieldAuthor, Text: "smith"}}, nil, 0},
		{"source:", nil, nil, 0},
		{"foo:bar", []Term{{Text: "foo:bar"}}, nil, 0},
		{"on:2022-01-10", nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 10), To: day(2022, 1, 11), Value: "2022-01-10"}}, 0},
		{"after:2022-01", nil, []DateTerm{{Op: DateAfter, From: day(2022, 1, 1), To: day(2022, 2, 1), Value: "2022-01"}}, 0},
		{"before:2021", nil, []DateTerm{{Op: DateBefore, From: day(2021, 1, 1), To: day(2022, 1, 1), Value: "2021"}}, 0},
		{"on:jan 2022 ryabkov", []Term{{Text: "ryabkov"}}, []DateTerm{{Op: DateOn, From: day(2022, 1, 1), To: day(2022, 2, 1), Value: "jan 2022"}}, 0},
		{`on:"January 2022"`, nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 1), To: day(2022, 2, 1), Value: "January 2022"}}, 0},
		{"on:10 jan 2022", nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 10), To: day(2022, 1, 11), Value: "10 jan 2022"}}, 0},
		{"on:jan 10 2022", nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 10), To: day(2022, 1, 11), Value: "jan 10 2022"}}, 0},
		{"on:last week", nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 13), To: day(2022, 1, 21), Value: "last week"}}, 0},
		{"after:yesterday", nil, []DateTerm{{Op: DateAfter, From: day(2022, 1, 19), To: day(2022, 1, 20), Value: "yesterday"}}, 0},
		{"-on:today", nil, []DateTerm{{Op: DateOn, From: day(2022, 1, 20), To: day(2022, 1, 21), Negate: true, Value: "today"}}, 0},
		{"on:2022-02-30", nil, nil, 1},
		{"on:march", nil, []DateTerm{{Op: DateOn, Month: time.March, Value: "march"}}, 0},
		{"-on:Sept x", []Term{{Text: "x"}}, []DateTerm{{Op: DateOn, Month: time.September, Negate: true, Value: "Sept"}}, 0},
		{"after:march", nil, []DateTerm{{Op: DateAfter, From: day(2021, 3, 1), To: day(2021, 4, 1), Value: "march"}}, 0},
		{"on:garbage", nil, nil, 1},
		{"before:soon", nil, nil, 1},
		{"after:soon x", []Term{{Text: "x"}}, nil, 1},
		{"- -", []Term{{Text: "-"}, {Text: "-"}}, nil, 0},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in, testNow)
		if !reflect.DeepEqual(q.Terms, tt.terms) {
			t.Errorf("%q: terms = %+v, want %+v", tt.in, q.Terms, tt.terms)
		}
		if !reflect.DeepEqual(q.Dates, tt.dates) {
			t.Errorf("%q: dates = %+v, want %+v", tt.in, q.Dates, tt.dates)
		}
		if len(q.Errors) != tt.errs {
			t.Errorf("%q: errors = %q, want %d", tt.in, q.Errors, tt.errs)
		}
	}
}

func TestParseDateRange(t *testing.T) {
	ok := []struct {
		in       string
		from, to int
	}{
		{"2022-01-10", day(2022, 1, 10), day(2022, 1, 11)},
		{"2022/1/10", day(2022, 1, 10), day(2022, 1, 11)},
		{"2022-12", day(2022, 12, 1), day(2023, 1, 1)},
		{"jan 2022", day(2022, 1, 1), day(2022, 2, 1)},
		{"2022 Sept", day(2022, 9, 1), day(2022, 10, 1)},
		{"march", day(2021, 3, 1), day(2021, 4, 1)}, // the latest March begun by 20 January 2022
		{"jan", day(2022, 1, 1), day(2022, 2, 1)},
		{"10 march", day(2021, 3, 10), day(2021, 3, 11)},
		{"jan 20", day(2022, 1, 20), day(2022, 1, 21)},
		{"29 feb", day(2020, 2, 29), day(2020, 3, 1)},
		{"today", day(2022, 1, 20), day(2022, 1, 21)},
		{"this month", day(2022, 1, 1), day(2022, 1, 21)},
		{"this week", day(2022, 1, 17), day(2022, 1, 21)}, // 20 Jan 2022 was a Thursday
		{"last month", day(2021, 12, 20), day(2022, 1, 21)},
		{"last 3 days", day(2022, 1, 17), day(2022, 1, 21)},
		{"2w", day(2022, 1, 6), day(2022, 1, 21)},
		{"1st jan 2022", day(2022, 1, 1), day(2022, 1, 2)},
	}
	for _, tt := range ok {
		from, to, good := ParseDateRange(tt.in, testNow)
		if !good || from != tt.from || to != tt.to {
			t.Errorf("%q = %d %d %v, want %d %d", tt.in, from, to, good, tt.from, tt.to)
		}
	}
	for _, in := range []string{"", "ja", "2022-13", "22-01-01", "last fortnight", "32 jan 2022", "soon"} {
		if _, _, good := ParseDateRange(in, testNow); good {
			t.Errorf("%q parsed", in)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Ryábkov":            "ryabkov",
		"ZÜRICH Straße":      "zurich strasse",
		"don’t “quote”":      `don't "quote"`,
		"Łódź Øresund Æsir":  "lodz oresund aesir",
		"plain ASCII":        "plain ascii",
		"İstanbul":           "istanbul",
		"Ελληνικά":           "ελληνικα",
		"bad \xff byte":      "bad  byte",
		"non\u00a0breaking":  "non breaking",
		"Señor Müller-Lüdke": "senor muller-ludke",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldMap(t *testing.T) {
	s := "Ça va, Ryábkov"
	f, idx := FoldMap(s)
	if f != Fold(s) {
		t.Fatalf("FoldMap = %q, Fold = %q", f, Fold(s))
	}
	if len(idx) != len(f)+1 {
		t.Fatalf("len(idx) = %d, want %d", len(idx), len(f)+1)
	}
	i := strings.Index(f, "ryabkov")
	if got := s[idx[i]:idx[i+len("ryabkov")]]; got != "Ryábkov" {
		t.Errorf("mapped back %q", got)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"ryabkov", `"a b" -c source:x -source:"y z"`, "on:jan 2022", "after:last week before:2022-01-10",
		"-", `"`, "on:", "speaker:“Blinken”", "on:10 jan 2022 on:2022/13/01", "\xff\x00source:\xc3"} {
		f.Add(s)
	}
	f.Add("on:march after:march -on:sept before:10 feb")
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s, testNow)
		for _, term := range q.Terms {
			if term.Text == "" {
				t.Fatalf("%q: empty term %+v", s, term)
			}
			if term.Text != Fold(term.Text) {
				t.Fatalf("%q: term %q not folded", s, term.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(term.Text) {
				t.Fatalf("%q: invalid UTF-8 term %q", s, term.Text)
			}
		}
		for _, d := range q.Dates {
			if d.To <= d.From && d.Op == DateOn && d.Month == 0 {
				t.Fatalf("%q: empty range %+v", s, d)
			}
		}
		// Parsing is deterministic.
		if q2 := ParseQuery(s, testNow); !reflect.DeepEqual(q, q2) {
			t.Fatalf("%q: not deterministic", s)
		}
		_, _ = FoldMap(s)
	})
}

func TestNarrows(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		want     bool
	}{
		{"ryab", "ryabk", true},
		{"", "r", true},
		{"harbour", "harbour s", true},
		{"-ry", "-rya", false},
		{"after:2022", "after:2022-01", false},
		{"on:2022", "on:2022 x", true},
		{"ryabk", "ryab", false},
		{"source:a", "a", false},
		{"ab", `"xaby"`, true},
	} {
		o, n := ParseQuery(tt.old, testNow), ParseQuery(tt.new, testNow)
		if got := n.Narrows(&o); got != tt.want {
			t.Errorf("%q → %q: %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestMonthOfAnyYear: on:march keeps March of every year; after: and
// before: a month mean the latest one begun.
func TestMonthOfAnyYear(t *testing.T) {
	at := func(y int, m time.Month, d int) *Article {
		return &Article{ID: fmt.Sprintf("%d-%02d-%02d", y, m, d), Published: time.Date(y, m, d, 12, 0, 0, 0, time.UTC), DatePrecision: PrecisionDate}
	}
	arts := []*Article{at(2019, 3, 31), at(2021, 3, 1), at(2021, 4, 1), at(2022, 1, 2), {ID: "undated"}}
	for query, want := range map[string][]string{
		"on:march":     {"2019-03-31", "2021-03-01"},
		"-on:march":    {"2021-04-01", "2022-01-02", "undated"},
		"after:march":  {"2021-03-01", "2021-04-01", "2022-01-02"},
		"before:march": {"2019-03-31"},
		"on:jan 2022":  {"2022-01-02"},
	} {
		if got := filterIDs(t, arts, query); !reflect.DeepEqual(got, want) {
			t.Errorf("%q = %v, want %v", query, got, want)
		}
	}
	if q := ParseQuery("on:garbage", testNow); len(q.Errors) != 1 || !strings.Contains(q.Errors[0], "on:garbage is not a date") {
		t.Errorf("errors %q", q.Errors)
	}
}

func TestStateTerms(t *testing.T) {
	tests := []struct {
		in     string
		states []StateTerm
		terms  int
		errs   int
	}{
		{"is:unread", []StateTerm{{State: StateUnread}}, 0, 0},
		{"IS:Read geneva", []StateTerm{{State: StateRead}}, 1, 0},
		{"-is:starred", []StateTerm{{State: StateStarred, Negate: true}}, 0, 0},
		{"is:starred is:unread", []StateTerm{{State: StateStarred}, {State: StateUnread}}, 0, 0},
		{"is:", nil, 0, 0},
		{"is:purple", nil, 0, 1},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in, testNow)
		if !reflect.DeepEqual(q.States, tt.states) || len(q.Terms) != tt.terms || len(q.Errors) != tt.errs {
			t.Errorf("ParseQuery(%q) = states %+v, %d terms, errors %q", tt.in, q.States, len(q.Terms), q.Errors)
		}
	}
	q := ParseQuery("is:unread", testNow)
	if q.Empty() || !q.TextEmpty() {
		t.Error("is:unread is not empty, and has no text")
	}
	for _, c := range []struct {
		q             string
		read, starred bool
		want          bool
	}{
		{"is:unread", false, false, true}, {"is:unread", true, false, false},
		{"is:read", true, false, true}, {"-is:read", true, false, false},
		{"is:starred", false, true, true}, {"is:starred is:read", false, true, false},
		{"-is:starred", false, false, true}, {"geneva", true, true, true},
	} {
		q := ParseQuery(c.q, testNow)
		if got := q.MatchState(c.read, c.starred); got != c.want {
			t.Errorf("%q.MatchState(read %v, starred %v) = %v", c.q, c.read, c.starred, got)
		}
	}
	a, b := ParseQuery("is:unread geneva", testNow), ParseQuery("is:unread", testNow)
	if !a.Narrows(&b) {
		t.Error("is:unread geneva should narrow is:unread")
	}
	if b.Narrows(&a) {
		t.Error("is:unread does not narrow is:unread geneva")
	}
	c := ParseQuery("geneva", testNow)
	if c.Narrows(&b) {
		t.Error("geneva does not narrow is:unread")
	}
}
