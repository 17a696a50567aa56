// Package browse is what a corpus browser asks of a corpus: stories by
// date, source or quote count, quotations by speaker or date, speakers —
// each filtered with the query language of package model — and one article
// at a time with its body.
//
// The questions are the Store interface. Dataset answers them from memory;
// a store backed by a database answers the same ones: results are the
// ordered keys of their rows (8 bytes a row) with counts and group
// headers, and what a row shows is fetched a page at a time, so a caller
// never needs everything in memory. Calls may block (a database does I/O):
// the TUI makes them in tea.Cmds, never in Update or View.
//
// browse has no UI and does not load files: the caller hands it a loaded
// corpus (Prepare) or a function that loads one (Load).
package browse

import (
	"context"
	"errors"
	"time"

	"byline/model"
	"byline/stories"
)

// Store is a corpus as a browser reads it. Lists come from the store that
// made them: pass a list only to that store's page methods.
type Store interface {
	// Info is what the store holds; it does no I/O.
	Info() Info
	// Stories lists the stories matching a query, in an order, under
	// group headers.
	Stories(ctx context.Context, q StoriesQuery) (*StoryList, error)
	// StoryPage returns what rows [from, to) of l show, one item per row
	// (the zero item for a header row).
	StoryPage(ctx context.Context, l *StoryList, from, to int) ([]StoryItem, error)
	// FindStory returns the row of story id in l, or -1.
	FindStory(ctx context.Context, l *StoryList, id string) (int, error)
	// Quotes lists quotations: one article's, or the corpus's under
	// speaker or day headers.
	Quotes(ctx context.Context, q QuotesQuery) (*QuoteList, error)
	QuotePage(ctx context.Context, l *QuoteList, from, to int) ([]QuoteItem, error)
	// Speakers lists the corpus's speakers, most quoted first, or one
	// article's.
	Speakers(ctx context.Context, q SpeakersQuery) (*SpeakerList, error)
	SpeakerPage(ctx context.Context, l *SpeakerList, from, to int) ([]SpeakerItem, error)
	// Article returns one article with its body, removed blocks and
	// quotations; ErrNotFound if there is none with that ID.
	Article(ctx context.Context, id string) (*model.Article, error)
	// Problems returns problems [from, to) of Info().Problems.
	Problems(ctx context.Context, from, to int) ([]model.Problem, error)

	// StoryOf returns the story an article belongs to with its members
	// (a story is a handful of articles); ErrNotFound when the article is
	// in no story with another, or stories are not grouped yet
	// (Info().Grouped).
	StoryOf(ctx context.Context, id string) (*StoryGroup, error)
	// Echo returns the appearances of quotation qi of article id in
	// other articles, each with its word diff from the first;
	// ErrNotFound when no other article carries it.
	Echo(ctx context.Context, id string, qi int) (*EchoGroup, error)
	// Compare aligns two articles sentence by sentence.
	Compare(ctx context.Context, left, right string) ([]stories.Row, error)
}

// ErrNotFound is returned for an ID the store does not hold.
var ErrNotFound = errors.New("browse: no such article")

// ErrStale is returned when a list is given to a store that did not make it.
var ErrStale = errors.New("browse: list from another store")

// Info describes a store.
type Info struct {
	// Version increases with every snapshot of a loading corpus.
	Version  int
	Stories  int
	Quotes   int // quotations (quoted terms excluded); 0 while loading
	Speakers int
	Problems int
	// Final is false while a corpus loads: its stories are previews, and
	// quotations and speakers come with the final corpus.
	Final bool
	// Found and Done count the files found and read so far.
	Found, Done int
	// SourceWidth is the display width of the widest source name; 0 when
	// no story has a source.
	SourceWidth int
	// Grouped is true once the final corpus's articles are grouped into
	// stories (after loading ends); Grouping while that is under way.
	Grouped, Grouping bool
	// NoStories, when not empty, says why this store never groups stories
	// (a store without them): the by-story order, a story's other
	// articles and a quotation's echoes are then not offered.
	NoStories string
}

