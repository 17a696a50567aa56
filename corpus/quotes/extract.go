package quotes

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"byline/model"
)

// qstate is a quotation being attributed.
type qstate struct {
	raw       rawQuote
	text      string
	sp, ep    int // start and end paragraph
	stok      int // token index of the quote in paragraph sp
	etok      int // token index of the quote in paragraph ep
	words     int
	endsSent  bool // text ends with . ! ? …
	endsStop  bool // text ends with a full stop (not ? ! …)
	sentStart bool // nothing of its sentence precedes it

	speaker, mention, role, cue string
	gender                      string
	isOrg                       bool
	attributed                  bool  // speaker found from a cue, not inherited
	nickname                    bool  // a nickname inside a name: August “Bud” Busch
	step                        uint8 // which rule of the cascade attributed it (step*)
	idx                         int   // its index in art.qs
	kind                        model.QuoteKind
}

type histEntry struct {
	name      string
	gender    string
	org, desc bool
	para, tok int
}

// art is the per-article attribution state.
type art struct {
	title   string
	body    []string
	toks    [][]token
	qs      []*qstate
	hist    []histEntry
	gender  map[string]string
	full    map[string]string // surname -> full name ("" when ambiguous/unknown)
	midCap  map[string]bool   // word -> written capitalised inside a sentence
	nameBuf []string
	counts  map[string]int    // countWord's answers
	roles   map[string]string // roleOf's answers
	rs      *rankScratch      // the ranker's working memory
	arena   []token           // backing store of toks, reused across calls
}

var arenaPool = sync.Pool{New: func() any { s := make([]token, 0, 8192); return &s }}

var statePool = sync.Pool{New: func() any { return new([]qstate) }}

// tokenizeInto tokenizes p into the arena when it fits.
func (a *art) tokenizeInto(p string, regs []region) []token {
	n := len(a.arena)
	free := cap(a.arena) - n
	if free < len(p)/3+8 {
		return tokenize(p, regs, make([]token, 0, len(p)/5+8))
	}
	t := tokenize(p, regs, a.arena[n:n:cap(a.arena)])
	if cap(t) == free {
		a.arena = a.arena[:n+len(t)]
	}
	return t
}

// Extract finds every quotation in an article's cleaned headline and body
// paragraphs and attributes it.
func Extract(title string, body []string) []model.Quote {
	return extract(title, body, rankWeights, nil)
}

// ExtractCascade is Extract without the ranker: the cascade of rules
// alone (for comparing the two).
func ExtractCascade(title string, body []string) []model.Quote {
	return extract(title, body, nil, nil)
}

// extract is Extract with the ranker's weights (nil: the cascade alone)
// and, for fitting them, a function told each quotation's candidates.
func extract(title string, body []string, weights *Weights, collect func(*qstate, []candidate)) []model.Quote {
	heads := scanMarks([]string{title}, true)
	raws := scanMarks(body, false)
	var out []model.Quote
	if n := len(heads) + len(raws); n > 0 {
		out = make([]model.Quote, 0, n) // (no spare capacity for a corpus to keep)
	}
	for _, rq := range heads {
		sp := rq.parts[0]
		out = append(out, model.Quote{
			Text: title[sp.start:sp.end], Kind: model.KindHeadline,
			Paragraph: -1, Start: int32(sp.start), End: int32(sp.end), EndParagraph: -1, Partial: true,
		})
	}
	if len(raws) == 0 {
		return out
	}
	a := &art{title: title, body: body, toks: make([][]token, len(body)), qs: make([]*qstate, 0, len(raws))}
	// regions per paragraph
	regs := make(map[int][]region)
	for qi, rq := range raws {
		for _, sp := range rq.parts {
			lo := sp.openAt
			if lo < 0 {
				lo = sp.start
			}
			regs[sp.para] = append(regs[sp.para], region{lo: lo, hi: sp.closeEnd, q: qi})
		}
	}
	ap := arenaPool.Get().(*[]token)
	a.arena = (*ap)[:0]
	defer func() {
		clear(a.arena)
		*ap = a.arena[:0]
		arenaPool.Put(ap)
	}()
	for pi, rs := range regs {
		a.toks[pi] = a.tokenizeInto(body[pi], rs)
	}
	// The quotations' states, reused from article to article: nothing
	// holds one once extract returns.
	sp := statePool.Get().(*[]qstate)
	states := slices.Grow((*sp)[:0], len(raws))[:len(raws)]
	defer func() {
		clear(states)
		*sp = states[:0]
		statePool.Put(sp)
	}()
	for qi, rq := range raws {
		q := &states[qi]
		*q = qstate{raw: rq, kind: model.KindQuote}
		first, last := rq.parts[0], rq.parts[len(rq.parts)-1]
		q.sp, q.ep = first.para, last.para
		if len(rq.parts) == 1 {
			q.text = body[first.para][first.start:first.end]
		} else {
			var b strings.Builder
			for i, sp := range rq.parts {
				if i > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(body[sp.para][sp.start:sp.end])
			}
			q.text = b.String()
		}
		q.stok = findQuoteTok(a.toks[q.sp], qi)
		q.etok = findQuoteTok(a.toks[q.ep], qi)
		q.words = countWordsIn(q.text)
		t := strings.TrimRightFunc(q.text, func(r rune) bool { return isSpaceLike(r) || isDoubleMark(r) || isSingleMark(r) })
		if t != "" {
			r, _ := utf8.DecodeLastRuneInString(t)
			q.endsSent = r == '.' || r == '!' || r == '?' || r == '…'
			q.endsStop = r == '.'
		}
		q.idx = len(a.qs)
		a.qs = append(a.qs, q)
	}
	for _, q := range a.qs {
		if a.isNickname(q) {
			q.kind, q.nickname = model.KindTerm, true
			a.toks[q.sp][q.stok].nick = true
		}
	}
	if weights != nil || collect != nil {
		defer a.useScratch()()
	}
	for _, q := range a.qs {
		if q.nickname {
			continue
		}
		a.attribute(q)
		if q.kind == model.KindQuote && (weights != nil || collect != nil) {
			a.rank(q, weights, collect)
		}
	}
	for _, q := range a.qs {
		if q.kind == model.KindQuote && q.role == "" && q.speaker != "" && !q.isOrg && strings.Contains(q.speaker, " ") {
			// "Mr Ryabkov said", where the article wrote "Russia’s Deputy
			// Foreign Minister Sergei Ryabkov" earlier
			q.role = a.roleOf(q.speaker)
		}
	}
	for _, q := range a.qs {
		first, last := q.raw.parts[0], q.raw.parts[len(q.raw.parts)-1]
		out = append(out, model.Quote{
			Text: q.text, Speaker: q.speaker, Mention: q.mention, Role: q.role,
			Cue: q.cue, Partial: !q.sentStart || startsLower(q.text), Kind: q.kind,
			Paragraph: int32(first.para), Start: int32(first.start), End: int32(last.end), EndParagraph: int32(last.para),
		})
	}
	return out
}

// isNickname reports whether q is a nickname in marks inside a person's
// name: one or two capitalised words between a first name and a surname
// (August “Bud” Busch, John “Tig” Tiegen).
func (a *art) isNickname(q *qstate) bool {
	if len(q.raw.parts) != 1 || q.words > 2 || q.stok < 1 || !titleCase(q.text) || !endsWord(q.text) {
		return false
	}
	ts := a.toks[q.sp]
	if q.stok+1 >= len(ts) {
		return false
	}
	prev, next := &ts[q.stok-1], &ts[q.stok+1]
	// (capStop is not consulted: "August" is a month and a first name)
	first := prev.kind == tkWord && prev.capital && !prev.abbr && !isPossessive(prev.text) && !stopWords[prev.low] && !determiners[prev.low] && pronouns[prev.low] == ""
	return first && isNameTok(next)
}

func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

func findQuoteTok(ts []token, qi int) int {
	for i := range ts {
		if ts[i].kind == tkQuote && ts[i].q == qi {
			return i
		}
	}
	return -1
}

