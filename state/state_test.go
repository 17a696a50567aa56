package state

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"byline/model"
)

// testArticles is a small corpus written for these tests, with IDs under
// prefix (a corpus opened from another folder has other IDs).
func testArticles(prefix string) []*model.Article {
	mk := func(id, title string, body ...string) *model.Article {
		a := &model.Article{ID: prefix + id, Title: title, Body: body}
		return a
	}
	a := mk("harbour/strike", "Dockworkers walk out at Port Alder",
		"Dockworkers at Port Alder walked out on Monday.",
		"“We have waited long enough,” said Tomas Okafor, the union’s general secretary.")
	a.Quotes = []model.Quote{{Text: "We have waited long enough,", Speaker: "Tomas Okafor", Kind: model.KindQuote, Paragraph: 1}}
	b := mk("harbour/deal", "Deal ends the Port Alder strike",
		"The strike is over.", "“Nobody wins a strike,” Mr Okafor said.", "“Nobody wins a strike,” he said again.")
	b.Quotes = []model.Quote{
		{Text: "Nobody wins a strike,", Speaker: "Tomas Okafor", Kind: model.KindQuote, Paragraph: 1},
		{Text: "Nobody wins a strike,", Speaker: "Tomas Okafor", Kind: model.KindQuote, Paragraph: 2},
	}
	c := mk("summit/day-one", "Summit opens with a row", "The summit opened in a row over fishing rights.")
	return []*model.Article{a, b, c}
}

func corpusOf(arts []*model.Article) *Corpus {
	return NewCorpus(model.NewCorpus(arts, nil, nil))
}

