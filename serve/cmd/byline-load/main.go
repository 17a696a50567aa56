// Command byline-load drives many concurrent SSH sessions against a running
// `byline serve` on loopback and reports the server's memory with one
// session and with all of them.
//
//	byline-load -addr 127.0.0.1:PORT -key KEY -pid SERVER_PID [-n 50]
//	byline-load -genkeys DIR -n 50          (a key per session, and DIR/authorized_keys)
//	byline-load -addr … -keydir DIR -pid … -n 50 -mark 20
//	byline-load -check-db STATE.DB -n 50 -mark 20
//
// With -keydir each session logs in with its own key (DIR/key-N), and with
// -mark M it then marks M stories read (u, then down, from the Nth story):
// its keystroke latency is the time from a key to the first byte of the
// redraw. -check-db reads the server's state database afterwards: every
// session's marks must be there, under its own key's fingerprint.
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
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"byline/state"
)

func main() {
	addr := flag.String("addr", "", "server address (loopback only)")
	keyPath := flag.String("key", "", "private key in the server's authorized_keys")
	pid := flag.Int("pid", 0, "server process id, for /proc/PID/status")
	n := flag.Int("n", 50, "concurrent sessions (1-200)")
	query := flag.String("query", "minister", "filter text typed after /")
	quiet := flag.Duration("quiet", 300*time.Millisecond, "output silence that marks a step done")
	timeout := flag.Duration("timeout", 300*time.Second, "give up after this long")
	genkeys := flag.String("genkeys", "", "write a key per session and authorized_keys into `DIR`, then exit")
	keydir := flag.String("keydir", "", "log session N in with DIR/key-N")
	mark := flag.Int("mark", 0, "then mark this many stories read in each session")
	checkDB := flag.String("check-db", "", "check the marks in the server's state database `FILE`, then exit")
	flag.Parse()
	var err error
	switch {
	case *genkeys != "":
		err = genKeys(*genkeys, *n)
	case *checkDB != "":
		err = check(*checkDB, *keydir, *n, *mark)
	default:
		err = run(*addr, *keyPath, *keydir, *pid, *n, *mark, *query, *quiet, *timeout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "byline-load:", err)
		os.Exit(1)
	}
}

