package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// bindings returns every key.Binding in a key map, found by reflection.
func bindings(v reflect.Value) []key.Binding {
	if b, ok := v.Interface().(key.Binding); ok {
		return []key.Binding{b}
	}
	var out []key.Binding
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			out = append(out, bindings(v.Field(i))...)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			out = append(out, bindings(v.Index(i))...)
		}
	}
	return out
}

// TestKeysOnlyInKeysGo: no string literal in the package's code outside
// keys.go names a key — neither to match one nor in a hint on screen —
// so rebinding a key in keys.go cannot leave a stale behaviour or hint
// behind. A literal is a key name when it is one of the key map's keys or
// help keys; when it holds a key name of two characters or more ("esc",
// "ctrl+u", "pgup") as a word; or a one-character key as a word ("/ edit",
// "1 Stories", "r shows"; the letter "a" only before a colon, as it is
// also a word). Time layouts (arguments of Format) are not text.
func TestKeysOnlyInKeysGo(t *testing.T) {
	var names []string
	for _, b := range bindings(reflect.ValueOf(newKeyMap())) {
		names = append(names, b.Keys()...)
		names = append(names, b.Help().Key)
	}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	checked := 0
	for _, f := range files {
		if f == "keys.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		layouts := map[*ast.BasicLit]bool{}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Format" || sel.Sel.Name == "PublishedAs") {
					for _, a := range call.Args {
						if lit, ok := a.(*ast.BasicLit); ok {
							layouts[lit] = true
						}
					}
				}
			}
			return true
		})
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || layouts[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			checked++
			if name, ok := namesKey(s, names); ok {
				t.Errorf("%s: %q names the key %q: use a binding from keys.go", fset.Position(lit.Pos()), s, name)
			}
			return true
		})
	}
	if checked < 50 {
		t.Fatalf("only %d literals checked: is the test reading the package?", checked)
	}
}

func namesKey(s string, names []string) (string, bool) {
	for _, n := range names {
		if n == "" {
			continue
		}
		if s == n {
			return n, true
		}
		one := len([]rune(n)) == 1
		letter := one && unicode.IsLetter([]rune(n)[0])
		for i := 0; ; {
			j := strings.Index(s[i:], n)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(n)
			i = at + 1
			if !boundary(s, at-1) || !boundary(s, end) {
				continue
			}
			next := s[end:]
			switch {
			case !one:
				return n, true
			case !letter:
				// "/ edit", "1 Stories", "(?)": a key; "/%d" or "/2" is
				// a ratio, and a run of punctuation ("**", "-*_": Markdown
				// syntax) is no key.
				if at > 0 && s[at-1] != ' ' && s[at-1] != '(' {
					continue
				}
				if next == "" || next[0] == ' ' || next[0] == ')' || boundary(s, end) && !strings.ContainsAny(next[:1], "%0123456789") && !punct(next[0]) {
					return n, true
				}
			default:
				// A one-letter key: a hint puts a verb or a colon after
				// it ("r shows", "a: corpus"); "a" alone is a word.
				if at > 0 && s[at-1] != ' ' && s[at-1] != '(' {
					continue
				}
				if strings.HasPrefix(next, ":") || n != "a" && strings.HasPrefix(next, " ") {
					return n, true
				}
			}
		}
	}
	return "", false
}

// punct: c is ASCII punctuation.
func punct(c byte) bool {
	return c > ' ' && c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

// boundary: position i of s is outside s or not a letter or digit.
func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80)
}

func TestNamesKey(t *testing.T) {
	names := []string{"esc", "/", "1", "r", "a", "ctrl+u", "up", "*"}
	for s, want := range map[string]bool{
		"  (/ edit · esc clear)": true, " choose one in 1 Stories": true, " r shows": true, " a: whole corpus": true,
		"ctrl+u": true, " · /": true, "pick up a quote": true,
		"a whole corpus": false, "escape": false, "quotations appear when loading ends": false, "2006-01-02": false,
		"no story selected": false, "quotes": false, "r": true, "%d/%d": false, "/%d stories": false,
		"the corpus's speakers": false, "(/)": true,
		"**": false, "-*_": false, "\\`*_{}": false, "* stars": true, "(*)": true,
	} {
		if _, got := namesKey(s, names); got != want {
			t.Errorf("namesKey(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestRebindingChangesBehaviourAndHints: with the stories' sort moved to
// another key in the key map, the new key sorts, the old one does not,
// and the status line and help screen name the new one.
func TestRebindingChangesBehaviourAndHints(t *testing.T) {
	m := newTestConfig(t, true)
	sort := m.c.keys.Stories.Sort
	m.c.keys.Stories.Sort = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", sort.Help().Desc))
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	if s := screen(m); !strings.Contains(s, "o sort") || strings.Contains(s, "s sort") {
		t.Errorf("the status line does not name the new key:\n%s", s)
	}
	press(t, m, "s")
	if m.stories.sort != 0 {
		t.Error("the old key still sorts")
	}
	press(t, m, "o")
	if m.stories.sort != 1 {
		t.Error("the new key does not sort")
	}
	press(t, m, "?")
	if s := screen(m); !strings.Contains(s, " o  ") {
		t.Errorf("the help does not name the new key:\n%s", s)
	}
}
