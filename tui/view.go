package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/model"
	"byline/sanitize"
)

// Layout widths.
const (
	wideMin   = 160 // stories | article | quotes over speakers
	mediumMin = 90  // list | article
)

type rect struct{ x, y, w, h int }

type layoutInfo struct {
	mode  int // 0 narrow, 1 medium, 2 wide
	panes map[pane]rect
	body  rect
}

// layout places the panes: a header line, the body, an optional filter
// line and the status line. Pure arithmetic on the window size.
func (m *Model) layout() layoutInfo {
	w, h := m.width, m.height
	li := layoutInfo{panes: map[pane]rect{}}
	top := 1
	bottom := 1
	if m.filtering || m.queries[m.filterPane()] != "" {
		bottom = 2
	}
	if h < 4 {
		top, bottom = 0, min(h, 1)
	}
	bh := max(h-top-bottom, 0)
	li.body = rect{0, top, w, bh}
	switch {
	case w >= wideMin:
		li.mode = 2
		sw := w * 36 / 100
		aw := w * 38 / 100
		rw := w - sw - aw - 2
		qh := bh * 55 / 100
		li.panes[paneStories] = rect{0, top, sw, bh}
		li.panes[paneArticle] = rect{sw + 1, top, aw, bh}
		li.panes[paneQuotes] = rect{sw + aw + 2, top, rw, qh}
		li.panes[paneSpeakers] = rect{sw + aw + 2, top + qh, rw, bh - qh}
	case w >= mediumMin:
		li.mode = 1
		lw := w * 45 / 100
		li.panes[m.lastList] = rect{0, top, lw, bh}
		li.panes[paneArticle] = rect{lw + 1, top, w - lw - 1, bh}
	default:
		li.panes[m.focus] = rect{0, top, w, bh}
	}
	return li
}

// paneHeight is the number of content lines of a pane (its title line
// excluded), as it would be shown.
func (m *Model) paneHeight(p pane) int {
	li := m.layout()
	r, ok := li.panes[p]
	if !ok {
		r = li.body
	}
	return max(r.h-1, 0)
}

// articleTextWidth is the wrap width of the article body.
func (m *Model) articleTextWidth() int {
	li := m.layout()
	r, ok := li.panes[paneArticle]
	if !ok {
		r = li.body
	}
	return max(r.w-2, 0) // a gutter column and a margin
}

// View draws the screen. It only slices and styles what is visible.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "byline"
	if m.cfg.Title != "" {
		v.WindowTitle = "byline — " + sanitize.Line(m.cfg.Title) // a folder name can be hostile too
	}
	return v
}

func (m *Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	li := m.layout()
	screen := make([]string, h)
	if li.body.y == 1 {
		screen[0] = m.headerLine(w, li.mode)
	}
	// Body.
	body := make([]string, li.body.h)
	switch {
	case m.showHelp:
		body = m.helpLines(w, li.body.h)
	case m.showProblems:
		body = m.problemLines(w, li.body.h)
	default:
		// Compose panes column by column: collect each pane's lines and
		// join per row in x order.
		type placed struct {
			r     rect
			lines []string
		}
		var ps []placed
		for p, r := range li.panes {
			ps = append(ps, placed{r, m.paneLines(p, r.w, r.h)})
		}
		// Sort by x then y for deterministic joins.
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && (ps[j].r.x < ps[j-1].r.x || ps[j].r.x == ps[j-1].r.x && ps[j].r.y < ps[j-1].r.y); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		sep := m.styles.Sep.Render("│")
		for row := 0; row < li.body.h; row++ {
			var b strings.Builder
			x := 0
			for _, p := range ps {
				y := row + li.body.y - p.r.y
				if y < 0 || y >= p.r.h {
					continue
				}
				if p.r.x > x {
					b.WriteString(strings.Repeat(" ", p.r.x-x-1))
					b.WriteString(sep)
					x = p.r.x
				}
				b.WriteString(p.lines[y])
				x += p.r.w
			}
			body[row] = b.String()
		}
	}
	for i := range body {
		if li.body.y+i < h {
			screen[li.body.y+i] = fit(body[i], w)
		}
	}
	// Bottom: filter line and status line.
	sy := h - 1
	if li.body.y+li.body.h < sy {
		screen[sy-1] = m.filterLine(w)
	}
	if h >= 1 && (li.body.y == 1 || h < 4) {
		screen[sy] = m.statusLine(w)
	}
	for i := range screen {
		screen[i] = fit(screen[i], w)
	}
	return strings.Join(screen, "\n")
}

