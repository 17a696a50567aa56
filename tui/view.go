package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
)

// View draws the screen from the model as it is; it changes nothing.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "byline"
	if m.cfg.Title != "" {
		v.WindowTitle = "byline — " + clean(m.cfg.Title) // a folder name can be hostile too
	}
	return v
}

func (m *Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 || !m.lay.valid {
		return ""
	}
	lay := &m.lay
	screen := make([]string, h)
	if lay.body.y == 1 {
		screen[0] = m.headerLine(w)
	}
	var body []string
	switch m.mode {
	case modeHelp:
		body = m.help.view(lay.body.h)
	case modeProblems:
		body = m.problems.view(w, lay.body.h)
	case modeCompare:
		body = m.compare.view()
	case modeEchoes:
		body = m.echoes.view()
	case modePicker:
		body = m.picker.view(m.c.styles, m.c.keys, w, lay.body.h)
	default:
		body = m.panesView()
	}
	for i := range body {
		if lay.body.y+i < h {
			screen[lay.body.y+i] = body[i]
		}
	}
	if y := lay.filterY(); y >= 0 {
		p := m.panes[m.focus]
		screen[y] = m.filter.view(m.c.styles, m.c.keys, m.mode == modeFilter, m.focus, p.Query(), p.QueryErrors())
	}
	if y := lay.statusY(); y >= 0 {
		screen[y] = m.statusLine(w)
	}
	for i := range screen {
		screen[i] = fit(screen[i], w)
	}
	return strings.Join(screen, "\n")
}

// panesView joins the shown panes, each a title line and its content,
// line by line in x order with a separator between columns.
func (m *Model) panesView() []string {
	lay := &m.lay
	var placed [numPanes][]string
	for _, p := range lay.order[:lay.nShown] {
		r := lay.panes[p]
		placed[p] = m.paneLines(p, r.w, r.h)
	}
	sep := m.c.styles.Sep.Render("│")
	body := make([]string, lay.body.h)
	for row := range body {
		var b strings.Builder
		x := 0
		for _, p := range lay.order[:lay.nShown] {
			r := lay.panes[p]
			y := row + lay.body.y - r.y
			if y < 0 || y >= r.h {
				continue
			}
			if r.x > x {
				b.WriteString(strings.Repeat(" ", r.x-x-1))
				b.WriteString(sep)
				x = r.x
			}
			b.WriteString(placed[p][y])
			x += r.w
		}
		body[row] = b.String()
	}
	return body
}

