// Command fitspeakers fits the weights of the speaker ranker of
// corpus/quotes on polnear-train and writes them to
// corpus/quotes/rank_weights.go:
//
//	go run ./corpus/quotes/cmd/fitspeakers [-shared ../shared] [-o corpus/quotes/rank_weights.go]
//
// For every quotation Extract finds in a training article and the scorer
// matches to a gold quotation with a named speaker, the cascade's candidates
// and their features are collected (quotes.ExtractCandidates); a candidate
// is right when the scorer would count it right. A conditional logit model
// (softmax over each quotation's candidates, L2-regularised, fitted by
// full-batch gradient ascent from zero, so the result is reproducible) gives
// the weights. Only polnear-train is read: polnear-dev is the check, run
// afterwards with quoteeval.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"

	"byline/corpus/quotes"
	"byline/corpus/quotes/eval"
	"byline/model"
)

// example is one quotation: its candidates' features and which are right.
type example struct {
	doc   int // article index, for the folds
	x     [][quotes.NumFeatures]float64
	right []bool
	first int // the cascade's candidate, -1 when it found nobody
	names []string
	text  string
	gold  string
}

func main() {
	root := flag.String("shared", "", "path of the shared directory (default: ../shared from the module root)")
	out := flag.String("o", "", "file to write (default: corpus/quotes/rank_weights.go under the module root)")
	iters := flag.Int("iter", 3000, "gradient steps")
	l2 := flag.Float64("l2", 0.01, "L2 penalty per example")
	dump := flag.Bool("dump", false, "print the training quotations the ranker gets wrong")
	folds := flag.Int("cv", 5, "folds of the cross-validation reported (by article; 0: none)")
	flag.Parse()
	mod := moduleRoot()
	if *root == "" {
		*root = filepath.Join(mod, "..", "shared")
	}
	if *out == "" {
		*out = filepath.Join(mod, "corpus", "quotes", "rank_weights.go")
	}
	dir := filepath.Join(*root, "eval", "quotes", "polnear-train")
	exs, stats, err := collect(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fitspeakers:", err)
		os.Exit(1)
	}
	if *folds > 1 {
		c, r, g, l := crossValidate(exs, *folds, *iters, *l2)
		fmt.Printf("%d-fold cross-validation on polnear-train (by article): cascade right %d (%.3f), ranker right %d (%.3f) of %d; the ranker puts right %d the cascade got wrong and wrong %d it got right\n",
			*folds, c, ratio(c, stats.judged), r, ratio(r, stats.judged), stats.judged, g, l)
	}
	w := fit(exs, *iters, *l2)
	if *dump {
		for _, ex := range exs {
			if len(ex.x) == 0 {
				continue
			}
			p := softmax(ex, &w)
			best := 0
			for k := range p {
				if p[k] > p[best] {
					best = k
				}
			}
			if ex.right[best] || !informative(ex) {
				continue
			}
			fmt.Printf("\n%q gold=%q\n", trunc(ex.text, 90), ex.gold)
			for k := range p {
				fmt.Printf("  %v %.2f %-28q", ex.right[k], p[k], ex.names[k])
				for f, v := range ex.x[k] {
					if v != 0 {
						fmt.Printf(" %s=%.2g", quotes.FeatureNames[f], v)
					}
				}
				fmt.Println()
			}
		}
	}
	casc, ranked := accuracy(exs, nil), accuracy(exs, &w)
	fmt.Printf("polnear-train: %d judged quotations; a right candidate for %d (%.3f); cascade right %d (%.3f); ranker right %d (%.3f) on the collected candidates\n",
		stats.judged, stats.covered, ratio(stats.covered, stats.judged), casc, ratio(casc, stats.judged), ranked, ratio(ranked, stats.judged))
	for k, name := range quotes.FeatureNames {
		fmt.Printf("  %-24s %8.3f\n", name, w[k])
	}
	src, err := source(w, stats, casc, ranked, *iters, *l2)
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fitspeakers:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}

type counts struct{ judged, covered int }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// collect runs the cascade over the training articles and keeps each
// matched quotation with a named gold speaker.
func collect(dir string) ([]example, counts, error) {
	var st counts
	docs, err := eval.LoadGold(dir)
	if err != nil {
		return nil, st, err
	}
	var exs []example
	for di, d := range docs {
		title, body, err := eval.ReadText(dir, d.ID)
		if err != nil {
			return nil, st, err
		}
		scs := quotes.ExtractCandidates(title, body)
		qs := make([]model.Quote, len(scs))
		for i := range scs {
			qs[i] = scs[i].Quote
		}
		gi := eval.Match(d.Quotes, qs)
		for i, sc := range scs {
			if gi[i] < 0 {
				continue
			}
			gold := d.Quotes[gi[i]].SpeakerResolved
			if !eval.Judged(gold) {
				continue
			}
			st.judged++
			ex := example{doc: di, first: -1, names: sc.Names, text: sc.Quote.Text, gold: gold}
			any := false
			for k, name := range sc.Names {
				ok := eval.SpeakerRight(gold, name)
				any = any || ok
				ex.x = append(ex.x, sc.Features[k])
				ex.right = append(ex.right, ok)
				if sc.Features[k][0] == 1 {
					ex.first = k
				}
			}
			if any {
				st.covered++
			}
			exs = append(exs, ex)
		}
	}
	return exs, st, nil
}

