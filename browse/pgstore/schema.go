// Package pgstore keeps a corpus in PostgreSQL: Index writes what byline
// made of a corpus's files (articles, paragraphs, quotations, speakers and
// their aliases, removed blocks, problems), and Store is a browse.Store
// reading it, so the TUI, `byline serve` and the --json commands work on a
// corpus far larger than one process's memory, shared by many processes.
//
// The schema is versioned (schema_version, migrations below); a database
// written by a newer byline is refused with a message, never misread.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrations are applied in order, each once, each in its own transaction;
// schema_version records them. Never edit one that has shipped: add the
// next.
var migrations = []string{
	1: `
CREATE TABLE schema_version (
	version integer PRIMARY KEY,
	byline  text NOT NULL,
	applied timestamptz NOT NULL DEFAULT now()
);

-- The roots byline index was given; deleting a file that vanished from a
-- root is scoped to that root.
CREATE TABLE roots (
	id      serial PRIMARY KEY,
	path    text NOT NULL UNIQUE,
	indexed timestamptz
);

-- One row per file, keyed as the corpus cache keys it (path, ID, size,
-- modification time); digest is a hash of what the file produced, so a
-- re-index rewrites only files whose articles changed.
CREATE TABLE files (
	id       integer PRIMARY KEY,
	root     integer NOT NULL REFERENCES roots ON DELETE CASCADE,
	path     text NOT NULL UNIQUE,
	walk_id  text NOT NULL,
	size     bigint NOT NULL,
	mod_time bigint NOT NULL,
	digest   bytea,
	ord      integer NOT NULL
);
CREATE INDEX files_root ON files (root);
CREATE SEQUENCE files_id_seq;

-- Articles without their bodies (bodies are fetched when one is opened).
-- rev_pub orders newest first with every index ascending: minus the
-- publication time in nanoseconds, undated articles last (the maximum).
CREATE TABLE articles (
	id            integer PRIMARY KEY,
	file          integer NOT NULL REFERENCES files ON DELETE CASCADE,
	ident         text COLLATE "C" NOT NULL UNIQUE,
	path          text NOT NULL,
	format        text NOT NULL,
	url           text NOT NULL,
	language      text NOT NULL,
	source        text NOT NULL,
	credit        text NOT NULL,
	source_from   text NOT NULL,
	page_dump     boolean NOT NULL,
	src_key       text COLLATE "C" NOT NULL,
	title         text NOT NULL,
	title_derived boolean NOT NULL,
	standfirst    text NOT NULL,
	authors       text[] NOT NULL,
	published     timestamptz,
	rev_pub       bigint NOT NULL,
	zone_offset   integer NOT NULL,
	zone_name     text NOT NULL,
	precision     smallint NOT NULL,
	day           integer,
	month         smallint,
	problems      text[] NOT NULL,
	words         integer NOT NULL,
	quotes        integer NOT NULL,
	tsv           tsvector NOT NULL,
	-- What the trigger makes tsv of, then clears: quoted speakers (weight
	-- A), authors (B), source and credit (C), title, standfirst, body (D),
	-- folded (lower case, accents removed) by byline.
	s_a text, s_b text, s_c text, s_d text
);
CREATE SEQUENCE articles_id_seq;
CREATE INDEX articles_by_date ON articles (rev_pub, ident);
CREATE INDEX articles_by_source ON articles (src_key, rev_pub, ident);
CREATE INDEX articles_by_quotes ON articles ((-quotes), rev_pub, ident);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_file ON articles (file);
CREATE INDEX articles_tsv ON articles USING gin (tsv);

CREATE FUNCTION byline_article_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.s_a, '')), 'A') ||
		setweight(to_tsvector('simple', coalesce(NEW.s_b, '')), 'B') ||
		setweight(to_tsvector('simple', coalesce(NEW.s_c, '')), 'C') ||
		to_tsvector('simple', coalesce(NEW.s_d, ''));
	NEW.s_a := NULL; NEW.s_b := NULL; NEW.s_c := NULL; NEW.s_d := NULL;
	RETURN NEW;
END $$;
CREATE TRIGGER articles_tsv BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION byline_article_tsv();

-- An article's paragraphs and the blocks cleaning removed, with reasons.
CREATE TABLE bodies (
	article        integer PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
	paragraphs     text[] NOT NULL,
	removed_text   text[] NOT NULL,
	removed_reason text[] NOT NULL
);

-- Every quotation, and quoted terms (quotation false). The article's sort
-- key and ID are repeated so the quotes lists page on one index.
-- grp is the speaker group the quotes list shows it under; spk_key the
-- speaker (lower case) it counts for, when it counts.
CREATE TABLE quotes (
	id            integer PRIMARY KEY,
	article       integer NOT NULL REFERENCES articles ON DELETE CASCADE,
	idx           integer NOT NULL,
	kind          smallint NOT NULL,
	quotation     boolean NOT NULL,
	text          text NOT NULL,
	speaker       text NOT NULL,
	mention       text NOT NULL,
	role          text NOT NULL,
	cue           text NOT NULL,
	partial       boolean NOT NULL,
	paragraph     integer NOT NULL,
	start_at      integer NOT NULL,
	end_at        integer NOT NULL,
	end_paragraph integer NOT NULL,
	grp           text COLLATE "C",
	spk_key       text,
	source        text NOT NULL,
	rev_pub       bigint NOT NULL,
	art_ident     text COLLATE "C" NOT NULL,
	day           integer,
	month         smallint,
	tsv           tsvector,
	-- speaker and mention (A), the article's authors (B), source (C), the
	-- quotation (D); cleared by the trigger.
	s_a text, s_b text, s_c text, s_d text
);
CREATE SEQUENCE quotes_id_seq;
CREATE UNIQUE INDEX quotes_article ON quotes (article, idx);
CREATE INDEX quotes_by_date ON quotes (rev_pub, art_ident, idx) WHERE quotation;
CREATE INDEX quotes_by_group ON quotes (grp, rev_pub, art_ident, idx) WHERE quotation;
CREATE INDEX quotes_speaker ON quotes (spk_key) WHERE spk_key IS NOT NULL;
CREATE INDEX quotes_tsv ON quotes USING gin (tsv) WHERE quotation;

CREATE FUNCTION byline_quote_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.quotation THEN
		NEW.tsv := setweight(to_tsvector('simple', coalesce(NEW.s_a, '')), 'A') ||
			setweight(to_tsvector('simple', coalesce(NEW.s_b, '')), 'B') ||
			setweight(to_tsvector('simple', coalesce(NEW.s_c, '')), 'C') ||
			to_tsvector('simple', coalesce(NEW.s_d, ''));
	END IF;
	NEW.s_a := NULL; NEW.s_b := NULL; NEW.s_c := NULL; NEW.s_d := NULL;
	RETURN NEW;
END $$;
CREATE TRIGGER quotes_tsv BEFORE INSERT ON quotes FOR EACH ROW EXECUTE FUNCTION byline_quote_tsv();

-- The speakers byline's merge found, per root (aliases and kind come from
-- the merge; counts are recomputed from quotes after every index).
CREATE TABLE speaker_names (
	root    integer NOT NULL REFERENCES roots ON DELETE CASCADE,
	key     text NOT NULL,
	name    text NOT NULL,
	kind    text NOT NULL,
	aliases text[] NOT NULL,
	PRIMARY KEY (root, key)
);

-- Speakers as listed: most quoted first (rank).
CREATE TABLE speakers (
	id       integer PRIMARY KEY,
	rank     integer NOT NULL UNIQUE,
	key      text NOT NULL UNIQUE,
	name     text COLLATE "C" NOT NULL,
	kind     text NOT NULL,
	role     text NOT NULL,
	aliases  text[] NOT NULL,
	quotes   integer NOT NULL,
	articles integer NOT NULL,
	sources  text[] NOT NULL,
	tsv      tsvector NOT NULL
);
CREATE INDEX speakers_tsv ON speakers USING gin (tsv);

-- The groups of the quotes list by speaker, in order: speakers as ranked,
-- other names, then quotations in headlines and those without a speaker.
CREATE TABLE quote_groups (
	grp  text COLLATE "C" PRIMARY KEY,
	rank integer NOT NULL UNIQUE
);

-- Distinct sources and their display widths.
CREATE TABLE sources (
	name  text PRIMARY KEY,
	key   text COLLATE "C" NOT NULL,
	width integer NOT NULL
);

-- Files that could not be loaded (file NULL: found by the walk of root).
CREATE TABLE problems (
	id     serial PRIMARY KEY,
	root   integer NOT NULL REFERENCES roots ON DELETE CASCADE,
	file   integer REFERENCES files ON DELETE CASCADE,
	ord    integer NOT NULL,
	path   text NOT NULL,
	reason text NOT NULL,
	n      integer -- position in the list, kept by every index
);
CREATE INDEX problems_file ON problems (file);
CREATE INDEX problems_n ON problems (n);

-- Indexes a bulk load dropped, to be made again when it ends (or by the
-- next index, if it never did).
CREATE TABLE dropped_indexes (
	name text PRIMARY KEY,
	def  text NOT NULL
);

-- Counts for the browser, recomputed after every index.
CREATE TABLE stats (
	one          boolean PRIMARY KEY DEFAULT true CHECK (one),
	stories      bigint NOT NULL DEFAULT 0,
	quotations   bigint NOT NULL DEFAULT 0,
	speakers     bigint NOT NULL DEFAULT 0,
	problems     bigint NOT NULL DEFAULT 0,
	source_width integer NOT NULL DEFAULT 0,
	sourced      bigint NOT NULL DEFAULT 0,
	dated        boolean NOT NULL DEFAULT false,
	timed        boolean NOT NULL DEFAULT false,
	updated      timestamptz
);
INSERT INTO stats DEFAULT VALUES;

-- A word or phrase as a text-search query: the words of term as the
-- 'simple' configuration parses them, in order (<->), the last a prefix
-- (as the user types), restricted to the weights given ('' for any).
CREATE FUNCTION byline_tsquery(term text, weights text) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT string_agg('''' || replace(replace(l, '\', '\\'), '''', '''''') || '''' ||
		CASE WHEN n = total THEN ':*' || weights WHEN weights <> '' THEN ':' || weights ELSE '' END,
		' <-> ' ORDER BY n)
	FROM (SELECT l, n, count(*) OVER () AS total
		FROM (SELECT l, row_number() OVER () AS n
			FROM ts_debug('simple', term) d, unnest(d.lexemes) l) s) t
$$;

-- Folding as byline's Fold does it, for text folded in SQL (speakers'
-- names, roles and sources): lower case, Latin accents removed.
CREATE FUNCTION byline_fold(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT translate(lower(s),
		'àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž’‘“”',
		'aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz''''""')
$$;
`,
	2: `
-- Qualifiers (source:, author:, speaker:) as lexemes of their own: each word
-- of a field is also indexed tagged with it ('s|guardian', 'a|smith',
-- 'p|okafor'), so a qualifier is one GIN lookup instead of a lookup of the
-- word anywhere and a check of its weight in every row that has it (32 s
-- for a source: at 1M articles). The words of a quotation's article's
-- authors leave the quotation's plain words (they match author: only).
CREATE FUNCTION byline_tags(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(array_to_tsvector(ARRAY(
		SELECT DISTINCT CASE w WHEN 'A' THEN 'p|' WHEN 'B' THEN 'a|' ELSE 's|' END || u.lexeme
		FROM unnest(v) u, unnest(u.weights) w WHERE w IN ('A', 'B', 'C'))), ''::tsvector)
$$;

CREATE OR REPLACE FUNCTION byline_article_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v tsvector;
BEGIN
	v := setweight(to_tsvector('simple', coalesce(NEW.s_a, '')), 'A') ||
		setweight(to_tsvector('simple', coalesce(NEW.s_b, '')), 'B') ||
		setweight(to_tsvector('simple', coalesce(NEW.s_c, '')), 'C') ||
		to_tsvector('simple', coalesce(NEW.s_d, ''));
	NEW.tsv := v || byline_tags(v);
	NEW.s_a := NULL; NEW.s_b := NULL; NEW.s_c := NULL; NEW.s_d := NULL;
	RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION byline_quote_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v tsvector;
BEGIN
	IF NEW.quotation THEN
		v := setweight(to_tsvector('simple', coalesce(NEW.s_a, '')), 'A') ||
			setweight(to_tsvector('simple', coalesce(NEW.s_b, '')), 'B') ||
			setweight(to_tsvector('simple', coalesce(NEW.s_c, '')), 'C') ||
			to_tsvector('simple', coalesce(NEW.s_d, ''));
		NEW.tsv := ts_filter(v, '{a,c,d}') || byline_tags(v);
	END IF;
	NEW.s_a := NULL; NEW.s_b := NULL; NEW.s_c := NULL; NEW.s_d := NULL;
	RETURN NEW;
END $$;

DROP INDEX IF EXISTS articles_tsv;
UPDATE articles SET tsv = tsv || byline_tags(tsv);
CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING gin (tsv);
DROP INDEX IF EXISTS quotes_tsv;
UPDATE quotes SET tsv = ts_filter(tsv, '{a,c,d}') || byline_tags(tsv) WHERE quotation;
CREATE INDEX IF NOT EXISTS quotes_tsv ON quotes USING gin (tsv) WHERE quotation;
UPDATE speakers SET tsv = ts_filter(tsv, '{a,d}') || byline_tags(tsv);
DELETE FROM dropped_indexes WHERE name IN ('articles_tsv', 'quotes_tsv');

-- A word or phrase as a text-search query: the words of term as the
-- 'simple' configuration parses them. Untagged (any field): in order
-- (<->), the last a prefix (as the user types). Tagged (a qualifier):
-- each word a prefix of the field's tagged words.
DROP FUNCTION byline_tsquery(text, text);
CREATE FUNCTION byline_tsquery(term text, tag text) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN tag = '' THEN
		string_agg('''' || replace(replace(l, '\', '\\'), '''', '''''') || '''' ||
			CASE WHEN n = total THEN ':*' ELSE '' END, ' <-> ' ORDER BY n)
	ELSE
		string_agg('''' || replace(replace(tag || '|' || l, '\', '\\'), '''', '''''') || ''':*', ' & ' ORDER BY n)
	END
	FROM (SELECT l, n, count(*) OVER () AS total
		FROM (SELECT l, row_number() OVER () AS n
			FROM ts_debug('simple', term) d, unnest(d.lexemes) l) s) t
$$;
`,
	3: `
-- Stories across outlets and quotation echoes (package stories), computed
-- by byline index after it writes. New tables only: migrating a large
-- database adds them empty, and the next index fills them.

-- Each article's text key (stories.TextKey): what its features are kept by.
CREATE TABLE article_texts (
	article  integer PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
	text_key bigint NOT NULL
);
CREATE INDEX article_texts_key ON article_texts (text_key);

-- The clustering features of each distinct text (stories.AppendFeatures),
-- computed once: a re-index computes only new texts'.
CREATE TABLE story_texts (
	key      bigint PRIMARY KEY,
	features bytea NOT NULL
);

-- The stories, rank the by-story order (newest activity first, then
-- undated ones, largest first); articles are the members' IDs, oldest
-- first. first_pub and last_pub as articles' rev_pub (NULL: undated).
CREATE TABLE stories (
	rank          integer PRIMARY KEY,
	ident         text COLLATE "C" NOT NULL,
	label         text NOT NULL,
	label_article text NOT NULL,
	sources       text[] NOT NULL,
	articles      text[] NOT NULL,
	first_pub     bigint,
	first_offset  integer,
	first_zone    text,
	last_pub      bigint,
	last_offset   integer,
	last_zone     text,
	quotes        integer NOT NULL,
	echoed        integer NOT NULL
);

-- Each article's story (rank; NULL when it is in none with another) and
-- its place in the by-story order: stories of two or more articles first,
-- then the others newest first.
CREATE TABLE story_articles (
	article integer PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
	story   integer,
	ord     integer NOT NULL
);
CREATE INDEX story_articles_ord ON story_articles (ord);

-- Quotations found in several articles: the appearances (article, index
-- of the quotation), the first first; members are the articles carrying
-- it, copies of a text included, in the order stories.Echo.Others gives.
CREATE TABLE echoes (
	id       integer PRIMARY KEY,
	speaker  text NOT NULL,
	arts     text[] NOT NULL,
	idxs     integer[] NOT NULL,
	members  text[] NOT NULL
);

-- Each quotation that is an echo's: which, and how many other articles
-- carry it.
CREATE TABLE quote_echoes (
	article integer NOT NULL REFERENCES articles ON DELETE CASCADE,
	idx     integer NOT NULL,
	echo    integer NOT NULL,
	others  integer NOT NULL,
	PRIMARY KEY (article, idx)
);

-- When the stories were last computed (no row: never, e.g. a database
-- indexed before version 3 and not re-indexed since), and the links the
-- clustering scored (stories.State.Links, encoded): a re-index that
-- changed few texts scores only pairs with a changed side.
CREATE TABLE story_stats (
	one      boolean PRIMARY KEY DEFAULT true CHECK (one),
	byline   text NOT NULL,
	built    timestamptz NOT NULL,
	articles bigint NOT NULL,
	stories  bigint NOT NULL,
	echoes   bigint NOT NULL,
	links    bytea
);
`,
	4: `
-- The source: qualifier as a predicate. Each distinct (source, credit)
-- an article carries, and the tagged words ('s|…') its search vector
-- gets from them: a source: term is matched against these few rows, and
-- the list is filtered on src_key (articles_by_source) instead of on each
-- row's search vector, which a walk in date order would read (detoast)
-- row by row (65–110 ms for a source of a million articles). credit is ''
-- when the article's credit is empty or its source, as its vector has it.
CREATE TABLE source_tags (
	src_key text COLLATE "C" NOT NULL,
	credit  text NOT NULL,
	tags    tsvector NOT NULL,
	PRIMARY KEY (src_key, credit)
);
-- A corpus indexed before: each pair's tags from one of its articles'
-- vectors (the same words, by construction): one read of the table for
-- the pairs and an article of each, then that article by its key.
INSERT INTO source_tags (src_key, credit, tags)
SELECT p.src_key, p.credit, coalesce((
	SELECT array_to_tsvector(ARRAY(SELECT l FROM unnest(tsvector_to_array(a.tsv)) l WHERE l LIKE 's|%'))
	FROM articles a WHERE a.id = p.id), ''::tsvector)
FROM (SELECT src_key, CASE WHEN credit <> '' AND credit <> source THEN credit ELSE '' END AS credit, min(id) AS id
	FROM articles GROUP BY 1, 2) p;
`,
}

