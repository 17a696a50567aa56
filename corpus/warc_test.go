package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"byline/model"
)

// warcWriter writes test archives with the library byline reads them
// with, one gzip member per record as crawlers write them.
type warcWriter struct {
	t    testing.TB
	w    io.Writer
	gz   bool
	n    int
	date time.Time
}

func newWARCWriter(t testing.TB, w io.Writer, gz bool) *warcWriter {
	ww := &warcWriter{t: t, w: w, gz: gz, date: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)}
	ww.record(gowarc.Warcinfo, "", "application/warc-fields", []byte("software: byline tests\r\nformat: WARC File Format 1.1\r\n"))
	return ww
}

// record appends one record and returns the number of bytes written.
func (ww *warcWriter) record(typ gowarc.RecordType, uri, contentType string, block []byte) int {
	ww.t.Helper()
	b := gowarc.NewRecordBuilder(typ)
	if _, err := b.Write(block); err != nil {
		ww.t.Fatal(err)
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, ww.date)
	if uri != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	}
	b.AddWarcHeader(gowarc.ContentType, contentType)
	rec, _, err := b.Build()
	if err != nil {
		ww.t.Fatal(err)
	}
	defer rec.Close()
	var buf bytes.Buffer
	var out io.Writer = &buf
	var zw *gzip.Writer
	if ww.gz {
		zw = gzip.NewWriter(&buf)
		out = zw
	}
	if _, _, err := gowarc.NewMarshaler().Marshal(out, rec, 0); err != nil {
		ww.t.Fatal(err)
	}
	if zw != nil {
		zw.Close()
	}
	n, err := ww.w.Write(buf.Bytes())
	if err != nil {
		ww.t.Fatal(err)
	}
	ww.n++
	return n
}

// page appends a request and the response with an HTML page.
func (ww *warcWriter) page(uri, contentType string, body []byte) {
	ww.record(gowarc.Request, uri, "application/http;msgtype=request", []byte("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"))
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
	ww.record(gowarc.Response, uri, "application/http;msgtype=response", append([]byte(head), body...))
}

func loadOne(t testing.TB, path string, opt Options) *model.Corpus {
	t.Helper()
	c, err := Load(context.Background(), []string{path}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWARCMatchesPages writes the dev HTML pages into a WARC and checks
// that loading it gives the same articles as loading the pages as files:
// bodies, titles, authors, dates (an undated page gets its fetch day).
func TestWARCMatchesPages(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 99 pages twice")
	}
	dir := filepath.Join("..", "..", "shared", "eval", "cleaning", "html")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no dev pages (%v): ../shared is not beside the project", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	archive := filepath.Join(t.TempDir(), "pages.warc.gz")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	ww := newWARCWriter(t, f, true)
	index := map[string]int{} // page name → its response's record number
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		// A file: URI, as archives of local pages have: no host, so the
		// page's own metadata decides everything, as for the file.
		ww.page("file:///pages/"+name, "text/html", raw)
		index[name] = ww.n
	}
	f.Close()

	files := loadOne(t, dir, Options{})
	fromWARC := loadOne(t, archive, Options{})
	byID := map[string]*model.Article{}
	for _, a := range fromWARC.Articles {
		byID[a.ID] = a
	}
	if len(fromWARC.Articles) != len(files.Articles) {
		t.Errorf("%d articles from the WARC, %d from the files", len(fromWARC.Articles), len(files.Articles))
	}
	for _, want := range files.Articles {
		name := filepath.Base(want.Path)
		id := fmt.Sprintf("pages#%d", index[name])
		got, ok := byID[id]
		if !ok {
			t.Errorf("%s: no article %s from the WARC", name, id)
			continue
		}
		if got.Format != model.FormatWARC || got.URL == "" {
			t.Errorf("%s: format %q, URL %q", id, got.Format, got.URL)
		}
		if got.Title != want.Title || strings.Join(got.Authors, ";") != strings.Join(want.Authors, ";") {
			t.Errorf("%s: title/authors %q %q, from the file %q %q", name, got.Title, got.Authors, want.Title, want.Authors)
		}
		if strings.Join(got.Body, "\n") != strings.Join(want.Body, "\n") {
			t.Errorf("%s: the body differs from the file's (%d vs %d paragraphs)", name, len(got.Body), len(want.Body))
		}
		switch {
		case want.Dated() && !got.Published.Equal(want.Published):
			t.Errorf("%s: published %v, from the file %v", name, got.Published, want.Published)
		case !want.Dated() && (got.DatePrecision != model.PrecisionDate || got.Published.Format("2006-01-02") != "2024-03-05"):
			t.Errorf("%s: an undated page should take its fetch day, got %v (%v)", name, got.Published, got.DatePrecision)
		}
	}
	// warcinfo and requests are never pages: no problem.
	if len(fromWARC.Problems) != 0 {
		t.Errorf("problems: %v", fromWARC.Problems)
	}
}

