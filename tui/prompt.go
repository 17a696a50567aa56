package tui

import (
	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"byline/model"
)

// promptKind is what a prompt asks for.
type promptKind int

const (
	promptSaveFilter promptKind = iota // a name for the focused pane's filter
	promptExport                       // a file to export the focused list to
)

// prompt asks for one line in the status line: a name for a saved filter,
// a path for an export.
type prompt struct {
	kind  promptKind
	label string
	input textinput.Model
	// What the answer applies to.
	filter model.SavedFilter
	export exportJob
}

func newPrompt() prompt {
	in := textinput.New()
	in.CharLimit = 1000
	in.Prompt = ""
	return prompt{input: in}
}

func (p *prompt) setStyles(s Styles) {
	st := p.input.Styles()
	st.Focused.Text = s.Filter
	st.Focused.Placeholder = s.Faint
	st.Blurred.Placeholder = s.Faint
	st.Cursor.Color = s.Cursor
	p.input.SetStyles(st)
}

func (p *prompt) start(kind promptKind, label, value, placeholder string) {
	p.kind, p.label = kind, label
	p.input.Placeholder = placeholder
	p.input.SetValue(value)
	p.input.CursorEnd()
	p.input.Focus()
}

func (p *prompt) update(msg tea.Msg) { p.input, _ = p.input.Update(msg) }

// view draws the prompt line, w cells wide: its label, the input, the keys.
func (p *prompt) view(s Styles, k keyMap, w int) string {
	return s.StatusKey.Render(clean(p.label)) + " " + p.input.View() + p.hint(s, k)
}

func (p *prompt) hint(s Styles, k keyMap) string {
	return s.Faint.Render("  " + keyName(k.Typing.Accept) + " " + p.acceptWord() + " · " + keyName(k.Typing.Cancel) + " cancel")
}

// setWidth sizes the input to the screen's width w (call when the label
// or the width changes).
func (p *prompt) setWidth(s Styles, k keyMap, w int) {
	p.input.SetWidth(max(w-ansi.StringWidth(clean(p.label))-1-ansi.StringWidth(p.hint(s, k))-1, 8))
}

func (p *prompt) acceptWord() string {
	if p.kind == promptExport {
		return "write"
	}
	return "save"
}

// promptKey handles a key while the prompt is open: enter does what it
// asks, esc drops it, the rest edit it.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	t := m.c.keys.Typing
	switch {
	case key.Matches(msg, t.Cancel):
		m.mode = modeBrowse
		m.prompt.input.Blur()
		return nil
	case key.Matches(msg, t.Accept):
		m.mode = modeBrowse
		m.prompt.input.Blur()
		v := m.prompt.input.Value()
		switch m.prompt.kind {
		case promptSaveFilter:
			return m.saveFilter(v)
		case promptExport:
			return m.export(v)
		}
		return nil
	}
	m.prompt.update(msg)
	return nil
}