// fit maximises the log-likelihood of the right candidates under a softmax
// over each quotation's candidates, minus an L2 penalty.
func fit(exs []example, iters int, l2 float64) quotes.Weights {
	var w quotes.Weights
	var n int
	for _, ex := range exs {
		if informative(ex) {
			n++
		}
	}
	rate := 0.5
	for it := 0; it < iters; it++ {
		var grad quotes.Weights
		for _, ex := range exs {
			if !informative(ex) {
				continue
			}
			p := softmax(ex, &w)
			// gradient of log Σ_right p: E_right[x] - E_all[x]
			zr := 0.0
			for k := range p {
				if ex.right[k] {
					zr += p[k]
				}
			}
			for k := range p {
				pr := 0.0
				if ex.right[k] {
					pr = p[k] / zr
				}
				for f, v := range ex.x[k] {
					grad[f] += (pr - p[k]) * v
				}
			}
		}
		for f := range w {
			w[f] += rate * (grad[f]/float64(n) - l2*w[f])
		}
	}
	return w
}

// crossValidate fits on all folds but one and counts the right picks on
// the one left out, for each fold in turn: what the ranker and the cascade
// get right on articles the weights were not fitted on.
func crossValidate(exs []example, folds, iters int, l2 float64) (cascade, ranker, gained, lost int) {
	for k := 0; k < folds; k++ {
		var train, test []example
		for _, ex := range exs {
			if ex.doc%folds == k {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
		w := fit(train, iters, l2)
		cascade += accuracy(test, nil)
		ranker += accuracy(test, &w)
		for _, ex := range test {
			c, r := pick(ex, nil), pick(ex, &w)
			cr, rr := c >= 0 && ex.right[c], r >= 0 && ex.right[r]
			if rr && !cr {
				gained++
			}
			if cr && !rr {
				lost++
			}
		}
	}
	return cascade, ranker, gained, lost
}

// informative: some candidate is right and some is wrong.
func informative(ex example) bool {
	r, wr := false, false
	for _, ok := range ex.right {
		r = r || ok
		wr = wr || !ok
	}
	return r && wr
}

func softmax(ex example, w *quotes.Weights) []float64 {
	p := make([]float64, len(ex.x))
	m := math.Inf(-1)
	for k, x := range ex.x {
		s := 0.0
		for f, v := range x {
			s += w[f] * v
		}
		p[k] = s
		m = max(m, s)
	}
	z := 0.0
	for k := range p {
		p[k] = math.Exp(p[k] - m)
		z += p[k]
	}
	for k := range p {
		p[k] /= z
	}
	return p
}

// accuracy counts the quotations whose best candidate is right (with nil
// weights, the cascade's own pick).
func accuracy(exs []example, w *quotes.Weights) int {
	n := 0
	for _, ex := range exs {
		if best := pick(ex, w); best >= 0 && ex.right[best] {
			n++
		}
	}
	return n
}

// pick is the candidate chosen with weights w (nil: the cascade's), -1
// when none.
func pick(ex example, w *quotes.Weights) int {
	if w == nil || len(ex.x) == 0 {
		return ex.first
	}
	p := softmax(ex, w)
	best := 0
	for k := range p {
		if p[k] > p[best] {
			best = k
		}
	}
	return best
}

// source is the Go file holding the weights.
func source(w quotes.Weights, st counts, casc, ranked, iters int, l2 float64) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go run ./corpus/quotes/cmd/fitspeakers; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package quotes\n\n")
	fmt.Fprintf(&b, "// rankWeights were fitted on polnear-train (%d judged quotations, a right\n", st.judged)
	fmt.Fprintf(&b, "// candidate for %d; on the collected candidates the cascade is right for %d,\n", st.covered, casc)
	fmt.Fprintf(&b, "// the ranker for %d), %d gradient steps, L2 %g.\n", ranked, iters, l2)
	fmt.Fprintf(&b, "var rankWeights = &Weights{\n")
	for k, name := range quotes.FeatureNames {
		fmt.Fprintf(&b, "\t%s, // %s\n", formatFloat(w[k]), name)
	}
	fmt.Fprintf(&b, "}\n")
	return format.Source(b.Bytes())
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func formatFloat(v float64) string { return fmt.Sprintf("%.4f", v) }

// moduleRoot walks up from the working directory to go.mod.
func moduleRoot() string {
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}
