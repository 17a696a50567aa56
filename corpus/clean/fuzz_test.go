package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
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
			if !strings.Contains(s, p) {
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
		LooksLikeDump(s)
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
