// Package html reads a saved web page: it decodes the page's charset,
// finds the article's main text with go-trafilatura (and its fallbacks,
// go-readability and go-domdistiller, where they do better), keeps the
// text's structure (paragraphs, headings, list items, block quotations) as
// paragraphs, and reads the article's metadata from the markup in order of
// trust: JSON-LD, OpenGraph and article:* meta, <time datetime>, Dublin
// Core and other meta names, microdata, then the visible header.
//
// Read is a pure function of the page's bytes and what the fetch said
// about it (a WARC record's URL, Content-Type and date), so it runs in
// parallel and fuzzes well. It never loses a page it can parse at all: a
// panic or failure in the extractor falls back to a simpler reading.
package html

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	trafilatura "github.com/markusmobius/go-trafilatura"
	nethtml "golang.org/x/net/html"

	"byline/corpus/dates"
	"byline/model"
	"byline/sanitize"
)

// Input is one page as fetched or saved.
type Input struct {
	Raw         []byte
	URL         string    // where the page came from, when known (a WARC record's target)
	ContentType string    // the HTTP Content-Type header, when known (its charset counts)
	Fetched     time.Time // when it was fetched, when known: the date of last resort
}

// Page is what Read found in a page. Every string is terminal-safe.
type Page struct {
	Title      string
	Standfirst string
	Authors    []string
	Published  time.Time // in the zone the page gave
	Precision  model.Precision
	Source     string // the publisher, or the host name made readable
	SourceFrom string // SourceMarkup or SourceHost: which evidence named Source
	URL        string
	Language   string
	Body       []string // paragraphs; headings, list items and block quotations are paragraphs too
	Removed    []model.Removed
	Encoding   string   // the charset the page was decoded from
	Notes      []string // what went wrong but did not lose the page
}

// Evidence for Page.SourceFrom, as model.Article.SourceFrom records it.
const (
	SourceMarkup = "page metadata" // og:site_name, JSON-LD publisher, application-name
	SourceHost   = "host name"     // the page's address, without www.
)

// ErrNoText means the page has no readable text at all.
var ErrNoText = errors.New("no readable text in the page")

// Read reads one page.
func Read(in Input) (Page, error) {
	text, enc := decodeCharset(in.Raw, in.ContentType)
	p := Page{Encoding: enc}
	doc, err := nethtml.Parse(strings.NewReader(text))
	if err != nil {
		p.Notes = append(p.Notes, fmt.Sprintf("the page's markup could not be parsed (%v): read as flat text", err))
		if doc, err = parseFlat(text); err != nil {
			return Page{}, fmt.Errorf("parsing HTML: %w", err)
		}
	}
	base := pageURL(doc, in.URL)
	meta := readMetadata(doc, base)

	body, removed, note := extractBody(doc, base, meta)
	if note != "" {
		p.Notes = append(p.Notes, note)
	}
	p.Title = meta.title
	p.Standfirst = meta.description
	p.Authors = meta.authors
	p.Published, p.Precision = meta.published, meta.precision
	if p.Precision == model.PrecisionNone && !in.Fetched.IsZero() {
		// The fetch date bounds the publication date from above; it is
		// the best left when the page says nothing. Days only: the
		// clock time of a crawl is not the story's.
		p.Published, p.Precision = in.Fetched, model.PrecisionDate
		p.Notes = append(p.Notes, "no publication date in the page; the date is the day it was fetched")
	}
	p.Source, p.SourceFrom = meta.source, meta.sourceFrom
	// The address it was fetched from, when known, else the one the
	// page gives for itself.
	p.URL = firstNonEmpty(in.URL, meta.url)
	p.Language = meta.language
	p.Body, removed = dropHeaderLines(dropTitleEcho(body, p.Title), p.Authors, removed)
	p.Removed = removed
	if len(p.Body) == 0 && p.Title == "" {
		return Page{}, ErrNoText
	}
	p.sanitise()
	return p, nil
}

