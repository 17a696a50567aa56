package browse

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"byline/model"
)

// Dataset is an in-memory Store: an immutable snapshot of what is loaded
// (previews while a corpus loads, then the final corpus) with its search
// index and sort orders. It is read-only once built, so any number of
// sessions may share one.
type Dataset struct {
	seq      int // increases with every snapshot
	final    bool
	corpus   *model.Corpus // nil while loading
	arts     []*model.Article
	docs     *model.ArticleDocs
	qdocs    *model.QuoteDocs // nil while loading (previews have no quotes)
	problems []model.Problem
	found    int // files found so far
	done     int // files read

	quoteCount []int   // quotations per article
	byDate     []int32 // article positions newest first, undated last
	bySource   []int32 // article positions by source, newest first inside
	byQuotes   []int32 // article positions by quote count, most first
	qBySpeaker []int32 // quote indexes (into qdocs.Refs) by speaker rank, then article order
	// Group keys, so lists compare integers rather than build strings.
	artDay   []int32  // civil day of each article (model.Day), or noDay
	artSrc   []int32  // index of each article's source in srcNames
	srcNames []string // distinct sources ("" for none)
	srcWidth []int    // display width of each of srcNames
	qSpk     []int32  // speaker group of each quote, index in spkNames
	spkNames []string
	speakers []*model.Speaker
	spText   []string // folded search text of speakers
	byID     map[string]int
}

// Prepare indexes a loaded corpus. It takes a while on a large corpus
// (about a second per 100k articles); an SSH server prepares its corpus
// once and every session shares the result.
func Prepare(c *model.Corpus) *Dataset { return build(nil, c, nil, nil) }

// empty is the store before anything has loaded.
func empty() *Dataset { return &Dataset{byID: map[string]int{}} }

// build indexes articles: the final corpus c, or (c nil) the previews
// loaded so far, reusing prev's index of the earlier ones.
func build(prev *Dataset, c *model.Corpus, arts []*model.Article, problems []model.Problem) *Dataset {
	d := &Dataset{problems: problems}
	if prev != nil {
		d.seq = prev.seq + 1
		d.found, d.done = prev.found, prev.done
	}
	if c != nil {
		d.final = true
		d.corpus = c
		d.arts = c.Articles
		d.problems = corpusProblems(c)
		d.docs = model.NewArticleDocs(c.Articles)
		d.qdocs = model.NewQuoteDocs(c.Articles)
		d.speakers = c.Speakers
	} else {
		d.arts = arts
		if prev != nil && prev.docs != nil && len(arts) >= prev.docs.Len() {
			d.docs = prev.docs.With(arts[prev.docs.Len():])
		} else {
			d.docs = model.NewArticleDocs(arts)
		}
	}
	d.index()
	return d
}

