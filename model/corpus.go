package model

import (
	"cmp"
	"slices"
	"strings"
)

// Corpus is a loaded, read-only collection of articles. Once built it is
// never mutated, so any number of goroutines (TUI commands, SSH sessions) may
// read it at once.
type Corpus struct {
	Articles []*Article // newest first, undated last
	Problems []Problem
	Speakers []*Speaker // most quoted first

	byID      map[string]*Article
	bySpeaker map[string]*Speaker
}

// NewCorpus sorts the articles (newest first, undated last, ties by ID) and
// indexes them. The slices are taken over, not copied.
func NewCorpus(articles []*Article, problems []Problem, speakers []*Speaker) *Corpus {
	SortArticles(articles)
	c := &Corpus{
		Articles:  articles,
		Problems:  problems,
		Speakers:  speakers,
		byID:      make(map[string]*Article, len(articles)),
		bySpeaker: make(map[string]*Speaker, len(speakers)),
	}
	for _, a := range articles {
		c.byID[a.ID] = a
	}
	SortSpeakers(speakers)
	for _, s := range speakers {
		c.bySpeaker[s.Name] = s
	}
	return c
}

// SortArticles orders articles newest first, undated last, ties broken by ID
// so the order is deterministic.
func SortArticles(articles []*Article) {
	// (slices' generic sort: sort.SliceStable swaps through reflection)
	slices.SortStableFunc(articles, func(a, b *Article) int {
		if a.Dated() != b.Dated() {
			if a.Dated() {
				return -1
			}
			return 1
		}
		if a.Dated() && !a.Published.Equal(b.Published) {
			return b.Published.Compare(a.Published)
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// SortSpeakers orders speakers most quoted first, then by name.
func SortSpeakers(speakers []*Speaker) {
	slices.SortStableFunc(speakers, func(a, b *Speaker) int {
		if a.Quotes != b.Quotes {
			return cmp.Compare(b.Quotes, a.Quotes)
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Article returns the article with the given ID.
func (c *Corpus) Article(id string) (*Article, bool) {
	a, ok := c.byID[id]
	return a, ok
}

// Speaker returns the speaker with the given canonical name.
func (c *Corpus) Speaker(name string) (*Speaker, bool) {
	s, ok := c.bySpeaker[name]
	return s, ok
}

// FindSpeaker resolves a name as a user typed it ("ryabkov", "Mr Blinken")
// to a speaker: the canonical name or an alias, case-insensitively.
func (c *Corpus) FindSpeaker(name string) (*Speaker, bool) {
	want := strings.ToLower(strings.TrimSpace(name))
	if want == "" {
		return nil, false
	}
	for _, s := range c.Speakers {
		if strings.ToLower(s.Name) == want {
			return s, true
		}
		for _, a := range s.Aliases {
			if strings.ToLower(a) == want {
				return s, true
			}
		}
	}
	// Otherwise the one speaker whose name contains every word typed
	// ("ryabkov" → Sergei Ryabkov); several matches are ambiguous.
	var found *Speaker
	for _, s := range c.Speakers {
		if containsWords(strings.ToLower(s.Name), strings.Fields(want)) {
			if found != nil {
				return nil, false
			}
			found = s
		}
	}
	return found, found != nil
}

func containsWords(name string, words []string) bool {
	have := strings.Fields(name)
	for _, w := range words {
		ok := false
		for _, h := range have {
			if h == w {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(words) > 0
}

// Quotes returns every quotation of the corpus (terms excluded), in article
// order then position.
func (c *Corpus) Quotes() []*Quote {
	var out []*Quote
	for _, a := range c.Articles {
		for i := range a.Quotes {
			if a.Quotes[i].IsQuotation() {
				out = append(out, &a.Quotes[i])
			}
		}
	}
	return out
}
