package browse

import (
	"reflect"
	"testing"

	"byline/model"
)

// TestMarks: the is: terms filter every list by the reader's marks, which
// come with the query and are not kept; the unread count follows them.
func TestMarks(t *testing.T) {
	c := testCorpus()
	for _, s := range c.Speakers {
		s.Articles = map[string][]string{"Tomas Okafor": {"a"}, "Elena Varga": {"b"}}[s.Name]
	}
	d := Prepare(c)
	marks := &model.Marks{
		Read:    map[string]bool{"a": true, "c": true},
		Starred: map[string]bool{"b": true},
		Quotes:  map[model.QuoteMark]bool{{Article: "b", Quote: 0}: true},
	}
	stories := func(q string, m *model.Marks, keep string) ([]string, int) {
		t.Helper()
		l, err := d.Stories(bg, StoriesQuery{Query: model.ParseQuery(q, testNow), Marks: m, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		ids, _ := storyIDs(t, d, l)
		return ids, l.Unread
	}
	for _, tc := range []struct {
		q, keep string
		ids     []string
		unread  int
	}{
		{"", "", []string{"a", "b", "c", "u"}, 2},
		{"is:unread", "", []string{"b", "u"}, 2},
		{"is:read", "", []string{"a", "c"}, 0},
		{"is:starred", "", []string{"b"}, 1},
		{"-is:starred is:unread", "", []string{"u"}, 1},
		{"is:unread strike", "", nil, 0},
		{"is:read strike", "", []string{"a", "c"}, 0},
		{"is:unread", "a", []string{"a", "b", "u"}, 2}, // a was just read: it stays
	} {
		ids, unread := stories(tc.q, marks, tc.keep)
		if !reflect.DeepEqual(ids, tc.ids) || unread != tc.unread {
			t.Errorf("stories %q keep %q: %q, %d unread; want %q, %d", tc.q, tc.keep, ids, unread, tc.ids, tc.unread)
		}
	}
	if ids, unread := stories("is:read", nil, ""); ids != nil || unread != 0 {
		t.Errorf("no marks, is:read: %q", ids)
	}
	if _, unread := stories("", nil, ""); unread != 4 {
		t.Errorf("no marks: %d unread, want all 4", unread)
	}

	quotes := func(qq QuotesQuery) []string {
		t.Helper()
		qq.Marks = marks
		l, err := d.Quotes(bg, qq)
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := quoteTexts(t, d, l)
		return texts
	}
	for _, tc := range []struct {
		name  string
		qq    QuotesQuery
		texts []string
	}{
		{"starred", QuotesQuery{Scope: ScopeCorpus, Query: model.ParseQuery("is:starred", testNow)}, []string{"A fair deal for all,"}},
		{"of unread stories", QuotesQuery{Scope: ScopeCorpus, Query: model.ParseQuery("is:unread", testNow)}, []string{"A fair deal for all,", "a fair deal"}},
		{"of read stories, by date", QuotesQuery{Scope: ScopeCorpus, Group: GroupDate, Query: model.ParseQuery("is:read", testNow)}, []string{"We are back at work,", "It was long,"}},
		{"not starred, words", QuotesQuery{Scope: ScopeCorpus, Query: model.ParseQuery("-is:starred fair", testNow)}, []string{"a fair deal"}},
		{"of the unread listed stories", QuotesQuery{Scope: ScopeCorpus, Stories: model.ParseQuery("is:unread", testNow)}, []string{"A fair deal for all,", "a fair deal"}},
		{"article, starred", QuotesQuery{Scope: ScopeArticle, Article: "b", Query: model.ParseQuery("is:starred", testNow)}, []string{"A fair deal for all,"}},
		{"article, unread", QuotesQuery{Scope: ScopeArticle, Article: "a", Query: model.ParseQuery("is:unread", testNow)}, nil},
	} {
		if got := quotes(tc.qq); !reflect.DeepEqual(got, tc.texts) {
			t.Errorf("quotes %s: %q, want %q", tc.name, got, tc.texts)
		}
	}

	speakers := func(q string) []string {
		t.Helper()
		l, err := d.Speakers(bg, SpeakersQuery{Scope: ScopeCorpus, Query: model.ParseQuery(q, testNow), Marks: marks})
		if err != nil {
			t.Fatal(err)
		}
		items, _ := d.SpeakerPage(bg, l, 0, len(l.Rows))
		var out []string
		for _, it := range items {
			out = append(out, it.Name)
		}
		return out
	}
	for q, want := range map[string][]string{
		"is:starred": {"Elena Varga"},
		"is:read":    {"Tomas Okafor"},
		"is:unread":  {"Elena Varga"},
		"-is:read":   {"Elena Varga"},
	} {
		if got := speakers(q); !reflect.DeepEqual(got, want) {
			t.Errorf("speakers %q: %q, want %q", q, got, want)
		}
	}
}

// TestNarrowingWithMarks: a list filtered by marks, then narrowed by a
// word after the marks changed, agrees with filtering from scratch.
func TestNarrowingWithMarks(t *testing.T) {
	d := Prepare(testCorpus())
	before := &model.Marks{Read: map[string]bool{"b": true}}
	after := &model.Marks{Read: map[string]bool{"a": true}}
	prev, err := d.Stories(bg, StoriesQuery{Query: model.ParseQuery("is:unread fa", testNow), Marks: before})
	if err != nil {
		t.Fatal(err)
	}
	narrowed, err := d.Stories(bg, StoriesQuery{Query: model.ParseQuery("is:unread fair", testNow), Marks: after, Narrow: prev})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := d.Stories(bg, StoriesQuery{Query: model.ParseQuery("is:unread fair", testNow), Marks: after})
	a, _ := storyIDs(t, d, narrowed)
	b, _ := storyIDs(t, d, fresh)
	if !reflect.DeepEqual(a, b) || len(b) != 1 {
		t.Errorf("narrowed %q, from scratch %q", a, b)
	}
}