func (d *Dataset) index() {
	n := len(d.arts)
	d.byID = make(map[string]int, n)
	d.quoteCount = make([]int, n)
	for i, a := range d.arts {
		d.byID[a.ID] = i
		d.quoteCount[i] = a.Quotations()
	}
	// The final corpus is sorted already; previews arrive in load order.
	d.byDate = seq(n)
	if !d.final {
		arts := d.arts
		sort.SliceStable(d.byDate, func(i, j int) bool {
			a, b := arts[d.byDate[i]], arts[d.byDate[j]]
			if a.Dated() != b.Dated() {
				return a.Dated()
			}
			if a.Dated() && !a.Published.Equal(b.Published) {
				return a.Published.After(b.Published)
			}
			return a.ID < b.ID
		})
	}
	folded := make([]string, n)
	for i, a := range d.arts {
		folded[i] = model.Fold(a.Source)
	}
	d.bySource = append([]int32(nil), d.byDate...)
	sort.SliceStable(d.bySource, func(i, j int) bool { return folded[d.bySource[i]] < folded[d.bySource[j]] })
	d.byQuotes = append([]int32(nil), d.byDate...)
	sort.SliceStable(d.byQuotes, func(i, j int) bool { return d.quoteCount[d.byQuotes[i]] > d.quoteCount[d.byQuotes[j]] })
	d.artDay = make([]int32, n)
	d.artSrc = make([]int32, n)
	srcIdx := map[string]int32{}
	for i, a := range d.arts {
		d.artDay[i] = noDay
		if a.Dated() {
			d.artDay[i] = int32(model.Day(a.Published))
		}
		src := strings.TrimSpace(a.Source)
		k, ok := srcIdx[src]
		if !ok {
			k = int32(len(d.srcNames))
			srcIdx[src] = k
			d.srcNames = append(d.srcNames, src)
			d.srcWidth = append(d.srcWidth, ansi.StringWidth(src))
		}
		d.artSrc[i] = k
	}
	d.spText = make([]string, len(d.speakers))
	rank := make(map[string]int32, len(d.speakers))
	for i, s := range d.speakers {
		d.spText[i] = model.SpeakerText(s)
		rank[s.Name] = int32(i)
		d.spkNames = append(d.spkNames, s.Name)
	}
	if d.qdocs != nil {
		// Speakers in corpus order (most quoted first), then any other
		// names, then the headline quotes and the unattributed ones.
		nq := d.qdocs.Len()
		d.qSpk = make([]int32, nq)
		var extra []string
		extraIdx := map[string]int32{}
		for i, ref := range d.qdocs.Refs {
			sp := d.arts[ref.Article].Quotes[ref.Quote].Speaker
			k, ok := rank[sp]
			if !ok && sp != "" {
				if k, ok = extraIdx[sp]; !ok {
					k = int32(len(d.spkNames) + len(extra))
					extraIdx[sp] = k
					extra = append(extra, sp)
				}
				ok = true
			}
			if !ok {
				k = -1 // unattributed: fixed below
				if d.arts[ref.Article].Quotes[ref.Quote].Kind == model.KindHeadline {
					k = -2
				}
			}
			d.qSpk[i] = k
		}
		d.spkNames = append(d.spkNames, extra...)
		headline := int32(len(d.spkNames))
		unattributed := headline + 1
		d.spkNames = append(d.spkNames, model.InHeadline, model.SpeakerUnknown)
		for i, k := range d.qSpk {
			switch k {
			case -1:
				d.qSpk[i] = unattributed
			case -2:
				d.qSpk[i] = headline
			}
		}
		d.qBySpeaker = seq(nq)
		sort.SliceStable(d.qBySpeaker, func(i, j int) bool { return d.qSpk[d.qBySpeaker[i]] < d.qSpk[d.qBySpeaker[j]] })
	}
}

// noDay is the day key of an undated article.
const noDay = -1 << 31

func seq(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// Info implements Store.
func (d *Dataset) Info() Info {
	info := Info{Version: d.seq, Stories: len(d.arts), Quotes: d.qdocs.Len(), Speakers: len(d.speakers),
		Problems: len(d.problems), Final: d.final, Found: d.found, Done: d.done}
	for _, w := range d.srcWidth {
		info.SourceWidth = max(info.SourceWidth, w)
	}
	return info
}

// Article implements Store.
func (d *Dataset) Article(_ context.Context, id string) (*model.Article, error) {
	if i, ok := d.byID[id]; ok {
		return d.arts[i], nil
	}
	return nil, ErrNotFound
}

// Problems implements Store.
func (d *Dataset) Problems(_ context.Context, from, to int) ([]model.Problem, error) {
	from, to = bounds(from, to, len(d.problems))
	return d.problems[from:to:to], nil
}

func bounds(from, to, n int) (int, int) {
	to = min(max(to, 0), n)
	from = min(max(from, 0), to)
	return from, to
}

func cancelled(ctx context.Context) model.Cancelled {
	if ctx == nil || ctx.Done() == nil {
		return nil
	}
	return func() bool { return ctx.Err() != nil }
}

func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return context.Canceled
}

