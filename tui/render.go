package tui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/model"
)

// Quotation markers: private-use runes put around each quotation in the
// Markdown so the rendered lines of every quotation can be found after
// glamour has wrapped the text. They are removed before display; corpus
// text never contains them (they are stripped when the Markdown is built).
const (
	markOpen  = '\uE000'
	markClose = '\uE001'
)

// rendered is an article body rendered by glamour for one width and style.
type rendered struct {
	lines []string
	// folded[i] is lines[i] without styling, case- and accent-folded
	// (model.Fold): what find in the article searches.
	folded []string
	// quoteLine[i] is the first and last rendered line of the i-th
	// quotation of the article (index into Article.Quotes), -1 if not in
	// the body (a headline quote, or one that could not be placed).
	quoteFirst, quoteLast []int
	err                   error
}

type renderKey struct {
	id    string
	width int
	style string
}

// renderMsg carries a finished render back to Update.
type renderMsg struct {
	key renderKey
	r   *rendered
}

// renderArticle builds safe Markdown from the article's plain-text body,
// renders it with glamour and locates the quotations. Runs in a tea.Cmd.
func renderArticle(a *model.Article, width int, st Styles) *rendered {
	md, order := articleMarkdown(a)
	out := &rendered{quoteFirst: make([]int, len(a.Quotes)), quoteLast: make([]int, len(a.Quotes))}
	for i := range out.quoteFirst {
		out.quoteFirst[i], out.quoteLast[i] = -1, -1
	}
	if width < 4 {
		width = 4
	}
	r, err := glamour.NewTermRenderer(glamour.WithStyles(st.Glamour), glamour.WithWordWrap(width))
	var text string
	if err == nil {
		text, err = r.Render(md)
	}
	if err != nil {
		// Fall back to plain wrapped paragraphs.
		text = ansi.Wrap(strings.NewReplacer(string(markOpen), "", string(markClose), "").Replace(md), width, "")
		out.err = err
	}
	text = strings.TrimRight(text, "\n")
	lines := strings.Split(text, "\n")
	k := -1 // marker count seen
	open := false
	for li, l := range lines {
		if !strings.ContainsRune(l, markOpen) && !strings.ContainsRune(l, markClose) {
			if open && k >= 0 && k < len(order) {
				out.quoteLast[order[k]] = li
			}
			continue
		}
		for _, r := range l {
			switch r {
			case markOpen:
				k++
				open = true
				if k < len(order) {
					out.quoteFirst[order[k]] = li
					out.quoteLast[order[k]] = li
				}
			case markClose:
				open = false
				if k >= 0 && k < len(order) {
					out.quoteLast[order[k]] = li
				}
			}
		}
		if open && k >= 0 && k < len(order) {
			out.quoteLast[order[k]] = li
		}
		lines[li] = strings.NewReplacer(string(markOpen), "", string(markClose), "").Replace(l)
	}
	out.lines = lines
	out.folded = make([]string, len(lines))
	for i, l := range lines {
		out.folded[i] = model.Fold(ansi.Strip(l))
	}
	return out
}

// articleMarkdown turns the cleaned body into Markdown for glamour, and
// sets quotations in strong emphasis between markers. A plain-text body
// is escaped so nothing in it is read as markup; a Markdown body keeps its
// Markdown — emphasis, lists, quotes, rules, code — made safe (links show
// their text, never a terminal hyperlink; no HTML). It returns the quote
// indexes in the order their markers appear.
func articleMarkdown(a *model.Article) (string, []int) {
	type span struct{ q, p, start, end int }
	var spans []span
	for i, q := range a.Quotes {
		para, start, end := int(q.Paragraph), int(q.Start), int(q.End)
		if !q.IsQuotation() || para < 0 || para >= len(a.Body) {
			continue
		}
		endP := int(q.EndParagraph)
		if endP < para || endP >= len(a.Body) {
			endP = para
		}
		if endP != para {
			// One span per paragraph of a multi-paragraph quotation; only
			// the first carries the marker.
			spans = append(spans, span{i, para, start, len(a.Body[para])})
			for p := para + 1; p < endP; p++ {
				spans = append(spans, span{-1 - i, p, 0, len(a.Body[p])})
			}
			spans = append(spans, span{-1 - i, endP, 0, end})
			continue
		}
		spans = append(spans, span{i, para, start, end})
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].p != spans[j].p {
			return spans[i].p < spans[j].p
		}
		return spans[i].start < spans[j].start
	})
	markdown := a.Format == model.FormatMarkdown
	var b strings.Builder
	var order []int
	si := 0
	for p, para := range a.Body {
		if p > 0 {
			b.WriteString("\n\n")
		}
		// Where the quotations open and close in the paragraph.
		var ins []insertion
		pos := 0
		for ; si < len(spans) && spans[si].p == p; si++ {
			s := spans[si]
			if s.start < pos || s.end > len(para) || s.start >= s.end ||
				!utf8.ValidString(para[s.start:s.end]) {
				continue // overlapping or out of range: leave unhighlighted
			}
			inner := strings.TrimSpace(para[s.start:s.end])
			if inner == "" {
				continue
			}
			lead := len(para[s.start:s.end]) - len(strings.TrimLeft(para[s.start:s.end], " \t"))
			// Markers inside the delimiters: "**" is then always flanked
			// by a non-space, non-punctuation rune and always emphasises.
			open := "**"
			if s.q >= 0 {
				order = append(order, s.q)
				open += string(markOpen)
			}
			pos = s.start + lead + len(inner)
			ins = append(ins, insertion{s.start + lead, open}, insertion{pos, string(markClose) + "**"})
		}
		if markdown {
			writeMarkdown(&b, para, ins)
		} else {
			writePlain(&b, para, ins)
		}
	}
	return b.String(), order
}

