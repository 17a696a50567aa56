package corpus

import (
	"fmt"
	"strings"
	"time"

	"byline/corpus/clean"
	"byline/corpus/dates"
	"byline/corpus/outlets"
	"byline/model"
	"byline/sanitize"
)

// record is the format-independent shape of a news record, as read from
// JSON fields or Markdown front matter.
type record struct {
	title, standfirst, body, date, source, url string
	authors                                    []string
	epoch                                      float64 // a numeric date, when the record gave one
	problems                                   []string
	// markdown is a Markdown file's text as blocks, its header unread
	// (body is the same text without a heading that gave the title).
	markdown []clean.MarkdownBlock
}

// Field names used by common news datasets and scrapers (news-please,
// newspaper3k, NewsAPI, schema.org NewsArticle, Hugo/Jekyll front matter).
var (
	titleFields      = []string{"title", "headline", "name"}
	standfirstFields = []string{"standfirst", "description", "summary", "subtitle", "dek", "abstract"}
	bodyFields       = []string{"text", "maintext", "body", "content", "articleBody", "article_body"}
	dateFields       = []string{"date", "date_publish", "published", "publishedAt", "datePublished", "published_at", "pubDate", "date_published"}
	sourceFields     = []string{"source", "source_domain", "site_name", "publisher", "outlet"}
	authorFields     = []string{"authors", "author", "byline", "creator"}
	urlFields        = []string{"url", "link", "canonical_url"}
)

// recordFromMap reads a record from decoded JSON or YAML, tolerating wrong
// types: a problem is noted and the field skipped, the rest still loads.
func recordFromMap(m map[string]any) record {
	var r record
	r.title = r.str(m, titleFields)
	r.standfirst = r.str(m, standfirstFields)
	r.body = r.str(m, bodyFields)
	r.source = r.str(m, sourceFields)
	r.url = r.str(m, urlFields)
	r.authors = r.names(m, authorFields)
	for _, k := range dateFields {
		v, ok := lookup(m, k)
		if !ok || v == nil {
			continue
		}
		switch d := v.(type) {
		case string:
			r.date = d
		case float64:
			r.epoch = d
		case int:
			r.epoch = float64(d)
		case time.Time: // YAML timestamps; a bare date decodes as midnight UTC
			if d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 && d.Location() == time.UTC {
				r.date = d.Format("2006-01-02")
			} else {
				r.date = d.Format(time.RFC3339)
			}
		default:
			r.problems = append(r.problems, fmt.Sprintf("field %q: expected a date, got %s", k, typeName(v)))
			continue
		}
		break
	}
	return r
}