// Stories implements Store.
func (d *Dataset) Stories(ctx context.Context, sq StoriesQuery) (*StoryList, error) {
	q := &sq.Query
	var text []int32
	if q.TextEmpty() {
		text = seq(len(d.arts))
	} else {
		var within model.Bitset
		if prev := sq.Narrow; prev != nil && prev.store == Store(d) && prev.text != nil && q.Narrows(&prev.Query) {
			within = model.NarrowSet(prev.text, len(d.arts))
		}
		var ok bool
		text, ok = model.FilterArticles(d.docs, q, within, cancelled(ctx))
		if !ok {
			return nil, ctxErr(ctx)
		}
	}
	matched := text
	if len(q.States) > 0 {
		matched = make([]int32, 0, len(text))
		for _, i := range text {
			id := d.arts[i].ID
			if id == sq.Keep && sq.Keep != "" || q.MatchState(sq.Marks.IsRead(id), sq.Marks.IsStarred(id)) {
				matched = append(matched, i)
			}
		}
	}
	var in model.Bitset
	if len(matched) != len(d.arts) {
		in = model.NewBitset(len(d.arts))
		for _, i := range matched {
			in.Set(int(i))
		}
	}
	var order []int32
	switch sq.Sort {
	case SortSource:
		order = d.bySource
	case SortQuotes:
		order = d.byQuotes
	default:
		order = d.byDate
	}
	l := &StoryList{Query: sq.Query, Sort: sq.Sort, Matched: len(matched), Total: len(d.arts), Selected: -1,
		store: d, matched: matched, text: text}
	l.Rows = make([]Row, 0, len(matched)+len(matched)/4+1)
	last := int64(-1 << 62)
	sel := int32(-1)
	if k, ok := d.byID[sq.Select]; ok && sq.Select != "" {
		sel = int32(k)
	}
	all := len(matched) == len(d.arts)
	for _, i := range order {
		if !all && !in.Has(int(i)) {
			continue
		}
		var key int64
		switch sq.Sort {
		case SortSource:
			key = int64(d.artSrc[i])
		case SortQuotes:
			key = int64(d.quoteCount[i])
		default:
			key = int64(d.artDay[i])
		}
		if key != last {
			var h string
			switch sq.Sort {
			case SortSource:
				h = OrDash(d.srcNames[d.artSrc[i]])
			case SortQuotes:
				h = Plural(d.quoteCount[i], "quotation", "quotations")
			default:
				h = dayHeader(d.arts[i])
			}
			l.Rows = append(l.Rows, Row{Item: -1, Head: int32(len(l.Headers))})
			l.Headers = append(l.Headers, h)
			last = key
		}
		if i == sel {
			l.Selected = len(l.Rows)
		}
		if w := d.srcWidth[d.artSrc[i]]; w > 0 {
			l.SourceWidth = max(l.SourceWidth, w)
			l.Sourced++
		}
		if !sq.Marks.IsRead(d.arts[i].ID) {
			l.Unread++
		}
		if d.artDay[i] != noDay {
			l.Dated = true
			l.Timed = l.Timed || d.arts[i].DatePrecision == model.PrecisionDateTime
		}
		l.Rows = append(l.Rows, Row{Item: i})
	}
	return l, nil
}

// StoryPage implements Store.
func (d *Dataset) StoryPage(_ context.Context, l *StoryList, from, to int) ([]StoryItem, error) {
	if l.store != Store(d) {
		return nil, ErrStale
	}
	from, to = bounds(from, to, len(l.Rows))
	out := make([]StoryItem, to-from)
	for k, r := range l.Rows[from:to] {
		if r.Header() || int(r.Item) >= len(d.arts) {
			continue
		}
		a := d.arts[r.Item]
		out[k] = StoryItem{ID: a.ID, Title: a.Title, TitleDerived: a.TitleDerived, Source: a.Source,
			Published: a.Published, DatePrecision: a.DatePrecision, Quotes: d.quoteCount[r.Item]}
	}
	return out, nil
}

