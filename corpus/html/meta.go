package html

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"byline/corpus/dates"
	"byline/model"
)

// metadata is what the markup says about the article.
type metadata struct {
	title, description, source, url, language string
	sourceFrom                                string // SourceMarkup or SourceHost
	authors                                   []string
	published                                 time.Time
	precision                                 model.Precision
}

// pageFacts is everything metadata is chosen from, gathered in one walk.
type pageFacts struct {
	meta         map[string][]string // lower-cased name/property/itemprop (of <meta>) → contents, in page order
	titleTag     string
	h1s          []string
	headings     []string // h1 and h2 texts
	canonical    string
	lang         string
	jsonLD       []string
	times        []timeElem // <time datetime> and microdata datePublished
	micro        microdata
	bylines      []string // visible byline candidates, in page order
	visibleDates []string // dates shown near the byline or marked by class, in page order
}

type timeElem struct {
	value  string
	strong bool // marked as the publication time (pubdate, itemprop=datePublished, a "published" class)
}

type microdata struct {
	headline string
	authors  []string
	date     string
}

// readMetadata reads the article's metadata from the markup, each field
// from the most trusted source that has it (package comment).
func readMetadata(doc *nethtml.Node, base *url.URL) metadata {
	f := gatherFacts(doc)
	ld := parseJSONLD(f.jsonLD)
	var m metadata

	m.source = firstNonEmpty(f.first("og:site_name"), ld.publisher, f.first("application-name"), ld.website, f.first("twitter:site:name"))
	if looksLikeURL(m.source) || strings.HasPrefix(m.source, "@") {
		m.source = ""
	}
	if m.source != "" {
		m.sourceFrom = SourceMarkup
	} else if base != nil {
		if m.source = readableHost(base.Host); m.source != "" {
			m.sourceFrom = SourceHost
		}
	}
	m.title = chooseTitle(f, ld, m.source)
	m.description = firstNonEmpty(ld.description, f.first("og:description"), f.first("description"),
		f.first("twitter:description"), f.first("dc.description"), f.first("dcterms.description"))
	m.authors = chooseAuthors(f, ld)
	m.published, m.precision = chooseDate(f, ld)
	m.url = firstNonEmpty(f.canonical, f.first("og:url"), absoluteOnly(ld.url))
	if !looksLikeURL(m.url) {
		m.url = ""
	}
	m.language = firstNonEmpty(f.lang, ld.language, f.first("og:locale"), f.first("content-language"), f.first("dc.language"))
	return m
}

// metaKey gives one spelling to meta names written several ways:
// "og:article:published_time" and "og:published_time" are
// "article:published_time"; "dc:title", "DC.title" and "dcterms:title"
// are "dc.title" and "dcterms.title".
func metaKey(k string) string {
	k = strings.TrimPrefix(k, "og:article:")
	if k == "og:published_time" {
		k = "article:published_time"
	}
	for _, p := range [][2]string{{"dc:", "dc."}, {"dcterm:", "dcterms."}, {"dcterms:", "dcterms."}, {"dcterm.", "dcterms."}} {
		if strings.HasPrefix(k, p[0]) {
			return p[1] + k[len(p[0]):]
		}
	}
	return k
}

