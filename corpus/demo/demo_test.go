package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusFile is one file of the demo corpus with the number of articles it
// holds (records for JSON, JSONL and NDJSON).
type corpusFile struct {
	path     string
	data     []byte
	articles int
}

func loadFiles(t *testing.T) []corpusFile {
	t.Helper()
	var files []corpusFile
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		files = append(files, corpusFile{path: p, data: b})
		return nil
	})
	if err != nil {
		t.Fatalf("walking demo FS: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("demo FS is empty")
	}
	return files
}

// countArticles returns how many article records f holds, or an error
// message when it does not parse.
func countArticles(f corpusFile) (int, string) {
	switch path.Ext(f.path) {
	case ".txt", ".md":
		return 1, ""
	case ".json":
		var v any
		if err := json.Unmarshal(f.data, &v); err != nil {
			return 0, "invalid JSON: " + err.Error()
		}
		switch v := v.(type) {
		case map[string]any:
			return 1, ""
		case []any:
			for i, r := range v {
				if _, ok := r.(map[string]any); !ok {
					return 0, "array element " + strconv.Itoa(i) + " is not an object"
				}
			}
			return len(v), ""
		default:
			return 0, "JSON top level is neither an object nor an array"
		}
	case ".jsonl", ".ndjson":
		n := 0
		sc := bufio.NewScanner(bytes.NewReader(f.data))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		line := 0
		for sc.Scan() {
			line++
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				return 0, "line " + strconv.Itoa(line) + ": " + err.Error()
			}
			n++
		}
		if err := sc.Err(); err != nil {
			return 0, err.Error()
		}
		return n, ""
	}
	return 0, "unexpected extension"
}

func TestFilesParse(t *testing.T) {
	for _, f := range loadFiles(t) {
		t.Run(f.path, func(t *testing.T) {
			if !utf8.Valid(f.data) {
				t.Fatal("not valid UTF-8")
			}
			if bytes.IndexByte(f.data, 0x1b) >= 0 || bytes.IndexByte(f.data, 0) >= 0 {
				t.Error("contains ESC or NUL bytes; demo data must be clean text")
			}
			n, msg := countArticles(f)
			if msg != "" {
				t.Fatal(msg)
			}
			if n == 0 {
				t.Error("holds no article")
			}
		})
	}
}

func TestFrontMatterClosed(t *testing.T) {
	for _, f := range loadFiles(t) {
		if path.Ext(f.path) != ".md" {
			continue
		}
		t.Run(f.path, func(t *testing.T) {
			text := strings.ReplaceAll(string(f.data), "\r\n", "\n")
			if !strings.HasPrefix(text, "---\n") {
				return // no front matter
			}
			rest := text[len("---\n"):]
			end := strings.Index(rest, "\n---\n")
			if end < 0 {
				t.Fatal("front matter block is not closed by a --- line")
			}
			fm := rest[:end]
			// Every line of the block must look like YAML front matter, so
			// a missing closing fence is not hidden by a later "---"
			// thematic break in the body.
			for i, line := range strings.Split(fm, "\n") {
				trimmed := strings.TrimSpace(line)
				isKey := line != "" && line[0] != ' ' && strings.Contains(line, ":")
				isItem := strings.HasPrefix(trimmed, "- ") && line != trimmed
				if !isKey && !isItem {
					t.Fatalf("front matter line %d %q is not a key or list item; is the block closed?", i+2, line)
				}
			}
			for _, key := range []string{"title:", "source:", "date:", "url:"} {
				if !strings.Contains(fm, "\n"+key) && !strings.HasPrefix(fm, key) {
					t.Errorf("front matter lacks %q", key)
				}
			}
			if !strings.Contains(fm, "author:") && !strings.Contains(fm, "authors:") {
				t.Error("front matter lacks author or authors")
			}
			if strings.TrimSpace(rest[end+len("\n---\n"):]) == "" {
				t.Error("no body after front matter")
			}
		})
	}
}

func TestCorpusShape(t *testing.T) {
	files := loadFiles(t)
	articles := 0
	outlets := map[string]bool{}
	exts := map[string]int{}
	mdWithout := 0
	for _, f := range files {
		n, _ := countArticles(f)
		articles += n
		dir, _, ok := strings.Cut(f.path, "/")
		if !ok {
			t.Errorf("%s: not inside an outlet folder", f.path)
			continue
		}
		outlets[dir] = true
		ext := path.Ext(f.path)
		exts[ext]++
		if ext == ".md" && !bytes.HasPrefix(f.data, []byte("---\n")) {
			mdWithout++
		}
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"articles", articles, 28},
		{"outlet folders", len(outlets), 5},
		{".txt files", exts[".txt"], 12},
		{".md files", exts[".md"], 5},
		{".md files without front matter", mdWithout, 1},
		{".json files", exts[".json"], 2},
		{".jsonl files", exts[".jsonl"], 1},
		{".ndjson files", exts[".ndjson"], 1},
	}
	for _, c := range checks {
		if c.got < c.want {
			t.Errorf("%s: got %d, want at least %d", c.name, c.got, c.want)
		}
	}
	for ext := range exts {
		switch ext {
		case ".txt", ".md", ".json", ".jsonl", ".ndjson":
		default:
			t.Errorf("unexpected extension %q in demo corpus", ext)
		}
	}
}

// TestLineRecords checks the JSON Lines files hold at least five records
// between them, each with a title or a body field.
func TestLineRecords(t *testing.T) {
	total := 0
	for _, f := range loadFiles(t) {
		ext := path.Ext(f.path)
		if ext != ".jsonl" && ext != ".ndjson" && ext != ".json" {
			continue
		}
		var recs []map[string]any
		if ext == ".json" {
			var one map[string]any
			if json.Unmarshal(f.data, &one) == nil {
				recs = append(recs, one)
			} else if err := json.Unmarshal(f.data, &recs); err != nil {
				t.Errorf("%s: %v", f.path, err)
				continue
			}
		} else {
			for _, line := range strings.Split(string(f.data), "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				var r map[string]any
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Errorf("%s: %v", f.path, err)
					continue
				}
				recs = append(recs, r)
			}
			total += len(recs)
		}
		for i, r := range recs {
			body := false
			for _, k := range []string{"text", "maintext", "body", "content", "articleBody"} {
				if s, ok := r[k].(string); ok && strings.TrimSpace(s) != "" {
					body = true
				}
			}
			if !body {
				t.Errorf("%s record %d: no body field", f.path, i)
			}
		}
	}
	if total < 5 {
		t.Errorf("JSONL/NDJSON records: got %d, want at least 5", total)
	}
}

func TestCorpusDoc(t *testing.T) {
	// CORPUS.md lives beside the package, outside the embedded tree; every
	// embedded file must be listed in it.
	b, err := os.ReadFile("CORPUS.md")
	doc := string(b)
	if err != nil {
		t.Fatalf("reading CORPUS.md: %v", err)
	}
	for _, f := range loadFiles(t) {
		if !strings.Contains(doc, f.path) {
			t.Errorf("CORPUS.md does not mention %s", f.path)
		}
	}
}
