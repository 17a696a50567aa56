package model

import (
	"strings"
	"time"
)

// MonthByName reads an English month name as news text writes it: the full
// name or its three-letter abbreviation ("Sept" too), in any case, with or
// without a full stop ("March", "mar", "Sept."). Longer prefixes ("Marc")
// are not months here: they are names.
func MonthByName(w string) (time.Month, bool) {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if w == "sept" {
		return time.September, true
	}
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if w == full || w == full[:3] {
			return m, true
		}
	}
	return 0, false
}

// WeekdayByName reads an English weekday name or its three-letter
// abbreviation, in any case, with or without a full stop.
func WeekdayByName(w string) (time.Weekday, bool) {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := strings.ToLower(d.String())
		if w == full || w == full[:3] {
			return d, true
		}
	}
	return 0, false
}

// monthByPrefix reads a month as a filter query types it: at least three
// letters of its English name ("mar", "marc", "march", "sept").
func monthByPrefix(w string) (time.Month, bool) {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if len(w) < 3 {
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), w) {
			return m, true
		}
	}
	return 0, false
}
