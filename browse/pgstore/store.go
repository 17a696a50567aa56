package pgstore

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse"
	"byline/model"
	"byline/stories"
)

// Store is a browse.Store over a database written by Index. It holds no
// corpus: every list is a query, and a long list is a window of rows
// around the cursor, paged by key (the sort columns of the last row seen),
// never by OFFSET, so a query costs the same deep in a list as at its top
// and a server's memory does not grow with the corpus. Lists of up to
// smallList rows come whole, with exact counts; longer ones count to that
// and estimate the rest (the planner's estimate, Estimated set). Any
// number of processes may share one database; a Store is safe for
// concurrent use (one per server, shared by its sessions).
type Store struct {
	pool *pgxpool.Pool
	info browse.Info
	st   stats
	// grouped: the database holds the corpus's stories and echoes.
	grouped bool
	// countTrust: a list the planner estimates at this many rows or more
	// is not counted (see count).
	countTrust int
}

type stats struct {
	stories, quotations, speakers, problems, sourced int64
	sourceWidth                                      int
	dated, timed                                     bool
}

const (
	// smallList: a list of up to this many rows is fetched whole.
	smallList = 1000
	// window is how many rows a long list's window holds on each side of
	// the row it is around.
	window = 300
)

// Open checks the database holds a corpus this byline reads and returns a
// store over it.
func Open(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	if err := CheckReadable(ctx, pool); err != nil {
		return nil, err
	}
	s := &Store{pool: pool, countTrust: defaultCountTrust}
	st, err := readStats(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("reading the corpus's counts: %w", err)
	}
	s.st = st
	s.info = browse.Info{Stories: int(st.stories), Quotes: int(st.quotations), Speakers: int(st.speakers),
		Problems: int(st.problems), Final: true, SourceWidth: st.sourceWidth}
	if s.grouped, err = hasStories(ctx, pool); err != nil {
		return nil, fmt.Errorf("reading the corpus's stories: %w", err)
	}
	if s.grouped {
		s.info.Grouped = true
	} else {
		s.info.NoStories = NoStoriesYet
	}
	return s, nil
}

func readStats(ctx context.Context, q querier) (stats, error) {
	var st stats
	err := q.QueryRow(ctx, `SELECT stories, quotations, speakers, problems, sourced, source_width, dated, timed FROM stats`).
		Scan(&st.stories, &st.quotations, &st.speakers, &st.problems, &st.sourced, &st.sourceWidth, &st.dated, &st.timed)
	return st, err
}

// Pool is the store's connection pool.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Info implements browse.Store: the counts read when the store opened.
func (s *Store) Info() browse.Info { return s.info }

// filter is a WHERE clause and its arguments.
type filter struct {
	conds []string
	args  []any
}

func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

func (f *filter) and(c string) { f.conds = append(f.conds, c) }

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return "true"
	}
	return strings.Join(f.conds, " AND ")
}

// weights says which words of a table's search vector each field of the
// query language searches: "" its plain words (positions: phrases), or a
// tag, the field's own tagged words (schema version 2).
type weights map[model.Field]string

var (
	articleWeights = weights{model.FieldAny: "", model.FieldSpeaker: "p", model.FieldAuthor: "a", model.FieldSource: "s"}
	quoteWeights   = articleWeights
	speakerWeights = weights{model.FieldAny: "", model.FieldSpeaker: "", model.FieldSource: "s"}
)

