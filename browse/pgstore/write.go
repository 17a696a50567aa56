package pgstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"byline/model"
)

// Writer writes corpora into a database: one at a time per database (it
// holds an advisory lock until Close).
type Writer struct {
	pool *pgxpool.Pool
	conn *pgxpool.Conn // holds the lock
}

const writerLock = 7316002

// ErrBusy means another byline index is writing to the database.
var ErrBusy = errors.New("another byline index is writing to this database")

// OpenWriter brings the schema up to date and takes the writer's lock.
func OpenWriter(ctx context.Context, pool *pgxpool.Pool, byline string) (*Writer, error) {
	if err := Migrate(ctx, pool, byline); err != nil {
		return nil, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, writerLock).Scan(&got); err != nil {
		conn.Release()
		return nil, err
	}
	if !got {
		conn.Release()
		return nil, ErrBusy
	}
	return &Writer{pool: pool, conn: conn}, nil
}

// Close releases the lock.
func (w *Writer) Close() {
	if w.conn != nil {
		w.conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, writerLock)
		w.conn.Release()
		w.conn = nil
	}
}

// Root returns the ID of a root path, adding it when new.
func (w *Writer) Root(ctx context.Context, path string) (int, error) {
	var id int
	err := w.conn.QueryRow(ctx, `INSERT INTO roots (path) VALUES ($1)
		ON CONFLICT (path) DO UPDATE SET path = EXCLUDED.path RETURNING id`, path).Scan(&id)
	return id, err
}

// StoredFile is what the database holds of a file.
type StoredFile struct {
	ID            int
	WalkID        string
	Size, ModTime int64
	Digest        []byte
}

// Files returns the files held for a root, by path.
func (w *Writer) Files(ctx context.Context, root int) (map[string]StoredFile, error) {
	rows, err := w.conn.Query(ctx, `SELECT id, path, walk_id, size, mod_time, digest FROM files WHERE root = $1`, root)
	if err != nil {
		return nil, err
	}
	out := map[string]StoredFile{}
	for rows.Next() {
		var f StoredFile
		var path string
		if err := rows.Scan(&f.ID, &path, &f.WalkID, &f.Size, &f.ModTime, &f.Digest); err != nil {
			return nil, err
		}
		out[path] = f
	}
	return out, rows.Err()
}

// FileOutput is what one file produced, to be written.
type FileOutput struct {
	Path, WalkID  string
	Size, ModTime int64
	Ord           int    // position in the walk
	Digest        []byte // nil: always read again (a file that produced no article)
	Articles      []*model.Article
	Problems      []model.Problem
}

// Batch is one write: files replacing any held under the same paths,
// files to delete, and what the corpus-wide merge said of speakers.
type Batch struct {
	Root   int
	Files  []FileOutput
	Delete []int // file IDs gone from the root
	// Speakers are the merged speakers of the load the files came from;
	// a quotation counts for a speaker when its speaker is one of them.
	Speakers []*model.Speaker
	// ReplaceSpeakers: Speakers are the root's whole corpus (not a batch
	// of it), so the root's earlier speaker names go.
	ReplaceSpeakers bool
	// RootProblems, when not nil, replace the root's walk problems.
	RootProblems []model.Problem
	// Counted reports whether the merge counted a quotation for its
	// speaker (nil: every quotation with a speaker among Speakers).
	Counted func(*model.Quote) bool
}

// Write writes a batch in one transaction.
func (w *Writer) Write(ctx context.Context, b Batch) error {
	return pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error { return writeBatch(ctx, tx, b) })
}

