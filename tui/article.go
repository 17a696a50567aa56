package tui

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/model"
)

// articlePane shows the open article: its header, the body rendered by
// glamour (in a tea.Cmd, cached per article, width and style) with the
// quotations marked, and the removed boilerplate on request. A find ("/"
// here) marks the matching lines and steps through them.
type articlePane struct {
	c      *common
	w, h   int
	active bool

	id    string             // the open article
	art   *model.Article     // nil until fetched
	story *browse.StoryGroup // its story, nil when it is in none (or not grouped yet)
	gen   int                // article fetches
	shown int                // the fetch whose article and story are shown

	scroll      int
	curQuote    int // index in Article.Quotes, -1 for none
	scrollTo    int // quote to scroll to when its render arrives, -1
	showRemoved bool

	cache   map[renderKey]*rendered
	pending map[renderKey]bool

	// Computed when the article, width, style or toggle changes, never
	// while drawing.
	header  []string // title block
	titleN  int      // lines of the header that are the title
	removed []string // removed boilerplate (or the line saying there is some)

	// The find (plain words, not the query language) and where it is.
	find string
	// Lines are the article's as shown: header, body, removed text.
	findLine int   // line of the current match, -1 for none
	matches  []int // lines where a match starts
	covered  []bool
	foundIn  *rendered // the render matches were computed on
	// The header's and removed text's lines folded for the find, and
	// where each of the header's blocks (title, standfirst, ...) starts:
	// a phrase is not found across two blocks.
	headerFolded, removedFolded []string
	headerBlocks                []int
}

type articleMsg struct {
	gen   int
	art   *model.Article
	story *browse.StoryGroup
}

func newArticlePane(c *common) *articlePane {
	return &articlePane{c: c, curQuote: -1, scrollTo: -1, findLine: -1,
		cache: map[renderKey]*rendered{}, pending: map[renderKey]bool{}}
}

func (p *articlePane) SetActive(a bool)      { p.active = a }
func (p *articlePane) Query() string         { return p.find }
func (p *articlePane) QueryErrors() []string { return nil }
func (p *articlePane) Placeholder() string   { return findPlaceholder }

func (p *articlePane) SetSize(w, h int) tea.Cmd {
	if w == p.w && h == p.h {
		return nil
	}
	p.w, p.h = w, h
	p.layoutText()
	p.updateFind()
	p.clampScroll()
	return p.ensureRender()
}

// textWidth is the wrap width of the body: a gutter column and a margin.
func (p *articlePane) textWidth() int { return max(p.w-2, 0) }

// restyle follows a change of styles (the terminal's background).
func (p *articlePane) restyle() tea.Cmd {
	p.layoutText()
	p.updateFind()
	return p.ensureRender()
}

func (p *articlePane) SetStore(st browse.Store) tea.Cmd {
	if p.id == "" {
		return nil
	}
	return p.fetchArticle()
}

// open makes id the open article.
func (p *articlePane) open(id string) tea.Cmd {
	p.id = id
	p.art = nil
	p.story = nil
	p.scroll = 0
	p.curQuote = -1
	p.scrollTo = -1
	p.findLine = -1
	p.layoutText()
	return p.fetchArticle()
}

func (p *articlePane) fetchArticle() tea.Cmd {
	st, id, ctx := p.c.store, p.id, p.c.ctx
	if st == nil {
		return nil
	}
	p.gen++
	gen := p.gen
	return func() tea.Msg {
		a, err := st.Article(ctx, id)
		if err != nil {
			return storeFailed(ctx, err)
		}
		story, _ := st.StoryOf(ctx, id) // none: the article is a story of its own
		return articleMsg{gen: gen, art: a, story: story}
	}
}

// showQuote marks quotation qi and scrolls to it (once rendered).
func (p *articlePane) showQuote(qi int) {
	p.curQuote = qi
	p.scrollTo = qi
	if p.renderFor() != nil {
		p.jumpToQuote(qi)
		p.scrollTo = -1
	}
}