// Sort is an order of the stories list.
type Sort int

const (
	SortDate   Sort = iota // newest first under day headers, undated last
	SortSource             // by source, newest first inside
	SortQuotes             // most quotations first
	SortStory              // stories across outlets as groups, newest activity first
	numSorts
)

// Next is the following sort order, wrapping around.
func (s Sort) Next() Sort { return (s + 1) % numSorts }

func (s Sort) String() string {
	switch s {
	case SortSource:
		return "by source"
	case SortQuotes:
		return "by quotes"
	case SortStory:
		return "by story"
	}
	return "by date"
}

// Scope is what the quotes and speakers lists cover.
type Scope int

const (
	ScopeArticle Scope = iota // the open article's
	ScopeCorpus               // the whole corpus (quotes: of the listed stories)
)

// Toggle is the other scope.
func (s Scope) Toggle() Scope {
	if s == ScopeCorpus {
		return ScopeArticle
	}
	return ScopeCorpus
}

func (s Scope) String() string {
	if s == ScopeCorpus {
		return "corpus"
	}
	return "this article"
}

// Group is how the corpus's quotations are grouped.
type Group int

const (
	GroupSpeaker Group = iota
	GroupDate
)

// Toggle is the other grouping.
func (g Group) Toggle() Group {
	if g == GroupDate {
		return GroupSpeaker
	}
	return GroupDate
}

func (g Group) String() string {
	if g == GroupDate {
		return "by date"
	}
	return "by speaker"
}

// Row is one row of a list: an item, or a group header. Item is the
// store's key for the item (negative for a header); Head indexes the
// list's Headers.
type Row struct {
	Item int32
	Head int32
}

// Header reports whether the row is a group header.
func (r Row) Header() bool { return r.Item < 0 }

// StoriesQuery asks for the stories list.
type StoriesQuery struct {
	Query model.Query
	Sort  Sort
	// Select is a story to find in the list (StoryList.Selected).
	Select string
	// Narrow is the previous list, a hint: when Query narrows its query
	// the store may filter within it instead of everything.
	Narrow *StoryList
	// End asks for the window at the end of the list (see StoryList.After);
	// Select, when set, for the window around that story.
	End bool
	// Marks are the reader's marks, for the query's is: terms and the
	// unread count; nil for none. The store keeps nothing of them.
	Marks *model.Marks
	// Keep is a story that stays listed though the reader's marks no
	// longer match the is: terms (the story just read under is:unread).
	Keep string
}

// Where asks a store that lists a long list a window at a time (a
// database: see StoryList.Before) for which window: the first rows (the
// zero value), the last (End), or those around the row whose key is
// Around (Row.Item of an earlier list of the same query and store).
type Where struct {
	End    bool
	Around int32
	Set    bool
}

// StoryList is a filtered, sorted stories list.
type StoryList struct {
	Rows    []Row
	Headers []string
	Query   model.Query
	Sort    Sort
	Matched int // stories listed
	Total   int // stories in the store
	// Selected is the row of StoriesQuery.Select, or -1.
	Selected int
	// SourceWidth is the display width of the widest source among the
	// listed stories, 0 when none has a source; Sourced counts the listed
	// stories that have one.
	SourceWidth, Sourced int
	// Dated and Timed: some listed story has a date, a time of day.
	Dated, Timed bool
	// Before and After report rows beyond the first and the last of Rows:
	// a store over a database lists a window of a long list (keyset
	// pagination), and a browser asks for the next window (Select, End)
	// as the cursor nears an edge. Dataset lists every row: both false.
	Before, After bool
	// Estimated: Matched is an estimate (a database's planner's, for a
	// long list whose exact count would be slow); show it as such.
	Estimated bool
	// State is what the store that made the list keeps with it.
	State any
	// Unread counts the listed stories the reader has not read (all of
	// them without marks).
	Unread int

	store   Store   // the store that made the list
	matched []int32 // (Dataset) ascending positions of the listed stories
	// text is matched before the is: terms: what a narrower query
	// filters within, whatever the marks are by then.
	text []int32
}

