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

// Where a mark is stored, and which articles it belongs to
//
// A mark is stored under its article's content key and ID together
// (storedAt): the content key alone would give one mark to duplicates —
// two files with the same title and body, which real corpora hold (BBC
// has 98 such sets) — so marking one would mark its twin, and two marks
// would collapse into one row. The ID alone would not survive a moved
// corpus. Attach settles each stored (key, ID) against the corpus:
//
//  1. Exact: the article with that ID has that content. A re-load (the
//     same folder, the same IDs) finds every mark this way, twins each
//     their own. An article found so "owns" its content: no other mark of
//     that content is given to it.
//  2. By content: the rest of a content key's marks (their ID is gone, or
//     names another story now) go to the articles with that content that
//     own none. The ID still pairs where it can: a corpus opened from its
//     parent or from a subfolder has IDs that end with the old ones
//     ("bbc/business/001" for "business/001"), and a mark goes to the one
//     twin whose ID aligns so. A mark that pairs with none (the files were
//     renamed too) goes to every unpaired twin: after such a move twins
//     share their marks, as they did before keys had IDs — nothing tells
//     them apart. A twin that owns its own mark never takes another's.
//  3. By ID and title: the article with that ID and title, whose body a
//     newer byline cleans differently (its content key changed); by ID
//     alone for a mark stored without a content key (its article could
//     not be looked up before byline closed).
//
// A mark settled the second or third way is stored again under the
// article's present key and ID (and the old row dropped), so the next
// start finds it exactly and a later change writes the row it came from.
// A mark that settles nowhere (another corpus's) is kept as it is.

// storedAt is where a mark is stored: its article's content key and ID.
type storedAt struct{ key, id string }

// Corpus is a loaded corpus as marks are resolved against it. Make one per
// corpus and share it (an SSH server's sessions share one): the content
// keys are computed once, the first time a mark needs them.
type Corpus struct {
	c     *model.Corpus
	once  sync.Once
	keys  map[*model.Article]string
	byKey map[string][]*model.Article // in corpus order

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
	a, err := rc.fetch(id)
	return a, err == nil && a != nil
}

