package pgstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"byline/browse"
	"byline/model"
)

// How the quotes list chooses its plan for a text filter. The planner
// alone chooses badly at scale: for a long list by speaker it scans a
// whole speaker's group by bitmap and filters it (the top speaker of a
// million articles has 145,000 quotations), or loops over every group
// when the word is sparse. What the list knows first, the planner's
// estimate of the matches, decides instead:
//
//   - few matches (up to matchesMax): the text index finds them all, their
//     keys alone come back and are sorted here, and only the rows the
//     window shows are read (one scan of the index, which also counts);
//   - many: by speaker, the groups are walked in rank order, each read in
//     key order by its index (quotes_by_group) and filtered, until the
//     window is full; a walk that has read walkBudget quotations without
//     filling it (the matches are rare there) finishes by the text index.
//
// Both give exactly the rows, order and windows of the plain queries in
// quotes.go, which stay for lists without a text term.
type quotePlan struct {
	// matchesMax: an estimate up to this many matches takes the text
	// index; matchesCap: beyond this many (the estimate was low), it gives
	// up for the walk.
	matchesMax, matchesCap int
	// walkBudget quotations read in key order, over at most walkGroups
	// reads, before a walk finishes by the text index.
	walkBudget, walkGroups int
	// foresee: by speaker, a speaker qualifier takes the text index (up
	// to matchesCap) when the speakers table says the walk would read more
	// quotations before the first group it names than the text index
	// reads in all (walkMisses).
	foresee bool
}

// defaultQuotePlan's figures are measured on a million synthetic articles
// (README, "Beyond one machine"): the text index reads about 200,000
// matches a second and sorts them, a walk about 150,000 quotations.
func defaultQuotePlan() quotePlan {
	return quotePlan{matchesMax: 40000, matchesCap: 100000, walkBudget: 30000, walkGroups: 32, foresee: true}
}

// quoteKey is a quotation's place in the list: its group's rank (by
// speaker; ok false when it has no group) and its key.
type quoteKey struct {
	id     int32
	rank   int32
	ok     bool
	revPub int64
	ident  string
	idx    int32
	// whole: the position is past the whole group rank (the walk read all
	// of it); the key is not set.
	whole bool
}

func compareKeys(a, b *quoteKey, bySpeaker bool) int {
	if bySpeaker {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.revPub, b.revPub); c != 0 {
		return c
	}
	if c := strings.Compare(a.ident, b.ident); c != 0 { // COLLATE "C": bytes
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

func rowKey(r *quoteRow) quoteKey {
	return quoteKey{id: r.id, rank: r.rank, ok: true, revPub: r.revPub, ident: r.item.ArticleID, idx: int32(r.item.Index)}
}

// searchesText says whether f searches the text of the table aliased
// alias (the text index's part of the filter).
func searchesText(f *filter, alias string) bool {
	for _, c := range f.conds {
		if strings.HasPrefix(c, alias+".tsv @@ ") {
			return true
		}
	}
	return false
}

// walkMisses says whether the walk by speaker would read more quotations
// before its first match than the text index reads in all (est): when q
// names speakers (speaker:), the groups of the speakers they name are known
// up front, and the quotations of the groups ranked before them (the
// speakers table counts them) are what the walk reads first — a speaker
// ranked fifth lies after 465,000 quotations at a million articles, while
// its own are 67,000. The other groups may still hold a match (a
// quotation whose mention names the speaker), so the walk cannot skip
// them: the text index finds those too.
func (s *Store) walkMisses(ctx context.Context, q *model.Query, est int) (bool, error) {
	var named model.Query
	for _, t := range q.Terms {
		if t.Field == model.FieldSpeaker && !t.Negate {
			named.Terms = append(named.Terms, t)
		}
	}
	tq, err := textQuery(ctx, s.pool, &named, speakerWeights)
	if err != nil || tq == "" {
		return false, err
	}
	var before int64
	err = s.pool.QueryRow(ctx, `SELECT coalesce(sum(quotes), 0) FROM speakers
		WHERE rank < (SELECT min(rank) FROM speakers WHERE tsv @@ $1::tsquery)`, tq).Scan(&before)
	return before > int64(est), err
}

// matchKeys reads the keys of the quotations f matches through the text
// index (only those in a group when grouped; only those after pos in the
// list's order when set, or from pos when inclusive), up to limit+1 of
// them, in no order.
func matchKeys(ctx context.Context, tx pgx.Tx, f filter, bySpeaker, grouped bool, pos *quoteKey, forward, inclusive bool, limit int) ([]quoteKey, error) {
	f = cloneFilter(f)
	join := "LEFT JOIN"
	if grouped {
		join = "JOIN"
	}
	if pos != nil {
		c := ">"
		if !forward {
			c = "<"
		}
		if inclusive {
			c += "="
		}
		if pos.whole { // after (before) the whole group
			f.and(fmt.Sprintf("g.rank %s %s", c[:1], f.arg(pos.rank)))
		} else if bySpeaker {
			f.and(fmt.Sprintf("(g.rank, q.rev_pub, q.art_ident, q.idx) %s (%s, %s, %s, %s)", c, f.arg(pos.rank), f.arg(pos.revPub), f.arg(pos.ident), f.arg(pos.idx)))
		} else {
			f.and(fmt.Sprintf("(q.rev_pub, q.art_ident, q.idx) %s (%s, %s, %s)", c, f.arg(pos.revPub), f.arg(pos.ident), f.arg(pos.idx)))
		}
	}
	rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT q.id, g.rank, q.rev_pub, q.art_ident, q.idx FROM quotes q %s quote_groups g ON g.grp = q.grp
		WHERE %s LIMIT %d`, join, f.where(), limit+1), f.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []quoteKey
	for rows.Next() {
		var k quoteKey
		var rank *int32
		if err := rows.Scan(&k.id, &rank, &k.revPub, &k.ident, &k.idx); err != nil {
			return nil, err
		}
		if rank != nil {
			k.rank, k.ok = *rank, true
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// rowsByID reads the rows of keys, in their order.
func rowsByID(ctx context.Context, tx pgx.Tx, keys []quoteKey) ([]quoteRow, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	ids := make([]int32, len(keys))
	at := make(map[int32]int, len(keys))
	for i, k := range keys {
		ids[i] = k.id
		at[k.id] = i
	}
	rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT %s, coalesce(g.rank, 0) FROM quotes q JOIN articles a ON a.id = q.article
		LEFT JOIN quote_groups g ON g.grp = q.grp WHERE q.id = ANY($1::integer[])`, quoteRowCols), ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]quoteRow, len(keys))
	n := 0
	for rows.Next() {
		r, err := scanQuoteRow(rows, true)
		if err != nil {
			return nil, err
		}
		out[at[r.id]] = r
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n != len(keys) {
		return nil, browse.ErrStale // the corpus changed between the two reads
	}
	return out, nil
}

