package quotes

import (
	"strings"
	"testing"

	"byline/model"
)

// wireCase is an invented story in the style of agency wire copy (a
// dateline, "pct", "said on Tuesday", stand-ins such as "the Kansas
// Republican") with what its quotations must come out as.
type wireCase struct {
	name string
	body []string
	// quotation text prefix -> speaker ("" for no speaker)
	speakers map[string]string
	// quotation text prefix -> role
	roles map[string]string
	// text prefixes that must not be quotations (terms, apostrophes)
	notQuotes []string
}

var wireCases = []wireCase{
	{
		name: "a stand-in description is the person named before",
		body: []string{
			"WASHINGTON, March 3 - Senate Republican leader Robert Dole said on Tuesday he would fight the tax bill.",
			"“We are not going to raise taxes on working families,” the Kansas Republican told reporters.",
		},
		speakers: map[string]string{"We are not going": "Robert Dole"},
	},
	{
		name: "a post the article writes with a name",
		body: []string{
			"LEEDS, Nov 2 - Tory leader Michael Harwood spoke to party members on Monday.",
			"The Chancellor, Gordon Brook, said the plans were “fantasy economics”.",
			"“We will cut taxes and we will pay for it,” the Tory leader said.",
		},
		speakers: map[string]string{"We will cut": "Michael Harwood"},
	},
	{
		name: "the company is the company named before",
		body: []string{
			"DETROIT, May 4 - Halvorsen Motor Co reported a first-quarter loss of 12 mln dlrs.",
			"“Demand for small trucks has not recovered,” the company said in a statement.",
		},
		speakers: map[string]string{"Demand for small": "Halvorsen Motor Co"},
	},
	{
		name: "he is a person, never the company before",
		body: []string{
			"DETROIT, May 4 - Gunnar Lind, president of Halvorsen Motors, said sales fell eight pct in April.",
			"Halvorsen Motors shares dropped 1-1/2 to 31 in early trading.",
			"“We expect a better second half,” he said.",
		},
		speakers: map[string]string{"We expect a better": "Gunnar Lind"},
	},
	{
		name: "he is a person, never a plural or a country",
		body: []string{
			"NAIROBI, June 12 - Finance Minister George Mwangi presented the budget on Thursday.",
			"Kenya expects growth of five pct this year. Economists doubted the figure.",
			"“We must cut spending before we cut taxes,” he said.",
		},
		speakers: map[string]string{"We must cut": "George Mwangi"},
	},
	{
		name: "he told Reuters after a named speaker in the sentence before",
		body: []string{
			"LUSAKA, Jan 9 - Zambia will limit debt payments to ten pct of export earnings, President Kenneth Mulenga said.",
			"“We cannot pay more than that and feed our people,” he told Reuters.",
		},
		speakers: map[string]string{"We cannot pay": "Kenneth Mulenga"},
	},
	{
		name: "a surname cue is the person, not the company with that word",
		body: []string{
			"HOUSTON, Feb 2 - The number of working oil rigs rose by 12 this week, Baker Hollis Inc said.",
			"James Hollis, an analyst with First Gulf Securities, said the count was near its bottom.",
			"“Drilling budgets are being set now,” Hollis said.",
		},
		speakers: map[string]string{"Drilling budgets": "James Hollis"},
	},
	{
		name: "a role before the name, with a country's possessive",
		body: []string{
			"MOSCOW, April 2 - Russia’s Deputy Foreign Minister Pavel Orlov said the talks were “useful but not easy”.",
		},
		speakers: map[string]string{"useful but not easy": "Pavel Orlov"},
		roles:    map[string]string{"useful but not easy": "Deputy Foreign Minister"},
	},
	{
		name: "a role apposed after the name",
		body: []string{
			"Paul Verhoeven, chairman of the Federal Reserve Board, said rates were “about right”.",
		},
		speakers: map[string]string{"about right": "Paul Verhoeven"},
		roles:    map[string]string{"about right": "chairman of the Federal Reserve Board"},
	},
	{
		name: "a role of two posts joined by and",
		body: []string{
			"“Our results show the merger is working,” chairman and chief executive Richard Pascoe said.",
		},
		speakers: map[string]string{"Our results show": "Richard Pascoe"},
		roles:    map[string]string{"Our results show": "chairman and chief executive"},
	},
	{
		name: "a straight mark between two letters is an apostrophe",
		body: []string{
			"JAKARTA, March 1 - Indonesia\"s exports rose 12 pct, the central bank said.",
			"The minister said the plan isn\"t final. \"We will decide next month,\" he said.",
		},
		speakers:  map[string]string{"We will decide": "The minister"},
		notQuotes: []string{"s exports", "t final"},
	},
	{
		name: "short fragments after a cue are the speaker's words",
		body: []string{
			"Senator Alma Reyes called the ruling “disgusting” on Tuesday.",
			"Mark Tolliver described the committee members as “rubber stamps” for the White House.",
		},
		speakers: map[string]string{"disgusting": "Alma Reyes", "rubber stamps": "Mark Tolliver"},
	},
	{
		name: "ratings and nicknames in marks are no quotations",
		body: []string{
			"NEW YORK, Oct 5 - Shearson Lehman raised its rating on Ardent Mills stock to “buy” from “hold”.",
			"Brewery chairman August “Bud” Kessler said he was “delighted” with the result.",
		},
		speakers:  map[string]string{"delighted": "August Kessler"},
		notQuotes: []string{"buy", "hold", "Bud"},
	},
	{
		name: "a lord's title is no role",
		body: []string{
			"Lord Falkner, the Lord Chancellor, said the reforms were “long overdue”.",
		},
		speakers: map[string]string{"long overdue": "Falkner"},
		roles:    map[string]string{"long overdue": "Lord Chancellor"},
	},
}

