package browse

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"byline/model"
)

var testNow = time.Date(2022, 1, 20, 12, 0, 0, 0, time.UTC)

func quote(body []string, p int, text, speaker string) model.Quote {
	start := strings.Index(body[p], text)
	if start < 0 {
		panic("quote not in paragraph: " + text)
	}
	return model.Quote{Text: text, Speaker: speaker, Kind: model.KindQuote,
		Paragraph: int32(p), Start: int32(start), End: int32(start + len(text)), EndParagraph: int32(p)}
}

// testCorpus: two sources, a story without a source, an undated one, a
// headline quotation and an unattributed one.
func testCorpus() *model.Corpus {
	day := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, time.UTC) }
	a := &model.Article{ID: "a", Source: "Harbour Daily", Title: "Strike ends at the port", Published: day(20, 9), DatePrecision: model.PrecisionDateTime,
		Body: []string{"“We are back at work,” said Tomas Okafor.", "“It was long,” a docker said."}}
	a.Quotes = []model.Quote{quote(a.Body, 0, "We are back at work,", "Tomas Okafor"), quote(a.Body, 1, "It was long,", "")}
	b := &model.Article{ID: "b", Source: "The Meridian Post", Title: "Minister: ‘a fair deal’", Published: day(20, 7), DatePrecision: model.PrecisionDateTime,
		Body: []string{"“A fair deal for all,” Elena Varga said."}}
	b.Quotes = []model.Quote{quote(b.Body, 0, "A fair deal for all,", "Elena Varga"),
		{Text: "a fair deal", Kind: model.KindHeadline, Paragraph: -1}}
	c := &model.Article{ID: "c", Title: "Letters from the quay", Published: day(18, 0), DatePrecision: model.PrecisionDate,
		Body: []string{"Readers write about the strike."}}
	u := &model.Article{ID: "u", Source: "Harbour Daily", Title: "Undated notes", Body: []string{"Nothing dated."}}
	speakers := []*model.Speaker{
		{Name: "Tomas Okafor", Role: "union leader", Quotes: 1, Sources: []string{"Harbour Daily"}},
		{Name: "Elena Varga", Role: "Harbour Minister", Quotes: 1, Sources: []string{"The Meridian Post"}},
	}
	return model.NewCorpus([]*model.Article{u, c, b, a}, []model.Problem{{Path: "x.bin", Reason: "binary"}}, speakers)
}

var bg = context.Background()

func storyIDs(t *testing.T, d *Dataset, l *StoryList) (ids []string, headers []string) {
	t.Helper()
	items, err := d.StoryPage(bg, l, 0, len(l.Rows))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range l.Rows {
		if r.Header() {
			headers = append(headers, l.Headers[r.Head])
			continue
		}
		ids = append(ids, items[i].ID)
	}
	return ids, headers
}

func TestStories(t *testing.T) {
	d := Prepare(testCorpus())
	for _, tc := range []struct {
		query   string
		sort    Sort
		ids     []string
		headers []string
	}{
		{"", SortDate, []string{"a", "b", "c", "u"}, []string{"Wednesday 20 March 2024", "Monday 18 March 2024", "Undated"}},
		{"", SortSource, []string{"c", "a", "u", "b"}, []string{"—", "Harbour Daily", "The Meridian Post"}},
		{"", SortQuotes, []string{"a", "b", "c", "u"}, []string{"2 quotations", "0 quotations"}},
		{"fair", SortDate, []string{"b"}, []string{"Wednesday 20 March 2024"}},
		{"source:harbour", SortDate, []string{"a", "u"}, []string{"Wednesday 20 March 2024", "Undated"}},
		{"on:2024-03-18", SortDate, []string{"c"}, []string{"Monday 18 March 2024"}},
		{"zzz", SortDate, nil, nil},
	} {
		l, err := d.Stories(bg, StoriesQuery{Query: model.ParseQuery(tc.query, testNow), Sort: tc.sort})
		if err != nil {
			t.Fatal(err)
		}
		ids, headers := storyIDs(t, d, l)
		if !reflect.DeepEqual(ids, tc.ids) || !reflect.DeepEqual(headers, tc.headers) {
			t.Errorf("%q %v: %v under %q, want %v under %q", tc.query, tc.sort, ids, headers, tc.ids, tc.headers)
		}
		if l.Matched != len(tc.ids) || l.Total != 4 {
			t.Errorf("%q: counts %d/%d", tc.query, l.Matched, l.Total)
		}
	}
}

