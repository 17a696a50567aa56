package tui

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"
)

// TestGoldenColour keeps the colours: screens with their styling, in the
// dark, light and monochrome (NO_COLOR) palettes.
func TestGoldenColour(t *testing.T) {
	palettes := []struct {
		name    string
		noColor bool
		bg      color.Color
	}{{"dark", false, color.Black}, {"light", false, color.White}, {"mono", true, nil}}
	shots := []goldenState{
		{name: "article-next-quote", keys: []string{"down", "enter", "n"}},
		{name: "filter-kept", keys: []string{"/"}, text: "ryabkov", more: []string{"enter"}},
	}
	for _, pal := range palettes {
		for _, st := range shots {
			name := fmt.Sprintf("colour-%s-%s-100x30", pal.name, st.name)
			t.Run(name, func(t *testing.T) {
				m := newTestPalette(t, 100, 30, pal.noColor, pal.bg)
				press(t, m, st.keys...)
				typeText(t, m, st.text)
				press(t, m, st.more...)
				golden(t, name, m.View().Content+"\n")
			})
		}
	}
}

var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// TestNoColourMeansNoColour: in the monochrome palette no frame of any
// state sets a colour — only bold, faint, italic, underline and reverse.
func TestNoColourMeansNoColour(t *testing.T) {
	for _, st := range allStates() {
		for _, sz := range sizes {
			m := newTestPalette(t, sz.w, sz.h, true, nil)
			press(t, m, st.keys...)
			typeText(t, m, st.text)
			press(t, m, st.more...)
			for _, match := range sgr.FindAllStringSubmatch(m.View().Content, -1) {
				for _, p := range strings.FieldsFunc(match[1], func(r rune) bool { return r == ';' || r == ':' }) {
					switch p {
					case "", "0", "1", "2", "3", "4", "7", "22", "23", "24", "27":
					default:
						t.Fatalf("%s %dx%d: a colour (SGR %q) without colour", st.name, sz.w, sz.h, match[0])
					}
				}
			}
		}
	}
}
