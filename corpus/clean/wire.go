package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"byline/corpus/dates"
	"byline/corpus/outlets"
	"byline/model"
)

// Wire conventions: how agency copy names the agency. A dateline tag
// ("WASHINGTON (Reuters) -", "(AP) —"), a sign-off line ("Reuter", "AP",
// "— AFP"), a byline with the agency after the names ("By Jane Doe and Sam
// Roe, Reuters"), a credit ("Source: Agencies") or a copyright line
// ("Copyright 1987 Reuters"). Each gives the agency's name as the list in
// package outlets writes it.

// datelineOf is dates.Dateline plus the date lines of agency archives
// that it does not read: "9-MAR-1987 14:05:12.34" (day-month-year with
// hyphens, hundredths of a second).
func datelineOf(line string) (time.Time, model.Precision, bool) {
	if t, p, ok := dates.Dateline(line); ok {
		return t, p, true
	}
	s := strings.TrimSpace(line)
	if len(s) < 10 || len(s) > 40 {
		return time.Time{}, 0, false
	}
	first, _, _ := strings.Cut(s, " ")
	if strings.Count(first, "-") != 2 || !hasDigit(first) {
		return time.Time{}, 0, false
	}
	f := strings.Fields(s)
	f[0] = strings.ReplaceAll(f[0], "-", " ")
	for i := 1; i < len(f); i++ {
		// 14:05:12.34 → 14:05:12
		if c := strings.IndexByte(f[i], ':'); c > 0 {
			if d := strings.IndexByte(f[i], '.'); d > c {
				f[i] = f[i][:d]
			}
		}
	}
	return dates.Dateline(strings.Join(f, " "))
}

// agencyName returns the outlet a short credit names ("Reuter",
// "REUTERS", "(AP)", "— AFP", "Associated Press"), or "".
func agencyName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "-–—=* ")
	s = strings.Trim(s, " .()[]")
	if s == "" || len(s) > 60 {
		return ""
	}
	if o, ok := outlets.Lookup(s); ok {
		return o.Name
	}
	return ""
}

// signOff reports the agency of a sign-off line: an agency's name alone
// ("Reuter", "AP", "- AFP", "(Reuters)").
func signOff(b block) string {
	if b.words == 0 || b.words > 4 || b.chars > 40 {
		return ""
	}
	if name := agencyName(trimEntities(b.text)); name != "" {
		if o, _ := outlets.Lookup(name); o.Agency {
			return name
		}
	}
	return ""
}

// datelineAgency returns the agency a paragraph's dateline tags:
// "WASHINGTON (Reuters) - …", "PARIS, March 9 (AFP) — …", "(AP) — …",
// "LONDON, March 9 (Coastline Wire) — …". The tag must come early and be
// followed by a dash.
func datelineAgency(p string) string {
	agency, _ := leadDateline(p)
	return agency
}

// leadDateline reads the dateline that opens an agency lead and returns the
// agency its tag names ("" when it has none) and the offset in p where the
// lead's own text begins (0 when p opens with no dateline). The forms: a
// tag after the place and date, "WASHINGTON (Reuters) - ", "PARIS, March 9
// (AFP) — ", "(AP) — "; and without a tag an upper-case place, perhaps
// with a date or state, before a spaced dash: "HONG KONG, Nov 16 - ",
// "PARIS - ". (A dash after words in lower case, "Washington - the…", is
// no dateline.)
func leadDateline(p string) (agency string, end int) {
	head := p
	if len(head) > 120 {
		head = head[:120]
	}
	for i := 0; i < len(head); {
		open := strings.IndexByte(head[i:], '(')
		if open < 0 {
			break
		}
		open += i
		closing := strings.IndexByte(head[open:], ')')
		if closing < 0 {
			break
		}
		closing += open
		name := head[open+1 : closing]
		rest := strings.TrimLeft(head[closing+1:], " ")
		if dash(rest) && name != "" && outlets.Like(name) && prefixIsDateline(head[:open]) {
			n, _ := outlets.Name(name)
			return n, len(p) - len(strings.TrimLeft(p[len(head)-len(rest):], "-–— "))
		}
		i = closing + 1
	}
	// No tag: "HONG KONG, Nov 16 - ".
	for _, sep := range []string{" - ", " -- ", " – ", " — "} {
		i := strings.Index(head, sep)
		if i <= 0 || i > 60 {
			continue
		}
		place, _, _ := strings.Cut(head[:i], ",")
		if upperCase(place) && utf8.RuneCountInString(strings.TrimSpace(place)) >= 2 && prefixIsDateline(head[:i]) {
			if rest := strings.TrimLeft(p[i+len(sep):], " "); hasAlnum(rest) {
				return "", len(p) - len(rest)
			}
		}
	}
	return "", 0
}

// dash reports whether s starts with a dash (-, --, – or —).
func dash(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '-' || r == '–' || r == '—'
}

