package serve

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath is where byline keeps its SSH host key when no
// --host-key is given: $XDG_DATA_HOME/byline/host_ed25519, or
// ~/.local/share/byline/host_ed25519. It reads the server's own
// environment, which is right: the host key belongs to the server.
func DefaultHostKeyPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no XDG_DATA_HOME and no home directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "byline", "host_ed25519"), nil
}

// DefaultAuthorizedKeysPath is ~/.ssh/authorized_keys.
func DefaultAuthorizedKeysPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".ssh", "authorized_keys"), nil
}

// LoadOrCreateHostKey reads an OpenSSH private key from path, or, if the
// file does not exist, creates a new ed25519 key there with mode 0600 (its
// folder 0700). created reports which happened.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		signer, err = createHostKey(path)
		return signer, err == nil, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, false, fmt.Errorf("host key %s is encrypted; byline needs a key without a passphrase", path)
		}
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, false, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "byline host key")
	if err != nil {
		return nil, fmt.Errorf("encode host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key folder: %w", err)
	}
	// O_EXCL: never overwrite a key another process created meanwhile.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("write host key: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write host key: %w", err)
	}
	return gossh.NewSignerFromKey(priv)
}

// PublicKey is an SSH public key.
type PublicKey = gossh.PublicKey

// KeySet is a set of public keys, compared by their wire encoding, each with
// the comment it had in authorized_keys (usually who it belongs to).
type KeySet struct {
	keys map[string]AuthorizedKey
}

// AuthorizedKey is one key allowed in and its comment.
type AuthorizedKey struct {
	Key     PublicKey
	Comment string
}

// NewKeySet returns a set holding keys.
func NewKeySet(keys ...PublicKey) *KeySet {
	ks := &KeySet{keys: make(map[string]AuthorizedKey, len(keys))}
	for _, k := range keys {
		ks.Add(AuthorizedKey{Key: k})
	}
	return ks
}

// Add puts k in the set.
func (ks *KeySet) Add(k AuthorizedKey) {
	ks.keys[string(k.Key.Marshal())] = k
}

// Len is the number of keys in the set.
func (ks *KeySet) Len() int {
	if ks == nil {
		return 0
	}
	return len(ks.keys)
}

// Contains reports whether key is in the set. Certificates are never
// contained: byline does not do certificate authentication.
func (ks *KeySet) Contains(key PublicKey) bool {
	_, ok := ks.lookup(key)
	return ok
}

// Comment is the authorized_keys comment of key, or "".
func (ks *KeySet) Comment(key PublicKey) string {
	k, _ := ks.lookup(key)
	return k.Comment
}

func (ks *KeySet) lookup(key PublicKey) (AuthorizedKey, bool) {
	if ks == nil || key == nil {
		return AuthorizedKey{}, false
	}
	if _, isCert := key.(*gossh.Certificate); isCert {
		return AuthorizedKey{}, false
	}
	k, ok := ks.keys[string(key.Marshal())]
	return k, ok
}

// ParseAuthorizedKeys reads an OpenSSH authorized_keys file. Blank lines and
// comments are skipped; options on a line (from=, command=, ...) are not
// honoured, so a line carrying options is skipped with a warning rather than
// granting more than its owner meant. "cert-authority" lines are skipped.
func ParseAuthorizedKeys(data []byte) (keys []AuthorizedKey, warnings []string) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		if len(options) > 0 {
			warnings = append(warnings, fmt.Sprintf("line %d: skipped, has options (%s) that byline does not enforce", line, strings.Join(options, ",")))
			continue
		}
		keys = append(keys, AuthorizedKey{Key: key, Comment: comment})
	}
	if err := sc.Err(); err != nil {
		warnings = append(warnings, err.Error())
	}
	return keys, warnings
}

// Fingerprint is the SHA256 fingerprint OpenSSH shows for key.
func Fingerprint(key gossh.PublicKey) string {
	if key == nil {
		return ""
	}
	return gossh.FingerprintSHA256(key)
}
