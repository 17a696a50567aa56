package clean

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"byline/sanitize"
)

// Markdown articles. Markdown without front matter (or with front matter
// that leaves fields out) carries its header in the text, as clean copy
// does: a heading, then a byline and date line, a standfirst set in
// italics —
//
//	# Letters from the quay
//	**By Ada Whitcombe** · Northgate Herald · 10 March 2024
//	*For seven nights our reporter stood with the strikers.*
//
// The header is read by clean copy's machinery (metaGroup, metaLine) on
// the paragraphs' text with Markdown's inline markup seen through
// (emphasis, links, code), and the lines read leave the body as header
// fields. Emphasis is evidence of its own: a paragraph set wholly in
// italics or bold right under the headline is its standfirst.

// MarkdownBlock is one block of a Markdown text as the loader splits it
// (a paragraph, a list, a quote, a heading).
type MarkdownBlock struct {
	Text    string // the block's Markdown; a heading's without its # marks
	Heading int    // 1–6 for a heading, 0 otherwise
}

// markdownParser reads the inline Markdown of header lines. It is built
// once and never changed; goldmark's parser is safe for concurrent use.
var markdownParser = goldmark.DefaultParser()

// MarkdownText is the text of a Markdown snippet as a reader sees it:
// emphasis marks dropped, links and images reduced to their text, code
// spans to their content, soft line breaks to spaces.
func MarkdownText(s string) string {
	plain, _ := markdownInline(s)
	return plain
}

// markdownInline returns the text of a Markdown paragraph (see
// MarkdownText) and whether the paragraph is set wholly in italics or bold
// ("*For seven nights…*", "**By Ada Whitcombe**").
func markdownInline(s string) (plain string, emphasised bool) {
	if !strings.ContainsAny(s, "*_[]`<\\!&") {
		return s, false // nothing Markdown would read as markup
	}
	src := []byte(s)
	doc := markdownParser.Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindHeading || n.Kind() == ast.KindListItem {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			// Backslash escapes and character references, as a
			// renderer resolves them.
			b.Write(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Value(src)))))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			// Backslashes in code are the code's own.
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// A character reference can name a control character (&#27;): what
	// it resolves to is made safe as loaded text is.
	plain = strings.Join(strings.Fields(sanitize.Line(b.String())), " ")
	if plain == "" {
		return strings.TrimSpace(s), false
	}
	return plain, wholeEmphasis(doc)
}

// visibleLen is about how many characters a Markdown line shows: its
// length without the addresses of its links ("[text](address)").
func visibleLen(s string) int {
	n := utf8.RuneCountInString(s)
	for rest := s; ; {
		i := strings.Index(rest, "](")
		if i < 0 {
			return n
		}
		rest = rest[i+2:]
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			return n
		}
		n -= utf8.RuneCountInString(rest[:j]) + 3
		rest = rest[j+1:]
	}
}

// wrapped reports whether a Markdown line may be set wholly in italics or
// bold: it starts and ends with an emphasis mark.
func wrapped(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 2 && (s[0] == '*' || s[0] == '_') && (s[len(s)-1] == '*' || s[len(s)-1] == '_')
}

// wholeEmphasis reports whether a parsed snippet is one paragraph whose
// only content is one emphasis (italic or bold).
func wholeEmphasis(doc ast.Node) bool {
	p := doc.FirstChild()
	if p == nil || p.NextSibling() != nil || p.Kind() != ast.KindParagraph {
		return false
	}
	n := 0
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindEmphasis {
			return false
		}
		n++
	}
	return n == 1
}

// Markdown reads a Markdown article's blocks when they show no page
// furniture: its header — the title (a heading that opens the text; title,
// the front matter's, when given, stands above the text), a byline and
// date line, a standfirst — into the Result's fields, every other block
// kept as written, and credit lines at its end into the credit (as Body
// does).
// A heading that opens the text and differs from the front matter's title
// stays in the body. When nothing gives a title, Title is derived from the
// lead's text (TitleDerived).
func Markdown(blocks []MarkdownBlock, title string) Result {
	var res Result
	bs := make([]block, 0, len(blocks)+1)
	if title != "" && (len(blocks) == 0 || blocks[0].Heading == 0) {
		// The front matter's title stands where a heading would: the
		// header lines under it are the text's first.
		bs = append(bs, block{text: title, lower: foldASCII(title), heading: true, header: "title", synthetic: true})
	}
	for _, mb := range blocks {
		if strings.TrimSpace(mb.Text) == "" {
			continue
		}
		b := block{text: mb.Text, raw: mb.Text, heading: mb.Heading > 0}
		bs = append(bs, b)
	}
	if len(bs) == 0 {
		return res
	}
	// Only lines that can be a header line (short ones at the top, up to
	// the first paragraph; one set wholly in italics or bold, a standfirst)
	// or a credit line at the end are read through their markup before the
	// header is read; the rest are measured as written, only their shape
	// counting (goldmark's reading costs about 10 µs a line).
	header := true
	for i := range bs {
		b := &bs[i]
		if b.synthetic {
			continue
		}
		n := visibleLen(b.raw)
		header = header && i <= copyHeaderWindow && n <= headerLineMax
		if header && (n <= 200 || b.heading || wrapped(b.raw)) || i >= len(bs)-4 && n <= 200 {
			b.text, b.emph = markdownInline(b.raw)
			b.read = true
		}
		b.lower = foldASCII(b.text)
		measure(b)
	}
	top := markdownHeader(bs, title, &res)
	last := len(bs) - 1
	for i := range bs {
		// Every line that is not the header's is body: a heading that
		// opens the text but is not the title among them.
		if bs[i].header == "" {
			bs[i].body = true
		}
	}
	// Fields taken from a line read by its shape are read through its
	// markup now.
	for i := range bs {
		switch b := &bs[i]; {
		case b.read || b.synthetic:
		case b.header == "title":
			res.Title = MarkdownText(b.raw)
		case b.header == "standfirst":
			res.Standfirst = MarkdownText(b.raw)
		}
	}
	tailCredits(bs, top, last, &res, false)
	wireCredits(bs, &res)
	collect(bs, &res)
	keepWhole(bs, &res)
	if res.Title == "" {
		for _, b := range bs {
			if b.body && !b.merged {
				res.Title = DeriveTitle(MarkdownText(b.raw))
				res.TitleDerived = res.Title != ""
				break
			}
		}
	}
	return res
}

