// Package tui is byline's terminal browser: stories by date and source, the
// cleaned article, its quotations and speakers, all filtered as you type.
//
// Each call to New makes an independent model (one per SSH session) over a
// corpus that is shared read-only. Nothing heavy runs in Update or View:
// loading, indexing, filtering, sorting and glamour rendering run in
// tea.Cmds, and their results carry a generation number so a stale result
// never replaces a newer one.
package tui

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"byline/corpus"
	"byline/model"
)

// Config is what a session's model starts from.
type Config struct {
	// Corpus is an already loaded corpus, shared read-only (SSH); or nil
	// and Load set.
	Corpus *model.Corpus
	// Load loads the corpus in the background, reporting progress.
	Load func(ctx context.Context, progress func(corpus.Progress)) (*model.Corpus, error)
	// Title is shown in the header, e.g. the corpus path or "demo corpus".
	Title string
	// NoColor selects the monochrome styles. The caller reads NO_COLOR from
	// the right environment (the process's, or the SSH client's).
	NoColor bool
	// Prepared, if set, is Corpus already indexed by Prepare: an SSH
	// server prepares its corpus once and every session shares the index
	// (read-only) instead of building its own.
	Prepared *Prepared
	// Now is the clock for relative dates in filters ("on:last week");
	// nil means time.Now.
	Now func() time.Time
}

// Prepared is a corpus with its search index and sort orders built; it is
// read-only and safe to share between sessions.
type Prepared struct{ d *dataset }

// Prepare indexes a loaded corpus for sharing (see Config.Prepared). It
// takes a while on a large corpus (about a second per 100k articles).
func Prepare(c *model.Corpus) *Prepared { return &Prepared{d: buildDataset(nil, c, nil, nil)} }

type pane int

const (
	paneStories pane = iota
	paneArticle
	paneQuotes
	paneSpeakers
	numPanes
)

var paneNames = [numPanes]string{"Stories", "Article", "Quotes", "Speakers"}

// gens holds the latest generation of each background job; jobs poll it to
// stop early once superseded. It belongs to one model (not global).
type gens struct{ stories, quotes, speakers atomic.Int64 }

// Model is the browser. Use New.
type Model struct {
	ctx context.Context
	cfg Config
	now func() time.Time

	width, height int
	dark          bool
	styles        Styles
	keys          keyMap
	help          help.Model
	bar           progress.Model

	data    *dataset
	loadCh  chan tea.Msg
	loadErr error
	loading bool

	focus    pane
	lastList pane // the list shown beside the article in the medium layout

	// Filters, per pane (the article pane filters the stories).
	input     textinput.Model
	filtering bool
	queries   [numPanes]string
	parsed    [numPanes]model.Query

	gen *gens

	stories  listState
	storyRes *storiesResult
	sortMode int
	selID    string // the selected story, kept across re-sorts and filters
	chosen   bool   // the user moved the stories cursor (else it follows the top)

	quotes      listState
	quoteRes    *quotesResult
	quoteCorpus bool
	quoteGroup  int

	speakers   listState
	speakerRes *speakersResult
	spkArticle bool // speakers of the open article rather than the corpus

	// Article.
	openID      string
	scroll      int
	curQuote    int // index in Article.Quotes, -1 for none
	showRemoved bool
	cache       map[renderKey]*rendered
	pending     map[renderKey]bool
	scrollTo    int // quote to scroll to when its render arrives, -1
	// findLine is the rendered body line of the current match of the find
	// in the article (queries[paneArticle]), -1 for none.
	findLine int
	found    struct { // the last findMatches result
		r       *rendered
		find    string
		lines   []int  // where matches start
		covered []bool // the lines any match covers
	}

	showHelp     bool
	helpScroll   int
	showProblems bool
	probScroll   int
}

// listState is a virtualised list's cursor and scroll offset.
type listState struct{ cursor, offset int }

