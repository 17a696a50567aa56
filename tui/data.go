package tui

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/corpus"
	"byline/model"
)

// dataset is an immutable snapshot of what is loaded: previews while the
// corpus loads, then the final corpus. Filters run on a dataset in
// tea.Cmds; a new snapshot replaces the old one in Update.
type dataset struct {
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
	srcNames []string // distinct sources
	qSpk     []int32  // speaker group of each quote, index in spkNames
	spkNames []string
	speakers []*model.Speaker
	spText   []string // folded search text of speakers
	byID     map[string]int
	srcWidth int // widest source name, in cells
}

// buildDataset indexes articles; it runs off the UI goroutine.
func buildDataset(prev *dataset, c *model.Corpus, arts []*model.Article, problems []model.Problem) *dataset {
	d := &dataset{problems: problems}
	if prev != nil {
		d.seq = prev.seq + 1
		d.found, d.done = prev.found, prev.done
	}
	if c != nil {
		d.final = true
		d.corpus = c
		d.arts = c.Articles
		d.problems = c.Problems
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

func (d *dataset) index() {
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
		if w := ansi.StringWidth(orDash(a.Source)); w > d.srcWidth {
			d.srcWidth = w
		}
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
		src := orDash(a.Source)
		k, ok := srcIdx[src]
		if !ok {
			k = int32(len(d.srcNames))
			srcIdx[src] = k
			d.srcNames = append(d.srcNames, src)
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
		// names, then the unattributed quotes.
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
			}
			d.qSpk[i] = k
		}
		d.spkNames = append(d.spkNames, extra...)
		unattributed := int32(len(d.spkNames))
		d.spkNames = append(d.spkNames, "Unattributed")
		for i, k := range d.qSpk {
			if k < 0 {
				d.qSpk[i] = unattributed
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

// Messages from the loader.
type (
	datasetMsg struct {
		d    *dataset
		more bool // loading continues: wait for the next message
	}
	loadErrMsg struct{ err error }
)

// loader runs cfg.Load in the background and turns its progress into
// dataset snapshots on a channel, indexing the previews on the loader's own
// goroutine.
func startLoad(ctx context.Context, load func(context.Context, func(corpus.Progress)) (*model.Corpus, error)) (chan tea.Msg, tea.Cmd) {
	ch := make(chan tea.Msg, 4)
	send := func(m tea.Msg) {
		select {
		case ch <- m:
		case <-ctx.Done():
		}
	}
	run := func() tea.Msg {
		// The loader's callback only appends under a lock; a builder
		// goroutine indexes the previews into snapshots at most every
		// 100 ms, so neither indexing nor a slow UI holds up the load.
		var mu sync.Mutex
		var arts []*model.Article
		var problems []model.Problem
		var found, done int
		stop := make(chan struct{})
		built := make(chan *dataset)
		go func() {
			var cur *dataset
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					built <- cur
					return
				case <-tick.C:
				}
				mu.Lock()
				n, fd, dn := len(arts), found, done
				a := arts[:n:n]
				ps := append([]model.Problem(nil), problems...)
				mu.Unlock()
				if cur != nil && n == len(cur.arts) && fd == cur.found && dn == cur.done && len(ps) == len(cur.problems) {
					continue
				}
				d := buildDataset(cur, nil, a, ps)
				d.found, d.done = fd, dn
				cur = d
				send(datasetMsg{d: d, more: true})
			}
		}()
		go func() {
			c, err := load(ctx, func(p corpus.Progress) {
				mu.Lock()
				arts = append(arts, p.Articles...)
				problems = append(problems, p.Problems...)
				found, done = p.Found, p.Done
				mu.Unlock()
			})
			close(stop)
			cur := <-built
			if err != nil {
				send(loadErrMsg{err})
				return
			}
			d := buildDataset(cur, c, nil, nil)
			mu.Lock()
			d.found, d.done = max(found, done), max(found, done)
			mu.Unlock()
			send(datasetMsg{d: d})
		}()
		return nil
	}
	return ch, run
}

func waitFor(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

// Sort modes of the stories pane.
const (
	sortDate = iota
	sortSource
	sortQuotes
	sortModes
)

var sortNames = [...]string{"by date", "by source", "by quotes"}

// row is one line of a list: a group header or an item. Rows are 8 bytes:
// a million of them are built per keystroke in the quotes pane.
type row struct {
	item int32 // article position, quote index or speaker index; -1 for a header
	head int32 // for a header, its index in the result's headers
}

// storiesResult is a filtered, sorted stories list.
type storiesResult struct {
	d       *dataset // rows index d.arts
	gen     int
	seq     int
	query   model.Query
	matched []int32 // ascending article positions (for narrowing and quotes scope)
	rows    []row
	headers []string
	cursor  int // row of the kept selection, or -1
}

func filterStories(ctx context.Context, d *dataset, q model.Query, prev *storiesResult, mode int, selID string, gen int, cancel model.Cancelled) *storiesResult {
	var matched []int32
	if q.Empty() {
		matched = seq(len(d.arts))
	} else {
		var within model.Bitset
		if prev != nil && prev.seq == d.seq && q.Narrows(&prev.query) {
			within = model.NarrowSet(prev.matched, len(d.arts))
		}
		var ok bool
		matched, ok = model.FilterArticles(d.docs, &q, within, cancel)
		if !ok {
			return nil
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
	switch mode {
	case sortSource:
		order = d.bySource
	case sortQuotes:
		order = d.byQuotes
	default:
		order = d.byDate
	}
	rows := make([]row, 0, len(matched)+len(matched)/4+1)
	var headers []string
	last := int64(-1 << 62)
	cursor := -1
	sel := int32(-1)
	if k, ok := d.byID[selID]; ok {
		sel = int32(k)
	}
	all := len(matched) == len(d.arts)
	for _, i := range order {
		if !all && !in.Has(int(i)) {
			continue
		}
		var key int64
		switch mode {
		case sortSource:
			key = int64(d.artSrc[i])
		case sortQuotes:
			key = int64(d.quoteCount[i])
		default:
			key = int64(d.artDay[i])
		}
		if key != last {
			var h string
			switch mode {
			case sortSource:
				h = d.srcNames[d.artSrc[i]]
			case sortQuotes:
				h = plural(d.quoteCount[i], "quotation")
			default:
				h = dayHeader(d.arts[i])
			}
			rows = append(rows, row{item: -1, head: int32(len(headers))})
			headers = append(headers, h)
			last = key
		}
		if i == sel {
			cursor = len(rows)
		}
		rows = append(rows, row{item: i})
	}
	return &storiesResult{d: d, gen: gen, seq: d.seq, query: q, matched: matched, rows: rows, headers: headers, cursor: cursor}
}

func dayHeader(a *model.Article) string {
	if !a.Dated() {
		return "Undated"
	}
	return a.Published.Format("Monday 2 January 2006")
}

// quotesResult is the filtered quotes list.
type quotesResult struct {
	d      *dataset
	gen    int
	seq    int
	query  model.Query
	corpus bool
	// In article scope items are indexes into the article's Quotes; in
	// corpus scope, indexes into qdocs.Refs.
	article string
	matched []int32
	rows    []row
	headers []string
	items   int // rows that are quotes, not headers
	total   int
}

// Quote grouping in corpus scope.
const (
	groupSpeaker = iota
	groupDate
)

func filterQuotes(d *dataset, q model.Query, prev *quotesResult, corpusScope bool, group int, art *model.Article, stories *storiesResult, storiesFiltered bool, gen int, cancel model.Cancelled) *quotesResult {
	res := &quotesResult{d: d, gen: gen, seq: d.seq, query: q, corpus: corpusScope}
	if !corpusScope {
		if art == nil {
			return res
		}
		res.article = art.ID
		for i, qu := range art.Quotes {
			if !qu.IsQuotation() {
				continue
			}
			res.total++
			if !q.Empty() && !model.MatchQuote(art, &qu, &q) {
				continue
			}
			res.rows = append(res.rows, row{item: int32(i)})
			res.items++
		}
		return res
	}
	if d.qdocs == nil {
		return res
	}
	res.total = d.qdocs.Len()
	var arts model.Bitset
	if storiesFiltered && stories != nil && stories.seq == d.seq {
		arts = model.NewBitset(len(d.arts))
		for _, i := range stories.matched {
			arts.Set(int(i))
		}
	}
	var matched []int32
	if q.Empty() && arts == nil {
		matched = nil // all
	} else {
		var within model.Bitset
		if prev != nil && prev.corpus && prev.seq == d.seq && q.Narrows(&prev.query) && prev.matched != nil {
			within = model.NarrowSet(prev.matched, d.qdocs.Len())
		}
		var ok bool
		matched, ok = model.FilterQuotes(d.qdocs, d.docs, &q, arts, within, cancel)
		if !ok {
			return nil
		}
	}
	res.matched = matched
	var in model.Bitset
	if matched != nil || !(q.Empty() && arts == nil) {
		in = model.NewBitset(d.qdocs.Len())
		for _, i := range matched {
			in.Set(int(i))
		}
	}
	var order []int32
	if group == groupSpeaker {
		order = d.qBySpeaker
	}
	last := int64(-1 << 62)
	n := d.qdocs.Len()
	if in == nil {
		res.rows = make([]row, 0, n+n/8)
	} else {
		res.rows = make([]row, 0, len(matched)+len(matched)/4+1)
	}
	for k := 0; k < n; k++ {
		i := int32(k)
		if order != nil {
			i = order[k]
		}
		if in != nil && !in.Has(int(i)) {
			continue
		}
		var key int64
		if group == groupSpeaker {
			key = int64(d.qSpk[i])
		} else {
			key = int64(d.artDay[d.qdocs.Refs[i].Article])
		}
		if key != last {
			var h string
			if group == groupSpeaker {
				h = d.spkNames[d.qSpk[i]]
			} else {
				h = dayHeader(d.arts[d.qdocs.Refs[i].Article])
			}
			res.rows = append(res.rows, row{item: -1, head: int32(len(res.headers))})
			res.headers = append(res.headers, h)
			last = key
		}
		res.rows = append(res.rows, row{item: i})
		res.items++
	}
	return res
}

// speakerRow is one speaker line.
type speakerRow struct {
	name    string
	role    string
	quotes  int
	sources []string
	known   *model.Speaker
}

type speakersResult struct {
	gen     int
	corpus  bool
	article string
	rows    []speakerRow
	total   int
}

func filterSpeakers(d *dataset, q model.Query, corpusScope bool, art *model.Article, gen int) *speakersResult {
	res := &speakersResult{gen: gen, corpus: corpusScope}
	if !corpusScope {
		if art == nil {
			return res
		}
		res.article = art.ID
		idx := map[string]int{}
		var rows []speakerRow
		for _, qu := range art.Quotes {
			if !qu.IsQuotation() || qu.Speaker == "" {
				continue
			}
			k, ok := idx[qu.Speaker]
			if !ok {
				k = len(rows)
				idx[qu.Speaker] = k
				r := speakerRow{name: qu.Speaker, role: qu.Role}
				if d.corpus != nil {
					if s, ok := d.corpus.Speaker(qu.Speaker); ok {
						r.known = s
						r.sources = s.Sources
						if r.role == "" {
							r.role = s.Role
						}
					}
				}
				if r.sources == nil && art.Source != "" {
					r.sources = []string{art.Source}
				}
				rows = append(rows, r)
			}
			rows[k].quotes++
			if rows[k].role == "" {
				rows[k].role = qu.Role
			}
		}
		res.total = len(rows)
		for _, r := range rows {
			s := r.known
			if s == nil {
				s = &model.Speaker{Name: r.name, Role: r.role, Sources: r.sources}
			}
			if q.Empty() || model.MatchSpeaker(s, model.SpeakerText(s), &q) {
				res.rows = append(res.rows, r)
			}
		}
		sort.SliceStable(res.rows, func(i, j int) bool { return res.rows[i].quotes > res.rows[j].quotes })
		return res
	}
	res.total = len(d.speakers)
	for i, s := range d.speakers {
		if !q.Empty() && !model.MatchSpeaker(s, d.spText[i], &q) {
			continue
		}
		res.rows = append(res.rows, speakerRow{name: s.Name, role: s.Role, quotes: s.Quotes, sources: s.Sources, known: s})
	}
	return res
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}
