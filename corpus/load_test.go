package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf16"

	"byline/corpus/demo"
	"byline/model"
)

// sharedDir finds ../shared beside the project, or skips the test.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s not available (../shared is absent in this checkout): %v", dir, err)
	}
	return dir
}

func mustLoad(t testing.TB, paths []string, opt Options) *model.Corpus {
	t.Helper()
	c, err := Load(context.Background(), paths, opt)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoadSeeds(t *testing.T) {
	dir := sharedDir(t, "corpus/seeds")
	c := mustLoad(t, []string{dir}, Options{})
	if len(c.Problems) != 0 {
		t.Errorf("problems: %v", c.Problems)
	}
	if len(c.Articles) != 2 {
		t.Fatalf("got %d articles, want 2", len(c.Articles))
	}
	indy, ok := c.Article("003_ac02c45ab0a98da2")
	if !ok {
		t.Fatalf("no article 003_ac02c45ab0a98da2; IDs: %v", ids(c))
	}
	checks := []struct{ field, got, want string }{
		{"title", indy.Title, "US warns of ‘severe consequences’ for Russia if it invades Ukraine, while Moscow promises ‘no concessions’"},
		{"standfirst", indy.Standfirst, "Superpowers trade warnings ahead of Geneva talks"},
		{"authors", strings.Join(indy.Authors, "|"), "John Bowden"},
		{"source", indy.Source, "The Independent"},
		{"published", indy.PublishedString(), "2022-01-10T00:19:00-05:00"},
		{"published UTC", indy.Published.UTC().Format(time.RFC3339), "2022-01-10T05:19:00Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("003 %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(first(indy.Body), "Top diplomats from Russia") || !strings.HasSuffix(last(indy.Body), "before it joins the alliance.") {
		t.Errorf("003 body runs from %q to %q", first(indy.Body), last(indy.Body))
	}
	if indy.DatePrecision != model.PrecisionDateTime || indy.TitleDerived {
		t.Errorf("003 precision %v derived %v", indy.DatePrecision, indy.TitleDerived)
	}
	for _, p := range indy.Body {
		for _, junk := range []string{"Your support", "donation", "notifications", "commenting forum", "Please refresh", "Comments"} {
			if strings.Contains(p, junk) {
				t.Errorf("003 body keeps boilerplate %q in %q", junk, p)
			}
		}
	}

	agencies, ok := c.Article("000_c944b3edad8dbed4")
	if !ok {
		t.Fatal("no article 000_c944b3edad8dbed4")
	}
	if agencies.Source != "Agencies" || agencies.Credit != "Agencies" {
		t.Errorf("000 source %q credit %q, want Agencies", agencies.Source, agencies.Credit)
	}
	if len(agencies.Body) != 14 { // the dump has 14 article lines before its credit line
		t.Errorf("000 has %d paragraphs, want 14", len(agencies.Body))
	}
	for _, p := range agencies.Body {
		if strings.HasPrefix(p, "Source:") {
			t.Errorf("000 body keeps the credit line %q", p)
		}
	}
	if !agencies.TitleDerived || agencies.Title == "" {
		t.Errorf("000 title %q derived %v; want a derived title", agencies.Title, agencies.TitleDerived)
	}
	// Newest first, undated last: 000 has no date in its text.
	if agencies.Dated() || c.Articles[0] != indy || c.Articles[1] != agencies {
		t.Errorf("order %v; 000 dated %v", ids(c), agencies.Dated())
	}
}

func ids(c *model.Corpus) []string {
	var out []string
	for _, a := range c.Articles {
		out = append(out, a.ID)
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

func TestLoadBBC(t *testing.T) {
	if testing.Short() {
		t.Skip("BBC corpus load skipped in -short mode")
	}
	dir := sharedDir(t, "corpus/bbc")
	c := mustLoad(t, []string{dir}, Options{})
	if len(c.Problems) != 0 {
		t.Errorf("problems: %v", c.Problems)
	}
	if len(c.Articles) != 2225 {
		t.Errorf("got %d articles, want 2225", len(c.Articles))
	}
	for _, a := range c.Articles {
		if strings.TrimSpace(a.Title) == "" {
			t.Errorf("%s has no title", a.ID)
		}
	}
	a, ok := c.Article("sport/199")
	if !ok {
		t.Fatal("no sport/199")
	}
	text := a.Title + strings.Join(a.Body, "\n")
	if !strings.Contains(text, "£") || strings.Contains(text, "\ufffd") {
		t.Errorf("sport/199 not decoded as Windows-1252: %q", first(a.Body))
	}
}

func TestLoadDemo(t *testing.T) {
	c, err := LoadFS(context.Background(), demo.FS(), "demo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 0 {
		t.Errorf("demo corpus problems: %v", c.Problems)
	}
	if len(c.Articles) < 24 {
		t.Errorf("demo corpus has %d articles, want ≥ 24", len(c.Articles))
	}
	formats := map[model.Format]bool{}
	sources := map[string]bool{}
	days := map[string]bool{}
	for _, a := range c.Articles {
		formats[a.Format] = true
		sources[a.Source] = true
		if a.Dated() {
			days[a.Published.Format("2006-01-02")] = true
		}
		if len(a.Body) == 0 {
			t.Errorf("%s has no body", a.ID)
		}
	}
	for _, f := range []model.Format{model.FormatText, model.FormatMarkdown, model.FormatJSON, model.FormatJSONL} {
		if !formats[f] {
			t.Errorf("no %s article in the demo corpus", f)
		}
	}
	if len(sources) < 5 || len(days) < 10 {
		t.Errorf("demo corpus: %d sources, %d dates; want ≥ 5 and ≥ 10", len(sources), len(days))
	}
	// Deterministic: a second load gives the same order and IDs.
	c2, _ := LoadFS(context.Background(), demo.FS(), "demo", Options{Workers: 1})
	if strings.Join(ids(c), ",") != strings.Join(ids(c2), ",") {
		t.Error("article order differs between loads")
	}
}

// hostileFile is one entry of the hostile folder: how to make it and what
// the load must say about it.
type hostileFile struct {
	name    string
	make    func(path string) error
	problem string // substring of the problem reason; "" means it must load
}

func writeBytes(b []byte) func(string) error {
	return func(p string) error { return os.WriteFile(p, b, 0o644) }
}

func utf16le(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

const goodDump = "A headline about the harbour strike\n\nDock workers walked out on Monday, the union said, in a dispute over pay and hours that has lasted for months.\n\n“We have no choice left,” said union leader Maria Costa, speaking to reporters at the gate.\n"

func TestHostileFolder(t *testing.T) {
	dir := t.TempDir()
	files := []hostileFile{
		{"good.txt", writeBytes([]byte(goodDump)), ""},
		{"crlf.txt", writeBytes([]byte(strings.ReplaceAll(goodDump, "\n", "\r\n"))), ""},
		{"cr.txt", writeBytes([]byte(strings.ReplaceAll(goodDump, "\n", "\r"))), ""},
		{"bom.txt", writeBytes(append([]byte{0xef, 0xbb, 0xbf}, goodDump...)), ""},
		{"utf16.txt", writeBytes(utf16le(goodDump, true)), ""},
		{"utf16-nobom.txt", writeBytes(utf16le(goodDump, false)), ""},
		{"latin1.txt", writeBytes([]byte("Price rise\n\nThe fare rose to \xa35 on Monday, the operator said in a statement to the press.\n")), ""},
		{"escapes.txt", writeBytes([]byte("\x1b]0;pwned\x07Title with \x1b[31mcolour\x1b[0m\n\nBody \x1b]52;c;ZXZpbA==\x07text with a clipboard write and a \u009b2J clear, which must never reach a terminal.\n")), ""},
		{"front.md", writeBytes([]byte("---\ntitle: Front matter title\nsource: Harbour Daily\nauthors: [Ann Lee, Bo Chan]\ndate: 2024-03-04\n---\n\nThe body paragraph of a markdown article, long enough to be kept as prose.\n")), ""},
		{"record.json", writeBytes([]byte(`{"title":"JSON record","text":"A JSON body.\n\nSecond paragraph.","date_publish":"2024-03-05 10:00:00","source_domain":"example.org","authors":["Kim Park"]}`)), ""},
		{"records.jsonl", writeBytes([]byte("{\"title\":\"One\",\"text\":\"First record body.\"}\n{broken json\n{\"title\":\"Three\",\"maintext\":\"Third record body.\"}\n")), "records.jsonl:2: invalid JSON"},
		{"wrongtypes.json", writeBytes([]byte(`{"title":42,"text":"Body with a numeric title.","authors":{"x":1},"date":true}`)), ""},
		{"binary.txt", writeBytes([]byte("ELF\x00\x01\x02\x00\x00junk\x00\xff")), "binary"},
		{"empty.txt", writeBytes(nil), "empty file"},
		{"big.txt", writeBytes([]byte(strings.Repeat("word ", 1000))), "size cap"},
		{"malformed.json", writeBytes([]byte("{\n  \"title\": \"x\",\n  \"text\": oops\n}\n")), "line 3"},
		{"notjson.json", writeBytes([]byte("[1, 2, 3]")), "not an object"},
		{"unclosed.md", writeBytes([]byte("---\ntitle: never closed\n\nBody text of the article.\n")), ""},
		{"image.png", writeBytes([]byte("\x89PNG")), "unsupported file type"},
		{"broken-link.txt", func(p string) error { return os.Symlink(filepath.Join(dir, "missing.txt"), p) }, "broken symlink"},
		{"self-link.txt", func(p string) error { return os.Symlink(p, p) }, "symlink loop"},
		{"loop", func(p string) error { return os.Symlink(".", p) }, "symlink loop"},
		{"fifo.txt", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "named pipe"},
	}
	for _, f := range files {
		if err := f.make(filepath.Join(dir, f.name)); err != nil {
			t.Fatalf("making %s: %v", f.name, err)
		}
	}
	if os.Geteuid() != 0 {
		p := filepath.Join(dir, "unreadable.txt")
		if err := os.WriteFile(p, []byte(goodDump), 0o000); err != nil {
			t.Fatal(err)
		}
		files = append(files, hostileFile{"unreadable.txt", nil, "permission denied"})
	} else {
		t.Log("running as root: unreadable files are covered by TestUnreadableFS instead")
	}

	// A load that hangs (a FIFO opened for reading) is caught by go test's
	// -timeout, whose goroutine dump shows where; no clock of our own.
	c := mustLoad(t, []string{dir}, Options{MaxFileSize: 4000})

	byPath := map[string][]string{}
	for _, p := range c.Problems {
		file := filepath.Base(strings.FieldsFunc(p.Path, func(r rune) bool { return r == ':' || r == '#' })[0])
		byPath[file] = append(byPath[file], p.String())
	}
	loaded := map[string]bool{}
	for _, a := range c.Articles {
		loaded[filepath.Base(a.Path)] = true
		assertNoEscapes(t, a)
	}
	for _, f := range files {
		problems := strings.Join(byPath[f.name], "\n")
		if f.problem == "" {
			if !loaded[f.name] {
				t.Errorf("%s did not load; problems: %q", f.name, problems)
			}
			continue
		}
		if !strings.Contains(problems, f.problem) {
			t.Errorf("%s: want a problem containing %q, got %q", f.name, f.problem, problems)
		}
	}
	// The good records of a JSONL file with one bad line still load.
	if _, ok := c.Article("records#3"); !ok {
		t.Errorf("records.jsonl line 3 did not load; IDs: %v", ids(c))
	}
	if a, ok := c.Article("latin1"); ok && !strings.Contains(strings.Join(a.Body, ""), "£5") {
		t.Errorf("latin1 body %q lacks £5", a.Body)
	}
	if a, ok := c.Article("utf16"); ok && a.Title != "A headline about the harbour strike" {
		t.Errorf("utf16 title = %q", a.Title)
	}
	if a, ok := c.Article("front"); ok {
		if a.Title != "Front matter title" || a.Source != "Harbour Daily" || len(a.Authors) != 2 || a.DatePrecision != model.PrecisionDate {
			t.Errorf("front.md = %+v", a.Record())
		}
	}
	if a, ok := c.Article("wrongtypes"); ok && len(a.Problems) == 0 {
		t.Error("wrongtypes.json: wrong field types were not noted")
	}
}

// assertNoEscapes checks every text field that can reach a terminal.
func assertNoEscapes(t *testing.T, a *model.Article) {
	t.Helper()
	fields := append([]string{a.ID, a.Path, a.Title, a.Standfirst, a.Source, a.Credit, a.URL}, a.Authors...)
	fields = append(fields, a.Body...)
	fields = append(fields, a.Problems...)
	for _, r := range a.Removed {
		fields = append(fields, r.Text, r.Reason)
	}
	for _, q := range a.Quotes {
		fields = append(fields, q.Text, q.Speaker, q.Mention, q.Role, q.Cue)
	}
	for _, f := range fields {
		for _, r := range f {
			if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
				t.Errorf("%s: control character %U in %q", a.Path, r, f)
				break
			}
		}
	}
}

// failingFS serves one file whose read fails, standing in for an unreadable
// file where the tests run as root (root reads mode-000 files).
type failingFS struct{ fstest.MapFS }

func (f failingFS) Open(name string) (fs.File, error) {
	if name == "unreadable.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func TestUnreadableFS(t *testing.T) {
	fsys := failingFS{fstest.MapFS{
		"good.txt":       {Data: []byte(goodDump)},
		"unreadable.txt": {Data: []byte(goodDump)},
	}}
	c, err := LoadFS(context.Background(), fsys, "mem", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || len(c.Problems) != 1 || c.Problems[0].Path != "mem/unreadable.txt" || !strings.Contains(c.Problems[0].Reason, "permission") {
		t.Errorf("articles %d problems %v", len(c.Articles), c.Problems)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, want, enc string
		err                 bool
	}{
		{"utf8", "héllo", "héllo", "utf-8", false},
		{"bom", "\xef\xbb\xbfhi", "hi", "utf-8", false},
		{"win1252 quotes and pound", "\x93hi\x94 \xa3", "“hi” £", "windows-1252", false},
		{"crlf", "a\r\nb\rc", "a\nb\nc", "utf-8", false},
		{"utf16be bom", "\xfe\xff\x00h\x00i", "hi", "utf-16be", false},
		{"utf16le bom", "\xff\xfeh\x00i\x00", "hi", "utf-16le", false},
		{"utf16le without bom", "h\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00", "hi there", "utf-16le", false},
		{"utf16be without bom", "\x00h\x00i\x00 \x00t\x00h\x00e\x00r\x00e", "hi there", "utf-16be", false},
		{"utf16 bom, crlf, surrogate pair", "\xff\xfea\x00\r\x00\n\x00=\xd8\x00\xde", "a\n\U0001f600", "utf-16le", false},
		{"utf8 bom over windows-1252 bytes", "\xef\xbb\xbf\x93hi\x94 \xa3", "“hi” £", "windows-1252", false},
		{"utf8 bom, invalid utf8 after it, kept", "\xef\xbb\xbfcaf\xe9", "café", "windows-1252", false},
		{"utf16 bom carrying a NUL", "\xff\xfea\x00\x00\x00", "", "", true},
		{"scattered NULs", "ab\x00cdefgh\x00ij", "", "", true},
		{"binary", "\x00\x01\x02\x03\xff\xfe\x00", "", "", true},
		{"escapes removed", "a\x1b[2Jb", "ab", "utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode([]byte(tt.in))
			if (err != nil) != tt.err {
				t.Fatalf("err = %v", err)
			}
			if !tt.err && (got != tt.want || enc != tt.enc) {
				t.Errorf("Decode = %q (%s), want %q (%s)", got, enc, tt.want, tt.enc)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "a.md", "sub/b.txt"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(goodDump), 0o644)
	}
	c := mustLoad(t, []string{dir}, Options{})
	got := map[string]bool{}
	for _, a := range c.Articles {
		got[a.ID] = true
	}
	for _, want := range []string{"a", "a.txt", "sub/b"} {
		if !got[want] {
			t.Errorf("missing ID %q; have %v", want, got)
		}
	}
	// A single file argument is named by its base name.
	c = mustLoad(t, []string{filepath.Join(dir, "sub", "b.txt")}, Options{})
	if len(c.Articles) != 1 || c.Articles[0].ID != "b" {
		t.Errorf("single file ID: %v", ids(c))
	}
}

func TestProgress(t *testing.T) {
	var reports []Progress
	c, err := LoadFS(context.Background(), demo.FS(), "demo", Options{Progress: func(p Progress) { reports = append(reports, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) == 0 {
		t.Fatal("no progress reported")
	}
	lastReport := reports[len(reports)-1]
	n := 0
	for _, r := range reports {
		n += len(r.Articles)
	}
	if lastReport.Walking || lastReport.Done != lastReport.Found || n != len(c.Articles) {
		t.Errorf("final report %+v; %d previews for %d articles", lastReport, n, len(c.Articles))
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadFS(ctx, demo.FS(), "demo", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	write := func(name, title string) {
		body := strings.Replace(goodDump, "A headline about the harbour strike", title, 1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First headline of the day")
	write("b.txt", "Second headline of the day")
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644)
	cacheFile := filepath.Join(t.TempDir(), "c.cache")
	var warnings []string
	opt := Options{CacheFile: cacheFile, CacheVersion: "test", Warn: func(s string) { warnings = append(warnings, s) }}

	cold := mustLoad(t, []string{dir}, opt)
	if _, err := os.Stat(cacheFile); err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	warm := mustLoad(t, []string{dir}, opt)
	if got, want := records(warm), records(cold); got != want {
		t.Errorf("cached load differs:\n got %s\nwant %s", got, want)
	}
	if len(warm.Problems) != 1 {
		t.Errorf("the bad file's problem was lost: %v", warm.Problems)
	}

	// A changed file is parsed again; the others still come from the cache.
	// (Same size: the new modification time, set rather than waited for,
	// is what tells.)
	write("b.txt", "Second headline, corrected")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "b.txt"), later, later); err != nil {
		t.Fatal(err)
	}
	changed := mustLoad(t, []string{dir}, opt)
	if a, _ := changed.Article("b"); a == nil || a.Title != "Second headline, corrected" {
		t.Errorf("changed file not re-parsed: %+v", a)
	}

	// A corrupt cache is ignored with a warning and rebuilt.
	os.WriteFile(cacheFile, []byte("BYLINE-CACHE garbage"), 0o644)
	again := mustLoad(t, []string{dir}, opt)
	if records(again) != records(changed) || len(warnings) == 0 {
		t.Errorf("corrupt cache: warnings %v", warnings)
	}
	// Another version's cache is not trusted either.
	opt.CacheVersion = "other"
	if records(mustLoad(t, []string{dir}, opt)) != records(changed) {
		t.Error("foreign cache changed the result")
	}
}

// records renders a corpus as its show records, for comparing loads.
func records(c *model.Corpus) string {
	var b strings.Builder
	for _, a := range c.Articles {
		b.WriteString(fmt.Sprintf("%+v|%v\n", a.Detail(), a.Quotes))
	}
	for _, s := range c.Speakers {
		b.WriteString(fmt.Sprintf("%+v\n", s.Record()))
	}
	return b.String()
}