// New makes a fresh, independent model for one session.
func New(ctx context.Context, cfg Config) tea.Model {
	if ctx == nil {
		ctx = context.Background()
	}
	m := &Model{
		ctx:      ctx,
		cfg:      cfg,
		now:      cfg.Now,
		dark:     true,
		keys:     newKeyMap(),
		help:     help.New(),
		gen:      &gens{},
		cache:    map[renderKey]*rendered{},
		pending:  map[renderKey]bool{},
		curQuote: -1,
		scrollTo: -1,
		findLine: -1,
		lastList: paneStories,
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.input = textinput.New()
	m.input.Prompt = "/"
	m.input.Placeholder = queryPlaceholder
	m.input.CharLimit = 500
	m.setStyles()
	m.data = &dataset{byID: map[string]int{}}
	m.loading = cfg.Corpus == nil && cfg.Prepared == nil && cfg.Load != nil
	return m
}

func (m *Model) setStyles() {
	m.styles = newStyles(m.dark, m.cfg.NoColor)
	m.help.Styles = help.DefaultStyles(m.dark)
	if m.cfg.NoColor {
		m.bar = progress.New(progress.WithoutPercentage(), progress.WithFillCharacters('#', '.'), progress.WithColors())
	} else {
		m.bar = progress.New(progress.WithoutPercentage(), progress.WithColors(m.styles.Bar[0], m.styles.Bar[1]))
	}
	st := m.input.Styles()
	st.Focused.Prompt = m.styles.FilterPrompt
	st.Blurred.Prompt = m.styles.FilterPrompt
	st.Focused.Text = m.styles.Filter
	st.Focused.Placeholder = m.styles.Faint
	st.Blurred.Placeholder = m.styles.Faint
	m.input.SetStyles(st)
}

// Init asks the terminal's background colour and starts the load.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch {
	case m.cfg.Prepared != nil:
		d := m.cfg.Prepared.d
		cmds = append(cmds, func() tea.Msg { return datasetMsg{d: d} })
	case m.cfg.Corpus != nil:
		c := m.cfg.Corpus
		cmds = append(cmds, func() tea.Msg { return datasetMsg{d: buildDataset(nil, c, nil, nil)} })
	case m.cfg.Load != nil:
		ch, run := startLoad(m.ctx, m.cfg.Load)
		m.loadCh = ch
		cmds = append(cmds, run, waitFor(ch))
	}
	return tea.Batch(cmds...)
}

// Update handles a message; see the keys in keys.go.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	add := func(c tea.Cmd) {
		if c != nil {
			cmds = append(cmds, c)
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setStyles()
	case datasetMsg:
		if msg.d.seq < m.data.seq && m.data.final {
			break
		}
		m.data = msg.d
		m.loading = msg.more
		if msg.more && m.loadCh != nil {
			add(waitFor(m.loadCh))
		}
		add(m.refilterAll())
	case loadErrMsg:
		m.loadErr = msg.err
		m.loading = false
	case *storiesResult:
		if msg == nil || int64(msg.gen) != m.gen.stories.Load() {
			break
		}
		m.applyStories(msg)
		if m.quoteCorpus {
			add(m.refilterQuotes())
		}
		add(m.followSelection())
	case *quotesResult:
		if msg == nil || int64(msg.gen) != m.gen.quotes.Load() {
			break
		}
		m.quoteRes = msg
		m.quotes.clamp(len(msg.rows))
		m.quotes.skipHeader(msg.rows, 1)
	case *speakersResult:
		if msg == nil || int64(msg.gen) != m.gen.speakers.Load() {
			break
		}
		m.speakerRes = msg
		m.speakers.clamp(len(msg.rows))
	case renderMsg:
		delete(m.pending, msg.key)
		if len(m.cache) > 64 {
			clear(m.cache)
		}
		m.cache[msg.key] = msg.r
		if m.scrollTo >= 0 && msg.key.id == m.openID {
			m.jumpToQuote(m.scrollTo)
			m.scrollTo = -1
		}
	case tea.PasteMsg:
		if m.filtering {
			var c tea.Cmd
			m.input, c = m.input.Update(msg)
			add(c)
			add(m.filterChanged())
		}
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
		add(m.followSelection())
	case tea.KeyPressMsg:
		if c, quit := m.key(msg); quit {
			return m, tea.Quit
		} else {
			add(c)
		}
	}
	add(m.ensureRender())
	m.keepVisible()
	return m, tea.Batch(cmds...)
}

