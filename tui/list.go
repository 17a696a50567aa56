package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"byline/browse"
)

// pageSize is how many rows a page fetch brings.
const pageSize = 64

// list is the one virtualised list of the browser: rows (items and group
// headers) with a cursor that skips headers, a scroll offset, the wheel and
// the click. It keeps only the keys of its rows (8 bytes a row: a million
// quotations cost 8 MB); what an item shows is fetched from the store a
// page at a time in a tea.Cmd, for the pages on screen and next to it, so
// drawing a frame touches the visible rows only.
type list[T any] struct {
	rows    []browse.Row
	headers []string
	cursor  int
	offset  int
	height  int // lines
	// itemLines is how many lines an item takes (headers take one);
	// cursorLines, when set, is how many the item under the cursor takes.
	itemLines, cursorLines int

	pages   map[int][]T // page number → its rows' items
	pending map[int]bool
	// source identifies the result the rows came from: pages fetched for
	// another are dropped.
	source any
	// overshoot counts the rows the cursor was asked to move past the
	// first or last row (a window of a long list: they are moved when the
	// next window comes).
	overshoot int
}

func newList[T any]() list[T] { return list[T]{itemLines: 1} }

// pageMsg carries a fetched page to the list it was asked for.
type pageMsg[T any] struct {
	source any
	page   int
	items  []T
	err    error
}

// setRows replaces the rows with those of a new result; pages are dropped.
func (l *list[T]) setRows(source any, rows []browse.Row, headers []string) {
	l.source, l.rows, l.headers = source, rows, headers
	if len(rows) == 0 {
		l.overshoot = 0
	}
	l.pages, l.pending = nil, nil
}

// home puts the cursor and the view back at the top (the rows stay until
// the next result replaces them).
func (l *list[T]) home() { l.cursor, l.offset = 0, 0 }

func (l *list[T]) len() int { return len(l.rows) }

// item returns the item of row i when its page has been fetched.
func (l *list[T]) item(i int) (T, bool) {
	var zero T
	if i < 0 || i >= len(l.rows) || l.rows[i].Header() {
		return zero, false
	}
	p, ok := l.pages[i/pageSize]
	if !ok || i%pageSize >= len(p) {
		return zero, false
	}
	return p[i%pageSize], true
}

// header returns the text of row i when it is a header.
func (l *list[T]) header(i int) (string, bool) {
	if i < 0 || i >= len(l.rows) || !l.rows[i].Header() {
		return "", false
	}
	h := int(l.rows[i].Head)
	if h < 0 || h >= len(l.headers) {
		return "", true
	}
	return l.headers[h], true
}

// selected returns the item under the cursor, when fetched.
func (l *list[T]) selected() (T, bool) { return l.item(l.cursor) }

// coming reports whether the cursor's row is a story whose page has been
// asked for and is not here yet.
func (l *list[T]) coming() bool {
	i := l.cursor
	if i < 0 || i >= len(l.rows) || l.rows[i].Header() {
		return false
	}
	_, ok := l.pages[i/pageSize]
	return !ok && l.pending[i/pageSize]
}

// setPage stores a fetched page if it belongs to the current rows.
func (l *list[T]) setPage(msg pageMsg[T]) bool {
	if msg.source != l.source || msg.source == nil {
		return false
	}
	delete(l.pending, msg.page)
	if msg.err != nil {
		return false
	}
	if l.pages == nil {
		l.pages = map[int][]T{}
	}
	l.pages[msg.page] = msg.items
	return true
}

