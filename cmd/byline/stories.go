package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"time"

	"byline/browse"
	"byline/corpus/cache"
	"byline/model"
	"byline/stories"
)

// storiesCommand is `byline stories`.
func storiesCommand() command {
	return command{name: "stories", usage: "stories [--json] PATH...", summary: "stories across outlets: articles about one event, grouped", run: runStories, flags: loadFlags, paths: true}
}

// clusterer clusters a loaded corpus into stories, keeping the features
// and links it computed beside the corpus cache so that the next run
// computes them only for what changed (see package stories).
type clusterer struct {
	file    string // the state's file; "" without a cache
	version string
	warn    func(string)
}

// newClusterer is the clusterer for the corpus under paths, as the flags
// ask (no state kept for the demo or with --no-cache).
func (e *env) newClusterer(paths []string) clusterer {
	c := clusterer{warn: func(msg string) { fmt.Fprintf(e.stderr, "byline: %s\n", msg) }}
	if len(paths) == 0 || e.noCache {
		return c
	}
	if file, err := cache.File(paths); err == nil {
		c.file, c.version = file+".stories", cache.VersionKey(Version)
	}
	return c
}

// cluster builds the stories of c, from the kept state when there is one,
// and keeps the new state. It never fails: an unreadable state is
// rebuilt, an unwritable one only warned about.
func (cl clusterer) cluster(ctx context.Context, c *model.Corpus) *stories.Set {
	opt := stories.Options{Cancelled: func() bool { return ctx.Err() != nil }}
	if cl.file != "" {
		if data, err := os.ReadFile(cl.file); err == nil {
			head, rest, ok := bytes.Cut(data, []byte("\n"))
			if ok && string(head) == cl.version {
				if st, err := stories.Decode(rest); err == nil {
					opt.Prev = st
				} else {
					cl.warn(fmt.Sprintf("ignoring %s: %v", cl.file, err))
				}
			}
		}
	}
	var set *stories.Set
	if os.Getenv("BYLINE_STORIES_STATS") != "" {
		set = cl.measured(c, opt)
	} else {
		set = stories.Build(c.Articles, opt)
	}
	if set == nil {
		return nil
	}
	if cl.file != "" && (set.Stats.Computed > 0 || set.Stats.Pairs > 0 || opt.Prev == nil) {
		if err := cl.save(set.State); err != nil {
			cl.warn(fmt.Sprintf("keeping story features: %v", err))
		}
	}
	set.State = nil // saved: the rest of the run does not need it
	return set
}

// save writes the state atomically beside the corpus cache.
func (cl clusterer) save(st *stories.State) error {
	if err := os.MkdirAll(filepath.Dir(cl.file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(cl.file), ".byline-stories-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	w.WriteString(cl.version + "\n")
	if err := st.Encode(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), cl.file)
}

// runStories prints the corpus's stories: with --json one object per
// story (every article is in one; most are stories of one article),
// otherwise the stories of two or more articles and a count of the rest.
func runStories(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return runStoriesDB(ctx, e, paths)
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	e.reportProblems(c)
	set := e.newClusterer(paths).cluster(ctx, c)
	if set == nil {
		return ctx.Err()
	}
	if e.json {
		return writeJSONLines(e, set.Stories, func(s *stories.Story) any { return s.Record() })
	}
	w := bufio.NewWriter(e.stdout)
	alone := 0
	for _, s := range set.Stories {
		if len(s.Articles) < 2 {
			alone++
			continue
		}
		members := make([]*model.Article, len(s.Articles))
		for i, id := range s.Articles {
			members[i], _ = c.Article(id)
		}
		writeStory(w, s, members)
	}
	writeStoriesSummary(w, len(set.Stories)-alone, alone)
	return w.Flush()
}

// writeStory prints a story of two or more articles and its members.
func writeStory(w *bufio.Writer, s *stories.Story, members []*model.Article) {
	fmt.Fprintf(w, "%s\n  %d articles · %s · %s\n", s.Label, len(s.Articles), browse.OrDash(strings.Join(s.Sources, ", ")), storySpan(s))
	for i, a := range members {
		fmt.Fprintf(w, "    %-22s %-20s %s  %s\n", displayDate(a), truncate(browse.OrDash(a.Source), 20), truncate(a.Title, 60), s.Articles[i])
	}
	fmt.Fprintln(w)
}

func writeStoriesSummary(w *bufio.Writer, grouped, alone int) {
	told := "stories"
	if grouped == 1 {
		told = "story"
	}
	fmt.Fprintf(w, "%d %s of two or more articles; %s in no story with another\n", grouped, told, plural(alone, "article"))
}

// storySpan is the dates a story covers: "2024-03-19 – 2024-03-20",
// "2024-03-19", or "undated".
func storySpan(s *stories.Story) string {
	if !s.Dated() {
		return "undated"
	}
	first, last := s.First.Format("2006-01-02"), s.Last.Format("2006-01-02")
	if first == last {
		return first
	}
	return first + " – " + last
}

// withEchoes fills in each quote record's echoes: the other articles
// carrying the same quotation.
func withEchoes(set *stories.Set, a *model.Article, q *model.Quote, r model.QuoteRecord) model.QuoteRecord {
	if set == nil {
		return r
	}
	for i := range a.Quotes {
		if &a.Quotes[i] != q {
			continue
		}
		if e, ok := set.EchoOf(a.ID, i); ok {
			r.Echoes = e.Others(a.ID)
		}
	}
	return r
}

// measured builds the stories while sampling the heap, and tells stderr
// what the build did, its wall and CPU time, the heap's peak above the
// loaded corpus (garbage included) and what the stories keep once built
// (BYLINE_STORIES_STATS=1; README's figures).
func (cl clusterer) measured(c *model.Corpus, opt stories.Options) *stories.Set {
	heap := func() uint64 {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	runtime.GC()
	base := heap()
	peak := base
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				peak = max(peak, heap())
			}
		}
	}()
	start, cpu0 := time.Now(), cpu()
	set := stories.Build(c.Articles, opt)
	elapsed, used := time.Since(start), cpu()-cpu0
	close(stop)
	<-done
	peak = max(peak, heap())
	if set != nil {
		state := set.State
		set.State = nil // what a session keeps: the stories without the state
		runtime.GC()
		kept := heap()
		set.State = state
		st := set.Stats
		mb := func(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/1e6) }
		cl.warn(fmt.Sprintf("stories: %d articles, %d texts: features computed %d, reused %d; %d folded into a near-copy; pairs scored %d (%d dated nodes searched at any date); %v wall, %v CPU; heap peak %s above the loaded corpus (%s), %s kept",
			st.Articles, st.Texts, st.Computed, st.Reused, st.Folded, st.Pairs, st.AnyDay, elapsed.Round(time.Millisecond), used.Round(time.Millisecond),
			mb(peak-base), mb(base), mb(max(kept, base)-base)))
	}
	return set
}