// textQuery turns q's terms into one text-search query (words and
// qualifiers as prefixes restricted to their fields' weights, phrases in
// order, negations with !), parsed by PostgreSQL's own parser so the
// words split as the indexed text did. "" when q has no searchable term.
func textQuery(ctx context.Context, db querier, q *model.Query, w weights) (string, error) {
	var texts, ws []string
	var neg []bool
	for _, t := range q.Terms {
		wt, ok := w[t.Field]
		if !ok {
			continue // a field this list does not have (speakers' authors)
		}
		texts = append(texts, t.Text)
		ws = append(ws, wt)
		neg = append(neg, t.Negate)
	}
	if len(texts) == 0 {
		return "", nil
	}
	rows, err := db.(interface {
		Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	}).Query(ctx, `SELECT byline_tsquery(t, w) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(t, w, n) ORDER BY n`, texts, ws)
	if err != nil {
		return "", err
	}
	var parts []string
	i := 0
	for rows.Next() {
		var tq *string
		if err := rows.Scan(&tq); err != nil {
			return "", err
		}
		if tq != nil && *tq != "" {
			if neg[i] {
				parts = append(parts, "!("+*tq+")")
			} else {
				parts = append(parts, "("+*tq+")")
			}
		}
		i++
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return strings.Join(parts, " & "), nil
}

// dateConds adds q's date terms on a table's day and month columns, and
// for a day range the publication instants it can hold (a day in any zone
// lies within a day either side of the same day in UTC): a range of the
// date order's own index, which a filter on day alone would scan.
func dateConds(f *filter, q *model.Query, prefix string) {
	const dayNs = int64(86400) * 1e9
	for _, d := range q.Dates {
		if !d.Negate && d.Month == 0 {
			switch d.Op {
			case model.DateOn:
				f.and(fmt.Sprintf("%srev_pub > %s AND %srev_pub <= %s", prefix, f.arg(-int64(d.To+1)*dayNs), prefix, f.arg(-int64(d.From-1)*dayNs)))
			case model.DateAfter:
				f.and(prefix + "rev_pub <= " + f.arg(-int64(d.From-1)*dayNs))
			case model.DateBefore:
				f.and(prefix + "rev_pub > " + f.arg(-int64(d.From+1)*dayNs))
			}
		}
		var c string
		switch {
		case d.Month != 0:
			c = prefix + "month = " + f.arg(int16(d.Month))
		case d.Op == model.DateOn:
			c = fmt.Sprintf("%sday >= %s AND %sday < %s", prefix, f.arg(int32(d.From)), prefix, f.arg(int32(d.To)))
		case d.Op == model.DateAfter:
			c = prefix + "day >= " + f.arg(int32(d.From))
		default:
			c = prefix + "day < " + f.arg(int32(d.From))
		}
		if d.Negate {
			c = fmt.Sprintf("(%sday IS NULL OR NOT (%s))", prefix, c)
		}
		f.and(c)
	}
}

// articleFilter is q over articles (alias a).
func (s *Store) articleFilter(ctx context.Context, q *model.Query, f *filter) error {
	rest, sources := splitSourceTerms(q)
	tq, err := textQuery(ctx, s.pool, rest, articleWeights)
	if err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	if tq != "" {
		f.and("a.tsv @@ " + f.arg(tq) + "::tsquery")
	}
	for _, t := range sources {
		c, err := s.sourceCond(ctx, t, f)
		if err != nil {
			return err
		}
		if c != "" {
			f.and(c)
		}
	}
	dateConds(f, q, "a.")
	return nil
}

// defaultCountTrust: an estimate of 20,000 rows or more, and of more than
// 1 % of the table, is taken as a long list without counting it. Counting
// its first 1,001 rows would read them — each row's search vector, as many
// again as the first window (45 of 90 ms for a speaker qualifier at 2M) —
// to show the estimate all the same. The share keeps the planner's guess
// for a word it has no statistics on (a typo, a new name: 0.5 % of the
// rows, 50,000 at 10M) counted, as it may match nothing.
const (
	defaultCountTrust = 20 * smallList
	countTrustShare   = 0.01
)

// estimate is the planner's count of the rows of from+where (0 when its
// plan shows none).
func (s *Store) estimate(ctx context.Context, from string, f *filter) (int, error) {
	var plan string
	if err := s.pool.QueryRow(ctx, fmt.Sprintf(`EXPLAIN SELECT 1 FROM %s WHERE %s`, from, f.where()), f.args...).Scan(&plan); err != nil {
		return 0, err
	}
	if m := planRows.FindStringSubmatch(plan); m != nil {
		if v, err := strconv.Atoi(m[1]); err == nil {
			return v, nil
		}
	}
	return 0, nil
}

// count returns the exact number of rows of from+where up to smallList,
// or the planner's estimate beyond (estimated true); see countEstimated.
func (s *Store) count(ctx context.Context, from string, f *filter, total int64) (n int, estimated bool, err error) {
	est, err := s.estimate(ctx, from, f)
	if err != nil {
		return 0, false, err
	}
	return s.countEstimated(ctx, from, f, est, total)
}

// countEstimated is count with the planner's estimate est known: a list
// estimated at s.countTrust rows or more, and at more than
// countTrustShare of the table's total rows, is taken as long without
// counting.
func (s *Store) countEstimated(ctx context.Context, from string, f *filter, est int, total int64) (n int, estimated bool, err error) {
	// Only beyond smallList: an estimate of a short list that is long
	// would take the short list's plan and lose rows.
	if s.countTrust > 0 && est >= max(s.countTrust, smallList+1) && float64(est) > countTrustShare*float64(total) {
		return est, true, nil
	}
	err = s.pool.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s LIMIT %d) t`, from, f.where(), smallList+1), f.args...).Scan(&n)
	if err != nil || n <= smallList {
		return n, false, err
	}
	return max(est, n), true, nil
}

var planRows = regexp.MustCompile(`rows=(\d+)`)

// order is a list's sort: the key columns (ascending), and how to group.
type order struct {
	cols []string // key columns, in order, all ascending
	desc []string // the same, descending (for the window before a row)
}

func newOrder(cols ...string) order {
	o := order{cols: cols}
	for _, c := range cols {
		o.desc = append(o.desc, c+" DESC")
	}
	return o
}

var storyOrders = map[browse.Sort]order{
	browse.SortDate:   newOrder("a.rev_pub", "a.ident"),
	browse.SortSource: newOrder("a.src_key", "a.rev_pub", "a.ident"),
	browse.SortQuotes: newOrder("(-a.quotes)", "a.rev_pub", "a.ident"),
}

// keyset is the condition "after (or before) the row whose key values
// are vals" on o's columns: a row comparison B-tree indexes use.
func (o order) keyset(f *filter, vals []any, after, inclusive bool) string {
	args := make([]string, len(vals))
	for i, v := range vals {
		args[i] = f.arg(v)
	}
	op := ">"
	if !after {
		op = "<"
	}
	if inclusive {
		op += "="
	}
	return fmt.Sprintf("(%s) %s (%s)", strings.Join(o.cols, ", "), op, strings.Join(args, ", "))
}

// storyRow is what a story row carries.
type storyRow struct {
	id               int32
	item             browse.StoryItem
	day              *int32
	srcKey           string
	revPub           int64
	quotes           int32
	hasSource, dated bool
	timed            bool
	// In the by-story order: the row's place, its story (nil: in none
	// with another) and the story's header.
	ord   int32
	story *int32
	head  string
}

const storyCols = `a.id, a.ident, a.title, a.title_derived, a.source, a.rev_pub, a.zone_offset, a.zone_name, a.precision, a.quotes, a.day, a.src_key`

// byStoryFrom and byStoryCols are the by-story order's join and columns.
const (
	byStoryFrom = `articles a JOIN story_articles sa ON sa.article = a.id LEFT JOIN stories st ON st.rank = sa.story`
	byStoryCols = `, sa.ord, sa.story, coalesce(st.label, ''), coalesce(st.sources, '{}'), coalesce(cardinality(st.articles), 0)`
)

func scanStory(rows pgx.Rows) (storyRow, error) { return scanStoryRow(rows, false) }

func scanStoryRow(rows pgx.Rows, byStory bool) (storyRow, error) {
	var r storyRow
	var offset int32
	var zone string
	var prec int16
	dest := []any{&r.id, &r.item.ID, &r.item.Title, &r.item.TitleDerived, &r.item.Source, &r.revPub, &offset, &zone, &prec, &r.quotes, &r.day, &r.srcKey}
	var label string
	var sources []string
	var members int32
	if byStory {
		dest = append(dest, &r.ord, &r.story, &label, &sources, &members)
	}
	err := rows.Scan(dest...)
	if byStory {
		r.head = browse.SinglesHeader
		if r.story != nil {
			if len(sources) == 0 {
				sources = nil
			}
			r.head = browse.StoryHeader(&stories.Story{Label: label, Sources: sources, Articles: make([]string, members)})
		}
	}
	r.item.DatePrecision = model.Precision(prec)
	r.item.Quotes = int(r.quotes)
	if r.revPub != math.MaxInt64 {
		r.item.Published = publishedAt(r.revPub, zone, offset)
	}
	return r, err
}

func publishedAt(revPub int64, zone string, offset int32) time.Time {
	return time.Unix(0, -revPub).In(time.FixedZone(zone, int(offset)))
}

func (r storyRow) key(s browse.Sort) []any {
	switch s {
	case browse.SortSource:
		return []any{r.srcKey, r.revPub, r.item.ID}
	case browse.SortQuotes:
		return []any{-r.quotes, r.revPub, r.item.ID}
	case browse.SortStory:
		return []any{r.ord}
	}
	return []any{r.revPub, r.item.ID}
}

// Stories implements browse.Store.
func (s *Store) Stories(ctx context.Context, sq browse.StoriesQuery) (*browse.StoryList, error) {
	return s.stories(ctx, sq, defaultStoryPlan())
}

// stories is Stories with the figures that choose its plan (tests force
// each plan with theirs).
func (s *Store) stories(ctx context.Context, sq browse.StoriesQuery, plan storyPlan) (*browse.StoryList, error) {
	var f filter
	if err := s.articleFilter(ctx, &sq.Query, &f); err != nil {
		return nil, err
	}
	articleMarks(&f, &sq.Query, sq.Marks, sq.Keep)
	st, err := readStats(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	l := &browse.StoryList{Query: sq.Query, Sort: sq.Sort, Total: int(st.stories), Selected: -1, SourceWidth: st.sourceWidth}
	if !sq.Query.Empty() {
		est, err := s.estimate(ctx, "articles a", &f)
		if err != nil {
			return nil, err
		}
		// A count beyond smallList is at least smallList+1: sparse by
		// that, as by the estimate.
		if plan.sparse(&f, max(est, smallList+1), st.stories) {
			// A sparse word's estimate is often the planner's default for
			// a word it has no statistics on (0.5 % of the articles, 10,000
			// at 2M for a word in 2,351): count it up to plan.exactUpTo
			// instead, from the text index alone, and size the slices from
			// that (at 2M: 2,351 exact, and 10 instead of 27 ms).
			upTo := max(plan.exactUpTo, smallList)
			n, err := s.countSparse(ctx, &f, upTo)
			if err != nil {
				return nil, err
			}
			l.Matched, l.Estimated = n, n > upTo
			if l.Estimated {
				l.Matched = max(est, n)
			}
		} else if l.Matched, l.Estimated, err = s.countEstimated(ctx, "articles a", &f, est, st.stories); err != nil {
			return nil, err
		}
	} else {
		l.Matched = int(st.stories)
	}
	read, err := s.readAmong(ctx, f, sq.Marks)
	if err != nil {
		return nil, err
	}
	l.Unread = max(l.Matched-read, 0)
	o, ok := storyOrders[sq.Sort]
	from, cols := "articles a", storyCols
	byStory := false
	switch {
	case sq.Sort == browse.SortStory && s.grouped:
		o, from, cols, byStory = newOrder("sa.ord"), byStoryFrom, storyCols+byStoryCols, true
	case !ok: // by story without stories (Info().NoStories): by date
		sq.Sort, l.Sort = browse.SortDate, browse.SortDate
		o = storyOrders[browse.SortDate]
	}
	query := func(db rowsQuerier, extra string, fe filter, desc bool, limit int) ([]storyRow, error) {
		order := o.cols
		if desc {
			order = o.desc
		}
		where := fe.where()
		if extra != "" {
			where += " AND " + extra
		}
		rows, err := db.Query(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT %d`,
			cols, from, where, strings.Join(order, ", "), limit), fe.args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []storyRow
		for rows.Next() {
			r, err := scanStoryRow(rows, byStory)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	// A sparse text filter by date is read slice by slice (storyslice.go).
	var slices *dateSlices
	if sq.Sort == browse.SortDate && !byStory && l.Matched > smallList && plan.sparse(&f, l.Matched, st.stories) {
		if slices, err = s.newDateSlices(ctx, l.Matched, plan); err != nil {
			return nil, err
		}
	}
	// fetch reads rows from the key from (its rev_pub; nil: an end of
	// the list), which extra's keyset condition names.
	fetch := func(extra string, fe filter, desc bool, limit int, from *int64) ([]storyRow, error) {
		if slices != nil {
			return slices.fetch(ctx, s, query, extra, fe, desc, limit, from)
		}
		return query(s.pool, extra, fe, desc, limit)
	}
	var rows []storyRow
	switch {
	case l.Matched <= smallList:
		if rows, err = fetch("", f, false, smallList+1, nil); err != nil {
			return nil, err
		}
	default:
		var sel *storyRow
		if sq.Select != "" {
			fs := f
			fs.args = append([]any(nil), f.args...)
			found, err := query(s.pool, "a.ident = "+fs.arg(sq.Select), fs, false, 1)
			if err != nil {
				return nil, err
			}
			if len(found) == 1 {
				sel = &found[0]
			}
		}
		switch {
		case sel != nil:
			fb := f
			fb.args = append([]any(nil), f.args...)
			before, err := fetch(o.keyset(&fb, sel.key(sq.Sort), false, false), fb, true, window+1, &sel.revPub)
			if err != nil {
				return nil, err
			}
			fa := f
			fa.args = append([]any(nil), f.args...)
			after, err := fetch(o.keyset(&fa, sel.key(sq.Sort), true, true), fa, false, window+1, &sel.revPub)
			if err != nil {
				return nil, err
			}
			l.Before, l.After = len(before) > window, len(after) > window
			before = before[:min(len(before), window)]
			for i := len(before) - 1; i >= 0; i-- {
				rows = append(rows, before[i])
			}
			rows = append(rows, after[:min(len(after), window)]...)
		case sq.End:
			end, err := fetch("", f, true, 2*window+1, nil)
			if err != nil {
				return nil, err
			}
			l.Before = len(end) > 2*window
			end = end[:min(len(end), 2*window)]
			for i := len(end) - 1; i >= 0; i-- {
				rows = append(rows, end[i])
			}
		default:
			if rows, err = fetch("", f, false, 2*window+1, nil); err != nil {
				return nil, err
			}
			l.After = len(rows) > 2*window
			rows = rows[:min(len(rows), 2*window)]
		}
		// A window that holds the whole list counts it: an estimate taken
		// without counting (count) may have been far off.
		if l.Estimated && !l.Before && !l.After {
			l.Matched, l.Estimated = len(rows), false
			l.Unread = max(l.Matched-read, 0)
		}
	}
	items := make([]browse.StoryItem, 0, len(rows)+len(rows)/4+1)
	var last *storyRow
	for i := range rows {
		r := &rows[i]
		if last == nil || storyGroup(sq.Sort, *last) != storyGroup(sq.Sort, *r) {
			l.Rows = append(l.Rows, browse.Row{Item: -1, Head: int32(len(l.Headers))})
			l.Headers = append(l.Headers, storyHeader(sq.Sort, *r))
			items = append(items, browse.StoryItem{})
		}
		last = r
		if r.item.ID == sq.Select && sq.Select != "" {
			l.Selected = len(l.Rows)
		}
		l.Rows = append(l.Rows, browse.Row{Item: r.id})
		items = append(items, r.item)
		if l.Matched <= smallList {
			if r.item.Source != "" {
				l.Sourced++
			}
			l.Dated = l.Dated || r.item.Dated()
			l.Timed = l.Timed || r.item.DatePrecision == model.PrecisionDateTime && r.item.Dated()
		}
	}
	if l.Matched > smallList {
		l.Sourced = int(float64(l.Matched) * float64(st.sourced) / float64(max(st.stories, 1)))
		l.Dated, l.Timed = st.dated, st.timed
	} else {
		l.SourceWidth = 0
		for _, r := range rows {
			if r.item.Source != "" {
				l.SourceWidth = max(l.SourceWidth, s.sourceWidth(r.item.Source))
			}
		}
	}
	l.State = items
	return l, nil
}

