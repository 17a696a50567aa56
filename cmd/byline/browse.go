package main

import "context"

// runBrowse starts the interactive browser. Until the TUI lands it prints
// the corpus listing.
func runBrowse(ctx context.Context, e *env, paths []string) error {
	return runList(ctx, e, paths)
}