func (p *articlePane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case articleMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.art, p.story, p.shown = msg.art, msg.story, msg.gen
		p.layoutText()
		p.updateFind()
		if p.scrollTo >= 0 && p.renderFor() != nil {
			p.jumpToQuote(p.scrollTo)
			p.scrollTo = -1
		}
		p.clampScroll()
		return p.ensureRender()
	case renderMsg:
		delete(p.pending, msg.key)
		if len(p.cache) > 64 {
			clear(p.cache)
		}
		p.cache[msg.key] = msg.r
		if p.art != nil && msg.key == p.renderKey() {
			p.updateFind()
			if p.scrollTo >= 0 {
				p.jumpToQuote(p.scrollTo)
				p.scrollTo = -1
			}
		}
		p.clampScroll()
	}
	return nil
}

// ensureRender starts glamour on the open article if its render for the
// current width and style is neither cached nor under way.
func (p *articlePane) ensureRender() tea.Cmd {
	a := p.art
	if a == nil {
		return nil
	}
	k := p.renderKey()
	if k.width <= 0 || p.cache[k] != nil || p.pending[k] {
		return nil
	}
	p.pending[k] = true
	st := p.c.styles
	return func() tea.Msg { return renderMsg{key: k, r: renderArticle(a, k.width, st)} }
}

func (p *articlePane) renderKey() renderKey {
	id := p.id
	if !p.c.info.Final {
		id += "\x00preview"
	}
	return renderKey{id: id, width: p.textWidth(), style: p.c.styles.Name}
}

func (p *articlePane) renderFor() *rendered {
	if p.art == nil {
		return nil
	}
	return p.cache[p.renderKey()]
}

// layoutText rebuilds the header and removed-text lines.
func (p *articlePane) layoutText() {
	p.header, p.removed, p.titleN, p.headerBlocks = nil, nil, 0, nil
	p.headerFolded, p.removedFolded = nil, nil
	if p.art == nil {
		return
	}
	p.header, p.headerBlocks = p.articleHeader(p.art, p.w)
	p.titleN = len(p.header)
	if len(p.headerBlocks) > 1 {
		p.titleN = p.headerBlocks[1]
	}
	p.removed = p.removedLines(p.art, p.w)
	p.headerFolded = foldLines(p.header)
	p.removedFolded = foldLines(p.removed)
}

// lineCount is the number of lines of the open article as shown.
func (p *articlePane) lineCount() int {
	if p.art == nil {
		return 0
	}
	n := len(p.header)
	if r := p.renderFor(); r != nil {
		n += len(r.lines)
	} else {
		n++
	}
	return n + len(p.removed)
}

func (p *articlePane) clampScroll() {
	p.scroll = clamp(p.scroll, 0, max(p.lineCount()-max(p.h, 1), 0))
}

func (p *articlePane) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	mv, k := p.c.keys.Move, p.c.keys.Article
	h := max(p.h, 1)
	switch {
	case key.Matches(msg, mv.Up):
		p.scroll--
	case key.Matches(msg, mv.Down):
		p.scroll++
	case key.Matches(msg, mv.PageUp):
		p.scroll -= max(h-1, 1)
	case key.Matches(msg, mv.PageDown):
		p.scroll += max(h-1, 1)
	case key.Matches(msg, mv.Top):
		p.scroll = 0
	case key.Matches(msg, mv.Bottom):
		p.scroll = p.lineCount()
	case key.Matches(msg, k.Removed):
		return p.toggleRemoved(), true
	case key.Matches(msg, k.NextQuote) && p.find != "":
		p.findNext(1)
	case key.Matches(msg, k.PrevQuote) && p.find != "":
		p.findNext(-1)
	case key.Matches(msg, k.NextQuote):
		p.nextQuote(1)
	case key.Matches(msg, k.PrevQuote):
		p.nextQuote(-1)
	case key.Matches(msg, k.Back) && p.curQuote >= 0:
		p.curQuote = -1
	case key.Matches(msg, k.NextInStory, k.PrevInStory):
		return p.stepStory(key.Matches(msg, k.NextInStory)), true
	case key.Matches(msg, k.Compare):
		return p.compare(), true
	default:
		return nil, false
	}
	p.clampScroll()
	return nil, true
}

