package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"time"

	"byline/browse"
	"byline/browse/pgstore"
	"byline/export"
	"byline/model"
	"byline/state"
	"byline/stories"
)

// The commands on --db URL: the same output as from files, read from a
// database written by `byline index`.

// openDB opens the --db store for a command; a command given paths and
// --db is a usage error (the database is the corpus).
func openDB(ctx context.Context, e *env, paths []string) (*pgstore.Store, func(), error) {
	if len(paths) > 0 {
		fmt.Fprintln(e.stderr, "byline: --db reads the corpus from the database: give no PATH (byline index --db URL PATH writes one)")
		return nil, nil, errUsage
	}
	pool, err := connect(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	st, err := pgstore.Open(ctx, pool)
	if err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("--db %s: %w", pgstore.Redact(e.db), err)
	}
	return st, pool.Close, nil
}

// openDBReporting is openDB for a command that lists the corpus: the
// database's problems are printed first, as a load from files prints
// its own.
func (e *env) openDBReporting(ctx context.Context, paths []string) (*pgstore.Store, func(), error) {
	st, done, err := openDB(ctx, e, paths)
	if err != nil {
		return nil, nil, err
	}
	if err := e.dbProblems(ctx, st); err != nil {
		done()
		return nil, nil, err
	}
	return st, done, nil
}

// dbProblems prints the database's problems and the summary line, as
// reportProblems does for files.
func (e *env) dbProblems(ctx context.Context, st *pgstore.Store) error {
	articles, problems, err := st.Count(ctx)
	if err != nil || problems == 0 {
		return err
	}
	err = st.AllProblems(ctx, func(p model.Problem) error {
		fmt.Fprintf(e.stderr, "problem: %s\n", p)
		return nil
	})
	e.summarise(articles, problems)
	return err
}

// errNoDB is a command that reads files only, given --db.
func errNoDB(cmd string) error {
	return fmt.Errorf("%s reads files, not a database: run it on the corpus's folder (--db works with list, show, quotes, speakers, stories, serve and the browser)", cmd)
}

// recordFormat is the format --json or --csv asks for.
func (e *env) recordFormat() export.Format {
	if e.csv {
		return export.CSV
	}
	return export.JSONLines
}

func runListDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := e.openDBReporting(ctx, paths)
	if err != nil {
		return err
	}
	defer done()
	if e.json || e.csv {
		// With a state database, the reader's marks (fields only added).
		if marks := marksOver(dbLookup(ctx, st), func(msg string) { fmt.Fprintf(e.stderr, "byline: %s\n", msg) }); marks != nil {
			return streamRecords(e, func(put func(model.MarkedRecord) error) error {
				return st.EachArticle(ctx, func(a *model.Article, quotes int) error {
					r := a.Record()
					r.Quotes = quotes
					return put(model.MarkedRecord{ArticleRecord: r, Read: marks.IsRead(a.ID), Starred: marks.IsStarred(a.ID)})
				})
			})
		}
		return streamRecords(e, func(put func(model.ArticleRecord) error) error {
			return st.EachArticle(ctx, func(a *model.Article, quotes int) error {
				r := a.Record()
				r.Quotes = quotes
				return put(r)
			})
		})
	}
	w := listTable(e.stdout)
	err = st.EachArticle(ctx, func(a *model.Article, quotes int) error {
		return writeListRow(w, a, quotes)
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// streamRecords prints the records each puts, as --json or --csv asks,
// without holding them.
func streamRecords[T any](e *env, each func(put func(T) error) error) error {
	enc, err := export.NewEncoder[T](e.stdout, e.recordFormat())
	if err != nil {
		return err
	}
	if err := each(enc.Encode); err != nil {
		return err
	}
	return enc.Flush()
}

func runShowDB(ctx context.Context, e *env, ids []string) error {
	if len(ids) == 0 {
		return errUsage
	}
	st, done, err := openDB(ctx, e, nil)
	if err != nil {
		return err
	}
	defer done()
	var articles []*model.Article
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			fmt.Fprintf(e.stderr, "byline: no article %q in the database\n", id)
			return failure{}
		}
		articles = append(articles, a)
	}
	if e.json {
		echoes := make(map[*model.Article]map[int][]string, len(articles))
		for _, a := range articles {
			m, known, err := st.QuoteEchoes(ctx, a.ID)
			if err != nil {
				return err
			}
			if known {
				echoes[a] = m
			}
		}
		return writeJSONLines(e, articles, func(a *model.Article) any {
			d := a.Detail()
			// As from files (withEchoes); null when the database holds no
			// stories (the echoes are unknown, not none).
			n := 0
			for qi := range a.Quotes {
				if !a.Quotes[qi].IsQuotation() {
					continue
				}
				switch others, ok := echoes[a][qi]; {
				case echoes[a] == nil:
					d.Quotations[n].Echoes = nil
				case ok:
					d.Quotations[n].Echoes = others
				}
				n++
			}
			return d
		})
	}
	return writeArticles(e.stdout, articles)
}

func runQuotesDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := e.openDBReporting(ctx, paths)
	if err != nil {
		return err
	}
	defer done()
	only := ""
	if e.speaker != "" {
		name, ok, err := st.FindSpeaker(ctx, e.speaker)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintf(e.stderr, "byline: no speaker %q in this corpus\n", e.speaker)
			return failure{}
		}
		only = name
	}
	if e.json || e.csv {
		grouped := st.HasStories()
		return streamRecords(e, func(put func(model.QuoteRecord) error) error {
			return st.EachQuoteEchoes(ctx, only, func(a *model.Article, q *model.Quote, echoes []string) error {
				r := a.QuoteRecord(q)
				switch {
				case !grouped:
					r.Echoes = nil // unknown: the database holds no stories (null, not "none")
				case echoes != nil:
					r.Echoes = echoes
				}
				return put(r)
			})
		})
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	err = st.EachQuote(ctx, only, func(a *model.Article, q *model.Quote) error {
		return writeQuoteLine(w, a, q)
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

func runSpeakersDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := e.openDBReporting(ctx, paths)
	if err != nil {
		return err
	}
	defer done()
	if e.json || e.csv {
		return streamRecords(e, func(put func(model.SpeakerRecord) error) error {
			return st.EachSpeaker(ctx, func(s *model.Speaker) error { return put(s.Record()) })
		})
	}
	w := speakerTable(e.stdout)
	err = st.EachSpeaker(ctx, func(s *model.Speaker) error {
		return writeSpeakerRow(w, s)
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// dbLookup finds the articles a reader's marks name in the database, one
// at a time by ID (the reader's state works on --db as on files). The
// lookups outlive ctx: a server told to stop (ctx cancelled) still stores
// the marks its sessions made, whose lookups are then under way or
// waiting (state's DB.Close waits for them); each try has its own limit,
// and one that fails is tried again by the state (a mark is never dropped
// for it).
func dbLookup(ctx context.Context, st *pgstore.Store) *state.Corpus {
	ctx = context.WithoutCancel(ctx)
	return state.NewLookup(func(id string) (*model.Article, error) {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		a, err := st.Article(ctx, id)
		if errors.Is(err, browse.ErrNotFound) {
			return nil, nil
		}
		return a, err
	})
}

// runStoriesDB is `byline stories --db URL`: the stories byline index
// computed, printed as from files.
func runStoriesDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := e.openDBReporting(ctx, paths)
	if err != nil {
		return err
	}
	defer done()
	if !st.HasStories() {
		return fmt.Errorf("--db %s: %s", pgstore.Redact(e.db), pgstore.NoStoriesYet)
	}
	if e.json {
		return streamRecords(e, func(put func(stories.Record) error) error {
			return st.EachStory(ctx, func(s *stories.Story) error { return put(s.Record()) })
		})
	}
	w := bufio.NewWriter(e.stdout)
	grouped, alone := 0, 0
	err = st.EachStory(ctx, func(s *stories.Story) error {
		if len(s.Articles) < 2 {
			alone++
			return nil
		}
		grouped++
		items, err := st.StoryItems(ctx, s.Articles)
		if err != nil {
			return err
		}
		byID := make(map[string]browse.StoryItem, len(items))
		for _, it := range items {
			byID[it.ID] = it
		}
		members := make([]*model.Article, len(s.Articles))
		for i, id := range s.Articles {
			it := byID[id]
			members[i] = &model.Article{ID: id, Title: it.Title, Source: it.Source, Published: it.Published, DatePrecision: it.DatePrecision}
		}
		writeStory(w, s, members)
		return nil
	})
	if err != nil {
		return err
	}
	writeStoriesSummary(w, grouped, alone)
	return w.Flush()
}