func run(addr, keyPath, keydir string, pid, n, mark int, query string, quiet, timeout time.Duration) error {
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
	config := func(path string) (*gossh.ClientConfig, error) {
		pem, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		signer, err := gossh.ParsePrivateKey(pem)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &gossh.ClientConfig{
			User:            "load",
			Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
			Timeout:         10 * time.Second,
		}, nil
	}
	cfgs := make([]*gossh.ClientConfig, n)
	for i := range cfgs {
		path := keyPath
		if keydir != "" {
			path = filepath.Join(keydir, fmt.Sprintf("key-%d", i))
		}
		c, err := config(path)
		if err != nil {
			return err
		}
		cfgs[i] = c
	}
	deadline := time.Now().Add(timeout)
	script := []step{
		{"first screen", ""},
		{"open article", "\r"},
		{"back", "\x1b"},
		{"filter", "/" + query + "\r"},
		{"open match", "\r"},
	}
	// Marking: back to the whole stories list, the session's own place
	// in it, then u and down, M times (see sess.run).
	marking := mark > 0

	base, err := rss(pid)
	if err != nil {
		return err
	}
	fmt.Printf("server pid %d, idle: VmRSS %s\n", pid, mb(base))

	// One session.
	first := &sess{id: 0, mark: mark}
	if err := first.run(addr, cfgs[0], script, quiet, deadline); err != nil {
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
		rest[i] = &sess{id: i + 1, mark: mark}
		wg.Add(1)
		go func(s *sess) {
			defer wg.Done()
			if err := s.run(addr, cfgs[s.id], script, quiet, deadline); err != nil {
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
	if marking {
		reportKeys(append([]*sess{first}, rest...))
	}
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
	mark  int // stories to mark read after the script
	conn  *gossh.Client
	out   *watched
	times []time.Duration // per step, until output went quiet
	keys  []time.Duration // per marking keystroke, until the redraw began
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
	if s.mark > 0 {
		// Marking in the one-pane layout: moving the cursor opens no
		// article beside the list, so a session's walk to its place costs
		// little.
		if err := ss.WindowChange(40, 80); err != nil {
			return err
		}
		return s.marks(stdin, ended, deadline)
	}
	return nil
}

// marks clears the filter, goes to the session's own place in the stories
// list (the id*mark-th story from the bottom) and marks s.mark stories read
// with u and up. Each keystroke is timed to the first byte of its redraw,
// taken when the UI is idle: after each key a c (copy the story's
// citation) is sent and its OSC 52 awaited, so every key before it has
// been handled and the selected row is there for the next u — also what
// makes the marks certain before the session closes.
func (s *sess) marks(stdin io.Writer, ended chan struct{}, deadline time.Time) error {
	wait := func(done func() bool) error {
		for !done() {
			if time.Now().After(deadline) {
				return fmt.Errorf("marking: timed out; output tail %q", s.out.tail(300))
			}
			select {
			case <-ended:
				return fmt.Errorf("marking: session ended; output tail %q", s.out.tail(200))
			case <-time.After(time.Millisecond):
			}
		}
		return nil
	}
	// sync sends c and waits for the clipboard write it makes. A c that
	// comes before the selected row's page has arrived copies nothing
	// (the browser says to choose a story): it is sent again.
	sync := func() error {
		n := s.out.copies()
		for {
			if _, err := stdin.Write([]byte("c")); err != nil {
				return err
			}
			retry := time.Now().Add(5 * time.Second)
			err := wait(func() bool { return s.out.copies() > n || time.Now().After(retry) })
			if err != nil || s.out.copies() > n {
				return err
			}
		}
	}
	timed := func(key string) error {
		before := s.out.len()
		start := time.Now()
		if _, err := stdin.Write([]byte(key)); err != nil {
			return err
		}
		if err := wait(func() bool { return s.out.len() > before }); err != nil {
			return err
		}
		s.keys = append(s.keys, time.Since(start))
		return sync()
	}
	// 1: the stories pane (the script's filter was a find in the
	// article; no esc here, which the next byte would make an alt+key); G:
	// the bottom, far from the stories the script opened (the newest);
	// then up to the session's own place.
	for _, k := range []string{"1", "G", strings.Repeat("k", s.id*s.mark)} {
		if k == "" {
			continue
		}
		if _, err := stdin.Write([]byte(k)); err != nil {
			return err
		}
		if err := sync(); err != nil {
			return err
		}
	}
	for range s.mark {
		if err := timed("u"); err != nil {
			return err
		}
		if err := timed("k"); err != nil {
			return err
		}
	}
	return nil
}

func (s *sess) close() {
	if s.conn != nil {
		s.conn.Close()
	}
}

// watched collects a session's output, remembering when it last grew and
// counting its clipboard writes (OSC 52).
type watched struct {
	mu    sync.Mutex
	n     int
	tailB bytes.Buffer
	at    time.Time
	osc52 int
	carry []byte // the last bytes of the previous write: a sequence may be split
}

var osc52 = []byte("\x1b]52;")

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	joined := append(w.carry, p...)
	w.osc52 += bytes.Count(joined, osc52)
	w.carry = append([]byte(nil), joined[max(len(joined)-len(osc52)+1, 0):]...)
	if bytes.Contains(w.carry, osc52) {
		w.carry = nil
	}
	w.n += len(p)
	w.at = time.Now()
	w.tailB.Write(p)
	if w.tailB.Len() > 4096 {
		b := w.tailB.Bytes()[w.tailB.Len()-1024:]
		w.tailB = *bytes.NewBuffer(append([]byte(nil), b...))
	}
	return len(p), nil
}

func (w *watched) copies() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.osc52
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

// reportKeys prints the marking keystrokes' latency, to the first byte
// of the redraw.
func reportKeys(all []*sess) {
	var ds []time.Duration
	for _, s := range all {
		ds = append(ds, s.keys...)
	}
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	fmt.Printf("  keystrokes while marking (u, up), to the first byte of the redraw: n=%d median %v p95 %v max %v\n", len(ds),
		ds[len(ds)/2].Round(100*time.Microsecond), ds[len(ds)*95/100].Round(100*time.Microsecond), ds[len(ds)-1].Round(100*time.Microsecond))
}

// genKeys writes n ed25519 keys, DIR/key-0 … key-(n-1), and
// DIR/authorized_keys listing them.
func genKeys(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	var auth bytes.Buffer
	for i := range n {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return err
		}
		block, err := gossh.MarshalPrivateKey(priv, fmt.Sprintf("load-%d", i))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("key-%d", i)), pem.EncodeToMemory(block), 0o600); err != nil {
			return err
		}
		sp, err := gossh.NewPublicKey(pub)
		if err != nil {
			return err
		}
		auth.Write(bytes.TrimSpace(gossh.MarshalAuthorizedKey(sp)))
		fmt.Fprintf(&auth, " load-%d\n", i)
	}
	return os.WriteFile(filepath.Join(dir, "authorized_keys"), auth.Bytes(), 0o600)
}

