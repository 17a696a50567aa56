package model

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

func fixture() []*Article {
	est := time.FixedZone("EST", -5*3600)
	arts := []*Article{
		{ID: "ind", Source: "The Independent", Title: "Russia warns of consequences", Authors: []string{"Kim Sengupta"},
			Published: time.Date(2022, 1, 10, 22, 30, 0, 0, est), DatePrecision: PrecisionDateTime,
			Body: []string{"Sergei Ryabkov, Russia’s deputy foreign minister, spoke in Geneva.", "Talks were “difficult”, officials said."},
			Quotes: []Quote{
				{Text: "We are disappointed", Speaker: "Sergei Ryabkov", Mention: "Mr Ryabkov", Kind: KindQuote},
				{Text: "difficult", Kind: KindTerm},
			}},
		{ID: "ag", Source: "Agencies", Credit: "Agencies", Title: "Blinken to meet Lavrov",
			Published: time.Date(2022, 1, 18, 0, 0, 0, 0, time.UTC), DatePrecision: PrecisionDate,
			Body: []string{"The US secretary of state will fly to Genève."},
			Quotes: []Quote{
				{Text: "Diplomacy is the only responsible path", Speaker: "Antony Blinken", Mention: "Blinken", Kind: KindQuote},
				{Text: "We will see", Speaker: "Sergei Lavrov", Kind: KindQuote},
			}},
		{ID: "undated", Source: "Blog", Title: "Notes on the crisis", Body: []string{"Nothing dated here; ryabkov is mentioned in lowercase."}},
	}
	return arts
}

func filterIDs(t *testing.T, arts []*Article, query string) []string {
	t.Helper()
	d := NewArticleDocs(arts)
	q := ParseQuery(query, testNow)
	res, ok := FilterArticles(d, &q, nil, nil)
	if !ok {
		t.Fatal("cancelled")
	}
	var ids []string
	for _, i := range res {
		ids = append(ids, arts[i].ID)
	}
	return ids
}

func TestFilterArticles(t *testing.T) {
	arts := fixture()
	tests := map[string][]string{
		"":                                {"ind", "ag", "undated"},
		"ryabkov":                         {"ind", "undated"},
		"RYÁBKOV":                         {"ind", "undated"},
		"geneve":                          {"ag"},
		"geneva":                          {"ind"},
		`"russia's deputy"`:               {"ind"},
		`"deputy russia's"`:               nil,
		"-ryabkov":                        {"ag"},
		"source:independent":              {"ind"},
		"-source:agencies":                {"ind", "undated"},
		`source:"the independent"`:        {"ind"},
		"speaker:blinken":                 {"ag"},
		"speaker:ryabkov":                 {"ind"},
		"author:sengupta":                 {"ind"},
		"on:2022-01-10":                   {"ind"}, // 22:30 EST on the 10th: its own calendar day
		"on:2022-01-11":                   nil,
		"after:2022-01-11":                {"ag"},
		"before:2022-01-18":               {"ind"},
		"on:jan 2022":                     {"ind", "ag"},
		"-on:jan 2022":                    {"undated"},
		"on:last week":                    {"ag"},
		"lavrov blinken":                  {"ag"},
		"lavrov ryabkov":                  nil,
		"ryabkov -source:blog":            {"ind"},
		"consequences source:independent": {"ind"},
		"difficult":                       {"ind"},
		"after:nonsense":                  {"ind", "ag", "undated"}, // a bad date is ignored
	}
	for query, want := range tests {
		if got := filterIDs(t, arts, query); !reflect.DeepEqual(got, want) {
			t.Errorf("%q = %v, want %v", query, got, want)
		}
	}
}

func TestFilterArticlesWithinAndAppend(t *testing.T) {
	arts := fixture()
	d := NewArticleDocs(arts[:1])
	d.Append(arts[1:])
	if d.Len() != 3 {
		t.Fatalf("Len = %d", d.Len())
	}
	q := ParseQuery("ryabkov", testNow)
	within := NewBitset(3)
	within.Set(2)
	res, _ := FilterArticles(d, &q, within, nil)
	if !reflect.DeepEqual(res, []int32{2}) {
		t.Errorf("within = %v", res)
	}
	_, ok := FilterArticles(d, &q, nil, func() bool { return true })
	if ok {
		t.Error("cancel ignored")
	}
}

