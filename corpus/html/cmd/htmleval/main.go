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
	speed := flag.Bool("speed", false, "measure pages per CPU second: saved pages, the same pages in a WARC, and the text dumps")
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
		fmt.Printf("%s: %d pages, %d missing, loaded in %.1f CPU seconds\n", set.name, s.Pages, s.Missing, s.Elapsed.Seconds())
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
	if *speed {
		if err := measureSpeed(ctx, eval); err != nil {
			fmt.Fprintf(os.Stderr, "htmleval: speed: %v\n", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// measureSpeed loads the cleaning set's 99 pages three ways, each three
// times, and prints the best pages per CPU second (the product's loader,
// no cache; CPU time, since the load runs on every core).
func measureSpeed(ctx context.Context, eval string) error {
	dir := filepath.Join(eval, "cleaning")
	tmp, err := os.MkdirTemp("", "htmleval")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	archive := filepath.Join(tmp, "pages.warc.gz")
	if _, err := htmleval.WriteWARC(filepath.Join(dir, "html"), archive); err != nil {
		return err
	}
	fmt.Println("speed (pages per CPU second, best of 3):")
	for _, c := range []struct{ name, path string }{
		{"saved HTML pages (cleaning/html)", filepath.Join(dir, "html")},
		{"the same pages in a WARC (.warc.gz)", archive},
		{"the same pages as text dumps (cleaning/plain)", filepath.Join(dir, "plain")},
		{"the same pages as w3m dumps (cleaning/w3m)", filepath.Join(dir, "w3m")},
	} {
		best := 0.0
		n := 0
		for range 3 {
			corp, cpu, err := htmleval.LoadTimed(ctx, c.path)
			if err != nil {
				return err
			}
			n = len(corp.Articles)
			best = max(best, float64(n)/cpu.Seconds())
		}
		fmt.Printf("  %-48s %4d pages  %7.1f pages/s\n", c.name, n, best)
	}
	return nil
}
