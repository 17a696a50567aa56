package stories

import (
	"slices"
	"time"
)

// Near-copies are found before any pair is scored, as exact copies are
// by their hash: texts whose MinHash bins agree in a band of bandRows
// bins are candidates, and a candidate pair is checked on all the bins.
// With 32 bands of 2 rows, two texts with half their shingles in common
// are candidates with probability 1-(1-0.5²)³² > 0.9999; unrelated
// texts share a band almost never (two 32-bit minima of one bin each).
const (
	bandRows = 2
	// maxBucketChecks bounds the checks of one text against earlier ones
	// in its bucket: a bucket of thousands (a corpus of one long footer)
	// costs linear, not quadratic, time.
	maxBucketChecks = 256
)

// foldNearCopies returns each node's representative: the first node of
// its group of near-copies, and whether the fold may have missed one of
// its re-publications (see anyDay). Two nodes are near-copies as similarity
// scored them "the same text": the same text at any two times, MinHash
// similarity of at least sameTextAnyDay at any two times, or at least
// nearDuplicate when one is undated or they are within window. Groups
// are the connected components of that relation, as the must-links of
// average-link clustering were.
//
// The candidate search leans on this: two dated nodes further apart than
// the window link only as re-publications (shingles >= sameTextAnyDay),
// and those this fold joins, with two exceptions it reports in anyDay
// (by node, for every node of the text): a text whose sketch has fewer
// than sureFilled bins, where two re-publications need not agree on a
// whole band, and a text in a bucket too crowded to check every pair in
// it. Two re-publications left apart are both such texts: the search
// looks for a reported node's partners at any date among the other
// reported ones.
func foldNearCopies(nodes []*node, texts int, window time.Duration) (rep []int32, anyDay []bool) {
	parent := make([]int32, len(nodes))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		a, b = find(a), find(b)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	// One entry per distinct text; a text at several times is one text.
	first := make([]int32, texts) // a text's first node, by text number
	for t := range first {
		first[t] = -1
	}
	var firsts []int32
	others := map[int32][]int32{} // a text's first node -> its other nodes
	unsure := make([]bool, texts) // by text number: anyDay
	for i, n := range nodes {
		if j := first[n.textNum]; j >= 0 {
			union(j, int32(i))
			others[j] = append(others[j], int32(i))
			continue
		}
		first[n.textNum] = int32(i)
		filled := 0
		for _, v := range n.f.Shingles {
			if v != emptyBin {
				filled++
			}
		}
		if filled >= numBins/4 { // shingleSimilarity's floor
			firsts = append(firsts, int32(i))
		}
		unsure[n.textNum] = filled < sureFilled
	}
	near := func(a, b int32) bool {
		s := shingleSimilarity(&nodes[a].f.Shingles, &nodes[b].f.Shingles)
		if s >= sameTextAnyDay {
			return true
		}
		if s < nearDuplicate {
			return false
		}
		for _, x := range append([]int32{a}, others[a]...) {
			for _, y := range append([]int32{b}, others[b]...) {
				nx, ny := nodes[x], nodes[y]
				if !nx.dated || !ny.dated || nx.when.Sub(ny.when).Abs() <= window {
					return true
				}
			}
		}
		return false
	}
	type entry struct {
		key  uint64
		node int32
	}
	band := make([]entry, 0, len(firsts))
	for b := 0; b < numBins; b += bandRows {
		band = band[:0]
		for _, i := range firsts {
			sh := &nodes[i].f.Shingles
			if sh[b] == emptyBin || sh[b+1] == emptyBin {
				continue
			}
			band = append(band, entry{uint64(sh[b])<<32 | uint64(sh[b+1]), i})
		}
		slices.SortFunc(band, func(x, y entry) int {
			if x.key != y.key {
				if x.key < y.key {
					return -1
				}
				return 1
			}
			return int(x.node - y.node)
		})
		for lo := 0; lo < len(band); {
			hi := lo + 1
			for hi < len(band) && band[hi].key == band[lo].key {
				hi++
			}
			if hi-lo > maxBucketChecks+1 { // not every pair is checked
				for _, e := range band[lo:hi] {
					unsure[nodes[e.node].textNum] = true
				}
			}
			for i := lo + 1; i < hi; i++ {
				for j := max(lo, i-maxBucketChecks); j < i; j++ {
					a, c := band[i].node, band[j].node
					if find(a) != find(c) && near(a, c) {
						union(a, c)
					}
				}
			}
			lo = hi
		}
	}
	rep = make([]int32, len(nodes))
	anyDay = make([]bool, len(nodes))
	for i, n := range nodes {
		rep[i] = find(int32(i))
		anyDay[i] = unsure[n.textNum]
	}
	return rep, anyDay
}

// sureFilled is the fewest filled bins a sketch needs for every text
// with shingleSimilarity >= sameTextAnyDay to it to agree with it on a
// whole band (and so share a bucket with it): the two have n >= filled
// bins not both empty and agree on same >= sameTextAnyDay*n of them, and
// numBins-same disagreeing bins cannot spoil all numBins/bandRows bands
// when numBins-same < numBins/bandRows (TestSureFilled derives it).
const sureFilled = 41
