package clean

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"byline/corpus/outlets"
	"byline/model"
)

// copyHeaderWindow is how many blocks at the top of clean copy may hold
// its header: masthead, headline, standfirst, byline, date line.
const copyHeaderWindow = 8

// headerLineMax is the longest a header line (a headline, a standfirst,
// a byline) can be.
const headerLineMax = 400

// cleanCopy marks clean copy: its header read into the Result's fields,
// every other block kept as body, and credit lines at its end (a sign-off,
// "Source: Agencies", a copyright line naming an outlet) read as credits.
func cleanCopy(bs []block, res *Result) {
	top := copyHeader(bs, res)
	last := len(bs) - 1
	for i := top; i <= last; i++ {
		if bs[i].header == "" {
			bs[i].body = true
		}
	}
	tailCredits(bs, top, last, res, false)
	reflow(bs, top)
}

// reflow joins the lines of hard-wrapped copy back into paragraphs, so a
// sentence (and a quotation) is not cut where a terminal wrapped it. Copy
// is hard-wrapped when its lines reach one width of 50 to 100 columns and
// break there mid-sentence; a line that reaches that width continues on the
// next line unless a blank line, an indent that starts paragraphs or a
// colon (a table's heading) says a new block begins. Short lines — table
// rows, a paragraph's last line — never continue.
func reflow(bs []block, top int) {
	var widths []int
	for i := top; i < len(bs); i++ {
		if bs[i].body && bs[i].chars >= 30 {
			widths = append(widths, bs[i].indent+bs[i].chars)
		}
	}
	if len(widths) < 2 {
		return
	}
	slices.Sort(widths)
	w := widths[len(widths)*9/10]
	if w < 50 || w > 100 {
		return
	}
	// The evidence of hard wrapping: lines that reach the width and break
	// mid-sentence, the next line going on in lower case. Copy with one
	// paragraph a line never breaks mid-sentence. Two such breaks, or one
	// where indents mark the paragraphs (a short story), suffice.
	indentStart := paragraphIndent(bs[top:])
	breaks := 0
	for i := top; i+1 < len(bs); i++ {
		a, b := &bs[i], &bs[i+1]
		if a.body && b.body && !b.gap && a.indent+a.chars >= w-12 && !endsSentence(a.text) && startsLower(b.text) {
			breaks++
		}
	}
	if breaks < 2 && (breaks < 1 || indentStart == 0) {
		return
	}
	for i := top; i < len(bs); i++ {
		if !bs[i].body || bs[i].merged {
			continue
		}
		for j := i + 1; j < len(bs); j++ {
			prev := &bs[j-1]
			next := &bs[j]
			if !next.body || next.gap || next.indent > prev.indent+1 || prev.indent+prev.chars < w-12 ||
				strings.HasSuffix(prev.text, ":") || indentStart > 0 && next.indent >= indentStart {
				break
			}
			bs[i].text += " " + next.text
			next.merged = true
		}
	}
}

// copyHeader reads the header of clean copy and returns the index of the
// first body block. The first line is the headline candidate; a stronger
// title is the line a page-title line repeats, or the headline-shaped line
// directly above a byline or date line. Lines above the headline then are
// masthead or menu, and are removed as such.
func copyHeader(bs []block, res *Result) int {
	n := min(len(bs), copyHeaderWindow)
	top := 0
	// "Headline | Site" followed by the headline itself.
	if k := titleAnchor(bs); k > 0 && k < n && allUI(bs[1:k]) {
		bs[0].header = "page title"
		for i := 1; i < k; i++ {
			bs[i].header = "before headline"
		}
		top = k
	}
	// The header ends at the first long paragraph, and its byline and date
	// lines come within the first few lines. (Only header lines are
	// counted: a paragraph's stop words are not needed in clean copy.)
	limit := top
	for limit < n && limit <= top+5 && bs[limit].chars <= headerLineMax {
		bs[limit].count()
		limit++
	}
	if limit < len(bs) && bs[limit].chars <= headerLineMax {
		bs[limit].count()
	}
	if !metaHeader(bs, top, limit, res) {
		// No byline or date line under a headline: the first line is the
		// headline when it is shaped like one and more text follows.
		if top+1 < len(bs) && (headlineShaped(bs[top]) || headlineAlone(bs, top)) {
			bs[top].header = "title"
			res.Title = bs[top].text
		}
	}
	next := top
	for i := top; i < len(bs) && i < limit; i++ {
		if bs[i].header != "" {
			next = i + 1
		}
	}
	return next
}