// prefixIsDateline reports whether the text before a dateline's tag is a
// place and date: empty, or words that start with capitals or digits
// ("WASHINGTON", "PARIS, March 9", "NEW YORK, Jan 2").
func prefixIsDateline(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	f := strings.Fields(s)
	if len(f) > 7 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// bylineAgency reads the outlet after the names of a byline ("By Jane Doe
// and Sam Roe, Reuters", "Mira Kovač, Coastline Wire") into res as its
// source when it has none; it reports whether the byline named one.
func bylineAgency(s string, res *Result) bool {
	i := strings.LastIndexByte(s, ',')
	if i < 0 {
		return false
	}
	name := strings.TrimSpace(s[i+1:])
	if !outlets.Like(name) {
		return false
	}
	if res.Source == "" {
		res.Source, _ = outlets.Name(name)
		res.SourceFrom = SourceByline
	}
	return true
}

// deskLine returns the outlet a header line names as its desk or staff
// rather than a person — "Portlight News Desk", "By Reuters", "Reuters
// Staff", "AP" — or "".
func deskLine(s string) string {
	ls := strings.ToLower(s)
	for _, p := range []string{"by ", "from "} {
		if strings.HasPrefix(ls, p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.TrimSpace(s)
	for _, suffix := range []string{" staff", " staff writer", " desk", " reporters", " correspondent"} {
		if len(s) > len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
			s = s[:len(s)-len(suffix)]
			break
		}
	}
	if !outlets.Like(s) {
		return ""
	}
	name, _ := outlets.Name(strings.Trim(s, " .,;:()"))
	return name
}

// trimEntities drops character references an archive left at the end of a
// line ("Reuter&#3;": the end-of-text mark of SGML wire archives).
func trimEntities(s string) string {
	for {
		s = strings.TrimSpace(s)
		if !strings.HasSuffix(s, ";") {
			return s
		}
		i := strings.LastIndex(s, "&#")
		if i < 0 || strings.ContainsAny(s[i:], " \t") {
			return s
		}
		s = s[:i]
	}
}

// endMark reports a line that only marks the end of a text in an archive
// ("&#3;", "-0-", "(END)"): it holds no letters, or is a character
// reference alone.
func endMark(b block) bool {
	t := trimEntities(b.text)
	if t == "" {
		return true
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return strings.EqualFold(strings.Trim(t, "()-= "), "end")
		}
	}
	return b.chars <= 12
}

// tailCredits reads credit lines at the end of the body (bs[lo:hi+1]): a
// sign-off, "Source: X", a copyright line. On a page they are removed
// whatever they name; in clean copy only when they name an outlet ("Source:
// NATO." under a chart is the chart's source, and stays).
func tailCredits(bs []block, lo, hi int, res *Result, page bool) {
	seen := 0
	for i := hi; i >= lo && seen < 3; i-- {
		b := &bs[i]
		if !b.body {
			continue
		}
		if endMark(*b) {
			b.body, b.header = false, "end mark"
			continue
		}
		seen++
		if name := signOff(*b); name != "" {
			b.body, b.header = false, "sign-off"
			if res.Credit == "" {
				res.Credit = name
			}
			if res.Source == "" {
				res.Source, res.SourceFrom = name, SourceSignOff
			}
			continue
		}
		if v, ok := creditLine(*b); ok && (page || outlets.Like(v)) {
			b.body, b.header = false, "credit line"
			if res.Credit == "" {
				res.Credit, _ = outlets.Name(v)
			}
			continue
		}
		if !page && copyrightLine(*b) {
			if s := tidySource(copyrightHolder(b.text)); s != "" && outlets.Like(s) {
				b.body, b.header = false, "copyright line"
				if res.Source == "" {
					res.Source, _ = outlets.Name(s)
					res.SourceFrom = SourceCopyright
				}
				continue
			}
		}
		break
	}
}

// creditLine reads "Source: Agencies", "Credit: X", "Courtesy of X".
func creditLine(b block) (string, bool) {
	if b.chars > 80 {
		return "", false
	}
	for _, p := range []string{"source:", "sources:", "source -", "(source:", "credit:", "courtesy:", "courtesy of "} {
		if strings.HasPrefix(b.lower, p) {
			v := strings.Trim(strings.TrimSpace(b.text[len(p):]), " ()")
			if v == "" || len(strings.Fields(v)) > 6 {
				return "", false
			}
			return v, true
		}
	}
	return "", false
}

// copyrightLine reports a short line stating a copyright.
func copyrightLine(b block) bool {
	return b.chars <= 160 && (strings.HasPrefix(b.lower, "©") || strings.HasPrefix(b.lower, "copyright ") || strings.HasPrefix(b.lower, "(c) "))
}

// copyrightHolder is the text after the copyright sign or word.
func copyrightHolder(s string) string {
	if i := strings.Index(s, "©"); i >= 0 {
		return s[i+len("©"):]
	}
	if i := indexFold(s, "copyright "); i >= 0 {
		return s[i+len("copyright "):]
	}
	if i := indexFold(s, "(c) "); i >= 0 {
		return s[i+len("(c) "):]
	}
	return ""
}

// wireCredits reads the agency of wire copy from a dateline tag in the
// first paragraphs when nothing else named the source.
func wireCredits(bs []block, res *Result) {
	if res.Source != "" {
		return
	}
	seen := 0
	for i := range bs {
		if !bs[i].body {
			continue
		}
		if name := datelineAgency(bs[i].text); name != "" {
			res.Source, res.SourceFrom = name, SourceDateline
			return
		}
		if seen++; seen == 2 {
			return
		}
	}
}

// Body reads the article text of a record that is not a page dump: every
// paragraph is kept, except credit lines at its end (an agency's sign-off,
// "Source: Agencies", a copyright line naming an outlet), which give the
// credit; a dateline tag ("PARIS (Reuters) -") gives the source.
func Body(paragraphs []string) Result {
	var res Result
	bs := make([]block, 0, len(paragraphs))
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		bs = append(bs, block{text: p, lower: foldASCII(p)})
	}
	if len(bs) == 0 {
		return res
	}
	for i := range bs {
		measure(&bs[i])
		bs[i].body = true
	}
	tailCredits(bs, 0, len(bs)-1, &res, false)
	wireCredits(bs, &res)
	collect(bs, &res)
	keepWhole(bs, &res)
	return res
}
