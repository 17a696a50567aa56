// Package quotes finds quotations in cleaned articles, attributes them to
// speakers and merges speakers across a corpus.
package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one part of a quotation inside one paragraph: the text lies in
// [start, end) and the marks (when present) just outside it.
type span struct {
	para       int
	start, end int // text bounds
	openAt     int // byte offset of the opening mark (-1 when none)
	closeEnd   int // byte offset just after the closing mark (end when none)
	closed     bool
}

// rawQuote is a quotation found by the mark scanner, possibly over several
// paragraphs.
type rawQuote struct {
	parts []span
}

const (
	clsOpen = iota
	clsClose
	clsEither
)

// isDoubleMark reports whether r is a double quotation mark.
func isDoubleMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '〝', '〞', '＂':
		return true
	}
	return false
}

func isSingleMark(r rune) bool {
	return r == '‘' || r == '’' || r == '\'' || r == '‚' || r == '‹' || r == '›'
}

func isSpaceLike(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xA0 || unicode.IsSpace(r)
}

// openerCtx: characters after which a mark is an opening one.
func openerCtx(r rune) bool {
	if isSpaceLike(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '/', '-', ':', ';':
		return true
	}
	return isDoubleMark(r) || isSingleMark(r)
}

// closerCtx: characters before which a mark is a closing one.
func closerCtx(r rune) bool {
	if isSpaceLike(r) {
		return true
	}
	switch r {
	case ',', '.', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '…':
		return true
	}
	return isDoubleMark(r) || isSingleMark(r)
}

// classify decides whether the mark r at s[i:i+size] opens or closes.
func classify(s string, i, size int, r rune) int {
	prevOpen := true
	if i > 0 {
		pr, _ := utf8.DecodeLastRuneInString(s[:i])
		prevOpen = openerCtx(pr)
	}
	nextClose := true
	if i+size < len(s) {
		nr, _ := utf8.DecodeRuneInString(s[i+size:])
		nextClose = closerCtx(nr)
	}
	switch {
	case prevOpen && !nextClose:
		return clsOpen
	case !prevOpen && nextClose:
		return clsClose
	}
	switch r {
	case '“', '„', '«', '‘', '‚', '‹', '〝':
		return clsOpen
	case '”', '»', '’', '›', '〞':
		return clsClose
	}
	return clsEither
}

// markStarts marks the bytes that may start a quotation mark: the double
// quote and every byte of a multi-byte character; markStartsSingle adds
// the apostrophe. A table, so the scan between marks is one load a byte.
var markStarts, markStartsSingle = func() (d, s [256]bool) {
	for c := range 256 {
		d[c] = c >= 0x80 || c == '"'
		s[c] = d[c] || c == '\''
	}
	return d, s
}()

// scanMarks finds the quotations of a sequence of paragraphs. When single is
// true, single quotation marks count too (headlines).
func scanMarks(paras []string, single bool) []rawQuote {
	stop := &markStarts
	if single {
		stop = &markStartsSingle
	}
	var out []rawQuote
	var cur *rawQuote // open quotation carried across paragraphs
	for pi, p := range paras {
		inQ := false
		var open span
		if cur != nil {
			// continuation: only when the paragraph opens with a mark
			j := skipSpace(p, 0)
			r, size := utf8.DecodeRuneInString(p[j:])
			if j < len(p) && (isDoubleMark(r) || (single && isSingleMark(r))) && classify(p, j, size, r) != clsClose {
				inQ = true
				open = span{para: pi, start: j + size, openAt: j}
			} else {
				finish(&out, cur)
				cur = nil
			}
			if inQ {
				// skip the opening mark in the loop below
				p2 := p
				_ = p2
			}
		}
		i := 0
		if inQ {
			i = open.start
		}
		for i < len(p) {
			if !stop[p[i]] {
				// jump to the next byte that may start a mark
				j := i + 1
				for j < len(p) && !stop[p[j]] {
					j++
				}
				i = j
				continue
			}
			r, size := utf8.DecodeRuneInString(p[i:])
			isMark := isDoubleMark(r) && !(r == '"' && betweenLetters(p, i, size))
			if !isMark && single && isSingleMark(r) {
				isMark = isSingleQuoteMark(p, i, size, inQ)
			}
			if !isMark {
				i += size
				continue
			}
			cls := classify(p, i, size, r)
			if !inQ {
				if cls != clsClose {
					inQ = true
					open = span{para: pi, start: i + size, openAt: i}
				}
			} else {
				if cls != clsOpen || i == open.start {
					if i == open.start && cls == clsOpen {
						// empty quote like "" — restart here
						open = span{para: pi, start: i + size, openAt: i}
						i += size
						continue
					}
					open.end = i
					open.closeEnd = i + size
					open.closed = true
					if cur == nil {
						cur = &rawQuote{}
					}
					cur.parts = append(cur.parts, open)
					finish(&out, cur)
					cur = nil
					inQ = false
				} else {
					// an opening mark inside an open quotation: the earlier
					// one was never closed; restart from here.
					if cur != nil {
						finish(&out, cur)
						cur = nil
					}
					open = span{para: pi, start: i + size, openAt: i}
				}
			}
			i += size
		}
		if inQ {
			e := len(p)
			for e > open.start && isSpaceLikeByte(p[e-1]) {
				e--
			}
			open.end = e
			open.closeEnd = len(p)
			if cur == nil {
				cur = &rawQuote{}
			}
			cur.parts = append(cur.parts, open)
		}
	}
	if cur != nil {
		finish(&out, cur)
	}
	return out
}

