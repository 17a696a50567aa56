// Package index writes a corpus into PostgreSQL (`byline index --db URL
// PATH...`): it walks the paths as every byline command does, loads and
// cleans the files with package corpus, and writes what they produced with
// pgstore's Writer — only what changed since the last index.
//
// A corpus that fits one batch (--batch, 1 GiB of files by default) is
// loaded whole, through the corpus cache, so the corpus-wide passes
// (recurring boilerplate, sources named after hosts, speakers merged
// across articles) see every article, exactly as `byline list` does; then
// only files whose output changed are written (a hash of each file's
// articles is kept). A larger corpus is loaded batch by batch: files whose
// path, size and modification time are unchanged are not read at all, and
// the corpus-wide passes run within each batch — speakers are then merged
// across batches by name in the database.
package index

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse/pgstore"
	"byline/corpus"
	"byline/corpus/quotes"
	"byline/model"
)

// DefaultBatchBytes is how many bytes of files one batch loads: a batch
// lives in memory at about twice its size while it is written.
const DefaultBatchBytes = 1 << 30

// Options tune an index run.
type Options struct {
	// Load is how files are loaded (size cap, cache). The cache is used
	// only when the corpus fits one batch.
	Load corpus.Options
	// BatchBytes caps the bytes of files loaded at once (0: DefaultBatchBytes).
	BatchBytes int64
	// Byline is the version recorded with the schema.
	Byline string
	// Progress, if set, hears how the run goes.
	Progress func(Progress)
	// NoStories skips grouping stories and finding echoes: Build holds
	// every article's light record and features at once, which an archive
	// of many millions may not fit (README, "Beyond one machine"). Stories
	// an earlier run kept are dropped when the articles changed, so the
	// store never shows stale ones.
	NoStories bool
}

// Progress is where a run is.
type Progress struct {
	Phase            string // "walking", "loading", "writing", "finishing"
	Detail           string // what finishing is doing
	Files, Done      int    // files to load, and loaded so far
	Articles         int    // articles written so far
	Batch, Batches   int
	Written, Skipped int // files written, files unchanged
}

// Result is what a run did.
type Result struct {
	Files     int // files found
	Unchanged int // not written: unchanged
	Written   int // files written
	Deleted   int // files gone from the roots, deleted
	Articles  int // articles written
	Quotes    int // quotations and terms written
	Problems  int // problems written
	Batches   int
	Took      time.Duration
	Stories   StoriesResult
}

// StoriesResult is what a run did of the stories across outlets.
type StoriesResult struct {
	// Current: nothing changed since they were computed, so they were
	// not computed again.
	Current bool
	// Skipped: Options.NoStories (stories an earlier run kept are left
	// only when the articles did not change since).
	Skipped bool
	// Keyed counts the articles given a text key; Computed the texts
	// whose features were computed (new texts); Reused those whose kept
	// features Build used.
	Keyed, Computed, Reused int
	Stories, Echoes         int // stories (most of one article) and echoes written
	Pairs                   int // candidate pairs Build scored
}

// Root is a path to index: a folder or file on disk, or (FS set) a file
// system such as the embedded demo corpus, shown under Path.
type Root struct {
	Path string
	FS   fs.FS
}

