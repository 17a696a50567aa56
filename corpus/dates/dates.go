// Package dates parses publication dates as they are written in articles,
// front matter and JSON, and recognises datelines in plain-text page dumps.
//
// A date string is normalised (ordinals, "a.m.", "Nov.", a second rendering
// in parentheses, "GMT +3", a 24-hour clock marked PM) and parsed by
// time.Parse with a layout built token by token, or one of a list of fixed
// layouts (a few hundred nanoseconds, no allocation-heavy engine). Zone
// abbreviations take their offsets from byline's own table. Dateline
// pre-checks every line with cheap string tests so that prose never gets
// this far.
package dates

import (
	"strconv"
	"strings"
	"time"

	"byline/model"
)

// maxDateLen bounds what Parse accepts: a date, even with weekday, time and
// zone, is short. Longer strings are prose.
const maxDateLen = 64

// zones maps zone abbreviations used in news datelines to their offsets in
// seconds east of UTC. Ambiguous ones (IST, CST in China) take the reading
// most common in English-language news.
var zones = map[string]int{
	"UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0,
	"BST": 3600, "IST": 19800, "ET": -5 * 3600, "PT": -8 * 3600, "CET": 3600, "WAT": 3600, "WEST": 3600,
	"CEST": 7200, "EET": 7200, "SAST": 7200, "CAT": 7200,
	"EEST": 10800, "MSK": 10800, "EAT": 10800, "AST": -4 * 3600,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600, "HKT": 8 * 3600, "SGT": 8 * 3600,
	"AWST": 8 * 3600, "ACST": 34200, "ACDT": 37800,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
	"PKT": 5 * 3600, "WIB": 7 * 3600, "ICT": 7 * 3600,
}

// layouts are tried, in order, by time.Parse on the normalised string.
// Layouts ending in a zone take the zone from the zones table afterwards
// (time.Parse invents a zero offset for abbreviations it does not know).
var layouts = []string{
	time.RFC3339Nano, // fractional seconds are optional when parsing
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 MST",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	"Monday 2 January 2006 15:04 MST",
	"Monday 2 January 2006 15:04",
	"Monday 2 January 2006",
	"Monday, 2 January 2006 15:04 MST",
	"Monday, 2 January 2006",
	"Monday, January 2, 2006 15:04 MST",
	"Monday, January 2, 2006 3:04 PM MST",
	"Monday, January 2, 2006 3:04 PM",
	"Monday, January 2, 2006",
	"Mon 2 Jan 2006 15:04 MST",
	"Mon 2 Jan 2006",
	"2 January 2006 15:04 MST",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM MST",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 3:04PM",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006 15:04 MST",
	"Jan 2, 2006 3:04 PM MST",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006",
	"Jan 2 2006",
}

// Parse reads a publication date as found in articles, front matter and JSON
// ("Monday 10 January 2022 00:19 EST", "20 Nov 2019 08:00 GMT", "November 20, 2019",
// "2022-01-10", "2022-01-10T05:19:00Z", RFC 1123, unix seconds in a string...).
// It keeps the zone written (EST → fixed zone named "EST" at -05:00), returns the
// precision (model.PrecisionDate when no clock time was written, else PrecisionDateTime),
// and ok=false when s is not a date.
func Parse(s string) (t time.Time, p model.Precision, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxDateLen || !hasDigit(s) {
		return time.Time{}, model.PrecisionNone, false
	}
	if t, ok := unix(s); ok {
		return t, model.PrecisionDateTime, true
	}
	n := normalise(s)
	p = model.PrecisionDate
	if hasClock(n) || strings.Contains(n, " AM") || strings.Contains(n, " PM") {
		p = model.PrecisionDateTime
	}
	// A zone abbreviation is read from the table, not by time.Parse (which
	// needs three letters: not ET, PT, UT): taken out here, applied after.
	n, zone := cutZone(n)
	t, ok = parseLayouts(n)
	if !ok || !plausible(t) {
		return time.Time{}, model.PrecisionNone, false
	}
	if zone != nil && t.Location() == time.UTC { // an offset written too wins
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), zone)
	}
	return t, p, true
}

