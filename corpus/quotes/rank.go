package quotes

import (
	"math"
	"strings"
	"sync"

	"byline/model"
)

// Candidate ranking. The cascade of rules in attribute finds one speaker
// per quotation; the ranker then weighs it against the other people the
// text offers — the subjects of the sentence's reporting verbs, the
// previous quotation's speaker, the sentence's subject, the names written
// in the sentence, the one before and the paragraphs around — each
// described by features (which rule proposed it, how far it is, whether
// it is a full name, a description, an organisation, how often the
// article names it). A linear score picks the best; its weights are fitted
// on polnear-train by cmd/fitspeakers (rank_weights.go).

// Features of a candidate speaker.
const (
	fCascade              = iota // the cascade's pick
	fCascadeCue                  // … found through a reporting verb
	fCascadeInherit              // … inherited from an earlier quotation
	fCascadeOther                // … by another rule (subject, paragraph, governed fragment)
	fCascadePronoun              // … through a pronoun
	fCascadeDesc                 // … and it is a description
	fCueSubject                  // the subject of a reporting verb in the quotation's sentence
	fCueSubjectPronoun           // … through a pronoun
	fPrevSpeaker                 // the speaker of the quotation before (this paragraph or the last)
	fSentSubject                 // the subject of the quotation's sentence
	fPrevSubject                 // the subject of the sentence before
	fMentionSentence             // named in the quotation's sentence
	fMentionPrev                 // named in the sentence before
	fMentionPara                 // named earlier in the paragraph
	fMentionPrevPara             // named in the paragraph before
	fNearest                     // 1/(1+rank) among the names written nearby, nearest first
	fFullName                    // two words or more, a person
	fSurname                     // one word, a person
	fDesc                        // a description ("the senator")
	fOrg                         // an organisation or a place
	fImplausible                 // a lone capitalised word never written mid-sentence
	fSpoke                       // the speaker of an earlier quotation of the article
	fMentions                    // log(1 + how often the article writes the surname)
	fNearestNoCascade            // fNearest when the cascade found nobody
	fPrevSpeakerNoCascade        // fPrevSpeaker when the cascade found nobody
	fAddressee                   // written as the one spoken to: "told CNN", "asked Trump", "said to X"
	fPossessive                  // written as a possessor: "Trump’s campaign"
	fAfterQuote                  // written after the quotation in its sentence
	nFeatures
)

// NumFeatures is how many features describe a candidate.
const NumFeatures = nFeatures

// FeatureNames name the ranker's features, in order (for cmd/fitspeakers).
var FeatureNames = [nFeatures]string{
	"cascade", "cascade_cue", "cascade_inherit", "cascade_other", "cascade_pronoun", "cascade_desc",
	"cue_subject", "cue_subject_pronoun", "prev_speaker", "sent_subject", "prev_subject",
	"mention_sentence", "mention_prev", "mention_para", "mention_prev_para", "nearest",
	"full_name", "surname", "desc", "org", "implausible", "spoke", "mentions",
	"nearest_no_cascade", "prev_speaker_no_cascade", "addressee", "possessive", "after_quote",
}

// Weights are the ranker's weights, one per feature.
type Weights [nFeatures]float64

// candidate is one possible speaker of a quotation.
type candidate struct {
	h             histEntry
	key           string // the name without honorifics, for telling one from another
	role, mention string
	x             [nFeatures]float64
}

// SpeakerCandidates is what the ranker weighed for one quotation of an
// article: the quotation as the cascade attributed it, and each candidate
// speaker's name and features. cmd/fitspeakers fits the weights from it.
type SpeakerCandidates struct {
	Quote    model.Quote
	Names    []string
	Features [][nFeatures]float64
}

// ExtractCandidates runs Extract with the cascade alone and returns, for
// each quotation, the candidates the ranker would weigh.
func ExtractCandidates(title string, body []string) []SpeakerCandidates {
	var out []SpeakerCandidates
	var idx []int
	qs := extract(title, body, nil, func(q *qstate, cs []candidate) {
		sc := SpeakerCandidates{}
		for _, c := range cs {
			sc.Names = append(sc.Names, c.h.name)
			sc.Features = append(sc.Features, c.x)
		}
		out = append(out, sc)
		idx = append(idx, q.idx)
	})
	// body quotations follow the headline's, in the order of a.qs
	head := 0
	for head < len(qs) && qs[head].Paragraph < 0 {
		head++
	}
	for i := range out {
		out[i].Quote = qs[head+idx[i]]
	}
	return out
}

