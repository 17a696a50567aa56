package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/model"
	"byline/stories"
)

// echoesView lists one quotation's appearances across outlets: who had it
// first, then each outlet's wording with its word diff from the first
// (marked in the text, so it shows without colour) and what changed in
// words. The cursor picks an appearance; the open key reads it there.
type echoesView struct {
	c    *common
	w, h int

	article string
	quote   int
	group   *browse.EchoGroup
	loaded  bool
	gen     int
	cursor  int

	// Computed when the group, the cursor or the size change.
	lines  []string
	starts []int // first line of each appearance
	scroll int
}

type (
	// echoesOpenMsg asks the root to open the view on a quotation.
	echoesOpenMsg struct {
		article string
		quote   int
	}
	echoesMsg struct {
		gen   int
		group *browse.EchoGroup
	}
)

func newEchoesView(c *common) echoesView { return echoesView{c: c} }

func (v *echoesView) open(msg echoesOpenMsg) tea.Cmd {
	v.article, v.quote = msg.article, msg.quote
	v.group, v.loaded, v.cursor, v.scroll = nil, false, 0, 0
	v.layout()
	st, ctx := v.c.store, v.c.ctx
	if st == nil {
		return nil
	}
	v.gen++
	gen := v.gen
	return func() tea.Msg {
		g, err := st.Echo(ctx, msg.article, msg.quote)
		if err != nil {
			g = nil
		}
		return echoesMsg{gen: gen, group: g}
	}
}

func (v *echoesView) update(msg tea.Msg) {
	if m, ok := msg.(echoesMsg); ok && m.gen == v.gen {
		v.group, v.loaded = m.group, true
		// Start on the appearance that was opened.
		if g := m.group; g != nil {
			for i, ap := range g.Appearances {
				if ap.ArticleID == v.article && ap.Quote == v.quote {
					v.cursor = i
				}
			}
		}
		v.layout()
		v.keepCursor()
	}
}

func (v *echoesView) setSize(w, h int) {
	if w == v.w && h == v.h {
		return
	}
	v.w, v.h = w, h
	v.layout()
	v.keepCursor()
}

// key handles a key; it reports whether the view stays open.
func (v *echoesView) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	mv := v.c.keys.Move
	n := 0
	if v.group != nil {
		n = len(v.group.Appearances)
	}
	switch {
	case key.Matches(msg, v.c.keys.Overlay.Close):
		return nil, false
	case key.Matches(msg, v.c.keys.Quotes.Open):
		if v.cursor < n {
			ap := v.group.Appearances[v.cursor]
			return func() tea.Msg { return openMsg{id: ap.ArticleID, quote: ap.Quote, focus: true, locate: true} }, false
		}
		return nil, true
	case key.Matches(msg, mv.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(msg, mv.Down):
		v.cursor = min(v.cursor+1, max(n-1, 0))
	case key.Matches(msg, mv.Top):
		v.cursor = 0
	case key.Matches(msg, mv.Bottom):
		v.cursor = max(n-1, 0)
	case key.Matches(msg, mv.PageUp):
		v.scrollBy(-max(v.h-1, 1))
		return nil, true
	case key.Matches(msg, mv.PageDown):
		v.scrollBy(max(v.h-1, 1))
		return nil, true
	}
	v.layout()
	v.keepCursor()
	return nil, true
}

func (v *echoesView) scrollBy(d int) {
	v.scroll = clamp(v.scroll+d, 0, max(len(v.lines)-v.h, 0))
}

// keepCursor scrolls the selected appearance into view.
func (v *echoesView) keepCursor() {
	if v.cursor < len(v.starts) {
		start := v.starts[v.cursor]
		end := len(v.lines)
		if v.cursor+1 < len(v.starts) {
			end = v.starts[v.cursor+1]
		}
		if start < v.scroll {
			v.scroll = start
		} else if end > v.scroll+v.h {
			v.scroll = max(min(start, end-v.h), 0)
		}
	}
	v.scrollBy(0)
}

