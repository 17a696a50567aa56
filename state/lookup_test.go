package state

import (
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

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