// metaHeader reads a header built around byline and date lines among
// bs[lo:hi]: the headline and standfirst above them, masthead lines above
// those. It changes nothing and returns false unless the lines fit.
func metaHeader(bs []block, lo, hi int, res *Result) bool {
	var meta Result
	roles := make([]string, hi-lo)
	m0, m1 := metaGroup(bs, lo, hi, roles, &meta)
	title, stand := -1, -1
	switch {
	case m0 > lo:
		// The headline (and perhaps a standfirst) just above the group;
		// whatever is above it must be masthead or menu.
		t := m0 - 1
		if t-1 >= lo && headlineShaped(bs[t-1]) && !bs[t-1].sentence && standfirstShaped(bs[t]) {
			stand, t = t, t-1
		}
		// The first line, right above the date line, is the headline
		// however it ends (position is the evidence); further down it
		// must be shaped like one.
		first := t == lo && bs[t].words <= 30 && datelineAgency(bs[t].text) == ""
		if !(headlineShaped(bs[t]) || first) || !allUI(bs[lo:t]) {
			return false
		}
		title = t
	case m0 == lo && m1+2 < len(bs) && headlineShaped(bs[m1+1]) && !endsSentence(bs[m1+1].text):
		// Date line first, then the headline.
		title = m1 + 1
	default:
		return false
	}
	for i := lo; i < title; i++ {
		if i != stand && roles[i-lo] == "" {
			bs[i].header = "before headline"
		}
	}
	for i, r := range roles {
		if r != "" {
			bs[lo+i].header = r
		}
	}
	bs[title].header = "title"
	res.Title = bs[title].text
	if stand >= 0 {
		bs[stand].header = "standfirst"
		res.Standfirst = bs[stand].text
	}
	res.Authors = meta.Authors
	res.Published, res.DatePrecision, res.DateText = meta.Published, meta.DatePrecision, meta.DateText
	if meta.Source != "" && res.Source == "" {
		res.Source, res.SourceFrom = meta.Source, meta.SourceFrom
	}
	return true
}

// metaGroup finds the first run of byline and date lines among bs[lo:hi],
// noting their roles (roles[i-lo]) and reading them into res; -1, -1 when
// there is none.
func metaGroup(bs []block, lo, hi int, roles []string, res *Result) (int, int) {
	m0, m1 := -1, -1
	for i := lo; i < hi; i++ {
		role := metaLine(bs, i, lo, res)
		if role == "" {
			if m0 >= 0 {
				break
			}
			continue
		}
		if m0 < 0 {
			m0 = i
		}
		m1 = i
		roles[i-lo] = role
	}
	if m0 < 0 {
		return -1, -1
	}
	// A bare name just above or below the date line is its byline, when
	// something headline-like is above it (a headline is never an author).
	for _, i := range []int{m0 - 1, m1 + 1} {
		if i <= lo || i >= hi || len(res.Authors) > 0 || roles[i-lo] != "" || res.DatePrecision == 0 {
			continue
		}
		if authors := parseByline(bs[i].text, false); len(authors) > 0 && titleAbove(bs, lo, i) {
			res.Authors = authors
			roles[i-lo] = "byline"
			m0, m1 = min(m0, i), max(m1, i)
		}
	}
	return m0, m1
}

