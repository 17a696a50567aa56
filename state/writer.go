package state

import (
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// opKind is what a write does.
type opKind int

const (
	opRead opKind = iota
	opStar
	opQuoteStar
	opHistory
	opSaveFilter
	opDeleteFilter
	opRekey
	opFlush // no write: done is closed once everything before it is committed
	opStop
)

// op is one change, queued for the writer.
type op struct {
	kind           opKind
	user           string
	key, id, title string
	on             bool
	quote, text    string
	idx            int
	pane, query    string
	name           string
	oldKey         string
	at             int64 // unix nanoseconds of the change
	done           chan struct{}
}

// writer is the one goroutine that writes: ops come over a channel and
// whatever has queued up when it is free is written in one transaction.
// A send never blocks: past the channel's buffer, ops wait in an overflow
// list, in order.
type writer struct {
	conn     *sql.DB
	warn     func(string)
	onCommit func([]op)
	onBegin  func(int)
	ch       chan op
	kick     chan struct{}
	stopped  chan struct{}

	mu       sync.Mutex
	overflow []op
	closed   bool
}

// batchMax bounds one transaction.
const batchMax = 512

// queueLen is the writer's channel buffer; past it ops wait in order in
// the overflow list.
const queueLen = 1024

func newWriter(conn *sql.DB, warn func(string), opt Options) *writer {
	n := queueLen
	if opt.queue > 0 {
		n = opt.queue
	}
	w := &writer{conn: conn, warn: warn, onCommit: opt.onCommit, onBegin: opt.onBegin, ch: make(chan op, n),
		kick: make(chan struct{}, 1), stopped: make(chan struct{})}
	go w.run()
	return w
}

// send queues o without blocking. Ops after Close are dropped.
func (w *writer) send(o op) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sendLocked(o)
}

