package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Tests of the defects of issue 12 that a first-time user hit, by number.

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// 1: q closes help (and problems), as the help says any key does; it
// does not quit. ctrl+c still quits.
func TestDefect1QClosesHelp(t *testing.T) {
	for _, overlay := range []string{"?", "p"} {
		m := newTest(t, 80, 24)
		press(t, m, overlay)
		_, cmd := m.Update(keyMsg("q"))
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Errorf("%s then q quit", overlay)
			}
		}
		if m.mode != modeBrowse {
			t.Errorf("%s then q: mode %v, want closed", overlay, m.mode)
		}
		press(t, m, overlay)
		if _, quit := m.key(keyMsg("ctrl+c")); !quit {
			t.Errorf("ctrl+c in %s did not quit", overlay)
		}
	}
	m := newTest(t, 80, 24)
	press(t, m, "?")
	if s := screen(m); !strings.Contains(s, "esc/q close") {
		t.Errorf("the status line does not say q closes help:\n%s", s)
	}
}

// 9: the status line shows the focused pane's short help, from its key
// map; the help screen names ctrl+u/ctrl+d and the mouse, and the wheel
// scrolls it.
func TestDefect9ShortHelpAndHelpScreen(t *testing.T) {
	m := newTest(t, 160, 40)
	for _, tc := range []struct {
		keys []string
		want []string
	}{
		{nil, []string{"enter read", "s sort", "/ filter", "? help"}},
		{[]string{"2"}, []string{"n/N quotes", "r removed text", "/ find"}},
		{[]string{"3"}, []string{"enter read at the quote", "a article/corpus", "s group"}},
		{[]string{"4"}, []string{"enter their quotes", "a article/corpus"}},
		{[]string{"1", "/"}, []string{"enter keep", "esc clear"}},
	} {
		press(t, m, tc.keys...)
		status := lastLine(screen(m))
		for _, w := range tc.want {
			if !strings.Contains(status, w) {
				t.Errorf("after %v the status line lacks %q: %q", tc.keys, w, status)
			}
		}
	}
	press(t, m, "esc", "?")
	s := screen(m)
	for _, w := range []string{"ctrl+u", "ctrl+d", "wheel", "click"} {
		if !strings.Contains(s, w) {
			t.Errorf("the help screen does not name %q:\n%s", w, s)
		}
	}
	m = newTest(t, 60, 15)
	press(t, m, "?")
	drive(t, m, func() tea.Msg { return tea.MouseWheelMsg(tea.Mouse{X: 5, Y: 5, Button: tea.MouseWheelDown}) })
	if m.mode != modeHelp || m.help.scroll != 3 {
		t.Errorf("the wheel in help: mode %v, scroll %d; want help, 3", m.mode, m.help.scroll)
	}
	press(t, m, "ctrl+d")
	if m.help.scroll <= 3 {
		t.Errorf("ctrl+d did not page the help down: %d", m.help.scroll)
	}
}
