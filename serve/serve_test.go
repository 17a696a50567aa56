package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// stub is a tiny model standing in for byline's TUI: it shows who it serves,
// reports what it sees on events, quits on q and panics on p. With tick set
// it redraws every 20 ms, like a spinner, to show that redraws do not keep
// an idle session alive.
type stub struct {
	c      Client
	events chan<- string
	tick   bool
	n      int
}

type tickMsg struct{}

func (m stub) Init() tea.Cmd {
	if m.tick {
		return tea.Tick(20*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{} })
	}
	return nil
}

func (m stub) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		m.n++
		return m, m.Init()
	case tea.WindowSizeMsg:
		m.send(fmt.Sprintf("size %dx%d", msg.Width, msg.Height))
	case tea.KeyPressMsg:
		m.send("key " + msg.String())
		switch msg.String() {
		case "q":
			return m, tea.Quit
		case "p":
			panic("stub: boom")
		}
	}
	return m, nil
}

func (m stub) send(ev string) {
	if m.events != nil {
		select {
		case m.events <- ev:
		default:
		}
	}
}

func (m stub) View() tea.View {
	return tea.NewView(fmt.Sprintf("STUB-UI user=%s nocolor=%v frame=%d \x1b[38;2;255;0;0mRED\x1b[m", m.c.User, m.c.NoColor(), m.n))
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type harness struct {
	t      *testing.T
	srv    *Server
	addr   string
	user   gossh.Signer // authorised
	events chan string
	logs   *syncBuffer
	served chan error
}

// syncBuffer collects what a session or the server writes, and wakes a
// waiter on every write.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // a token after each write
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{}, 1)} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.changed <- struct{}{}:
	default:
	}
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start runs a server on 127.0.0.1:0 with one authorised key and the stub
// model; edit adjusts the config first.
func start(t *testing.T, edit func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, user: newSigner(t), events: make(chan string, 1024), logs: newSyncBuffer()}
	cfg := Config{
		HostKey:        newSigner(t),
		AuthorizedKeys: NewKeySet(h.user.PublicKey()),
		RatePerMinute:  1000,
		NewModel: func(_ context.Context, c Client) tea.Model {
			return stub{c: c, events: h.events}
		},
	}
	cfg.Logger = NewLogger(h.logs)
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.srv, h.addr = srv, ln.Addr().String()
	h.served = make(chan error, 1)
	go func() { h.served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		select {
		case <-h.served:
		case <-giveUp(t):
			t.Error("Serve did not return after Close")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", h.logs.String())
		}
	})
	return h
}

