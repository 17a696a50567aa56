package tui

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/export"
	"byline/model"
)

// target is what a reader's key acts on: a story, or one of its
// quotations.
type target struct {
	id    string
	quote int // index in the article's Quotes; -1 for the story itself
}

// target is the story or quotation under the focused pane's cursor: the
// selected story, the open article (with its current quotation), the
// selected quotation.
func (m *Model) target() (target, bool) {
	switch m.focus {
	case paneStories:
		it, ok := m.stories.list.selected()
		return target{id: it.ID, quote: -1}, ok && it.ID != ""
	case paneArticle:
		return target{id: m.article.id, quote: m.article.curQuote}, m.article.id != ""
	case paneQuotes:
		it, ok := m.quotes.list.selected()
		return target{id: it.ArticleID, quote: it.Index}, ok && it.ArticleID != ""
	}
	return target{}, false
}

// action is what to do with an article once it is fetched.
type action int

const (
	actCopyQuote action = iota
	actCopyURL
	actCite
	actOpen
	actPager
)

// articleActionMsg brings the article an action needs.
type articleActionMsg struct {
	act   action
	art   *model.Article
	quote int
}

// readerKey handles the reader's keys; it reports whether msg was one.
func (m *Model) readerKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.keys.Reader
	switch {
	case key.Matches(msg, k.Filters):
		return m.openPicker(), true
	case key.Matches(msg, k.SaveFilter):
		return m.startSave(), true
	case key.Matches(msg, k.Export):
		return m.startExport(), true
	case !key.Matches(msg, k.Read, k.Star, k.Open, k.Pager, k.Copy, k.CopyURL, k.Cite):
		return nil, false
	}
	t, ok := m.target()
	if !ok {
		return notice("choose a story (" + keyName(m.c.keys.Global.Panes[paneStories]) + ") or a quotation (" +
			keyName(m.c.keys.Global.Panes[paneQuotes]) + ") first"), true
	}
	switch {
	case key.Matches(msg, k.Read):
		read := !m.c.marks.IsRead(t.id)
		m.c.reader.SetRead(t.id, read)
		return m.markToggled(read, "marked read", "marked unread"), true
	case key.Matches(msg, k.Star):
		if m.focus == paneQuotes && t.quote >= 0 {
			on := !m.c.marks.QuoteStarred(t.id, t.quote)
			m.c.reader.SetQuoteStarred(t.id, t.quote, on)
			return m.markToggled(on, "starred the quotation (is:starred lists them)", "unstarred the quotation"), true
		}
		on := !m.c.marks.IsStarred(t.id)
		m.c.reader.SetStarred(t.id, on)
		return m.markToggled(on, "starred the story (is:starred lists them)", "unstarred the story"), true
	case key.Matches(msg, k.Copy):
		if t.quote < 0 {
			return notice(keyName(k.Copy) + " copies a quotation: choose one in " + keyName(m.c.keys.Global.Panes[paneQuotes]) +
				" Quotes, or with " + keyName(m.c.keys.Article.NextQuote) + " in the article; " + keyName(k.Cite) + " cites the story"), true
		}
		return m.fetchFor(t, actCopyQuote), true
	case key.Matches(msg, k.CopyURL):
		return m.fetchFor(t, actCopyURL), true
	case key.Matches(msg, k.Cite):
		return m.fetchFor(t, actCite), true
	case key.Matches(msg, k.Open):
		return m.fetchFor(t, actOpen), true
	case key.Matches(msg, k.Pager):
		if m.c.remote {
			return notice(keyName(k.Pager) + " runs a pager on the machine byline runs on: not over SSH"), true
		}
		return m.fetchFor(t, actPager), true
	}
	return nil, true
}

// unsaved says when marks last only this session, or wait for a
// database that does not answer to be stored (a reader that says so:
// state.View on --db).
func (m *Model) unsaved() string {
	if !m.c.reader.Saving() {
		return " (for this session: not saved)"
	}
	if p, ok := m.c.reader.(interface{ Pending() string }); ok {
		if why := p.Pending(); why != "" {
			return " (" + why + ")"
		}
	}
	return ""
}

// marksChanged takes the reader's marks after a change and asks again
// for the lists that filter by them (the stories always: their unread
// count follows the marks).
func (m *Model) marksChanged() tea.Cmd {
	if !m.c.marking {
		return nil
	}
	m.c.marks = m.c.reader.Marks()
	cmds := []tea.Cmd{m.stories.refresh()}
	if len(m.quotes.q.States) > 0 {
		cmds = append(cmds, m.quotes.refilter())
	}
	if len(m.speakers.q.States) > 0 {
		cmds = append(cmds, m.speakers.refilter())
	}
	return tea.Batch(cmds...)
}

