package pgstore

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"byline/model"
	"byline/stories"
)

// Stories across outlets and quotation echoes in the database (schema
// version 3). byline index computes them with package stories over the
// whole database after it writes — the same Build, options and article
// order as a load from files, so the output is the same — from what the
// tables keep:
//
//   - article_texts: each article's text key (stories.TextKey), and
//     story_texts: each distinct text's features, computed once when the
//     text is first seen (FillTexts); a re-index computes only new texts'.
//   - Build is given light articles (stories.Light: no bodies) with their
//     keys and the kept features, so it reads no text (LightArticles,
//     KeptFeatures).
//   - stories, story_articles, echoes and quote_echoes: what it found,
//     rewritten whole in one transaction (WriteStories); story_stats when,
//     and the links Build scored (StoryLinks), which the next Build reuses
//     as a load from files reuses its kept state.
//
// An index that changed nothing leaves them as they are (StoriesCurrent).

// StoriesCurrent reports whether the stories are computed and cover every
// article as it is now (a rewritten file's articles are new rows, which
// no story row names yet).
func (w *Writer) StoriesCurrent(ctx context.Context) (bool, error) {
	var ok bool
	err := w.conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM story_stats)
		AND (SELECT articles FROM story_stats) = (SELECT count(*) FROM articles)
		AND NOT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article = a.id))`).Scan(&ok)
	return ok, err
}

// DropStories deletes the stories and echoes (not the texts' features, which
// a later build reuses): the store then says it has none (NoStoriesYet).
func (w *Writer) DropStories(ctx context.Context) error {
	return pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error {
		for _, table := range []string{"quote_echoes", "echoes", "story_articles", "stories", "story_stats"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table); err != nil {
				return fmt.Errorf("clearing %s: %w", table, err)
			}
		}
		return nil
	})
}

// textChunk is how many articles FillTexts reads at a time.
const textChunk = 1000

// FillTexts gives every article without one its text key, and computes
// the features of texts not kept yet from the article's text (read back
// from the database, bodies included, a chunk at a time). It returns how
// many texts' features it computed and how many articles it keyed.
func (w *Writer) FillTexts(ctx context.Context, progress func(done, total int)) (computed, keyed int, err error) {
	rows, err := w.conn.Query(ctx, `SELECT a.id FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM article_texts t WHERE t.article = a.id) ORDER BY a.id`)
	if err != nil {
		return 0, 0, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return 0, 0, fmt.Errorf("finding articles without text keys: %w", err)
	}
	rd := &Store{pool: w.pool}
	for from := 0; from < len(ids); from += textChunk {
		if progress != nil {
			progress(from, len(ids))
		}
		chunk := ids[from:min(from+textChunk, len(ids))]
		arts, artIDs, err := rd.articlesWithIDs(ctx, "a.id = ANY($1)", []any{chunk}, true)
		if err != nil {
			return computed, keyed, fmt.Errorf("reading articles for their features: %w", err)
		}
		keys := make([]int64, len(arts))
		for i, a := range arts {
			keys[i] = int64(stories.TextKey(a))
		}
		rows, err := w.conn.Query(ctx, `SELECT key FROM story_texts WHERE key = ANY($1)`, keys)
		if err != nil {
			return computed, keyed, err
		}
		have, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return computed, keyed, err
		}
		known := make(map[int64]bool, len(have))
		for _, k := range have {
			known[k] = true
		}
		var todo []int
		for i, k := range keys {
			if !known[k] {
				known[k] = true
				todo = append(todo, i)
			}
		}
		enc := encodeFeatures(arts, todo)
		err = pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"article_texts"}, []string{"article", "text_key"},
				pgx.CopyFromSlice(len(arts), func(i int) ([]any, error) { return []any{artIDs[i], keys[i]}, nil })); err != nil {
				return err
			}
			newKeys := make([]int64, len(todo))
			for i, k := range todo {
				newKeys[i] = keys[k]
			}
			_, err := tx.Exec(ctx, `INSERT INTO story_texts (key, features) SELECT * FROM unnest($1::bigint[], $2::bytea[])
				ON CONFLICT (key) DO NOTHING`, newKeys, enc)
			return err
		})
		if err != nil {
			return computed, keyed, fmt.Errorf("writing text features: %w", err)
		}
		computed += len(todo)
		keyed += len(arts)
	}
	return computed, keyed, nil
}

// encodeFeatures computes and encodes the features of arts[todo[i]], on
// every core.
func encodeFeatures(arts []*model.Article, todo []int) [][]byte {
	out := make([][]byte, len(todo))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(todo); i += workers {
				f := stories.FeaturesOf(arts[todo[i]])
				out[i] = stories.AppendFeatures(nil, &f)
			}
		}()
	}
	wg.Wait()
	return out
}

// articlesWithIDs is articles with each one's row ID.
func (s *Store) articlesWithIDs(ctx context.Context, where string, args []any, whole bool) ([]*model.Article, []int32, error) {
	var ids []int32
	arts, err := s.articlesInto(ctx, where, args, whole, &ids)
	return arts, ids, err
}

// LightArticles returns every article as stories.Light makes it, in
// corpus order (as a load from files orders them: Build's input order),
// with its text key and row ID.
func (w *Writer) LightArticles(ctx context.Context) ([]*model.Article, []uint64, []int32, error) {
	rows, err := w.conn.Query(ctx, `SELECT a.id, a.ident, a.title, a.title_derived, a.source, a.credit, a.rev_pub, a.zone_offset,
		a.zone_name, a.precision, t.text_key FROM articles a JOIN article_texts t ON t.article = a.id ORDER BY a.rev_pub, a.ident`)
	if err != nil {
		return nil, nil, nil, err
	}
	var arts []*model.Article
	var keys []uint64
	var ids []int32
	byID := map[int32]*model.Article{}
	for rows.Next() {
		a := &model.Article{}
		var id, offset int32
		var revPub, key int64
		var zone string
		var prec int16
		if err := rows.Scan(&id, &a.ID, &a.Title, &a.TitleDerived, &a.Source, &a.Credit, &revPub, &offset, &zone, &prec, &key); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		a.DatePrecision = model.Precision(prec)
		if revPub != math.MaxInt64 {
			a.Published = publishedAt(revPub, zone, offset)
		}
		arts = append(arts, a)
		keys = append(keys, uint64(key))
		ids = append(ids, id)
		byID[id] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	// Quotations with their text and speaker; quoted terms by kind only,
	// so an article's quotation indexes are its own.
	rows, err = w.conn.Query(ctx, `SELECT article, idx, kind, CASE WHEN quotation THEN text ELSE '' END,
		CASE WHEN quotation THEN speaker ELSE '' END FROM quotes ORDER BY article, idx`)
	if err != nil {
		return nil, nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var art, idx int32
		var kind int16
		var text, speaker string
		if err := rows.Scan(&art, &idx, &kind, &text, &speaker); err != nil {
			return nil, nil, nil, err
		}
		a := byID[art]
		if a == nil {
			continue
		}
		for len(a.Quotes) <= int(idx) {
			a.Quotes = append(a.Quotes, model.Quote{})
		}
		a.Quotes[idx] = model.Quote{Kind: model.QuoteKind(kind), Text: text, Speaker: speaker}
	}
	return arts, keys, ids, rows.Err()
}

// KeptFeatures returns the kept features of every text an article has,
// for stories.KnownState.
func (w *Writer) KeptFeatures(ctx context.Context) (map[uint64]*stories.Features, error) {
	rows, err := w.conn.Query(ctx, `SELECT key, features FROM story_texts s
		WHERE EXISTS (SELECT 1 FROM article_texts t WHERE t.text_key = s.key)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uint64]*stories.Features{}
	for rows.Next() {
		var key int64
		var data []byte
		if err := rows.Scan(&key, &data); err != nil {
			return nil, err
		}
		f, err := stories.DecodeFeatures(data)
		if err != nil {
			return nil, fmt.Errorf("text %x: %w", uint64(key), err)
		}
		out[uint64(key)] = f
	}
	return out, rows.Err()
}

