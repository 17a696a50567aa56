package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/stories"
)

// compareView shows two articles of one story side by side (one above
// the other when narrow): their sentences aligned, shared ones marked the
// same or reworded (with a word diff), the rest on their own side. Marks
// are text, so they show without colour: "=" same, "~" reworded with
// [-left's words-]{+right's+}, "<" only in the left, ">" only in the
// right, "“" a quotation both carry.
type compareView struct {
	c    *common
	w, h int

	group       *browse.StoryGroup
	left, right string // article IDs
	rows        []stories.Row
	loaded      bool
	gen         int

	// Computed when the rows or the size change, never while drawing.
	lines  []string
	scroll int
}

type (
	// compareOpenMsg asks the root to open the compare view.
	compareOpenMsg struct {
		left, right string
		group       *browse.StoryGroup
	}
	compareMsg struct {
		gen  int
		rows []stories.Row
	}
)

func newCompareView(c *common) compareView { return compareView{c: c} }

// open compares left with right.
func (v *compareView) open(msg compareOpenMsg) tea.Cmd {
	v.group, v.left, v.right = msg.group, msg.left, msg.right
	v.rows, v.loaded, v.scroll = nil, false, 0
	v.layout()
	return v.fetch()
}

func (v *compareView) fetch() tea.Cmd {
	st, ctx, l, r := v.c.store, v.c.ctx, v.left, v.right
	if st == nil {
		return nil
	}
	v.gen++
	gen := v.gen
	return func() tea.Msg {
		rows, err := st.Compare(ctx, l, r)
		if err != nil {
			return nil
		}
		return compareMsg{gen: gen, rows: rows}
	}
}

func (v *compareView) update(msg tea.Msg) {
	if m, ok := msg.(compareMsg); ok && m.gen == v.gen {
		v.rows, v.loaded = m.rows, true
		v.layout()
	}
}

func (v *compareView) setSize(w, h int) {
	if w == v.w && h == v.h {
		return
	}
	v.w, v.h = w, h
	v.layout()
}

// key handles a key in the view; it reports whether the view stays open.
func (v *compareView) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	mv, a := v.c.keys.Move, v.c.keys.Article
	page := max(v.h-1, 1)
	switch {
	case key.Matches(msg, v.c.keys.Overlay.Close):
		return nil, false
	case key.Matches(msg, mv.Up):
		v.scroll--
	case key.Matches(msg, mv.Down):
		v.scroll++
	case key.Matches(msg, mv.PageUp):
		v.scroll -= page
	case key.Matches(msg, mv.PageDown):
		v.scroll += page
	case key.Matches(msg, mv.Top):
		v.scroll = 0
	case key.Matches(msg, mv.Bottom):
		v.scroll = len(v.lines)
	case key.Matches(msg, a.NextInStory, a.PrevInStory):
		return v.step(key.Matches(msg, a.NextInStory)), true
	}
	v.clampScroll()
	return nil, true
}

func (v *compareView) scrollBy(d int) {
	v.scroll += d
	v.clampScroll()
}

func (v *compareView) clampScroll() {
	v.scroll = clamp(v.scroll, 0, max(len(v.lines)-v.h, 0))
}

// step puts the next (or previous) article of the story on the right,
// skipping the left one.
func (v *compareView) step(next bool) tea.Cmd {
	g := v.group
	if g == nil || len(g.Members) < 3 {
		return nil
	}
	i := g.Index(v.right)
	for {
		if next {
			i = (i + 1) % len(g.Members)
		} else {
			i = (i - 1 + len(g.Members)) % len(g.Members)
		}
		if g.Members[i].ID != v.left {
			break
		}
	}
	v.right = g.Members[i].ID
	v.rows, v.loaded, v.scroll = nil, false, 0
	v.layout()
	return v.fetch()
}

// member is the story's item for an article ID.
func (v *compareView) member(id string) browse.StoryItem {
	if v.group != nil {
		if i := v.group.Index(id); i >= 0 {
			return v.group.Members[i]
		}
	}
	return browse.StoryItem{ID: id}
}

// sideBySide reports whether the two articles fit side by side.
func (v *compareView) sideBySide() bool { return v.w >= mediumMin }

