package html

import (
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseFlat reads a page the HTML parser refuses (it stops at 512 open
// elements, which generated or hostile pages exceed) as a flat page: its
// head's meta, title and JSON-LD kept, and its text as paragraphs split
// where block elements were. The structure is lost, never the text.
func parseFlat(text string) (*nethtml.Node, error) {
	z := nethtml.NewTokenizer(strings.NewReader(text))
	var head, body, para strings.Builder
	skip := atom.Atom(0) // inside script or style
	inTitle, inJSON := false, false
	end := func() {
		if t := collapseSpace(para.String()); t != "" {
			body.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
		}
		para.Reset()
	}
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			switch tok.DataAtom {
			case atom.Meta, atom.Link:
				head.WriteString(tok.String())
			case atom.Title:
				inTitle = true
				head.WriteString("<title>")
			case atom.Script:
				skip = atom.Script
				for _, a := range tok.Attr {
					if a.Key == "type" && strings.Contains(strings.ToLower(a.Val), "ld+json") {
						inJSON = true
						head.WriteString(`<script type="application/ld+json">`)
					}
				}
			case atom.Style:
				skip = atom.Style
			case atom.Br:
				para.WriteByte(' ')
			default:
				if blockTags[tok.DataAtom] {
					end()
				}
			}
		case nethtml.EndTagToken:
			switch {
			case tok.DataAtom == atom.Title && inTitle:
				inTitle = false
				head.WriteString("</title>")
			case tok.DataAtom == skip:
				if inJSON {
					head.WriteString("</script>")
				}
				skip, inJSON = 0, false
			case blockTags[tok.DataAtom]:
				end()
			}
		case nethtml.TextToken:
			switch {
			case inJSON:
				head.WriteString(tok.Data) // raw: script text is not escaped
			case skip != 0:
			case inTitle:
				head.WriteString(html.EscapeString(tok.Data))
			default:
				para.WriteString(tok.Data)
			}
		}
	}
	end()
	return nethtml.Parse(strings.NewReader("<html><head>" + head.String() + "</head><body>" + body.String() + "</body></html>"))
}
