package html

import (
	"strings"
	"testing"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
)

var fuzzSeeds = []string{
	page(`<title>A | B</title><meta property="og:title" content="Headline"><meta name="author" content="By Ana Lopes and Sam Roe">`, `<article>`+storyBody+`</article>`),
	page(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H","author":{"@id":"#a"},"datePublished":"2024-03-19T18:20:00-05:00"},{"@id":"#a","name":"N"}]}</script>`, `<p>x</p>`),
	page(`<script type="application/ld+json">[{"@type":["Article"],"author":[[["deep"]]],"publisher":{"name":{"@value":"P"}}}]</script>`, ``),
	`<meta charset="shift_jis"><title>t</title><time datetime="2024-13-45T99:99">x</time><div itemprop="author"><span itemprop="name">A</span></div>`,
	`<p>a<br><br>b<br>c<br><br><br>d</p><blockquote class="twitter-tweet">t</blockquote>`,
	"\xef\xbb\xbf<title>\x1b[31m</title>",
}

// FuzzMetadata: reading the metadata never panics, and what it returns is
// valid UTF-8.
func FuzzMetadata(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, _ := decodeCharset([]byte(s), "") // as Read does: the parser sees UTF-8
		doc, err := nethtml.Parse(strings.NewReader(text))
		if err != nil {
			return
		}
		m := readMetadata(doc, nil)
		for _, v := range append([]string{m.title, m.description, m.source, m.url}, m.authors...) {
			if !utf8.ValidString(v) {
				t.Errorf("invalid UTF-8: %q", v)
			}
		}
	})
}

// FuzzRead: a whole page read (charset, extraction, metadata) never
// panics, and no control character reaches the output.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<p>\xff\xfe\x00x</p>"), "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		p, err := Read(Input{Raw: raw, ContentType: contentType})
		if err != nil {
			return
		}
		for _, v := range append(append([]string{p.Title, p.Standfirst, p.Source, p.URL}, p.Authors...), p.Body...) {
			if !utf8.ValidString(v) || strings.ContainsAny(v, "\x1b\x07\x00\u009b") {
				t.Errorf("unsafe output: %q", v)
			}
		}
	})
}
