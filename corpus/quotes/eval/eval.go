// Package eval scores byline's quotation extraction against the gold
// annotations in ../shared/eval/quotes (polnear-dev, polnear-train), exactly
// as ../shared/README.md describes:
//
//   - a predicted quotation matches a gold one when the bag-of-tokens F1 of
//     the two texts is at least 0.8; matching is one to one (greedy, best
//     pairs first);
//   - predictions whose kind is term, scare, title or headline are not
//     quotations and are not counted;
//   - a speaker is right when the head word of the gold speaker_resolved
//     (titles, bracketed party tags and possessive removed) is a word of the
//     predicted speaker and the predicted speaker has at most 6 words.
//
// Speaker accuracy is the number of matched quotations with a right speaker
// over the number of matched quotations. A gold quotation without a speaker
// counts as right only when the prediction has no speaker either.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

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
	Title        string
	Body         []string
	Quotes       []GoldQuote
	Unattributed []string
}

// Load reads the eval set in dir (gold.jsonl and text/<article>.txt). Each
// text file has the title on its first line and paragraphs separated by
// blank lines.
func Load(dir string) ([]Doc, error) {
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
		b, err := os.ReadFile(filepath.Join(dir, "text", g.Article+".txt"))
		if err != nil {
			return nil, err
		}
		title, body := SplitText(string(b))
		docs = append(docs, Doc{ID: g.Article, Title: title, Body: body, Quotes: g.Quotes, Unattributed: g.Unattributed})
	}
	return docs, sc.Err()
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

// Tokens are the lower-cased letter/digit runs of s.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// TokenF1 is the bag-of-tokens F1 of two texts.
func TokenF1(a, b string) float64 {
	ta, tb := Tokens(a), Tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	cnt := map[string]int{}
	for _, t := range ta {
		cnt[t]++
	}
	common := 0
	for _, t := range tb {
		if cnt[t] > 0 {
			cnt[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(tb))
	r := float64(common) / float64(len(ta))
	return 2 * p * r / (p + r)
}

var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"president": true, "senator": true, "governor": true, "jr": true, "sr": true, "ii": true, "iii": true,
	"prof": true, "rev": true, "gen": true, "lt": true, "col": true, "sgt": true, "capt": true,
}

// ofTitles take an "of" phrase as part of the title: "Secretary of State".
var ofTitles = map[string]bool{
	"secretary": true, "minister": true, "director": true, "chairman": true, "chairwoman": true,
	"chair": true, "speaker": true, "attorney": true, "commissioner": true, "chief": true,
	"department": true, "ministry": true, "university": true, "house": true, "bank": true,
	"state": true, "general": true, "chancellor": true, "mayor": true, "governor": true,
}

// HeadWord is the head word of a gold speaker, lower-cased: bracketed party
// tags are removed, an apposition or relative clause after a comma is cut
// ("Rep. Jim Clyburn (D-S.C.), the assistant leader of …" → clyburn), a
// prepositional phrase after a common noun is cut ("a narrator in the Clinton
// ad" → narrator), and the last remaining word that is not a title is taken
// with its possessive removed.
func HeadWord(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	t := b.String()
	if i := strings.IndexByte(t, ','); i > 0 && strings.TrimSpace(t[:i]) != "" {
		t = t[:i]
	}
	words := strings.Fields(t)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && (lw == "who" || lw == "which" || lw == "that") {
			words = words[:i]
			break
		}
		if i > 0 && (lw == "in" || lw == "at" || lw == "for" || lw == "from" || lw == "with" || lw == "of" || lw == "on") {
			// cut after a common noun, keep "Secretary of State Antony Blinken"
			prev := words[i-1]
			if pw := normWord(prev); !titles[pw] && !ofTitles[pw] {
				words = words[:i]
				break
			}
		}
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := normWord(words[i])
		if w == "" || titles[w] {
			continue
		}
		return w
	}
	return ""
}

func normWord(w string) string {
	w = strings.ToLower(w)
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		w = strings.TrimSuffix(w, suf)
	}
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// SpeakerRight applies the README rule.
func SpeakerRight(gold, pred string) bool {
	h := HeadWord(gold)
	if h == "" {
		return strings.TrimSpace(pred) == ""
	}
	words := strings.Fields(pred)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		// hyphenated or dotted names count by their parts too
		if normWord(w) == h {
			return true
		}
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' }) {
			if normWord(part) == h {
				return true
			}
		}
	}
	return false
}