// FindStory implements Store.
func (d *Dataset) FindStory(_ context.Context, l *StoryList, id string) (int, error) {
	if l.store != Store(d) {
		return -1, ErrStale
	}
	k, ok := d.byID[id]
	if !ok {
		return -1, nil
	}
	for i, r := range l.Rows {
		if r.Item == int32(k) {
			return i, nil
		}
	}
	return -1, nil
}

func dayHeader(a *model.Article) string {
	if !a.Dated() {
		return "Undated"
	}
	return a.Published.Format("Monday 2 January 2006")
}

// Quotes implements Store.
func (d *Dataset) Quotes(ctx context.Context, qq QuotesQuery) (*QuoteList, error) {
	q := &qq.Query
	l := &QuoteList{Query: qq.Query, Scope: qq.Scope, Group: qq.Group, store: d}
	if qq.Scope == ScopeArticle {
		l.Article = qq.Article
		i, ok := d.byID[qq.Article]
		if !ok {
			return l, nil
		}
		art := d.arts[i]
		for k := range art.Quotes {
			qu := &art.Quotes[k]
			if !qu.IsQuotation() {
				continue
			}
			l.Total++
			if !model.MatchQuote(art, qu, q) || !q.MatchState(qq.Marks.IsRead(art.ID), qq.Marks.QuoteStarred(art.ID, k)) {
				continue
			}
			l.Rows = append(l.Rows, Row{Item: int32(k)})
			l.Matched++
		}
		return l, nil
	}
	if d.qdocs == nil {
		return l, nil
	}
	n := d.qdocs.Len()
	l.Total = n
	var arts model.Bitset
	if !qq.Stories.Empty() {
		stories := qq.StoriesList
		if stories == nil || stories.store != Store(d) || stories.matched == nil || stories.Query.Raw != qq.Stories.Raw {
			var err error
			if stories, err = d.Stories(ctx, StoriesQuery{Query: qq.Stories, Marks: qq.Marks}); err != nil {
				return nil, err
			}
		}
		arts = model.NewBitset(len(d.arts))
		for _, i := range stories.matched {
			arts.Set(int(i))
		}
	}
	var matched []int32
	if !q.TextEmpty() || arts != nil {
		var within model.Bitset
		if prev := qq.Narrow; prev != nil && prev.Scope == ScopeCorpus && prev.store == Store(d) && prev.text != nil && q.Narrows(&prev.Query) {
			within = model.NarrowSet(prev.text, n)
		}
		var ok bool
		matched, ok = model.FilterQuotes(d.qdocs, d.docs, q, arts, within, cancelled(ctx))
		if !ok {
			return nil, ctxErr(ctx)
		}
		if matched == nil {
			matched = []int32{}
		}
	}
	l.text = matched
	if len(q.States) > 0 {
		keep := func(i int32) bool {
			ref := d.qdocs.Refs[i]
			id := d.arts[ref.Article].ID
			return q.MatchState(qq.Marks.IsRead(id), qq.Marks.QuoteStarred(id, int(ref.Quote)))
		}
		var kept []int32
		if matched == nil {
			kept = make([]int32, 0)
			for i := range int32(n) {
				if keep(i) {
					kept = append(kept, i)
				}
			}
		} else {
			kept = make([]int32, 0, len(matched))
			for _, i := range matched {
				if keep(i) {
					kept = append(kept, i)
				}
			}
		}
		matched = kept
	}
	l.matched = matched
	var in model.Bitset
	if matched != nil {
		in = model.NewBitset(n)
		for _, i := range matched {
			in.Set(int(i))
		}
	}
	var order []int32
	if qq.Group == GroupSpeaker {
		order = d.qBySpeaker
	}
	last := int64(-1 << 62)
	if in == nil {
		l.Rows = make([]Row, 0, n+n/8)
	} else {
		l.Rows = make([]Row, 0, len(matched)+len(matched)/4+1)
	}
	for k := range n {
		i := int32(k)
		if order != nil {
			i = order[k]
		}
		if in != nil && !in.Has(int(i)) {
			continue
		}
		var key int64
		if qq.Group == GroupSpeaker {
			key = int64(d.qSpk[i])
		} else {
			key = int64(d.artDay[d.qdocs.Refs[i].Article])
		}
		if key != last {
			var h string
			if qq.Group == GroupSpeaker {
				h = d.spkNames[d.qSpk[i]]
			} else {
				h = dayHeader(d.arts[d.qdocs.Refs[i].Article])
			}
			l.Rows = append(l.Rows, Row{Item: -1, Head: int32(len(l.Headers))})
			l.Headers = append(l.Headers, h)
			last = key
		}
		l.Rows = append(l.Rows, Row{Item: i})
		l.Matched++
	}
	return l, nil
}