func TestFilterAcrossChunks(t *testing.T) {
	arts := synthArticles(3*chunkSize+17, 1, 7)
	d := NewArticleDocs(arts[:100])
	for i := 100; i < len(arts); i += 999 {
		d.Append(arts[i:min(i+999, len(arts))])
	}
	q := ParseQuery("monta", testNow)
	res, _ := FilterArticles(d, &q, nil, nil)
	var want []int32
	for i, a := range arts {
		text := a.Title + " " + a.Standfirst + " " + strings.Join(a.Body, " ") + " " + a.Source + " " + strings.Join(a.Authors, " ")
		for _, q := range a.Quotes {
			text += " " + q.Speaker
		}
		if strings.Contains(Fold(text), "monta") {
			want = append(want, int32(i))
		}
	}
	if len(want) == 0 || !reflect.DeepEqual(res, want) {
		t.Errorf("got %d matches, want %d (>0)", len(res), len(want))
	}
}

func TestFilterQuotes(t *testing.T) {
	arts := fixture()
	ad := NewArticleDocs(arts)
	qd := NewQuoteDocs(arts)
	if qd.Len() != 3 {
		t.Fatalf("quotes = %d, want 3 (terms excluded)", qd.Len())
	}
	texts := func(query string, articles Bitset) []string {
		q := ParseQuery(query, testNow)
		res, _ := FilterQuotes(qd, ad, &q, articles, nil, nil)
		var out []string
		for _, i := range res {
			r := qd.Refs[i]
			out = append(out, arts[r.Article].Quotes[r.Quote].Text)
		}
		return out
	}
	tests := map[string][]string{
		"ryabkov":             {"We are disappointed"}, // speaker
		"mr ryabkov":          {"We are disappointed"}, // mention
		"diplomacy":           {"Diplomacy is the only responsible path"},
		"source:agencies":     {"Diplomacy is the only responsible path", "We will see"},
		"agencies -lavrov":    {"Diplomacy is the only responsible path"},
		"speaker:lavrov":      {"We will see"},
		"author:sengupta":     {"We are disappointed"},
		"on:2022-01-18":       {"Diplomacy is the only responsible path", "We will see"},
		"geneva":              nil, // article body is not quote text
		`"only responsible"`:  {"Diplomacy is the only responsible path"},
		"-speaker:blinken we": {"We are disappointed", "We will see"},
	}
	for query, want := range tests {
		if got := texts(query, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%q = %q, want %q", query, got, want)
		}
		// One quotation matched on its own agrees with the index.
		q := ParseQuery(query, testNow)
		var one []string
		for _, r := range qd.Refs {
			a := arts[r.Article]
			if MatchQuote(a, &a.Quotes[r.Quote], &q) {
				one = append(one, a.Quotes[r.Quote].Text)
			}
		}
		if !reflect.DeepEqual(one, want) {
			t.Errorf("MatchQuote %q = %q, want %q", query, one, want)
		}
	}
	only := NewBitset(3)
	only.Set(1)
	if got := texts("we", only); !reflect.DeepEqual(got, []string{"We will see"}) {
		t.Errorf("articles restriction: %q", got)
	}
}

func TestMatchSpeaker(t *testing.T) {
	s := &Speaker{Name: "Sergei Ryabkov", Aliases: []string{"Mr Ryabkov"}, Role: "deputy foreign minister", Sources: []string{"The Independent"}}
	text := SpeakerText(s)
	for query, want := range map[string]bool{
		"ryabkov": true, "mr ryabkov": true, "deputy": true, "blinken": false,
		"speaker:sergei": true, "source:independent": true, "-source:independent": false, "-blinken": true,
	} {
		q := ParseQuery(query, testNow)
		if got := MatchSpeaker(s, text, &q); got != want {
			t.Errorf("%q = %v, want %v", query, got, want)
		}
	}
}

// synthArticles makes n articles with quotesPer quotations each, seeded.
// Words follow a Zipf distribution over a 5,000-word vocabulary (as words
// do in news text: "the" everywhere, most words rare), and the speakers a
// Zipf distribution over 400 names, so a name like "ryabkov" is in a few
// per cent of the items, as in a real corpus.
func synthArticles(n, quotesPer int, seed int64) []*Article {
	r := rand.New(rand.NewSource(seed))
	common := strings.Fields("the of and to a in that said is was for on with he it as his at by from be have has but not " +
		"are this had they were which an their who been will would its one after or all new people also more two " +
		"minister talks difficult progress possible strike harbour union port city council government bank rates " +
		"economy summit official spokesman agreement negotiations security sanctions pressure warned told reporters " +
		"week month year élan café naïve")
	vocab := append([]string(nil), common...)
	syll := strings.Fields("ka lo mi ne ru sta ver bel an tor gi pe la do rin se mon tal fa cu bri")
	for len(vocab) < 5000 {
		w := ""
		for k := 0; k < 2+r.Intn(3); k++ {
			w += syll[r.Intn(len(syll))]
		}
		vocab = append(vocab, w)
	}
	words := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[words.Uint64()])
		}
		return b.String()
	}
	var speakers []string
	for len(speakers) < 400 {
		speakers = append(speakers, strings.Title(vocab[100+r.Intn(4000)])+" "+strings.Title(vocab[100+r.Intn(4000)]))
	}
	// The names the benchmark types are moderately frequent speakers.
	copy(speakers[20:], []string{"Antony Blinken", "Sergei Ryabkov", "Mara Okafor", "Ilse Lindqvist", "Tomas Varga"})
	who := rand.NewZipf(r, 1.2, 4, uint64(len(speakers)-1))
	sources := []string{"The Independent", "Agencies", "Meridian", "Harbour Times", "Northgate Review"}
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*Article, n)
	for i := range arts {
		a := &Article{
			ID: fmt.Sprintf("a%d", i), Source: sources[r.Intn(len(sources))], Title: sentence(8), Standfirst: sentence(20),
			Authors: []string{"Reporter " + fmt.Sprint(r.Intn(50))}, Published: base.Add(-time.Duration(i) * time.Hour),
			DatePrecision: PrecisionDateTime,
		}
		for range 5 {
			a.Body = append(a.Body, sentence(40))
		}
		for range quotesPer {
			a.Quotes = append(a.Quotes, Quote{Text: sentence(18), Speaker: speakers[who.Uint64()], Kind: KindQuote})
		}
		arts[i] = a
	}
	return arts
}

