package dates

import (
	"strings"
	"time"

	"byline/model"
)

// maxDatelineLen bounds the lines Dateline looks at; datelines with prefix,
// weekday, time and zone stay well under it.
const maxDatelineLen = 90

// datelinePrefixes are words that may introduce a dateline. They are
// matched case-insensitively at the start of the line, longest first.
var datelinePrefixes = []string{
	"first published on", "first published", "last updated on", "last updated",
	"last modified", "originally published", "published on", "published:", "published",
	"updated on", "updated:", "updated", "posted on", "posted:", "posted",
	"date:", "dated", "on",
}

// Dateline reports whether a whole line is a dateline (a date, optionally with weekday,
// time, zone, "Updated:"/"Published" prefixes) rather than prose that contains a date.
func Dateline(line string) (t time.Time, p model.Precision, ok bool) {
	s := strings.TrimSpace(line)
	if len(s) < 6 || len(s) > maxDatelineLen || !hasDigit(s) {
		return time.Time{}, model.PrecisionNone, false
	}
	// Strip a leading prefix word.
	ls := strings.ToLower(s)
	for _, pre := range datelinePrefixes {
		if strings.HasPrefix(ls, pre) && (len(ls) == len(pre) || !isLetter(ls[len(pre)])) {
			s = strings.TrimLeft(s[len(pre):], " :-–—|")
			ls = ls[len(ls)-len(s):]
			break
		}
	}
	// Every token must be date vocabulary; any other word makes it prose.
	var hasMonth, hasYear, hasNumDate bool
	for _, w := range strings.Fields(ls) {
		w = strings.Trim(w, ",.()[]")
		switch {
		case w == "" || w == "at" || w == "|" || w == "-" || w == "–" || w == "—" || w == "•" || w == "·" || w == "/":
		case isMonth(w):
			hasMonth = true
		case isWeekday(w):
		case w == "am" || w == "pm" || w == "a.m" || w == "p.m":
		case isZone(w):
		case allDigits(w):
			if len(w) == 4 {
				hasYear = true
			} else if len(w) > 2 {
				return time.Time{}, model.PrecisionNone, false
			}
		case isOrdinal(w):
		case isClock(w):
		case isNumericDate(w):
			hasNumDate = true
		case isOffset(w):
		default:
			return time.Time{}, model.PrecisionNone, false
		}
	}
	if !(hasMonth && hasYear) && !hasNumDate {
		return time.Time{}, model.PrecisionNone, false
	}
	return Parse(s)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isMonth(w string) bool {
	c, ok := canon[w]
	if !ok {
		return false
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(m.String(), c) {
			return true
		}
	}
	return false
}

func isWeekday(w string) bool {
	_, ok := canon[w]
	return ok && !isMonth(w)
}

func isZone(w string) bool {
	_, ok := zones[strings.ToUpper(w)]
	return ok || w == "et" || w == "pt" || w == "ct"
}

func isOrdinal(w string) bool {
	if len(w) < 3 || len(w) > 4 {
		return false
	}
	suf := w[len(w)-2:]
	return (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && allDigits(w[:len(w)-2])
}

// isClock matches 9:30, 09:30:00, 9:30am, 9am.
func isClock(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "am"), "pm")
	if w == "" {
		return false
	}
	if allDigits(w) {
		return len(w) <= 2
	}
	parts := strings.Split(w, ":")
	if len(parts) == 1 {
		parts = strings.Split(w, ".")
		if len(parts) != 2 || len(parts[1]) != 2 {
			return false
		}
	}
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 2 || !allDigits(p) {
			return false
		}
	}
	return true
}

// isNumericDate matches 2022-01-10, 10/01/2022, 11/19/19, 10.01.2022 and
// ISO date-times.
func isNumericDate(w string) bool {
	if i := strings.IndexByte(w, 't'); i == 10 {
		w = w[:10]
	}
	for _, sep := range []string{"-", "/", "."} {
		parts := strings.Split(w, sep)
		if len(parts) != 3 {
			continue
		}
		ok := true
		for _, p := range parts {
			if !allDigits(p) || len(p) > 4 {
				ok = false
			}
		}
		if ok && (len(parts[0]) == 4 || len(parts[2]) == 4 || len(parts[2]) == 2) {
			return true
		}
	}
	return false
}

// isOffset matches +0100, -05:00, gmt+1, utc-5.
func isOffset(w string) bool {
	w = strings.TrimPrefix(strings.TrimPrefix(w, "gmt"), "utc")
	if len(w) < 2 || (w[0] != '+' && w[0] != '-') {
		return false
	}
	w = strings.ReplaceAll(w[1:], ":", "")
	return allDigits(w) && len(w) <= 4
}
