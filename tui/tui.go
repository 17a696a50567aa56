// Package tui is byline's terminal browser: stories by date and source, the
// cleaned article, its quotations and speakers, all filtered as you type.
//
// The root model (this file) owns the focus, the mode (browsing, typing a
// filter, help, problems), the layout and the routing of messages; each
// pane is a component in its own file with its state, keys, Update and
// View; list.go is the one virtualised list they share, keys.go the one
// source of keys and hints. Data comes from a browse.Store: every question
// to it runs in a tea.Cmd, and results carry a generation number so a stale
// one never replaces a newer one. View only draws.
//
// Each call to New makes an independent model (one per SSH session) over a
// store shared read-only.
package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/model"
)

// Config is what a session's model starts from.
type Config struct {
	// Store is a corpus ready to browse, shared read-only (an SSH server
	// prepares one for all sessions); or nil and Load set.
	Store browse.Store
	// Load loads the corpus in the background: the window appears at
	// once and the stories as they load.
	Load browse.LoadFunc
	// Cluster groups the loaded corpus into stories (nil: browse.Cluster).
	Cluster browse.ClusterFunc
	// Title is shown in the header, e.g. the corpus path or "demo corpus".
	Title string
	// NoColor selects the monochrome styles. The caller reads NO_COLOR from
	// the right environment (the process's, or the SSH client's).
	NoColor bool
	// Now is the clock for relative dates in filters ("on:last week");
	// nil means time.Now.
	Now func() time.Time
	// Reader is the reader's state (marks, filter history, saved
	// filters); nil: nothing is remembered and no marks are shown.
	Reader Reader
	// Remote is set over SSH: nothing is opened, paged or written on the
	// server's machine; a URL is shown as a link and copied instead.
	Remote bool
	// System is how the browser opens URLs, pages and writes files
	// locally; the zero value is the real one.
	System System
}

// paneID names a pane.
type paneID int

const (
	paneStories paneID = iota
	paneArticle
	paneQuotes
	paneSpeakers
	numPanes
)

var paneNames = [numPanes]string{"Stories", "Article", "Quotes", "Speakers"}

func (p paneID) String() string { return paneNames[p] }

// pane is what the root asks of each pane.
type pane interface {
	// SetSize gives the pane its content area (its title line excluded);
	// the command fetches what the new size shows.
	SetSize(w, h int) tea.Cmd
	// SetActive marks the pane whose cursor is drawn as focused.
	SetActive(bool)
	// HandleKey handles a key; it reports whether the key was the pane's.
	HandleKey(tea.KeyPressMsg) (tea.Cmd, bool)
	// Update handles the results of the pane's own commands; other
	// messages are ignored.
	Update(tea.Msg) tea.Cmd
	// SetStore hands the pane a new store (a newer snapshot).
	SetStore(browse.Store) tea.Cmd
	// View draws the content, at most the height given by SetSize.
	View() []string
	// Info is the right side of the pane's title line.
	Info() string
	// ShortHelp and FullHelp are the pane's keys (a help.KeyMap): the
	// status line shows the short help of the focused pane.
	help.KeyMap
	// The pane's filter (a query, or in the article a find).
	Query() string
	SetQuery(string) tea.Cmd
	QueryErrors() []string
	Placeholder() string
	// Wheel scrolls by delta lines or rows; Click handles a click on
	// content line y.
	Wheel(delta int) tea.Cmd
	Click(y int) tea.Cmd
}

// common is what the panes share with the root: the session's context,
// keys, styles, clock and store, read through a pointer so a change (a new
// snapshot, a light background) reaches every pane at once.
type common struct {
	ctx     context.Context
	keys    keyMap
	styles  Styles
	now     func() time.Time
	store   browse.Store // nil until something has loaded
	info    browse.Info
	loading bool
	// articleShown: the article pane is on screen beside a list.
	articleShown bool
	layout       layoutMode

	// The reader's state: marks are read from it after each change (a
	// value View may read; never changed), marking says there is a
	// reader whose marks rows show.
	reader  Reader
	marks   *model.Marks
	marking bool
	remote  bool
	sys     System
}

