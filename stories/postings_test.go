package stories

import (
	"slices"
	"testing"
)

// TestPostingLists: each counted key whose count is in range has its
// values in the order put; any other key has no list and what is put
// under it is dropped.
func TestPostingLists(t *testing.T) {
	freq := map[string]int32{"a": 2, "b": 3, "c": 2, "rare": 1, "common": 9}
	p := newPostingLists[string, int](freq, 1, 3)
	for _, k := range []string{"b", "a", "b", "c", "b", "rare", "common"} {
		p.count(k)
	}
	p.layout()
	for i, k := range []string{"b", "x", "a", "b", "c", "b", "rare", "common"} {
		p.put(k, i)
	}
	p.filled()
	for _, tt := range []struct {
		key  string
		want []int
	}{{"a", []int{2}}, {"b", []int{0, 3, 5}}, {"c", []int{4}}, {"x", nil}, {"rare", nil}, {"common", nil}} {
		if got := p.list(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("list(%q) = %v, want %v", tt.key, got, tt.want)
		}
		if got := p.has(tt.key); got != (tt.want != nil) {
			t.Errorf("has(%q) = %v", tt.key, got)
		}
	}
}
