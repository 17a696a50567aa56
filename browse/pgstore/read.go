package pgstore

import (
	"context"
	"math"

	"byline/model"
)

// What the --json commands print, read from the database row by row in
// corpus order (newest first, undated last, ties by ID), never the whole
// corpus in memory.

// EachArticle calls fn with every article (without body or quotations;
// quotes is its number of quotations), in corpus order.
func (s *Store) EachArticle(ctx context.Context, fn func(a *model.Article, quotes int) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+articleCols+`, a.quotes FROM articles a ORDER BY a.rev_pub, a.ident`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a := &model.Article{}
		var id, words, quotes int32
		var format, zone string
		var revPub int64
		var offset int32
		var prec int16
		if err := rows.Scan(&id, &a.ID, &a.Path, &format, &a.URL, &a.Language, &a.Source, &a.Credit, &a.SourceFrom, &a.PageDump,
			&a.Title, &a.TitleDerived, &a.Standfirst, &a.Authors, &revPub, &offset, &zone, &prec, &a.Problems, &words, &quotes); err != nil {
			return err
		}
		a.Format = model.Format(format)
		a.DatePrecision = model.Precision(prec)
		if revPub != math.MaxInt64 {
			a.Published = publishedAt(revPub, zone, offset)
		}
		a.WordCount = int(words)
		if err := fn(a, int(quotes)); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachQuote calls fn with every quotation (terms left out) and its
// article (metadata only), in corpus order then position; speaker, when
// not "", keeps that speaker's only.
func (s *Store) EachQuote(ctx context.Context, speaker string, fn func(a *model.Article, q *model.Quote) error) error {
	return s.EachQuoteEchoes(ctx, speaker, func(a *model.Article, q *model.Quote, _ []string) error { return fn(a, q) })
}

// EachQuoteEchoes is EachQuote with each quotation's echoes: the other
// articles carrying it (as stories.Echo.Others gives them; nil for none,
// or when the database holds no stories: HasStories).
func (s *Store) EachQuoteEchoes(ctx context.Context, speaker string, fn func(a *model.Article, q *model.Quote, echoes []string) error) error {
	where := "q.quotation"
	var args []any
	if speaker != "" {
		where += " AND q.speaker = $1"
		args = append(args, speaker)
	}
	rows, err := s.pool.Query(ctx, `SELECT a.ident, a.path, a.url, a.source, a.title, a.rev_pub, a.zone_offset, a.zone_name, a.precision, `+
		quoteCols+`, e.members FROM quotes q JOIN articles a ON a.id = q.article
		LEFT JOIN quote_echoes qe ON qe.article = q.article AND qe.idx = q.idx LEFT JOIN echoes e ON e.id = qe.echo
		WHERE `+where+` ORDER BY q.rev_pub, q.art_ident, q.idx`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var a *model.Article
	for rows.Next() {
		b := &model.Article{}
		var revPub int64
		var offset int32
		var zone string
		var prec, kind int16
		var idx int32
		var q model.Quote
		var members []string
		if err := rows.Scan(&b.ID, &b.Path, &b.URL, &b.Source, &b.Title, &revPub, &offset, &zone, &prec,
			&idx, &kind, &q.Text, &q.Speaker, &q.Mention, &q.Role, &q.Cue, &q.Partial, &q.Paragraph, &q.Start, &q.End, &q.EndParagraph, &members); err != nil {
			return err
		}
		if a == nil || a.ID != b.ID {
			b.DatePrecision = model.Precision(prec)
			if revPub != math.MaxInt64 {
				b.Published = publishedAt(revPub, zone, offset)
			}
			a = b
		}
		q.Kind = model.QuoteKind(kind)
		if err := fn(a, &q, othersOf(members, a.ID)); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachSpeaker calls fn with every speaker, most quoted first, with the IDs
// of the articles quoting them (in corpus order).
func (s *Store) EachSpeaker(ctx context.Context, fn func(*model.Speaker) error) error {
	rows, err := s.pool.Query(ctx, `SELECT name, key, kind, role, aliases, quotes, sources FROM speakers ORDER BY rank`)
	if err != nil {
		return err
	}
	type sp struct {
		s   *model.Speaker
		key string
	}
	var all []sp
	for rows.Next() {
		x := &model.Speaker{}
		var key, kind string
		var quotes int32
		if err := rows.Scan(&x.Name, &key, &kind, &x.Role, &x.Aliases, &quotes, &x.Sources); err != nil {
			rows.Close()
			return err
		}
		x.Kind = model.SpeakerKind(kind)
		x.Quotes = int(quotes)
		all = append(all, sp{x, key})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range all {
		ids, err := s.pool.Query(ctx, `SELECT a.ident FROM articles a WHERE a.id IN
			(SELECT article FROM quotes WHERE spk_key = $1) ORDER BY a.rev_pub, a.ident`, x.key)
		if err != nil {
			return err
		}
		for ids.Next() {
			var id string
			if err := ids.Scan(&id); err != nil {
				ids.Close()
				return err
			}
			x.s.Articles = append(x.s.Articles, id)
		}
		ids.Close()
		if err := ids.Err(); err != nil {
			return err
		}
		if err := fn(x.s); err != nil {
			return err
		}
	}
	return nil
}

// FindSpeaker resolves a name as typed to a speaker's canonical name, as
// model.Corpus.FindSpeaker does for a loaded corpus.
func (s *Store) FindSpeaker(ctx context.Context, name string) (string, bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT name, aliases, quotes FROM speakers ORDER BY rank`)
	if err != nil {
		return "", false, err
	}
	defer rows.Close()
	var speakers []*model.Speaker
	for rows.Next() {
		x := &model.Speaker{}
		var quotes int32
		if err := rows.Scan(&x.Name, &x.Aliases, &quotes); err != nil {
			return "", false, err
		}
		x.Quotes = int(quotes)
		speakers = append(speakers, x)
	}
	if err := rows.Err(); err != nil {
		return "", false, err
	}
	sp, ok := model.NewCorpus(nil, nil, speakers).FindSpeaker(name)
	if !ok {
		return "", false, nil
	}
	return sp.Name, true, nil
}

// Count is the corpus's numbers of articles and problems.
func (s *Store) Count(ctx context.Context) (articles, problems int, err error) {
	st, err := readStats(ctx, s.pool)
	return int(st.stories), int(st.problems), err
}

// AllProblems calls fn with every problem, in order.
func (s *Store) AllProblems(ctx context.Context, fn func(model.Problem) error) error {
	rows, err := s.pool.Query(ctx, `SELECT path, reason FROM problems ORDER BY n`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p model.Problem
		if err := rows.Scan(&p.Path, &p.Reason); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}