// readOnlyTx begins a transaction for the list's reads, with settings
// local to it: one snapshot, so the rows of the keys read first are there
// when they are read (a re-index may run meanwhile).
func (s *Store) readOnlyTx(ctx context.Context, settings ...string) (pgx.Tx, error) {
	// No JIT: the plans' costs are high enough for it (a million
	// quotations), and compiling costs 10–100 ms of a keystroke.
	settings = append(settings, "jit = off")
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, err
	}
	// One round trip for them all.
	if _, err := tx.Exec(ctx, "SET LOCAL "+strings.Join(settings, "; SET LOCAL ")); err != nil {
		tx.Rollback(ctx)
		return nil, err
	}
	return tx, nil
}

// quotesByMatches lists the quotations of f when the text index finds
// them all (up to plan.matchesCap): the keys of all, sorted here, then the rows
// of the list (a short one whole, a long one's window). ok is false when
// there are more.
func (s *Store) quotesByMatches(ctx context.Context, qq *browse.QuotesQuery, f filter, bySpeaker bool, est int, l *browse.QuoteList, plan quotePlan) (rows []quoteRow, ok bool, err error) {
	// A bitmap of the matches larger than work_mem turns lossy and makes
	// the heap scan recheck whole pages (twice as slow for "strike talks").
	tx, err := s.readOnlyTx(ctx, "work_mem = '64MB'")
	if err != nil {
		return nil, false, err
	}
	defer tx.Rollback(ctx)
	keys, err := matchKeys(ctx, tx, f, bySpeaker, false, nil, true, false, plan.matchesCap)
	if err != nil || len(keys) > plan.matchesCap {
		return nil, false, err
	}
	// The list by speaker, and any short list, holds only grouped
	// quotations (as the plain queries join quote_groups); the long list by
	// date holds all.
	grouped := slices.DeleteFunc(slices.Clone(keys), func(k quoteKey) bool { return !k.ok })
	slices.SortFunc(grouped, func(a, b quoteKey) int { return compareKeys(&a, &b, bySpeaker) })
	var show []quoteKey
	if len(keys) <= smallList {
		l.Matched = len(keys)
		show = grouped
	} else {
		l.Matched, l.Estimated = max(est, smallList+1), true
		list := grouped
		if !bySpeaker {
			list = keys
			slices.SortFunc(list, func(a, b quoteKey) int { return compareKeys(&a, &b, false) })
		}
		at := -1
		if qq.Where.Set {
			for _, k := range grouped {
				if k.id == qq.Where.Around {
					at, _ = slices.BinarySearchFunc(list, k, func(a, b quoteKey) int { return compareKeys(&a, &b, bySpeaker) })
					break
				}
			}
		}
		switch {
		case at >= 0:
			l.Before, l.After = at > window, len(list)-at > window
			show = list[max(0, at-window):min(len(list), at+window)]
		case qq.Where.End:
			l.Before = len(list) > 2*window
			show = list[max(0, len(list)-2*window):]
		default:
			l.After = len(list) > 2*window
			show = list[:min(len(list), 2*window)]
		}
	}
	rows, err = rowsByID(ctx, tx, show)
	return rows, err == nil, err
}

