package quotes

import (
	"math"
	"strings"

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
	for i := range s.cs {
		if c := &s.cs[i]; sameName(c.h.name, h.name) {
			c.x[feat] = max(c.x[feat], v)
			if c.role == "" {
				c.role = role
			}
			return c
		}
	}
	c := candidate{h: h, role: role, mention: mention}
	c.x[feat] = v
	s.cs = append(s.cs, c)
	return &s.cs[len(s.cs)-1]
}

// sameName reports whether two speakers' names are one ("Mr. Blinken" and
// "Blinken" are not: the cascade has already made full names of surnames).
func sameName(a, b string) bool {
	return strings.EqualFold(a, b) || strings.EqualFold(normName(a), normName(b))
}

// maxMentions is how many names written near a quotation become
// candidates, nearest first.
const maxMentions = 6

// candidates lists who may have said q, the cascade's pick first.
func (a *art) candidates(q *qstate) []candidate {
	var set candidateSet
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
		if !n.ok {
			return true // "The", "Tweeted": a capital at a sentence's start
		}
		ts := a.toks[pi]
		b, e, w := n.b, n.e, &n.w
		c := set.add(histEntry{name: w.speaker, gender: w.gender, org: w.org, desc: w.desc}, w.role, w.mention, feat, 1)
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
	names := a.paraNames(q.sp)
	more := true
	for i := len(names) - 1; i >= 0 && more; i-- {
		n := &names[i]
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
		names := a.paraNames(q.sp - 1)
		for i := len(names) - 1; i >= 0 && more; i-- {
			more = note(q.sp-1, &names[i], fMentionPrevPara)
		}
	}
	// what every candidate is
	for i := range set.cs {
		c := &set.cs[i]
		n := strings.Fields(c.h.name)
		switch {
		case c.h.org:
			c.x[fOrg] = 1
		case c.h.desc:
			c.x[fDesc] = 1
		case len(n) >= 2:
			c.x[fFullName] = 1
		default:
			c.x[fSurname] = 1
			if !a.nameMidSentence(c.h.name) && c.h.gender == "" {
				c.x[fImplausible] = 1
			}
		}
		if !c.h.desc && len(n) > 0 {
			c.x[fMentions] = math.Log1p(float64(a.countWord(n[len(n)-1])))
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
}

// paraNames lists the names (runs of capitalised words) of paragraph pi
// in order, read once per article.
func (a *art) paraNames(pi int) []nameSpan {
	if a.names == nil {
		a.names = make([][]nameSpan, len(a.body))
		a.namesDone = make([]bool, len(a.body))
	}
	if a.namesDone[pi] {
		return a.names[pi]
	}
	ts := a.tokens(pi)
	var out []nameSpan
	for b := 0; b < len(ts); b++ {
		if !isNameTok(&ts[b]) && !(ts[b].abbr && ts[b].capital) {
			continue
		}
		e := b
		for e+1 < len(ts) && (isNameTok(&ts[e+1]) || ts[e+1].abbr && ts[e+1].capital) && !isPossessive(ts[e].text) {
			e++
		}
		if !ts[e].abbr {
			w, ok := a.npWho(found{para: pi, b: b, e: e})
			ok = ok && w.pron == "" && w.speaker != "" && (w.org || a.plausibleName(w))
			out = append(out, nameSpan{b: b, e: e, w: w, ok: ok})
		}
		b = e
	}
	a.names[pi], a.namesDone[pi] = out, true
	return out
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
func ranked(q *qstate) bool { return q.speaker == "" || q.step != stepCue }

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
