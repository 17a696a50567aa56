package model

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// fuzzArticles builds a few articles carrying text in every searchable
// field, dated, undated, quoting and not.
func fuzzArticles(text string) []*Article {
	paras := strings.Split(text, "\n")
	half := text[:len(text)/2]
	a := []*Article{
		{ID: "all", Source: text, Credit: half, Title: text, Standfirst: half, Authors: []string{text, half},
			Published: time.Date(2022, 1, 10, 22, 30, 0, 0, time.FixedZone("EST", -5*3600)), DatePrecision: PrecisionDateTime,
			Body: paras, Quotes: []Quote{{Text: text, Speaker: half, Mention: text, Kind: KindQuote}, {Text: half, Kind: KindTerm}}},
		{ID: "body", Title: "Plain", Body: []string{text}, Published: time.Date(2022, 1, 14, 0, 0, 0, 0, time.UTC), DatePrecision: PrecisionDate,
			Quotes: []Quote{{Text: half, Speaker: text, Kind: KindQuote}}},
		{ID: "empty"},
		{ID: "other", Source: "Agencies", Title: "Ryabkov in Geneva", Authors: []string{"Kim Sengupta"}, Body: []string{"Nothing to see."},
			Published: time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC), DatePrecision: PrecisionDate},
	}
	return a
}

// FuzzFilter: an arbitrary query over articles holding arbitrary text never
// panics; results are ascending and in range; filtering within every item
// gives the same as no restriction; and narrowing from any prefix of the
// query that Narrows says may be narrowed gives the same as filtering from
// scratch (the TUI narrows while the user types).
func FuzzFilter(f *testing.F) {
	for _, s := range [][2]string{
		{"ryabkov", "Sergei Ryabkov said"},
		{`"a b" -c source:x -source:"y z" author:kim speaker:ry on:2022-01-10`, "a b c x y z"},
		{"after:jan 2022 before:2022-01-12", "text"},
		{"\xff\x00source:\xc3", "\xff\xfe\x00"},
		{"ǣ ß ﬁ İ", "Æ SS fi i̇"},
		{`"`, `"""`},
		{"-", "-"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, query, text string) {
		if len(query) > 200 || len(text) > 2000 {
			return
		}
		// A hang would otherwise stall the fuzzer silently. Only while
		// fuzzing: as a unit test (the seed corpus) a busy machine must not
		// fail it, and go test's -timeout catches a hang there.
		if fuzzing() {
			slow := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("SLOW INPUT %q %q", query, text)) })
			defer slow.Stop()
		}
		arts := fuzzArticles(text)
		docs := NewArticleDocs(arts)
		qdocs := NewQuoteDocs(arts)
		q := ParseQuery(query, testNow)

		res, ok := FilterArticles(docs, &q, nil, nil)
		if !ok {
			t.Fatal("cancelled without a cancel func")
		}
		checkPositions(t, "articles", res, len(arts))
		all := NewBitset(len(arts))
		for i := range arts {
			all.Set(i)
		}
		if within, _ := FilterArticles(docs, &q, all, nil); !slices.Equal(within, res) {
			t.Fatalf("%q: within everything %v, from scratch %v", query, within, res)
		}
		qres, _ := FilterQuotes(qdocs, docs, &q, nil, nil, nil)
		checkPositions(t, "quotes", qres, qdocs.Len())
		// Each quotation matched on its own (MatchQuote) agrees with the index.
		var one []int32
		for i, r := range qdocs.Refs {
			a := arts[r.Article]
			if MatchQuote(a, &a.Quotes[r.Quote], &q) {
				one = append(one, int32(i))
			}
		}
		if !slices.Equal(one, qres) && (len(one) > 0 || len(qres) > 0) {
			t.Fatalf("%q: MatchQuote keeps %v, the index %v", query, one, qres)
		}
		// Narrowing from prefixes, as the TUI does while typing.
		for i := range len(query) {
			prev := ParseQuery(query[:i], testNow)
			if !q.Narrows(&prev) {
				continue
			}
			pres, _ := FilterArticles(docs, &prev, nil, nil)
			set := NewBitset(len(arts))
			for _, k := range pres {
				set.Set(int(k))
			}
			if got, _ := FilterArticles(docs, &q, set, nil); !slices.Equal(got, res) {
				t.Fatalf("%q narrowed from %q: %v, from scratch %v", query, query[:i], got, res)
			}
			pq, _ := FilterQuotes(qdocs, docs, &prev, nil, nil, nil)
			qset := NewBitset(qdocs.Len())
			for _, k := range pq {
				qset.Set(int(k))
			}
			if got, _ := FilterQuotes(qdocs, docs, &q, nil, qset, nil); !slices.Equal(got, qres) {
				t.Fatalf("%q narrowed from %q: quotes %v, from scratch %v", query, query[:i], got, qres)
			}
		}
		s := &Speaker{Name: text, Aliases: []string{text[:len(text)/2]}, Role: text, Sources: []string{text}}
		MatchSpeaker(s, SpeakerText(s), &q)
		_ = q.Highlights()
	})
}

func checkPositions(t *testing.T, what string, res []int32, n int) {
	t.Helper()
	for i, k := range res {
		if k < 0 || int(k) >= n || (i > 0 && res[i-1] >= k) {
			t.Fatalf("%s: positions %v not ascending within [0,%d)", what, res, n)
		}
	}
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}
