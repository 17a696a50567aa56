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

// start begins typing over value; prompt is the key that opened it.
func (f *filterBar) start(prompt, value, placeholder string) {
	f.input.Prompt = prompt
	f.input.Placeholder = placeholder
	f.input.SetValue(value)
	f.input.CursorEnd()
	f.input.Focus()
}

func (f *filterBar) stop()              { f.input.Blur() }
func (f *filterBar) setValue(v string)  { f.input.SetValue(v) }
func (f *filterBar) value() string      { return f.input.Value() }
func (f *filterBar) update(msg tea.Msg) { f.input, _ = f.input.Update(msg) }

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