// key handles a key press; it reports whether to quit.
func (m *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return nil, true
	}
	if m.filtering {
		switch msg.String() {
		case "enter":
			m.filtering = false
			m.input.Blur()
			return nil, false
		case "esc":
			m.filtering = false
			m.input.Blur()
			m.input.SetValue("")
			return m.filterChanged(), false
		case "up", "down", "pgup", "pgdown":
			// Move in the list while typing.
			m.move(msg.String())
			return m.followSelection(), false
		}
		var c tea.Cmd
		m.input, c = m.input.Update(msg)
		_ = c // the cursor blinks only while a command would run; not needed
		return m.filterChanged(), false
	}
	if m.showHelp || m.showProblems {
		// An overlay: arrows and pages scroll it, q quits, any other key
		// closes it.
		if key.Matches(msg, k.Quit) {
			return nil, true
		}
		h := m.layout().body.h
		if m.showHelp {
			step, scrolls := m.overlayStep(msg, h-1)
			m.showHelp = scrolls
			m.helpScroll = clamp(m.helpScroll+step, 0, max(len(m.helpText(m.width))-h, 0))
		} else {
			step, scrolls := m.overlayStep(msg, h-2)
			m.showProblems = scrolls
			m.probScroll = clamp(m.probScroll+step, 0, max(len(m.data.problems)-1, 0))
		}
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Quit):
		return nil, true
	case key.Matches(msg, k.Help):
		m.showHelp = true
		m.helpScroll = 0
	case key.Matches(msg, k.Problems):
		m.showProblems = true
		m.probScroll = 0
	case key.Matches(msg, k.Next):
		m.setFocus((m.focus + 1) % numPanes)
	case key.Matches(msg, k.Prev):
		m.setFocus((m.focus + numPanes - 1) % numPanes)
	case key.Matches(msg, k.Pane1):
		m.setFocus(paneStories)
	case key.Matches(msg, k.Pane2):
		m.setFocus(paneArticle)
	case key.Matches(msg, k.Pane3):
		m.setFocus(paneQuotes)
	case key.Matches(msg, k.Pane4):
		m.setFocus(paneSpeakers)
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.input.Placeholder = queryPlaceholder
		if m.focus == paneArticle {
			m.input.Placeholder = findPlaceholder
		}
		m.input.SetValue(m.queries[m.filterPane()])
		m.input.CursorEnd()
		m.input.Focus()
	case key.Matches(msg, k.Clear):
		if m.queries[m.filterPane()] != "" {
			m.input.SetValue("")
			return m.filterChanged(), false
		}
		if m.focus == paneArticle {
			switch {
			case m.curQuote >= 0:
				m.curQuote = -1
			case m.layout().mode == 0:
				m.setFocus(m.lastList) // back to the list in the one-pane layout
			}
		}
	case key.Matches(msg, k.Sort):
		switch m.focus {
		case paneQuotes:
			if !m.quoteCorpus {
				m.quoteCorpus = true
			} else {
				m.quoteGroup = 1 - m.quoteGroup
			}
			m.quotes = listState{}
			return m.refilterQuotes(), false
		default:
			m.sortMode = (m.sortMode + 1) % sortModes
			return m.refilterStories(), false
		}
	case key.Matches(msg, k.Scope):
		switch m.focus {
		case paneSpeakers:
			m.spkArticle = !m.spkArticle
			m.speakers = listState{}
			return m.refilterSpeakers(), false
		default:
			m.quoteCorpus = !m.quoteCorpus
			m.quotes = listState{}
			return m.refilterQuotes(), false
		}
	case key.Matches(msg, k.Removed):
		m.showRemoved = !m.showRemoved
	case key.Matches(msg, k.NextQuote) && m.focus == paneArticle && m.queries[paneArticle] != "":
		m.findNext(1)
	case key.Matches(msg, k.PrevQuote) && m.focus == paneArticle && m.queries[paneArticle] != "":
		m.findNext(-1)
	case key.Matches(msg, k.NextQuote):
		m.nextQuote(1)
	case key.Matches(msg, k.PrevQuote):
		m.nextQuote(-1)
	case key.Matches(msg, k.Enter):
		return m.enter(), false
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		m.move(msg.String())
		if m.focus == paneQuotes {
			return m.previewQuote(), false
		}
		return m.followSelection(), false
	}
	return nil, false
}

// overlayStep is how far a key scrolls an overlay whose page is page lines;
// scrolls is false for keys that do not scroll (they close it).
func (m *Model) overlayStep(msg tea.KeyPressMsg, page int) (step int, scrolls bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -max(page, 1), true
	case key.Matches(msg, k.PageDown):
		return max(page, 1), true
	}
	return 0, false
}

func (m *Model) setFocus(p pane) {
	m.focus = p
	if p != paneArticle {
		m.lastList = p
	}
}