// check reads the state database after a run: each of the n keys must
// have its marks stored under its own fingerprint: the stories the script
// opened (the same for every session: their intersection) and exactly mark
// more, which no other session has (the sessions marked disjoint runs).
func check(path, keydir string, n, mark int) error {
	db, err := state.Open(path, state.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	counts, err := db.Counts()
	if err != nil {
		return err
	}
	byUser := map[string]state.UserCounts{}
	for _, c := range counts {
		byUser[c.User] = c
	}
	var bad []string
	users := make([]state.UserCounts, n)
	for i := range n {
		pemBytes, err := os.ReadFile(filepath.Join(keydir, fmt.Sprintf("key-%d", i)))
		if err != nil {
			return err
		}
		signer, err := gossh.ParsePrivateKey(pemBytes)
		if err != nil {
			return err
		}
		fp := gossh.FingerprintSHA256(signer.PublicKey())
		c, ok := byUser[fp]
		if !ok {
			bad = append(bad, fmt.Sprintf("session %d (%s): no marks in the database", i, fp))
		}
		c.User = fp
		users[i] = c
		delete(byUser, fp)
	}
	for u, c := range byUser {
		bad = append(bad, fmt.Sprintf("marks under a key no session used: %q (%d read)", u, c.Read))
	}
	// Read by every session: the stories the script opened.
	common := map[string]int{}
	for _, u := range users {
		for _, k := range u.Keys {
			common[k]++
		}
	}
	opened := 0
	owner := map[string]int{}
	for _, c := range common {
		if c == n && n > 1 {
			opened++
		}
	}
	for i, u := range users {
		own := 0
		for _, k := range u.Keys {
			if common[k] == n && n > 1 {
				continue
			}
			own++
			if j, ok := owner[k]; ok {
				bad = append(bad, fmt.Sprintf("sessions %d and %d both have story %s read: marks leaked", j, i, k))
			}
			owner[k] = i
		}
		if own != mark {
			bad = append(bad, fmt.Sprintf("session %d (%s): %d stories of its own read in the database, want %d", i, u.User, own, mark))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("state database check failed:\n  %s", strings.Join(bad, "\n  "))
	}
	fmt.Printf("state database: %d users, each under its own key: the %d marked by each (%d in all, none shared) and the %d every session opened\n",
		n, mark, len(owner), opened)
	return nil
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
