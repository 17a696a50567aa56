package browse

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"byline/model"
)

// benchCorpus makes n synthetic articles with quotesPer quotations each.
func benchCorpus(n, quotesPer int) *model.Corpus {
	r := rand.New(rand.NewSource(1))
	syll := strings.Fields("ka lo mi ne ru sta ver bel an tor gi pe la do rin se mon tal fa cu bri har bour")
	vocab := strings.Fields("the of and to a in that said is was for on with he it as his at by from minister talks strike")
	for len(vocab) < 3000 {
		w := ""
		for k := 0; k < 2+r.Intn(3); k++ {
			w += syll[r.Intn(len(syll))]
		}
		vocab = append(vocab, w)
	}
	z := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[z.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	var speakers []*model.Speaker
	for i := range 300 {
		speakers = append(speakers, &model.Speaker{Name: fmt.Sprintf("Speaker %s %d", vocab[100+i], i), Quotes: 300 - i})
	}
	sources := []string{"The Independent", "Agencies", "Meridian", "Harbour Times"}
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*model.Article, n)
	for i := range arts {
		a := &model.Article{ID: fmt.Sprint(i), Source: sources[r.Intn(len(sources))], Title: sentence(8),
			Published: base.Add(-time.Duration(i) * time.Minute), DatePrecision: model.PrecisionDateTime}
		for range 4 {
			a.Body = append(a.Body, sentence(40))
		}
		for range quotesPer {
			a.Quotes = append(a.Quotes, model.Quote{Text: sentence(18), Speaker: speakers[r.Intn(len(speakers))].Name, Kind: model.KindQuote})
		}
		arts[i] = a
	}
	return model.NewCorpus(arts, nil, speakers)
}

var typed = []string{"h", "ha", "har", "harb", "harbo", "harbou", "harbour"}

// BenchmarkFilterQuotesList1M times what a keystroke in the quotes pane
// (corpus scope, grouped by speaker) costs: the filter plus the list's rows
// and headers, over 1M quotations, narrowing as the query grows.
func BenchmarkFilterQuotesList1M(b *testing.B) {
	d := Prepare(benchCorpus(100_000, 10))
	b.ResetTimer()
	var prev *QuoteList
	for i := 0; b.Loop(); i++ {
		if i%len(typed) == 0 {
			prev = nil
		}
		l, err := d.Quotes(bg, QuotesQuery{Query: model.ParseQuery(typed[i%len(typed)], time.Now()), Scope: ScopeCorpus, Narrow: prev})
		if err != nil {
			b.Fatal(err)
		}
		prev = l
	}
}

// BenchmarkFilterStoriesList100k: the same for the stories pane (filter,
// sort order, day headers, kept selection) over 100k stories.
func BenchmarkFilterStoriesList100k(b *testing.B) {
	d := Prepare(benchCorpus(100_000, 2))
	b.ResetTimer()
	var prev *StoryList
	for i := 0; b.Loop(); i++ {
		if i%len(typed) == 0 {
			prev = nil
		}
		l, err := d.Stories(bg, StoriesQuery{Query: model.ParseQuery(typed[i%len(typed)], time.Now()), Select: "500", Narrow: prev})
		if err != nil {
			b.Fatal(err)
		}
		prev = l
	}
}
