// Package hostile writes a corpus folder of everything a scraped corpus can
// throw at byline — binary junk, broken encodings, giant files, terminal
// attacks, hostile folder structures, special files, malformed JSON — with a
// manifest saying, for every file, whether it must load or be listed as a
// problem, and why. Tests load the folder and check byline against the
// manifest (see corpus, cmd/byline and tui tests).
package hostile

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf16"
)

// Options size the corpus. Zero values take the defaults.
type Options struct {
	// HugeLine is the size of the single-line file that must be refused
	// as too large without being read whole (default 50 MB).
	HugeLine int64
	// SizeCap is the per-file cap the load will use: files of exactly
	// SizeCap bytes must load, SizeCap+1 must be refused (default 8 MiB,
	// byline's default cap).
	SizeCap int64
	// Records is the length of the huge JSON array (default 100,000).
	Records int
	// Depth is how deeply the nested folder goes (default 200).
	Depth int
	// Racy is how many files are written for a goroutine to delete,
	// truncate or replace while the load runs (default 60; negative:
	// none).
	Racy int
	// Seed makes the random binary files reproducible.
	Seed int64
}

func (o *Options) defaults() {
	if o.HugeLine <= 0 {
		o.HugeLine = 50_000_000
	}
	if o.SizeCap <= 0 {
		o.SizeCap = 8 << 20
	}
	if o.Records <= 0 {
		o.Records = 100_000
	}
	if o.Depth <= 0 {
		o.Depth = 200
	}
	if o.Racy == 0 {
		o.Racy = 60
	}
}

// Expect is what the load must make of a file.
type Expect int

const (
	// Load: at least one article comes from the file.
	Load Expect = iota
	// Problem: the file is listed as a problem whose reason contains
	// File.Reason, and no article comes from it.
	Problem
	// LoadWithProblem: articles come from the file and a problem naming it
	// (e.g. one bad line of a JSON Lines file) is listed too.
	LoadWithProblem
	// Either: loaded or listed, never silently dropped — files mutated
	// while the load runs, and files whose fate depends on privileges.
	Either
)

func (e Expect) String() string {
	return [...]string{"load", "problem", "load+problem", "load or problem"}[e]
}

// File is one entry of the manifest.
type File struct {
	Rel    string // path relative to the corpus folder, as written (may hold escapes)
	Expect Expect
	Reason string // for Problem/LoadWithProblem: a substring of the problem's reason
	Why    string // what the file tests
	// Articles, if > 0, is the exact number of articles it must give.
	Articles int
	// Racy files are mutated by Manifest.Mutate during the load.
	Racy bool
}

// Manifest lists every file written.
type Manifest struct {
	Dir   string
	Files []File
	// Notes say what could not be covered here (e.g. unreadable files
	// when running as root) and how it was covered instead.
	Notes []string
}

// Count returns how many files expect e.
func (m Manifest) Count(e Expect) int {
	n := 0
	for _, f := range m.Files {
		if f.Expect == e {
			n++
		}
	}
	return n
}

// Article is a plain, valid page dump used as the carrier for hostile
// content: a headline, a byline, a quotation with a speaker.
const Article = "Harbour strike enters its second week\n\nBy Ann Lee\n\nDock workers walked out on Monday, the union said, in a dispute over pay and hours that has lasted for months.\n\n“We have no choice left,” said union leader Maria Costa, speaking to reporters at the gate.\n"

