// Package dates parses publication dates as they are written in articles,
// front matter and JSON, and recognises datelines in plain-text page dumps.
//
// Common English and ISO/RFC forms are parsed with time.Parse fast paths
// (a few hundred nanoseconds); anything else goes to go-dateparser, which is
// far more general but costs milliseconds per call (its first call also pays
// for locale initialisation). Dateline pre-checks every line with cheap
// string tests so that dateparser is never called on prose.
package dates

import (
	"strconv"
	"strings"
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"

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
	time.RFC3339Nano,
	time.RFC3339,
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

var (
	parserOnce sync.Once
	parser     *dps.Parser
	parserCfg  *dps.Configuration
)

// engine returns the shared dateparser. dps.Parser serialises calls with its
// own mutex, so it is safe for concurrent use; it is created lazily because
// its first call initialises locale data.
func engine() (*dps.Parser, *dps.Configuration) {
	parserOnce.Do(func() {
		parser = &dps.Parser{ParserTypes: []dps.ParserType{dps.AbsoluteTime}}
		parserCfg = &dps.Configuration{
			Languages:          []string{"en"},
			DefaultTimezone:    time.UTC,
			CurrentTime:        time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
			StrictParsing:      true,
			ReturnTimeAsPeriod: true,
		}
	})
	return parser, parserCfg
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
	if l, ok := tokenLayout(n); ok {
		if t, err := time.Parse(l, n); err == nil {
			if !plausible(t) {
				return time.Time{}, model.PrecisionNone, false
			}
			return fixZone(t), p, true
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, n); err == nil {
			if !plausible(t) {
				return time.Time{}, model.PrecisionNone, false
			}
			return fixZone(t), p, true
		}
	}
	return slow(n, p)
}

// slow parses with go-dateparser. Zone abbreviations we know are resolved
// here too so the offset does not depend on dateparser's tables.
func slow(n string, p model.Precision) (time.Time, model.Precision, bool) {
	if !hasLetterOrSep(n) {
		return time.Time{}, model.PrecisionNone, false
	}
	var loc *time.Location
	if i := strings.LastIndexByte(n, ' '); i > 0 {
		if off, ok := zones[n[i+1:]]; ok {
			loc = time.FixedZone(n[i+1:], off)
			n = n[:i]
		}
	}
	ps, cfg := engine()
	d, err := ps.Parse(cfg, n)
	if err != nil || d.IsZero() || !plausible(d.Time) {
		return time.Time{}, model.PrecisionNone, false
	}
	t := d.Time
	if loc != nil {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	return t, p, true
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
// after abbreviations ("Nov."), "at" before the time, and "a.m."/"p.m.",
// and capitalises month and weekday names so time.Parse layouts match.
func normalise(s string) string {
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		lw := strings.ToLower(strings.TrimRight(w, ".,"))
		switch lw {
		case "at", "on", "|", "-", "–", "—", "•", "·", "/", "":
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
		} else if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") || strings.HasSuffix(w, "AM") || strings.HasSuffix(w, "PM") {
			if hasDigit(w) {
				w = strings.ToUpper(w[:len(w)-2]) + " " + strings.ToUpper(w[len(w)-2:])
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
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
			if strings.Count(l, "1") == 1 && strings.Contains(l, "2") && (strings.Contains(l, "2006") || strings.Contains(l, "06")) {
				year, month, day = true, true, true
			}
		}
		b.WriteString(l)
		b.WriteString(comma)
	}
	// A date needs day, month and year: "2024" or "November 2019" alone is
	// left to the strict slow path (which rejects it).
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
// as dateparser reads English), 11/20/19 and 20.11.2019 (European order).
func numericDateLayout(w string) (string, bool) {
	for _, sep := range []string{"-", "/", "."} {
		parts := strings.Split(w, sep)
		if len(parts) != 3 {
			continue
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
			if sep == "." {
				return "2" + sep + "1" + sep + y, true
			}
			return "1" + sep + "2" + sep + y, true
		}
		return "", false
	}
	return "", false
}