// StoryLinks returns the links the last clustering scored (nil when
// there are none, or they cannot be read: every pair is scored then).
func (w *Writer) StoryLinks(ctx context.Context) (*stories.State, error) {
	var data []byte
	err := w.conn.QueryRow(ctx, `SELECT links FROM story_stats WHERE links IS NOT NULL`).Scan(&data)
	if err == pgx.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st, err := stories.Decode(data)
	if err != nil {
		return nil, nil // of another format: scored again
	}
	return st, nil
}

// WriteStories replaces the stories and echoes with set's, built over
// arts (LightArticles' order; ids their row IDs), and drops the features
// of texts no article has any more.
func (w *Writer) WriteStories(ctx context.Context, arts []*model.Article, ids []int32, set *stories.Set, byline string) error {
	if err := w.writeStories(ctx, arts, ids, set, byline); err != nil {
		return err
	}
	_, err := w.conn.Exec(ctx, `ANALYZE article_texts, story_texts, stories, story_articles, echoes, quote_echoes`)
	return err
}

func (w *Writer) writeStories(ctx context.Context, arts []*model.Article, ids []int32, set *stories.Set, byline string) error {
	rowOf := make(map[string]int32, len(arts))
	for i, a := range arts {
		rowOf[a.ID] = ids[i]
	}
	echoIndex := make(map[*stories.Echo]int32, len(set.Echoes))
	for i, e := range set.Echoes {
		echoIndex[e] = int32(i)
	}
	return pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error {
		for _, table := range []string{"quote_echoes", "echoes", "story_articles", "stories"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table); err != nil {
				return fmt.Errorf("clearing %s: %w", table, err)
			}
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"stories"}, []string{"rank", "ident", "label", "label_article", "sources", "articles",
			"first_pub", "first_offset", "first_zone", "last_pub", "last_offset", "last_zone", "quotes", "echoed"},
			pgx.CopyFromSlice(len(set.Stories), func(i int) ([]any, error) {
				s := set.Stories[i]
				var fp, fo, fz, lp, lo, lz any
				if s.Dated() {
					fp, fo, fz = instant(s.First)
					lp, lo, lz = instant(s.Last)
				}
				return []any{int32(i), s.ID, s.Label, s.LabelArticle, nonNil(s.Sources), nonNil(s.Articles),
					fp, fo, fz, lp, lo, lz, int32(s.Quotes), int32(s.Echoed)}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing stories: %w", err)
		}
		// The by-story order: stories of two or more articles, then the
		// rest newest first (arts' order).
		type member struct {
			article, ord int32
			story        any
		}
		members := make([]member, 0, len(arts))
		grouped := map[string]bool{}
		for si, s := range set.Stories {
			if len(s.Articles) < 2 {
				continue
			}
			for _, id := range s.Articles {
				if row, ok := rowOf[id]; ok && !grouped[id] {
					grouped[id] = true
					members = append(members, member{row, int32(len(members)), int32(si)})
				}
			}
		}
		for i, a := range arts {
			if !grouped[a.ID] {
				members = append(members, member{ids[i], int32(len(members)), nil})
			}
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"story_articles"}, []string{"article", "story", "ord"},
			pgx.CopyFromSlice(len(members), func(i int) ([]any, error) {
				m := members[i]
				return []any{m.article, m.story, m.ord}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing the by-story order: %w", err)
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"echoes"}, []string{"id", "speaker", "arts", "idxs", "members"},
			pgx.CopyFromSlice(len(set.Echoes), func(i int) ([]any, error) {
				e := set.Echoes[i]
				artIDs := make([]string, len(e.Appearances))
				idxs := make([]int32, len(e.Appearances))
				for k, ap := range e.Appearances {
					artIDs[k], idxs[k] = ap.Article, int32(ap.Quote)
				}
				return []any{int32(i), e.Speaker, artIDs, idxs, nonNil(e.Others(""))}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing echoes: %w", err)
		}
		type quoteEcho struct{ article, idx, echo, others int32 }
		var qes []quoteEcho
		for i, a := range arts {
			for qi := range a.Quotes {
				if !a.Quotes[qi].IsQuotation() {
					continue
				}
				if e, ok := set.EchoOf(a.ID, qi); ok {
					qes = append(qes, quoteEcho{ids[i], int32(qi), echoIndex[e], int32(len(e.Others(a.ID)))})
				}
			}
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"quote_echoes"}, []string{"article", "idx", "echo", "others"},
			pgx.CopyFromSlice(len(qes), func(i int) ([]any, error) {
				q := qes[i]
				return []any{q.article, q.idx, q.echo, q.others}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing quotations' echoes: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM story_texts s WHERE NOT EXISTS (SELECT 1 FROM article_texts t WHERE t.text_key = s.key)`); err != nil {
			return fmt.Errorf("dropping features of texts gone: %w", err)
		}
		var links []byte
		if set.State != nil {
			var buf bytes.Buffer
			if err := set.State.Links().Encode(&buf); err != nil {
				return err
			}
			links = buf.Bytes()
		}
		_, err = tx.Exec(ctx, `INSERT INTO story_stats (one, byline, built, articles, stories, echoes, links) VALUES (true, $1, now(), $2, $3, $4, $5)
			ON CONFLICT (one) DO UPDATE SET byline = EXCLUDED.byline, built = EXCLUDED.built, articles = EXCLUDED.articles,
				stories = EXCLUDED.stories, echoes = EXCLUDED.echoes, links = EXCLUDED.links`, byline, len(arts), len(set.Stories), len(set.Echoes), links)
		return err
	})
}

// instant is a time as the articles table keeps one: minus nanoseconds,
// zone offset, zone name.
func instant(t time.Time) (any, any, any) {
	name, offset := t.Zone()
	return -t.UnixNano(), int32(offset), name
}
