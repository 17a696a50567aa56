package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/model"
)

// storiesPane lists the stories under day, source or quote-count headers.
// The selected story is the open article; it stays selected through
// re-sorts and filters.
type storiesPane struct {
	listPane[browse.StoryItem]
	store browse.Store      // the store res came from
	res   *browse.StoryList // nil until the first result
	sort  browse.Sort

	selID  string // the selected story
	chosen bool   // the user moved the cursor (else it follows the top)
	// follow: open the story under the cursor once its page arrives.
	follow bool
	// move: a window of a long list asked for (list.go), pending: not
	// yet here.
	move    windowMove
	pending bool
	// flight is the window move asked for and not yet here, and the
	// story it was asked around: a refresh asked meanwhile (the marks
	// changed) asks for it again rather than for the window around the
	// cursor in the rows it is leaving.
	flight    windowMove
	flightSel string
	// moves counts the user's cursor moves: a refresh asked before the
	// last one would put the cursor back where it was.
	moves int
}

// Messages of the stories pane.
type (
	storiesMsg struct {
		gen   int
		store browse.Store
		list  *browse.StoryList
		pages map[int][]browse.StoryItem // the pages around the selection
		move  windowMove
		// quiet: the marks changed, not the list: open nothing new.
		quiet bool
		moves int // the pane's cursor moves when it was asked
	}
	storyLocatedMsg struct {
		list *browse.StoryList
		row  int
	}
)

func newStoriesPane(c *common) *storiesPane {
	return &storiesPane{listPane: newListPane[browse.StoryItem](c, 1)}
}

func (p *storiesPane) SetSize(w, h int) tea.Cmd {
	p.resize(w, h)
	p.measure()
	return p.fetch()
}

func (p *storiesPane) SetStore(browse.Store) tea.Cmd { return p.refilter() }

func (p *storiesPane) SetQuery(v string) tea.Cmd {
	p.parse(v)
	return p.refilter()
}

// refilter asks the store for the list again (query, sort or store
// changed), keeping the selected story.
func (p *storiesPane) refilter() tea.Cmd { return p.ask(false) }

// refresh asks for the list again because the reader's marks changed:
// the selection stays and nothing else opens.
func (p *storiesPane) refresh() tea.Cmd { return p.ask(true) }

func (p *storiesPane) ask(quiet bool) tea.Cmd {
	st := p.c.store
	if st == nil {
		return nil
	}
	ctx, gen := p.job()
	sel := p.selID
	if !p.chosen {
		sel = "" // nothing chosen yet: the top story
	}
	var narrow *browse.StoryList
	if p.store == st {
		narrow = p.res
	}
	sq := browse.StoriesQuery{Query: p.q, Sort: p.sort, Select: sel, Narrow: narrow, Marks: p.c.marks}
	around := p.selID // the story a window around is asked around
	if quiet && p.pending && p.move == (windowMove{}) {
		// A window asked for is still coming (the bottom key, or the
		// window around the cursor): this question replaces it, so it
		// asks for that window again, with the moves made since counted
		// from where it was asked.
		p.move, around = p.flight, p.flightSel
	}
	if quiet {
		if p.res != nil && (p.res.Before || p.res.After) && p.move == (windowMove{}) {
			// A window of a long list: the window around the cursor's
			// story again, the cursor where it is on screen.
			if it, ok := p.list.selected(); ok {
				p.selID, around = it.ID, it.ID
				p.move = windowMove{around: true, above: p.list.above(), delta: -p.list.cursor}
			}
		}
		// The story just read (or starred) stays listed under an is:
		// filter until the filter changes.
		sq.Keep = p.selID
	}
	move := p.move
	p.move = windowMove{}
	switch {
	case move.end != 0:
		sq.Select, sq.End = "", move.end > 0
	case move.around:
		sq.Select = around
	}
	p.pending = move.end != 0 || move.around
	p.flight, p.flightSel = move, around
	h, moves := p.h, p.moves
	return func() tea.Msg {
		l, err := st.Stories(ctx, sq)
		if err != nil {
			return storeFailed(ctx, err)
		}
		// The pages around the selection come with the list, so the
		// first frame after a keystroke is whole.
		pages := pagesAround(l.Selected, h, len(l.Rows), func(from, to int) ([]browse.StoryItem, error) {
			return st.StoryPage(ctx, l, from, to)
		})
		return storiesMsg{gen: gen, store: st, list: l, pages: pages, move: move, quiet: quiet, moves: moves}
	}
}

// waiting reports whether the selected story is not here yet: the first
// list, a window of the list asked for, or the cursor's page, is still
// coming, or the cursor was moved past the rows here (the overshoot: the
// next window moves it).
func (p *storiesPane) waiting() bool {
	return p.pending || p.res == nil && p.c.store != nil || p.list.coming() || p.list.overshoot != 0
}