// sourceWidth is the display width of a source name.
func (s *Store) sourceWidth(name string) int { return ansi.StringWidth(strings.TrimSpace(name)) }

func storyGroup(srt browse.Sort, r storyRow) string {
	switch srt {
	case browse.SortStory:
		if r.story == nil {
			return "alone"
		}
		return strconv.Itoa(int(*r.story))
	case browse.SortSource:
		return strings.TrimSpace(r.item.Source)
	case browse.SortQuotes:
		return strconv.Itoa(int(r.quotes))
	}
	if r.day == nil || !r.item.Dated() {
		return "undated"
	}
	return strconv.Itoa(int(*r.day))
}

func storyHeader(srt browse.Sort, r storyRow) string {
	switch srt {
	case browse.SortStory:
		return r.head
	case browse.SortSource:
		if strings.TrimSpace(r.item.Source) == "" {
			return "—"
		}
		return r.item.Source
	case browse.SortQuotes:
		return browse.Plural(int(r.quotes), "quotation", "quotations")
	}
	return dayHeader(r.item.Dated(), r.item.Published)
}

func dayHeader(dated bool, t time.Time) string {
	if !dated {
		return "Undated"
	}
	return t.Format("Monday 2 January 2006")
}

// StoryPage implements browse.Store: the rows come with the list.
func (s *Store) StoryPage(_ context.Context, l *browse.StoryList, from, to int) ([]browse.StoryItem, error) {
	items, ok := l.State.([]browse.StoryItem)
	if !ok {
		return nil, browse.ErrStale
	}
	from, to = bounds(from, to, len(items))
	return items[from:to:to], nil
}

