package stories

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"byline/model"
)

// invented returns n sentences of invented words, the same for a seed.
func invented(seed uint64, n int) []string {
	words := strings.Fields("harbour ferry council orrin tidal ledger quarry marsh beacon pilot " +
		"warden sluice granary pier lantern convoy ballast rigging dredger tollgate almanac " +
		"furnace lighthouse estuary crane barge foundry causeway signal mooring")
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	out := make([]string, n)
	for i := range out {
		w := make([]string, 8+r.IntN(6))
		for k := range w {
			w[k] = words[r.IntN(len(words))]
		}
		out[i] = strings.Join(w, " ") + "."
	}
	return out
}

// copyOf is base with its sentences from..to replaced by others of its own
// and one closing sentence of its own.
func copyOf(base []string, seed uint64, from, to int) string {
	s := append([]string(nil), base...)
	repl := invented(seed, len(s)+1)
	for i := from; i < to && i < len(s); i++ {
		s[i] = repl[i]
	}
	return strings.Join(append(s, repl[len(s)]), " ")
}

// TestFoldNearCopies: near-copies are folded into one representative
// before any pair is scored, exactly as far as the relation "the same
// text" of similarity reaches (checked against every pair, by brute
// force), and the folded texts are still in their representative's
// story.
func TestFoldNearCopies(t *testing.T) {
	base := invented(1, 20)
	other := invented(2, 20)
	const day = "2025-03-0%dT09:00:00Z"
	type doc struct{ when, body string }
	tests := []struct {
		name       string
		docs       []doc
		wantFolded int
	}{
		{"six copies, a line of their own each", []doc{
			{"", copyOf(base, 10, 0, 0)}, {"", copyOf(base, 11, 0, 0)}, {"", copyOf(base, 12, 0, 0)},
			{"", copyOf(base, 13, 0, 0)}, {"", copyOf(base, 14, 0, 0)}, {"", copyOf(base, 15, 0, 0)}}, 5},
		{"two texts, unrelated", []doc{{"", copyOf(base, 10, 0, 0)}, {"", copyOf(other, 11, 0, 0)}}, 0},
		{"two texts, three copies each", []doc{
			{"", copyOf(base, 10, 0, 0)}, {"", copyOf(other, 11, 0, 0)}, {"", copyOf(base, 12, 0, 0)},
			{"", copyOf(other, 13, 0, 0)}, {"", copyOf(base, 14, 0, 0)}, {"", copyOf(other, 15, 0, 0)}}, 4},
		{"the same text on two days", []doc{{fmt.Sprintf(day, 1), copyOf(base, 10, 0, 0)}, {fmt.Sprintf(day, 9), copyOf(base, 10, 0, 0)}}, 1},
		{"a copy a week later, a line apart", []doc{{fmt.Sprintf(day, 1), copyOf(base, 10, 0, 0)}, {fmt.Sprintf(day, 8), copyOf(base, 11, 0, 0)}}, 1},
		{"too short to tell", []doc{{"", "Ferry delayed at Orrin pier today."}, {"", "Ferry delayed at Orrin pier tonight."}}, 0},
		// A fifth rewritten: MinHash similarity between nearDuplicate and
		// sameTextAnyDay, so the dates decide.
		{"a fifth rewritten, undated", []doc{{"", copyOf(base, 10, 0, 0)}, {"", copyOf(base, 11, 0, 4)}}, 1},
		{"a fifth rewritten, the same day", []doc{{fmt.Sprintf(day, 1), copyOf(base, 10, 0, 0)}, {fmt.Sprintf(day, 1), copyOf(base, 11, 0, 4)}}, 1},
		{"a fifth rewritten, a week apart", []doc{{fmt.Sprintf(day, 1), copyOf(base, 10, 0, 0)}, {fmt.Sprintf(day, 8), copyOf(base, 11, 0, 4)}}, 0},
		{"half rewritten, the same day", []doc{{fmt.Sprintf(day, 1), copyOf(base, 10, 0, 0)}, {fmt.Sprintf(day, 1), copyOf(base, 11, 0, 10)}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var arts []*model.Article
			for i, d := range tt.docs {
				arts = append(arts, article(fmt.Sprintf("a/%d", i), "", d.when, fmt.Sprintf("Harbour report %c", 'A'+i), d.body))
			}
			set := Build(arts, Options{})
			// By brute force: the nodes' "same text" relation, its
			// components counted.
			var nodes []*node
			for _, a := range arts {
				f := FeaturesOf(a)
				tm, dated := when(a)
				nodes = append(nodes, &node{text: textKey(a), when: tm, dated: dated, f: &f})
			}
			parent := make([]int, len(nodes))
			for i := range parent {
				parent[i] = i
			}
			var find func(int) int
			find = func(x int) int {
				if parent[x] != x {
					parent[x] = find(parent[x])
				}
				return parent[x]
			}
			for i := range nodes {
				for j := range i {
					a, b := nodes[i], nodes[j]
					s := shingleSimilarity(&a.f.Shingles, &b.f.Shingles)
					far := a.dated && b.dated && a.when.Sub(b.when).Abs() > DefaultWindow
					if a.text == b.text || s >= sameTextAnyDay || s >= nearDuplicate && !far {
						parent[find(i)] = find(j)
					}
				}
			}
			want := 0
			for i := range parent {
				if find(i) != i {
					want++
				}
			}
			if tt.wantFolded >= 0 && want != tt.wantFolded {
				t.Fatalf("the case is not what it says: %d near-copies by brute force, want %d", want, tt.wantFolded)
			}
			if set.Stats.Folded != want {
				t.Errorf("folded %d texts, brute force %d", set.Stats.Folded, want)
			}
			// Every text folded into another is in its story.
			for i := range nodes {
				r := find(i)
				if r == i {
					continue
				}
				si, _ := set.StoryOf(arts[i].ID)
				sr, _ := set.StoryOf(arts[r].ID)
				if si != sr {
					t.Errorf("%s is a near-copy of %s but in another story", arts[i].ID, arts[r].ID)
				}
			}
			t.Logf("%d texts, %d folded, %d pairs scored, %d stories", len(arts), set.Stats.Folded, set.Stats.Pairs, len(set.Stories))
		})
	}
}

