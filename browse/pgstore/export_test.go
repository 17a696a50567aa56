package pgstore

import (
	"context"

	"byline/browse"
)

// QuotesPlanned is Quotes with the figures that choose its plan, so a test
// on a small corpus takes each plan a large one would.
func QuotesPlanned(ctx context.Context, s *Store, qq browse.QuotesQuery, matchesMax, matchesCap, walkBudget, walkGroups int, foresee bool) (*browse.QuoteList, error) {
	return s.quotes(ctx, qq, quotePlan{matchesMax: matchesMax, matchesCap: matchesCap, walkBudget: walkBudget, walkGroups: walkGroups, foresee: foresee})
}
