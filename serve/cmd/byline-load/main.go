// Command byline-load drives many concurrent SSH sessions against a running
// `byline serve` on loopback and reports the server's memory with one
// session and with all of them.
//
//	byline-load -addr 127.0.0.1:PORT -key KEY -pid SERVER_PID [-n 50]
//
// Each session requests a PTY, waits for the first screen, opens an article
// (enter), goes back (esc), filters (/ QUERY enter) and opens the first
// match, then stays open until every session has done the same. Memory is
// the server's VmRSS from /proc/PID/status, read after the output of every
// session has been quiet for a moment. Traffic is loopback only; counts and
// time are bounded (-n at most 200, -timeout).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func main() {
	addr := flag.String("addr", "", "server address (loopback only)")
	keyPath := flag.String("key", "", "private key in the server's authorized_keys")
	pid := flag.Int("pid", 0, "server process id, for /proc/PID/status")
	n := flag.Int("n", 50, "concurrent sessions (1-200)")
	query := flag.String("query", "minister", "filter text typed after /")
	quiet := flag.Duration("quiet", 300*time.Millisecond, "output silence that marks a step done")
	timeout := flag.Duration("timeout", 120*time.Second, "give up after this long")
	flag.Parse()
	if err := run(*addr, *keyPath, *pid, *n, *query, *quiet, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "byline-load:", err)
		os.Exit(1)
	}
}

func run(addr, keyPath string, pid, n int, query string, quiet, timeout time.Duration) error {
	if n < 1 || n > 200 {
		return errors.New("-n must be 1..200")
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr: %w", err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %s: only loopback addresses", addr)
	}
	if pid <= 0 {
		return errors.New("-pid is required")
	}
	pem, err := os.ReadFile(keyPath)
	if err != nil {
		return err
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		return fmt.Errorf("-key: %w", err)
	}
	cfg := &gossh.ClientConfig{
		User:            "load",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
		Timeout:         10 * time.Second,
	}
	deadline := time.Now().Add(timeout)
	script := []step{
		{"first screen", ""},
		{"open article", "\r"},
		{"back", "\x1b"},
		{"filter", "/" + query + "\r"},
		{"open match", "\r"},
	}

	base, err := rss(pid)
	if err != nil {
		return err
	}
	fmt.Printf("server pid %d, idle: VmRSS %s\n", pid, mb(base))

	// One session.
	first := &sess{id: 0}
	if err := first.run(addr, cfg, script, quiet, deadline); err != nil {
		return fmt.Errorf("session 0: %w", err)
	}
	defer first.close()
	time.Sleep(quiet)
	one, _ := rss(pid)
	fmt.Printf("1 session:   VmRSS %s\n", mb(one))

	// The rest, all at once.
	rest := make([]*sess, n-1)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range rest {
		rest[i] = &sess{id: i + 1}
		wg.Add(1)
		go func(s *sess) {
			defer wg.Done()
			if err := s.run(addr, cfg, script, quiet, deadline); err != nil {
				errs <- fmt.Errorf("session %d: %w", s.id, err)
			}
		}(rest[i])
	}
	wg.Wait()
	close(errs)
	defer func() {
		for _, s := range rest {
			s.close()
		}
	}()
	var failed []string
	for err := range errs {
		failed = append(failed, err.Error())
	}
	time.Sleep(quiet)
	all, _ := rss(pid)
	hwm, _ := procField(pid, "VmHWM")
	fmt.Printf("%d sessions: VmRSS %s (peak VmHWM %s)\n", n, mb(all), mb(hwm))
	if n > 1 {
		per := float64(all-one) / float64(n-1)
		fmt.Printf("per extra session: %s (goal <= 10 MB)\n", mb(int64(per)))
	}
	report(append([]*sess{first}, rest...), script)
	if len(failed) > 0 {
		slices.Sort(failed)
		return fmt.Errorf("%d of %d sessions failed:\n  %s", len(failed), n, strings.Join(failed, "\n  "))
	}
	return nil
}

type step struct {
	name string
	keys string
}

// sess is one simulated user.
type sess struct {
	id    int
	conn  *gossh.Client
	out   *watched
	times []time.Duration // per step, until output went quiet
}

func (s *sess) run(addr string, cfg *gossh.ClientConfig, script []step, quiet time.Duration, deadline time.Time) error {
	conn, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	s.conn = conn
	ss, err := conn.NewSession()
	if err != nil {
		return err
	}
	if err := ss.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return err
	}
	s.out = &watched{}
	ss.Stdout, ss.Stderr = s.out, s.out
	stdin, err := ss.StdinPipe()
	if err != nil {
		return err
	}
	if err := ss.Shell(); err != nil {
		return err
	}
	ended := make(chan struct{})
	go func() { _ = ss.Wait(); close(ended) }()
	for _, st := range script {
		start := time.Now()
		before := s.out.len()
		if st.keys != "" {
			if _, err := stdin.Write([]byte(st.keys)); err != nil {
				return fmt.Errorf("%s: %w", st.name, err)
			}
		}
		// Done when output has grown and then stayed quiet; a step that
		// changes nothing on screen counts as done after the quiet time.
		for {
			if time.Now().After(deadline) {
				return fmt.Errorf("%s: timed out", st.name)
			}
			select {
			case <-ended:
				return fmt.Errorf("%s: session ended; output tail %q", st.name, s.out.tail(200))
			case <-time.After(20 * time.Millisecond):
			}
			grown := s.out.len() > before
			if (grown || st.keys != "") && time.Since(s.out.last()) >= quiet && time.Since(start) >= quiet {
				break
			}
		}
		s.times = append(s.times, time.Since(start)-quiet)
	}
	return nil
}

func (s *sess) close() {
	if s.conn != nil {
		s.conn.Close()
	}
}

// watched collects a session's output, remembering when it last grew.
type watched struct {
	mu    sync.Mutex
	n     int
	tailB bytes.Buffer
	at    time.Time
}

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n += len(p)
	w.at = time.Now()
	w.tailB.Write(p)
	if w.tailB.Len() > 4096 {
		b := w.tailB.Bytes()[w.tailB.Len()-1024:]
		w.tailB = *bytes.NewBuffer(append([]byte(nil), b...))
	}
	return len(p), nil
}

func (w *watched) len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

func (w *watched) last() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.at
}

func (w *watched) tail(k int) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	b := w.tailB.Bytes()
	if len(b) > k {
		b = b[len(b)-k:]
	}
	return string(b)
}

func report(all []*sess, script []step) {
	for i, st := range script {
		var ds []time.Duration
		for _, s := range all {
			if i < len(s.times) {
				ds = append(ds, s.times[i])
			}
		}
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		fmt.Printf("  %-13s n=%-3d median %-8v max %v\n", st.name, len(ds),
			ds[len(ds)/2].Round(time.Millisecond), ds[len(ds)-1].Round(time.Millisecond))
	}
	var bytes int
	for _, s := range all {
		if s.out != nil {
			bytes += s.out.len()
		}
	}
	fmt.Printf("  output received: %s in all\n", mb(int64(bytes)))
}

func rss(pid int) (int64, error) { return procField(pid, "VmRSS") }

// procField reads a "kB" field of /proc/PID/status, in bytes.
func procField(pid int, field string) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				break
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
