package tui

import (
	"fmt"
	"image/color"
	"reflect"
	"sort"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestViewChangesNothing: for every golden state, at every size, in each
// palette (dark, light, monochrome), everything the model reaches is the
// same after View as before it — no caching, sizing or searching while
// drawing.
func TestViewChangesNothing(t *testing.T) {
	palettes := []struct {
		name    string
		noColor bool
		bg      color.Color
	}{{"mono", true, nil}, {"dark", false, color.Black}, {"light", false, color.White}}
	for _, pal := range palettes {
		for _, st := range allStates() {
			for _, sz := range sizes {
				name := fmt.Sprintf("%s/%s-%dx%d", pal.name, st.name, sz.w, sz.h)
				m := newTestPalette(t, sz.w, sz.h, pal.noColor, pal.bg)
				press(t, m, st.keys...)
				typeText(t, m, st.text)
				press(t, m, st.more...)
				before := snapshot(m)
				_ = m.View()
				_ = m.View()
				if after := snapshot(m); after != before {
					t.Errorf("%s: View changed the model: %s", name, firstDiff(before, after))
				}
			}
		}
	}
}

// allStates are the golden states plus ones the goldens do not cover.
func allStates() []goldenState {
	return append(append([]goldenState(nil), states...),
		goldenState{name: "help-scrolled", keys: []string{"?", "down", "down"}},
		goldenState{name: "removed-quotes-pane", keys: []string{"down", "3", "r", "n"}},
		goldenState{name: "filter-error", keys: []string{"/"}, text: "on:garbage"},
		goldenState{name: "find-standfirst", keys: []string{"down", "enter", "/"}, text: "insists"},
		goldenState{name: "nothing-removed", keys: []string{"enter", "r"}},
		goldenState{name: "problems-closed-by-q", keys: []string{"p", "q", "4", "a"}},
	)
}

func newTestPalette(t testing.TB, w, h int, noColor bool, bg color.Color) *Model {
	t.Helper()
	m := newTestConfig(t, noColor)
	if bg != nil {
		drive(t, m, func() tea.Msg { return tea.BackgroundColorMsg{Color: bg} })
	}
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

// snapshot writes out everything reachable from the model, one leaf a
// line with its path, following each pointer once.
func snapshot(m *Model) string {
	var b strings.Builder
	w := walker{seen: map[visit]bool{}, out: &b}
	w.walk("m", reflect.ValueOf(m))
	return b.String()
}

type visit struct {
	ptr uintptr
	typ reflect.Type
}

type walker struct {
	seen map[visit]bool
	out  *strings.Builder
}

func (w *walker) leaf(path string, v any) { fmt.Fprintf(w.out, "%s = %v\n", path, v) }

func (w *walker) walk(path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		w.leaf(path, "invalid")
	case reflect.Bool:
		w.leaf(path, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.leaf(path, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.leaf(path, v.Uint())
	case reflect.Float32, reflect.Float64:
		w.leaf(path, v.Float())
	case reflect.Complex64, reflect.Complex128:
		w.leaf(path, v.Complex())
	case reflect.String:
		w.leaf(path, fmt.Sprintf("%q", v.String()))
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		w.leaf(path, v.Pointer())
	case reflect.Interface:
		if v.IsNil() {
			w.leaf(path, "nil")
			return
		}
		w.walk(path+"("+v.Elem().Type().String()+")", v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			w.leaf(path, "nil")
			return
		}
		k := visit{v.Pointer(), v.Type()}
		if w.seen[k] {
			w.leaf(path, fmt.Sprintf("seen %#x", k.ptr))
			return
		}
		w.seen[k] = true
		w.walk(path+"*", v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			w.walk(path+"."+v.Type().Field(i).Name, v.Field(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			w.walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Slice:
		if v.IsNil() {
			w.leaf(path, "nil")
			return
		}
		w.leaf(path+".len", v.Len())
		for i := range v.Len() {
			w.walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			w.leaf(path, "nil")
			return
		}
		w.leaf(path+".len", v.Len())
		type entry struct {
			key string
			val reflect.Value
		}
		var entries []entry
		for it := v.MapRange(); it.Next(); {
			var kb strings.Builder
			kw := walker{seen: map[visit]bool{}, out: &kb}
			kw.walk("", it.Key())
			entries = append(entries, entry{kb.String(), it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
		for _, e := range entries {
			w.walk(path+"["+strings.TrimSpace(e.key)+"]", e.val)
		}
	default:
		w.leaf(path, "?"+v.Kind().String())
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("before %q, after %q", al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(al), len(bl))
}

// TestSnapshotSeesChanges: the snapshot notices a change deep in the
// model (so the test above can fail).
func TestSnapshotSeesChanges(t *testing.T) {
	m := newTest(t, 100, 30)
	press(t, m, "down", "enter")
	before := snapshot(m)
	for k := range m.article.cache {
		m.article.cache[k].lines[0] += "x"
		break
	}
	if snapshot(m) == before {
		t.Fatal("a changed render line went unnoticed")
	}
}
