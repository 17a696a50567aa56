// Package corpus turns files into byline's model: it finds the files,
// decodes them, parses each format, cleans page dumps, reads metadata,
// extracts quotations and merges speakers across the corpus.
package corpus

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sync"
	"time"

	"byline/corpus/cache"
	"byline/corpus/clean"
	"byline/corpus/quotes"
	"byline/model"
	"byline/sanitize"
)

// DefaultMaxFileSize is the size above which a file is listed as a problem
// rather than read: news articles are kilobytes, a multi-megabyte "article"
// is nearly always a mistake, and reading it would stall the load.
const DefaultMaxFileSize = 8 << 20

// Options tune a load. The zero value is ready to use.
type Options struct {
	MaxFileSize int64 // 0 means DefaultMaxFileSize
	Workers     int   // 0 means one per CPU
	// Progress, if set, is called from one goroutine at a time with what
	// has loaded since the last call, at most every ProgressEvery and once
	// at the end of reading. Batch articles are previews: the corpus-wide
	// pass (recurring boilerplate, speaker merging) returns new values, so
	// callers must replace them with the final corpus when Load returns.
	Progress      func(Progress)
	ProgressEvery time.Duration // 0 means 50 ms

	// CacheFile, if set, is where parsed files are kept between runs (see
	// package cache); CacheVersion must change whenever parsing may (the
	// byline version and build). Unchanged files are not read again.
	CacheFile    string
	CacheVersion string
	// Warn receives notes that are not corpus problems (a cache that could
	// not be used or saved). Nil discards them.
	Warn func(string)
	// Found, if set, is told the running total of files and bytes the walk
	// has found, as it finds them (the walk runs ahead of parsing), so a
	// caller can size things to the corpus — e.g. a memory budget. It is
	// called from the walking goroutine and must be quick.
	Found func(files int, bytes int64)
}

// Progress reports a load under way (model.Progress: the browser reads it
// without depending on this package).
type Progress = model.Progress

// Load reads every file under the given paths (files or folders, recursive)
// into a corpus. Bad files never stop it: each becomes a Problem. It fails
// only when the context is cancelled.
func Load(ctx context.Context, paths []string, opt Options) (*model.Corpus, error) {
	return load(ctx, opt, func(w *walker) {
		for _, p := range paths {
			w.walkOS(p)
		}
	})
}

// LoadFS reads a corpus from a file system such as the embedded demo; paths
// in it are shown under prefix.
func LoadFS(ctx context.Context, fsys fs.FS, prefix string, opt Options) (*model.Corpus, error) {
	return load(ctx, opt, func(w *walker) { w.walkFS(fsys, prefix) })
}

// result is what a worker made of one job.
type result struct {
	job      job
	articles []*model.Article
	hashes   [][]uint64 // per article, its paragraphs' recurrence hashes
	problems []model.Problem
	cached   bool
}

