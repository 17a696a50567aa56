package html

import (
	"fmt"
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"byline/model"
)

// extractBody finds the article's main text. go-trafilatura runs first
// (with its readability and dom-distiller fallbacks); if it fails or
// panics, go-readability alone; if that fails too, every paragraph of the
// page. The page is never lost to an extractor's failure: a note says
// which reading was used.
func extractBody(doc *nethtml.Node, base *url.URL, meta metadata) (body []string, removed []model.Removed, note string) {
	markEmbeds(doc)
	replaceBrs(doc)
	restore := detachNonArticle(doc)
	var content *nethtml.Node
	content, err := safely(func() (*nethtml.Node, error) {
		res, err := trafilatura.ExtractDocument(doc, trafilaturaOptions(base))
		if err != nil {
			return nil, err
		}
		return res.ContentNode, nil
	})
	if err != nil || content == nil {
		note = fmt.Sprintf("main-text extractor failed (%v); read with go-readability", err)
		content, err = safely(func() (*nethtml.Node, error) {
			art, err := readability.FromDocument(doc, base)
			return art.Node, err
		})
		if err != nil || content == nil {
			note = fmt.Sprintf("main-text extractors failed (%v); every paragraph of the page kept", err)
			content = doc
		}
	}
	restore()
	bs := blocks(content)
	body = make([]string, 0, len(bs))
	for _, b := range bs {
		body = append(body, b.text)
	}
	removed = removedBlocks(doc, body, meta)
	return body, removed, note
}

// safely runs an extractor, turning a panic into an error: third-party
// extractors meet every page on the web, and one must not stop a load.
func safely(f func() (*nethtml.Node, error)) (n *nethtml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// detached is a subtree taken out of the page for the extractors, and
// where it was.
type detached struct{ node, parent, next *nethtml.Node }

// detachNonArticle takes out of the page, while the extractors run, the
// parts that are never the article whatever their length: readers' comment
// sections and forms, photo galleries and slideshows (fifty captions of
// other stories), and video players' interface text. A long comment
// thread under a short post otherwise outweighs the post in
// go-readability's scoring, which go-trafilatura consults as a fallback.
// A part holding half the page's text or more is left alone: that is the
// page's subject (a gallery page, a comment-only page). restore puts the
// parts back, so that the removed-text listing still shows them.
func detachNonArticle(doc *nethtml.Node) (restore func()) {
	total := len(textOf(doc))
	var out []detached
	walkElements(doc, func(n *nethtml.Node) bool {
		if n.Parent == nil || nonArticle(n) == "" {
			return true
		}
		if len(textOf(n))*2 >= total {
			return true
		}
		out = append(out, detached{n, n.Parent, n.NextSibling})
		return false
	})
	for _, d := range out {
		d.parent.RemoveChild(d.node)
	}
	return func() {
		for i := len(out) - 1; i >= 0; i-- {
			d := out[i]
			d.parent.InsertBefore(d.node, d.next)
		}
	}
}

// nonArticle names what an element is when its class or id says it is
// never article text, else "". Words are matched whole or as prefixes
// ("comments", "gallery-item"), "commentary" (journalism) excepted.
func nonArticle(n *nethtml.Node) string {
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return ""
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(classAndID(n)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		switch {
		case strings.HasPrefix(w, "commentary"):
		case w == "comments" || w == "comment" || w == "commentlist" || w == "commentform" || w == "disqus" || w == "respond":
			return "comments"
		case w == "gallery" || w == "slideshow" || w == "carousel":
			return "photo gallery"
		case w == "vjs" || w == "jwplayer" || w == "videoplayer":
			return "video player"
		}
	}
	return ""
}
