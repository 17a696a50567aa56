package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpView is the help overlay: every key, from the key map, then the
// filter syntax. Its lines are built when the size or the style changes;
// arrows and pages scroll it, any other key closes it.
type helpView struct {
	c      *common
	panes  [numPanes]help.KeyMap
	w, h   int
	lines  []string
	scroll int
}

func newHelpView(c *common, panes [numPanes]help.KeyMap) helpView {
	return helpView{c: c, panes: panes}
}

func (v *helpView) setSize(w, h int, force bool) {
	if w == v.w && h == v.h && !force && v.lines != nil {
		return
	}
	v.w, v.h = w, h
	v.lines = v.text(w)
	v.scrollBy(0)
}

// key scrolls for a scrolling key; false for any other (it closes help).
func (v *helpView) key(msg tea.KeyPressMsg) bool {
	step, scrolls := overlayStep(v.c.keys.Move, msg, v.h-1)
	v.scrollBy(step)
	return scrolls
}

func (v *helpView) scrollBy(delta int) {
	v.scroll = clamp(v.scroll+delta, 0, max(len(v.lines)-v.h, 0))
}

// overlayStep is how far a key scrolls an overlay whose page is page
// lines; scrolls is false for keys that do not scroll.
func overlayStep(k moveKeys, msg tea.KeyPressMsg, page int) (step int, scrolls bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -max(page, 1), true
	case key.Matches(msg, k.PageDown):
		return max(page, 1), true
	}
	return 0, false
}

// text is the full help, made from the key map: a block of keys for
// every context (everywhere, moving, each pane, typing a filter, the
// overlays, the mouse) in as many columns as fit, then the filter syntax.
func (v *helpView) text(w int) []string {
	s := v.c.styles
	k := v.c.keys
	mv := k.Move
	lines := []string{s.Title.Render("byline keys") + s.Dim.Render("  ("+keyName(pair(mv.Up, mv.Down, ""))+" "+
		keyName(pair(mv.PageUp, mv.PageDown, ""))+" scroll · any other key closes)"), ""}
	var blocks [][]string
	add := func(title string, bs ...key.Binding) {
		blocks = append(blocks, helpBlock(s, title, bs))
	}
	add("Everywhere", k.Global.list()...)
	add("Moving in lists and the article", mv.list()...)
	for i, p := range v.panes {
		var bs []key.Binding
		for _, g := range p.FullHelp() {
			bs = append(bs, g...)
		}
		add(paneID(i).String(), bs...)
	}
	add("Your marks, copy, open, export", k.Reader.list()...)
	add("Saved filters ("+keyName(k.Reader.Filters)+")", k.Picker.Apply, k.Picker.Delete)
	add("Typing a filter", k.Typing.list()...)
	add("Help and problems", pair(mv.Up, mv.Down, "scroll"), pair(mv.PageUp, mv.PageDown, "scroll a page"), k.Overlay.Close)
	add("Mouse", k.Mouse.Wheel, k.Mouse.Click)
	lines = append(lines, columns(blocks, w)...)
	g, t := k.Global, k.Typing
	return append(lines, "",
		s.Header.Render("Filters")+s.Dim.Render(" ("+keyName(g.Filter)+" in a pane, live as you type; "+
			keyName(t.Accept)+" keeps it, "+keyName(t.Cancel)+" clears it)"),
		"  words match anywhere, any case, any accents",
		"  \"exact phrase\"   -word excludes   -source:agencies",
		"  source:independent  speaker:blinken  author:smith",
		"  on:2022-01-10  on:jan 2022  on:march  after:last week",
		"  before:2022-01  on:today  after:7d",
		"  is:unread  is:read  is:starred  -is:starred   (your marks)",
	)
}

// helpBlock is a titled list of bindings, keys in a column.
func helpBlock(s Styles, title string, bs []key.Binding) []string {
	kw := 0
	for _, b := range bs {
		kw = max(kw, ansi.StringWidth(b.Help().Key))
	}
	out := []string{s.Header.Render(title)}
	for _, b := range bs {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		out = append(out, " "+s.StatusKey.Render(padRight(h.Key, kw))+"  "+s.Dim.Render(h.Desc))
	}
	return out
}

// columns lays blocks out in as many columns as fit in w, top to bottom
// then left to right, a blank line between blocks.
func columns(blocks [][]string, w int) []string {
	const gap = 3
	widths := make([]int, len(blocks))
	total := 0
	for i, b := range blocks {
		for _, l := range b {
			widths[i] = max(widths[i], ansi.StringWidth(l))
		}
		total += len(b) + 1
	}
	var cols [][]string
	var colW []int
	for n := len(blocks); n >= 1; n-- {
		cols, colW = cols[:0], colW[:0]
		var col []string
		cw := 0
		for i, b := range blocks {
			if len(col) > 0 && len(col) >= (total+n-1)/n && len(cols) < n-1 {
				cols, colW = append(cols, col), append(colW, cw)
				col, cw = nil, 0
			}
			if len(col) > 0 {
				col = append(col, "")
			}
			col = append(col, b...)
			cw = max(cw, widths[i])
		}
		cols, colW = append(cols, col), append(colW, cw)
		sum := gap * (len(cols) - 1)
		for _, x := range colW {
			sum += x
		}
		if sum <= w {
			break
		}
	}
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	out := make([]string, height)
	for r := range out {
		var b strings.Builder
		for ci, c := range cols {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if ci < len(cols)-1 {
				cell = padRight(cell, colW[ci]+gap)
			}
			b.WriteString(cell)
		}
		out[r] = b.String()
	}
	return out
}

// view draws h lines from the scroll position.
func (v *helpView) view(h int) []string {
	out := make([]string, h)
	for i := range out {
		if k := v.scroll + i; k < len(v.lines) {
			out[i] = v.lines[k]
		}
	}
	return out
}