// mode is what keys go to.
type mode int

const (
	modeBrowse   mode = iota // the focused pane
	modeFilter               // the filter bar
	modeHelp                 // the help overlay
	modeProblems             // the problems overlay
	modeCompare              // two articles of a story side by side
	modeEchoes               // a quotation's wording in each outlet
	modePrompt               // typing a name or a path in the status line
	modePicker               // the saved filters overlay
)

// Messages between the panes and the root.
type (
	// storeMsg is a snapshot from the loader (or the store given).
	storeMsg struct{ snap browse.Snapshot }
	// openMsg opens an article: a story selected, a quotation chosen.
	openMsg struct {
		id    string
		quote int  // the quotation to show, -1 for none
		focus bool // focus the article pane
		// locate moves the stories cursor to the story.
		locate bool
	}
	// storiesChangedMsg: the stories list changed (quotes in corpus
	// scope follow it).
	storiesChangedMsg struct {
		query model.Query
		list  *browse.StoryList
	}
	// speakerMsg filters stories and quotations to a speaker.
	speakerMsg struct{ name string }
	// noticeMsg is a word for the user in the status line, until the
	// next key; link, when set, follows it as a terminal hyperlink.
	noticeMsg struct{ text, link string }
)

func notice(text string) tea.Cmd { return func() tea.Msg { return noticeMsg{text: text} } }

// Model is the browser. Use New.
type Model struct {
	c   *common
	cfg Config

	loader  *browse.Loader
	loadErr error

	width, height int
	dark          bool
	mode          mode
	focus         paneID
	lastList      paneID // the list shown beside the article in the medium layout
	lay           layout

	// held: keys that act on the selected story, pressed while the
	// stories list waits for a window of its rows it asked for, and the
	// keys after them: handled, in order, once the window is here.
	held []tea.KeyPressMsg

	panes    [numPanes]pane
	stories  *storiesPane
	article  *articlePane
	quotes   *quotesPane
	speakers *speakersPane
	filter   filterBar
	help     helpView
	problems problemsView
	compare  compareView
	echoes   echoesView
	bar      progress.Model
	short    help.Model // the status line's short help
	notice   string     // said in the status line until the next key

	// The store's last failure, while it lasts (storeerr.go).
	storeErr     error
	failures     int
	retryPending bool
	retryGen     int
	tick         func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick; tests replace it
	link         string                                               // a URL shown after the notice, as a hyperlink
	prompt       prompt                                               // a name or a path asked for in the status line
	picker       picker                                               // the saved filters
}

// New makes a fresh, independent model for one session.
func New(ctx context.Context, cfg Config) tea.Model {
	if ctx == nil {
		ctx = context.Background()
	}
	c := &common{ctx: ctx, keys: newKeyMap(), now: cfg.Now, reader: cfg.Reader, marking: cfg.Reader != nil,
		remote: cfg.Remote, sys: cfg.System}
	if c.now == nil {
		c.now = time.Now
	}
	if c.reader == nil {
		c.reader = noReader{}
	}
	c.marks = c.reader.Marks()
	m := &Model{c: c, cfg: cfg, dark: true, lastList: paneStories, tick: tea.Tick}
	m.stories = newStoriesPane(c)
	m.article = newArticlePane(c)
	m.quotes = newQuotesPane(c)
	m.speakers = newSpeakersPane(c)
	m.panes = [numPanes]pane{paneStories: m.stories, paneArticle: m.article, paneQuotes: m.quotes, paneSpeakers: m.speakers}
	m.filter = newFilterBar()
	m.prompt = newPrompt()
	m.help = newHelpView(c, [numPanes]help.KeyMap{m.stories, m.article, m.quotes, m.speakers})
	m.problems = newProblemsView(c)
	m.compare = newCompareView(c)
	m.echoes = newEchoesView(c)
	c.loading = cfg.Store == nil && cfg.Load != nil
	m.setStyles()
	m.setActive()
	return m
}

