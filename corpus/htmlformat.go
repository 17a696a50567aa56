package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"

	"byline/corpus/html"
	"byline/model"
)

// htmlExtensions are saved web pages, plain or gzip-compressed.
var htmlExtensions = []string{".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz", ".xhtml.gz"}

// streamHTML reads one saved page. The page is read raw (its charset is
// the page's to declare), gunzipped when the name says so, and the size
// cap applies to the decompressed page.
func streamHTML(src Source, emit func(Task)) ([]model.Problem, error) {
	if !strings.HasSuffix(strings.ToLower(src.Path), ".gz") && src.Size > src.MaxSize {
		return nil, errTooLarge{src.Size, src.MaxSize} // never opened
	}
	f, err := src.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(src.Path), ".gz") {
		zr, err := gzip.NewReader(bufio.NewReader(f))
		if err != nil {
			return nil, fmt.Errorf("not a gzip file: %w", err)
		}
		r = zr
	}
	raw, err := readLimited(r, src.MaxSize)
	var tooLarge errTooLarge
	switch {
	case errors.As(err, &tooLarge):
		return nil, fmt.Errorf("page is over the %s size cap once decompressed (raise it with --max-size); skipped", humanBytes(src.MaxSize))
	case err != nil && len(raw) == 0:
		return nil, err
	case err != nil:
		return nil, err // a truncated gzip member: what was read is not the whole page
	}
	if len(raw) == 0 {
		return nil, errors.New("empty file")
	}
	emit(func() ([]*model.Article, []model.Problem) {
		a, err := htmlArticle(html.Input{Raw: raw}, src.ID, src.Path, model.FormatHTML)
		if err != nil {
			return nil, []model.Problem{{Path: src.Path, Reason: err.Error()}}
		}
		return []*model.Article{a}, nil
	})
	return nil, nil
}

// htmlArticle reads one page into an article.
func htmlArticle(in html.Input, id, path string, format model.Format) (*model.Article, error) {
	if looksBinary(in.Raw) {
		return nil, errBinary
	}
	p, err := html.Read(in)
	if err != nil {
		return nil, err
	}
	a := &model.Article{
		ID: id, Path: path, Format: format, URL: p.URL, Language: p.Language,
		Source: p.Source, Title: p.Title, Standfirst: p.Standfirst, Authors: p.Authors,
		Published: p.Published, DatePrecision: p.Precision,
		Body: p.Body, Removed: p.Removed, Problems: p.Notes,
		// A saved page is a web page: its furniture was taken out by the
		// extractor, as a dump's is by the cleaner.
		PageDump: true,
	}
	switch p.SourceFrom {
	case html.SourceMarkup:
		a.SourceFrom = SourcePageMeta
	case html.SourceHost:
		// As a record's host: a known outlet by its name, and settled
		// against the names the rest of the corpus gives the host.
		a.Source, a.SourceFrom = outletOrHost(p.Source), SourceHost
	}
	if leadRepeats(a.Standfirst, a.Body) {
		a.Standfirst = "" // the description is the lead paragraph, already in the body
	}
	finish(a)
	return a, nil
}

// leadRepeats is true when a page's description is its lead paragraph,
// whole or cut short ("The United States faced stiff criticism on…").
func leadRepeats(standfirst string, body []string) bool {
	if standfirst == "" || len(body) == 0 {
		return false
	}
	sf := strings.TrimRight(strings.TrimSpace(standfirst), ".…")
	lead := strings.Join(body[:min(2, len(body))], " ")
	return len(sf) > 20 && strings.Contains(lead, sf[:len(sf)*3/4])
}

// looksBinary is true for bytes that are no web page: NULs early on (an
// image or archive saved with an .html name). UTF-16 pages have NULs too,
// but start with a byte-order mark.
func looksBinary(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	if len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		return false
	}
	for _, c := range head {
		if c == 0 {
			return true
		}
	}
	return false
}
