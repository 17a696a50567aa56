package pgstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"byline/browse"
	"byline/corpus/demo"
	"byline/index"
	"byline/model"
)

// TestMarksMatchDataset: a reader's marks (from their state database,
// handed with each query) filter the database's lists as they filter the
// in-memory store's: is:read, is:unread, is:starred, negated, with words,
// in every list, the unread count and a story kept listed after reading.
func TestMarksMatchDataset(t *testing.T) {
	st, ds, _ := indexed(t, []index.Root{{Path: "demo", FS: demo.FS()}})
	ctx := context.Background()
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	all, _ := storyIDs(t, ds, browse.StoriesQuery{})
	if len(all) < 6 {
		t.Fatalf("demo has %d stories", len(all))
	}
	marks := &model.Marks{Read: map[string]bool{}, Starred: map[string]bool{}, Quotes: map[model.QuoteMark]bool{}}
	for i, id := range all {
		if i%3 == 0 {
			marks.Read[id] = true
		}
		if i%4 == 1 {
			marks.Starred[id] = true
		}
	}
	// Star the first quotation of a few articles with quotations.
	starredQuotes := 0
	for _, id := range all {
		a, err := ds.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for k := range a.Quotes {
			if a.Quotes[k].IsQuotation() && a.Quotes[k].Speaker != "" {
				marks.Quotes[model.QuoteMark{Article: id, Quote: k}] = true
				starredQuotes++
				break
			}
		}
		if starredQuotes == 3 {
			break
		}
	}
	sq := browse.QuotesQuery{Scope: browse.ScopeCorpus, Query: model.ParseQuery("is:starred", now), Marks: marks}
	if got := quoteList(t, st, sq); len(got) != 1+starredQuotes+countHeads(got) || starredQuotes == 0 {
		t.Errorf("starred quotations: %v, want %d", got, starredQuotes)
	}
	for _, typed := range []string{"is:read", "is:unread", "is:starred", "-is:starred", "-is:read strike", "is:unread -is:starred", "is:read source:lantern"} {
		q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Marks: marks}
		want, _ := storyIDs(t, ds, q)
		got, _ := storyIDs(t, st, q)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("stories %q:\n got %v\nwant %v", typed, got, want)
		}
		lw, _ := ds.Stories(ctx, q)
		lg, err := st.Stories(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if lg.Unread != lw.Unread || lg.Matched != lw.Matched {
			t.Errorf("stories %q: %d matched, %d unread; want %d, %d", typed, lg.Matched, lg.Unread, lw.Matched, lw.Unread)
		}
		for _, g := range []browse.Group{browse.GroupSpeaker, browse.GroupDate} {
			qq := browse.QuotesQuery{Scope: browse.ScopeCorpus, Group: g, Query: model.ParseQuery(typed, now), Marks: marks}
			if want, got := quoteList(t, ds, qq), quoteList(t, st, qq); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("quotes %q %v:\n got %v\nwant %v", typed, g, got, want)
			}
		}
		qs := browse.QuotesQuery{Scope: browse.ScopeCorpus, Stories: model.ParseQuery(typed, now), Marks: marks}
		if want, got := quoteList(t, ds, qs), quoteList(t, st, qs); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("quotes of the stories %q:\n got %v\nwant %v", typed, got, want)
		}
		sq := browse.SpeakersQuery{Scope: browse.ScopeCorpus, Query: model.ParseQuery(typed, now), Marks: marks}
		if want, got := speakerList(t, ds, sq), speakerList(t, st, sq); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("speakers %q:\n got %v\nwant %v", typed, got, want)
		}
	}
	// The story just read stays listed under is:unread (Keep).
	q := browse.StoriesQuery{Query: model.ParseQuery("is:unread", now), Marks: marks, Keep: all[0]}
	want, _ := storyIDs(t, ds, q)
	got, _ := storyIDs(t, st, q)
	if strings.Join(got, " ") != strings.Join(want, " ") || !strings.Contains(strings.Join(got, " "), all[0]) {
		t.Errorf("kept:\n got %v\nwant %v", got, want)
	}
	// No marks: is:read lists nothing, everything is unread.
	l, err := st.Stories(ctx, browse.StoriesQuery{Query: model.ParseQuery("is:read", now)})
	if err != nil || l.Matched != 0 {
		t.Errorf("is:read without marks: %v, %v", l, err)
	}
	l, err = st.Stories(ctx, browse.StoriesQuery{})
	if err != nil || l.Unread != len(all) {
		t.Errorf("unread without marks: %d of %d (%v)", l.Unread, len(all), err)
	}
}

// TestMarksOnLongLists: is: terms over a list long enough to come in
// windows page by key as the words do.
func TestMarksOnLongLists(t *testing.T) {
	dir := writeCorpus(t, 700)
	st, ds, _ := indexed(t, []index.Root{{Path: dir}})
	all, _ := storyIDs(t, ds, browse.StoriesQuery{})
	marks := &model.Marks{Read: map[string]bool{}}
	for i, id := range all {
		if i%7 != 0 {
			marks.Read[id] = true
		}
	}
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	for _, typed := range []string{"is:read", "is:unread"} {
		q := browse.StoriesQuery{Query: model.ParseQuery(typed, now), Marks: marks}
		want, _ := storyIDs(t, ds, q)
		got, _ := storyIDs(t, st, q)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: %d stories, want %d (first difference at %d)", typed, len(got), len(want), firstDiff(got, want))
		}
	}
}

func countHeads(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "## ") {
			n++
		}
	}
	return n
}