func (h *harness) dial(key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", h.addr, &gossh.ClientConfig{
		User:            "reporter",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

// client is one SSH session as a terminal user sees it.
type client struct {
	t     *testing.T
	conn  *gossh.Client
	sess  *gossh.Session
	stdin io.WriteCloser
	out   *syncBuffer
	ended chan struct{} // closed when the session has ended and its output is all in out
	err   error         // the session's end, once ended is closed
}

// open connects with key and starts a shell, with an 80×24 xterm PTY if pty
// is set.
func (h *harness) open(key gossh.Signer, pty bool, env map[string]string) *client {
	h.t.Helper()
	if pty {
		return h.openPty(key, env, "xterm-256color", 80, 24)
	}
	return h.openPty(key, env, "", 0, 0)
}

// openPty connects with key and starts a shell, with a PTY of the given
// terminal type and size unless term is "".
func (h *harness) openPty(key gossh.Signer, env map[string]string, term string, width, height int) *client {
	h.t.Helper()
	conn, err := h.dial(key)
	if err != nil {
		h.t.Fatalf("dial: %v", err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		h.t.Fatalf("new session: %v", err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			h.t.Fatalf("setenv: %v", err)
		}
	}
	if term != "" {
		if err := sess.RequestPty(term, height, width, gossh.TerminalModes{}); err != nil {
			h.t.Fatalf("pty: %v", err)
		}
	}
	c := &client{t: h.t, conn: conn, sess: sess, out: newSyncBuffer(), ended: make(chan struct{})}
	sess.Stdout = c.out
	sess.Stderr = c.out
	c.stdin, err = sess.StdinPipe()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		h.t.Fatalf("shell: %v", err)
	}
	go func() { c.err = sess.Wait(); close(c.ended) }()
	h.t.Cleanup(func() { conn.Close() })
	return c
}

// Every wait in these tests is for an event: output, an exit, a model
// event, a log line, a count. None has a clock of its own, so a busy machine
// makes them slower, never wrong. A wait gives up only shortly before
// `go test -timeout` would end the test binary, so that a hang reports what
// it saw rather than a bare goroutine dump.
func giveUp(t *testing.T) <-chan time.Time {
	d, ok := t.Deadline()
	if !ok {
		return nil // no -timeout: wait for ever
	}
	left := time.Until(d)
	return time.After(left - min(left/10, 30*time.Second))
}

// stuck fails a test that gave up waiting, with every goroutine's stack:
// what the server was blocked on is the point.
func stuck(t *testing.T, format string, args ...any) {
	t.Helper()
	buf := make([]byte, 1<<20)
	t.Logf("goroutines when the test gave up:\n%s", buf[:runtime.Stack(buf, true)])
	t.Fatalf(format, args...)
}

// await returns once cond holds, checking it again whenever wake fires.
func await[T any](t *testing.T, what string, cond func() bool, wake <-chan T) {
	t.Helper()
	stop := giveUp(t)
	for !cond() {
		select {
		case <-wake:
		case <-stop:
			stuck(t, "gave up waiting for %s", what)
		}
	}
}

// poll wakes an await every few milliseconds, for conditions nothing
// signals (counters); it is how often to look, not how long to wait.
func poll(t *testing.T) <-chan time.Time {
	tick := time.NewTicker(5 * time.Millisecond)
	t.Cleanup(tick.Stop)
	return tick.C
}

// waitOutput waits until the session's output contains want; a session that
// ends without showing it fails at once.
func (c *client) waitOutput(want string) {
	c.t.Helper()
	stop := giveUp(c.t)
	for !strings.Contains(c.out.String(), want) {
		select {
		case <-c.out.changed:
		case <-c.ended:
			if !strings.Contains(c.out.String(), want) {
				c.t.Fatalf("session ended (%v) without showing %q; output %q", c.err, want, c.out.String())
			}
			return
		case <-stop:
			stuck(c.t, "output never showed %q; got %q", want, c.out.String())
		}
	}
}

// waitExit waits for the session to end and returns its exit status.
func (c *client) waitExit() int {
	c.t.Helper()
	select {
	case <-c.ended:
	case <-giveUp(c.t):
		stuck(c.t, "session never ended; output %q", c.out.String())
	}
	var exit *gossh.ExitError
	switch {
	case c.err == nil:
		return 0
	case errors.As(c.err, &exit):
		return exit.ExitStatus()
	}
	c.t.Fatalf("session ended with %v; output %q", c.err, c.out.String())
	return -1
}

func (c *client) open() bool {
	select {
	case <-c.ended:
		return false
	default:
		return true
	}
}

func waitEvent(t *testing.T, events <-chan string, want string) {
	t.Helper()
	stop := giveUp(t)
	for {
		select {
		case ev := <-events:
			if ev == want {
				return
			}
		case <-stop:
			stuck(t, "model never saw %q", want)
		}
	}
}

// waitLog waits for a line of the server's log containing want.
func (h *harness) waitLog(want string) {
	h.t.Helper()
	await(h.t, "the log to say "+want, func() bool { return strings.Contains(h.logs.String(), want) }, h.logs.changed)
}

func TestAuthorisedKeyGetsUI(t *testing.T) {
	h := start(t, nil)
	c := h.open(h.user, true, map[string]string{"NO_COLOR": "1"})
	c.waitOutput("STUB-UI user=reporter nocolor=true")
	waitEvent(t, h.events, "size 80x24")

	// Resize reaches this session's model.
	if err := c.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, h.events, "size 120x40")

	if h.srv.Sessions() != 1 {
		t.Errorf("Sessions() = %d, want 1", h.srv.Sessions())
	}
	io.WriteString(c.stdin, "q")
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit status %d after q, want 0", code)
	}
	// The server is still up for the next person, whose model is fresh
	// and sees their own environment.
	c2 := h.open(h.user, true, nil)
	c2.waitOutput("STUB-UI user=reporter nocolor=false")
	for _, want := range []string{"connect", "key accepted", "disconnect"} {
		if !strings.Contains(h.logs.String(), want) {
			t.Errorf("no %q in the log:\n%s", want, h.logs.String())
		}
	}
}

