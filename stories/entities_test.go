package stories

import (
	"slices"
	"testing"
)

// TestEntities: each name is told by the hash of its folded words joined
// by spaces, a name of several words by its last word too; titles and
// leading function words are dropped, connectors kept inside a name, and
// a capitalised word opening a sentence is no name on its own.
func TestEntities(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Talks with Mr Tomas Okafor of the union resumed.", []string{"tomas okafor", "okafor"}},
		{"Later Mr Okafor spoke.", []string{"later mr okafor", "okafor"}},
		{"They met the Bank of Veldara and Harbour officials.", []string{"bank of veldara and harbour", "harbour"}},
		{"Dockers struck. The Dock and Harbour Workers' Union said so.", []string{"dock and harbour workers union", "union"}},
		{"Strikes hit Veldara.", []string{"veldara"}},
		{"Veldara was hit.", nil},
		{"Talks resumed in Port Alder on Monday.", []string{"port alder", "alder"}},
		{"Nobody here has a name.", nil},
	} {
		var got []uint64
		entities(tokens(tt.text, nil), func(h uint64) { got = append(got, h) })
		var want []uint64
		for _, n := range tt.want {
			want = append(want, hash64(n))
		}
		if !slices.Equal(got, want) {
			t.Errorf("entities(%q) = %v, want the hashes of %q (%v)", tt.text, got, tt.want, want)
		}
	}
}
