package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/browse"
	"byline/corpus"
	"byline/internal/hostile"
	"byline/model"
)

// foreignEscape returns a description of the first thing in a rendered
// frame that byline did not put there: any escape sequence other than SGR
// (ESC [ params m) — so no OSC (titles, OSC 52 clipboard, OSC 8 links), DCS,
// APC, cursor movement or screen clearing — any C0 control but newline, DEL,
// a C1 control, invalid UTF-8, and bidi or zero-width characters in the
// visible text. "" if the frame is clean.
func foreignEscape(frame string) string {
	for i := 0; i < len(frame); {
		c := frame[i]
		if c == 0x1b {
			if i+1 < len(frame) && frame[i+1] == '[' {
				j := i + 2
				for j < len(frame) && (frame[j] >= 0x30 && frame[j] <= 0x3f) {
					j++
				}
				if j < len(frame) && frame[j] == 'm' {
					i = j + 1
					continue
				}
			}
			if n := ownLink(frame[i:]); n > 0 {
				i += n
				continue
			}
			return fmt.Sprintf("non-SGR escape %q", frame[i:min(len(frame), i+24)])
		}
		r, size := utf8.DecodeRuneInString(frame[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 %#x near %q", c, frame[max(0, i-20):min(len(frame), i+20)])
		case r != '\n' && hostile.Forbidden(r):
			return fmt.Sprintf("%U near %q", r, frame[max(0, i-20):min(len(frame), i+20)])
		}
		i += size
	}
	return ""
}

// ownLink returns the length of the OSC 8 hyperlink that starts s when it
// is one byline writes — the article's web address in the header: ESC ] 8
// ; ; then printable ASCII without spaces, ended by BEL or ST — else 0.
func ownLink(s string) int {
	const open = "\x1b]8;;"
	if !strings.HasPrefix(s, open) {
		return 0
	}
	for j := len(open); j < len(s); j++ {
		switch c := s[j]; {
		case c == '\a':
			return j + 1
		case c == 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return 0
		case c <= ' ' || c >= 0x7f:
			return 0
		}
	}
	return 0
}

func TestForeignEscapeDetector(t *testing.T) {
	for _, s := range []string{"\x1b]0;x\x07", "\x1b[2J", "a\x07", "\u009b1m", "\u202e", "\x1bP1$q\x1b\\", "\xff"} {
		if foreignEscape("ok \x1b[1;38;2;1;2;3mred\x1b[m "+s) == "" {
			t.Errorf("%q not detected", s)
		}
	}
	for _, s := range []string{"\x1b]8;;https://x/\x1b]0;t\a", "\x1b]8;;a b\a", "\x1b]8;id=1;https://x/\a"} {
		if foreignEscape("ok "+s) == "" {
			t.Errorf("%q not detected", s)
		}
	}
	if bad := foreignEscape("\x1b]8;;https://x.example/a?b=1\ahere\x1b]8;;\a"); bad != "" {
		t.Errorf("byline's own link flagged: %s", bad)
	}
	if bad := foreignEscape("\x1b[1;38;2;1;2;3mred\x1b[m\nplain ‘quotes’ ⁂"); bad != "" {
		t.Errorf("clean frame flagged: %s", bad)
	}
}

// TestHostileCorpusFrames drives the TUI over the hostile corpus
// (internal/hostile) at several sizes, in colour and without, through every
// pane and every article, and checks each frame carries no escape sequence
// that byline did not generate.
func TestHostileCorpusFrames(t *testing.T) {
	dir := t.TempDir()
	m, err := hostile.Write(dir, hostile.Options{HugeLine: 9 << 20, Records: 50, Racy: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Restore()
	c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	frames := 0
	check := func(mdl *Model, what string) {
		t.Helper()
		frames++
		v := mdl.View()
		if bad := foreignEscape(v.Content); bad != "" {
			t.Fatalf("%s: %s", what, bad)
		}
		// The window title is written inside an OSC by bubbletea: nothing
		// in it may end that sequence early or hide text.
		if bad := foreignEscape(v.WindowTitle); bad != "" || strings.Contains(v.WindowTitle, "\x1b") {
			t.Fatalf("%s: window title %q: %s", what, v.WindowTitle, bad)
		}
	}
	newModel := func(noColor bool, w, h int) *Model {
		mdl := New(context.Background(), Config{Store: browse.Prepare(c), Title: "hostile \x1b]0;t\x07\u202e\u200bfolder", NoColor: noColor, Now: func() time.Time { return testNow }}).(*Model)
		drive(t, mdl, mdl.Init())
		drive(t, mdl, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
		return mdl
	}
	// Every article, opened, in the three-pane layout, with its removed
	// blocks shown and each quotation stepped to (in colour: the monochrome
	// style is covered at every size below).
	for _, noColor := range []bool{false} {
		mdl := newModel(noColor, 180, 50)
		for i := range len(c.Articles) {
			press(t, mdl, "1", "enter")
			check(mdl, fmt.Sprintf("noColor=%v story %d", noColor, i))
			press(t, mdl, "2", "n", "r")
			check(mdl, fmt.Sprintf("noColor=%v story %d, quote and removed", noColor, i))
			press(t, mdl, "r", "1", "down")
		}
	}
	// Every pane and overlay at sizes from tiny to wide.
	keys := [][]string{nil, {"enter"}, {"3"}, {"3", "a"}, {"4"}, {"4", "a"}, {"p"}, {"?"}, {"2", "r"}, {"s"}, {"s", "s"},
		{"/", "h", "a", "r"}, {"G", "enter"}, {"tab", "tab"}}
	for _, sz := range [][2]int{{1, 1}, {20, 5}, {40, 12}, {80, 24}, {100, 30}, {200, 60}} {
		for _, noColor := range []bool{false, true} {
			for _, ks := range keys {
				mdl := newModel(noColor, sz[0], sz[1])
				press(t, mdl, ks...)
				check(mdl, fmt.Sprintf("%dx%d noColor=%v keys %v", sz[0], sz[1], noColor, ks))
			}
		}
	}
	// List rows: no story row may impersonate another through bidi or
	// zero-width characters (checked above on the whole frame), and the
	// hostile titles are visible as text.
	mdl := newModel(true, 200, 400)
	screen := ansi.Strip(mdl.View().Content)
	if !strings.Contains(screen, "Harbour") {
		t.Errorf("hostile stories not listed:\n%s", screen)
	}
	t.Logf("%d frames over %d articles and %d problems checked", frames, len(c.Articles), len(c.Problems))
}

// FuzzRenderArticle renders an arbitrary article (title, source, author,
// body, with a quotation and a problem) in the article pane, with and
// without colour, and checks the frame never panics and carries no escape
// sequence byline did not generate. Corpus text is sanitised at load, so
// the fuzzer feeds it the way the loader would (model text from Decode).
func FuzzRenderArticle(f *testing.F) {
	f.Add("Title", "Body paragraph.\n\n“Quote,” he said.", "Source", "Ann Lee", uint8(80), uint8(24))
	f.Add("\x1b]0;pwned\x07T\u202eitle", "\x1b]52;c;eA==\x07 \u009b2J *md* <b>x</b> [l](http://x) ```code```", "\x1bPq\x1b\\", "\u200bAnn", uint8(40), uint8(12))
	f.Add("# heading", "| a | b |\n|---|---|\n| c | d |\n\n> quote\n\n- item\n\n1. one", "", "", uint8(1), uint8(1))
	f.Add(strings.Repeat("w", 300), strings.Repeat("“", 50)+"\ue000\ue001", "s", "a", uint8(200), uint8(60))
	f.Add("md", "*a* **b** [l](http://x) ![i](y) `c` <b>h</b> &#27; \\* [x][y] [z]\n\n- a\n- b\n\n> q\n\n---\n\n# h\n\n1. one", "s", "a", uint8(60), uint8(30))
	f.Fuzz(func(t *testing.T, title, body, source, author string, w, h uint8) {
		if len(title)+len(body) > 4000 {
			return // glamour's cost grows with length; size is not what this explores
		}
		clean := func(s string) string {
			text, _, err := corpus.Decode([]byte(s))
			if err != nil {
				return ""
			}
			return text
		}
		a := &model.Article{ID: "fuzz", Path: "fuzz.txt", Title: clean(title), Source: clean(source),
			Authors: []string{clean(author)}, Published: testNow, DatePrecision: model.PrecisionDateTime}
		for _, p := range strings.Split(clean(body), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				a.Body = append(a.Body, p)
			}
		}
		if len(a.Body) > 0 && len(a.Body[0]) > 2 {
			end := len(a.Body[0]) / 2
			for end > 0 && !utf8.RuneStart(a.Body[0][end]) {
				end--
			}
			a.Quotes = []model.Quote{{Text: a.Body[0][:end], Speaker: a.Authors[0], Kind: model.KindQuote, Start: 0, End: int32(end)}}
		}
		// The same text as a plain body and as a Markdown one.
		md := *a
		md.ID, md.Format = "fuzz-md", model.FormatMarkdown
		md.Removed = []model.Removed{{Text: clean(body), Reason: "fuzz"}}
		c := model.NewCorpus([]*model.Article{a, &md}, []model.Problem{{Path: clean(title), Reason: clean(body)}}, nil)
		for _, noColor := range []bool{false, true} {
			mdl := New(context.Background(), Config{Store: browse.Prepare(c), NoColor: noColor, Now: func() time.Time { return testNow }}).(*Model)
			drive(t, mdl, mdl.Init())
			drive(t, mdl, func() tea.Msg { return tea.WindowSizeMsg{Width: int(w), Height: int(h)} })
			press(t, mdl, "enter", "2", "n")
			if bad := foreignEscape(mdl.View().Content); bad != "" {
				t.Fatalf("noColor=%v %dx%d: %s", noColor, w, h, bad)
			}
			if !noColor { // the Markdown body once (its safety is in the Markdown built, not the palette)
				press(t, mdl, "1", "down", "enter", "r", "G")
				if bad := foreignEscape(mdl.View().Content); bad != "" {
					t.Fatalf("markdown %dx%d: %s", w, h, bad)
				}
			}
			press(t, mdl, "p")
			if bad := foreignEscape(mdl.View().Content); bad != "" {
				t.Fatalf("problems, noColor=%v %dx%d: %s", noColor, w, h, bad)
			}
		}
	})
}
