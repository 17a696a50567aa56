// Package cache stores parsed files on disk so a corpus reopens in about the
// time it takes to read one file: each entry is what byline made of one
// file (its articles, cleaned and with quotations found, or its problems),
// valid while the file's path, size and modification time are unchanged.
//
// The store is one compact binary file per corpus, read whole and decoded
// with bounds checks. byline asks nothing of the cache but "everything,
// unless changed", so a flat file read in one go serves it better than an
// embedded database, which would add a dependency and per-row overhead for
// queries nobody makes (README: measured reopen times). A cache that is
// corrupt, truncated or written by another version is ignored and rebuilt,
// never trusted.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"

	"byline/model"
)

// Entry is what one file produced.
type Entry struct {
	Path     string // as walked (the key)
	ID       string // the ID the walk gave the file; records add "#N"
	Size     int64
	ModTime  int64 // nanoseconds since the epoch
	Articles []*model.Article
	Hashes   [][]uint64 // per article, its paragraphs' recurrence hashes (see clean.Recurrence)
	Problems []model.Problem
}

// Cache is a loaded cache file: entries by path, read-only once opened.
type Cache struct {
	entries map[string]*Entry
}

// Lookup returns the entry for path if the file is unchanged.
func (c *Cache) Lookup(path, id string, size, modTime int64) (*Entry, bool) {
	if c == nil {
		return nil, false
	}
	e, ok := c.entries[path]
	if !ok || e.Size != size || e.ModTime != modTime || e.ID != id {
		return nil, false
	}
	return e, true
}

// Len is the number of entries.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	return len(c.entries)
}

// ErrMismatch means the cache file belongs to another byline build or
// format; it is rebuilt.
var ErrMismatch = errors.New("cache written by another version of byline")

// Open reads a cache file written with the same version key. A missing file
// returns an empty cache and no error; a corrupt or foreign one returns an
// empty cache and an error saying why (callers report it and carry on).
func Open(file, version string) (*Cache, error) {
	empty := &Cache{entries: map[string]*Entry{}}
	data, err := readString(file)
	if errors.Is(err, os.ErrNotExist) {
		return empty, nil
	}
	if err != nil {
		return empty, fmt.Errorf("reading cache: %w", err)
	}
	entries, err := decode(data, version)
	if errors.Is(err, ErrMismatch) {
		return empty, nil // an upgrade: rebuilt silently
	}
	if err != nil {
		return empty, fmt.Errorf("ignoring cache %s: %w", file, err)
	}
	c := &Cache{entries: make(map[string]*Entry, len(entries))}
	for _, e := range entries {
		c.entries[e.Path] = e
	}
	return c, nil
}

// Save writes entries atomically (a temporary file renamed over the old
// one), so a crash mid-write leaves the previous cache or none, never half
// of one.
func Save(file, version string, entries []*Entry) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("creating cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".byline-cache-*")
	if err != nil {
		return fmt.Errorf("writing cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := encode(tmp, version, entries); err != nil {
		tmp.Close()
		return fmt.Errorf("writing cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("writing cache: %w", err)
	}
	return nil
}

// File returns where the cache of a corpus made of roots lives: under the
// user's cache folder ($XDG_CACHE_HOME/byline), named by a hash of the
// roots' absolute paths.
func File(roots []string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w", err)
	}
	abs := make([]string, len(roots))
	for i, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			return "", err
		}
		abs[i] = a
	}
	sum := sha256.Sum256([]byte(strings.Join(abs, "\x00")))
	return filepath.Join(dir, "byline", hex.EncodeToString(sum[:12])+".cache"), nil
}

// readString reads a file straight into one string, without the second
// copy a []byte-to-string conversion would make: decoded strings point into
// it, so the cache costs its size in memory once.
func readString(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(int(info.Size()))
	if _, err := io.Copy(&b, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

// checksum is the CRC-32 of s, fed in pieces so a large cache is not copied
// whole.
func checksum(s string) uint32 {
	var crc uint32
	for len(s) > 0 {
		n := min(len(s), 64<<10)
		crc = crc32.Update(crc, crc32.IEEETable, []byte(s[:n]))
		s = s[n:]
	}
	return crc
}

// VersionKey identifies the build that parses: byline's version plus the
// running executable's size and modification time, so any rebuild (a
// developer's too, where the version string has not changed) invalidates
// caches written by the old code.
func VersionKey(version string) string {
	exe, err := os.Executable()
	if err != nil {
		return version
	}
	info, err := os.Stat(exe)
	if err != nil {
		return version
	}
	return fmt.Sprintf("%s/%d/%d", version, info.Size(), info.ModTime().UnixNano())
}