func countWordsIn(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// sentenceStart is where the sentence ending just before token end starts
// (not before lo): walking a paragraph back sentence by sentence.
func (a *art) sentenceStart(ts []token, end, lo int) int {
	start := end - 1
	for start > lo && !a.isBoundary(ts, start-1) {
		start--
	}
	return start
}

// beforeOwnSentence is where the text before token tok's sentence ends: a
// quotation's own sentence is not a candidate for what a pronoun in it
// stands for.
func (a *art) beforeOwnSentence(ts []token, tok int) int {
	end := max(tok, 0)
	for end > 0 && !a.isBoundary(ts, end-1) {
		end--
	}
	return end
}

// isBoundary reports whether token i ends a sentence.
func (a *art) isBoundary(ts []token, i int) bool {
	t := &ts[i]
	if t.kind == tkPunct {
		return t.sentEnd
	}
	if t.kind == tkQuote {
		q := a.qs[t.q]
		if !q.endsSent {
			return false
		}
		// a quotation ending a sentence is a boundary unless a cue follows
		if i+1 >= len(ts) {
			return true
		}
		n := &ts[i+1]
		if n.kind == tkQuote {
			return true
		}
		if n.kind == tkWord && n.capital {
			// “…?” Biden asked. — the sentence goes on; after a full stop
			// a reporting clause would have taken a comma, so a new
			// sentence starts.
			if q.endsStop {
				return true
			}
			if j := a.cueAfterNP(ts, i+1); j >= 0 {
				return false
			}
			return true
		}
	}
	return false
}

// sentBounds returns [lo, hi) token bounds of the sentence containing token k.
func (a *art) sentBounds(ts []token, k int) (int, int) {
	lo := a.sentenceStart(ts, k+1, 0)
	hi := k + 1
	for hi < len(ts) && !(ts[hi-1].kind != tkQuote && a.isBoundary(ts, hi-1)) {
		if ts[hi-1].kind == tkQuote && hi-1 != k && a.isBoundary(ts, hi-1) {
			break
		}
		hi++
	}
	return lo, hi
}

func isCue(t *token) bool { return t.kind == tkWord && cueSet[t.low] }

// phrasalCues are reporting verbs made of a verb and a particle: "shot
// back", "went on", "chimed in".
var phrasalCues = map[string]string{
	"shot": "back", "shoots": "back", "fired": "back", "fires": "back", "hit": "back", "hits": "back",
	"pushed": "back", "pushes": "back", "went": "on", "goes": "on", "chimed": "in", "chimes": "in",
	"weighed": "in", "weighs": "in", "piped": "up", "spoke": "up", "summed": "up", "sums": "up",
}

// phrasalCue reports whether ts[c] starts a phrasal reporting verb.
func phrasalCue(ts []token, c int) bool {
	p, ok := phrasalCues[ts[c].low]
	return ok && ts[c].kind == tkWord && c+1 < len(ts) && ts[c+1].low == p &&
		(c+2 >= len(ts) || ts[c+2].kind != tkWord || ts[c+2].low != "to" && ts[c+2].low != "with" && ts[c+2].low != "about")
}

func isAccording(ts []token, i int) bool {
	return i+1 < len(ts) && ts[i].kind == tkWord && ts[i].low == "according" && ts[i+1].low == "to"
}

func isLyAdverb(t *token) bool {
	return t.kind == tkWord && !t.capital && len(t.low) > 4 && strings.HasSuffix(t.low, "ly") &&
		t.low != "only" && t.low != "family" && t.low != "ally" && t.low != "rally"
}

// skipBack moves j back over auxiliaries, adverbs and time phrases.
func skipBack(ts []token, j, lo int) int {
	for j >= lo {
		t := &ts[j]
		if t.kind != tkWord {
			return j
		}
		switch {
		case skipWords[t.low] || isLyAdverb(t):
			j--
		case weekdays[t.low] && j-1 >= lo && (ts[j-1].low == "on" || ts[j-1].low == "last" || ts[j-1].low == "this" || ts[j-1].low == "late" || ts[j-1].low == "early"):
			j -= 2
		default:
			return j
		}
	}
	return j
}

// skipFwd moves j forward over auxiliaries, adverbs and time phrases.
func skipFwd(ts []token, j, hi int) int {
	for j < hi {
		t := &ts[j]
		if t.kind != tkWord {
			return j
		}
		switch {
		case skipWords[t.low] || isLyAdverb(t):
			j++
		case (t.low == "on" || t.low == "last" || t.low == "this") && j+1 < hi && weekdays[ts[j+1].low]:
			j += 2
		default:
			return j
		}
	}
	return j
}

func isNameTok(t *token) bool {
	if t.kind != tkWord {
		return false
	}
	if t.capital {
		return !capStop[t.low]
	}
	return false
}

// backNP finds a noun phrase ending at token j (after skipping
// auxiliaries); it returns its bounds or -1.
func backNP(ts []token, j, lo int) (int, int) {
	j = skipBack(ts, j, lo)
	if j < lo {
		return -1, -1
	}
	t := &ts[j]
	if t.kind == tkWord && !t.capital || t.kind == tkWord && t.capital && pronouns[t.low] != "" && t.low != "i" {
		if _, ok := pronouns[t.low]; ok {
			return j, j
		}
	}
	end := j
	b := j
	if t.kind == tkPunct && t.text == ")" {
		k := j - 1
		for k >= lo && ts[k].text != "(" && j-k < 8 {
			k--
		}
		if k < lo || ts[k].text != "(" || k-1 < lo || !isNameTok(&ts[k-1]) {
			return -1, -1
		}
		b = k - 1
	} else if t.kind != tkWord {
		return -1, -1
	}
	if isNameTok(&ts[b]) || ts[b].abbr && ts[b].capital {
		// name mode
		for b-1 >= lo && end-b < 12 {
			p := &ts[b-1]
			if p.kind == tkQuote && p.nick && b-2 >= lo {
				// August “Bud” Busch: the first name before the nickname
				b -= 2
				continue
			}
			if p.kind == tkPunct && p.text == ")" {
				k := b - 2
				for k >= lo && ts[k].text != "(" && b-k < 8 {
					k--
				}
				if k-1 >= lo && ts[k].text == "(" && isNameTok(&ts[k-1]) {
					b = k - 1
					continue
				}
				break
			}
			if p.kind == tkPunct && (p.text == "’" || p.text == "'") && b-2 >= lo && ts[b-2].end == p.start && ts[b-2].kind == tkWord &&
				strings.HasSuffix(ts[b-2].text, "s") && ts[b-2].capital && ts[b].capital && orgWords[ts[b].low] {
				// "Fishers’ Cooperative" with the mark tokenized apart
				b -= 2
				continue
			}
			if p.kind != tkWord {
				break
			}
			if isPossessive(p.text) && !isOrgPossessive(p, &ts[b]) {
				break
			}
			if isNameTok(p) || p.abbr && p.capital || p.text == "The" && b-1 == lo {
				b--
				continue
			}
			if !p.capital && titleWords[p.low] || rolesJoined(ts, b-1, end+1) {
				b--
				continue
			}
			if (p.low == "of" || p.low == "for") && b-2 >= lo && (ts[b-2].capital || titleWords[ts[b-2].low]) && titleWords[ts[b].low] {
				b--
				continue
			}
			if p.low == "of" && b-2 >= lo && ts[b-2].capital && orgWords[ts[b-2].low] && ts[b].capital {
				// "the Bank of Veldara", "the Ministry of Harbours"
				b--
				continue
			}
			if isOrgPossessive(p, &ts[b]) {
				// "the Alder Bay Fishers’ Cooperative"
				b--
				continue
			}
			if determiners[p.low] && !ts[b].capital {
				b--
			}
			break
		}
		return b, end
	}
	if t.kind != tkWord || stopWords[t.low] || cueSet[t.low] || determiners[t.low] {
		return -1, -1
	}
	// descriptive noun phrase: "the mayor", "a campaign spokesman", "officials"
	for k := j - 1; k >= lo && j-k <= 4; k-- {
		p := &ts[k]
		if p.kind != tkWord {
			break
		}
		if determiners[p.low] {
			return k, end
		}
		if stopWords[p.low] || cueSet[p.low] || isLyAdverb(p) {
			break
		}
		b = k
	}
	if b == lo || ts[b-1].kind != tkWord || stopWords[ts[b-1].low] {
		return b, end
	}
	return -1, -1
}

// rolesJoined reports whether ts[m] is an "and" joining two posts of one
// person: "chairman and chief executive Richard Parsons".
func rolesJoined(ts []token, m, hi int) bool {
	return m > 0 && m+1 < hi && ts[m].kind == tkWord && ts[m].low == "and" &&
		!ts[m-1].capital && titleWords[ts[m-1].low] && !ts[m+1].capital && titleWords[ts[m+1].low]
}

// isNumber reports whether a word is all digits ("2010").
func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// isOrgPossessive reports whether p, a plural possessive, is part of the
// organisation name that goes on with t: "Fishers’ Cooperative", "Workers’
// Union".
func isOrgPossessive(p, t *token) bool {
	if !p.capital || !t.capital || !orgWords[strings.TrimSuffix(t.low, ".")] {
		return false
	}
	return strings.HasSuffix(p.text, "s’") || strings.HasSuffix(p.text, "s'")
}

// extendPP extends a noun phrase [b, e] back over "NOUN in/of/at/for": "a
// narrator in the Clinton ad", "a spokesman for the campaign".
func extendPP(ts []token, b, e, lo int) int {
	if b-2 < lo || ts[b-1].kind != tkWord {
		return b
	}
	switch ts[b-1].low {
	case "in", "of", "at", "for", "from", "with":
	default:
		return b
	}
	h := &ts[b-2]
	if h.kind != tkWord || h.capital || stopWords[h.low] || cueSet[h.low] || determiners[h.low] || !(personNoun(h.low) || strings.HasSuffix(h.low, "s")) {
		return b
	}
	b2, _ := backNP(ts, b-2, lo)
	if b2 < 0 || e-b2 > 9 {
		return b
	}
	return b2
}

// namedHeadBefore finds a person's name heading a noun phrase that ends
// with the prepositional phrase starting at b: "Mr. Morgan of the Sierra
// Club", "Rep. Jim Clyburn of South Carolina". It returns the name's bounds
// or -1.
func namedHeadBefore(ts []token, b, lo int) (int, int) {
	// Up to three hops back over "of/at/for … (the) Name" phrases, for
	// organisations with a preposition in their own name: "Jeffrey Lewis
	// of the James Martin Center for Nonproliferation Studies wrote".
	for hop := 0; hop < 3; hop++ {
		x := b - 1
		if x >= lo && ts[x].kind == tkWord && (ts[x].low == "the" || ts[x].low == "a") {
			x--
		}
		if x-1 < lo || ts[x].kind != tkWord {
			return -1, -1
		}
		switch ts[x].low {
		case "of", "at", "from", "with", "for", "in":
		default:
			return -1, -1
		}
		if !isNameTok(&ts[x-1]) {
			return -1, -1
		}
		b2, e2 := backNP(ts, x-1, lo)
		if b2 < 0 || e2 != x-1 {
			return -1, -1
		}
		org := false
		for i := b2; i <= e2; i++ {
			if ts[i].kind == tkWord && (orgWords[strings.TrimSuffix(ts[i].low, ".")] || countryWords[ts[i].low]) {
				org = true
			}
		}
		if !org {
			return b2, e2
		}
		b = b2
	}
	return -1, -1
}

// skipPP skips a prepositional phrase after a speaker's noun phrase ("of
// the Sierra Club", "in the Clinton ad") and returns the index after it, or
// c when there is none.
func skipPP(ts []token, c, hi int) int {
	if c >= hi || ts[c].kind != tkWord {
		return c
	}
	switch ts[c].low {
	case "of", "at", "from", "with", "for", "in":
	default:
		return c
	}
	b, e := fwdNP(ts, c+1, hi)
	if b < 0 {
		return c
	}
	return e + 1
}

// fwdNP finds a noun phrase starting at token j.
func fwdNP(ts []token, j, hi int) (int, int) {
	if j >= hi || ts[j].kind != tkWord {
		return -1, -1
	}
	t := &ts[j]
	if _, ok := pronouns[t.low]; ok && t.low != "i" && t.low != "you" {
		return j, j
	}
	if !t.capital && !determiners[t.low] && !stopWords[t.low] && !cueSet[t.low] {
		// a lower-case role before a name: "conservative talk radio host
		// Rush Limbaugh", "9/11 widow Terry Strada"
		m := j
		for m < hi && m-j < 8 && (ts[m].kind == tkWord && !ts[m].capital && !stopWords[ts[m].low] && !cueSet[ts[m].low] && !isLyAdverb(&ts[m]) || ts[m].kind == tkPunct && (ts[m].text == "/" || ts[m].text == "-") || rolesJoined(ts, m, hi)) {
			m++
		}
		if m > j && m < hi && isNameTok(&ts[m]) {
			if b2, e2 := fwdNP(ts, m, hi); b2 == m {
				return j, e2
			}
		}
	}
	b := j
	e := j - 1
	hasDet := false
	if determiners[t.low] {
		hasDet = true
		e = j
	}
	for k := e + 1; k < hi && k-b < 12; k++ {
		p := &ts[k]
		if p.kind == tkQuote && p.nick && e >= b {
			continue // August “Bud” Busch
		}
		if p.kind == tkWord && p.capital && k+1 < hi && ts[k+1].nick {
			e = k
			continue
		}
		if p.kind == tkPunct && p.text == "(" && e >= b && ts[e].capital {
			m := k + 1
			for m < hi && ts[m].text != ")" && m-k < 8 {
				m++
			}
			if m < hi && ts[m].text == ")" {
				e = m
				k = m
				continue
			}
			break
		}
		if p.kind != tkWord {
			break
		}
		if p.capital && capStop[p.low] && firstNames(p.low) && k+1 < hi && isNameTok(&ts[k+1]) {
			// a first name that is also a common word: "said Will Doyle"
			e = k
			continue
		}
		if p.capital && !capStop[p.low] || p.abbr && p.capital {
			e = k
			if isPossessive(p.text) && !hasDet {
				// "Russia’s Deputy Foreign Minister" — part of the role
			}
			continue
		}
		if (p.low == "of" || p.low == "for") && k+1 < hi && ts[k+1].capital && e >= b && titleWords[strings.TrimSuffix(ts[e].low, ".")] {
			continue
		}
		if p.low == "of" && k+1 < hi && ts[k+1].capital && e >= b && ts[e].capital && orgWords[ts[e].low] {
			// "the Ministry of Harbours"
			continue
		}
		if stopWords[p.low] || cueSet[p.low] || isLyAdverb(p) {
			break
		}
		if !hasDet && e >= b && ts[e].capital {
			// "Concord resident Whit Symms", "Blaze co-host Stu
			// Burguiere": a place or an outlet, a post, then the name
			m := k
			for m < hi && m-k < 3 && ts[m].kind == tkWord && !ts[m].capital && !stopWords[ts[m].low] && !cueSet[ts[m].low] {
				m++
			}
			if m > k && m < hi && isNameTok(&ts[m]) && (roleHead(&ts[m-1]) || roleHead(&token{kind: tkWord, low: strings.TrimPrefix(ts[m-1].low, "co-"), text: strings.TrimPrefix(ts[m-1].text, "co-")})) {
				if b2, e2 := fwdNP(ts, m, hi); b2 == m {
					return b, e2
				}
			}
		}
		if hasDet && k-b >= 2 && len(p.low) > 4 && strings.HasSuffix(p.low, "ed") && !titleWords[p.low] {
			// a past tense after the head noun ends the phrase: "the
			// actor discussed …" (before the head it is an adjective:
			// "the retired neurosurgeon")
			break
		}
		if titleWords[p.low] || hasDet && k-b < 5 && !(e > b && ts[e].capital && ts[e-1].low == "of") {
			e = k
			continue
		}
		if e < b && k == j {
			// bare lower-case noun ("officials said")
			e = k
			break
		}
		break
	}
	if e < b || (hasDet && e == b) {
		return -1, -1
	}
	return b, e
}

// cueAfterNP checks for "NP [adverbs] cue" starting at token j; it returns
// the cue index or -1.
func (a *art) cueAfterNP(ts []token, j int) int {
	b, e := fwdNP(ts, j, len(ts))
	if b < 0 {
		return -1
	}
	k := skipFwd(ts, e+1, len(ts))
	if k < len(ts) && isCue(&ts[k]) {
		return k
	}
	return -1
}

// found is a speaker found in the text.
type found struct {
	para, b, e int // NP token bounds
	cue        string
	// apposed name after a description ("Port Alder’s mayor, Rosalind
	// Achterberg, said"): its token bounds when ae > 0
	ab, ae int
	// a role apposed after the name ("Henrik Maalouf, the authority’s
	// chief executive, said"): its token bounds when re > 0
	rb, re int
}

// The cascade's rules, as a feature of the speaker it found.
const (
	stepNone         uint8 = iota
	stepCue                // a reporting verb next to the quotation or in its sentence
	stepInherit            // the previous quotation of the paragraph
	stepInheritPara        // the last quotation of the paragraph before
	stepParaReferent       // who the paragraph before is about
	stepGoverned           // a fragment governed by a reporting verb
	stepSubject            // the subject of the sentence
)

// attribute finds q's speaker.
func (a *art) attribute(q *qstate) {
	ets := a.toks[q.ep]
	sts := a.toks[q.sp]
	// a title of a work or show: MSNBC’s “Morning Joe”, the “Commander-in-Chief Forum”
	if q.words <= 5 && q.stok > 0 && len(q.raw.parts) == 1 && titleCase(q.text) {
		p := &sts[q.stok-1]
		if p.kind == tkWord && (determiners[p.low] || isPossessive(p.text) || titlePreps[p.low]) {
			q.kind = model.KindTerm
			return
		}
	}
	// a name in marks as the subject of a cue: as “The Wall Street Journal” wrote
	if q.words <= 5 && len(q.raw.parts) == 1 && q.etok >= 0 && titleCase(q.text) && endsWord(q.text) {
		if k := skipFwd(ets, q.etok+1, len(ets)); k < len(ets) && isCue(&ets[k]) && !nounCues[ets[k].low] {
			q.kind = model.KindTerm
			return
		}
	}
	var f found
	ok := false
	// 1. right after the quote: “…,” he said / said Mr X / Biden told reporters
	if q.etok >= 0 {
		f, ok = a.after(ets, q.etok, q.ep)
	}
	// 2. before the quote in its sentence
	lo, _ := a.sentBounds(sts, q.stok)
	q.sentStart = true
	for i := lo; i < q.stok; i++ {
		if sts[i].kind != tkPunct || sts[i].text != "(" {
			q.sentStart = false
			break
		}
	}
	if !ok && q.stok >= 0 {
		f, ok = a.before(sts, q.stok, lo, q.sp)
	}
	// 3. a cue later in the sentence
	if !ok && q.etok >= 0 {
		_, hi := a.sentBounds(ets, q.etok)
		for k := q.etok + 1; k < hi; k++ {
			if ets[k].kind == tkWord && isCue(&ets[k]) && !weakCue[ets[k].low] {
				b, e := backNP(ets, k-1, q.etok+1)
				if b < 0 && k-1 > q.etok && ets[k-1].text == "," && !strings.HasSuffix(ets[k].low, "ing") {
					// inverted after a phrase: Clinton “drew quite well” in
					// the 2008 primary, said professor Paul Beck.
					if fb, fe := fwdNP(ets, k+1, hi); fb >= 0 {
						f, ok = found{para: q.ep, b: fb, e: fe, cue: ets[k].text}, true
						break
					}
				}
				if b >= 0 {
					if b2, e2 := namedHeadBefore(ets, b, q.etok+1); b2 >= 0 {
						b, e = b2, e2
					} else {
						b = extendPP(ets, b, e, q.etok+1)
					}
					f, ok = found{para: q.ep, b: b, e: e, cue: ets[k].text}, true
				}
				break
			}
			if ets[k].kind == tkQuote {
				break
			}
		}
	}
	if ok {
		q.step = stepCue
		a.resolve(q, f)
		if q.speaker != "" || q.cue != "" {
			q.attributed = true
			return
		}
	}
	// 4. inherit
	if !ok && q.sentStart && q.endsSent && q.stok == 0 || !ok && q.sentStart && q.endsSent && q.stok > 0 && sts[q.stok-1].kind == tkPunct && sts[q.stok-1].sentEnd {
		// a whole sentence in marks after an attributed quotation of the
		// paragraph: “Here comes Big Daddy,” she said. “The Donald.”
		if prev := a.prevInPara(q); prev != nil && prev.speaker != "" && prev.kind == model.KindQuote && prev.attributed {
			q.step = stepInherit
			a.inherit(q, prev)
			return
		}
	}
	if q.words < 5 && !ok && titleCase(q.text) {
		q.kind = model.KindTerm
		return
	}
	if prev := a.prevInPara(q); prev != nil && prev.speaker != "" && (q.sentStart || q.words >= 5) {
		q.step = stepInherit
		a.inherit(q, prev)
		return
	}
	if q.sentStart && q.stok == 0 && q.sp > 0 {
		if prev := a.lastInPara(q.sp - 1); prev != nil && prev.speaker != "" && prev.kind == model.KindQuote {
			q.step = stepInheritPara
			a.inherit(q, prev)
			return
		}
		if q.words >= 5 && a.lastInPara(q.sp-1) == nil && a.quoteParagraph(q) {
			// a paragraph that is only a quotation, after a paragraph
			// about someone that quotes nobody: “Viguerie is upbeat about
			// Cruz’s chances.” ¶ “Not only can Ted Cruz win …” — their
			// words
			if h, ok := a.paragraphReferent(q.sp - 1); ok {
				q.step = stepParaReferent
				q.speaker, q.gender, q.isOrg = h.name, h.gender, false
				return
			}
		}
	}
	// 5. a short fragment a reporting verb governs: the verb's subject
	// speaks (Bush described his skills as a “work in progress”)
	governed := ""
	if q.words < 5 && !titleCase(q.text) && q.stok >= 0 {
		if c := a.governingCue(sts, q.stok, lo); c >= 0 {
			governed = sts[c].text
			f, ok2 := a.subjectOf(sts, c, lo, q.stok, q.sp)
			if !ok2 || f.b < 0 {
				f, ok2 = a.clauseSubject(sts, lo, c, q.sp)
			}
			if ok2 {
				q.step = stepGoverned
				a.resolve(q, f)
				q.cue = governed
				if q.speaker != "" {
					return
				}
			}
		}
	}
	// 6. the subject of the sentence: Trump likened the refugees to a “vicious snake”
	if q.stok >= 0 && !q.sentStart {
		if f, ok2 := a.sentenceSubject(sts, lo, q.stok, q.sp); ok2 {
			w, ok3 := a.npWho(f)
			if ok3 && (!w.desc || q.words >= 5) {
				q.step = stepSubject
				a.resolve(q, f)
				q.cue = governed
				if q.speaker != "" {
					return
				}
			}
		}
	}
	if q.words < 5 && governed == "" {
		q.kind = model.KindTerm
	}
}

// governingCue is the reporting verb a short fragment in marks is the
// object of, a few words before it in its sentence: called it
// “disgusting”, described them as “rubber stamps”, promised to “rip up”
// the deal. Such a fragment is its subject's words, not a term.
func (a *art) governingCue(ts []token, k, lo int) int {
	for c := k - 1; c >= lo && k-c <= 8; c-- {
		t := &ts[c]
		if t.kind == tkQuote || t.kind == tkPunct && (t.sentEnd || t.text == ";" || t.text == ":") {
			return -1
		}
		if t.kind == tkWord && (isCue(t) || referVerbs[t.low]) && verbLike(ts, c, lo) && !isPassive(ts, c, skipBack(ts, c-1, lo)) {
			return c
		}
	}
	return -1
}

// clauseOpeners start a clause whose subject follows.
var clauseOpeners = toSet(`and but while when as after before because so then though although if since
that whereas once until`)

// clauseSubject finds the subject of the clause a verb at c belongs to:
// the noun phrase nearest before it that opens a clause (after the
// sentence's start, a comma or a conjunction) and is followed by a verb —
// "…, Bush referred to Rubio as", "Then he cut into Bush, calling him".
func (a *art) clauseSubject(ts []token, lo, c, para int) (found, bool) {
	for i := c - 1; i >= lo; i-- {
		if ts[i].kind != tkWord || i > lo && !(ts[i-1].kind == tkPunct && ts[i-1].text == "," || ts[i-1].kind == tkWord && clauseOpeners[ts[i-1].low]) {
			continue
		}
		b, e := fwdNP(ts, i, c)
		if b != i {
			continue
		}
		x := skipFwd(ts, e+1, c)
		for x < c && ts[x].kind == tkWord && (ts[x].low == "however" || ts[x].low == "though") {
			x++
		}
		if x <= c && x < len(ts) && ts[x].kind == tkWord && !ts[x].capital && (!stopWords[ts[x].low] || isCue(&ts[x])) && !determiners[ts[x].low] {
			return found{para: para, b: b, e: e}, true
		}
	}
	return found{}, false
}

// referVerbs name what someone is called without being cues of their own:
// "referred to him as", "declared it".
var referVerbs = toSet(`referred refers referring declared declares declaring deemed deems deeming`)

// endsWord reports whether s ends with a letter or digit (no punctuation).
func endsWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isWordRune(r)
}

