package tui

import (
	"context"

	"github.com/charmbracelet/x/ansi"

	"byline/model"
)

// listPane is what the list panes share: their size and focus, the list,
// the filter, and the one filter job under way (a newer one cancels it).
// A pane embeds it and adds its own state, keys and View.
type listPane[T any] struct {
	c      *common
	w, h   int
	active bool
	list   list[T]
	query  string
	q      model.Query
	gen    int // the latest job; results of older ones are dropped
	cancel context.CancelFunc
}

func newListPane[T any](c *common, itemLines int) listPane[T] {
	p := listPane[T]{c: c, list: newList[T]()}
	p.list.itemLines = itemLines
	return p
}

func (p *listPane[T]) SetActive(a bool)      { p.active = a }
func (p *listPane[T]) Query() string         { return p.query }
func (p *listPane[T]) QueryErrors() []string { return p.q.Errors }
func (p *listPane[T]) Placeholder() string   { return queryPlaceholder }

// resize takes the pane's new size.
func (p *listPane[T]) resize(w, h int) {
	p.w, p.h = w, h
	p.list.setHeight(h)
}

// parse takes a new filter as typed.
func (p *listPane[T]) parse(v string) {
	p.query = v
	p.q = model.ParseQuery(v, p.c.now())
}

// job starts a filter job, cancelling the one under way: its context and
// generation.
func (p *listPane[T]) job() (context.Context, int) {
	p.gen++
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(p.c.ctx)
	p.cancel = cancel
	return ctx, p.gen
}

// appendRow adds a row's lines to out, up to the pane's height; the
// cursor's row is drawn selected (reverse or underlined, by style) and
// marked in its first column, so it shows without colour too.
func (p *listPane[T]) appendRow(out []string, row int, lines ...string) []string {
	for k, l := range lines {
		if len(out) >= p.h {
			break
		}
		if row == p.list.cursor {
			l = ansi.Strip(fit(l, p.w))
			if k == 0 {
				l = cursorMark(l)
			}
			l = selectStyle(p.c.styles, p.active).Render(l)
		}
		out = append(out, l)
	}
	return out
}

// highlights are the filter's words to mark in the rows.
func (p *listPane[T]) highlights() []string {
	if p.query == "" {
		return nil
	}
	return p.q.Highlights()
}
