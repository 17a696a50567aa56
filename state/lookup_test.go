package state

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"byline/model"
)

// slowLookup is a database's articles for NewLookup: each lookup waits
// until the test lets it go, so a change that needs one must not wait for
// it (the browser's Update calls SetRead).
type slowLookup struct {
	byID    map[string]*model.Article
	release chan struct{}
	mu      sync.Mutex
	calls   int
	fail    bool
}

func (s *slowLookup) find(id string) (*model.Article, error) {
	<-s.release
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.fail {
		return nil, errors.New("database down")
	}
	return s.byID[id], nil
}

// TestLookupCorpus: marks over a corpus found by ID (byline --db) are
// stored and found again after a restart; a change never waits for the
// lookup; Wait returns once the waiting changes are stored.
func TestLookupCorpus(t *testing.T) {
	arts := testArticles("")
	src := &slowLookup{byID: map[string]*model.Article{}, release: make(chan struct{})}
	for _, a := range arts {
		src.byID[a.ID] = a
	}
	path := filepath.Join(t.TempDir(), "state.db")
	db := openTest(t, path)
	v := user(t, db, "")
	v.Attach(NewLookup(src.find)) // no marks yet: nothing looked up
	v.SetRead("harbour/strike", true)
	v.SetQuoteStarred("harbour/deal", 1, true)
	v.SetRead("no/such", true)
	// Not stored yet (the lookups wait), but the marks are there at once.
	if m := v.Marks(); !m.IsRead("harbour/strike") || !m.QuoteStarred("harbour/deal", 1) {
		t.Fatalf("marks before their articles came: %+v", m)
	}
	close(src.release)
	v.Wait()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2 := openTest(t, path)
	v2 := user(t, db2, "")
	v2.Attach(NewLookup(src.find))
	want := &model.Marks{Read: map[string]bool{"harbour/strike": true}, Starred: map[string]bool{},
		Quotes: map[model.QuoteMark]bool{{Article: "harbour/deal", Quote: 1}: true}}
	if m := v2.Marks(); !reflect.DeepEqual(m, want) {
		t.Errorf("marks after restart = %+v, want %+v", m, want)
	}

	// The database down: the mark holds for the session, nothing blocks.
	src.mu.Lock()
	src.fail = true
	src.mu.Unlock()
	v2.SetStarred("summit/day-one", true)
	v2.Wait()
	if !v2.Marks().IsStarred("summit/day-one") {
		t.Errorf("a mark made while the database was down was lost from the session")
	}
}

// awayLookup is a database that does not answer (away, or too busy to
// answer in time) while down is set; every call is counted and reported
// on calls.
type awayLookup struct {
	byID  map[string]*model.Article
	mu    sync.Mutex
	down  bool
	calls chan bool // each lookup: whether it answered
}

func (s *awayLookup) find(id string) (*model.Article, error) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	defer func() {
		select {
		case s.calls <- !down:
		default:
		}
	}()
	if down {
		return nil, errors.New("timeout: context deadline exceeded")
	}
	return s.byID[id], nil
}

func (s *awayLookup) setDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

func newAway(down bool) *awayLookup {
	s := &awayLookup{byID: map[string]*model.Article{}, down: down, calls: make(chan bool, 64)}
	for _, a := range testArticles("") {
		s.byID[a.ID] = a
	}
	return s
}

// storedReads are the read marks in the database at path, each as
// "CONTENT-KEY ID" ("" for the key when stored by ID alone).
func storedReads(t *testing.T, path, user string) []string {
	t.Helper()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts, err := db.Counts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.User == user {
			return c.Keys
		}
	}
	return nil
}

// TestFailedLookupAskedAgain: a mark whose article's lookup fails (the
// database away, or a busy server's pool too slow to answer in time) is
// not dropped: the lookup is asked again until the database answers, and
// the mark is then stored under its article's content key; the log says
// that marks wait, and Pending says it meanwhile. (It was dropped after
// one failed lookup: found by ssh-load on serve --db, whose sessions'
// lookups waited past their 10 s limit for the pool.)
func TestFailedLookupAskedAgain(t *testing.T) {
	src := newAway(true)
	path := filepath.Join(t.TempDir(), "state.db")
	var mu sync.Mutex
	var warnings []string
	db, err := Open(path, Options{retry: time.Millisecond, Warn: func(s string) {
		mu.Lock()
		warnings = append(warnings, s)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	v := user(t, db, "reader")
	v.Attach(NewLookup(src.find))
	v.SetRead("harbour/strike", true)
	v.SetStarred("harbour/deal", true)
	for range 2 { // two failed lookups (the same article's: asked again)
		if <-src.calls {
			t.Fatal("answered while down")
		}
	}
	if p := v.Pending(); !strings.Contains(p, "wait for the database") {
		t.Errorf("Pending while the database is away = %q", p)
	}
	src.setDown(false)
	// Closing waits for the marks: the lookup asked again now answers.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	key := ArticleKey(src.byID["harbour/strike"])
	if got := storedReads(t, path, "reader"); !reflect.DeepEqual(got, []string{key + " harbour/strike"}) {
		t.Errorf("read marks stored = %q, want the story under its content key", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(warnings) == 0 || !strings.Contains(warnings[0], "wait for the database") {
		t.Errorf("no warning that marks wait for the database: %q", warnings)
	}
}

// TestClosedWhileDatabaseAway: closing (a server stopping) while the
// database does not answer stores the waiting marks by article ID alone,
// with a warning; the next start with the database back settles them on
// their articles and stores them under their content keys.
func TestClosedWhileDatabaseAway(t *testing.T) {
	src := newAway(true)
	path := filepath.Join(t.TempDir(), "state.db")
	var warnings []string
	db, err := Open(path, Options{retry: time.Millisecond, Warn: func(s string) { warnings = append(warnings, s) }})
	if err != nil {
		t.Fatal(err)
	}
	v := user(t, db, "reader")
	v.Attach(NewLookup(src.find))
	v.SetRead("harbour/strike", true)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := storedReads(t, path, "reader"); !reflect.DeepEqual(got, []string{" harbour/strike"}) {
		t.Fatalf("read marks stored while away = %q, want the story by its ID alone", got)
	}
	if w := strings.Join(warnings, "\n"); !strings.Contains(w, "by article ID alone") || strings.Contains(w, "answers again") {
		t.Errorf("warnings = %q, want that marks were stored by ID alone (and not that the database answered)", warnings)
	}

	src.setDown(false)
	db2 := openTest(t, path)
	v2 := user(t, db2, "reader")
	v2.Attach(NewLookup(src.find))
	if !v2.Marks().IsRead("harbour/strike") {
		t.Errorf("the mark stored by ID is not found: %+v", v2.Marks())
	}
	db2.Close()
	key := ArticleKey(src.byID["harbour/strike"])
	if got := storedReads(t, path, "reader"); !reflect.DeepEqual(got, []string{key + " harbour/strike"}) {
		t.Errorf("read marks after the database answered = %q, want the story under its content key", got)
	}
}
