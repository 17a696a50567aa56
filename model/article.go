// Package model holds byline's domain: articles, quotations, speakers and
// the corpus that ties them together, plus the queries over them. It is pure
// Go: no file or network I/O and no UI, so every other package can depend on
// it and it depends on none of them.
package model

import "time"

// Format names the kind of file an article came from.
type Format string

// The formats byline reads. The registry in package corpus maps file
// extensions to parsers producing these.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatJSON     Format = "json"
	FormatJSONL    Format = "jsonl"
	FormatHTML     Format = "html"
	FormatWARC     Format = "warc" // an HTML page inside a WARC crawl archive
)

// Precision says how much of a publication time is known.
type Precision int

const (
	// PrecisionNone means the article is undated.
	PrecisionNone Precision = iota
	// PrecisionDate means only the calendar day is known; the clock part of
	// the time is midnight in the article's zone and must not be displayed.
	PrecisionDate
	// PrecisionDateTime means the time of day is known too.
	PrecisionDateTime
)

// Removed is a block of text taken out of an article body, with the reason it
// was judged not to be part of the article (kept so users can audit cleaning).
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Problem is a file (or a record inside one) that could not be loaded, or
// loaded with something wrong. A load never stops for a problem.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

func (p Problem) String() string { return p.Path + ": " + p.Reason }

// Article is one cleaned news story.
type Article struct {
	// ID is stable across runs and short enough to type: the path relative
	// to the corpus root without extension, with "#N" for the Nth record of
	// a multi-record file.
	ID     string
	Path   string
	Format Format
	URL    string
	// Language is the article's language as its page declares it
	// ("en", "pt-BR"), when it does.
	Language string

	// Source is the publisher ("The Independent"); Credit is a credit line
	// found in the text ("Agencies" from "Source: Agencies"). When no
	// publisher is found the credit stands in as the source.
	Source string
	Credit string
	// SourceFrom names the evidence the source came from: a record's
	// field, a host name, a credit line, a dateline, a sign-off, a page's
	// notification prompt or title… (see corpus/clean's Source* constants
	// and package corpus). Empty when Source is.
	SourceFrom string
	// PageDump is true when the text showed the furniture of a web page
	// and was cleaned block by block; clean copy keeps every paragraph.
	PageDump bool

	Title        string
	TitleDerived bool // true when no headline existed and Title was made from the lead
	Standfirst   string
	Authors      []string

	// Published keeps the zone the article gave (e.g. EST as -05:00), so
	// it can be displayed as written and compared in UTC.
	Published     time.Time
	DatePrecision Precision

	Body    []string // cleaned paragraphs
	Removed []Removed
	// Problems are non-fatal issues with this article (e.g. an unparsable
	// date); fatal ones become corpus-level Problems instead.
	Problems []string

	Quotes []Quote

	// WordCount is the number of words in Body, counted once when the
	// corpus is built; Words counts them when it is not set.
	WordCount int
}

// Quotations is the number of the article's quotations (terms in marks
// not counted).
func (a *Article) Quotations() int {
	n := 0
	for i := range a.Quotes {
		if a.Quotes[i].IsQuotation() {
			n++
		}
	}
	return n
}

// PublishedAs formats the publication date with the layout withTime when
// its time is known, dateOnly when only the day is, and is "" when the
// article is undated.
func (a *Article) PublishedAs(withTime, dateOnly string) string {
	switch {
	case !a.Dated():
		return ""
	case a.DatePrecision == PrecisionDate:
		return a.Published.Format(dateOnly)
	}
	return a.Published.Format(withTime)
}

// Dated reports whether the article has a known publication date.
func (a *Article) Dated() bool { return a.DatePrecision != PrecisionNone && !a.Published.IsZero() }

// Words counts the words of the cleaned body.
func (a *Article) Words() int {
	if a.WordCount > 0 {
		return a.WordCount
	}
	n := 0
	for _, p := range a.Body {
		n += countWords(p)
	}
	return n
}

// countWords counts runs of non-space bytes. Only ASCII white space
// separates words, so it scans bytes, not runes: it runs over every body
// of the corpus for every listing.
func countWords(s string) int {
	// A word starts at every non-space byte after a space (or at the
	// start): counted without a branch, a table lookup a byte.
	n := 0
	prev := uint8(1)
	for i := 0; i < len(s); i++ {
		sp := wordSpace[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

// wordSpace is 1 for the bytes that separate words.
var wordSpace = [256]uint8{' ': 1, '\t': 1, '\n': 1, '\r': 1}
