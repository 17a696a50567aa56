package pgstore

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/jackc/pgx/v5"

	"byline/browse"
	"byline/model"
)

// quoteRow is a quotation row of a corpus list.
type quoteRow struct {
	id     int32
	item   browse.QuoteItem
	grp    string
	rank   int32
	revPub int64
	day    *int32
}

const quoteRowCols = `q.id, q.idx, q.kind, q.text, q.speaker, q.mention, q.role, q.cue, q.partial, q.paragraph, q.start_at, q.end_at,
	q.end_paragraph, q.grp, q.rev_pub, q.art_ident, q.day, a.source, a.title, a.zone_offset, a.zone_name, a.precision,
	coalesce((SELECT e.others FROM quote_echoes e WHERE e.article = q.article AND e.idx = q.idx), 0)`

func scanQuoteRow(rows pgx.Rows, withRank bool) (quoteRow, error) {
	var r quoteRow
	var idx int32
	var kind, prec int16
	var offset int32
	var zone string
	var echoes int32
	q := &r.item.Quote
	dest := []any{&r.id, &idx, &kind, &q.Text, &q.Speaker, &q.Mention, &q.Role, &q.Cue, &q.Partial, &q.Paragraph, &q.Start, &q.End,
		&q.EndParagraph, &r.grp, &r.revPub, &r.item.ArticleID, &r.day, &r.item.Source, &r.item.Title, &offset, &zone, &prec, &echoes}
	if withRank {
		dest = append(dest, &r.rank)
	}
	err := rows.Scan(dest...)
	q.Kind = model.QuoteKind(kind)
	r.item.Index = int(idx)
	r.item.Echoes = int(echoes)
	r.item.Precision = model.Precision(prec)
	if r.revPub != math.MaxInt64 {
		r.item.Published = publishedAt(r.revPub, zone, offset)
	}
	return r, err
}

// quoteFilter is q (and the stories query, in corpus scope) over quotes
// (alias q).
func (s *Store) quoteFilter(ctx context.Context, qq *browse.QuotesQuery, f *filter) error {
	f.and("q.quotation")
	tq, err := textQuery(ctx, s.pool, &qq.Query, quoteWeights)
	if err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	if tq != "" {
		f.and("q.tsv @@ " + f.arg(tq) + "::tsquery")
	}
	dateConds(f, &qq.Query, "q.")
	quoteMarks(f, &qq.Query, qq.Marks)
	if !qq.Stories.Empty() {
		var sf filter
		sf.args = f.args
		if err := s.articleFilter(ctx, &qq.Stories, &sf); err != nil {
			return err
		}
		articleMarks(&sf, &qq.Stories, qq.Marks, "")
		f.args = sf.args
		f.and("q.article IN (SELECT a.id FROM articles a WHERE " + sf.where() + ")")
	}
	return nil
}

// Quotes implements browse.Store.
func (s *Store) Quotes(ctx context.Context, qq browse.QuotesQuery) (*browse.QuoteList, error) {
	return s.quotes(ctx, qq, defaultQuotePlan())
}

