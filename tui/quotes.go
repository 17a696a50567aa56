package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/model"
)

// quotesPane lists quotations with who said them: the open article's, or
// the whole corpus's (of the listed stories) by speaker or by day.
type quotesPane struct {
	listPane[browse.QuoteItem]
	store   browse.Store
	res     *browse.QuoteList
	scope   browse.Scope
	group   browse.Group
	article string // the open article
	// The stories list's query and list: the corpus's quotations are
	// those of the listed stories.
	storiesQuery model.Query
	storiesList  *browse.StoryList
	// move and pending: a window of a long list (list.go).
	move    windowMove
	pending bool
}

type quotesMsg struct {
	gen   int
	store browse.Store
	list  *browse.QuoteList
	pages map[int][]browse.QuoteItem
	move  windowMove
}

func newQuotesPane(c *common) *quotesPane {
	return &quotesPane{listPane: newListPane[browse.QuoteItem](c, quoteItemLines)}
}

func (p *quotesPane) SetSize(w, h int) tea.Cmd {
	p.resize(w, h)
	return p.fetch()
}

func (p *quotesPane) SetStore(browse.Store) tea.Cmd { return p.refilter() }

func (p *quotesPane) SetQuery(v string) tea.Cmd {
	p.parse(v)
	return p.refilter()
}

// setArticle follows the open article (in article scope).
func (p *quotesPane) setArticle(id string) tea.Cmd {
	p.article = id
	if p.scope != browse.ScopeArticle {
		return nil
	}
	p.list.home()
	return p.refilter()
}

// setStories follows the stories list (in corpus scope).
func (p *quotesPane) setStories(q model.Query, l *browse.StoryList) tea.Cmd {
	p.storiesQuery, p.storiesList = q, l
	if p.scope != browse.ScopeCorpus {
		return nil
	}
	return p.refilter()
}

func (p *quotesPane) setScope(s browse.Scope) tea.Cmd {
	p.scope = s
	p.list.home()
	return p.refilter()
}

func (p *quotesPane) refilter() tea.Cmd {
	st := p.c.store
	if st == nil {
		return nil
	}
	ctx, gen := p.job()
	qq := browse.QuotesQuery{Query: p.q, Scope: p.scope, Article: p.article, Group: p.group,
		Stories: p.storiesQuery, StoriesList: p.storiesList, Marks: p.c.marks}
	if p.store == st {
		qq.Narrow = p.res
	}
	move := p.move
	p.move = windowMove{}
	qq.Where = browse.Where{End: move.end > 0, Around: move.key, Set: move.around}
	p.pending = move.end != 0 || move.around
	cursor, h := p.list.cursor, p.h
	return func() tea.Msg {
		l, err := st.Quotes(ctx, qq)
		if err != nil {
			return storeFailed(ctx, err)
		}
		pages := pagesAround(cursor, h, len(l.Rows), func(from, to int) ([]browse.QuoteItem, error) {
			return st.QuotePage(ctx, l, from, to)
		})
		return quotesMsg{gen: gen, store: st, list: l, pages: pages, move: move}
	}
}

func (p *quotesPane) fetch() tea.Cmd {
	st, l, ctx := p.store, p.res, p.c.ctx
	return p.list.fetch(func(from, to int) ([]browse.QuoteItem, error) { return st.QuotePage(ctx, l, from, to) })
}

func (p *quotesPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case quotesMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.store, p.res = msg.store, msg.list
		cursor := p.list.cursor
		p.list.setRows(msg.list, msg.list.Rows, msg.list.Headers)
		p.list.pages = msg.pages
		p.pending = false
		p.list.moveTo(msg.move, cursor)
		p.list.settle(msg.list.Before, msg.list.After)
		return tea.Batch(p.fetch(), p.window())
	case pageMsg[browse.QuoteItem]:
		p.list.setPage(msg)
	}
	return nil
}

func (p *quotesPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.keys.Quotes
	switch {
	case key.Matches(msg, k.Open):
		it, ok := p.list.selected()
		if !ok {
			return nil, true
		}
		return func() tea.Msg { return openMsg{id: it.ArticleID, quote: it.Index, focus: true, locate: true} }, true
	case key.Matches(msg, k.Group):
		if p.scope == browse.ScopeArticle {
			return p.setScope(browse.ScopeCorpus), true
		}
		p.group = p.group.Toggle()
		p.list.home()
		return p.refilter(), true
	case key.Matches(msg, k.Scope):
		return p.setScope(p.scope.Toggle()), true
	case key.Matches(msg, k.Echoes):
		it, ok := p.list.selected()
		switch {
		case !ok:
			return nil, true
		case it.Echoes == 0 && p.c.info.NoStories != "":
			return notice(p.c.info.NoStories), true
		case it.Echoes == 0 && !p.c.info.Grouped:
			return notice("quotations are still being compared across articles"), true
		case it.Echoes == 0:
			return notice("no other article carries this quotation"), true
		}
		return func() tea.Msg { return echoesOpenMsg{article: it.ArticleID, quote: it.Index} }, true
	}
	if p.res != nil && p.res.Scope == browse.ScopeCorpus {
		if end := windowEnd(msg, p.c.keys.Move, p.res.Before, p.res.After); end != 0 {
			p.move = p.list.endMove(end)
			return p.refilter(), true
		}
	}
	if moveList(&p.list, msg, p.c.keys.Move) {
		return tea.Batch(p.fetch(), p.preview(), p.window()), true
	}
	return nil, false
}