// ShortHelp and FullHelp are the article's keys.
func (p *articlePane) ShortHelp() []key.Binding {
	k := p.c.keys
	bs := []key.Binding{pair(k.Article.NextQuote, k.Article.PrevQuote, "quotes"), k.Article.Back, k.Article.Removed, withHelp(k.Global.Filter, "find")}
	if p.story != nil {
		bs = append(bs, pair(k.Article.NextInStory, k.Article.PrevInStory, "story"), k.Article.Compare)
	}
	return bs
}

func (p *articlePane) FullHelp() [][]key.Binding {
	k := p.c.keys
	a := k.Article
	return [][]key.Binding{{withHelp(a.NextQuote, "next quotation, or match of a find"), withHelp(a.PrevQuote, "previous one"),
		withHelp(a.Removed, "show or hide the removed boilerplate"), withHelp(k.Global.Filter, "find words in the article"),
		withHelp(a.Back, "drop the quotation; back to the list"),
		withHelp(a.NextInStory, "next article of the same story"), withHelp(a.PrevInStory, "previous article of the story"),
		withHelp(a.Compare, "compare with another article of the story")}}
}

// stepStory opens the next (or previous) article of the open article's
// story, wrapping around; without a story it says so.
func (p *articlePane) stepStory(next bool) tea.Cmd {
	g := p.story
	if g == nil || len(g.Members) < 2 {
		return notice(p.noStory())
	}
	i := g.Index(p.id)
	if next {
		i = (i + 1) % len(g.Members)
	} else {
		i = (i - 1 + len(g.Members)) % len(g.Members)
	}
	id := g.Members[i].ID
	return func() tea.Msg { return openMsg{id: id, quote: -1, locate: true} }
}

// compare opens the compare view: the open article beside the next one
// of its story.
func (p *articlePane) compare() tea.Cmd {
	g := p.story
	if g == nil || len(g.Members) < 2 {
		return notice(p.noStory())
	}
	right := g.Members[(g.Index(p.id)+1)%len(g.Members)].ID
	left := p.id
	return func() tea.Msg { return compareOpenMsg{left: left, right: right, group: g} }
}

// noStory says why there is nothing to step through or compare.
func (p *articlePane) noStory() string {
	switch {
	case p.art == nil:
		return "no article open"
	case p.c.info.NoStories != "":
		return p.c.info.NoStories
	case !p.c.info.Grouped:
		return "stories are still being grouped"
	case p.shown != p.gen:
		// The stories arrived after the article was shown: its story is
		// on its way.
		return "finding the article's story…"
	}
	return "no other outlet's article is in this story"
}

// alsoIn is the header's story line: "story of 5 articles · also in:
// Agencies, The Independent (+3)".
func (p *articlePane) alsoIn() string {
	g := p.story
	if g == nil || p.art == nil {
		return ""
	}
	var others []string
	for _, src := range g.Sources {
		if src != p.art.Source && src != p.art.Credit {
			others = append(others, src)
		}
	}
	line := "story of " + browse.Plural(len(g.Members), "article", "articles")
	switch {
	case len(others) > 2:
		line += " · also in: " + strings.Join(others[:2], ", ") + " (+" + itoa(len(others)-2) + ")"
	case len(others) > 0:
		line += " · also in: " + strings.Join(others, ", ")
	}
	k := p.c.keys.Article
	return line + " · " + keyName(pair(k.NextInStory, k.PrevInStory, "")) + " next/previous · " + keyName(k.Compare) + " compare"
}