func writeBatch(ctx context.Context, tx pgx.Tx, b Batch) error {
	// Old rows of rewritten and vanished files (articles, bodies, quotes
	// and problems follow them).
	var paths []string
	for _, f := range b.Files {
		paths = append(paths, f.Path)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM files WHERE path = ANY($1) OR id = ANY($2)`, paths, b.Delete); err != nil {
		return fmt.Errorf("deleting old rows: %w", err)
	}
	if b.RootProblems != nil {
		if _, err := tx.Exec(ctx, `DELETE FROM problems WHERE root = $1 AND file IS NULL`, b.Root); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"problems"}, []string{"root", "ord", "path", "reason"},
			pgx.CopyFromSlice(len(b.RootProblems), func(i int) ([]any, error) {
				p := b.RootProblems[i]
				return []any{b.Root, -len(b.RootProblems) + i, p.Path, p.Reason}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing problems: %w", err)
		}
	}
	if len(b.Files) == 0 {
		return writeSpeakerNames(ctx, tx, b)
	}

	nArts, nQuotes := 0, 0
	for _, f := range b.Files {
		nArts += len(f.Articles)
		for _, a := range f.Articles {
			nQuotes += len(a.Quotes)
		}
	}
	fileID, err := allocate(ctx, tx, "files_id_seq", len(b.Files))
	if err != nil {
		return err
	}
	artID, err := allocate(ctx, tx, "articles_id_seq", nArts)
	if err != nil {
		return err
	}
	quoteID, err := allocate(ctx, tx, "quotes_id_seq", nQuotes)
	if err != nil {
		return err
	}

	_, err = tx.CopyFrom(ctx, pgx.Identifier{"files"}, []string{"id", "root", "path", "walk_id", "size", "mod_time", "digest", "ord"},
		pgx.CopyFromSlice(len(b.Files), func(i int) ([]any, error) {
			f := b.Files[i]
			return []any{fileID + i, b.Root, f.Path, f.WalkID, f.Size, f.ModTime, f.Digest, f.Ord}, nil
		}))
	if err != nil {
		return fmt.Errorf("writing files: %w", err)
	}

	// Articles, with the file each came from, in order.
	arts := make([]artRef, 0, nArts)
	var probs []model.Problem
	var probFiles []int
	for i, f := range b.Files {
		for _, a := range f.Articles {
			arts = append(arts, artRef{a, fileID + i})
		}
		for _, p := range f.Problems {
			probs = append(probs, p)
			probFiles = append(probFiles, fileID+i)
		}
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"articles"}, articleColumns,
		pgx.CopyFromSlice(len(arts), func(i int) ([]any, error) {
			return articleRow(arts[i].a, artID+i, arts[i].file), nil
		}))
	if err != nil {
		return fmt.Errorf("writing articles: %w", err)
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"bodies"}, []string{"article", "paragraphs", "removed_text", "removed_reason"},
		pgx.CopyFromSlice(len(arts), func(i int) ([]any, error) {
			a := arts[i].a
			texts := make([]string, len(a.Removed))
			reasons := make([]string, len(a.Removed))
			for k, r := range a.Removed {
				texts[k], reasons[k] = r.Text, r.Reason
			}
			return []any{artID + i, nonNil(a.Body), texts, reasons}, nil
		}))
	if err != nil {
		return fmt.Errorf("writing paragraphs: %w", err)
	}

	counts := map[string]bool{}
	for _, s := range b.Speakers {
		counts[strings.ToLower(s.Name)] = true
	}
	type quoteRef struct {
		a   *model.Article
		art int
		k   int
	}
	qs := make([]quoteRef, 0, nQuotes)
	for i, r := range arts {
		for k := range r.a.Quotes {
			qs = append(qs, quoteRef{r.a, artID + i, k})
		}
	}
	var folded struct {
		art     *model.Article
		authors string
		source  string
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"quotes"}, quoteColumns,
		pgx.CopyFromSlice(len(qs), func(i int) ([]any, error) {
			r := qs[i]
			if folded.art != r.a {
				folded.art = r.a
				folded.authors = foldJoin(r.a.Authors)
				folded.source = foldSource(r.a)
			}
			return quoteCopyRow(r.a, r.k, quoteID+i, r.art, counts, b.Counted, folded.authors, folded.source), nil
		}))
	if err != nil {
		return fmt.Errorf("writing quotations: %w", err)
	}
	if len(probs) > 0 {
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"problems"}, []string{"root", "file", "ord", "path", "reason"},
			pgx.CopyFromSlice(len(probs), func(i int) ([]any, error) {
				return []any{b.Root, probFiles[i], i, probs[i].Path, probs[i].Reason}, nil
			}))
		if err != nil {
			return fmt.Errorf("writing problems: %w", err)
		}
	}
	// Sources and their widths.
	seen := map[string]bool{}
	var names, keys []string
	var widths []int32
	for _, r := range arts {
		s := r.a.Source
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		names = append(names, s)
		keys = append(keys, model.Fold(s))
		widths = append(widths, int32(ansi.StringWidth(strings.TrimSpace(s))))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO sources (name, key, width)
		SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT (name) DO NOTHING`, names, keys, widths); err != nil {
		return fmt.Errorf("writing sources: %w", err)
	}
	if err := writeSourceTags(ctx, tx, arts); err != nil {
		return err
	}
	return writeSpeakerNames(ctx, tx, b)
}

