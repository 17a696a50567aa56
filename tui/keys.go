package tui

import "charm.land/bubbles/v2/key"

// keyMap is every key the browser knows. This file is the only place in
// the package where a key is named: code matches bindings, and every hint
// on screen is a binding's help.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Next, Prev                              key.Binding
	Panes                                   [numPanes]key.Binding
	Enter, Filter, Clear, Sort, Scope       key.Binding
	Removed, NextQuote, PrevQuote           key.Binding
	Problems, Help, Quit, ForceQuit         key.Binding

	// While a filter is typed: keep it, clear it, and the keys that still
	// move in the list (letters type into the filter).
	Accept, Cancel                                 key.Binding
	TypingUp, TypingDown, TypingPgUp, TypingPgDown key.Binding
}

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		PageUp:   b("pgup/b", "page up", "pgup", "b", "ctrl+u"),
		PageDown: b("pgdn/space", "page down", "pgdown", "space", "ctrl+d"),
		Top:      b("g/home", "top", "g", "home"),
		Bottom:   b("G/end", "bottom", "G", "end"),
		Next:     b("tab", "next pane", "tab"),
		Prev:     b("shift+tab", "previous pane", "shift+tab"),
		Panes: [numPanes]key.Binding{
			paneStories:  b("1", "stories", "1"),
			paneArticle:  b("2", "article", "2"),
			paneQuotes:   b("3", "quotes", "3"),
			paneSpeakers: b("4", "speakers", "4"),
		},
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

		Accept:       b("enter", "keep the filter", "enter"),
		Cancel:       b("esc", "clear the filter", "esc"),
		TypingUp:     b("↑", "up", "up"),
		TypingDown:   b("↓", "down", "down"),
		TypingPgUp:   b("pgup", "page up", "pgup"),
		TypingPgDown: b("pgdn", "page down", "pgdown"),
	}
}

// ShortHelp and FullHelp make keyMap a help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Filter, k.Next, k.Enter, k.Help, k.Quit}
}

func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		append([]key.Binding{k.Next, k.Prev}, k.Panes[:]...),
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
