package corpus

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"byline/model"
)

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestSavedPages: a folder of saved pages, as browsers, wget and scrapers
// leave them. Asset folders are ignored silently; compressed pages are
// read; the cap applies to a page once decompressed; damaged and binary
// files are problems, and everything else loads.
func TestSavedPages(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("harbour/vote.html", story(1))
	write("harbour/vote_files/style.css", []byte("body{}"))
	write("harbour/vote_files/ad.html", []byte("<p>Buy now</p>"))
	write("harbour/vote_files/logo.png", []byte("\x89PNG"))
	write("harbour/ferry.htm", story(2))
	write("harbour/summit.xhtml", story(3))
	write("harbour/archive.html.gz", gzipBytes(story(4)))
	huge := append(story(5), bytes.Repeat([]byte("<p>filler text for the cap</p>"), 5000)...)
	write("harbour/huge.html.gz", gzipBytes(huge))
	write("harbour/huge.html", huge)
	cut := gzipBytes(story(6))
	write("harbour/cut.html.gz", cut[:len(cut)/2])
	write("harbour/image.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	write("harbour/script.html", []byte("<html><head><script>var a=1</script></head><body></body></html>"))
	write("orphan_files/note.html", story(7)) // no orphan.html beside it: a folder like any other

	c := loadOne(t, dir, Options{MaxFileSize: 64 << 10})
	var ids []string
	for _, a := range c.Articles {
		ids = append(ids, a.ID+" "+string(a.Format))
		if a.Source != "The Meridian Post" || len(a.Body) < 3 || a.Title == "" {
			t.Errorf("%s: source %q title %q, %d paragraphs", a.ID, a.Source, a.Title, len(a.Body))
		}
	}
	sort.Strings(ids)
	want := "harbour/archive html,harbour/ferry html,harbour/summit html,harbour/vote html,orphan_files/note html"
	if strings.Join(ids, ",") != want {
		t.Errorf("articles %q\nwant      %q", strings.Join(ids, ","), want)
	}
	problems := map[string]string{}
	for _, p := range c.Problems {
		problems[filepath.Base(p.Path)] = p.Reason
	}
	for file, want := range map[string]string{
		"huge.html.gz": "over the 64.0 KiB size cap once decompressed",
		"huge.html":    "over the 64.0 KiB size cap",
		"cut.html.gz":  "unexpected EOF",
		"image.html":   "binary",
		"script.html":  "no readable text",
	} {
		if !strings.Contains(problems[file], want) {
			t.Errorf("%s: problem %q, want %q", file, problems[file], want)
		}
	}
	if len(problems) != 5 {
		t.Errorf("problems: %v (the _files folder's assets must not be among them)", problems)
	}
}

// TestHTMLQuotes: quotations and speakers are found in a page's body as
// in every other format's.
func TestHTMLQuotes(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "vote.html"), story(1), 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadOne(t, dir, Options{})
	if len(c.Articles) != 1 {
		t.Fatalf("%d articles", len(c.Articles))
	}
	a := c.Articles[0]
	var speakers []string
	for _, q := range a.Quotes {
		if q.IsQuotation() {
			speakers = append(speakers, q.Speaker)
		}
	}
	if len(speakers) == 0 || speakers[0] != "Tomas Okafor" {
		t.Errorf("quotations' speakers %q", speakers)
	}
	if a.Format != model.FormatHTML || a.Published.Format("2006-01-02 -07:00") != "2024-03-02 -05:00" {
		t.Errorf("format %s, published %v", a.Format, a.Published)
	}
}

// TestFiftyMegabytePage: a 50 MB page, compressed to a few hundred
// kilobytes, is refused by the cap on its decompressed size without being
// read whole.
func TestFiftyMegabytePage(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(story(1))
	chunk := bytes.Repeat([]byte("<p>The same paragraph, again and again.</p>\n"), 1000)
	for n := 0; n < 50<<20; n += len(chunk) {
		zw.Write(chunk)
	}
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "huge.html.gz"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadOne(t, dir, Options{})
	if len(c.Articles) != 0 || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Reason, "over the 8.0 MiB size cap once decompressed") {
		t.Errorf("articles %d, problems %v", len(c.Articles), c.Problems)
	}
}

func TestLeadRepeats(t *testing.T) {
	body := []string{"The United States faced stiff criticism on Tuesday over its decision, officials said.", "Second."}
	for _, c := range []struct {
		standfirst string
		want       bool
	}{
		{"The United States faced stiff criticism on Tuesday over its decision, officials said.", true},
		{"The United States faced stiff criticism on Tuesday over its...", true},
		{"A decision that changes decades of policy in the region.", false},
		{"", false},
	} {
		if got := leadRepeats(c.standfirst, body); got != c.want {
			t.Errorf("leadRepeats(%q) = %v", c.standfirst, got)
		}
	}
}
