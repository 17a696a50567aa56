package corpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReadOS: a file comes back whole in every case readOS tells apart —
// read to its size, empty, larger than its size says (a /proc file reports
// 0), over the cap.
func TestReadOS(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := bytes.Repeat([]byte("A line of an article.\n"), 500)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"one.txt", []byte("x")},
		{"article.txt", text},
		{"empty.txt", nil},
	} {
		got, err := readOS(write(tt.name, tt.data), 1<<20)
		if err != nil || !bytes.Equal(got, tt.data) {
			t.Errorf("%s: got %d bytes, %v; want %d bytes", tt.name, len(got), err, len(tt.data))
		}
	}
	var tooLarge errTooLarge
	if _, err := readOS(write("big.txt", text), 100); !errors.As(err, &tooLarge) {
		t.Errorf("over the cap: %v, want errTooLarge", err)
	}
	// A regular file whose stat says 0 bytes but which has content.
	const proc = "/proc/self/status"
	if info, err := os.Stat(proc); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
		got, err := readOS(proc, 1<<20)
		if err != nil || !bytes.Contains(got, []byte("Name:")) {
			t.Errorf("%s: got %q, %v", proc, got, err)
		}
	}
}
