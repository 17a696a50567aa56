package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
)

// session is one running UI.
type session struct {
	srv       *Server
	sess      ssh.Session
	lastInput atomic.Int64 // unix nanoseconds of the user's last keystroke

	mu      sync.Mutex
	program *tea.Program
	reason  string // why the server ended it; "" if the user quit
	code    int
	stopped bool
	cancel  context.CancelFunc
	done    chan struct{}
}

// inputTracker records when the user last sent anything. Only input counts:
// the UI's own redraws must not keep an idle session alive.
type inputTracker struct {
	r  io.Reader
	se *session
}

func (t inputTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.se.lastInput.Store(time.Now().UnixNano())
	}
	if err != nil {
		// The client closed its input (or the channel went): nobody can
		// drive this UI any more, so end it rather than hold a slot.
		t.se.inputClosed()
	}
	return n, err
}

func (se *session) inputClosed() {
	se.mu.Lock()
	cancel := se.cancel
	se.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// stop ends the session from outside (idle, maximum length, shutdown): the
// program quits, restoring the client's screen, then the user is told why.
func (se *session) stop(reason string, code int) {
	se.mu.Lock()
	if se.stopped {
		se.mu.Unlock()
		return
	}
	se.stopped = true
	se.reason, se.code = reason, code
	p := se.program
	se.mu.Unlock()
	if p == nil {
		return
	}
	// Send blocks until the program reads its messages: never hold up the
	// caller (Shutdown stops sessions one after another).
	go p.Quit()
	// A model that ignores Quit (busy Update, stuck Cmd) is killed.
	go func() {
		select {
		case <-se.done:
		case <-time.After(time.Second):
			p.Kill()
		}
	}()
}

// uiMiddleware is the innermost middleware: it runs the UI.
func (s *Server) uiMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.serveSession(sess)
		next(sess)
	}
}

// serveSession runs the UI for one session that passed every middleware.
func (s *Server) serveSession(sess ssh.Session) {
	se := &session{srv: s, sess: sess, done: make(chan struct{})}
	if !s.track(se) {
		refuse(sess, "the server is shutting down")
		return
	}
	defer s.untrack(se)
	defer close(se.done)
	se.lastInput.Store(time.Now().UnixNano())

	pty, winch, _ := sess.Pty()
	pty.Window.Width, pty.Window.Height = clampSize(pty.Window.Width, pty.Window.Height)
	env := append(clientEnv(sess.Environ()), "TERM="+pty.Term)
	client := Client{
		User: sess.User(), RemoteAddr: sess.RemoteAddr(), Env: env, Term: pty.Term,
		Width: pty.Window.Width, Height: pty.Window.Height, PublicKey: sess.PublicKey(),
	}
	// The session's context is the connection's: it ends when the client
	// goes. ours also ends when this session does.
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	se.mu.Lock()
	se.cancel = cancel
	se.mu.Unlock()

	model, err := s.newModel(ctx, client)
	if err != nil {
		s.log.Error("no UI for the session; session closed, server continues",
			"user", sess.User(), "remote", sess.RemoteAddr().String(), "err", err)
		refuse(sess, "internal error; this session has been closed")
		return
	}
	profile := colorprofile.Env(env)
	if client.NoColor() {
		profile = colorprofile.Ascii
	}
	opts := []tea.ProgramOption{
		tea.WithInput(inputTracker{r: sess, se: se}),
		tea.WithOutput(s.output(sess)),
		tea.WithContext(ctx),
		tea.WithEnvironment(env),
		tea.WithColorProfile(profile),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		// Signals are the server's: SIGINT must not quit every session's
		// program behind Shutdown's back.
		tea.WithoutSignalHandler(),
		// There is no job control over SSH: never suspend.
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok {
				return tea.ResumeMsg{}
			}
			return msg
		}),
	}
	opts = append(opts, s.cfg.ProgramOptions...)
	p := tea.NewProgram(model, opts...)

	se.mu.Lock()
	se.program = p
	already := se.stopped
	se.mu.Unlock()
	if already { // Shutdown raced with the start; Quit waits for Run
		go p.Quit()
	}

	// Resizes. Reading winch must never wait for the program: the SSH
	// layer delivers window changes from the one loop that also delivers
	// the client's window adjustments, so a program blocked on output (its
	// renderer waiting for room in the SSH window) would block that loop,
	// the adjustment that would free it could never arrive, and the
	// session would hang for good under a resize storm. One goroutine keeps
	// only the latest size; another hands it to the program.
	latest := make(chan tea.WindowSizeMsg, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w, ok := <-winch:
				if !ok {
					return
				}
				width, height := clampSize(w.Width, w.Height)
				select { // drop a size the program has not taken yet
				case <-latest:
				default:
				}
				latest <- tea.WindowSizeMsg{Width: width, Height: height} // room: only this goroutine fills it
			}
		}
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case size := <-latest:
				p.Send(size)
			}
		}
	}()
	// Idle timeout, driven by input.
	if idle := s.cfg.IdleTimeout; idle > 0 {
		go func() {
			if idleWatch(ctx, idle, se.lastInputTime, time.Now, time.After) {
				se.stop(fmt.Sprintf("closed after %s without input", roundDuration(idle)), 0)
			}
		}()
	}
	// Maximum session length.
	if max := s.cfg.MaxSessionLength; max > 0 {
		t := time.AfterFunc(max, func() {
			se.stop(fmt.Sprintf("closed after the maximum session length (%s)", roundDuration(max)), 0)
		})
		defer t.Stop()
	}

	_, err = p.Run()
	p.Kill() // make sure the terminal is restored and goroutines end
	cancel()

	se.mu.Lock()
	se.stopped = true
	reason, code := se.reason, se.code
	se.mu.Unlock()
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		s.log.Error("panic in the UI; session closed, server continues",
			"user", sess.User(), "remote", sess.RemoteAddr().String())
		reason, code = "internal error; this session has been closed", 1
	case reason != "":
		s.log.Info("session closed by the server", "user", sess.User(), "remote", sess.RemoteAddr().String(), "reason", reason)
	case err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled):
		s.log.Warn("UI ended with an error", "remote", sess.RemoteAddr().String(), "err", err)
	}
	if reason != "" {
		fmt.Fprintf(sess, "\r\nbyline: %s\r\n", reason)
	}
	_ = sess.Exit(code)
	_ = sess.Close()
}

