package model

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is byline's one query language, used by every filter in the TUI:
//
//	ryabkov                 a word, anywhere (case- and accent-insensitive)
//	"exact phrase"          words in this order
//	-word  -"a phrase"      exclude
//	source:independent      outlet (source or credit line)
//	speaker:blinken         quoted speaker (canonical name or how the text named them)
//	author:smith            byline author
//	on:2022-01-10           published that day (also on:2022, on:2022-01, on:"jan 2022", on:jan 2022)
//	on:march                published in March, any year (a month name alone)
//	after:2022-01-10        published that day or later
//	before:2022-01-10       published before that day
//	on:today  on:yesterday  on:last week  after:last month  on:this year ...
//	is:unread  is:read      the reader's marks (see Marks): not yet read, read
//	is:starred              starred by the reader
//
// Qualifiers take a quoted value too (source:"the independent") and can be
// negated (-source:agencies). Relative dates are resolved against a `now`
// passed in, so parsing is pure and testable.

// Field is what a term is matched against.
type Field int

const (
	// FieldAny matches the item's whole search text.
	FieldAny Field = iota
	FieldSource
	FieldSpeaker
	FieldAuthor
)

func (f Field) String() string {
	switch f {
	case FieldSource:
		return "source"
	case FieldSpeaker:
		return "speaker"
	case FieldAuthor:
		return "author"
	}
	return ""
}

// Term is one text condition. Text is folded (see Fold).
type Term struct {
	Field  Field
	Text   string
	Phrase bool
	Negate bool
}

// DateOp is how a date term compares.
type DateOp int

const (
	DateOn DateOp = iota
	DateAfter
	DateBefore
)

// DateTerm restricts the publication date. From and To are civil days (see
// Day) and form the half-open range [From, To) that the value named: on:
// keeps days in it, after: keeps days ≥ From, before: keeps days < From.
// Undated articles never satisfy a date term. Month, when set, is an
// on: term for a month of any year ("on:march"); From and To are unused.
type DateTerm struct {
	Op       DateOp
	From, To int
	Month    time.Month
	Negate   bool
	Value    string // as typed
}

// State is a reader's mark an is: term asks about.
type State int

const (
	StateRead State = iota + 1
	StateUnread
	StateStarred
)

func (s State) String() string {
	switch s {
	case StateRead:
		return "read"
	case StateUnread:
		return "unread"
	case StateStarred:
		return "starred"
	}
	return ""
}

// StateTerm restricts items to those the reader has (or, negated, has
// not) marked: is:read, is:unread, is:starred. The marks are the reader's,
// not the corpus's: a store is handed them with the query (Marks).
type StateTerm struct {
	State  State
	Negate bool
}

// Query is a parsed filter.
type Query struct {
	Raw    string
	Terms  []Term
	Dates  []DateTerm
	States []StateTerm
	// Errors lists parts that could not be understood (e.g. a bad date);
	// those parts are ignored.
	Errors []string
}

// Empty reports whether the query keeps everything.
func (q *Query) Empty() bool { return q.TextEmpty() && len(q.States) == 0 }

// TextEmpty reports whether the query has no word, field or date term: the
// corpus's text and dates keep everything (is: terms may still narrow it
// by the reader's marks).
func (q *Query) TextEmpty() bool { return q == nil || (len(q.Terms) == 0 && len(q.Dates) == 0) }

// MatchState reports whether an item with these marks satisfies the
// query's is: terms.
func (q *Query) MatchState(read, starred bool) bool {
	return q.MatchStates(func(s State) bool {
		switch s {
		case StateRead:
			return read
		case StateUnread:
			return !read
		}
		return starred
	})
}

// MatchStates reports whether an item satisfies the query's is: terms,
// has telling whether it has each mark (a speaker can be quoted in read
// and in unread stories at once).
func (q *Query) MatchStates(has func(State) bool) bool {
	if q == nil {
		return true
	}
	for _, st := range q.States {
		if has(st.State) == st.Negate {
			return false
		}
	}
	return true
}

// Asks reports whether the query has an is: term for s.
func (q *Query) Asks(s State) bool {
	if q == nil {
		return false
	}
	for _, st := range q.States {
		if st.State == s {
			return true
		}
	}
	return false
}

