package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"byline/internal/cputime"
)

func FuzzExtract(f *testing.F) {
	f.Add("US warns of ‘severe consequences’", "“Hello,” he said.\n\"Naturally, we will not,” he added.")
	f.Add("", "Blinken said on Friday, “We’re prepared.”\n“It continues\n“and ends here,” said Mr Ryabkov, according to Reuters.")
	f.Add("‘", "“\n“\n\"\"\n«»“”‘’ ― Name")
	f.Add("x", "so-called “deplorables” and the ’90s, students’ rights; \"a\" \"b")
	f.Fuzz(func(t *testing.T, title, text string) {
		body := strings.Split(text, "\n")
		qs := Extract(title, body)
		for _, qu := range qs {
			// plain ints for the checks
			q := struct {
				Text                                string
				Paragraph, Start, End, EndParagraph int
			}{qu.Text, int(qu.Paragraph), int(qu.Start), int(qu.End), int(qu.EndParagraph)}
			if q.Paragraph == -1 {
				if q.Start < 0 || q.Start > q.End || q.End > len(title) || title[q.Start:q.End] != q.Text {
					t.Fatalf("bad headline quote %+v", q)
				}
				continue
			}
			if q.Paragraph < 0 || q.Paragraph >= len(body) || q.EndParagraph < q.Paragraph || q.EndParagraph >= len(body) {
				t.Fatalf("bad paragraphs %+v", q)
			}
			p, e := body[q.Paragraph], body[q.EndParagraph]
			if q.Start < 0 || q.Start > len(p) || q.End < 0 || q.End > len(e) {
				t.Fatalf("offsets out of bounds %+v", q)
			}
			if !onBoundary(p, q.Start) || !onBoundary(e, q.End) {
				t.Fatalf("offsets not on rune boundaries %+v", q)
			}
			if q.Paragraph == q.EndParagraph {
				if q.Start > q.End || p[q.Start:q.End] != q.Text {
					t.Fatalf("text %q != paragraph[%d:%d]", q.Text, q.Start, q.End)
				}
			}
		}
	})
}

// BenchmarkExtract runs Extract over the BBC corpus (title on line 1,
// paragraphs split by blank lines); files that are not UTF-8 are skipped.
func BenchmarkExtract(b *testing.B) {
	root := filepath.Join(sharedDir, "corpus", "bbc")
	if _, err := os.Stat(root); err != nil {
		b.Skipf("BBC corpus absent (%s): %v", root, err)
	}
	type doc struct {
		title string
		body  []string
	}
	var docs []doc
	size := 0
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".txt") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil || !utf8.Valid(data) {
			return nil
		}
		s := strings.ReplaceAll(string(data), "\r\n", "\n")
		title, rest, _ := strings.Cut(s, "\n")
		var body []string
		for _, p := range strings.Split(rest, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				body = append(body, p)
			}
		}
		docs = append(docs, doc{title, body})
		size += len(data)
		return nil
	})
	if len(docs) == 0 {
		b.Skip("no BBC articles found")
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	done := cputime.Report(b)
	n := 0
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			n += len(Extract(d.title, d.body))
		}
	}
	done()
	_ = n
}

// onBoundary reports whether i is where a rune starts when s is decoded
// (invalid bytes decode as one-byte runes), or len(s).
func onBoundary(s string, i int) bool {
	for j := 0; j < len(s); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return i == len(s)
}
