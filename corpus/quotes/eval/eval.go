// Package eval scores byline's quotation extraction against the gold
// annotations in ../shared/eval/quotes (polnear-train, polnear-dev) by the
// rules of ../shared/eval/scorers/score_quotes.py, reproduced exactly so
// that the figures here equal the scorer's:
//
//   - predictions are the quotations `byline quotes --json` prints (kind
//     "quote"; terms and headline quotes are not counted); a quotation over
//     several paragraphs is scored paragraph by paragraph, as the gold is;
//   - a predicted quotation matches a gold one when the bag-of-tokens F1
//     (lower-cased \w+ tokens) of the two is at least 0.8; matching is one
//     to one, best pairs first (ties: later gold, then later prediction
//     first, as Python's reverse sort of (score, gold, prediction) orders
//     them);
//   - speaker accuracy counts the matched quotations whose gold
//     speaker_resolved is a proper name (a capitalised word that is not a
//     title) with a head word; the speaker is right when that head word
//     (bracketed text and party tags removed, cut at the first comma,
//     possessives removed, titles skipped) is a token of the predicted
//     speaker and the predicted speaker has at most 6 tokens.
//
// Two ways to get predictions: Product loads the set's text folder through
// the corpus loader (cleaning, extraction and the corpus-wide speaker merge,
// as the CLI does), so its figures are the product's; Raw runs Extract on
// the text files split into paragraphs (no cleaning) and merges speakers
// the same way, for development while the cleaner is being changed.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/corpus"
	"byline/corpus/quotes"
	"byline/model"
)

// GoldQuote is one annotated quotation.
type GoldQuote struct {
	Text            string `json:"text"`
	Speaker         string `json:"speaker"`
	SpeakerResolved string `json:"speaker_resolved"`
	Cue             string `json:"cue"`
	Partial         bool   `json:"partial"`
}

// Doc is one article of an eval set with its gold annotations.
type Doc struct {
	ID           string
	Quotes       []GoldQuote
	Unattributed []string
}

// Article is what byline made of one article: the body it kept and its
// quotations (all kinds; Score counts the quotations).
type Article struct {
	Title  string
	Body   []string
	Quotes []model.Quote
}

// LoadGold reads the gold annotations of the eval set in dir (gold.jsonl).
func LoadGold(dir string) ([]Doc, error) {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g struct {
			Article      string      `json:"article"`
			Quotes       []GoldQuote `json:"quotes"`
			Unattributed []string    `json:"unattributed"`
		}
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("gold.jsonl: %w", err)
		}
		docs = append(docs, Doc{ID: g.Article, Quotes: g.Quotes, Unattributed: g.Unattributed})
	}
	return docs, sc.Err()
}

// Product loads dir/text through the corpus loader, as `byline quotes
// --json` does (no cache), and returns each article by the scorer's key:
// the file name without its extension.
func Product(ctx context.Context, dir string) (map[string]Article, error) {
	c, err := corpus.Load(ctx, []string{filepath.Join(dir, "text")}, corpus.Options{})
	if err != nil {
		return nil, err
	}
	out := make(map[string]Article, len(c.Articles))
	for _, a := range c.Articles {
		out[stem(a.Path)] = Article{Title: a.Title, Body: a.Body, Quotes: a.Quotes}
	}
	return out, nil
}

// Raw reads dir/text/<article>.txt for each gold article (title on line 1,
// paragraphs separated by blank lines), runs Extract on it without any
// cleaning and merges speakers over the set as the loader does.
func Raw(docs []Doc, dir string) (map[string]Article, error) {
	return RawWith(docs, dir, quotes.Extract)
}

// RawWith is Raw with another extractor (quotes.ExtractCascade, to
// compare the cascade alone with the ranker).
func RawWith(docs []Doc, dir string, extract func(string, []string) []model.Quote) (map[string]Article, error) {
	arts := make([]*model.Article, 0, len(docs))
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(dir, "text", d.ID+".txt"))
		if err != nil {
			return nil, err
		}
		title, body := SplitText(string(b))
		arts = append(arts, &model.Article{ID: d.ID, Title: title, Body: body, Quotes: extract(title, body)})
	}
	quotes.Merge(arts)
	out := make(map[string]Article, len(arts))
	for _, a := range arts {
		out[a.ID] = Article{Title: a.Title, Body: a.Body, Quotes: a.Quotes}
	}
	return out, nil
}

// ReadText reads the text of a gold article: its title and paragraphs.
func ReadText(dir, id string) (string, []string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
	if err != nil {
		return "", nil, err
	}
	title, body := SplitText(string(b))
	return title, body, nil
}

