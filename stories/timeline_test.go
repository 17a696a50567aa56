package stories

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"byline/model"
)

// TestSureFilled derives sureFilled: from that many filled bins on, every
// MinHash similarity of at least sameTextAnyDay leaves a whole band of
// agreeing bins; one fewer does not.
func TestSureFilled(t *testing.T) {
	bandAgrees := func(n int) bool {
		for same := 0; same <= n; same++ {
			if float64(same)/float64(n) >= sameTextAnyDay && numBins-same >= numBins/bandRows {
				return false
			}
		}
		return true
	}
	for n := sureFilled; n <= numBins; n++ {
		if !bandAgrees(n) {
			t.Errorf("%d bins: a re-publication may agree on no whole band", n)
		}
	}
	if bandAgrees(sureFilled - 1) {
		t.Errorf("sureFilled %d is not the fewest: %d will do", sureFilled, sureFilled-1)
	}
}

// TestTimelineCandidates: which pairs the candidate search scores. Two
// dated articles further apart than the window with only words in
// common are not scored at all; within the window, or with an undated
// one, they are; a re-publication years later is still one story.
func TestTimelineCandidates(t *testing.T) {
	base, other := invented(1, 20), invented(2, 20)
	short := strings.Join(invented(3, 4), " ") // too few shingles for the fold to be sure
	type doc struct{ when, title, body string }
	tests := []struct {
		name       string
		a, b       doc
		wantScored bool
		wantStory  bool
	}{
		{"shared words, years apart", doc{"2015-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-01T09:00:00Z", "Harbour B", copyOf(other, 11, 0, 0)}, false, false},
		{"shared words, a week apart", doc{"2024-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-08T09:00:00Z", "Harbour B", copyOf(other, 11, 0, 0)}, false, false},
		// (The invented texts share a small vocabulary: scored, they link.)
		{"shared words, the same day", doc{"2024-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-01T18:00:00Z", "Harbour B", copyOf(other, 11, 0, 0)}, true, true},
		{"shared words, just inside the window", doc{"2024-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-04T09:00:00Z", "Harbour B", copyOf(other, 11, 0, 0)}, true, true},
		{"shared words, one undated", doc{"2015-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"", "Harbour B", copyOf(other, 11, 0, 0)}, true, true},
		{"shared words, both undated", doc{"", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"", "Harbour B", copyOf(other, 11, 0, 0)}, true, true},
		{"re-published years apart", doc{"2015-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)}, false, true},
		{"re-published years apart, a line its own", doc{"2015-03-01T09:00:00Z", "Harbour A", copyOf(base, 10, 0, 0)},
			doc{"2024-03-01T09:00:00Z", "Harbour B", copyOf(base, 11, 0, 0)}, false, true},
		{"short, re-published years apart under another headline", doc{"2015-03-01T09:00:00Z", "Ferry late", short},
			doc{"2024-03-01T09:00:00Z", "Pier jam", short}, false, true}, // folded
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Filler so that the test's words are not in every article
			// (df 2 of 12, not 2 of 2).
			arts := []*model.Article{article("x/a", "Agencies", tt.a.when, tt.a.title, tt.a.body),
				article("x/b", "The Independent", tt.b.when, tt.b.title, tt.b.body)}
			for i := range 10 {
				arts = append(arts, article(fmt.Sprintf("y/%d", i), "Filler", "", fmt.Sprintf("Filler %d", i),
					fmt.Sprintf("Quarterly figures number %d for the granary district were unremarkable.", i)))
			}
			for _, whole := range []bool{false, true} {
				scored := false
				set := Build(arts, Options{wholeLists: whole, Trace: func(a, b string, s Similarity) {
					if min(a, b) == "x/a" && max(a, b) == "x/b" {
						scored = true
					}
				}})
				sa, _ := set.StoryOf("x/a")
				sb, _ := set.StoryOf("x/b")
				if got := sa == sb; got != tt.wantStory {
					t.Errorf("whole lists %v: one story = %v, want %v", whole, got, tt.wantStory)
				}
				// The whole lists score every pair sharing a rare word.
				if want := tt.wantScored || whole && !tt.wantStory; scored != want {
					t.Errorf("whole lists %v: scored = %v, want %v", whole, scored, want)
				}
			}
		})
	}
}

// TestTimelineSpans: the runs of a posting list each kind of node walks.
func TestTimelineSpans(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	type n struct {
		dated  bool
		when   time.Time
		anyDay bool
	}
	ns := []n{
		{false, time.Time{}, false}, // 0 undated
		{true, day(0), false},       // 1
		{true, day(3), false},       // 2: 72 h after 1
		{true, day(4), false},       // 3
		{true, day(900), false},     // 4: years later
		{true, day(0), true},        // 5: short, on 1's day
		{true, day(900), true},      // 6: short, years later
		{false, time.Time{}, true},  // 7: undated and short
	}
	var nodes []*node
	var anyDay []bool
	var all []int32
	for i, x := range ns {
		nodes = append(nodes, &node{dated: x.dated, when: x.when})
		anyDay = append(anyDay, x.anyDay)
		all = append(all, int32(i))
	}
	tl := newTimeline(nodes, anyDay, DefaultWindow)
	var list []posting
	for _, i := range tl.order(all) {
		list = append(list, posting{node: i})
	}
	walked := func(i int32) []int32 {
		a, b, c := tl.spans(i, list)
		var out []int32
		for _, run := range [][]posting{a, b, c} {
			for _, p := range run {
				out = append(out, p.node)
			}
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		node int32
		want []int32
	}{
		{0, []int32{0, 1, 2, 3, 4, 5, 6, 7}}, // undated: everything
		{7, []int32{0, 1, 2, 3, 4, 5, 6, 7}},
		{1, []int32{0, 1, 2, 5, 7}},    // the undated, and its window
		{2, []int32{0, 1, 2, 3, 5, 7}}, // 72 h either side
		{4, []int32{0, 4, 6, 7}},
		{5, []int32{0, 1, 2, 5, 6, 7}}, // and the short at any date
		{6, []int32{0, 4, 5, 6, 7}},
	} {
		if got := walked(tt.node); !slices.Equal(got, tt.want) {
			t.Errorf("node %d walks %v, want %v", tt.node, got, tt.want)
		}
	}
}

// TestTimelineSameAsWholeLists: on a corpus of texts re-published and
// rewritten across ten years, short and long, dated and undated, the
// timeline's search builds exactly the stories and links the whole lists
// build, scoring fewer pairs.
func TestTimelineSameAsWholeLists(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 15))
	var bases [][]string
	for i := range 40 {
		bases = append(bases, invented(uint64(100+i), 3+r.IntN(18)))
	}
	footer := invented(99, 6)
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []*model.Article
	for i := range 600 {
		b := bases[r.IntN(len(bases))]
		from := r.IntN(len(b) + 1)
		to := from + r.IntN(3)
		body := copyOf(b, uint64(r.IntN(5)), from, to)
		if i%3 == 0 {
			body += " " + strings.Join(footer, " ") // a crowded bucket's shingles
		}
		when := ""
		switch r.IntN(5) {
		case 0: // undated
		case 1: // in a burst
			when = start.Add(time.Duration(r.IntN(4*72)) * time.Hour).Format(time.RFC3339)
		default: // any time in ten years
			when = start.Add(time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour)))).Format(time.RFC3339)
		}
		arts = append(arts, article(fmt.Sprintf("a/%03d", i), fmt.Sprintf("Outlet %d", r.IntN(6)), when,
			fmt.Sprintf("Harbour report %d", r.IntN(30)), body))
	}
	timed := Build(arts, Options{})
	whole := Build(arts, Options{wholeLists: true})
	if !reflect.DeepEqual(timed.Stories, whole.Stories) {
		t.Errorf("the stories differ")
	}
	if !reflect.DeepEqual(timed.State.links, whole.State.links) || !reflect.DeepEqual(timed.State.nodes, whole.State.nodes) {
		t.Errorf("the scored links differ")
	}
	if timed.Stats.Links != whole.Stats.Links {
		t.Errorf("links %d, whole lists %d", timed.Stats.Links, whole.Stats.Links)
	}
	if timed.Stats.AnyDay == 0 {
		t.Errorf("no node searched at any date: the short texts and the crowded bucket are not tested")
	}
	if timed.Stats.Pairs >= whole.Stats.Pairs {
		t.Errorf("pairs scored %d, whole lists %d: the timeline saved nothing", timed.Stats.Pairs, whole.Stats.Pairs)
	}
	t.Logf("%d articles: pairs scored %d (whole lists %d), links %d, %d dated nodes searched at any date, %d stories",
		len(arts), timed.Stats.Pairs, whole.Stats.Pairs, timed.Stats.Links, timed.Stats.AnyDay, len(timed.Stories))
}
