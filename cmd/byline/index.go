package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/jackc/pgx/v5/pgxpool"

	"byline/browse/pgstore"
	"byline/corpus/demo"
	"byline/index"
)

// runIndex is `byline index --db URL PATH...`: the corpus under the paths
// (the demo corpus without one) written into PostgreSQL, only what changed
// since the last run.
func runIndex(ctx context.Context, e *env, paths []string) error {
	if e.db == "" {
		fmt.Fprintln(e.stderr, "byline index: --db URL is required (a PostgreSQL database, e.g. postgres://user@host/dbname)")
		return errUsage
	}
	pool, err := connect(ctx, e)
	if err != nil {
		return err
	}
	defer pool.Close()
	var roots []index.Root
	if len(paths) == 0 {
		roots = []index.Root{{Path: "demo", FS: demo.FS()}}
	}
	for _, p := range paths {
		roots = append(roots, index.Root{Path: p})
	}
	opt := index.Options{Load: e.loadOptions(paths), BatchBytes: e.batch, Byline: Version, NoStories: e.noStories}
	if budget := startMemoryBudget(); budget != nil {
		defer budget.Stop()
		opt.Load.Found = budget.Found
	}
	show := newIndexProgress(e)
	opt.Progress = show.update
	res, err := index.Run(ctx, pool, roots, opt)
	show.stop()
	if err != nil {
		if errors.Is(err, pgstore.ErrReadOnly) || errors.Is(err, pgstore.ErrNewerSchema) || errors.Is(err, pgstore.ErrBusy) {
			return fmt.Errorf("index refused: %w", err)
		}
		return fmt.Errorf("index: %w", err)
	}
	rate := float64(res.Articles) / max(res.Took.Seconds(), 1e-3)
	fmt.Fprintf(e.stderr, "byline: indexed %s in %s: %d written (%s, %d quotations), %d unchanged, %d deleted, %s; %.0f articles/s\n",
		plural(res.Files, "file"), res.Took.Round(time.Millisecond), res.Written, plural(res.Articles, "article"), res.Quotes,
		res.Unchanged, res.Deleted, plural(res.Problems, "problem"), rate)
	if st := res.Stories; st.Skipped {
		fmt.Fprintln(e.stderr, "byline: stories across outlets not built (--no-stories); the database says it has none")
	} else if st.Current {
		fmt.Fprintln(e.stderr, "byline: stories across outlets unchanged")
	} else {
		fmt.Fprintf(e.stderr, "byline: stories across outlets: %d stories, %s; %s clustered, the features of %d new computed; %s scored\n",
			st.Stories, plural(st.Echoes, "echoed quotation"), plural(st.Reused, "text"), st.Computed, plural(st.Pairs, "pair"))
	}
	return nil
}

// connect opens the --db pool, with errors that say what to do.
func connect(ctx context.Context, e *env) (*pgxpool.Pool, error) {
	pool, err := pgstore.Connect(ctx, e.db)
	if err != nil {
		return nil, err
	}
	return pool, nil
}

// indexProgress draws one line on stderr while index runs, when stderr is
// a terminal: what phase, how many files, articles a second.
type indexProgress struct {
	e     *env
	tty   bool
	mu    sync.Mutex
	last  time.Time
	start time.Time
	shown bool
}

func newIndexProgress(e *env) *indexProgress {
	f, ok := e.stderr.(*os.File)
	return &indexProgress{e: e, tty: ok && term.IsTerminal(f.Fd()), start: time.Now()}
}

func (p *indexProgress) update(pr index.Progress) {
	if !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 200*time.Millisecond && pr.Phase == "loading" && pr.Done < pr.Files {
		return
	}
	p.last = time.Now()
	line := pr.Phase
	if pr.Detail != "" {
		line += " (" + pr.Detail + ")"
	}
	if pr.Files > 0 {
		line += fmt.Sprintf(" %d/%d files", pr.Done, pr.Files)
	}
	if pr.Batches > 1 {
		line += fmt.Sprintf(" · batch %d/%d", pr.Batch, pr.Batches)
	}
	if pr.Articles > 0 {
		line += fmt.Sprintf(" · %d articles written (%.0f/s)", pr.Articles, float64(pr.Articles)/time.Since(p.start).Seconds())
	}
	if pr.Skipped > 0 {
		line += fmt.Sprintf(" · %d files unchanged", pr.Skipped)
	}
	fmt.Fprintf(p.e.stderr, "\r\x1b[Kbyline index: %s", line)
	p.shown = true
}

func (p *indexProgress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
	}
}
