package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
)

// speakersPane lists who is quoted, with counts, roles and the outlets
// quoting them: in the whole corpus or in the open article.
type speakersPane struct {
	listPane[browse.SpeakerItem]
	store   browse.Store
	res     *browse.SpeakerList
	scope   browse.Scope
	article string
	// move and pending: a window of a long list (list.go).
	move    windowMove
	pending bool
}

type speakersMsg struct {
	gen   int
	store browse.Store
	list  *browse.SpeakerList
	pages map[int][]browse.SpeakerItem
	move  windowMove
}

func newSpeakersPane(c *common) *speakersPane {
	return &speakersPane{listPane: newListPane[browse.SpeakerItem](c, 1), scope: browse.ScopeArticle}
}

func (p *speakersPane) SetSize(w, h int) tea.Cmd {
	p.resize(w, h)
	return p.fetch()
}

func (p *speakersPane) SetStore(browse.Store) tea.Cmd { return p.refilter() }

func (p *speakersPane) SetQuery(v string) tea.Cmd {
	p.parse(v)
	return p.refilter()
}

// setArticle follows the open article (in article scope).
func (p *speakersPane) setArticle(id string) tea.Cmd {
	p.article = id
	if p.scope != browse.ScopeArticle {
		return nil
	}
	p.list.home()
	return p.refilter()
}

func (p *speakersPane) refilter() tea.Cmd {
	st := p.c.store
	if st == nil {
		return nil
	}
	ctx, gen := p.job()
	sq := browse.SpeakersQuery{Query: p.q, Scope: p.scope, Article: p.article, Marks: p.c.marks}
	move := p.move
	p.move = windowMove{}
	sq.Where = browse.Where{End: move.end > 0, Around: move.key, Set: move.around}
	p.pending = move.end != 0 || move.around
	cursor, h := p.list.cursor, p.h
	return func() tea.Msg {
		l, err := st.Speakers(ctx, sq)
		if err != nil {
			return storeFailed(ctx, err)
		}
		pages := pagesAround(cursor, h, len(l.Rows), func(from, to int) ([]browse.SpeakerItem, error) {
			return st.SpeakerPage(ctx, l, from, to)
		})
		return speakersMsg{gen: gen, store: st, list: l, pages: pages, move: move}
	}
}

func (p *speakersPane) fetch() tea.Cmd {
	st, l, ctx := p.store, p.res, p.c.ctx
	return p.list.fetch(func(from, to int) ([]browse.SpeakerItem, error) { return st.SpeakerPage(ctx, l, from, to) })
}

func (p *speakersPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case speakersMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.store, p.res = msg.store, msg.list
		cursor := p.list.cursor
		p.list.setRows(msg.list, msg.list.Rows, nil)
		p.list.pages = msg.pages
		p.pending = false
		p.list.moveTo(msg.move, cursor)
		p.list.settle(msg.list.Before, msg.list.After)
		return tea.Batch(p.fetch(), p.window())
	case pageMsg[browse.SpeakerItem]:
		p.list.setPage(msg)
	}
	return nil
}

func (p *speakersPane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.c.keys.Speakers
	switch {
	case key.Matches(msg, k.Choose):
		it, ok := p.list.selected()
		if !ok {
			return nil, true
		}
		return func() tea.Msg { return speakerMsg{name: it.Name} }, true
	case key.Matches(msg, k.Scope):
		p.scope = p.scope.Toggle()
		p.list.home()
		return p.refilter(), true
	}
	if p.res != nil && p.res.Scope == browse.ScopeCorpus {
		if end := windowEnd(msg, p.c.keys.Move, p.res.Before, p.res.After); end != 0 {
			p.move = p.list.endMove(end)
			return p.refilter(), true
		}
	}
	if moveList(&p.list, msg, p.c.keys.Move) {
		return tea.Batch(p.fetch(), p.window()), true
	}
	return nil, false
}

// ShortHelp and FullHelp are the speakers' keys.
func (p *speakersPane) ShortHelp() []key.Binding {
	k := p.c.keys
	return []key.Binding{k.Speakers.Choose, k.Speakers.Scope, k.Global.Filter}
}

func (p *speakersPane) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{{withHelp(k.Speakers.Choose, "filter stories and quotes to them"),
		withHelp(k.Speakers.Scope, "the corpus's speakers ↔ this article's"), k.Global.Filter}}
}

func (p *speakersPane) Wheel(delta int) tea.Cmd {
	p.list.wheel(delta)
	return tea.Batch(p.fetch(), p.window())
}

// window asks for the window around the cursor when it nears an edge of
// a long list's window.
func (p *speakersPane) window() tea.Cmd {
	if p.res == nil || p.pending {
		return nil
	}
	if mv, ok := p.list.around(p.res.Before, p.res.After); ok {
		p.move = mv
		return p.refilter()
	}
	return nil
}

func (p *speakersPane) Click(y int) tea.Cmd {
	p.list.click(y)
	return nil
}

func (p *speakersPane) Info() string { return p.scope.String() }

func (p *speakersPane) counts() (n, total int, estimated bool) {
	if p.res == nil {
		return 0, 0, false
	}
	return p.res.Matched, p.res.Total, p.res.Estimated
}

func (p *speakersPane) View() []string {
	s := p.c.styles
	w, h := p.w, p.h
	out := make([]string, 0, h)
	if p.res == nil || p.list.len() == 0 {
		switch {
		case p.query != "":
			out = append(out, s.Dim.Render(" no speaker matches "+keyName(p.c.keys.Global.Filter)+clean(p.query)))
		case !p.c.info.Final:
			out = append(out, s.Dim.Render(" speakers appear when loading ends"))
		case p.scope == browse.ScopeArticle && p.article == "":
			out = append(out, s.Dim.Render(" no article open"))
		case p.scope == browse.ScopeArticle:
			out = append(out, s.Dim.Render(" no speakers"), s.Faint.Render(" "+keyName(p.c.keys.Speakers.Scope)+": whole corpus"))
		default:
			out = append(out, s.Dim.Render(" no speakers"))
		}
		return out
	}
	hl := p.highlights()
	from, to := p.list.visible()
	for i := from; i < to && len(out) < h; i++ {
		sp, ok := p.list.item(i)
		if !ok {
			out = append(out, "")
			continue
		}
		count := padLeft(itoa(sp.Quotes), 4)
		nameW := min(ansi.StringWidth(clean(sp.Name)), max(w/2, 8))
		line := s.Count.Render(count) + " " + highlight(fit(clean(sp.Name), nameW), hl, s.Speaker, s.Match)
		rest := ""
		if sp.Role != "" {
			rest = " " + clean(sp.Role)
		}
		if len(sp.Sources) > 0 {
			rest += " · " + clean(strings.Join(sp.Sources, ", "))
		}
		if rw := w - 5 - nameW; rw > 2 {
			line += highlight(fit(rest, rw), hl, s.Dim, s.Match)
		}
		out = p.appendRow(out, i, line)
	}
	return out
}
