// Package htmleval measures byline on saved HTML pages exactly as
// ../shared/eval/scorers/score_html.py does: it loads the folder with the
// product's loader (corpus.Load: charset, extraction, metadata, recurrence,
// everything `byline show --json` runs), takes each page's first article,
// and scores body (4-word shingles of \w+ tokens, per-page normalised
// true/false positives, precision and recall averaged over pages), title,
// byline and date with the scorer's rules. Its figures and the scorer's
// must agree; TestHarnessAgreesWithScorer checks that when python3 is
// available.
package htmleval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"byline/corpus"
	"byline/model"
)

// Gold is one page of a set's gold.jsonl.
type Gold struct {
	ID        string `json:"id"`
	Host      string `json:"host"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Body      string `json:"body"`
}

// ReadGold reads a gold.jsonl, keeping only English pages when asked (gold
// body stop-word share above 0.2, the scorers' rule).
func ReadGold(file string, english bool) ([]Gold, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Gold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if english && !English(g.Body) {
			continue
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// Prediction is what the product gave for one page.
type Prediction struct {
	Body      string
	Title     string
	Authors   []string
	Published string // as show --json prints it
	Found     bool
}

// Predict loads dir with the product's loader (no cache) and returns the
// first article of each page, by page ID (the file name without its
// .html/.htm/.txt extension), plus the CPU time the load took.
func Predict(ctx context.Context, dir string, ext *regexp.Regexp) (map[string]Prediction, time.Duration, error) {
	c, elapsed, err := LoadTimed(ctx, dir)
	if err != nil {
		return nil, 0, err
	}
	out := map[string]Prediction{}
	for _, a := range c.Articles {
		base := filepath.Base(a.Path)
		if !ext.MatchString(base) {
			continue
		}
		id := base[:strings.LastIndexByte(base, '.')]
		if _, ok := out[id]; ok {
			continue
		}
		out[id] = predictionOf(a)
	}
	return out, elapsed, nil
}

// LoadTimed loads a path with the product's loader (no cache) and returns
// the CPU time of the process while it ran: on a shared machine, wall time
// measures the neighbours.
func LoadTimed(ctx context.Context, path string) (*model.Corpus, time.Duration, error) {
	runtime.GC()
	before := CPUTime()
	c, err := corpus.Load(ctx, []string{path}, corpus.Options{})
	return c, CPUTime() - before, err
}

// CPUTime is the process's user and system time so far.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func predictionOf(a *model.Article) Prediction {
	r := a.Record()
	return Prediction{Body: strings.Join(a.Body, "\n\n"), Title: r.Title, Authors: r.Authors, Published: r.Published, Found: true}
}

// HTMLPages and TextPages match the page files of each kind of set.
var (
	HTMLPages = regexp.MustCompile(`(?i)\.html?$`)
	TextPages = regexp.MustCompile(`\.txt$`)
)

// PageScore is one page's result.
type PageScore struct {
	ID                     string
	F1                     float64
	TP, FP, FN             float64
	Missing                bool
	TitleExact, TitleLen   bool
	Byline, Date, DateZone *bool // nil when the gold has none
}

// Summary is a set's result.
type Summary struct {
	Pages, Missing int
	P, R, F1       float64
	TitleExact     Ratio
	TitleLenient   Ratio
	Byline         Ratio
	Date, DateZone Ratio
	PerPage        []PageScore   // worst body first
	Elapsed        time.Duration // CPU time of the load
}

// Ratio is k right out of n.
type Ratio struct{ K, N int }

func (r Ratio) Value() float64 {
	if r.N == 0 {
		return 1
	}
	return float64(r.K) / float64(r.N)
}

func (r Ratio) String() string {
	if r.N == 0 {
		return "n/a (0 pages)"
	}
	return fmt.Sprintf("%.3f (%d/%d)", r.Value(), r.K, r.N)
}

// Score scores predictions against gold as score_html.py does.
func Score(gold []Gold, pred map[string]Prediction) Summary {
	s := Summary{Pages: len(gold)}
	var sumP, sumR float64
	var nP, nR int
	for _, g := range gold {
		p, ok := pred[g.ID]
		ps := PageScore{ID: g.ID, Missing: !ok}
		if !ok {
			s.Missing++
		}
		ps.TP, ps.FP, ps.FN = tpfpfn(g.Body, p.Body)
		if ps.TP+ps.FP > 0 {
			sumP += prec(ps.TP, ps.FP, ps.FN)
			nP++
		}
		if ps.TP+ps.FN > 0 {
			sumR += rec(ps.TP, ps.FP, ps.FN)
			nR++
		}
		pp, rr := prec(ps.TP, ps.FP, ps.FN), rec(ps.TP, ps.FP, ps.FN)
		if pp+rr > 0 {
			ps.F1 = 2 * pp * rr / (pp + rr)
		}
		if g.Title != "" {
			ps.TitleExact = normTitle(p.Title) == normTitle(g.Title)
			ps.TitleLen = ps.TitleExact || tokenF1(g.Title, p.Title) >= 0.9
			s.TitleExact.N++
			s.TitleLenient.N++
			if ps.TitleExact {
				s.TitleExact.K++
			}
			if ps.TitleLen {
				s.TitleLenient.K++
			}
		}
		if gw := nameWords(g.Byline); len(gw) > 0 {
			pw := map[string]bool{}
			for _, w := range words(strings.Join(p.Authors, " ; ")) {
				pw[w] = true
			}
			right := false
			for w := range gw {
				right = right || pw[w]
			}
			ps.Byline = &right
			s.Byline.N++
			if right {
				s.Byline.K++
			}
		}
		if gd := day(g.Published); gd != "" {
			pd := day(p.Published)
			right := pd == gd
			zone := right || zoneDays(g.Published)[pd]
			ps.Date, ps.DateZone = &right, &zone
			s.Date.N++
			s.DateZone.N++
			if right {
				s.Date.K++
			}
			if zone {
				s.DateZone.K++
			}
		}
		s.PerPage = append(s.PerPage, ps)
	}
	if nP > 0 {
		s.P = sumP / float64(nP)
	}
	if nR > 0 {
		s.R = sumR / float64(nR)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	sort.SliceStable(s.PerPage, func(i, j int) bool { return s.PerPage[i].F1 < s.PerPage[j].F1 })
	return s
}

// Run loads dir and scores it against goldFile.
func Run(ctx context.Context, dir, goldFile string, english bool, pages *regexp.Regexp) (Summary, error) {
	gold, err := ReadGold(goldFile, english)
	if err != nil {
		return Summary{}, err
	}
	pred, elapsed, err := Predict(ctx, dir, pages)
	if err != nil {
		return Summary{}, err
	}
	s := Score(gold, pred)
	s.Elapsed = elapsed
	return s, nil
}

// ---- the scorer's metric, rule for rule ----

// isWord is Python's \w on str: letters, numbers (Nd, Nl, No), underscore.
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

func tokens(s string) []string { return strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) }

// shingles are the 4-grams of tokens; a text of one to three tokens is one
// shingle of them all.
func shingles(s string) map[string]int {
	t := tokens(s)
	m := map[string]int{}
	n := max(1, len(t)-3)
	for i := 0; i < n; i++ {
		end := min(i+4, len(t))
		if i >= end {
			continue
		}
		m[strings.Join(t[i:end], "\x00")]++
	}
	return m
}

func tpfpfn(gold, pred string) (tp, fp, fn float64) {
	a, b := shingles(gold), shingles(pred)
	for k, x := range a {
		y := b[k]
		tp += float64(min(x, y))
		fn += float64(max(0, x-y))
	}
	for k, y := range b {
		fp += float64(max(0, y-a[k]))
	}
	sum := tp + fp + fn
	if sum == 0 {
		return 0, 0, 0
	}
	return tp / sum, fp / sum, fn / sum
}

func prec(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func rec(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the of and to a in that is for on it with as was he said by at from his be have has an are this but not they who were had which their been would will its she her we more about after also than") {
		stop[w] = true
	}
}

// English is the scorers' test: the share of stop words among the words is
// above 0.2.
func English(text string) bool {
	w := tokens(text)
	if len(w) == 0 {
		return false
	}
	n := 0
	for _, x := range w {
		if stop[strings.ToLower(x)] {
			n++
		}
	}
	return float64(n)/float64(len(w)) > 0.2
}

var quoteMap = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'", "`", "'", "\u00b4", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u00ab", `"`, "\u00bb", `"`, "\u2033", `"`)

var folder = cases.Fold()

func normTitle(t string) string {
	return strings.Join(strings.Fields(folder.String(quoteMap.Replace(norm.NFKC.String(t)))), " ")
}

func words(t string) []string {
	ts := tokens(norm.NFKC.String(t))
	for i, w := range ts {
		ts[i] = folder.String(w)
	}
	return ts
}

func tokenF1(a, b string) float64 {
	x, y := map[string]int{}, map[string]int{}
	for _, w := range words(a) {
		x[w]++
	}
	for _, w := range words(b) {
		y[w]++
	}
	tp, nx, ny := 0, 0, 0
	for w, n := range x {
		tp += min(n, y[w])
		nx += n
	}
	for _, n := range y {
		ny += n
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(ny), float64(tp)/float64(nx)
	return 2 * p * r / (p + r)
}

var notName = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`by par por von und and et y e the of at am pm on in for with from to via de la le staff writer
writers reporter reporters correspondent editor editors contributor contributors senior written posted updated
update last published follow author authors news share more projects project jan feb mar apr may jun jul aug sep
sept oct nov dec january february march april june july august september october november december`) {
		notName[w] = true
	}
}