func TestUnknownKeyRefused(t *testing.T) {
	h := start(t, nil)
	_, err := h.dial(newSigner(t))
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("dial with an unknown key: err = %v, want an authentication failure", err)
	}
	h.waitLog("connection refused or failed")
}

func TestNoPTYGetsMessage(t *testing.T) {
	made := make(chan struct{}, 1)
	h := start(t, func(c *Config) {
		next := c.NewModel
		c.NewModel = func(ctx context.Context, cl Client) tea.Model {
			made <- struct{}{}
			return next(ctx, cl)
		}
	})
	c := h.open(h.user, false, nil)
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	// wish's activeterm says so once (byline's own middleware said it on
	// stdout and stderr, and the client printed both).
	if n := strings.Count(c.out.String(), noTerminalMessage); n != 1 {
		t.Errorf("output %q has %q %d times, want once", c.out.String(), noTerminalMessage, n)
	}
	select {
	case <-made:
		t.Error("a model was made for a session without a terminal")
	default:
	}
}

// noTerminalMessage is what wish's activeterm tells a session without a
// terminal.
const noTerminalMessage = "Requires an active PTY"

// TestSessionCapOfOne: the refusal counts in words ("1 session", not "1
// sessions").
func TestSessionCapOfOne(t *testing.T) {
	h := start(t, func(c *Config) { c.MaxSessions = 1 })
	h.open(h.user, true, nil).waitOutput("STUB-UI")
	second := h.open(h.user, true, nil)
	second.waitExit()
	if !strings.Contains(second.out.String(), "the server is full (1 session);") {
		t.Errorf("refusal %q", second.out.String())
	}
}

func TestSessionCap(t *testing.T) {
	h := start(t, func(c *Config) { c.MaxSessions = 2 })
	a := h.open(h.user, true, nil)
	a.waitOutput("STUB-UI")
	b := h.open(h.user, true, nil)
	b.waitOutput("STUB-UI")

	third := h.open(h.user, true, nil)
	if code := third.waitExit(); code != 1 {
		t.Errorf("third session: exit status %d, want 1", code)
	}
	if !strings.Contains(third.out.String(), "the server is full (2 sessions)") {
		t.Errorf("third session output %q lacks the refusal", third.out.String())
	}
	if strings.Contains(third.out.String(), "STUB-UI") {
		t.Error("third session got the UI")
	}
	// Freeing a slot lets the next one in.
	io.WriteString(a.stdin, "q")
	a.waitExit()
	await(t, "a freed slot", func() bool { return h.srv.Sessions() == 1 }, poll(t))
	d := h.open(h.user, true, nil)
	d.waitOutput("STUB-UI")
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	h := start(t, nil)
	other := h.open(h.user, true, nil)
	other.waitOutput("STUB-UI")

	// A panic inside the UI's Update.
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI")
	io.WriteString(c.stdin, "p")
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit status %d after a panic, want 1", code)
	}
	c.waitOutput("internal error")

	// The other session and the server carry on: the other model still
	// answers keys.
	io.WriteString(other.stdin, "z")
	waitEvent(t, h.events, "key z")
	if !other.open() {
		t.Fatal("another session ended with the panicking one")
	}
	io.WriteString(other.stdin, "q")
	other.waitExit()
	h.open(h.user, true, nil).waitOutput("STUB-UI")
}