// filterPane is the pane whose query "/" edits: the focused one (in the
// article, the query is a find in its text).
func (m *Model) filterPane() pane { return m.focus }

// filterChanged applies the input's value as the focused pane's filter.
func (m *Model) filterChanged() tea.Cmd {
	p := m.filterPane()
	v := m.input.Value()
	if v == m.queries[p] {
		return nil
	}
	return m.setQuery(p, v)
}

func (m *Model) setQuery(p pane, v string) tea.Cmd {
	m.queries[p] = v
	if p == paneArticle {
		// A find is plain text, not the query language.
		m.parsed[p] = model.Query{}
		m.findNext(0)
		return nil
	}
	m.parsed[p] = model.ParseQuery(v, m.now())
	switch p {
	case paneStories:
		return m.refilterStories()
	case paneQuotes:
		return m.refilterQuotes()
	case paneSpeakers:
		return m.refilterSpeakers()
	}
	return nil
}

func (m *Model) refilterAll() tea.Cmd {
	return tea.Batch(m.refilterStories(), m.refilterQuotes(), m.refilterSpeakers())
}

func (m *Model) refilterStories() tea.Cmd {
	g := m.gen.stories.Add(1)
	d, q, prev, mode, sel := m.data, m.parsed[paneStories], m.storyRes, m.sortMode, m.selID
	if !m.chosen {
		sel = "" // nothing chosen yet: the top story
	}
	ctx := m.ctx
	gp := m.gen
	return func() tea.Msg {
		r := filterStories(ctx, d, q, prev, mode, sel, int(g), func() bool { return gp.stories.Load() != g })
		if r == nil {
			return nil
		}
		return r
	}
}

func (m *Model) refilterQuotes() tea.Cmd {
	g := m.gen.quotes.Add(1)
	d, q, prev := m.data, m.parsed[paneQuotes], m.quoteRes
	corpusScope, group, art := m.quoteCorpus, m.quoteGroup, m.openArticle()
	stories, filtered := m.storyRes, !m.parsed[paneStories].Empty()
	gp := m.gen
	return func() tea.Msg {
		r := filterQuotes(d, q, prev, corpusScope, group, art, stories, filtered, int(g), func() bool { return gp.quotes.Load() != g })
		if r == nil {
			return nil
		}
		return r
	}
}

func (m *Model) refilterSpeakers() tea.Cmd {
	g := m.gen.speakers.Add(1)
	d, q, art, corpusScope := m.data, m.parsed[paneSpeakers], m.openArticle(), !m.spkArticle
	return func() tea.Msg { return filterSpeakers(d, q, corpusScope, art, int(g)) }
}

func (m *Model) applyStories(r *storiesResult) {
	m.storyRes = r
	switch {
	case r.cursor >= 0:
		m.stories.cursor = r.cursor
	default:
		m.stories.cursor = 0
		m.stories.skipHeader(r.rows, 1)
	}
	m.stories.clamp(len(r.rows))
	if r.cursor < 0 {
		m.stories.offset = 0
	}
}

// followSelection makes the story under the cursor the open article (and
// refreshes article-scoped panes) when it changed.
func (m *Model) followSelection() tea.Cmd {
	if m.storyRes == nil {
		return nil
	}
	rows := m.storyRes.rows
	if m.stories.cursor < 0 || m.stories.cursor >= len(rows) || rows[m.stories.cursor].item < 0 {
		return nil
	}
	a := m.storyRes.d.arts[rows[m.stories.cursor].item]
	m.selID = a.ID
	return m.open(a.ID)
}

// open makes id the open article.
func (m *Model) open(id string) tea.Cmd {
	if id == m.openID {
		return nil
	}
	m.openID = id
	m.scroll = 0
	m.curQuote = -1
	m.scrollTo = -1
	m.findLine = -1
	var cmds []tea.Cmd
	if !m.quoteCorpus {
		m.quotes = listState{}
		cmds = append(cmds, m.refilterQuotes())
	}
	if m.spkArticle {
		m.speakers = listState{}
		cmds = append(cmds, m.refilterSpeakers())
	}
	return tea.Batch(cmds...)
}

func (m *Model) openArticle() *model.Article {
	if i, ok := m.data.byID[m.openID]; ok {
		return m.data.arts[i]
	}
	return nil
}