func nameWords(byline string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(byline) {
		if len([]rune(w)) > 1 && !strings.ContainsFunc(w, unicode.IsDigit) && !notName[w] {
			out[w] = true
		}
	}
	return out
}

var (
	dayRe   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	stampRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$`)
)

func day(s string) string {
	return dayRe.FindString(strings.TrimSpace(s))
}

// zoneDays are the calendar dates of a gold time with a UTC offset in any
// zone from UTC-12 to UTC+14.
func zoneDays(s string) map[string]bool {
	s = strings.TrimSpace(s)
	m := stampRe.FindStringSubmatch(s)
	if m == nil {
		if d := day(s); d != "" {
			return map[string]bool{d: true}
		}
		return map[string]bool{}
	}
	var y, mo, d, h, mi int
	fmt.Sscanf(m[1]+" "+m[2]+" "+m[3]+" "+m[4]+" "+m[5], "%d %d %d %d %d", &y, &mo, &d, &h, &mi)
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, time.UTC)
	if off := m[7]; off != "Z" {
		var oh, om int
		fmt.Sscanf(off[1:3], "%d", &oh)
		fmt.Sscanf(off[len(off)-2:], "%d", &om)
		delta := time.Duration(oh)*time.Hour + time.Duration(om)*time.Minute
		if off[0] == '+' {
			t = t.Add(-delta)
		} else {
			t = t.Add(delta)
		}
	}
	out := map[string]bool{}
	for z := -12; z <= 14; z++ {
		out[t.Add(time.Duration(z)*time.Hour).Format("2006-01-02")] = true
	}
	return out
}
