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

// TestQuotePlansMatchDataset lists text-filtered quotations under every
// plan the quotes list can choose (the text index's matches sorted; the
// groups walked, alone or in batches; a walk that gives up for the text
// index after a few quotations, a group or a batch; a speaker qualifier
// foreseen to take the text index; the text index giving up for the walk)
// and checks
// each window, the end window and the counts against the in-memory list.
func TestQuotePlansMatchDataset(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := writeCorpus(t, 2500)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	ctx := context.Background()
	now := time.Now()
	plans := []struct {
		name                                      string
		matchesMax, matchesCap, budget, maxGroups int
		foresee                                   bool
	}{
		{"default", 40000, 100000, 30000, 32, true},
		{"walk", -1, 100000, 30000, 32, false},
		// The groups (833 quotations each) read in batches (all three; one
		// and the next alone, up to the budget), and the text index after
		// a batch read whole.
		{"walk in batches of one group", -1, 100000, 900, 32, false},
		{"walk gives up after a batch", -1, 100000, 900, 1, false},
		{"walk gives up after a few quotations", -1, 100000, 40, 32, false},
		{"walk gives up after a group", -1, 100000, 30000, 1, false},
		// A speaker ranked after others takes the text index when the
		// walk would read more before it than the index in all.
		{"walk, or the text index for a speaker ranked lower", -1, 100000, 30000, 32, true},
		{"text index gives up", 40000, 1100, 30000, 32, true},
	}
	for _, typed := range []string{"see", "will see", "speaker:lindh", "see -ruiz", "about", "-about", "wire"} {
		for _, g := range []browse.Group{browse.GroupSpeaker, browse.GroupDate} {
			base := browse.QuotesQuery{Scope: browse.ScopeCorpus, Group: g, Query: model.ParseQuery(typed, now)}
			want, wantList := plannedKeys(t, func(q browse.QuotesQuery) (*browse.QuoteList, error) { return ds.Quotes(ctx, q) }, ds, base)
			for _, p := range plans {
				list := func(q browse.QuotesQuery) (*browse.QuoteList, error) {
					return pgstore.QuotesPlanned(ctx, st, q, p.matchesMax, p.matchesCap, p.budget, p.maxGroups, p.foresee)
				}
				got, gotList := plannedKeys(t, list, st, base)
				name := fmt.Sprintf("%q %v, %s", typed, g, p.name)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: %d rows, want %d; first difference at %d", name, len(got), len(want), firstDiff(got, want))
					continue
				}
				if gotList.Estimated != (len(want) > 1000) || !gotList.Estimated && gotList.Matched != wantList.Matched {
					t.Errorf("%s: matched %d (estimated %v), want %d", name, gotList.Matched, gotList.Estimated, wantList.Matched)
				}
				// The end window ends the list.
				e := base
				e.Where.End = true
				l, err := list(e)
				if err != nil {
					t.Fatal(err)
				}
				keys := windowKeys(t, st, l)
				if len(want) > 1000 && (!l.Before || l.After || len(keys) != 600) || len(keys) > len(want) ||
					strings.Join(keys, "\n") != strings.Join(want[len(want)-len(keys):], "\n") {
					t.Errorf("%s: end window of %d rows (before %v, after %v) is not the list's last", name, len(keys), l.Before, l.After)
				}
			}
		}
	}
}

// plannedKeys walks a list window after window (each around the last row
// of the one before), checks each window is a run of the list, and returns
// the list's "header article#index" keys and its first window.
func plannedKeys(t *testing.T, list func(browse.QuotesQuery) (*browse.QuoteList, error), st browse.Store, q browse.QuotesQuery) ([]string, *browse.QuoteList) {
	t.Helper()
	var out []string
	var first *browse.QuoteList
	at := map[string]int{}
	for range 1000 {
		l, err := list(q)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = l
		}
		keys := windowKeys(t, st, l)
		start := len(out)
		if len(keys) > 0 {
			if i, ok := at[keys[0]]; ok {
				start = i
			} else if q.Where.Set {
				t.Fatalf("%q: a window around a row starts with %s, not in the list so far", q.Query.Raw, keys[0])
			}
		}
		for k, key := range keys {
			switch {
			case start+k < len(out) && out[start+k] != key:
				t.Fatalf("%q: window row %d is %s, the list had %s", q.Query.Raw, k, key, out[start+k])
			case start+k >= len(out):
				at[key] = len(out)
				out = append(out, key)
			}
		}
		if !l.After {
			return out, first
		}
		q.Where = browse.Where{Around: l.Rows[len(l.Rows)-1].Item, Set: true}
	}
	t.Fatal("the list never ended")
	return nil, nil
}

func windowKeys(t *testing.T, st browse.Store, l *browse.QuoteList) []string {
	t.Helper()
	items, err := st.QuotePage(context.Background(), l, 0, len(l.Rows))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	head := ""
	for i, r := range l.Rows {
		if r.Header() {
			head = l.Headers[r.Head]
			continue
		}
		keys = append(keys, fmt.Sprintf("%s %s#%d", head, items[i].ArticleID, items[i].Index))
	}
	return keys
}