func (m *Model) setStyles() {
	m.c.styles = newStyles(m.dark, m.cfg.NoColor)
	s := m.c.styles
	if m.cfg.NoColor {
		m.bar = progress.New(progress.WithoutPercentage(), progress.WithFillCharacters('#', '.'), progress.WithColors())
	} else {
		m.bar = progress.New(progress.WithoutPercentage(), progress.WithColors(s.Bar[0], s.Bar[1]))
	}
	m.bar.SetWidth(clamp(m.width/6, 6, 24))
	m.filter.setStyles(s)
	m.prompt.setStyles(s)
	m.short.Styles.ShortKey = s.StatusKey
	m.short.Styles.ShortDesc = s.Status
	m.short.Styles.ShortSeparator = s.Status
	m.short.ShortSeparator = " · "
}

// Init asks the terminal's background colour and starts the load.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch {
	case m.cfg.Store != nil:
		st := m.cfg.Store
		cmds = append(cmds, func() tea.Msg { return storeMsg{browse.Snapshot{Store: st}} })
	case m.cfg.Load != nil:
		m.loader = browse.Load(m.c.ctx, m.cfg.Load, browse.WithCluster(m.cfg.Cluster))
		cmds = append(cmds, m.waitForLoad())
	}
	return tea.Batch(cmds...)
}

func (m *Model) waitForLoad() tea.Cmd {
	l := m.loader
	return func() tea.Msg { return storeMsg{l.Next()} }
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		m.bar.SetWidth(clamp(m.width/6, 6, 24))
		m.prompt.setWidth(m.c.styles, m.c.keys, m.width)
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setStyles()
		cmd = m.article.restyle()
		m.help.setSize(m.lay.body.w, m.lay.body.h, true)
	case storeMsg:
		cmd = m.setStore(msg.snap)
	case tea.PasteMsg:
		switch m.mode {
		case modeFilter:
			m.filter.update(msg)
			cmd = m.filterChanged()
		case modePrompt:
			m.prompt.update(msg)
		}
	case tea.MouseWheelMsg:
		cmd = m.wheel(msg.Mouse())
	case tea.MouseClickMsg:
		cmd = m.click(msg.Mouse())
	case tea.KeyPressMsg:
		m.notice, m.link = "", ""
		if m.hold(msg) {
			break
		}
		var quit bool
		if cmd, quit = m.key(msg); quit {
			return m, tea.Quit
		}
	case openMsg:
		cmd = m.open(msg)
	case storiesChangedMsg:
		cmd = m.quotes.setStories(msg.query, msg.list)
	case speakerMsg:
		cmd = m.filterToSpeaker(msg.name)
	case compareOpenMsg:
		m.mode = modeCompare
		cmd = m.compare.open(msg)
	case echoesOpenMsg:
		m.mode = modeEchoes
		cmd = m.echoes.open(msg)
	case compareMsg:
		m.compare.update(msg)
	case echoesMsg:
		m.echoes.update(msg)
	case noticeMsg:
		m.notice, m.link = msg.text, msg.link
	case storeErrMsg:
		cmd = m.storeError(msg.err)
	case retryMsg:
		cmd = m.retry(msg)
	case articleActionMsg:
		cmd = m.articleAction(msg)
	default:
		switch msg.(type) {
		case storiesMsg, quotesMsg, speakersMsg, articleMsg:
			m.storeAnswered()
		}
		// The panes' own results: each takes what is its own.
		cmds := make([]tea.Cmd, 0, numPanes+1)
		for _, p := range m.panes {
			cmds = append(cmds, p.Update(msg))
		}
		cmds = append(cmds, m.problems.update(msg))
		switch msg.(type) {
		case storiesMsg, pageMsg[browse.StoryItem]:
			held, quit := m.replay()
			if quit {
				return m, tea.Quit
			}
			cmds = append(cmds, held)
		}
		cmd = tea.Batch(cmds...)
	}
	return m, tea.Batch(cmd, m.relayout())
}

