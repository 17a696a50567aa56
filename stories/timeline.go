package stories

import (
	"math"
	"slices"
	"time"
)

// timeline lets the candidate search of a dated node walk only the part
// of each posting list its window reaches. Two dated nodes further apart
// than the window are not linked unless one re-publishes the other
// (similarity: shingles >= sameTextAnyDay), and those the fold has
// already joined, save the nodes it reports in anyDay (foldNearCopies);
// so a dated node needs of each list only
//   - the undated nodes (content alone links them, at any date),
//   - the dated nodes within its window,
//   - if it is reported itself, every reported dated node.
//
// Each list is filled in the timeline's order (undated, then dated,
// then reported, each by date and node), so those are three runs of it
// found by binary search: the work of a dated corpus grows with the
// articles a window holds, not with the whole corpus.
type timeline struct {
	class []uint8 // by node: undated, dated or anyDay (below)
	at    []int64 // by node: its date in Unix seconds
	reach int64   // the window in whole seconds, and one for the fractions
}

const (
	undatedNode uint8 = iota
	datedNode
	anyDayNode // dated, and its re-publications may not have been folded
)

func newTimeline(nodes []*node, anyDay []bool, window time.Duration) *timeline {
	tl := &timeline{class: make([]uint8, len(nodes)), at: make([]int64, len(nodes))}
	tl.reach = int64((window+time.Second-1)/time.Second) + 1
	for i, n := range nodes {
		switch {
		case !n.dated:
			tl.class[i] = undatedNode
		case anyDay[i]:
			tl.class[i] = anyDayNode
		default:
			tl.class[i] = datedNode
		}
		if n.dated {
			tl.at[i] = n.when.Unix()
		}
	}
	return tl
}

// order sorts nodes in the timeline's order: the order to fill the
// posting lists in.
func (tl *timeline) order(nodes []int32) []int32 {
	out := slices.Clone(nodes)
	slices.SortFunc(out, func(a, b int32) int {
		if tl.class[a] != tl.class[b] {
			return int(tl.class[a]) - int(tl.class[b])
		}
		if tl.at[a] != tl.at[b] {
			if tl.at[a] < tl.at[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	return out
}

// spans are the runs of a list (filled in order) node i's search walks.
// A run may hold nodes a little outside the window (the window is
// rounded up to whole seconds): similarity has the last word.
func (tl *timeline) spans(i int32, list []posting) (a, b, c []posting) {
	if tl.class[i] == undatedNode {
		return list, nil, nil
	}
	classStart := func(c uint8) int {
		lo, hi := 0, len(list)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if tl.class[list[m].node] < c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	dated, reported := classStart(datedNode), classStart(anyDayNode)
	a = list[:dated]
	b = tl.window(i, list[dated:reported])
	if tl.class[i] == anyDayNode {
		c = list[reported:]
	} else {
		c = tl.window(i, list[reported:])
	}
	return a, b, c
}

// window is the run of a list of one class (by date) within reach of
// node i's date.
func (tl *timeline) window(i int32, list []posting) []posting {
	t := tl.at[i]
	from, to := t-tl.reach, t+tl.reach
	if from > t {
		from = math.MinInt64
	}
	if to < t {
		to = math.MaxInt64
	}
	first := func(after func(int64) bool) int {
		lo, hi := 0, len(list)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if !after(tl.at[list[m].node]) {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	lo := first(func(x int64) bool { return x >= from })
	hi := first(func(x int64) bool { return x > to })
	return list[lo:hi]
}
