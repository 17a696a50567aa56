package hostile

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"byline/model"
	"byline/sanitize"
)

// Shown is how byline shows the path of rel when the corpus folder was
// given as m.Dir: joined and sanitised.
func (m Manifest) Shown(rel string) string {
	return sanitize.Line(filepath.Join(m.Dir, filepath.FromSlash(rel)))
}

// names reports whether a problem path p names the file shown as file, or
// a folder holding it (an unreadable folder is listed, not its files): p is
// file itself, or file with ":line" or "#record".
func names(p, file string) bool {
	if p == file || strings.HasPrefix(file, p+"/") {
		return true
	}
	rest, ok := strings.CutPrefix(p, file)
	return ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "#"))
}

// Check compares a loaded corpus with the manifest and returns every
// mismatch: a good file that did not load (or gave the wrong number of
// articles), a bad file not listed with its reason, a file neither loaded
// nor listed, a parser panic turned into a problem, and any control,
// escape, bidi or zero-width character left in text that reaches a terminal.
func (m Manifest) Check(c *model.Corpus) []string { return m.CheckRaced(c, nil) }

// CheckRaced is Check after Mutate raced the load: a racy file that was
// deleted at some point may be absent altogether.
func (m Manifest) CheckRaced(c *model.Corpus, mutated map[string][]string) []string {
	var fails []string
	byPath := map[string]int{}
	for _, a := range c.Articles {
		byPath[a.Path]++
		if bad := Unsafe(a.Path, a.ID, a.Title, a.Standfirst, a.Source, a.Credit, a.URL); bad != "" {
			fails = append(fails, fmt.Sprintf("%s: %s in a single-line field", a.ID, bad))
		}
		for _, name := range a.Authors {
			if bad := Unsafe(name); bad != "" {
				fails = append(fails, fmt.Sprintf("%s: %s in author %q", a.ID, bad, name))
			}
		}
		for _, q := range a.Quotes {
			if bad := Unsafe(q.Speaker, q.Mention, q.Role); bad != "" {
				fails = append(fails, fmt.Sprintf("%s: %s in speaker %q", a.ID, bad, q.Speaker))
			}
		}
		for _, p := range append(append([]string(nil), a.Body...), a.Problems...) {
			if bad := unsafeText(p); bad != "" {
				fails = append(fails, fmt.Sprintf("%s: %s in body or problem", a.ID, bad))
				break
			}
		}
	}
	for _, s := range c.Speakers {
		if bad := Unsafe(append([]string{s.Name, s.Role}, s.Aliases...)...); bad != "" {
			fails = append(fails, fmt.Sprintf("speaker %q: %s", s.Name, bad))
		}
	}
	for _, p := range c.Problems {
		if bad := Unsafe(p.Path, p.Reason); bad != "" {
			fails = append(fails, fmt.Sprintf("problem %q: %s", p.String(), bad))
		}
		if strings.Contains(p.Reason, "internal error") {
			fails = append(fails, "a parser panicked: "+p.String())
		}
	}
	for _, f := range m.Files {
		shown := m.Shown(f.Rel)
		n := byPath[shown]
		var reasons []string
		for _, p := range c.Problems {
			if names(p.Path, shown) {
				reasons = append(reasons, p.Reason)
			}
		}
		why := fmt.Sprintf("%s (%s, want %s)", f.Rel, f.Why, f.Expect)
		all := strings.Join(reasons, " | ")
		switch f.Expect {
		case Load, LoadWithProblem:
			if n == 0 {
				fails = append(fails, fmt.Sprintf("%s: did not load; problems: %q", why, all))
			} else if f.Articles > 0 && n != f.Articles {
				fails = append(fails, fmt.Sprintf("%s: %d articles, want %d", why, n, f.Articles))
			}
			if f.Expect == LoadWithProblem && !strings.Contains(all, f.Reason) {
				fails = append(fails, fmt.Sprintf("%s: no problem containing %q; got %q", why, f.Reason, all))
			}
		case Problem:
			if n != 0 {
				fails = append(fails, fmt.Sprintf("%s: gave %d articles, want none", why, n))
			}
			if !strings.Contains(all, f.Reason) {
				fails = append(fails, fmt.Sprintf("%s: no problem containing %q; got %q", why, f.Reason, all))
			}
		case Either:
			if n == 0 && len(reasons) == 0 && !slices.Contains(mutated[f.Rel], "deleted") {
				fails = append(fails, fmt.Sprintf("%s: neither loaded nor listed", why))
			}
		}
	}
	return fails
}

// Unsafe returns a description of the first character in any of the
// single-line strings that must never reach a terminal: C0 controls
// (newline and tab included), DEL, C1 controls, bidi controls and
// zero-width characters; "" if there is none.
func Unsafe(fields ...string) string {
	for _, s := range fields {
		for _, r := range s {
			if r == '\n' || r == '\t' || Forbidden(r) {
				return fmt.Sprintf("%U", r)
			}
		}
	}
	return ""
}

// unsafeText is Unsafe for multi-line text: newlines and tabs are allowed.
func unsafeText(s string) string {
	for _, r := range s {
		if Forbidden(r) {
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// Forbidden reports runes that corpus text must never carry to a terminal:
// controls other than tab and newline, DEL, C1, bidi embeddings, overrides,
// isolates and marks, and zero-width characters.
func Forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff: // (ZWJ and ZWNJ are kept: scripts and emoji need them)
		return true
	}
	return false
}
