// Command quoteeval scores byline's quotations on the polnear eval sets in
// ../shared/eval/quotes: quote precision, recall, F1 and speaker accuracy,
// by the rules and through the same path as
// ../shared/eval/scorers/score_quotes.py (the corpus loader, as `byline
// quotes --json` runs it), so the figures are the scorer's.
//
//	go run ./corpus/quotes/cmd/quoteeval [-set dev|train] [-raw [-cascade]] [-errors [-json]] [-n 25]
//
// -raw runs the extractor on the text files without the cleaner (for
// development; the product's figures are the default).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"byline/corpus/quotes"
	"byline/corpus/quotes/eval"
)

func main() {
	set := flag.String("set", "dev", "eval set: dev or train")
	raw := flag.Bool("raw", false, "extract from the raw text files, without the cleaner")
	cascade := flag.Bool("cascade", false, "with -raw: the cascade of rules alone, without the speaker ranker")
	errs := flag.Bool("errors", false, "print the remaining errors grouped by kind")
	asJSON := flag.Bool("json", false, "with -errors: print the errors as JSON Lines")
	root := flag.String("shared", "", "path of the shared directory (default: ../shared from the module root)")
	max := flag.Int("n", 25, "examples printed per error kind with -errors (0: all)")
	flag.Parse()
	if err := run(*root, *set, *raw, *cascade, *errs, *asJSON, *max); err != nil {
		fmt.Fprintln(os.Stderr, "quoteeval:", err)
		os.Exit(1)
	}
}

func run(root, set string, raw, cascade, errs, asJSON bool, max int) error {
	if root == "" {
		root = findShared()
	}
	dir := filepath.Join(root, "eval", "quotes", "polnear-"+set)
	docs, err := eval.LoadGold(dir)
	if err != nil {
		return err
	}
	var arts map[string]eval.Article
	switch {
	case raw && cascade:
		arts, err = eval.RawWith(docs, dir, quotes.ExtractCascade)
	case raw:
		arts, err = eval.Raw(docs, dir)
	default:
		arts, err = eval.Product(context.Background(), dir)
	}
	if err != nil {
		return err
	}
	r := eval.Score(docs, arts)
	if errs && asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		for _, e := range r.Errors {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	}
	mode := "product"
	if raw {
		mode = "raw text"
		if cascade {
			mode += ", cascade alone"
		}
	}
	fmt.Printf("%s (%s, %d articles)\n", r.Summary("polnear-"+set), mode, r.Docs)
	if !errs {
		return nil
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
			if max > 0 && n >= max {
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
	return nil
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