// Counted reports whether a prediction counts as a quotation.
func Counted(q model.Quote) bool {
	switch q.Kind {
	case model.KindTerm, model.KindHeadline:
		return false
	}
	return true
}

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
	Docs, Gold, Pred, Matched, SpeakerRight int
	Errors                                  []Error
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
func (r Result) SpeakerAccuracy() float64 { return ratio(r.SpeakerRight, r.Matched) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Extractor is the function under test.
type Extractor func(title string, body []string) []model.Quote

// Score runs ex over docs.
func Score(docs []Doc, ex Extractor) Result {
	var res Result
	res.Docs = len(docs)
	for _, d := range docs {
		all := ex(d.Title, d.Body)
		var preds []model.Quote
		for _, q := range all {
			if Counted(q) {
				preds = append(preds, q)
			}
		}
		res.Gold += len(d.Quotes)
		res.Pred += len(preds)
		type pair struct {
			g, p int
			f    float64
		}
		var pairs []pair
		for gi, g := range d.Quotes {
			for pi, p := range preds {
				if f := TokenF1(g.Text, p.Text); f >= 0.8 {
					pairs = append(pairs, pair{gi, pi, f})
				}
			}
		}
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].f > pairs[j].f })
		gm := make([]int, len(d.Quotes))
		pm := make([]int, len(preds))
		for i := range gm {
			gm[i] = -1
		}
		for i := range pm {
			pm[i] = -1
		}
		for _, pr := range pairs {
			if gm[pr.g] >= 0 || pm[pr.p] >= 0 {
				continue
			}
			gm[pr.g], pm[pr.p] = pr.p, pr.g
			res.Matched++
			g, p := d.Quotes[pr.g], preds[pr.p]
			if SpeakerRight(g.SpeakerResolved, p.Speaker) {
				res.SpeakerRight++
			} else {
				kind := "wrong speaker"
				switch {
				case p.Speaker == "" && strings.TrimSpace(g.SpeakerResolved) != "":
					kind = "missing speaker"
				case strings.TrimSpace(g.SpeakerResolved) == "":
					kind = "speaker where gold has none"
				case len(strings.Fields(p.Speaker)) > 6:
					kind = "speaker too long"
				case isPronoun(g.Speaker):
					kind = "wrong speaker (gold mention a pronoun)"
				}
				res.Errors = append(res.Errors, Error{Kind: kind, Doc: d.ID, Text: p.Text, Gold: g.SpeakerResolved + " [" + g.Speaker + "]", Pred: p.Speaker + " [" + p.Mention + " / " + p.Cue + "]", Context: context(d, p)})
			}
		}
		for gi, g := range d.Quotes {
			if gm[gi] >= 0 {
				continue
			}
			kind := "missed quote (not found)"
			for _, q := range all {
				if !Counted(q) && TokenF1(g.Text, q.Text) >= 0.8 {
					kind = "missed quote (marked " + q.Kind.String() + ")"
					break
				}
				if Counted(q) && TokenF1(g.Text, q.Text) >= 0.3 {
					kind = "missed quote (text boundaries)"
				}
			}
			res.Errors = append(res.Errors, Error{Kind: kind, Doc: d.ID, Text: g.Text, Gold: g.SpeakerResolved})
		}
		for pi, p := range preds {
			if pm[pi] >= 0 {
				continue
			}
			kind := "spurious quote (not in gold)"
			for _, u := range d.Unattributed {
				if TokenF1(u, p.Text) >= 0.8 {
					kind = "spurious quote (gold unattributed)"
					break
				}
			}
			if kind == "spurious quote (not in gold)" {
				for _, g := range d.Quotes {
					if TokenF1(g.Text, p.Text) >= 0.3 {
						kind = "spurious quote (text boundaries)"
						break
					}
				}
			}
			if kind == "spurious quote (not in gold)" && p.Speaker == "" {
				kind = "spurious quote (not in gold, no speaker)"
			}
			res.Errors = append(res.Errors, Error{Kind: kind, Doc: d.ID, Text: p.Text, Pred: p.Speaker + " [" + p.Mention + " / " + p.Cue + "]", Context: context(d, p)})
		}
	}
	return res
}

func isPronoun(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "he", "she", "they", "it", "we", "i", "you", "his", "her", "their":
		return true
	}
	return false
}

func context(d Doc, q model.Quote) string {
	if q.Paragraph < 0 || int(q.Paragraph) >= len(d.Body) {
		return ""
	}
	p := d.Body[q.Paragraph]
	lo, hi := int(q.Start)-150, int(q.End)+150
	if q.EndParagraph != q.Paragraph {
		hi = len(p)
	}
	if lo < 0 {
		lo = 0
	}
	if hi > len(p) {
		hi = len(p)
	}
	for lo > 0 && !utf8Start(p[lo]) {
		lo--
	}
	for hi < len(p) && !utf8Start(p[hi]) {
		hi++
	}
	return p[lo:hi]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// ErrorCounts groups errors by kind, most frequent first.
func (r Result) ErrorCounts() []struct {
	Kind  string
	Count int
} {
	m := map[string]int{}
	for _, e := range r.Errors {
		m[e.Kind]++
	}
	out := make([]struct {
		Kind  string
		Count int
	}, 0, len(m))
	for k, v := range m {
		out = append(out, struct {
			Kind  string
			Count int
		}{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}
