package pgstore

import (
	"context"
	"sort"
	"strings"

	"byline/model"
)

// A reader's marks (is:read, is:unread, is:starred) live in the reader's
// own state database, not here: they come with each query as sets of
// article IDs, and become predicates on those IDs. A reader marks tens or
// thousands of stories, not millions, so the sets travel as arrays.

// markSets are the marks as query arguments.
type markSets struct {
	read, starred []string
	qArt          []string // starred quotations: article IDs
	qIdx          []int32  // and indexes
}

func newMarkSets(m *model.Marks) markSets {
	var s markSets
	if m == nil {
		return s
	}
	s.read, s.starred = keys(m.Read), keys(m.Starred)
	qs := make([]model.QuoteMark, 0, len(m.Quotes))
	for q := range m.Quotes {
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool {
		return qs[i].Article < qs[j].Article || qs[i].Article == qs[j].Article && qs[i].Quote < qs[j].Quote
	})
	for _, q := range qs {
		s.qArt, s.qIdx = append(s.qArt, q.Article), append(s.qIdx, int32(q.Quote))
	}
	return s
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k, on := range m {
		if on {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// statesWhere is q's is: terms as one condition, each term's own from
// cond (given the state and the marks as arguments), negated where the
// term is; "" when q has none.
func statesWhere(q *model.Query, m *model.Marks, cond func(st model.State, s markSets) string) string {
	if len(q.States) == 0 {
		return ""
	}
	s := newMarkSets(m)
	conds := make([]string, 0, len(q.States))
	for _, st := range q.States {
		c := cond(st.State, s)
		if st.Negate {
			c = "NOT (" + c + ")"
		}
		conds = append(conds, c)
	}
	return strings.Join(conds, " AND ")
}

// articleMarks adds q's is: terms over articles (alias a); keep, when set,
// is an article listed whatever its marks.
func articleMarks(f *filter, q *model.Query, m *model.Marks, keep string) {
	c := statesWhere(q, m, func(st model.State, s markSets) string {
		switch st {
		case model.StateRead:
			return "a.ident = ANY(" + f.arg(s.read) + "::text[])"
		case model.StateUnread:
			return "NOT a.ident = ANY(" + f.arg(s.read) + "::text[])"
		}
		return "a.ident = ANY(" + f.arg(s.starred) + "::text[])"
	})
	if c == "" {
		return
	}
	if keep != "" {
		c = "(a.ident = " + f.arg(keep) + " OR " + c + ")"
	}
	f.and(c)
}

// quoteMarks adds q's is: terms over quotations (alias q): is:read and
// is:unread by their article, is:starred the starred quotations. The
// articles' date key comes with their IDs so the quotes' date index
// finds the rows.
func quoteMarks(f *filter, q *model.Query, m *model.Marks) {
	c := statesWhere(q, m, func(st model.State, s markSets) string {
		// (An argument is added only for a condition that uses it: the
		// server cannot type a parameter no condition names.)
		read := func() string {
			return "(q.rev_pub, q.art_ident) IN (SELECT r.rev_pub, r.ident FROM articles r WHERE r.ident = ANY(" + f.arg(s.read) + "::text[]))"
		}
		switch st {
		case model.StateRead:
			return read()
		case model.StateUnread:
			return "NOT " + read()
		}
		return "(q.rev_pub, q.art_ident, q.idx) IN (SELECT r.rev_pub, r.ident, u.i FROM unnest(" + f.arg(s.qArt) + "::text[], " +
			f.arg(s.qIdx) + "::integer[]) u(a, i) JOIN articles r ON r.ident = u.a)"
	})
	if c != "" {
		f.and(c)
	}
}

// speakerMarks adds q's is: terms over speakers (alias s), as Dataset
// reads them: is:read keeps a speaker quoted in a story read, is:unread
// one quoted in a story not read, is:starred one with a starred quotation.
func speakerMarks(f *filter, q *model.Query, m *model.Marks) {
	c := statesWhere(q, m, func(st model.State, ms markSets) string {
		switch st {
		case model.StateRead:
			return "s.key IN (SELECT q.spk_key FROM quotes q JOIN articles r ON r.id = q.article WHERE r.ident = ANY(" + f.arg(ms.read) + "::text[]) AND q.spk_key IS NOT NULL)"
		case model.StateUnread:
			return "EXISTS (SELECT 1 FROM quotes q WHERE q.spk_key = s.key AND NOT q.art_ident = ANY(" + f.arg(ms.read) + "::text[]))"
		}
		return "s.key IN (SELECT q.spk_key FROM unnest(" + f.arg(ms.qArt) + "::text[], " + f.arg(ms.qIdx) +
			"::integer[]) u(a, i) JOIN articles r ON r.ident = u.a JOIN quotes q ON (q.rev_pub, q.art_ident, q.idx) = (r.rev_pub, r.ident, u.i) WHERE q.spk_key IS NOT NULL)"
	})
	if c != "" {
		f.and(c)
	}
}

// readAmong counts the read articles among those f keeps (alias a): the
// unread count is the list's count less these.
func (s *Store) readAmong(ctx context.Context, f filter, m *model.Marks) (int, error) {
	if m == nil || len(m.Read) == 0 {
		return 0, nil
	}
	fr := cloneFilter(f)
	fr.and("a.ident = ANY(" + fr.arg(keys(m.Read)) + "::text[])")
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a WHERE `+fr.where(), fr.args...).Scan(&n)
	return n, err
}