// lookup finds a key exactly or case-insensitively.
func lookup(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// str returns the first of keys holding a string; a name nested in an object
// (schema.org's publisher: {name: ...}) counts.
func (r *record) str(m map[string]any, keys []string) string {
	for _, k := range keys {
		v, ok := lookup(m, k)
		if !ok || v == nil {
			continue
		}
		switch s := v.(type) {
		case string:
			if strings.TrimSpace(s) != "" {
				return s
			}
		case map[string]any:
			if n, ok := s["name"].(string); ok {
				return n
			}
		case float64, bool, []any:
			r.problems = append(r.problems, fmt.Sprintf("field %q: expected text, got %s", k, typeName(v)))
		}
	}
	return ""
}

// names reads authors given as a string ("A and B"), a list of strings, or
// a list of objects with a name.
func (r *record) names(m map[string]any, keys []string) []string {
	for _, k := range keys {
		v, ok := lookup(m, k)
		if !ok || v == nil {
			continue
		}
		switch a := v.(type) {
		case string:
			return splitAuthors(a)
		case []any:
			var out []string
			for _, e := range a {
				switch x := e.(type) {
				case string:
					out = append(out, splitAuthors(x)...)
				case map[string]any:
					if n, ok := x["name"].(string); ok {
						out = append(out, n)
					}
				}
			}
			return out
		case map[string]any:
			if n, ok := a["name"].(string); ok {
				return []string{n}
			}
		default:
			r.problems = append(r.problems, fmt.Sprintf("field %q: expected names, got %s", k, typeName(v)))
		}
	}
	return nil
}

func typeName(v any) string {
	switch v.(type) {
	case float64, int:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// splitAuthors turns "By Jane Doe and Sam Roe" or "Doe, Jane; Roe, Sam" style
// bylines into names.
func splitAuthors(s string) []string {
	s = strings.TrimSpace(sanitize.Line(s))
	if low := strings.ToLower(s); strings.HasPrefix(low, "by ") {
		s = strings.TrimSpace(s[3:])
	}
	if s == "" {
		return nil
	}
	for _, sep := range []string{";", " and ", " & ", "|"} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Evidence kinds of sources read from metadata (the text's own evidence is
// named by package clean).
const (
	SourceField       = "record field"    // a record's source, publisher or site_name
	SourceFrontMatter = "front matter"    // Markdown front matter's source
	SourceHost        = "host name"       // a record's source_domain, or a host name given as its source
	SourceURL         = "url host"        // the host of the record's url
	SourceTitleSuffix = "headline suffix" // "Headline - Outlet", the outlet known or recurring
	SourcePageMeta    = "page metadata"   // a saved page's og:site_name or JSON-LD publisher
)

// article builds the article for a record. A body that shows the
// furniture of a web page is cleaned like a .txt file, and what the page
// says fills in metadata the record lacked; any other body is the
// article's text and keeps every paragraph (only a credit line or an
// agency's sign-off at its end moves out, into the credit).
func (r record) article(id, path string, format model.Format) *model.Article {
	a := &model.Article{
		ID: id, Path: path, Format: format,
		Title:      sanitize.Line(strings.TrimSpace(r.title)),
		Standfirst: sanitize.Line(strings.TrimSpace(r.standfirst)),
		URL:        sanitize.Line(strings.TrimSpace(r.url)),
		Authors:    r.authors,
		Problems:   r.problems,
	}
	a.Source, a.SourceFrom = recordSource(sanitize.Line(strings.TrimSpace(r.source)), format)
	if a.Source == "" && a.URL != "" {
		if host := outlets.Host(a.URL); host != "" {
			a.Source, a.SourceFrom = outletOrHost(host), SourceURL
		}
	}
	body := sanitize.Text(normaliseNewlines(r.body))
	var c clean.Result
	if clean.LooksLikeDump(body) {
		c = clean.Dump(body)
		a.PageDump = true
		if a.Title == "" && !c.TitleDerived {
			a.Title = c.Title
		}
		if a.Standfirst == "" {
			a.Standfirst = c.Standfirst
		}
		if len(a.Authors) == 0 {
			a.Authors = c.Authors
		}
		if r.date == "" && r.epoch == 0 && c.DatePrecision != model.PrecisionNone {
			a.Published, a.DatePrecision = c.Published, c.DatePrecision
		}
	} else if format == model.FormatMarkdown {
		// Markdown blocks arrive whole (soft breaks joined); the line
		// breaks left are Markdown's own (list items, hard breaks). The
		// header the text gives fills what the front matter does not.
		c = clean.Markdown(sanitizeBlocks(r.markdown), a.Title)
		if a.Title == "" {
			a.Title, a.TitleDerived = sanitize.Line(c.Title), c.TitleDerived
		}
		if a.Standfirst == "" {
			a.Standfirst = sanitize.Line(c.Standfirst)
		}
		if len(a.Authors) == 0 {
			a.Authors = c.Authors
		}
		if r.date == "" && r.epoch == 0 && c.DatePrecision != model.PrecisionNone {
			a.Published, a.DatePrecision = c.Published, c.DatePrecision
		}
	} else {
		c = clean.Body(splitParagraphs(body))
	}
	a.Body, a.Removed, a.Credit = c.Body, c.Removed, c.Credit
	if a.Source == "" {
		a.Source, a.SourceFrom = c.Source, c.SourceFrom
	}
	a.Problems = append(a.Problems, c.Problems...)
	switch {
	case r.date != "":
		if t, p, ok := dates.Parse(r.date); ok {
			a.Published, a.DatePrecision = t, p
		} else {
			a.Problems = append(a.Problems, fmt.Sprintf("could not read the date %q", sanitize.Line(r.date)))
		}
	case r.epoch != 0:
		secs := r.epoch
		if secs > 1e12 { // milliseconds
			secs /= 1000
		}
		a.Published, a.DatePrecision = time.Unix(int64(secs), 0).UTC(), model.PrecisionDateTime
	}
	finish(a)
	return a
}

// sanitizeBlocks makes a Markdown file's blocks safe as the body is made
// safe (sanitize.Text, line ends normalised).
func sanitizeBlocks(blocks []clean.MarkdownBlock) []clean.MarkdownBlock {
	out := make([]clean.MarkdownBlock, 0, len(blocks))
	for _, b := range blocks {
		b.Text = strings.TrimSpace(sanitize.Text(normaliseNewlines(b.Text)))
		out = append(out, b)
	}
	return out
}

// recordSource reads a record's source field: a host name ("reuters.com",
// news-please's source_domain) becomes the outlet's name when the outlet is
// known, a known outlet's other name its usual one ("REUTERS" → Reuters).
func recordSource(s string, format model.Format) (string, string) {
	if s == "" {
		return "", ""
	}
	if outlets.IsHost(s) {
		return outletOrHost(s), SourceHost
	}
	from := SourceField
	if format == model.FormatMarkdown {
		from = SourceFrontMatter
	}
	name, _ := outlets.Name(s)
	return name, from
}

// outletOrHost is a known outlet's name for a host, or the host itself
// (without "www."); the corpus-wide pass may still match it to the name
// the corpus uses for that outlet.
func outletOrHost(host string) string {
	if o, ok := outlets.FromHost(host); ok {
		return o.Name
	}
	if h := outlets.Host(host); h != "" {
		return h
	}
	return host
}

// splitParagraphs splits text on blank lines, or on single newlines when it
// has no blank lines (one paragraph a line, as many dumps and records do),
// joining soft-wrapped lines inside a paragraph.
func splitParagraphs(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var blocks []string
	if strings.Contains(text, "\n\n") {
		blocks = strings.Split(text, "\n\n")
	} else {
		blocks = strings.Split(text, "\n")
	}
	out := make([]string, 0, len(blocks))
	for _, b := range blocks {
		b = strings.TrimSpace(b)
		if b == "" {
			continue
		}
		if strings.Contains(b, "\n") {
			b = strings.Join(strings.Fields(b), " ")
		}
		out = append(out, b)
	}
	return out
}

// finish applies rules every format shares: the credit stands in for an
// unknown source, an article without a headline gets a derived title, and
// single-line fields are made safe.
func finish(a *model.Article) {
	if a.Source == "" && a.Credit != "" {
		a.Source, a.SourceFrom = a.Credit, clean.SourceCredit
	}
	if a.Source == "" {
		a.SourceFrom = ""
	}
	if a.Title == "" {
		if len(a.Body) > 0 {
			a.Title = clean.DeriveTitle(a.Body[0])
		}
		a.TitleDerived = a.Title != ""
	}
	for i, name := range a.Authors {
		a.Authors[i] = sanitize.Line(strings.TrimSpace(name))
	}
}
