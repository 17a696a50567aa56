package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"byline/corpus"
	"byline/corpus/demo"
	"byline/model"
	"byline/state"
	"byline/tui"
)

// runBrowse starts the interactive browser on the corpus under paths (the
// embedded demo corpus when there are none), loading it in the background.
// When stdout is not a terminal it prints the listing instead, so scripts
// keep working.
func runBrowse(ctx context.Context, e *env, paths []string) error {
	if e.stdout != os.Stdout || !term.IsTerminal(os.Stdout.Fd()) || !term.IsTerminal(os.Stdin.Fd()) || e.json {
		return runList(ctx, e, paths)
	}
	if e.db != "" {
		return runBrowseDB(ctx, e, paths)
	}
	opt := e.loadOptions(paths)
	// Nothing may write to the terminal under the TUI: keep the loader's
	// warnings (e.g. an unusable cache) for after it exits.
	var warnMu sync.Mutex
	var warnings []string
	opt.Warn = func(msg string) {
		warnMu.Lock()
		warnings = append(warnings, msg)
		warnMu.Unlock()
	}
	title := "demo corpus"
	load := func(ctx context.Context, progress func(model.Progress)) (*model.Corpus, error) {
		o := opt
		o.Progress = progress
		if len(paths) == 0 {
			return corpus.LoadFS(ctx, demo.FS(), "demo", o)
		}
		return corpus.Load(ctx, paths, o)
	}
	if len(paths) > 0 {
		title = paths[0]
		if len(paths) > 1 {
			title += " …"
		}
	}
	// The reader's state: marks made while the corpus loads are settled
	// against it once it has (in the loader's goroutine, not the UI's).
	db := openState("", false, opt.Warn)
	view := localView(db, opt.Warn)
	loadCorpus := load
	load = func(ctx context.Context, progress func(model.Progress)) (*model.Corpus, error) {
		c, err := loadCorpus(ctx, progress)
		if err == nil {
			view.Attach(state.NewCorpus(c))
		}
		return c, err
	}
	noColor := os.Getenv("NO_COLOR") != ""
	cl := e.newClusterer(paths)
	cl.warn = opt.Warn
	m := tui.New(ctx, tui.Config{Load: load, Cluster: cl.cluster, Title: title, NoColor: noColor, Reader: view})
	_, err := tea.NewProgram(m, tea.WithContext(ctx)).Run()
	if db != nil {
		if cerr := db.Close(); cerr != nil {
			opt.Warn(fmt.Sprintf("reader state: %v", cerr))
		}
	}
	warnMu.Lock()
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "byline: %s\n", w)
	}
	warnMu.Unlock()
	if err != nil && ctx.Err() != nil {
		return nil // interrupted
	}
	return err
}

// runBrowseDB is the browser on --db: the same TUI over the database.
func runBrowseDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := openDB(ctx, e, paths)
	if err != nil {
		return err
	}
	defer done()
	title := "database " + st.Pool().Config().ConnConfig.Database
	// The reader's state, as on files: its marks name the database's
	// articles, found by ID (before the browser starts, not in its loop).
	var mu sync.Mutex
	var warnings []string
	warn := func(msg string) {
		mu.Lock()
		warnings = append(warnings, msg)
		mu.Unlock()
	}
	db := openState("", false, warn)
	view := localView(db, warn)
	view.Attach(dbLookup(ctx, st))
	m := tui.New(ctx, tui.Config{Store: st, Title: title, NoColor: os.Getenv("NO_COLOR") != "", Reader: view})
	_, err = tea.NewProgram(m, tea.WithContext(ctx)).Run()
	view.Wait() // the marks still waiting for their articles
	if db != nil {
		if cerr := db.Close(); cerr != nil {
			warn(fmt.Sprintf("reader state: %v", cerr))
		}
	}
	mu.Lock()
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "byline: %s\n", w)
	}
	mu.Unlock()
	if err != nil && ctx.Err() != nil {
		return nil
	}
	return err
}
