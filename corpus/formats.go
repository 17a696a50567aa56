package corpus

import (
	"path"
	"strings"

	"byline/model"
)

// Document is one decoded file handed to a format's parser.
type Document struct {
	ID   string // the article ID for a single-article file; records append "#N"
	Path string // as the user would write it (for problems and output)
	Text string // decoded, LF line ends, sanitised
}

// A Format turns one decoded file into articles. Parsers are pure functions
// of the document, so they run in parallel and fuzz well. A parser reports
// trouble with individual records as problems and still returns the rest;
// it returns an error only when nothing in the file could be read.
type Format struct {
	Name       model.Format
	Extensions []string // lower case, with the dot
	Parse      func(doc Document) ([]*model.Article, []model.Problem, error)
}

// Formats is the registry, in lookup order. Saved HTML pages become one more
// entry here.
var Formats = []Format{
	{Name: model.FormatText, Extensions: []string{".txt", ".text"}, Parse: parseText},
	{Name: model.FormatMarkdown, Extensions: []string{".md", ".markdown"}, Parse: parseMarkdown},
	{Name: model.FormatJSON, Extensions: []string{".json"}, Parse: parseJSON},
	{Name: model.FormatJSONL, Extensions: []string{".jsonl", ".ndjson"}, Parse: parseJSONL},
}

// FormatFor returns the format that reads files with the given name.
func FormatFor(name string) (Format, bool) {
	ext := strings.ToLower(path.Ext(name))
	for _, f := range Formats {
		for _, e := range f.Extensions {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}
