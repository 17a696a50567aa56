// Package cleaneval measures body extraction on ../shared/eval/cleaning the
// way ../shared/eval/scorers/score_cleaning.py does, through the same path
// as `byline show --json DIR`: the whole style folder is loaded by
// corpus.Load (so corpus-wide evidence such as recurring paragraphs counts)
// and each article's body is scored against the gold body. The metric is
// the scorer's: 4-word shingles of \w+ tokens (case kept), per-page
// true/false positives and negatives, precision averaged over the pages
// with a prediction, recall over the pages with a gold body, F1 = 2PR/(P+R).
// Only English pages count (the scorer's --english: more than 20% of the
// gold body's words in its stop-word list).
package cleaneval

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"byline/corpus"
)

// Page is one evaluation page in one dump style.
type Page struct {
	ID, Host, Style string
	Gold            string
}

// Score is one page's result.
type Score struct {
	Page      *Page
	P, R, F1  float64
	Predicted string
}

// Summary is the averaged result for a style.
type Summary struct {
	Style    string
	Pages    int
	Missing  int // English pages the load gave no article for
	P, R, F1 float64
	Scores   []Score // worst F1 first
}

// Load reads gold.jsonl under dir and keeps the English pages.
func Load(dir string) ([]*Page, error) {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []*Page
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var g struct{ ID, Host, Body string }
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, err
		}
		if English(g.Body) {
			pages = append(pages, &Page{ID: g.ID, Host: g.Host, Gold: g.Body})
		}
	}
	return pages, sc.Err()
}

// Evaluate loads dir/style as byline does and scores every page.
func Evaluate(ctx context.Context, dir, style string, pages []*Page) (Summary, error) {
	s := Summary{Style: style}
	c, err := corpus.Load(ctx, []string{filepath.Join(dir, style)}, corpus.Options{})
	if err != nil {
		return s, err
	}
	pred := map[string]string{}
	for _, a := range c.Articles {
		stem := strings.TrimSuffix(path.Base(filepath.ToSlash(a.Path)), path.Ext(a.Path))
		pred[stem] = strings.Join(a.Body, "\n\n")
	}
	var sumP, sumR float64
	var nP, nR int
	for _, p := range pages {
		got, ok := pred[p.ID]
		if !ok {
			s.Missing++
		}
		tp, fp, fn := counts(p.Gold, got)
		pr, rc := precision(tp, fp, fn), recall(tp, fp, fn)
		if tp+fp > 0 {
			sumP += pr
			nP++
		}
		if tp+fn > 0 {
			sumR += rc
			nR++
		}
		s.Scores = append(s.Scores, Score{Page: &Page{ID: p.ID, Host: p.Host, Style: style, Gold: p.Gold}, P: pr, R: rc, F1: f1(pr, rc), Predicted: got})
	}
	s.Pages = len(pages)
	if nP > 0 {
		s.P = sumP / float64(nP)
	}
	if nR > 0 {
		s.R = sumR / float64(nR)
	}
	s.F1 = f1(s.P, s.R)
	sort.SliceStable(s.Scores, func(i, j int) bool { return s.Scores[i].F1 < s.Scores[j].F1 })
	return s, nil
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PrecisionRecall scores a predicted body against the gold body as the
// scorer does for one page.
func PrecisionRecall(pred, gold string) (p, r float64) {
	tp, fp, fn := counts(gold, pred)
	return precision(tp, fp, fn), recall(tp, fp, fn)
}

func precision(tp, fp, fn int) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return float64(tp) / float64(tp+fp)
}

func recall(tp, fp, fn int) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return float64(tp) / float64(tp+fn)
}

// counts compares the shingle multisets of the gold and predicted bodies.
func counts(gold, pred string) (tp, fp, fn int) {
	g, p := shingles(gold), shingles(pred)
	for k, x := range g {
		y := p[k]
		tp += min(x, y)
		fn += max(0, x-y)
	}
	for k, y := range p {
		fp += max(0, y-g[k])
	}
	return tp, fp, fn
}

// tokens are Python's \w+ runs: letters, numbers and underscore.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the 4-grams of tokens; a text of one to three tokens is
// one shingle of them all, as the scorer's range does.
func shingles(s string) map[string]int {
	t := tokens(s)
	m := map[string]int{}
	if len(t) == 0 {
		return m
	}
	for i := 0; i < max(1, len(t)-3); i++ {
		m[strings.Join(t[i:min(i+4, len(t))], " ")]++
	}
	return m
}

// stop is the scorer's stop-word list for its English filter.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("the of and to a in that is for on it with as was he said by at from his be have has an are this but not they who were had which their been would will its she her we more about after also than") {
		m[w] = true
	}
	return m
}()

// English reports whether more than 20% of a text's words are in the stop
// list (the scorer's --english).
func English(text string) bool {
	t := tokens(text)
	if len(t) == 0 {
		return false
	}
	n := 0
	for _, w := range t {
		if stop[strings.ToLower(w)] {
			n++
		}
	}
	return float64(n)/float64(len(t)) > 0.2
}
