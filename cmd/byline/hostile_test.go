package main

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"byline/internal/hostile"
)

// terminalUnsafe describes the first byte or character in s that must never
// reach a terminal from corpus text: ESC, BEL and every other C0 control but
// newline and tab, DEL, C1 controls (as UTF-8 or as raw bytes), invalid
// UTF-8, bidi controls and zero-width characters. byline's plain output
// writes no escape sequence of its own, so any of these came from the corpus.
func terminalUnsafe(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("invalid UTF-8 byte %#x at %d in %q", s[i], i, around(s, i))
		}
		if hostile.Forbidden(r) {
			return fmt.Sprintf("%U at %d in %q", r, i, around(s, i))
		}
		i += size
	}
	return ""
}

func around(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}

// TestHostileCorpusCLI runs the real commands over the hostile corpus
// (internal/hostile) and scans every byte they write.
func TestHostileCorpusCLI(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	// The giant line is still over the default 8 MiB cap; fewer records
	// keep show's output small.
	m, err := hostile.Write(dir, hostile.Options{HugeLine: 9 << 20, Records: 300, Racy: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Restore()
	for _, cache := range []string{"--no-cache", "", ""} { // no cache, cache written, cache read
		for _, args := range [][]string{
			{"list"}, {"list", "--json"}, {"show"}, {"show", "--json"}, {"check"},
			{"quotes"}, {"quotes", "--json"}, {"speakers"}, {"speakers", "--json"},
		} {
			if cache != "" {
				args = append(args, cache)
			}
			args = append(args, dir)
			code, out, errOut := runCLI(t, args...)
			name := strings.Join(args[:len(args)-1], " ")
			if code == 2 {
				t.Fatalf("byline %s: usage error: %s", name, errOut)
			}
			if args[0] == "check" && code != 1 {
				t.Errorf("byline check exit %d, want 1 (there are problems)", code)
			}
			for what, s := range map[string]string{"stdout": out, "stderr": errOut} {
				if bad := terminalUnsafe(s); bad != "" {
					t.Errorf("byline %s wrote to %s: %s", name, what, bad)
				}
			}
			if args[0] == "show" && !strings.Contains(out, "Harbour") {
				t.Errorf("byline %s shows no article", name)
			}
			if args[0] == "check" {
				for _, f := range m.Files {
					if f.Expect == hostile.Problem && !strings.Contains(out, f.Reason) {
						t.Errorf("byline check does not list %s (%q)", f.Rel, f.Reason)
					}
				}
			}
		}
	}
}