// SplitText splits a text file into its title (line 1) and paragraphs
// (blocks separated by blank lines; lines inside a block are joined).
func SplitText(s string) (string, []string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	title, rest, _ := strings.Cut(s, "\n")
	var body []string
	for _, block := range strings.Split(rest, "\n\n") {
		b := strings.TrimSpace(strings.Join(strings.Split(strings.TrimSpace(block), "\n"), " "))
		if b != "" {
			body = append(body, b)
		}
	}
	return strings.TrimSpace(title), body
}

// stem is the scorer's article key of a path: its base name without the
// extension.
func stem(path string) string {
	b := filepath.Base(path)
	if i := strings.LastIndexByte(b, '.'); i >= 0 {
		return b[:i]
	}
	return b
}

// isWord is Python's \w for str patterns: letters, numbers and the
// underscore.
func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

// Tokens are the lower-cased \w+ runs of s.
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if !isWord(r2) {
				break
			}
			j += s2
		}
		out = append(out, strings.ToLower(s[i:j]))
		i = j
	}
	return out
}

// TokenF1 is the scorer's f1(gold, predicted): the bag-of-tokens F1, with
// precision over the predicted tokens.
func TokenF1(gold, pred []string) float64 {
	cnt := make(map[string]int, len(gold))
	for _, t := range gold {
		cnt[t]++
	}
	ov := 0
	for _, t := range pred {
		if cnt[t] > 0 {
			cnt[t]--
			ov++
		}
	}
	if ov == 0 {
		return 0
	}
	p := float64(ov) / float64(len(pred))
	r := float64(ov) / float64(len(gold))
	return 2 * p * r / (p + r)
}

// titles are the scorer's TITLES: words skipped when reading a head word
// and when judging a speaker proper.
var titles = toSet(`mr mrs ms miss dr prof sen rep gov gen president secretary minister senator
representative governor general sir lord lady judge chief the former vice deputy us u s`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var (
	bracketed = regexp.MustCompile(`\([^)]*\)`)
	partyTag  = regexp.MustCompile(`[DRI]-[A-Z]`)
)

// HeadWord is the scorer's head(): bracketed text and party tags ("R-Wis.")
// removed, cut at the first comma, possessives removed, the last token that
// is not a title.
func HeadWord(s string) string {
	s = bracketed.ReplaceAllString(s, " ")
	s = removePartyTags(s)
	s, _, _ = strings.Cut(s, ",")
	s = removePossessives(s)
	t := Tokens(s)
	for i := len(t) - 1; i >= 0; i-- {
		if !titles[t[i]] {
			return t[i]
		}
	}
	return ""
}

// removePartyTags is re.sub(r"\b[DRI]-[A-Z][\w.]*", " ", s) with Python's
// Unicode word boundary.
func removePartyTags(s string) string {
	var b strings.Builder
	i := 0
	for {
		loc := partyTag.FindStringIndex(s[i:])
		if loc == nil {
			break
		}
		lo, hi := i+loc[0], i+loc[1]
		if lo > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:lo]); isWord(r) {
				b.WriteString(s[i : lo+1])
				i = lo + 1
				continue
			}
		}
		for hi < len(s) {
			r, size := utf8.DecodeRuneInString(s[hi:])
			if !isWord(r) && r != '.' {
				break
			}
			hi += size
		}
		b.WriteString(s[i:lo])
		b.WriteByte(' ')
		i = hi
	}
	b.WriteString(s[i:])
	return b.String()
}

// removePossessives is re.sub(r"['’]s\b", "", s).
func removePossessives(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '\'' || r == '’') && i+size < len(s) && s[i+size] == 's' {
			end := i + size + 1
			if end == len(s) {
				i = end
				continue
			}
			if r2, _ := utf8.DecodeRuneInString(s[end:]); !isWord(r2) {
				i = end
				continue
			}
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// Proper is the scorer's proper(): a word of s (an ASCII letter and then
// word characters, apostrophes and hyphens) starts with a capital and is
// not a title or an article.
func Proper(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		j := i + 1
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWord(r) && r != '\'' && r != '-' {
				break
			}
			j += size
		}
		w := strings.ToLower(s[i:j])
		if 'A' <= c && c <= 'Z' && !titles[w] && w != "the" && w != "a" && w != "an" {
			return true
		}
		i = j
	}
	return false
}

// maxSpeakerTokens: a speaker is a name or a short description, not a
// clause.
const maxSpeakerTokens = 6

// Judged reports whether a gold speaker counts toward speaker accuracy.
func Judged(gold string) bool { return Proper(gold) && HeadWord(gold) != "" }

