// Package pgtest gives tests a real PostgreSQL server and a fresh database
// on it.
//
// The server is, in order: the one $BYLINE_TEST_DB names (scripts/pg-test.sh
// starts one and sets it, and so does CI); otherwise a throwaway cluster
// this package starts itself with the installed PostgreSQL binaries
// (initdb and pg_ctl from /usr/lib/postgresql/*/bin or $PATH) in a
// temporary folder, listening on a Unix socket only, stopped when the test
// binary ends (call Main from TestMain). Tests skip, saying so, only when no
// PostgreSQL binaries are installed — and under CI (CI=true) they fail
// instead, since .ci/run installs them.
//
// As root, initdb refuses to run: the cluster is made and run by the
// "postgres" user that Debian's package creates (runuser), in a folder it
// owns.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	once     sync.Once
	adminURL string // a superuser's URL on the server
	setupErr error
	skipWhy  string
	cluster  *Cluster
)

// Main runs a package's tests and stops the cluster this package may
// have started: func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the cluster this package started, if any (TestMain calls it
// after m.Run when it does more than Main).
func Stop() {
	if cluster != nil {
		cluster.Stop()
		cluster = nil
	}
}

// server finds or starts the server, once per test binary.
func server() (string, string, error) {
	once.Do(func() {
		if u := os.Getenv("BYLINE_TEST_DB"); u != "" {
			adminURL = u
			return
		}
		bin, err := BinDir()
		if err != nil {
			skipWhy = err.Error()
			return
		}
		dir, err := os.MkdirTemp("", "byline-pgtest-")
		if err != nil {
			setupErr = err
			return
		}
		cluster, setupErr = Start(bin, dir)
		if setupErr == nil {
			adminURL = cluster.URL
		}
	})
	return adminURL, skipWhy, setupErr
}

// URL returns the URL of a new, empty database for t, dropped when t ends.
func URL(t testing.TB) string {
	t.Helper()
	admin, why, err := server()
	if why != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("no PostgreSQL server for the tests: %s (.ci/run installs postgresql)", why)
		}
		t.Skipf("no PostgreSQL: %s; install postgresql, or set BYLINE_TEST_DB (scripts/pg-test.sh)", why)
	}
	if err != nil {
		t.Fatalf("starting PostgreSQL for the tests: %v", err)
	}
	name := "byline_test_" + randomHex(6)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connecting to the test server %s: %v", Redact(admin), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return WithDatabase(admin, name)
}

// AdminURL is the superuser URL of the test server (for making roles).
func AdminURL(t testing.TB) string {
	t.Helper()
	URL(t) // skips or fails as URL does
	return adminURL
}

// WithDatabase is u naming another database.
func WithDatabase(u, db string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "postgres" && p.Scheme != "postgresql") {
		// a keyword/value string
		return u + " dbname=" + db
	}
	p.Path = "/" + db
	return p.String()
}

// WithUser is u with another user (no password: the test server trusts
// local connections).
func WithUser(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u + " user=" + name
	}
	p.User = url.User(name)
	return p.String()
}

// Redact hides a URL's password.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil {
		return u
	}
	if _, ok := p.User.Password(); ok {
		p.User = url.UserPassword(p.User.Username(), "xxxxx")
	}
	return p.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// BinDir is the folder of the newest installed PostgreSQL's initdb and
// pg_ctl.
func BinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no initdb in /usr/lib/postgresql/*/bin or on $PATH")
}

func version(dir string) int {
	n := 0
	fmt.Sscanf(filepath.Base(filepath.Dir(dir)), "%d", &n)
	return n
}

// Cluster is a throwaway PostgreSQL cluster.
type Cluster struct {
	Dir, Bin, URL string
	asUser        string // run the binaries as this user ("" = ourselves)
}

// Start makes a cluster in dir (initdb) and starts it on a Unix socket in
// dir, with trust authentication for local connections: a test server, not
// a production one.
func Start(bin, dir string) (*Cluster, error) {
	c := &Cluster{Dir: dir, Bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, errors.New("running as root, and initdb refuses root: no \"postgres\" user to run it as (install postgresql)")
		}
		c.asUser = "postgres"
		var uid, gid int
		fmt.Sscanf(u.Uid, "%d", &uid)
		fmt.Sscanf(u.Gid, "%d", &gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %v: %s", err, lastLines(out, 5))
	}
	port := 20000 + int(time.Now().UnixNano()%20000)
	opts := fmt.Sprintf("-k %s -p %d -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off", dir, port)
	if out, err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "120", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return nil, fmt.Errorf("pg_ctl start: %v: %s\n%s", err, lastLines(out, 5), lastLines(string(log), 10))
	}
	c.URL = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=%d&sslmode=disable", url.QueryEscape(dir), port)
	return c, nil
}

// Stop stops the cluster and removes its folder.
func (c *Cluster) Stop() {
	c.run("pg_ctl", "-D", filepath.Join(c.Dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.Dir)
}

func (c *Cluster) run(name string, args ...string) (string, error) {
	prog := filepath.Join(c.Bin, name)
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", prog}, args...)...)
	} else {
		cmd = exec.Command(prog, args...)
	}
	cmd.Dir = c.Dir
	cmd.Stdin = nil
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
