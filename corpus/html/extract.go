package html

import (
	"fmt"
	"net/url"

	readability "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	nethtml "golang.org/x/net/html"

	"byline/model"
)

// extractBody finds the article's main text. go-trafilatura runs first
// (with its readability and dom-distiller fallbacks); if it fails or
// panics, go-readability alone; if that fails too, every paragraph of the
// page. The page is never lost to an extractor's failure: a note says
// which reading was used.
func extractBody(doc *nethtml.Node, base *url.URL, meta metadata) (body []string, removed []model.Removed, note string) {
	markEmbeds(doc)
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
