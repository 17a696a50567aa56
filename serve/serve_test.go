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

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
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
	h := &harness{t: t, user: newSigner(t), events: make(chan string, 64), logs: &syncBuffer{}}
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
		case <-time.After(5 * time.Second):
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
	done  chan error
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
	c := &client{t: h.t, conn: conn, sess: sess, out: &syncBuffer{}, done: make(chan error, 1)}
	sess.Stdout = c.out
	sess.Stderr = c.out
	c.stdin, err = sess.StdinPipe()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		h.t.Fatalf("shell: %v", err)
	}
	go func() { c.done <- sess.Wait() }()
	h.t.Cleanup(func() { conn.Close() })
	return c
}

// waitOutput waits until the session's output contains want.
func (c *client) waitOutput(want string, within time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Contains(c.out.String(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatalf("output never showed %q; got %q", want, c.out.String())
}

// waitExit waits for the session to end and returns its exit status.
func (c *client) waitExit(within time.Duration) int {
	c.t.Helper()
	select {
	case err := <-c.done:
		var exit *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &exit):
			return exit.ExitStatus()
		default:
			c.t.Fatalf("session ended with %v; output %q", err, c.out.String())
		}
	case <-time.After(within):
		c.t.Fatalf("session still open after %v; output %q", within, c.out.String())
	}
	return -1
}

func (c *client) stillOpen(d time.Duration) bool {
	select {
	case <-c.done:
		return false
	case <-time.After(d):
		return true
	}
}

func waitEvent(t *testing.T, events <-chan string, want string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev == want {
				return
			}
		case <-deadline:
			t.Fatalf("model never saw %q", want)
		}
	}
}