// betweenLetters reports whether the straight mark at s[i:i+size] is an
// apostrophe typed with the wrong key: between two letters, before the end
// of a possessive or a contraction ("Indonesia"s", "isn"t", "we"ll") or
// after the O of a surname ("O"Brien"). Between two words it is a
// quotation's edge with a space missing ("about"joint operations").
func betweenLetters(s string, i, size int) bool {
	if i == 0 || i+size >= len(s) {
		return false
	}
	pr, _ := utf8.DecodeLastRuneInString(s[:i])
	nr, _ := utf8.DecodeRuneInString(s[i+size:])
	if !unicode.IsLetter(pr) || !unicode.IsLetter(nr) {
		return false
	}
	rest := s[i+size:]
	n := 0
	for n < len(rest) && n < 3 && ('a' <= rest[n] && rest[n] <= 'z' || 'A' <= rest[n] && rest[n] <= 'Z') {
		n++
	}
	if n < len(rest) {
		if r, _ := utf8.DecodeRuneInString(rest[n:]); unicode.IsLetter(r) {
			n = 0 // a longer word
		}
	}
	switch strings.ToLower(rest[:n]) {
	case "s", "t", "re", "ve", "ll", "d", "m":
		return true
	}
	// O"Brien, D"Souza: a single capital before the mark
	if i >= 2 {
		r2, _ := utf8.DecodeLastRuneInString(s[:i-1])
		if unicode.IsUpper(pr) && !unicode.IsLetter(r2) {
			return true
		}
	} else if unicode.IsUpper(pr) {
		return true
	}
	return false
}

func isSpaceLikeByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpaceLike(r) {
			break
		}
		i += size
	}
	return i
}

// isSingleQuoteMark tells a single quotation mark from an apostrophe.
func isSingleQuoteMark(s string, i, size int, inQ bool) bool {
	var pr, nr rune = ' ', ' '
	if i > 0 {
		pr, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+size < len(s) {
		nr, _ = utf8.DecodeRuneInString(s[i+size:])
	}
	pl := unicode.IsLetter(pr) || unicode.IsDigit(pr)
	nl := unicode.IsLetter(nr) || unicode.IsDigit(nr)
	if pl && nl {
		return false // don't, Ukraine’s
	}
	if !pl && nl {
		// opening position: ’90s is an apostrophe
		if unicode.IsDigit(nr) && (i+size+2 <= len(s)) {
			return false
		}
		return !inQ
	}
	if pl && !nl {
		// closing position: students’ is an apostrophe unless a quote is open
		return inQ
	}
	return inQ
}

// finish appends q when it holds some text.
func finish(out *[]rawQuote, q *rawQuote) {
	if q == nil || len(q.parts) == 0 {
		return
	}
	// drop empty leading/trailing parts
	var parts []span
	for _, sp := range q.parts {
		if sp.end > sp.start {
			parts = append(parts, sp)
		}
	}
	if len(parts) == 0 {
		return
	}
	*out = append(*out, rawQuote{parts: parts})
}
