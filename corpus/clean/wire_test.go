package clean

import (
	"strings"
	"testing"
	"time"
)

// Wire copy written for these tests (invented companies, people and
// figures) in the shapes agency archives use: an upper-case headline, a
// date line with a zone or in the archive's own form, an upper-case
// dateline opening the first paragraph, tables of short lines, an agency
// sign-off.
var wireTests = []struct {
	name   string
	dump   string
	title  string
	date   time.Time
	source string
	from   string
	body   []string // every body line, in order
	// authors expected, if any
	authors []string
}{
	{
		name: "earnings brief, a table of short lines",
		dump: `WARRINGTON INDUSTRIES <WRN> 4TH QTR NET
March 9, 1987 14:05 GMT

Shr 1.10 dlrs vs 73 cts
Net 12.6 mln vs 15.8 mln
Revs 150.3 mln vs 140.2 mln
Nine mths
Shr 2.95 dlrs vs 2.10 dlrs
Net 33.1 mln vs 24.0 mln
Reuter
`,
		title:  "WARRINGTON INDUSTRIES <WRN> 4TH QTR NET",
		date:   time.Date(1987, 3, 9, 14, 5, 0, 0, time.UTC),
		source: "Reuters", from: SourceSignOff,
		body: []string{"Shr 1.10 dlrs vs 73 cts", "Net 12.6 mln vs 15.8 mln", "Revs 150.3 mln vs 140.2 mln", "Nine mths", "Shr 2.95 dlrs vs 2.10 dlrs", "Net 33.1 mln vs 24.0 mln"},
	},
	{
		name: "dateline, quotation and sign-off, archive date line",
		dump: `FRENCH CENTRAL BANK LEAVES INTERVENTION RATE UNCHANGED
9-MAR-1987 14:05:12.34

PARIS, March 9 - The Bank of France left its intervention rate unchanged at 7-3/4 pct today, a bank spokesman said.
He said money market conditions did not call for a change.
"We see no reason to move this week," the spokesman told reporters.
Dealers had expected the rate to hold.
Reuter
`,
		title:  "FRENCH CENTRAL BANK LEAVES INTERVENTION RATE UNCHANGED",
		date:   time.Date(1987, 3, 9, 14, 5, 12, 0, time.UTC),
		source: "Reuters", from: SourceSignOff,
		body: []string{
			"PARIS, March 9 - The Bank of France left its intervention rate unchanged at 7-3/4 pct today, a bank spokesman said.",
			"He said money market conditions did not call for a change.",
			`"We see no reason to move this week," the spokesman told reporters.`,
			"Dealers had expected the rate to hold.",
		},
	},
	{
		name: "byline with two names and the agency",
		dump: `Oil companies raise North Sea spending
March 10, 1987 09:30 GMT
By Hannah Oduya and Piet Verhoeven, Reuters

LONDON, March 10 - Oil companies will spend more in the North Sea this year than last, an industry survey said.
The survey of 40 operators found budgets up by a fifth.
`,
		title:  "Oil companies raise North Sea spending",
		date:   time.Date(1987, 3, 10, 9, 30, 0, 0, time.UTC),
		source: "Reuters", from: SourceByline,
		authors: []string{"Hannah Oduya", "Piet Verhoeven"},
		body: []string{
			"LONDON, March 10 - Oil companies will spend more in the North Sea this year than last, an industry survey said.",
			"The survey of 40 operators found budgets up by a fifth.",
		},
	},
	{
		name: "headline ending - Sources is no source",
		dump: `U.S. SAID TO WEIGH CURBS ON CHIP IMPORTS - SOURCES
March 11, 1987 18:40 GMT

WASHINGTON, March 11 - The administration is weighing limits on imported memory chips, officials familiar with the talks said.
No decision has been taken, they said.
Reuter
`,
		title:  "U.S. SAID TO WEIGH CURBS ON CHIP IMPORTS - SOURCES",
		date:   time.Date(1987, 3, 11, 18, 40, 0, 0, time.UTC),
		source: "Reuters", from: SourceSignOff,
		body: []string{
			"WASHINGTON, March 11 - The administration is weighing limits on imported memory chips, officials familiar with the talks said.",
			"No decision has been taken, they said.",
		},
	},
	{
		name: "a title-case headline over the date line is no author",
		dump: `Calloway Sells Shoe Divisions
March 12, 1987 11:02 GMT

NEW YORK, March 12 - Calloway Corp said it sold its two shoe divisions to a group of investors for 40 mln dlrs.
Reuter
`,
		title:  "Calloway Sells Shoe Divisions",
		date:   time.Date(1987, 3, 12, 11, 2, 0, 0, time.UTC),
		source: "Reuters", from: SourceSignOff,
		body: []string{"NEW YORK, March 12 - Calloway Corp said it sold its two shoe divisions to a group of investors for 40 mln dlrs."},
	},
	{
		name: "modern dateline tag",
		dump: `Ministers agree on fisheries deal
Tuesday 4 June 2019 10:15 BST

BRUSSELS (Reuters) - European fisheries ministers agreed on Tuesday to cut quotas for two species, diplomats said.
The deal still needs the approval of parliament.
`,
		title:  "Ministers agree on fisheries deal",
		date:   time.Date(2019, 6, 4, 9, 15, 0, 0, time.UTC),
		source: "Reuters", from: SourceDateline,
		body: []string{
			"BRUSSELS (Reuters) - European fisheries ministers agreed on Tuesday to cut quotas for two species, diplomats said.",
			"The deal still needs the approval of parliament.",
		},
	},
	{
		name: "(AP) tag and a dash sign-off",
		dump: `Storm closes mountain roads
June 5, 2019 06:00 EDT

DENVER (AP) — A late spring storm closed mountain passes on Wednesday, officials said.
Plows were expected to clear the roads by evening.
— AP
`,
		title:  "Storm closes mountain roads",
		date:   time.Date(2019, 6, 5, 10, 0, 0, 0, time.UTC),
		source: "Associated Press", from: SourceSignOff,
		body: []string{
			"DENVER (AP) — A late spring storm closed mountain passes on Wednesday, officials said.",
			"Plows were expected to clear the roads by evening.",
		},
	},
	{
		name:   "sign-off followed by an archive's end mark, an upper-case dateline that is no byline",
		dump:   "HOLLOWAY CHEMICAL SEES HIGHER PROFITS\nNovember 16, 2003 06:21 GMT\n\nHONG KONG, November 16 - Analysts said the results were in line with expectations.\nThe company gave no forecast.\nREUTER\n&#3;\n",
		title:  "HOLLOWAY CHEMICAL SEES HIGHER PROFITS",
		date:   time.Date(2003, 11, 16, 6, 21, 0, 0, time.UTC),
		source: "Reuters", from: SourceSignOff,
		body: []string{"HONG KONG, November 16 - Analysts said the results were in line with expectations.", "The company gave no forecast."},
	},
}