// window asks for the window around the cursor when it nears an edge of
// a long list's window, or (end -1, 1) the list's first or last window.
func (p *storiesPane) window(end int) tea.Cmd {
	if p.res == nil {
		return nil
	}
	if end == 0 {
		if p.pending || p.list.edge(p.res.Before, p.res.After) == 0 {
			return nil
		}
		it, ok := p.list.selected()
		if !ok {
			return nil
		}
		p.selID, p.chosen = it.ID, true
		p.move = windowMove{around: true, above: p.list.above()}
		p.move.delta = -p.list.cursor // (the cursor's row when the window comes, less this)
	} else {
		p.move = p.list.endMove(end)
	}
	return p.refilter()
}

func (p *storiesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case storiesMsg:
		if msg.gen != p.gen {
			return nil
		}
		if msg.quiet && msg.moves != p.moves && msg.move == (windowMove{}) {
			// The cursor moved since: ask again from where it is now. (A
			// window places the cursor counting the moves made since.)
			return p.refresh()
		}
		p.store, p.res = msg.store, msg.list
		cursor, offset := p.list.cursor, p.list.offset
		p.list.setRows(msg.list, msg.list.Rows, msg.list.Headers)
		p.list.pages = msg.pages
		p.pending, p.flight, p.flightSel = false, windowMove{}, ""
		switch m := msg.move; {
		case m.end != 0:
			p.list.toEnd(m, cursor)
			p.list.settle(msg.list.Before, msg.list.After)
		case m.around && msg.list.Selected >= 0:
			// The cursor may have moved on while the window came.
			p.list.place(msg.list.Selected+cursor+m.delta, m.above)
			p.list.settle(msg.list.Before, msg.list.After)
		case msg.quiet && len(msg.list.Query.States) == 0:
			// Only the marks changed: the rows are the same, the cursor
			// stays where it is (the selection asked for may be behind it).
			p.list.cursor, p.list.offset = cursor, offset
			p.list.clamp()
			p.list.keepVisible()
		default:
			p.list.overshoot = 0
			p.list.setCursor(msg.list.Selected)
		}
		p.measure()
		if !msg.quiet {
			p.follow = true
		}
		changed := func() tea.Msg { return storiesChangedMsg{query: msg.list.Query, list: msg.list} }
		return tea.Batch(changed, p.fetch(), p.followCursor(), p.window(0))
	case pageMsg[browse.StoryItem]:
		if p.list.setPage(msg) {
			p.measure()
			// The window around the cursor waits for its row's page.
			return tea.Batch(p.followCursor(), p.window(0))
		}
	case storyLocatedMsg:
		if msg.list == p.res && msg.row >= 0 {
			p.list.setCursor(msg.row)
			p.measure()
			return p.fetch()
		}
		if msg.list == p.res && (p.res.Before || p.res.After) {
			// Not in this window of a long list: the window around it.
			p.move = windowMove{around: true, above: p.list.height / 2, delta: -p.list.cursor}
			return p.refilter()
		}
	}
	return nil
}

// fetch brings the pages on screen.
func (p *storiesPane) fetch() tea.Cmd {
	st, l, ctx := p.store, p.res, p.c.ctx
	return p.list.fetch(func(from, to int) ([]browse.StoryItem, error) { return st.StoryPage(ctx, l, from, to) })
}

// followCursor opens the story under the cursor, once its page is here.
func (p *storiesPane) followCursor() tea.Cmd {
	if !p.follow {
		return nil
	}
	it, ok := p.list.selected()
	if !ok {
		return nil
	}
	p.follow = false
	p.selID = it.ID
	return func() tea.Msg { return openMsg{id: it.ID, quote: -1} }
}

// locate moves the cursor to a story (a quotation's, opened from the
// quotes pane) when it is listed.
func (p *storiesPane) locate(id string) tea.Cmd {
	p.selID = id
	p.chosen = true
	st, l, ctx := p.store, p.res, p.c.ctx
	if l == nil {
		return nil
	}
	from, to := p.list.visible()
	for i := from; i < to; i++ {
		if it, ok := p.list.item(i); ok && it.ID == id {
			p.list.setCursor(i)
			p.measure()
			return nil
		}
	}
	return func() tea.Msg {
		row, err := st.FindStory(ctx, l, id)
		if err != nil {
			return nil
		}
		return storyLocatedMsg{list: l, row: row}
	}
}

