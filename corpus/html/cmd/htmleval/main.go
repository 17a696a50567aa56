// Command htmleval prints byline's figures on the saved-HTML evaluation
// sets of ../shared/eval, computed as ../shared/eval/scorers/score_html.py
// computes them (through the product's loader):
//
//	go run ./corpus/html/cmd/htmleval [-shared DIR] [-worst N]
//
// cleaning/html (English pages): body F1. readability/pages: body F1,
// title, byline and date. readability/w3m: the same pages as w3m dumps,
// through the dump cleaner: body F1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"byline/corpus/html/internal/htmleval"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared data folder")
	worst := flag.Int("worst", 0, "list the N worst pages of each set")
	only := flag.String("set", "", "only the sets whose name contains this")
	flag.Parse()
	ctx := context.Background()
	eval := filepath.Join(*shared, "eval")
	sets := []struct {
		name, dir, gold string
		english, meta   bool
		pages           *regexp.Regexp
	}{
		{"cleaning/html (English)", filepath.Join(eval, "cleaning", "html"), filepath.Join(eval, "cleaning", "gold.jsonl"), true, false, htmleval.HTMLPages},
		{"readability/pages", filepath.Join(eval, "readability", "pages"), filepath.Join(eval, "readability", "gold.jsonl"), false, true, htmleval.HTMLPages},
		{"readability/w3m (dump cleaner)", filepath.Join(eval, "readability", "w3m"), filepath.Join(eval, "readability", "gold.jsonl"), false, false, htmleval.TextPages},
	}
	failed := false
	for _, set := range sets {
		if !strings.Contains(set.name, *only) {
			continue
		}
		s, err := htmleval.Run(ctx, set.dir, set.gold, set.english, set.pages)
		if err != nil {
			fmt.Fprintf(os.Stderr, "htmleval: %s: %v\n", set.name, err)
			failed = true
			continue
		}
		fmt.Printf("%s: %d pages, %d missing, loaded in %.1fs (%.1f pages/s)\n", set.name, s.Pages, s.Missing,
			s.Elapsed.Seconds(), float64(s.Pages)/s.Elapsed.Seconds())
		fmt.Printf("  body F1 %.3f  P %.3f  R %.3f\n", s.F1, s.P, s.R)
		if set.meta {
			fmt.Printf("  title exact %s, lenient %s\n", s.TitleExact, s.TitleLenient)
			fmt.Printf("  byline %s\n", s.Byline)
			fmt.Printf("  published date %s; any zone %s\n", s.Date, s.DateZone)
		}
		for i := 0; i < *worst && i < len(s.PerPage); i++ {
			p := s.PerPage[i]
			fmt.Printf("    %.3f %s%s\n", p.F1, p.ID, map[bool]string{true: "  MISSING"}[p.Missing])
		}
	}
	if failed {
		os.Exit(1)
	}
}
