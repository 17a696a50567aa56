package pgstore

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// How the stories list reads a window of a sparse text filter by date.
//
// A filter the planner answers from the date index reads rows in date
// order and checks each one's search vector (3.5 kB, stored out of line)
// until the window is full: cheap when most rows match, and for a word
// in 1 in 100 articles 60,000 rows. So the planner answers such a word
// from the text index instead, reading every match from the table and
// sorting them — 11,000 rows at 1M articles, ten times as many at 10M.
// Neither is bounded as the corpus grows. A sparse filter (estimated at
// most storyPlan.sliceShare of the articles) is read instead slice by
// slice of publication time, each slice the text index's matches ANDed
// with the date index's range (a BitmapAnd: only matches in the slice
// are read from the table): the first slice is sized to hold about
// sliceAim matches at the filter's average density, and each next one
// four times wider, until the window is full. What a window costs then
// follows the window, not the corpus. Slices are disjoint ranges of
// rev_pub read in order, so the rows, their order and the windows are
// those of one query (TestSlicedStoriesMatchDataset).

// storyPlan holds the figures that choose the stories list's plan.
type storyPlan struct {
	// sliceShare: a text filter estimated to match at most this share of
	// the articles is read by date slices (0: never).
	sliceShare float64
	// sliceAim is how many matches the first slice is sized to hold;
	// sliceSpan, when not 0, is its width instead (in rev_pub, ns).
	sliceAim  int
	sliceSpan int64
	// exactUpTo: a sparse filter is counted exactly up to this many
	// articles (countSparse).
	exactUpTo int
}

// defaultStoryPlan: at 1M articles a word in 1 in 20 articles is read in
// date order through about 12,000 rows for a window of 601, the walk's
// limit of what stays well within 100 ms; sparser words are sliced.
func defaultStoryPlan() storyPlan {
	return storyPlan{sliceShare: 0.05, sliceAim: 2*(2*window+1) + 1, exactUpTo: 3 * smallList}
}

// dateSlices is the dated range of rev_pub (newest lo, oldest hi) and the
// width of a first slice.
type dateSlices struct {
	lo, hi, span int64
}

// newDateSlices sizes the slices for a filter estimated to match matched
// articles; nil when the corpus has no dated article.
func (s *Store) newDateSlices(ctx context.Context, matched int, plan storyPlan) (*dateSlices, error) {
	var lo, hi *int64
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT rev_pub FROM articles ORDER BY rev_pub LIMIT 1),
		(SELECT rev_pub FROM articles WHERE rev_pub < $1 ORDER BY rev_pub DESC LIMIT 1)`, int64(math.MaxInt64)).Scan(&lo, &hi)
	if err != nil || lo == nil || hi == nil || *lo >= math.MaxInt64 {
		return nil, err
	}
	width := float64(*hi) - float64(*lo) + 1
	if width > 1<<62 { // dates centuries apart: no slice arithmetic near overflow
		return nil, nil
	}
	span := int64(width * math.Min(1, float64(plan.sliceAim)/float64(max(matched, 1))))
	if plan.sliceSpan != 0 {
		span = plan.sliceSpan
	}
	return &dateSlices{lo: *lo, hi: *hi, span: max(span, 1)}, nil
}

// storyFetch reads rows of the list: where (with extra, when not ""),
// ordered (desc: backwards), at most limit, through db.
type storyFetch func(db rowsQuerier, extra string, fe filter, desc bool, limit int) ([]storyRow, error)

// fetch reads what fetch(extra, fe, desc, limit) reads, slice by slice
// from the key from (its rev_pub; nil: from the start, or from the end
// when desc), in one read-only transaction: one snapshot for all the
// slices (a re-index may commit meanwhile), with the planner kept off
// ordered index scans (each slice is a BitmapAnd of the text index and
// the date range).
func (d *dateSlices) fetch(ctx context.Context, s *Store, fetch storyFetch, extra string, fe filter, desc bool, limit int, from *int64) ([]storyRow, error) {
	tx, err := s.readOnlyTx(ctx, "enable_indexscan = off")
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	var out []storyRow
	err = func() error {
		read := func(conds []string, fs filter) error {
			if extra != "" {
				conds = append([]string{extra}, conds...)
			}
			rows, err := fetch(tx, strings.Join(conds, " AND "), fs, desc, limit-len(out))
			out = append(out, rows...)
			return err
		}
		span := d.span
		grow := func() {
			if span > (d.hi-d.lo)/4 {
				span = d.hi - d.lo + 1
			} else {
				span *= 4
			}
		}
		if !desc {
			// Ascending: [start, start+span), the last slice open above
			// (it holds the undated, whose rev_pub is the largest).
			start, bounded := d.lo, false
			if from != nil {
				start, bounded = *from, true
			}
			for len(out) < limit {
				fs := cloneFilter(fe)
				var conds []string
				if bounded {
					conds = append(conds, "a.rev_pub >= "+fs.arg(start))
				}
				last := start > d.hi || d.hi-start < span
				if !last {
					conds = append(conds, "a.rev_pub < "+fs.arg(start+span))
				}
				if err := read(conds, fs); err != nil || last {
					return err
				}
				start, bounded = start+span, true
				grow()
			}
			return nil
		}
		// Descending: first what lies past the dated range (the undated),
		// then (end-span, end], the last slice open below.
		end := d.hi
		if from == nil || *from > d.hi {
			fs := cloneFilter(fe)
			conds := []string{"a.rev_pub > " + fs.arg(d.hi)}
			if from != nil {
				conds = append(conds, "a.rev_pub <= "+fs.arg(*from))
			}
			if err := read(conds, fs); err != nil {
				return err
			}
		} else {
			end = *from
		}
		for len(out) < limit {
			fs := cloneFilter(fe)
			conds := []string{"a.rev_pub <= " + fs.arg(end)}
			last := end < d.lo || end-d.lo < span
			if !last {
				conds = append(conds, "a.rev_pub > "+fs.arg(end-span))
			}
			if err := read(conds, fs); err != nil || last {
				return err
			}
			end -= span
			grow()
		}
		return nil
	}()
	if err != nil {
		return nil, err
	}
	return out, tx.Commit(ctx)
}

// sparse says whether f searches the articles' text and matches, by the
// count or estimate n, at most p.sliceShare of the total articles: the
// filters counted by countSparse and read by date slices.
func (p storyPlan) sparse(f *filter, n int, total int64) bool {
	return searchesText(f, "a") && float64(n) <= p.sliceShare*float64(max(total, 1))
}

// countSparse counts the articles of a sparse text filter f, up to upTo+1,
// from the text index alone (a bitmap: never a scan of the table or of
// the date index, which would read every row's vector until upTo+1
// matched): the matches' rows and no more, 3,001 at most by default.
func (s *Store) countSparse(ctx context.Context, f *filter, upTo int) (int, error) {
	tx, err := s.readOnlyTx(ctx, "enable_seqscan = off", "enable_indexscan = off")
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	var n int
	if err := tx.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM articles a WHERE %s LIMIT %d) t`, f.where(), upTo+1), f.args...).Scan(&n); err != nil {
		return 0, err
	}
	return n, tx.Commit(ctx)
}