// toggleRemoved shows or hides the removed boilerplate; shown, it is
// scrolled into view. With nothing removed it says so.
func (p *articlePane) toggleRemoved() tea.Cmd {
	if p.art == nil {
		return nil
	}
	if len(p.art.Removed) == 0 {
		return notice("nothing was removed from this article")
	}
	p.showRemoved = !p.showRemoved
	p.layoutText()
	p.updateFind()
	if p.showRemoved {
		// The removed text starts after the body (a blank line first).
		start := len(p.header) + 1
		if r := p.renderFor(); r != nil {
			start += len(r.lines)
		} else {
			start++
		}
		if start+len(p.removed)-1 > p.scroll+max(p.h, 1) || start < p.scroll {
			p.scroll = start // as much of it as fits, from its heading
		}
	}
	p.clampScroll()
	return nil
}

func (p *articlePane) Wheel(delta int) tea.Cmd {
	p.scroll += delta
	p.clampScroll()
	return nil
}

func (p *articlePane) Click(int) tea.Cmd { return nil }

// SetQuery sets the find: plain words, not the query language.
func (p *articlePane) SetQuery(v string) tea.Cmd {
	p.find = v
	p.updateFind()
	p.findNext(0)
	p.clampScroll()
	return nil
}

// foldLines is lines without styles, folded for the find.
func foldLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = model.Fold(ansi.Strip(l))
	}
	return out
}

// updateFind finds the find's matches in the article as shown: its
// header (title, standfirst, byline), the rendered body and the removed
// text when shown (call when the find, the render or the text changes).
func (p *articlePane) updateFind() {
	r := p.renderFor()
	term := model.Fold(p.find)
	p.matches, p.covered, p.foundIn = nil, nil, r
	if r == nil || term == "" {
		return
	}
	p.covered = make([]bool, len(p.header)+len(r.lines)+len(p.removed))
	search := func(at int, lines []string) {
		starts, covered := findLines(lines, term)
		for _, s := range starts {
			p.matches = append(p.matches, at+s)
		}
		for i, c := range covered {
			p.covered[at+i] = p.covered[at+i] || c
		}
	}
	for i, start := range p.headerBlocks {
		end := len(p.header)
		if i+1 < len(p.headerBlocks) {
			end = p.headerBlocks[i+1]
		}
		search(start, p.headerFolded[start:end])
	}
	search(len(p.header), r.folded)
	if p.showRemoved {
		search(len(p.header)+len(r.lines), p.removedFolded)
	}
}

func (p *articlePane) Info() string {
	a := p.art
	if a == nil {
		return ""
	}
	nq := a.Quotations()
	info := browse.Plural(nq, "quote", "quotes")
	if p.curQuote >= 0 {
		info = "quote " + ratio(quoteOrdinal(a, p.curQuote), nq)
	}
	if len(a.Removed) > 0 && p.showRemoved {
		info += " · removed shown"
	}
	if p.find != "" {
		info = "no match"
		if len(p.matches) > 0 && p.foundIn == p.renderFor() {
			info = browse.Plural(len(p.matches), "line", "lines")
			for i, l := range p.matches {
				if l == p.findLine {
					info = "line " + ratio(i+1, len(p.matches))
				}
			}
		}
	}
	return info
}

// quoteOrdinal is the 1-based position of quote qi among the article's
// quotations.
func quoteOrdinal(a *model.Article, qi int) int {
	n := 0
	for i, q := range a.Quotes {
		if q.IsQuotation() {
			n++
		}
		if i == qi {
			return n
		}
	}
	return n
}

