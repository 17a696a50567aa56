package model

import "time"

// The records below are byline's public JSON interface (`byline list|show|
// quotes|speakers --json`). Scripts depend on the field names: add fields
// freely, never rename or drop one.

// ArticleRecord is one line of `byline list --json`.
type ArticleRecord struct {
	ID           string   `json:"id"`
	Path         string   `json:"path"`
	Format       Format   `json:"format"`
	Source       string   `json:"source"`
	Credit       string   `json:"credit"`
	Title        string   `json:"title"`
	TitleDerived bool     `json:"title_derived"`
	Standfirst   string   `json:"standfirst"`
	Authors      []string `json:"authors"`
	Published    string   `json:"published"` // RFC 3339 with the article's offset, or ""
	DateOnly     bool     `json:"date_only"`
	Words        int      `json:"words"`
	Problems     []string `json:"problems"`
	URL          string   `json:"url,omitempty"`
	Quotes       int      `json:"quotes"`
	Language     string   `json:"language,omitempty"`
	// SourceEvidence says where the source came from ("record field",
	// "host name", "credit line", "dateline", "sign-off", "page title"…);
	// "" when there is no source.
	SourceEvidence string `json:"source_evidence"`
	// PageDump is true when the text was cleaned as a web page dump.
	PageDump bool `json:"page_dump"`
}

// ArticleDetail is one line of `byline show --json`.
type ArticleDetail struct {
	ArticleRecord
	Body    []string  `json:"body"`
	Removed []Removed `json:"removed"`
	// Quotations are the article's quotations (terms left out), as
	// `byline quotes --json` prints them.
	Quotations []QuoteRecord `json:"quotations"`
}

// QuoteRecord is one line of `byline quotes --json`.
type QuoteRecord struct {
	Article      string    `json:"article"`
	Path         string    `json:"path"`
	Source       string    `json:"source"`
	Published    string    `json:"published"`
	Text         string    `json:"text"`
	Speaker      string    `json:"speaker"`
	Mention      string    `json:"mention"`
	Role         string    `json:"role"`
	Cue          string    `json:"cue"`
	Partial      bool      `json:"partial"`
	Kind         QuoteKind `json:"kind"`
	Paragraph    int       `json:"paragraph"`
	Start        int       `json:"start"`
	End          int       `json:"end"`
	EndParagraph int       `json:"end_paragraph"`
	Title        string    `json:"title"`
	URL          string    `json:"url,omitempty"` // the article's
	// Echoes are the IDs of the other articles carrying the same
	// quotation (package stories); empty when none does, null when they
	// are not known (from a database, which keeps no stories yet).
	Echoes []string `json:"echoes"`
}

// MarkedRecord is an article's `list` record with the reader's marks:
// `list --json` prints it when a state database exists.
type MarkedRecord struct {
	ArticleRecord
	Read    bool `json:"read"`
	Starred bool `json:"starred"`
}

// MarkedQuoteRecord is a quotation's record with the reader's star (the
// browser's export of the quotes list).
type MarkedQuoteRecord struct {
	QuoteRecord
	Starred bool `json:"starred"`
}

// SpeakerRecord is one line of `byline speakers --json`.
type SpeakerRecord struct {
	Name       string      `json:"name"`
	Kind       SpeakerKind `json:"kind"`
	Role       string      `json:"role"`
	Aliases    []string    `json:"aliases"`
	Quotes     int         `json:"quotes"`
	Articles   int         `json:"articles"`
	Sources    []string    `json:"sources"`
	ArticleIDs []string    `json:"article_ids"`
}

// PublishedString formats the publication time as RFC 3339 in the zone the
// article gave, or "" when undated.
func (a *Article) PublishedString() string { return a.PublishedAs(time.RFC3339, time.RFC3339) }

// Record returns the article's `list` record.
func (a *Article) Record() ArticleRecord {
	return ArticleRecord{
		ID: a.ID, Path: a.Path, Format: a.Format,
		Source: a.Source, Credit: a.Credit,
		Title: a.Title, TitleDerived: a.TitleDerived, Standfirst: a.Standfirst,
		Authors:   nonNil(a.Authors),
		Published: a.PublishedString(), DateOnly: a.DatePrecision == PrecisionDate,
		Words: a.Words(), Problems: nonNil(a.Problems), URL: a.URL, Quotes: a.Quotations(), Language: a.Language,
		SourceEvidence: a.SourceFrom, PageDump: a.PageDump,
	}
}

// Detail returns the article's `show` record.
func (a *Article) Detail() ArticleDetail {
	removed := a.Removed
	if removed == nil {
		removed = []Removed{}
	}
	quotations := []QuoteRecord{}
	for i := range a.Quotes {
		if a.Quotes[i].IsQuotation() {
			quotations = append(quotations, a.QuoteRecord(&a.Quotes[i]))
		}
	}
	return ArticleDetail{ArticleRecord: a.Record(), Body: nonNil(a.Body), Removed: removed, Quotations: quotations}
}

// QuoteRecord returns the `quotes` record of one of the article's quotes.
func (a *Article) QuoteRecord(q *Quote) QuoteRecord {
	return QuoteRecord{
		Article: a.ID, Path: a.Path, Source: a.Source, Published: a.PublishedString(),
		Text: q.Text, Speaker: q.Speaker, Mention: q.Mention, Role: q.Role, Cue: q.Cue,
		Partial: q.Partial, Kind: q.Kind, Paragraph: int(q.Paragraph), Start: int(q.Start), End: int(q.End),
		EndParagraph: int(q.EndParagraph), Title: a.Title, URL: a.URL, Echoes: []string{},
	}
}

// Record returns the speaker's `speakers` record.
func (s *Speaker) Record() SpeakerRecord {
	return SpeakerRecord{
		Name: s.Name, Kind: s.Kind, Role: s.Role, Aliases: nonNil(s.Aliases),
		Quotes: s.Quotes, Articles: len(s.Articles), Sources: nonNil(s.Sources),
		ArticleIDs: nonNil(s.Articles),
	}
}

// nonNil makes empty lists encode as [] rather than null, so scripts can
// iterate without a null check.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
