package html

import (
	"strings"
	"unicode"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markers put into the page before extraction so that embedded posts and
// pull quotes can be told apart in the extractor's output (which drops
// classes). They are private-use characters: no page text uses them, and
// the sanitiser would drop any that survived.
const (
	markTweet     = '\uE010'
	markPullQuote = '\uE011'
)

// Labels the body gives to blocks whose kind matters to a reader: a
// paragraph is a plain string, so the kind is written at its start, in the
// conventions of plain-text mail and Markdown.
const (
	labelQuote     = "> "
	labelTweet     = "> [Embedded post] "
	labelPullQuote = "> [Pull quote] "
	labelItem      = "• "
)

// blockTags are the elements that start a new paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Caption: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Address: true,
	atom.Hr: true, atom.Form: true, atom.Fieldset: true, atom.Details: true, atom.Summary: true,
	atom.Center: true, atom.Body: true, atom.Html: true,
}

// skipTags never hold article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Head: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Option: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Picture: true, atom.Img: true,
}

// block is one paragraph of text and the element it came from.
type block struct {
	text string
	node *nethtml.Node // the innermost block element holding the text
}

// blocks turns a tree into paragraphs: every block element's own text
// (inline children joined, white space collapsed) is one paragraph; two
// <br> in a row end a paragraph; list items, block quotations, embedded
// posts and pull quotes are labelled.
func blocks(root *nethtml.Node) []block {
	w := &blockWriter{}
	w.walk(root, "")
	w.flush()
	return w.out
}

type blockWriter struct {
	out     []block
	cur     strings.Builder
	curNode *nethtml.Node
	label   string
	brRun   int
}

func (w *blockWriter) flush() {
	text := collapseSpace(w.cur.String())
	w.cur.Reset()
	w.brRun = 0
	if text == "" {
		return
	}
	label := w.label
	switch {
	case strings.ContainsRune(text, markTweet):
		label = labelTweet
	case strings.ContainsRune(text, markPullQuote):
		label = labelPullQuote
	}
	text = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == markTweet || r == markPullQuote {
			return -1
		}
		return r
	}, text))
	if text == "" || !hasWordChar(text) {
		return
	}
	w.out = append(w.out, block{text: label + text, node: w.curNode})
}

func (w *blockWriter) walk(n *nethtml.Node, label string) {
	switch n.Type {
	case nethtml.TextNode:
		if w.cur.Len() == 0 {
			w.curNode, w.label = n.Parent, label
		}
		w.cur.WriteString(n.Data)
		if strings.TrimSpace(n.Data) != "" {
			w.brRun = 0
		}
		return
	case nethtml.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, label)
		}
		return
	case nethtml.ElementNode:
	default:
		return
	}
	tag := tagOf(n)
	if skipTags[tag] {
		return
	}
	if tag == atom.Br {
		w.brRun++
		if w.brRun >= 2 {
			w.flush()
		} else {
			w.cur.WriteByte(' ')
		}
		return
	}
	if !blockTags[tag] {
		if tag == atom.Td || tag == atom.Th {
			w.cur.WriteByte(' ') // cells of a row read as one line
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, label)
		}
		return
	}
	w.flush()
	switch tag {
	case atom.Li, atom.Dd:
		if label == "" || label == labelItem {
			label = labelItem
		}
	case atom.Blockquote:
		label = labelQuote
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, label)
	}
	w.flush()
}

// tagOf is an element's tag: extractors create elements by name only,
// without the atom the parser sets.
func tagOf(n *nethtml.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != nethtml.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// collapseSpace joins runs of white space (any Unicode space, NBSP
// included) into one ASCII space and trims the ends.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// isWordRune is a character of a \w+ token as the scorers count them
// (letters, digits and other numbers, underscore).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// replaceBrs turns text separated by <br><br> into paragraphs, as
// Readability does before scoring: many pages (old CMSs, Korean and
// Japanese portals) write paragraphs that way, and the extractors would
// otherwise glue the last word of one to the first of the next. A single
// <br> left becomes a line end, which reads as a space.
func replaceBrs(doc *nethtml.Node) {
	var brs []*nethtml.Node
	walkElements(doc, func(n *nethtml.Node) bool {
		if n.DataAtom == atom.Br {
			brs = append(brs, n)
		}
		return !skipTags[n.DataAtom]
	})
	for _, br := range brs {
		if br.Parent == nil {
			continue // removed as part of an earlier chain
		}
		replaced := false
		next := nextNode(br.NextSibling)
		for next != nil && next.DataAtom == atom.Br {
			replaced = true
			sib := next.NextSibling
			next.Parent.RemoveChild(next)
			next = nextNode(sib)
		}
		parent := br.Parent
		if !replaced {
			parent.InsertBefore(&nethtml.Node{Type: nethtml.TextNode, Data: "\n"}, br)
			parent.RemoveChild(br)
			continue
		}
		p := &nethtml.Node{Type: nethtml.ElementNode, Data: "p", DataAtom: atom.P}
		parent.InsertBefore(p, br)
		parent.RemoveChild(br)
		for next := p.NextSibling; next != nil; {
			if next.DataAtom == atom.Br {
				if n2 := nextNode(next.NextSibling); n2 != nil && n2.DataAtom == atom.Br {
					break
				}
			}
			if next.Type == nethtml.ElementNode && blockTags[next.DataAtom] {
				break
			}
			sib := next.NextSibling
			parent.RemoveChild(next)
			p.AppendChild(next)
			next = sib
		}
		if parent.DataAtom == atom.P {
			parent.Data, parent.DataAtom = "div", atom.Div // a <p> cannot hold a <p>
		}
	}
}

// nextNode skips white-space text from n on.
func nextNode(n *nethtml.Node) *nethtml.Node {
	for n != nil && n.Type != nethtml.ElementNode && (n.Type != nethtml.TextNode || strings.TrimSpace(n.Data) == "") {
		n = n.NextSibling
	}
	return n
}