// metaLine reads block i as a date line or byline into res and returns its
// role, or "".
func metaLine(bs []block, i, lo int, res *Result) string {
	b := &bs[i]
	if b.chars > 120 {
		return ""
	}
	if res.DatePrecision == 0 {
		if t, p, ok := datelineOf(b.text); ok {
			res.Published, res.DatePrecision, res.DateText = t, p, b.text
			return "dateline"
		}
		if name, date, ok := splitBylineDate(b.text); ok {
			if t, p, ok := datelineOf(date); ok {
				if authors := parseByline(name, true); len(authors) > 0 {
					res.Published, res.DatePrecision, res.DateText = t, p, date
					res.Authors = authors
					return "byline"
				}
			}
		}
	}
	// "By Ada Whitcombe · Northgate Herald · 10 March 2024".
	if role := metaParts(b.text, i > lo && titleAbove(bs, lo, i), res); role != "" {
		return role
	}
	if len(res.Authors) == 0 {
		if authors := parseByline(b.text, true); len(authors) > 0 {
			res.Authors = authors
			bylineAgency(b.text, res)
			return "byline"
		}
		// "Mira Kovač, Coastline Wire": a name and an outlet.
		if i > lo && titleAbove(bs, lo, i) {
			if authors := parseByline(b.text, false); len(authors) > 0 && bylineAgency(b.text, res) {
				res.Authors = authors
				return "byline"
			}
		}
	}
	// "Portlight News Desk", "By Reuters", "Reuters Staff": an outlet's
	// desk as the byline.
	if i > lo && b.words <= 6 && !b.sentence && titleAbove(bs, lo, i) {
		if desk := deskLine(b.text); desk != "" {
			if res.Source == "" {
				res.Source, res.SourceFrom = desk, SourceByline
			}
			return "byline"
		}
	}
	return ""
}

// metaParts reads a header line made of parts between separators, each a
// byline, an outlet's name or a date: "By Ada Whitcombe · Northgate Herald
// · 10 March 2024", "Jane Doe | 20 Nov 2019", "Harbour Daily — 4 March
// 2024 · 14:05 GMT", "Posted on June 4, 2024 by Jane Doe". The line counts
// when every part is one of those (a reading time, "5 min read", may stand
// among them) and it has a date or a "By", or (under a headline) a name
// and an outlet. It fills what res lacks — date, authors, the outlet as
// source — and returns the line's role ("byline" when it names authors,
// else "dateline"), or "" leaving res unchanged.
func metaParts(s string, underTitle bool, res *Result) string {
	if len(s) > 160 {
		return ""
	}
	parts := splitParts(s)
	if len(parts) == 0 {
		// Nothing but separators: no part to read.
		return ""
	}
	if i := strings.LastIndex(parts[len(parts)-1], " by "); i > 0 {
		// "Posted on June 4, 2024 by Wren Hollis": a date, then the byline.
		last := parts[len(parts)-1]
		parts = append(parts[:len(parts)-1], last[:i], last[i+1:])
	}
	if len(parts) < 2 || len(parts) > 5 {
		return ""
	}
	var (
		authors        []string
		source         string
		when           time.Time
		prec           model.Precision
		dateText       string
		hasBy, hasDate bool
	)
	for k, p := range parts {
		if t, pr, ok := datelineOf(p); ok && !hasDate {
			when, prec, dateText, hasDate = t, pr, p, true
			continue
		}
		if hasDate && k > 0 && dateText == parts[k-1] {
			// "10 March 2024 · 14:05 GMT": the time is the date's.
			if t, pr, ok := datelineOf(dateText + " " + p); ok {
				when, prec, dateText = t, pr, dateText+" "+p
				continue
			}
		}
		if a := parseByline(p, true); len(a) > 0 && authors == nil {
			authors, hasBy = a, true
			continue
		}
		if source == "" && outlets.Like(p) {
			source, _ = outlets.Name(p)
			continue
		}
		if a := parseByline(p, false); len(a) > 0 && authors == nil {
			authors = a
			continue
		}
		if readingTime(p) {
			continue // "5 min read": said of the article, naming nothing
		}
		return ""
	}
	if !hasDate && !hasBy && !(underTitle && authors != nil && source != "") {
		return ""
	}
	role := "dateline"
	if authors != nil && len(res.Authors) == 0 {
		res.Authors, role = authors, "byline"
	}
	if hasDate && res.DatePrecision == 0 {
		res.Published, res.DatePrecision, res.DateText = when, prec, dateText
	}
	if source != "" && res.Source == "" {
		res.Source, res.SourceFrom = source, SourceByline
	}
	return role
}

