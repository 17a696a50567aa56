package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestConnectCommand(t *testing.T) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	for _, tt := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}, "ssh -t -p 2222 127.0.0.1"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 2299}, "ssh -t -p 2299 " + host},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 2299}, "ssh -t -p 2299 " + host},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 2299}, "ssh -t -p 2299 ::1"},
		{&net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 22}, "ssh -t 10.1.2.3"},
	} {
		if got := connectCommand(tt.addr); got != tt.want {
			t.Errorf("connectCommand(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	change chan struct{} // signalled on every write
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.change <- struct{}{}:
	default:
	}
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestServeLogsOnce: byline serve starts on an unspecified address, suggests
// a host to connect to, and on shutdown logs "shutting down" and "stopped"
// once each (defect 15).
func TestServeLogsOnce(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	logs := &lockedBuffer{change: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	key := filepath.Join(t.TempDir(), "host_key")
	go func() {
		done <- run(ctx, []string{"serve", "--allow-anyone", "--listen", "0.0.0.0:0", "--host-key", key}, &bytes.Buffer{}, logs)
	}()
	for !strings.Contains(logs.String(), "connect with") {
		select {
		case <-logs.change:
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, logs.String())
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d after shutdown", code)
	}
	out := logs.String()
	for _, line := range []string{"shutting down", "stopped"} {
		if n := strings.Count(out, " "+line); n != 1 {
			t.Errorf("%q logged %d times:\n%s", line, n, out)
		}
	}
	if strings.Contains(out, " ::") || strings.Contains(out, "0.0.0.0\"") {
		t.Errorf("suggests connecting to an unspecified address:\n%s", out)
	}
}

func TestServeMissingPath(t *testing.T) {
	code, _, errOut := runCLI(t, "serve", "--allow-anyone", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(t.TempDir(), "k"), "/nonexistent")
	if code != exitFailure || !strings.Contains(errOut, "/nonexistent: no such file or folder") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
