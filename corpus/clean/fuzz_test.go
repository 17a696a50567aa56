package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzDump(f *testing.F) {
	f.Add("Stay up to date with notifications from The Independent\n\nHeadline here for a story\n\nJohn Bowden\nMonday 10 January 2022 00:19 EST\nComments\n\nThe first paragraph of the story says something about the world and the people in it.\nSource: Agencies")
	f.Add("Title | Site\n\nMenu\nHome\nNews\n\nTitle\nBy Jane Doe - 11/19/19 06:56 AM EST\nA sentence that is the body of the article, with enough words to be kept by the cleaner.")
	f.Add("  • Home\n  □ [blank_1x1]\nHeadlineA party of six left the restaurant.\n12 Comments\nJane on May 1, 2019 at 10:07 am said:")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		r := Dump(s)
		for _, p := range r.Body {
			if p == "" {
				t.Fatalf("empty paragraph")
			}
			if !wordsIn(p, s) {
				t.Fatalf("body paragraph %q not in input", p)
			}
			for _, c := range p {
				if unicode.IsControl(c) && !strings.ContainsRune(s, c) {
					t.Fatalf("control character %U introduced", c)
				}
			}
		}
		for _, rm := range r.Removed {
			if rm.Reason == "" {
				t.Fatalf("removed %q without a reason", rm.Text)
			}
		}
		if len(r.Body) == 0 && len(splitBlocks(s)) > 0 {
			t.Fatalf("a text with words came back with an empty body; removed %q", r.Removed)
		}
		if r.Source == "" && r.SourceFrom != "" || r.Source != "" && r.SourceFrom == "" {
			t.Fatalf("source %q from %q", r.Source, r.SourceFrom)
		}
		LooksLikeDump(s)
	})
}

// wordsIn reports whether p's words occur in s in order: a body paragraph
// is a line of the input, or wrapped lines joined with spaces.
func wordsIn(p, s string) bool {
	rest := s
	for _, w := range strings.Fields(p) {
		i := strings.Index(rest, w)
		if i < 0 {
			return false
		}
		rest = rest[i+len(w):]
	}
	return true
}

// FuzzBody feeds a record's paragraphs to Body: nothing but credit lines
// at the end leaves, a body is never emptied, removed blocks have reasons.
func FuzzBody(f *testing.F) {
	f.Add("PARIS (Reuters) - A paragraph.\n\nAnother one.\n\nReuter")
	f.Add("Shr 1.10 dlrs vs 73 cts\nNet 12.6 mln vs 15.8 mln\nReuter")
	f.Add("Source: Agencies")
	f.Add("© 2024 Coastline Wire. All rights reserved.")
	f.Fuzz(func(t *testing.T, s string) {
		var paragraphs []string
		for _, p := range strings.Split(s, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paragraphs = append(paragraphs, p)
			}
		}
		r := Body(paragraphs)
		if len(paragraphs) > 0 && len(r.Body) == 0 {
			t.Fatalf("empty body from %q", paragraphs)
		}
		if len(r.Body)+len(r.Removed) != len(paragraphs) && len(r.Problems) == 0 {
			t.Fatalf("%d kept + %d removed of %d paragraphs", len(r.Body), len(r.Removed), len(paragraphs))
		}
		for i, p := range r.Body {
			if p != paragraphs[i] {
				t.Fatalf("paragraph %d changed: %q", i, p)
			}
		}
		for _, rm := range r.Removed {
			if rm.Reason == "" {
				t.Fatalf("removed %q without a reason", rm.Text)
			}
		}
	})
}

