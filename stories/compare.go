package stories

import (
	"slices"
	"strings"

	"byline/model"
)

// Row is one line of a comparison of two articles: a sentence of the
// left article, of the right one, or of both when they match.
type Row struct {
	Left, Right string // "" when that side has nothing here
	// Match says how the two sides relate: only one side has the
	// sentence, both have it word for word, or both have it reworded
	// (Ops is then the word diff from left to right).
	Match Match
	Ops   []Op
	// Quote: the sentences carry the same quotation (an echo).
	Quote bool
}

// Match is how the two sides of a Row relate.
type Match uint8

const (
	OnlyLeft Match = iota
	OnlyRight
	Identical
	Reworded
)

// compareMin is the Dice coefficient of two sentences' content words
// (shared words over their mean count) from which they are one sentence,
// reworded: half their words in common.
const compareMin = 0.5

type sentence struct {
	text   string
	words  []uint32 // content words, sorted, distinct
	echoes []int32  // echoes whose quotation it carries
}

// sentencesOf splits an article into sentences (the headline first), and
// notes which carry an echoed quotation.
func (s *Set) sentencesOf(a *model.Article) []sentence {
	var out []sentence
	add := func(text string, para int) {
		from := 0
		for _, t := range sentences(text) {
			st := sentence{text: t}
			at := strings.Index(text[from:], t) + from
			if at < from {
				at = from
			}
			from = at + len(t)
			for _, tok := range tokens(t, nil) {
				if contentWord(tok.word) {
					st.words = append(st.words, uint32(hash64(stem(tok.word))))
				}
			}
			slices.Sort(st.words)
			st.words = slices.Compact(st.words)
			if s != nil && para >= 0 {
				for qi := range a.Quotes {
					q := &a.Quotes[qi]
					if int(q.Paragraph) != para {
						continue
					}
					e, ok := s.echoIndex(a.ID, qi)
					if !ok {
						continue
					}
					// The quotation overlaps this sentence.
					end := int(q.End)
					if q.EndParagraph != q.Paragraph {
						end = len(text)
					}
					if int(q.Start) < at+len(t) && end > at {
						st.echoes = append(st.echoes, e)
					}
				}
			}
			out = append(out, st)
		}
	}
	if !a.TitleDerived && a.Title != "" {
		add(a.Title, -1)
	}
	if a.Standfirst != "" {
		add(a.Standfirst, -1)
	}
	for i, p := range a.Body {
		add(p, i)
	}
	return out
}

func sentenceSimilarity(x, y *sentence) (float64, bool) {
	quote := false
	for _, e := range x.echoes {
		if slices.Contains(y.echoes, e) {
			quote = true
		}
	}
	var sim float64
	if min(len(x.words), len(y.words)) >= 3 {
		sim = 2 * float64(intersect(x.words, y.words)) / float64(len(x.words)+len(y.words))
	}
	if quote {
		sim = max(sim, compareMin+0.2)
	}
	return sim, quote
}

// Compare aligns two articles sentence by sentence, in order: matching
// sentences (the same words, or most of them reworded, or the same
// quotation) side by side, the rest on their own side. The alignment
// maximises the matched similarity (dynamic programming, as a diff does
// with lines).
func (s *Set) Compare(left, right *model.Article) []Row {
	L, R := s.sentencesOf(left), s.sentencesOf(right)
	n, m := len(L), len(R)
	// best[i][j]: the best total over L[i:], R[j:].
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, m)
		for j := range m {
			v, _ := sentenceSimilarity(&L[i], &R[j])
			if v >= compareMin {
				sim[i][j] = v
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			b := max(best[i+1][j], best[i][j+1])
			if sim[i][j] > 0 {
				b = max(b, sim[i][j]+best[i+1][j+1])
			}
			best[i][j] = b
		}
	}
	var rows []Row
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && sim[i][j] > 0 && best[i][j] == sim[i][j]+best[i+1][j+1]:
			_, quote := sentenceSimilarity(&L[i], &R[j])
			r := Row{Left: L[i].text, Right: R[j].text, Quote: quote}
			ops := Diff(L[i].text, R[j].text)
			switch {
			case Unchanged(ops):
				r.Match = Identical
			case quote || sameShare(ops) >= 0.4:
				r.Match, r.Ops = Reworded, ops
			default:
				// The same words in another order, or few of them: two
				// sentences, not one reworded.
				rows = append(rows, Row{Left: L[i].text, Match: OnlyLeft}, Row{Right: R[j].text, Match: OnlyRight})
				i++
				j++
				continue
			}
			rows = append(rows, r)
			i++
			j++
		case i < n && (j >= m || best[i][j] == best[i+1][j]):
			rows = append(rows, Row{Left: L[i].text, Match: OnlyLeft})
			i++
		default:
			rows = append(rows, Row{Right: R[j].text, Match: OnlyRight})
			j++
		}
	}
	return rows
}

// sameShare is the share of the longer wording's words a diff kept.
func sameShare(ops []Op) float64 {
	same, left, right := 0, 0, 0
	for _, op := range ops {
		n, m := len(strings.Fields(op.Ref)), len(strings.Fields(op.Text))
		left += n
		right += m
		if op.Kind == Same {
			same += n
		}
	}
	if max(left, right) == 0 {
		return 1
	}
	return float64(same) / float64(max(left, right))
}
