package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/corpus/outlets"
	"byline/model"
)

// headerWindow is how many blocks before the body are searched for the
// headline, standfirst, byline and dateline.
const headerWindow = 25

// header finds headline, standfirst, byline and dateline among the blocks
// before the body start, marks them, and marks the rest of the header area
// between the headline and the body as removed header furniture.
func header(bs []block, start int, res *Result) {
	lo := max(0, start-headerWindow)
	dl, by := -1, -1
	for i := start - 1; i >= lo; i-- {
		b := &bs[i]
		if dl < 0 {
			if t, p, ok := datelineOf(b.text); ok {
				dl = i
				res.Published, res.DatePrecision, res.DateText = t, p, b.text
				b.header = "dateline"
				continue
			}
			// "By Jane Doe - 11/19/19 06:56 AM EST", "Jane Doe | 20 Nov 2019".
			if name, date, ok := splitBylineDate(b.text); ok {
				if t, p, ok := datelineOf(date); ok {
					if authors := parseByline(name, true); len(authors) > 0 {
						dl, by = i, i
						res.Published, res.DatePrecision, res.DateText = t, p, date
						res.Authors = authors
						b.header = "byline"
						continue
					}
				}
			}
		}
		if by < 0 {
			// A bare name counts next to the date line and under a
			// headline: a headline is never an author.
			strict := !(dl >= 0 && (i == dl-1 || i == dl+1) && i > 0 && titleAbove(bs, lo, i))
			if authors := parseByline(b.text, strict); len(authors) > 0 {
				by = i
				res.Authors = authors
				bylineAgency(b.text, res)
				b.header = "byline"
				continue
			}
		}
	}
	anchor := start
	if by >= 0 {
		anchor = by
	}
	if dl >= 0 && dl < anchor {
		anchor = dl
	}
	// Headline from the page title line when one of the header blocks
	// repeats it; otherwise the title-like blocks just above the anchor.
	ti := -1
	if t := pageTitle(bs); t != "" {
		for i := start - 1; i >= 1 && i >= start-headerWindow-10; i-- {
			if bs[i].header == "" && bs[i].text == t {
				ti = i
				break
			}
		}
	}
	if ti < 0 {
		for i := anchor - 1; i >= lo; i-- {
			b := bs[i]
			if b.header != "" {
				continue
			}
			if !titleLike(b) {
				if b.reason != "" {
					continue
				}
				break
			}
			ti = i
			if i-1 >= lo && bs[i-1].header == "" && titleLike(bs[i-1]) && bs[i-1].reason == "" && !bs[i-1].sentence {
				ti = i - 1
			}
			break
		}
	}
	if ti < 0 {
		return
	}
	res.Title = bs[ti].text
	bs[ti].header = "title"
	// Standfirst: the next non-header block after the headline when it
	// reads like a sentence or summary, before the body.
	for i := ti + 1; i < start; i++ {
		b := &bs[i]
		if b.header != "" {
			continue
		}
		if b.reason == "" && b.words >= 4 && b.chars >= 25 && b.chars <= 400 && !b.list && i < start {
			res.Standfirst = b.text
			b.header = "standfirst"
		}
		break
	}
	// Whatever else lies between the headline and the body is header
	// furniture (captions, "Comments" links, section names).
	for i := ti + 1; i < start; i++ {
		if bs[i].header == "" && bs[i].reason == "" {
			bs[i].header = "caption"
		}
	}
}

// titleLike reports whether a block could be a headline or standfirst.
func titleLike(b block) bool {
	// Captions end with a bracketed photo credit; headlines do not.
	return b.reason == "" && !b.list && b.words >= 3 && b.words <= 60 && b.chars >= 15 && b.chars <= 300 &&
		!strings.HasSuffix(b.text, ")")
}

// pageTitle returns the headline part of the first line when it looks like
// an HTML title ("Headline | Site", "Headline - Site").
func pageTitle(bs []block) string {
	if len(bs) == 0 {
		return ""
	}
	head, _, ok := splitSiteTitle(bs[0].text)
	if !ok {
		return ""
	}
	return head
}

// SplitSiteTitle splits "Headline | Site" (or "Headline - Site") at its last
// separator; ok is false when s is not shaped so.
func SplitSiteTitle(s string) (head, site string, ok bool) { return splitSiteTitle(s) }

// splitSiteTitle splits "Headline | Site" at its last separator.
func splitSiteTitle(s string) (head, site string, ok bool) {
	best := -1
	sepLen := 0
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(s, sep); i > best {
			best, sepLen = i, len(sep)
		}
	}
	if best < 0 {
		return "", "", false
	}
	head, site = strings.TrimSpace(s[:best]), strings.TrimSpace(s[best+sepLen:])
	if utf8.RuneCountInString(head) < 15 || site == "" || len(strings.Fields(site)) > 5 || !hasAlnum(site) {
		return "", "", false
	}
	return head, site, true
}