// cutZone takes the one zone abbreviation out of a normalised date and
// returns it as a location; with none, or two, the date is left as it is.
func cutZone(n string) (string, *time.Location) {
	f := strings.Fields(n)
	at := -1
	for i, w := range f {
		if isZoneToken(strings.TrimRight(w, ",")) {
			if at >= 0 {
				return n, nil
			}
			at = i
		}
	}
	if at < 0 {
		return n, nil
	}
	name := strings.TrimRight(f[at], ",")
	if at > 0 && strings.HasSuffix(f[at], ",") && !strings.HasSuffix(f[at-1], ",") {
		f[at-1] += "," // "5:27 AM ET, Wednesday" keeps its comma
	}
	return strings.Join(append(f[:at], f[at+1:]...), " "), time.FixedZone(name, zones[name])
}

// parseLayouts parses a normalised date with the layout built from its
// tokens, or else the first fixed layout that fits.
func parseLayouts(n string) (time.Time, bool) {
	if l, ok := tokenLayout(n); ok {
		if t, err := time.Parse(l, n); err == nil {
			return fixZone(t), true
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, n); err == nil {
			return fixZone(t), true
		}
	}
	return time.Time{}, false
}

func plausible(t time.Time) bool {
	return t.Year() >= 1800 && t.Year() <= 2200
}

// fixZone gives a time parsed with an abbreviation the right offset.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if want, ok := zones[name]; ok && want != off {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, want))
	}
	if name == "UTC" && off == 0 && t.Location() != time.UTC {
		return t.UTC()
	}
	return t
}

// unix reads unix seconds (or milliseconds) written as digits.
func unix(s string) (time.Time, bool) {
	if len(s) < 9 || len(s) > 13 {
		return time.Time{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	if len(s) == 13 {
		return time.UnixMilli(v).UTC(), true
	}
	if len(s) > 10 {
		return time.Time{}, false
	}
	return time.Unix(v, 0).UTC(), true
}

// normalise collapses spaces, drops ordinal suffixes ("10th"), full stops
// after abbreviations ("Nov.") and at the end, "at" before the time, a
// second rendering of the time in parentheses ("0339 GMT (1139 HKT)"), turns
// "a.m."/"pm" into AM/PM (dropped after a 24-hour clock: "13:42pm"), "GMT
// +3" into an offset and "0339 GMT" into a clock, and capitalises month,
// weekday and zone names so time.Parse layouts match.
func normalise(s string) string {
	s = dropParenthesised(s)
	var out []string
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(strings.TrimRight(w, ".,;"))
		switch lw {
		case "at", "on", "of", "the", "|", "-", "–", "—", "•", "·", "/", "":
			continue
		case "a.m", "am":
			out = append(out, "AM")
			continue
		case "p.m", "pm":
			out = append(out, "PM")
			continue
		}
		// Clock written with a full stop: 15.04.
		if len(w) >= 4 && len(w) <= 5 && w[len(w)-3] == '.' && allDigits(w[:len(w)-3]) && allDigits(w[len(w)-2:]) {
			w = w[:len(w)-3] + ":" + w[len(w)-2:]
		}
		// Ordinals: 1st 2nd 3rd 10th.
		if len(lw) >= 3 && lw[0] >= '0' && lw[0] <= '9' {
			suf := lw[len(lw)-2:]
			if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && allDigits(lw[:len(lw)-2]) {
				comma := strings.HasSuffix(w, ",")
				w = lw[:len(lw)-2]
				if comma {
					w += ","
				}
			}
		}
		if name, ok := monthOrDay(lw); ok {
			if strings.HasSuffix(w, ",") {
				name += ","
			}
			w = name
		} else if _, ok := zones[strings.ToUpper(lw)]; ok && len(lw) >= 2 && len(lw) <= 4 {
			w = strings.ToUpper(lw)
		} else if off, ok := gmtOffset(lw); ok {
			w = off
		} else if len(w) > 2 && hasDigit(w) && (strings.HasSuffix(lw, "am") || strings.HasSuffix(lw, "pm")) {
			out = append(out, w[:len(w)-2])
			w = strings.ToUpper(lw[len(lw)-2:])
		}
		out = append(out, w)
	}
	out = joinOffsets(out)
	out = fixClocks(out)
	if len(out) > 0 {
		out[len(out)-1] = strings.TrimRight(out[len(out)-1], ".,;")
	}
	return strings.Join(out, " ")
}

// dropParenthesised removes "(…)" groups: in a date they hold the same
// moment in another zone.
func dropParenthesised(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + " " + s[i+j+1:]
	}
}