var titlePreps = map[string]bool{
	"of": true, "on": true, "in": true, "at": true, "to": true, "from": true, "with": true,
	"for": true, "during": true, "called": true, "titled": true, "entitled": true, "named": true,
	"dubbed": true,
}

// titleCase reports whether every word of s starts with a capital or a
// digit: titles of works and names ("The Apprentice", "Fox News Sunday").
func titleCase(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if isDoubleMark(r) || isSingleMark(r) || r == '(' {
			w = w[utf8.RuneLen(r):]
			r, _ = utf8.DecodeRuneInString(w)
		}
		lw := strings.ToLower(strings.TrimRight(w, ",.;:!?"))
		if lw == "of" || lw == "the" || lw == "and" || lw == "a" || lw == "in" || lw == "on" || lw == "for" || lw == "to" {
			continue
		}
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		n++
	}
	return n > 0
}

// subjectStart returns where the subject of the sentence [lo, hi) starts:
// after leading conjunctions and punctuation and after an introductory
// phrase ("In Ohio,", "Speaking at a town hall in Salem, New Hampshire,",
// "Initially,"); -1 when an introductory phrase has no comma.
func subjectStart(ts []token, lo, hi int) int {
	i := lo
	if lo == 0 && len(ts) > 2 && isDatelineWord(&ts[0]) {
		// "CALVARO, March 15 (Coastline Wire) — Saltline Shipping said"
		for k := 1; k < hi && k < 16; k++ {
			if ts[k].kind == tkPunct && (ts[k].text == "—" || ts[k].text == "–" || ts[k].text == "-") {
				i = k + 1
				break
			}
		}
	}
	for i < hi {
		t := &ts[i]
		if t.kind == tkWord && (t.low == "but" || t.low == "and" || t.low == "however" || t.low == "meanwhile" || t.low == "still" || t.low == "so" || t.low == "yet" || t.low == "also") || t.kind == tkPunct && t.text != "(" {
			i++
			continue
		}
		break
	}
	if i >= hi || ts[i].kind != tkWord {
		return i
	}
	t := &ts[i]
	intro := capStop[t.low] && pronouns[t.low] == "" && !determiners[t.low]
	if !intro && t.capital && len(t.low) > 4 && (strings.HasSuffix(t.low, "ing") || strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ly")) && !firstNames(t.low) {
		// a participle or adverb opening the sentence: "Reprising …,"
		intro = i+1 < hi && (ts[i+1].kind == tkPunct && ts[i+1].text == "," || ts[i+1].kind == tkWord && !ts[i+1].capital)
	}
	if !intro && timeUnits[t.low] && i+1 < hi && ts[i+1].kind == tkWord && timeAdverbs[ts[i+1].low] {
		// a time phrase opening the sentence: "Hours later, Trump …"
		intro = true
	}
	for k := i + 1; !intro && k+1 < hi && k-i < 5 && ts[k].kind == tkWord; k++ {
		// "A few days later, Trump …", "Two weeks ago, …"
		if timeAdverbs[ts[k].low] && timeUnits[ts[k-1].low] && ts[k+1].text == "," {
			intro = true
		}
	}
	if !intro {
		return i
	}
	m := i
	for m < hi && !(ts[m].kind == tkPunct && ts[m].text == ",") {
		m++
	}
	if m >= hi {
		return -1
	}
	i = m + 1
	// "in Salem, New Hampshire, Trump went": a place continuing the phrase
	for n := 0; n < 2; n++ {
		b, e := fwdNP(ts, i, hi)
		if b < 0 || !ts[b].capital || e+2 >= hi || ts[e+1].text != "," || !isNameTok(&ts[e+2]) {
			break
		}
		i = e + 2
	}
	return i
}