func (m *Model) headerLine(w, mode int) string {
	s := m.styles
	title := s.Title.Render("byline")
	if m.cfg.Title != "" && w >= 100 {
		title += s.Dim.Render(" · " + sanitize.Line(m.cfg.Title))
	}
	// The widest tab bar that fits: padded names, names, short names.
	short := [numPanes]string{"Story", "Art", "Quote", "Spkr"}
	var tabBar string
	for _, v := range []struct {
		pad   string
		short bool
	}{{" ", false}, {"", false}, {"", true}} {
		var tabs []string
		for p := range numPanes {
			name := paneNames[p]
			if v.short {
				name = short[p]
			}
			st := s.Tab
			if p == m.focus {
				st = s.TabActive
			}
			tabs = append(tabs, st.Render(v.pad+itoa(int(p)+1)+" "+name+v.pad))
		}
		sep := " "
		if v.pad != "" {
			sep = ""
		}
		tabBar = strings.Join(tabs, sep)
		if ansi.StringWidth(tabBar) <= w {
			break
		}
	}
	gap := w - ansi.StringWidth(title) - ansi.StringWidth(tabBar)
	if gap < 1 {
		return tabBar
	}
	return title + strings.Repeat(" ", gap) + tabBar
}

func (m *Model) filterLine(w int) string {
	s := m.styles
	p := m.filterPane()
	name := strings.ToLower(paneNames[p])
	if m.filtering {
		m.input.SetWidth(max(w-len(name)-4, 1))
		return s.Dim.Render(name) + " " + m.input.View()
	}
	line := s.Dim.Render(name+" ") + s.FilterPrompt.Render("/") + s.Filter.Render(clean(m.queries[p])) + s.Faint.Render("  (/ edit · esc clear)")
	if errs := m.parsed[p].Errors; len(errs) > 0 {
		line = s.Dim.Render(name+" ") + s.FilterPrompt.Render("/") + s.Filter.Render(clean(m.queries[p])) + "  " + s.Error.Render(clean(errs[0]))
	}
	return line
}

