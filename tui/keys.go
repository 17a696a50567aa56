package tui

import "charm.land/bubbles/v2/key"

type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Next, Prev, Pane1, Pane2, Pane3, Pane4  key.Binding
	Enter, Filter, Clear, Sort, Scope       key.Binding
	Removed, NextQuote, PrevQuote           key.Binding
	Problems, Help, Quit, ForceQuit         key.Binding
}

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:        b("↑/k", "up", "up", "k"),
		Down:      b("↓/j", "down", "down", "j"),
		PageUp:    b("pgup/b", "page up", "pgup", "b", "ctrl+u"),
		PageDown:  b("pgdn/space", "page down", "pgdown", "space", "ctrl+d"),
		Top:       b("g/home", "top", "g", "home"),
		Bottom:    b("G/end", "bottom", "G", "end"),
		Next:      b("tab", "next pane", "tab"),
		Prev:      b("shift+tab", "previous pane", "shift+tab"),
		Pane1:     b("1", "stories", "1"),
		Pane2:     b("2", "article", "2"),
		Pane3:     b("3", "quotes", "3"),
		Pane4:     b("4", "speakers", "4"),
		Enter:     b("enter", "open / filter by speaker", "enter"),
		Filter:    b("/", "filter this pane; find in the article", "/"),
		Clear:     b("esc", "clear filter / close", "esc"),
		Sort:      b("s", "sort: date/source/quotes; group quotes", "s"),
		Scope:     b("a", "article ↔ whole corpus (quotes, speakers)", "a"),
		Removed:   b("r", "show removed boilerplate", "r"),
		NextQuote: b("n", "next quotation (or find match)", "n"),
		PrevQuote: b("N", "previous quotation (or match)", "N"),
		Problems:  b("p", "problems", "p"),
		Help:      b("?", "help", "?"),
		Quit:      b("q", "quit", "q"),
		ForceQuit: b("ctrl+c", "quit", "ctrl+c"),
	}
}

// ShortHelp and FullHelp make keyMap a help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Filter, k.Next, k.Enter, k.Help, k.Quit}
}

func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Next, k.Prev, k.Pane1, k.Pane2, k.Pane3, k.Pane4},
		{k.Enter, k.Filter, k.Clear, k.Sort, k.Scope},
		{k.Removed, k.NextQuote, k.PrevQuote, k.Problems, k.Help, k.Quit, k.ForceQuit},
	}
}

// The filter line's placeholders: the query language in the lists, plain
// words in the article.
const (
	queryPlaceholder = "words \"phrase\" -not source: speaker: author: on: after: before:"
	findPlaceholder  = "find in this article (case and accents ignored)"
)
