package tui

import (
	"image/color"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// Styles is one complete look: dark, light or monochrome. Styles are plain
// values built per model, so sessions never share mutable state.
type Styles struct {
	Name string // glamour cache key part: "dark", "light", "mono"

	App, Title, Dim, Faint    lipgloss.Style
	PaneTitle, PaneTitleFocus lipgloss.Style
	Tab, TabActive            lipgloss.Style
	Header                    lipgloss.Style // day / source / speaker group headers
	Selected, SelectedBlur    lipgloss.Style // list cursor, focused and not
	Match                     lipgloss.Style // filter matches in lists
	Source, Time, Count       lipgloss.Style
	Speaker, Quote            lipgloss.Style
	Gutter                    lipgloss.Style // the current quotation's bar in the article
	Removed, Reason           lipgloss.Style
	Status, StatusKey, Error  lipgloss.Style
	Filter, FilterPrompt      lipgloss.Style
	Sep                       lipgloss.Style
	ArticleTitle, Standfirst  lipgloss.Style
	Meta                      lipgloss.Style

	Glamour ansi.StyleConfig
	Bar     [2]color.Color // progress bar colours (nil in mono)
	Cursor  color.Color    // the filter's cursor (nil in mono: reverse video only)
}

func newStyles(dark, noColor bool) Styles {
	if noColor {
		return monoStyles()
	}
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkc)) }
	fg := c("235", "252")
	dim := c("243", "245")
	faint := c("249", "240")
	accent := c("25", "39")
	hl := c("130", "214") // quotations, matches
	selBg := c("254", "237")
	s := Styles{Name: "light"}
	if dark {
		s.Name = "dark"
	}
	base := lipgloss.NewStyle()
	s.App = base.Foreground(fg)
	s.Title = base.Bold(true).Foreground(accent)
	s.Dim = base.Foreground(dim)
	s.Faint = base.Foreground(faint)
	s.PaneTitle = base.Foreground(dim)
	s.PaneTitleFocus = base.Bold(true).Foreground(c("255", "0")).Background(accent)
	s.Tab = base.Foreground(dim)
	s.TabActive = base.Bold(true).Foreground(c("255", "0")).Background(accent)
	s.Header = base.Bold(true).Foreground(accent)
	s.Selected = base.Background(selBg).Bold(true)
	s.SelectedBlur = base.Background(c("255", "235"))
	s.Match = base.Foreground(hl).Bold(true).Underline(true)
	s.Source = base.Foreground(c("28", "114"))
	s.Time = base.Foreground(dim)
	s.Count = base.Foreground(hl)
	s.Speaker = base.Foreground(c("90", "177")).Bold(true)
	s.Quote = base.Foreground(fg)
	s.Gutter = base.Foreground(hl).Bold(true)
	s.Removed = base.Foreground(faint).Italic(true)
	s.Reason = base.Foreground(dim).Italic(true)
	s.Status = base.Foreground(dim)
	s.StatusKey = base.Foreground(accent).Bold(true)
	s.Error = base.Foreground(c("160", "203")).Bold(true)
	s.Filter = base.Foreground(fg)
	s.FilterPrompt = base.Foreground(hl).Bold(true)
	s.Sep = base.Foreground(faint)
	s.ArticleTitle = base.Bold(true).Foreground(c("16", "231"))
	s.Standfirst = base.Italic(true).Foreground(fg)
	s.Meta = base.Foreground(dim)
	s.Bar = [2]color.Color{accent, hl}
	s.Cursor = fg
	if dark {
		s.Glamour = styles.DarkStyleConfig
		s.Glamour.Strong = ansi.StylePrimitive{Color: strp("214"), Bold: boolp(true)}
	} else {
		s.Glamour = styles.LightStyleConfig
		s.Glamour.Strong = ansi.StylePrimitive{Color: strp("130"), Bold: boolp(true)}
	}
	s.Glamour.Document.Margin = uintp(1)
	s.Glamour.Document.BlockPrefix = ""
	s.Glamour.HorizontalRule.Format = horizontalRule
	return s
}

// horizontalRule is how a Markdown body's thematic break (---) is drawn.
const horizontalRule = "\n────────\n"

// monoStyles is readable without colour: bold, underline, reverse, italics.
func monoStyles() Styles {
	base := lipgloss.NewStyle()
	s := Styles{Name: "mono"}
	s.Title = base.Bold(true)
	s.Dim = base
	s.Faint = base
	s.PaneTitle = base
	s.PaneTitleFocus = base.Reverse(true).Bold(true)
	s.Tab = base
	s.TabActive = base.Reverse(true).Bold(true)
	s.Header = base.Bold(true).Underline(true)
	s.Selected = base.Reverse(true)
	s.SelectedBlur = base.Underline(true)
	s.Match = base.Bold(true).Underline(true)
	s.Speaker = base.Bold(true)
	s.Gutter = base.Bold(true)
	s.Removed = base.Italic(true)
	s.Reason = base.Italic(true)
	s.StatusKey = base.Bold(true)
	s.Error = base.Bold(true)
	s.FilterPrompt = base.Bold(true)
	s.ArticleTitle = base.Bold(true)
	s.Standfirst = base.Italic(true)
	s.Glamour = styles.NoTTYStyleConfig
	s.Glamour.Strong = ansi.StylePrimitive{Bold: boolp(true), Underline: boolp(true)}
	s.Glamour.Emph = ansi.StylePrimitive{Italic: boolp(true)} // not *text*: that is the syntax
	s.Glamour.Document.Margin = uintp(1)
	s.Glamour.Document.BlockPrefix = ""
	s.Glamour.HorizontalRule.Format = horizontalRule
	return s
}

func strp(s string) *string { return &s }
func boolp(b bool) *bool    { return &b }
func uintp(u uint) *uint    { return &u }
