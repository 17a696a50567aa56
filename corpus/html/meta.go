package html

import (
	"net/url"
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
	authors                                   []string
	published                                 time.Time
	precision                                 model.Precision
}

// pageFacts is everything metadata is chosen from, gathered in one walk.
type pageFacts struct {
	meta      map[string][]string // lower-cased name/property/itemprop (of <meta>) → contents, in page order
	titleTag  string
	h1s       []string
	canonical string
	lang      string
	jsonLD    []string
	times     []timeElem // <time datetime> and microdata datePublished
	micro     microdata
	bylines   []string // visible byline candidates, in page order
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
	if m.source == "" && base != nil {
		m.source = readableHost(base.Host)
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
							one = strings.TrimPrefix(one, "og:article:")
							if strings.HasPrefix(one, "article:") || one == "og:published_time" {
								one = "article:" + strings.TrimPrefix(strings.TrimPrefix(one, "article:"), "og:")
							}
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
			case atom.H1:
				if !excluded {
					if t := collapseSpace(textOf(n)); t != "" {
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
// class or id says byline or author.
func (f *pageFacts) readByline(n *nethtml.Node) {
	if len(f.bylines) >= 8 {
		return
	}
	names := strings.ToLower(classAndID(n))
	rel := strings.ToLower(attr(n, "rel"))
	if strings.Contains(rel, "author") || strings.Contains(names, "byline") ||
		(strings.Contains(names, "author") && !strings.Contains(names, "authority")) {
		if t := collapseSpace(textOf(n)); t != "" && len(t) < 200 {
			f.bylines = append(f.bylines, t)
		}
	}
}

// chooseTitle takes the headline from the most trusted source that gives
// one: JSON-LD, OpenGraph, Twitter, Dublin Core and other meta names, the
// <title> element, microdata, then the page's h1. A page's own h1 is read
// last on purpose: it is often a section or site name, while the metadata
// carries the headline the publisher meant. The site's name is removed
// where it was appended ("Headline | Site").
func chooseTitle(f *pageFacts, ld jsonLD, site string) string {
	titleTag := f.titleTag
	ldTitle := ld.headline
	if ld.name != "" && ld.headline != "" && ld.name != ld.headline {
		// Some pages put the site's name in "name" and the story's in
		// "headline" (or the reverse): keep the one the <title> matches.
		if similarity(ld.name, titleTag) > similarity(ld.headline, titleTag) {
			ldTitle = ld.name
		}
	}
	if ldTitle == "" {
		ldTitle = ld.name
	}
	candidates := []string{
		ldTitle,
		f.first("og:title"),
		f.first("twitter:title"),
		f.first("dc.title", "dcterms.title", "citation_title", "parsely-title", "sailthru.title", "title", "headline"),
	}
	for _, c := range candidates {
		if c = collapseSpace(c); c != "" && !looksLikeURL(c) && (site == "" || !strings.EqualFold(c, site)) {
			return stripSiteName(c, site, f.h1s)
		}
	}
	if titleTag != "" {
		return cleanTitleTag(titleTag, site, f.h1s)
	}
	if f.micro.headline != "" {
		return f.micro.headline
	}
	if len(f.h1s) > 0 {
		return f.h1s[0]
	}
	return ""
}

// titleSeparators split "Headline | Site" titles.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ", " \\ ", " > "}

// stripSiteName removes the site's name from either end of a title when
// it was appended with a separator.
func stripSiteName(t, site string, h1s []string) string {
	for _, h := range h1s {
		if strings.EqualFold(h, t) {
			return t
		}
	}
	if site == "" {
		return t
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if sameSite(tail, site) && head != "" {
				return head
			}
		}
		if i := strings.Index(t, sep); i > 0 {
			head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if sameSite(head, site) && tail != "" {
				return tail
			}
		}
	}
	return t
}

// cleanTitleTag reads the headline out of a <title>: with the site's name
// removed when known; else, as Readability does, the part before the last
// separator when that leaves a real headline (more than three words), or
// the page's h1 when the title contains it.
func cleanTitleTag(t, site string, h1s []string) string {
	if s := stripSiteName(t, site, h1s); s != t {
		return s
	}
	for _, h := range h1s {
		if strings.EqualFold(h, t) {
			return t
		}
		if len(strings.Fields(h)) >= 3 && strings.Contains(strings.ToLower(t), strings.ToLower(h)) {
			return h
		}
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 {
			head := strings.TrimSpace(t[:i])
			if len(strings.Fields(head)) > 3 {
				return head
			}
		}
	}
	return t
}

// sameSite is true when a title part names the site: equal to its name,
// or to its host without "www." and the top-level domain.
func sameSite(part, site string) bool {
	p, s := wordKey(part), wordKey(site)
	if p == "" || s == "" {
		return false
	}
	if p == s || strings.ReplaceAll(p, " ", "") == strings.ReplaceAll(s, " ", "") {
		return true
	}
	// "BBC News" vs "bbc.co.uk", "The Verge" vs "theverge.com"
	ps := strings.ReplaceAll(p, " ", "")
	ss := strings.Fields(s)
	if len(ss) > 0 && len(ss[0]) >= 3 && (strings.HasPrefix(ps, ss[0]) || strings.HasPrefix(ps, "the"+ss[0])) && len(ps) <= len(ss[0])+8 {
		return true
	}
	return false
}

// chooseAuthors takes names from the most trusted source: JSON-LD, meta
// author names (article:author when it is a name, not a profile URL;
// Dublin Core creator; Parse.ly, Sailthru; the New York Times' "byl"),
// microdata, then visible bylines. Comment sections and forms were not
// read, so a comment form's "Username" label is never an author.
func chooseAuthors(f *pageFacts, ld jsonLD) []string {
	sources := [][]string{
		ld.authors,
		f.meta["author"],
		f.meta["article:author"],
		f.meta["dc.creator"], f.meta["dcterms.creator"], f.meta["citation_author"],
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
		if p == "" || notNames[strings.ToLower(p)] || looksLikeURL(p) || strings.Contains(p, "@") ||
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
// <time> elements marked as the publication time, microdata, then the
// first <time datetime> of the page. The date keeps the zone it was
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
