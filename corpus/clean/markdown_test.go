package clean

import (
	"fmt"
	"testing"
	"time"
)

// What a reader sees of a Markdown paragraph, and whether it is set wholly
// in italics or bold.
func TestMarkdownInline(t *testing.T) {
	tests := []struct {
		in, plain string
		emph      bool
	}{
		{"**By Wren Hollis** · Kestrel Courier · 4 June 2024", "By Wren Hollis · Kestrel Courier · 4 June 2024", false},
		{"*Islanders say the timetable is fiction.*", "Islanders say the timetable is fiction.", true},
		{"__Ferry late again__", "Ferry late again", true},
		{"By [Wren Hollis](https://example.org/wren) and *Tam Oduya*", "By Wren Hollis and Tam Oduya", false},
		{"The *Kestrel Queen* ran late.", "The Kestrel Queen ran late.", false},
		{"*Kestrel* and *Queen*", "Kestrel and Queen", false},
		{"Fares rose 5\\*, the `FARE_UP` code said", "Fares rose 5*, the FARE_UP code said", false},
		{"snake_case_name and 2 * 3", "snake_case_name and 2 * 3", false},
		{"*Line one\nline two*", "Line one line two", true},
		{"See <https://example.org>", "See https://example.org", false},
		{"*Tide &amp; Time &#8212; a column*", "Tide & Time — a column", true},
		{"*By Wren&#27;[2J Hollis*", "By Wren Hollis", true}, // an escape sequence by reference
		{"plain text", "plain text", false},
		{"**", "**", false},
	}
	for _, tt := range tests {
		plain, emph := markdownInline(tt.in)
		if plain != tt.plain || emph != tt.emph {
			t.Errorf("markdownInline(%q) = %q, %v; want %q, %v", tt.in, plain, emph, tt.plain, tt.emph)
		}
	}
}

// Header lines of parts — a byline, an outlet, a date — in clean copy as
// in Markdown; lines that only look like one are left alone.
func TestMetaParts(t *testing.T) {
	tests := []struct {
		line    string
		under   bool
		role    string
		authors []string
		source  string
		date    time.Time
	}{
		{"By Wren Hollis · Kestrel Courier · 4 June 2024", true, "byline", []string{"Wren Hollis"}, "Kestrel Courier", time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"Wren Hollis | 4 June 2024", false, "byline", []string{"Wren Hollis"}, "", time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"Kestrel Courier — 4 June 2024 · 09:15 GMT", false, "dateline", nil, "Kestrel Courier", time.Date(2024, 6, 4, 9, 15, 0, 0, time.UTC)},
		{"Wren Hollis · Kestrel Courier", true, "byline", []string{"Wren Hollis"}, "Kestrel Courier", time.Time{}},
		{"By Wren Hollis | June 4, 2024 | 6-minute read", false, "byline", []string{"Wren Hollis"}, "", time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"June 4, 2024 · 5 min read", false, "dateline", nil, "", time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"Wren Hollis · 5 min read", true, "", nil, "", time.Time{}},
		{"Posted on June 4, 2024 by Wren Hollis", false, "byline", []string{"Wren Hollis"}, "", time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"Stood by the quay by the ferry", true, "", nil, "", time.Time{}},
		{"Wren Hollis · Kestrel Courier", false, "", nil, "", time.Time{}},
		{"Fear will help the island - Hollis", true, "", nil, "", time.Time{}},
		{"Wren Hollis - Tam Oduya", true, "", nil, "", time.Time{}},
		{"Ferry news | Kestrel Courier", true, "", nil, "", time.Time{}},
		{"One line", true, "", nil, "", time.Time{}},
		// Nothing but separators or space: no part at all (a fuzzer's find).
		{" ", true, "", nil, "", time.Time{}},
		{"\t", false, "", nil, "", time.Time{}},
		{" · | — ", true, "", nil, "", time.Time{}},
	}
	for _, tt := range tests {
		var res Result
		role := metaParts(tt.line, tt.under, &res)
		if role != tt.role || fmt.Sprint(res.Authors) != fmt.Sprint(tt.authors) || res.Source != tt.source || !res.Published.Equal(tt.date) {
			t.Errorf("metaParts(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.line, role, res.Authors, res.Source, res.Published, tt.role, tt.authors, tt.source, tt.date)
		}
	}
}

// Clean copy with a header of parts, and with an outlet's desk as the
// byline: the outlet is the source, the credit line stays the credit.
func TestCopyHeaderParts(t *testing.T) {
	tests := []struct {
		name, text, title, source, from, credit string
		authors                                 []string
	}{
		{"byline · outlet · date", "Ferry late again\nBy Wren Hollis · Kestrel Courier · 4 June 2024\nThe ferry to Kestrel Island ran late again on Monday, the harbour office said.\nPassengers waited for two hours.\n",
			"Ferry late again", "Kestrel Courier", SourceByline, "", []string{"Wren Hollis"}},
		{"an outlet's desk over agency copy", "Kestrel Courier\nFerry late again\nKestrel Courier Desk\nJune 4, 2024\nThe ferry to Kestrel Island ran late again on Monday, the harbour office said.\nPassengers waited for two hours.\nSource: Agencies\n",
			"Ferry late again", "Kestrel Courier", SourceByline, "Agencies", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Dump(tt.text)
			if r.Title != tt.title || r.Source != tt.source || r.SourceFrom != tt.from || r.Credit != tt.credit || fmt.Sprint(r.Authors) != fmt.Sprint(tt.authors) {
				t.Errorf("title %q source %q from %q credit %q authors %q; want %q %q %q %q %q", r.Title, r.Source, r.SourceFrom, r.Credit, r.Authors, tt.title, tt.source, tt.from, tt.credit, tt.authors)
			}
			if len(r.Body) != 2 {
				t.Errorf("body %q", r.Body)
			}
		})
	}
}
