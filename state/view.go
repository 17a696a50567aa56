package state

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"
	"time"

	"byline/model"
)

// ArticleKey is an article's content key: a hash of its title and cleaned
// body, the same wherever the corpus folder is and whatever the file is
// called.
func ArticleKey(a *model.Article) string {
	h := sha256.New()
	h.Write([]byte(a.Title))
	for _, p := range a.Body {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// quoteKey names quotation i of a: a hash of its text, and which repeat of
// that text in the article it is (a quotation can be quoted twice).
func quoteKey(a *model.Article, i int) string {
	text := a.Quotes[i].Text
	n := 0
	for k := range i {
		if a.Quotes[k].Text == text {
			n++
		}
	}
	sum := sha256.Sum256([]byte(text))
	return fmt.Sprintf("%s#%d", hex.EncodeToString(sum[:8]), n)
}

// Corpus is a loaded corpus as marks are resolved against it. Make one per
// corpus and share it (an SSH server's sessions share one): the index by
// content key is built once, the first time a mark needs it.
type Corpus struct {
	c     *model.Corpus
	once  sync.Once
	byKey map[string]*model.Article

	// lookup, for a corpus in a database (NewLookup): articles are found
	// one at a time by ID, outside the View's lock, and kept in cache.
	lookup func(id string) (*model.Article, error)
	mu     sync.Mutex
	cache  map[string]*model.Article
}

// NewCorpus wraps a loaded corpus.
func NewCorpus(c *model.Corpus) *Corpus { return &Corpus{c: c} }

// NewLookup is a corpus whose articles are found one at a time by ID (a
// database's, under byline --db): a mark is found by its article's ID and
// content, or its ID and title — not by content alone (no index of every
// article's content key is built), so a mark made on a corpus indexed
// under other IDs is kept, not placed. lookup may do I/O and returns nil
// and no error for an article that is not there: a View calls it outside
// its lock (a change waits in a queue for its article), never from the
// methods a browser's Update calls, and keeps what it found.
func NewLookup(lookup func(id string) (*model.Article, error)) *Corpus {
	return &Corpus{lookup: lookup, cache: map[string]*model.Article{}}
}

// lookupCache bounds the articles a lookup corpus keeps (shared by an SSH
// server's sessions: a bound, not a share of the corpus).
const lookupCache = 1024

// find is the corpus's article id, looked up if need be.
func (rc *Corpus) find(id string) (*model.Article, bool) {
	if rc.lookup == nil {
		return rc.c.Article(id)
	}
	if a, ok := rc.article(id); ok {
		return a, true
	}
	a, err := rc.lookup(id)
	if err != nil {
		return nil, false // not kept: asked again next time
	}
	rc.mu.Lock()
	if len(rc.cache) >= lookupCache {
		clear(rc.cache)
	}
	rc.cache[id] = a
	rc.mu.Unlock()
	return a, a != nil
}

// article is the corpus's article id if at hand: never any I/O.
func (rc *Corpus) article(id string) (*model.Article, bool) {
	if rc.lookup == nil {
		return rc.c.Article(id)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	a := rc.cache[id]
	return a, a != nil
}

// cached reports whether article id was looked up (always, for a loaded
// corpus).
func (rc *Corpus) cached(id string) bool {
	if rc.lookup == nil {
		return true
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	_, ok := rc.cache[id]
	return ok
}

func (rc *Corpus) byContent(key string) *model.Article {
	if rc.c == nil {
		return nil
	}
	rc.once.Do(func() {
		rc.byKey = make(map[string]*model.Article, len(rc.c.Articles))
		for _, a := range rc.c.Articles {
			rc.byKey[ArticleKey(a)] = a
		}
	})
	return rc.byKey[key]
}

// resolve finds the article a mark stored under key, id and title is for:
// the article with that ID and content; else the one with that content
// (the corpus moved, or was opened from another folder); else the one with
// that ID and title (its body was cleaned differently since).
func (rc *Corpus) resolve(key, id, title string) *model.Article {
	a, ok := rc.find(id)
	if ok && ArticleKey(a) == key {
		return a
	}
	if b := rc.byContent(key); b != nil {
		return b
	}
	if ok && model.Fold(strings.TrimSpace(a.Title)) == model.Fold(strings.TrimSpace(title)) {
		return a
	}
	return nil
}

// markRow is a stored mark.
type markRow struct {
	key, id, title string
	read, starred  bool
}

// quoteRow is a stored starred quotation.
type quoteRow struct {
	key, quote, id, title, text string
	idx                         int
}

// View is one user's state: their marks over the attached corpus, their
// filter history and saved filters. Its methods never block on the
// database: a change takes effect in memory at once and is written by the
// DB's writer. It is safe for concurrent use (one user may have several
// sessions).
type View struct {
	db   *DB // nil: nothing is read or written
	user string
	save bool

	mu      sync.Mutex
	corpus  *Corpus
	rows    map[string]*markRow // by content key
	qrows   map[[2]string]*quoteRow
	marks   *model.Marks      // the marks now; changed in place under mu
	snap    *model.Marks      // a frozen copy of marks handed out, nil once they change
	keyOf   map[string]string // article ID → the key its marks are stored under
	history map[string][]string
	saved   []model.SavedFilter
	early   []func() // changes made before a corpus was attached
	// queue: changes waiting for their article from a lookup corpus
	// (NewLookup), done in order by one goroutine while there are any.
	queue    []queued
	draining bool
	drained  *sync.Cond
	now      func() time.Time
}

// Memory is a View that keeps its changes for as long as it lives and
// writes none: no database, or no user to keep them for.
func Memory() *View {
	v := &View{now: time.Now}
	v.reset()
	return v
}

func (v *View) reset() {
	v.rows = map[string]*markRow{}
	v.qrows = map[[2]string]*quoteRow{}
	v.keyOf = map[string]string{}
	v.history = map[string][]string{}
	v.marks = &model.Marks{Read: map[string]bool{}, Starred: map[string]bool{}, Quotes: map[model.QuoteMark]bool{}}
}

// User returns user's view, reading their state. Every call for one user
// returns the same View, so two sessions of one user see each other's
// marks. user is "" for the local user, an SSH key's fingerprint under
// byline serve.
func (db *DB) User(user string) (*View, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if v, ok := db.users[user]; ok {
		return v, nil
	}
	v := &View{db: db, user: user, save: db.w != nil, now: time.Now}
	v.reset()
	if db.sql != nil {
		if err := v.load(); err != nil {
			return nil, err
		}
	}
	db.users[user] = v
	return v, nil
}

func (v *View) load() error {
	conn := v.db.sql
	rows, err := conn.Query(`SELECT key, id, title, read, starred FROM marks WHERE user = ?`, v.user)
	if err != nil {
		return fmt.Errorf("state: reading marks: %w", err)
	}
	for rows.Next() {
		r := &markRow{}
		if err := rows.Scan(&r.key, &r.id, &r.title, &r.read, &r.starred); err != nil {
			rows.Close()
			return fmt.Errorf("state: reading marks: %w", err)
		}
		v.rows[r.key] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("state: reading marks: %w", err)
	}
	rows, err = conn.Query(`SELECT key, quote, id, title, idx, text FROM quote_stars WHERE user = ?`, v.user)
	if err != nil {
		return fmt.Errorf("state: reading starred quotations: %w", err)
	}
	for rows.Next() {
		r := &quoteRow{}
		if err := rows.Scan(&r.key, &r.quote, &r.id, &r.title, &r.idx, &r.text); err != nil {
			rows.Close()
			return fmt.Errorf("state: reading starred quotations: %w", err)
		}
		v.qrows[[2]string{r.key, r.quote}] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("state: reading starred quotations: %w", err)
	}
	rows, err = conn.Query(`SELECT pane, query FROM filter_history WHERE user = ? ORDER BY used DESC`, v.user)
	if err != nil {
		return fmt.Errorf("state: reading filter history: %w", err)
	}
	for rows.Next() {
		var pane, q string
		if err := rows.Scan(&pane, &q); err != nil {
			rows.Close()
			return fmt.Errorf("state: reading filter history: %w", err)
		}
		v.history[pane] = append(v.history[pane], q)
	}
	rows.Close()
	rows, err = conn.Query(`SELECT name, pane, query FROM saved_filters WHERE user = ? ORDER BY name`, v.user)
	if err != nil {
		return fmt.Errorf("state: reading saved filters: %w", err)
	}
	for rows.Next() {
		var f model.SavedFilter
		if err := rows.Scan(&f.Name, &f.Pane, &f.Query); err != nil {
			rows.Close()
			return fmt.Errorf("state: reading saved filters: %w", err)
		}
		v.saved = append(v.saved, f)
	}
	rows.Close()
	// Until a corpus is attached, marks are as stored, by ID.
	m := v.marks
	for _, r := range v.rows {
		if r.read {
			m.Read[r.id] = true
		}
		if r.starred {
			m.Starred[r.id] = true
		}
	}
	for _, r := range v.qrows {
		m.Quotes[model.QuoteMark{Article: r.id, Quote: r.idx}] = true
	}
	return nil
}

// Saving reports whether changes are written to the database (false for
// a read-only database or a Memory view: they last the session).
func (v *View) Saving() bool { return v.save }

// Attach resolves the stored marks against a corpus: from now on Marks
// names its articles. A mark found under an old ID or content key is
// stored again under the article's present ones.
func (v *View) Attach(c *Corpus) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.corpus == c {
		return
	}
	v.corpus = c
	m := &model.Marks{Read: map[string]bool{}, Starred: map[string]bool{}, Quotes: map[model.QuoteMark]bool{}}
	v.keyOf = map[string]string{}
	rekeyed := map[string]bool{}
	place := func(key, id, title string) *model.Article {
		a := c.resolve(key, id, title)
		if a == nil {
			return nil
		}
		if _, ok := v.keyOf[a.ID]; ok {
			return a
		}
		k := ArticleKey(a)
		v.keyOf[a.ID] = k
		if (k != key || a.ID != id || a.Title != title) && !rekeyed[key] {
			rekeyed[key] = true
			v.send(op{kind: opRekey, oldKey: key, key: k, id: a.ID, title: a.Title})
		}
		return a
	}
	rows := make([]*markRow, 0, len(v.rows))
	for _, r := range v.rows {
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	newRows := map[string]*markRow{}
	for _, r := range rows {
		a := place(r.key, r.id, r.title)
		if a == nil {
			newRows[r.key] = r // another corpus's: kept as it is
			continue
		}
		k := v.keyOf[a.ID]
		nr := newRows[k]
		if nr == nil {
			nr = &markRow{key: k, id: a.ID, title: a.Title}
			newRows[k] = nr
		}
		nr.read = nr.read || r.read
		nr.starred = nr.starred || r.starred
		if nr.read {
			m.Read[a.ID] = true
		}
		if nr.starred {
			m.Starred[a.ID] = true
		}
	}
	v.rows = newRows
	newQ := map[[2]string]*quoteRow{}
	for _, r := range v.qrows {
		a := place(r.key, r.id, r.title)
		if a == nil {
			newQ[[2]string{r.key, r.quote}] = r
			continue
		}
		qi := findQuote(a, r)
		if qi < 0 {
			newQ[[2]string{r.key, r.quote}] = r // the quotation is no longer found
			continue
		}
		k := v.keyOf[a.ID]
		nr := &quoteRow{key: k, quote: quoteKey(a, qi), id: a.ID, title: a.Title, text: a.Quotes[qi].Text, idx: qi}
		newQ[[2]string{k, nr.quote}] = nr
		m.Quotes[model.QuoteMark{Article: a.ID, Quote: qi}] = true
	}
	v.qrows = newQ
	v.marks, v.snap = m, nil
	early := v.early
	v.early = nil
	for _, f := range early {
		f()
	}
}

// findQuote is the index of a stored quotation in a: the one with its key,
// else the first with its text; -1 if none.
func findQuote(a *model.Article, r *quoteRow) int {
	for i := range a.Quotes {
		if quoteKey(a, i) == r.quote {
			return i
		}
	}
	for i := range a.Quotes {
		if a.Quotes[i].Text == r.text {
			return i
		}
	}
	return -1
}

// Marks are the user's marks by the attached corpus's article IDs. The
// value is never changed: a change makes a new one (a copy, made once per
// call after changes, however many changes there were).
func (v *View) Marks() *model.Marks {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.snap == nil {
		m := v.marks
		v.snap = &model.Marks{Read: maps.Clone(m.Read), Starred: maps.Clone(m.Starred), Quotes: maps.Clone(m.Quotes)}
	}
	return v.snap
}

func (v *View) send(o op) {
	if !v.save {
		return
	}
	o.user = v.user
	if o.at == 0 {
		o.at = v.now().UnixNano()
	}
	v.db.w.send(o)
}

// article returns the attached corpus's article id and the key its marks
// are stored under.
func (v *View) article(id string) (*model.Article, string, bool) {
	if v.corpus == nil {
		return nil, "", false
	}
	a, ok := v.corpus.article(id)
	if !ok {
		return nil, "", false
	}
	k, ok := v.keyOf[id]
	if !ok {
		k = ArticleKey(a)
		v.keyOf[id] = k
	}
	return a, k, true
}

// change runs f now if a corpus is attached, else when one is (marks made
// while a corpus loads are stored once it has, under its content keys).
// For a lookup corpus whose article id is not at hand, f waits in the
// queue while the article is found outside the lock: no change blocks its
// caller on I/O.
func (v *View) change(id string, f func()) {
	switch {
	case v.corpus == nil:
		v.early = append(v.early, f)
	case len(v.queue) > 0 || !v.corpus.cached(id):
		v.queue = append(v.queue, queued{id, f})
		if !v.draining {
			v.draining = true
			go v.drain(v.corpus)
		}
	default:
		f()
	}
}

// queued is a change waiting for its article.
type queued struct {
	id string
	f  func()
}

// drain does the queued changes in order, finding each one's article
// before taking the lock.
func (v *View) drain(c *Corpus) {
	for {
		v.mu.Lock()
		if len(v.queue) == 0 {
			v.draining = false
			if v.drained != nil {
				v.drained.Broadcast()
			}
			v.mu.Unlock()
			return
		}
		id := v.queue[0].id
		v.mu.Unlock()
		c.find(id) // outside the lock: may do I/O
		v.mu.Lock()
		f := v.queue[0].f
		v.queue = v.queue[1:]
		f()
		v.mu.Unlock()
	}
}

// Wait returns once the changes waiting for their articles are done (and
// sent to the database's writer): call it before closing the database.
func (v *View) Wait() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.drained == nil {
		v.drained = sync.NewCond(&v.mu)
	}
	for v.draining {
		v.drained.Wait()
	}
}

// changing returns the marks to change in place; the copy handed out
// last stays as it was.
func (v *View) changing() *model.Marks {
	v.snap = nil
	return v.marks
}

// SetRead marks article id read or unread.
func (v *View) SetRead(id string, read bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.marks.Read[id] == read {
		return
	}
	setBool(v.changing().Read, id, read)
	v.change(id, func() {
		a, k, ok := v.article(id)
		if !ok {
			return
		}
		v.row(k, a).read = read
		setBool(v.changing().Read, id, read) // again, for a change replayed on Attach
		v.send(op{kind: opRead, key: k, id: a.ID, title: a.Title, on: read})
	})
}

// SetStarred stars or unstars article id.
func (v *View) SetStarred(id string, starred bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.marks.Starred[id] == starred {
		return
	}
	setBool(v.changing().Starred, id, starred)
	v.change(id, func() {
		a, k, ok := v.article(id)
		if !ok {
			return
		}
		v.row(k, a).starred = starred
		setBool(v.changing().Starred, id, starred)
		v.send(op{kind: opStar, key: k, id: a.ID, title: a.Title, on: starred})
	})
}

// SetQuoteStarred stars or unstars quotation qi of article id.
func (v *View) SetQuoteStarred(id string, qi int, starred bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	qm := model.QuoteMark{Article: id, Quote: qi}
	if v.marks.Quotes[qm] == starred {
		return
	}
	if m := v.changing(); starred {
		m.Quotes[qm] = true
	} else {
		delete(m.Quotes, qm)
	}
	v.change(id, func() {
		a, k, ok := v.article(id)
		if !ok || qi < 0 || qi >= len(a.Quotes) {
			return
		}
		qk := quoteKey(a, qi)
		if m := v.changing(); starred {
			m.Quotes[qm] = true
		} else {
			delete(m.Quotes, qm)
		}
		if starred {
			v.qrows[[2]string{k, qk}] = &quoteRow{key: k, quote: qk, id: a.ID, title: a.Title, text: a.Quotes[qi].Text, idx: qi}
		} else {
			delete(v.qrows, [2]string{k, qk})
		}
		v.send(op{kind: opQuoteStar, key: k, quote: qk, id: a.ID, title: a.Title, idx: qi, text: a.Quotes[qi].Text, on: starred})
	})
}

func (v *View) row(k string, a *model.Article) *markRow {
	r := v.rows[k]
	if r == nil {
		r = &markRow{key: k, id: a.ID, title: a.Title}
		v.rows[k] = r
	}
	r.id, r.title = a.ID, a.Title
	return r
}

func setBool(m map[string]bool, k string, on bool) {
	if on {
		m[k] = true
	} else {
		delete(m, k)
	}
}

// History is the pane's filter history, newest first.
func (v *View) History(pane string) []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.history[pane]...)
}

// AddHistory records a filter used in a pane (moving it to the front).
func (v *View) AddHistory(pane, query string) {
	query = strings.TrimSpace(query)
	if query == "" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	h := v.history[pane]
	out := make([]string, 0, min(len(h)+1, historyMax))
	out = append(out, query)
	for _, q := range h {
		if q != query && len(out) < historyMax {
			out = append(out, q)
		}
	}
	v.history[pane] = out
	v.send(op{kind: opHistory, pane: pane, query: query})
}

// SavedFilters are the user's saved filters by name.
func (v *View) SavedFilters() []model.SavedFilter {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]model.SavedFilter(nil), v.saved...)
}

// SaveFilter saves a filter under its name, replacing one of that name.
func (v *View) SaveFilter(f model.SavedFilter) {
	f.Name = strings.TrimSpace(f.Name)
	if f.Name == "" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	out := v.saved[:0:0]
	for _, s := range v.saved {
		if s.Name != f.Name {
			out = append(out, s)
		}
	}
	out = append(out, f)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	v.saved = out
	v.send(op{kind: opSaveFilter, name: f.Name, pane: f.Pane, query: f.Query})
}

// DeleteFilter deletes the saved filter of that name.
func (v *View) DeleteFilter(name string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := v.saved[:0:0]
	for _, s := range v.saved {
		if s.Name != name {
			out = append(out, s)
		}
	}
	v.saved = out
	v.send(op{kind: opDeleteFilter, name: name})
}