// preview shows the quotation under the cursor in the article, when the
// article is on screen beside the list.
func (p *quotesPane) preview() tea.Cmd {
	if !p.c.articleShown {
		return nil
	}
	it, ok := p.list.selected()
	if !ok {
		return nil
	}
	return func() tea.Msg { return openMsg{id: it.ArticleID, quote: it.Index} }
}

// ShortHelp and FullHelp are the quotes' keys.
func (p *quotesPane) ShortHelp() []key.Binding {
	k := p.c.keys
	bs := []key.Binding{k.Quotes.Open, k.Quotes.Echoes, k.Quotes.Scope, k.Quotes.Group, k.Global.Filter}
	if p.c.marking {
		bs = append(bs, withHelp(k.Reader.Copy, "copy, cited"), k.Reader.Star)
	}
	return bs
}

func (p *quotesPane) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{{withHelp(k.Quotes.Open, "read the quotation in its article"),
		withHelp(k.Quotes.Scope, "this article's quotations ↔ the corpus's"),
		withHelp(k.Quotes.Group, "corpus: group by speaker or by date"),
		withHelp(k.Quotes.Echoes, "a quotation's echoes (+N): each outlet's wording"), k.Global.Filter}}
}

func (p *quotesPane) Wheel(delta int) tea.Cmd {
	p.list.wheel(delta)
	return tea.Batch(p.fetch(), p.window())
}

// window asks for the window around the cursor when it nears an edge of
// a long list's window.
func (p *quotesPane) window() tea.Cmd {
	if p.res == nil || p.pending {
		return nil
	}
	if mv, ok := p.list.around(p.res.Before, p.res.After); ok {
		p.move = mv
		return p.refilter()
	}
	return nil
}

func (p *quotesPane) Click(y int) tea.Cmd {
	if p.list.click(y) {
		return p.preview()
	}
	return nil
}

func (p *quotesPane) Info() string {
	if p.scope == browse.ScopeCorpus {
		return "corpus · " + p.group.String()
	}
	return p.scope.String()
}

func (p *quotesPane) counts() (n, total int, estimated bool) {
	if p.res == nil {
		return 0, 0, false
	}
	return p.res.Matched, p.res.Total, p.res.Estimated
}

func (p *quotesPane) View() []string {
	s := p.c.styles
	w, h := p.w, p.h
	out := make([]string, 0, h)
	corpus := p.scope == browse.ScopeCorpus
	if p.res == nil || p.list.len() == 0 {
		switch {
		case !corpus && p.article == "":
			out = append(out, s.Dim.Render(" no article open"))
		case corpus && !p.c.info.Final:
			out = append(out, s.Dim.Render(" quotations appear when loading ends"))
		case p.query != "":
			out = append(out, s.Dim.Render(" no quotation matches "+keyName(p.c.keys.Global.Filter)+clean(p.query)))
		case !corpus && !p.c.info.Final:
			out = append(out, s.Dim.Render(" quotations appear when loading ends"))
		default:
			out = append(out, s.Dim.Render(" no quotations"), s.Faint.Render(" "+keyName(p.c.keys.Quotes.Scope)+": whole corpus"))
		}
		return out
	}
	hl := p.highlights()
	bySpeaker := p.res.Scope == browse.ScopeCorpus && p.res.Group == browse.GroupSpeaker
	from, to := p.list.visible()
	for i := from; i < to && len(out) < h; i++ {
		if text, ok := p.list.header(i); ok {
			out = append(out, s.Header.Render(fit(" "+clean(text), w)))
			continue
		}
		it, ok := p.list.item(i)
		if !ok {
			out = append(out, "", "")
			continue
		}
		out = p.appendRow(out, i, p.quoteLines(it, bySpeaker, hl)...)
	}
	return out
}

// quoteLines draws a quotation as two lines: who said it (or, grouped by
// speaker, where) then as much of the quotation as fits, wrapped.
func (p *quotesPane) quoteLines(it browse.QuoteItem, bySpeaker bool, hl []string) []string {
	s := p.c.styles
	who, whoStyle := clean(it.Quote.Who()), s.Speaker
	if bySpeaker {
		who, whoStyle = clean(it.Source), s.Source
	}
	if it.Echoes > 0 {
		// Other articles carry it too: how many.
		who += " (+" + itoa(it.Echoes) + ")"
	}
	text := "“" + clean(it.Quote.Text) + "”"
	full := text
	if who != "" {
		full = who + " " + text
	}
	lead, indent := " ", "   "
	if p.c.marking {
		// Starred, in text: it shows without colour too.
		lead, indent = " "+markGlyph(p.c.marks.QuoteStarred(it.ArticleID, it.Index), starMark), "    "
	}
	wrapped := wrapLines(full, max(p.w-len(indent), 1), quoteItemLines)
	out := make([]string, quoteItemLines)
	for k, l := range wrapped {
		if k >= quoteItemLines {
			break
		}
		if k == 0 {
			if who != "" && strings.HasPrefix(l, who) {
				out[0] = lead + highlight(who, hl, whoStyle, s.Match) + highlight(l[len(who):], hl, s.Quote, s.Match)
			} else {
				out[0] = lead + highlight(l, hl, s.Quote, s.Match)
			}
			continue
		}
		out[k] = indent + highlight(l, hl, s.Quote, s.Match)
	}
	return out
}

// quoteItemLines is how many lines a quotation takes in the list.
const quoteItemLines = 2