// layout draws the appearances for the current size and cursor.
func (v *echoesView) layout() {
	v.lines, v.starts = nil, nil
	s := v.c.styles
	w := v.w
	if w <= 0 {
		return
	}
	tw := max(w-4, 1)
	wrap := func(text string, indent string, st func(...string) string) {
		for _, l := range wrapWords(text, tw) {
			v.lines = append(v.lines, indent+st(l))
		}
	}
	plain := func(t ...string) string { return strings.Join(t, "") }
	g := v.group
	switch {
	case !v.loaded:
		v.lines = append(v.lines, s.Dim.Render(" finding the quotation in other articles…"))
		return
	case g == nil:
		v.lines = append(v.lines, s.ArticleTitle.Render(" Echoes"), s.Dim.Render(" no other article carries this quotation"))
		return
	}
	who := g.Speaker
	if who == "" {
		who = model.SpeakerUnknown
	}
	// Outlets counted are the known ones: articles of no known source
	// are not one outlet.
	outlets := map[string]bool{}
	for _, ap := range g.Appearances {
		if ap.Source != "" {
			outlets[ap.Source] = true
		}
	}
	count := browse.Plural(len(g.Appearances), "article", "articles")
	if len(outlets) > 0 {
		count += ", " + browse.Plural(len(outlets), "outlet", "outlets")
	}
	v.lines = append(v.lines, s.ArticleTitle.Render(fit(" Echoes · "+clean(who)+" · "+count, w)))
	first := g.Appearances[0]
	firstName := "the first listed" // its outlet unknown: the view lists it first
	if first.Source != "" {
		firstName = clean(first.Source) + "'s"
	}
	if g.FirstKnown {
		wrap("First: "+clean(orUnknown(first.Source))+", "+echoDate(first)+". The others are compared with its wording.", " ", s.Meta.Render)
	} else {
		wrap("No appearance is dated, so who had it first is unknown; the others are compared with "+firstName+" wording.", " ", s.Meta.Render)
	}
	wrap("Marks: "+stories.MarkDropped+"dropped"+stories.MarkDroppedEnd+" "+stories.MarkAdded+"added"+stories.MarkAddedEnd+" "+
		stories.MarkElided+"hidden by an ellipsis"+stories.MarkElidedEnd, " ", s.Faint.Render)
	for i, ap := range g.Appearances {
		v.starts = append(v.starts, len(v.lines))
		v.lines = append(v.lines, "")
		label := clean(orUnknown(ap.Source)) + " · " + echoDate(ap) + " · " + clean(ap.Title)
		if i == 0 && g.FirstKnown {
			label = "first · " + label
		}
		line := fit(" "+label, w)
		if i == v.cursor {
			line = selectStyle(s, true).Render(cursorMark(ansi.Strip(line)))
		} else {
			line = s.Source.Render(line)
		}
		v.lines = append(v.lines, line)
		if i == 0 {
			wrap("“"+clean(ap.Text)+"”", "   ", s.Quote.Render)
			continue
		}
		if stories.Unchanged(ap.Ops) {
			wrap("“"+clean(ap.Text)+"”", "   ", s.Quote.Render)
			wrap("word for word", "   ", s.Faint.Render)
			continue
		}
		wrap("“"+markedOps(s, ap.Ops)+"”", "   ", plain)
		wrap(stories.Summary(ap.Ops), "   ", s.Faint.Render)
	}
}

func orUnknown(src string) string {
	if src == "" {
		return "source unknown"
	}
	return src
}

// echoDate is when an appearance was published, to the minute when
// known: who had it first may be a matter of hours.
func echoDate(ap browse.EchoItem) string {
	if ap.Precision == model.PrecisionDateTime {
		return ap.Published.Format("2006-01-02 15:04 MST")
	}
	return shortDate(browse.StoryItem{Published: ap.Published, DatePrecision: ap.Precision})
}

func (v *echoesView) view() []string {
	end := min(v.scroll+v.h, len(v.lines))
	if v.scroll >= end {
		return nil
	}
	return v.lines[v.scroll:end]
}

func (v *echoesView) shortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{withHelp(k.Quotes.Open, "read it there"), k.Overlay.Close, pair(k.Move.Up, k.Move.Down, "choose")}
}
