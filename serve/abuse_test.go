package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"byline/browse"
	"byline/corpus"
	"byline/corpus/demo"
	"byline/tui"
)

func heapAfterGC() uint64 {
	var ms runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestWrongKeysRefused: 200 connection attempts with unknown keys from
// loopback are refused at authentication, cost no rate-limit tokens (an
// attacker cannot lock the owner out), leave no connection open and do not
// grow the server's memory.
func TestWrongKeysRefused(t *testing.T) {
	h := start(t, func(c *Config) { c.RatePerMinute = 2 })
	keys := make([]gossh.Signer, 200)
	for i := range keys {
		keys[i] = newSigner(t)
	}
	attempt := func(k gossh.Signer) error {
		conn, err := h.dial(k)
		if err == nil {
			conn.Close()
			return fmt.Errorf("an unknown key got in")
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			return fmt.Errorf("refused with %v, want an authentication failure", err)
		}
		return nil
	}
	// Warm up (first handshake allocates lazily-built state), then measure.
	if err := attempt(newSigner(t)); err != nil {
		t.Fatal(err)
	}
	waitConns(t, h.srv, 0)
	before := heapAfterGC()
	var wg sync.WaitGroup
	errs := make(chan error, len(keys))
	sem := make(chan struct{}, 8)
	for _, k := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := attempt(k); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	waitConns(t, h.srv, 0)
	after := heapAfterGC()
	t.Logf("HeapInuse after GC: %d KB before, %d KB after 200 refused attempts", before>>10, after>>10)
	if after > before+4<<20 {
		t.Errorf("HeapInuse grew by %d KB over 200 refused connections", (after-before)>>10)
	}
	// The owner still gets in, twice: the refused attempts took none of
	// the address's two tokens.
	for range 2 {
		c := h.open(h.user, true, nil)
		c.waitOutput("STUB-UI")
		io.WriteString(c.stdin, "q")
		c.waitExit()
	}
}

func waitConns(t *testing.T, s *Server, want int64) {
	t.Helper()
	await(t, fmt.Sprintf("%d open connections", want), func() bool { return s.conns.Load() == want }, poll(t))
}

// gauge counts the bytes a session's UI hands to its output, as they go on
// the wire (the PTY writer sends each lone LF as CRLF), and the bytes the
// output took: more handed than an SSH channel's window (2 MiB) holds, with
// a client that never reads, means the write is blocked for good.
type gauge struct {
	w                   io.Writer
	attempted, accepted atomic.Int64
}

func (g *gauge) Write(p []byte) (int, error) {
	g.attempted.Add(int64(len(p) + bytes.Count(p, []byte{'\n'}) - bytes.Count(p, []byte{'\r', '\n'})))
	n, err := g.w.Write(p)
	g.accepted.Add(int64(n))
	return n, err
}

// sshWindow is the receive window of an x/crypto/ssh client channel: the
// most a server can send before the client reads.
const sshWindow = 2 << 20

// gauges records a gauge for each session's output (Config.testOutput).
type gauges struct {
	mu  sync.Mutex
	all []*gauge
}

func (gs *gauges) wrap(w io.Writer) io.Writer {
	g := &gauge{w: w}
	gs.mu.Lock()
	gs.all = append(gs.all, g)
	gs.mu.Unlock()
	return g
}

// blocked reports whether the first session's output is blocked for good:
// more handed to it than the window holds.
func (gs *gauges) blocked() bool {
	gs.mu.Lock()
	defer gs.mu.Unlock()
	return len(gs.all) > 0 && gs.all[0].attempted.Load() > sshWindow && gs.all[0].accepted.Load() < gs.all[0].attempted.Load()
}

// openUnread starts a session with a PTY of the given size whose output
// the client does not read (until the test reads stdout), so the server's
// writes fill the SSH window and block. Input stays open: a closed input
// would end the session.
func (h *harness) openUnread(width, height int) (sess *gossh.Session, stdin io.WriteCloser, stdout io.Reader) {
	t := h.t
	t.Helper()
	conn, err := h.dial(h.user)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if sess, err = conn.NewSession(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close() })
	if stdout, err = sess.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StderrPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return sess, stdin, stdout
}

// flood redraws a whole screen of new text every few milliseconds: a
// client that does not read fills its SSH window fast.
type flood struct {
	w, h, n int
	marker  string
}