func TestPanicInModelFactory(t *testing.T) {
	var once sync.Once
	h := start(t, func(c *Config) {
		next := c.NewModel
		c.NewModel = func(ctx context.Context, cl Client) tea.Model {
			once.Do(func() { panic("factory boom") })
			return next(ctx, cl)
		}
	})
	c := h.open(h.user, true, nil)
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("internal error")
	h.open(h.user, true, nil).waitOutput("STUB-UI")
	if h.srv.Sessions() != 1 {
		t.Errorf("Sessions() = %d after a panic and one live session, want 1 (slot leaked?)", h.srv.Sessions())
	}
}

func TestIdleTimeoutIgnoresRedraws(t *testing.T) {
	const idle = 200 * time.Millisecond
	h := start(t, func(c *Config) {
		c.IdleTimeout = idle
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			return stub{c: cl, tick: true}
		}
	})
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI")
	// Nobody types; the UI redraws every 20 ms (each frame is a write on
	// the session) and the session is closed all the same, with the reason.
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	c.waitOutput("closed after 200ms without input")
	if !strings.Contains(c.out.String(), "frame=") {
		t.Error("the stub never redrew")
	}
}

// fakeClock drives idleWatch: the test decides when each wait runs out and
// what time it is then.
type fakeClock struct {
	mu        sync.Mutex
	now, last time.Time
	waits     chan fakeWait
}

type fakeWait struct {
	d    time.Duration
	fire chan time.Time
}

func (c *fakeClock) Now() time.Time       { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) LastInput() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.last }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	w := fakeWait{d, make(chan time.Time, 1)}
	c.waits <- w
	return w.fire
}

// TestIdleWatchCountsOnlyInput: a key moves the deadline, and the watch
// ends once the user has sent nothing for the whole timeout. The clock is
// the test's: no real time passes.
func TestIdleWatchCountsOnlyInput(t *testing.T) {
	const idle = 10 * time.Minute
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	run := func(ctx context.Context) (*fakeClock, chan bool) {
		clock := &fakeClock{now: t0, last: t0, waits: make(chan fakeWait)}
		expired := make(chan bool, 1)
		go func() { expired <- idleWatch(ctx, idle, clock.LastInput, clock.Now, clock.After) }()
		return clock, expired
	}
	// sleep is the watch's next sleep; it must not have ended.
	sleep := func(clock *fakeClock, expired chan bool, want time.Duration) fakeWait {
		t.Helper()
		select {
		case w := <-clock.waits:
			if w.d != want {
				t.Errorf("sleeps %v, want %v", w.d, want)
			}
			return w
		case e := <-expired:
			t.Fatalf("watch ended (expired %v) while the user was active", e)
		}
		return fakeWait{}
	}
	// wake ends a sleep at the given time, the last key typed at another.
	wake := func(clock *fakeClock, w fakeWait, typedAt, at time.Duration) {
		clock.mu.Lock()
		clock.last, clock.now = t0.Add(typedAt), t0.Add(at)
		clock.mu.Unlock()
		w.fire <- t0.Add(at)
	}
	// ended is whether the watch expired (it must not sleep again).
	ended := func(clock *fakeClock, expired chan bool) bool {
		t.Helper()
		select {
		case e := <-expired:
			return e
		case w := <-clock.waits:
			t.Fatalf("sleeps again (%v) after the whole timeout without input", w.d)
		}
		return false
	}
	ctx := context.Background()

	clock, expired := run(ctx)
	w := sleep(clock, expired, idle)
	wake(clock, w, 4*time.Minute, 10*time.Minute) // a key at 4m: 6m idle at 10m
	w = sleep(clock, expired, 4*time.Minute)
	wake(clock, w, 12*time.Minute, 14*time.Minute) // a key at 12m: 2m idle at 14m
	w = sleep(clock, expired, 8*time.Minute)
	wake(clock, w, 12*time.Minute, 22*time.Minute) // nothing since 12m: 10m idle at 22m
	if !ended(clock, expired) {
		t.Error("watch stopped without expiring")
	}

	// Nobody typed at all: it ends at the first wake.
	clock, expired = run(ctx)
	wake(clock, sleep(clock, expired, idle), 0, idle)
	if !ended(clock, expired) {
		t.Error("watch stopped without expiring")
	}

	// The session ends first: the watch stops without expiring.
	stopped, cancel := context.WithCancel(ctx)
	clock, expired = run(stopped)
	sleep(clock, expired, idle)
	cancel()
	if <-expired {
		t.Error("watch expired after its session ended")
	}
}