func (p *storiesPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.keys.Stories
	switch {
	case key.Matches(msg, k.Open):
		// Open the story under the cursor (if its page is here) and read it.
		var id string
		if it, ok := p.list.selected(); ok {
			id, p.selID, p.follow = it.ID, it.ID, false
		}
		return func() tea.Msg { return openMsg{id: id, quote: -1, focus: true} }, true
	case key.Matches(msg, k.Sort):
		p.sort = p.sort.Next()
		if p.sort == browse.SortStory && p.c.info.NoStories != "" {
			p.sort = p.sort.Next() // a store without stories has no such order
		}
		return p.refilter(), true
	case p.res != nil && p.res.Before && key.Matches(msg, p.c.keys.Move.Top):
		p.chosen, p.follow = true, true
		return p.window(-1), true
	case p.res != nil && p.res.After && key.Matches(msg, p.c.keys.Move.Bottom):
		p.chosen, p.follow = true, true
		return p.window(1), true
	}
	if moveList(&p.list, msg, p.c.keys.Move) {
		p.moves++
		p.measure()
		p.chosen = true
		p.follow = true
		return tea.Batch(p.fetch(), p.followCursor(), p.window(0)), true
	}
	return nil, false
}

// moveList moves a list's cursor for a movement key; it reports whether
// the key was one.
func moveList[T any](l *list[T], msg tea.KeyPressMsg, k moveKeys) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.moveBy(-1)
	case key.Matches(msg, k.Down):
		l.moveBy(1)
	case key.Matches(msg, k.PageUp):
		l.moveBy(-l.page())
	case key.Matches(msg, k.PageDown):
		l.moveBy(l.page())
	case key.Matches(msg, k.Top):
		l.top()
	case key.Matches(msg, k.Bottom):
		l.bottom()
	default:
		return false
	}
	return true
}

// ShortHelp and FullHelp are the stories' keys.
func (p *storiesPane) ShortHelp() []key.Binding {
	k := p.c.keys
	bs := []key.Binding{k.Stories.Open, k.Stories.Sort, k.Global.Filter}
	if p.c.marking {
		bs = append(bs, k.Reader.Read, k.Reader.Star, k.Reader.Cite)
	}
	return bs
}

func (p *storiesPane) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{{k.Stories.Open, withHelp(k.Stories.Sort, "sort by date, source or quote count"), k.Global.Filter}}
}

func (p *storiesPane) Wheel(delta int) tea.Cmd {
	p.moves++
	p.list.wheel(delta)
	p.measure()
	p.follow = true
	return tea.Batch(p.fetch(), p.followCursor(), p.window(0))
}

func (p *storiesPane) Click(y int) tea.Cmd {
	p.moves++
	p.list.click(y)
	p.measure()
	p.chosen = true
	p.follow = true
	return p.followCursor()
}

func (p *storiesPane) Info() string { return p.sort.String() }

// unread counts the listed stories not read, once a list is here.
func (p *storiesPane) unread() (int, bool) {
	if p.res == nil {
		return 0, false
	}
	return p.res.Unread, true
}

// counts are the stories listed and in the store, for the status line.
func (p *storiesPane) counts() (n, total int, estimated bool) {
	if p.res == nil {
		return 0, p.c.info.Stories, false
	}
	return p.res.Matched, p.res.Total, p.res.Estimated
}

func (p *storiesPane) View() []string {
	s := p.c.styles
	w, h := p.w, p.h
	out := make([]string, 0, h)
	if p.res == nil || p.list.len() == 0 {
		switch {
		case p.c.loading:
			out = append(out, s.Dim.Render(" loading…"))
		case p.res != nil && p.c.info.Stories > 0:
			out = append(out, s.Dim.Render(" no story matches "+keyName(p.c.keys.Global.Filter)+clean(p.query)))
		case p.res != nil:
			out = append(out, s.Dim.Render(" no stories"))
		}
		return out
	}
	hl := p.highlights()
	col := p.columns()
	from, to := p.list.visible()
	for i := from; i < to && len(out) < h; i++ {
		if text, ok := p.list.header(i); ok {
			out = append(out, s.Header.Render(fit(" "+clean(text), w)))
			continue
		}
		it, ok := p.list.item(i)
		if !ok {
			out = append(out, "")
			continue
		}
		count := ""
		if it.Quotes > 0 {
			count = itoa(it.Quotes)
		}
		line, lead := " ", ""
		read := p.c.marks.IsRead(it.ID)
		if col.marks {
			// Read and starred, in text: they show without colour too.
			lead = " " + markGlyph(read, readMark) + markGlyph(p.c.marks.IsStarred(it.ID), starMark)
			line = lead
		}
		switch {
		case col.when && p.sort == browse.SortDate && col.marks:
			line = lead + s.Time.Render(timeOf(it)) + " "
		case col.when && col.marks:
			line = lead + s.Time.Render(shortDate(it)) + " "
		case col.when && p.sort == browse.SortDate:
			line = s.Time.Render(" "+timeOf(it)) + " "
		case col.when:
			line = s.Time.Render(" "+shortDate(it)) + " "
		}
		titleStyle, srcStyle := lipgloss.NewStyle(), s.Source
		if read {
			titleStyle, srcStyle = s.Dim, s.Dim
		}
		if col.src > 0 {
			line += highlight(fit(clean(it.Source), col.src), hl, srcStyle, s.Match) + " "
		}
		titles := []string{rowTitle(it, col)}
		if i == p.list.cursor {
			// The selected story shows its whole title.
			titles = wrapLines(titles[0], col.title, p.list.cursorLines)
		}
		line += highlight(fit(titles[0], col.title), hl, titleStyle, s.Match)
		line += " " + s.Count.Render(padLeft(count, storyCountWidth))
		lines := []string{line}
		for _, t := range titles[1:] {
			lines = append(lines, strings.Repeat(" ", col.indent)+highlight(fit(t, col.title), hl, titleStyle, s.Match))
		}
		out = p.appendRow(out, i, lines...)
	}
	return out
}