// articleHeader is the article's title block, wrapped to w.
func (p *articlePane) articleHeader(a *model.Article, w int) (lines []string, blocks []int) {
	s := p.c.styles
	tw := max(w-3, 1)
	var out []string
	wrap := func(text string, st lipgloss.Style) {
		blocks = append(blocks, len(out))
		for _, l := range strings.Split(ansi.Wrap(clean(text), tw, ""), "\n") {
			out = append(out, " "+st.Render(l))
		}
	}
	if a.TitleDerived {
		// No headline: the title was made from the lead, which follows;
		// said in words, not only dimmed (NO_COLOR has no dim).
		wrap(derivedMark+" "+a.Title, s.Meta)
	} else {
		wrap(a.Title, s.ArticleTitle)
	}
	if a.Standfirst != "" {
		wrap(a.Standfirst, s.Standfirst)
	}
	source := a.Source
	if strings.TrimSpace(source) == "" {
		source = "source unknown" // never guessed
	}
	meta := []string{source}
	if a.Credit != "" && a.Credit != a.Source {
		meta = append(meta, "credit: "+a.Credit)
	}
	if len(a.Authors) > 0 {
		meta = append(meta, "by "+strings.Join(a.Authors, ", "))
	}
	meta = append(meta, longDate(a))
	wrap(strings.Join(meta, " · "), s.Meta)
	if u := clean(a.URL); u != "" {
		// The page's address, an OSC 8 hyperlink where it is a web
		// address: terminals that know OSC 8 make it clickable, the rest
		// show the text. Only http(s): a link never runs anything else.
		st := s.Meta
		if webAddress(u) {
			st = st.Hyperlink(u)
		}
		wrap(u, st)
	}
	if line := p.alsoIn(); line != "" {
		wrap(line, s.Source)
	}
	for _, pr := range a.Problems {
		wrap("⚠ "+pr, s.Error)
	}
	out = append(out, " "+s.Faint.Render(strings.Repeat("─", tw)))
	return out, blocks
}

// webAddress reports whether u is an http(s) address with nothing in it
// that could end an OSC 8 sequence early (it is sanitised already; this
// also keeps spaces and quotes out).
func webAddress(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return false
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f || u[i] == '"' {
			return false
		}
	}
	return true
}

func longDate(a *model.Article) string {
	if s := a.PublishedAs("Monday 2 January 2006, 15:04 MST", "Monday 2 January 2006"); s != "" {
		return s
	}
	return "undated"
}

// removedLines lists the removed boilerplate, dimmed, with reasons.
func (p *articlePane) removedLines(a *model.Article, w int) []string {
	s := p.c.styles
	tw := max(w-4, 1)
	if len(a.Removed) == 0 {
		return nil
	}
	if !p.showRemoved {
		return []string{"", " " + s.Faint.Render(fit(browse.Plural(len(a.Removed), "block", "blocks")+" removed as boilerplate · "+keyName(p.c.keys.Article.Removed)+" shows", tw+2))}
	}
	out := []string{"", " " + s.Reason.Render(fit("── removed as boilerplate ("+itoa(len(a.Removed))+") · "+keyName(p.c.keys.Article.Removed)+" hides ──", tw+2))}
	for _, r := range a.Removed {
		out = append(out, "  "+s.Reason.Render(fit(fmt.Sprintf("[%s]", clean(r.Reason)), tw)))
		text := r.Text
		if a.Format == model.FormatMarkdown {
			text = markdownText(text) // as text, never as syntax
		}
		for _, l := range strings.Split(ansi.Wrap(clean(text), tw, ""), "\n") {
			out = append(out, "  "+s.Removed.Render(l))
		}
	}
	return out
}