// quotes is Quotes with the figures that choose its plan (tests force
// each plan with theirs).
func (s *Store) quotes(ctx context.Context, qq browse.QuotesQuery, plan quotePlan) (*browse.QuoteList, error) {
	l := &browse.QuoteList{Query: qq.Query, Scope: qq.Scope, Group: qq.Group}
	if qq.Scope == browse.ScopeArticle {
		return s.articleQuotes(ctx, qq, l)
	}
	var f filter
	if err := s.quoteFilter(ctx, &qq, &f); err != nil {
		return nil, err
	}
	st, err := readStats(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	l.Total = int(st.quotations)
	bySpeaker := qq.Group == browse.GroupSpeaker
	text := searchesText(&f, "q")
	var rows []quoteRow
	listed := false
	est := 0
	if text {
		// A text filter chooses its plan from the planner's estimate
		// (quoteplan.go).
		if est, err = s.estimate(ctx, "quotes q", &f); err != nil {
			return nil, err
		}
		byIndex := est <= plan.matchesMax
		if !byIndex && bySpeaker && plan.foresee && est <= plan.matchesCap {
			if byIndex, err = s.walkMisses(ctx, &qq.Query, est); err != nil {
				return nil, err
			}
		}
		if byIndex {
			if rows, listed, err = s.quotesByMatches(ctx, &qq, f, bySpeaker, est, l, plan); err != nil {
				return nil, err
			}
		}
	}
	switch {
	case listed:
	case qq.Query.Empty() && qq.Stories.Empty():
		l.Matched = int(st.quotations)
	case text: // the estimate is known: count as s.count does without asking again
		if l.Matched, l.Estimated, err = s.countEstimated(ctx, "quotes q", &f, est, st.quotations); err != nil {
			return nil, err
		}
	default:
		if l.Matched, l.Estimated, err = s.count(ctx, "quotes q", &f, st.quotations); err != nil {
			return nil, err
		}
	}
	switch {
	case listed:
	case l.Matched <= smallList:
		order := "q.rev_pub, q.art_ident, q.idx"
		if bySpeaker {
			order = "g.rank, " + order
		}
		rows, err = fetchQuotes(ctx, s.pool, fmt.Sprintf(`SELECT %s, g.rank FROM quotes q JOIN articles a ON a.id = q.article
			JOIN quote_groups g ON g.grp = q.grp WHERE %s ORDER BY %s LIMIT %d`, quoteRowCols, f.where(), order, smallList+1), f.args)
		if err != nil {
			return nil, err
		}
	default:
		rows, l.Before, l.After, err = s.quoteWindow(ctx, qq, f, bySpeaker, text, plan)
		if err != nil {
			return nil, err
		}
	}
	items := make([]browse.QuoteItem, 0, len(rows)+len(rows)/4+1)
	lastKey := ""
	for i, r := range rows {
		key, head := r.grp, r.grp
		if !bySpeaker {
			key, head = "undated", "Undated"
			if r.day != nil && r.item.Precision != model.PrecisionNone {
				key, head = fmt.Sprint(*r.day), dayHeader(true, r.item.Published)
			}
		}
		if i == 0 || key != lastKey {
			l.Rows = append(l.Rows, browse.Row{Item: -1, Head: int32(len(l.Headers))})
			l.Headers = append(l.Headers, head)
			items = append(items, browse.QuoteItem{})
			lastKey = key
		}
		l.Rows = append(l.Rows, browse.Row{Item: r.id})
		items = append(items, r.item)
	}
	l.State = items
	return l, nil
}

// rowsQuerier is a pool or a transaction: what fetchQuotes reads through.
type rowsQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// fetchQuotes runs a query of quoteRowCols and the group's rank.
func fetchQuotes(ctx context.Context, db rowsQuerier, sql string, args []any) ([]quoteRow, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []quoteRow
	for rows.Next() {
		r, err := scanQuoteRow(rows, true)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// quoteWindow pages a long quotes list by key: by date on (rev_pub,
// art_ident, idx); by speaker group after group in rank order, each on
// the same key within its group (walked from Go for a text filter, see
// walkPage).
func (s *Store) quoteWindow(ctx context.Context, qq browse.QuotesQuery, f filter, bySpeaker, walk bool, plan quotePlan) (rows []quoteRow, before, after bool, err error) {
	// The key of the row the window is around.
	var at *quoteRow
	if qq.Where.Set {
		fs := cloneFilter(f)
		found, err := fetchQuotes(ctx, s.pool, fmt.Sprintf(`SELECT %s, g.rank FROM quotes q JOIN articles a ON a.id = q.article
			JOIN quote_groups g ON g.grp = q.grp WHERE %s AND q.id = %s`, quoteRowCols, fs.where(), fs.arg(qq.Where.Around)), fs.args)
		if err != nil {
			return nil, false, false, err
		}
		if len(found) == 1 {
			at = &found[0]
		}
	}
	page := func(from *quoteRow, forward, inclusive bool, limit int) ([]quoteRow, error) {
		if bySpeaker && walk {
			return s.walkPage(ctx, f, from, forward, inclusive, limit, plan)
		}
		fp := cloneFilter(f)
		dir, cmp := "", ">"
		if !forward {
			dir, cmp = " DESC", "<"
		}
		if inclusive {
			cmp += "="
		}
		if !bySpeaker {
			where := fp.where()
			if from != nil {
				where += fmt.Sprintf(" AND (q.rev_pub, q.art_ident, q.idx) %s (%s, %s, %s)", cmp, fp.arg(from.revPub), fp.arg(from.item.ArticleID), fp.arg(int32(from.item.Index)))
			}
			return fetchQuotes(ctx, s.pool, fmt.Sprintf(`SELECT %s, 0 FROM quotes q JOIN articles a ON a.id = q.article WHERE %s
				ORDER BY q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d`, quoteRowCols, where, dir, dir, dir, limit), fp.args)
		}
		inner := fp.where() + " AND q.grp = g.grp"
		outer := "true"
		if from != nil {
			r := fp.arg(from.rank)
			inner += fmt.Sprintf(" AND (g.rank <> %s OR (q.rev_pub, q.art_ident, q.idx) %s (%s, %s, %s))", r, cmp, fp.arg(from.revPub), fp.arg(from.item.ArticleID), fp.arg(int32(from.item.Index)))
			if forward {
				outer = "g.rank >= " + r
			} else {
				outer = "g.rank <= " + r
			}
		}
		return fetchQuotes(ctx, s.pool, fmt.Sprintf(`SELECT %s, g.rank FROM quote_groups g CROSS JOIN LATERAL (
				SELECT q.* FROM quotes q WHERE %s ORDER BY q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d) q
			JOIN articles a ON a.id = q.article
			WHERE %s ORDER BY g.rank%s, q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d`,
			quoteRowCols, inner, dir, dir, dir, limit, outer, dir, dir, dir, dir, limit), fp.args)
	}
	switch {
	case at != nil:
		b, err := page(at, false, false, window+1)
		if err != nil {
			return nil, false, false, err
		}
		a, err := page(at, true, true, window+1)
		if err != nil {
			return nil, false, false, err
		}
		before, after = len(b) > window, len(a) > window
		b = b[:min(len(b), window)]
		for i := len(b) - 1; i >= 0; i-- {
			rows = append(rows, b[i])
		}
		rows = append(rows, a[:min(len(a), window)]...)
	case qq.Where.End:
		e, err := page(nil, false, false, 2*window+1)
		if err != nil {
			return nil, false, false, err
		}
		before = len(e) > 2*window
		e = e[:min(len(e), 2*window)]
		for i := len(e) - 1; i >= 0; i-- {
			rows = append(rows, e[i])
		}
	default:
		rows, err = page(nil, true, false, 2*window+1)
		if err != nil {
			return nil, false, false, err
		}
		after = len(rows) > 2*window
		rows = rows[:min(len(rows), 2*window)]
	}
	return rows, before, after, nil
}

func cloneFilter(f filter) filter {
	return filter{conds: append([]string(nil), f.conds...), args: append([]any(nil), f.args...)}
}

// articleQuotes lists one article's quotations, filtered as Dataset
// filters them (the article's few quotations are matched in memory).
func (s *Store) articleQuotes(ctx context.Context, qq browse.QuotesQuery, l *browse.QuoteList) (*browse.QuoteList, error) {
	l.Article = qq.Article
	a, err := s.Article(ctx, qq.Article)
	if err == browse.ErrNotFound {
		l.State = []browse.QuoteItem{}
		return l, nil
	}
	if err != nil {
		return nil, err
	}
	echoes, err := s.quoteEchoCounts(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var items []browse.QuoteItem
	for k := range a.Quotes {
		q := &a.Quotes[k]
		if !q.IsQuotation() {
			continue
		}
		l.Total++
		if !model.MatchQuote(a, q, &qq.Query) || !qq.Query.MatchState(qq.Marks.IsRead(a.ID), qq.Marks.QuoteStarred(a.ID, k)) {
			continue
		}
		l.Rows = append(l.Rows, browse.Row{Item: int32(k)})
		items = append(items, browse.QuoteItem{ArticleID: a.ID, Index: k, Quote: *q, Source: a.Source, Title: a.Title,
			Published: a.Published, Precision: a.DatePrecision, Echoes: echoes[k]})
		l.Matched++
	}
	l.State = items
	return l, nil
}

// QuotePage implements browse.Store: the rows come with the list.
func (s *Store) QuotePage(_ context.Context, l *browse.QuoteList, from, to int) ([]browse.QuoteItem, error) {
	items, ok := l.State.([]browse.QuoteItem)
	if !ok {
		return nil, browse.ErrStale
	}
	from, to = bounds(from, to, len(items))
	return items[from:to:to], nil
}

// Speakers implements browse.Store.
func (s *Store) Speakers(ctx context.Context, sq browse.SpeakersQuery) (*browse.SpeakerList, error) {
	l := &browse.SpeakerList{Query: sq.Query, Scope: sq.Scope}
	if sq.Scope == browse.ScopeArticle {
		return s.articleSpeakers(ctx, sq, l)
	}
	var f filter
	tq, err := textQuery(ctx, s.pool, &sq.Query, speakerWeights)
	if err != nil {
		return nil, fmt.Errorf("filter: %w", err)
	}
	if tq != "" {
		f.and("s.tsv @@ " + f.arg(tq) + "::tsquery")
	}
	speakerMarks(&f, &sq.Query, sq.Marks)
	st, err := readStats(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	l.Total = int(st.speakers)
	if len(f.conds) == 0 {
		l.Matched = int(st.speakers)
	} else if l.Matched, l.Estimated, err = s.count(ctx, "speakers s", &f, st.speakers); err != nil {
		return nil, err
	}
	fetch := func(fe filter, limit int, desc bool) ([]browse.SpeakerItem, []int32, error) {
		dir := ""
		if desc {
			dir = " DESC"
		}
		rows, err := s.pool.Query(ctx, fmt.Sprintf(`SELECT s.rank, s.name, s.role, s.quotes, s.sources FROM speakers s WHERE %s ORDER BY s.rank%s LIMIT %d`,
			fe.where(), dir, limit), fe.args...)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		var items []browse.SpeakerItem
		var ranks []int32
		for rows.Next() {
			var it browse.SpeakerItem
			var rank, quotes int32
			if err := rows.Scan(&rank, &it.Name, &it.Role, &quotes, &it.Sources); err != nil {
				return nil, nil, err
			}
			it.Quotes = int(quotes)
			if len(it.Sources) == 0 {
				it.Sources = nil
			}
			items = append(items, it)
			ranks = append(ranks, rank)
		}
		return items, ranks, rows.Err()
	}
	var items []browse.SpeakerItem
	var ranks []int32
	switch {
	case l.Matched <= smallList:
		items, ranks, err = fetch(f, smallList+1, false)
	case sq.Where.Set:
		fb := cloneFilter(f)
		fb.and("s.rank < " + fb.arg(sq.Where.Around))
		bi, br, err := fetch(fb, window+1, true)
		if err != nil {
			return nil, err
		}
		fa := cloneFilter(f)
		fa.and("s.rank >= " + fa.arg(sq.Where.Around))
		ai, ar, err := fetch(fa, window+1, false)
		if err != nil {
			return nil, err
		}
		l.Before, l.After = len(bi) > window, len(ai) > window
		for i := min(len(bi), window) - 1; i >= 0; i-- {
			items, ranks = append(items, bi[i]), append(ranks, br[i])
		}
		items, ranks = append(items, ai[:min(len(ai), window)]...), append(ranks, ar[:min(len(ar), window)]...)
	case sq.Where.End:
		ei, er, err := fetch(f, 2*window+1, true)
		if err != nil {
			return nil, err
		}
		l.Before = len(ei) > 2*window
		for i := min(len(ei), 2*window) - 1; i >= 0; i-- {
			items, ranks = append(items, ei[i]), append(ranks, er[i])
		}
	default:
		items, ranks, err = fetch(f, 2*window+1, false)
		l.After = len(items) > 2*window
		items, ranks = items[:min(len(items), 2*window)], ranks[:min(len(ranks), 2*window)]
	}
	if err != nil {
		return nil, err
	}
	for _, r := range ranks {
		l.Rows = append(l.Rows, browse.Row{Item: r})
	}
	l.State = items
	return l, nil
}

// articleSpeakers lists who an article quotes, as Dataset does.
func (s *Store) articleSpeakers(ctx context.Context, sq browse.SpeakersQuery, l *browse.SpeakerList) (*browse.SpeakerList, error) {
	l.Article = sq.Article
	a, err := s.Article(ctx, sq.Article)
	if err == browse.ErrNotFound {
		l.State = []browse.SpeakerItem{}
		return l, nil
	}
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	var items []browse.SpeakerItem
	var names []string
	for _, q := range a.Quotes {
		if !q.IsQuotation() || q.Speaker == "" {
			continue
		}
		k, ok := idx[q.Speaker]
		if !ok {
			k = len(items)
			idx[q.Speaker] = k
			items = append(items, browse.SpeakerItem{Name: q.Speaker, Role: q.Role})
			names = append(names, q.Speaker)
		}
		items[k].Quotes++
		if items[k].Role == "" {
			items[k].Role = q.Role
		}
	}
	known := map[string]*model.Speaker{}
	if len(names) > 0 {
		rows, err := s.pool.Query(ctx, `SELECT name, role, aliases, sources FROM speakers WHERE name = ANY($1)`, names)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			sp := &model.Speaker{}
			if err := rows.Scan(&sp.Name, &sp.Role, &sp.Aliases, &sp.Sources); err != nil {
				rows.Close()
				return nil, err
			}
			known[sp.Name] = sp
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	l.Total = len(items)
	marked := map[string]bool{}
	if len(sq.Query.States) > 0 && len(names) > 0 {
		// The is: terms as the corpus list reads them, on these speakers.
		var f filter
		f.and("s.name = ANY(" + f.arg(names) + "::text[])")
		speakerMarks(&f, &sq.Query, sq.Marks)
		rows, err := s.pool.Query(ctx, `SELECT s.name FROM speakers s WHERE `+f.where(), f.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return nil, err
			}
			marked[name] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var kept []browse.SpeakerItem
	for _, it := range items {
		sp := known[it.Name]
		if sp != nil {
			it.Sources = sp.Sources
			if it.Role == "" {
				it.Role = sp.Role
			}
		}
		if len(it.Sources) == 0 && a.Source != "" {
			it.Sources = []string{a.Source}
		}
		if sp == nil {
			sp = &model.Speaker{Name: it.Name, Role: it.Role, Sources: it.Sources}
		}
		if sq.Query.Empty() || model.MatchSpeaker(sp, model.SpeakerText(sp), &sq.Query) && (len(sq.Query.States) == 0 || marked[it.Name]) {
			kept = append(kept, it)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Quotes > kept[j].Quotes })
	for i := range kept {
		l.Rows = append(l.Rows, browse.Row{Item: int32(i)})
	}
	l.Matched = len(kept)
	l.State = kept
	return l, nil
}

// SpeakerPage implements browse.Store: the rows come with the list.
func (s *Store) SpeakerPage(_ context.Context, l *browse.SpeakerList, from, to int) ([]browse.SpeakerItem, error) {
	items, ok := l.State.([]browse.SpeakerItem)
	if !ok {
		return nil, browse.ErrStale
	}
	from, to = bounds(from, to, len(items))
	return items[from:to:to], nil
}