// enter: open the story; open a quote's article at the quote; filter by a
// speaker.
func (m *Model) enter() tea.Cmd {
	switch m.focus {
	case paneStories:
		c := m.followSelection()
		m.setFocus(paneArticle)
		return c
	case paneQuotes:
		a, qi := m.quoteAt(m.quotes.cursor)
		if a == nil {
			return nil
		}
		var cmds []tea.Cmd
		if a.ID != m.openID {
			cmds = append(cmds, m.open(a.ID))
		}
		m.selectStory(a.ID)
		m.chosen = true
		m.curQuote = qi
		m.scrollTo = qi
		if m.renderFor(a) != nil {
			m.jumpToQuote(qi)
			m.scrollTo = -1
		}
		m.focus = paneArticle
		return tea.Batch(cmds...)
	case paneSpeakers:
		if m.speakerRes == nil || m.speakers.cursor >= len(m.speakerRes.rows) {
			return nil
		}
		name := m.speakerRes.rows[m.speakers.cursor].name
		q := `speaker:"` + name + `"`
		m.quoteCorpus = true
		m.quotes = listState{}
		m.setFocus(paneQuotes)
		return tea.Batch(m.setQuery(paneStories, q), m.setQuery(paneQuotes, q))
	}
	return nil
}

// previewQuote shows the quote under the cursor in the article pane (when
// the article is on screen beside the quotes).
func (m *Model) previewQuote() tea.Cmd {
	if _, shown := m.layout().panes[paneArticle]; !shown {
		return nil
	}
	a, qi := m.quoteAt(m.quotes.cursor)
	if a == nil {
		return nil
	}
	var c tea.Cmd
	if a.ID != m.openID {
		c = m.open(a.ID)
	}
	m.curQuote = qi
	if m.renderFor(a) != nil {
		m.jumpToQuote(qi)
	} else {
		m.scrollTo = qi
	}
	return c
}

// selectStory moves the stories cursor to id when it is listed.
func (m *Model) selectStory(id string) {
	m.selID = id
	if m.storyRes == nil {
		return
	}
	for i, r := range m.storyRes.rows {
		if r.item >= 0 && m.storyRes.d.arts[r.item].ID == id {
			m.stories.cursor = i
			return
		}
	}
}

// quoteAt returns the article and quote index of a quotes row.
func (m *Model) quoteAt(i int) (*model.Article, int) {
	r := m.quoteRes
	if r == nil || i < 0 || i >= len(r.rows) || r.rows[i].item < 0 {
		return nil, -1
	}
	it := r.rows[i].item
	if !r.corpus {
		i, ok := r.d.byID[r.article]
		if !ok || int(it) >= len(r.d.arts[i].Quotes) {
			return nil, -1
		}
		return r.d.arts[i], int(it)
	}
	if r.d.qdocs == nil || int(it) >= r.d.qdocs.Len() {
		return nil, -1
	}
	ref := r.d.qdocs.Refs[it]
	return r.d.arts[ref.Article], int(ref.Quote)
}

// move handles cursor keys in the focused pane.
func (m *Model) move(k string) {
	h := max(m.paneHeight(m.focus), 1)
	if m.focus == paneArticle {
		lines := m.articleLineCount()
		switch k {
		case "up", "k":
			m.scroll--
		case "down", "j":
			m.scroll++
		case "pgup", "b", "ctrl+u":
			m.scroll -= max(h-1, 1)
		case "pgdown", "space", "ctrl+d":
			m.scroll += max(h-1, 1)
		case "g", "home":
			m.scroll = 0
		case "G", "end":
			m.scroll = lines
		}
		m.scroll = clamp(m.scroll, 0, max(lines-h, 0))
		return
	}
	ls, rows := m.list(m.focus)
	if ls == nil {
		return
	}
	if m.focus == paneStories {
		m.chosen = true
	}
	dir := 1
	switch k {
	case "up", "k":
		ls.cursor--
		dir = -1
	case "down", "j":
		ls.cursor++
	case "pgup", "b", "ctrl+u":
		ls.cursor -= max(h-1, 1)
		dir = -1
	case "pgdown", "space", "ctrl+d":
		ls.cursor += max(h-1, 1)
	case "g", "home":
		ls.cursor = 0
	case "G", "end":
		ls.cursor = len(rows) - 1
		dir = -1
	}
	ls.clamp(len(rows))
	ls.skipHeader(rows, dir)
}

