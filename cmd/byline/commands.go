package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"byline/browse"
	"byline/corpus"
	"byline/corpus/cache"
	"byline/corpus/demo"
	"byline/export"
	"byline/model"
	"byline/sanitize"
	"byline/stories"
)

// load reads the corpus under paths, or the embedded demo corpus when there
// are none, for a command that prints and exits: memory is bounded to the
// corpus's size (see memoryBudget).
func (e *env) load(ctx context.Context, paths []string) (*model.Corpus, error) {
	opt := e.loadOptions(paths)
	if budget := startMemoryBudget(); budget != nil {
		defer budget.Stop()
		opt.Found = budget.Found
	}
	c, err := loadCorpus(ctx, paths, opt)
	if err == nil {
		writeHeapProfile(os.Getenv("BYLINE_MEMPROFILE"))
	}
	return c, err
}

// loadCorpus reads the corpus under paths, or the embedded demo corpus when
// there are none.
func loadCorpus(ctx context.Context, paths []string, opt corpus.Options) (*model.Corpus, error) {
	var c *model.Corpus
	var err error
	if len(paths) == 0 {
		c, err = corpus.LoadFS(ctx, demo.FS(), "demo", opt)
	} else {
		c, err = corpus.Load(ctx, paths, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("loading: %w", err)
	}
	return c, nil
}

// loadOptions are the corpus options the flags ask for: the size cap, and
// the cache (for folders on disk, unless --no-cache). No memory budget: the
// browser and the server keep indexes and sessions beyond the corpus, which
// a limit sized to the corpus would make the collector fight.
func (e *env) loadOptions(paths []string) corpus.Options {
	opt := corpus.Options{
		MaxFileSize: e.maxSize,
		Warn:        func(msg string) { fmt.Fprintf(e.stderr, "byline: %s\n", msg) },
	}
	if len(paths) > 0 && !e.noCache {
		file, err := cache.File(paths)
		if err != nil {
			opt.Warn(fmt.Sprintf("no cache: %v", err))
			return opt
		}
		opt.CacheFile, opt.CacheVersion = file, cache.VersionKey(Version)
	}
	return opt
}

// reportProblems prints each problem and the summary line on stderr.
func (e *env) reportProblems(c *model.Corpus) {
	if len(c.Problems) == 0 {
		return
	}
	for _, p := range c.Problems {
		fmt.Fprintf(e.stderr, "problem: %s\n", p)
	}
	e.summarise(len(c.Articles), len(c.Problems))
}

// summarise prints the one summary line every command uses on stderr:
// "byline: 24 articles loaded, 1 problem", counting the problems the
// command listed.
func (e *env) summarise(articles, problems int) {
	fmt.Fprintf(e.stderr, "byline: %s loaded, %s\n", plural(articles, "article"), plural(problems, "problem"))
}

// plural writes a count with its noun: "1 article", "2 articles".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeRecords prints records on stdout as JSON Lines (--json) or CSV
// (--csv, the same fields as columns).
func writeRecords[T any](e *env, records []T) error {
	f := export.JSONLines
	if e.csv {
		f = export.CSV
	}
	return export.Write(e.stdout, f, records)
}

// writeJSONLines prints one JSON object per item; stdout carries nothing else.
func writeJSONLines[T any](e *env, items []T, record func(T) any) error {
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, item := range items {
		if err := enc.Encode(record(item)); err != nil {
			return err
		}
	}
	return w.Flush()
}

func runList(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return runListDB(ctx, e, paths)
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	e.reportProblems(c)
	if e.json || e.csv {
		// With a state database, the reader's marks (fields only added).
		if marks := listMarks(c, func(msg string) { fmt.Fprintf(e.stderr, "byline: %s\n", msg) }); marks != nil {
			records := make([]model.MarkedRecord, len(c.Articles))
			for i, a := range c.Articles {
				records[i] = model.MarkedRecord{ArticleRecord: a.Record(), Read: marks.IsRead(a.ID), Starred: marks.IsStarred(a.ID)}
			}
			return writeRecords(e, records)
		}
		records := make([]model.ArticleRecord, len(c.Articles))
		for i, a := range c.Articles {
			records[i] = a.Record()
		}
		return writeRecords(e, records)
	}
	w := listTable(e.stdout)
	for _, a := range c.Articles {
		writeListRow(w, a, a.Record().Quotes)
	}
	return w.Flush()
}

// runShow prints articles named by ID (in --corpus, or the demo corpus) or
// every article under a path.
func runShow(ctx context.Context, e *env, args []string) error {
	if e.db != "" {
		return runShowDB(ctx, e, args)
	}
	if len(args) == 0 {
		return errUsage
	}
	var articles []*model.Article
	var ids []string
	var shown []*model.Corpus
	for _, arg := range args {
		file, record, _ := strings.Cut(arg, "#")
		if _, err := os.Stat(arg); err == nil {
			c, err := e.load(ctx, []string{arg})
			if err != nil {
				return err
			}
			shown = append(shown, c)
			articles = append(articles, c.Articles...)
			continue
		} else if _, err := os.Stat(file); err == nil && record != "" {
			c, err := e.load(ctx, []string{file})
			if err != nil {
				return err
			}
			shown = append(shown, c)
			for _, a := range c.Articles {
				if strings.HasSuffix(a.ID, "#"+record) {
					articles = append(articles, a)
				}
			}
			continue
		}
		ids = append(ids, arg)
	}
	if len(ids) > 0 {
		var roots []string
		if e.corpus != "" {
			roots = []string{e.corpus}
		}
		c, err := e.load(ctx, roots)
		if err != nil {
			return err
		}
		shown = append(shown, c)
		for _, id := range ids {
			a, ok := c.Article(id)
			if !ok {
				e.notFound(c, id)
				return failure{}
			}
			articles = append(articles, a)
		}
	}
	for _, c := range shown {
		e.reportProblems(c)
	}
	if e.json {
		sets := make(map[*model.Corpus]*stories.Set, len(shown))
		for _, c := range shown {
			sets[c] = e.newClusterer(nil).cluster(ctx, c)
		}
		return writeJSONLines(e, articles, func(a *model.Article) any {
			d := a.Detail()
			for _, c := range shown {
				if b, ok := c.Article(a.ID); ok && b == a {
					k := 0
					for i := range a.Quotes {
						if a.Quotes[i].IsQuotation() {
							d.Quotations[k] = withEchoes(sets[c], a, &a.Quotes[i], d.Quotations[k])
							k++
						}
					}
				}
			}
			return d
		})
	}
	return writeArticles(e.stdout, articles)
}

func writeArticle(w *bufio.Writer, a *model.Article) {
	title := a.Title
	if a.TitleDerived {
		title += "  (title derived from the lead)"
	}
	fmt.Fprintln(w, title)
	if a.Standfirst != "" {
		fmt.Fprintln(w, a.Standfirst)
	}
	meta := []string{displayDate(a), browse.OrDash(a.Source)}
	if len(a.Authors) > 0 {
		meta = append(meta, "by "+strings.Join(a.Authors, ", "))
	}
	fmt.Fprintln(w, strings.Join(meta, " · "))
	fmt.Fprintf(w, "%s  %s\n\n", a.ID, a.Path)
	for _, p := range a.Body {
		fmt.Fprintln(w, p)
		fmt.Fprintln(w)
	}
	if n := a.Quotations(); n > 0 {
		fmt.Fprintf(w, "Quotations (%d)\n", n)
		for _, q := range a.Quotes {
			if !q.IsQuotation() {
				continue
			}
			who := q.Who()
			if q.Mention != "" && q.Mention != q.Speaker {
				who += " [" + q.Mention + "]"
			}
			fmt.Fprintf(w, "  %s: “%s”\n", who, strings.ReplaceAll(q.Text, "\n", " / "))
		}
		fmt.Fprintln(w)
	}
	if len(a.Removed) > 0 {
		fmt.Fprintf(w, "[%d block(s) removed as boilerplate; --json lists them]\n", len(a.Removed))
	}
	for _, p := range a.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
}

func runQuotes(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return runQuotesDB(ctx, e, paths)
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	e.reportProblems(c)
	var only *model.Speaker
	if e.speaker != "" {
		s, ok := c.FindSpeaker(e.speaker)
		if !ok {
			fmt.Fprintf(e.stderr, "byline: no speaker %q in this corpus\n", e.speaker)
			return failure{}
		}
		only = s
	}
	type row struct {
		a *model.Article
		q *model.Quote
	}
	var rows []row
	for _, a := range c.Articles {
		for i := range a.Quotes {
			q := &a.Quotes[i]
			if !q.IsQuotation() || (only != nil && q.Speaker != only.Name) {
				continue
			}
			rows = append(rows, row{a, q})
		}
	}
	if e.json || e.csv {
		set := e.newClusterer(paths).cluster(ctx, c)
		records := make([]model.QuoteRecord, len(rows))
		for i, r := range rows {
			records[i] = withEchoes(set, r.a, r.q, r.a.QuoteRecord(r.q))
		}
		return writeRecords(e, records)
	}
	w := bufio.NewWriter(e.stdout)
	for _, r := range rows {
		writeQuoteLine(w, r.a, r.q)
	}
	return w.Flush()
}

func runSpeakers(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return runSpeakersDB(ctx, e, paths)
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	e.reportProblems(c)
	if e.json || e.csv {
		records := make([]model.SpeakerRecord, len(c.Speakers))
		for i, s := range c.Speakers {
			records[i] = s.Record()
		}
		return writeRecords(e, records)
	}
	w := speakerTable(e.stdout)
	for _, s := range c.Speakers {
		writeSpeakerRow(w, s)
	}
	return w.Flush()
}

// checkRecord is one line of `check --json`: a file that could not be
// loaded (article "") or a problem of an article that loaded.
type checkRecord struct {
	Path    string `json:"path"`
	Reason  string `json:"reason"`
	Article string `json:"article"`
}

// runCheck lists every problem on stdout (one JSON object each with
// --json); a file that could not be loaded is a failure.
func runCheck(ctx context.Context, e *env, paths []string) error {
	if e.db != "" {
		return errNoDB("check")
	}
	if len(paths) == 0 {
		return errUsage
	}
	c, err := e.load(ctx, paths)
	if err != nil {
		return err
	}
	var problems []checkRecord
	for _, p := range c.Problems {
		problems = append(problems, checkRecord{Path: p.Path, Reason: p.Reason})
	}
	for _, a := range c.Articles {
		for _, p := range a.Problems {
			problems = append(problems, checkRecord{Path: a.Path, Reason: p, Article: a.ID})
		}
	}
	if e.json {
		err = writeJSONLines(e, problems, func(r checkRecord) any { return r })
	} else {
		w := bufio.NewWriter(e.stdout)
		for _, p := range problems {
			fmt.Fprintf(w, "%s: %s\n", p.Path, p.Reason)
		}
		err = w.Flush()
	}
	if err != nil {
		return err
	}
	e.summarise(len(c.Articles), len(problems)) // an article kept with a problem counts too
	if len(c.Problems) > 0 {
		return failure{}
	}
	return nil
}

// notFound tells the user an ID is in neither the corpus it was looked up
// in nor on disk, names the ID it was probably meant to be, and says how to
// point show at the right corpus.
func (e *env) notFound(c *model.Corpus, id string) {
	where := "the demo corpus"
	if e.corpus != "" {
		where = sanitize.Line(e.corpus)
	}
	ids := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		ids[i] = a.ID
	}
	near := nearest(id, ids)
	id = sanitize.Line(id)
	fmt.Fprintf(e.stderr, "byline: no article %q in %s, and no file or folder of that name%s\n", id, where, didYouMean(near))
	if e.corpus == "" {
		fmt.Fprintf(e.stderr, "  IDs printed by `byline list DIR` are DIR's: byline show --corpus DIR %s (or give the file's path)\n", id)
	} else {
		fmt.Fprintf(e.stderr, "  `byline list %s` prints its IDs\n", where)
	}
}

func displayDate(a *model.Article) string {
	if s := a.PublishedAs("2006-01-02 15:04 MST", "2006-01-02"); s != "" {
		return s
	}
	return "undated"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
