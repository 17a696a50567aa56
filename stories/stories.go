// Package stories finds the stories of a corpus: the articles several
// outlets wrote about one event (story clusters), the quotations they
// share (echoes) and how their wordings differ. It depends on package
// model only and does no I/O: a caller keeps State between runs (see
// Encode and Decode) so that a re-load clusters only what changed.
//
// Method, in order (README, "Stories across outlets", has the figures):
//
//   - Features of each article, from its text alone: its words with their
//     counts, its names (capitalised runs, speakers), a MinHash of its
//     5-word shingles, a hash of its headline and of its whole text.
//     Exact duplicates are one node; features are kept per text, so an
//     unchanged article is never read again.
//   - Corpus weights: inverse document frequencies of words and names.
//   - Candidate pairs share a rare word; each is scored: TF-IDF cosine of
//     the bodies, IDF-weighted overlap of names and of headline words,
//     quotations they share, MinHash similarity for near-duplicates. Two
//     dated articles further apart than the window are never linked
//     (near-duplicates excepted); undated ones are judged by content.
//   - Average-link clustering of the scored pairs: two groups join only
//     while the mean similarity over all their pairs stays above the
//     threshold, so one strong link cannot chain two events together.
package stories

import (
	"slices"
	"strings"
	"time"
)

// Story is one cluster: articles about the same event.
type Story struct {
	// ID is the ID of the story's first article (earliest, then by ID;
	// undated ones after dated ones), so it stays put as later articles
	// join.
	ID string
	// Label is the story's most central headline: the article most
	// similar to the others (LabelArticle).
	Label        string
	LabelArticle string
	// Articles are the members' IDs, oldest first, undated last.
	Articles []string
	// Sources are the outlets, in the order they first covered it.
	Sources []string
	// First and Last span the dated members (zero when none is dated).
	First, Last time.Time
	// Quotes counts the members' quotations; Echoed those that appear in
	// more than one member.
	Quotes, Echoed int
}

// Dated reports whether any member has a date.
func (s *Story) Dated() bool { return !s.Last.IsZero() }

// Record is one line of `byline stories --json` (a public interface: add
// fields, never rename or drop one).
type Record struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Articles []string `json:"articles"`
	Sources  []string `json:"sources"`
	First    string   `json:"first"` // RFC 3339, "" when no member is dated
	Last     string   `json:"last"`
	// Quotes counts the quotations of the story's articles; Echoed those
	// of them found in more than one of its articles.
	Quotes int `json:"quotes"`
	Echoed int `json:"echoed"`
	// LabelArticle is the article whose headline is the label.
	LabelArticle string `json:"label_article"`
}

// Record returns the story's JSON record.
func (s *Story) Record() Record {
	r := Record{ID: s.ID, Label: s.Label, Articles: s.Articles, Sources: s.Sources, Quotes: s.Quotes,
		Echoed: s.Echoed, LabelArticle: s.LabelArticle}
	if r.Sources == nil {
		r.Sources = []string{}
	}
	if s.Dated() {
		r.First, r.Last = s.First.Format(time.RFC3339), s.Last.Format(time.RFC3339)
	}
	return r
}

// Set is the stories of a corpus and the echoes of its quotations. It is
// read-only once built.
type Set struct {
	// Stories, newest activity first (by their last dated article), then
	// the undated ones, largest first.
	Stories []*Story
	// Echoes are the quotations found in more than one article.
	Echoes []*Echo
	// State is what a later Build may reuse (Options.Prev).
	State *State
	// Stats say what this build did.
	Stats Stats

	byID []articleRef // every article, sorted by ID
	echo []echoRef    // (text, quote) -> index in Echoes, sorted
}

// articleRef is where an article is found: its story (an index in
// Stories) and its text's number, by which echoes index its quotations
// (every copy of a text answers for them as its first article does).
// A sorted table, not a map: 24 bytes an article, against 38 in a map
// keyed by ID (1.1 against 1.7 MB on BBC ×20).
type articleRef struct {
	id    string
	story int32
	text  int32
}

// ref finds an article's entry.
func (s *Set) ref(id string) (articleRef, bool) {
	i, ok := slices.BinarySearchFunc(s.byID, id, func(r articleRef, id string) int { return strings.Compare(r.id, id) })
	if !ok {
		return articleRef{}, false
	}
	return s.byID[i], true
}

// Stats count a build's work, for the README's figures and tests.
type Stats struct {
	Articles int // articles clustered
	Texts    int // distinct texts (exact duplicates are one)
	Folded   int // texts at a time folded into a near-copy (not scored)
	Computed int // texts read: new ones, and folded ones that must now be scored (kept as a sketch)
	Reused   int // texts whose features came from the previous state
	Pairs    int // candidate pairs scored
	Rescored int // pairs scored because one side changed (incremental)
	Links    int // pairs similar enough to link
	AnyDay   int // dated nodes searched for partners at any date, not only within the window (short texts, crowded sketch buckets)
	Elapsed  time.Duration
}

// StoryOf returns the story an article belongs to.
func (s *Set) StoryOf(id string) (*Story, bool) {
	if s == nil {
		return nil, false
	}
	r, ok := s.ref(id)
	if !ok || r.story < 0 {
		return nil, false
	}
	return s.Stories[r.story], true
}

// Options tune Build. The zero value uses the defaults below.
type Options struct {
	// Window is how far apart two dated articles may be and still be
	// linked (default 72 h).
	Window time.Duration
	// Threshold is the mean similarity two groups need to join (default
	// DefaultThreshold).
	Threshold float64
	// Prev is the state of an earlier build over (mostly) the same
	// corpus: the features of unchanged texts and the links between them
	// are reused.
	Prev *State
	// Workers compute features in parallel (default GOMAXPROCS).
	Workers int
	// Trace, when set, is told every pair scored (the first article of
	// each side), for tools that explain a clustering.
	Trace func(a, b string, s Similarity)
	// Cancelled, when set and true, stops a build early (Build returns
	// nil).
	Cancelled func() bool
	// Keys, when set, are the articles' text keys (TextKey of each as
	// loaded, by position), for articles given without their text (see
	// Light): their features must then all be in Prev (KnownState).
	Keys []uint64

	// wholeLists makes the candidate search walk every posting list
	// whole, as it did before the timeline (tests compare the two).
	wholeLists bool
}

// DefaultWindow and DefaultThreshold are the defaults of Options; README
// says why these values.
const (
	DefaultWindow    = 72 * time.Hour
	DefaultThreshold = 0.35
)
