package serve

import (
	"fmt"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// ctxKey names values byline stores in a connection's context.
type ctxKey string

const keyEndReason ctxKey = "byline-end-reason"

// refuse tells the client why it cannot have a session and ends it.
func refuse(s ssh.Session, msg string) {
	fmt.Fprintf(s.Stderr(), "byline: %s\r\n", msg)
	_ = s.Exit(1)
	_ = s.Close()
}

// recoverMiddleware turns a panic in the rest of the chain into the end of
// this one session. (Panics inside the Bubble Tea program are caught by the
// program itself and reported by serveSession.)
func (s *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in session; session closed, server continues",
					"user", sess.User(), "remote", sess.RemoteAddr().String(),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				sess.Context().SetValue(keyEndReason, "panic")
				refuse(sess, "internal error; this session has been closed")
			}
		}()
		next(sess)
	}
}

// loggingMiddleware logs who connected, from where, with which key and
// terminal, and how long they stayed.
func (s *Server) loggingMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		pty, _, hasPty := sess.Pty()
		fp, who := "", ""
		if k := sess.PublicKey(); k != nil {
			fp = gossh.FingerprintSHA256(k)
			who = s.cfg.AuthorizedKeys.Comment(k)
		}
		s.log.Info("session start",
			"user", sess.User(), "who", who, "remote", sess.RemoteAddr().String(), "key", fp,
			"client", sess.Context().ClientVersion(), "pty", hasPty, "term", pty.Term,
			"width", pty.Window.Width, "height", pty.Window.Height)
		defer func() {
			reason, _ := sess.Context().Value(keyEndReason).(string)
			if reason == "" {
				reason = "client quit"
			}
			s.log.Info("session end",
				"user", sess.User(), "who", who, "remote", sess.RemoteAddr().String(), "key", fp,
				"duration", time.Since(start).Round(time.Millisecond), "reason", reason)
		}()
		next(sess)
	}
}

// rateLimitMiddleware refuses an address that opens sessions too fast.
func (s *Server) rateLimitMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if !s.limiter.allow(hostOf(sess.RemoteAddr())) {
			sess.Context().SetValue(keyEndReason, "rate limited")
			refuse(sess, "too many new sessions from your address; try again in a minute")
			return
		}
		next(sess)
	}
}

// authMiddleware checks again, before anything is served, that the session's
// key is one the server accepts and is the very key the public key handler
// accepted. Go's SSH server once let a client offer one key and
// authenticate with another (CVE-2024-45337; soft-serve GHSA-pchf-49fh-w34r):
// whatever the authentication layer did, only a listed key gets through.
func (s *Server) authMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if s.cfg.AllowAnyone {
			next(sess)
			return
		}
		key := sess.PublicKey()
		accepted := sess.Context().Permissions().Extensions[permFingerprint]
		switch {
		case key == nil:
			s.denied(sess, "no public key")
		case accepted == "" || accepted != gossh.FingerprintSHA256(key):
			s.denied(sess, "session key differs from the key accepted at authentication")
		case !s.cfg.AuthorizedKeys.Contains(key):
			s.denied(sess, "key not authorized")
		default:
			next(sess)
		}
	}
}

func (s *Server) denied(sess ssh.Session, why string) {
	fp := ""
	if k := sess.PublicKey(); k != nil {
		fp = gossh.FingerprintSHA256(k)
	}
	s.log.Warn("permission denied", "user", sess.User(), "remote", sess.RemoteAddr().String(), "key", fp, "why", why)
	sess.Context().SetValue(keyEndReason, "permission denied")
	refuse(sess, "permission denied")
}

// NoTerminalMessage is what a session without a terminal is told.
const NoTerminalMessage = "byline needs a terminal: ssh -t HOST"

// activeTermMiddleware requires a PTY.
func (s *Server) activeTermMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			sess.Context().SetValue(keyEndReason, "no terminal")
			fmt.Fprintf(sess, "%s\n", NoTerminalMessage)
			fmt.Fprintf(sess.Stderr(), "%s\n", NoTerminalMessage)
			_ = sess.Exit(1)
			_ = sess.Close()
			return
		}
		next(sess)
	}
}

// capMiddleware holds a slot for the session, refusing it when all
// MaxSessions are taken.
func (s *Server) capMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := s.active.Add(1); n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			s.log.Warn("session refused: server full", "remote", sess.RemoteAddr().String(), "max", s.cfg.MaxSessions)
			sess.Context().SetValue(keyEndReason, "server full")
			refuse(sess, fmt.Sprintf("the server is full (%d sessions); try again later", s.cfg.MaxSessions))
			return
		}
		defer s.active.Add(-1)
		next(sess)
	}
}

func hostOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// rateLimiter is a token bucket per address: n tokens per period, burst n.
type rateLimiter struct {
	mu      sync.Mutex
	n       float64
	period  time.Duration
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(n int, period time.Duration) *rateLimiter {
	return &rateLimiter{n: float64(n), period: period, buckets: map[string]*bucket{}, now: time.Now}
}

func (r *rateLimiter) allow(key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if len(r.buckets) > 10000 {
		// Forget addresses whose buckets have refilled: they are
		// indistinguishable from new ones.
		for k, b := range r.buckets {
			if now.Sub(b.last) >= r.period {
				delete(r.buckets, k)
			}
		}
	}
	b, ok := r.buckets[key]
	if !ok {
		b = &bucket{tokens: r.n, last: now}
		r.buckets[key] = b
	}
	b.tokens += now.Sub(b.last).Seconds() / r.period.Seconds() * r.n
	if b.tokens > r.n {
		b.tokens = r.n
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