// keystrokes are the successive filters of typing two queries.
var keystrokes = func() []string {
	var out []string
	for _, q := range []string{"ryabkov", "harbour strike"} {
		for i := 1; i <= len(q); i++ {
			out = append(out, q[:i])
		}
	}
	return out
}()

// typeQueries runs the keystrokes as the TUI does: each filter narrows the
// previous results when the query grew stricter. It returns the slowest.
func typeQueries(b *testing.B, run func(q *Query, within Bitset) []int32, n int) time.Duration {
	var prev *Query
	var prevRes []int32
	var worst time.Duration
	for _, k := range keystrokes {
		q := ParseQuery(k, testNow)
		start := time.Now()
		var within Bitset
		if prev != nil && q.Narrows(prev) {
			within = NarrowSet(prevRes, n)
		}
		prevRes = run(&q, within)
		prev = &q
		worst = max(worst, time.Since(start))
	}
	return worst
}

// BenchmarkFilterStories100k times a keystroke in the stories filter over
// 100k synthetic stories (~1.5 KB of text each), typing two queries letter
// by letter as the TUI runs them (narrowing the previous results).
func BenchmarkFilterStories100k(b *testing.B) {
	arts := synthArticles(100_000, 2, 1)
	d := NewArticleDocs(arts)
	b.ResetTimer()
	var worst time.Duration
	for b.Loop() {
		worst = max(worst, typeQueries(b, func(q *Query, within Bitset) []int32 {
			r, _ := FilterArticles(d, q, within, nil)
			return r
		}, d.Len()))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(keystrokes)), "ms/keystroke")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
}

// BenchmarkFilterQuotes1M: the same over 1M synthetic quotations (100k
// articles × 10).
func BenchmarkFilterQuotes1M(b *testing.B) {
	arts := synthArticles(100_000, 10, 2)
	ad := NewArticleDocs(arts)
	qd := NewQuoteDocs(arts)
	if qd.Len() != 1_000_000 {
		b.Fatalf("quotes = %d", qd.Len())
	}
	b.ResetTimer()
	var worst time.Duration
	for b.Loop() {
		worst = max(worst, typeQueries(b, func(q *Query, within Bitset) []int32 {
			r, _ := FilterQuotes(qd, ad, q, nil, within, nil)
			return r
		}, qd.Len()))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(keystrokes)), "ms/keystroke")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
}

// BenchmarkFilterStories100kFullScan is the worst case: every keystroke
// filters all 100k stories (no narrowing, e.g. after a backspace).
func BenchmarkFilterStories100kFullScan(b *testing.B) {
	arts := synthArticles(100_000, 2, 1)
	d := NewArticleDocs(arts)
	queries := make([]Query, len(keystrokes))
	for i, k := range keystrokes {
		queries[i] = ParseQuery(k, testNow)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		FilterArticles(d, &queries[i%len(queries)], nil, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/keystroke")
}

// BenchmarkFilterQuotes1MFullScan: every keystroke filters all 1M quotes.
func BenchmarkFilterQuotes1MFullScan(b *testing.B) {
	arts := synthArticles(100_000, 10, 2)
	ad := NewArticleDocs(arts)
	qd := NewQuoteDocs(arts)
	queries := make([]Query, len(keystrokes))
	for i, k := range keystrokes {
		queries[i] = ParseQuery(k, testNow)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		FilterQuotes(qd, ad, &queries[i%len(queries)], nil, nil, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/keystroke")
}
