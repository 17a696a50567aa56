// Package serve runs byline's terminal UI over SSH for many people at once:
// one corpus loaded once and shared read-only, one Bubble Tea program per
// session with its own model, colour profile (from the client's environment,
// never the server's) and window size.
//
// It is safe by default: only keys from an authorized_keys set get in (the
// key is checked again in a middleware before anything is served), sessions
// need a terminal, are capped in number, rate limited per address, closed
// when the user has not typed for the idle timeout and when they reach the
// maximum session length, and a panic ends one session, never the server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults for Config's zero fields.
const (
	DefaultAddr             = "127.0.0.1:2222"
	DefaultMaxSessions      = 50
	DefaultIdleTimeout      = 15 * time.Minute
	DefaultMaxSessionLength = 8 * time.Hour
	DefaultHandshakeTimeout = 15 * time.Second
	DefaultRatePerMinute    = 30
	// ShutdownGrace is how long Shutdown waits for sessions to end after
	// telling them before it closes every connection.
	ShutdownGrace = 3 * time.Second
)

// Client is what a model factory may know about the person connecting. Env is
// the client's environment as sent over SSH (plus TERM from the pty request):
// per-session settings come from here, never from the server's os.Getenv.
type Client struct {
	User       string
	RemoteAddr net.Addr
	Env        []string
	Term       string
	Width      int
	Height     int
	PublicKey  gossh.PublicKey // nil with AllowAnyone and keyboard-interactive
}

// Getenv returns the client's value for key, or "".
func (c Client) Getenv(key string) string {
	v, _ := c.LookupEnv(key)
	return v
}

// LookupEnv returns the client's value for key and whether it was set.
func (c Client) LookupEnv(key string) (string, bool) {
	// Last one wins, as with a shell.
	for i := len(c.Env) - 1; i >= 0; i-- {
		k, v, ok := cutEnv(c.Env[i])
		if ok && k == key {
			return v, true
		}
	}
	return "", false
}

// NoColor reports whether the client asked for no colour: NO_COLOR set to a
// non-empty value (https://no-color.org) or TERM=dumb.
func (c Client) NoColor() bool {
	return c.Getenv("NO_COLOR") != "" || c.Term == "dumb"
}

func cutEnv(kv string) (string, string, bool) {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return "", "", false
}

// ModelFunc makes a fresh, independent model for one session. ctx ends when
// the session does.
type ModelFunc func(ctx context.Context, c Client) tea.Model

// Config configures a Server. Zero durations and counts take the defaults
// above; a negative IdleTimeout or MaxSessionLength disables that limit.
type Config struct {
	HostKey gossh.Signer // required

	// AuthorizedKeys are the keys allowed in. Empty means nobody, unless
	// AllowAnyone is set.
	AuthorizedKeys *KeySet
	AllowAnyone    bool

	MaxSessions      int
	IdleTimeout      time.Duration
	MaxSessionLength time.Duration
	HandshakeTimeout time.Duration
	// RatePerMinute is how many new sessions one IP address may open per
	// minute (also the burst).
	RatePerMinute int

	NewModel ModelFunc // required
	Logger   *log.Logger

	// Extra tea options, for tests (e.g. a fixed FPS).
	ProgramOptions []tea.ProgramOption

	// testAcceptAnyKey makes authentication accept every public key, to
	// show that the middleware's re-check still refuses unknown keys.
	testAcceptAnyKey bool
	// testShutdownGrace replaces ShutdownGrace, so that a test can tell
	// "Shutdown waited for the session" from "the grace ran out".
	testShutdownGrace time.Duration
	// testOutput wraps each session's output, so that a test can see what
	// the server writes and when a write blocks.
	testOutput func(io.Writer) io.Writer
}

// output is where a session's UI writes.
func (s *Server) output(w io.Writer) io.Writer {
	if s.cfg.testOutput != nil {
		return s.cfg.testOutput(w)
	}
	return w
}

// NewLogger returns the structured logger byline serve uses: logfmt-like
// text with timestamps.
func NewLogger(w io.Writer) *log.Logger {
	return log.NewWithOptions(w, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339, Prefix: "byline serve"})
}

// ErrNoAuthorizedKeys is returned by New without keys and without AllowAnyone.
var ErrNoAuthorizedKeys = errors.New("no authorized keys: nobody could log in")

// Server is byline's SSH server.
type Server struct {
	cfg Config
	log *log.Logger
	ssh *ssh.Server

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	active   atomic.Int64 // sessions holding a slot
	conns    atomic.Int64

	addrMu sync.Mutex
	addr   net.Addr
}