// writeSpeakerNames records the merge's speakers (names, kinds, aliases)
// for the root: replacing the root's, or joined with them batch by batch.
func writeSpeakerNames(ctx context.Context, tx pgx.Tx, b Batch) error {
	if b.ReplaceSpeakers {
		if _, err := tx.Exec(ctx, `DELETE FROM speaker_names WHERE root = $1`, b.Root); err != nil {
			return err
		}
	}
	if len(b.Speakers) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS new_speaker_names (key text, name text, kind text, aliases text[]) ON COMMIT DELETE ROWS`)
	if err != nil {
		return err
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"new_speaker_names"}, []string{"key", "name", "kind", "aliases"},
		pgx.CopyFromSlice(len(b.Speakers), func(i int) ([]any, error) {
			s := b.Speakers[i]
			return []any{strings.ToLower(s.Name), s.Name, string(s.Kind), nonNil(s.Aliases)}, nil
		}))
	if err != nil {
		return fmt.Errorf("writing speakers: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO speaker_names (root, key, name, kind, aliases)
		SELECT DISTINCT ON (key) $1::integer, key, name, kind, aliases FROM new_speaker_names
		ON CONFLICT (root, key) DO UPDATE SET aliases = ARRAY(
			SELECT DISTINCT a FROM unnest(speaker_names.aliases || EXCLUDED.aliases) a ORDER BY a)`, b.Root)
	if err != nil {
		return fmt.Errorf("writing speakers: %w", err)
	}
	return nil
}

// allocate reserves n consecutive values of a sequence (the writer holds
// the lock, so nobody else draws from it) and returns the first.
func allocate(ctx context.Context, tx pgx.Tx, seq string, n int) (int, error) {
	if n == 0 {
		return 0, nil
	}
	var last int64
	if err := tx.QueryRow(ctx, `SELECT setval($1::regclass, nextval($1::regclass) + $2 - 1)`, seq, n).Scan(&last); err != nil {
		return 0, fmt.Errorf("allocating IDs: %w", err)
	}
	if last > math.MaxInt32 {
		return 0, fmt.Errorf("allocating IDs: %s passed 2^31 (re-create the database)", seq)
	}
	return int(last) - n + 1, nil
}

var articleColumns = []string{"id", "file", "ident", "path", "format", "url", "language", "source", "credit",
	"source_from", "page_dump", "src_key", "title", "title_derived", "standfirst", "authors", "published",
	"rev_pub", "zone_offset", "zone_name", "precision", "day", "month", "problems", "words", "quotes",
	"s_a", "s_b", "s_c", "s_d"}

// maxSearch caps the text an article's search vector is made of
// (PostgreSQL's tsvector holds at most 1 MB); words past it are not found
// by a filter, the article is whole.
const maxSearch = 256 << 10

func articleRow(a *model.Article, id, file int) []any {
	var published, day, month any
	revPub := int64(math.MaxInt64)
	name, offset := "", 0
	if a.Dated() {
		published = a.Published
		revPub = -a.Published.UnixNano()
		name, offset = a.Published.Zone()
		day = int32(model.Day(a.Published))
		month = int16(a.Published.Month())
	}
	var d strings.Builder
	d.WriteString(model.Fold(a.Title))
	d.WriteByte('\n')
	d.WriteString(model.Fold(a.Standfirst))
	for _, p := range a.Body {
		if d.Len() > maxSearch {
			break
		}
		d.WriteByte('\n')
		d.WriteString(model.Fold(p))
	}
	return []any{id, file, a.ID, a.Path, string(a.Format), a.URL, a.Language, a.Source, a.Credit,
		a.SourceFrom, a.PageDump, model.Fold(a.Source), a.Title, a.TitleDerived, a.Standfirst, nonNil(a.Authors), published,
		revPub, int32(offset), name, int16(a.DatePrecision), day, month, nonNil(a.Problems), int32(a.Words()), int32(a.Quotations()),
		speakerText(a), foldJoin(a.Authors), foldSource(a), capText(d.String(), maxSearch)}
}