// splitBylineDate splits "By Jane Doe - 11/19/19 06:56 AM EST" into the
// name and date parts.
func splitBylineDate(s string) (name, date string, ok bool) {
	if len(s) > 120 {
		return "", "", false
	}
	for _, sep := range []string{" - ", " | ", " • ", " · ", " – ", " — ", ", ", " / "} {
		if i := strings.Index(s, sep); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):]), true
		}
	}
	return "", "", false
}

// parseByline returns the authors named by a byline: "By Jane Doe and Sam
// Roe", "Jane Doe, Reuters", or (when !strict) a bare name "John Bowden".
// A strict parse needs the "By" prefix.
func parseByline(s string, strict bool) []string {
	if len(s) > 100 {
		return nil
	}
	ls := strings.ToLower(s)
	hasBy := false
	for _, p := range []string{"by ", "words by ", "written by ", "story by ", "reporting by "} {
		if strings.HasPrefix(ls, p) {
			s, hasBy = s[len(p):], true
			break
		}
	}
	if !hasBy && strict {
		return nil
	}
	// "Jane Doe, Reuters": keep names, drop an organisation after a comma
	// unless it is itself a name.
	s = strings.ReplaceAll(s, " & ", " and ")
	var names []string
	for _, part := range strings.Split(s, ",") {
		for _, n := range strings.Split(part, " and ") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			switch {
			case len(names) > 0 && outlets.Like(n):
				// "Jane Doe, Reuters": the outlet, not an author.
			case nameLike(n) && (hasBy || !upperCase(n)):
				names = append(names, n)
			case len(names) == 0 || !hasBy && !roleLike(n):
				// Without "By", the whole line must read as names
				// ("HONG KONG, March 9 - Analysts said" is a dateline).
				return nil
			}
		}
	}
	return names
}

// upperCase reports whether s has letters and no lower-case ones (a
// dateline's place, "HONG KONG").
func upperCase(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// roleLike reports whether a byline part names a job ("Staff Writer",
// "Senior Correspondent"), not a person.
func roleLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		if jobWord(strings.ToLower(strings.TrimRight(w, "."))) {
			return true
		}
	}
	return false
}

// nameLike reports whether s looks like a person's name: two to four
// capitalised words (particles allowed), no digits, no stop words.
func nameLike(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	caps := 0
	for _, w := range f {
		switch strings.ToLower(w) {
		case "van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al", "el", "ben", "dos", "du":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if unicode.IsDigit(c) || !(unicode.IsLetter(c) || c == '.' || c == '-' || c == '\'' || c == '’') {
				return false
			}
		}
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if isStop(lw) || monthOrDayWord(lw) || jobWord(lw) {
			return false
		}
		caps++
	}
	return caps >= 2
}

// jobWord reports words of job titles that follow names in bylines
// ("AP Auto Writer", "Staff Reporter").
func jobWord(w string) bool {
	switch w {
	case "writer", "editor", "correspondent", "reporter", "staff", "contributor", "columnist", "producer", "analyst", "desk", "team", "news", "opinion":
		return true
	}
	return false
}

func monthOrDayWord(w string) bool {
	_, month := model.MonthByName(w)
	_, day := model.WeekdayByName(w)
	return month || day
}

// findSource looks for the publisher named in the page: "notifications
// from X", the site part of an HTML title line, "© 2019 X". In clean copy
// (page false) a title's ending counts only when it names a known outlet
// or the line is a page title (a later line repeats its headline), and a
// copyright line only when it names an outlet: "Fear will help France -
// Laporte" is a headline quoting Laporte, not a page of a site called
// Laporte.
func findSource(bs []block, page bool) (string, string) {
	for _, b := range bs {
		if len(b.text) >= 200 {
			continue
		}
		if i := strings.Index(b.lower, "notifications from "); i >= 0 {
			if s := tidySource(b.text[i+len("notifications from "):]); s != "" {
				return outletName(s), SourceNotification
			}
		}
	}
	if len(bs) > 0 {
		if _, site, ok := splitSiteTitle(bs[0].text); ok {
			_, known := outlets.Lookup(site)
			if s := tidySource(site); s != "" && (page || known || titleAnchor(bs) > 0) {
				return outletName(s), SourcePageTitle
			}
		}
	}
	for _, b := range bs {
		if len(b.text) > 120 {
			continue
		}
		i := strings.Index(b.text, "©")
		n := len("©")
		if i < 0 {
			if i = strings.Index(b.lower, "copyright "); i < 0 {
				continue
			}
			n = len("copyright ")
		}
		if s := tidySource(b.text[i+n:]); s != "" && (page || outlets.Like(s)) {
			return outletName(s), SourceCopyright
		}
	}
	return "", ""
}

// outletName is the name the outlet list gives a known outlet ("Reuter" →
// "Reuters"); other names are kept as written.
func outletName(s string) string {
	n, _ := outlets.Name(s)
	return n
}