// setStore takes a snapshot from the loader.
func (m *Model) setStore(s browse.Snapshot) tea.Cmd {
	if s.Err != nil {
		m.loadErr = s.Err
		m.c.loading = false
		return nil
	}
	if s.Store == nil {
		return nil
	}
	m.c.store = s.Store
	m.c.info = s.Store.Info()
	m.c.loading = s.More
	// The final corpus may have settled the marks (see Reader).
	m.c.marks = m.c.reader.Marks()
	cmds := []tea.Cmd{m.problems.setStore()}
	if s.More && m.loader != nil {
		cmds = append(cmds, m.waitForLoad())
	}
	for _, p := range m.panes {
		cmds = append(cmds, p.SetStore(s.Store))
	}
	return tea.Batch(cmds...)
}

// key handles a key press; it reports whether to quit.
func (m *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.keys
	g := k.Global
	if key.Matches(msg, g.ForceQuit) {
		return nil, true
	}
	switch m.mode {
	case modeFilter:
		return m.filterKey(msg), false
	case modeCompare, modeEchoes:
		var cmd tea.Cmd
		var open bool
		if m.mode == modeCompare {
			cmd, open = m.compare.key(msg)
		} else {
			cmd, open = m.echoes.key(msg)
		}
		if !open {
			m.mode = modeBrowse
		}
		return cmd, false
	case modePrompt:
		return m.promptKey(msg), false
	case modePicker:
		return m.pickerKey(msg), false
	case modeHelp, modeProblems:
		// Arrows and pages scroll an overlay; q, esc and any other key
		// close it (ctrl+c still quits).
		var scrolled bool
		if m.mode == modeHelp {
			scrolled = m.help.key(msg)
		} else {
			var cmd tea.Cmd
			cmd, scrolled = m.problems.key(msg)
			if scrolled {
				return cmd, false
			}
		}
		if !scrolled {
			m.mode = modeBrowse
		}
		return nil, false
	}
	p := m.panes[m.focus]
	switch {
	case key.Matches(msg, g.Quit):
		return nil, true
	case key.Matches(msg, g.Help):
		m.mode = modeHelp
		m.help.scroll = 0
		return nil, false
	case key.Matches(msg, g.Problems):
		m.mode = modeProblems
		return m.problems.open(), false
	case key.Matches(msg, g.Next):
		m.setFocus((m.focus + 1) % numPanes)
		return nil, false
	case key.Matches(msg, g.Prev):
		m.setFocus((m.focus + numPanes - 1) % numPanes)
		return nil, false
	case key.Matches(msg, g.Filter):
		m.mode = modeFilter
		m.filter.start(keyName(g.Filter), p.Query(), p.Placeholder(), m.c.reader.History(historyPane(m.focus)))
		return nil, false
	case key.Matches(msg, g.Clear) && p.Query() != "":
		m.filter.setValue("")
		return m.filterChanged(), false
	}
	for i, b := range g.Panes {
		if key.Matches(msg, b) {
			m.setFocus(paneID(i))
			return nil, false
		}
	}
	if cmd, ok := p.HandleKey(msg); ok {
		return cmd, false
	}
	if cmd, ok := m.readerKey(msg); ok {
		return cmd, false
	}
	// The article's keys (quotations, removed text) work while it is on
	// screen beside a list.
	a := k.Article
	if m.focus != paneArticle && m.c.articleShown && key.Matches(msg, a.Removed, a.NextQuote, a.PrevQuote, a.NextInStory, a.PrevInStory, a.Compare) {
		if cmd, ok := m.article.HandleKey(msg); ok {
			return cmd, false
		}
	}
	// Back in the article with nothing to clear: to the list, in the
	// one-pane layout.
	if key.Matches(msg, a.Back) && m.focus == paneArticle && m.lay.mode == layoutNarrow {
		m.setFocus(m.lastList)
	}
	return nil, false
}