func load(ctx context.Context, opt Options, walk func(*walker)) (*model.Corpus, error) {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.ProgressEvery <= 0 {
		opt.ProgressEvery = 50 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	// The cache is decoded while the walk runs (both take a while on a big
	// corpus); workers wait for it, and the walk queues ahead meanwhile.
	var store *cache.Cache
	cacheReady := make(chan struct{})
	queue := 256
	if opt.CacheFile != "" {
		queue = 1 << 16
		go func() {
			defer close(cacheReady)
			var err error
			if store, err = cache.Open(opt.CacheFile, opt.CacheVersion); err != nil {
				warn(err.Error())
			}
		}()
	} else {
		close(cacheReady)
	}
	rec := clean.NewRecurrence()
	jobs := make(chan job, queue)
	results := make(chan result, 256)
	var walkProblems []model.Problem
	var found int
	var walkMu sync.Mutex

	go func() {
		defer close(jobs)
		var foundBytes int64
		w := newWalker(opt.MaxFileSize, func(j job) {
			walkMu.Lock()
			found++
			n := found
			walkMu.Unlock()
			foundBytes += j.size
			if opt.Found != nil {
				opt.Found(n, foundBytes)
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
			}
		}, func(p model.Problem) {
			walkMu.Lock()
			walkProblems = append(walkProblems, p)
			walkMu.Unlock()
		})
		walk(w)
	}()

	// Streamed files (WARC archives) hand their records to every worker
	// through tasks while the walk's jobs wait.
	pool := &taskPool{tasks: make(chan func(), opt.Workers)}
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-cacheReady
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					if ctx.Err() != nil {
						continue // drain
					}
					results <- readJob(ctx, j, opt.MaxFileSize, rec, store, pool)
				case t := <-pool.tasks:
					t()
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Collect in one goroutine. ordered[i] is the result of the walk's i-th
	// file: results are put in place as they come, so the order is
	// deterministic whatever the workers' timing (and no second, reordered
	// copy is needed).
	var ordered []result
	var pending Progress
	reportedProblems := 0
	last := time.Now()
	report := func(final bool) {
		if opt.Progress == nil {
			return
		}
		walkMu.Lock()
		pending.Found = found
		pending.Walking = !final
		pending.Problems = append(pending.Problems, walkProblems[reportedProblems:]...)
		reportedProblems = len(walkProblems)
		walkMu.Unlock()
		opt.Progress(pending)
		pending = Progress{Done: pending.Done}
		last = time.Now()
	}
	for r := range results {
		if i := r.job.index; i < len(ordered) {
			ordered[i] = r
		} else {
			ordered = append(ordered, make([]result, i-len(ordered))...)
			ordered = append(ordered, r)
		}
		pending.Done++
		if opt.Progress != nil {
			pending.Articles = append(pending.Articles, r.articles...)
			pending.Problems = append(pending.Problems, r.problems...)
		}
		if time.Since(last) >= opt.ProgressEvery {
			report(false)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	report(true)

	<-cacheReady // (already, unless nothing was found)
	if opt.CacheFile != "" {
		if err := updateCache(opt.CacheFile, opt.CacheVersion, store, ordered); err != nil {
			warn(err.Error())
		}
	}
	var articles []*model.Article
	var hashes [][]uint64
	problems := append([]model.Problem(nil), walkProblems...)
	for _, r := range ordered {
		articles = append(articles, r.articles...)
		hashes = append(hashes, r.hashes...)
		problems = append(problems, r.problems...)
	}
	// Previews went out through Progress: build must not change them.
	shared := opt.Progress != nil
	return build(ctx, articles, hashes, problems, rec, opt.Workers, shared)
}

// readJob reads, decodes and parses one file, then does the per-article
// share of the corpus-wide work while the file is hot in this worker: its
// paragraphs are counted for recurring boilerplate and its quotations found.
func readJob(ctx context.Context, j job, maxSize int64, rec *clean.Recurrence, store *cache.Cache, pool *taskPool) result {
	res := result{job: j}
	if e, ok := store.Lookup(j.path, j.id, j.size, j.modTime); ok && j.modTime != 0 {
		res.articles, res.problems, res.cached = e.Articles, e.Problems, true
		res.hashes = e.Hashes
		if len(res.hashes) != len(res.articles) {
			res.hashes = make([][]uint64, len(res.articles))
		}
		for i, a := range res.articles {
			if len(res.hashes[i]) != len(a.Body) {
				res.hashes[i] = rec.Hashes(recurrenceGroup(a), a.Body)
			}
			rec.ObserveHashes(recurrenceGroup(a), res.hashes[i])
		}
		return res
	}
	fail := func(err error) result {
		res.problems = append(res.problems, model.Problem{Path: j.path, Reason: sanitize.Line(err.Error())})
		return res
	}
	format, _ := FormatFor(j.path)
	if format.Stream != nil {
		return streamJob(ctx, j, format, maxSize, rec, pool)
	}
	raw, err := j.read(maxSize)
	if err != nil {
		return fail(err)
	}
	if len(raw) == 0 {
		return fail(errors.New("empty file"))
	}
	text, _, err := decodeOwned(raw) // (the text may share raw's memory)
	raw = nil                        // and nothing else keeps raw past decoding
	if err != nil {
		return fail(err)
	}
	articles, problems, err := parseSafely(format, Document{ID: j.id, Path: j.path, Text: text})
	if err != nil {
		return fail(err)
	}
	res.hashes = make([][]uint64, len(articles))
	for i, a := range articles {
		res.hashes[i] = prepare(a, rec)
	}
	res.articles, res.problems = articles, problems
	return res
}

// prepare does an article's share of the corpus-wide work while it is hot
// in this worker: its paragraphs are counted for recurring boilerplate (it
// returns their hashes) and its quotations found.
func prepare(a *model.Article, rec *clean.Recurrence) []uint64 {
	hashes := rec.Hashes(recurrenceGroup(a), a.Body)
	rec.ObserveHashes(recurrenceGroup(a), hashes)
	a.Quotes = extractQuotes(a)
	// counted here, in parallel and once: the cache keeps it
	a.WordCount = 0
	a.WordCount = a.Words()
	return hashes
}

// updateCache stores what every file produced, in walk order, unless the
// cache already holds exactly that. Files that produced no article (read
// errors, binary files) are not cached: a permission fixed without touching
// the file would otherwise stay a problem.
func updateCache(file, version string, store *cache.Cache, results []result) error {
	entries := make([]*cache.Entry, 0, len(results))
	hits := 0
	for _, r := range results {
		if r.job.modTime == 0 || len(r.articles) == 0 {
			continue
		}
		if r.cached {
			hits++
		}
		entries = append(entries, &cache.Entry{
			Path: r.job.path, ID: r.job.id, Size: r.job.size, ModTime: r.job.modTime,
			Articles: r.articles, Hashes: r.hashes, Problems: r.problems,
		})
	}
	if hits == len(entries) && store.Len() == len(entries) {
		return nil
	}
	return cache.Save(file, version, entries)
}

// extractQuotes finds an article's quotations in its headline and body.
func extractQuotes(a *model.Article) []model.Quote {
	headline := a.Title
	if a.TitleDerived {
		headline = "" // a title made from the lead would repeat its quotes
	}
	qs := quotes.Extract(headline, a.Body)
	if len(qs) == 0 {
		return nil
	}
	if cap(qs) > len(qs) {
		// Kept for the corpus's lifetime: drop append's spare capacity.
		qs = slices.Clone(qs)
	}
	return qs
}

// parseSafely turns a parser panic into a problem: one hostile file must
// never take the whole load down.
func parseSafely(f Format, doc Document) (articles []*model.Article, problems []model.Problem, err error) {
	defer func() {
		if r := recover(); r != nil {
			articles, problems, err = nil, nil, errors.New("internal error while parsing: please report this file")
		}
	}()
	return f.Parse(doc)
}

// build finishes the corpus from parsed articles whose paragraphs rec has
// observed: paragraphs recurring across one source's pages are removed (and
// those articles' quotations found again), then speakers are merged. When
// shared, it returns new article values and leaves its input as it was, so
// previews handed out during the load stay valid.
func build(ctx context.Context, parsed []*model.Article, hashes [][]uint64, problems []model.Problem, rec *clean.Recurrence, workers int, shared bool) (*model.Corpus, error) {
	articles := parsed
	if shared {
		// Copy what build and Merge change; the copies cost memory, so
		// only when someone holds the originals.
		articles = make([]*model.Article, len(parsed))
		for i, p := range parsed {
			a := *p
			a.Authors = append([]string(nil), p.Authors...)
			a.Quotes = append([]model.Quote(nil), p.Quotes...) // Merge rewrites speakers
			articles[i] = &a
		}
	}
	settleSources(articles)
	strs := newInterner()
	for _, a := range articles {
		a.Source = strs.intern(a.Source)
		a.Credit = strs.intern(a.Credit)
		for k, name := range a.Authors {
			a.Authors[k] = strs.intern(name)
		}
	}
	indexes := make([]int, len(articles))
	for i := range indexes {
		indexes[i] = i
	}
	err := parallel(ctx, workers, indexes, func(i int) {
		a := articles[i]
		kept, removed := rec.FilterHashes(recurrenceGroup(a), a.Body, hashes[i], !a.PageDump)
		if len(removed) > 0 {
			a.Body = kept
			a.Removed = append(append([]model.Removed(nil), a.Removed...), removed...)
			a.Quotes = extractQuotes(a)
			a.WordCount = 0 // the body changed: count again
		}
		a.WordCount = a.Words() // (counted when read, unless it changed)
	})
	if err != nil {
		return nil, err
	}
	speakers := quotes.Merge(articles)
	return model.NewCorpus(articles, problems, speakers), nil
}

// recurrenceGroup is the set of pages an article's furniture recurs across:
// its source, or its folder when the source is unknown, since scrapes are
// usually filed by site.
func recurrenceGroup(a *model.Article) string {
	if a.Source != "" {
		return "source:" + a.Source
	}
	if a.Format == model.FormatHTML || a.Format == model.FormatWARC {
		// A saved page names its site (publisher or host) when it can;
		// one that names none is no evidence that the pages beside it
		// share its furniture, and its markup already showed the
		// extractor where the furniture was. A group of one page.
		return "page:" + a.ID
	}
	return "dir:" + path.Dir(a.Path)
}

// parallel runs fn over items on workers goroutines.
func parallel[T any](ctx context.Context, workers int, items []T, fn func(T)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan T)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range next {
				fn(item)
			}
		}()
	}
	for _, item := range items {
		if ctx.Err() != nil {
			break
		}
		next <- item
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}

// interner shares one copy of strings repeated across articles (sources,
// author names), which matters at 100k articles.
type interner map[string]string

func newInterner() interner { return interner{} }

func (in interner) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}