// walkGroup is a group as the walk reads it: its name, its rank, and the
// quotations the speakers table counts for it (0 when it has no row there:
// other names, headlines, no speaker).
type walkGroup struct {
	grp  string
	rank int32
	size int
}

// walkGroups lists up to n groups in the walk's order from rank at (the
// list's start, or its end when not forward, when at is nil).
func walkGroups(ctx context.Context, tx pgx.Tx, at *int32, forward bool, n int) ([]walkGroup, error) {
	dir, c := "", ">="
	if !forward {
		dir, c = " DESC", "<="
	}
	q := `SELECT g.grp, g.rank, coalesce(s.quotes, 0) FROM quote_groups g LEFT JOIN speakers s ON s.key = lower(g.grp) COLLATE "default"`
	var args []any
	if at != nil {
		q += " WHERE g.rank " + c + " $1"
		args = append(args, *at)
	}
	rows, err := tx.Query(ctx, fmt.Sprintf("%s ORDER BY g.rank%s LIMIT %d", q, dir, n), args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (walkGroup, error) {
		var g walkGroup
		var size int32
		err := r.Scan(&g.grp, &g.rank, &size)
		g.size = int(size)
		return g, err
	})
}

// walkPage is a page of the long list by speaker: limit rows from the row
// from (after it, or before it when not forward; from itself when
// inclusive; the list's start or end when nil), walking the groups in rank
// order, each read in key order (quotes_by_group) and filtered, until the
// page is full. The groups the speakers table counts are read in batches,
// as many groups as the budget covers in one query, which stops reading
// when the page is full (the last, smallest groups are thousands a
// million quotations, one query each was the end window's cost); a group
// larger than the budget, or one it does not count, is read alone, the
// budget's worth at most. After plan.walkBudget quotations read, or
// plan.walkGroups reads, it takes the rest from the text index.
func (s *Store) walkPage(ctx context.Context, f filter, from *quoteRow, forward, inclusive bool, limit int, plan quotePlan) ([]quoteRow, error) {
	// Without bitmaps, a group is read in its index's order and the read
	// stops when the page is full; with them the planner reads the whole
	// group (its estimate of a group is the average one).
	tx, err := s.readOnlyTx(ctx, "enable_bitmapscan = off", "enable_seqscan = off")
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	dir, c := "", ">"
	if !forward {
		dir, c = " DESC", "<"
	}
	op := c
	if inclusive {
		op += "="
	}
	var at *int32
	if from != nil {
		at = &from.rank
	}
	var groups []walkGroup
	var out []quoteRow
	budget := plan.walkBudget
	var pos *quoteKey // where the walk stopped: the rest is after it
	stopped := false
	list := 16
	for reads := 0; ; reads++ {
		if len(groups) == 0 {
			// The next groups: a few, then more each time.
			if groups, err = walkGroups(ctx, tx, at, forward, list); err != nil {
				return nil, err
			}
			if len(groups) == 0 {
				break // every group walked
			}
			next := groups[len(groups)-1].rank + 1
			if !forward {
				next -= 2
			}
			at = &next
			list = min(4*list, 1024)
		}
		if reads == plan.walkGroups || budget <= 0 {
			stopped = true
			break
		}
		// A batch: the next groups the speakers table counts, as many as
		// the budget covers.
		batch, sum := 0, 0
		for batch < len(groups) && groups[batch].size > 0 && sum+groups[batch].size <= budget {
			sum += groups[batch].size
			batch++
		}
		keyed := func(rf *filter, g walkGroup) string {
			if from != nil && g.rank == from.rank {
				return fmt.Sprintf("(q.rev_pub, q.art_ident, q.idx) %s (%s, %s, %s)", op, rf.arg(from.revPub), rf.arg(from.item.ArticleID), rf.arg(int32(from.item.Index)))
			}
			return ""
		}
		if batch > 0 {
			// Its groups one after the other in rank order, each read in
			// key order and filtered (the subquery is not merged: the
			// filter must not choose the text index), until the page is
			// full: the rest of the batch is not read.
			fb := cloneFilter(f)
			names := make([]string, batch)
			for i, g := range groups[:batch] {
				names[i] = g.grp
			}
			inner := "q.quotation AND q.grp = g.grp"
			if k := keyed(&fb, groups[0]); k != "" {
				inner = fmt.Sprintf("%s AND (q.grp <> %s OR %s)", inner, fb.arg(groups[0].grp), k)
			}
			got, err := fetchQuotes(ctx, tx, fmt.Sprintf(`SELECT %s, g.rank FROM (SELECT grp, rank FROM quote_groups WHERE grp = ANY(%s::text[]) ORDER BY rank%s) g
				CROSS JOIN LATERAL (SELECT q.* FROM quotes q WHERE %s ORDER BY q.rev_pub%s, q.art_ident%s, q.idx%s OFFSET 0) q
				JOIN articles a ON a.id = q.article WHERE %s
				ORDER BY g.rank%s, q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d`, quoteRowCols, fb.arg(names), dir, inner, dir, dir, dir,
				fb.where(), dir, dir, dir, dir, limit-len(out)), fb.args)
			if err != nil {
				return nil, err
			}
			out = append(out, got...)
			if len(out) >= limit {
				return out[:limit], nil
			}
			budget -= sum
			last := groups[batch-1]
			pos = &quoteKey{rank: last.rank, ok: true, whole: true}
			groups = groups[batch:]
			continue
		}
		// A large group (or one the speakers table does not count): its
		// quotations in key order, the budget's worth at most, filtered
		// until the page is full.
		g := groups[0]
		groups = groups[1:]
		readOf := func(rf *filter) string {
			inner := "q.quotation AND q.grp = " + rf.arg(g.grp)
			if k := keyed(rf, g); k != "" {
				inner += " AND " + k
			}
			return fmt.Sprintf(`SELECT q.* FROM quotes q WHERE %s ORDER BY q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d`, inner, dir, dir, dir, budget)
		}
		fg := cloneFilter(f)
		read := readOf(&fg)
		got, err := fetchQuotes(ctx, tx, fmt.Sprintf(`SELECT %s, %s::integer FROM (%s) q JOIN articles a ON a.id = q.article WHERE %s
			ORDER BY q.rev_pub%s, q.art_ident%s, q.idx%s LIMIT %d`, quoteRowCols, fg.arg(g.rank), read, fg.where(), dir, dir, dir, limit-len(out)), fg.args)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
		if len(out) >= limit {
			return out[:limit], nil
		}
		// The page is not full: how many quotations that read covered (the
		// group's rest, or the budget), and the last of them.
		var n int
		var last quoteKey
		var fb filter
		err = tx.QueryRow(ctx, fmt.Sprintf(`SELECT n, rev_pub, art_ident, idx FROM (
				SELECT row_number() OVER () AS n, rev_pub, art_ident, idx FROM (%s) s) t
			ORDER BY n DESC LIMIT 1`, strings.Replace(readOf(&fb), "SELECT q.*", "SELECT q.rev_pub, q.art_ident, q.idx", 1)), fb.args...).Scan(&n, &last.revPub, &last.ident, &last.idx)
		if err == pgx.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, err
		}
		budget -= n
		last.rank, last.ok = g.rank, true
		pos = &last
		if budget <= 0 {
			stopped = true // the group may go on past the budget's read
			break
		}
	}
	if !stopped {
		return out, nil // every group walked
	}
	// The rest by the text index: the matches after where the walk
	// stopped (or after from, when it read nothing), sorted here.
	incl := false
	if pos == nil && from != nil {
		k := rowKey(from)
		pos, incl = &k, inclusive
	}
	// (The text index is read by bitmap: bitmaps back on.)
	if _, err := tx.Exec(ctx, "SET LOCAL enable_bitmapscan = on; SET LOCAL work_mem = '64MB'"); err != nil {
		return nil, err
	}
	keys, err := matchKeys(ctx, tx, f, true, true, pos, forward, incl, 10*plan.matchesCap)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(keys, func(a, b quoteKey) int {
		if forward {
			return compareKeys(&a, &b, true)
		}
		return compareKeys(&b, &a, true)
	})
	rest, err := rowsByID(ctx, tx, keys[:min(len(keys), limit-len(out))])
	if err != nil {
		return nil, err
	}
	return append(out, rest...), nil
}
