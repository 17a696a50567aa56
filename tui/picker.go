package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"byline/model"
)

// picker is the saved filters' overlay: a name, its pane and its query a
// line; the arrows pick one, enter puts it on its pane, delete removes it.
type picker struct {
	items  []model.SavedFilter
	cursor int
}

// openPicker shows the reader's saved filters.
func (m *Model) openPicker() tea.Cmd {
	items := m.c.reader.SavedFilters()
	if len(items) == 0 {
		k := m.c.keys
		return notice("no saved filters yet: type one with " + keyName(k.Global.Filter) + ", then " + keyName(k.Reader.SaveFilter) + " saves it")
	}
	m.picker = picker{items: items}
	m.mode = modePicker
	return nil
}

func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	p := &m.picker
	switch {
	case key.Matches(msg, k.Move.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.Move.Down):
		p.cursor = min(p.cursor+1, len(p.items)-1)
	case key.Matches(msg, k.Move.Top):
		p.cursor = 0
	case key.Matches(msg, k.Move.Bottom):
		p.cursor = len(p.items) - 1
	case key.Matches(msg, k.Picker.Apply):
		m.mode = modeBrowse
		if p.cursor < len(p.items) {
			return m.applyFilter(p.items[p.cursor])
		}
	case key.Matches(msg, k.Picker.Delete):
		if p.cursor < len(p.items) {
			name := p.items[p.cursor].Name
			m.c.reader.DeleteFilter(name)
			p.items = append(p.items[:p.cursor:p.cursor], p.items[p.cursor+1:]...)
			p.cursor = min(p.cursor, max(len(p.items)-1, 0))
			if len(p.items) == 0 {
				m.mode = modeBrowse
			}
			return notice("deleted the saved filter " + quoted(name))
		}
	default:
		m.mode = modeBrowse // esc, q or any other key closes it
	}
	return nil
}

// applyFilter puts a saved filter on its pane and focuses it.
func (m *Model) applyFilter(f model.SavedFilter) tea.Cmd {
	id, ok := paneByName(f.Pane)
	if !ok {
		return notice("the saved filter " + quoted(f.Name) + " is for an unknown pane " + quoted(f.Pane))
	}
	m.setFocus(id)
	m.filter.setValue(f.Query)
	return tea.Batch(m.filterChanged(), notice("filter "+quoted(f.Name)+": "+keyName(m.c.keys.Global.Filter)+f.Query))
}

// saveFilter saves the focused pane's filter under name.
func (m *Model) saveFilter(name string) tea.Cmd {
	name = strings.TrimSpace(name)
	f := m.prompt.filter
	if name == "" {
		return notice("not saved: no name given")
	}
	f.Name = name
	m.c.reader.SaveFilter(f)
	return notice("saved " + quoted(name) + " (" + keyName(m.c.keys.Reader.Filters) + " lists saved filters)")
}

// view draws the overlay in h lines of width w.
func (p *picker) view(s Styles, k keyMap, w, h int) []string {
	out := []string{s.Title.Render("Saved filters") + s.Dim.Render("  ("+keyName(pair(k.Move.Up, k.Move.Down, ""))+" pick · "+
		keyName(k.Picker.Apply)+" use it · "+keyName(k.Picker.Delete)+" removes it · any other key closes)"), ""}
	nameW := 4
	for _, f := range p.items {
		nameW = max(nameW, min(widthOf(clean(f.Name)), w/3))
	}
	for i, f := range p.items {
		line := " " + padRight(fit(clean(f.Name), nameW), nameW) + "  " + s.Dim.Render(padRight(f.Pane, 8)) + " " +
			s.Filter.Render(keyName(k.Global.Filter)+clean(f.Query))
		line = fit(line, w)
		if i == p.cursor {
			line = s.Selected.Render(cursorMark(fit(stripped(line), w)))
		}
		out = append(out, line)
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out[:min(len(out), h)]
}

// paneByName is the pane a saved filter names ("stories").
func paneByName(name string) (paneID, bool) {
	for i := range numPanes {
		if historyPane(i) == name {
			return i, true
		}
	}
	return 0, false
}

// historyPane names a pane for the reader's state: filter history and
// saved filters are per pane.
func historyPane(p paneID) string { return strings.ToLower(p.String()) }

func quoted(s string) string { return "“" + clean(s) + "”" }