func TestHeadlineOverDateLine(t *testing.T) {
	r := Dump("The central bank said it would leave its discount rate unchanged at four pct for now.\nMarch 12, 1987 09:00 GMT\n\nFRANKFURT, March 12 - The Bundesbank council made no change to its rates.\nReuter\n")
	if r.Title != "The central bank said it would leave its discount rate unchanged at four pct for now." || r.TitleDerived {
		t.Errorf("title %q derived %v", r.Title, r.TitleDerived)
	}
}

func TestWireCopy(t *testing.T) {
	for _, tt := range wireTests {
		t.Run(tt.name, func(t *testing.T) {
			r := Dump(tt.dump)
			if r.Page {
				t.Error("wire copy taken for a web page")
			}
			if r.Title != tt.title || r.TitleDerived {
				t.Errorf("title %q (derived %v), want %q", r.Title, r.TitleDerived, tt.title)
			}
			if !r.Published.Equal(tt.date) {
				t.Errorf("published %v, want %v", r.Published, tt.date)
			}
			if r.Source != tt.source || r.SourceFrom != tt.from {
				t.Errorf("source %q from %q, want %q from %q", r.Source, r.SourceFrom, tt.source, tt.from)
			}
			if strings.Join(r.Body, "\n") != strings.Join(tt.body, "\n") {
				t.Errorf("body:\n%s\nwant:\n%s", strings.Join(r.Body, "\n"), strings.Join(tt.body, "\n"))
			}
			if strings.Join(r.Authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors %q, want %q", r.Authors, tt.authors)
			}
			for _, rm := range r.Removed {
				if rm.Reason != "sign-off" && rm.Reason != "end mark" {
					t.Errorf("removed %q as %q", rm.Text, rm.Reason)
				}
			}
			if len(r.Problems) > 0 {
				t.Errorf("problems %q", r.Problems)
			}
		})
	}
}

