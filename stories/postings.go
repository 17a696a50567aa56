package stories

import "slices"

// postingLists are lists of values by key in one array: each key's entries
// are counted first (count), the array laid out once (layout), then filled
// (put) — one allocation, not a growing slice per key.
//
// Only keys of some frequency get a list: those whose count in freq (the
// caller's table of how many items have each key) is in (lo, hi]. The
// table then serves as the index too: a key's entry becomes -1-n, n the
// number of its list, so there is one map, not a second one of slots. A
// key without a list keeps its count; a value put under it is dropped.
type postingLists[K comparable, V any] struct {
	freq   map[K]int32 // a key's count, or -1-(its list's number)
	lo, hi int32
	start  []int32 // list n is items[start[n]:start[n+1]]
	fill   []int32 // where each list's next value goes, while filling
	items  []V
}

// newPostingLists makes lists for the keys of freq whose count is in
// (lo, hi]; freq's final counts must be in it, and it is changed.
func newPostingLists[K comparable, V any](freq map[K]int32, lo, hi int32) *postingLists[K, V] {
	return &postingLists[K, V]{freq: freq, lo: lo, hi: hi}
}

// count adds one entry to key k's list, if k is to have one.
func (p *postingLists[K, V]) count(k K) {
	v := p.freq[k]
	switch {
	case v < 0:
		p.start[-1-v]++
	case v > p.lo && v <= p.hi:
		p.freq[k] = -1 - int32(len(p.start))
		p.start = append(p.start, 1)
	}
}

// layout sizes the array for the entries counted; put fills it.
func (p *postingLists[K, V]) layout() {
	total := int32(0)
	for s, c := range p.start {
		p.start[s] = total
		total += c
	}
	p.start = append(p.start, total)
	p.items = make([]V, total)
	p.fill = slices.Clone(p.start[:len(p.start)-1])
}

// put appends v to key k's list, if k was counted.
func (p *postingLists[K, V]) put(k K, v V) {
	if s := p.freq[k]; s < 0 {
		p.items[p.fill[-1-s]] = v
		p.fill[-1-s]++
	}
}

// filled ends the filling (its cursors are let go).
func (p *postingLists[K, V]) filled() { p.fill = nil }

// has reports whether key k has a list (once counted).
func (p *postingLists[K, V]) has(k K) bool { return p.freq[k] < 0 }

// list is key k's list.
func (p *postingLists[K, V]) list(k K) []V {
	s := p.freq[k]
	if s >= 0 {
		return nil
	}
	return p.items[p.start[-1-s]:p.start[-s]]
}