// isDatelineWord reports whether t is an ALL-CAPS place word opening a
// wire dateline.
func isDatelineWord(t *token) bool {
	if t.kind != tkWord || len(t.text) < 4 {
		return false
	}
	for _, r := range t.text {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func firstNames(low string) bool { return maleNames[low] || femaleNames[low] }

// sentenceSubject finds the subject noun phrase at the start of the
// sentence [lo, hi).
func (a *art) sentenceSubject(ts []token, lo, hi, para int) (found, bool) {
	i := subjectStart(ts, lo, hi)
	if i < 0 {
		return found{}, false
	}
	b, e := fwdNP(ts, i, hi)
	if b < 0 || e+1 >= hi {
		return found{}, false
	}
	// the subject must be followed by a verb-like word, not more punctuation
	x := skipFwd(ts, e+1, hi)
	if ts[b].capital && x < hi && ts[x].kind == tkWord && (ts[x].low == "of" || ts[x].low == "from") {
		// "Gov. X of West Virginia lauded …"
		if y := skipPP(ts, x, hi); y > x && y < hi && ts[y].kind == tkWord && !ts[y].capital {
			x = skipFwd(ts, y, hi)
		}
	}
	if x >= hi {
		return found{}, false
	}
	n := &ts[x]
	if n.kind != tkWord || stopWords[n.low] && !skipWords[n.low] {
		return found{}, false
	}
	return found{para: para, b: b, e: e}, true
}

func (a *art) inherit(q, prev *qstate) {
	q.speaker, q.role, q.gender, q.isOrg = prev.speaker, prev.role, prev.gender, prev.isOrg
	q.mention = prev.mention
	q.cue = ""
}

// prevInPara is the quotation before q that ends in q's paragraph, nil if
// none. Terms in marks between them (a show's title, a nickname) are not
// quotations and are passed over: in "“…,” Sanders said on CNN’s “State
// of the Union”. “…”" the second quotation follows the first.
func (a *art) prevInPara(q *qstate) *qstate {
	var best *qstate
	for _, o := range a.qs {
		if o == q {
			break
		}
		if o.ep == q.sp && o.kind != model.KindTerm {
			best = o
		}
	}
	return best
}

// quoteParagraph reports whether q's paragraph holds nothing but
// quotations (each is one token) and punctuation.
func (a *art) quoteParagraph(q *qstate) bool {
	ts := a.tokens(q.sp)
	if len(ts) == 0 || ts[0].kind != tkQuote {
		return false
	}
	for i := range ts {
		if ts[i].kind == tkWord {
			return false
		}
	}
	return true
}

// paragraphReferent is the person paragraph pi is about: the subject of its
// last sentence that names one, reading back.
func (a *art) paragraphReferent(pi int) (histEntry, bool) {
	ts := a.tokens(pi)
	end := len(ts)
	for end > 0 {
		start := a.sentenceStart(ts, end, 0)
		// the subject of a reporting verb first: in "But Sonaptic's
		// managing director David Monteith says …" it is Monteith, where
		// the sentence's first noun phrase is only "Sonaptic's"
		if h, ok := a.cueReferent(ts, pi, start, end, ""); ok && !h.desc {
			return h, true
		}
		if h, ok := a.sentenceReferent(ts, pi, start, end, ""); ok && !h.desc {
			return h, true
		}
		end = start
	}
	return histEntry{}, false
}

// lastInPara is the last quotation ending in paragraph p (terms passed
// over, as in prevInPara), nil if none.
func (a *art) lastInPara(p int) *qstate {
	var best *qstate
	for _, o := range a.qs {
		if o.ep == p && o.kind != model.KindTerm {
			best = o
		}
		if o.sp > p {
			break
		}
	}
	return best
}

// after looks for an attribution right after the quote token k.
func (a *art) after(ts []token, k, para int) (found, bool) {
	j := k + 1
	if j < len(ts) && ts[j].kind == tkWord && ts[j].capital && a.qs[ts[k].q].endsStop {
		// “… a full stop.” The Agency said …: a new sentence starts; a
		// reporting clause would have followed a comma
		return found{}, false
	}
	if j+1 < len(ts) && ts[j].kind == tkPunct && (ts[j].text == "―" || ts[j].text == "—" || ts[j].text == "–" || ts[j].text == "-") && ts[j+1].capital {
		// “…” ― Sonya Herridge
		b, e := fwdNP(ts, j+1, len(ts))
		if b >= 0 && (e+1 >= len(ts) || ts[e+1].kind != tkWord) {
			return found{para: para, b: b, e: e, cue: ts[j].text}, true
		}
	}
	if j < len(ts) && ts[j].kind == tkPunct && (ts[j].text == "," || ts[j].text == "—" || ts[j].text == "–") {
		j++
	}
	if j >= len(ts) || ts[j].kind != tkWord {
		return found{}, false
	}
	if isAccording(ts, j) {
		b, e := fwdNP(ts, j+2, len(ts))
		if b >= 0 {
			return found{para: para, b: b, e: e, cue: "according to"}, true
		}
		return found{}, false
	}
	if isCue(&ts[j]) {
		b, e := fwdNP(ts, j+1, len(ts))
		if b >= 0 {
			return found{para: para, b: b, e: e, cue: ts[j].text}, true
		}
		return found{}, false
	}
	b, e := fwdNP(ts, j, len(ts))
	if b < 0 {
		return found{}, false
	}
	c := skipFwd(ts, e+1, len(ts))
	if c2 := skipFwd(ts, skipPP(ts, c, len(ts)), len(ts)); c2 > c && c2 < len(ts) && (isCue(&ts[c2]) || ts[c2].kind == tkPunct && ts[c2].text == ",") {
		c = c2
	}
	// apposition, in one or more comma-separated parts: "Scott Pruitt, the
	// attorney general of Oklahoma, said"; "Anne Richards, assistant
	// secretary for population, refugees, and migration, said"
	if c < len(ts) && ts[c].kind == tkPunct && ts[c].text == "," {
		for n := 0; n < 5; n++ {
			m := c + 1
			for m < len(ts) && m-c < 16 && ts[m].kind != tkQuote && !(ts[m].kind == tkPunct && (ts[m].text == "," || ts[m].sentEnd)) && !isCue(&ts[m]) {
				m++
			}
			if m >= len(ts) || ts[m].kind != tkPunct || ts[m].text != "," || m == c+1 {
				break
			}
			c = m // the comma closing this part; another may follow
		}
		c = skipFwd(ts, c+1, len(ts))
	}
	if c < len(ts) && isCue(&ts[c]) {
		return found{para: para, b: b, e: e, cue: ts[c].text}, true
	}
	if c < len(ts) && phrasalCue(ts, c) {
		return found{para: para, b: b, e: e, cue: ts[c].text + " " + ts[c+1].text}, true
	}
	if isAccording(ts, c) {
		return found{para: para, b: b, e: e, cue: "according to"}, true
	}
	return found{}, false
}

// before looks for a cue before the quote token k in its sentence: the
// first reporting verb of the sentence whose subject can be found.
func (a *art) before(ts []token, k, lo, para int) (found, bool) {
	// a name introducing the quotation with a colon: "- Carl Bialik: “…”"
	if k-2 >= lo && ts[k-1].kind == tkPunct && ts[k-1].text == ":" && ts[k-2].kind == tkWord && ts[k-2].capital {
		if b, e := backNP(ts, k-2, lo); b >= 0 && e == k-2 && ts[b].capital && pronouns[ts[b].low] == "" {
			if p := b - 1; p < lo || ts[p].kind == tkPunct || ts[p].low == "from" {
				return found{para: para, b: b, e: e, cue: ":"}, true
			}
		}
	}
	// a cue right before the quote wins: `Mr. Barrett said, “…”`
	for c := k - 1; c >= lo && k-c <= 4; c-- {
		t := &ts[c]
		if t.kind == tkQuote || t.kind == tkPunct && t.sentEnd {
			break
		}
		if isCue(t) && !weakCue[t.low] && verbLike(ts, c, lo) {
			if f, ok := a.subjectOf(ts, c, lo, k, para); ok {
				if f.b == f.e && ts[f.b].low == "it" && a.earlierCue(ts, lo, f.b) {
					// She says it underscores that …: "it" is the subject
					// of a reported clause; the first cue's subject speaks
					break
				}
				return f, true
			}
			break
		}
	}
	for c := lo; c < k; c++ {
		t := &ts[c]
		if t.kind != tkWord {
			continue
		}
		if isAccording(ts, c) {
			b, e := fwdNP(ts, c+2, k)
			if b >= 0 {
				return found{para: para, b: b, e: e, cue: "according to"}, true
			}
			continue
		}
		if !isCue(t) || !verbLike(ts, c, lo) {
			continue
		}
		if f, ok := a.subjectOf(ts, c, lo, k, para); ok {
			return f, true
		}
		if c+4 >= k && isPassive(ts, c, skipBack(ts, c-1, lo)) {
			// labeled “Mostly True” by nobody named: a quotation with
			// its cue and no speaker
			return found{para: para, b: -1, e: -1, cue: t.text}, true
		}
	}
	return found{}, false
}

// earlierCue reports whether a reporting verb stands in ts[lo:hi].
func (a *art) earlierCue(ts []token, lo, hi int) bool {
	for c := lo; c < hi; c++ {
		if isCue(&ts[c]) && !weakCue[ts[c].low] && verbLike(ts, c, lo) {
			return true
		}
	}
	return false
}

// passiveCue are cue participles that, after a form of "be", name what was
// said to or about the subject: "it was labeled", "reporters were told".
var passiveCue = toSet(`called labeled labelled branded dubbed termed described told asked quoted`)

var beForms = toSet(`is was were are be been being`)

// isPassive reports whether the cue at c is a passive participle: a form of
// "be" stands between it and j, where skipBack stopped.
func isPassive(ts []token, c, j int) bool {
	if !passiveCue[ts[c].low] {
		return false
	}
	for i := j + 1; i < c; i++ {
		if beForms[ts[i].low] {
			return true
		}
	}
	return false
}

// verbLike rules out cue words used as nouns ("his tweets", "a tweet").
func verbLike(ts []token, c, lo int) bool {
	if c-1 < lo {
		return true
	}
	p := &ts[c-1]
	if p.kind != tkWord {
		return !nounCues[ts[c].low]
	}
	if determiners[p.low] || isPossessive(p.text) || p.low == "of" || p.low == "the" {
		return false
	}
	if nounCues[ts[c].low] {
		_, pron := pronouns[p.low]
		if p.capital && c-2 >= lo && ts[c-2].kind == tkWord && (ts[c-2].low == "of" || isPossessive(ts[c-2].text)) {
			// "of Republican claims", "Trump’s Twitter posts": a noun
			return false
		}
		return p.capital || pron
	}
	return true
}

// subjectOf finds who uses the cue at c.
func (a *art) subjectOf(ts []token, c, lo, hi, para int) (found, bool) {
	cue := ts[c].text
	j := skipBack(ts, c-1, lo)
	if isPassive(ts, c, j) {
		// "it was labeled “Mostly True”": no speaker here
		return found{}, false
	}
	if j-1 > lo && ts[j].kind == tkWord && relativePronouns[ts[j].low] && ts[j-1].text == "," {
		// "Beck, who described Trump as “…”": the relative pronoun's
		// antecedent speaks
		if b, e := backNP(ts, j-2, lo); b >= 0 && ts[e].capital {
			return found{para: para, b: b, e: e, cue: cue}, true
		}
	}
	if j >= lo && ts[j].kind == tkWord && !stopWords[ts[j].low] || j >= lo && ts[j].kind == tkPunct && ts[j].text == ")" || j >= lo && ts[j].kind == tkWord && pronouns[ts[j].low] != "" {
		b, e := backNP(ts, c-1, lo)
		if b > lo && ts[b-1].kind == tkWord && subjectPrepositions[ts[b-1].low] {
			// "Beck, who has in the past described …", "Trump in a
			// statement said …": the noun phrase is a preposition's
			// object; the subject comes before the phrase
			if f, ok := a.subjectOf(ts, b-1, lo, hi, para); ok {
				f.cue = cue
				return f, true
			}
		}
		if b >= 0 {
			if b2, e2 := namedHeadBefore(ts, b, lo); b2 >= 0 {
				return found{para: para, b: b2, e: e2, cue: cue}, true
			}
			if docNouns[ts[e].low] && (ts[b].low == "a" || ts[b].low == "an") && b-1 > lo && ts[b-1].kind == tkWord && !ts[b-1].capital && !stopWords[ts[b-1].low] {
				// "Black Lives Matter issued a statement saying …": the
				// one who issued it speaks
				if f, ok := a.subjectOf(ts, b-1, lo, hi, para); ok {
					f.cue = cue
					return f, true
				}
			}
			b = extendPP(ts, b, e, lo)
			return found{para: para, b: b, e: e, cue: cue}, true
		}
	}
	if j < lo || ts[j].kind == tkQuote {
		// inverted: said Trump: “…”
		b, e := fwdNP(ts, c+1, hi)
		if b >= 0 {
			return found{para: para, b: b, e: e, cue: cue}, true
		}
		return found{}, false
	}
	if ts[j].kind == tkPunct && (ts[j].text == "," || ts[j].text == "—" || ts[j].text == "–") || ts[j].low == "and" || ts[j].low == "but" || ts[j].low == "then" || ts[j].low == "to" {
		if ts[j].text == "," {
			// apposition: "Port Alder’s mayor, Rosalind Achterberg, said";
			// "Saltline Shipping, one of the largest carriers, said"
			if f, ok := appositionSubject(ts, j, lo, para); ok {
				f.cue = cue
				return f, true
			}
			// the same with a relative clause before the verb: "Port
			// Alder’s mayor, Rosalind Achterberg, who has appealed for
			// calm, said"
			if m := relativeClauseStart(ts, j, lo); m >= 0 {
				if f, ok := appositionSubject(ts, m, lo, para); ok {
					f.cue = cue
					return f, true
				}
				// "Dance teacher Eve Trew, who has taught ballet for 48
				// years, told …": the name before the clause
				if b, e := backNP(ts, m-1, lo); b >= 0 && e == m-1 && ts[e].capital {
					return found{para: para, b: b, e: e, cue: cue}, true
				}
			}
		}
		// elided subject: the sentence's subject
		i := subjectStart(ts, lo, c)
		if i < 0 {
			i = lo
		}
		b, e := fwdNP(ts, i, c)
		if b >= 0 {
			return found{para: para, b: b, e: e, cue: cue}, true
		}
	}
	return found{}, false
}

// relativeClauseStart returns the comma opening a relative clause that
// ends at the comma j (", who has appealed for calm,"), or -1.
func relativeClauseStart(ts []token, j, lo int) int {
	for m := j - 1; m > lo && j-m < 25; m-- {
		switch {
		case ts[m].kind == tkQuote:
			return -1
		case ts[m].kind == tkPunct && ts[m].text == ",":
			if m+1 < j && ts[m+1].kind == tkWord && relativePronouns[ts[m+1].low] {
				return m
			}
			return -1
		}
	}
	return -1
}

// timeUnits and timeAdverbs make time phrases such as "Hours later,".
var (
	timeUnits   = toSet(`seconds moments minutes hours days weeks months years decades`)
	timeAdverbs = toSet(`later earlier ago`)
)

var relativePronouns = map[string]bool{"who": true, "which": true, "whose": true}

// subjectPrepositions open a phrase that can stand between a subject and
// its verb ("X in a statement said", "X, who has in the past described");
// by and of are left out ("described by", "one of").
var subjectPrepositions = toSet(`in on at from with during after before since for into over under through
among`)

// appositionSubject reads "NP1, NP2," ending at the comma j: the name of
// the two, the inner one when both are names. NP1 must open the sentence's
// subject.
func appositionSubject(ts []token, j, lo, para int) (found, bool) {
	m := j - 1
	for m > lo && j-m < 16 && !(ts[m].kind == tkPunct && ts[m].text == ",") {
		if ts[m].kind == tkQuote || isCue(&ts[m]) || ts[m].kind == tkWord && (ts[m].low == "who" || ts[m].low == "which") {
			return found{}, false
		}
		m--
	}
	if m <= lo || ts[m].text != "," || m+1 >= j {
		return found{}, false
	}
	ob, oe := backNP(ts, m-1, lo)
	if ob < 0 || oe != m-1 || ob != subjectStart(ts, lo, m) {
		return found{}, false
	}
	if ib, ie := fwdNP(ts, m+1, j); ib == m+1 && ie+1 < j && ts[ie+1].kind == tkWord && !ts[ie+1].capital &&
		!rolePrepositions[ts[ie+1].low] && !determiners[ts[ie+1].low] && ts[ie+1].low != "and" {
		// "in Salem, New Hampshire, Trump went after Bush, calling …": a
		// clause between the commas, not an apposition
		return found{}, false
	}
	if ts[oe].capital {
		f := found{para: para, b: ob, e: oe}
		if rb, re, ok := apposedRole(ts, m+1, j); ok {
			f.rb, f.re = rb, re
		}
		return f, true
	}
	if ib, ie := fwdNP(ts, m+1, j); ib == m+1 && ie == j-1 && ts[ib].capital && ts[ie].capital && !determiners[ts[ib].low] {
		// the description speaks; the name goes with it in the mention
		// (Merge lists the speaker under the name)
		return found{para: para, b: ob, e: oe, ab: ib, ae: ie}, true
	}
	return found{}, false
}

// apposedRole reads a role between the commas after a name, tokens [b, e):
// "the authority’s chief executive", "chief economist at Northbridge
// Capital". Its head, the last word before a preposition, must name a
// person ("executive", "economist", "director"), so that "speaking on
// Monday" or "a former port town" are no role. It returns the role's
// bounds without a leading determiner.
func apposedRole(ts []token, b, e int) (int, int, bool) {
	for b < e && ts[b].kind == tkWord && determiners[ts[b].low] {
		b++
	}
	if b >= e || e-b > 12 {
		return 0, 0, false
	}
	head := -1
	for i := b; i < e; i++ {
		t := &ts[i]
		if t.kind != tkWord {
			if t.kind == tkQuote {
				return 0, 0, false
			}
			continue
		}
		if rolePrepositions[t.low] {
			break
		}
		head = i
	}
	if head < 0 || ts[head].capital && !titleWords[ts[head].low] {
		return 0, 0, false
	}
	// (personWords first: a lower-case "economist" is a person, whatever
	// the organisation of that name)
	if w := stripPossessive(ts[head].low); !personWords[w] && !personHead(ts[head].text) {
		return 0, 0, false
	}
	return b, e - 1, true
}

var rolePrepositions = toSet(`of at for in on with from to`)

// isOrgName guesses whether a name is an organisation's or a country's.
func isOrgName(name string) bool {
	if strings.HasPrefix(name, "The ") || strings.HasPrefix(name, "the ") {
		return true
	}
	in := inLower
	var fields [8]string
	nf := 0
	for rest := name; nf < len(fields); {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		i := strings.IndexByte(rest, ' ')
		if i < 0 {
			i = len(rest)
		}
		fields[nf] = rest[:i]
		nf++
		rest = rest[i:]
	}
	if nf == 0 {
		return false
	}
	for _, f := range fields[:nf] {
		if in(orgWords, strings.TrimSuffix(stripPossessive(f), ".")) {
			return true
		}
	}
	if nf == 2 {
		// New Hampshire, South Carolina, North Korea
		if in(compassWords, fields[0]) {
			if in(countryWords, stripPossessive(fields[1])) {
				return true
			}
		}
	}
	if nf == 1 {
		f := fields[0]
		if in(countryWords, f) {
			return true
		}
		// acronyms: NATO, FBI
		up, letters := 0, 0
		for _, r := range f {
			if r == '.' {
				continue
			}
			letters++
			if unicode.IsUpper(r) {
				up++
			}
		}
		if up >= 2 && up == letters {
			return true
		}
	}
	return false
}

// inLower reports whether w lower-cased is in m, without allocating for
// short ASCII words (it runs for every name read): m[string(b)] does not
// copy b.
func inLower(m map[string]bool, w string) bool {
	v, _ := lookupLower(m, w)
	return v
}

// lookupLower is m[strings.ToLower(w)] without allocating for a short
// ASCII word.
func lookupLower[V any](m map[string]V, w string) (V, bool) {
	var buf [48]byte
	if len(w) > len(buf) {
		v, ok := m[strings.ToLower(w)]
		return v, ok
	}
	n := copy(buf[:], w)
	for i := 0; i < n; i++ {
		if c := buf[i]; 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		} else if c >= 0x80 {
			v, ok := m[strings.ToLower(w)]
			return v, ok
		}
	}
	v, ok := m[string(buf[:n])]
	return v, ok
}

// compassWords open two-word place names: "New Hampshire", "North Korea".
var compassWords = toSet(`new north south east west rhode northern southern`)

// roleOf is the role the article writes with a person's full name: before
// it ("Russia’s Deputy Foreign Minister Sergei Ryabkov") or apposed after it
// ("Paul Verhoeven, chairman of the Federal Reserve Board,"); the first
// one found, "" when none.
func (a *art) roleOf(name string) string {
	if r, ok := a.roles[name]; ok {
		return r
	}
	role := ""
	seen := 0 // the role goes with the first mentions; later ones are short
	for pi, p := range a.body {
		for at := strings.Index(p, name); at >= 0 && role == "" && seen < 3; {
			seen++
			role = roleBefore(p, at)
			if ts := a.toks[pi]; role == "" && ts != nil {
				// apposed after the name, where the paragraph is read
				// already: "Paul Verhoeven, chairman of the Federal
				// Reserve Board,"
				i := sort.Search(len(ts), func(k int) bool { return ts[k].start >= at })
				e := i
				for e+1 < len(ts) && ts[e+1].end <= at+len(name) {
					e++
				}
				if i < len(ts) && ts[i].start == at && e+2 < len(ts) && ts[e+1].text == "," {
					m := e + 2
					for m < len(ts) && m-e < 16 && ts[m].kind == tkWord {
						m++
					}
					if m < len(ts) && ts[m].text == "," {
						if rb, re, ok := apposedRole(ts, e+2, m); ok {
							role = strings.TrimSpace(p[ts[rb].start:ts[re].end])
						}
					}
				}
			}
			next := strings.Index(p[at+len(name):], name)
			if next < 0 {
				break
			}
			at += len(name) + next
		}
		if role != "" || seen >= 3 {
			break
		}
	}
	if a.roles == nil {
		a.roles = map[string]string{}
	}
	a.roles[name] = role
	return role
}

// roleBefore reads the role written right before a name that starts at
// byte at of p: "Russia’s Deputy Foreign Minister Sergei Ryabkov" gives
// "Deputy Foreign Minister", "Kansas farmer John Olsen" "Kansas farmer".
// It reads words back over titles and capitalised words, up to a
// possessive, a determiner or punctuation; the last must name a person or
// a post (roleHead).
func roleBefore(p string, at int) string {
	lo := max(at-80, 0)
	for lo > 0 && !utf8.RuneStart(p[lo]) {
		lo++
	}
	words := strings.Fields(p[lo:at])
	if lo > 0 && len(words) > 0 {
		words = words[1:] // cut in the middle
	}
	n := 0
	for i := len(words) - 1; i >= 0 && n < 5; i-- {
		w := words[i]
		if strings.ContainsAny(w, ",;:()“”\"") || isPossessive(w) {
			break
		}
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		r, _ := utf8.DecodeRuneInString(w)
		if determiners[lw] || capStop[lw] && !titleWords[lw] || stopWords[lw] || courtesy[lw] {
			break
		}
		if !titleWords[lw] && !unicode.IsUpper(r) && !(n == 0 && roleHead(&token{kind: tkWord, text: w, low: lw})) {
			break
		}
		n++
	}
	if n == 0 {
		return ""
	}
	role := words[len(words)-n:]
	last := role[len(role)-1]
	if !roleHead(&token{kind: tkWord, text: last, low: strings.ToLower(strings.TrimSuffix(last, "."))}) {
		return ""
	}
	return strings.Join(role, " ")
}

// nextWordLower is the first word of s, lower-cased, without the
// punctuation around it.
func nextWordLower(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == ',') {
		i++
	}
	j := i
	for j < len(s) && j-i < 16 && s[j] != ' ' {
		j++
	}
	w := strings.TrimFunc(s[i:j], func(r rune) bool { return !isWordRune(r) && r != '.' })
	if len(w) > 14 {
		return "" // no organisation suffix is that long
	}
	return strings.ToLower(w)
}

