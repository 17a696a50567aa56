// Package sanitize makes untrusted corpus text safe to show on a terminal.
//
// Articles scraped from the web can carry escape sequences that retitle the
// window, write the clipboard (OSC 52), move the cursor or hide text, and
// bidirectional overrides or zero-width characters that make one line look
// like another. byline strips all of these once, when a file is loaded, so
// nothing downstream (TUI, CLI, SSH) ever has to trust corpus text.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// Text removes escape sequences (ESC/CSI/OSC/DCS and their 8-bit C1 forms
// with their parameters), every other C0 control except tab and newline, DEL,
// C1 controls, bidi embedding/override/isolate controls and invisible
// zero-width characters. Invalid UTF-8 bytes become U+FFFD. The common case,
// clean text, is returned without allocating.
func Text(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC
			i += escapeLen(s[i:])
		case r == 0x9b: // 8-bit CSI
			i += size + csiBodyLen(s[i+size:])
		case r == 0x9d, r == 0x90, r == 0x98, r == 0x9e, r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i += size + stringBodyLen(s[i+size:])
		case dropped(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// Line is Text with newlines and tabs turned into spaces, for single-line
// fields such as titles, names and list rows.
func Line(s string) string {
	s = Text(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

// clean reports whether s needs no change: a fast scan so the clean
// majority of text costs one pass and no allocation.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || dropped(r) || (r >= 0x80 && r <= 0x9f) {
			return false
		}
		i += size
	}
	return true
}

// dropped reports runes removed on their own (no parameters follow them).
func dropped(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	case r == 0x200b || r == 0x2060 || r == 0xfeff: // zero-width space, word joiner, BOM
		return true
	case r >= 0x2061 && r <= 0x2064, r >= 0x206a && r <= 0x206f: // invisible operators, deprecated format controls
		return true
	case r == 0x180e || r == 0x115f || r == 0x1160 || r == 0x3164 || r == 0xffa0: // Mongolian vowel separator, Hangul fillers
		return true
	}
	return false
}

// escapeLen returns the length of the escape sequence starting at s[0]==ESC,
// including any parameters and terminator, so the whole sequence is removed.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLen(s[2:])
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: strings ended by BEL or ST
		return 2 + stringBodyLen(s[2:])
	default:
		// Two-byte sequences (ESC 7, ESC c, ESC ( B...): intermediates
		// 0x20-0x2f then one final byte.
		i := 1
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] < utf8.RuneSelf {
			i++
		}
		return i
	}
}

// csiBodyLen measures CSI parameters and intermediates up to and including
// the final byte (0x40-0x7e). A malformed sequence ends at the first byte
// that cannot belong to it.
func csiBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x30 && c <= 0x3f, c >= 0x20 && c <= 0x2f:
			continue
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return len(s)
}

// stringBodyLen measures a control string up to and including its
// terminator: BEL, ESC \ or 8-bit ST. An unterminated string runs to the end
// of the line at most, so one stray OSC cannot swallow a whole article.
func stringBodyLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case '\n':
			return i
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c { // U+009C ST
				return i + 2
			}
		}
	}
	return len(s)
}