// Attacks are the terminal attacks planted in titles, speaker names and
// bodies: every one must be gone from anything byline writes to a terminal.
var Attacks = map[string]string{
	"csi-clear":      "\x1b[2J\x1b[H",
	"csi-colour":     "\x1b[31;1m",
	"csi-cursor":     "\x1b[10;10H\x1b[1A",
	"osc0-title":     "\x1b]0;pwned-title\x07",
	"osc2-title-st":  "\x1b]2;pwned-title\x1b\\",
	"osc52-clip":     "\x1b]52;c;cm0gLXJmIH4K\x07",
	"osc8-link":      "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"dcs":            "\x1bP1$qm\x1b\\",
	"dcs-tmux":       "\x1bPtmux;\x1b\x1b]52;c;eA==\x07\x1b\\",
	"apc":            "\x1b_Gf=100;AAAA\x1b\\",
	"c1-csi-utf8":    "\u009b2J",
	"c1-osc-utf8":    "\u009d0;pwned\u009c",
	"c1-misc":        "\u0085\u008d\u0090\u0098\u009e\u009f",
	"bel-bs-del":     "\a\b\x7f\x0e\x0f",
	"bidi-override":  "\u202eevil\u202c",
	"bidi-isolate":   "\u2066\u2067\u2068\u2069",
	"bidi-marks":     "\u200e\u200f\u061c",
	"zero-width":     "\u200b\u2060\ufeff",
	"esc-unfinished": "\x1b]0;never ended",
}

// Invalid UTF-8 of every class, planted in a Windows-1252-free context.
var InvalidUTF8 = map[string]string{
	"lone-continuation": "\x80\xbf",
	"truncated-2":       "\xc3",
	"truncated-3":       "\xe2\x80",
	"truncated-4":       "\xf0\x9f\x98",
	"overlong-2":        "\xc0\xaf",
	"overlong-3":        "\xe0\x80\xaf",
	"overlong-4":        "\xf0\x80\x80\xaf",
	"surrogate-high":    "\xed\xa0\x80",
	"surrogate-low":     "\xed\xbf\xbf",
	"above-max":         "\xf4\x90\x80\x80",
	"f5-ff":             "\xf5\xf8\xfc\xfe",
	"c1-raw-bytes":      "\x9b\x9d\x90",
}

// Write fills dir with the hostile corpus and returns its manifest. dir
// must exist (a t.TempDir()).
func Write(dir string, opt Options) (Manifest, error) {
	opt.defaults()
	w := &writer{m: Manifest{Dir: dir}, rnd: rand.New(rand.NewSource(opt.Seed))}
	w.all(opt)
	if w.err != nil {
		return Manifest{}, w.err
	}
	return w.m, nil
}

type writer struct {
	m   Manifest
	rnd *rand.Rand
	err error
}

func (w *writer) path(rel string) string { return filepath.Join(w.m.Dir, filepath.FromSlash(rel)) }

func (w *writer) mkdir(rel string) {
	if w.err == nil {
		w.err = os.MkdirAll(w.path(rel), 0o755)
	}
}

// file writes data at rel and records what must happen to it.
func (w *writer) file(rel string, data []byte, f File) {
	if w.err != nil {
		return
	}
	w.mkdir(filepath.Dir(rel))
	if w.err == nil {
		w.err = os.WriteFile(w.path(rel), data, 0o644)
	}
	f.Rel = rel
	w.m.Files = append(w.m.Files, f)
}

// special creates rel with make (symlinks, FIFOs) and records it.
func (w *writer) special(rel string, make func(p string) error, f File) {
	if w.err != nil {
		return
	}
	w.mkdir(filepath.Dir(rel))
	if w.err == nil {
		if err := make(w.path(rel)); err != nil {
			w.err = fmt.Errorf("%s: %w", rel, err)
		}
	}
	f.Rel = rel
	w.m.Files = append(w.m.Files, f)
}

func load(why string) File { return File{Expect: Load, Why: why, Articles: 1} }
func problem(reason, why string) File {
	return File{Expect: Problem, Reason: reason, Why: why}
}