// BenchmarkNearCopies: 200 invented texts in 10 near-copies each (a line
// of their own): the build folds them into 200 representatives (their
// words are one small vocabulary, too common to make a candidate pair).
func BenchmarkNearCopies(b *testing.B) {
	var arts []*model.Article
	for k := range 10 {
		for i := range 200 {
			base := invented(uint64(100+i), 20)
			arts = append(arts, article(fmt.Sprintf("c%d/%d", k, i), "", "", fmt.Sprintf("Harbour report %d", i),
				copyOf(base, uint64(1000*k+i), 0, 0)))
		}
	}
	b.ResetTimer()
	var set *Set
	for b.Loop() {
		set = Build(arts, Options{})
	}
	b.ReportMetric(float64(set.Stats.Folded), "folded")
	b.ReportMetric(float64(set.Stats.Pairs), "pairs")
}

// TestFoldedTextBecomesRepresentative: from the kept state, when a
// group's first text goes, the next one (kept as a sketch only) is read
// for its words and the build groups as one from scratch does.
func TestFoldedTextBecomesRepresentative(t *testing.T) {
	base, other := invented(1, 20), invented(2, 20)
	var arts []*model.Article
	for i := range 6 {
		b := base
		if i%2 == 1 {
			b = other
		}
		arts = append(arts, article(fmt.Sprintf("a/%d", i), "", "", fmt.Sprintf("Harbour report %d", i), copyOf(b, uint64(10+i), 0, 0)))
	}
	first := Build(arts, Options{})
	if first.Stats.Folded != 4 {
		t.Fatalf("folded %d, want 4", first.Stats.Folded)
	}
	var buf bytes.Buffer
	if err := first.State.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	state, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	rest := arts[1:] // a/0, its group's first, is gone
	again := Build(rest, Options{Prev: state})
	scratch := Build(rest, Options{})
	if again.Stats.Computed != 1 || again.Stats.Reused != 5 {
		t.Errorf("from the state: %+v, want the new first text alone read", again.Stats)
	}
	if summarise(again) != summarise(scratch) {
		t.Errorf("from the state: %s\nfrom scratch: %s", summarise(again), summarise(scratch))
	}
}