// gmtOffset reads "gmt+3", "utc-05:30", "gmt+0530" as a numeric offset
// ("+0300").
func gmtOffset(lw string) (string, bool) {
	for _, z := range []string{"gmt", "utc"} {
		if rest, ok := strings.CutPrefix(lw, z); ok && rest != "" {
			return offset(rest)
		}
	}
	return "", false
}

// offset reads "+3", "-5", "+05:30", "+0530" as "+0300", "-0500", "+0530".
func offset(w string) (string, bool) {
	if len(w) < 2 || (w[0] != '+' && w[0] != '-') {
		return "", false
	}
	digits := strings.Replace(w[1:], ":", "", 1)
	if !allDigits(digits) {
		return "", false
	}
	switch len(digits) {
	case 1, 2:
		digits = strings.Repeat("0", 2-len(digits)) + digits + "00"
	case 4:
	default:
		return "", false
	}
	if h, _ := strconv.Atoi(digits[:2]); h > 14 {
		return "", false
	}
	return w[:1] + digits, true
}

// joinOffsets turns "GMT +3" into "+0300": the offset is the zone.
func joinOffsets(ws []string) []string {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		if (ws[i] == "GMT" || ws[i] == "UTC") && i+1 < len(ws) {
			if off, ok := offset(ws[i+1]); ok {
				out = append(out, off)
				i++
				continue
			}
		}
		out = append(out, ws[i])
	}
	return out
}

