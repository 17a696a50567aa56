package corpus

import (
	"fmt"
	"testing"
	"time"

	"byline/corpus/clean"
	"byline/model"
)

// Markdown's header shapes, written for this test: the header under the
// title is read from the text when the front matter does not give it, with
// Markdown's inline markup seen through; the lines read leave the body as
// header fields (never as removed text), every other paragraph stays as
// written, and front matter wins over what the text says.
func TestMarkdownHeader(t *testing.T) {
	const lead = "The ferry to Kestrel Island ran late again on Monday, the third time this month, and the harbour office said the engine was to blame."
	const second = "Passengers waited on the slipway for two hours before the crossing resumed."
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		text       string
		title      string
		derived    bool
		standfirst string
		authors    []string
		published  time.Time
		source     string
		from       string
		body       []string
	}{
		{
			name:  "heading, bold byline with outlet and date, italic standfirst",
			text:  "# Ferry late again\n\n**By Wren Hollis** · Kestrel Courier · 4 June 2024\n\n*Islanders say the timetable is fiction.*\n\n" + lead + "\n\n" + second + "\n",
			title: "Ferry late again", standfirst: "Islanders say the timetable is fiction.", authors: []string{"Wren Hollis"},
			published: day(2024, 6, 4), source: "Kestrel Courier", from: clean.SourceByline,
			body: []string{lead, second},
		},
		{
			name:  "italic By line",
			text:  "# Ferry late again\n\n*By Wren Hollis and Tam Oduya*\n\n" + lead + "\n",
			title: "Ferry late again", authors: []string{"Wren Hollis", "Tam Oduya"},
			body: []string{lead},
		},
		{
			name:  "name | date and time",
			text:  "## Ferry late again\n\nWren Hollis | 4 June 2024 09:15 BST\n\n" + lead + "\n",
			title: "Ferry late again", authors: []string{"Wren Hollis"},
			published: time.Date(2024, 6, 4, 9, 15, 0, 0, time.FixedZone("BST", 3600)),
			body:      []string{lead},
		},
		{
			name:  "a date line alone, in italics",
			text:  "# Ferry late again\n\n_Tuesday 4 June 2024_\n\n" + lead + "\n",
			title: "Ferry late again", published: day(2024, 6, 4),
			body: []string{lead},
		},
		{
			name:  "standfirst between the heading and the byline",
			text:  "# Ferry late again\n\nIslanders say the timetable is fiction and want a new operator.\n\nBy [Wren Hollis](https://example.org/wren)\n\n" + lead + "\n",
			title: "Ferry late again", standfirst: "Islanders say the timetable is fiction and want a new operator.", authors: []string{"Wren Hollis"},
			body: []string{lead},
		},
		{
			name:  "no blank line under the heading",
			text:  "# Ferry late again\n*By Wren Hollis*\n\n" + lead + "\n",
			title: "Ferry late again", authors: []string{"Wren Hollis"},
			body: []string{lead},
		},
		{
			name:  "a #tag is no heading",
			text:  "#ferries ran late again on Monday.\n\n" + second + "\n",
			title: "#ferries ran late again on Monday", derived: true,
			body: []string{"#ferries ran late again on Monday.", second},
		},
		{
			name:  "an underlined heading",
			text:  "Ferry late\nagain\n=====\n\nBy Wren Hollis\n\n" + lead + "\n\nThe operator\n---\n\n" + second + "\n",
			title: "Ferry late again", authors: []string{"Wren Hollis"},
			body: []string{lead, "The operator", second},
		},
		{
			name:  "a list before a rule is no heading",
			text:  "# Ferry late again\n\n" + lead + "\n\n- one delay\n---\n",
			title: "Ferry late again",
			body:  []string{lead, "- one delay\n---"},
		},
		{
			name:  "a subheading between the heading and the byline is the standfirst",
			text:  "# Ferry late again\n\n## Islanders say the timetable is fiction\n\nWren Hollis · June 4, 2024 · 4 min read\n\n" + lead + "\n\n## What the operator says\n\n" + second + "\n",
			title: "Ferry late again", standfirst: "Islanders say the timetable is fiction", authors: []string{"Wren Hollis"},
			published: day(2024, 6, 4),
			body:      []string{lead, "What the operator says", second},
		},
		{
			name:  "a subheading under the heading, no byline, is a section heading",
			text:  "# Ferry late again\n\n## Islanders say the timetable is fiction\n\n" + lead + "\n",
			title: "Ferry late again",
			body:  []string{"Islanders say the timetable is fiction", lead},
		},
		{
			name:  "a bold first line is the headline",
			text:  "**Ferry late again**\n\nBy Wren Hollis\n\n" + lead + "\n",
			title: "Ferry late again", authors: []string{"Wren Hollis"},
			body: []string{lead},
		},
		{
			name:  "headline above a date line, no markup",
			text:  "Ferry late again\n\n4 June 2024\n\n" + lead + "\n",
			title: "Ferry late again", published: day(2024, 6, 4),
			body: []string{lead},
		},
		{
			name:  "front matter wins; the text's header lines still leave the body",
			text:  "---\ntitle: Ferry late again\nauthor: Tam Oduya\ndate: 2024-06-05\nsource: Island Post\n---\n\n# Ferry late again\n\nBy Wren Hollis · Kestrel Courier · 4 June 2024\n\n" + lead + "\n",
			title: "Ferry late again", authors: []string{"Tam Oduya"}, published: day(2024, 6, 5),
			source: "Island Post", from: SourceFrontMatter,
			body: []string{lead},
		},
		{
			name:  "front matter title, an italic standfirst opening the text",
			text:  "---\ntitle: Ferry late again\n---\n\n*Islanders say the timetable is fiction.*\n\n" + lead + "\n",
			title: "Ferry late again", standfirst: "Islanders say the timetable is fiction.",
			body: []string{lead},
		},
		{
			name:  "a heading that differs from the front matter's title stays",
			text:  "---\ntitle: Kestrel ferry delays\n---\n\n# Late again\n\n" + lead + "\n",
			title: "Kestrel ferry delays",
			body:  []string{"Late again", lead},
		},
		{
			name:  "a plain lead under the heading is body",
			text:  "# Ferry late again\n\n" + lead + "\n\n" + second + "\n",
			title: "Ferry late again",
			body:  []string{lead, second},
		},
		{
			name:  "emphasis inside a lead is no standfirst",
			text:  "# Ferry late again\n\nThe *Kestrel Queen* ran late again on Monday.\n\n" + second + "\n",
			title: "Ferry late again",
			body:  []string{"The *Kestrel Queen* ran late again on Monday.", second},
		},
		{
			name:  "no heading: a short first paragraph stays, the title is derived",
			text:  "The ferry ran late.\n\n" + second + "\n",
			title: "The ferry ran late", derived: true,
			body: []string{"The ferry ran late.", second},
		},
		{
			name:  "a section heading further down is not the title",
			text:  lead + "\n\n## What the operator says\n\n" + second + "\n",
			title: "The ferry to Kestrel Island ran late again on Monday, the third time this month", derived: true,
			body: []string{lead, "What the operator says", second},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, _, err := parseMarkdown(Document{ID: "x", Path: "x.md", Text: tt.text})
			if err != nil || len(arts) != 1 {
				t.Fatalf("parse: %v, %d articles", err, len(arts))
			}
			a := arts[0]
			if a.Title != tt.title || a.TitleDerived != tt.derived {
				t.Errorf("title %q derived %v, want %q %v", a.Title, a.TitleDerived, tt.title, tt.derived)
			}
			if a.Standfirst != tt.standfirst {
				t.Errorf("standfirst %q, want %q", a.Standfirst, tt.standfirst)
			}
			if fmt.Sprint(a.Authors) != fmt.Sprint(tt.authors) {
				t.Errorf("authors %q, want %q", a.Authors, tt.authors)
			}
			if want := tt.published; !a.Published.Equal(want) || (a.DatePrecision == model.PrecisionNone) != want.IsZero() {
				t.Errorf("published %v (%v), want %v", a.Published, a.DatePrecision, want)
			}
			if a.Source != tt.source || a.SourceFrom != tt.from {
				t.Errorf("source %q from %q, want %q from %q", a.Source, a.SourceFrom, tt.source, tt.from)
			}
			if fmt.Sprintf("%q", a.Body) != fmt.Sprintf("%q", tt.body) {
				t.Errorf("body %q\nwant %q", a.Body, tt.body)
			}
			if len(a.Removed) > 0 {
				t.Errorf("removed %v; header lines are fields, nothing else leaves", a.Removed)
			}
		})
	}
}

func TestATXHeading(t *testing.T) {
	tests := []struct {
		line  string
		level int
		text  string
	}{
		{"# Ferry late again", 1, "Ferry late again"},
		{"### Ferry late again ###", 3, "Ferry late again"},
		{"## Issue #5", 2, "Issue #5"},
		{"   ## indented", 2, "indented"},
		{"#", 1, ""},
		{"#ferries", 0, ""},
		{"####### seven", 0, ""},
		{"    # code", 0, ""},
	}
	for _, tt := range tests {
		if level, text := atxHeading(tt.line); level != tt.level || text != tt.text {
			t.Errorf("atxHeading(%q) = %d, %q; want %d, %q", tt.line, level, text, tt.level, tt.text)
		}
	}
}
