package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"byline/browse/pgstore"
	"byline/model"
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
	return fmt.Errorf("%s reads files, not a database: run it on the corpus's folder (--db works with list, show, quotes, speakers, serve and the browser)", cmd)
}

type jsonLineWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func newJSONLineWriter(e *env) *jsonLineWriter {
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonLineWriter{w, enc}
}

func runListDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := openDB(ctx, e, paths)
	if err != nil {
		return err
	}
	defer done()
	if err := e.dbProblems(ctx, st); err != nil {
		return err
	}
	if e.json {
		out := newJSONLineWriter(e)
		err := st.EachArticle(ctx, func(a *model.Article, quotes int) error {
			r := a.Record()
			r.Quotes = quotes
			return out.enc.Encode(r)
		})
		if err != nil {
			return err
		}
		return out.w.Flush()
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DATE\tSOURCE\tQUOTES\tTITLE\tID")
	err = st.EachArticle(ctx, func(a *model.Article, quotes int) error {
		_, err := fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", displayDate(a), orDash(a.Source), quotes, truncate(a.Title, 70), a.ID)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
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
		return writeJSONLines(e, articles, func(a *model.Article) any { return a.Detail() })
	}
	w := bufio.NewWriter(e.stdout)
	for i, a := range articles {
		if i > 0 {
			fmt.Fprintln(w, "\n"+strings.Repeat("─", 60)+"\n")
		}
		writeArticle(w, a)
	}
	return w.Flush()
}

func runQuotesDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := openDB(ctx, e, paths)
	if err != nil {
		return err
	}
	defer done()
	if err := e.dbProblems(ctx, st); err != nil {
		return err
	}
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
	out := newJSONLineWriter(e)
	err = st.EachQuote(ctx, only, func(a *model.Article, q *model.Quote) error {
		if e.json {
			return out.enc.Encode(a.QuoteRecord(q))
		}
		_, err := fmt.Fprintf(out.w, "%s — %s, %s\n  “%s”\n\n", speakerLabel(q), orDash(a.Source), displayDate(a), strings.ReplaceAll(q.Text, "\n", " ¶ "))
		return err
	})
	if err != nil {
		return err
	}
	return out.w.Flush()
}

func runSpeakersDB(ctx context.Context, e *env, paths []string) error {
	st, done, err := openDB(ctx, e, paths)
	if err != nil {
		return err
	}
	defer done()
	if err := e.dbProblems(ctx, st); err != nil {
		return err
	}
	if e.json {
		out := newJSONLineWriter(e)
		if err := st.EachSpeaker(ctx, func(s *model.Speaker) error { return out.enc.Encode(s.Record()) }); err != nil {
			return err
		}
		return out.w.Flush()
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SPEAKER\tKIND\tQUOTES\tARTICLES\tROLE\tSOURCES")
	err = st.EachSpeaker(ctx, func(s *model.Speaker) error {
		_, err := fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%s\n", s.Name, s.Kind, s.Quotes, len(s.Articles), orDash(s.Role), strings.Join(s.Sources, ", "))
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}
