// Command cleaneval prints body-extraction precision, recall and F1 over
// ../shared/eval/cleaning per dump style, as score_cleaning.py --english
// measures them (the folder loaded as `byline show --json` loads it), and
// the worst pages with -worst N (-show ID to print a page's predicted and
// gold bodies).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"byline/corpus/clean/internal/cleaneval"
)

func main() {
	dir := flag.String("dir", "../shared/eval/cleaning", "evaluation directory (gold.jsonl, w3m/, plain/)")
	worst := flag.Int("worst", 5, "list the N worst pages per style")
	show := flag.String("show", "", "print predicted and gold bodies of the page with this id prefix")
	flag.Parse()
	pages, err := cleaneval.Load(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cleaneval:", err)
		os.Exit(1)
	}
	for _, st := range []string{"w3m", "plain"} {
		s, err := cleaneval.Evaluate(context.Background(), *dir, st, pages)
		if err != nil {
			fmt.Fprintln(os.Stderr, "cleaneval:", err)
			os.Exit(1)
		}
		fmt.Printf("%-6s pages=%3d missing=%d  P=%.3f  R=%.3f  F1=%.3f\n", st, s.Pages, s.Missing, s.P, s.R, s.F1)
		for i := 0; i < *worst && i < len(s.Scores); i++ {
			sc := s.Scores[i]
			fmt.Printf("    %.10s %-22s P=%.2f R=%.2f F1=%.2f\n", sc.Page.ID, sc.Page.Host, sc.P, sc.R, sc.F1)
		}
		if *show != "" {
			for _, sc := range s.Scores {
				if strings.HasPrefix(sc.Page.ID, *show) {
					fmt.Printf("--- %s %s predicted:\n%s\n--- gold:\n%s\n", st, sc.Page.ID, sc.Predicted, sc.Page.Gold)
				}
			}
		}
	}
}
