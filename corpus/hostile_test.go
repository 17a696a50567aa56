package corpus

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"byline/internal/hostile"
)

// memPeak samples HeapInuse every few milliseconds until stop is called and
// returns the highest value seen.
func memPeak() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func heapInuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestHostileCorpus loads the whole hostile corpus (internal/hostile: a 50 MB
// line, files at and over the cap, every class of invalid UTF-8, UTF-16,
// terminal attacks, 200-deep folders, symlink loops, FIFOs, unreadable
// files, 100k-record JSON...) while a goroutine deletes, truncates and
// replaces files under it. Every good file must load, every bad one be
// listed with its reason, nothing may panic or carry a control, bidi or
// zero-width character, and memory stays bounded.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file; skipped with -short")
	}
	dir := t.TempDir()
	m, err := hostile.Write(dir, hostile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Restore()
	for _, n := range m.Notes {
		t.Log(n)
	}
	base := heapInuse()
	stopPeak := memPeak()
	race := make(chan map[string][]string, 1)
	stopRace := make(chan struct{})
	go func() { race <- m.Mutate(stopRace) }()

	// A hang is caught by go test's -timeout (its goroutine dump shows
	// where); no clock of our own.
	start := time.Now()
	c, err := Load(context.Background(), []string{dir}, Options{MaxFileSize: 8 << 20})
	if err != nil {
		t.Error(err)
	}
	elapsed := time.Since(start)
	close(stopRace)
	mutated := <-race
	peak := stopPeak()
	if c == nil {
		t.FailNow()
	}
	after := heapInuse()
	t.Logf("%d files (%d must load, %d problems, %d load with a problem, %d either; %d mutated during the load): %d articles, %d problems in %v; HeapInuse %d MB before, peak %d MB, %d MB holding the corpus",
		len(m.Files), m.Count(hostile.Load), m.Count(hostile.Problem), m.Count(hostile.LoadWithProblem), m.Count(hostile.Either), len(mutated),
		len(c.Articles), len(c.Problems), elapsed.Round(time.Millisecond), base>>20, peak>>20, after>>20)

	for _, f := range m.CheckRaced(c, mutated) {
		t.Error(f)
	}
	// How many racy files the load actually caught mid-change.
	caught := map[string]int{}
	for _, p := range c.Problems {
		if strings.Contains(p.Path, "/race/") {
			caught[p.Reason]++
		}
	}
	t.Logf("racy files listed as problems: %v", caught)
	// Memory: the corpus holds ~100k small articles; the 50 MB file must
	// never be read, and nothing may blow up (a YAML alias bomb, deep
	// JSON). 768 MB over the baseline (it measures about 200) would mean
	// something went wrong.
	if peak > base+768<<20 {
		t.Errorf("peak HeapInuse %d MB over a baseline of %d MB", peak>>20, base>>20)
	}
	runtime.KeepAlive(c)
}

// TestHugeFileNotRead: a file over the cap is refused from its size alone;
// the load allocates nearly nothing however big it is.
func TestHugeFileNotRead(t *testing.T) {
	dir := t.TempDir()
	m, err := hostile.Write(dir, hostile.Options{HugeLine: 50_000_000, Records: 10, Racy: 1, Depth: 2, SizeCap: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Restore()
	huge := dir + "/size/huge-line.txt"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := mustLoad(t, []string{huge}, Options{})
	runtime.ReadMemStats(&after)
	if len(c.Articles) != 0 || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Reason, "size cap") {
		t.Fatalf("articles %d, problems %v", len(c.Articles), c.Problems)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("refusing a 50 MB file allocated %d KB: it was read", alloc>>10)
	}
	// A small cap: at-cap loads, over-cap is refused.
	c = mustLoad(t, []string{dir + "/size"}, Options{MaxFileSize: 1 << 10})
	sub := hostile.Manifest{Dir: dir}
	for _, f := range m.Files {
		if strings.HasPrefix(f.Rel, "size/") {
			sub.Files = append(sub.Files, f)
		}
	}
	for _, f := range sub.Check(c) {
		t.Error(f)
	}
}