func TestAuthorisedKeyGetsUI(t *testing.T) {
	h := start(t, nil)
	c := h.open(h.user, true, map[string]string{"NO_COLOR": "1"})
	c.waitOutput("STUB-UI user=reporter nocolor=true", 5*time.Second)
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
	if code := c.waitExit(5 * time.Second); code != 0 {
		t.Errorf("exit status %d after q, want 0", code)
	}
	// The server is still up for the next person, whose model is fresh
	// and sees their own environment.
	c2 := h.open(h.user, true, nil)
	c2.waitOutput("STUB-UI user=reporter nocolor=false", 5*time.Second)
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
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(h.logs.String(), "connection refused or failed") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(h.logs.String(), "connection refused or failed") {
		t.Errorf("refusal not logged:\n%s", h.logs.String())
	}
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
	if code := c.waitExit(5 * time.Second); code != 1 {
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
	h.open(h.user, true, nil).waitOutput("STUB-UI", 5*time.Second)
	second := h.open(h.user, true, nil)
	second.waitExit(5 * time.Second)
	if !strings.Contains(second.out.String(), "the server is full (1 session);") {
		t.Errorf("refusal %q", second.out.String())
	}
}

func TestSessionCap(t *testing.T) {
	h := start(t, func(c *Config) { c.MaxSessions = 2 })
	a := h.open(h.user, true, nil)
	a.waitOutput("STUB-UI", 5*time.Second)
	b := h.open(h.user, true, nil)
	b.waitOutput("STUB-UI", 5*time.Second)

	third := h.open(h.user, true, nil)
	if code := third.waitExit(5 * time.Second); code != 1 {
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
	a.waitExit(5 * time.Second)
	deadline := time.Now().Add(5 * time.Second)
	for h.srv.Sessions() != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	d := h.open(h.user, true, nil)
	d.waitOutput("STUB-UI", 5*time.Second)
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	h := start(t, nil)
	other := h.open(h.user, true, nil)
	other.waitOutput("STUB-UI", 5*time.Second)

	// A panic inside the UI's Update.
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI", 5*time.Second)
	io.WriteString(c.stdin, "p")
	if code := c.waitExit(5 * time.Second); code != 1 {
		t.Errorf("exit status %d after a panic, want 1", code)
	}
	c.waitOutput("internal error", time.Second)

	// The other session and the server carry on.
	if !other.stillOpen(100 * time.Millisecond) {
		t.Fatal("another session ended with the panicking one")
	}
	io.WriteString(other.stdin, "q")
	other.waitExit(5 * time.Second)
	h.open(h.user, true, nil).waitOutput("STUB-UI", 5*time.Second)
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
	if code := c.waitExit(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("internal error", time.Second)
	h.open(h.user, true, nil).waitOutput("STUB-UI", 5*time.Second)
	if h.srv.Sessions() != 1 {
		t.Errorf("Sessions() = %d after a panic and one live session, want 1 (slot leaked?)", h.srv.Sessions())
	}
}

func TestIdleTimeoutIgnoresRedraws(t *testing.T) {
	const idle = 500 * time.Millisecond
	h := start(t, func(c *Config) {
		c.IdleTimeout = idle
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			return stub{c: cl, tick: true}
		}
	})
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI", 5*time.Second)

	// Typing keeps it alive, well past the idle timeout...
	for i := 0; i < 8; i++ {
		time.Sleep(idle / 4)
		io.WriteString(c.stdin, "x")
	}
	if !c.stillOpen(0) {
		t.Fatalf("session closed while the user was typing; output %q", c.out.String())
	}
	// ...and a redrawing UI alone does not.
	start := time.Now()
	if code := c.waitExit(5 * time.Second); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	if took := time.Since(start); took < idle/2 {
		t.Errorf("closed %v after the last key, before the idle timeout %v", took, idle)
	}
	c.waitOutput("closed after 500ms without input", time.Second)
	if !strings.Contains(c.out.String(), "frame=") {
		t.Error("the stub never redrew")
	}
}

func TestMaxSessionLength(t *testing.T) {
	h := start(t, func(c *Config) { c.MaxSessionLength = 300 * time.Millisecond })
	c := h.open(h.user, true, nil)
	c.waitOutput("STUB-UI", 5*time.Second)
	go func() { // busy typing does not matter
		for i := 0; i < 50; i++ {
			if _, err := io.WriteString(c.stdin, "x"); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	c.waitExit(5 * time.Second)
	c.waitOutput("maximum session length", time.Second)
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
	if code := c.waitExit(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("permission denied", time.Second)
	if strings.Contains(c.out.String(), "STUB-UI") {
		t.Error("an unlisted key got the UI")
	}
	select {
	case <-made:
		t.Error("a model was made for an unlisted key")
	default:
	}
	// The listed key still works.
	h.open(h.user, true, nil).waitOutput("STUB-UI", 5*time.Second)
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

func TestShutdownTellsSessions(t *testing.T) {
	h := start(t, nil)
	a := h.open(h.user, true, nil)
	a.waitOutput("STUB-UI", 5*time.Second)
	b := h.open(h.user, true, nil)
	b.waitOutput("STUB-UI", 5*time.Second)

	begin := time.Now()
	if err := h.srv.Shutdown(context.Background()); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	select {
	case err := <-h.served:
		if err != nil {
			t.Errorf("Serve returned %v after Shutdown", err)
		}
		h.served <- nil // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("Serve still running after Shutdown")
	}
	if took := time.Since(begin); took > 5*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	for _, c := range []*client{a, b} {
		c.waitExit(5 * time.Second)
		c.waitOutput("the server is shutting down", time.Second)
	}
	if _, err := h.dial(h.user); err == nil {
		t.Error("a new connection was accepted after Shutdown")
	}
}

func TestRateLimit(t *testing.T) {
	h := start(t, func(c *Config) { c.RatePerMinute = 2 })
	for i := 0; i < 2; i++ {
		c := h.open(h.user, true, nil)
		c.waitOutput("STUB-UI", 5*time.Second)
		io.WriteString(c.stdin, "q")
		c.waitExit(5 * time.Second)
	}
	c := h.open(h.user, true, nil)
	if code := c.waitExit(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	c.waitOutput("too many new sessions", time.Second)
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
	h.open(newSigner(t), true, nil).waitOutput("STUB-UI", 5*time.Second)
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
	// Say nothing; the server must hang up.
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	begin := time.Now()
	_, err = io.Copy(io.Discard, conn)
	if err != nil {
		t.Fatalf("server did not close a silent connection: %v", err)
	}
	if took := time.Since(begin); took > 3*time.Second {
		t.Errorf("silent connection closed after %v", took)
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
	c.waitOutput("STUB-UI", 5*time.Second)
	c.stdin.Close() // EOF on the channel; the connection stays
	c.waitExit(5 * time.Second)
	deadline := time.Now().Add(5 * time.Second)
	for h.srv.Sessions() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := h.srv.Sessions(); n != 0 {
		t.Errorf("Sessions() = %d after the client closed its input", n)
	}
}

// TestShutdownDuringStart stops a session whose model is still being made:
// it must end as soon as its program starts, not hang until the grace ends.
func TestShutdownDuringStart(t *testing.T) {
	entered := make(chan struct{}, 1)
	h := start(t, func(c *Config) {
		c.NewModel = func(_ context.Context, cl Client) tea.Model {
			entered <- struct{}{}
			time.Sleep(300 * time.Millisecond)
			return stub{c: cl}
		}
	})
	c := h.open(h.user, true, nil)
	<-entered
	begin := time.Now()
	if err := h.srv.Shutdown(context.Background()); err != nil {
		t.Error(err)
	}
	if took := time.Since(begin); took >= ShutdownGrace {
		t.Errorf("Shutdown took %v: the starting session was not stopped", took)
	}
	c.waitExit(5 * time.Second)
	c.waitOutput("the server is shutting down", time.Second)
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
	mono.waitOutput("RED", 5*time.Second)
	full.waitOutput("RED", 5*time.Second)
	const red = "38;2;255;0;0"
	if strings.Contains(mono.out.String(), red) {
		t.Errorf("NO_COLOR session got colour: %q", mono.out.String())
	}
	if !strings.Contains(full.out.String(), red) {
		t.Errorf("truecolor session lost its colour: %q", full.out.String())
	}
}
