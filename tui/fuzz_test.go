package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/model"
	"byline/sanitize"
)

// FuzzListRow: a list row built from arbitrary (loaded, so sanitised) text
// and highlighted for an arbitrary filter keeps the text exactly, fits its
// width, and carries nothing but SGR sequences.
func FuzzListRow(f *testing.F) {
	f.Add("Ryábkov’s style", "ryabkov", uint8(20))
	f.Add("ǢǢ ß ﬁ İstanbul", "ae ss fi i", uint8(7))
	f.Add("\u202eevil\x1b]0;x\x07 title", `"evil title" -x source:y`, uint8(0))
	f.Add(strings.Repeat("界", 40), "界界", uint8(11))
	f.Fuzz(func(t *testing.T, text, query string, w uint8) {
		s := clean(sanitize.Line(text))
		q := model.ParseQuery(query, testNow)
		terms := q.Highlights()
		base := lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
		hl := lipgloss.NewStyle().Bold(true).Reverse(true)
		out := highlight(s, terms, base, hl)
		if got := ansi.Strip(out); got != s {
			t.Fatalf("highlight changed the text: %q → %q", s, got)
		}
		row := cursorMark(fit(out, int(w)))
		if bad := foreignEscape(row); bad != "" {
			t.Fatalf("row %q: %s", row, bad)
		}
		if ansi.StringWidth(row) > int(w) {
			t.Fatalf("row %q wider than %d", ansi.Strip(row), w)
		}
	})
}