// QuotePage implements Store.
func (d *Dataset) QuotePage(_ context.Context, l *QuoteList, from, to int) ([]QuoteItem, error) {
	if l.store != Store(d) {
		return nil, ErrStale
	}
	from, to = bounds(from, to, len(l.Rows))
	out := make([]QuoteItem, to-from)
	var art *model.Article
	if l.Scope == ScopeArticle {
		i, ok := d.byID[l.Article]
		if !ok {
			return out, nil
		}
		art = d.arts[i]
	}
	for k, r := range l.Rows[from:to] {
		if r.Header() {
			continue
		}
		a, qi := art, int(r.Item)
		if art == nil {
			if d.qdocs == nil || int(r.Item) >= d.qdocs.Len() {
				continue
			}
			ref := d.qdocs.Refs[r.Item]
			a, qi = d.arts[ref.Article], int(ref.Quote)
		}
		if qi >= len(a.Quotes) {
			continue
		}
		out[k] = QuoteItem{ArticleID: a.ID, Index: qi, Quote: a.Quotes[qi], Source: a.Source, Title: a.Title,
			Published: a.Published, Precision: a.DatePrecision}
	}
	return out, nil
}

// Speakers implements Store.
func (d *Dataset) Speakers(_ context.Context, sq SpeakersQuery) (*SpeakerList, error) {
	q := &sq.Query
	l := &SpeakerList{Query: sq.Query, Scope: sq.Scope, store: d}
	marked := d.speakerMarks(q, sq.Marks)
	if sq.Scope == ScopeArticle {
		l.Article = sq.Article
		i, ok := d.byID[sq.Article]
		if !ok {
			return l, nil
		}
		art := d.arts[i]
		type found struct {
			item  SpeakerItem
			known *model.Speaker
		}
		idx := map[string]int{}
		var rows []found
		for _, qu := range art.Quotes {
			if !qu.IsQuotation() || qu.Speaker == "" {
				continue
			}
			k, ok := idx[qu.Speaker]
			if !ok {
				k = len(rows)
				idx[qu.Speaker] = k
				r := found{item: SpeakerItem{Name: qu.Speaker, Role: qu.Role}}
				if d.corpus != nil {
					if s, ok := d.corpus.Speaker(qu.Speaker); ok {
						r.known = s
						r.item.Sources = s.Sources
						if r.item.Role == "" {
							r.item.Role = s.Role
						}
					}
				}
				if r.item.Sources == nil && art.Source != "" {
					r.item.Sources = []string{art.Source}
				}
				rows = append(rows, r)
			}
			rows[k].item.Quotes++
			if rows[k].item.Role == "" {
				rows[k].item.Role = qu.Role
			}
		}
		l.Total = len(rows)
		for _, r := range rows {
			s := r.known
			if s == nil {
				s = &model.Speaker{Name: r.item.Name, Role: r.item.Role, Sources: r.item.Sources}
			}
			if q.Empty() || model.MatchSpeaker(s, model.SpeakerText(s), q) && marked(s) {
				l.items = append(l.items, r.item)
			}
		}
		sort.SliceStable(l.items, func(i, j int) bool { return l.items[i].Quotes > l.items[j].Quotes })
		l.Rows = seqRows(len(l.items))
		l.Matched = len(l.items)
		return l, nil
	}
	l.Total = len(d.speakers)
	for i, s := range d.speakers {
		if !q.Empty() && (!model.MatchSpeaker(s, d.spText[i], q) || !marked(s)) {
			continue
		}
		l.Rows = append(l.Rows, Row{Item: int32(i)})
	}
	l.Matched = len(l.Rows)
	return l, nil
}