func TestStoriesSelectionAndSourceWidth(t *testing.T) {
	d := Prepare(testCorpus())
	l, _ := d.Stories(bg, StoriesQuery{Sort: SortSource, Select: "u"})
	items, _ := d.StoryPage(bg, l, l.Selected, l.Selected+1)
	if l.Selected < 0 || items[0].ID != "u" {
		t.Errorf("selected row %d holds %+v", l.Selected, items)
	}
	if l.SourceWidth != len("The Meridian Post") {
		t.Errorf("source width %d", l.SourceWidth)
	}
	l, _ = d.Stories(bg, StoriesQuery{Query: model.ParseQuery("letters", testNow), Select: "u"})
	if l.Selected != -1 || l.SourceWidth != 0 {
		t.Errorf("a story without a source: selected %d, source width %d", l.Selected, l.SourceWidth)
	}
}

// TestNarrowingAgrees: filtering within the previous list as a query grows
// gives what filtering from scratch gives.
func TestNarrowingAgrees(t *testing.T) {
	d := Prepare(testCorpus())
	var prev *StoryList
	var prevQ *QuoteList
	for _, q := range []string{"f", "fa", "fai", "fair", "fair d", "fair de"} {
		pq := model.ParseQuery(q, testNow)
		narrowed, _ := d.Stories(bg, StoriesQuery{Query: pq, Narrow: prev})
		scratch, _ := d.Stories(bg, StoriesQuery{Query: pq})
		if !reflect.DeepEqual(narrowed.Rows, scratch.Rows) {
			t.Errorf("%q: narrowed %v, from scratch %v", q, narrowed.Rows, scratch.Rows)
		}
		nq, _ := d.Quotes(bg, QuotesQuery{Query: pq, Scope: ScopeCorpus, Narrow: prevQ})
		sq, _ := d.Quotes(bg, QuotesQuery{Query: pq, Scope: ScopeCorpus})
		if !reflect.DeepEqual(nq.Rows, sq.Rows) {
			t.Errorf("%q quotes: narrowed %v, from scratch %v", q, nq.Rows, sq.Rows)
		}
		prev, prevQ = narrowed, nq
	}
}

func quoteTexts(t *testing.T, d *Dataset, l *QuoteList) (texts, headers []string) {
	t.Helper()
	items, err := d.QuotePage(bg, l, 0, len(l.Rows))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range l.Rows {
		if r.Header() {
			headers = append(headers, l.Headers[r.Head])
			continue
		}
		texts = append(texts, items[i].Quote.Text)
	}
	return texts, headers
}