func (m *Model) statusLine(w int) string {
	s := m.styles
	d := m.data
	var parts []string
	nStories, tStories := 0, len(d.arts)
	if m.storyRes != nil {
		nStories, tStories = len(m.storyRes.matched), len(m.storyRes.d.arts)
	}
	nq, tq := 0, 0
	if m.quoteRes != nil {
		nq, tq = m.quoteRes.items, m.quoteRes.total
	}
	ns, ts := 0, 0
	if m.speakerRes != nil {
		ns, ts = len(m.speakerRes.rows), m.speakerRes.total
	}
	counts := s.StatusKey.Render(itoa(nStories)) + s.Status.Render("/"+itoa(tStories)+" stories")
	if w >= 60 {
		counts += s.Status.Render(" · ") + s.StatusKey.Render(itoa(nq)) + s.Status.Render("/"+itoa(tq)+" quotes")
		counts += s.Status.Render(" · ") + s.StatusKey.Render(itoa(ns)) + s.Status.Render("/"+itoa(ts)+" speakers")
	}
	parts = append(parts, counts)
	if m.loading {
		pct := 0.0
		if d.found > 0 {
			pct = float64(d.done) / float64(d.found)
		}
		bw := clamp(w/6, 6, 24)
		m.bar.SetWidth(bw)
		parts = append(parts, s.Status.Render("loading ")+m.bar.ViewAs(pct)+s.Status.Render(" "+itoa(d.done)+"/"+itoa(d.found)))
	} else if m.loadErr != nil {
		parts = append(parts, s.Error.Render("load failed: "+clean(m.loadErr.Error())))
	}
	if n := len(d.problems); n > 0 {
		parts = append(parts, s.Error.Render(plural(n, "problem"))+s.Status.Render(" (p)"))
	}
	var active []string
	for p := range numPanes {
		if m.queries[p] != "" && p != m.filterPane() {
			active = append(active, strings.ToLower(paneNames[p])+":/"+m.queries[p])
		}
	}
	if len(active) > 0 && w >= 100 {
		parts = append(parts, s.Status.Render("filters "+clean(strings.Join(active, " "))))
	}
	helpHint := s.StatusKey.Render("?") + s.Status.Render(" help")
	line := strings.Join(parts, s.Status.Render("  │  "))
	if ansi.StringWidth(line)+ansi.StringWidth(helpHint)+2 <= w {
		line += strings.Repeat(" ", w-ansi.StringWidth(line)-ansi.StringWidth(helpHint)) + helpHint
	}
	return line
}

// helpText is the full help: bubbles help's columns when they fit, else one
// binding a line; then the filter syntax.
func (m *Model) helpText(w int) []string {
	s := m.styles
	lines := []string{s.Title.Render("byline keys") + s.Dim.Render("  (↑/↓ scroll · any other key closes)"), ""}
	m.help.SetWidth(w)
	full := m.help.FullHelpView(m.keys.FullHelp())
	if w >= 100 {
		lines = append(lines, strings.Split(full, "\n")...)
	} else {
		for _, group := range m.keys.FullHelp() {
			for _, b := range group {
				h := b.Help()
				lines = append(lines, " "+s.StatusKey.Render(padRight(h.Key, 11))+" "+s.Dim.Render(h.Desc))
			}
		}
	}
	lines = append(lines, "",
		s.Header.Render("Filters")+s.Dim.Render(" (/ in a list pane, live as you type; enter keeps it, esc clears it)"),
		"  words match anywhere, any case, any accents",
		"  \"exact phrase\"   -word excludes   -source:agencies",
		"  source:independent  speaker:blinken  author:smith",
		"  on:2022-01-10  on:jan 2022  after:last week",
		"  before:2022-01  on:today  after:7d",
		"",
		s.Header.Render("Panes"),
		"  Stories: s sorts by date, source or quotes",
		"  Article: n/N quotations, r removed boilerplate,",
		"          / finds words in it (then n/N go match to match)",
		"  Quotes: a article ↔ corpus, s groups by speaker/date,",
		"          enter opens the article at the quote",
		"  Speakers: a corpus ↔ article, enter filters to them",
	)
	return lines
}

