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

// StoriesPlanned is Stories with the figures that choose its plan: a
// share of articles up to which a text filter is read by date slices,
// and how many matches a first slice is sized for (or its width in ns).
func StoriesPlanned(ctx context.Context, s *Store, sq browse.StoriesQuery, sliceShare float64, sliceAim int, sliceSpan int64, exactUpTo int) (*browse.StoryList, error) {
	return s.stories(ctx, sq, storyPlan{sliceShare: sliceShare, sliceAim: sliceAim, sliceSpan: sliceSpan, exactUpTo: exactUpTo})
}

// SetCountTrust sets the estimate from which a list is not counted.
func SetCountTrust(s *Store, n int) { s.countTrust = n }
