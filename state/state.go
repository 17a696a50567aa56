// Package state is a reader's state: which stories they read, the stories
// and quotations they starred, the filters they typed and saved. It lives
// in one SQLite database (modernc.org/sqlite: pure Go, no cgo), by default
// $XDG_STATE_HOME/byline/state.db, in WAL mode, with versioned migrations.
//
// Marks are kept per user ("" for whoever runs byline locally; an SSH key's
// fingerprint under byline serve) and per article under its content key —
// a hash of the article's title and body — and its ID together, with its
// title beside them: a re-load finds a mark exactly (and two files with the
// same title and body keep a mark each), a corpus folder moved or opened
// from another root finds it by content, and a body that a newer byline
// cleans differently by ID and title (view.go says how, in full).
//
// Writes never block the caller: a View changes its marks in memory at once
// and hands the write to one writer goroutine over a channel, which writes
// whatever has queued up in one transaction. A database that is corrupt, or
// is not byline's, is moved aside with a warning and a fresh one is made.
//
// state depends on model only; the TUI reaches it through an interface.
package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the database's name in byline's state folder.
const FileName = "state.db"

// DefaultPath is $XDG_STATE_HOME/byline/state.db, or
// ~/.local/state/byline/state.db when XDG_STATE_HOME is unset.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("state: no XDG_STATE_HOME and no home folder: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "byline", FileName), nil
}

// Options configure Open.
type Options struct {
	// ReadOnly opens the database for reading only: nothing is created,
	// migrated, set aside or written. Views still take marks, for the
	// session only (a shared demo server; a command that only reads).
	ReadOnly bool
	// Warn is told what the user should know (a database set aside, a
	// write that failed); nil discards.
	Warn func(string)
	// onCommit, for tests, is called by the writer after each commit with
	// the ops it wrote.
	onCommit func([]op)
	// onBegin, for tests, is called by the writer when it begins a
	// transaction of n ops.
	onBegin func(n int)
	// queue, for tests, replaces the writer's channel buffer.
	queue int
	// retry, for tests, replaces the first wait before a failed lookup
	// is asked again (1 s).
	retry time.Duration
}

// DB is byline's state database. It is safe for concurrent use; an SSH
// server shares one among all sessions, each user with their own View.
type DB struct {
	path     string
	sql      *sql.DB // nil: no database (read-only and none on disk)
	readOnly bool
	warn     func(string)
	w        *writer
	retry    time.Duration // the first wait before a failed lookup is asked again

	mu    sync.Mutex
	users map[string]*View
}

// ErrNewer is returned for a database written by a newer byline, which
// this one must not change.
var ErrNewer = errors.New("state: the database was written by a newer byline")

// appID marks a SQLite file as byline's state database (PRAGMA
// application_id): "BYLN".
const appID = 0x42594C4E

