package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap is every key the browser knows, grouped as the help shows them.
// This file is the only place in the package where a key is named: code
// matches bindings, and every hint on screen — the status line's short
// help, the help screen, the filter line, the empty panes — is made from a
// binding's help, so rebinding a key here changes what it does and what
// the screen says together (keys_test.go checks both).
type keyMap struct {
	Global   globalKeys
	Move     moveKeys
	Stories  storiesKeys
	Article  articleKeys
	Quotes   quotesKeys
	Speakers speakersKeys
	Typing   typingKeys
	Overlay  overlayKeys
	// Mouse is help only: what the wheel and a click do.
	Mouse mouseHelp
	// Reader is the reader's marks and what they do with a story or a
	// quotation: read, star, open, copy, export, saved filters.
	Reader readerKeys
	// Picker works in the saved filters' list.
	Picker pickerKeys
}

// globalKeys work in every pane.
type globalKeys struct {
	Next, Prev key.Binding
	Panes      [numPanes]key.Binding
	Filter     key.Binding // type a filter (a find in the article)
	Clear      key.Binding // clear the pane's filter
	Problems   key.Binding
	Help       key.Binding
	Quit       key.Binding
	ForceQuit  key.Binding
}

// moveKeys move in the lists and scroll the article and the overlays.
type moveKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

type storiesKeys struct{ Open, Sort key.Binding }

type articleKeys struct {
	NextQuote, PrevQuote, Removed, Back key.Binding
}

type quotesKeys struct{ Open, Group, Scope key.Binding }

type speakersKeys struct{ Choose, Scope key.Binding }

// typingKeys work while a filter is typed: letters type into it.
type typingKeys struct {
	Accept, Cancel, Up, Down, PageUp, PageDown key.Binding
}

// overlayKeys work in the help and problems overlays; any other key
// closes them.
type overlayKeys struct{ Close key.Binding }

type mouseHelp struct{ Wheel, Click key.Binding }

// readerKeys act on the story, article or quotation under the cursor (and
// the lists and filters) in the stories, article and quotes panes.
type readerKeys struct {
	Read, Star, Open, Pager, Copy, CopyURL, Cite, Export, SaveFilter, Filters key.Binding
}

// pickerKeys work in the saved filters' list.
type pickerKeys struct{ Apply, Delete key.Binding }

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	enter := b("enter", "open", "enter")
	esc := b("esc", "clear the filter", "esc")
	scope := b("a", "article/corpus", "a")
	return keyMap{
		Global: globalKeys{
			Next: b("tab", "next pane", "tab"),
			Prev: b("shift+tab", "previous pane", "shift+tab"),
			Panes: [numPanes]key.Binding{
				paneStories:  b("1", "stories", "1"),
				paneArticle:  b("2", "article", "2"),
				paneQuotes:   b("3", "quotes", "3"),
				paneSpeakers: b("4", "speakers", "4"),
			},
			Filter:    b("/", "filter", "/"),
			Clear:     esc,
			Problems:  b("p", "problems", "p"),
			Help:      b("?", "help", "?"),
			Quit:      b("q", "quit", "q"),
			ForceQuit: b("ctrl+c", "quit, even while typing", "ctrl+c"),
		},
		Move: moveKeys{
			Up:       b("↑/k", "up", "up", "k"),
			Down:     b("↓/j", "down", "down", "j"),
			PageUp:   b("pgup/b/ctrl+u", "page up", "pgup", "b", "ctrl+u"),
			PageDown: b("pgdn/space/ctrl+d", "page down", "pgdown", "space", "ctrl+d"),
			Top:      b("g/home", "top", "g", "home"),
			Bottom:   b("G/end", "bottom", "G", "end"),
		},
		Stories: storiesKeys{
			Open: withHelp(enter, "read"),
			Sort: b("s", "sort", "s"),
		},
		Article: articleKeys{
			NextQuote: b("n", "next quote", "n"),
			PrevQuote: b("N", "previous quote", "N"),
			Removed:   b("r", "removed text", "r"),
			Back:      withHelp(esc, "back"),
		},
		Quotes: quotesKeys{
			Open:  withHelp(enter, "read at the quote"),
			Group: b("s", "group", "s"),
			Scope: scope,
		},
		Speakers: speakersKeys{
			Choose: withHelp(enter, "their quotes"),
			Scope:  scope,
		},
		Typing: typingKeys{
			Accept:   b("enter", "keep", "enter"),
			Cancel:   withHelp(esc, "clear"),
			Up:       b("↑", "an earlier filter", "up"),
			Down:     b("↓", "a later filter", "down"),
			PageUp:   b("pgup", "page up", "pgup"),
			PageDown: b("pgdn", "page down", "pgdown"),
		},
		Overlay: overlayKeys{
			Close: b("esc/q", "close", "esc", "q"),
		},
		Mouse: mouseHelp{
			Wheel: b("wheel", "scroll the pane under the pointer", "wheel"),
			Click: b("click", "focus a pane, pick a row or a tab", "click"),
		},
		Reader: readerKeys{
			Read:       b("u", "read/unread", "u"),
			Star:       b("*", "star", "*"),
			Open:       b("o", "open the page", "o"),
			Pager:      b("e", "read in $PAGER", "e"),
			Copy:       b("y", "copy the quotation, cited", "y"),
			CopyURL:    b("Y", "copy the URL", "Y"),
			Cite:       b("c", "copy a citation", "c"),
			Export:     b("x", "export the list (CSV, JSON Lines)", "x"),
			SaveFilter: b("S", "save the filter", "S"),
			Filters:    b("F", "saved filters", "F"),
		},
		Picker: pickerKeys{
			Apply:  b("enter", "use it", "enter"),
			Delete: b("d/delete", "delete it", "d", "delete"),
		},
	}
}

// withHelp is b with another description (one key, said per pane).
func withHelp(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// keyName is how the screen names a binding: its help key.
func keyName(b key.Binding) string { return b.Help().Key }

// shortName is a binding's first name ("↑/k" → "↑").
func shortName(b key.Binding) string {
	n := keyName(b)
	if i := strings.IndexByte(n, '/'); i > 0 {
		return n[:i]
	}
	return n
}

// pair is one help entry for two bindings ("n/N quotes"); it matches
// either.
func pair(a, b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(shortName(a)+"/"+shortName(b), desc))
}

// list is the reader's bindings, in help order.
func (k readerKeys) list() []key.Binding {
	return []key.Binding{k.Read, k.Star, k.Open, k.Pager, k.Copy, k.CopyURL, k.Cite, k.Export, k.SaveFilter, k.Filters}
}

// list is the movement bindings, in help order.
func (k moveKeys) list() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

func (k globalKeys) list() []key.Binding {
	return append(append([]key.Binding{k.Next, k.Prev}, k.Panes[:]...), k.Filter, k.Clear, k.Problems, k.Help, k.Quit, k.ForceQuit)
}

func (k typingKeys) list() []key.Binding {
	return []key.Binding{k.Accept, k.Cancel, k.Up, k.Down, k.PageUp, k.PageDown}
}

// The filter line's placeholders: the query language in the lists, plain
// words in the article.
const (
	queryPlaceholder = "words \"phrase\" -not source: speaker: author: on: after: before: is:unread"
	findPlaceholder  = "find in this article (case and accents ignored)"
)