// headerRun is how many lines under a heading can hold its header: a
// standfirst, then byline and date lines.
const headerRun = 6

// markdownHeader reads the header of a Markdown article's blocks and
// returns the index of the first body block.
func markdownHeader(bs []block, title string, res *Result) int {
	n := min(len(bs), copyHeaderWindow)
	limit := 0
	for limit < n && bs[limit].chars <= headerLineMax {
		limit++
	}
	if len(bs) < 2 {
		return 0
	}
	// Stop words are counted only in the lines the header can hold: under
	// a heading, the few that follow it (counting a paragraph costs more
	// than reading the header).
	countTo := func(hi int) {
		for i := range min(hi, limit) {
			bs[i].count()
		}
	}
	headed := bs[0].heading // a heading (or the front matter's title) opens it
	if !headed {
		countTo(limit)
	}
	if headed {
		if bs[0].synthetic || title == "" || sameWords(bs[0].text, title) {
			bs[0].header = "title"
			res.Title = bs[0].text
		}
	} else if metaHeader(bs, 0, limit, res) {
		// The headline above a byline or date line, as in clean copy.
		headed = true
	} else if bs[0].emph && headlineShaped(bs[0]) && !bs[0].list {
		// A first line set wholly in bold or italics, a headline's shape:
		// the markup's own headline.
		bs[0].header = "title"
		res.Title = bs[0].text
		headed = true
	}
	if !headed {
		return 0
	}
	t := 0
	for i := 0; i < limit; i++ {
		if bs[i].header == "title" || i == 0 && bs[i].heading {
			t = i
			break
		}
	}
	next := t + 1
	for i := t + 1; i < limit; i++ {
		if bs[i].header != "" {
			next = i + 1
		}
	}
	if next == t+1 && bs[t].synthetic && t+1 < limit && sameWords(bs[t+1].text, bs[t].text) {
		// The front matter's title repeated as the text's first line.
		bs[t+1].header = "title"
		t, next = t+1, t+2
	}
	if next == t+1 && t+1 < limit {
		// Under a heading: the byline and date lines that follow it, right
		// away or after a standfirst.
		hi := min(limit, t+headerRun)
		countTo(hi)
		var meta Result
		roles := make([]string, hi-t)
		m0, m1 := metaGroup(bs, t, hi, roles, &meta)
		stand := -1
		switch {
		case m0 == t+1:
		case m0 == t+2 && standfirstShaped(bs[t+1]):
			// A standfirst, plain or set as a subheading ("## Three weeks
			// late, the tram is back"), between the headline and its byline.
			stand = t + 1
		default:
			m0 = -1
		}
		if m0 > 0 {
			for i := m0; i <= m1; i++ {
				bs[i].header = roles[i-t]
			}
			res.Authors = meta.Authors
			res.Published, res.DatePrecision, res.DateText = meta.Published, meta.DatePrecision, meta.DateText
			if meta.Source != "" && res.Source == "" {
				res.Source, res.SourceFrom = meta.Source, meta.SourceFrom
			}
			if stand >= 0 {
				bs[stand].header = "standfirst"
				res.Standfirst = bs[stand].text
			}
			next = m1 + 1
		}
	}
	// A standfirst set in italics or bold right under the headline or
	// its byline and date lines, with text after it.
	if next < len(bs) {
		bs[next].count()
	}
	if res.Standfirst == "" && next+1 < len(bs) && bs[next].emph && !bs[next].heading && standfirstShaped(bs[next]) {
		bs[next].header = "standfirst"
		res.Standfirst = bs[next].text
		next++
	}
	return next
}

// sameWords reports whether two titles have the same words, ignoring case
// and punctuation.
func sameWords(a, b string) bool {
	fa, fb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if strings.Trim(fa[i], "\"'“”‘’.,:;!?*_") != strings.Trim(fb[i], "\"'“”‘’.,:;!?*_") {
			return false
		}
	}
	return true
}