// first is the first non-empty content of any of the given meta names.
func (f *pageFacts) first(names ...string) string {
	for _, n := range names {
		for _, v := range f.meta[n] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

func gatherFacts(doc *nethtml.Node) *pageFacts {
	f := &pageFacts{meta: map[string][]string{}}
	var walk func(n *nethtml.Node, inComments bool)
	walk = func(n *nethtml.Node, excluded bool) {
		if n.Type == nethtml.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				f.lang = attr(n, "lang")
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
						// "article:published_time" and "og:article:published_time"
						// are one thing; some pages list several keys.
						for _, one := range strings.Fields(key) {
							one = metaKey(one)
							f.meta[one] = append(f.meta[one], content)
						}
					}
				}
			case atom.Title:
				if f.titleTag == "" && !insideSVG(n) {
					f.titleTag = collapseSpace(textOf(n))
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && f.canonical == "" {
					f.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					f.jsonLD = append(f.jsonLD, textOf(n))
				}
				return
			case atom.Style, atom.Noscript, atom.Template, atom.Svg:
				return
			case atom.H1, atom.H2:
				if t := collapseSpace(textOf(n)); t != "" {
					f.headings = append(f.headings, t)
					if n.DataAtom == atom.H1 && !excluded {
						f.h1s = append(f.h1s, t)
					}
				}
			case atom.Time:
				if !excluded {
					if v := firstNonEmpty(attr(n, "datetime"), attr(n, "content")); v != "" {
						strong := hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
							strings.Contains(strings.ToLower(classAndID(n)), "publish")
						f.times = append(f.times, timeElem{v, strong})
					}
				}
			case atom.Form, atom.Textarea, atom.Label, atom.Input, atom.Button:
				excluded = true
			}
			if !excluded && commentLike(n) {
				excluded = true
			}
			if !excluded {
				f.readMicrodata(n)
				f.readByline(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, excluded)
		}
	}
	walk(doc, false)
	return f
}

// commentLike is an element holding readers' comments or a comment form,
// whose "author" classes name commenters and whose labels ("Name",
// "Username") are no bylines.
func commentLike(n *nethtml.Node) bool {
	names := strings.ToLower(classAndID(n))
	return names != "" && (strings.Contains(names, "comment") || strings.Contains(names, "disqus") ||
		strings.Contains(names, "respond") || strings.Contains(names, "reply") || strings.Contains(names, "login") ||
		strings.Contains(names, "signin") || strings.Contains(names, "sign-in"))
}

func (f *pageFacts) readMicrodata(n *nethtml.Node) {
	prop := strings.ToLower(attr(n, "itemprop"))
	if prop == "" || n.DataAtom == atom.Meta || n.DataAtom == atom.Time {
		if n.DataAtom == atom.Meta && prop == "datepublished" && f.micro.date == "" {
			f.micro.date = attr(n, "content")
		}
		return
	}
	for _, p := range strings.Fields(prop) {
		switch p {
		case "headline":
			if f.micro.headline == "" {
				f.micro.headline = collapseSpace(textOf(n))
			}
		case "author", "creator":
			name := ""
			walkElements(n, func(c *nethtml.Node) bool {
				if strings.EqualFold(attr(c, "itemprop"), "name") {
					name = firstNonEmpty(attr(c, "content"), collapseSpace(textOf(c)))
					return false
				}
				return true
			})
			if name == "" {
				name = firstNonEmpty(attr(n, "content"), collapseSpace(textOf(n)))
			}
			if name != "" {
				f.micro.authors = append(f.micro.authors, name)
			}
		case "datepublished":
			if f.micro.date == "" {
				f.micro.date = firstNonEmpty(attr(n, "datetime"), attr(n, "content"), collapseSpace(textOf(n)))
			}
		}
	}
}

// readByline notes visible bylines: rel=author links and elements whose
// class or id says byline or author, outside teasers for other stories
// (a related-stories box names their authors, not this story's).
func (f *pageFacts) readByline(n *nethtml.Node) {
	if len(f.bylines) >= 8 {
		return
	}
	names := strings.ToLower(classAndID(n))
	rel := strings.ToLower(attr(n, "rel"))
	byline := strings.Contains(rel, "author") || strings.Contains(names, "byline") ||
		(strings.Contains(names, "author") && !strings.Contains(names, "authority"))
	dateline := len(f.visibleDates) < 4 && dateClass.MatchString(names)
	if !byline && !dateline || inTeaser(n) {
		return
	}
	if byline {
		if t := bylineText(n); t != "" && len(t) < 200 {
			f.bylines = append(f.bylines, t)
		}
		// "By Jane Doe, March 3, 2024": the date after the names.
		full := collapseSpace(textOf(n))
		if loc := bylineStop.FindStringIndex(full); loc != nil && len(full) < 200 {
			f.visibleDates = append(f.visibleDates, full[loc[0]:])
		}
	}
	if t := collapseSpace(textOf(n)); dateline && t != "" && len(t) < 100 {
		f.visibleDates = append(f.visibleDates, t)
	}
}