// SchemaVersion is the newest schema this byline writes and reads.
var SchemaVersion = len(migrations) - 1

// ErrNewerSchema means the database was written by a newer byline.
var ErrNewerSchema = errors.New("database written by a newer byline")

// ErrNoSchema means the database holds no byline corpus yet.
var ErrNoSchema = errors.New("no byline corpus in this database")

// ErrReadOnly means the connection may not write: a read-only role, or a
// replica.
var ErrReadOnly = errors.New("database is read-only for this role")

// Connect opens a connection pool to url with byline's session settings.
func Connect(ctx context.Context, dbURL string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("--db: not a PostgreSQL URL or connection string (%s): %w", Redact(dbURL), unwrapParse(err))
	}
	rp := cfg.ConnConfig.RuntimeParams
	if rp == nil {
		rp = map[string]string{}
		cfg.ConnConfig.RuntimeParams = rp
	}
	// A filter's plan depends on its words (how common they are): plan
	// each with its values, never a generic plan.
	rp["plan_cache_mode"] = "force_custom_plan"
	// No JIT unless the URL's own jit parameter asks for it (a startup
	// parameter: it overrides the server's, the role's and PGOPTIONS'
	// setting): a list's queries are LIMITed windows whose estimated costs
	// still pass jit_above_cost on a large corpus, and compiling costs
	// 10–100 ms of a keystroke whatever the rows (measured on the quotes
	// list at 1M). byline index's aggregates run without it too.
	if _, ok := rp["jit"]; !ok {
		rp["jit"] = "off"
	}
	if _, ok := rp["application_name"]; !ok {
		rp["application_name"] = "byline"
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("--db %s: %w", Redact(dbURL), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("--db %s: cannot connect: %w", Redact(dbURL), Unreachable(err))
	}
	return pool, nil
}