func (w *writer) sendLocked(o op) {
	if w.closed {
		if o.done != nil {
			close(o.done)
		}
		return
	}
	if len(w.overflow) == 0 {
		select {
		case w.ch <- o:
			return
		default:
		}
	}
	// The channel is full, or ops already wait behind it: keep the order.
	w.overflow = append(w.overflow, o)
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

func (w *writer) flush() {
	done := make(chan struct{})
	w.send(op{kind: opFlush, done: done})
	<-done
}

// close writes what is queued and stops the writer; later ops are dropped.
func (w *writer) close() {
	w.mu.Lock()
	if !w.closed {
		w.sendLocked(op{kind: opStop})
		w.closed = true
	}
	w.mu.Unlock()
	<-w.stopped
}

func (w *writer) run() {
	defer close(w.stopped)
	for {
		var batch []op
		select {
		case o := <-w.ch:
			batch = append(batch, o)
		case <-w.kick:
		}
		// Everything queued now: the channel first (it holds the older
		// ops), then the overflow.
	drain:
		for len(batch) < batchMax {
			select {
			case o := <-w.ch:
				batch = append(batch, o)
			default:
				break drain
			}
		}
		w.mu.Lock()
		if len(batch) < batchMax && len(w.ch) == 0 {
			n := min(len(w.overflow), batchMax-len(batch))
			batch = append(batch, w.overflow[:n]...)
			w.overflow = w.overflow[n:]
		}
		if len(w.overflow) > 0 {
			// More waits: come back for it.
			select {
			case w.kick <- struct{}{}:
			default:
			}
		}
		w.mu.Unlock()
		stop := w.commit(batch)
		if stop {
			return
		}
	}
}

// commit writes a batch in one transaction and answers its flushes; it
// reports whether a stop was in it.
func (w *writer) commit(batch []op) (stop bool) {
	var writes []op
	for _, o := range batch {
		switch o.kind {
		case opFlush:
		case opStop:
			stop = true
		default:
			writes = append(writes, o)
		}
	}
	if len(writes) > 0 {
		if err := w.write(writes); err != nil {
			w.warn(fmt.Sprintf("state: %d changes not saved: %v", len(writes), err))
		} else if w.onCommit != nil {
			w.onCommit(writes)
		}
	}
	for _, o := range batch {
		if o.done != nil {
			close(o.done)
		}
	}
	return stop
}

// historyMax is how many queries a pane's history keeps.
const historyMax = 100

func (w *writer) write(ops []op) error {
	tx, err := w.conn.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if w.onBegin != nil {
		w.onBegin(len(ops))
	}
	for _, o := range ops {
		if err := apply(tx, o); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func apply(tx *sql.Tx, o op) error {
	sec := o.at / int64(time.Second)
	var err error
	switch o.kind {
	case opRead:
		var readAt any
		if o.on {
			readAt = sec
		}
		_, err = tx.Exec(`INSERT INTO marks (user, key, id, title, read, read_at, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user, key) DO UPDATE SET id = excluded.id, title = excluded.title,
				read = excluded.read, read_at = coalesce(excluded.read_at, read_at), updated = excluded.updated`,
			o.user, o.key, o.id, o.title, o.on, readAt, sec)
		if err == nil && !o.on {
			_, err = tx.Exec(`DELETE FROM marks WHERE user = ? AND key = ? AND read = 0 AND starred = 0`, o.user, o.key)
		}
	case opStar:
		_, err = tx.Exec(`INSERT INTO marks (user, key, id, title, starred, updated) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (user, key) DO UPDATE SET id = excluded.id, title = excluded.title,
				starred = excluded.starred, updated = excluded.updated`,
			o.user, o.key, o.id, o.title, o.on, sec)
		if err == nil && !o.on {
			_, err = tx.Exec(`DELETE FROM marks WHERE user = ? AND key = ? AND read = 0 AND starred = 0`, o.user, o.key)
		}
	case opQuoteStar:
		if o.on {
			_, err = tx.Exec(`INSERT OR REPLACE INTO quote_stars (user, key, quote, id, title, idx, text, updated)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.user, o.key, o.quote, o.id, o.title, o.idx, o.text, sec)
		} else {
			_, err = tx.Exec(`DELETE FROM quote_stars WHERE user = ? AND key = ? AND quote = ?`, o.user, o.key, o.quote)
		}
	case opHistory:
		_, err = tx.Exec(`INSERT INTO filter_history (user, pane, query, used) VALUES (?, ?, ?, ?)
			ON CONFLICT (user, pane, query) DO UPDATE SET used = excluded.used`, o.user, o.pane, o.query, o.at)
		if err == nil {
			_, err = tx.Exec(`DELETE FROM filter_history WHERE user = ? AND pane = ? AND query NOT IN
				(SELECT query FROM filter_history WHERE user = ? AND pane = ? ORDER BY used DESC LIMIT ?)`,
				o.user, o.pane, o.user, o.pane, historyMax)
		}
	case opSaveFilter:
		_, err = tx.Exec(`INSERT OR REPLACE INTO saved_filters (user, name, pane, query, created) VALUES (?, ?, ?, ?, ?)`,
			o.user, o.name, o.pane, o.query, sec)
	case opDeleteFilter:
		_, err = tx.Exec(`DELETE FROM saved_filters WHERE user = ? AND name = ?`, o.user, o.name)
	case opRekey:
		// A mark found by its ID or old content key: store it under the
		// article's key and ID now, merging with a row already there.
		_, err = tx.Exec(`INSERT INTO marks (user, key, id, title, read, starred, read_at, updated)
			SELECT user, ?, ?, ?, read, starred, read_at, updated FROM marks WHERE user = ? AND key = ?
			ON CONFLICT (user, key) DO UPDATE SET id = excluded.id, title = excluded.title,
				read = max(read, excluded.read), starred = max(starred, excluded.starred)`,
			o.key, o.id, o.title, o.user, o.oldKey)
		if err == nil && o.key != o.oldKey {
			_, err = tx.Exec(`DELETE FROM marks WHERE user = ? AND key = ?`, o.user, o.oldKey)
		}
		if err == nil && o.key != o.oldKey {
			_, err = tx.Exec(`UPDATE OR REPLACE quote_stars SET key = ?, id = ?, title = ? WHERE user = ? AND key = ?`,
				o.key, o.id, o.title, o.user, o.oldKey)
		}
	}
	return err
}