// fetchFor fetches the target's article in a command and comes back with
// what to do with it.
func (m *Model) fetchFor(t target, act action) tea.Cmd {
	st, ctx := m.c.store, m.c.ctx
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		a, err := st.Article(ctx, t.id)
		if err != nil {
			return noticeMsg{text: "cannot read the article: " + err.Error()}
		}
		return articleActionMsg{act: act, art: a, quote: t.quote}
	}
}

// articleAction does an action with its article: copies (OSC 52, through
// SSH and tmux), opens, pages.
func (m *Model) articleAction(msg articleActionMsg) tea.Cmd {
	a := msg.art
	switch msg.act {
	case actCopyQuote:
		if msg.quote < 0 || msg.quote >= len(a.Quotes) {
			return nil
		}
		text := quoteCitation(a, &a.Quotes[msg.quote])
		return copyText(text, "copied "+text)
	case actCopyURL:
		if a.URL == "" {
			return notice("this story has no URL")
		}
		return copyText(a.URL, "copied the URL "+a.URL)
	case actCite:
		text := storyCitation(a)
		return copyText(text, "copied "+text)
	case actOpen:
		if a.URL == "" {
			return notice("this story has no URL to open")
		}
		if m.c.remote {
			// No browser to start over SSH: the link, to click in the
			// user's terminal, and the URL on their clipboard.
			url := a.URL
			return tea.Batch(tea.SetClipboard(url), func() tea.Msg { return noticeMsg{text: "copied; open", link: url} })
		}
		return m.openLocal(a.URL)
	case actPager:
		return m.pager(plainArticle(a))
	}
	return nil
}

// copyText puts text on the terminal's clipboard (OSC 52) and says so.
func copyText(text, said string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(text), notice(said))
}

// openLocal opens a URL with $BROWSER (run in the terminal, so a terminal
// browser works too), else the system's opener (xdg-open, open), started
// in the background.
func (m *Model) openLocal(url string) tea.Cmd {
	sys := m.c.sys
	return func() tea.Msg {
		if b := sys.getenv("BROWSER"); strings.TrimSpace(b) != "" {
			c := browserCommand(b, url)
			return tea.ExecProcess(c, func(err error) tea.Msg {
				if err != nil {
					return noticeMsg{text: "$BROWSER failed: " + err.Error()}
				}
				return noticeMsg{text: "opened " + url}
			})()
		}
		name := "xdg-open"
		if runtime.GOOS == "darwin" {
			name = "open"
		}
		if err := sys.start(exec.Command(name, url)); err != nil {
			return noticeMsg{text: "could not open the page with " + name + ": " + err.Error()}
		}
		return noticeMsg{text: "opened " + url + " with " + name}
	}
}

// browserCommand is $BROWSER's command for url: its first entry (it may
// list several, separated by colons), with %s replaced by the URL or the
// URL added.
func browserCommand(browser, url string) *exec.Cmd {
	first, _, _ := strings.Cut(browser, ":")
	f := strings.Fields(first)
	placed := false
	for i, w := range f {
		if strings.Contains(w, "%s") {
			f[i] = strings.ReplaceAll(w, "%s", url)
			placed = true
		}
	}
	if !placed {
		f = append(f, url)
	}
	return exec.Command(f[0], f[1:]...)
}

// pager shows text in $PAGER (less when unset), in the terminal: the
// browser steps aside until it exits.
func (m *Model) pager(text string) tea.Cmd {
	sys := m.c.sys
	return func() tea.Msg {
		p := strings.Fields(sys.getenv("PAGER"))
		if len(p) == 0 {
			p = []string{"less"}
		}
		c := exec.Command(p[0], p[1:]...)
		c.Stdin = strings.NewReader(text)
		return tea.ExecProcess(c, func(err error) tea.Msg {
			if err != nil {
				return noticeMsg{text: "the pager failed: " + err.Error()}
			}
			return noticeMsg{}
		})()
	}
}

// startSave asks for a name for the focused list's filter.
func (m *Model) startSave() tea.Cmd {
	k := m.c.keys
	p := m.panes[m.focus]
	if m.focus == paneArticle {
		return notice("saved filters are the lists' (" + keyName(k.Global.Panes[paneStories]) + ", " +
			keyName(k.Global.Panes[paneQuotes]) + ", " + keyName(k.Global.Panes[paneSpeakers]) + "); a find in the article is not kept")
	}
	if strings.TrimSpace(p.Query()) == "" {
		return notice("no filter to save: type one with " + keyName(k.Global.Filter))
	}
	m.prompt.filter = model.SavedFilter{Pane: historyPane(m.focus), Query: p.Query()}
	m.prompt.start(promptSaveFilter, "save "+historyPane(m.focus)+" "+keyName(k.Global.Filter)+p.Query()+" as", "", "a name")
	m.prompt.setWidth(m.c.styles, k, m.width)
	m.mode = modePrompt
	return nil
}