func (m flood) Init() tea.Cmd {
	return tea.Tick(5*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m flood) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		m.n++
		return m, m.Init()
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m flood) View() tea.View {
	var b strings.Builder
	for i := 0; i < m.h; i++ {
		line := fmt.Sprintf("%s %d:%d ", m.marker, m.n, i)
		b.WriteString(strings.Repeat(line, max(1, m.w/len(line))))
		b.WriteByte('\n')
	}
	return tea.NewView(b.String())
}

// TestStalledReaderDoesNotBlockOthers: a client with a PTY that never reads
// its output (its SSH window fills and the server's writes block) must not
// hold up anyone else's session, nor the server's shutdown.
func TestStalledReaderDoesNotBlockOthers(t *testing.T) {
	var out gauges
	h := start(t, func(c *Config) {
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			return flood{w: cl.Width, h: cl.Height, marker: "FLOOD-UI " + cl.Term}
		}
		c.testOutput = out.wrap
	})
	h.openUnread(400, 200)
	// ~80 KB a frame: wait until the server has handed the session more
	// than the client's window, which it cannot have sent: it is stuck.
	await(t, "the stalled session's output to block", out.blocked, poll(t))
	if h.srv.Sessions() != 1 {
		t.Fatalf("stalled session not running: %d sessions", h.srv.Sessions())
	}
	for range 3 {
		c := h.open(h.user, true, nil)
		c.waitOutput("FLOOD-UI xterm-256color")
		io.WriteString(c.stdin, "q")
		c.waitExit()
	}
	// Shutdown still completes: the stalled session cannot end (its
	// output is blocked), so its connection is closed after the grace.
	if err := h.srv.Shutdown(context.Background()); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	h.waitLog("sessions still running at shutdown; closing their connections")
}

// TestResizeWhileOutputBlocked: window changes that arrive while the
// session's output is blocked (the client has not read, the SSH window is
// full) must not stop the server from taking the client's window
// adjustments once it reads again. They once did: the goroutine reading
// window changes waited for the program, the program for its renderer, the
// renderer for room in the window, and the SSH connection's single packet
// loop, blocked delivering the next window change, never delivered the
// adjustment that made room. The session hung for good.
func TestResizeWhileOutputBlocked(t *testing.T) {
	var out gauges
	final := [2]int{123, 45} // the sizes below are all smaller
	o := &observer{want: final, changed: make(chan struct{}, 1)}
	h := start(t, func(c *Config) {
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			return observed{Model: flood{w: cl.Width, h: cl.Height, marker: "FLOOD"}, o: o}
		}
		c.testOutput = out.wrap
	})
	sess, stdin, stdout := h.openUnread(100, 100)
	await(t, "the session's output to block", out.blocked, poll(t))
	// More window changes than every queue on the way holds (the pty's
	// one, the channel's 16 requests).
	for i := range 100 {
		if err := sess.WindowChange(20+i%10, 40+i%50); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.WindowChange(final[1], final[0]); err != nil {
		t.Fatal(err)
	}
	// The client reads again: its window adjustments must get through, the
	// output flow, and the last size reach the model.
	go io.Copy(io.Discard, stdout)
	await(t, "the last size after the output unblocked", o.holds(func(o *observer) bool { return o.last == final }), o.changed)
	io.WriteString(stdin, "q")
	if err := sess.Wait(); err != nil {
		t.Errorf("session ended with %v", err)
	}
}

// realTUI serves byline's own TUI over the demo corpus.
func realTUI(t *testing.T) ModelFunc {
	t.Helper()
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store := browse.Prepare(c)
	return func(ctx context.Context, cl Client) tea.Model {
		return tui.New(ctx, tui.Config{Store: store, Title: "demo", NoColor: cl.NoColor()})
	}
}

// observer is what a wrapped model tells the test: that it started, the
// window sizes its Update got (the largest too), the keys, and the frame it
// drew at a size the test is waiting for.
type observer struct {
	mu         sync.Mutex
	started    bool
	last, most [2]int
	keys       string
	want       [2]int // the size whose frame to keep
	frame      string // the first frame drawn at want
	changed    chan struct{}
}

func (o *observer) note(f func(*observer)) {
	o.mu.Lock()
	f(o)
	o.mu.Unlock()
	select {
	case o.changed <- struct{}{}:
	default:
	}
}

func (o *observer) holds(cond func(*observer) bool) func() bool {
	return func() bool {
		o.mu.Lock()
		defer o.mu.Unlock()
		return cond(o)
	}
}

// observed is a model under observation.
type observed struct {
	tea.Model
	o    *observer
	size [2]int
}