// unwrapParse drops pgx's echo of the whole connection string (which may
// hold a password) from a parse error.
func unwrapParse(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap()
	}
	if errors.As(err, &pe) {
		// Error() repeats the connection string: keep what follows it.
		msg := pe.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return errors.New(msg)
	}
	return err
}

// Redact hides the password in a database URL, for messages.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return passwordInURL.ReplaceAllString(s, "${1}xxxxx@")
	}
	if u.User == nil {
		if i := strings.Index(s, "password="); i >= 0 {
			end := strings.IndexByte(s[i:], ' ')
			if end < 0 {
				end = len(s) - i
			}
			return s[:i] + "password=xxxxx" + s[i+end:]
		}
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

var passwordInURL = regexp.MustCompile(`(://[^:/@]*:)[^@]*@`)

// Unreachable turns a connection failure into a short reason.
func Unreachable(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s", pe.Message)
	}
	return err
}

// version reads the schema version (0: no byline schema).
func version(ctx context.Context, q querier) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// CheckReadable fails unless the database holds a corpus of a schema this
// byline reads.
func CheckReadable(ctx context.Context, pool *pgxpool.Pool) error {
	v, err := version(ctx, pool)
	if err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	switch {
	case v == 0:
		return fmt.Errorf("%w: run `byline index --db URL PATH...` first", ErrNoSchema)
	case v > SchemaVersion:
		return newer(v)
	case v < SchemaVersion:
		return fmt.Errorf("the database's schema is version %d, this byline's %d: run `byline index --db URL PATH...` to upgrade it", v, SchemaVersion)
	}
	return nil
}