// View draws the visible part of the open article.
func (p *articlePane) View() []string {
	s := p.c.styles
	h := p.h
	a := p.art
	if a == nil {
		if p.c.loading && p.c.info.Stories == 0 {
			return []string{s.Dim.Render(" loading…")}
		}
		return []string{s.Dim.Render(" no story selected"), s.Faint.Render(" choose one in " + keyName(p.c.keys.Global.Panes[paneStories]) + " " + paneStories.String())}
	}
	r := p.renderFor()
	bodyStart := len(p.header)
	var body []string
	if r != nil {
		body = r.lines
	} else {
		body = []string{s.Dim.Render(" rendering…")}
	}
	total := bodyStart + len(body) + len(p.removed)
	line := func(i int) string {
		switch {
		case i < bodyStart:
			return p.header[i]
		case i < bodyStart+len(body):
			return body[i-bodyStart]
		}
		return p.removed[i-bodyStart-len(body)]
	}
	first, last := -1, -1
	switch {
	case r != nil && p.curQuote >= 0 && p.curQuote < len(r.quoteFirst) && r.quoteFirst[p.curQuote] >= 0:
		first, last = bodyStart+r.quoteFirst[p.curQuote], bodyStart+r.quoteLast[p.curQuote]
	case p.curQuote >= 0 && p.curQuote < len(a.Quotes) && a.Quotes[p.curQuote].Kind == model.KindHeadline:
		first, last = 0, p.titleN-1 // a quotation in the headline
	}
	find := ""
	var covered []bool // lines a match of the find covers
	if r != nil && p.foundIn == r {
		find = model.Fold(p.find)
		covered = p.covered
	}
	out := make([]string, 0, h)
	for i := clamp(p.scroll, 0, max(total-1, 0)); i < total && len(out) < h; i++ {
		g, text := " ", line(i)
		matched := find != "" && i < len(covered) && covered[i]
		switch {
		case i >= first && i <= last && first >= 0:
			g = s.Gutter.Render("▌")
		case matched && i == p.findLine:
			g = s.Gutter.Render("▶")
		case matched:
			g = s.FilterPrompt.Render("▏")
		}
		if matched {
			text = markFind(text, find, s.Match)
		}
		out = append(out, g+text)
	}
	return out
}

// findNext moves to the next (dir 1) or previous (-1) line matching the
// find, wrapping around; dir 0 goes to the first match from the top of
// the view (as the find is typed).
func (p *articlePane) findNext(dir int) {
	matches := p.matches
	if len(matches) == 0 {
		p.findLine = -1
		return
	}
	line := matches[0]
	switch dir {
	case 0:
		from := p.scroll
		for _, l := range matches {
			if l >= from {
				line = l
				break
			}
		}
	case 1:
		for _, l := range matches {
			if l > p.findLine {
				line = l
				break
			}
		}
	default:
		line = matches[len(matches)-1]
		for i := len(matches) - 1; i >= 0; i-- {
			if matches[i] < p.findLine {
				line = matches[i]
				break
			}
		}
	}
	p.findLine = line
	p.curQuote = -1
	p.scroll = max(line-max(p.h, 1)/3, 0)
}

// jumpToQuote scrolls the article so quote qi is near the top third.
func (p *articlePane) jumpToQuote(qi int) {
	r := p.renderFor()
	if r == nil || qi < 0 || qi >= len(r.quoteFirst) {
		return
	}
	p.curQuote = qi
	line := r.quoteFirst[qi]
	if line < 0 {
		p.scroll = 0
		return
	}
	p.scroll = max(len(p.header)+line-max(p.h, 1)/3, 0)
	p.clampScroll()
}

// nextQuote moves to the next (dir 1) or previous (-1) quotation in the
// article, in reading order.
func (p *articlePane) nextQuote(dir int) {
	a, r := p.art, p.renderFor()
	if a == nil || r == nil {
		return
	}
	type ql struct{ q, line int }
	var qs []ql
	for i, q := range a.Quotes {
		if !q.IsQuotation() {
			continue
		}
		line := -1
		if i < len(r.quoteFirst) {
			line = r.quoteFirst[i]
		}
		qs = append(qs, ql{i, line})
	}
	if len(qs) == 0 {
		return
	}
	// Reading order: headline quotes (line -1) first, then by line.
	slices.SortStableFunc(qs, func(x, y ql) int { return x.line - y.line })
	cur := -1
	for i, x := range qs {
		if x.q == p.curQuote {
			cur = i
		}
	}
	var next int
	switch {
	case cur < 0 && dir > 0:
		next = 0
	case cur < 0:
		next = len(qs) - 1
	default:
		next = (cur + dir + len(qs)) % len(qs)
	}
	p.jumpToQuote(qs[next].q)
}
