package pgstore

import (
	"context"
	"fmt"
	"strings"

	"byline/model"
)

// splitSourceTerms takes q's source: terms out of it: the stories list
// answers them with sourceCond, a predicate on the article's source key,
// and the rest of q with the search vector.
func splitSourceTerms(q *model.Query) (rest *model.Query, source []model.Term) {
	var others []model.Term
	for _, t := range q.Terms {
		if t.Field == model.FieldSource {
			source = append(source, t)
		} else {
			others = append(others, t)
		}
	}
	if len(source) == 0 {
		return q, nil
	}
	r := *q
	r.Terms = others
	return &r, source
}

// sourceCond is the condition on articles (alias a) that term t (a
// source: term, negated or not) puts: exactly the rows whose search
// vector its tagged query matches, found from source_tags — the few
// distinct (source, credit) pairs and their tagged words — instead of
// from each row's vector. A source whose every pair matches is one
// src_key (articles_by_source walks it in date order); a pair whose
// credit alone matches adds its credit. "" when t has no word to match
// (it matches every row, as in the search vector).
func (s *Store) sourceCond(ctx context.Context, t model.Term, f *filter) (string, error) {
	var tq *string
	if err := s.pool.QueryRow(ctx, `SELECT byline_tsquery($1, 's')`, t.Text).Scan(&tq); err != nil {
		return "", fmt.Errorf("filter: %w", err)
	}
	if tq == nil || *tq == "" {
		return "", nil
	}
	rows, err := s.pool.Query(ctx, `SELECT src_key, bool_and(hit), array_agg(credit ORDER BY credit) FILTER (WHERE hit)
		FROM (SELECT src_key, credit, tags @@ $1::tsquery AS hit FROM source_tags) t
		GROUP BY src_key HAVING bool_or(hit) ORDER BY src_key`, *tq)
	if err != nil {
		return "", fmt.Errorf("filter: %w", err)
	}
	defer rows.Close()
	var whole, partKeys, partCredits []string
	for rows.Next() {
		var key string
		var all bool
		var credits []string
		if err := rows.Scan(&key, &all, &credits); err != nil {
			return "", fmt.Errorf("filter: %w", err)
		}
		if all {
			whole = append(whole, key)
			continue
		}
		for _, c := range credits {
			partKeys, partCredits = append(partKeys, key), append(partCredits, c)
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("filter: %w", err)
	}
	var parts []string
	switch len(whole) {
	case 0:
	case 1: // an equality the planner can walk articles_by_source by
		parts = append(parts, "a.src_key = "+f.arg(whole[0]))
	default:
		parts = append(parts, "a.src_key = ANY("+f.arg(whole)+"::text[])")
	}
	if len(partKeys) > 0 { // pairs matched by their credit: two arrays, however many
		parts = append(parts, fmt.Sprintf("(a.src_key, %s) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
			creditKeySQL, f.arg(partKeys), f.arg(partCredits)))
	}
	c := "false"
	if len(parts) > 0 {
		c = "(" + strings.Join(parts, " OR ") + ")"
	}
	if t.Negate {
		c = "NOT " + c
	}
	return c, nil
}