// New checks cfg and builds a server; nothing listens until Serve.
func New(cfg Config) (*Server, error) {
	if cfg.HostKey == nil {
		return nil, errors.New("serve: no host key")
	}
	if cfg.NewModel == nil {
		return nil, errors.New("serve: no model factory")
	}
	if cfg.AuthorizedKeys.Len() == 0 && !cfg.AllowAnyone && !cfg.testAcceptAnyKey {
		return nil, ErrNoAuthorizedKeys
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxSessionLength == 0 {
		cfg.MaxSessionLength = DefaultMaxSessionLength
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.RatePerMinute <= 0 {
		cfg.RatePerMinute = DefaultRatePerMinute
	}
	logger := cfg.Logger
	if logger == nil {
		logger = log.New(io.Discard)
	}
	s := &Server{
		cfg:      cfg,
		log:      logger,
		sessions: map[*session]struct{}{},
	}
	opts := []ssh.Option{
		wish.WithVersion("byline"),
		// The host key first: wish.NewServer would otherwise write a new
		// one into the working directory.
		func(srv *ssh.Server) error { srv.AddHostKey(cfg.HostKey); return nil },
		wish.WithMiddleware(s.middleware()),
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = cfg.HandshakeTimeout
			srv.ConnCallback = s.onConn
			srv.ConnectionCloseCallback = func(net.Conn) { s.conns.Add(-1) }
			srv.ConnectionFailedCallback = func(c net.Conn, err error) {
				// Refused keys land here ("no auth passed yet"), as do
				// scanners and handshake timeouts.
				s.log.Info("connection refused or failed", "remote", c.RemoteAddr().String(), "err", err)
			}
			// Only "session" channels: no port forwarding, agent or X11;
			// no subsystems (sftp and the like).
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			return nil
		},
	}
	if cfg.MaxSessionLength > 0 {
		// A hard cap on the connection, a little after the session's own
		// limit, which tells the user why.
		opts = append(opts, wish.WithMaxTimeout(cfg.MaxSessionLength+time.Minute))
	}
	if cfg.IdleTimeout > 0 {
		// wish's idle timeout resets on every read and write, so a
		// redrawing UI would never hit it; sessions track the user's input
		// themselves. This one only catches connections that sit without
		// any session at all.
		opts = append(opts, wish.WithIdleTimeout(cfg.IdleTimeout+time.Minute))
	}
	switch {
	case cfg.testAcceptAnyKey:
		opts = append(opts, wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			recordKey(ctx, key)
			return true
		}))
	case cfg.AuthorizedKeys.Len() > 0 && !cfg.AllowAnyone:
		opts = append(opts, wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			if !cfg.AuthorizedKeys.Contains(key) {
				return false
			}
			recordKey(ctx, key)
			return true
		}))
	default: // AllowAnyone: any key, or no key at all.
		opts = append(opts,
			wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
				recordKey(ctx, key)
				return true
			}),
			wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool {
				return true
			}))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
}

// permFingerprint is the permissions extension where the public key handler
// records the fingerprint of the key it accepted.
const permFingerprint = "byline-pubkey-fp"

func recordKey(ctx ssh.Context, key ssh.PublicKey) {
	p := ctx.Permissions()
	if p.Extensions == nil {
		p.Extensions = map[string]string{}
	}
	p.Extensions[permFingerprint] = gossh.FingerprintSHA256(key)
}

// maxConns bounds connections (authenticated or not) so a flood of
// handshakes cannot exhaust the server before the session cap applies.
func (s *Server) maxConns() int64 { return int64(2*s.cfg.MaxSessions + 16) }

func (s *Server) onConn(ctx ssh.Context, c net.Conn) net.Conn {
	if n := s.conns.Add(1); n > s.maxConns() {
		s.conns.Add(-1)
		s.log.Warn("too many connections; dropped", "remote", c.RemoteAddr(), "open", n-1)
		return nil // closed by the ssh server, ConnectionCloseCallback not called
	}
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		s.conns.Add(-1)
		return nil
	}
	return c
}

// Fingerprint is the host key's SHA256 fingerprint.
func (s *Server) Fingerprint() string { return Fingerprint(s.cfg.HostKey.PublicKey()) }

// Addr is the address Serve listens on, once it does.
func (s *Server) Addr() net.Addr {
	s.addrMu.Lock()
	defer s.addrMu.Unlock()
	return s.addr
}

// Serve accepts connections on l until Shutdown or Close. It returns nil
// after a Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.addrMu.Lock()
	s.addr = l.Addr()
	s.addrMu.Unlock()
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Sessions is the number of sessions running now.
func (s *Server) Sessions() int { return int(s.active.Load()) }

// Shutdown stops accepting connections, tells every session the server is
// going away and ends it, waits up to ShutdownGrace (or ctx) for them, then
// closes every remaining connection.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	live := make([]*session, 0, len(s.sessions))
	for se := range s.sessions {
		live = append(live, se)
	}
	s.mu.Unlock()

	for _, se := range live {
		se.stop("the server is shutting down", 0)
	}
	wait := ShutdownGrace
	if s.cfg.testShutdownGrace > 0 {
		wait = s.cfg.testShutdownGrace
	}
	grace, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		s.mu.Lock()
		n := len(s.sessions)
		s.mu.Unlock()
		if n == 0 {
			break
		}
		select {
		case <-grace.Done():
			s.log.Warn("sessions still running at shutdown; closing their connections", "sessions", n)
			break wait
		case <-tick.C:
		}
	}
	return s.ssh.Close()
}

// Close closes the listener and every connection at once.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	return s.ssh.Close()
}

func (s *Server) track(se *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.sessions[se] = struct{}{}
	return true
}

func (s *Server) untrack(se *session) {
	s.mu.Lock()
	delete(s.sessions, se)
	s.mu.Unlock()
}

// String describes the server for logs.
func (s *Server) String() string {
	return fmt.Sprintf("byline serve on %v (%s)", s.Addr(), s.Fingerprint())
}