// paneLines draws one pane to exactly h lines of width w: a title line
// then its content.
func (m *Model) paneLines(id paneID, w, h int) []string {
	out := make([]string, h)
	if h <= 0 || w <= 0 {
		return out
	}
	out[0] = m.paneTitle(id, w)
	content := m.panes[id].View()
	for i := 1; i < h; i++ {
		if i-1 < len(content) {
			out[i] = fit(content[i-1], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

func (m *Model) paneTitle(id paneID, w int) string {
	s := m.c.styles
	p := m.panes[id]
	title := " " + keyName(m.c.keys.Global.Panes[id]) + " " + id.String()
	// The pane's state (its scope, its sort) always shows; its filter
	// gives way first.
	info := clean(p.Info())
	room := w - ansi.StringWidth(title) - 3
	if q := p.Query(); q != "" {
		if query := " · " + keyName(m.c.keys.Global.Filter) + clean(q); room-ansi.StringWidth(info) >= 5 {
			info += ansi.Truncate(query, room-ansi.StringWidth(info), "…")
		}
	}
	if ansi.StringWidth(info) > room && room >= 6 {
		info = ansi.Truncate(info, room, "…")
	}
	text := title
	if ansi.StringWidth(info) <= room {
		text += strings.Repeat(" ", w-ansi.StringWidth(title)-ansi.StringWidth(info)-1) + info + " "
	}
	st := s.PaneTitle
	if id == m.focus {
		st = s.PaneTitleFocus
	}
	return st.Render(fit(clean(text), w))
}

func (m *Model) headerLine(w int) string {
	s := m.c.styles
	hd := &m.lay.header
	var b strings.Builder
	if hd.title {
		b.WriteString(s.Title.Render("byline"))
		if hd.name != "" {
			b.WriteString(s.Dim.Render(" · " + hd.name))
		}
	}
	x := ansi.StringWidth(ansi.Strip(b.String()))
	for p := range numPanes {
		t := hd.tabs[p]
		b.WriteString(strings.Repeat(" ", max(t.x-x, 0)))
		st := s.Tab
		if p == m.focus {
			st = s.TabActive
		}
		b.WriteString(st.Render(t.label))
		x = t.x + t.w
	}
	return b.String()
}

func (m *Model) statusLine(w int) string {
	s := m.c.styles
	if m.mode == modePrompt {
		return m.prompt.view(s, m.c.keys, w)
	}
	var parts []string
	nStories, tStories, eStories := m.stories.counts()
	nq, tq, eq := m.quotes.counts()
	ns, ts, es := m.speakers.counts()
	counts := s.StatusKey.Render(countText(nStories, eStories)) + s.Status.Render(fmt.Sprintf("/%s stories", grouped(tStories)))
	if unread, ok := m.stories.unread(); ok && m.c.marking {
		counts += s.Status.Render(" (") + s.StatusKey.Render(countText(unread, eStories)) + s.Status.Render(" unread)")
	}
	if w >= 60 {
		counts += s.Status.Render(" · ") + s.StatusKey.Render(countText(nq, eq)) + s.Status.Render(fmt.Sprintf("/%s quotes", grouped(tq)))
		counts += s.Status.Render(" · ") + s.StatusKey.Render(countText(ns, es)) + s.Status.Render(fmt.Sprintf("/%s speakers", grouped(ts)))
	}
	parts = append(parts, counts)
	if m.storeErr != nil {
		parts = append(parts, s.Error.Render("database unavailable ("+clean(shortError(m.storeErr))+"); retrying"))
	}
	info := m.c.info
	if m.c.loading && info.Grouping {
		parts = append(parts, s.Status.Render("grouping stories…"))
	} else if m.c.loading {
		pct := 0.0
		if info.Found > 0 {
			pct = float64(info.Done) / float64(info.Found)
		}
		parts = append(parts, s.Status.Render("loading ")+m.bar.ViewAs(pct)+s.Status.Render(" "+ratio(info.Done, info.Found)))
	} else if m.loadErr != nil {
		parts = append(parts, s.Error.Render("load failed: "+clean(m.loadErr.Error())))
	}
	if n := info.Problems; n > 0 {
		parts = append(parts, s.Error.Render(browse.Plural(n, "problem", "problems"))+s.Status.Render(" ("+keyName(m.c.keys.Global.Problems)+")"))
	}
	var active []string
	glyph := keyName(m.c.keys.Global.Filter)
	for i, p := range m.panes {
		if q := p.Query(); q != "" && paneID(i) != m.focus {
			active = append(active, strings.ToLower(paneID(i).String())+":"+glyph+q)
		}
	}
	if len(active) > 0 && w >= 100 {
		parts = append(parts, s.Status.Render("filters "+clean(strings.Join(active, " "))))
	}
	line := strings.Join(parts, s.Status.Render("  │  "))
	hint := m.shortHelpView(w - ansi.StringWidth(line) - 2)
	if m.notice != "" || m.link != "" {
		hint = s.StatusKey.Render(clean(m.notice))
		if m.link != "" {
			// A terminal hyperlink (OSC 8): clickable where the terminal
			// knows them, the URL as text everywhere.
			u := clean(m.link)
			hint += " " + s.StatusKey.Hyperlink(u).Render(u)
		}
		if ansi.StringWidth(line)+2+ansi.StringWidth(hint) > w {
			line = "" // the notice is what matters now
		}
		if ansi.StringWidth(hint) > w {
			hint = ansi.Truncate(hint, w, "…")
		}
	}
	if hint != "" && ansi.StringWidth(line)+ansi.StringWidth(hint) <= w {
		line += strings.Repeat(" ", w-ansi.StringWidth(line)-ansi.StringWidth(hint)) + hint
	}
	return line
}

// shortHelp is what the status line offers: the focused pane's keys and
// help, or the filter's keys, or the overlay's; keepLast says the last
// (help) stays when space is short.
func (m *Model) shortHelp() (bs []key.Binding, keepLast bool) {
	k := m.c.keys
	switch m.mode {
	case modeFilter: // ? would type into the filter
		return []key.Binding{k.Typing.Accept, k.Typing.Cancel, pair(k.Typing.Up, k.Typing.Down, "earlier filters")}, false
	case modeHelp, modeProblems:
		return []key.Binding{k.Overlay.Close, pair(k.Move.Up, k.Move.Down, "scroll")}, false
	case modeCompare:
		return m.compare.shortHelp(), false
	case modeEchoes:
		return m.echoes.shortHelp(), false
	case modePicker:
		return []key.Binding{k.Picker.Apply, k.Picker.Delete, k.Overlay.Close}, false
	}
	return append(m.panes[m.focus].ShortHelp(), k.Global.Next, k.Global.Help), true
}

// shortHelpView draws as much of the short help as fits in w cells,
// dropping from the end (but for a last item to keep).
func (m *Model) shortHelpView(w int) string {
	bs, keepLast := m.shortHelp()
	for len(bs) > 0 {
		if v := m.short.ShortHelpView(bs); ansi.StringWidth(v) <= w {
			return v
		}
		switch {
		case len(bs) == 1:
			return ""
		case keepLast:
			bs = append(bs[:len(bs)-2:len(bs)-2], bs[len(bs)-1])
		default:
			bs = bs[:len(bs)-1]
		}
	}
	return ""
}