// FindStory implements browse.Store: the row of a story in the list's
// window, or -1 (a browser asks for the window around it: Select).
func (s *Store) FindStory(_ context.Context, l *browse.StoryList, id string) (int, error) {
	items, ok := l.State.([]browse.StoryItem)
	if !ok {
		return -1, browse.ErrStale
	}
	for i, it := range items {
		if it.ID == id && !l.Rows[i].Header() {
			return i, nil
		}
	}
	return -1, nil
}

func bounds(from, to, n int) (int, int) {
	to = min(max(to, 0), n)
	from = min(max(from, 0), to)
	return from, to
}

// Problems implements browse.Store: problems numbered from..to, by their
// position (kept by Finish), not by OFFSET.
func (s *Store) Problems(ctx context.Context, from, to int) ([]model.Problem, error) {
	rows, err := s.pool.Query(ctx, `SELECT path, reason FROM problems WHERE n >= $1 AND n < $2 ORDER BY n`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Problem
	for rows.Next() {
		var p model.Problem
		if err := rows.Scan(&p.Path, &p.Reason); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Article implements browse.Store: one article with its body, removed
// blocks and quotations, fetched when it is opened.
func (s *Store) Article(ctx context.Context, id string) (*model.Article, error) {
	arts, err := s.articles(ctx, "a.ident = $1", []any{id}, true)
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, browse.ErrNotFound
	}
	return arts[0], nil
}

const articleCols = `a.id, a.ident, a.path, a.format, a.url, a.language, a.source, a.credit, a.source_from, a.page_dump,
	a.title, a.title_derived, a.standfirst, a.authors, a.rev_pub, a.zone_offset, a.zone_name, a.precision, a.problems, a.words`

// articles reads articles matching where (alias a), in corpus order, with
// their bodies and quotations when whole.
func (s *Store) articles(ctx context.Context, where string, args []any, whole bool) ([]*model.Article, error) {
	return s.articlesInto(ctx, where, args, whole, nil)
}

// articlesInto is articles, appending each one's row ID to rowIDs when
// it is not nil.
func (s *Store) articlesInto(ctx context.Context, where string, args []any, whole bool, rowIDs *[]int32) ([]*model.Article, error) {
	cols := articleCols
	from := "articles a"
	if whole {
		cols += ", b.paragraphs, b.removed_text, b.removed_reason"
		from += " JOIN bodies b ON b.article = a.id"
	}
	rows, err := s.pool.Query(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s ORDER BY a.rev_pub, a.ident`, cols, from, where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*model.Article
	var ids []int32
	for rows.Next() {
		a, id, err := scanArticle(rows, whole)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if whole && len(out) > 0 {
		if err := s.attachQuotes(ctx, out, ids); err != nil {
			return nil, err
		}
	}
	if rowIDs != nil {
		*rowIDs = ids
	}
	return out, nil
}

func scanArticle(rows pgx.Rows, whole bool) (*model.Article, int32, error) {
	a := &model.Article{}
	var id int32
	var format, zone string
	var revPub int64
	var offset int32
	var prec int16
	var words int32
	dest := []any{&id, &a.ID, &a.Path, &format, &a.URL, &a.Language, &a.Source, &a.Credit, &a.SourceFrom, &a.PageDump,
		&a.Title, &a.TitleDerived, &a.Standfirst, &a.Authors, &revPub, &offset, &zone, &prec, &a.Problems, &words}
	var texts, reasons []string
	if whole {
		dest = append(dest, &a.Body, &texts, &reasons)
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, 0, err
	}
	a.Format = model.Format(format)
	a.DatePrecision = model.Precision(prec)
	if revPub != math.MaxInt64 {
		a.Published = publishedAt(revPub, zone, offset)
	}
	a.WordCount = int(words)
	if len(a.Authors) == 0 {
		a.Authors = nil
	}
	if len(a.Problems) == 0 {
		a.Problems = nil
	}
	if len(a.Body) == 0 {
		a.Body = nil
	}
	for i := range texts {
		a.Removed = append(a.Removed, model.Removed{Text: texts[i], Reason: reasons[i]})
	}
	return a, id, nil
}

const quoteCols = `q.idx, q.kind, q.text, q.speaker, q.mention, q.role, q.cue, q.partial, q.paragraph, q.start_at, q.end_at, q.end_paragraph`

func (s *Store) attachQuotes(ctx context.Context, arts []*model.Article, ids []int32) error {
	byID := make(map[int32]*model.Article, len(ids))
	for i, id := range ids {
		byID[id] = arts[i]
	}
	rows, err := s.pool.Query(ctx, `SELECT q.article, `+quoteCols+` FROM quotes q WHERE q.article = ANY($1) ORDER BY q.article, q.idx`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var art, idx int32
		var kind int16
		var q model.Quote
		if err := rows.Scan(&art, &idx, &kind, &q.Text, &q.Speaker, &q.Mention, &q.Role, &q.Cue, &q.Partial,
			&q.Paragraph, &q.Start, &q.End, &q.EndParagraph); err != nil {
			return err
		}
		q.Kind = model.QuoteKind(kind)
		if a := byID[art]; a != nil {
			a.Quotes = append(a.Quotes, q)
		}
	}
	return rows.Err()
}