// migrations take the schema from version i to i+1; PRAGMA user_version
// is the version a database has. Add to the end, never edit one.
var migrations = []string{
	// 1: marks, starred quotations, filter history, saved filters.
	`CREATE TABLE marks (
		user    TEXT NOT NULL,
		key     TEXT NOT NULL, -- content key: hash of title and body
		id      TEXT NOT NULL, -- the article's ID when last marked
		title   TEXT NOT NULL,
		read    INTEGER NOT NULL DEFAULT 0,
		starred INTEGER NOT NULL DEFAULT 0,
		read_at INTEGER,       -- unix seconds
		updated INTEGER NOT NULL,
		PRIMARY KEY (user, key)
	) WITHOUT ROWID;
	CREATE INDEX marks_by_id ON marks (user, id);
	CREATE TABLE quote_stars (
		user    TEXT NOT NULL,
		key     TEXT NOT NULL, -- the article's content key
		quote   TEXT NOT NULL, -- hash of the quotation's text (and its repeat number)
		id      TEXT NOT NULL,
		title   TEXT NOT NULL,
		idx     INTEGER NOT NULL, -- the quotation's index in the article when starred
		text    TEXT NOT NULL,
		updated INTEGER NOT NULL,
		PRIMARY KEY (user, key, quote)
	) WITHOUT ROWID;
	CREATE TABLE filter_history (
		user  TEXT NOT NULL,
		pane  TEXT NOT NULL,
		query TEXT NOT NULL,
		used  INTEGER NOT NULL, -- unix nanoseconds
		PRIMARY KEY (user, pane, query)
	) WITHOUT ROWID;
	CREATE TABLE saved_filters (
		user    TEXT NOT NULL,
		name    TEXT NOT NULL,
		pane    TEXT NOT NULL,
		query   TEXT NOT NULL,
		created INTEGER NOT NULL,
		PRIMARY KEY (user, name)
	) WITHOUT ROWID;`,
	// 2: marks and starred quotations keyed by content key and ID
	// together, so duplicated articles (the same title and body in two
	// files) keep a mark each; see "Where a mark is stored" in view.go.
	`CREATE TABLE marks2 (
		user    TEXT NOT NULL,
		key     TEXT NOT NULL, -- content key: hash of title and body
		id      TEXT NOT NULL, -- the article's ID
		title   TEXT NOT NULL,
		read    INTEGER NOT NULL DEFAULT 0,
		starred INTEGER NOT NULL DEFAULT 0,
		read_at INTEGER,       -- unix seconds
		updated INTEGER NOT NULL,
		PRIMARY KEY (user, key, id)
	) WITHOUT ROWID;
	INSERT INTO marks2 SELECT user, key, id, title, read, starred, read_at, updated FROM marks;
	DROP TABLE marks;
	ALTER TABLE marks2 RENAME TO marks;
	CREATE INDEX marks_by_id ON marks (user, id);
	CREATE TABLE quote_stars2 (
		user    TEXT NOT NULL,
		key     TEXT NOT NULL, -- the article's content key
		id      TEXT NOT NULL, -- the article's ID
		quote   TEXT NOT NULL, -- hash of the quotation's text (and its repeat number)
		title   TEXT NOT NULL,
		idx     INTEGER NOT NULL, -- the quotation's index in the article when starred
		text    TEXT NOT NULL,
		updated INTEGER NOT NULL,
		PRIMARY KEY (user, key, id, quote)
	) WITHOUT ROWID;
	INSERT INTO quote_stars2 SELECT user, key, id, quote, title, idx, text, updated FROM quote_stars;
	DROP TABLE quote_stars;
	ALTER TABLE quote_stars2 RENAME TO quote_stars;`,
}

// Version is the schema version this byline writes.
var Version = len(migrations)

// readableFrom is the oldest schema a read-only open reads as it is (it
// cannot migrate): schema 2 changed only the keys of schema 1's tables,
// not their columns, so every read works on both.
const readableFrom = 1

// Open opens (or creates) the database at path. A file that is corrupt or
// is not byline's state is moved aside (state.db.corrupt-TIME) with a
// warning, and a fresh database takes its place; other errors (a folder
// that cannot be written, a database locked by another program past the
// busy timeout) are returned, and the caller goes on without state.
func Open(path string, opt Options) (*DB, error) {
	warn := opt.Warn
	if warn == nil {
		warn = func(string) {}
	}
	db := &DB{path: path, readOnly: opt.ReadOnly, warn: warn, users: map[string]*View{}, retry: time.Second}
	if opt.retry > 0 {
		db.retry = opt.retry
	}
	if opt.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return db, nil // nothing to read: marks last for the session
		}
		conn, err := open(path, true)
		if err != nil {
			return nil, err
		}
		db.sql = conn
		return db, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	conn, err := open(path, false)
	var bad unusable
	if errors.As(err, &bad) {
		aside, merr := setAside(path)
		if merr != nil {
			return nil, fmt.Errorf("state: %s is unusable (%v) and could not be moved aside: %w", path, bad.reason, merr)
		}
		warn(fmt.Sprintf("state database %s was unusable (%s); moved aside to %s, starting a fresh one", path, bad.reason, aside))
		conn, err = open(path, false)
	}
	if err != nil {
		return nil, err
	}
	db.sql = conn
	db.w = newWriter(conn, warn, opt)
	return db, nil
}

// unusable is a file that is no byline state database: corrupt, or
// another program's.
type unusable struct{ reason string }

func (u unusable) Error() string { return "state: " + u.reason }

// dsn is the URI modernc.org/sqlite opens: WAL (readers never wait for the
// writer), synchronous=NORMAL (a commit survives the process being killed;
// only a power cut can lose the last ones), a busy timeout for a second
// byline writing at the same moment.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String()
}

