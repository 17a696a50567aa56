package browse

import (
	"context"
	"sync"
	"time"

	"byline/model"
)

// LoadFunc loads a corpus, telling progress what it has read as it goes
// (package corpus's Load and LoadFS, wired by the caller: browse does not
// read files).
type LoadFunc func(ctx context.Context, progress func(model.Progress)) (*model.Corpus, error)

// Snapshot is one step of a load: a store of what has loaded so far.
type Snapshot struct {
	Store Store
	// More is true until the final snapshot (the loaded corpus) or an
	// error.
	More bool
	Err  error
}

// Loader runs a LoadFunc in the background and turns its progress into
// snapshots: previews of the stories read so far, indexed at most every
// 100 ms on the loader's own goroutines (neither indexing nor a slow
// reader holds up the load), then the final corpus.
type Loader struct {
	ctx     context.Context
	load    LoadFunc
	cluster ClusterFunc
	ch      chan Snapshot
	start   sync.Once
}

// LoadOption changes how a Loader loads.
type LoadOption func(*Loader)

// WithCluster groups the final corpus into stories with fn (default:
// Cluster, which keeps nothing between runs).
func WithCluster(fn ClusterFunc) LoadOption {
	return func(l *Loader) {
		if fn != nil {
			l.cluster = fn
		}
	}
}

// Load prepares a loader; loading starts with the first call to Next.
// Once the corpus is loaded, a snapshot of it comes at once (Grouping),
// then another with its stories (Grouped), the last.
func Load(ctx context.Context, load LoadFunc, opts ...LoadOption) *Loader {
	l := &Loader{ctx: ctx, load: load, cluster: Cluster, ch: make(chan Snapshot, 4)}
	for _, o := range opts {
		o(l)
	}
	return l
}

// Next blocks until the next snapshot. After one with More false there
// are no more: Next must not be called again. If the context ends first,
// Next returns a snapshot carrying its error.
func (l *Loader) Next() Snapshot {
	l.start.Do(l.run)
	select {
	case s := <-l.ch:
		return s
	case <-l.ctx.Done():
		return Snapshot{Err: l.ctx.Err()}
	}
}

func (l *Loader) send(s Snapshot) {
	select {
	case l.ch <- s:
	case <-l.ctx.Done():
	}
}

func (l *Loader) run() {
	// The loader's callback only appends under a lock; a builder
	// goroutine indexes the previews into snapshots.
	var mu sync.Mutex
	var arts []*model.Article
	var problems []model.Problem
	var found, done int
	stop := make(chan struct{})
	built := make(chan *Dataset)
	go func() {
		var cur *Dataset
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				built <- cur
				return
			case <-tick.C:
			}
			mu.Lock()
			n, fd, dn := len(arts), found, done
			a := arts[:n:n]
			ps := append([]model.Problem(nil), problems...)
			mu.Unlock()
			if cur != nil && n == len(cur.arts) && fd == cur.found && dn == cur.done && len(ps) == len(cur.problems) {
				continue
			}
			d := build(cur, nil, a, ps)
			d.found, d.done = fd, dn
			cur = d
			l.send(Snapshot{Store: d, More: true})
		}
	}()
	go func() {
		c, err := l.load(l.ctx, func(p model.Progress) {
			mu.Lock()
			arts = append(arts, p.Articles...)
			problems = append(problems, p.Problems...)
			found, done = p.Found, p.Done
			mu.Unlock()
		})
		close(stop)
		cur := <-built
		if err != nil {
			l.send(Snapshot{Err: err})
			return
		}
		d := build(cur, c, nil, nil)
		mu.Lock()
		d.found, d.done = max(found, done), max(found, done)
		mu.Unlock()
		// Browse the corpus while its stories are grouped.
		d.grouping = true
		l.send(Snapshot{Store: d, More: true})
		set := l.cluster(l.ctx, c)
		if set == nil {
			l.send(Snapshot{Err: l.ctx.Err()})
			return
		}
		g := d.withStories(set)
		g.grouping = false
		l.send(Snapshot{Store: g})
	}()
}