// tidySource trims years, "All rights reserved" and punctuation from a
// publisher name; "" when what is left does not look like a name.
func tidySource(s string) string {
	if i := strings.IndexAny(s, ".|;"); i >= 0 {
		s = s[:i]
	}
	if i := indexFold(s, "all rights"); i >= 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	for len(f) > 0 && (strings.Trim(f[0], "0123456789-–,©") == "" || strings.EqualFold(f[0], "copyright")) {
		f = f[1:]
	}
	for len(f) > 0 && strings.Trim(f[len(f)-1], "0123456789-–,") == "" {
		f = f[:len(f)-1]
	}
	if len(f) == 0 || len(f) > 5 {
		return ""
	}
	out := strings.Trim(strings.Join(f, " "), " ,.:!")
	r, _ := utf8.DecodeRuneInString(out)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return ""
	}
	return out
}

// pageCredits reads credit lines at the end of a page's article: in the
// last blocks of the body and the few blocks just after it.
func pageCredits(bs []block, start, end int, res *Result) {
	for i := min(end+3, len(bs)-1); i > end; i-- {
		b := &bs[i]
		if b.header != "" || b.body {
			continue
		}
		if name := signOff(*b); name != "" && res.Credit == "" {
			b.header, res.Credit = "sign-off", name
		} else if v, ok := creditLine(*b); ok && res.Credit == "" {
			b.header, res.Credit = "credit line", outletName(v)
		}
	}
	tailCredits(bs, start, end, res, true)
}

// firstLineTitle makes the first line the headline when the header gave
// none: the first line of a dump is the headline candidate (the HTML
// title's headline part when it has one), unless it is UI furniture named
// by the lexicon or already part of the article.
func firstLineTitle(bs []block, start int, res *Result) {
	if res.Title != "" && len(bs) > 1 && !bs[0].body && bs[0].header == "" {
		// A stronger title exists: the first line, when it is the page's
		// title ("Headline | Site", or the headline itself), leaves as such.
		if head, _, ok := splitSiteTitle(bs[0].text); ok || strings.HasPrefix(bs[0].text, res.Title) {
			if !ok || strings.HasPrefix(head, res.Title) || strings.HasSuffix(head, res.Title) || titleAnchor(bs) > 0 {
				bs[0].header = "page title"
			}
		}
		return
	}
	if res.Title != "" || len(bs) < 2 || start <= 0 {
		return
	}
	b := &bs[0]
	if set, _ := strongMatches(b.lower); b.body || b.header != "" || set != 0 || b.isSep {
		return
	}
	text := b.text
	if head, _, ok := splitSiteTitle(text); ok {
		text = head
	}
	if !headlineShaped(*b) || b.words < 3 {
		return
	}
	res.Title = text
	b.header = "title"
}

// DeriveTitle makes a headline from a lead paragraph: its first sentence,
// after the dateline an agency lead opens with ("NORHAVEN, March 13
// (Coastline Wire) — "), cut at a clause boundary when long.
func DeriveTitle(lead string) string {
	if strings.ContainsAny(lead, "\n\t") {
		lead = strings.Join(strings.Fields(lead), " ") // a Markdown list, hard breaks
	}
	if _, end := leadDateline(lead); end > 0 {
		lead = upperFirst(lead[end:])
	}
	s := firstSentence(lead)
	const maxLen, maxClause = 110, 150
	if utf8.RuneCountInString(s) <= maxLen {
		return strings.TrimRight(s, ".")
	}
	// Cut at the last clause boundary before maxLen that keeps 40+ chars.
	cut := -1
	n := 0
	for i, r := range s {
		if n > maxClause {
			break
		}
		if (r == ',' || r == ';' || r == ':' || r == '—' || r == '–') && n >= 40 {
			cut = i
		}
		n++
	}
	if cut > 0 {
		return strings.TrimSpace(s[:cut])
	}
	// Otherwise at a word boundary, with an ellipsis.
	n = 0
	last := 0
	for i, r := range s {
		if n > maxLen {
			break
		}
		if r == ' ' {
			last = i
		}
		n++
	}
	if last == 0 {
		return s
	}
	return strings.TrimRight(s[:last], ",;:") + "…"
}

// upperFirst returns s with its first letter in upper case ("the franc
// rose" after a dateline starts a title).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// firstSentence returns the text up to the first full stop followed by a
// space and an upper-case letter (so "U.S." and "Mr." mostly survive).
func firstSentence(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) && !abbrevBefore(s[:i]) {
				return s[:i+1]
			}
		}
	}
	return s
}

func abbrevBefore(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	w := s[i+1:]
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Prof", "Jr", "Sr", "No", "Inc", "Co", "Corp", "vs":
		return true
	}
	return len(w) == 1
}

// LooksLikeDump reports whether text (a JSON or Markdown body) shows the
// furniture of a web page — the same evidence Dump asks for before it
// removes anything. A record's article text, however short its lines (an
// earnings table), is not a page.
func LooksLikeDump(text string) bool {
	bs := splitBlocks(text)
	for i := range bs {
		measure(&bs[i])
	}
	return pageEvidence(bs).page()
}

// indexFold is strings.Index ignoring ASCII case, for a lower-case ASCII
// needle. Its result indexes s itself: an index into strings.ToLower(s)
// would not, since lowering changes the byte length of some characters
// (U+0130, the Kelvin sign, invalid bytes).
func indexFold(s, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		match := true
		for k := 0; k < n; k++ {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