// fullName finds the one full name in the article ending with surname.
func (a *art) fullName(surname string) string {
	if a.full == nil {
		a.full = map[string]string{}
	}
	if v, ok := a.full[surname]; ok {
		return v
	}
	best := ""
	ambiguous := false
	look := func(p string) {
		for i := indexWord(p, surname, 0); i >= 0; i = indexWord(p, surname, i+len(surname)) {
			if i > 0 {
				r, _ := utf8.DecodeLastRuneInString(p[:i])
				if r != ' ' {
					continue
				}
			}
			// preceding capitalised words
			j := i
			var firsts []string
			for len(firsts) < 3 {
				k := j - 1
				for k > 0 && p[k-1] != ' ' {
					k--
				}
				if k < 0 || j-1 <= k {
					break
				}
				w := p[k : j-1]
				r, _ := utf8.DecodeRuneInString(w)
				lw := strings.ToLower(strings.TrimSuffix(w, "."))
				if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 2 && !abbrevs[lw] {
					break // "Hester. Michael Mulgrew": the end of a sentence
				}
				if !unicode.IsUpper(r) || capStop[lw] || titleWords[lw] || titleWords[strings.ToLower(w)] || isPossessive(w) || w == "The" || strings.ContainsAny(w, ",;:()“”\"") || orgWords[lw] || countryWords[lw] {
					break
				}
				firsts = append(firsts, w)
				j = k
				if k == 0 {
					break
				}
			}
			if len(firsts) == 0 || orgWords[nextWordLower(p[i+len(surname):])] {
				// "Baker Hughes Inc" is a company, not a Hughes
				continue
			}
			var b strings.Builder
			for x := len(firsts) - 1; x >= 0; x-- {
				b.WriteString(firsts[x])
				b.WriteByte(' ')
			}
			b.WriteString(surname)
			cand := b.String()
			if isOrgName(cand) {
				continue
			}
			switch {
			case best == "":
				best = cand
			case best == cand:
			case strings.HasSuffix(cand, " "+best):
				best = cand
			case strings.HasSuffix(best, " "+cand):
			default:
				ambiguous = true
			}
		}
	}
	for _, p := range a.body {
		look(p)
	}
	if ambiguous {
		best = ""
	}
	a.full[surname] = best
	return best
}
