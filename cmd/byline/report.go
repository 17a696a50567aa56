package main

import (
	"context"
	"encoding/json"

	"byline/corpus/report"
)

// runReport prints what loading did to a corpus: articles, empty bodies,
// derived titles, sources by evidence, removed paragraphs and words by
// reason (package corpus/report); with --json, one JSON object.
func runReport(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return errNoDB("report")
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	e.reportProblems(c)
	r := report.Of(c)
	if e.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	return r.WriteText(e.stdout)
}
