package tui

import (
	"sort"
	"strings"
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

// articleMarkdown turns the cleaned body into Markdown: every paragraph is
// escaped so nothing in it is read as markup, and quotations are set in
// strong emphasis between markers. It returns the quote indexes in the
// order their markers appear.
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
	var b strings.Builder
	var order []int
	si := 0
	for p, para := range a.Body {
		if p > 0 {
			b.WriteString("\n\n")
		}
		pos := 0
		var pb strings.Builder
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
			pb.WriteString(escapeMarkdown(para[pos : s.start+lead]))
			// Markers inside the delimiters: "**" is then always flanked
			// by a non-space, non-punctuation rune and always emphasises.
			pb.WriteString("**")
			if s.q >= 0 {
				order = append(order, s.q)
				pb.WriteRune(markOpen)
			}
			pb.WriteString(escapeMarkdown(inner))
			pb.WriteRune(markClose)
			pb.WriteString("**")
			pos = s.start + lead + len(inner)
		}
		pb.WriteString(escapeMarkdown(para[pos:]))
		b.WriteString(pb.String())
	}
	return b.String(), order
}

// escapeMarkdown makes plain text literal in CommonMark: markup characters
// are backslash-escaped or written as character references, white space runs are collapsed (no code blocks, no hard
// breaks) and the marker runes are dropped.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	space := false
	for _, r := range s {
		switch {
		case r == markOpen || r == markClose || (r >= 0xE000 && r <= 0xF8FF):
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f:
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
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
		case r < 0x80 && strings.ContainsRune("\\`*_{}[]()#+-.!|<>", r):
			// goldmark honours backslash escapes for these.
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 0x80 && r <= 0x9f:
			continue
		default:
			b.WriteRune(r)
		}
		space = false
	}
	return b.String()
}

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