// readingTime reports a reading-time part of a header line: "5 min read",
// "12-minute read".
func readingTime(s string) bool {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " ")))
	if len(f) != 3 || f[2] != "read" || strings.Trim(f[0], "0123456789") != "" {
		return false
	}
	switch f[1] {
	case "min", "mins", "minute", "minutes":
		return true
	}
	return false
}

// splitParts splits a header line at the separators bylines and date lines
// set between their parts (" · ", " | ", " • ", " — ", " – ", " - ", " / ").
func splitParts(s string) []string {
	for _, sep := range []string{" • ", " | ", " — ", " – ", " - ", " / "} {
		s = strings.ReplaceAll(s, sep, " · ")
	}
	var parts []string
	for _, p := range strings.Split(s, " · ") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// titleAbove reports whether a headline-shaped block lies above block i in
// the header (from lo).
func titleAbove(bs []block, lo, i int) bool {
	for j := i - 1; j >= lo; j-- {
		if headlineShaped(bs[j]) {
			return true
		}
	}
	return false
}

// allUI reports whether every block is short and no sentence — a
// masthead, a menu, a section name — so a headline below them can be the
// article's first line.
func allUI(bs []block) bool {
	for _, b := range bs {
		if b.sentence && b.words >= 6 || b.chars > 120 {
			return false
		}
	}
	return true
}

// headlineShaped reports whether a block can be a headline: at most 30
// words; when it ends like a sentence, short, title-cased or sparse in
// stop words (headlines drop articles and auxiliaries; leads do not).
func headlineShaped(b block) bool {
	if b.heading {
		return true // Markdown's own mark of a headline
	}
	if b.words == 0 || b.words > 30 || b.chars > 250 || b.list || datelineAgency(b.text) != "" {
		return false // (an agency's dateline opens a lead, never a headline)
	}
	t := strings.TrimRight(b.text, " \"'”’)]»")
	if strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") || !endsSentence(b.text) {
		return true
	}
	return b.words <= 10 || b.density < 0.3 || titleCased(b.text)
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// paragraphIndent returns the indent that starts a paragraph in copy that
// marks paragraphs by indenting their first line ("    PARIS, March 9 -" over
// continuation lines indented less), or 0: both the deeper and a shallower
// indent must each begin at least a fifth of the lines.
func paragraphIndent(bs []block) int {
	counts := map[int]int{}
	n := 0
	for _, b := range bs {
		if b.body {
			counts[b.indent]++
			n++
		}
	}
	deep, shallow := 0, false
	for indent, c := range counts {
		if c*5 < n {
			continue
		}
		if indent >= 2 && indent > deep {
			deep = indent
		}
	}
	for indent, c := range counts {
		if c*5 >= n && indent < deep {
			shallow = true
		}
	}
	if !shallow {
		return 0
	}
	return deep
}

// headlineAlone reports whether the first line stands alone above the text
// as a headline does: short (at most 22 words), set off by a blank line,
// no agency dateline opening it — even when it ends with a full stop ("Poll:
// Clinton and Trump in dead heat heading into first debate."). A lead
// sentence is longer, and in one-paragraph-a-line copy no blank line sets it
// off.
func headlineAlone(bs []block, i int) bool {
	b := bs[i]
	return b.words > 0 && b.words <= 22 && b.chars <= 200 && !b.list && i+1 < len(bs) && bs[i+1].gap &&
		datelineAgency(b.text) == ""
}

// standfirstShaped reports whether a block can be a standfirst: a sentence
// or two, not a paragraph.
func standfirstShaped(b block) bool {
	return b.words >= 4 && b.words <= 60 && b.chars <= 400 && !b.list
}

// titleCased reports whether most words of s that are not stop words start
// with a capital letter ("Stealth Over Health: Clinton Was Headed to ER").
func titleCased(s string) bool {
	caps, all := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "\"'“”‘’()[]:;,.!?")
		if w == "" || isStop(strings.ToLower(w)) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		all++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return all >= 3 && float64(caps) >= 0.8*float64(all)
}