// speakerMarks is the test of a query's is: terms for a speaker: is:read
// keeps one quoted in a story the reader read, is:unread one quoted in a
// story not read, is:starred one with a starred quotation.
func (d *Dataset) speakerMarks(q *model.Query, m *model.Marks) func(*model.Speaker) bool {
	if len(q.States) == 0 {
		return func(*model.Speaker) bool { return true }
	}
	starred := map[string]bool{}
	if m != nil {
		for qm := range m.Quotes {
			if i, ok := d.byID[qm.Article]; ok && qm.Quote >= 0 && qm.Quote < len(d.arts[i].Quotes) {
				starred[d.arts[i].Quotes[qm.Quote].Speaker] = true
			}
		}
	}
	return func(s *model.Speaker) bool {
		return q.MatchStates(func(st model.State) bool {
			switch st {
			case model.StateRead, model.StateUnread:
				for _, id := range s.Articles {
					if m.IsRead(id) == (st == model.StateRead) {
						return true
					}
				}
				return false
			}
			return starred[s.Name]
		})
	}
}

func seqRows(n int) []Row {
	rows := make([]Row, n)
	for i := range rows {
		rows[i].Item = int32(i)
	}
	return rows
}

// SpeakerPage implements Store.
func (d *Dataset) SpeakerPage(_ context.Context, l *SpeakerList, from, to int) ([]SpeakerItem, error) {
	if l.store != Store(d) {
		return nil, ErrStale
	}
	from, to = bounds(from, to, len(l.Rows))
	out := make([]SpeakerItem, to-from)
	for k, r := range l.Rows[from:to] {
		switch {
		case l.Scope == ScopeArticle && int(r.Item) < len(l.items):
			out[k] = l.items[r.Item]
		case l.Scope == ScopeCorpus && int(r.Item) < len(d.speakers):
			s := d.speakers[r.Item]
			out[k] = SpeakerItem{Name: s.Name, Role: s.Role, Quotes: s.Quotes, Sources: s.Sources}
		}
	}
	return out, nil
}

// OrDash is s, or "—" when s is blank: an empty column never reads as
// missing text.
func OrDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// Plural is "1 story" or "n stories": the count with the noun's form.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// corpusProblems lists the files that could not be loaded, then the
// articles that loaded with a problem (a text kept whole because nothing
// read as an article, a date that could not be read…), as byline check
// lists them: nothing kept or guessed is hidden from the problems list.
func corpusProblems(c *model.Corpus) []model.Problem {
	n := len(c.Problems)
	for _, a := range c.Articles {
		n += len(a.Problems)
	}
	if n == len(c.Problems) {
		return c.Problems
	}
	out := make([]model.Problem, 0, n)
	out = append(out, c.Problems...)
	for _, a := range c.Articles {
		for _, p := range a.Problems {
			out = append(out, model.Problem{Path: a.Path + recordSuffix(a.ID), Reason: p})
		}
	}
	return out
}

// recordSuffix is "#N" for a record of a multi-record file (ID "file#N"),
// so the problem names the record; "" otherwise.
func recordSuffix(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[i:]
	}
	return ""
}
