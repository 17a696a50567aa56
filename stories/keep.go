package stories

import (
	"encoding/binary"
	"fmt"
	"slices"

	"byline/model"
)

// What a store that keeps a corpus elsewhere (a database) needs to build
// the same stories without holding every article's text: each text's
// features computed once while its text is at hand and kept by text key
// (TextKey, AppendFeatures, DecodeFeatures), and light articles (Light)
// given to Build with their keys (Options.Keys) and the kept features
// (KnownState). Build then reads no text, and its output is the one it
// gives for the whole articles.

// TextKey is the key an article's features are kept by: a hash of its
// text as written (title, standfirst, body), stable across runs.
func TextKey(a *model.Article) uint64 { return textKey(a) }

func (o *Options) textKey(i int, a *model.Article) uint64 {
	if o.Keys != nil {
		return o.Keys[i]
	}
	return textKey(a)
}

// Light is what Build reads of an article besides its text: its ID,
// headline, outlet, date and quotations (quoted terms by kind only, so
// that quotation indexes stay those of the article).
func Light(a *model.Article) *model.Article {
	l := &model.Article{ID: a.ID, Title: a.Title, TitleDerived: a.TitleDerived, Source: a.Source, Credit: a.Credit,
		Published: a.Published, DatePrecision: a.DatePrecision}
	if len(a.Quotes) > 0 {
		l.Quotes = make([]model.Quote, len(a.Quotes))
		for i := range a.Quotes {
			q := &a.Quotes[i]
			l.Quotes[i].Kind = q.Kind
			if q.IsQuotation() {
				l.Quotes[i].Text, l.Quotes[i].Speaker = q.Text, q.Speaker
			}
		}
	}
	return l
}

// KnownState is a state holding only features kept by text key (no
// links: every pair is scored), for Build over light articles.
func KnownState(texts map[uint64]*Features) *State {
	return &State{texts: texts, nodes: map[uint64]bool{}, links: map[[2]uint64]float32{}}
}

// Links is the state without its texts' features: the nodes and scored
// links of the build that made it, for a caller that keeps the features
// by text itself (a database: story_texts) and the rest as one Encode.
func (s *State) Links() *State {
	return &State{window: s.window, texts: map[uint64]*Features{}, nodes: s.nodes, links: s.links}
}

// WithTexts is the state's nodes and links with texts as its features
// (the state of Links, joined again with the features kept apart).
func (s *State) WithTexts(texts map[uint64]*Features) *State {
	return &State{window: s.window, texts: texts, nodes: s.nodes, links: s.links}
}

// Has reports whether the state holds a text's full features (not only
// its sketch).
func (s *State) Has(key uint64) bool {
	f := s.features(key)
	return f != nil && !f.Sketch
}

// featuresVersion heads an encoded Features.
const featuresVersion = 1

// AppendFeatures appends f's encoding (its version, then the varints
// State.Encode writes for a text) to b.
func AppendFeatures(b []byte, f *Features) []byte {
	return appendText(binary.AppendUvarint(b, featuresVersion), f)
}

// DecodeFeatures reads what AppendFeatures wrote.
func DecodeFeatures(data []byte) (*Features, error) {
	r := varints{data: data}
	if r.u() != featuresVersion {
		return nil, fmt.Errorf("%w: features of another version", ErrState)
	}
	f := r.text()
	if r.bad || len(r.data) != 0 {
		return nil, fmt.Errorf("%w: truncated features", ErrState)
	}
	return f, nil
}

// EchoRef says that quotation Quote of article Article is echo Echo (an
// index into a store's list of echoes).
type EchoRef struct {
	Article string
	Quote   int
	Echo    int32
}

// EchoSet is a Set that knows only which quotations are which echoes:
// enough for Compare, for a store that keeps the echoes itself.
func EchoSet(refs []EchoRef) *Set {
	// Each article is a text of its own here (its number in the ID
	// table); it is in no story (story -1: StoryOf says so).
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		ids = append(ids, r.Article)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	s := &Set{byID: make([]articleRef, len(ids)), echo: make([]echoRef, 0, len(refs))}
	for i, id := range ids {
		s.byID[i] = articleRef{id: id, story: -1, text: int32(i)}
	}
	for _, r := range refs {
		i, _ := slices.BinarySearch(ids, r.Article)
		s.echo = append(s.echo, echoRef{text: int32(i), quote: int32(r.Quote), echo: r.Echo})
	}
	slices.SortFunc(s.echo, compareEchoRefs)
	return s
}