// withTitle puts s into the headline, the speaker's name and the body of
// the carrier article.
func withTitle(s string) string {
	a := strings.Replace(Article, "Harbour strike", "Harbour "+s+"strike", 1)
	a = strings.Replace(a, "Maria Costa", "Maria"+s+" Costa", 1)
	return strings.Replace(a, "Dock workers", "Dock "+s+"workers", 1)
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

func (w *writer) all(opt Options) {
	// A baseline that must always load.
	w.file("good/plain.txt", []byte(Article), load("a plain page dump"))
	w.file("good/front.md", []byte("---\ntitle: Front matter title\nauthors: [Ann Lee]\ndate: 2024-03-04\n---\n\n"+Article), load("Markdown with front matter"))

	// Binary junk.
	w.file("binary/nul-laden.txt", bytes.Repeat([]byte("text\x00\x00\x01\x02binary\x00"), 500), problem("binary", "NUL-laden binary"))
	junk := make([]byte, 64<<10)
	w.rnd.Read(junk)
	junk[100] = 0
	junk[101] = 1 // odd length of NUL runs: never UTF-16
	w.file("binary/random.txt", junk, problem("binary", "random bytes with NULs"))
	w.file("binary/elf.json", append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), junk[:4096]...), problem("binary", "an executable named .json"))
	w.file("binary/only-nul.md", make([]byte, 4097), problem("binary", "nothing but NULs (odd length)"))

	// Size: a giant single line, files at and just over the cap.
	if w.err == nil {
		w.mkdir("size")
		w.err = writeHugeLine(w.path("size/huge-line.txt"), opt.HugeLine)
		w.m.Files = append(w.m.Files, File{Rel: "size/huge-line.txt", Expect: Problem, Reason: "size cap",
			Why: fmt.Sprintf("a %d-byte single line, over the cap: refused without being read whole", opt.HugeLine)})
	}
	w.file("size/at-cap.json", padJSON(opt.SizeCap), load("exactly at the size cap"))
	w.file("size/over-cap.json", padJSON(opt.SizeCap+1), problem("size cap", "one byte over the size cap"))
	w.file("size/empty.txt", nil, problem("empty file", "an empty file"))
	w.file("size/blank.txt", []byte(" \n\n\t \r\n"), problem("no text", "only whitespace"))

	// Invalid UTF-8 of every class: read as Windows-1252, never lost.
	for _, k := range sortedKeys(InvalidUTF8) {
		w.file("utf8/"+k+".txt", []byte(withTitle(InvalidUTF8[k])), load("invalid UTF-8: "+k))
	}
	w.file("utf8/bom.txt", append([]byte{0xef, 0xbb, 0xbf}, Article...), load("UTF-8 with a BOM"))

	// UTF-16, with and without BOM, both byte orders.
	w.file("utf16/le-bom.txt", utf16Bytes(Article, false, true), load("UTF-16LE with BOM"))
	w.file("utf16/be-bom.txt", utf16Bytes(Article, true, true), load("UTF-16BE with BOM"))
	w.file("utf16/le-nobom.txt", utf16Bytes(Article, false, false), load("UTF-16LE without BOM"))
	w.file("utf16/be-nobom.txt", utf16Bytes(Article, true, false), load("UTF-16BE without BOM"))
	w.file("utf16/le-bom-odd.txt", append(utf16Bytes(Article, false, true), 'x'), load("UTF-16LE with BOM and an odd trailing byte"))
	w.file("utf16/lone-surrogate.txt", append(utf16Bytes(Article, false, true), 0x00, 0xd8, 'a', 0), load("UTF-16 with a lone surrogate"))
	w.file("utf16/escapes.txt", utf16Bytes(withTitle(Attacks["osc52-clip"]+Attacks["bidi-override"]), false, true), load("UTF-16 carrying OSC 52 and a bidi override"))

	// Line ends.
	w.file("newlines/crlf.txt", []byte(strings.ReplaceAll(Article, "\n", "\r\n")), load("CRLF line ends"))
	w.file("newlines/cr.txt", []byte(strings.ReplaceAll(Article, "\n", "\r")), load("old Mac CR line ends"))
	mixed := strings.Replace(strings.Replace(Article, "\n\n", "\r\n\r\n", 1), "\n\n", "\r\r", 1)
	w.file("newlines/mixed.txt", []byte(mixed+"\n\r\n\r"), load("CRLF, CR and LF mixed"))

	// Terminal attacks, one file each, in the title, speaker and body.
	for _, k := range sortedKeys(Attacks) {
		w.file("escapes/"+k+".txt", []byte(withTitle(Attacks[k])), load("terminal attack in title, speaker, body: "+k))
	}
	all := strings.Join(func() []string {
		var v []string
		for _, k := range sortedKeys(Attacks) {
			v = append(v, Attacks[k])
		}
		return v
	}(), "")
	w.file("escapes/all.md", []byte("---\ntitle: \"Front "+jsonEscape(all)+" title\"\nauthors: [\"Ann "+jsonEscape(Attacks["bidi-override"])+"Lee\"]\nsource: \"Src"+jsonEscape(Attacks["osc0-title"])+"\"\n---\n\n"+withTitle(all)), load("every attack in front matter (YAML escapes) and body"))
	w.file("escapes/record.json", []byte(`{"title":"Record `+jsonEscape(all)+` title","text":"Body `+jsonEscape(all)+` text. “We will not move,” said Ann`+jsonEscape(Attacks["zero-width"]+Attacks["bidi-override"])+` Lee.","authors":["Ann `+jsonEscape(Attacks["osc8-link"])+`Lee"],"source":"Src`+jsonEscape(Attacks["c1-csi-utf8"])+`","url":"https://x.example/`+jsonEscape(Attacks["osc52-clip"])+`","date":"`+jsonEscape(Attacks["csi-clear"])+`2024-03-04"}`),
		File{Expect: Load, Articles: 1, Why: "every attack as JSON \\u escapes, decoded after the file's own sanitising"})
	w.file("escapes/name-\x1b]0;pwned\x07\x1b[2J.txt", []byte(Article), load("escape sequences in the file name"))
	w.file("escapes/name-\u202egnp.txt", []byte(Article), load("a bidi override in the file name"))
	w.file("escapes/bad-\x1b]52;c;eA==\x07.json", []byte("{oops"), problem("invalid JSON", "escapes in the name of a file that fails"))

	// Pathological text.
	word := strings.Repeat("x", 100_000)
	w.file("text/100k-word.txt", []byte("A headline before a very long word\n\n"+word+"\n\n"+Article), load("a 100,000-character word"))
	w.file("text/100k-word-title.json", []byte(`{"title":"`+word+`","text":"`+word+` body"}`), load("a 100,000-character title"))
	marks := strings.Repeat("“", 2500) + strings.Repeat("”", 2500) + strings.Repeat("\"", 2500) + strings.Repeat("‘’", 1250)
	w.file("text/10k-quote-marks.txt", []byte("Quotation marks everywhere\n\n"+marks+"\n\n"+Article), load("10,000 quotation marks"))
	alt := strings.Repeat("“a” said X, ", 10_000/2)
	w.file("text/10k-quotes.txt", []byte("Ten thousand quotations\n\n"+alt+"\n\n"+Article), load("5,000 short quotations with cues in one paragraph"))
	w.file("text/many-paragraphs.txt", []byte(strings.Repeat("Short line of text here.\n\n", 20_000)), load("20,000 paragraphs"))

	// Folders: deep nesting, loops, broken and looping symlinks.
	deep := strings.Repeat("d/", opt.Depth) + "deep.txt"
	w.file(deep, []byte(Article), load(fmt.Sprintf("a file %d folders deep", opt.Depth)))
	w.special("loops/self", func(p string) error { return os.Symlink(".", p) }, problem("symlink loop", "a folder symlinked to itself"))
	w.special("loops/a/b/up", func(p string) error { return os.Symlink("../..", p) }, problem("symlink loop", "a symlink to an ancestor"))
	w.file("loops/a/b/ok.txt", []byte(Article), load("a file beside a looping symlink"))
	w.special("loops/self-link.txt", func(p string) error { return os.Symlink(filepath.Base(p), p) }, problem("symlink loop", "a file symlink pointing at itself"))
	w.special("loops/broken.txt", func(p string) error { return os.Symlink("missing-target.txt", p) }, problem("broken symlink", "a dangling symlink"))
	w.special("loops/good-link.txt", func(p string) error { return os.Symlink("../good/plain.txt", p) }, load("a symlink to a good file"))

	// Special files: never opened for reading.
	w.special("special/fifo.txt", func(p string) error { return syscall.Mkfifo(p, 0o644) }, problem("named pipe", "a FIFO (opening it for reading would block)"))
	w.file("special/program.exe", []byte("MZ"), problem("unsupported file type", "an unsupported extension"))

	// Unreadable files and folders. As root, mode 000 stops nothing.
	root := os.Geteuid() == 0
	for _, u := range []struct{ rel, why string }{
		{"perm/unreadable.txt", "a mode-000 file"},
		{"perm/locked/inside.txt", "a file inside a mode-000 folder"},
	} {
		f := problem("permission denied", u.why)
		f.Reason = "permission denied"
		if root {
			f = File{Expect: Either, Why: u.why + " (root reads it anyway)"}
		}
		w.file(u.rel, []byte(Article), f)
	}
	if w.err == nil {
		w.err = os.Chmod(w.path("perm/unreadable.txt"), 0)
	}
	if w.err == nil {
		w.err = os.Chmod(w.path("perm/locked"), 0)
	}
	if root {
		w.m.Notes = append(w.m.Notes, "running as root: mode 000 does not stop reads, so perm/ may load; read failures are covered by corpus.TestUnreadableFS (an fs.FS whose Open fails)")
	}

	// JSON: wrong types, huge arrays, deep nesting, bad lines.
	w.file("json/wrong-types.json", []byte(`{"title":42,"text":"Body with a numeric title and more words.","authors":{"x":1},"date":true,"source":["a"],"url":{"y":2}}`),
		File{Expect: Load, Articles: 1, Why: "wrong field types: noted on the article, the rest loads"})
	w.file("json/huge-array.json", hugeArray(opt.Records), File{Expect: Load, Articles: opt.Records, Why: fmt.Sprintf("an array of %d records", opt.Records)})
	n := opt.Records / 10
	w.file("json/huge-array-numbers.json", []byte("["+strings.TrimSuffix(strings.Repeat("1,", n), ",")+"]"),
		File{Expect: Problem, Reason: "not an object", Why: fmt.Sprintf("an array of %d numbers: each record a problem", n)})
	w.file("json/deep-nesting.json", []byte(strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)), problem("invalid JSON", "arrays nested 100,000 deep"))
	w.file("json/deep-object.json", []byte(`{"title":"Deep","text":"Body text here.","x":`+strings.Repeat(`{"a":`, 5000)+"1"+strings.Repeat("}", 5000)+"}"), load("an object nested 5,000 deep in an unknown field"))
	w.file("json/top-number.json", []byte("42"), problem("not a record", "a bare number"))
	w.file("json/two-values.json", []byte(`{"title":"a","text":"b"} {"title":"c"}`), problem("more than one JSON value", "two values in a .json"))
	w.file("json/truncated.json", []byte(`{"title":"Cut off","text":"The body was cut`), problem("invalid JSON", "a truncated record"))
	w.file("json/bad-lines.jsonl", []byte("{\"title\":\"One\",\"text\":\"First record body.\"}\n{broken\n[1,2]\n\"str\"\n{\"title\":\"Five\",\"text\":\"Fifth record body.\"}\n"),
		File{Expect: LoadWithProblem, Reason: "invalid JSON", Articles: 2, Why: "JSON Lines with bad lines among good ones"})
	w.file("json/huge-string.jsonl", []byte(`{"title":"Big","text":"`+strings.Repeat("ab ", 1_000_000)+`"}`+"\n"), load("a 3 MB string in one record"))
	w.file("md/unclosed.md", []byte("---\ntitle: never closed\n\nBody text of the article.\n"), load("front matter never closed"))
	w.file("md/yaml-bomb.md", []byte(yamlBomb+"---\n\nBody text after a billion-laughs front matter.\n"), load("a YAML alias bomb in front matter"))
	w.file("md/yaml-types.md", []byte("---\ntitle: [1, 2]\ndate: {a: b}\nauthors: 7\n---\n\nBody text of the article.\n"), load("front matter with wrong types"))

	// Files the load races against.
	for i := range opt.Racy {
		w.file(fmt.Sprintf("race/%03d.txt", i), []byte(Article), File{Expect: Either, Racy: true, Why: "deleted, truncated or replaced while the load runs"})
	}
}

