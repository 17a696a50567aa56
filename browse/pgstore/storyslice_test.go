package pgstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/index"
	"byline/model"
)

// slicedStore is a Store whose stories list takes the date slices for
// every text filter, with first slices sized for aim matches.
type slicedStore struct {
	*pgstore.Store
	aim   int
	span  int64
	exact int
}

func (s slicedStore) Stories(ctx context.Context, sq browse.StoriesQuery) (*browse.StoryList, error) {
	return pgstore.StoriesPlanned(ctx, s.Store, sq, 2, s.aim, s.span, s.exact)
}

// TestSlicedStoriesMatchDataset: a sparse text filter by date, read slice
// by slice of publication time, gives the rows, order, headers and
// windows (after, around, the end) of the in-memory list, with slices
// from narrow (many, growing) to one wide one; and the plan is taken.
func TestSlicedStoriesMatchDataset(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := writeCorpus(t, 2500)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	ctx := context.Background()
	now := time.Now()
	// Slices sized by matches (narrow, many and growing; one wide), and
	// by width: an hour or three, so that slice bounds fall on stories'
	// own publication instants (three a hour, on the hour).
	for _, plan := range []slicedStore{{aim: 3}, {aim: 50}, {aim: 1 << 30}, {span: int64(time.Hour)}, {span: int64(3 * time.Hour)}} {
		sl := slicedStore{st, plan.aim, plan.span, 0}
		aim := fmt.Sprintf("%d/%v", plan.aim, time.Duration(plan.span))
		for _, typed := range []string{"harbour", "strike", "harbour -plain", `"the strike"`, "harbour after:2023-01-02"} {
			q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Sort: browse.SortDate}
			want, wantHeads := storyIDs(t, ds, q)
			got, gotHeads := storyIDs(t, sl, q)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("plan %s, %q: %d stories sliced, %d in memory; first difference at %d", aim, typed, len(got), len(want), firstDiff(got, want))
			}
			if strings.Join(gotHeads, "|") != strings.Join(wantHeads, "|") {
				t.Errorf("plan %s, %q: headers differ", aim, typed)
			}
			if len(want) <= 1000 {
				t.Fatalf("%q: %d stories, not a long list", typed, len(want))
			}
			// Each window exactly, duplicates included: the first, the
			// one around a story in the middle, the end (undated last).
			mid := len(want) / 2
			for _, w := range []struct {
				name string
				sq   browse.StoriesQuery
				want []string
			}{
				{"first", browse.StoriesQuery{Query: q.Query, Sort: browse.SortDate}, want[:600]},
				{"around", browse.StoriesQuery{Query: q.Query, Sort: browse.SortDate, Select: want[mid]}, want[mid-300 : mid+300]},
				{"end", browse.StoriesQuery{Query: q.Query, Sort: browse.SortDate, End: true}, want[len(want)-600:]},
			} {
				l, err := sl.Stories(ctx, w.sq)
				if err != nil {
					t.Fatal(err)
				}
				items, err := st.StoryPage(ctx, l, 0, len(l.Rows))
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for i, r := range l.Rows {
					if !r.Header() {
						ids = append(ids, items[i].ID)
					}
				}
				if strings.Join(ids, " ") != strings.Join(w.want, " ") {
					t.Errorf("plan %s, %q, %s window: %d rows %s…, want %d %s… (first difference at %d)", aim, typed, w.name,
						len(ids), first(ids), len(w.want), first(w.want), firstDiff(ids, w.want))
				}
			}
		}
	}
}

func first(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// TestTrustedEstimates: a list the planner estimates long is not counted
// (its count is the estimate, shown as one); its rows and windows are
// those of a counted list, even where the estimate is far off.
func TestTrustedEstimates(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := writeCorpus(t, 2500)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	ctx := context.Background()
	now := time.Now()
	for _, trust := range []int{1, 100} {
		pgstore.SetCountTrust(st, trust)
		// "-harbour" matches nothing, and the planner estimates it at
		// nearly every story: the window, empty, counts it.
		for _, typed := range []string{"harbour", "plain", `"item 7"`, "strike -plain", "speaker:ruiz", "-plain", "after:2023-01-02", "-zzz", "-harbour"} {
			q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Sort: browse.SortDate}
			want, _ := storyIDs(t, ds, q)
			got, _ := storyIDs(t, st, q)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("trust %d, %q: %d stories, %d in memory; first difference at %d", trust, typed, len(got), len(want), firstDiff(got, want))
			}
			l, err := st.Stories(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) > 1000 && !l.Estimated {
				t.Errorf("trust %d, %q: matched %d, estimated %v (%d in memory)", trust, typed, l.Matched, l.Estimated, len(want))
			}
			if len(want) <= 600 && (l.Estimated || l.Matched != len(want)) {
				t.Errorf("trust %d, %q: %d (estimated %v) for a list of %d a window holds whole", trust, typed, l.Matched, l.Estimated, len(want))
			}
			if !l.Estimated && l.Matched != len(want) {
				t.Errorf("trust %d, %q: counted %d, want %d", trust, typed, l.Matched, len(want))
			}
		}
	}
	pgstore.SetCountTrust(st, 0) // counted again: the exact count of a short list
	l, err := st.Stories(ctx, browse.StoriesQuery{Query: model.ParseQuery("plain", now)})
	if err != nil {
		t.Fatal(err)
	}
	if l.Estimated || l.Matched != 26 {
		t.Errorf("plain, counted: %d, estimated %v; want 26 exact", l.Matched, l.Estimated)
	}
}

// TestSparseCounts: a sparse filter's count beyond the short list is
// exact up to its plan's figure, from the text index, and the planner's
// estimate past it; the rows are the same either way.
func TestSparseCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := writeCorpus(t, 2500)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	ctx := context.Background()
	now := time.Now()
	for _, c := range []struct {
		exact     int
		estimated bool
	}{{5000, false}, {2500, false}, {2499, true}} {
		sl := slicedStore{st, 50, 0, c.exact}
		for _, typed := range []string{"harbour", "harbour -zzz"} {
			q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Sort: browse.SortDate}
			want, _ := storyIDs(t, ds, q)
			l, err := sl.Stories(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if l.Estimated != c.estimated || !c.estimated && l.Matched != len(want) {
				t.Errorf("exact up to %d, %q: %d, estimated %v; want %d, estimated %v", c.exact, typed, l.Matched, l.Estimated, len(want), c.estimated)
			}
			if got, _ := storyIDs(t, sl, q); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("exact up to %d, %q: rows differ", c.exact, typed)
			}
		}
	}
}