// candidateSet gathers candidates, one per name (a handful: a linear
// search beats a map).
type candidateSet struct {
	cs []candidate
}

func (s *candidateSet) add(h histEntry, role, mention string, feat int, v float64) *candidate {
	if h.name == "" {
		return nil
	}
	return s.addKey(h, normName(h.name), role, mention, feat, v)
}

// addKey is add with the name's key already known.
func (s *candidateSet) addKey(h histEntry, key, role, mention string, feat int, v float64) *candidate {
	for i := range s.cs {
		if c := &s.cs[i]; strings.EqualFold(c.key, key) {
			c.x[feat] = max(c.x[feat], v)
			if c.role == "" {
				c.role = role
			}
			return c
		}
	}
	c := candidate{h: h, key: key, role: role, mention: mention}
	c.x[feat] = v
	s.cs = append(s.cs, c)
	return &s.cs[len(s.cs)-1]
}

// maxMentions is how many names written near a quotation become
// candidates, nearest first.
const maxMentions = 4

// candidates lists who may have said q, the cascade's pick first.
func (a *art) candidates(q *qstate) []candidate {
	set := candidateSet{cs: a.rs.cands[:0]}
	defer func() { a.rs.cands = set.cs[:0] }()
	sts := a.toks[q.sp]
	lo, hi := a.sentBounds(sts, max(q.stok, 0))
	if q.speaker != "" {
		c := set.add(histEntry{name: q.speaker, gender: q.gender, org: q.isOrg, desc: isDescription(q.speaker)}, q.role, q.mention, fCascade, 1)
		switch q.step {
		case stepCue:
			c.x[fCascadeCue] = 1
		case stepInherit, stepInheritPara:
			c.x[fCascadeInherit] = 1
		default:
			c.x[fCascadeOther] = 1
		}
		if _, pron := pronouns[strings.ToLower(q.mention)]; pron {
			c.x[fCascadePronoun] = 1
		}
		if c.h.desc {
			c.x[fCascadeDesc] = 1
		}
	}
	// the subjects of the sentence's reporting verbs
	for c := lo; c < hi; c++ {
		t := &sts[c]
		if t.kind != tkWord || !isCue(t) || !verbLike(sts, c, lo) {
			continue
		}
		f, ok := a.subjectOf(sts, c, lo, hi, q.sp)
		if !ok || f.b < 0 {
			continue
		}
		if w, ok := a.npWho(f); ok {
			if w.pron != "" {
				if w.pron == "m" || w.pron == "f" {
					// the last speaker it can stand for (the cascade's full
					// resolution is too slow to run per candidate)
					for i := len(a.hist) - 1; i >= 0; i-- {
						if h := a.hist[i]; a.compatible(h, w.pron) {
							set.add(h, "", w.mention, fCueSubjectPronoun, 1)
							break
						}
					}
				}
				continue
			}
			set.add(histEntry{name: w.speaker, gender: w.gender, org: w.org, desc: w.desc}, w.role, w.mention, fCueSubject, 1)
		}
	}
	// the quotation before
	prev := a.prevInPara(q)
	if prev == nil && q.sp > 0 {
		prev = a.lastInPara(q.sp - 1)
	}
	if prev != nil && prev.speaker != "" && prev.kind == model.KindQuote {
		set.add(histEntry{name: prev.speaker, gender: prev.gender, org: prev.isOrg, desc: isDescription(prev.speaker)}, prev.role, prev.mention, fPrevSpeaker, 1)
	}
	// the subjects of this sentence and the one before
	if f, ok := a.sentenceSubject(sts, lo, hi, q.sp); ok {
		a.addWho(&set, f, fSentSubject)
	}
	if lo > 0 {
		plo := a.sentenceStart(sts, lo, 0)
		if f, ok := a.sentenceSubject(sts, plo, lo, q.sp); ok {
			a.addWho(&set, f, fPrevSubject)
		}
	}
	// names written nearby, nearest first: the sentence, the sentence
	// before, the paragraph, the paragraph before
	rank := 0
	note := func(pi int, n *nameSpan, feat int) bool {
		if rank >= maxMentions {
			return false
		}
		a.spanWho(pi, n)
		if !n.ok {
			return true // "The", "Tweeted": a capital at a sentence's start
		}
		ts := a.toks[pi]
		b, e, w := n.b, n.e, &n.w
		c := set.addKey(histEntry{name: w.speaker, gender: w.gender, org: w.org, desc: w.desc}, n.key, w.role, w.mention, feat, 1)
		if c.x[fNearest] == 0 {
			c.x[fNearest] = 1 / float64(1+rank)
			rank++
		}
		if b > 0 && ts[b-1].kind == tkWord {
			switch ts[b-1].low {
			case "told", "tells", "asked", "asks", "to", "with", "by":
				c.x[fAddressee] = 1
			}
		}
		if isPossessive(ts[e].text) {
			c.x[fPossessive] = 1
		}
		if pi == q.ep && q.etok >= 0 && b > q.etok {
			c.x[fAfterQuote] = 1
		}
		return true
	}
	plo := lo
	if lo > 0 {
		plo = a.sentenceStart(sts, lo, 0)
	}
	from, to := a.paraNames(q.sp)
	more := true
	for i := to - 1; i >= from && more; i-- {
		n := &a.rs.spans[i]
		switch {
		case n.b >= hi:
		case n.b >= lo:
			more = note(q.sp, n, fMentionSentence)
		case n.b >= plo:
			more = note(q.sp, n, fMentionPrev)
		default:
			more = note(q.sp, n, fMentionPara)
		}
	}
	if q.sp > 0 && more {
		from, to := a.paraNames(q.sp - 1)
		for i := to - 1; i >= from && more; i-- {
			more = note(q.sp-1, &a.rs.spans[i], fMentionPrevPara)
		}
	}
	// what every candidate is
	for i := range set.cs {
		c := &set.cs[i]
		name := strings.TrimSpace(c.h.name)
		last := name[strings.LastIndexByte(name, ' ')+1:]
		switch {
		case c.h.org:
			c.x[fOrg] = 1
		case c.h.desc:
			c.x[fDesc] = 1
		case last != name:
			c.x[fFullName] = 1
		default:
			c.x[fSurname] = 1
			if !a.nameMidSentence(c.h.name) && c.h.gender == "" {
				c.x[fImplausible] = 1
			}
		}
		if !c.h.desc && last != "" {
			c.x[fMentions] = math.Log1p(float64(a.countWord(last)))
		}
		for _, o := range a.qs {
			if o == q {
				break
			}
			if o.kind == model.KindQuote && strings.EqualFold(o.speaker, c.h.name) {
				c.x[fSpoke] = 1
				break
			}
		}
		if q.speaker == "" {
			c.x[fNearestNoCascade] = c.x[fNearest]
			c.x[fPrevSpeakerNoCascade] = c.x[fPrevSpeaker]
		}
	}
	return set.cs
}