// storyCountWidth is the quote-count column.
const storyCountWidth = 3

// storyColumns are the widths of a story row's columns.
type storyColumns struct {
	when               bool
	marks              bool // the read and starred marks (with a reader)
	inline             bool // the source before the title, not in a column
	src, title, indent int
}

// columns sizes the row: the time (or, not sorted by date, the date)
// when some listed story has one, the source sized to the longest listed
// (none when no story has one, or sorted by source: the headers say it),
// the title in the rest, the quote count.
func (p *storiesPane) columns() storyColumns {
	var c storyColumns
	whenW := 0
	switch {
	case p.res == nil:
	case p.sort == browse.SortDate && p.res.Timed:
		whenW = 6 // " 15:04"
	case p.sort != browse.SortDate && p.res.Dated:
		whenW = 11 // " 2024-03-20"
	}
	c.when = whenW > 0
	switch {
	case p.res == nil || p.res.SourceWidth == 0 || p.sort == browse.SortSource:
	case p.res.Sourced*4 < p.res.Matched || p.w < 34:
		// Few stories have a source: it goes before their title rather
		// than in a column that is mostly blank.
		c.inline = true
	default:
		c.src = min(p.res.SourceWidth, clamp(p.w*3/10, 6, 18))
	}
	c.indent = whenW + 1
	if p.c.marking {
		c.marks = true
		c.indent += 2
	}
	if c.src > 0 {
		c.indent += c.src + 1
	}
	c.title = max(p.w-c.indent-1-storyCountWidth, 1)
	return c
}

// The marks a reader's row shows: read, starred.
const (
	readMark = "✓"
	starMark = "★"
)

// markGlyph is mark when on, a space otherwise.
func markGlyph(on bool, mark string) string {
	if on {
		return mark
	}
	return " "
}

// derivedMark marks a title made from the lead of a story without a
// headline.
const derivedMark = "(no headline)"

// storyTitle is a story's title as listed, marked when it was derived.
func storyTitle(it browse.StoryItem) string {
	if it.TitleDerived {
		return derivedMark + " " + clean(it.Title)
	}
	return clean(it.Title)
}

// rowTitle is what a row shows in its title column: the title, after the
// source when that is not in a column of its own.
func rowTitle(it browse.StoryItem, col storyColumns) string {
	if col.inline && it.Source != "" {
		return clean(it.Source) + " · " + storyTitle(it)
	}
	return storyTitle(it)
}

// maxTitleLines is how many lines the selected story's title may take.
const maxTitleLines = 4

// measure sizes the selected row to its whole title (call when the
// cursor, its item or the width changes).
func (p *storiesPane) measure() {
	n := 1
	if it, ok := p.list.selected(); ok {
		col := p.columns()
		n = len(wrapLines(rowTitle(it, col), col.title, maxTitleLines))
	}
	if n != p.list.cursorLines {
		p.list.cursorLines = n
		p.list.keepVisible()
	}
}

// wrapLines wraps s to width w in at most n lines, the last cut with an
// ellipsis when more would be needed.
func wrapLines(s string, w, n int) []string {
	if w <= 0 || n <= 1 {
		return []string{s}
	}
	lines := strings.Split(ansi.Wrap(s, w, ""), "\n")
	if len(lines) > n {
		lines = append(lines[:n-1:n-1], ansi.Truncate(strings.Join(lines[n-1:], " "), w, "…"))
	}
	return lines
}

func selectStyle(s Styles, active bool) lipgloss.Style {
	if active {
		return s.Selected
	}
	return s.SelectedBlur
}

func timeOf(it browse.StoryItem) string {
	if it.DatePrecision == model.PrecisionDateTime {
		return it.Published.Format("15:04")
	}
	return "     "
}

func shortDate(it browse.StoryItem) string {
	if !it.Dated() {
		return "undated   "
	}
	return it.Published.Format("2006-01-02")
}