// fetch returns the commands bringing the pages on screen and one page
// either side that are neither fetched nor under way; get fetches rows
// [from, to) of the current result.
func (l *list[T]) fetch(get func(from, to int) ([]T, error)) tea.Cmd {
	if len(l.rows) == 0 || l.source == nil {
		return nil
	}
	first := max(l.offset-pageSize, 0) / pageSize
	last := min(l.offset+l.height+pageSize, len(l.rows)-1) / pageSize
	var cmds []tea.Cmd
	for p := first; p <= last; p++ {
		if _, ok := l.pages[p]; ok || l.pending[p] {
			continue
		}
		if l.pending == nil {
			l.pending = map[int]bool{}
		}
		l.pending[p] = true
		src, page := l.source, p
		from, to := p*pageSize, min((p+1)*pageSize, len(l.rows))
		cmds = append(cmds, func() tea.Msg {
			items, err := get(from, to)
			return pageMsg[T]{source: src, page: page, items: items, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// pagesAround fetches, for a new result of n rows, the pages holding the
// rows a screen of h lines around row shows (row -1: the top), so the
// result and what it shows arrive together.
func pagesAround[T any](row, h, n int, get func(from, to int) ([]T, error)) map[int][]T {
	if n == 0 {
		return nil
	}
	row = max(row, 0)
	pages := map[int][]T{}
	for p := max(row-h, 0) / pageSize; p <= min(row+h, n-1)/pageSize; p++ {
		items, err := get(p*pageSize, min((p+1)*pageSize, n))
		if err != nil {
			return nil
		}
		pages[p] = items
	}
	return pages
}

// lines is the number of lines row i takes.
func (l *list[T]) lines(i int) int {
	switch {
	case i < 0 || i >= len(l.rows) || l.rows[i].Header():
		return 1
	case i == l.cursor && l.cursorLines > 0:
		return l.cursorLines
	}
	return max(l.itemLines, 1)
}

// visible returns the rows on screen: [offset, end).
func (l *list[T]) visible() (int, int) {
	used, i := 0, l.offset
	for ; i < len(l.rows); i++ {
		n := l.lines(i)
		if used+n > l.height && used > 0 {
			break
		}
		used += n
		if used >= l.height {
			i++
			break
		}
	}
	return l.offset, min(i, len(l.rows))
}

// maxOffset is the largest offset that leaves no empty lines at the end.
func (l *list[T]) maxOffset() int {
	used := 0
	for i := len(l.rows) - 1; i >= 0; i-- {
		used += l.lines(i)
		if used > l.height {
			return i + 1
		}
	}
	return 0
}

// page is how many rows a page key moves.
func (l *list[T]) page() int { return max(l.height/max(l.itemLines, 1)-1, 1) }

func (l *list[T]) clamp() {
	n := len(l.rows)
	l.cursor = clamp(l.cursor, 0, max(n-1, 0))
	l.offset = clamp(l.offset, 0, max(n-1, 0))
}

// skipHeader moves the cursor off a group header in direction dir (or the
// other way at the list's end).
func (l *list[T]) skipHeader(dir int) {
	if len(l.rows) == 0 {
		return
	}
	for _, d := range []int{dir, -dir} {
		for i := l.cursor; i >= 0 && i < len(l.rows); i += d {
			if !l.rows[i].Header() {
				l.cursor = i
				return
			}
		}
	}
}

// keepVisible scrolls so the cursor's row is on screen, showing the
// header above the first item when scrolled to it.
func (l *list[T]) keepVisible() {
	h := max(l.height, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	for l.offset < l.cursor && l.span(l.offset, l.cursor) > h {
		l.offset++
	}
	if l.offset == 1 && len(l.rows) > 0 && l.rows[0].Header() && l.span(0, l.cursor) <= h {
		l.offset = 0
	}
	l.offset = clamp(l.offset, 0, l.maxOffset())
}

// span is the number of lines of rows [from, to].
func (l *list[T]) span(from, to int) int {
	n := 0
	for i := from; i <= to; i++ {
		n += l.lines(i)
	}
	return n
}

// moveBy moves the cursor by delta rows, off headers in its direction.
func (l *list[T]) moveBy(delta int) {
	from := l.cursor
	l.cursor = from + delta
	l.clamp()
	dir := 1
	if delta < 0 {
		dir = -1
	}
	l.skipHeader(dir)
	// The rows it fell short by (at the first or last row, or turned back
	// by a header there) are the overshoot.
	if moved := l.cursor - from; (dir > 0 && moved < delta) || (dir < 0 && moved > delta) {
		l.overshoot += delta - moved
	}
	l.keepVisible()
}

func (l *list[T]) top() {
	l.cursor = 0
	l.clamp()
	l.skipHeader(1)
	l.keepVisible()
}

func (l *list[T]) bottom() {
	l.cursor = len(l.rows) - 1
	l.clamp()
	l.skipHeader(-1)
	l.keepVisible()
}

// setCursor puts the cursor on row i (or the first item when i < 0).
func (l *list[T]) setCursor(i int) {
	if i < 0 {
		l.cursor, l.offset = 0, 0
		l.clamp()
		l.skipHeader(1)
	} else {
		l.cursor = i
		l.clamp()
	}
	l.keepVisible()
}

// wheel scrolls by delta rows, keeping the cursor on screen.
func (l *list[T]) wheel(delta int) {
	l.offset = clamp(l.offset+delta, 0, l.maxOffset())
	from, to := l.visible()
	l.cursor = clamp(l.cursor, from, max(to-1, from))
	l.clamp()
	l.skipHeader(1)
	l.keepVisible()
}

// rowAt is the row drawn on line y of the list, or -1.
func (l *list[T]) rowAt(y int) int {
	if y < 0 {
		return -1
	}
	used := 0
	for i := l.offset; i < len(l.rows); i++ {
		used += l.lines(i)
		if y < used {
			return i
		}
	}
	return -1
}

// click puts the cursor on the item drawn on line y; it reports whether
// there was one.
func (l *list[T]) click(y int) bool {
	i := l.rowAt(y)
	if i < 0 || l.rows[i].Header() {
		return false
	}
	l.cursor = i
	l.keepVisible()
	return true
}

func (l *list[T]) setHeight(h int) {
	l.height = max(h, 0)
	l.keepVisible()
}

// A long list from a database comes as a window of its rows (the list
// goes on Before and After them): as the cursor nears an edge where the
// list goes on, the pane asks for the window around the cursor's row, and
// the top and bottom keys ask for the list's first or last window.

// edge reports whether the cursor is within a screen and a page of an
// edge of the rows past which the list goes on: -1 the first rows, 1 the
// last, 0 neither.
func (l *list[T]) edge(before, after bool) int {
	margin := l.height + pageSize
	switch {
	case after && l.cursor >= len(l.rows)-margin:
		return 1
	case before && l.cursor < margin:
		return -1
	}
	return 0
}

// above is how many rows the cursor is below the first row on screen.
func (l *list[T]) above() int { return max(l.cursor-l.offset, 0) }

// place puts the cursor on row i, above rows below the top of the screen
// (as it was before a new window came).
// Rows asked past the new rows' first or last stay the overshoot: the
// next window moves them (settle drops them where the list ends).
func (l *list[T]) place(i, above int) {
	d := l.overshoot
	l.overshoot = 0
	l.cursor = i
	l.clamp()
	d += i - l.cursor
	l.skipHeader(1)
	// The rows asked past the old rows' end, a key at a time (each k
	// over a group header steps past it).
	step := 1
	if d < 0 {
		step, d = -1, -d
	}
	for range d {
		l.moveBy(step)
	}
	l.offset = max(l.cursor-above, 0)
	l.keepVisible()
}

// settle drops the overshoot past an end of the rows where the list
// ends (before, after: it goes on past the first or last row).
func (l *list[T]) settle(before, after bool) {
	if l.overshoot < 0 && !before || l.overshoot > 0 && !after {
		l.overshoot = 0
	}
}

// rowOf is the row whose key is item, or -1.
func (l *list[T]) rowOf(item int32) int {
	for i, r := range l.rows {
		if r.Item == item && !r.Header() {
			return i
		}
	}
	return -1
}

// windowMove is how a pane is moving through a long list's windows.
type windowMove struct {
	end    int // -1: the first window asked for, 1: the last
	around bool
	key    int32 // the row the window is around
	above  int   // and its place on screen
	delta  int   // rows the cursor moved since the window was asked for
}

// around is the move asking for the window around the cursor's row, when
// the cursor nears an edge past which the list goes on.
func (l *list[T]) around(before, after bool) (windowMove, bool) {
	if l.edge(before, after) == 0 || l.cursor >= len(l.rows) || l.rows[l.cursor].Header() {
		return windowMove{}, false
	}
	return windowMove{around: true, key: l.rows[l.cursor].Item, above: l.above(), delta: -l.cursor}, true
}

// moveTo places the cursor in new rows as a move asked: at the end, at
// the start, on the row the window is around (moved on as the cursor
// moved since: cursor is where it was in the old rows), or where it was.
func (l *list[T]) moveTo(m windowMove, cursor int) {
	if !m.around && m.end == 0 {
		l.overshoot = 0
	}
	switch {
	case m.end != 0:
		l.toEnd(m, cursor)
	case m.around:
		if i := l.rowOf(m.key); i >= 0 {
			l.place(i+cursor+m.delta, m.above)
			return
		}
		l.clamp()
		l.skipHeader(1)
		l.keepVisible()
	default:
		l.clamp()
		l.skipHeader(1)
		l.keepVisible()
	}
}

// endMove is the move asking for a long list's first (end -1) or last
// (1) window: the moves made while it comes count from now.
func (l *list[T]) endMove(end int) windowMove {
	l.overshoot = 0
	return windowMove{end: end, delta: -l.cursor}
}

// toEnd puts the cursor at the end of new rows that a top or bottom key
// asked for (endMove), then moved as the keys pressed while they came
// moved it: as far as the cursor moved in the old rows (cursor is where
// it is there now; m.delta, less where it was) and the rows it was asked
// past their first or last (the overshoot: a k pressed at the top of the
// first window while the last one comes is a row up from the bottom).
func (l *list[T]) toEnd(m windowMove, cursor int) {
	d := cursor + m.delta + l.overshoot
	l.overshoot = 0
	if m.end > 0 {
		l.bottom()
	} else {
		l.setCursor(-1)
	}
	// A key at a time, as they were pressed: each k over a group header
	// steps past it.
	step := 1
	if d < 0 {
		step, d = -1, -d
	}
	for range d {
		l.moveBy(step)
	}
}

// windowEnd is -1 or 1 for the top or bottom key when the list goes on
// past its window that way (the first or last window is asked for), 0
// otherwise.
func windowEnd(msg tea.KeyPressMsg, k moveKeys, before, after bool) int {
	switch {
	case before && key.Matches(msg, k.Top):
		return -1
	case after && key.Matches(msg, k.Bottom):
		return 1
	}
	return 0
}
