package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/crypto/ssh"

	"byline/browse"
	"byline/corpus"
	"byline/corpus/demo"
	"byline/serve"
	"byline/state"
)

// pythonCSV reads a CSV file with Python's csv module and returns its
// header and rows as Python sees them.
func pythonCSV(t *testing.T, path string) (header []string, rows []map[string]string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the CSV cannot be read by Python's csv module here")
	}
	script := `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.DictReader(f)
    rows = list(r)
    json.dump({"header": r.fieldnames, "rows": rows}, sys.stdout)`
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("python3 csv: %v", err)
	}
	var got struct {
		Header []string            `json:"header"`
		Rows   []map[string]string `json:"rows"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	return got.Header, got.Rows
}

// TestCSVReadByPython: list, quotes and speakers --csv open in Python's
// csv module with a row per --json record and the --json fields as
// columns, values intact (commas, quotes, line breaks, accents and lists
// included).
func TestCSVReadByPython(t *testing.T) {
	for _, tc := range []struct {
		cmd string
		key string // a field that identifies a record
	}{
		{"list", "id"}, {"quotes", "text"}, {"speakers", "name"},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.cmd, "--csv")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			path := filepath.Join(t.TempDir(), tc.cmd+".csv")
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			header, rows := pythonCSV(t, path)
			_, jout, _ := runCLI(t, tc.cmd, "--json")
			records := jsonLines(t, jout)
			if len(rows) != len(records) || len(rows) == 0 {
				t.Fatalf("%d CSV rows, %d JSON records", len(rows), len(records))
			}
			cols := map[string]bool{}
			for _, h := range header {
				cols[h] = true
			}
			for i, rec := range records {
				for field, v := range rec {
					if !cols[field] {
						t.Fatalf("JSON field %q is no CSV column (%q)", field, header)
					}
					var want string
					switch v := v.(type) {
					case string:
						want = v
					case bool:
						want = map[bool]string{true: "true", false: "false"}[v]
					case float64:
						b, _ := json.Marshal(v)
						want = string(b)
					case []any:
						parts := make([]string, len(v))
						for k, p := range v {
							parts[k], _ = p.(string)
						}
						want = strings.Join(parts, "; ")
					default:
						continue
					}
					if rows[i][field] != want {
						t.Errorf("row %d (%s %q) %s = %q, JSON has %q", i, tc.key, rec[tc.key], field, rows[i][field], want)
					}
				}
			}
		})
	}
	if code, _, errOut := runCLI(t, "list", "--csv", "--json"); code != exitUsage || !strings.Contains(errOut, "choose one") {
		t.Errorf("--csv --json: exit %d, %q", code, errOut)
	}
}

// TestListMarks: with a state database, list --json and --csv add read
// and starred (the local user's); without one they do not.
func TestListMarks(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	_, out, _ := runCLI(t, "list", "--json")
	if strings.Contains(out, `"read"`) {
		t.Fatal("read fields without a state database")
	}
	if path, _ := state.DefaultPath(); fileExists(path) {
		t.Fatal("list created a state database")
	}
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := openState("", false, func(s string) { t.Log(s) })
	v, _ := db.User("")
	v.Attach(state.NewCorpus(c))
	read, starred := c.Articles[0].ID, c.Articles[1].ID
	v.SetRead(read, true)
	v.SetStarred(starred, true)
	db.Close()

	_, out, errOut := runCLI(t, "list", "--json")
	n := 0
	for _, r := range jsonLines(t, out) {
		requireFields(t, "list with marks", r, append(listFields, "read", "starred")...)
		id := r["id"].(string)
		if r["read"] != (id == read) || r["starred"] != (id == starred) {
			t.Errorf("%s: read %v starred %v", id, r["read"], r["starred"])
		}
		n++
	}
	if n != len(c.Articles) || errOut != "" {
		t.Errorf("%d records; stderr %q", n, errOut)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestServeStatePerKey: two SSH users (two keys) each get their own
// marks, stored under their key's fingerprint; one never sees the other's.
func TestServeStatePerKey(t *testing.T) {
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "state.db")
	db := openState(path, false, func(s string) { t.Log(s) })
	defer db.Close()
	newModel := serveModel(browse.Prepare(c), state.NewCorpus(c), "demo", db, serve.NewLogger(os.Stderr))
	key := func() ssh.PublicKey {
		signer := newTestSigner(t)
		return signer.PublicKey()
	}
	alice, bob := key(), key()
	session := func(k ssh.PublicKey) tea.Model {
		m := newModel(context.Background(), serve.Client{User: "x", PublicKey: k, Width: 120, Height: 40})
		driveModel(t, m, m.Init())
		driveModel(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
		return m
	}
	a := session(alice)
	driveModel(t, a, func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyEnter} }) // read the first story
	b := session(bob)
	driveModel(t, b, func() tea.Msg { return tea.KeyPressMsg{Code: 'j', Text: "j"} })
	driveModel(t, b, func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyEnter} }) // the second
	db.Flush()
	va, _ := db.User(serve.Fingerprint(alice))
	vb, _ := db.User(serve.Fingerprint(bob))
	ma, mb := va.Marks(), vb.Marks()
	ra, _, _ := ma.Len()
	rb, _, _ := mb.Len()
	if ra != 1 || rb != 1 {
		t.Fatalf("alice read %d, bob read %d; want 1 each", ra, rb)
	}
	for id := range ma.Read {
		if mb.IsRead(id) {
			t.Errorf("bob sees alice's mark on %s", id)
		}
	}
	// And in the database, under each fingerprint.
	db.Close()
	db2 := openState(path, false, func(s string) { t.Log(s) })
	defer db2.Close()
	for _, k := range []ssh.PublicKey{alice, bob} {
		v, _ := db2.User(serve.Fingerprint(k))
		v.Attach(state.NewCorpus(c))
		if r, _, _ := v.Marks().Len(); r != 1 {
			t.Errorf("%s: %d marks stored", serve.Fingerprint(k), r)
		}
	}
	// Without a key (--allow-anyone, keyboard-interactive) marks last the
	// session: nothing is stored for anyone.
	anon := newModel(context.Background(), serve.Client{User: "x", Width: 120, Height: 40})
	driveModel(t, anon, anon.Init())
	driveModel(t, anon, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	driveModel(t, anon, func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyEnter} })
	if v, _ := db2.User(""); v != nil {
		v.Attach(state.NewCorpus(c))
		if r, _, _ := v.Marks().Len(); r != 0 {
			t.Errorf("a session without a key stored %d marks", r)
		}
	}
}

// driveModel runs a command and the commands its messages lead to,
// feeding the messages to m (a session's UI, without a terminal).
func driveModel(t *testing.T, m tea.Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("command loop")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func newTestSigner(t *testing.T) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
