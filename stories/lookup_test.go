package stories

import (
	"slices"
	"testing"
	"time"
)

// TestCopiesAnswerForTheirText: an exact copy of an article (the same
// file held twice, or the same text published again later) is found by
// its own ID: in its original's story, its quotation in the same echo,
// listed among the echo's copies. An unknown ID has neither.
func TestCopiesAnswerForTheirText(t *testing.T) {
	arts := threeOutlets()
	paper := arts[1]
	twin := *paper // the same file held twice
	twin.ID = "mirror/paper-1"
	later := *paper // the same text, a day later
	later.ID = "reprint/paper-1"
	later.Published = later.Published.Add(24 * time.Hour)
	arts = append(arts, &twin, &later)
	set := Build(arts, Options{})

	want, ok := set.EchoOf("paper/1", 0)
	if !ok {
		t.Fatal("the paper's quotation is no echo")
	}
	story, _ := set.StoryOf("paper/1")
	for _, id := range []string{"mirror/paper-1", "reprint/paper-1"} {
		if e, ok := set.EchoOf(id, 0); !ok || e != want {
			t.Errorf("EchoOf(%s) = %v, %v; want the paper's echo", id, e, ok)
		}
		if s, ok := set.StoryOf(id); !ok || s != story {
			t.Errorf("StoryOf(%s) = %v, %v; want the paper's story", id, s, ok)
		}
		if !slices.Contains(want.Others("paper/1"), id) {
			t.Errorf("%s is not among the echo's articles: %v", id, want.Others("paper/1"))
		}
	}
	if _, ok := set.EchoOf("paper/1", 1); ok {
		t.Error("a quotation the article does not have has an echo")
	}
	if _, ok := set.StoryOf("nowhere/1"); ok {
		t.Error("an unknown article has a story")
	}
	if _, ok := set.EchoOf("nowhere/1", 0); ok {
		t.Error("an unknown article has an echo")
	}
}

// TestGroupArticles: each group's articles in one run, in order; an
// empty group has none.
func TestGroupArticles(t *testing.T) {
	of := []int32{2, 0, 2, 1, 2, 0}
	g := groupArticles(len(of), 4, func(i int32) int32 { return of[i] })
	for k, want := range [][]int32{{1, 5}, {3}, {0, 2, 4}, nil} {
		if got := g.of(int32(k)); !slices.Equal(got, want) {
			t.Errorf("group %d = %v, want %v", k, got, want)
		}
	}
}
