package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// filterBar is the line where the focused pane's filter is typed (and
// shown, with its errors, once kept).
type filterBar struct {
	input textinput.Model
	// The pane's earlier filters, newest first; at is the one shown (-1:
	// what is being typed, kept in draft).
	history []string
	at      int
	draft   string
}

func newFilterBar() filterBar {
	in := textinput.New()
	in.Placeholder = queryPlaceholder
	in.CharLimit = 500
	return filterBar{input: in}
}

func (f *filterBar) setStyles(s Styles) {
	st := f.input.Styles()
	st.Focused.Prompt = s.FilterPrompt
	st.Blurred.Prompt = s.FilterPrompt
	st.Focused.Text = s.Filter
	st.Focused.Placeholder = s.Faint
	st.Blurred.Placeholder = s.Faint
	st.Cursor.Color = s.Cursor
	f.input.SetStyles(st)
}

// start begins typing over value; prompt is the key that opened it,
// history the pane's earlier filters (newest first) that the arrows recall.
func (f *filterBar) start(prompt, value, placeholder string, history []string) {
	f.input.Prompt = prompt
	f.input.Placeholder = placeholder
	f.input.SetValue(value)
	f.input.CursorEnd()
	f.input.Focus()
	f.history, f.at, f.draft = history, -1, ""
}

// recall shows an earlier (dir 1) or later (dir -1) filter from the
// history, back to what was being typed; it reports whether the value
// changed.
func (f *filterBar) recall(dir int) bool {
	at := f.at + dir
	// Skip an entry equal to what is shown (the filter just kept is
	// usually the newest).
	for at >= 0 && at < len(f.history) && f.history[at] == f.input.Value() {
		at += dir
	}
	if at < -1 || at >= len(f.history) {
		return false
	}
	if f.at == -1 {
		f.draft = f.input.Value()
	}
	f.at = at
	v := f.draft
	if at >= 0 {
		v = f.history[at]
	}
	f.input.SetValue(v)
	f.input.CursorEnd()
	return true
}

func (f *filterBar) stop()             { f.input.Blur() }
func (f *filterBar) setValue(v string) { f.input.SetValue(v) }
func (f *filterBar) value() string     { return f.input.Value() }
func (f *filterBar) update(msg tea.Msg) {
	f.input, _ = f.input.Update(msg)
	f.at = -1 // typing starts a new draft
}

// setWidth sizes the input to the screen, after the pane's name and
// before the filter's first error (call when either changes).
func (f *filterBar) setWidth(w int, focus paneID, errs []string) {
	iw := w - len(focus.String()) - 4
	if len(errs) > 0 {
		iw -= min(ansi.StringWidth(errs[0])+2, w/2)
	}
	f.input.SetWidth(max(iw, 1))
}

// view draws the filter line: the input while typing, else the kept
// filter and its first error, or how to change it.
func (f *filterBar) view(s Styles, k keyMap, typing bool, focus paneID, query string, errs []string) string {
	name := strings.ToLower(focus.String())
	if typing {
		line := s.Dim.Render(name) + " " + f.input.View()
		if len(errs) > 0 {
			// Said as it is typed: a bad date is not silently ignored.
			line += "  " + s.Error.Render(clean(errs[0]))
		}
		return line
	}
	line := s.Dim.Render(name+" ") + s.FilterPrompt.Render(keyName(k.Global.Filter)) + s.Filter.Render(clean(query))
	if len(errs) > 0 {
		return line + "  " + s.Error.Render(clean(errs[0]))
	}
	return line + s.Faint.Render("  ("+keyName(k.Global.Filter)+" edit · "+keyName(k.Global.Clear)+" clear)")
}