func TestMaxSessionLength(t *testing.T) {
	h := start(t, func(c *Config) { c.MaxSessionLength = 300 * time.Millisecond })
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI")
	go func() { // busy typing does not matter
		for i := 0; i < 50; i++ {
			if _, err := io.WriteString(c.stdin, "x"); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	c.waitExit()
	c.waitOutput("maximum session length")
}

// TestRecheckRefusesUnlistedKey makes the authentication layer accept any key
// (as the CVE-2024-45337 class of bug effectively did): the middleware's
// re-check still refuses a key not in the authorized set, before any model
// is made.
func TestRecheckRefusesUnlistedKey(t *testing.T) {
	made := make(chan struct{}, 1)
	h := start(t, func(c *Config) {
		c.testAcceptAnyKey = true
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			made <- struct{}{}
			return stub{c: cl}
		}
	})
	c := h.open(newSigner(t), true, nil) // authentication lets it in
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("permission denied")
	if strings.Contains(c.out.String(), "STUB-UI") {
		t.Error("an unlisted key got the UI")
	}
	select {
	case <-made:
		t.Error("a model was made for an unlisted key")
	default:
	}
	// The listed key still works.
	h.open(h.user, true, nil).waitOutput("STUB-UI")
}

// fakeSession is enough of an ssh.Session for the auth middleware.
type fakeSession struct {
	ssh.Session
	key  ssh.PublicKey
	ctx  *fakeContext
	out  bytes.Buffer
	code int
}

type fakeContext struct {
	ssh.Context
	perms ssh.Permissions
	vals  map[any]any
}

func (c *fakeContext) Permissions() *ssh.Permissions { return &c.perms }
func (c *fakeContext) SetValue(k, v any)             { c.vals[k] = v }
func (c *fakeContext) Value(k any) any               { return c.vals[k] }

func (s *fakeSession) PublicKey() ssh.PublicKey { return s.key }
func (s *fakeSession) Context() ssh.Context     { return s.ctx }
func (s *fakeSession) User() string             { return "reporter" }
func (s *fakeSession) RemoteAddr() net.Addr     { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }
func (s *fakeSession) Stderr() io.ReadWriter    { return &s.out }
func (s *fakeSession) Exit(code int) error      { s.code = code; return nil }
func (s *fakeSession) Close() error             { return nil }

func TestAuthMiddlewareRecheck(t *testing.T) {
	listed, other := newSigner(t).PublicKey(), newSigner(t).PublicKey()
	srv, err := New(Config{HostKey: newSigner(t), AuthorizedKeys: NewKeySet(listed),
		NewModel: func(context.Context, Client) tea.Model { return stub{} }})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		key      ssh.PublicKey
		accepted ssh.PublicKey // the key the auth handler recorded
		want     bool
	}{
		{"listed key, the one accepted", listed, listed, true},
		{"no key", nil, nil, false},
		{"offered a listed key, session has another", other, listed, false},
		{"listed key, nothing recorded at authentication", listed, nil, false},
		{"unlisted key accepted by a lax handler", other, other, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &fakeSession{key: tc.key, ctx: &fakeContext{vals: map[any]any{}}}
			if tc.accepted != nil {
				s.ctx.perms.Permissions = &gossh.Permissions{Extensions: map[string]string{permFingerprint: Fingerprint(tc.accepted)}}
			} else {
				s.ctx.perms.Permissions = &gossh.Permissions{}
			}
			called := false
			srv.authMiddleware(func(ssh.Session) { called = true })(s)
			if called != tc.want {
				t.Errorf("served = %v, want %v", called, tc.want)
			}
			if !tc.want && (s.code != 1 || !strings.Contains(s.out.String(), "permission denied")) {
				t.Errorf("refusal: code %d, output %q", s.code, s.out.String())
			}
		})
	}
}

// longGrace makes Shutdown wait for sessions as long as the test runs: a
// session that is not stopped shows as a hang, not as a grace period that a
// busy machine may or may not need.
const longGrace = time.Hour