// filterKey handles a key while a filter is typed: enter keeps it, esc
// clears it, the arrows still move in the list, the rest edit it.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	t := m.c.keys.Typing
	switch {
	case key.Matches(msg, t.Accept):
		m.mode = modeBrowse
		m.filter.stop()
		m.c.reader.AddHistory(historyPane(m.focus), m.filter.value())
		return nil
	case key.Matches(msg, t.Cancel):
		m.mode = modeBrowse
		m.filter.stop()
		m.filter.setValue("")
		return m.filterChanged()
	case key.Matches(msg, t.Up):
		// The filters typed before, newest first, then back down to
		// what was being typed.
		if m.filter.recall(1) {
			return m.filterChanged()
		}
		return nil
	case key.Matches(msg, t.Down):
		if m.filter.recall(-1) {
			return m.filterChanged()
		}
		return nil
	case key.Matches(msg, t.PageUp, t.PageDown):
		cmd, _ := m.panes[m.focus].HandleKey(msg)
		return cmd
	}
	m.filter.update(msg)
	return m.filterChanged()
}

// filterChanged applies the filter bar's value as the focused pane's
// filter.
func (m *Model) filterChanged() tea.Cmd {
	p := m.panes[m.focus]
	if v := m.filter.value(); v != p.Query() {
		cmd := p.SetQuery(v)
		m.filter.setWidth(m.width, m.focus, p.QueryErrors())
		return cmd
	}
	return nil
}

func (m *Model) setFocus(p paneID) {
	m.focus = p
	if p != paneArticle {
		m.lastList = p
	}
	m.setActive()
}

// setActive tells each pane whether its cursor is the focused one (the
// stories cursor stays so while its article is read).
func (m *Model) setActive() {
	for i, p := range m.panes {
		id := paneID(i)
		p.SetActive(id == m.focus || id == paneStories && m.focus == paneArticle)
	}
}

// open opens an article in the article pane and the article-scoped lists.
func (m *Model) open(msg openMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.id != "" && msg.id != m.article.id {
		cmds = append(cmds, m.article.open(msg.id), m.quotes.setArticle(msg.id), m.speakers.setArticle(msg.id))
	}
	if msg.focus && msg.id != "" && m.c.marking && !m.c.marks.IsRead(msg.id) {
		// Opening a story to read it (not the preview beside the list)
		// marks it read.
		m.c.reader.SetRead(msg.id, true)
		cmds = append(cmds, m.marksChanged())
	}
	if msg.locate && msg.id != "" {
		cmds = append(cmds, m.stories.locate(msg.id))
	}
	if msg.quote >= 0 {
		m.article.showQuote(msg.quote)
	}
	if msg.focus {
		m.setFocus(paneArticle)
	}
	return tea.Batch(cmds...)
}

// filterToSpeaker filters the stories and the corpus's quotations to a
// speaker and shows the quotations.
func (m *Model) filterToSpeaker(name string) tea.Cmd {
	q := `speaker:"` + name + `"`
	m.setFocus(paneQuotes)
	return tea.Batch(m.quotes.setScope(browse.ScopeCorpus), m.stories.SetQuery(q), m.quotes.SetQuery(q))
}

func (m *Model) wheel(ms tea.Mouse) tea.Cmd {
	delta := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		delta = -3
	case tea.MouseWheelDown:
		delta = 3
	default:
		return nil
	}
	switch m.mode {
	case modeHelp:
		m.help.scrollBy(delta)
		return nil
	case modeProblems:
		return m.problems.scrollBy(delta)
	case modeCompare:
		m.compare.scrollBy(delta)
		return nil
	case modeEchoes:
		m.echoes.scrollBy(delta)
		return nil
	}
	p, ok := m.lay.paneAt(ms.X, ms.Y)
	if !ok {
		return nil
	}
	return m.panes[p].Wheel(delta)
}

