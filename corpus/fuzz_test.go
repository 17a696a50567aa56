package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"byline/model"
)

// checkArticles asserts what every parser guarantees whatever its input:
// valid UTF-8 and no control characters in any field.
func checkArticles(t *testing.T, articles []*model.Article) {
	t.Helper()
	for _, a := range articles {
		for _, f := range append([]string{a.Title, a.Standfirst, a.Source, a.Credit, a.URL}, append(a.Authors, a.Body...)...) {
			if !utf8.ValidString(f) {
				t.Fatalf("invalid UTF-8 in %q", f)
			}
			for _, r := range f {
				if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
					t.Fatalf("control %U in %q", r, f)
				}
			}
		}
		if strings.ContainsAny(a.Title, "\n") {
			t.Fatalf("title with a line break: %q", a.Title)
		}
	}
}

// fuzzParser feeds decoded text to one format's parser.
func fuzzParser(f *testing.F, parse func(Document) ([]*model.Article, []model.Problem, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		text, _, err := Decode([]byte(raw))
		if err != nil {
			return
		}
		articles, _, _ := parse(Document{ID: "x", Path: "x", Text: text})
		checkArticles(t, articles)
		for _, a := range articles {
			if a.Format == model.FormatText && len(a.Body) == 0 && strings.ContainsFunc(text, unicode.IsLetter) {
				t.Fatalf("a text with letters came back with an empty body: %q", text)
			}
			if (a.Source == "") != (a.SourceFrom == "") {
				t.Fatalf("source %q from %q", a.Source, a.SourceFrom)
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	fuzzParser(f, parseJSON,
		`{"title":"t","text":"body\n\nmore","date":"2024-01-02","authors":["a","b"]}`,
		`[{"title":1},{"maintext":"x","publisher":{"name":"P"}}, 3]`,
		`{"title":"x","text":"Stay up to date with notifications from X\n\nBody."}`,
		`{`, `[]`, `null`)
}

func FuzzParseJSONL(f *testing.F) {
	fuzzParser(f, parseJSONL,
		"{\"title\":\"a\",\"text\":\"b\"}\n{bad\n{\"date\":1700000000}\n",
		"\n\n", "[1]\n")
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzParser(f, parseMarkdown,
		"---\ntitle: T\nauthors: [a, b]\ndate: 2024-03-04\n---\n\n# Head\n\nBody para.\n",
		"---\n: : :\n---\n", "---\ntitle: [unclosed\n", "# only a heading", "---\n---\n",
		"Para one\nwrapped [a\nlink](u).\n\n***\n\n- a\n- b  \nc\\\nd\n")
}

func FuzzParseText(f *testing.F) {
	fuzzParser(f, parseText, goodDump, "Source: Agencies", "\n\n\n", "a\nb\nc",
		"HEADLINE\nMarch 9, 1987 14:05 GMT\n\nShr 1.10 dlrs vs 73 cts\nReuter\n")
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"plain", "\xff\xfeh\x00", "\xfe\xff\x00h", "\x93q\x94", "a\x00b", "\r\n\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, _, err := Decode(raw)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\r\x00\x1b") {
			t.Fatalf("Decode(%q) = %q", raw, text)
		}
	})
}