// list returns a list pane's state and rows.
func (m *Model) list(p pane) (*listState, []row) {
	switch p {
	case paneStories:
		if m.storyRes != nil {
			return &m.stories, m.storyRes.rows
		}
		return &m.stories, nil
	case paneQuotes:
		if m.quoteRes != nil {
			return &m.quotes, m.quoteRes.rows
		}
		return &m.quotes, nil
	case paneSpeakers:
		var rows []row
		if m.speakerRes != nil {
			rows = make([]row, len(m.speakerRes.rows)) // all items, no headers
		}
		return &m.speakers, rows
	}
	return nil, nil
}

func (l *listState) clamp(n int) {
	l.cursor = clamp(l.cursor, 0, max(n-1, 0))
	l.offset = clamp(l.offset, 0, max(n-1, 0))
}

// skipHeader moves the cursor off a group header in direction dir (or the
// other way at the list's end).
func (l *listState) skipHeader(rows []row, dir int) {
	if len(rows) == 0 {
		return
	}
	for _, d := range []int{dir, -dir} {
		for i := l.cursor; i >= 0 && i < len(rows); i += d {
			if rows[i].item >= 0 {
				l.cursor = i
				return
			}
		}
	}
}

// keepVisible scrolls lists so their cursors are on screen.
func (m *Model) keepVisible() {
	for _, p := range []pane{paneStories, paneQuotes, paneSpeakers} {
		ls, rows := m.list(p)
		h := max(m.paneHeight(p), 1)
		if ls.cursor < ls.offset {
			ls.offset = ls.cursor
		}
		if ls.cursor >= ls.offset+h {
			ls.offset = ls.cursor - h + 1
		}
		// Show the header above the first item when scrolled to it.
		if ls.offset == 1 && len(rows) > 0 && rows[0].item < 0 && ls.cursor < h {
			ls.offset = 0
		}
		ls.offset = clamp(ls.offset, 0, max(len(rows)-h, 0))
	}
	h := max(m.paneHeight(paneArticle), 1)
	m.scroll = clamp(m.scroll, 0, max(m.articleLineCount()-h, 0))
}

// ensureRender starts glamour on the open article if its render for the
// current width and style is neither cached nor under way.
func (m *Model) ensureRender() tea.Cmd {
	a := m.openArticle()
	if a == nil {
		return nil
	}
	k := m.renderKey(a)
	if k.width <= 0 || m.cache[k] != nil || m.pending[k] {
		return nil
	}
	m.pending[k] = true
	st := m.styles
	return func() tea.Msg { return renderMsg{key: k, r: renderArticle(a, k.width, st)} }
}

func (m *Model) renderKey(a *model.Article) renderKey {
	id := a.ID
	if !m.data.final {
		id += "\x00preview"
	}
	return renderKey{id: id, width: m.articleTextWidth(), style: m.styles.Name}
}

func (m *Model) renderFor(a *model.Article) *rendered {
	if a == nil {
		return nil
	}
	return m.cache[m.renderKey(a)]
}

func (m *Model) wheel(ms tea.Mouse) {
	p, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return
	}
	delta := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		delta = -3
	case tea.MouseWheelDown:
		delta = 3
	default:
		return
	}
	if p == paneArticle {
		m.scroll += delta
		h := max(m.paneHeight(paneArticle), 1)
		m.scroll = clamp(m.scroll, 0, max(m.articleLineCount()-h, 0))
		return
	}
	ls, rows := m.list(p)
	h := max(m.paneHeight(p), 1)
	ls.offset = clamp(ls.offset+delta, 0, max(len(rows)-h, 0))
	ls.cursor = clamp(ls.cursor, ls.offset, max(ls.offset+h-1, 0))
	ls.clamp(len(rows))
	ls.skipHeader(rows, 1)
}

func (m *Model) click(ms tea.Mouse) {
	if ms.Button != tea.MouseLeft {
		return
	}
	p, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return
	}
	m.setFocus(p)
	if p == paneArticle {
		return
	}
	r := m.layout().panes[p]
	ls, rows := m.list(p)
	i := ls.offset + ms.Y - r.y - 1
	if i >= 0 && i < len(rows) && rows[i].item >= 0 || p == paneSpeakers && i >= 0 && i < len(rows) {
		ls.cursor = i
	}
}

func (m *Model) paneAt(x, y int) (pane, bool) {
	for p, r := range m.layout().panes {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			return p, true
		}
	}
	return 0, false
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		hi = lo
	}
	return min(max(v, lo), hi)
}

func itoa(n int) string { return strconv.Itoa(n) }
