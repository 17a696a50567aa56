package stories

import (
	"slices"
	"strings"
	"time"

	"byline/model"
)

// Echo is one quotation found in several articles: the same words of one
// speaker, as each outlet gave them.
type Echo struct {
	// Speaker is the canonical speaker ("" when no appearance names one).
	Speaker string
	// Appearances are ordered by publication, the first first; undated
	// ones last.
	Appearances []Appearance
}

// Appearance is one article's wording of an echoed quotation.
type Appearance struct {
	Article   string
	Quote     int // index in the article's Quotes
	Source    string
	Title     string
	Published time.Time
	Precision model.Precision
	Text      string
	// Copies are other articles with the very same text, outlet and
	// date (a file held twice): the same appearance.
	Copies []string
}

// Dated reports whether the appearance's article has a date.
func (a *Appearance) Dated() bool {
	return a.Precision != model.PrecisionNone && !a.Published.IsZero()
}

// First is the appearance that had the quotation first: the earliest
// dated one; ok is false when no appearance is dated (nobody can tell).
func (e *Echo) First() (*Appearance, bool) {
	if len(e.Appearances) == 0 || !e.Appearances[0].Dated() {
		return nil, false
	}
	return &e.Appearances[0], true
}

// Others returns the IDs of the articles other than id that carry the
// quotation.
func (e *Echo) Others(id string) []string {
	var out []string
	add := func(a string) {
		if a != id && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	for _, a := range e.Appearances {
		add(a.Article)
		for _, c := range a.Copies {
			add(c)
		}
	}
	return out
}

// EchoOf returns the echo that quotation qi of article id belongs to.
func (s *Set) EchoOf(id string, qi int) (*Echo, bool) {
	i, ok := s.echoIndex(id, qi)
	if !ok {
		return nil, false
	}
	return s.Echoes[i], true
}

func (s *Set) echoIndex(id string, qi int) (int32, bool) {
	if s == nil {
		return 0, false
	}
	r, ok := s.ref(id)
	if !ok {
		return 0, false
	}
	return s.echoIndexOf(r.text, qi)
}

// echoIndexOf finds the echo of quotation qi of a text (by its number).
func (s *Set) echoIndexOf(text int32, qi int) (int32, bool) {
	i, ok := slices.BinarySearchFunc(s.echo, echoRef{text: text, quote: int32(qi)}, compareEchoRefs)
	if !ok {
		return 0, false
	}
	return s.echo[i].echo, true
}

// echoRef says which echo quotation quote of a text belongs to (a text
// by its number in the build: every copy of it carries the quotation).
type echoRef struct {
	text, quote int32
	echo        int32
}

func compareEchoRefs(a, b echoRef) int {
	if a.text != b.text {
		return int(a.text - b.text)
	}
	return int(a.quote - b.quote)
}

// Echo thresholds: quotations are one when the words of the shorter are
// (nearly) all in the longer — a trimmed quotation is still the same one
// — and the shorter has enough words to mean something.
const (
	echoOverlap  = 0.8
	echoMinWords = 4
)

// quoteWords are a quotation's words for comparison: folded, marks,
// brackets and ellipses left out, as sorted distinct hashes.
func quoteWords(text string) []uint32 { return quoteWordsInto(text, nil) }

// quoteWordsInto is quoteWords reusing buf for the words as written.
func quoteWordsInto(text string, buf *[]token) []uint32 {
	if strings.ContainsAny(text, "[]") {
		text = strings.Map(func(r rune) rune {
			if r == '[' || r == ']' {
				return -1
			}
			return r
		}, text)
	}
	var toks []token
	if buf != nil {
		toks = tokens(text, (*buf)[:0])
		*buf = toks
	} else {
		toks = tokens(text, nil)
	}
	out := make([]uint32, 0, len(toks))
	for _, t := range toks {
		out = append(out, uint32(hash64(t.word)))
	}
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// intersect counts the common elements of two sorted slices.
func intersect(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// echoQuote is one quotation as echo finding sees it.
type echoQuote struct {
	art     int32 // index in the articles
	text    int32 // its text's number (its index in reps)
	quote   int32
	speaker string
	words   []uint32
}

// findEchoes groups the corpus's quotations that are one quotation in
// several articles. It compares the quotations of reps, one article per
// distinct text; copies(r) lists every article whose text is rep r's
// (r included), and each carries the echo too. pairs, when set, is told
// every pair of reps sharing a quotation.
func findEchoes(arts []*model.Article, reps []int32, copies func(int32) []int32, pairs func(a, b int32)) ([]*Echo, []echoRef) {
	// Counted first: qs is sized once.
	nq := 0
	for _, ai := range reps {
		for qi := range arts[ai].Quotes {
			if arts[ai].Quotes[qi].IsQuotation() {
				nq++
			}
		}
	}
	qs := make([]echoQuote, 0, nq)
	var buf []token
	// A quotation's words are worked out once per wording (near-copies
	// of a text repeat its quotations word for word): a wording's hash
	// finds the first quotation that had it (its text compared, so a
	// collision only costs the work again: 32 bits are enough, and half
	// the map) — an index in qs, or in short for a wording of too few
	// words to be kept.
	type quoteAt struct{ art, quote int32 }
	var short []quoteAt
	wordings := map[uint32]int32{}
	textOf := func(at quoteAt) string { return arts[at.art].Quotes[at.quote].Text }
	for t, ai := range reps {
		a := arts[ai]
		for qi := range a.Quotes {
			q := &a.Quotes[qi]
			if !q.IsQuotation() {
				continue
			}
			h := uint32(hash64(q.Text))
			k, seen := wordings[h]
			var w []uint32
			switch {
			case seen && k < 0 && textOf(short[-k-1]) == q.Text:
				continue // too short, as before
			case seen && k >= 0 && textOf(quoteAt{qs[k].art, qs[k].quote}) == q.Text:
				w = qs[k].words
			default:
				w = quoteWordsInto(q.Text, &buf)
				if !seen {
					if len(w) < echoMinWords {
						short = append(short, quoteAt{ai, int32(qi)})
						wordings[h] = -int32(len(short))
					} else {
						wordings[h] = int32(len(qs))
					}
				}
			}
			if len(w) < echoMinWords {
				continue
			}
			qs = append(qs, echoQuote{art: ai, text: int32(t), quote: int32(qi), speaker: q.Speaker, words: w})
		}
	}
	wordings, short = nil, nil
	// Candidates share a word that few quotations have.
	df := map[uint32]int32{}
	for _, q := range qs {
		for _, w := range q.words {
			df[w]++
		}
	}
	const maxPostings = 400
	// The same words of one speaker in several articles (a text and its
	// near-copies) are compared once: the first stands for its class.
	// Quotations are sorted by speaker and a hash of their words, so
	// each run of equal keys is one candidate class, its first first.
	canon := make([]int32, len(qs))
	others := map[int32][]int32{} // a class's first -> the rest of it
	{
		sum := make([]uint64, len(qs))
		order := make([]int32, len(qs))
		for i := range qs {
			canon[i], order[i] = int32(i), int32(i)
			var h hasher
			for _, w := range qs[i].words {
				h.add(uint64(w))
			}
			sum[i] = h.sum()
		}
		slices.SortFunc(order, func(x, y int32) int {
			if c := strings.Compare(qs[x].speaker, qs[y].speaker); c != 0 {
				return c
			}
			if sum[x] != sum[y] {
				if sum[x] < sum[y] {
					return -1
				}
				return 1
			}
			return int(x - y)
		})
		for lo := 0; lo < len(order); {
			c, hi := order[lo], lo+1
			for hi < len(order) && qs[order[hi]].speaker == qs[c].speaker && sum[order[hi]] == sum[c] {
				hi++
			}
			for _, i := range order[lo+1 : hi] {
				if qs[c].art != qs[i].art && slices.Equal(qs[c].words, qs[i].words) {
					canon[i] = c
					others[c] = append(others[c], i)
				}
			}
			lo = hi
		}
	}
	class := func(c int32) []int32 { return append([]int32{c}, others[c]...) }
	// Posting lists in one array, counted then filled (as in Build),
	// for the words with 1 < df <= maxPostings.
	lists := newPostingLists[uint32, int32](df, 1, maxPostings)
	df = nil
	for i, q := range qs {
		if canon[i] != int32(i) {
			continue
		}
		for _, w := range q.words {
			lists.count(w)
		}
	}
	lists.layout()
	for i, q := range qs {
		if canon[i] != int32(i) {
			continue
		}
		for _, w := range q.words {
			lists.put(w, int32(i))
		}
	}
	lists.filled()
	post := lists.list
	// A quotation is a candidate of another when it has a posted word.
	posted := func(q *echoQuote) bool { return slices.ContainsFunc(q.words, lists.has) }
	parent := make([]int32, len(qs))
	speaker := make([]string, len(qs))
	for i := range parent {
		parent[i] = canon[i]
		speaker[i] = qs[i].speaker
	}
	for c, rest := range others {
		if !posted(&qs[c]) {
			// Never a candidate of any other: each its own, as before.
			for _, m := range rest {
				parent[m] = m
			}
			continue
		}
		if pairs != nil {
			cl := class(c)
			for x := range cl {
				for y := range x {
					if qs[cl[x]].art != qs[cl[y]].art {
						pairs(qs[cl[y]].art, qs[cl[x]].art)
					}
				}
			}
		}
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	touched := make([]bool, len(qs))
	var js []int32
	for i := range qs {
		if canon[i] != int32(i) {
			continue
		}
		a := &qs[i]
		js = js[:0]
		for _, w := range a.words {
			for _, j := range post(w) {
				if j > int32(i) && !touched[j] {
					touched[j] = true
					js = append(js, j)
				}
			}
		}
		for _, j := range js {
			touched[j] = false
		}
		slices.Sort(js)
		for _, j := range js {
			b := &qs[j]
			if a.art == b.art && len(others[int32(i)]) == 0 && len(others[j]) == 0 {
				continue
			}
			if a.speaker != "" && b.speaker != "" && a.speaker != b.speaker {
				continue
			}
			short := min(len(a.words), len(b.words))
			if float64(intersect(a.words, b.words)) < echoOverlap*float64(short) {
				continue
			}
			// Every quotation of the one class is this echo of every
			// one of the other (in another article).
			linked := false
			for _, x := range class(int32(i)) {
				for _, y := range class(j) {
					if qs[x].art != qs[y].art {
						linked = true
						if pairs != nil {
							pairs(qs[x].art, qs[y].art)
						}
					}
				}
			}
			if !linked {
				continue
			}
			ri, rj := find(int32(i)), find(j)
			if ri == rj {
				continue
			}
			// One speaker per echo.
			if speaker[ri] != "" && speaker[rj] != "" && speaker[ri] != speaker[rj] {
				continue
			}
			if speaker[ri] == "" {
				speaker[ri] = speaker[rj]
			}
			parent[rj] = ri
		}
	}
	// Each root's members in one array, in order (counted, then filled):
	// groupStart[r] to groupStart[r+1] are root r's.
	rootOf := make([]int32, len(qs))
	groupStart := make([]int32, len(qs)+1)
	for i := range qs {
		rootOf[i] = find(int32(i))
		groupStart[rootOf[i]+1]++
	}
	for r := range qs {
		groupStart[r+1] += groupStart[r]
	}
	grouped := make([]int32, len(qs))
	fill := slices.Clone(groupStart[:len(qs)])
	for i, r := range rootOf {
		grouped[fill[r]] = int32(i)
		fill[r]++
	}
	fill, rootOf = nil, nil
	// Copies of one text by one outlet at one time are one appearance (a
	// corpus holding a file twice); the others are its Copies, worked out
	// once per text and shared by its quotations' echoes.
	type outletCopies struct {
		first  int32
		copies []string
	}
	byText := make([][]outletCopies, len(reps)) // by text number
	outletsOf := func(q *echoQuote) []outletCopies {
		if gs := byText[q.text]; gs != nil {
			return gs
		}
		rep := q.art
		type at struct {
			src  string
			when int64
		}
		byAt := map[at]int{}
		var gs []outletCopies
		// Counted, then filled: each group's copies sized to them (a
		// text's 19 copies grown one by one allocated 63 places).
		var count []int
		for _, ai := range copies(rep) {
			a := arts[ai]
			k := at{a.Source, a.Published.UnixNano()}
			if i, ok := byAt[k]; ok {
				count[i]++
				continue
			}
			byAt[k] = len(gs)
			gs = append(gs, outletCopies{first: ai})
			count = append(count, 0)
		}
		for i, c := range count {
			if c > 0 {
				gs[i].copies = make([]string, 0, c)
			}
		}
		for _, ai := range copies(rep) {
			a := arts[ai]
			if i := byAt[at{a.Source, a.Published.UnixNano()}]; gs[i].first != ai {
				gs[i].copies = append(gs[i].copies, a.ID)
			}
		}
		byText[q.text] = gs
		return gs
	}
	// An echo is a root whose members are carried by two articles or
	// more (counted first: echoes is sized once).
	echoed := func(members []int32) bool {
		n := 0
		for _, m := range members {
			n += len(copies(qs[m].art))
		}
		return n >= 2
	}
	nEchoes := 0
	for r := range int32(len(qs)) {
		if members := grouped[groupStart[r]:groupStart[r+1]]; len(members) > 0 && echoed(members) {
			nEchoes++
		}
	}
	echoes := make([]*Echo, 0, nEchoes)
	index := make([]echoRef, 0, len(qs))
	for r := range int32(len(qs)) {
		members := grouped[groupStart[r]:groupStart[r+1]]
		if len(members) == 0 || !echoed(members) {
			continue
		}
		// Sized to its appearances: regrowth kept up to twice what an
		// echo of 20 near-copies needs.
		size := 0
		for _, m := range members {
			size += len(outletsOf(&qs[m]))
		}
		e := &Echo{Speaker: speaker[r], Appearances: make([]Appearance, 0, size)}
		for _, m := range members {
			for _, g := range outletsOf(&qs[m]) {
				a := arts[g.first]
				e.Appearances = append(e.Appearances, Appearance{Article: a.ID, Quote: int(qs[m].quote), Source: a.Source,
					Title: a.Title, Published: a.Published, Precision: a.DatePrecision, Text: a.Quotes[qs[m].quote].Text,
					Copies: g.copies})
			}
			index = append(index, echoRef{text: qs[m].text, quote: qs[m].quote, echo: int32(len(echoes))})
		}
		sortAppearances(e.Appearances)
		echoes = append(echoes, e)
	}
	// Most echoed first, then by first appearance.
	order := make([]int32, len(echoes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		return len(echoes[y].Appearances) - len(echoes[x].Appearances)
	})
	sorted := make([]*Echo, len(echoes))
	remap := make([]int32, len(echoes))
	for k, i := range order {
		sorted[k] = echoes[i]
		remap[i] = int32(k)
	}
	for k := range index {
		index[k].echo = remap[index[k].echo]
	}
	slices.SortFunc(index, compareEchoRefs)
	return sorted, slices.Clip(index)
}

// sortAppearances orders appearances by publication: dated first,
// earliest first; ties and undated ones by article ID.
func sortAppearances(as []Appearance) {
	slices.SortStableFunc(as, func(a, b Appearance) int {
		if a.Dated() != b.Dated() {
			if a.Dated() {
				return -1
			}
			return 1
		}
		if a.Dated() && !a.Published.Equal(b.Published) {
			return a.Published.Compare(b.Published)
		}
		if a.Article != b.Article {
			return strings.Compare(a.Article, b.Article)
		}
		return a.Quote - b.Quote
	})
}