func TestWireAttribution(t *testing.T) {
	for _, tc := range wireCases {
		t.Run(tc.name, func(t *testing.T) {
			qs := Extract("", tc.body)
			arts := []*model.Article{{ID: "a", Body: tc.body, Quotes: qs}}
			Merge(arts)
			qs = arts[0].Quotes
			find := func(prefix string) *model.Quote {
				for i := range qs {
					if strings.HasPrefix(qs[i].Text, prefix) {
						return &qs[i]
					}
				}
				return nil
			}
			for prefix, want := range tc.speakers {
				q := find(prefix)
				switch {
				case q == nil:
					t.Errorf("no quotation %q; got %s", prefix, dump(qs))
				case q.Kind != model.KindQuote:
					t.Errorf("%q is a %s, want a quotation", prefix, q.Kind)
				case q.Speaker != want:
					t.Errorf("%q: speaker %q (mention %q, cue %q), want %q", prefix, q.Speaker, q.Mention, q.Cue, want)
				}
			}
			for prefix, want := range tc.roles {
				if q := find(prefix); q != nil && q.Role != want {
					t.Errorf("%q: role %q, want %q", prefix, q.Role, want)
				}
			}
			for _, prefix := range tc.notQuotes {
				if q := find(prefix); q != nil && q.Kind == model.KindQuote {
					t.Errorf("%q is a quotation (speaker %q), want none", prefix, q.Speaker)
				}
			}
		})
	}
}

func dump(qs []model.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n  " + q.Kind.String() + " “" + q.Text + "” — " + q.Speaker + " [" + q.Mention + " / " + q.Cue + "]")
	}
	return b.String()
}

// TestMergeSurnamesInContext: a surname alone merges with the full name its
// article bears out, never with a namesake.
func TestMergeSurnamesInContext(t *testing.T) {
	arts := []*model.Article{
		{ID: "a", Body: []string{"Tory leader Michael Harwood said the budget was “a con”."}},
		{ID: "b", Body: []string{"Australian Prime Minister John Harwood said the talks were “useful”."}},
		{ID: "c", Body: []string{"The Tory conference opened in Blackpool on Monday.", "“We will cut taxes,” Mr Harwood told delegates."}},
		{ID: "d", Body: []string{"Representative Duncan Hollister said the bill was “dead”."}},
		{ID: "e", Body: []string{"Jim Hollister and his brother Tom Hollister run the farm.", "“We lost everything,” Hollister said."}},
		{ID: "f", Body: []string{"“We are the party of working people,” New Labour said in a statement."}},
	}
	for _, a := range arts {
		a.Quotes = Extract("", a.Body)
	}
	sps := Merge(arts)
	speaker := func(id, prefix string) string {
		for _, a := range arts {
			if a.ID != id {
				continue
			}
			for _, q := range a.Quotes {
				if strings.HasPrefix(q.Text, prefix) {
					return q.Speaker
				}
			}
		}
		return "(no quotation)"
	}
	if got := speaker("c", "We will cut"); got != "Michael Harwood" {
		t.Errorf("Mr Harwood at the Tory conference: %q, want Michael Harwood", got)
	}
	if got := speaker("e", "We lost"); got == "Duncan Hollister" {
		t.Errorf("a Hollister of a story naming Jim and Tom Hollister merged with Duncan Hollister")
	}
	for _, s := range sps {
		if s.Name == "New Labour" && s.Kind != model.SpeakerOrganisation {
			t.Errorf("New Labour is a %s", s.Kind)
		}
	}
}