// Highlights returns the folded texts worth highlighting in a list: the
// positive terms (words, phrases and qualifier values).
func (q *Query) Highlights() []string {
	if q == nil {
		return nil
	}
	var out []string
	for _, t := range q.Terms {
		if !t.Negate && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

// ParseQuery parses a filter as typed. It never fails: parts it cannot
// understand are listed in Errors and otherwise ignored, and a half-typed
// qualifier ("source:") is simply ignored.
func ParseQuery(s string, now time.Time) Query {
	q := Query{Raw: s}
	toks := tokenize(s)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.key == "" {
			text := Fold(t.val)
			if t.quoted {
				text = strings.Join(strings.Fields(text), " ")
			} else {
				text = strings.TrimSpace(text)
			}
			if text == "" {
				continue
			}
			q.Terms = append(q.Terms, Term{Field: FieldAny, Text: text, Phrase: t.quoted, Negate: t.neg})
			continue
		}
		switch t.key {
		case "source", "speaker", "author":
			text := strings.Join(strings.Fields(Fold(t.val)), " ")
			if text == "" {
				continue
			}
			f := map[string]Field{"source": FieldSource, "speaker": FieldSpeaker, "author": FieldAuthor}[t.key]
			q.Terms = append(q.Terms, Term{Field: f, Text: text, Phrase: t.quoted, Negate: t.neg})
		case "is":
			v := strings.ToLower(strings.TrimSpace(t.val))
			if v == "" {
				continue // still being typed
			}
			st, ok := map[string]State{"read": StateRead, "unread": StateUnread, "new": StateUnread,
				"starred": StateStarred, "star": StateStarred}[v]
			if !ok {
				q.Errors = append(q.Errors, "is:"+t.val+" is not a mark (try is:unread, is:read, is:starred)")
				continue
			}
			q.States = append(q.States, StateTerm{State: st, Negate: t.neg})
		case "on", "after", "before":
			val := t.val
			// Let "on:jan 2022", "on:10 jan 2022" and "after:last week" run
			// over several words.
			if !t.quoted {
				_, _, ok1 := ParseDateRange(val, now)
				for n := 2; n >= 1; n-- {
					if i+n >= len(toks) || (ok1 && !twoWordDate(val) && n == 1 && !isDayNum(val)) {
						continue
					}
					joined, plain := val, true
					for k := 1; k <= n; k++ {
						nt := toks[i+k]
						plain = plain && nt.key == "" && !nt.quoted && !nt.neg
						joined += " " + nt.val
					}
					if !plain {
						continue
					}
					if _, _, ok := ParseDateRange(joined, now); ok {
						val = joined
						i += n
						break
					}
				}
			}
			if strings.TrimSpace(val) == "" {
				continue
			}
			op := map[string]DateOp{"on": DateOn, "after": DateAfter, "before": DateBefore}[t.key]
			if m, ok := monthByPrefix(strings.TrimSpace(val)); ok && op == DateOn {
				// A month alone: that month of any year.
				q.Dates = append(q.Dates, DateTerm{Op: op, Month: m, Negate: t.neg, Value: val})
				continue
			}
			from, to, ok := ParseDateRange(val, now)
			if !ok {
				q.Errors = append(q.Errors, t.key+":"+val+" is not a date (try 2024-03-10, 2024-03, march, jan 2024, last week)")
				continue
			}
			q.Dates = append(q.Dates, DateTerm{Op: op, From: from, To: to, Negate: t.neg, Value: val})
		}
	}
	return q
}

// twoWordDate reports whether a one-word date value usually takes a second
// word ("jan" + "2022", "last" + "week").
func isDayNum(w string) bool { _, ok := dayOfMonth(w); return ok && len(w) <= 4 }

func twoWordDate(w string) bool {
	w = strings.ToLower(w)
	if _, ok := monthByPrefix(w); ok {
		return true
	}
	return w == "last" || w == "this" || w == "past"
}

type token struct {
	key    string // qualifier, lowercased; "" for a plain word or phrase
	val    string
	quoted bool
	neg    bool
}

var qualifiers = map[string]bool{"source": true, "speaker": true, "author": true, "on": true, "after": true, "before": true, "is": true}

// tokenize splits on white space, keeping quoted runs together. An
// unterminated quote runs to the end (the user is still typing it).
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		var t token
		if s[i] == '-' && i+1 < len(s) && !isSpaceAt(s, i+1) {
			t.neg = true
			i++
		}
		// A qualifier: letters then ':'.
		j := i
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j < len(s) && s[j] == ':' && qualifiers[strings.ToLower(s[i:j])] {
			t.key = strings.ToLower(s[i:j])
			i = j + 1
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); i < len(s) && isQuoteMark(r) {
			i += n
			end := i
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if isQuoteMark(r2) {
					break
				}
				end += n2
			}
			t.val = s[i:end]
			t.quoted = true
			if end < len(s) {
				_, n2 := utf8.DecodeRuneInString(s[end:])
				end += n2
			}
			i = end
		} else {
			end := i
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if unicode.IsSpace(r2) || (isQuoteMark(r2) && end > i && t.key == "") {
					break
				}
				end += n2
			}
			t.val = s[i:end]
			i = end
		}
		if t.key == "" && t.val == "" {
			continue // a lone "-" or empty quotes
		}
		out = append(out, t)
	}
	return out
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func isQuoteMark(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// Day is the civil day of t in t's own zone, counted from 1970-01-01, so
// an article published late on 10 January in New York is "on:2022-01-10".
func Day(t time.Time) int {
	y, m, d := t.Date()
	return civilDay(y, m, d)
}

func civilDay(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDateRange resolves a date as typed into civil days [from, to):
// "2022-01-10", "2022/01/10", "2022-01", "2022", "jan 2022", "2022 jan",
// "10 jan 2022", "jan 10 2022", "jan" and "10 jan" (the latest that has
// begun: in January 2022, "march" is March 2021), "today", "yesterday",
// "this week|month|year", "last week|month|year" (the 7, 30 or 365 days up
// to today), "7d", "3w", "2m", "1y" (that long ago until today).
func ParseDateRange(s string, now time.Time) (from, to int, ok bool) {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if len(f) == 0 {
		return 0, 0, false
	}
	today := Day(now)
	y0, m0, _ := now.Date()
	switch len(f) {
	case 1:
		w := f[0]
		switch w {
		case "today":
			return today, today + 1, true
		case "yesterday":
			return today - 1, today, true
		}
		if n, unit, ok := agoValue(w); ok {
			return agoRange(now, n, unit), today + 1, true
		}
		if m, ok := monthByPrefix(w); ok {
			y := y0
			if civilDay(y, m, 1) > today {
				y--
			}
			return civilDay(y, m, 1), civilDay(y, m+1, 1), true
		}
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		nums := make([]int, 0, 3)
		for _, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil {
				return 0, 0, false
			}
			nums = append(nums, n)
		}
		if len(nums) == 0 || len(parts[0]) != 4 {
			return 0, 0, false
		}
		y := nums[0]
		switch len(nums) {
		case 1:
			return civilDay(y, 1, 1), civilDay(y+1, 1, 1), true
		case 2:
			if nums[1] < 1 || nums[1] > 12 {
				return 0, 0, false
			}
			return civilDay(y, time.Month(nums[1]), 1), civilDay(y, time.Month(nums[1])+1, 1), true
		case 3:
			if !validDate(y, nums[1], nums[2]) {
				return 0, 0, false
			}
			d := civilDay(y, time.Month(nums[1]), nums[2])
			return d, d + 1, true
		}
		return 0, 0, false
	case 2:
		a, b := f[0], f[1]
		if a == "last" || a == "past" || a == "this" {
			unit := map[string]byte{"week": 'w', "month": 'm', "year": 'y', "day": 'd'}[b]
			if unit == 0 {
				return 0, 0, false
			}
			if a == "this" {
				switch unit {
				case 'w':
					wd := (int(now.Weekday()) + 6) % 7 // Monday first
					return today - wd, today + 1, true
				case 'm':
					return civilDay(y0, m0, 1), today + 1, true
				case 'y':
					return civilDay(y0, 1, 1), today + 1, true
				case 'd':
					return today, today + 1, true
				}
			}
			return agoRange(now, 1, unit), today + 1, true
		}
		if m, ok := monthByPrefix(a); ok {
			if y, ok := year(b); ok {
				return civilDay(y, m, 1), civilDay(y, m+1, 1), true
			}
			if d, ok := dayOfMonth(b); ok {
				return latestDay(m, d, y0, today)
			}
		}
		if m, ok := monthByPrefix(b); ok {
			if y, ok := year(a); ok {
				return civilDay(y, m, 1), civilDay(y, m+1, 1), true
			}
			if d, ok := dayOfMonth(a); ok {
				return latestDay(m, d, y0, today)
			}
		}
		return 0, 0, false
	case 3:
		var d, y int
		var m time.Month
		var okd, okm, oky bool
		if m, okm = monthByPrefix(f[0]); okm { // jan 10 2022
			d, okd = dayOfMonth(f[1])
		} else if m, okm = monthByPrefix(f[1]); okm { // 10 jan 2022
			d, okd = dayOfMonth(f[0])
		}
		y, oky = year(f[2])
		if okd && okm && oky && validDate(y, int(m), d) {
			x := civilDay(y, m, d)
			return x, x + 1, true
		}
		// "last 7 days"
		if f[0] == "last" || f[0] == "past" {
			n, err := strconv.Atoi(f[1])
			unit := strings.TrimSuffix(f[2], "s")
			u := map[string]byte{"day": 'd', "week": 'w', "month": 'm', "year": 'y'}[unit]
			if err == nil && n >= 0 && n < 100000 && u != 0 {
				return agoRange(now, n, u), today + 1, true
			}
		}
	}
	return 0, 0, false
}

// latestDay is day d of month m in the latest year up to y0 where it is
// not after today (29 February: the latest leap year).
func latestDay(m time.Month, d, y0, today int) (from, to int, ok bool) {
	for y := y0; y > y0-8; y-- {
		if x := civilDay(y, m, d); validDate(y, int(m), d) && x <= today {
			return x, x + 1, true
		}
	}
	return 0, 0, false
}

func agoValue(w string) (int, byte, bool) {
	if len(w) < 2 {
		return 0, 0, false
	}
	unit := w[len(w)-1]
	if unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y' {
		return 0, 0, false
	}
	n, err := strconv.Atoi(w[:len(w)-1])
	if err != nil || n < 0 || n >= 100000 {
		return 0, 0, false
	}
	return n, unit, true
}

