// Command quoteeval scores corpus/quotes on the polnear eval sets in
// ../shared/eval/quotes: quote precision, recall, F1 and speaker accuracy.
//
//	go run ./corpus/quotes/cmd/quoteeval [-set dev|train] [-errors]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"byline/corpus/quotes"
	"byline/corpus/quotes/eval"
)

func main() {
	set := flag.String("set", "dev", "eval set: dev or train")
	errs := flag.Bool("errors", false, "print the remaining errors grouped by kind")
	root := flag.String("shared", "", "path of the shared directory (default: ../shared from the module root)")
	max := flag.Int("n", 25, "examples printed per error kind with -errors (0: all)")
	flag.Parse()
	dir := *root
	if dir == "" {
		dir = findShared()
	}
	docs, err := eval.Load(filepath.Join(dir, "eval", "quotes", "polnear-"+*set))
	if err != nil {
		fmt.Fprintln(os.Stderr, "quoteeval:", err)
		os.Exit(1)
	}
	r := eval.Score(docs, quotes.Extract)
	fmt.Printf("set %s: %d articles, %d gold quotes, %d predicted, %d matched\n", *set, r.Docs, r.Gold, r.Pred, r.Matched)
	fmt.Printf("quote P %.3f  R %.3f  F1 %.3f   speaker accuracy %.3f (%d/%d)\n",
		r.Precision(), r.Recall(), r.F1(), r.SpeakerAccuracy(), r.SpeakerRight, r.Matched)
	if !*errs {
		return
	}
	fmt.Println("\nerrors by kind:")
	for _, c := range r.ErrorCounts() {
		fmt.Printf("  %5d  %s\n", c.Count, c.Kind)
	}
	for _, c := range r.ErrorCounts() {
		fmt.Printf("\n== %s (%d)\n", c.Kind, c.Count)
		n := 0
		for _, e := range r.Errors {
			if e.Kind != c.Kind {
				continue
			}
			if *max > 0 && n >= *max {
				break
			}
			n++
			fmt.Printf("- [%s] %q\n", e.Doc, trunc(e.Text, 120))
			if e.Gold != "" || e.Pred != "" {
				fmt.Printf("    gold=%q pred=%q\n", e.Gold, e.Pred)
			}
			if e.Context != "" {
				fmt.Printf("    ctx: %s\n", e.Context)
			}
		}
	}
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

// findShared walks up from the working directory to the module root and
// returns its sibling shared directory.
func findShared() string {
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(wd, "..", "shared")
		}
	}
}