// speakerText is the folded names an article's quotations give their
// speakers (canonical and as written).
func speakerText(a *model.Article) string {
	seen := map[string]bool{}
	var b strings.Builder
	for _, q := range a.Quotes {
		for _, name := range [2]string{q.Speaker, q.Mention} {
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			b.WriteString(model.Fold(name))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

var quoteColumns = []string{"id", "article", "idx", "kind", "quotation", "text", "speaker", "mention", "role", "cue",
	"partial", "paragraph", "start_at", "end_at", "end_paragraph", "grp", "spk_key", "source", "rev_pub", "art_ident",
	"day", "month", "s_a", "s_b", "s_c", "s_d"}

func quoteCopyRow(a *model.Article, k, id, art int, counts map[string]bool, counted func(*model.Quote) bool, authors, source string) []any {
	q := &a.Quotes[k]
	var grp, spk, day, month any
	var sa, sb, sc, sd any
	if q.IsQuotation() {
		grp = q.Who()
		if q.Speaker != "" && counts[strings.ToLower(q.Speaker)] && (counted == nil || counted(q)) {
			spk = strings.ToLower(q.Speaker)
		}
		who := model.Fold(q.Speaker)
		if q.Mention != "" && q.Mention != q.Speaker {
			who += "\n" + model.Fold(q.Mention)
		}
		sa, sb, sc, sd = who, authors, source, capText(model.Fold(q.Text), maxSearch)
	}
	revPub := int64(math.MaxInt64)
	if a.Dated() {
		revPub = -a.Published.UnixNano()
		day = int32(model.Day(a.Published))
		month = int16(a.Published.Month())
	}
	return []any{id, art, int32(k), int16(q.Kind), q.IsQuotation(), q.Text, q.Speaker, q.Mention, q.Role, q.Cue,
		q.Partial, q.Paragraph, q.Start, q.End, q.EndParagraph, grp, spk, a.Source, revPub, a.ID,
		day, month, sa, sb, sc, sd}
}

func foldJoin(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = model.Fold(s)
	}
	return strings.Join(out, "\n")
}

// artRef is an article of a batch and the file it came from.
type artRef struct {
	a    *model.Article
	file int
}

// creditKey is the credit an article's search vector holds besides its
// source: "" when the credit is empty or the source itself.
func creditKey(a *model.Article) string {
	if a.Credit != "" && a.Credit != a.Source {
		return a.Credit
	}
	return ""
}

// creditKeySQL is creditKey over an articles row (alias a).
const creditKeySQL = `(CASE WHEN a.credit <> '' AND a.credit <> a.source THEN a.credit ELSE '' END)`

// writeSourceTags records the (source, credit) pairs of a batch's
// articles with the tagged words their vectors get from them (as
// byline_article_tsv makes them from foldSource), for the source:
// predicate (schema version 4).
func writeSourceTags(ctx context.Context, tx pgx.Tx, arts []artRef) error {
	seen := map[[2]string]bool{}
	var keys, credits, texts []string
	for _, r := range arts {
		k := [2]string{model.Fold(r.a.Source), creditKey(r.a)}
		if seen[k] {
			continue
		}
		seen[k] = true
		keys, credits, texts = append(keys, k[0]), append(credits, k[1]), append(texts, foldSource(r.a))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO source_tags (src_key, credit, tags)
		SELECT k, c, byline_tags(setweight(to_tsvector('simple', t), 'C'))
		FROM unnest($1::text[], $2::text[], $3::text[]) AS u(k, c, t)
		ON CONFLICT (src_key, credit) DO NOTHING`, keys, credits, texts); err != nil {
		return fmt.Errorf("writing source tags: %w", err)
	}
	return nil
}

func foldSource(a *model.Article) string {
	src := model.Fold(a.Source)
	if c := creditKey(a); c != "" {
		src += "\n" + model.Fold(c)
	}
	return src
}

func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// bulkIndexes are the indexes a bulk load drops and builds again at the
// end: building an index over a table at once is several times faster
// than keeping it while millions of rows arrive (the text-search GIN
// indexes above all). Primary keys, unique IDs and the indexes that
// deletes follow stay.
var bulkIndexes = []string{"articles_by_date", "articles_by_source", "articles_by_quotes", "articles_day", "articles_tsv",
	"quotes_by_date", "quotes_by_group", "quotes_speaker", "quotes_tsv"}

// BeginBulk drops bulkIndexes for a load that writes much more than the
// database holds; Finish builds them again. Browsing meanwhile is correct
// but slow.
func (w *Writer) BeginBulk(ctx context.Context) error {
	return pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error {
		for _, name := range bulkIndexes {
			if _, err := tx.Exec(ctx, `INSERT INTO dropped_indexes (name, def)
				SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1
				ON CONFLICT (name) DO NOTHING`, name); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DROP INDEX IF EXISTS `+pgx.Identifier{name}.Sanitize()); err != nil {
				return err
			}
		}
		return nil
	})
}