// fetch is article id of a lookup corpus, looked up if need be: nil and
// no error when there is none, an error when the database did not answer
// (nothing is kept then: it is asked again next time).
func (rc *Corpus) fetch(id string) (*model.Article, error) {
	if a, ok := rc.article(id); ok {
		return a, nil
	}
	a, err := rc.lookup(id)
	if err != nil {
		return nil, err
	}
	rc.mu.Lock()
	if len(rc.cache) >= lookupCache {
		clear(rc.cache)
	}
	rc.cache[id] = a
	rc.mu.Unlock()
	return a, nil
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

// index computes the content keys of a loaded corpus, once. A lookup
// corpus has none: its marks settle by ID (exact, or ID and title).
func (rc *Corpus) index() {
	if rc.c == nil {
		return
	}
	rc.once.Do(func() {
		rc.keys = make(map[*model.Article]string, len(rc.c.Articles))
		rc.byKey = make(map[string][]*model.Article, len(rc.c.Articles))
		for _, a := range rc.c.Articles {
			k := ArticleKey(a)
			rc.keys[a] = k
			rc.byKey[k] = append(rc.byKey[k], a)
		}
	})
}

// key is a's content key.
func (rc *Corpus) key(a *model.Article) string {
	rc.index()
	if k, ok := rc.keys[a]; ok {
		return k
	}
	return ArticleKey(a)
}

// at is where a's marks are stored now.
func (rc *Corpus) at(a *model.Article) storedAt { return storedAt{rc.key(a), a.ID} }

// exact is the article stored at s names, if it still has that content.
func (rc *Corpus) exact(s storedAt) *model.Article {
	if a, ok := rc.find(s.id); ok && rc.key(a) == s.key {
		return a
	}
	return nil
}

// idsAlign reports whether two IDs name the same file seen from two roots:
// equal, or one is the other under a folder ("bbc/business/001" and
// "business/001").
func idsAlign(a, b string) bool {
	return a == b || strings.HasSuffix(a, "/"+b) || strings.HasSuffix(b, "/"+a)
}

// place settles stored marks (their places, with the title each was
// stored with) against the corpus, as the comment above says: each place
// maps to the articles its marks belong to, none if they belong to no
// article here.
func (rc *Corpus) place(titles map[storedAt]string) map[storedAt][]*model.Article {
	rc.index()
	stored := make([]storedAt, 0, len(titles))
	for s := range titles {
		stored = append(stored, s)
	}
	sort.Slice(stored, func(i, j int) bool {
		if stored[i].key != stored[j].key {
			return stored[i].key < stored[j].key
		}
		return stored[i].id < stored[j].id
	})
	out := map[storedAt][]*model.Article{}
	owns := map[*model.Article]bool{}
	var rest []storedAt
	for _, s := range stored {
		if a := rc.exact(s); a != nil {
			out[s] = []*model.Article{a}
			owns[a] = true
			continue
		}
		rest = append(rest, s)
	}
	// By content, a key at a time (rest is sorted by key).
	var unplaced []storedAt
	for i := 0; i < len(rest); {
		j := i
		for j < len(rest) && rest[j].key == rest[i].key {
			j++
		}
		group := rest[i:j]
		i = j
		var free []*model.Article
		for _, a := range rc.byKey[group[0].key] {
			if !owns[a] {
				free = append(free, a)
			}
		}
		paired := map[*model.Article]bool{}
		var unpaired []storedAt
		for _, s := range group {
			var match *model.Article
			n := 0
			for _, a := range free {
				if idsAlign(s.id, a.ID) {
					match, n = a, n+1
				}
			}
			if n == 1 {
				out[s] = []*model.Article{match}
				paired[match] = true
				continue
			}
			unpaired = append(unpaired, s)
		}
		var left []*model.Article
		for _, a := range free {
			if !paired[a] {
				left = append(left, a)
			}
		}
		for _, s := range unpaired {
			if len(left) > 0 {
				out[s] = left
			} else {
				unplaced = append(unplaced, s)
			}
		}
	}
	// By ID and title; by ID alone for a mark stored while its article
	// could not be looked up (no content key: see "A change waits for its
	// article").
	for _, s := range unplaced {
		a, ok := rc.find(s.id)
		if ok && (s.key == "" || model.Fold(strings.TrimSpace(a.Title)) == model.Fold(strings.TrimSpace(titles[s]))) {
			out[s] = []*model.Article{a}
		}
	}
	return out
}

// markRow is a stored mark.
type markRow struct {
	key, id, title string
	read, starred  bool
}

func (r *markRow) at() storedAt { return storedAt{r.key, r.id} }

// quoteRow is a stored starred quotation.
type quoteRow struct {
	key, quote, id, title, text string
	idx                         int
}

func (r *quoteRow) at() storedAt { return storedAt{r.key, r.id} }

// quoteAt is where a starred quotation is stored: its article's place and
// the quotation's key.
type quoteAt struct {
	storedAt
	quote string
}

func (r *quoteRow) place() quoteAt { return quoteAt{r.at(), r.quote} }

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
	rows    map[storedAt]*markRow
	qrows   map[quoteAt]*quoteRow
	marks   *model.Marks // the marks now; changed in place under mu
	snap    *model.Marks // a frozen copy of marks handed out, nil once they change
	history map[string][]string
	saved   []model.SavedFilter
	early   []queued // changes made before a corpus was attached
	// queue: changes waiting for their article from a lookup corpus
	// (NewLookup), done in order by one goroutine while there are any.
	queue    []queued
	draining bool
	drained  *sync.Cond
	// lookupErr: the database did not answer the last lookup (the queue
	// waits to ask again); closing: Wait was called; wake: closed then.
	lookupErr error
	closing   bool
	wake      chan struct{}
	now       func() time.Time
}

// Memory is a View that keeps its changes for as long as it lives and
// writes none: no database, or no user to keep them for.
func Memory() *View {
	v := &View{now: time.Now, wake: make(chan struct{})}
	v.reset()
	return v
}