// insertion is text put into a paragraph at a byte offset.
type insertion struct {
	at   int
	text string
}

// writePlain writes plain text as literal Markdown with the insertions.
func writePlain(b *strings.Builder, para string, ins []insertion) {
	pos := 0
	for _, in := range ins {
		b.WriteString(escapeMarkdown(para[pos:in.at]))
		b.WriteString(in.text)
		pos = in.at
	}
	b.WriteString(escapeMarkdown(para[pos:]))
}

// escapeMarkdown makes plain text literal in CommonMark: markup characters
// are backslash-escaped or written as character references, white space
// runs are collapsed (no code blocks, no hard breaks) and the marker runes
// are dropped.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	space := false
	for _, r := range s {
		space = escapeRune(&b, r, space, "\\`*_{}[]()#+-.!|<>")
	}
	return b.String()
}

// escapeRune writes r made literal (markup characters in special are
// backslash-escaped; &, : and ~ become character references, so no
// reference decodes to a control and no URL becomes a link) and reports
// whether it wrote a space, collapsing runs of white space.
func escapeRune(b *strings.Builder, r rune, space bool, special string) bool {
	switch {
	case r == markOpen || r == markClose || (r >= 0xE000 && r <= 0xF8FF):
		return space
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f:
		if !space {
			b.WriteByte(' ')
		}
		return true
	case r == '&':
		// A character reference (&#27;) would decode to any
		// character, ESC included.
		b.WriteString("&amp;")
	case r == ':':
		// Breaks autolinks (http://…), which glamour would turn
		// into OSC 8 hyperlinks.
		b.WriteString("&#58;")
	case r == '~':
		b.WriteString("&#126;") // GFM strikethrough
	case r < 0x80 && strings.ContainsRune(special, r):
		// goldmark honours backslash escapes for these.
		b.WriteByte('\\')
		b.WriteRune(r)
	case r >= 0x80 && r <= 0x9f:
		return space
	default:
		b.WriteRune(r)
	}
	return false
}

// writeMarkdown writes one paragraph of a Markdown body, keeping its
// Markdown but made safe: a thematic break, list and quote markers at the
// start of its lines, emphasis, code spans, and links reduced to their
// text; everything else literal (no HTML, no autolinks, no entities, no
// indented code).
func writeMarkdown(b *strings.Builder, para string, ins []insertion) {
	if isThematicBreak(para) {
		b.WriteString("---")
		return
	}
	off := 0
	for li, line := range strings.Split(para, "\n") {
		if li > 0 {
			b.WriteByte('\n')
		}
		end := off + len(line)
		start := off + len(line) - len(strings.TrimLeft(line, " \t"))
		n := blockMarker(para[start:end])
		b.WriteString(para[start : start+n])
		mdInline(b, para, start+n, end, &ins)
		off = end + 1
	}
	for _, in := range ins {
		b.WriteString(in.text)
	}
}

