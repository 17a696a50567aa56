package html

import (
	"strings"

	nethtml "golang.org/x/net/html"
)

// embedClasses name embedded social posts (their blockquote fallbacks
// carry the post's text) and pullQuoteClasses pull quotes.
var (
	embedClasses     = []string{"twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "mastodon-embed", "fb-post", "threads-post", "reddit-embed"}
	pullQuoteClasses = []string{"pullquote", "pull-quote", "pull_quote", "pquote"}
)

// markEmbeds puts a marker at the start of every embedded post and pull
// quote, so that the body can label them whatever the extractor keeps of
// their markup (it drops classes). Their text is often a quotation: it is
// kept, marked, and quotations are found in it like anywhere in the body.
func markEmbeds(doc *nethtml.Node) {
	walkElements(doc, func(n *nethtml.Node) bool {
		cls := strings.ToLower(attr(n, "class"))
		if cls == "" {
			return true
		}
		mark := rune(0)
		for _, c := range embedClasses {
			if strings.Contains(cls, c) {
				mark = markTweet
			}
		}
		for _, c := range pullQuoteClasses {
			if strings.Contains(cls, c) {
				mark = markPullQuote
			}
		}
		if mark == 0 {
			return true
		}
		// Into the first text, so that the mark travels with the
		// paragraph that holds it.
		done := false
		var first func(*nethtml.Node)
		first = func(c *nethtml.Node) {
			for ; c != nil && !done; c = c.NextSibling {
				if c.Type == nethtml.TextNode && strings.TrimSpace(c.Data) != "" {
					c.Data = string(mark) + c.Data
					done = true
					return
				}
				first(c.FirstChild)
			}
		}
		first(n.FirstChild)
		return false
	})
}