func (m observed) Init() tea.Cmd {
	m.o.note(func(o *observer) { o.started = true })
	return m.Model.Init()
}

func (m observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.size = [2]int{msg.Width, msg.Height}
		m.o.note(func(o *observer) {
			o.last = m.size
			o.most = [2]int{max(o.most[0], msg.Width), max(o.most[1], msg.Height)}
		})
	case tea.KeyPressMsg:
		m.o.note(func(o *observer) { o.keys += msg.String() + " " })
	}
	next, cmd := m.Model.Update(msg)
	return observed{next, m.o, m.size}, cmd
}

func (m observed) View() tea.View {
	v := m.Model.View()
	if m.size == m.o.want {
		m.o.note(func(o *observer) {
			if o.frame == "" {
				o.frame = v.Content
			}
		})
	}
	return v
}

// TestResizeStormAndTinyTerminal: byline's real TUI over SSH survives a 1×1
// terminal, hundreds of window changes (0×0, 1×1, huge, random) while keys
// arrive, and still answers afterwards: it takes the last size and draws a
// whole frame at it. A huge window is clamped before the model sees it.
func TestResizeStormAndTinyTerminal(t *testing.T) {
	if raceDetector {
		// Hundreds of frames of up to 1000×500 cells take minutes under
		// the race detector, which the other serve tests cover.
		t.Skip("skipped under -race: the storm's frames take minutes there")
	}
	// The last size is one the storm never sends (its random sizes are
	// under 400×150), so seeing it means the storm is over.
	final := [2]int{402, 151}
	o := &observer{want: final, changed: make(chan struct{}, 1)}
	tui := realTUI(t)
	h := start(t, func(c *Config) {
		c.NewModel = func(ctx context.Context, cl Client) tea.Model {
			return observed{Model: tui(ctx, cl), o: o}
		}
	})
	c := h.openPty(h.user, nil, "xterm-256color", 1, 1)
	await(t, "the UI to start", o.holds(func(o *observer) bool { return o.started }), o.changed)

	rnd := rand.New(rand.NewSource(1))
	sizes := [][2]int{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1 << 20, 1 << 20}, {100000, 3}, {3, 100000}}
	for i := range 500 {
		var w, hh int
		if i < len(sizes) {
			w, hh = sizes[i][0], sizes[i][1]
		} else {
			w, hh = rnd.Intn(400), rnd.Intn(150)
		}
		if err := c.sess.WindowChange(hh, w); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
		if i%10 == 0 {
			io.WriteString(c.stdin, []string{"j", "\r", "\t", "n", "3", "a", "4", "?", "?", "p", "p", "1", "s"}[(i/10)%13])
		}
	}
	if err := c.sess.WindowChange(final[1], final[0]); err != nil {
		t.Fatal(err)
	}
	io.WriteString(c.stdin, "1")
	await(t, "a frame at the last size", o.holds(func(o *observer) bool {
		return o.last == final && o.frame != ""
	}), o.changed)
	o.mu.Lock()
	frame, most := o.frame, o.most
	o.mu.Unlock()
	if !strings.Contains(frame, "stories") {
		t.Errorf("the frame at %dx%d has no story list:\n%s", final[0], final[1], tail(frame))
	}
	if most[0] > MaxWidth || most[1] > MaxHeight {
		t.Errorf("the model was given a %dx%d window; the clamp is %dx%d", most[0], most[1], MaxWidth, MaxHeight)
	}
	if !c.open() || h.srv.Sessions() != 1 {
		t.Fatalf("the session did not survive the storm (%d sessions); output tail %q", h.srv.Sessions(), tail(c.out.String()))
	}
	if strings.Contains(h.logs.String(), "panic") {
		t.Errorf("the session panicked:\n%s", h.logs.String())
	}
	io.WriteString(c.stdin, "\x03") // ctrl+c quits from any pane or overlay
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit status %d after ctrl+c", code)
	}
}

func tail(s string) string { return s[max(0, len(s)-300):] }

func TestClampSize(t *testing.T) {
	for _, c := range [][4]int{{80, 24, 80, 24}, {-1, -5, 0, 0}, {1 << 30, 1 << 30, MaxWidth, MaxHeight}, {1, 1, 1, 1}} {
		if w, h := clampSize(c[0], c[1]); w != c[2] || h != c[3] {
			t.Errorf("clampSize(%d, %d) = %d, %d", c[0], c[1], w, h)
		}
	}
}