// StoryItem is what a story row shows.
type StoryItem struct {
	ID            string
	Title         string
	TitleDerived  bool
	Source        string
	Published     time.Time
	DatePrecision model.Precision
	Quotes        int // quotations
}

// Dated reports whether the story has a publication date.
func (s StoryItem) Dated() bool {
	return s.DatePrecision != model.PrecisionNone && !s.Published.IsZero()
}

// QuotesQuery asks for a quotes list.
type QuotesQuery struct {
	Query model.Query
	Scope Scope
	// Article is the article whose quotations ScopeArticle lists.
	Article string
	Group   Group // in ScopeCorpus
	// Stories keeps, in ScopeCorpus, the quotations of the stories this
	// query lists; StoriesList is that list when the caller has it (a
	// hint: the store need not filter the stories again).
	Stories     model.Query
	StoriesList *StoryList
	Narrow      *QuoteList // the previous list (a hint, as in StoriesQuery)
	Where       Where      // which window of a long list (ScopeCorpus)
	// Marks are the reader's marks, for the is: terms (is:starred: the
	// starred quotations; is:read, is:unread: of read or unread stories).
	Marks *model.Marks
}

// QuoteList is a filtered quotes list.
type QuoteList struct {
	Rows    []Row
	Headers []string
	Query   model.Query
	Scope   Scope
	Article string // in ScopeArticle
	Group   Group
	Matched int // quotations listed
	Total   int // quotations in scope
	// Before, After, Estimated and State as in StoryList.
	Before, After, Estimated bool
	State                    any

	store   Store
	matched []int32 // (Dataset, corpus scope) ascending quote indexes; nil for all
	text    []int32 // matched before the is: terms
}

// QuoteItem is what a quotation row shows.
type QuoteItem struct {
	ArticleID string
	Index     int // in the article's Quotes
	Quote     model.Quote
	Source    string
	Title     string
	Published time.Time
	Precision model.Precision
	// Echoes counts the other articles carrying the same quotation.
	Echoes int
}

// StoryGroup is a story as the browser shows it: articles of several
// outlets about one event.
type StoryGroup struct {
	ID, Label   string
	Sources     []string
	First, Last time.Time // zero when no member is dated
	// Members are the story's articles, oldest first, undated last.
	Members        []StoryItem
	Quotes, Echoed int
}

// Index is the position of article id among the members, or -1.
func (g *StoryGroup) Index(id string) int {
	for i, m := range g.Members {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// EchoGroup is one quotation in several articles.
type EchoGroup struct {
	Speaker string
	// Appearances, the first first (undated ones last); the first is the
	// reference the others are compared with.
	Appearances []EchoItem
	// FirstKnown: the first appearance is dated, so it had the quotation
	// first (else no one can tell).
	FirstKnown bool
}

// EchoItem is one article's wording of an echoed quotation.
type EchoItem struct {
	ArticleID string
	Quote     int
	Source    string
	Title     string
	Published time.Time
	Precision model.Precision
	Text      string
	// Ops is the word diff from the first appearance's wording (nil for
	// the first).
	Ops []stories.Op
}

// SpeakersQuery asks for a speakers list.
type SpeakersQuery struct {
	Query   model.Query
	Scope   Scope
	Article string // in ScopeArticle
	Where   Where  // which window of a long list (ScopeCorpus)
	// Marks are the reader's marks, for the is: terms: is:starred keeps
	// the speakers of starred quotations, is:read and is:unread those
	// quoted in a read or unread story.
	Marks *model.Marks
}

// SpeakerList is a filtered speakers list; it has no headers.
type SpeakerList struct {
	Rows    []Row
	Query   model.Query
	Scope   Scope
	Article string
	Matched int
	Total   int
	// Before, After, Estimated and State as in StoryList.
	Before, After, Estimated bool
	State                    any

	store Store
	items []SpeakerItem // (Dataset, article scope) the rows' items
}

// SpeakerItem is what a speaker row shows.
type SpeakerItem struct {
	Name    string
	Role    string
	Quotes  int
	Sources []string
}
