// Command storyeval clusters a corpus and prints what a reader needs to
// judge the clusters: each story of two or more articles with its
// members, the largest first, and the build's figures.
//
//	go run ./stories/cmd/storyeval [-n 20] [-pairs] PATH...   (no path: the demo corpus)
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"

	"byline/corpus"
	"byline/corpus/demo"
	"byline/model"
	"byline/stories"
)

func main() {
	n := flag.Int("n", 25, "stories to print, largest first")
	pairs := flag.Bool("pairs", false, "print every scored pair of each printed story")
	top := flag.Int("top", 0, "print the N best-scored pairs of the corpus")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the clustering to `FILE`")
	memprof := flag.String("memprofile", "", "write an allocation profile of the clustering to `FILE`")
	flag.Parse()
	if *memprof != "" {
		runtime.MemProfileRate = 4096
	}
	ctx := context.Background()
	var c *model.Corpus
	var err error
	if flag.NArg() == 0 {
		c, err = corpus.LoadFS(ctx, demo.FS(), "demo", corpus.Options{})
	} else {
		c, err = corpus.Load(ctx, flag.Args(), corpus.Options{})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *prof != "" {
		f, err := os.Create(*prof)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if *memprof != "" {
		defer func() {
			runtime.GC() // the profile is as of the last collection
			f, err := os.Create(*memprof)
			if err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	sims := map[[2]string]stories.Similarity{}
	set := stories.Build(c.Articles, stories.Options{Trace: func(a, b string, s stories.Similarity) {
		sims[[2]string{a, b}] = s
		sims[[2]string{b, a}] = s
	}})
	st := set.Stats
	multi := 0
	in := 0
	for _, s := range set.Stories {
		if len(s.Articles) > 1 {
			multi++
			in += len(s.Articles)
		}
	}
	fmt.Printf("%d articles, %d texts, %d pairs scored, %d links; %d stories of 2+ articles holding %d articles; %d echoes; %v\n\n",
		st.Articles, st.Texts, st.Pairs, st.Links, multi, in, len(set.Echoes), st.Elapsed)
	if *top > 0 {
		type scored struct {
			a, b string
			s    stories.Similarity
		}
		var all []scored
		for k, v := range sims {
			if k[0] < k[1] {
				all = append(all, scored{k[0], k[1], v})
			}
		}
		sort.Slice(all, func(i, j int) bool { return all[i].s.Score > all[j].s.Score })
		for i, p := range all {
			if i >= *top {
				break
			}
			sa, _ := set.StoryOf(p.a)
			sb, _ := set.StoryOf(p.b)
			same := " "
			if sa == sb {
				same = "="
			}
			fmt.Printf("%s %.2f body %.2f names %.2f title %.2f sh %.2f q %d %-38s %-38s\n", same, p.s.Score, p.s.Body, p.s.Names, p.s.Title, p.s.Shingles, p.s.Quotes, p.a, p.b)
		}
	}
	byArt := map[string]*model.Article{}
	for _, a := range c.Articles {
		byArt[a.ID] = a
	}
	list := append([]*stories.Story(nil), set.Stories...)
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].Articles) > len(list[j].Articles) })
	for i, s := range list {
		if i >= *n || len(s.Articles) < 2 {
			break
		}
		fmt.Printf("%d articles · %s · %s\n", len(s.Articles), s.Label, strings.Join(s.Sources, ", "))
		for _, id := range s.Articles {
			a := byArt[id]
			fmt.Printf("    %-40s %s\n", id, trunc(a.Title, 90))
		}
		if *pairs {
			for x := 0; x < len(s.Articles); x++ {
				for y := x + 1; y < len(s.Articles); y++ {
					sim, ok := sims[[2]string{s.Articles[x], s.Articles[y]}]
					if ok {
						fmt.Printf("      %s ~ %s: score %.2f body %.2f names %.2f title %.2f shingles %.2f quotes %d apart %v\n",
							s.Articles[x], s.Articles[y], sim.Score, sim.Body, sim.Names, sim.Title, sim.Shingles, sim.Quotes, sim.Apart)
					}
				}
			}
		}
	}
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