func openTest(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(path, Options{Warn: func(s string) { t.Log("warn:", s) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func user(t *testing.T, db *DB, name string) *View {
	t.Helper()
	v, err := db.User(name)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMarksSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	v := user(t, db, "")
	v.Attach(corpusOf(testArticles("")))
	v.SetRead("harbour/strike", true)
	v.SetRead("harbour/deal", true)
	v.SetRead("harbour/deal", false)
	v.SetStarred("summit/day-one", true)
	v.SetQuoteStarred("harbour/deal", 1, true)
	v.AddHistory("stories", "okafor")
	v.AddHistory("stories", "is:unread")
	v.AddHistory("stories", "okafor")
	v.SaveFilter(model.SavedFilter{Name: "strike", Pane: "quotes", Query: "speaker:okafor is:starred"})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2 := openTest(t, path)
	v2 := user(t, db2, "")
	v2.Attach(corpusOf(testArticles("")))
	m := v2.Marks()
	want := &model.Marks{Read: map[string]bool{"harbour/strike": true}, Starred: map[string]bool{"summit/day-one": true},
		Quotes: map[model.QuoteMark]bool{{Article: "harbour/deal", Quote: 1}: true}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("marks after restart = %+v, want %+v", m, want)
	}
	if h := v2.History("stories"); !reflect.DeepEqual(h, []string{"okafor", "is:unread"}) {
		t.Errorf("history = %q", h)
	}
	if f := v2.SavedFilters(); len(f) != 1 || f[0].Query != "speaker:okafor is:starred" || f[0].Pane != "quotes" {
		t.Errorf("saved filters = %+v", f)
	}
	if r, err := db2.Check(); err != nil || r != "ok" {
		t.Errorf("integrity_check = %q, %v", r, err)
	}
}

// TestMarksSurviveAMovedCorpus: the same articles under other IDs (the
// corpus opened from its parent folder) keep their marks by content, and
// the marks are stored again under the new IDs; an article whose body was
// cleaned differently keeps its marks by ID and title.
func TestMarksSurviveAMovedCorpus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	v := user(t, db, "")
	v.Attach(corpusOf(testArticles("")))
	v.SetRead("harbour/strike", true)
	v.SetStarred("harbour/deal", true)
	v.SetQuoteStarred("harbour/strike", 0, true)
	db.Close()

	moved := testArticles("news/")
	moved[0].Body = append(moved[0].Body[:1:1], "Work stopped at noon.") // cleaned differently: ID and title remain
	moved[0].ID = "harbour/strike"
	db2 := openTest(t, path)
	v2 := user(t, db2, "")
	v2.Attach(corpusOf(moved))
	m := v2.Marks()
	if !m.IsRead("harbour/strike") || !m.IsStarred("news/harbour/deal") {
		t.Errorf("marks not found in the moved corpus: %+v", m)
	}
	if m.IsStarred("harbour/deal") {
		t.Error("a mark kept its old ID")
	}
	db2.Close()

	// Stored again under the new IDs and keys: found by them alone now.
	db3 := openTest(t, path)
	var ids []string
	rows, err := db3.sql.Query(`SELECT id FROM marks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if !reflect.DeepEqual(ids, []string{"harbour/strike", "news/harbour/deal"}) {
		t.Errorf("stored IDs = %q", ids)
	}
	v3 := user(t, db3, "")
	v3.Attach(corpusOf(moved))
	if m := v3.Marks(); !m.IsRead("harbour/strike") || !m.IsStarred("news/harbour/deal") || len(m.Quotes) != 1 {
		t.Errorf("marks after re-keying = %+v", m)
	}
}

// TestAnotherCorpusWithTheSameIDs: an article with a known ID but another
// title and body is another story: it does not take the mark.
func TestAnotherCorpusWithTheSameIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	v := user(t, db, "")
	v.Attach(corpusOf(testArticles("")))
	v.SetRead("harbour/strike", true)
	db.Close()
	other := []*model.Article{{ID: "harbour/strike", Title: "A different story", Body: []string{"Other words."}}}
	v2 := user(t, openTest(t, path), "")
	v2.Attach(corpusOf(other))
	if v2.Marks().IsRead("harbour/strike") {
		t.Error("another corpus's story took the mark by its ID")
	}
}

func TestUsersAreSeparate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	c := corpusOf(testArticles(""))
	alice, bob := user(t, db, "SHA256:alice"), user(t, db, "SHA256:bob")
	alice.Attach(c)
	bob.Attach(c)
	alice.SetRead("harbour/strike", true)
	alice.SaveFilter(model.SavedFilter{Name: "mine", Pane: "stories", Query: "okafor"})
	bob.SetStarred("harbour/deal", true)
	if bob.Marks().IsRead("harbour/strike") || alice.Marks().IsStarred("harbour/deal") || len(bob.SavedFilters()) != 0 {
		t.Error("one user sees another's marks")
	}
	if again := user(t, db, "SHA256:alice"); again != alice {
		t.Error("two sessions of one user get two views")
	}
	db.Close()
	db2 := openTest(t, path)
	a2, b2 := user(t, db2, "SHA256:alice"), user(t, db2, "SHA256:bob")
	a2.Attach(c)
	b2.Attach(c)
	if !a2.Marks().IsRead("harbour/strike") || a2.Marks().IsStarred("harbour/deal") || !b2.Marks().IsStarred("harbour/deal") || b2.Marks().IsRead("harbour/strike") {
		t.Errorf("after restart: alice %+v, bob %+v", a2.Marks(), b2.Marks())
	}
}

// TestMarksBeforeTheCorpus: marks made while the corpus loads (previews)
// are stored once it has loaded.
func TestMarksBeforeTheCorpus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	v := user(t, db, "")
	v.SetRead("harbour/deal", true)
	if !v.Marks().IsRead("harbour/deal") {
		t.Error("the mark is not shown at once")
	}
	v.Attach(corpusOf(testArticles("")))
	if !v.Marks().IsRead("harbour/deal") {
		t.Error("the mark was lost when the corpus came")
	}
	db.Close()
	db2 := openTest(t, path)
	v2 := user(t, db2, "")
	v2.Attach(corpusOf(testArticles("")))
	if !v2.Marks().IsRead("harbour/deal") {
		t.Error("the early mark was not stored")
	}
}

// TestMarksNeverChange: a Marks value handed out stays as it was.
func TestMarksNeverChange(t *testing.T) {
	v := Memory()
	v.Attach(corpusOf(testArticles("")))
	before := v.Marks()
	v.SetRead("harbour/deal", true)
	if before.IsRead("harbour/deal") {
		t.Error("an old Marks value changed")
	}
	if !v.Marks().IsRead("harbour/deal") {
		t.Error("the new value misses the mark")
	}
}

func TestCorruptDatabaseIsSetAside(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"garbage", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(strings.Repeat("not a database at all\n", 400)), 0o600)
		}},
		{"damaged pages", func(t *testing.T, path string) {
			db := openTest(t, path)
			v := user(t, db, "")
			v.Attach(corpusOf(testArticles("")))
			for i := range 60 {
				v.AddHistory("stories", fmt.Sprintf("query %d %s", i, strings.Repeat("x", 3000)))
			}
			db.Close()
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := f.Stat()
			// Overwrite every page but the header's with noise.
			noise := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
			for off := int64(4096); off < fi.Size(); off += 4096 {
				f.WriteAt(noise, off)
			}
			f.Close()
		}},
		{"another program's", func(t *testing.T, path string) {
			conn, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Exec(`CREATE TABLE invoices (n INTEGER); INSERT INTO invoices VALUES (1)`); err != nil {
				t.Fatal(err)
			}
			conn.Close()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.db")
			tc.write(t, path)
			var warnings []string
			db, err := Open(path, Options{Warn: func(s string) { warnings = append(warnings, s) }})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			if len(warnings) != 1 || !strings.Contains(warnings[0], "moved aside") {
				t.Fatalf("warnings = %q", warnings)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) == 0 {
				t.Fatal("the bad file is not beside the new one")
			}
			v := user(t, db, "")
			v.Attach(corpusOf(testArticles("")))
			v.SetRead("harbour/deal", true)
			db.Flush()
			if r, err := db.Check(); err != nil || r != "ok" {
				t.Errorf("the fresh database: %q, %v", r, err)
			}
		})
	}
}

func TestNewerDatabaseIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	db.Close()
	conn, _ := sql.Open("sqlite", path)
	conn.Exec(fmt.Sprintf("PRAGMA user_version = %d", Version+1))
	conn.Close()
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrNewer) {
		t.Fatalf("Open = %v, want ErrNewer", err)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) > 0 {
		t.Error("a newer database was moved aside")
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	// None on disk: nothing is created, marks last the session.
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	v := user(t, db, "")
	v.Attach(corpusOf(testArticles("")))
	v.SetRead("harbour/deal", true)
	if !v.Marks().IsRead("harbour/deal") || v.Saving() {
		t.Error("a read-only view should keep marks for the session, unsaved")
	}
	db.Close()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only open created the database")
	}
	// One on disk: read, never written.
	rw := openTest(t, path)
	w := user(t, rw, "")
	w.Attach(corpusOf(testArticles("")))
	w.SetRead("harbour/strike", true)
	rw.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r := user(t, ro, "")
	r.Attach(corpusOf(testArticles("")))
	if !r.Marks().IsRead("harbour/strike") {
		t.Error("read-only open does not read the marks")
	}
	r.SetRead("summit/day-one", true)
	ro.Flush()
	rw2 := openTest(t, path)
	w2 := user(t, rw2, "")
	w2.Attach(corpusOf(testArticles("")))
	if w2.Marks().IsRead("summit/day-one") {
		t.Error("a read-only view wrote")
	}
}

// TestWritesNeverBlock: with the database locked by another writer, marks
// still take effect at once (the writer waits, the caller does not), and
// are written once the lock goes.
func TestWritesNeverBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := Open(path, Options{queue: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v := user(t, db, "")
	v.Attach(corpusOf(testArticles("")))
	other, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	const n = 301
	for i := range n { // past the channel's buffer: the overflow keeps order
		v.SetRead("harbour/deal", i%2 == 0)
		v.AddHistory("stories", fmt.Sprint("q", i))
	}
	if v.Marks().IsRead("harbour/deal") != ((n-1)%2 == 0) {
		t.Error("the last mark is not in effect")
	}
	if _, err := conn.ExecContext(t.Context(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	db.Flush()
	var rows int
	db.sql.QueryRow(`SELECT count(*) FROM marks WHERE id = 'harbour/deal' AND read = 1`).Scan(&rows)
	read := rows == 1
	if read != ((n-1)%2 == 0) {
		t.Errorf("stored read = %v after %d toggles", read, n)
	}
	var newest string
	db.sql.QueryRow(`SELECT query FROM filter_history ORDER BY used DESC LIMIT 1`).Scan(&newest)
	if newest != fmt.Sprint("q", n-1) {
		t.Errorf("newest history entry = %q: writes were reordered", newest)
	}
}

// TestConcurrentUsers: many users marking at once through one DB.
func TestConcurrentUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	c := corpusOf(testArticles(""))
	var wg sync.WaitGroup
	for u := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := user(t, db, fmt.Sprint("user", u))
			v.Attach(c)
			for _, id := range []string{"harbour/strike", "harbour/deal", "summit/day-one"} {
				v.SetRead(id, true)
			}
		}()
	}
	wg.Wait()
	db.Flush()
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM marks WHERE read = 1`).Scan(&n)
	if n != 60 {
		t.Errorf("%d read marks stored, want 60", n)
	}
}