func (v *View) reset() {
	v.rows = map[storedAt]*markRow{}
	v.qrows = map[quoteAt]*quoteRow{}
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
	v := &View{db: db, user: user, save: db.w != nil, now: time.Now, wake: make(chan struct{})}
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
		v.rows[r.at()] = r
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
		v.qrows[r.place()] = r
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

// Attach settles the stored marks against a corpus (see "Where a mark is
// stored" above): from now on Marks names its articles. A mark settled by
// content alone or by ID and title is stored again under the article's
// present key and ID.
func (v *View) Attach(c *Corpus) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.corpus == c {
		return
	}
	v.corpus = c
	titles := map[storedAt]string{}
	for s, r := range v.rows {
		titles[s] = r.title
	}
	for _, r := range v.qrows {
		if _, ok := titles[r.at()]; !ok {
			titles[r.at()] = r.title
		}
	}
	placed := c.place(titles)

	rows := make([]*markRow, 0, len(v.rows))
	for _, r := range v.rows {
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return less(rows[i].at(), rows[j].at()) })
	newRows := map[storedAt]*markRow{}
	for _, r := range rows {
		from := r.at()
		targets := placed[from]
		if len(targets) == 0 {
			if newRows[from] == nil {
				newRows[from] = r // another corpus's: kept as it is
			}
			continue
		}
		for _, a := range targets {
			to := c.at(a)
			nr := newRows[to]
			if nr == nil {
				nr = &markRow{key: to.key, id: a.ID, title: a.Title}
				newRows[to] = nr
			}
			nr.read = nr.read || r.read
			nr.starred = nr.starred || r.starred
			if to != from {
				v.send(op{kind: opMoveMark, oldKey: from.key, oldID: from.id, key: to.key, id: a.ID, title: a.Title})
			}
		}
		if c.exact(from) == nil {
			v.send(op{kind: opDropMark, key: from.key, id: from.id})
		}
	}
	v.rows = newRows

	qrows := make([]*quoteRow, 0, len(v.qrows))
	for _, r := range v.qrows {
		qrows = append(qrows, r)
	}
	sort.Slice(qrows, func(i, j int) bool {
		if qrows[i].at() != qrows[j].at() {
			return less(qrows[i].at(), qrows[j].at())
		}
		return qrows[i].quote < qrows[j].quote
	})
	newQ := map[quoteAt]*quoteRow{}
	var drops []*quoteRow
	for _, r := range qrows {
		from := r.place()
		found, kept := false, false
		for _, a := range placed[r.at()] {
			qi := findQuote(a, r)
			if qi < 0 {
				continue // the quotation is no longer found in it
			}
			found = true
			to := c.at(a)
			nr := &quoteRow{key: to.key, quote: quoteKey(a, qi), id: a.ID, title: a.Title, text: a.Quotes[qi].Text, idx: qi}
			newQ[nr.place()] = nr
			if nr.place() == from {
				kept = true
				continue
			}
			v.send(op{kind: opQuoteStar, key: nr.key, quote: nr.quote, id: nr.id, title: nr.title, idx: nr.idx, text: nr.text, on: true})
		}
		switch {
		case !found:
			if _, ok := newQ[from]; !ok {
				newQ[from] = r // another corpus's, or no longer found: kept as it is
			}
		case !kept:
			drops = append(drops, r)
		}
	}
	for _, r := range drops {
		if _, ok := newQ[r.place()]; !ok { // unless another quotation moved there
			v.send(op{kind: opQuoteStar, key: r.key, quote: r.quote, id: r.id, on: false})
		}
	}
	v.qrows = newQ

	m := &model.Marks{Read: map[string]bool{}, Starred: map[string]bool{}, Quotes: map[model.QuoteMark]bool{}}
	for _, r := range v.rows {
		if c.exact(r.at()) == nil {
			continue
		}
		if r.read {
			m.Read[r.id] = true
		}
		if r.starred {
			m.Starred[r.id] = true
		}
	}
	for _, r := range v.qrows {
		if c.exact(r.at()) != nil {
			m.Quotes[model.QuoteMark{Article: r.id, Quote: r.idx}] = true
		}
	}
	v.marks, v.snap = m, nil
	early := v.early
	v.early = nil
	for _, q := range early {
		v.change(q.id, q.f)
	}
}

func less(a, b storedAt) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	return a.id < b.id
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

// A change waits for its article
//
// A change is stored under its article's content key, so it needs the
// article. A loaded corpus has it at hand. A lookup corpus (NewLookup: a
// database) may not: the change then waits in the View's queue while one
// goroutine (drain) finds the articles, in order, outside the lock. A
// lookup that fails (the database is away, or too busy to answer in
// time) is asked again, after 1, 2, 4 … 15 s, until it answers: a mark is
// never dropped because a lookup failed, and the log says that marks
// wait (Pending says it to a browser). Only when the View is closed
// (Wait, before the database closes) while the database still does not
// answer are the changes left stored under their article's ID alone —
// their content key unknown — and settled by ID the next time the
// database answers (Attach, "by ID"); a starred quotation, which needs
// its article's text to be found again, is not kept then, and the log
// says so.

// markChange is a change to a user's marks, given its article (nil: none in
// the corpus) and where its marks are stored.
type markChange func(a *model.Article, at storedAt)

// queued is a change waiting for its article.
type queued struct {
	id string
	f  markChange
}

// change applies f now if the article is at hand, else queues it (see
// above); changes made before a corpus is attached wait for it (marks
// made while a corpus loads are stored once it has, under its keys).
// Never any I/O: the browser's Update calls it.
func (v *View) change(id string, f markChange) {
	if v.corpus == nil {
		v.early = append(v.early, queued{id, f})
		return
	}
	if len(v.queue) == 0 && v.corpus.cached(id) {
		if a, ok := v.corpus.article(id); ok {
			f(a, v.corpus.at(a))
		} else {
			f(nil, storedAt{})
		}
		return
	}
	v.queue = append(v.queue, queued{id, f})
	if !v.draining {
		v.draining = true
		go v.drain(v.corpus)
	}
}

// retryMax bounds the wait between two lookups while the database does
// not answer.
const retryMax = 15 * time.Second