// FuzzWireLines feeds single lines to the wire conventions' readers.
func FuzzWireLines(f *testing.F) {
	for _, s := range []string{"9-MAR-1987 14:05:12.34", "WASHINGTON (Reuters) - The", "(AP) — x", "- AFP", "Reuter", "By Jane Doe and Sam Roe, Reuters", "Mira Kovač, Coastline Wire", "Portlight News Desk", "a-b-c 1:2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		datelineOf(s)
		if name := datelineAgency(s); name != "" && !strings.Contains(s, "(") {
			t.Fatalf("agency %q without a tag in %q", name, s)
		}
		if _, end := leadDateline(s); end < 0 || end > len(s) || end > 0 && !utf8.ValidString(s[end:]) && utf8.ValidString(s) {
			t.Fatalf("leadDateline(%q) ends at %d", s, end)
		}
		DeriveTitle(s)
		b := block{text: s, lower: foldASCII(s)}
		classify(&b)
		signOff(b)
		creditLine(b)
		deskLine(s)
		var res Result
		bylineAgency(s, &res)
		if res.Source != "" && res.SourceFrom != SourceByline {
			t.Fatalf("byline source %q from %q", res.Source, res.SourceFrom)
		}
	})
}

// BenchmarkDump cleans the BBC corpus (../shared/corpus/bbc) and reports
// throughput.
func BenchmarkDump(b *testing.B) {
	dir := filepath.Join(sharedDir, "corpus", "bbc")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("../shared/corpus/bbc is absent")
	}
	var texts []string
	total := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil {
			texts = append(texts, string(data))
			total += len(data)
		}
		return nil
	})
	if len(texts) == 0 {
		b.Skip("no BBC texts")
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			Dump(t)
		}
	}
}

// BenchmarkDumpEval cleans the evaluation dumps (heavier web furniture).
func BenchmarkDumpEval(b *testing.B) {
	matches, _ := filepath.Glob(filepath.Join(sharedDir, "eval", "cleaning", "*", "*.txt"))
	if len(matches) == 0 {
		b.Skip("../shared/eval/cleaning is absent")
	}
	var texts []string
	total := 0
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err == nil {
			texts = append(texts, string(data))
			total += len(data)
		}
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			Dump(t)
		}
	}
}

// FuzzMarkdown feeds Markdown blocks to Markdown: every block is body,
// removed with a reason or a header field, body blocks come back as
// written and in order, a body is never emptied, and what the header's
// markup resolves to (a character reference) is never a control character
// (the loader has made the text itself safe).
func FuzzMarkdown(f *testing.F) {
	f.Add("# Ferry late again\n\n**By Wren Hollis** · Kestrel Courier · 4 June 2024\n\n*Islanders say so.*\n\nThe ferry ran late.", "")
	f.Add("*By [Wren](u) &#27;[2J*\n\nBody.", "Front title")
	f.Add("**Title**\n\nBy Wren Hollis\n\n`code` and \\*\n\nSource: Agencies", "")
	f.Fuzz(func(t *testing.T, s, title string) {
		var blocks []MarkdownBlock
		for _, p := range strings.Split(s, "\n\n") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			level := len(p) - len(strings.TrimLeft(p, "#"))
			if level > 0 {
				p = strings.TrimSpace(strings.TrimLeft(p, "#"))
			}
			if p != "" {
				blocks = append(blocks, MarkdownBlock{Text: p, Heading: level})
			}
		}
		r := Markdown(blocks, title)
		if len(blocks) > 0 && len(r.Body) == 0 {
			t.Fatalf("empty body from %+v", blocks)
		}
		i := 0
		for _, p := range r.Body {
			for i < len(blocks) && blocks[i].Text != p {
				i++
			}
			if i == len(blocks) {
				t.Fatalf("body paragraph %q is not a block, in order, of %+v", p, blocks)
			}
			i++
		}
		for _, rm := range r.Removed {
			if rm.Reason == "" {
				t.Fatalf("removed %q without a reason", rm.Text)
			}
		}
		for _, field := range append([]string{r.Title, r.Standfirst, r.Source, r.DateText}, r.Authors...) {
			for _, c := range field {
				if unicode.IsControl(c) && !strings.ContainsRune(s+title, c) {
					t.Fatalf("control character %U introduced in header field %q", c, field)
				}
			}
		}
		if (r.Source == "") != (r.SourceFrom == "") {
			t.Fatalf("source %q from %q", r.Source, r.SourceFrom)
		}
	})
}