// Run indexes roots into the database.
func Run(ctx context.Context, pool *pgxpool.Pool, roots []Root, opt Options) (Result, error) {
	start := time.Now()
	var res Result
	if opt.BatchBytes <= 0 {
		opt.BatchBytes = DefaultBatchBytes
	}
	progress := func(p Progress) {
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	w, err := pgstore.OpenWriter(ctx, pool, opt.Byline)
	if err != nil {
		return res, err
	}
	defer w.Close()

	progress(Progress{Phase: "walking"})
	var files []corpus.File
	var walkProblems [][]model.Problem
	if len(roots) == 1 && roots[0].FS != nil {
		f, p := corpus.WalkFS(roots[0].FS, roots[0].Path, opt.Load.MaxFileSize)
		files, walkProblems = f, [][]model.Problem{p}
	} else {
		paths := make([]string, len(roots))
		for i, r := range roots {
			paths[i] = r.Path
		}
		files, walkProblems = corpus.Walk(paths, opt.Load.MaxFileSize)
	}
	res.Files = len(files)

	// What the database holds for these roots.
	rootIDs := make([]int, len(roots))
	stored := map[string]pgstore.StoredFile{}
	storedRoot := map[string]int{}
	for i, r := range roots {
		key := r.Path
		if r.FS == nil {
			if abs, err := filepath.Abs(r.Path); err == nil {
				key = abs
			}
		} else {
			key = "fs:" + r.Path
		}
		if rootIDs[i], err = w.Root(ctx, key); err != nil {
			return res, fmt.Errorf("recording root %s: %w", r.Path, err)
		}
		held, err := w.Files(ctx, rootIDs[i])
		if err != nil {
			return res, fmt.Errorf("reading what the database holds: %w", err)
		}
		for p, f := range held {
			stored[p] = f
			storedRoot[p] = i
		}
	}
	found := map[string]bool{}
	var total int64
	for _, f := range files {
		found[f.Path] = true
		total += f.Size
	}
	deleted := make([][]int, len(roots))
	for p, f := range stored {
		if !found[p] {
			deleted[storedRoot[p]] = append(deleted[storedRoot[p]], f.ID)
			res.Deleted++
		}
	}

	if total <= opt.BatchBytes {
		err = runWhole(ctx, w, files, walkProblems, rootIDs, deleted, stored, opt, &res, progress)
	} else {
		err = runBatches(ctx, w, files, walkProblems, rootIDs, deleted, stored, opt, &res, progress)
	}
	if err != nil {
		return res, err
	}
	finishing := func(what string) {
		progress(Progress{Phase: "finishing", Detail: what, Written: res.Written, Skipped: res.Unchanged, Articles: res.Articles})
	}
	if err := w.Finish(ctx, rootIDs, finishing); err != nil {
		return res, err
	}
	if opt.NoStories {
		res.Stories.Skipped = true
		current, err := w.StoriesCurrent(ctx)
		if err != nil {
			return res, fmt.Errorf("stories: %w", err)
		}
		if !current {
			if err := w.DropStories(ctx); err != nil {
				return res, fmt.Errorf("stories: %w", err)
			}
		}
	} else if err := buildStories(ctx, w, opt, &res, finishing); err != nil {
		return res, fmt.Errorf("stories: %w", err)
	}
	res.Took = time.Since(start)
	return res, nil
}

// runWhole loads every file (through the cache), so the corpus-wide passes
// see the whole corpus, and writes the files whose output changed.
func runWhole(ctx context.Context, w *pgstore.Writer, files []corpus.File, walkProblems [][]model.Problem, rootIDs []int,
	deleted [][]int, stored map[string]pgstore.StoredFile, opt Options, res *Result, progress func(Progress)) error {
	res.Batches = 1
	lo := opt.Load
	done := 0
	lo.Progress = func(p corpus.Progress) {
		done = p.Done
		progress(Progress{Phase: "loading", Files: len(files), Done: done, Batch: 1, Batches: 1})
	}
	c, err := corpus.LoadFiles(ctx, files, lo)
	if err != nil {
		return err
	}
	outs, extra := group(files, c)
	byRoot := make([][]pgstore.FileOutput, len(rootIDs))
	for i, f := range files {
		o := outs[i]
		if s, ok := stored[f.Path]; ok && s.Digest != nil && string(s.Digest) == string(o.Digest) &&
			s.WalkID == f.ID && s.Size == f.Size && s.ModTime == f.ModTime {
			res.Unchanged++
			continue
		}
		byRoot[f.Root] = append(byRoot[f.Root], o)
	}
	for i, root := range rootIDs {
		rp := append(append([]model.Problem{}, walkProblems[i]...), extra[i]...)
		b := pgstore.Batch{Root: root, Files: byRoot[i], Delete: deleted[i], Speakers: c.Speakers,
			ReplaceSpeakers: true, RootProblems: rp, Counted: quotes.Counted}
		progress(Progress{Phase: "writing", Files: len(files), Done: len(files), Batch: 1, Batches: 1,
			Written: res.Written, Skipped: res.Unchanged, Articles: res.Articles})
		if err := w.Write(ctx, b); err != nil {
			return err
		}
		count(res, byRoot[i])
		res.Problems += len(rp)
	}
	return nil
}

// runBatches loads the files that changed since the last index, a batch
// at a time.
func runBatches(ctx context.Context, w *pgstore.Writer, files []corpus.File, walkProblems [][]model.Problem, rootIDs []int,
	deleted [][]int, stored map[string]pgstore.StoredFile, opt Options, res *Result, progress func(Progress)) error {
	var todo []corpus.File
	for _, f := range files {
		if s, ok := stored[f.Path]; ok && s.Digest != nil && s.WalkID == f.ID && s.Size == f.Size && s.ModTime == f.ModTime {
			res.Unchanged++
			continue
		}
		todo = append(todo, f)
	}
	// Deletions and walk problems first.
	for i, root := range rootIDs {
		if err := w.Write(ctx, pgstore.Batch{Root: root, Delete: deleted[i], RootProblems: append([]model.Problem{}, walkProblems[i]...)}); err != nil {
			return err
		}
		res.Problems += len(walkProblems[i])
	}
	var batches [][]corpus.File
	var cur []corpus.File
	var size int64
	for _, f := range todo {
		if len(cur) > 0 && size+f.Size > opt.BatchBytes {
			batches = append(batches, cur)
			cur, size = nil, 0
		}
		cur = append(cur, f)
		size += f.Size
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	res.Batches = len(batches)
	// A load much larger than what the database holds drops the indexes
	// that can be built at once afterwards (Finish builds them).
	if len(batches) > 1 && len(todo) > 2*len(stored) {
		progress(Progress{Phase: "writing", Detail: "dropping indexes for a bulk load"})
		if err := w.BeginBulk(ctx); err != nil {
			return fmt.Errorf("bulk load: %w", err)
		}
	}
	lo := opt.Load
	lo.CacheFile = "" // a corpus beyond one batch: the cache would hold all of it
	// The next batch loads (CPU in this process) while the last one is
	// written (CPU in the database server).
	type loaded struct {
		c   *model.Corpus
		err error
	}
	load := func(bi int, doneBefore int) <-chan loaded {
		ch := make(chan loaded, 1)
		o := lo
		o.Progress = func(p corpus.Progress) {
			progress(Progress{Phase: "loading", Files: len(todo), Done: doneBefore + p.Done, Batch: bi + 1, Batches: len(batches),
				Written: res.Written, Skipped: res.Unchanged, Articles: res.Articles})
		}
		go func() {
			c, err := corpus.LoadFiles(ctx, batches[bi], o)
			ch <- loaded{c, err}
		}()
		return ch
	}
	doneBefore := 0
	var next <-chan loaded
	if len(batches) > 0 {
		next = load(0, 0)
	}
	for bi, batch := range batches {
		got := <-next
		if got.err != nil {
			return got.err
		}
		doneBefore += len(batch)
		if bi+1 < len(batches) {
			next = load(bi+1, doneBefore)
		}
		c := got.c
		outs, _ := group(batch, c)
		byRoot := make([][]pgstore.FileOutput, len(rootIDs))
		for i, f := range batch {
			byRoot[f.Root] = append(byRoot[f.Root], outs[i])
		}
		progress(Progress{Phase: "writing", Files: len(todo), Done: doneBefore, Batch: bi + 1, Batches: len(batches),
			Written: res.Written, Skipped: res.Unchanged, Articles: res.Articles})
		for i, root := range rootIDs {
			if len(byRoot[i]) == 0 {
				continue
			}
			b := pgstore.Batch{Root: root, Files: byRoot[i], Speakers: c.Speakers, Counted: quotes.Counted}
			if err := w.Write(ctx, b); err != nil {
				return err
			}
			count(res, byRoot[i])
		}
	}
	return nil
}

func count(res *Result, outs []pgstore.FileOutput) {
	for _, o := range outs {
		res.Written++
		res.Articles += len(o.Articles)
		res.Problems += len(o.Problems)
		for _, a := range o.Articles {
			res.Quotes += len(a.Quotes)
		}
	}
}

// group gives each file its articles and problems from a loaded corpus,
// with the digest of what it produced. Problems naming no file loaded go
// to extra, by root.
func group(files []corpus.File, c *model.Corpus) ([]pgstore.FileOutput, [][]model.Problem) {
	outs := make([]pgstore.FileOutput, len(files))
	byPath := make(map[string]int, len(files))
	byID := make(map[string]int, len(files))
	maxRoot := 0
	for i, f := range files {
		outs[i] = pgstore.FileOutput{Path: f.Path, WalkID: f.ID, Size: f.Size, ModTime: f.ModTime, Ord: i}
		byPath[f.Path] = i
		byID[f.ID] = i
		maxRoot = max(maxRoot, f.Root)
	}
	extra := make([][]model.Problem, maxRoot+1)
	// Articles in walk order within each file (the corpus is sorted by date).
	for _, a := range c.Articles {
		i, ok := byPath[a.Path]
		if !ok {
			id, _, _ := strings.Cut(a.ID, "#")
			if i, ok = byID[id]; !ok {
				continue // cannot happen: every article comes from a file loaded
			}
		}
		outs[i].Articles = append(outs[i].Articles, a)
	}
	for _, p := range c.Problems {
		i, ok := fileOf(p.Path, byPath)
		if !ok {
			extra[0] = append(extra[0], p)
			continue
		}
		outs[i].Problems = append(outs[i].Problems, p)
	}
	for i := range outs {
		if len(outs[i].Articles) > 0 {
			outs[i].Digest = digest(outs[i].Articles, outs[i].Problems)
		}
	}
	return outs, extra
}

// fileOf finds the file a problem names: its path, or its path with a
// record ("#3") or line (":3") after it.
func fileOf(p string, byPath map[string]int) (int, bool) {
	if i, ok := byPath[p]; ok {
		return i, true
	}
	for _, sep := range []string{"#", ":"} {
		if k := strings.LastIndex(p, sep); k > 0 {
			if i, ok := byPath[p[:k]]; ok {
				return i, true
			}
		}
	}
	return 0, false
}

// digest hashes everything a file's articles and problems hold, so a
// re-index can tell whether a file's output changed (a file unchanged on
// disk can still change: the corpus-wide passes see the whole corpus).
func digest(arts []*model.Article, problems []model.Problem) []byte {
	h := sha256.New()
	var n [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str := func(s string) {
		num(int64(len(s)))
		h.Write([]byte(s))
	}
	strs := func(ss []string) {
		num(int64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	for _, a := range arts {
		str(a.ID)
		str(a.Path)
		str(string(a.Format))
		str(a.URL)
		str(a.Language)
		str(a.Source)
		str(a.Credit)
		str(a.SourceFrom)
		str(a.Title)
		str(a.Standfirst)
		strs(a.Authors)
		flags := int64(0)
		if a.PageDump {
			flags |= 1
		}
		if a.TitleDerived {
			flags |= 2
		}
		num(flags)
		num(int64(a.DatePrecision))
		if a.Dated() {
			num(a.Published.UnixNano())
			name, off := a.Published.Zone()
			str(name)
			num(int64(off))
		}
		strs(a.Body)
		num(int64(len(a.Removed)))
		for _, r := range a.Removed {
			str(r.Text)
			str(r.Reason)
		}
		strs(a.Problems)
		num(int64(a.Words()))
		num(int64(len(a.Quotes)))
		for _, q := range a.Quotes {
			str(q.Text)
			str(q.Speaker)
			str(q.Mention)
			str(q.Role)
			str(q.Cue)
			p := int64(0)
			if q.Partial {
				p = 1
			}
			num(p)
			num(int64(q.Kind))
			num(int64(q.Paragraph))
			num(int64(q.Start))
			num(int64(q.End))
			num(int64(q.EndParagraph))
		}
	}
	for _, p := range problems {
		str(p.Path)
		str(p.Reason)
	}
	return h.Sum(nil)
}