// dateClass matches class and id words of elements showing the date.
var dateClass = regexp.MustCompile(`(^|[^a-z])(date|dateline|time|timestamp|published|pubdate|posted|posted-on|entry-date)([^a-z]|$)`)

// inTeaser is true for an element inside a box about other stories
// (related links, a sidebar, navigation): the bylines and dates there are
// theirs. The story's own container ends the search.
func inTeaser(n *nethtml.Node) bool {
	for p := n.Parent; p != nil && p.Type == nethtml.ElementNode; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main || p.DataAtom == atom.Body {
			return false
		}
		if p.DataAtom == atom.Aside || p.DataAtom == atom.Nav || p.DataAtom == atom.Footer {
			return true
		}
		if r := reasonFromNames(classAndID(p)); r == "related stories" || r == "sidebar" || r == "navigation" {
			return true
		}
	}
	return false
}

// visibleDate reads a date as a page shows it ("Published: March 3, 2024
// 10:20 GMT", "Updated 2024-03-03 10:20", "03.03.2024").
func visibleDate(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(strings.Trim(s, "|·•,–—-:()[] "))
	low := strings.ToLower(s)
	for _, p := range []string{"published on", "published:", "published", "posted on", "posted:", "posted", "updated:", "updated", "on "} {
		if strings.HasPrefix(low, p) {
			s = strings.TrimSpace(strings.Trim(s[len(p):], ":| "))
			break
		}
	}
	if t, p, ok := dates.Parse(s); ok {
		return t, p, true
	}
	if t, p, ok := dates.Dateline(s); ok {
		return t, p, true
	}
	if m := isoDate.FindString(s); m != "" {
		return dates.Parse(strings.NewReplacer("/", "-", ".", "-").Replace(m[:10]) + m[10:])
	}
	return time.Time{}, model.PrecisionNone, false
}

var isoDate = regexp.MustCompile(`\b\d{4}[-/.]\d{2}[-/.]\d{2}( \d{2}:\d{2})?`)

// bylineText is the names in a byline element: the parts marked as names
// (class "fn" or "name", itemprop=name, an author link) when there are
// some, else its text up to the first date or time.
func bylineText(n *nethtml.Node) string {
	var marked []string
	walkElements(n, func(c *nethtml.Node) bool {
		if c == n {
			return true
		}
		cls := " " + strings.ToLower(attr(c, "class")) + " "
		if strings.Contains(cls, " fn ") || strings.Contains(cls, "name") || strings.EqualFold(attr(c, "itemprop"), "name") ||
			strings.Contains(strings.ToLower(attr(c, "rel")), "author") {
			if t := collapseSpace(textOf(c)); t != "" {
				marked = append(marked, t)
			}
			return false
		}
		return true
	})
	if len(marked) > 0 {
		return strings.Join(marked, ", ")
	}
	t := collapseSpace(textOf(n))
	if loc := bylineStop.FindStringIndex(t); loc != nil {
		t = strings.TrimSpace(t[:loc[0]])
	}
	return t
}