// layout draws the comparison into lines for the current size.
func (v *compareView) layout() {
	v.lines = nil
	s := v.c.styles
	w := v.w
	if w <= 0 {
		return
	}
	head := func(mark string, it browse.StoryItem) string {
		src := it.Source
		if src == "" {
			src = "source unknown"
		}
		return fit(" "+mark+" "+clean(src)+" · "+strings.TrimSpace(shortDate(it))+" · "+storyTitle(it), w)
	}
	title := "Compare"
	if v.group != nil {
		title += " · " + clean(v.group.Label)
	}
	v.lines = append(v.lines, s.ArticleTitle.Render(fit(" "+title, w)),
		s.Source.Render(head("<", v.member(v.left))), s.Source.Render(head(">", v.member(v.right))))
	k := v.c.keys.Article
	legend := "= same · ~ reworded " + stories.MarkDropped + "left" + stories.MarkDroppedEnd + stories.MarkAdded + "right" + stories.MarkAddedEnd +
		" · < only left · > only right · “ shared quotation · " +
		keyName(pair(k.NextInStory, k.PrevInStory, "")) + " other article"
	for _, l := range strings.Split(ansi.Wrap(legend, max(w-2, 1), ""), "\n") {
		v.lines = append(v.lines, s.Faint.Render(" "+l))
	}
	v.lines = append(v.lines, s.Faint.Render(" "+strings.Repeat("─", max(w-2, 0))))
	if !v.loaded {
		v.lines = append(v.lines, s.Dim.Render(" comparing…"))
		return
	}
	if len(v.rows) == 0 {
		v.lines = append(v.lines, s.Dim.Render(" nothing to compare"))
		return
	}
	same, reworded := 0, 0
	for _, r := range v.rows {
		switch r.Match {
		case stories.Identical:
			same++
		case stories.Reworded:
			reworded++
		}
	}
	v.lines = append(v.lines, s.Meta.Render(fit(" "+browse.Plural(same, "sentence", "sentences")+" the same, "+itoa(reworded)+" reworded", w)))
	for i := 0; i < len(v.rows); i++ {
		if v.sideBySide() && unmatched(v.rows[i]) {
			// A run of sentences only one side has, between two that
			// match: side by side, each column reads on, as a diff tool
			// shows a changed block (else two unrelated articles read as
			// all of one, then all of the other).
			j := i
			for j < len(v.rows) && unmatched(v.rows[j]) {
				j++
			}
			v.lines = append(v.lines, v.gapLines(v.rows[i:j])...)
			i = j - 1
			continue
		}
		v.lines = append(v.lines, v.rowLines(v.rows[i])...)
	}
}

// unmatched: a row only one side has.
func unmatched(r stories.Row) bool {
	return r.Match == stories.OnlyLeft || r.Match == stories.OnlyRight
}

// gapLines draws a run of unmatched rows side by side: the left's
// sentences down the left column, the right's down the right, the gutter
// marking where a sentence of each begins (< left, > right).
func (v *compareView) gapLines(rows []stories.Row) []string {
	s := v.c.styles
	cw := (v.w - 6) / 2
	type line struct {
		text  string
		start bool
	}
	var ls, rs []line
	for _, r := range rows {
		side, text := &ls, r.Left
		if r.Match == stories.OnlyRight {
			side, text = &rs, r.Right
		}
		for k, l := range wrapWords(clean(text), cw) {
			*side = append(*side, line{l, k == 0})
		}
	}
	out := make([]string, 0, max(len(ls), len(rs)))
	for i := 0; i < max(len(ls), len(rs)); i++ {
		var l, rt line
		if i < len(ls) {
			l = ls[i]
		}
		if i < len(rs) {
			rt = rs[i]
		}
		g := []byte(gutter)
		if l.start {
			g[0] = '<'
		}
		if rt.start {
			g[1] = '>'
		}
		out = append(out, s.Gutter.Render(string(g))+fit(l.text, cw)+s.Sep.Render(" │ ")+rt.text)
	}
	return out
}

// rowMark is a row's gutter: how the sides relate, and a quotation mark
// when both carry the same quotation, then a space, so the mark is never
// read as the text's own opening quotation mark.
func rowMark(r stories.Row) string {
	m := [...]string{stories.OnlyLeft: "<", stories.OnlyRight: ">", stories.Identical: "=", stories.Reworded: "~"}[r.Match]
	if r.Quote {
		return m + "“ "
	}
	return m + "  "
}

// gutter is the blank gutter of a row's later lines.
const gutter = "   "

// marked is a reworded row's right side with its differences marked,
// styled too where colour is on.
func (v *compareView) marked(ops []stories.Op) string { return markedOps(v.c.styles, ops) }