func (m *Model) click(ms tea.Mouse) tea.Cmd {
	if ms.Button != tea.MouseLeft || m.mode != modeBrowse && m.mode != modeFilter && m.mode != modePrompt {
		return nil
	}
	if ms.Y == 0 && m.lay.body.y == 1 {
		// The tab bar.
		if p, ok := m.lay.header.tabAt(ms.X); ok {
			m.setFocus(p)
		}
		return nil
	}
	p, ok := m.lay.paneAt(ms.X, ms.Y)
	if !ok {
		return nil
	}
	m.setFocus(p)
	return m.panes[p].Click(ms.Y - m.lay.panes[p].y - 1)
}

// filterShown reports whether the filter line is on screen: while a filter
// is typed or the focused pane has one.
func (m *Model) filterShown() bool {
	return m.mode == modeFilter || m.panes[m.focus].Query() != ""
}

// relayout recomputes the layout when what it depends on changed, and
// gives every pane its size.
func (m *Model) relayout() tea.Cmd {
	in := layoutInput{w: m.width, h: m.height, focus: m.focus, lastList: m.lastList, filter: m.filterShown()}
	if in == m.lay.in && m.lay.valid {
		return nil
	}
	m.lay = computeLayout(in)
	var keys [numPanes]string
	for p, b := range m.c.keys.Global.Panes {
		keys[p] = keyName(b)
	}
	m.lay.header = computeHeader(m.width, clean(m.cfg.Title), keys)
	m.c.layout = m.lay.mode
	m.c.articleShown = m.lay.shown[paneArticle]
	cmds := make([]tea.Cmd, 0, numPanes+1)
	for i, p := range m.panes {
		r := m.lay.paneRect(paneID(i))
		cmds = append(cmds, p.SetSize(r.w, max(r.h-1, 0)))
	}
	m.filter.setWidth(m.width, m.focus, m.panes[m.focus].QueryErrors())
	m.help.setSize(m.lay.body.w, m.lay.body.h, false)
	cmds = append(cmds, m.problems.setSize(m.lay.body.w, m.lay.body.h))
	m.compare.setSize(m.lay.body.w, m.lay.body.h)
	m.echoes.setSize(m.lay.body.w, m.lay.body.h)
	return tea.Batch(cmds...)
}

// hold keeps a key for later (see Model.held): a key that acts on the
// selected story while the stories list waits for the window a key
// asked for, or for the selected row's page (the bottom key on a long
// list from a database: G then u marks a story at the bottom however
// late the window comes), and every key after a held one, so they keep
// their order. ctrl+c is never held.
func (m *Model) hold(msg tea.KeyPressMsg) bool {
	if key.Matches(msg, m.c.keys.Global.ForceQuit) {
		m.held = nil
		return false
	}
	if len(m.held) == 0 {
		r := m.c.keys.Reader
		if m.mode != modeBrowse || m.focus != paneStories || !m.stories.waiting() ||
			!key.Matches(msg, r.Read, r.Star, r.Open, r.Pager, r.Copy, r.CopyURL, r.Cite, m.c.keys.Stories.Open) {
			return false
		}
	}
	m.held = append(m.held, msg)
	return true
}

// replay handles the held keys once the stories list has its window and
// the selected row, until one asks for another; it reports whether one
// quits.
func (m *Model) replay() (tea.Cmd, bool) {
	var cmds []tea.Cmd
	for len(m.held) > 0 && !m.stories.waiting() {
		msg := m.held[0]
		m.held = m.held[1:]
		if len(m.held) == 0 {
			m.held = nil
		}
		m.notice, m.link = "", ""
		cmd, quit := m.key(msg)
		if quit {
			return nil, true
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...), false
}
