package corpus

import (
	"path"

	"byline/corpus/clean"
	"byline/corpus/outlets"
	"byline/model"
)

// Sources are settled across the whole corpus once every file is read,
// because some evidence is only there in the aggregate: which outlet name
// the corpus uses for a host, and which headline endings recur across a
// folder's files.

// suffixMinFiles and suffixMinShare: a headline ending ("… - Site") is a
// source when it recurs in at least this many files and this share of its
// folder, as a site's name ends every page title of the site. A name quoted
// at the end of a few headlines ("Fear will help France - Laporte") does not.
const (
	suffixMinFiles = 3
	suffixMinShare = 0.3
)

// settleSources finishes the articles' sources:
//
//   - a source that is a host name ("thelantern.example", from a record's
//     source_domain or url) becomes the outlet name the corpus uses for that
//     host: the name other articles from the same host give by other
//     evidence, or a name whose letters are the host's ("The Lantern");
//   - an article without a source whose headline ends "- Name" gets Name
//     when Name is a known outlet, a source elsewhere in the corpus, or an
//     ending shared by many files of its folder; the ending leaves the title.
func settleSources(articles []*model.Article) {
	named := map[string]string{}          // Key(name) → a name given by evidence other than a host
	byHost := map[string]map[string]int{} // host → names given to its articles by other evidence
	for _, a := range articles {
		if a.Source == "" || hostEvidence(a.SourceFrom) {
			continue
		}
		named[outlets.Key(a.Source)] = a.Source
		if h := outlets.Host(a.URL); h != "" {
			if byHost[h] == nil {
				byHost[h] = map[string]int{}
			}
			byHost[h][a.Source]++
		}
	}
	for _, a := range articles {
		if !hostEvidence(a.SourceFrom) || !outlets.IsHost(a.Source) {
			continue
		}
		host := outlets.Host(a.Source)
		if name := mostGiven(byHost[host]); name != "" {
			a.Source = name
			continue
		}
		for _, name := range named {
			if outlets.MatchesHost(name, host) {
				a.Source = name
				break
			}
		}
	}

	// Headline endings.
	type ending struct{ dir, key string }
	files := map[string]int{}
	endings := map[ending]int{}
	for _, a := range articles {
		dir := path.Dir(a.Path)
		files[dir]++
		if a.Source != "" || a.TitleDerived {
			continue
		}
		if _, site, ok := clean.SplitSiteTitle(a.Title); ok {
			endings[ending{dir, outlets.Key(site)}]++
		}
	}
	for _, a := range articles {
		if a.Source != "" || a.TitleDerived {
			continue
		}
		head, site, ok := clean.SplitSiteTitle(a.Title)
		if !ok {
			continue
		}
		dir := path.Dir(a.Path)
		n := endings[ending{dir, outlets.Key(site)}]
		name, known := outlets.Name(site)
		if other, ok := named[outlets.Key(site)]; ok && !known {
			name, known = other, true
		}
		if known || n >= suffixMinFiles && float64(n) >= suffixMinShare*float64(files[dir]) {
			a.Source, a.SourceFrom = name, SourceTitleSuffix
			a.Title = head
		}
	}
}

// hostEvidence reports whether a source came from a host name.
func hostEvidence(from string) bool { return from == SourceHost || from == SourceURL }

// mostGiven is the name given most often (ties: the first in byte order).
func mostGiven(names map[string]int) string {
	best, bestN := "", 0
	for name, n := range names {
		if n > bestN || n == bestN && name < best {
			best, bestN = name, n
		}
	}
	return best
}