// story is an invented news page.
func story(n int) []byte {
	return []byte(fmt.Sprintf(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour vote number %d | The Meridian Post</title>
<meta property="og:site_name" content="The Meridian Post">
<meta property="article:published_time" content="2024-03-%02dT18:20:00-05:00">
<meta name="author" content="Ana Lopes">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour vote number %d</h1>
<p>Dockworkers at berth %d in Port Alder voted on Tuesday to accept a deal that ends a strike of nine days, union officials said, after a weekend of talks.</p>
<p>"Nobody wins a strike," said Tomas Okafor, the union's general secretary, at meeting %d. "But this deal gives the people who work this port a voice."</p>
<p>The agreement, the %dth draft, guarantees there will be no compulsory redundancies until 2029 and gives the union two seats on a new board.</p>
</article><footer>Copyright The Meridian Post</footer></body></html>`, n, 1+n%27, n, n, n, n))
}

// TestWARCBrokenRecord: a damaged record in the middle is a problem with its
// position and offset, and every other page loads.
func TestWARCBrokenRecord(t *testing.T) {
	for _, damage := range []string{"corrupt", "truncate"} {
		t.Run(damage, func(t *testing.T) {
			var buf bytes.Buffer
			ww := newWARCWriter(t, &buf, true)
			var brokenOffset int
			for i := 0; i < 10; i++ {
				if i == 5 {
					// The response of story 5 is damaged on disk.
					ww.record(gowarc.Request, "https://news.example/5", "application/http;msgtype=request", []byte("GET /5 HTTP/1.1\r\n\r\n"))
					brokenOffset = buf.Len()
					var rec bytes.Buffer
					inner := newWARCWriter(t, &rec, true)
					start := rec.Len()
					inner.page("https://news.example/5", "text/html; charset=utf-8", story(5))
					member := rec.Bytes()[start:]
					// The last member written is the response: find it.
					last := bytes.LastIndex(member, []byte{0x1f, 0x8b, 0x08})
					member = append([]byte(nil), member[last:]...)
					if damage == "corrupt" {
						for k := len(member) / 2; k < len(member)/2+8; k++ {
							member[k] ^= 0x55
						}
					} else {
						member = member[:len(member)/2]
					}
					buf.Write(member)
					ww.n++
					continue
				}
				ww.page(fmt.Sprintf("https://news.example/%d", i), "text/html; charset=utf-8", story(i))
			}
			file := filepath.Join(t.TempDir(), "crawl.warc.gz")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			c := loadOne(t, file, Options{})
			if len(c.Articles) != 9 {
				t.Fatalf("%d articles, want the 9 undamaged ones; problems %v", len(c.Articles), c.Problems)
			}
			var found bool
			for _, p := range c.Problems {
				if strings.Contains(p.Reason, fmt.Sprintf("byte offset %d", brokenOffset)) && strings.HasSuffix(p.Path, "#13") {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem names the broken record (#13 at offset %d): %v", brokenOffset, c.Problems)
			}
			for _, a := range c.Articles {
				if a.Source != "The Meridian Post" || len(a.Authors) != 1 || a.Authors[0] != "Ana Lopes" || !strings.HasPrefix(a.ID, "crawl#") {
					t.Errorf("%s: source %q authors %q", a.ID, a.Source, a.Authors)
				}
			}
		})
	}
}

// TestWARCRecords: captures that are no page are counted (requests and
// the like are not), pages over the cap are
// problems (the cap is per page, never the archive's), plain .warc reads
// too, and an unchanged archive comes from the cache without being read.
func TestWARCRecords(t *testing.T) {
	var buf bytes.Buffer
	ww := newWARCWriter(t, &buf, false)
	ww.page("https://news.example/1", "text/html", story(1))
	ww.record(gowarc.Resource, "https://news.example/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\nxxxx"))
	ww.page("https://news.example/big", "text/html", bytes.Repeat([]byte("<p>word </p>"), 20000))
	ww.record(gowarc.Resource, "https://news.example/2", "text/html; charset=utf-8", story(2))
	ww.record(gowarc.Response, "https://news.example/gone", "application/http;msgtype=response", []byte("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>"))
	ww.record(gowarc.Metadata, "https://news.example/1", "application/warc-fields", []byte("via: test\r\n"))
	dir := t.TempDir()
	file := filepath.Join(dir, "crawl.warc")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{MaxFileSize: 100 << 10, CacheFile: filepath.Join(dir, "cache"), CacheVersion: "test"}
	if int64(buf.Len()) <= opt.MaxFileSize {
		t.Fatalf("the archive (%d bytes) should be over the cap to show the cap is per page", buf.Len())
	}
	c := loadOne(t, file, opt)
	var ids []string
	for _, a := range c.Articles {
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	if strings.Join(ids, " ") != "crawl#3 crawl#7" {
		t.Errorf("articles %q, want crawl#3 (a response) and crawl#7 (a resource)", ids)
	}
	var reasons []string
	for _, p := range c.Problems {
		reasons = append(reasons, p.Path+": "+p.Reason)
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{"crawl.warc#6: record 6 at byte offset", "over the 100.0 KiB size cap", "crawl.warc: 2 of 5 captures hold no HTML page and were skipped: 1 HTTP 404, 1 image/png"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	// From the cache, not read again: the bytes are replaced by junk of
	// the same size, with the same modification time (the cache's key),
	// and the same articles come back.
	info, _ := os.Stat(file)
	if err := os.WriteFile(file, bytes.Repeat([]byte{'x'}, buf.Len()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	c2 := loadOne(t, file, opt)
	if len(c2.Articles) != 2 || c2.Articles[1].Title != c.Articles[1].Title || len(c2.Problems) != len(c.Problems) {
		t.Errorf("from the cache: %d articles, %d problems; want %d, %d", len(c2.Articles), len(c2.Problems), len(c.Articles), len(c.Problems))
	}
}

// TestWARCGzippedWhole: an archive gzipped as one member (not as crawlers
// write, but as `gzip crawl.warc` leaves it) reads too.
func TestWARCGzippedWhole(t *testing.T) {
	var buf bytes.Buffer
	ww := newWARCWriter(t, &buf, false)
	for i := 0; i < 40; i++ {
		ww.page(fmt.Sprintf("https://news.example/%d", i), "text/html", story(i))
	}
	file := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(file, gzipBytes(buf.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadOne(t, file, Options{})
	if len(c.Articles) != 40 || len(c.Problems) != 0 {
		t.Errorf("%d articles, problems %v", len(c.Articles), c.Problems)
	}
}