func TestQuotes(t *testing.T) {
	d := Prepare(testCorpus())
	for _, tc := range []struct {
		name    string
		q       QuotesQuery
		texts   []string
		headers []string
		total   int
	}{
		{"article", QuotesQuery{Scope: ScopeArticle, Article: "a"}, []string{"We are back at work,", "It was long,"}, nil, 2},
		{"article filtered", QuotesQuery{Scope: ScopeArticle, Article: "a", Query: model.ParseQuery("okafor", testNow)}, []string{"We are back at work,"}, nil, 2},
		{"no article", QuotesQuery{Scope: ScopeArticle, Article: "nope"}, nil, nil, 0},
		{"corpus by speaker", QuotesQuery{Scope: ScopeCorpus},
			[]string{"A fair deal for all,", "We are back at work,", "a fair deal", "It was long,"},
			[]string{"Elena Varga", "Tomas Okafor", model.InHeadline, model.SpeakerUnknown}, 4},
		{"corpus by date", QuotesQuery{Scope: ScopeCorpus, Group: GroupDate},
			[]string{"We are back at work,", "It was long,", "A fair deal for all,", "a fair deal"},
			[]string{"Wednesday 20 March 2024"}, 4},
		{"corpus, of the listed stories", QuotesQuery{Scope: ScopeCorpus, Stories: model.ParseQuery("strike", testNow)},
			[]string{"We are back at work,", "It was long,"}, []string{"Tomas Okafor", model.SpeakerUnknown}, 4},
	} {
		l, err := d.Quotes(bg, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		texts, headers := quoteTexts(t, d, l)
		if !reflect.DeepEqual(texts, tc.texts) || !reflect.DeepEqual(headers, tc.headers) || l.Total != tc.total || l.Matched != len(tc.texts) {
			t.Errorf("%s: %q under %q (%d/%d), want %q under %q (total %d)", tc.name, texts, headers, l.Matched, l.Total, tc.texts, tc.headers, tc.total)
		}
	}
}

func TestSpeakers(t *testing.T) {
	d := Prepare(testCorpus())
	names := func(q SpeakersQuery) []string {
		l, err := d.Speakers(bg, q)
		if err != nil {
			t.Fatal(err)
		}
		items, _ := d.SpeakerPage(bg, l, 0, len(l.Rows))
		var out []string
		for _, it := range items {
			out = append(out, it.Name+"/"+it.Role)
		}
		return out
	}
	if got := names(SpeakersQuery{Scope: ScopeCorpus}); !reflect.DeepEqual(got, []string{"Elena Varga/Harbour Minister", "Tomas Okafor/union leader"}) {
		t.Errorf("corpus: %q", got)
	}
	if got := names(SpeakersQuery{Scope: ScopeCorpus, Query: model.ParseQuery("minister", testNow)}); !reflect.DeepEqual(got, []string{"Elena Varga/Harbour Minister"}) {
		t.Errorf("filtered: %q", got)
	}
	if got := names(SpeakersQuery{Scope: ScopeArticle, Article: "a"}); !reflect.DeepEqual(got, []string{"Tomas Okafor/union leader"}) {
		t.Errorf("article: %q", got)
	}
}

func TestStoreBasics(t *testing.T) {
	d := Prepare(testCorpus())
	if a, err := d.Article(bg, "b"); err != nil || a.Title != "Minister: ‘a fair deal’" || len(a.Body) != 1 {
		t.Errorf("Article: %v %v", a, err)
	}
	if _, err := d.Article(bg, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	if ps, _ := d.Problems(bg, 0, 10); len(ps) != 1 || ps[0].Path != "x.bin" {
		t.Errorf("problems: %v", ps)
	}
	if info := d.Info(); info.Stories != 4 || info.Quotes != 4 || info.Speakers != 2 || info.Problems != 1 || !info.Final {
		t.Errorf("info: %+v", info)
	}
	// A list belongs to the store that made it.
	l, _ := d.Stories(bg, StoriesQuery{})
	if _, err := Prepare(testCorpus()).StoryPage(bg, l, 0, 1); !errors.Is(err, ErrStale) {
		t.Errorf("a list paged by another store: %v", err)
	}
	// A cancelled filter says so.
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, err := d.Stories(ctx, StoriesQuery{Query: model.ParseQuery("strike", testNow)}); err == nil {
		t.Error("a cancelled filter returned a list")
	}
}

// TestLoader: previews while loading, then the final corpus; an error ends
// the stream.
func TestLoader(t *testing.T) {
	c := testCorpus()
	release := make(chan struct{})
	l := Load(bg, func(ctx context.Context, progress func(model.Progress)) (*model.Corpus, error) {
		progress(model.Progress{Found: 4, Done: 2, Walking: true, Articles: c.Articles[:2]})
		<-release
		return c, nil
	})
	s := l.Next()
	if !s.More || s.Err != nil || s.Store.Info().Stories != 2 || s.Store.Info().Final || s.Store.Info().Done != 2 {
		t.Fatalf("first snapshot: %+v %+v", s, s.Store.Info())
	}
	close(release)
	for s.More {
		s = l.Next()
	}
	if s.Err != nil || !s.Store.Info().Final || s.Store.Info().Stories != 4 || s.Store.Info().Quotes != 4 {
		t.Errorf("final snapshot: %+v", s)
	}
	boom := errors.New("boom")
	l = Load(bg, func(context.Context, func(model.Progress)) (*model.Corpus, error) { return nil, boom })
	if s := l.Next(); s.More || !errors.Is(s.Err, boom) {
		t.Errorf("failed load: %+v", s)
	}
}

// The problems list holds the files that could not be loaded and then the
// articles that loaded with a problem, a record named by its number.
func TestProblemsIncludeArticles(t *testing.T) {
	kept := &model.Article{ID: "menu", Path: "menu.txt", Title: "Menu", Body: []string{"Home"},
		Problems: []string{"no part of the text read as an article; the whole text is kept as the body"}}
	rec := &model.Article{ID: "wire#3", Path: "wire.jsonl", Title: "Rates", Body: []string{"Rates held."},
		Problems: []string{`could not read the date "soon"`}}
	fine := &model.Article{ID: "ok", Path: "ok.txt", Title: "Fine", Body: []string{"Fine."}}
	c := model.NewCorpus([]*model.Article{kept, fine, rec}, []model.Problem{{Path: "bad.bin", Reason: "binary file"}}, nil)
	d := Prepare(c)
	if n := d.Info().Problems; n != 3 {
		t.Fatalf("Info().Problems = %d, want 3", n)
	}
	got, err := d.Problems(context.Background(), 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Problem{
		{Path: "bad.bin", Reason: "binary file"},
		{Path: "menu.txt", Reason: kept.Problems[0]},
		{Path: "wire.jsonl#3", Reason: rec.Problems[0]},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %v\nwant %v", got, want)
	}
}