// rebuildIndexes makes the indexes a bulk load dropped.
func (w *Writer) rebuildIndexes(ctx context.Context, progress func(string)) error {
	rows, err := w.conn.Query(ctx, `SELECT name, def FROM dropped_indexes ORDER BY name`)
	if err != nil {
		return err
	}
	type idx struct{ name, def string }
	var todo []idx
	for rows.Next() {
		var i idx
		if err := rows.Scan(&i.name, &i.def); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(todo) > 0 {
		if _, err := w.conn.Exec(ctx, `SET maintenance_work_mem = '512MB'`); err != nil {
			return err
		}
	}
	for _, i := range todo {
		if progress != nil {
			progress(i.name)
		}
		def := strings.Replace(i.def, "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
		if _, err := w.conn.Exec(ctx, def); err != nil {
			return fmt.Errorf("building index %s: %w", i.name, err)
		}
		if _, err := w.conn.Exec(ctx, `DELETE FROM dropped_indexes WHERE name = $1`, i.name); err != nil {
			return err
		}
	}
	return nil
}

// Finish recomputes what is derived from the whole database: speakers
// (counts, roles, sources, rank) from the quotations that count for them,
// the quotes list's speaker groups, the sources in use and the counts the
// browser shows; then refreshes the planner's statistics.
func (w *Writer) Finish(ctx context.Context, roots []int, progress func(string)) error {
	if err := w.rebuildIndexes(ctx, progress); err != nil {
		return err
	}
	if progress != nil {
		progress("speakers and counts")
	}
	err := pgx.BeginFunc(ctx, w.conn, func(tx pgx.Tx) error {
		for _, r := range roots {
			if _, err := tx.Exec(ctx, `UPDATE roots SET indexed = now() WHERE id = $1`, r); err != nil {
				return err
			}
		}
		steps := []struct{ what, sql string }{
			{"speakers", `DELETE FROM speakers`},
			{"speakers", `
WITH counted AS (
	SELECT spk_key AS key, article, role, source FROM quotes WHERE spk_key IS NOT NULL
), agg AS (
	SELECT key, count(*) AS quotes, count(DISTINCT article) AS articles,
		coalesce(array_agg(DISTINCT source COLLATE "C" ORDER BY source COLLATE "C") FILTER (WHERE source <> ''), '{}') AS sources
	FROM counted GROUP BY key
), roles AS (
	SELECT DISTINCT ON (key) key, role FROM (
		SELECT key, role, count(*) AS n FROM counted WHERE role <> '' GROUP BY key, role) r
	ORDER BY key, n DESC, role COLLATE "C"
), names AS (
	SELECT key, min(name COLLATE "C") AS name, max(kind) AS kind FROM speaker_names GROUP BY key
), aliases AS (
	SELECT sn.key, array_agg(DISTINCT al COLLATE "C" ORDER BY al COLLATE "C") AS aliases
	FROM speaker_names sn CROSS JOIN LATERAL unnest(sn.aliases) al GROUP BY sn.key
)
INSERT INTO speakers (id, rank, key, name, kind, role, aliases, quotes, articles, sources, tsv)
SELECT r, r, key, name, kind, role, aliases, quotes, articles, sources, ts_filter(v, '{a,d}') || byline_tags(v)
FROM (SELECT *,
	setweight(to_tsvector('simple', byline_fold(name || ' ' || array_to_string(aliases, ' '))), 'A') ||
	setweight(to_tsvector('simple', byline_fold(array_to_string(sources, ' '))), 'C') ||
	to_tsvector('simple', byline_fold(role)) AS v
FROM (
	SELECT row_number() OVER (ORDER BY agg.quotes DESC, names.name COLLATE "C") AS r, agg.key, names.name, names.kind,
		coalesce(roles.role, '') AS role,
		coalesce(ARRAY(SELECT x FROM unnest(aliases.aliases) x WHERE x <> names.name), '{}') AS aliases,
		agg.quotes, agg.articles, agg.sources
	FROM agg JOIN names USING (key) LEFT JOIN roles USING (key) LEFT JOIN aliases USING (key)
) s) s`},
			{"speaker groups", `DELETE FROM quote_groups`},
			{"speaker groups", `
WITH RECURSIVE g AS (
	(SELECT grp FROM quotes WHERE quotation ORDER BY grp LIMIT 1)
	UNION ALL
	SELECT (SELECT grp FROM quotes WHERE quotation AND grp > g.grp ORDER BY grp LIMIT 1) FROM g WHERE g.grp IS NOT NULL
)
INSERT INTO quote_groups (grp, rank)
SELECT grp, row_number() OVER (ORDER BY s.rank IS NULL, s.rank,
	CASE grp WHEN '` + model.InHeadline + `' THEN 1 WHEN '` + model.SpeakerUnknown + `' THEN 2 ELSE 0 END,
	f.rev_pub, f.art_ident, f.idx)
FROM g LEFT JOIN speakers s ON s.name = g.grp
CROSS JOIN LATERAL (SELECT q.rev_pub, q.art_ident, q.idx FROM quotes q WHERE q.quotation AND q.grp = g.grp
	ORDER BY q.rev_pub, q.art_ident, q.idx LIMIT 1) f
WHERE g.grp IS NOT NULL`},
			{"problems", `UPDATE problems p SET n = r.n FROM (
	SELECT p.id, row_number() OVER (ORDER BY p.root, p.file IS NOT NULL, f.ord, p.ord) - 1 AS n
	FROM problems p LEFT JOIN files f ON f.id = p.file) r
WHERE p.id = r.id AND p.n IS DISTINCT FROM r.n`},
			{"sources", `DELETE FROM sources s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.src_key = s.key AND a.source = s.name)`},
			{"source tags", `DELETE FROM source_tags t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.src_key = t.src_key AND ` + creditKeySQL + ` = t.credit)`},
			{"counts", `UPDATE stats SET
	stories = (SELECT count(*) FROM articles),
	quotations = (SELECT count(*) FROM quotes WHERE quotation),
	speakers = (SELECT count(*) FROM speakers),
	problems = (SELECT count(*) FROM problems),
	source_width = (SELECT coalesce(max(width), 0) FROM sources),
	sourced = (SELECT count(*) FROM articles WHERE source <> ''),
	dated = EXISTS (SELECT 1 FROM articles WHERE day IS NOT NULL),
	timed = EXISTS (SELECT 1 FROM articles WHERE precision = 2),
	updated = now()`},
		}
		for _, s := range steps {
			if _, err := tx.Exec(ctx, s.sql); err != nil {
				return fmt.Errorf("computing %s: %w", s.what, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if progress != nil {
		progress("planner statistics")
	}
	_, err = w.conn.Exec(ctx, `ANALYZE`)
	return err
}
