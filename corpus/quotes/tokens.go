package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

const (
	tkWord = iota
	tkPunct
	tkQuote
)

type token struct {
	kind       int
	text       string // as written
	low        string // lower case, trailing period kept for abbreviations
	start, end int
	q          int  // quote index for tkQuote
	capital    bool // starts with an upper-case letter
	abbr       bool // abbreviation or initial ending in a period
	sentEnd    bool // punctuation ending a sentence
	nick       bool // a quotation that is a nickname inside a name
}

type region struct {
	lo, hi int // bytes covered, marks included
	q      int
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// tokenize splits p into words, punctuation and quotation tokens.
func tokenize(p string, regs []region, buf []token) []token {
	toks := buf[:0]
	// the paragraph lower-cased once, its words sliced from it (when case
	// keeps every byte in place, as it does for ASCII and most text)
	lp := lowerInPlace(p)
	lower := func(i, j int) string {
		if lp != "" {
			return lp[i:j]
		}
		return strings.ToLower(p[i:j])
	}
	ri := 0
	i := 0
	for i < len(p) {
		if ri < len(regs) && i >= regs[ri].lo {
			toks = append(toks, token{kind: tkQuote, start: regs[ri].lo, end: regs[ri].hi, q: regs[ri].q})
			i = regs[ri].hi
			ri++
			continue
		}
		limit := len(p)
		if ri < len(regs) {
			limit = regs[ri].lo
		}
		if p[i] == ' ' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		if isSpaceLike(r) {
			i += size
			continue
		}
		if isWordRune(r) {
			j := i + size
			apostrophe := false // inside the word: "he’s", "don't"
			for j < limit {
				if c := p[j]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
					j++ // the common case, without decoding
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(p[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == '&' {
					if j+s2 < limit {
						r3, _ := utf8.DecodeRuneInString(p[j+s2:])
						if isWordRune(r3) {
							apostrophe = apostrophe || r2 == '\'' || r2 == '’'
							j += s2
							continue
						}
					}
					if r2 == '.' {
						// abbreviation or initial: keep the period
						w := p[i:j]
						lw := lower(i, j)
						if abbrevs[lw] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)) || strings.Contains(w, ".") {
							j += s2
							t := token{kind: tkWord, text: p[i:j], start: i, end: j, abbr: true}
							t.low = lower(i, j)
							t.capital = unicode.IsUpper(r)
							toks = append(toks, t)
							i = j
							goto next
						}
					}
				}
				break
			}
			{
				low := lower(i, j)
				if apostrophe {
					low = contractedPronoun(low)
				}
				toks = append(toks, token{kind: tkWord, text: p[i:j], low: low, start: i, end: j, capital: unicode.IsUpper(r)})
				i = j
			}
		next:
			continue
		}
		t := token{kind: tkPunct, text: p[i : i+size], low: p[i : i+size], start: i, end: i + size}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			// a sentence ends when followed by space (or end) and not by a lower-case word
			k := i + size
			for k < len(p) && (p[k] == '.' || p[k] == '!' || p[k] == '?') {
				k++
			}
			if k >= len(p) {
				t.sentEnd = true
			} else {
				r2, _ := utf8.DecodeRuneInString(p[k:])
				if isSpaceLike(r2) {
					k2 := skipSpace(p, k)
					if k2 >= len(p) {
						t.sentEnd = true
					} else {
						r3, _ := utf8.DecodeRuneInString(p[k2:])
						t.sentEnd = !unicode.IsLower(r3)
					}
				}
			}
			t.text = p[i:k]
			t.end = k
			size = k - i
		}
		toks = append(toks, t)
		i += size
	}
	return toks
}

// lowerInPlace returns strings.ToLower(s) when it has the length of s (so
// an offset into one is an offset into the other), else "". Lower-casing
// that keeps every character's length, as it does for ASCII and most text,
// is done here in one pass and one allocation (strings.ToLower writes its
// result a byte or a rune at a time); anything else is left to
// strings.ToLower, so the result is always the same as its.
func lowerInPlace(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if b == nil {
					b = make([]byte, len(s))
					copy(b, s[:i])
				}
				c += 'a' - 'A'
			}
			if b != nil {
				b[i] = c
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		lr := unicode.ToLower(r)
		if r == utf8.RuneError && size == 1 || lr != r && utf8.RuneLen(lr) != size {
			// strings.ToLower writes U+FFFD for an invalid byte, and some
			// letters change length: let it decide.
			if l := strings.ToLower(s); len(l) == len(s) {
				return l
			}
			return ""
		}
		if lr != r && b == nil {
			b = make([]byte, len(s))
			copy(b, s[:i])
		}
		if b != nil {
			utf8.EncodeRune(b[i:], lr)
		}
		i += size
	}
	if b == nil {
		return s // nothing to lower
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// possessive strips a trailing ’s / 's / ’.
func stripPossessive(s string) string {
	for _, suf := range []string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	if strings.HasSuffix(s, "s’") || strings.HasSuffix(s, "s'") {
		_, size := utf8.DecodeLastRuneInString(s)
		return s[:len(s)-size]
	}
	return s
}

func isPossessive(s string) bool { return stripPossessive(s) != s }

// contractedPronoun maps a pronoun with a contracted auxiliary ("he’s",
// "she'd", "they’ll") to the pronoun, so that it is read as a subject.
func contractedPronoun(low string) string {
	if len(low) < 3 || len(low) > 9 {
		return low
	}
	switch low[0] {
	case 'h', 's', 'i', 't', 'w', 'y':
	default:
		return low
	}
	i := -1
	for k := 1; k < len(low) && k <= 4; k++ {
		if low[k] == '\'' || low[k] == 0xE2 && k+2 < len(low) && low[k+1] == 0x80 && low[k+2] == 0x99 {
			i = k
			break
		}
	}
	if i <= 0 {
		return low
	}
	switch low[:i] {
	case "he", "she", "it", "they", "we", "i", "you":
	default:
		return low
	}
	r := low[i:]
	r = strings.TrimPrefix(strings.TrimPrefix(r, "'"), "’")
	switch r {
	case "s", "d", "ll", "ve", "re", "m":
		return low[:i]
	}
	return low
}