// open opens path and checks it: intact (quick_check), byline's (its
// application ID, or an empty file), then migrates it to Version.
func open(path string, readOnly bool) (*sql.DB, error) {
	conn, err := sql.Open("sqlite", dsn(path, readOnly))
	if err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	if err := check(conn, readOnly); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func check(conn *sql.DB, readOnly bool) error {
	ctx := context.Background()
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		return classify(err)
	}
	if result != "ok" {
		return unusable{reason: "quick_check: " + firstLine(result)}
	}
	var id, version, tables int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return classify(err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return classify(err)
	}
	switch {
	case id == 0 && tables == 0 && version == 0:
		// A new, empty database.
	case id != appID:
		return unusable{reason: fmt.Sprintf("not a byline state database (application_id %#x, %d schema objects)", id, tables)}
	case version > Version:
		return fmt.Errorf("%w (schema %d; this byline knows up to %d)", ErrNewer, version, Version)
	}
	if readOnly {
		if version < readableFrom {
			return fmt.Errorf("state: the database has schema %d, this byline needs %d: run byline once to upgrade it", version, Version)
		}
		return nil
	}
	for v := version; v < Version; v++ {
		if err := migrate(conn, v); err != nil {
			return err
		}
	}
	return nil
}

// migrate applies migration v (to version v+1) in one transaction.
func migrate(conn *sql.DB, v int) error {
	tx, err := conn.Begin()
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	stmts := []string{migrations[v], fmt.Sprintf("PRAGMA user_version = %d", v+1)}
	if v == 0 {
		stmts = append(stmts, fmt.Sprintf("PRAGMA application_id = %d", appID))
	}
	for _, s := range stmts {
		if _, err := tx.Exec(s); err != nil {
			return fmt.Errorf("state: migration %d: %w", v+1, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("state: migration %d: %w", v+1, classify(err))
	}
	return nil
}

// classify turns SQLite's "this is no database" errors into unusable;
// others (permissions, a lock) stay what they are.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return unusable{reason: firstLine(se.Error())}
		}
	}
	return fmt.Errorf("state: %w", err)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// setAside renames a bad database (and its WAL and shared-memory files)
// to path.corrupt-TIME; it returns the new name.
func setAside(path string) (string, error) {
	aside := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405.000")
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+ext, aside+ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, err
		}
	}
	return aside, nil
}

// Path is the database's file.
func (db *DB) Path() string { return db.path }

// Saving reports whether changes are written (false: read-only).
func (db *DB) Saving() bool { return db.w != nil }

// Flush waits until every change handed to the writer so far is
// committed (or has failed, with a warning).
func (db *DB) Flush() {
	if db.w != nil {
		db.w.flush()
	}
}

// Close writes what is queued and closes the database.
func (db *DB) Close() error {
	// First the changes still waiting for their articles (a lookup
	// corpus's), so that none is dropped by the writer closing.
	db.mu.Lock()
	views := make([]*View, 0, len(db.users))
	for _, v := range db.users {
		views = append(views, v)
	}
	db.mu.Unlock()
	for _, v := range views {
		v.Wait()
	}
	if db.w != nil {
		db.w.close()
	}
	if db.sql != nil {
		return db.sql.Close()
	}
	return nil
}

// Check runs SQLite's integrity_check; "ok" or what is wrong.
func (db *DB) Check() (string, error) {
	if db.sql == nil {
		return "ok", nil
	}
	var r string
	err := db.sql.QueryRow("PRAGMA integrity_check").Scan(&r)
	return r, err
}

// UserCounts are one user's stored marks.
type UserCounts struct {
	User                  string
	Read, Starred, Quotes int
	// Keys are the stories read, each as "CONTENT-KEY ID" (where its
	// mark is stored), sorted: two users with the same list read the same
	// stories.
	Keys []string
}

// Counts are every user's stored marks (for load tests and checks).
func (db *DB) Counts() ([]UserCounts, error) {
	if db.sql == nil {
		return nil, nil
	}
	rows, err := db.sql.Query(`SELECT user, key, id, read, starred FROM marks ORDER BY user, key, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UserCounts
	for rows.Next() {
		var user, key, id string
		var read, starred bool
		if err := rows.Scan(&user, &key, &id, &read, &starred); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].User != user {
			out = append(out, UserCounts{User: user})
		}
		u := &out[len(out)-1]
		if read {
			u.Read++
			u.Keys = append(u.Keys, key+" "+id)
		}
		if starred {
			u.Starred++
		}
	}
	return out, rows.Err()
}