// bylineStop is where the names of a byline end: a date, a time, or
// "Updated"/"Published".
var bylineStop = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? +\d|\b\d{1,4}[/.:-]\d|\b(updated|published|posted|last modified)\b|\|`)

// chooseTitle takes the headline from the most trusted source that gives
// one: JSON-LD, Dublin Core, OpenGraph, Twitter and other meta names, then
// the <title> element (cleaned as Readability does), microdata, and the
// page's h1 last. Dublin Core comes before OpenGraph here: og:title is
// often a headline written for social media, a DC title the catalogue's.
// A page's own h1 is read last on purpose: it is often a section or site
// name, while the metadata carries the headline the publisher meant.
// Titles are kept as the publisher wrote them: where a "Headline | Site"
// title ends is a guess (README: removing site names cost more titles
// than it won). A metadata title that is only the site's name is no
// headline and is passed over.
func chooseTitle(f *pageFacts, ld jsonLD, site string) string {
	ldTitle := ld.headline
	if ldTitle == "" || (ld.name != "" && similarity(ld.headline, f.titleTag) < 0.75 && similarity(ld.name, f.titleTag) >= 0.75) {
		// Some pages put the site's name in "headline" and the story's
		// in "name" (or only "name"): keep the one the <title> matches.
		ldTitle = firstNonEmpty(ld.name, ld.headline)
	}
	candidates := []string{
		ldTitle,
		f.first("dc.title", "dcterms.title"),
		f.first("og:title"),
		f.first("twitter:title"),
		f.first("citation_title", "parsely-title", "sailthru.title", "title", "headline"),
	}
	for _, c := range candidates {
		if c = collapseSpace(c); c != "" && !looksLikeURL(c) && !sameSite(c, site) {
			return c
		}
	}
	if t := cleanTitleTag(f.titleTag, f.headings, f.h1s); t != "" && !sameSite(t, site) {
		return t
	}
	if f.micro.headline != "" {
		return f.micro.headline
	}
	if len(f.h1s) > 0 {
		return f.h1s[0]
	}
	return f.titleTag
}

// titleSeparator matches the separators of "Headline | Site" titles as
// Readability reads them.
var (
	titleSeparator     = regexp.MustCompile(` [|\-\\/>»] `)
	hierarchySeparator = regexp.MustCompile(` [\\/>»] `)
	firstSeparatorPart = regexp.MustCompile(`^[^|\-\\/>»]*[|\-\\/>»]`)
	separatorChars     = regexp.MustCompile(`[|\-\\/>»]+`)
)

// cleanTitleTag reads the headline out of a <title> with Readability.js's
// rules (a well-tried general algorithm): drop the last " | part" unless
// that leaves under three words; after a colon, the part after it, unless
// a heading repeats the whole title; a title too short or too long gives
// way to the page's only h1; and a result of four words or fewer that
// lost more than one word keeps the original.
func cleanTitleTag(orig string, headings, h1s []string) string {
	orig = collapseSpace(orig)
	cur := orig
	hierarchical := false
	switch {
	case titleSeparator.MatchString(cur):
		hierarchical = hierarchySeparator.MatchString(cur)
		all := titleSeparator.FindAllStringIndex(orig, -1)
		cur = orig[:all[len(all)-1][0]]
		if wordCount(cur) < 3 {
			cur = firstSeparatorPart.ReplaceAllString(orig, "")
		}
	case strings.Contains(cur, ": "):
		match := false
		for _, h := range headings {
			if h == cur {
				match = true
			}
		}
		if !match {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if wordCount(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if wordCount(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	case (len(cur) > 150 || len(cur) < 15) && len(h1s) == 1:
		cur = h1s[0]
	}
	cur = collapseSpace(cur)
	if n := wordCount(cur); n <= 4 && (!hierarchical || n != wordCount(separatorChars.ReplaceAllString(orig, ""))-1) {
		cur = orig
	}
	return cur
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// sameSite is true when a title is only the site's name ("BBC News",
// "theverge" for The Verge).
func sameSite(title, site string) bool {
	t, s := wordKey(title), wordKey(site)
	return t != "" && s != "" && (t == s || strings.ReplaceAll(t, " ", "") == strings.ReplaceAll(s, " ", ""))
}

// chooseAuthors takes names from the most trusted source: JSON-LD, Dublin
// Core creator (a deliberate catalogue entry; as for titles, before the
// others), meta author names (article:author when it is a name, not a
// profile URL; Parse.ly, Sailthru; the New York Times' "byl"), microdata,
// then visible bylines. Comment sections and forms were not
// read, so a comment form's "Username" label is never an author.
func chooseAuthors(f *pageFacts, ld jsonLD) []string {
	sources := [][]string{
		ld.authors,
		f.meta["dc.creator"], f.meta["dcterms.creator"],
		f.meta["author"],
		f.meta["article:author"],
		f.meta["citation_author"],
		f.meta["parsely-author"], f.meta["sailthru.author"], f.meta["byl"], f.meta["twitter:creator:name"],
		f.micro.authors,
		f.bylines,
	}
	for _, src := range sources {
		var out []string
		seen := map[string]bool{}
		for _, raw := range src {
			for _, n := range splitNames(raw) {
				if k := strings.ToLower(n); !seen[k] {
					seen[k] = true
					out = append(out, n)
				}
			}
		}
		if len(out) > 0 {
			if len(out) > 8 {
				out = out[:8]
			}
			return out
		}
	}
	return nil
}

// notNames are words pages put where a name goes: form labels, roles and
// placeholders.
var notNames = map[string]bool{
	"username": true, "user name": true, "name": true, "your name": true, "email": true, "e-mail": true,
	"password": true, "website": true, "comment": true, "comments": true, "author": true, "authors": true,
	"anonymous": true, "guest": true, "admin": true, "administrator": true, "by": true, "posted by": true,
	"follow": true, "follow author": true, "unknown": true, "null": true, "undefined": true, "staff": true,
}

// splitNames turns a byline ("By Jane Doe and Sam Roe", "Doe, Jane; Roe,
// Sam") into names, dropping what is no name: URLs, e-mail addresses,
// handles, form labels, dates and long phrases.
func splitNames(s string) []string {
	s = collapseSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"by ", "written by ", "posted by ", "von ", "par ", "por ", "di "} {
		if strings.HasPrefix(low, p) {
			s, low = strings.TrimSpace(s[len(p):]), low[len(p):]
			break
		}
	}
	if s == "" || looksLikeURL(s) {
		return nil
	}
	for _, sep := range []string{";", " and ", " & ", "|", " und ", " et ", " y ", "\n"} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	parts := strings.Split(s, ",")
	// "Doe, Jane" is one name written surname first.
	if len(parts) == 2 && len(strings.Fields(parts[0])) == 1 && len(strings.Fields(parts[1])) == 1 {
		parts = []string{strings.TrimSpace(parts[1]) + " " + strings.TrimSpace(parts[0])}
	}
	var out []string
	for _, p := range parts {
		p = strings.Trim(strings.TrimSpace(p), ".:·-–—")
		p = strings.TrimSpace(p)
		if p == "" || notNames[strings.ToLower(p)] || looksLikeURL(p) || strings.Contains(p, "@") || accountName(p) ||
			len(p) > 60 || len(strings.Fields(p)) > 6 || !startsWithLetter(p) || hasDigitRun(p) {
			continue
		}
		if _, _, ok := dates.Parse(p); ok {
			continue
		}
		out = append(out, p)
	}
	return out
}

// accountName is a CMS account standing in for a byline ("jdadmin",
// "webadmin", "editor_2").
func accountName(s string) bool {
	if strings.ContainsAny(s, " ") || strings.ToLower(s) != s {
		return false
	}
	return strings.Contains(s, "admin") || strings.Contains(s, "_") || strings.ContainsAny(s, "0123456789")
}

func startsWithLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}

func hasDigitRun(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
			if n >= 2 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// chooseDate reads the publication date from the most trusted source:
// JSON-LD datePublished, article:published_time and other meta names,
// <time> elements marked as the publication time, microdata, the first
// <time datetime> of the page, then the visible header: a date in the
// byline or in an element whose class says date. The date keeps the zone it was
// written in. When the trusted value is in UTC and another source gives
// the same instant in a local zone, the local zone is kept: a story
// published at 23:30 in New York is dated that day, not the next.
func chooseDate(f *pageFacts, ld jsonLD) (time.Time, model.Precision) {
	var values []string
	values = append(values, ld.published, ld.created)
	for _, k := range []string{"article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
		"publish_date", "article.published", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
		"citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date", "date", "og:pubdate",
		"article_date_original", "original-publish-date", "cxenseparse:recs:publishtime"} {
		values = append(values, f.meta[k]...)
	}
	for _, t := range f.times {
		if t.strong {
			values = append(values, t.value)
		}
	}
	values = append(values, f.micro.date, ld.pagePublished)
	for _, t := range f.times {
		values = append(values, t.value)
	}
	var best time.Time
	var prec model.Precision
	var parsed []time.Time
	for _, v := range values {
		t, p, ok := parseDate(v)
		if !ok {
			continue
		}
		parsed = append(parsed, t)
		if prec == model.PrecisionNone {
			best, prec = t, p
		}
	}
	if prec == model.PrecisionNone {
		// The visible header, last: the date as the page shows it.
		for _, v := range f.visibleDates {
			if t, p, ok := visibleDate(v); ok {
				return t, p
			}
		}
	}
	if prec == model.PrecisionDateTime {
		if _, off := best.Zone(); off == 0 {
			for _, t := range parsed {
				if _, o := t.Zone(); o != 0 && t.Equal(best) {
					return t, prec
				}
			}
		}
	}
	return best, prec
}

// parseDate reads a machine-readable date (ISO 8601 and the forms pages
// put in meta tags).
func parseDate(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, model.PrecisionNone, false
	}
	if len(s) == 8 && allDigits(s) { // 20150724
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	return dates.Parse(s)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// readableHost is a host name as a source: without "www." or a mobile
// prefix.
func readableHost(host string) string {
	host = strings.ToLower(host)
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	for _, p := range []string{"www.", "m.", "amp.", "mobile."} {
		host = strings.TrimPrefix(host, p)
	}
	return host
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.") ||
		strings.HasPrefix(s, "//") || (strings.Contains(s, "/") && !strings.Contains(s, " "))
}

func absoluteOnly(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return s
	}
	return ""
}

// canonicalURL is the page's own idea of its address.
func canonicalURL(doc *nethtml.Node) string {
	var out string
	walkElements(doc, func(n *nethtml.Node) bool {
		if out != "" || n.DataAtom == atom.Body {
			return false
		}
		if n.DataAtom == atom.Link && strings.EqualFold(attr(n, "rel"), "canonical") {
			out = attr(n, "href")
		}
		if n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "property"), "og:url") {
			out = attr(n, "content")
		}
		return true
	})
	return out
}

// sameTitle is true when a paragraph is the title (ignoring case,
// punctuation and spacing).
func sameTitle(a, b string) bool {
	ka, kb := wordKey(a), wordKey(b)
	return ka != "" && ka == kb
}

// similarity is the share of a's words found in b.
func similarity(a, b string) float64 {
	wa, wb := strings.Fields(wordKey(a)), strings.Fields(wordKey(b))
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	set := map[string]bool{}
	for _, w := range wb {
		set[w] = true
	}
	n := 0
	for _, w := range wa {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(len(wa))
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *nethtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textOf is the text inside a node (scripts and styles left out).
func textOf(root *nethtml.Node) string {
	var b strings.Builder
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		switch n.Type {
		case nethtml.TextNode:
			b.WriteString(n.Data)
			return
		case nethtml.ElementNode:
			if n != root && (n.DataAtom == atom.Style || n.DataAtom == atom.Script) {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == nethtml.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(root)
	return b.String()
}

// walkElements visits element nodes depth-first while visit returns true
// for them.
func walkElements(n *nethtml.Node, visit func(*nethtml.Node) bool) {
	if n.Type == nethtml.ElementNode && !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, visit)
	}
}

func insideSVG(n *nethtml.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}
