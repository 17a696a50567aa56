package stories

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"byline/model"
)

// Features are what clustering needs of one article, computed from its
// text alone (no corpus statistics), so they can be kept between runs and
// only a changed article's computed again. Weights that depend on the
// corpus (inverse document frequencies) are applied at clustering time.
type Features struct {
	// Content is a hash of the article's words (title, standfirst, body):
	// two articles with the same Content are exact duplicates.
	Content uint64
	// Title is a hash of the headline's words (0 for a headline made from
	// the lead, or one of fewer than four words); TitleTerms are its
	// content words.
	Title      uint64
	TitleTerms []uint32
	// Terms are the article's distinct content words (stemmed) with how
	// often each occurs, by hash, sorted by hash.
	Terms []TermCount
	// Names are the names found in the text and the speakers quoted, by
	// hash, sorted.
	Names []uint32
	// Shingles is a one-permutation MinHash of the article's 5-word
	// shingles: bin k holds the least hash falling in it (emptyBin when
	// none does). Equal bins estimate the Jaccard similarity of the
	// shingle sets: near-duplicates.
	Shingles [numBins]uint32
	// Sketch is set when only Content and Shingles were computed (a
	// text folded into a near-copy of it): its words are read when it
	// must be scored.
	Sketch bool
}

// TermCount is one distinct word of an article and how often it occurs.
type TermCount struct {
	Term  uint32
	Count uint16
}

const (
	numBins  = 64
	emptyBin = math.MaxUint32
	shingleN = 5
	// featureBytes is how much of an article's text its words, names and
	// shingles are read from: a long feature is 60 KB, and what an
	// article is about is said well before 256 KB. Past it (a 9 MB pasted
	// log, a book) the rest only enters the content hash, so such a text
	// costs no more than a long article and still differs from another.
	featureBytes = 256 << 10
)

// FeaturesOf computes an article's features.
func FeaturesOf(a *model.Article) Features { return new(scratch).features(a) }

// scratch is what computing features reuses from one article to the next
// (one per worker).
type scratch struct {
	toks   []token
	lower  []byte  // the words of one paragraph lower-cased (tokensInto)
	title  []token // the headline's words
	counts map[uint32]uint16
	names  map[uint32]struct{}
}

// sketch is the part of an article's features that finds its near-copies
// (its MinHash and content hash), without its words and names: a text
// folded into a near-copy is never scored, so its words are not needed.
// Its Shingles and Content are those features would give.
func (sc *scratch) sketch(a *model.Article) Features { return sc.read(a, true) }

func (sc *scratch) features(a *model.Article) Features { return sc.read(a, false) }

func (sc *scratch) read(a *model.Article, sketchOnly bool) Features {
	var f Features
	if sc.counts == nil {
		sc.counts, sc.names = map[uint32]uint16{}, map[uint32]struct{}{}
	}
	clear(sc.counts)
	clear(sc.names)
	toks, counts, names := sc.toks[:0], sc.counts, sc.names
	defer func() { sc.toks = toks[:0] }()
	var content hasher
	var bins [numBins]uint32
	for i := range bins {
		bins[i] = emptyBin
	}
	// A window of the last shingleN word hashes, for shingles.
	var window [shingleN]uint64
	seen := 0
	budget := featureBytes
	text := func(s string, titleWeight uint16) {
		if len(s) > budget {
			cut := budget
			if i := strings.LastIndexByte(s[:cut], ' '); i > 0 {
				cut = i
			}
			content.add(hash64(s[cut:]))
			s = s[:cut]
		}
		budget -= len(s)
		// The words are hashed and let go before the next paragraph
		// reuses the arena.
		sc.lower = sc.lower[:0]
		toks = tokensInto(s, toks[:0], &sc.lower)
		for _, t := range toks {
			h := hash64(t.word)
			content.add(h)
			window[seen%shingleN] = h
			seen++
			if seen >= shingleN {
				var sh uint64 = 0x9e3779b97f4a7c15
				for k := 0; k < shingleN; k++ {
					sh = mix(sh ^ window[(seen+k)%shingleN])
				}
				b := sh % numBins
				if v := uint32(sh >> 32); v < bins[b] {
					bins[b] = v
				}
			}
			if !sketchOnly && contentWord(t.word) {
				k := uint32(hash64(stem(t.word)))
				counts[k] = min(counts[k]+titleWeight, math.MaxUint16-2)
			}
		}
		if !sketchOnly {
			entities(toks, func(name uint64) { names[uint32(name)] = struct{}{} })
		}
	}
	if !a.TitleDerived && !sketchOnly {
		// The headline counts twice: it says what the story is about.
		text(a.Title, 2)
		var title []uint32
		var th hasher
		sc.title = tokens(a.Title, sc.title[:0])
		for _, t := range sc.title {
			th.add(hash64(t.word))
			if contentWord(t.word) {
				title = append(title, uint32(hash64(stem(t.word))))
			}
		}
		if len(title) >= 3 {
			f.Title = th.sum()
			slices.Sort(title)
			f.TitleTerms = slices.Compact(title)
		}
	}
	if !a.TitleDerived && sketchOnly {
		text(a.Title, 2)
	}
	if a.Standfirst != "" {
		text(a.Standfirst, 1)
	}
	for _, p := range a.Body {
		text(p, 1)
	}
	f.Content = content.sum()
	f.Shingles = bins
	if sketchOnly {
		f.Sketch = true
		return f
	}
	for i := range a.Quotes {
		if s := a.Quotes[i].Speaker; s != "" && a.Quotes[i].IsQuotation() {
			names[uint32(hash64(strings.ToLower(s)))] = struct{}{}
		}
	}
	f.Terms = make([]TermCount, 0, len(counts))
	for t, c := range counts {
		f.Terms = append(f.Terms, TermCount{Term: t, Count: c})
	}
	slices.SortFunc(f.Terms, func(a, b TermCount) int { return cmp.Compare(a.Term, b.Term) })
	f.Names = make([]uint32, 0, len(names))
	for n := range names {
		f.Names = append(f.Names, n)
	}
	slices.Sort(f.Names)
	return f
}

// shingleSimilarity estimates the Jaccard similarity of two articles'
// shingle sets from their MinHash bins (bins empty in both are skipped).
func shingleSimilarity(a, b *[numBins]uint32) float64 {
	same, n := 0, 0
	for k := range a {
		if a[k] == emptyBin && b[k] == emptyBin {
			continue
		}
		n++
		if a[k] == b[k] {
			same++
		}
	}
	if n < numBins/4 {
		return 0 // too short to tell
	}
	return float64(same) / float64(n)
}

// hash64 is FNV-1a, stable across runs and machines (features are kept
// on disk).
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is a 64-bit finaliser (splitmix64's).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hasher hashes a sequence of word hashes.
type hasher struct{ h uint64 }

func (h *hasher) add(x uint64) { h.h = mix(h.h ^ x + 0x9e3779b97f4a7c15) }
func (h *hasher) sum() uint64  { return h.h }

// when is an article's publication time for the time window, and whether
// it has one.
func when(a *model.Article) (time.Time, bool) {
	if !a.Dated() {
		return time.Time{}, false
	}
	return a.Published, true
}