// isThematicBreak: a line of three or more -, * or _ (spaces allowed).
func isThematicBreak(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 || !strings.ContainsRune("-*_", rune(s[0])) {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// blockMarker is the length of the list, quote or heading marker at the
// start of a line ("- ", "1. ", "> ", "## "), 0 for none.
func blockMarker(line string) int {
	n := 0
	for strings.HasPrefix(line[n:], "> ") {
		n += 2
	}
	rest := line[n:]
	switch {
	case len(rest) >= 2 && strings.ContainsRune("-*+", rune(rest[0])) && rest[1] == ' ':
		return n + 2
	case strings.HasPrefix(rest, "#"):
		k := len(rest) - len(strings.TrimLeft(rest, "#"))
		if k <= 6 && len(rest) > k && rest[k] == ' ' {
			return n + k + 1
		}
	}
	d := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if d > 0 && d <= 9 && len(rest) > d+1 && (rest[d] == '.' || rest[d] == ')') && rest[d+1] == ' ' {
		return n + d + 2
	}
	return n
}

// mdInline writes s[from:to] of a Markdown paragraph, with the insertions
// that fall in it, keeping emphasis and code spans and turning links and
// images into their text.
func mdInline(b *strings.Builder, s string, from, to int, ins *[]insertion) {
	flush := func(upto int) {
		for len(*ins) > 0 && (*ins)[0].at <= upto {
			b.WriteString((*ins)[0].text)
			*ins = (*ins)[1:]
		}
	}
	space := false
	for i := from; i < to; {
		flush(i)
		c := s[i]
		switch {
		case c == '\\' && i+1 < to && s[i+1] < 0x80 && unicode.IsPunct(rune(s[i+1])):
			space = escapeRune(b, rune(s[i+1]), false, "\\`*_{}[]()#+-.!|<>")
			i += 2
			continue
		case c == '*' || c == '_':
			b.WriteByte(c)
			i++
			space = false
			continue
		case c == '`':
			n := len(s[i:to]) - len(strings.TrimLeft(s[i:to], "`"))
			if j := strings.Index(s[i+n:to], s[i:i+n]); j >= 0 && !strings.Contains(s[i+n:i+n+j], "\n") {
				b.WriteString(s[i : i+n])
				for _, r := range s[i+n : i+n+j] {
					if r < 0xE000 || r > 0xF8FF {
						b.WriteRune(r)
					}
				}
				b.WriteString(s[i : i+n])
				i += 2*n + j
				space = false
				continue
			}
		case c == '[' || c == '!' && i+1 < to && s[i+1] == '[':
			open := i
			if c == '!' {
				open++
			}
			if close, next, ok := linkAt(s, open, to); ok {
				mdInline(b, s, open+1, close, ins)
				flush(next - 1)
				i = next
				space = false
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		space = escapeRune(b, r, space, "\\`{}[]()#+-.!|<>")
		i += size
	}
	flush(to)
}

// linkAt finds a link (or an image's) text at s[open] == '[': its closing
// ']' and where the link ends — after "(url)", "[ref]" or nothing.
func linkAt(s string, open, to int) (close, next int, ok bool) {
	depth := 0
	for k := open; k < to; k++ {
		switch s[k] {
		case '\\':
			k++
		case '\n':
			return 0, 0, false
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			close = k
			switch {
			case close+1 < to && s[close+1] == '(':
				if e := strings.IndexByte(s[close+1:to], ')'); e > 0 {
					return close, close + 1 + e + 1, true
				}
			case close+1 < to && s[close+1] == '[':
				if e := strings.IndexByte(s[close+1:to], ']'); e > 0 {
					return close, close + 1 + e + 1, true
				}
			}
			return close, close + 1, close > open+1
		}
	}
	return 0, 0, false
}

// markdownText is a Markdown snippet as plain text: links and images
// reduced to their text, emphasis marks dropped. Removed blocks of a
// Markdown article are shown this way, as text, never as syntax.
func markdownText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] < 0x80 && unicode.IsPunct(rune(s[i+1])):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '[' || c == '!' && i+1 < len(s) && s[i+1] == '[':
			open := i
			if c == '!' {
				open++
			}
			if close, next, ok := linkAt(s, open, len(s)); ok {
				b.WriteString(markdownText(s[open+1 : close]))
				i = next
				continue
			}
		case c == '*' || c == '_':
			// An emphasis mark: a run that opens or closes emphasis
			// (CommonMark's flanking rules); not one inside a word.
			n := len(s[i:]) - len(strings.TrimLeft(s[i:], string(c)))
			prev, next := byte(' '), byte(' ')
			if i > 0 {
				prev = s[i-1]
			}
			if i+n < len(s) {
				next = s[i+n]
			}
			left := !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev))
			right := !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next))
			inWord := !isSpace(prev) && !isPunct(prev) && !isSpace(next) && !isPunct(next)
			if (left || right) && !inWord {
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isPunct(c byte) bool { return c < 0x80 && (unicode.IsPunct(rune(c)) || unicode.IsSymbol(rune(c))) }

// findLines finds term (folded) in an article's folded lines, also where
// the wrapping split it over two or more lines ("Port" | "Alder"). It
// returns the lines where matches start, in order, and which lines any
// match covers. Paragraphs (blank lines between) are never joined.
func findLines(folded []string, term string) (starts []int, covered []bool) {
	term = strings.TrimSpace(term)
	covered = make([]bool, len(folded))
	if term == "" {
		return nil, covered
	}
	var b strings.Builder
	lineStart := make([]int, len(folded)+1)
	for i, l := range folded {
		lineStart[i] = b.Len()
		if t := strings.TrimSpace(l); t == "" {
			b.WriteByte('\n')
		} else {
			b.WriteString(t)
			b.WriteByte(' ')
		}
	}
	lineStart[len(folded)] = b.Len()
	text := b.String()
	line := func(off int) int { // the line holding byte off
		return sort.Search(len(folded), func(i int) bool { return lineStart[i+1] > off })
	}
	for from := 0; from < len(text); {
		j := strings.Index(text[from:], term)
		if j < 0 {
			break
		}
		first, last := line(from+j), line(from+j+len(term)-1)
		if len(starts) == 0 || starts[len(starts)-1] != first {
			starts = append(starts, first)
		}
		for k := first; k <= last && k < len(covered); k++ {
			covered[k] = true
		}
		from += j + len(term)
	}
	return starts, covered
}