// drain does the queued changes in order, finding each one's article
// before taking the lock, and asking again while the database does not
// answer.
func (v *View) drain(c *Corpus) {
	first := time.Second
	if v.db != nil {
		first = v.db.retry
	}
	backoff := first
	for {
		v.mu.Lock()
		if len(v.queue) == 0 {
			v.draining = false
			if v.lookupErr != nil {
				v.lookupErr = nil
				v.warn("the database answers again: the marks that waited for it are stored")
			}
			if v.drained != nil {
				v.drained.Broadcast()
			}
			v.mu.Unlock()
			return
		}
		id := v.queue[0].id
		v.mu.Unlock()
		a, err := c.fetch(id) // outside the lock: may do I/O
		v.mu.Lock()
		if err != nil {
			if v.closing {
				v.storeByID(err)
				v.mu.Unlock()
				continue
			}
			if v.lookupErr == nil {
				v.warn(fmt.Sprintf("%d mark(s) wait for the database (%v): asked again until it answers", len(v.queue), err))
			}
			v.lookupErr = err
			wake := v.wake
			v.mu.Unlock()
			select {
			case <-time.After(backoff):
			case <-wake:
			}
			backoff = min(backoff*2, retryMax)
			continue
		}
		backoff = first
		q := v.queue[0]
		v.queue = v.queue[1:]
		if a != nil {
			q.f(a, c.at(a))
		} else {
			q.f(nil, storedAt{})
		}
		v.mu.Unlock()
	}
}

// storeByID stores every queued change under its article's ID alone: the
// View is closing and the database does not answer (see above). Called
// with the lock held.
func (v *View) storeByID(err error) {
	n := len(v.queue)
	queue := v.queue
	v.queue, v.lookupErr = nil, nil
	for _, q := range queue {
		q.f(&model.Article{ID: q.id}, storedAt{id: q.id})
	}
	v.warn(fmt.Sprintf("closing while the database does not answer (%v): %d mark(s) stored by article ID alone, settled when it answers", err, n))
}

// warn logs a warning through the database's Warn, if any.
func (v *View) warn(msg string) {
	if v.db != nil && v.db.warn != nil {
		v.db.warn("reader state: " + msg)
	}
}

// Pending is why changes wait for their articles ("" when none waits or
// the database answers): a browser shows it with the mark.
func (v *View) Pending() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.lookupErr == nil || len(v.queue) == 0 {
		return ""
	}
	return fmt.Sprintf("%d mark(s) wait for the database to answer", len(v.queue))
}

// Wait returns once the changes waiting for their articles are done (and
// sent to the database's writer): call it before closing the database
// (DB.Close calls it for every user). If the database does not answer
// then, what waits is stored by article ID alone (see above).
func (v *View) Wait() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.drained == nil {
		v.drained = sync.NewCond(&v.mu)
	}
	if !v.closing {
		v.closing = true
		close(v.wake) // a lookup waiting to be asked again is asked now
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
	v.change(id, func(a *model.Article, k storedAt) {
		if a == nil {
			return
		}
		v.row(k, a).read = read
		setBool(v.changing().Read, id, read) // again, for a change replayed on Attach
		v.send(op{kind: opRead, key: k.key, id: a.ID, title: a.Title, on: read})
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
	v.change(id, func(a *model.Article, k storedAt) {
		if a == nil {
			return
		}
		v.row(k, a).starred = starred
		setBool(v.changing().Starred, id, starred)
		v.send(op{kind: opStar, key: k.key, id: a.ID, title: a.Title, on: starred})
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
	v.change(id, func(a *model.Article, k storedAt) {
		if a == nil {
			return
		}
		if k.key == "" {
			v.warn(fmt.Sprintf("the star of quotation %d of %s is not saved: the database did not answer before closing", qi, id))
			return
		}
		if qi < 0 || qi >= len(a.Quotes) {
			return
		}
		qk := quoteKey(a, qi)
		if m := v.changing(); starred {
			m.Quotes[qm] = true
		} else {
			delete(m.Quotes, qm)
		}
		if starred {
			v.qrows[quoteAt{k, qk}] = &quoteRow{key: k.key, quote: qk, id: a.ID, title: a.Title, text: a.Quotes[qi].Text, idx: qi}
		} else {
			delete(v.qrows, quoteAt{k, qk})
		}
		v.send(op{kind: opQuoteStar, key: k.key, quote: qk, id: a.ID, title: a.Title, idx: qi, text: a.Quotes[qi].Text, on: starred})
	})
}

func (v *View) row(at storedAt, a *model.Article) *markRow {
	r := v.rows[at]
	if r == nil {
		r = &markRow{key: at.key, id: a.ID}
		v.rows[at] = r
	}
	r.title = a.Title
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