// SpeakerRight applies the scorer's rule to a judged gold speaker.
func SpeakerRight(gold, pred string) bool {
	h := HeadWord(gold)
	pt := Tokens(pred)
	if h == "" || len(pt) > maxSpeakerTokens {
		return false
	}
	for _, t := range pt {
		if t == h {
			return true
		}
	}
	return false
}

// Counted reports whether a prediction counts as a quotation: the CLI
// prints quotations (not terms), and the scorer skips headline quotes.
func Counted(q model.Quote) bool { return q.Kind == model.KindQuote }

// Error is one scoring error.
type Error struct {
	Kind    string
	Doc     string
	Text    string
	Gold    string // gold speaker
	Pred    string // predicted speaker / mention
	Context string
}

// Result holds the scores of one run.
type Result struct {
	Docs, Gold, Pred, Matched int
	// Judged matched quotations (gold speaker a proper name) and those
	// with the right speaker.
	Judged, SpeakerRight int
	Errors               []Error
}

func (r Result) Precision() float64 { return ratio(r.Matched, r.Pred) }
func (r Result) Recall() float64    { return ratio(r.Matched, r.Gold) }
func (r Result) F1() float64 {
	p, q := r.Precision(), r.Recall()
	if p+q == 0 {
		return 0
	}
	return 2 * p * q / (p + q)
}
func (r Result) SpeakerAccuracy() float64 { return ratio(r.SpeakerRight, r.Judged) }