func TestShutdownTellsSessions(t *testing.T) {
	h := start(t, func(c *Config) { c.testShutdownGrace = longGrace })
	a := h.open(h.user, true, nil)
	a.waitOutput("STUB-UI")
	b := h.open(h.user, true, nil)
	b.waitOutput("STUB-UI")

	if err := h.srv.Shutdown(context.Background()); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	select {
	case err := <-h.served:
		if err != nil {
			t.Errorf("Serve returned %v after Shutdown", err)
		}
		h.served <- nil // for the cleanup
	case <-giveUp(t):
		t.Fatal("Serve still running after Shutdown")
	}
	for _, c := range []*client{a, b} {
		c.waitExit()
		c.waitOutput("the server is shutting down")
	}
	if _, err := h.dial(h.user); err == nil {
		t.Error("a new connection was accepted after Shutdown")
	}
}

func TestRateLimit(t *testing.T) {
	h := start(t, func(c *Config) { c.RatePerMinute = 2 })
	for i := 0; i < 2; i++ {
		c := h.open(h.user, true, nil)
		c.waitOutput("STUB-UI")
		io.WriteString(c.stdin, "q")
		c.waitExit()
	}
	c := h.open(h.user, true, nil)
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("too many new sessions")
	if !strings.Contains(h.logs.String(), "rate limited") {
		t.Errorf("refusal not logged:\n%s", h.logs.String())
	}
	// The refill over time is golang.org/x/time/rate's, under wish's
	// ratelimiter, and tested there.
}

func TestNewNeedsKeys(t *testing.T) {
	_, err := New(Config{HostKey: newSigner(t), NewModel: func(context.Context, Client) tea.Model { return stub{} }})
	if !errors.Is(err, ErrNoAuthorizedKeys) {
		t.Fatalf("New without keys: %v, want ErrNoAuthorizedKeys", err)
	}
	_, err = New(Config{HostKey: newSigner(t), AllowAnyone: true, NewModel: func(context.Context, Client) tea.Model { return stub{} }})
	if err != nil {
		t.Fatalf("New with AllowAnyone: %v", err)
	}
}

func TestAllowAnyone(t *testing.T) {
	h := start(t, func(c *Config) { c.AllowAnyone = true; c.AuthorizedKeys = nil })
	h.open(newSigner(t), true, nil).waitOutput("STUB-UI")
}

func TestHostKeyCreatedAndReloaded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "byline", "host_ed25519")
	s1, created, err := LoadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first load: created=%v err=%v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	s2, created, err := LoadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second load: created=%v err=%v", created, err)
	}
	if Fingerprint(s1.PublicKey()) != Fingerprint(s2.PublicKey()) {
		t.Error("reloaded host key differs")
	}
	if !strings.HasPrefix(Fingerprint(s1.PublicKey()), "SHA256:") {
		t.Errorf("fingerprint %q", Fingerprint(s1.PublicKey()))
	}
}

func TestParseAuthorizedKeys(t *testing.T) {
	a, b := newSigner(t).PublicKey(), newSigner(t).PublicKey()
	file := "# team\n\n" + string(gossh.MarshalAuthorizedKey(a)) +
		`from="10.0.0.1" ` + string(gossh.MarshalAuthorizedKey(b)) +
		"not a key\n"
	keys, warnings := ParseAuthorizedKeys([]byte(file))
	if len(keys) != 1 || !ssh.KeysEqual(keys[0].Key, a) {
		t.Errorf("keys = %d, want just the plain one", len(keys))
	}
	ks := NewKeySet()
	ks.Add(keys[0])
	if !ks.Contains(a) || ks.Contains(b) || ks.Comment(a) != "" {
		t.Errorf("KeySet: contains a %v, b %v, comment %q", ks.Contains(a), ks.Contains(b), ks.Comment(a))
	}
	named, _ := ParseAuthorizedKeys([]byte(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(a))) + " ana@newsroom\n"))
	if len(named) != 1 || named[0].Comment != "ana@newsroom" {
		t.Errorf("comment not kept: %+v", named)
	}
	if len(warnings) != 2 {
		t.Errorf("warnings = %q, want 2 (options, bad line)", warnings)
	}
}

