// Package demo embeds byline's demo corpus: a few dozen news articles from
// invented outlets about an invented country, Veldara, its port city Port
// Alder and its neighbour Coastland. Every article, outlet, person and quote
// in it is fictional, written for byline; none is copied from a real
// publication and none of the speakers is a real person.
//
// byline browses this corpus when it is started without a path, and tests
// use it as fixtures. CORPUS.md beside this file lists every article and the
// speakers quoted, with the name forms used for each.
package demo

import (
	"embed"
	"io/fs"
)

//go:embed all:data
var data embed.FS

// FS returns the demo corpus. Paths are relative to the corpus root and use
// one folder per outlet, e.g. "meridian/2024-03-04-harbour-strike.txt".
func FS() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		// fs.Sub fails only for an invalid directory name; "data" is valid
		// and embedded, so this cannot happen.
		panic("demo: " + err.Error())
	}
	return sub
}
