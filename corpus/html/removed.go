package html

import (
	"fmt"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"byline/model"
)

// Removed text is kept for the reader to audit (`r` in the browser,
// `removed` in show --json), but bounded: a page's menus and link lists can
// be far longer than its story, and every article of a corpus stays in
// memory.
const (
	maxRemovedBytes = 16 << 10
	joinBelow       = 80 // removed blocks shorter than this are joined with their neighbours of the same reason
)

// removedBlocks lists the page's text that is not in the body, each block
// with the reason its surroundings give (navigation, comments, a share
// bar...), or "outside the main text" when the extractor judged it so on
// its own evidence.
func removedBlocks(doc *nethtml.Node, body []string, meta metadata) []model.Removed {
	bodyKey := " " + wordKey(strings.Join(body, " ")) + " "
	r := reasoner{memo: map[*nethtml.Node]string{}, titleKey: wordKey(meta.title)}
	var out []model.Removed
	size, dropped, droppedBytes := 0, 0, 0
	for _, b := range blocks(doc) {
		key := wordKey(b.text)
		if key == "" || strings.Contains(bodyKey, " "+key+" ") {
			continue
		}
		reason := r.reason(b.node, key)
		if size+len(b.text) > maxRemovedBytes {
			dropped++
			droppedBytes += len(b.text)
			continue
		}
		size += len(b.text)
		if n := len(out); n > 0 && out[n-1].Reason == reason && len(b.text) < joinBelow && len(out[n-1].Text) < 4*joinBelow {
			out[n-1].Text += " · " + b.text
			continue
		}
		out = append(out, model.Removed{Text: b.text, Reason: reason})
	}
	if dropped > 0 {
		out = append(out, model.Removed{
			Text:   fmt.Sprintf("(%d more blocks, %s)", dropped, sizeName(droppedBytes)),
			Reason: fmt.Sprintf("not kept: removed text is listed up to %s a page", sizeName(maxRemovedBytes)),
		})
	}
	return out
}

// reasoner names what a block outside the main text is, from the
// elements around it; what an element says is worked out once per
// element, since a page's blocks share their ancestors.
type reasoner struct {
	memo     map[*nethtml.Node]string
	titleKey string
}

const defaultReason = "outside the main text (go-trafilatura)"

func (r *reasoner) reason(n *nethtml.Node, key string) string {
	if r.titleKey != "" && key == r.titleKey {
		return "headline (read as the title)"
	}
	return r.of(n)
}

func (r *reasoner) of(n *nethtml.Node) string {
	if n == nil || n.Type != nethtml.ElementNode {
		return defaultReason
	}
	if v, ok := r.memo[n]; ok {
		return v
	}
	v := ownReason(n)
	if v == "" {
		v = r.of(n.Parent)
	}
	r.memo[n] = v
	return v
}

// ownReason is what an element's tag or class says it is, or "".
func ownReason(n *nethtml.Node) string {
	if r := nonArticle(n); r != "" {
		return r
	}
	switch n.DataAtom {
	case atom.Nav:
		return "navigation"
	case atom.Footer:
		return "page footer"
	case atom.Form:
		return "form"
	case atom.Aside:
		return "sidebar"
	case atom.Figcaption:
		return "caption"
	}
	if r := reasonFromNames(classAndID(n)); r != "" {
		return r
	}
	if n.DataAtom == atom.Header {
		return "page header"
	}
	return ""
}

// reasonFromNames reads a class or id ("comment-list", "share-bar",
// "related-posts") for what the element is.
// Names are matched at the start of a word of the class ("comment" in
// "comment-list", "comments"; "nav" in "navbar"), never inside one: utility
// classes such as "noRightRail" or "canvas" mean nothing.
func reasonFromNames(names string) string {
	if names == "" {
		return ""
	}
	key := "-" + strings.Join(strings.FieldsFunc(strings.ToLower(names), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), "-") + "-"
	for _, r := range reasonWords {
		for _, w := range r.words {
			if strings.Contains(key, "-"+w) {
				return r.reason
			}
		}
	}
	return ""
}

var reasonWords = []struct {
	reason string
	words  []string
}{
	{"comments", []string{"comment", "disqus", "respond", "reply"}},
	{"share buttons", []string{"share", "social", "sharing"}},
	{"related stories", []string{"related", "recommend", "more-stories", "read-more", "readmore", "also-read", "trending", "popular", "most-read", "teaser", "outbrain", "taboola"}},
	{"newsletter or subscription pitch", []string{"newsletter", "subscribe", "signup", "sign-up", "paywall", "donate", "membership"}},
	{"advertisement", []string{"advert", "ad-", "ads-", "sponsor", "promo", "dfp", "adslot", "banner"}},
	{"cookie notice", []string{"cookie", "consent", "gdpr"}},
	{"navigation", []string{"nav", "menu", "breadcrumb", "pagination", "skip-link", "masthead"}},
	{"byline and date (read as metadata)", []string{"byline", "author", "dateline", "timestamp", "published", "posted-on", "entry-meta", "article-meta"}},
	{"caption or credit", []string{"caption", "credit", "photo"}},
	{"tags", []string{"tags", "topics", "categories"}},
	{"page footer", []string{"footer", "copyright"}},
	{"sidebar", []string{"sidebar", "widget", "rail"}},
}

func classAndID(n *nethtml.Node) string {
	var b strings.Builder
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" || a.Key == "role" {
			b.WriteString(a.Val)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// wordKey is text reduced to its lower-cased words, for comparing blocks
// with the body whatever the spacing, punctuation and labels.
func wordKey(s string) string {
	var b strings.Builder
	inWord := false
	for _, r := range strings.ToLower(s) {
		if isWordRune(r) {
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			inWord = true
		} else {
			inWord = false
		}
	}
	return b.String()
}

func sizeName(n int) string {
	if n >= 1<<10 {
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