// markedOps writes a word diff with its marks in the text (so they show
// without colour), styled where colour is on. Each word is styled on its
// own, so the text wraps at any space (wrapWords) without a style running
// into the next line.
func markedOps(s Styles, ops []stories.Op) string {
	var parts []string
	each := func(text, open, end string, st func(...string) string) {
		ws := strings.Fields(clean(text))
		for i, w := range ws {
			if i == 0 {
				w = open + w
			}
			if i == len(ws)-1 {
				w += end
			}
			parts = append(parts, st(w))
		}
	}
	plain := func(t ...string) string { return strings.Join(t, "") }
	for _, op := range ops {
		switch op.Kind {
		case stories.Same:
			each(op.Text, "", "", plain)
		case stories.Dropped:
			each(op.Ref, stories.MarkDropped, stories.MarkDroppedEnd, s.Removed.Render)
		case stories.Added:
			each(op.Text, stories.MarkAdded, stories.MarkAddedEnd, s.Match.Render)
		case stories.Changed:
			each(op.Ref, stories.MarkDropped, stories.MarkDroppedEnd, s.Removed.Render)
			last := len(parts) - 1
			n := len(parts)
			each(op.Text, stories.MarkAdded, stories.MarkAddedEnd, s.Match.Render)
			if last >= 0 && len(parts) > n {
				// "[-old-]{+new+}": the change is one token.
				parts[last] += parts[n]
				parts = append(parts[:n], parts[n+1:]...)
			}
		case stories.Elided:
			each(op.Ref, stories.MarkElided, stories.MarkElidedEnd, s.Removed.Render)
		}
	}
	return strings.Join(parts, " ")
}

// wrapWords wraps text at spaces only (a diff's marks hold hyphens a
// wrap must not break at), a word wider than w cut where it must.
func wrapWords(text string, w int) []string {
	w = max(w, 1)
	var lines []string
	line, lw := "", 0
	for _, word := range strings.Fields(text) {
		ww := ansi.StringWidth(word)
		if ww > w {
			if line != "" {
				lines = append(lines, line)
			}
			parts := strings.Split(ansi.Hardwrap(word, w, true), "\n")
			lines = append(lines, parts[:len(parts)-1]...)
			line, lw = parts[len(parts)-1], ansi.StringWidth(parts[len(parts)-1])
			continue
		}
		switch {
		case line == "":
			line, lw = word, ww
		case lw+1+ww <= w:
			line += " " + word
			lw += 1 + ww
		default:
			lines = append(lines, line)
			line, lw = word, ww
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// rowLines draws one row: side by side, or the left over the right
// (each line marked < or >, the row's mark on its first).
func (v *compareView) rowLines(r stories.Row) []string {
	s := v.c.styles
	mark := rowMark(r)
	left, right := clean(r.Left), clean(r.Right)
	if r.Match == stories.Reworded {
		right = v.marked(r.Ops)
	}
	wrap := func(text string, w int) []string {
		if text == "" {
			return nil
		}
		return wrapWords(text, w)
	}
	var out []string
	if v.sideBySide() {
		cw := (v.w - 6) / 2
		ls, rs := wrap(left, cw), wrap(right, cw)
		for i := 0; i < max(len(ls), len(rs)); i++ {
			l, rt := "", ""
			if i < len(ls) {
				l = ls[i]
			}
			if i < len(rs) {
				rt = rs[i]
			}
			g := gutter
			if i == 0 {
				g = s.Gutter.Render(mark)
			}
			out = append(out, g+fit(l, cw)+s.Sep.Render(" │ ")+rt)
		}
		return out
	}
	tw := v.w - 5
	side := func(text, which string) {
		for _, l := range wrap(text, tw) {
			g := gutter
			if len(out) == 0 {
				g = s.Gutter.Render(mark)
			}
			out = append(out, g+which+l)
		}
	}
	switch r.Match {
	case stories.Identical:
		side(left, "  ")
	case stories.OnlyLeft:
		side(left, "")
	case stories.OnlyRight:
		side(right, "")
	default:
		side(left, "< ")
		side(right, "> ")
	}
	return out
}

// view draws the visible lines.
func (v *compareView) view() []string {
	end := min(v.scroll+v.h, len(v.lines))
	if v.scroll >= end {
		return nil
	}
	return v.lines[v.scroll:end]
}

// shortHelp is the view's keys for the status line.
func (v *compareView) shortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{k.Overlay.Close, pair(k.Article.NextInStory, k.Article.PrevInStory, "other article"), pair(k.Move.Up, k.Move.Down, "scroll")}
}