// pageURL is the page's address: the fetch's, else the canonical link or
// og:url the page gives for itself.
func pageURL(doc *nethtml.Node, fetched string) *url.URL {
	for _, s := range []string{fetched, canonicalURL(doc)} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
			return u
		}
	}
	return nil
}

// dropTitleEcho removes a leading heading that repeats the title: the
// article's own h1 is the title, not a paragraph of the story.
// A heading that is the title's first part ("Story" in "Story | Site")
// is the title too.
func dropTitleEcho(body []string, title string) []string {
	for i := 0; i < len(body) && i < 3; i++ {
		if title != "" && (sameTitle(body[i], title) || titleHead(body[i], title)) {
			return append(body[:i:i], body[i+1:]...)
		}
	}
	return body
}

// titleHead is true when the title is the paragraph followed by a
// separator and more ("Harbour vote | The Meridian Post").
func titleHead(para, title string) bool {
	para = collapseSpace(para)
	if len(strings.Fields(para)) < 2 || len(title) <= len(para) || !strings.EqualFold(title[:len(para)], para) {
		return false
	}
	rest := title[len(para):]
	for _, sep := range []string{" | ", " - ", " – ", " — ", ": ", " · ", " :: "} {
		if strings.HasPrefix(rest, sep) {
			return true
		}
	}
	return false
}

// dropHeaderLines takes out of the body's first paragraphs the short ones
// that are the byline or the dateline the metadata was read from ("By Ana
// Lopes", "· March 3, 2024", "Updated 10:20 GMT"): the story starts after
// them. They are listed as removed, with that reason.
func dropHeaderLines(body, authors []string, removed []model.Removed) ([]string, []model.Removed) {
	for i := 0; i < len(body) && i < 4; {
		b := body[i]
		if len(b) > 120 || !headerLine(b, authors) {
			i++
			continue
		}
		removed = append(removed, model.Removed{Text: b, Reason: "byline and date (read as metadata)"})
		body = append(body[:i:i], body[i+1:]...)
	}
	return body, removed
}

func headerLine(s string, authors []string) bool {
	t := strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) })
	words := strings.Fields(t)
	if len(words) > 1 && strings.EqualFold(words[0], "by") && nameLike(words[1:]) {
		return true
	}
	for _, a := range authors {
		if len(a) > 3 && strings.Contains(s, a) && len(words) <= len(strings.Fields(a))+8 {
			return true
		}
	}
	for _, p := range []string{"last updated ", "updated ", "published ", "posted "} {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	if _, _, ok := dates.Parse(t); ok {
		return true
	}
	_, _, ok := dates.Dateline(t)
	return ok && len(words) <= 8
}

// nameLike is true for a few capitalised words (joined by "and"), as the
// names of a byline are: "Jane Doe and Sam Roe", not "the end of 2020".
func nameLike(words []string) bool {
	if len(words) > 7 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ",.;|·")
		if w == "" || strings.EqualFold(w, "and") || w == "&" {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func (p *Page) sanitise() {
	p.Title = sanitize.Line(p.Title)
	p.Standfirst = sanitize.Line(p.Standfirst)
	p.Source = sanitize.Line(p.Source)
	p.URL = sanitize.Line(p.URL)
	p.Language = sanitize.Line(p.Language)
	for i, n := range p.Notes {
		p.Notes[i] = sanitize.Line(n)
	}
	for i, a := range p.Authors {
		p.Authors[i] = sanitize.Line(a)
	}
	kept := p.Body[:0]
	for _, b := range p.Body {
		if b = sanitize.Line(b); strings.TrimSpace(b) != "" {
			kept = append(kept, b)
		}
	}
	p.Body = kept
	for i := range p.Removed {
		p.Removed[i].Text = sanitize.Line(p.Removed[i].Text)
	}
}

// trafilaturaOptions: comments are not the article; fallbacks on, since
// they measure better (README); dates come from our own metadata reading,
// so htmldate's whole-document scan is skipped.
func trafilaturaOptions(base *url.URL) trafilatura.Options {
	return trafilatura.Options{
		OriginalURL:     base,
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	}
}