// Summary is the scorer's two lines, with the speaker counts added.
func (r Result) Summary(set string) string {
	return fmt.Sprintf("gold %d predicted %d matched %d; speakers judged %d\nquotes %s: F1 %.3f P %.3f R %.3f speaker %.3f (%d/%d)",
		r.Gold, r.Pred, r.Matched, r.Judged, set, r.F1(), r.Precision(), r.Recall(), r.SpeakerAccuracy(), r.SpeakerRight, r.Judged)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// piece is one paragraph of a predicted quotation.
type piece struct {
	text string
	q    *model.Quote
	toks []string
}

// Score scores the articles byline made (keyed by article ID) against the
// gold docs.
func Score(docs []Doc, arts map[string]Article) Result {
	var res Result
	res.Docs = len(docs)
	for _, d := range docs {
		a := arts[d.ID]
		var preds []piece
		for i := range a.Quotes {
			q := &a.Quotes[i]
			if !Counted(*q) {
				continue
			}
			for _, p := range splitLines(q.Text) {
				preds = append(preds, piece{text: p, q: q, toks: Tokens(p)})
			}
		}
		gtoks := make([][]string, len(d.Quotes))
		for i, g := range d.Quotes {
			gtoks[i] = Tokens(g.Text)
		}
		res.Gold += len(d.Quotes)
		res.Pred += len(preds)
		ptoks := make([][]string, len(preds))
		for i := range preds {
			ptoks[i] = preds[i].toks
		}
		gm := make([]bool, len(d.Quotes))
		pm := make([]bool, len(preds))
		for _, pr := range match(gtoks, ptoks) {
			gm[pr[0]], pm[pr[1]] = true, true
			res.Matched++
			g, p := d.Quotes[pr[0]], preds[pr[1]].q
			if !Judged(g.SpeakerResolved) {
				continue
			}
			res.Judged++
			if SpeakerRight(g.SpeakerResolved, p.Speaker) {
				res.SpeakerRight++
				continue
			}
			kind := "wrong speaker"
			switch {
			case p.Speaker == "":
				kind = "missing speaker"
			case len(Tokens(p.Speaker)) > maxSpeakerTokens:
				kind = "speaker too long"
			case isPronoun(g.Speaker):
				kind = "wrong speaker (gold mention a pronoun)"
			}
			res.Errors = append(res.Errors, Error{Kind: kind, Doc: d.ID, Text: p.Text, Gold: g.SpeakerResolved + " [" + g.Speaker + "]",
				Pred: p.Speaker + " [" + p.Mention + " / " + p.Cue + "]", Context: excerpt(a, p)})
		}
		for gi, g := range d.Quotes {
			if gm[gi] {
				continue
			}
			e := Error{Kind: "missed quote (not found)", Doc: d.ID, Text: g.Text, Gold: g.SpeakerResolved + " [" + g.Speaker + " / " + g.Cue + "]"}
			for i := range a.Quotes {
				q := &a.Quotes[i]
				f := TokenF1(gtoks[gi], Tokens(q.Text))
				if !Counted(*q) && f >= 0.8 {
					e.Kind = "missed quote (marked " + q.Kind.String() + ")"
					e.Context = excerpt(a, q)
					break
				}
				if Counted(*q) && f >= 0.3 {
					e.Kind = "missed quote (text boundaries)"
					e.Context = excerpt(a, q)
				}
			}
			res.Errors = append(res.Errors, e)
		}
		for pi, p := range preds {
			if pm[pi] {
				continue
			}
			kind := "spurious quote (not in gold)"
			for _, u := range d.Unattributed {
				if TokenF1(Tokens(u), p.toks) >= 0.8 {
					kind = "spurious quote (gold unattributed)"
					break
				}
			}
			if kind == "spurious quote (not in gold)" {
				for gi := range d.Quotes {
					if TokenF1(gtoks[gi], p.toks) >= 0.3 {
						kind = "spurious quote (text boundaries)"
						break
					}
				}
			}
			if kind == "spurious quote (not in gold)" && p.q.Speaker == "" {
				kind = "spurious quote (not in gold, no speaker)"
			}
			res.Errors = append(res.Errors, Error{Kind: kind, Doc: d.ID, Text: p.text,
				Pred: p.q.Speaker + " [" + p.q.Mention + " / " + p.q.Cue + "]", Context: excerpt(a, p.q)})
		}
	}
	return res
}

// match pairs gold and predicted token lists as the scorer does: token F1
// at least 0.8, one to one, best pairs first (ties: later gold, then later
// prediction first). It returns the (gold, prediction) index pairs.
func match(gold, pred [][]string) [][2]int {
	type pair struct {
		f    float64
		g, p int
	}
	var pairs []pair
	for gi := range gold {
		for pi := range pred {
			if f := TokenF1(gold[gi], pred[pi]); f >= 0.8 {
				pairs = append(pairs, pair{f, gi, pi})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		x, y := pairs[i], pairs[j]
		if x.f != y.f {
			return x.f > y.f
		}
		if x.g != y.g {
			return x.g > y.g
		}
		return x.p > y.p
	})
	gm := make([]bool, len(gold))
	pm := make([]bool, len(pred))
	var out [][2]int
	for _, pr := range pairs {
		if gm[pr.g] || pm[pr.p] {
			continue
		}
		gm[pr.g], pm[pr.p] = true, true
		out = append(out, [2]int{pr.g, pr.p})
	}
	return out
}

// Match pairs an article's counted quotations with its gold quotations as
// the scorer does (a quotation over several paragraphs by its pieces): for
// each of quotes, the index of its gold quotation, or -1.
func Match(gold []GoldQuote, quotes []model.Quote) []int {
	gtoks := make([][]string, len(gold))
	for i, g := range gold {
		gtoks[i] = Tokens(g.Text)
	}
	var ptoks [][]string
	var owner []int
	for i, q := range quotes {
		if !Counted(q) {
			continue
		}
		for _, p := range splitLines(q.Text) {
			ptoks = append(ptoks, Tokens(p))
			owner = append(owner, i)
		}
	}
	out := make([]int, len(quotes))
	for i := range out {
		out[i] = -1
	}
	for _, pr := range match(gtoks, ptoks) {
		if q := owner[pr[1]]; out[q] < 0 {
			out[q] = pr[0]
		}
	}
	return out
}

// splitLines is the scorer's re.split(r"\n+", text) keeping the pieces
// that are not blank.
func splitLines(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func isPronoun(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "he", "she", "they", "it", "we", "i", "you", "his", "her", "their":
		return true
	}
	return false
}

func excerpt(a Article, q *model.Quote) string {
	if q.Paragraph < 0 || int(q.Paragraph) >= len(a.Body) {
		return ""
	}
	p := a.Body[q.Paragraph]
	lo, hi := int(q.Start)-150, int(q.End)+150
	if q.EndParagraph != q.Paragraph {
		hi = len(p)
	}
	lo = max(lo, 0)
	hi = min(hi, len(p))
	for lo > 0 && !utf8.RuneStart(p[lo]) {
		lo--
	}
	for hi < len(p) && !utf8.RuneStart(p[hi]) {
		hi++
	}
	return p[lo:hi]
}

// ErrorCount is how many errors of one kind a run made.
type ErrorCount struct {
	Kind  string
	Count int
}

// ErrorCounts groups errors by kind, most frequent first.
func (r Result) ErrorCounts() []ErrorCount {
	m := map[string]int{}
	for _, e := range r.Errors {
		m[e.Kind]++
	}
	out := make([]ErrorCount, 0, len(m))
	for k, v := range m {
		out = append(out, ErrorCount{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}
