package serve

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	"charm.land/wish/v2/logging"
	"charm.land/wish/v2/ratelimiter"
	"charm.land/wish/v2/recover"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"
)

// middleware is the handler chain, outermost last as wish runs it: wish's
// recover around everything, wish's connection log, wish's per-address
// rate limit, byline's key re-check, wish's terminal requirement, byline's
// session cap, and the UI.
//
// Only what wish lacks is byline's own: the key re-check, the cap, and (in
// serveSession) the window-size clamp and the input-driven idle timeout.
func (s *Server) middleware() wish.Middleware {
	return recover.MiddlewareWithLogger(panicLogger{s.log},
		s.uiMiddleware,
		s.capMiddleware,
		activeterm.Middleware(), // "Requires an active PTY", exit 1
		s.authMiddleware,
		ratelimiter.Middleware(loggedLimiter{ratelimiter.NewRateLimiter(
			rate.Every(time.Minute/time.Duration(s.cfg.RatePerMinute)), s.cfg.RatePerMinute, 10_000), s.log}),
		logging.StructuredMiddlewareWithLogger(s.log, log.InfoLevel),
	)
}

// panicLogger gives wish's recover middleware byline's logger at the error
// level (its Printf would log without a level).
type panicLogger struct{ log *log.Logger }

func (l panicLogger) Printf(format string, v ...any) {
	msg, stack, _ := strings.Cut(fmt.Sprintf(format, v...), "\n")
	l.log.Error("panic in session; session closed, server continues", "panic", msg, "stack", stack)
}

// errRateLimited is what a client that opens sessions too fast is told
// (wish prints it as is on the session's stderr).
var errRateLimited = errors.New("byline: too many new sessions from your address; try again in a minute\r\n")

// loggedLimiter is wish's rate limiter, with the refusals in byline's log
// and a message that says what to do.
type loggedLimiter struct {
	ratelimiter.RateLimiter
	log *log.Logger
}

func (l loggedLimiter) Allow(sess ssh.Session) error {
	if err := l.RateLimiter.Allow(sess); err != nil {
		l.log.Warn("session refused: rate limited", "user", sess.User(), "remote", sess.RemoteAddr().String())
		return errRateLimited
	}
	return nil
}

// refuse tells the client why it cannot have a session and ends it.
func refuse(sess ssh.Session, msg string) {
	wish.Fatalf(sess, "byline: %s\r\n", msg)
}

// authMiddleware checks again, before anything is served, that the session's
// key is one the server accepts and is the very key the public key handler
// accepted. Go's SSH server once let a client offer one key and
// authenticate with another (CVE-2024-45337; soft-serve GHSA-pchf-49fh-w34r):
// whatever the authentication layer did, only a listed key gets through.
// It logs who came in with which key (wish's log line has neither).
func (s *Server) authMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		key := sess.PublicKey()
		fp := ""
		if key != nil {
			fp = gossh.FingerprintSHA256(key)
		}
		if s.cfg.AllowAnyone {
			s.log.Info("let in (--allow-anyone)", "user", sess.User(), "remote", sess.RemoteAddr().String(), "key", fp)
			next(sess)
			return
		}
		accepted := sess.Context().Permissions().Extensions[permFingerprint]
		switch {
		case key == nil:
			s.denied(sess, "no public key")
		case accepted == "" || accepted != fp:
			s.denied(sess, "session key differs from the key accepted at authentication")
		case !s.cfg.AuthorizedKeys.Contains(key):
			s.denied(sess, "key not authorized")
		default:
			s.log.Info("key accepted", "user", sess.User(), "who", s.cfg.AuthorizedKeys.Comment(key),
				"remote", sess.RemoteAddr().String(), "key", fp)
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
	refuse(sess, "permission denied")
}

// capMiddleware holds a slot for the session, refusing it when all
// MaxSessions are taken.
func (s *Server) capMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := s.active.Add(1); n > int64(s.cfg.MaxSessions) {
			s.active.Add(-1)
			s.log.Warn("session refused: server full", "remote", sess.RemoteAddr().String(), "max", s.cfg.MaxSessions)
			refuse(sess, fmt.Sprintf("the server is full (%s); try again later", plural(s.cfg.MaxSessions, "session")))
			return
		}
		defer s.active.Add(-1)
		next(sess)
	}
}

// plural writes a count with its noun: "1 session", "50 sessions".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