// fixClocks reads a four-digit time before a zone ("0339 GMT") as a clock
// when a year is written elsewhere, and drops AM/PM after a clock that is
// already 24-hour ("13:42 PM", "00:19 AM").
func fixClocks(ws []string) []string {
	years := 0
	for _, w := range ws {
		if allDigits(strings.TrimRight(w, ",")) && len(strings.TrimRight(w, ",")) == 4 {
			years++
		}
	}
	out := ws[:0]
	for i, w := range ws {
		if years > 1 && len(w) == 4 && allDigits(w) && i+1 < len(ws) && (isZoneToken(ws[i+1]) || isNumericOffset(ws[i+1])) {
			if h, m := atoi2(w[:2]), atoi2(w[2:]); h < 24 && m < 60 {
				w = w[:2] + ":" + w[2:]
				years--
			}
		}
		if (w == "AM" || w == "PM") && len(out) > 0 {
			if h, ok := clockHour(out[len(out)-1]); ok && (h == 0 || h > 12) {
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func isNumericOffset(w string) bool {
	return len(w) == 5 && (w[0] == '+' || w[0] == '-') && allDigits(w[1:])
}

// clockHour is the hour of a clock token ("13:42", "9:05:00").
func clockHour(w string) (int, bool) {
	h, _, ok := strings.Cut(strings.TrimRight(w, ","), ":")
	if !ok || !allDigits(h) || len(h) > 2 {
		return 0, false
	}
	return atoi2(h), true
}

func atoi2(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// monthOrDay returns the canonical spelling ("January", "Jan", "Monday",
// "Mon") of a month or weekday name or abbreviation.
func monthOrDay(lw string) (string, bool) {
	if len(lw) < 3 {
		return "", false
	}
	if c, ok := canon[lw]; ok {
		return c, true
	}
	return "", false
}

var canon = func() map[string]string {
	m := map[string]string{}
	for i := time.January; i <= time.December; i++ {
		full := i.String()
		m[strings.ToLower(full)] = full
		m[strings.ToLower(full[:3])] = full[:3]
	}
	m["sept"] = "Sep"
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := d.String()
		m[strings.ToLower(full)] = full
		m[strings.ToLower(full[:3])] = full[:3]
	}
	m["tues"] = "Tue"
	m["thurs"] = "Thu"
	return m
}()

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func hasLetterOrSep(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == '/' || c == '.' || c == ' ' || c >= 'A' {
			return true
		}
	}
	return false
}

// hasClock reports whether a clock time (digits:digits) is written.
func hasClock(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == ':' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// tokenLayout builds a time.Parse layout for a normalised date string
// token by token ("5:27 AM CST Wednesday November 20, 2019" →
// "3:04 PM MST Monday January 2, 2006"), so one parse attempt decides.
// ok is false when a token is not date vocabulary.
func tokenLayout(n string) (string, bool) {
	f := strings.Fields(n)
	var b strings.Builder
	var year, month, day bool
	for i, w := range f {
		if i > 0 {
			b.WriteByte(' ')
		}
		core := strings.TrimRight(w, ",")
		comma := w[len(core):]
		next := ""
		if i+1 < len(f) {
			next = f[i+1]
		}
		ampm := next == "AM" || next == "PM"
		var l string
		switch {
		case core == "AM" || core == "PM":
			l = "PM"
		case canon[strings.ToLower(core)] == core:
			l = layoutName(core)
		case isZoneToken(core):
			l = "MST"
		case allDigits(core) && len(core) == 4:
			l = "2006"
		case allDigits(core) && len(core) <= 2 && day && month && !year && !ampm:
			l = "06" // "12 Mar 24"
		case allDigits(core) && len(core) <= 2:
			if ampm {
				l = "3"
			} else {
				l = "2"
			}
		case (core[0] == '+' || core[0] == '-') && len(core) == 5 && allDigits(core[1:]):
			l = "-0700"
		case (core[0] == '+' || core[0] == '-') && len(core) == 6 && core[3] == ':':
			l = "-07:00"
		default:
			var ok bool
			if l, ok = clockLayout(core, ampm); !ok {
				if l, ok = numericDateLayout(core); !ok {
					return "", false
				}
			}
		}
		switch l {
		case "2006", "06":
			year = true
		case "January", "Jan":
			month = true
		case "2":
			day = true
		default:
			if (strings.Count(l, "1") == 1 || strings.Contains(l, "Jan")) && strings.Contains(l, "2") && (strings.Contains(l, "2006") || strings.Contains(l, "06")) {
				year, month, day = true, true, true
			}
		}
		b.WriteString(l)
		b.WriteString(comma)
	}
	// A date needs day, month and year: "2024" or "November 2019" alone is
	// no publication date.
	return b.String(), year && month && day
}

func isZoneToken(w string) bool {
	_, ok := zones[w]
	return ok && w == strings.ToUpper(w) && len(w) >= 2
}

// layoutName maps a canonical month or weekday spelling to its layout.
func layoutName(c string) string {
	for m := time.January; m <= time.December; m++ {
		if c == m.String() {
			return "January"
		}
		if c == m.String()[:3] {
			return "Jan"
		}
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if c == d.String() {
			return "Monday"
		}
	}
	return "Mon"
}

// clockLayout matches 9:30, 09:30:00 (12-hour when AM/PM follows).
func clockLayout(w string, ampm bool) (string, bool) {
	parts := strings.Split(w, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	for i, p := range parts {
		if !allDigits(p) || len(p) > 2 || (i > 0 && len(p) != 2) {
			return "", false
		}
	}
	l := "15"
	if ampm {
		l = "3"
	}
	l += ":04"
	if len(parts) == 3 {
		l += ":05"
	}
	return l, true
}

// numericDateLayout matches 2019-11-20, 2019/11/20, 11/20/2019 (US order,
// as US English pages write it), 11/20/19 and 20.11.2019 (European order);
// the other order when the first cannot be read.
func numericDateLayout(w string) (string, bool) {
	for _, sep := range []string{"-", "/", "."} {
		parts := strings.Split(w, sep)
		if len(parts) != 3 {
			continue
		}
		// 12-Mar-2024, 12-March-24.
		if m := canon[strings.ToLower(parts[1])]; m != "" && isMonth(strings.ToLower(m)) && allDigits(parts[0]) && len(parts[0]) <= 2 &&
			allDigits(parts[2]) && (len(parts[2]) == 4 || len(parts[2]) == 2) {
			y := map[bool]string{true: "2006", false: "06"}[len(parts[2]) == 4]
			return "2" + sep + layoutName(m) + sep + y, true
		}
		for _, p := range parts {
			if !allDigits(p) || len(p) > 4 {
				return "", false
			}
		}
		switch {
		case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
			return "2006" + sep + "1" + sep + "2", true
		case len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 4 || len(parts[2]) == 2):
			y := "2006"
			if len(parts[2]) == 2 {
				y = "06"
			}
			// Day first with full stops, month first otherwise; the
			// other order when the first cannot be a month
			// (11.14.2019, 20/11/2019).
			dayFirst := sep == "."
			first, second := atoi2(parts[0]), atoi2(parts[1])
			if dayFirst && second > 12 && first <= 12 || !dayFirst && first > 12 && second <= 12 {
				dayFirst = !dayFirst
			}
			if dayFirst {
				return "2" + sep + "1" + sep + y, true
			}
			return "1" + sep + "2" + sep + y, true
		}
		return "", false
	}
	return "", false
}
