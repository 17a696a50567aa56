package stories

import "slices"

// postingLists are lists of values by key in one array: each key's entries
// are counted first (count), the array laid out once (layout), then filled
// (put) — one allocation, not a growing slice per key. A key never counted
// has no list, and a value put under it is dropped.
type postingLists[K comparable, V any] struct {
	slot  map[K]int32 // a key's slot: its list is items[start[s]:start[s+1]]
	start []int32
	fill  []int32 // where each slot's next value goes, while filling
	items []V
}

func newPostingLists[K comparable, V any]() *postingLists[K, V] {
	return &postingLists[K, V]{slot: map[K]int32{}}
}

// count adds one entry to key k's list.
func (p *postingLists[K, V]) count(k K) {
	s, ok := p.slot[k]
	if !ok {
		s = int32(len(p.start))
		p.slot[k] = s
		p.start = append(p.start, 0)
	}
	p.start[s]++
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
	if s, ok := p.slot[k]; ok {
		p.items[p.fill[s]] = v
		p.fill[s]++
	}
}

// filled ends the filling (its cursors are let go).
func (p *postingLists[K, V]) filled() { p.fill = nil }

// list is key k's list.
func (p *postingLists[K, V]) list(k K) []V {
	s, ok := p.slot[k]
	if !ok {
		return nil
	}
	return p.items[p.start[s]:p.start[s+1]]
}