func TestDatelineOf(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"9-MAR-1987 14:05:12.34", time.Date(1987, 3, 9, 14, 5, 12, 0, time.UTC), true},
		{"26-FEB-1987 15:01:01.79", time.Date(1987, 2, 26, 15, 1, 1, 0, time.UTC), true},
		{"March 9, 1987 14:05 GMT", time.Date(1987, 3, 9, 14, 5, 0, 0, time.UTC), true},
		{"9-MAR-1987 was a Monday", time.Time{}, false},
		{"Shr 1.10 dlrs vs 73 cts", time.Time{}, false},
	}
	for _, tt := range tests {
		got, _, ok := datelineOf(tt.in)
		if ok != tt.ok || ok && !got.Equal(tt.want) {
			t.Errorf("datelineOf(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDatelineAgency(t *testing.T) {
	tests := []struct{ in, want string }{
		{"WASHINGTON (Reuters) - The Senate voted…", "Reuters"},
		{"PARIS, March 9 (AFP) — Ministers met…", "AFP"},
		{"(AP) — A storm closed roads…", "Associated Press"},
		{"NORHAVEN, March 13 (Coastline Wire) — Delegates…", "Coastline Wire"},
		{"The minister (Reuters reported) - said", ""},
		{"He said (in a statement) - nothing", ""},
		{"Officials of the World Bank (WB) - which lends…", ""},
	}
	for _, tt := range tests {
		if got := datelineAgency(tt.in); got != tt.want {
			t.Errorf("datelineAgency(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The datelines agency leads open with, with and without the agency's tag,
// and lines that only look like one. rest is the lead's own text.
func TestLeadDateline(t *testing.T) {
	tests := []struct{ in, agency, rest string }{
		{"WASHINGTON (Reuters) - The Senate voted.", "Reuters", "The Senate voted."},
		{"PARIS, March 9 (AFP) — Ministers met.", "AFP", "Ministers met."},
		{"(AP) — A storm closed roads.", "Associated Press", "A storm closed roads."},
		{"ST. JOSEPH, Mich. (AP) -- The plant shut.", "Associated Press", "The plant shut."},
		{"KESTRELTON (Harbour Wire)- Ferries stopped.", "Harbour Wire", "Ferries stopped."},
		{"HONG KONG, Nov 16 - Analysts said shares would rise.", "", "Analysts said shares would rise."},
		{"OSLO - the krone fell.", "", "the krone fell."},
		{"LIMA, Peru — Voters went to the polls.", "", "Voters went to the polls."},
		{"Washington - the capital - was quiet.", "", ""},
		{"The minister (Reuters reported) - said", "", ""},
		{"A - B", "", ""},
		{"NASA - ", "", ""},
		{"Officials of the World Bank (WB) - which lends", "", ""},
		{"In a statement, the MINISTRY - said", "", ""},
	}
	for _, tt := range tests {
		agency, end := leadDateline(tt.in)
		if agency != tt.agency || tt.in[end:] != tt.rest && !(end == 0 && tt.rest == "") {
			t.Errorf("leadDateline(%q) = %q, %q; want %q, %q", tt.in, agency, tt.in[end:], tt.agency, tt.rest)
		}
	}
}

// A title derived from an agency lead starts after its dateline.
func TestDeriveTitleAfterDateline(t *testing.T) {
	tests := []struct{ lead, title string }{
		{"KESTRELTON, June 4 (Harbour Wire) — The ferry operator cancelled every crossing on Friday. Passengers were stranded.", "The ferry operator cancelled every crossing on Friday"},
		{"OSLO - the krone fell sharply against the euro in early trading. Dealers blamed the rate cut.", "The krone fell sharply against the euro in early trading"},
		{"(AP) — A storm closed roads across the north.", "A storm closed roads across the north"},
		{"The ferry operator cancelled every crossing on Friday. Passengers were stranded.", "The ferry operator cancelled every crossing on Friday"},
		{"Kestrelton - a town of ferries - woke to empty quays.", "Kestrelton - a town of ferries - woke to empty quays"},
	}
	for _, tt := range tests {
		if got := DeriveTitle(tt.lead); got != tt.title {
			t.Errorf("DeriveTitle(%q) = %q, want %q", tt.lead, got, tt.title)
		}
	}
}

// Hard-wrapped copy, as agency archives keep it: paragraphs indented and
// wrapped at about 70 columns, a table of short lines. The wrapped lines
// are joined again; the table rows stay apart.
func TestReflowHardWrapped(t *testing.T) {
	dump := `OSTRAVA STEEL SAYS 1987 OUTPUT TO RISE
March 12, 1987 09:10 GMT

    OSTRAVA, March 12 - Ostrava Steel said its output would rise by
about six pct this year as new furnaces came on stream, and that it
expected export orders to recover in the second half.
    "We have never had a fuller order book at this time of year," the
company's chairman told reporters. "The question is whether the
railways can carry it."
    The company gave these figures, in thousands of tonnes:
    Crude steel 4,120 vs 3,890
    Rolled products 3,300 vs 3,150
    Reuter
`
	r := Dump(dump)
	want := []string{
		"OSTRAVA, March 12 - Ostrava Steel said its output would rise by about six pct this year as new furnaces came on stream, and that it expected export orders to recover in the second half.",
		`"We have never had a fuller order book at this time of year," the company's chairman told reporters. "The question is whether the railways can carry it."`,
		"The company gave these figures, in thousands of tonnes:",
		"Crude steel 4,120 vs 3,890",
		"Rolled products 3,300 vs 3,150",
	}
	if strings.Join(r.Body, "\n") != strings.Join(want, "\n") {
		t.Errorf("body:\n%s\nwant:\n%s", strings.Join(r.Body, "\n"), strings.Join(want, "\n"))
	}
	if r.Title != "OSTRAVA STEEL SAYS 1987 OUTPUT TO RISE" || r.Source != "Reuters" || r.DatePrecision == 0 {
		t.Errorf("title %q source %q date %v", r.Title, r.Source, r.Published)
	}
}

// In copy that indents each paragraph's first line, an indented line starts
// a paragraph even when the line above reached the wrap width, and two
// wrapped lines are evidence enough in a short story.
func TestReflowIndentedParagraphs(t *testing.T) {
	dump := "ALDER MILLS SEES HIGHER SALES\n24 July 1987\n\n" +
		"    HONG KONG, July 24 - Alder Mills said the board would consider a\n" +
		" dividend increase at its next meeting, but gave no details.\n" +
		"    The company's shares closed up 9/8 at 27 dlrs on the exchange.\n" +
		"    A spokesman said the company would report on the first half in\n" +
		" August.\nREUTER\n"
	want := []string{
		"HONG KONG, July 24 - Alder Mills said the board would consider a dividend increase at its next meeting, but gave no details.",
		"The company's shares closed up 9/8 at 27 dlrs on the exchange.",
		"A spokesman said the company would report on the first half in August.",
	}
	if r := Dump(dump); strings.Join(r.Body, "\n") != strings.Join(want, "\n") {
		t.Errorf("body:\n%s\nwant:\n%s", strings.Join(r.Body, "\n"), strings.Join(want, "\n"))
	}
}