func TestClientEnv(t *testing.T) {
	c := Client{Env: []string{"NO_COLOR=", "LANG=C", "LANG=en_GB.UTF-8"}, Term: "xterm"}
	if c.NoColor() {
		t.Error("empty NO_COLOR counts as set")
	}
	if got := c.Getenv("LANG"); got != "en_GB.UTF-8" {
		t.Errorf("LANG = %q", got)
	}
	c.Term = "dumb"
	if !c.NoColor() {
		t.Error("TERM=dumb should mean no colour")
	}
}

func TestHandshakeTimeout(t *testing.T) {
	h := start(t, func(c *Config) { c.HandshakeTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", h.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Say nothing; the server must hang up (without a handshake timeout
	// it never would).
	if d, ok := t.Deadline(); ok {
		conn.SetDeadline(d.Add(-time.Second))
	}
	_, err = io.Copy(io.Discard, conn)
	if err != nil {
		t.Fatalf("server did not close a silent connection: %v", err)
	}
}

func TestClientEnvFiltered(t *testing.T) {
	got := clientEnv([]string{"NO_COLOR=1", "LD_PRELOAD=/x.so", "LC_ALL=C", "COLORTERM=truecolor", "PATH=/evil", "junk"})
	want := []string{"NO_COLOR=1", "LC_ALL=C", "COLORTERM=truecolor"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("clientEnv = %q, want %q", got, want)
	}
}

func TestClosedInputEndsSession(t *testing.T) {
	h := start(t, nil)
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI")
	c.stdin.Close() // EOF on the channel; the connection stays
	c.waitExit()
	await(t, "the session's slot to be freed", func() bool { return h.srv.Sessions() == 0 }, poll(t))
}

// TestShutdownDuringStart stops a session whose model is still being made:
// it must end as soon as its program starts, not hang until the grace ends.
func TestShutdownDuringStart(t *testing.T) {
	entered, release := make(chan struct{}, 1), make(chan struct{})
	h := start(t, func(c *Config) {
		c.testShutdownGrace = longGrace
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			entered <- struct{}{}
			<-release
			return stub{c: cl}
		}
	})
	c := h.open(h.user, true, nil)
	<-entered
	// Shutdown stops the session while its model is being made...
	shut := make(chan error, 1)
	go func() { shut <- h.srv.Shutdown(context.Background()) }()
	await(t, "Shutdown to stop the starting session", func() bool {
		h.srv.mu.Lock()
		defer h.srv.mu.Unlock()
		for se := range h.srv.sessions {
			se.mu.Lock()
			stopped := se.stopped
			se.mu.Unlock()
			return stopped
		}
		return false
	}, poll(t))
	// ...then the model is ready: the program must quit as it starts, or
	// Shutdown waits for the (hour-long) grace.
	close(release)
	select {
	case err := <-shut:
		if err != nil {
			t.Error(err)
		}
	case <-giveUp(t):
		t.Fatal("Shutdown never returned: the starting session was not stopped")
	}
	c.waitExit()
	c.waitOutput("the server is shutting down")
}

// TestColourProfilePerSession: two sessions at once, one asking for no colour
// and one for true colour, each get what their own environment says, whatever
// the server's environment.
func TestColourProfilePerSession(t *testing.T) {
	// The server's own environment must not matter.
	t.Setenv("NO_COLOR", "1")
	t.Setenv("TERM", "dumb")
	h := start(t, nil)
	mono := h.open(h.user, true, map[string]string{"NO_COLOR": "1"})
	full := h.open(h.user, true, map[string]string{"COLORTERM": "truecolor"})
	mono.waitOutput("RED")
	full.waitOutput("RED")
	const red = "38;2;255;0;0"
	if strings.Contains(mono.out.String(), red) {
		t.Errorf("NO_COLOR session got colour: %q", mono.out.String())
	}
	if !strings.Contains(full.out.String(), red) {
		t.Errorf("truecolor session lost its colour: %q", full.out.String())
	}
}