// addWho adds the speaker the noun phrase f names (not pronouns).
func (a *art) addWho(set *candidateSet, f found, feat int) *candidate {
	w, ok := a.npWho(f)
	if !ok || w.pron != "" || w.speaker == "" {
		return nil
	}
	return set.add(histEntry{name: w.speaker, gender: w.gender, org: w.org, desc: w.desc}, w.role, w.mention, feat, 1)
}

// nameSpan is a name written in a paragraph: tokens [b, e] and who it
// names; ok when it is a plausible person or an organisation.
type nameSpan struct {
	b, e int
	w    who
	ok   bool
	read bool   // w and ok are known
	key  string // normName of the speaker
}

// who reads the span's name once.
func (a *art) spanWho(pi int, n *nameSpan) {
	if n.read {
		return
	}
	n.read = true
	w, ok := a.spanName(pi, n.b, n.e)
	n.w, n.ok = w, ok && (w.org || a.plausibleName(w))
	if n.ok {
		n.key = normName(w.speaker)
	}
}

// rankScratch holds the ranker's working memory for one article, reused
// from article to article: the candidates of the quotation being ranked and
// the names read in paragraphs.
type rankScratch struct {
	cands []candidate
	spans []nameSpan
	at    [][2]int32 // per paragraph, its names' range in spans; -1 when not read yet
}

var scratchPool = sync.Pool{New: func() any { return new(rankScratch) }}

// useScratch takes working memory for the ranker from the pool; the
// returned function gives it back.
func (a *art) useScratch() func() {
	rs := scratchPool.Get().(*rankScratch)
	rs.at = rs.at[:0]
	for range a.body {
		rs.at = append(rs.at, [2]int32{-1, -1})
	}
	a.rs = rs
	return func() {
		clear(rs.cands[:cap(rs.cands)])
		clear(rs.spans)
		rs.cands, rs.spans = rs.cands[:0], rs.spans[:0]
		a.rs = nil
		scratchPool.Put(rs)
	}
}