func newer(v int) error {
	return fmt.Errorf("%w (schema version %d; this byline reads up to %d): upgrade byline to read it", ErrNewerSchema, v, SchemaVersion)
}

// Migrate brings the schema up to date. It refuses a newer schema, and a
// connection that may not write.
func Migrate(ctx context.Context, pool *pgxpool.Pool, byline string) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if err := checkWritable(ctx, conn.Conn()); err != nil {
		return err
	}
	// One migrator at a time.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(7316001)`); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7316001)`)
	v, err := version(ctx, conn)
	if err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if v > SchemaVersion {
		return newer(v)
	}
	for next := v + 1; next <= SchemaVersion; next++ {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, migrations[next]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version, byline) VALUES ($1, $2)`, next, byline)
			return err
		})
		if err != nil {
			if isPermission(err) {
				return fmt.Errorf("%w: creating byline's tables needs the CREATE privilege on the schema (%v)", ErrReadOnly, Unreachable(err))
			}
			return fmt.Errorf("migrating the schema to version %d: %w", next, err)
		}
	}
	return nil
}

// checkWritable fails early, with a clear reason, on a read-only
// transaction (a replica) or a role without the privileges index needs.
func checkWritable(ctx context.Context, conn *pgx.Conn) error {
	var ro string
	if err := conn.QueryRow(ctx, `SHOW transaction_read_only`).Scan(&ro); err != nil {
		return err
	}
	if ro == "on" {
		return fmt.Errorf("%w: transactions are read-only here (a replica, or default_transaction_read_only)", ErrReadOnly)
	}
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('articles') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	var ok bool
	var err error
	if exists {
		err = conn.QueryRow(ctx, `SELECT bool_and(has_table_privilege(t, 'INSERT, UPDATE, DELETE'))
			FROM unnest(ARRAY['roots','files','articles','bodies','quotes','speakers','speaker_names','quote_groups','sources','problems','stats','dropped_indexes',
				'article_texts','story_texts','stories','story_articles','echoes','quote_echoes','story_stats','source_tags']) t
			WHERE to_regclass(t) IS NOT NULL`).Scan(&ok)
	} else {
		err = conn.QueryRow(ctx, `SELECT has_schema_privilege(current_schema(), 'CREATE')`).Scan(&ok)
	}
	if err != nil {
		return err
	}
	if !ok {
		var role string
		conn.QueryRow(ctx, `SELECT current_user`).Scan(&role)
		if exists {
			return fmt.Errorf("%w: role %q may read but not write byline's tables (index needs INSERT, UPDATE and DELETE on them; browsing works)", ErrReadOnly, role)
		}
		return fmt.Errorf("%w: role %q may not create tables in schema %s (index needs CREATE on it)", ErrReadOnly, role, "current_schema()")
	}
	return nil
}

func isPermission(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "42501" || pe.Code == "25006")
}