// exportJob is a list to write to a file.
type exportJob struct {
	store   browse.Store
	stories *browse.StoryList
	quotes  *browse.QuoteList
	marks   *model.Marks
	n       int
	one     string // what a row is
	noun    string // rows
}

// startExport asks where to write the focused list (the stories from the
// article pane).
func (m *Model) startExport() tea.Cmd {
	k := m.c.keys
	if m.c.remote {
		return notice(keyName(k.Reader.Export) + " writes a file where byline runs: not over SSH (on the server, byline list --csv does it)")
	}
	job := exportJob{marks: m.c.marks}
	switch m.focus {
	case paneStories, paneArticle:
		if m.stories.res == nil {
			return notice("nothing to export yet")
		}
		job.store, job.stories, job.n, job.one, job.noun = m.stories.store, m.stories.res, m.stories.res.Matched, "story", "stories"
	case paneQuotes:
		if m.quotes.res == nil {
			return notice("nothing to export yet")
		}
		job.store, job.quotes, job.n, job.one, job.noun = m.quotes.store, m.quotes.res, m.quotes.res.Matched, "quotation", "quotations"
	default:
		return notice(keyName(k.Reader.Export) + " exports the stories (" + keyName(k.Global.Panes[paneStories]) +
			") or the quotations (" + keyName(k.Global.Panes[paneQuotes]) + ")")
	}
	if job.n == 0 {
		return notice("no " + job.noun + " listed: nothing to export")
	}
	name := fmt.Sprintf("byline-%s-%s.csv", job.noun, m.c.now().Format("20060102-150405"))
	m.prompt.export = job
	m.prompt.start(promptExport, "export "+browse.Plural(job.n, job.one, job.noun)+" to", name, "FILE.csv or FILE.jsonl")
	m.prompt.setWidth(m.c.styles, k, m.width)
	m.mode = modePrompt
	return nil
}

// export writes the prompt's job to path, in a command.
func (m *Model) export(path string) tea.Cmd {
	path = strings.TrimSpace(path)
	if path == "" {
		return notice("not exported: no file name given")
	}
	job, sys, ctx := m.prompt.export, m.c.sys, m.c.ctx
	return func() tea.Msg {
		n, err := job.write(ctx, sys, path)
		if err != nil {
			return noticeMsg{text: "not exported: " + err.Error()}
		}
		return noticeMsg{text: fmt.Sprintf("wrote %s to %s (%s)", browse.Plural(n, job.one, job.noun), path, export.FormatOf(path))}
	}
}

// write writes the job's rows to a new file at path; CSV or JSON Lines by
// its extension. An existing file is never overwritten.
func (j exportJob) write(ctx context.Context, sys System, path string) (int, error) {
	var stories []model.MarkedRecord
	var quotes []model.MarkedQuoteRecord
	switch {
	case j.stories != nil:
		items, err := j.store.StoryPage(ctx, j.stories, 0, len(j.stories.Rows))
		if err != nil {
			return 0, err
		}
		for _, it := range items {
			if it.ID == "" {
				continue // a header
			}
			a, err := j.store.Article(ctx, it.ID)
			if err != nil {
				return 0, err
			}
			stories = append(stories, model.MarkedRecord{ArticleRecord: a.Record(), Read: j.marks.IsRead(a.ID), Starred: j.marks.IsStarred(a.ID)})
		}
	case j.quotes != nil:
		items, err := j.store.QuotePage(ctx, j.quotes, 0, len(j.quotes.Rows))
		if err != nil {
			return 0, err
		}
		for _, it := range items {
			if it.ArticleID == "" {
				continue
			}
			a, err := j.store.Article(ctx, it.ArticleID)
			if err != nil {
				return 0, err
			}
			if it.Index < 0 || it.Index >= len(a.Quotes) {
				continue
			}
			quotes = append(quotes, model.MarkedQuoteRecord{QuoteRecord: a.QuoteRecord(&a.Quotes[it.Index]),
				Starred: j.marks.QuoteStarred(a.ID, it.Index)})
		}
	}
	f, err := sys.create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	format := export.FormatOf(path)
	n := len(stories) + len(quotes)
	if j.stories != nil {
		err = export.Write(w, format, stories)
	} else {
		err = export.Write(w, format, quotes)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// markToggled refreshes the lists after a mark was set (on) or cleared
// and says which it was.
func (m *Model) markToggled(on bool, set, cleared string) tea.Cmd {
	word := cleared
	if on {
		word = set
	}
	return tea.Batch(m.marksChanged(), notice(word+m.unsaved()))
}
