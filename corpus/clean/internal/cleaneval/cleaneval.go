// Package cleaneval measures body extraction on ../shared/eval/cleaning:
// 4-word shingles of \w+ tokens (lower-cased), per-page true/false
// positives and negatives normalised to precision and recall per page,
// averaged over pages, F1 = 2PR/(P+R). Only English pages (gold body
// stop-word share above 0.2) are scored.
package cleaneval

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"byline/corpus/clean"
)

// Page is one evaluation page in one dump style.
type Page struct {
	ID, Host, Style string
	Dump, Gold      string
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
	P, R, F1 float64
	Scores   []Score // worst F1 first
}

// Load reads gold.jsonl and the dumps of each style under dir.
func Load(dir string, styles ...string) ([]*Page, error) {
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
		if clean.StopWordShare(g.Body) <= 0.2 {
			continue // not English
		}
		for _, st := range styles {
			b, err := os.ReadFile(filepath.Join(dir, st, g.ID+".txt"))
			if errors.Is(err, os.ErrNotExist) {
				continue
			} else if err != nil {
				return nil, err
			}
			dump := strings.ReplaceAll(string(b), "\r\n", "\n")
			pages = append(pages, &Page{ID: g.ID, Host: g.Host, Style: st, Dump: dump, Gold: g.Body})
		}
	}
	return pages, sc.Err()
}

// Evaluate cleans every page of style and scores it.
func Evaluate(pages []*Page, style string) Summary {
	s := Summary{Style: style}
	for _, p := range pages {
		if p.Style != style {
			continue
		}
		pred := strings.Join(clean.Dump(p.Dump).Body, "\n\n")
		pr, rc := PrecisionRecall(pred, p.Gold)
		s.Scores = append(s.Scores, Score{Page: p, P: pr, R: rc, F1: f1(pr, rc), Predicted: pred})
		s.P += pr
		s.R += rc
	}
	s.Pages = len(s.Scores)
	if s.Pages > 0 {
		s.P /= float64(s.Pages)
		s.R /= float64(s.Pages)
	}
	s.F1 = f1(s.P, s.R)
	sort.SliceStable(s.Scores, func(i, j int) bool { return s.Scores[i].F1 < s.Scores[j].F1 })
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PrecisionRecall scores a predicted body against the gold body on
// multisets of 4-word shingles. An empty prediction has precision 0 (1 if
// the gold is empty too); an empty gold has recall 1.
func PrecisionRecall(pred, gold string) (p, r float64) {
	ps, gs := shingles(pred), shingles(gold)
	tp, np, ng := 0, 0, 0
	for k, n := range ps {
		np += n
		tp += min(n, gs[k])
	}
	for _, n := range gs {
		ng += n
	}
	switch {
	case np == 0 && ng == 0:
		return 1, 1
	case np == 0:
		return 0, 0
	case ng == 0:
		return 0, 1
	}
	return float64(tp) / float64(np), float64(tp) / float64(ng)
}

// shingles counts the 4-grams of \w+ tokens (letters, digits, marks,
// underscore), lower-cased.
func shingles(s string) map[string]int {
	toks := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_')
	})
	m := map[string]int{}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], " ")]++
	}
	return m
}
