package corpus

import (
	"context"
	"strings"
	"testing"

	"byline/corpus/clean"
	"byline/corpus/demo"
)

// demoOutlets are the six outlets the demo corpus is written as
// (corpus/demo/CORPUS.md).
var demoOutlets = map[string]bool{
	"The Meridian Post": true, "Harbour Daily": true, "Coastline Wire": true,
	"Portlight News": true, "Northgate Herald": true, "The Lantern": true,
}

// The embedded demo shows each outlet under its one name, from evidence
// in the file (issue 12's defect 16: The Lantern was also
// "thelantern.example"). Every article names its outlet but two of
// Portlight's, whose text names none and ends "Source: Agencies": the
// credit stands in, as it does for seed 000, rather than a source guessed
// from the folder.
func TestDemoSources(t *testing.T) {
	c, err := LoadFS(context.Background(), demo.FS(), "demo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, source, from string }{
		{"coastline/2024-03-06-coastland-warns", "Coastline Wire", clean.SourceCopyright},
		{"coastline/2024-03-13-corridor-row", "Coastline Wire", clean.SourceDateline},
		{"coastline/wire-2024-03#1", "Coastline Wire", SourceHost},
		{"coastline/wire-2024-03#2", "Coastline Wire", SourceHost},
		{"coastline/wire-2024-03#3", "Coastline Wire", SourceHost},
		{"coastline/wire-2024-03#4", "Coastline Wire", SourceHost},
		{"harbour/2024-02-26-dockers-vote", "Harbour Daily", clean.SourceCopyright},
		{"harbour/2024-03-01-varga-warns-union", "Harbour Daily", clean.SourceCopyright},
		{"harbour/2024-03-05-picket-lines", "Harbour Daily", clean.SourceCopyright},
		{"harbour/2024-03-08-fishers-join", "Harbour Daily", clean.SourceCopyright},
		{"harbour/2024-03-20-ships-return", "Harbour Daily", clean.SourceCopyright},
		{"lantern/2024-03-09-profile-varga", "The Lantern", SourceField},
		{"lantern/briefings#1", "The Lantern", SourceField},
		{"lantern/briefings#2", "The Lantern", SourceField},
		{"lantern/briefings#3", "The Lantern", SourceField},
		{"lantern/summit-dispatches#1", "The Lantern", SourceHost},
		{"lantern/summit-dispatches#2", "The Lantern", SourceHost},
		{"lantern/summit-dispatches#3", "The Lantern", SourceHost},
		{"meridian/2024-03-04-harbour-strike", "The Meridian Post", clean.SourceNotification},
		{"meridian/2024-03-07-central-bank-holds", "The Meridian Post", clean.SourceNotification},
		{"meridian/2024-03-11-summit-opens", "The Meridian Post", clean.SourceNotification},
		{"meridian/2024-03-14-talks-collapse", "The Meridian Post", clean.SourceNotification},
		{"meridian/2024-03-19-strike-deal", "The Meridian Post", clean.SourceNotification},
		{"northgate/2024-03-02-okafor-interview", "Northgate Herald", SourceFrontMatter},
		{"northgate/2024-03-12-lindqvist-report", "Northgate Herald", SourceFrontMatter},
		{"northgate/2024-03-15-mayor-mediation", "Northgate Herald", SourceFrontMatter},
		{"northgate/2024-03-21-economy-analysis", "Northgate Herald", SourceFrontMatter},
		{"northgate/letters-from-the-quay", "Northgate Herald", clean.SourceByline}, // "**By Ada Whitcombe** · Northgate Herald · 10 March 2024"
		{"portlight/2024-03-05-ships-queue", "Agencies", clean.SourceCredit},
		{"portlight/2024-03-18-summit-deal", "Portlight News", clean.SourceByline}, // "Portlight News Desk"
		{"portlight/coastland-reaction", "Agencies", clean.SourceCredit},
	}
	if len(c.Articles) != len(want) {
		t.Errorf("%d articles, want %d", len(c.Articles), len(want))
	}
	for _, w := range want {
		a := article(t, c, w.id)
		if a.Source != w.source || a.SourceFrom != w.from {
			t.Errorf("%s: source %q from %q, want %q from %q", w.id, a.Source, a.SourceFrom, w.source, w.from)
		}
	}
	for _, a := range c.Articles {
		credited := a.SourceFrom == clean.SourceCredit && a.Source == a.Credit
		if !demoOutlets[a.Source] && !credited {
			t.Errorf("%s: source %q is none of the demo's outlets", a.ID, a.Source)
		}
	}
}

// The demo's articles whose header the text alone gives: Markdown without
// front matter, front matter without a standfirst, a wire story without a
// headline whose lead opens with a dateline.
func TestDemoHeaders(t *testing.T) {
	c, err := LoadFS(context.Background(), demo.FS(), "demo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, title  string
		derived    bool
		standfirst string // its start
		authors    string
		date       string
	}{
		{"northgate/letters-from-the-quay", "Letters from the quay: a week on the Port Alder picket line", false, "For seven nights our reporter", "Ada Whitcombe", "2024-03-10"},
		{"northgate/2024-03-02-okafor-interview", "‘We are not the enemy of the future’: Tomas Okafor on the Port Alder strike", false, "Two days before the biggest port strike", "Ada Whitcombe, Rufus Penhale", "2024-03-02"},
		{"coastline/2024-03-13-corridor-row", "Coastland’s foreign minister walked out of a session of the Tidewater Climate Summit on Wednesday after…", true, "", "", ""},
	}
	for _, tt := range tests {
		a := article(t, c, tt.id)
		date := a.PublishedAs("2006-01-02", "2006-01-02")
		if a.Title != tt.title || a.TitleDerived != tt.derived || !strings.HasPrefix(a.Standfirst, tt.standfirst) ||
			(tt.standfirst == "") != (a.Standfirst == "") || strings.Join(a.Authors, ", ") != tt.authors || date != tt.date {
			t.Errorf("%s: title %q (derived %v), standfirst %q, authors %q, date %q", tt.id, a.Title, a.TitleDerived, a.Standfirst, a.Authors, date)
		}
		for _, p := range a.Body {
			if tt.standfirst != "" && strings.Contains(p, tt.standfirst) || strings.HasPrefix(p, "**By") {
				t.Errorf("%s: a header line stays in the body: %q", tt.id, p)
			}
		}
		for _, r := range a.Removed {
			// Header lines are fields, not removed text.
			if strings.HasPrefix(r.Reason, "header") || r.Reason == "before headline" {
				t.Errorf("%s: removed %v", tt.id, r)
			}
		}
	}
}
