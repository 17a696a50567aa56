package pgstore

import (
	"context"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"

	"byline/browse"
	"byline/model"
	"byline/stories"
)

// NoStoriesYet is Info().NoStories for a database whose stories were
// never computed (indexed by a byline before schema version 3, or an
// index stopped before its end).
const NoStoriesYet = "stories across outlets are not in this database yet: run `byline index --db URL PATH...` (without --no-stories) to compute them"

// hasStories reports whether the stories were computed.
func hasStories(ctx context.Context, q querier) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM story_stats)`).Scan(&ok)
	return ok, err
}

// HasStories reports whether the database holds the corpus's stories and
// echoes (Info().NoStories says why not).
func (s *Store) HasStories() bool { return s.grouped }

const storyTableCols = `st.rank, st.ident, st.label, st.label_article, st.sources, st.articles, st.first_pub, st.first_offset,
	st.first_zone, st.last_pub, st.last_offset, st.last_zone, st.quotes, st.echoed`

func scanStoryTable(row pgx.Row) (*stories.Story, int32, error) {
	s := &stories.Story{}
	var rank, quotes, echoed int32
	var fp, lp *int64
	var fo, lo *int32
	var fz, lz *string
	if err := row.Scan(&rank, &s.ID, &s.Label, &s.LabelArticle, &s.Sources, &s.Articles, &fp, &fo, &fz, &lp, &lo, &lz, &quotes, &echoed); err != nil {
		return nil, 0, err
	}
	if fp != nil && lp != nil {
		s.First = publishedAt(*fp, *fz, *fo)
		s.Last = publishedAt(*lp, *lz, *lo)
	}
	if len(s.Sources) == 0 {
		s.Sources = nil
	}
	s.Quotes, s.Echoed = int(quotes), int(echoed)
	return s, rank, nil
}

// EachStory calls fn with every story (most are one article's), in the
// by-story order: what `byline stories` prints.
func (s *Store) EachStory(ctx context.Context, fn func(*stories.Story) error) error {
	if !s.grouped {
		return fmt.Errorf("%s", NoStoriesYet)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+storyTableCols+` FROM stories st ORDER BY st.rank`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		st, _, err := scanStoryTable(rows)
		if err != nil {
			return err
		}
		if err := fn(st); err != nil {
			return err
		}
	}
	return rows.Err()
}

// StoryItems returns the list rows of articles by ID, in the order given
// (IDs the database does not hold are left out).
func (s *Store) StoryItems(ctx context.Context, ids []string) ([]browse.StoryItem, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+storyCols+` FROM articles a WHERE a.ident = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[string]browse.StoryItem, len(ids))
	for rows.Next() {
		r, err := scanStory(rows)
		if err != nil {
			return nil, err
		}
		byID[r.item.ID] = r.item
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]browse.StoryItem, 0, len(ids))
	for _, id := range ids {
		if it, ok := byID[id]; ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// StoryOf implements browse.Store: the story of two or more articles an
// article is in.
func (s *Store) StoryOf(ctx context.Context, id string) (*browse.StoryGroup, error) {
	if !s.grouped {
		return nil, browse.ErrNotFound
	}
	st, _, err := scanStoryTable(s.pool.QueryRow(ctx, `SELECT `+storyTableCols+` FROM articles a
		JOIN story_articles sa ON sa.article = a.id JOIN stories st ON st.rank = sa.story WHERE a.ident = $1`, id))
	if err == pgx.ErrNoRows {
		return nil, browse.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	g := &browse.StoryGroup{ID: st.ID, Label: st.Label, Sources: st.Sources, First: st.First, Last: st.Last,
		Quotes: st.Quotes, Echoed: st.Echoed}
	if g.Members, err = s.StoryItems(ctx, st.Articles); err != nil {
		return nil, err
	}
	return g, nil
}

// echoOf reads the echo quotation qi of article id is part of.
func (s *Store) echoOf(ctx context.Context, id string, qi int) (speaker string, arts []string, idxs []int32, err error) {
	err = s.pool.QueryRow(ctx, `SELECT e.speaker, e.arts, e.idxs FROM articles a
		JOIN quote_echoes qe ON qe.article = a.id JOIN echoes e ON e.id = qe.echo WHERE a.ident = $1 AND qe.idx = $2`, id, int32(qi)).
		Scan(&speaker, &arts, &idxs)
	if err == pgx.ErrNoRows {
		err = browse.ErrNotFound
	}
	return speaker, arts, idxs, err
}

// Echo implements browse.Store: each appearance of a quotation, with its
// word diff from the first, as Dataset gives them.
func (s *Store) Echo(ctx context.Context, id string, qi int) (*browse.EchoGroup, error) {
	if !s.grouped {
		return nil, browse.ErrNotFound
	}
	speaker, arts, idxs, err := s.echoOf(ctx, id, qi)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT u.n, a.ident, a.source, a.title, a.rev_pub, a.zone_offset, a.zone_name, a.precision, q.text
		FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS u(ident, idx, n)
		JOIN articles a ON a.ident = u.ident JOIN quotes q ON q.article = a.id AND q.idx = u.idx ORDER BY u.n`, arts, idxs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &browse.EchoGroup{Speaker: speaker}
	for rows.Next() {
		var n int64
		var revPub int64
		var offset int32
		var zone string
		var prec int16
		it := browse.EchoItem{}
		if err := rows.Scan(&n, &it.ArticleID, &it.Source, &it.Title, &revPub, &offset, &zone, &prec, &it.Text); err != nil {
			return nil, err
		}
		it.Quote = int(idxs[n-1])
		it.Precision = model.Precision(prec)
		if revPub != math.MaxInt64 {
			it.Published = publishedAt(revPub, zone, offset)
		}
		g.Appearances = append(g.Appearances, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(g.Appearances) == 0 {
		return nil, browse.ErrNotFound
	}
	first := g.Appearances[0]
	g.FirstKnown = first.Precision != model.PrecisionNone && !first.Published.IsZero()
	for i := 1; i < len(g.Appearances); i++ {
		g.Appearances[i].Ops = stories.Diff(first.Text, g.Appearances[i].Text)
	}
	return g, nil
}

// Compare implements browse.Store: the two articles aligned, quotations
// of one echo matched (as Dataset's Compare).
func (s *Store) Compare(ctx context.Context, left, right string) ([]stories.Row, error) {
	l, err := s.Article(ctx, left)
	if err != nil {
		return nil, err
	}
	r, err := s.Article(ctx, right)
	if err != nil {
		return nil, err
	}
	var refs []stories.EchoRef
	if s.grouped {
		rows, err := s.pool.Query(ctx, `SELECT a.ident, qe.idx, qe.echo FROM articles a JOIN quote_echoes qe ON qe.article = a.id
			WHERE a.ident = ANY($1)`, []string{left, right})
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var ref stories.EchoRef
			var idx int32
			if err := rows.Scan(&ref.Article, &idx, &ref.Echo); err != nil {
				rows.Close()
				return nil, err
			}
			ref.Quote = int(idx)
			refs = append(refs, ref)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return stories.EchoSet(refs).Compare(l, r), nil
}

// QuoteEchoes returns, for each quotation of article id that other
// articles carry too, their IDs (as stories.Echo.Others gives them);
// known is false when the database holds no stories (echoes unknown).
func (s *Store) QuoteEchoes(ctx context.Context, id string) (echoes map[int][]string, known bool, err error) {
	if !s.grouped {
		return nil, false, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT qe.idx, e.members FROM articles a JOIN quote_echoes qe ON qe.article = a.id
		JOIN echoes e ON e.id = qe.echo WHERE a.ident = $1`, id)
	if err != nil {
		return nil, true, err
	}
	defer rows.Close()
	echoes = map[int][]string{}
	for rows.Next() {
		var idx int32
		var members []string
		if err := rows.Scan(&idx, &members); err != nil {
			return nil, true, err
		}
		echoes[int(idx)] = othersOf(members, id)
	}
	return echoes, true, rows.Err()
}

// othersOf is an echo's articles other than id (nil when none), as
// stories.Echo.Others gives them: members are already distinct.
func othersOf(members []string, id string) []string {
	var out []string
	for _, m := range members {
		if m != id {
			out = append(out, m)
		}
	}
	return out
}

// quoteEchoCounts returns how many other articles carry each quotation of
// an article (only those some other article carries).
func (s *Store) quoteEchoCounts(ctx context.Context, id string) (map[int]int, error) {
	if !s.grouped {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT qe.idx, qe.others FROM articles a JOIN quote_echoes qe ON qe.article = a.id WHERE a.ident = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var idx, n int32
		if err := rows.Scan(&idx, &n); err != nil {
			return nil, err
		}
		out[int(idx)] = int(n)
	}
	return out, rows.Err()
}