func (se *session) lastInputTime() time.Time { return time.Unix(0, se.lastInput.Load()) }

// idleWatch waits until the user has sent nothing for idle (true) or ctx
// ends (false). It wakes when the timeout could first run out, looks at the
// last input, and sleeps again for what is left. now and after are the
// clock (time.Now and time.After; tests drive their own).
func idleWatch(ctx context.Context, idle time.Duration, lastInput, now func() time.Time, after func(time.Duration) <-chan time.Time) bool {
	wait := idle
	for {
		select {
		case <-ctx.Done():
			return false
		case <-after(wait):
			since := now().Sub(lastInput())
			if since >= idle {
				return true
			}
			wait = idle - since
		}
	}
}

// newModel makes the session's model. A panic in the factory is the UI's
// failure like a panic in its Update (which Bubble Tea catches): the user is
// told and the server carries on.
func (s *Server) newModel(ctx context.Context, c Client) (m tea.Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in the model factory: %v\n%s", r, debug.Stack())
		}
	}()
	if m = s.cfg.NewModel(ctx, c); m == nil {
		return nil, errors.New("the model factory returned nil")
	}
	return m, nil
}

// Bounds on the window size a client may claim. The SSH protocol allows
// 2^32-1 columns and rows, and a UI draws every cell: one window-change
// request for a 10^6×10^6 terminal would make the server build a frame of
// 10^12 cells. No real terminal is larger than this.
const (
	MaxWidth  = 1000
	MaxHeight = 500
)

// clampSize bounds a client's window size to [0, MaxWidth]×[0, MaxHeight].
func clampSize(w, h int) (int, int) {
	return min(max(w, 0), MaxWidth), min(max(h, 0), MaxHeight)
}

// clientEnv keeps the variables of the client's environment that concern
// how to draw (the client may send anything; nothing else is used), at most
// 64 of them.
func clientEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, ok := cutEnv(kv)
		if !ok || len(kv) > 1024 || len(out) >= 64 {
			continue
		}
		switch {
		case k == "TERM", k == "COLORTERM", k == "NO_COLOR", k == "CLICOLOR", k == "CLICOLOR_FORCE",
			k == "TERM_PROGRAM", k == "TERM_PROGRAM_VERSION", k == "LANG", strings.HasPrefix(k, "LC_"):
			out = append(out, kv)
		}
	}
	return out
}

func roundDuration(d time.Duration) string {
	if d >= time.Second {
		d = d.Round(time.Second)
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") { // "15m0s" -> "15m"
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") { // "8h0m" -> "8h"
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
