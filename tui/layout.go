package tui

import "github.com/charmbracelet/x/ansi"

// Layout widths.
const (
	wideMin   = 160 // stories | article | quotes over speakers
	mediumMin = 90  // list | article
)

// layoutMode is how many panes fit side by side.
type layoutMode int

const (
	layoutNarrow layoutMode = iota // one pane, a tab bar to switch
	layoutMedium                   // a list beside the article
	layoutWide                     // stories | article | quotes over speakers
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// layoutInput is everything the layout depends on.
type layoutInput struct {
	w, h            int
	focus, lastList paneID
	filter          bool // the filter line is shown
}

// layout places the header line, the panes, the filter line and the status
// line. It is computed when its input changes (a resize, a focus change,
// the filter line appearing), never while drawing.
type layout struct {
	in    layoutInput
	valid bool
	mode  layoutMode
	body  rect
	panes [numPanes]rect
	shown [numPanes]bool
	// order lists the shown panes by x then y, the order they are joined
	// in on each line.
	order  [numPanes]paneID
	nShown int
	header headerLayout
}

// headerLayout places the header line: "byline", the corpus's name when
// there is room, and the tab bar on the right, whose labels are clickable.
type headerLayout struct {
	title bool   // "byline" shown
	name  string // the corpus's name, "" when not shown
	tabs  [numPanes]tab
}

type tab struct {
	x, w  int
	label string
}

// shortPaneNames are the tab labels when the full names do not fit.
var shortPaneNames = [numPanes]string{"Story", "Art", "Quote", "Spkr"}

// computeHeader picks the widest tab bar that fits (padded names, names,
// short names) and places it on the right of the title.
func computeHeader(w int, name string, keys [numPanes]string) headerLayout {
	var h headerLayout
	width := 0
	for _, v := range []struct {
		pad   string
		sep   int
		short bool
	}{{" ", 0, false}, {"", 1, false}, {"", 1, true}} {
		width = 0
		for p := range numPanes {
			n := p.String()
			if v.short {
				n = shortPaneNames[p]
			}
			label := v.pad + keys[p] + " " + n + v.pad
			if p > 0 {
				width += v.sep
			}
			h.tabs[p] = tab{x: width, w: ansi.StringWidth(label), label: label}
			width += h.tabs[p].w
		}
		if width <= w {
			break
		}
	}
	title := len("byline")
	if name != "" && w >= 100 {
		h.name = name
		title += ansi.StringWidth(" · " + name)
	}
	h.title = w-title-width >= 1
	if !h.title {
		h.name = ""
	}
	start := 0
	if h.title {
		start = w - width
	}
	for p := range h.tabs {
		h.tabs[p].x += start
	}
	return h
}

// tabAt is the pane whose tab is at column x of the header line.
func (h *headerLayout) tabAt(x int) (paneID, bool) {
	for p, t := range h.tabs {
		if x >= t.x && x < t.x+t.w {
			return paneID(p), true
		}
	}
	return 0, false
}

func computeLayout(in layoutInput) layout {
	w, h := in.w, in.h
	l := layout{in: in, valid: true}
	top, bottom := 1, 1
	if in.filter {
		bottom = 2
	}
	if h < 4 {
		top, bottom = 0, min(h, 1)
	}
	bh := max(h-top-bottom, 0)
	l.body = rect{0, top, w, bh}
	place := func(p paneID, r rect) {
		l.panes[p] = r
		l.shown[p] = true
		l.order[l.nShown] = p
		l.nShown++
	}
	switch {
	case w >= wideMin:
		l.mode = layoutWide
		sw := w * 36 / 100
		aw := w * 38 / 100
		rw := w - sw - aw - 2
		qh := bh * 55 / 100
		place(paneStories, rect{0, top, sw, bh})
		place(paneArticle, rect{sw + 1, top, aw, bh})
		place(paneQuotes, rect{sw + aw + 2, top, rw, qh})
		place(paneSpeakers, rect{sw + aw + 2, top + qh, rw, bh - qh})
	case w >= mediumMin:
		l.mode = layoutMedium
		lw := w * 45 / 100
		place(in.lastList, rect{0, top, lw, bh})
		place(paneArticle, rect{lw + 1, top, w - lw - 1, bh})
	default:
		l.mode = layoutNarrow
		place(in.focus, l.body)
	}
	return l
}

// paneRect is where pane p is drawn; a pane not on screen gets the body's
// size (what it would have in the one-pane layout).
func (l *layout) paneRect(p paneID) rect {
	if l.shown[p] {
		return l.panes[p]
	}
	return l.body
}

// paneAt is the shown pane at (x, y).
func (l *layout) paneAt(x, y int) (paneID, bool) {
	for _, p := range l.order[:l.nShown] {
		if l.panes[p].contains(x, y) {
			return p, true
		}
	}
	return 0, false
}

// filterY and statusY are the lines of the filter and status lines, -1
// when not shown.
func (l *layout) filterY() int {
	if sy := l.in.h - 1; l.body.y+l.body.h < sy {
		return sy - 1
	}
	return -1
}

func (l *layout) statusY() int {
	if l.in.h >= 1 && (l.body.y == 1 || l.in.h < 4) {
		return l.in.h - 1
	}
	return -1
}
