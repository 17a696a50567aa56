package tui

import (
	tea "charm.land/bubbletea/v2"

	"byline/model"
)

// problemsView is the problems overlay: the files that could not be loaded
// and the articles that loaded with a problem, a window at a time.
type problemsView struct {
	c      *common
	w, h   int
	scroll int
	items  []model.Problem // problems [from, from+len(items))
	from   int
	gen    int
}

type problemsMsg struct {
	gen   int
	from  int
	items []model.Problem
}

func newProblemsView(c *common) problemsView { return problemsView{c: c} }

func (v *problemsView) open() tea.Cmd {
	v.scroll = 0
	return v.fetch()
}

// setStore drops what was fetched from the previous store.
func (v *problemsView) setStore() tea.Cmd {
	v.items, v.from = nil, 0
	v.scroll = clamp(v.scroll, 0, max(v.c.info.Problems-1, 0))
	return v.fetch()
}

func (v *problemsView) setSize(w, h int) tea.Cmd {
	v.w, v.h = w, h
	return v.fetch()
}

// key scrolls for a scrolling key; false for any other (it closes).
func (v *problemsView) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	step, scrolls := overlayStep(v.c.keys.Move, msg, v.h-2)
	if !scrolls {
		return nil, false
	}
	return v.scrollBy(step), true
}

func (v *problemsView) scrollBy(delta int) tea.Cmd {
	v.scroll = clamp(v.scroll+delta, 0, max(v.c.info.Problems-1, 0))
	return v.fetch()
}

// fetch brings the problems on screen when they are not here yet.
func (v *problemsView) fetch() tea.Cmd {
	st := v.c.store
	n := v.c.info.Problems
	if st == nil || n == 0 {
		return nil
	}
	want, end := v.scroll, min(v.scroll+v.h, n)
	if want >= v.from && end <= v.from+len(v.items) {
		return nil
	}
	v.gen++
	gen, from, to, ctx := v.gen, max(want-v.h, 0), min(end+v.h, n), v.c.ctx
	return func() tea.Msg {
		items, err := st.Problems(ctx, from, to)
		if err != nil {
			return storeFailed(ctx, err)
		}
		return problemsMsg{gen: gen, from: from, items: items}
	}
}

func (v *problemsView) update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(problemsMsg); ok && msg.gen == v.gen {
		v.items, v.from = msg.items, msg.from
	}
	return nil
}

// view draws h lines: a title, then the problems from the scroll position.
func (v *problemsView) view(w, h int) []string {
	s := v.c.styles
	out := make([]string, h)
	if h == 0 {
		return out
	}
	n := v.c.info.Problems
	out[0] = s.PaneTitleFocus.Render(fit(" Problems ("+itoa(n)+") — files not loaded, articles loaded with a problem · any key closes", w))
	if n == 0 {
		if h > 1 {
			out[1] = s.Dim.Render(" no problems")
		}
		return out
	}
	for i := 1; i < h; i++ {
		k := v.scroll + i - 1 - v.from
		if k < 0 || k >= len(v.items) {
			continue
		}
		p := v.items[k]
		out[i] = s.Source.Render(" "+clean(p.Path)) + s.Dim.Render(": "+clean(p.Reason))
	}
	return out
}