func (m *Model) helpLines(w, h int) []string {
	lines := m.helpText(w)
	out := make([]string, h)
	for i := range out {
		if k := m.helpScroll + i; k < len(lines) {
			out[i] = lines[k]
		}
	}
	return out
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func (m *Model) problemLines(w, h int) []string {
	s := m.styles
	out := make([]string, h)
	if h == 0 {
		return out
	}
	probs := m.data.problems
	out[0] = s.PaneTitleFocus.Render(fit(" Problems ("+itoa(len(probs))+") — files that could not be loaded · any key closes", w))
	if len(probs) == 0 {
		if h > 1 {
			out[1] = s.Dim.Render(" no problems")
		}
		return out
	}
	for i := 1; i < h; i++ {
		k := m.probScroll + i - 1
		if k >= len(probs) {
			break
		}
		p := probs[k]
		out[i] = s.Source.Render(" "+clean(p.Path)) + s.Dim.Render(": "+clean(p.Reason))
	}
	return out
}

// paneLines renders one pane to exactly h lines of width w: a title line
// then its content.
func (m *Model) paneLines(p pane, w, h int) []string {
	out := make([]string, h)
	if h <= 0 || w <= 0 {
		return out
	}
	out[0] = m.paneTitle(p, w)
	var content []string
	switch p {
	case paneStories:
		content = m.storyLines(w, h-1)
	case paneArticle:
		content = m.articleView(w, h-1)
	case paneQuotes:
		content = m.quoteLines(w, h-1)
	case paneSpeakers:
		content = m.speakerLines(w, h-1)
	}
	for i := 1; i < h; i++ {
		if i-1 < len(content) {
			out[i] = fit(content[i-1], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

func (m *Model) paneTitle(p pane, w int) string {
	s := m.styles
	title := " " + itoa(int(p)+1) + " " + paneNames[p]
	var info string
	switch p {
	case paneStories:
		info = sortNames[m.sortMode]
	case paneArticle:
		if a := m.openArticle(); a != nil {
			nq := a.Quotations()
			info = plural(nq, "quote")
			if m.curQuote >= 0 {
				info = "quote " + itoa(m.quoteOrdinal(a, m.curQuote)) + "/" + itoa(nq)
			}
			if len(a.Removed) > 0 && m.showRemoved {
				info += " · removed shown"
			}
			if m.queries[paneArticle] != "" {
				matches := m.findMatches()
				info = "no match"
				if len(matches) > 0 {
					info = plural(len(matches), "line")
					for i, l := range matches {
						if l == m.findLine {
							info = "line " + itoa(i+1) + "/" + itoa(len(matches))
						}
					}
				}
			}
		}
	case paneQuotes:
		if m.quoteCorpus {
			info = "corpus · by speaker"
			if m.quoteGroup == groupDate {
				info = "corpus · by date"
			}
		} else {
			info = "this article"
		}
	case paneSpeakers:
		info = "corpus"
		if m.spkArticle {
			info = "this article"
		}
	}
	if m.queries[p] != "" {
		info += " · /" + m.queries[p]
	}
	text := title
	if ansi.StringWidth(title)+ansi.StringWidth(info)+3 <= w {
		text += strings.Repeat(" ", w-ansi.StringWidth(title)-ansi.StringWidth(info)-1) + info + " "
	}
	st := s.PaneTitle
	if p == m.focus {
		st = s.PaneTitleFocus
	}
	return st.Render(fit(clean(text), w))
}

// quoteOrdinal is the 1-based position of quote qi among the article's
// quotations.
func (m *Model) quoteOrdinal(a *model.Article, qi int) int {
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

func (m *Model) storyLines(w, h int) []string {
	s := m.styles
	r := m.storyRes
	out := make([]string, 0, h)
	if r == nil || len(r.rows) == 0 {
		switch {
		case m.loading:
			out = append(out, s.Dim.Render(" loading…"))
		case r != nil && len(m.data.arts) > 0:
			out = append(out, s.Dim.Render(" no story matches /"+clean(m.queries[paneStories])))
		case r != nil:
			out = append(out, s.Dim.Render(" no stories"))
		}
		return out
	}
	hl := m.parsed[paneStories].Highlights()
	if m.queries[paneStories] == "" {
		hl = nil
	}
	srcW := min(max(r.d.srcWidth, 6), clamp(w*3/10, 6, 18))
	showSrc := w >= 34 && m.sortMode != sortSource
	for i := m.stories.offset; i < len(r.rows) && len(out) < h; i++ {
		row := r.rows[i]
		if row.item < 0 {
			out = append(out, s.Header.Render(fit(" "+clean(r.headers[row.head]), w)))
			continue
		}
		a := r.d.arts[row.item]
		var when string
		if m.sortMode == sortDate {
			when = " " + timeOf(a)
		} else {
			when = " " + shortDate(a)
		}
		count := ""
		if n := r.d.quoteCount[row.item]; n > 0 {
			count = itoa(n)
		}
		countW := 3
		used := ansi.StringWidth(when) + 1 + countW + 1
		line := s.Time.Render(when) + " "
		if showSrc {
			line += highlight(fit(clean(orDash(a.Source)), srcW), hl, s.Source, s.Match) + " "
			used += srcW + 1
		}
		tw := max(w-used, 1)
		line += highlight(fit(clean(a.Title), tw), hl, lipgloss.NewStyle(), s.Match)
		line += " " + s.Count.Render(padLeft(count, countW))
		if i == m.stories.cursor {
			line = m.selectStyle(paneStories).Render(cursorMark(ansi.Strip(fit(line, w))))
		}
		out = append(out, line)
	}
	return out
}

func (m *Model) selectStyle(p pane) lipgloss.Style {
	if m.focus == p || (p == paneStories && m.focus == paneArticle) {
		return m.styles.Selected
	}
	return m.styles.SelectedBlur
}

func timeOf(a *model.Article) string {
	switch a.DatePrecision {
	case model.PrecisionDateTime:
		return a.Published.Format("15:04")
	case model.PrecisionDate:
		return "     "
	}
	return "     "
}

func shortDate(a *model.Article) string {
	if !a.Dated() {
		return "undated   "
	}
	return a.Published.Format("2006-01-02")
}

func (m *Model) quoteLines(w, h int) []string {
	s := m.styles
	r := m.quoteRes
	out := make([]string, 0, h)
	if r == nil || len(r.rows) == 0 {
		switch {
		case !m.quoteCorpus && m.openArticle() == nil:
			out = append(out, s.Dim.Render(" no article open"))
		case m.quoteCorpus && m.data.qdocs == nil:
			out = append(out, s.Dim.Render(" quotations appear when loading ends"))
		case m.queries[paneQuotes] != "":
			out = append(out, s.Dim.Render(" no quotation matches /"+clean(m.queries[paneQuotes])))
		case !m.quoteCorpus && !m.data.final:
			out = append(out, s.Dim.Render(" quotations appear when loading ends"))
		default:
			out = append(out, s.Dim.Render(" no quotations"), s.Faint.Render(" a: whole corpus"))
		}
		return out
	}
	hl := m.parsed[paneQuotes].Highlights()
	if m.queries[paneQuotes] == "" {
		hl = nil
	}
	for i := m.quotes.offset; i < len(r.rows) && len(out) < h; i++ {
		row := r.rows[i]
		if row.item < 0 {
			out = append(out, s.Header.Render(fit(" "+clean(r.headers[row.head]), w)))
			continue
		}
		a, qi := m.quoteAt(i)
		if a == nil {
			out = append(out, "")
			continue
		}
		q := &a.Quotes[qi]
		speaker := q.Speaker
		if speaker == "" {
			speaker = "—"
		}
		var line string
		text := "“" + clean(q.Text) + "”"
		switch {
		case r.corpus && m.quoteGroup == groupSpeaker:
			src := clean(orDash(a.Source))
			srcW := min(max(r.d.srcWidth, 6), clamp(w/4, 6, 16))
			tw := max(w-srcW-3, 1)
			line = " " + highlight(fit(text, tw), hl, s.Quote, s.Match) + " " + highlight(fit(src, srcW), hl, s.Source, s.Match)
		default:
			sp := clean(speaker)
			spW := clamp(w/3, 6, 20)
			tw := max(w-spW-3, 1)
			line = " " + highlight(fit(sp, spW), hl, s.Speaker, s.Match) + " " + highlight(fit(text, tw), hl, s.Quote, s.Match)
		}
		if i == m.quotes.cursor {
			line = m.selectStyle(paneQuotes).Render(cursorMark(ansi.Strip(fit(line, w))))
		}
		out = append(out, line)
	}
	return out
}

func (m *Model) speakerLines(w, h int) []string {
	s := m.styles
	r := m.speakerRes
	out := make([]string, 0, h)
	if r == nil || len(r.rows) == 0 {
		switch {
		case m.queries[paneSpeakers] != "":
			out = append(out, s.Dim.Render(" no speaker matches /"+clean(m.queries[paneSpeakers])))
		case !m.data.final:
			out = append(out, s.Dim.Render(" speakers appear when loading ends"))
		default:
			out = append(out, s.Dim.Render(" no speakers"))
		}
		return out
	}
	hl := m.parsed[paneSpeakers].Highlights()
	if m.queries[paneSpeakers] == "" {
		hl = nil
	}
	for i := m.speakers.offset; i < len(r.rows) && len(out) < h; i++ {
		sp := r.rows[i]
		count := padLeft(itoa(sp.quotes), 4)
		nameW := min(ansi.StringWidth(clean(sp.name)), max(w/2, 8))
		line := s.Count.Render(count) + " " + highlight(fit(clean(sp.name), nameW), hl, s.Speaker, s.Match)
		rest := ""
		if sp.role != "" {
			rest = " " + clean(sp.role)
		}
		if len(sp.sources) > 0 {
			rest += " · " + clean(strings.Join(sp.sources, ", "))
		}
		rw := w - 5 - nameW
		if rw > 2 {
			line += highlight(fit(rest, rw), hl, s.Dim, s.Match)
		}
		if i == m.speakers.cursor {
			line = m.selectStyle(paneSpeakers).Render(cursorMark(ansi.Strip(fit(line, w))))
		}
		out = append(out, line)
	}
	return out
}

// articleHeader is the article's title block, wrapped to w.
func (m *Model) articleHeader(a *model.Article, w int) []string {
	s := m.styles
	tw := max(w-3, 1)
	var out []string
	wrap := func(text string, st lipgloss.Style) {
		for _, l := range strings.Split(ansi.Wrap(clean(text), tw, ""), "\n") {
			out = append(out, " "+st.Render(l))
		}
	}
	if a.TitleDerived {
		// No headline: the title was made from the lead, which follows.
		wrap(a.Title, s.Meta)
	} else {
		wrap(a.Title, s.ArticleTitle)
	}
	if a.Standfirst != "" {
		wrap(a.Standfirst, s.Standfirst)
	}
	meta := []string{orDash(a.Source)}
	if a.Credit != "" && a.Credit != a.Source {
		meta = append(meta, "credit: "+a.Credit)
	}
	if len(a.Authors) > 0 {
		meta = append(meta, "by "+strings.Join(a.Authors, ", "))
	}
	meta = append(meta, longDate(a))
	wrap(strings.Join(meta, " · "), s.Meta)
	for _, p := range a.Problems {
		wrap("⚠ "+p, s.Error)
	}
	out = append(out, " "+s.Faint.Render(strings.Repeat("─", tw)))
	return out
}

func longDate(a *model.Article) string {
	if s := a.PublishedAs("Monday 2 January 2006, 15:04 MST", "Monday 2 January 2006"); s != "" {
		return s
	}
	return "undated"
}

// removedLines lists the removed boilerplate, dimmed, with reasons.
func (m *Model) removedLines(a *model.Article, w int) []string {
	s := m.styles
	tw := max(w-4, 1)
	if len(a.Removed) == 0 {
		return nil
	}
	if !m.showRemoved {
		return []string{"", " " + s.Faint.Render(fit(plural(len(a.Removed), "block")+" removed as boilerplate · r shows", tw+2))}
	}
	out := []string{"", " " + s.Reason.Render(fit("── removed as boilerplate ("+itoa(len(a.Removed))+") · r hides ──", tw+2))}
	for _, r := range a.Removed {
		out = append(out, "  "+s.Reason.Render(fit("["+clean(r.Reason)+"]", tw)))
		for _, l := range strings.Split(ansi.Wrap(clean(r.Text), tw, ""), "\n") {
			out = append(out, "  "+s.Removed.Render(l))
		}
	}
	return out
}

// articleLineCount is the number of lines of the open article as shown.
func (m *Model) articleLineCount() int {
	a := m.openArticle()
	if a == nil {
		return 0
	}
	w := m.articleTextWidth() + 2
	n := len(m.articleHeader(a, w))
	if r := m.renderFor(a); r != nil {
		n += len(r.lines)
	} else {
		n++
	}
	return n + len(m.removedLines(a, w))
}

// articleView draws the visible part of the open article.
func (m *Model) articleView(w, h int) []string {
	s := m.styles
	a := m.openArticle()
	if a == nil {
		if m.loading && len(m.data.arts) == 0 {
			return []string{s.Dim.Render(" loading…")}
		}
		return []string{s.Dim.Render(" no story selected"), s.Faint.Render(" choose one in 1 Stories")}
	}
	lines := m.articleHeader(a, w)
	bodyStart := len(lines)
	r := m.renderFor(a)
	if r != nil {
		lines = append(lines, r.lines...)
	} else {
		lines = append(lines, s.Dim.Render(" rendering…"))
	}
	lines = append(lines, m.removedLines(a, w)...)
	first, last := -1, -1
	if r != nil && m.curQuote >= 0 && m.curQuote < len(r.quoteFirst) && r.quoteFirst[m.curQuote] >= 0 {
		first, last = bodyStart+r.quoteFirst[m.curQuote], bodyStart+r.quoteLast[m.curQuote]
	}
	find := ""
	var covered []bool // body lines a match of the find covers
	if r != nil {
		find = model.Fold(m.queries[paneArticle])
		m.findMatches() // (kept until the find or the render changes)
		covered = m.found.covered
	}
	out := make([]string, 0, h)
	start := clamp(m.scroll, 0, max(len(lines)-1, 0))
	for i := start; i < len(lines) && len(out) < h; i++ {
		g, line := " ", lines[i]
		bl := i - bodyStart
		matched := find != "" && bl >= 0 && bl < len(covered) && covered[bl]
		switch {
		case i >= first && i <= last && first >= 0:
			g = s.Gutter.Render("▌")
		case matched && bl == m.findLine:
			g = s.Gutter.Render("▶")
		case matched:
			g = s.FilterPrompt.Render("▏")
		}
		if matched {
			line = markFind(line, find, s.Match)
		}
		out = append(out, g+line)
	}
	return out
}

// findMatches returns the rendered body lines of the open article where a
// match of the find starts (case and accents ignored), in order.
// The result is kept until the find or the render changes, so drawing a
// frame does not search the article again.
func (m *Model) findMatches() []int {
	a := m.openArticle()
	r := m.renderFor(a)
	find := model.Fold(m.queries[paneArticle])
	if r == nil || find == "" {
		return nil
	}
	if m.found.r != r || m.found.find != find {
		m.found.lines, m.found.covered = findLines(r.folded, find)
		m.found.r, m.found.find = r, find
	}
	return m.found.lines
}

// findNext moves to the next (dir 1) or previous (-1) line matching the
// find, wrapping around; dir 0 goes to the first match from the top of
// the view (as the find is typed).
func (m *Model) findNext(dir int) {
	matches := m.findMatches()
	if len(matches) == 0 {
		m.findLine = -1
		return
	}
	a := m.openArticle()
	bodyStart := len(m.articleHeader(a, m.articleTextWidth()+2))
	line := matches[0]
	switch dir {
	case 0:
		from := m.scroll - bodyStart
		for _, l := range matches {
			if l >= from {
				line = l
				break
			}
		}
	case 1:
		for _, l := range matches {
			if l > m.findLine {
				line = l
				break
			}
		}
	default:
		line = matches[len(matches)-1]
		for i := len(matches) - 1; i >= 0; i-- {
			if matches[i] < m.findLine {
				line = matches[i]
				break
			}
		}
	}
	m.findLine = line
	m.curQuote = -1
	h := max(m.paneHeight(paneArticle), 1)
	m.scroll = max(bodyStart+line-h/3, 0)
}

// jumpToQuote scrolls the article so quote qi is near the top third.
func (m *Model) jumpToQuote(qi int) {
	a := m.openArticle()
	r := m.renderFor(a)
	if a == nil || r == nil || qi < 0 || qi >= len(r.quoteFirst) {
		return
	}
	m.curQuote = qi
	line := r.quoteFirst[qi]
	if line < 0 {
		m.scroll = 0
		return
	}
	bodyStart := len(m.articleHeader(a, m.articleTextWidth()+2))
	h := max(m.paneHeight(paneArticle), 1)
	m.scroll = max(bodyStart+line-h/3, 0)
}

// nextQuote moves to the next (dir 1) or previous (-1) quotation in the
// article, in reading order.
func (m *Model) nextQuote(dir int) {
	a := m.openArticle()
	r := m.renderFor(a)
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
	for i := 1; i < len(qs); i++ {
		for j := i; j > 0 && qs[j].line < qs[j-1].line; j-- {
			qs[j], qs[j-1] = qs[j-1], qs[j]
		}
	}
	cur := -1
	for i, x := range qs {
		if x.q == m.curQuote {
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
	m.jumpToQuote(qs[next].q)
}

// fit truncates s (which may hold ANSI styles) to w cells and pads it with
// spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

func padLeft(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// clean makes corpus text safe and single-line for a list: control
// characters (escape included), line breaks and tabs become spaces. Corpus
// text is sanitised at load already; this is the second lock.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == 0xc2 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markFind styles the occurrences of the folded term in a rendered line
// (which holds glamour's styles) with st, keeping the rest as it was.
func markFind(line, term string, st lipgloss.Style) string {
	plain := ansi.Strip(line)
	folded, idx := model.FoldMap(plain)
	var ranges []lipgloss.Range
	for from := 0; from < len(folded); {
		j := strings.Index(folded[from:], term)
		if j < 0 {
			break
		}
		a, b := idx[from+j], idx[from+j+len(term)]
		if a < b {
			ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(plain[:a]), ansi.StringWidth(plain[:b]), st))
		}
		from += j + max(len(term), 1)
	}
	return lipgloss.StyleRanges(line, ranges...)
}

// highlight styles the parts of s (plain text, already fitted) that match
// any of the folded terms with hl, the rest with base.
func highlight(s string, terms []string, base, hl lipgloss.Style) string {
	if len(terms) == 0 || s == "" {
		return base.Render(s)
	}
	folded, idx := model.FoldMap(s)
	mark := make([]bool, len(s)+1)
	any := false
	for _, t := range terms {
		if t == "" {
			continue
		}
		for from := 0; from < len(folded); {
			j := strings.Index(folded[from:], t)
			if j < 0 {
				break
			}
			a, b := idx[from+j], idx[from+j+len(t)]
			for k := a; k < b; k++ {
				mark[k] = true
			}
			any = any || a < b
			from += j + max(len(t), 1)
		}
	}
	if !any {
		return base.Render(s)
	}
	var out strings.Builder
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || mark[i] != mark[start] {
			seg := s[start:i]
			if mark[start] {
				out.WriteString(hl.Render(seg))
			} else {
				out.WriteString(base.Render(seg))
			}
			start = i
		}
	}
	return out.String()
}

// cursorMark puts a marker in the first column of the selected row, so the
// cursor is visible without colour or reverse video too.
func cursorMark(line string) string {
	if strings.HasPrefix(line, " ") {
		return "›" + line[1:]
	}
	return line
}
