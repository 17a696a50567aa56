package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpView is the help overlay: every key, from the key map, then the
// filter syntax. Its lines are built when the size or the style changes;
// arrows and pages scroll it, any other key closes it.
type helpView struct {
	c      *common
	model  help.Model
	w, h   int
	lines  []string
	scroll int
}

func newHelpView(c *common) helpView { return helpView{c: c, model: help.New()} }

func (v *helpView) setStyles(dark, noColor bool) {
	v.model.Styles = help.DefaultStyles(dark)
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
	step, scrolls := overlayStep(v.c.keys, msg, v.h-1)
	v.scrollBy(step)
	return scrolls
}

func (v *helpView) scrollBy(delta int) {
	v.scroll = clamp(v.scroll+delta, 0, max(len(v.lines)-v.h, 0))
}

// overlayStep is how far a key scrolls an overlay whose page is page
// lines; scrolls is false for keys that do not scroll.
func overlayStep(k keyMap, msg tea.KeyPressMsg, page int) (step int, scrolls bool) {
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

// text is the full help: bubbles help's columns when they fit, else one
// binding a line; then the filter syntax.
func (v *helpView) text(w int) []string {
	s := v.c.styles
	k := v.c.keys
	lines := []string{s.Title.Render("byline keys") + s.Dim.Render("  (↑/↓ scroll · any other key closes)"), ""}
	v.model.SetWidth(w)
	if w >= 100 {
		lines = append(lines, strings.Split(v.model.FullHelpView(k.FullHelp()), "\n")...)
	} else {
		for _, group := range k.FullHelp() {
			for _, b := range group {
				h := b.Help()
				lines = append(lines, " "+s.StatusKey.Render(padRight(h.Key, 11))+" "+s.Dim.Render(h.Desc))
			}
		}
	}
	return append(lines, "",
		s.Header.Render("Filters")+s.Dim.Render(" (/ in a list pane, live as you type; enter keeps it, esc clears it)"),
		"  words match anywhere, any case, any accents",
		"  \"exact phrase\"   -word excludes   -source:agencies",
		"  source:independent  speaker:blinken  author:smith",
		"  on:2022-01-10  on:jan 2022  after:last week",
		"  before:2022-01  on:today  after:7d",
		"",
		s.Header.Render("Panes"),
		"  Stories: s sorts by date, source or quotes",
		"  Article: n/N quotations, r removed boilerplate,",
		"          / finds words in it (then n/N go match to match)",
		"  Quotes: a article ↔ corpus, s groups by speaker/date,",
		"          enter opens the article at the quote",
		"  Speakers: a corpus ↔ article, enter filters to them",
	)
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
