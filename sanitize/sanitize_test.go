package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean text unchanged", "Blinken said “no”.\n\tNext", "Blinken said “no”.\n\tNext"},
		{"CSI colour", "a\x1b[31mred\x1b[0m b", "ared b"},
		{"CSI cursor move", "x\x1b[2J\x1b[10;20Hy", "xy"},
		{"OSC title BEL", "\x1b]0;pwned\x07Title", "Title"},
		{"OSC title ST", "\x1b]2;pwned\x1b\\Title", "Title"},
		{"OSC 52 clipboard", "a\x1b]52;c;ZXZpbA==\x07b", "ab"},
		{"OSC 8 link", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"unterminated OSC stops at line end", "a\x1b]0;title\nnext line", "a\nnext line"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"8-bit OSC", "a\u009d0;t\u0007b", "ab"},
		{"C1 control", "a\u0085b", "ab"},
		{"C0 controls", "a\x00b\x08c\rd\x7fe", "abcde"},
		{"bare ESC at end", "abc\x1b", "abc"},
		{"two-byte escape", "a\x1b7b\x1b(Bc", "abc"},
		{"bidi override", "evil\u202egnp.exe", "evilgnp.exe"},
		{"bidi isolate", "a\u2067b\u2069c", "abc"},
		{"zero width", "Bl\u200binken\ufeff", "Blinken"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"keeps ZWJ emoji", "👩\u200d💻", "👩\u200d💻"},
		{"invisible operators and fillers", "a\u2061b\u180ec\u3164d\uffa0e\u115ff\u206ag", "abcdefg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := Line("a\nb\tc\x1b[1m"); got != "a b c" {
		t.Errorf("Line = %q", got)
	}
}

// Safe reports whether s could write nothing but printable text.
func safe(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return false
		}
	}
	return utf8.ValidString(s)
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;x\x07", "\x1b[1;2;3m", "\u009b1m", "\xff\xfe", "\x1bP\x1b\\", strings.Repeat("\x1b[", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !safe(out) {
			t.Fatalf("Text(%q) = %q still has controls", s, out)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
		if strings.ContainsAny(Line(s), "\n\t") {
			t.Fatalf("Line(%q) has a line break", s)
		}
	})
}
