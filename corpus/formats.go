package corpus

import (
	"context"
	"io"
	"strings"

	"byline/model"
)

// Document is one decoded file handed to a format's parser.
type Document struct {
	ID   string // the article ID for a single-article file; records append "#N"
	Path string // as the user would write it (for problems and output)
	Text string // decoded, LF line ends, sanitised
}

// A Format turns one file into articles, in one of two ways.
//
// Parse is handed the whole file, decoded (the loader applies the size cap,
// the encoding rules and the sanitiser). Parsers are pure functions of the
// document, so they run in parallel and fuzz well. A parser reports trouble
// with individual records as problems and still returns the rest; it
// returns an error only when nothing in the file could be read.
//
// Stream, set instead of Parse, reads the file itself: formats whose
// bytes must be seen raw (HTML declares its own charset) or that are
// archives of any size (WARC). It reads src in order and emits one Task per
// article-to-be; the loader runs the tasks, in parallel when it can, and
// keeps their results in the order they were emitted. The cap is the
// format's to apply, to each unit it decodes (a page, a record's payload),
// never to the file. It returns the file's own problems (a broken record,
// with its offset; a count of records skipped) and an error only when
// nothing in the file could be read.
type Format struct {
	Name       model.Format
	Extensions []string // lower case, with the dot; the longest match wins (".warc.gz" over ".gz")
	Parse      func(doc Document) ([]*model.Article, []model.Problem, error)
	Stream     func(src Source, emit func(Task)) ([]model.Problem, error)
}

// Source is a file handed to a streaming format.
type Source struct {
	Ctx     context.Context // cancelled when the load is
	ID      string          // the article ID for a single-article file; records append "#N"
	Path    string          // as the user would write it (for problems and output)
	Size    int64           // from the walk (0 when unknown)
	MaxSize int64           // the cap on one decoded unit: a page, a record's payload
	Open    func() (io.ReadCloser, error)
}

// A Task makes the articles of one unit of a streamed file (a page, a
// record). Tasks hold what they need (the unit's bytes) and share nothing,
// so they can run on any goroutine.
type Task func() ([]*model.Article, []model.Problem)

// Formats is the registry, in lookup order.
var Formats = []Format{
	{Name: model.FormatText, Extensions: []string{".txt", ".text"}, Parse: parseText},
	{Name: model.FormatMarkdown, Extensions: []string{".md", ".markdown"}, Parse: parseMarkdown},
	{Name: model.FormatJSON, Extensions: []string{".json"}, Parse: parseJSON},
	{Name: model.FormatJSONL, Extensions: []string{".jsonl", ".ndjson"}, Parse: parseJSONL},
	{Name: model.FormatHTML, Extensions: htmlExtensions, Stream: streamHTML},
	{Name: model.FormatWARC, Extensions: []string{".warc", ".warc.gz"}, Stream: streamWARC},
}

// FormatFor returns the format that reads files with the given name: the
// one with the longest extension the name ends with.
func FormatFor(name string) (Format, bool) {
	f, ext := lookupFormat(name)
	return f, ext != ""
}

// lookupFormat returns the format for name and the extension it matched
// ("" when none does).
func lookupFormat(name string) (Format, string) {
	lower := strings.ToLower(name)
	var best Format
	ext := ""
	for _, f := range Formats {
		for _, e := range f.Extensions {
			if len(e) > len(ext) && len(lower) > len(e) && strings.HasSuffix(lower, e) {
				best, ext = f, e
			}
		}
	}
	return best, ext
}
