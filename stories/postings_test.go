package stories

import (
	"slices"
	"testing"
)

// TestPostingLists: each counted key's values in the order put; a key
// never counted has no list and what is put under it is dropped.
func TestPostingLists(t *testing.T) {
	p := newPostingLists[string, int]()
	for _, k := range []string{"b", "a", "b", "c", "b"} {
		p.count(k)
	}
	p.layout()
	for i, k := range []string{"b", "x", "a", "b", "c", "b"} {
		p.put(k, i)
	}
	p.filled()
	for _, tt := range []struct {
		key  string
		want []int
	}{{"a", []int{2}}, {"b", []int{0, 3, 5}}, {"c", []int{4}}, {"x", nil}} {
		if got := p.list(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("list(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