// spanName reads the name in tokens [b, e] of paragraph pi, a run of
// capitalised words, as npWho would but cheaply (it runs for every name
// near a ranked quotation): titles and honorifics before the name are
// dropped ("Sen.", "Tory leader"), a surname alone becomes the article's
// full name for it.
func (a *art) spanName(pi, b, e int) (who, bool) {
	ts := a.toks[pi]
	p := a.body[pi]
	nb := e
	for nb > b {
		t := &ts[nb-1]
		lw := strings.TrimSuffix(t.low, ".")
		if titleWords[lw] || titleWords[t.low] || isPossessive(t.text) && !isOrgPossessive(t, &ts[nb]) || p[t.end:ts[nb].start] != " " {
			break
		}
		nb--
	}
	var w who
	if nb > b {
		if g, ok := honorifics[strings.TrimSuffix(ts[nb-1].low, ".")]; ok {
			w.gender = g
		}
	}
	name := stripPossessive(p[ts[nb].start:ts[e].end])
	if name == "" || pronouns[strings.ToLower(name)] != "" {
		return w, false
	}
	w.mention = strings.TrimSpace(p[ts[b].start:ts[e].end])
	w.org = isOrgName(name)
	if nb == e && !w.org {
		if full := a.fullName(name); full != "" {
			name = full
		}
	}
	w.speaker = name
	return w, true
}

// paraNames reads the names (runs of capitalised words) of paragraph pi
// once per article and returns their range in a.rs.spans, in order.
func (a *art) paraNames(pi int) (int, int) {
	if r := a.rs.at[pi]; r[0] >= 0 {
		return int(r[0]), int(r[1])
	}
	ts := a.tokens(pi)
	start := len(a.rs.spans)
	for b := 0; b < len(ts); b++ {
		if !isNameTok(&ts[b]) && !(ts[b].abbr && ts[b].capital) {
			continue
		}
		e := b
		for e+1 < len(ts) && (isNameTok(&ts[e+1]) || ts[e+1].abbr && ts[e+1].capital) && !isPossessive(ts[e].text) {
			e++
		}
		if !ts[e].abbr {
			a.rs.spans = append(a.rs.spans, nameSpan{b: b, e: e})
		}
		b = e
	}
	a.rs.at[pi] = [2]int32{int32(start), int32(len(a.rs.spans))}
	return start, len(a.rs.spans)
}

// countWord counts how often the article writes w as a word.
func (a *art) countWord(w string) int {
	if n, ok := a.counts[w]; ok {
		return n
	}
	n := 0
	for _, p := range a.body {
		for i := indexWord(p, w, 0); i >= 0; i = indexWord(p, w, i+len(w)) {
			n++
		}
	}
	if a.counts == nil {
		a.counts = map[string]int{}
	}
	a.counts[w] = n
	return n
}

// ranked reports whether the ranker weighs q's speaker: a speaker the
// cascade read off a reporting verb next to the quotation stands (on
// polnear-train, across folds, the ranker overturned such picks about as
// often wrongly as rightly); where the cascade found nobody, or guessed by
// inheritance or from the sentence's subject, the ranker decides.
func ranked(q *qstate) bool {
	return q.speaker == "" || q.step != stepCue && q.step != stepInherit && q.step != stepInheritPara
}

// rank lets the ranker choose q's speaker among its candidates.
func (a *art) rank(q *qstate, w *Weights, collect func(*qstate, []candidate)) {
	if !ranked(q) {
		return
	}
	cs := a.candidates(q)
	if collect != nil {
		collect(q, cs)
	}
	if w == nil || len(cs) == 0 {
		return
	}
	best, bestScore := -1, math.Inf(-1)
	for i := range cs {
		s := 0.0
		for k, v := range cs[i].x {
			s += w[k] * v
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	c := &cs[best]
	if c.x[fCascade] == 1 {
		return
	}
	q.speaker, q.gender, q.isOrg = c.h.name, c.h.gender, c.h.org
	q.role, q.mention = c.role, c.mention
	a.hist = append(a.hist, histEntry{name: c.h.name, gender: c.h.gender, org: c.h.org, desc: c.h.desc, para: q.ep, tok: q.etok})
}