func agoRange(now time.Time, n int, unit byte) int {
	switch unit {
	case 'd':
		return Day(now) - n
	case 'w':
		return Day(now) - 7*n
	case 'm':
		return Day(now.AddDate(0, -n, 0))
	default:
		return Day(now.AddDate(-n, 0, 0))
	}
}

func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

func dayOfMonth(s string) (int, bool) {
	s = strings.TrimRight(s, "stndrh") // 1st 2nd 3rd 4th
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 31
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// Fold lowercases s and removes accents ("Ryábkov" → "ryabkov"); curly
// quotes and apostrophes become straight ones. Every search text and query
// is folded the same way.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		appendFolded(&b, r)
	}
	return b.String()
}

// FoldMap folds s like Fold and also returns, for each byte of the folded
// string, the byte offset in s of the rune it came from (with a final entry
// len(s)), so matches found in folded text can be highlighted in s.
func FoldMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	idx := make([]int, 0, len(s)+1)
	for i, r := range s {
		n := b.Len()
		appendFolded(&b, r)
		for k := n; k < b.Len(); k++ {
			idx = append(idx, i)
		}
	}
	idx = append(idx, len(s))
	return b.String(), idx
}

func appendFolded(b *strings.Builder, r rune) {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	switch r {
	case '’', '‘', '‛', 'ʼ', '′':
		b.WriteByte('\'')
		return
	case '“', '”', '„', '″', '«', '»':
		b.WriteByte('"')
		return
	case 'ß':
		b.WriteString("ss")
		return
	case 'ø', 'Ø':
		b.WriteByte('o')
		return
	case 'đ', 'Đ':
		b.WriteByte('d')
		return
	case 'ł', 'Ł':
		b.WriteByte('l')
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case '\u00a0', '\u2007', '\u202f':
		b.WriteByte(' ')
		return
	}
	if r == utf8.RuneError {
		return
	}
	var buf [utf8.UTFMax * 4]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	for len(d) > 0 {
		c, w := utf8.DecodeRune(d)
		d = d[w:]
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		c = unicode.ToLower(c)
		if c != r && c >= 0x80 {
			appendFolded(b, c) // "Ǣ" → "æ" → "ae": folding twice changes nothing
			continue
		}
		b.WriteRune(c)
	}
}

// Narrows reports whether every item matching q also matches old, so the
// results of old can be filtered instead of everything (as a user types
// "ryab" → "ryabk"). It errs on the side of false.
func (q *Query) Narrows(old *Query) bool {
	if q == nil || old == nil {
		return false
	}
	for _, ot := range old.Terms {
		found := false
		for _, nt := range q.Terms {
			if nt.Field != ot.Field || nt.Negate != ot.Negate {
				continue
			}
			if (!ot.Negate && strings.Contains(nt.Text, ot.Text)) || (ot.Negate && nt.Text == ot.Text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for _, ost := range old.States {
		found := false
		for _, ns := range q.States {
			if ns == ost {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for _, od := range old.Dates {
		found := false
		for _, nd := range q.Dates {
			if nd.Op == od.Op && nd.From == od.From && nd.To == od.To && nd.Month == od.Month && nd.Negate == od.Negate {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