const yamlBomb = `---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: [*i]
`

// jsonEscape writes s as the inside of a JSON string with every control
// character as a \u escape (so the raw file holds no escape bytes).
func jsonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x2000 && r <= 0x2fff) || r == 0xfeff || r == 0x061c:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// padJSON is a valid one-record JSON file of exactly size bytes (padding
// is trailing whitespace, so it parses fast whatever the size).
func padJSON(size int64) []byte {
	rec := []byte(`{"title":"Padded to the size cap","text":"A record padded with whitespace to an exact size."}`)
	if int64(len(rec)) > size {
		return rec[:size]
	}
	out := make([]byte, size)
	copy(out, rec)
	for i := len(rec); i < len(out); i++ {
		out[i] = '\n'
	}
	return out
}

func hugeArray(n int) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"title":"Record %d","text":"Body of record %d.","date":"2024-03-%02d"}`, i+1, i+1, i%28+1)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// writeHugeLine writes size bytes of words with no newline, in chunks.
func writeHugeLine(p string, size int64) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	chunk := bytes.Repeat([]byte("lorem ipsum "), 1<<16)
	for left := size; left > 0; {
		c := chunk
		if int64(len(c)) > left {
			c = c[:left]
		}
		if _, err := f.Write(c); err != nil {
			f.Close()
			return err
		}
		left -= int64(len(c))
	}
	return f.Close()
}

// Mutate races a load: until stop is closed it cycles through the
// manifest's racy files, deleting, truncating, emptying, replacing with a
// FIFO or rewriting each, and putting the article back on the next round.
// It returns, for each racy file, what was done to it; a file that was ever
// deleted may legitimately be absent from the walk (it did not exist when
// its folder was read).
func (m Manifest) Mutate(stop <-chan struct{}) map[string][]string {
	done := map[string][]string{}
	var racy []string
	for _, f := range m.Files {
		if f.Racy {
			racy = append(racy, f.Rel)
		}
	}
	if len(racy) == 0 {
		return done
	}
	for round := 0; ; round++ {
		for i, rel := range racy {
			select {
			case <-stop:
				return done
			default:
			}
			p := filepath.Join(m.Dir, filepath.FromSlash(rel))
			var err error
			op := ""
			switch (i + round) % 6 {
			case 0:
				op, err = "deleted", os.Remove(p)
			case 1:
				op, err = "truncated to 10 bytes", truncate(p, 10)
			case 2:
				op, err = "emptied", truncate(p, 0)
			case 3:
				op = "replaced by a FIFO"
				if err = os.Remove(p); err == nil || errors.Is(err, os.ErrNotExist) {
					err = syscall.Mkfifo(p, 0o644)
				}
			case 4:
				// Never open the path for writing as it stands: it may be
				// the FIFO of the round before, and that would block.
				op = "rewritten larger"
				if err = os.Remove(p); err == nil || errors.Is(err, os.ErrNotExist) {
					err = os.WriteFile(p, bytes.Repeat([]byte("grown text "), 4096), 0o644)
				}
			case 5:
				op = "restored"
				if err = os.Remove(p); err == nil || errors.Is(err, os.ErrNotExist) {
					err = os.WriteFile(p, []byte(Article), 0o644)
				}
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				op += " (failed: " + err.Error() + ")"
			}
			if len(done[rel]) < 64 {
				done[rel] = append(done[rel], op)
			}
		}
		time.Sleep(time.Millisecond)
	}
}

// truncate truncates p if it is a regular file (truncate(2) on a FIFO
// fails, and that is no race worth reporting).
func truncate(p string, size int64) error {
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
		return err
	}
	return os.Truncate(p, size)
}

// Restore undoes the permission changes so the folder can be removed.
func (m Manifest) Restore() {
	os.Chmod(filepath.Join(m.Dir, "perm", "locked"), 0o755)
	os.Chmod(filepath.Join(m.Dir, "perm", "unreadable.txt"), 0o644)
}
