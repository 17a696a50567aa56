package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"byline/model"
	"byline/sanitize"
)

// clean makes text safe and single-line for the screen. Corpus text is
// sanitised when it is loaded already; this is the second lock, for text
// that reaches the screen by another way too (a folder name, an error).
func clean(s string) string { return sanitize.Line(s) }

// fit truncates s (which may hold ANSI styles) to w cells and pads it with
// spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

func padLeft(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		hi = lo
	}
	return min(max(v, lo), hi)
}

func itoa(n int) string { return strconv.Itoa(n) }

// ratio is "a/b": a position or a count out of a total.
// countText is a count as the status line shows it; an estimate (a
// database's, for a long list) reads "~1.2M", "~45k".
func countText(n int, estimated bool) string {
	if !estimated {
		return grouped(n)
	}
	switch {
	case n >= 10_000_000:
		return fmt.Sprintf("~%dM", (n+500_000)/1_000_000)
	case n >= 1_000_000:
		return fmt.Sprintf("~%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("~%dk", (n+500)/1000)
	case n >= 1000:
		return fmt.Sprintf("~%.1fk", float64(n)/1e3)
	}
	return "~" + itoa(n)
}

// grouped is n with thousands separated from 10,000 up ("2225",
// "1,000,000"): a million articles' counts read at a glance.
func grouped(n int) string {
	s := itoa(n)
	if n < 10_000 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shortError is the last part of an error (what went wrong, without the
// chain of what was being done), for the status line.
func shortError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && len(s)-i > 12 {
		s = s[i+2:]
	}
	return s
}

func ratio(a, b int) string { return fmt.Sprintf("%d/%d", a, b) }

// markFind styles the occurrences of the folded term in a rendered line
// (which holds glamour's styles) with st, keeping the rest as it was.
func markFind(line, term string, st lipgloss.Style) string {
	plain := ansi.Strip(line)
	folded, idx := model.FoldMap(plain)
	var ranges []lipgloss.Range
	for from := 0; from < len(folded); {
		j := strings.Index(folded[from:], term)
		if j < 0 {
			break
		}
		a, b := idx[from+j], idx[from+j+len(term)]
		if a < b {
			ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(plain[:a]), ansi.StringWidth(plain[:b]), st))
		}
		from += j + max(len(term), 1)
	}
	return lipgloss.StyleRanges(line, ranges...)
}

// highlight styles the parts of s (plain text, already fitted) that match
// any of the folded terms with hl, the rest with base.
func highlight(s string, terms []string, base, hl lipgloss.Style) string {
	if len(terms) == 0 || s == "" {
		return base.Render(s)
	}
	folded, idx := model.FoldMap(s)
	mark := make([]bool, len(s)+1)
	any := false
	for _, t := range terms {
		if t == "" {
			continue
		}
		for from := 0; from < len(folded); {
			j := strings.Index(folded[from:], t)
			if j < 0 {
				break
			}
			a, b := idx[from+j], idx[from+j+len(t)]
			for k := a; k < b; k++ {
				mark[k] = true
			}
			any = any || a < b
			from += j + max(len(t), 1)
		}
	}
	if !any {
		return base.Render(s)
	}
	var out strings.Builder
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || mark[i] != mark[start] {
			seg := s[start:i]
			if mark[start] {
				out.WriteString(hl.Render(seg))
			} else {
				out.WriteString(base.Render(seg))
			}
			start = i
		}
	}
	return out.String()
}

// cursorMark puts a marker in the first column of the selected row, so the
// cursor is visible without colour or reverse video too.
func cursorMark(line string) string {
	if strings.HasPrefix(line, " ") {
		return "›" + line[1:]
	}
	return line
}

// widthOf is the display width of s (which may hold ANSI styles).
func widthOf(s string) int { return ansi.StringWidth(s) }

// stripped is s without its ANSI styles.
func stripped(s string) string { return ansi.Strip(s) }
