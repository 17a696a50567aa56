package browse

import (
	"context"

	"byline/model"
	"byline/stories"
)

// ClusterFunc groups a loaded corpus into stories (package stories'
// Build, wired by the caller, which may keep its state between runs). It
// returns nil when ctx ends first.
type ClusterFunc func(ctx context.Context, c *model.Corpus) *stories.Set

// Cluster is the ClusterFunc that keeps nothing between runs.
func Cluster(ctx context.Context, c *model.Corpus) *stories.Set {
	return stories.Build(c.Articles, stories.Options{Cancelled: func() bool { return ctx.Err() != nil }})
}

// PrepareStories indexes a loaded corpus with its stories (set from
// stories.Build over c's articles).
func PrepareStories(c *model.Corpus, set *stories.Set) *Dataset {
	return build(nil, c, nil, nil).withStories(set)
}

// withStories is d with the corpus's stories: a new snapshot (the lists
// of d stay valid for d).
func (d *Dataset) withStories(set *stories.Set) *Dataset {
	n := *d
	n.seq = d.seq + 1
	n.set = set
	n.grouped = set != nil
	n.artStory = make([]int32, len(d.arts))
	n.byStory = make([]int32, 0, len(d.arts))
	for i := range n.artStory {
		n.artStory[i] = -1
	}
	if set != nil {
		for si, s := range set.Stories {
			if len(s.Articles) < 2 {
				continue
			}
			for _, id := range s.Articles {
				if k, ok := d.byID[id]; ok {
					n.artStory[k] = int32(si)
					n.byStory = append(n.byStory, int32(k))
				}
			}
		}
	}
	// Then the articles in no story with another, newest first.
	for _, k := range d.byDate {
		if n.artStory[k] < 0 {
			n.byStory = append(n.byStory, k)
		}
	}
	return &n
}

// storyHeader is a story's group header: its size first (a narrow pane
// cuts the label, not the counts).
func storyHeader(s *stories.Story) string {
	h := Plural(len(s.Articles), "article", "articles") + " · " + s.Label
	if len(s.Sources) > 0 { // (no outlet known: BBC's files name none)
		h = Plural(len(s.Sources), "outlet", "outlets") + " · " + h
	}
	return h
}

// singlesHeader heads the articles in no story with another.
const singlesHeader = "In no story with another article"

// StoryHeader is a story's group header in the by-story order, and
// SinglesHeader the header of the articles in no story with another: for
// a store that lists stories itself (a database).
func StoryHeader(s *stories.Story) string { return storyHeader(s) }

const SinglesHeader = singlesHeader

func (d *Dataset) item(k int32) StoryItem {
	a := d.arts[k]
	return StoryItem{ID: a.ID, Title: a.Title, TitleDerived: a.TitleDerived, Source: a.Source,
		Published: a.Published, DatePrecision: a.DatePrecision, Quotes: d.quoteCount[k]}
}

// StoryOf implements Store.
func (d *Dataset) StoryOf(_ context.Context, id string) (*StoryGroup, error) {
	k, ok := d.byID[id]
	if !ok || d.set == nil || d.artStory[k] < 0 {
		return nil, ErrNotFound
	}
	s := d.set.Stories[d.artStory[k]]
	g := &StoryGroup{ID: s.ID, Label: s.Label, Sources: s.Sources, First: s.First, Last: s.Last,
		Quotes: s.Quotes, Echoed: s.Echoed}
	for _, m := range s.Articles {
		if j, ok := d.byID[m]; ok {
			g.Members = append(g.Members, d.item(int32(j)))
		}
	}
	return g, nil
}

// Echo implements Store.
func (d *Dataset) Echo(_ context.Context, id string, qi int) (*EchoGroup, error) {
	e, ok := d.set.EchoOf(id, qi)
	if !ok {
		return nil, ErrNotFound
	}
	first, known := e.First()
	if !known {
		first = &e.Appearances[0]
	}
	g := &EchoGroup{Speaker: e.Speaker, FirstKnown: known}
	for i, ap := range e.Appearances {
		it := EchoItem{ArticleID: ap.Article, Quote: ap.Quote, Source: ap.Source, Title: ap.Title,
			Published: ap.Published, Precision: ap.Precision, Text: ap.Text}
		if i > 0 {
			it.Ops = stories.Diff(first.Text, ap.Text)
		}
		g.Appearances = append(g.Appearances, it)
	}
	return g, nil
}

// Compare implements Store.
func (d *Dataset) Compare(_ context.Context, left, right string) ([]stories.Row, error) {
	l, ok := d.byID[left]
	r, ok2 := d.byID[right]
	if !ok || !ok2 {
		return nil, ErrNotFound
	}
	return d.set.Compare(d.arts[l], d.arts[r]), nil
}

// echoCount is how many other articles carry quotation qi of article a.
func (d *Dataset) echoCount(a *model.Article, qi int) int {
	if e, ok := d.set.EchoOf(a.ID, qi); ok {
		return len(e.Others(a.ID))
	}
	return 0
}
