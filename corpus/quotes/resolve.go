package quotes

import (
	"strings"

	"byline/model"
	"unicode"
	"unicode/utf8"
)

// who is a speaker read from a noun phrase.
type who struct {
	mention, speaker, role, gender string
	org, desc                      bool
	pron                           string // gender class of a pronoun mention
}

// npWho reads the noun phrase of f.
func (a *art) npWho(f found) (w who, ok bool) {
	ts := a.toks[f.para]
	p := a.body[f.para]
	w.mention = strings.TrimSpace(p[ts[f.b].start:ts[f.e].end])
	if f.b == f.e {
		if g, isPron := pronouns[ts[f.b].low]; isPron {
			w.pron = g
			return w, true
		}
	}
	words := make([]*token, 0, 12)
	for i := f.b; i <= f.e; i++ {
		t := &ts[i]
		if t.kind == tkPunct && t.text == "(" {
			for i <= f.e && ts[i].text != ")" {
				i++
			}
			continue
		}
		if t.kind == tkWord {
			words = append(words, t)
		}
	}
	n := len(words)
	if n == 0 {
		return w, false
	}
	ne, nb := n, n // name run [nb, ne)
	for nb > 0 {
		t := words[nb-1]
		lw := strings.TrimSuffix(stripPossessive(t.low), ".")
		if nb < ne && t.low == "of" && nb >= 2 && words[nb-2].capital && orgWords[words[nb-2].low] && words[nb].capital {
			// "Bank of Veldara": the organisation's whole name
			nb -= 2
			continue
		}
		if !t.capital || titleWords[lw] || titleWords[t.low] {
			break
		}
		if nb < ne && isPossessive(t.text) && !isOrgPossessive(t, words[nb]) {
			break
		}
		nb--
	}
	if nb == ne {
		// a description: "the mayor"
		w.speaker = strings.TrimSpace(p[words[0].start:words[n-1].end])
		if isPossessive(words[n-1].text) {
			w.speaker = stripPossessive(w.speaker)
		}
		w.org = isOrgName(words[n-1].text)
		w.desc = true
		return w, true
	}
	parts := make([]string, 0, ne-nb)
	for i, t := range words[nb:ne] {
		if i > 0 {
			// a possessive mark tokenized apart: "Fishers’ Cooperative"
			if gap := strings.TrimSpace(p[words[nb+i-1].end:t.start]); gap == "’" || gap == "'" {
				parts[len(parts)-1] += gap
			}
		}
		parts = append(parts, t.text)
	}
	parts[len(parts)-1] = stripPossessive(parts[len(parts)-1])
	name := strings.Join(parts, " ")
	if nb > 0 {
		if g, ok := honorifics[strings.TrimSuffix(words[nb-1].low, ".")]; ok {
			w.gender = g
		} else if g := genderWords[stripPossessive(words[nb-1].low)]; g != "" {
			// a role that gives the gender: "9/11 widow Terry Strada"
			w.gender = g
		}
	}
	rb, re := 0, nb
	for re > rb {
		l := strings.TrimSuffix(words[re-1].low, ".")
		if courtesy[l] {
			re--
			continue
		}
		break
	}
	for rb < re && determiners[words[rb].low] {
		rb++
	}
	// the role's head: its last word ("Bank of Japan chief"), or the word
	// before "of" ("US Secretary of State")
	headOK := rb < re && roleHead(words[re-1])
	for i := rb + 1; i < re && !headOK; i++ {
		if words[i].low == "of" || words[i].low == "for" {
			headOK = roleHead(words[i-1])
			break
		}
	}
	if headOK {
		w.role = strings.TrimSpace(p[words[rb].start:words[re-1].end])
	}
	w.org = isOrgName(name)
	if ne-nb == 1 && !w.org {
		if full := a.fullName(name); full != "" {
			name = full
		}
	}
	w.speaker = name
	return w, true
}

// roleHead reports whether a role's last word names a person or a post
// ("Tory leader", "Culture Secretary", "England coach"): words before a
// name that do not ("poster shows", "senior", "27-year-old", "Labour's")
// are no role.
func roleHead(t *token) bool {
	w := strings.TrimSuffix(t.low, ".")
	if isPossessive(t.text) {
		return false
	}
	if personWords[w] || titleWords[w] && !nonPersonTitle[w] || personHead(t.text) {
		return true
	}
	// agent nouns: driver, producer, organiser, co-ordinator, accountant,
	// entrepreneur, team-mate; right before a name there is little else
	// they could be
	if notAgentNouns[w] {
		return false
	}
	for _, suf := range []string{"er", "or", "ant", "eur", "mate", "fellow"} {
		if strings.HasSuffix(w, suf) && (len(w) > len(suf)+2 || suf == "fellow") {
			return true
		}
	}
	return false
}

// notAgentNouns end like agent nouns but are adjectives or other words.
var notAgentNouns = toSet(`former senior junior major minor other further elder older younger newer
latter outer inner upper lower super superior inferior after under over never ever whether together
rather either neither another however number order paper water power poster corner`)

// courtesy titles and peerages go with a name but are no role ("Dr", "Mr",
// "Lord Falconer").
var courtesy = toSet(`mr ms mrs miss mx dr prof sir dame lord lady baroness baron viscount earl countess`)

func (a *art) setGender(name, g string) {
	if name == "" || (g != "m" && g != "f") {
		return
	}
	if a.gender == nil {
		a.gender = map[string]string{}
	}
	if _, seen := a.gender[name]; !seen {
		a.gender[name] = g
	}
}

// resolve turns the noun phrase of f into q's speaker.
func (a *art) resolve(q *qstate, f found) {
	q.cue = f.cue
	if f.b < 0 {
		return
	}
	w, ok := a.npWho(f)
	if !ok {
		return
	}
	q.mention = w.mention
	if w.pron != "" {
		if h, ok := a.cataphor(f, w.pron); ok {
			q.speaker, q.gender, q.isOrg = h.name, w.pron, false
		} else {
			q.speaker, q.gender, q.isOrg = a.resolvePronoun(w.pron, q.sp, q.stok)
		}
		a.setGender(q.speaker, w.pron)
		if q.speaker != "" {
			a.hist = append(a.hist, histEntry{name: q.speaker, gender: q.gender, org: q.isOrg, para: q.ep, tok: q.etok})
		}
		return
	}
	q.speaker, q.role, q.isOrg = w.speaker, w.role, w.org
	q.gender = w.gender
	if f.re > 0 && q.role == "" && !w.desc && !w.org {
		ts := a.toks[f.para]
		q.role = strings.TrimSpace(a.body[f.para][ts[f.rb].start:ts[f.re].end])
	}
	if f.ae > 0 && w.desc {
		// "Port Alder’s mayor, Rosalind Achterberg": the description is
		// the role, the mention runs to the name
		ts := a.toks[f.para]
		q.role = w.speaker
		q.mention = strings.TrimSpace(a.body[f.para][ts[f.b].start:ts[f.ae].end])
		if q.gender == "" {
			q.gender = genderOfWords(a.body[f.para][ts[f.ab].start:ts[f.ae].end])
		}
	}
	desc := w.desc
	if w.desc && f.ae == 0 {
		if h, role, ok := a.standIn(f, q.sp, q.stok); ok {
			// "the Kansas Republican" after Robert Dole was named: Dole
			q.speaker, q.isOrg, q.gender, desc = h.name, h.org, h.gender, false
			if q.role == "" {
				q.role = role
			}
		}
	}
	if q.gender == "" && a.gender != nil {
		q.gender = a.gender[q.speaker]
	}
	a.setGender(q.speaker, q.gender)
	a.hist = append(a.hist, histEntry{name: q.speaker, gender: q.gender, org: q.isOrg, desc: desc, para: q.ep, tok: q.etok})
}

// standInWindow is how many paragraphs before the quotation's a stand-in
// looks back for the one it stands for: the issue's "the sentence or
// paragraph names them", with wire copy's one-sentence paragraphs.
const standInWindow = 1

// nearName reports whether one of words is written near a mention of
// name (its surname) somewhere in the article: within a few words before
// or after it. With no words to look for, any name will do.
func (a *art) nearName(name string, words []string) bool {
	if len(words) == 0 {
		return true
	}
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	sur := f[len(f)-1]
	const window = 60 // bytes either side: "Sen. Robert Dole (R-Kan.)", "Senate Republican leader Robert Dole"
	for _, p := range a.body {
		for i := indexWord(p, sur, 0); i >= 0; i = indexWord(p, sur, i+len(sur)) {
			lo, hi := max(i-window, 0), min(i+len(sur)+window, len(p))
			for lo > 0 && !utf8.RuneStart(p[lo]) {
				lo--
			}
			for hi < len(p) && !utf8.RuneStart(p[hi]) {
				hi++
			}
			for _, w := range words {
				if j := indexWord(p[lo:hi], w, 0); j >= 0 && (j == 0 || !isWordRune(lastRune(p[lo:lo+j]))) {
					return true
				}
			}
		}
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// orgNouns head descriptions of organisations: "the company", "the bank".
var orgNouns = toSet(`company firm bank group agency ministry government department corporation
airline carrier union party organization organisation utility insurer lender brewer maker producer
manufacturer retailer exporter importer operator concern conglomerate subsidiary unit`)

// standIn resolves a definite description that stands for someone the
// text has just named: "the Kansas Republican" for Robert Dole, "the
// company" for Halvorsen Motor Co, "the report" for the IMF that wrote it.
// It looks back from quotation token tok of paragraph para over the
// paragraph and the one before. It returns the one named and, for a
// person, the description as a role.
func (a *art) standIn(f found, para, tok int) (histEntry, string, bool) {
	ts := a.toks[f.para]
	if ts[f.b].kind != tkWord || ts[f.b].low != "the" || f.e == f.b {
		return histEntry{}, "", false
	}
	for i := f.b + 1; i <= f.e; i++ {
		if ts[i].kind != tkWord || isPossessive(ts[i].text) {
			// "the company’s spokesman" is someone else
			return histEntry{}, "", false
		}
	}
	head := &ts[f.e]
	hw := strings.TrimSuffix(head.low, ".")
	switch {
	case orgNouns[hw]:
		if h, ok := a.recentNamed(para, tok, func(w who) bool { return w.org && !w.desc }); ok {
			return h, "", true
		}
	case docNouns[hw]:
		if h, ok := a.issuer(hw, para, tok); ok {
			return h, "", true
		}
	case personWords[hw] || personHead(head.text) || titleWords[hw] && !nonPersonTitle[hw] || head.capital && (hw == "republican" || hw == "democrat"):
		if strings.HasSuffix(hw, "s") && !strings.HasSuffix(hw, "ss") && !personWords[hw] {
			return histEntry{}, "", false // plural: "the Democrats"
		}
		g := genderOfWords(a.body[f.para][ts[f.b].start:ts[f.e].end])
		// One of the capitalised words of the description ("Kansas",
		// "Republican") must be found with the last person named: "Sen.
		// Robert Dole of Kansas", "Senate Republican leader Robert Dole".
		// A bare description ("the senator") goes to the last person
		// named.
		var marks []string
		for i := f.b + 1; i <= f.e; i++ {
			if ts[i].capital {
				marks = append(marks, ts[i].text)
			}
		}
		h, ok := a.recentNamed(para, tok, func(w who) bool {
			return !w.org && !w.desc && a.plausibleName(w) && (g == "" || a.genderOK(w.speaker, w.gender, g))
		})
		role := strings.TrimSpace(a.body[f.para][ts[f.b+1].start:ts[f.e].end])
		if ok && a.nearName(h.name, marks) {
			return h, role, true
		}
		if name := a.roleHolder(role); name != "" {
			// "the Tory leader" where the article writes "Tory leader
			// Michael Howard"
			return histEntry{name: name, gender: a.gender[name]}, role, true
		}
	}
	return histEntry{}, "", false
}

// roleHolder is the one person the article names right after role ("Tory
// leader Michael Howard"), or "" when none or several.
func (a *art) roleHolder(role string) string {
	if !strings.Contains(role, " ") && !titleWords[strings.ToLower(role)] {
		return "" // one word that is no post ("the businessman") says too little
	}
	found := ""
	for _, p := range a.body {
		for i := 0; i < len(p); {
			j := strings.Index(p[i:], role)
			if j < 0 {
				break
			}
			j += i
			i = j + len(role)
			if j > 0 && isWordRune(lastRune(p[:j])) || i >= len(p) || p[i] != ' ' {
				continue
			}
			var words []string
			for _, raw := range strings.Fields(p[i:min(len(p), i+60)]) {
				w := strings.TrimRight(raw, ",.;:")
				r, _ := utf8.DecodeRuneInString(w)
				if !unicode.IsUpper(r) || capStop[strings.ToLower(w)] || len(words) == 3 {
					break
				}
				words = append(words, stripPossessive(w))
				if w != raw || isPossessive(w) {
					break // the name ends at punctuation or a possessive
				}
			}
			if len(words) < 2 {
				continue
			}
			name := strings.Join(words, " ")
			if found != "" && found != name {
				return ""
			}
			found = name
		}
	}
	return found
}

// recentNamed finds, reading back sentence by sentence from before the
// sentence of token tok in paragraph para (and over standInWindow
// paragraphs before it), the most recent speaker or subject that fits.
func (a *art) recentNamed(para, tok int, fits func(who) bool) (histEntry, bool) {
	for pi := para; pi >= 0 && para-pi <= standInWindow; pi-- {
		ts := a.tokens(pi)
		end := len(ts)
		if pi == para {
			end = a.beforeOwnSentence(ts, tok)
		}
		for end > 0 {
			start := a.sentenceStart(ts, end, 0)
			for i := len(a.qs) - 1; i >= 0; i-- {
				q := a.qs[i]
				if q.speaker == "" || q.kind != model.KindQuote || !(q.ep == pi && q.etok >= start && q.etok < end) {
					continue
				}
				w := who{speaker: q.speaker, org: q.isOrg, desc: isDescription(q.speaker), gender: q.gender}
				if fits(w) {
					return histEntry{name: q.speaker, gender: q.gender, org: q.isOrg}, true
				}
			}
			// the subject of the sentence, then of its first reporting verb
			var fs []found
			if f, ok := a.sentenceSubject(ts, start, end, pi); ok {
				fs = append(fs, f)
			}
			for c := start; c < end; c++ {
				if ts[c].kind == tkQuote {
					break
				}
				if isCue(&ts[c]) && verbLike(ts, c, start) {
					if f, ok := a.subjectOf(ts, c, start, end, pi); ok && f.b >= 0 {
						fs = append(fs, f)
					}
					break
				}
			}
			for _, f := range fs {
				if w, ok := a.npWho(f); ok && w.pron == "" && fits(w) {
					return histEntry{name: w.speaker, gender: w.gender, org: w.org}, true
				}
			}
			end = start
		}
	}
	return histEntry{}, false
}

// issuer finds who issued the document a stand-in such as "the report"
// names: the last earlier sentence (in this paragraph or the one before)
// that mentions the noun gives it — its possessor ("the IMF’s report"),
// the name after "by" or "from" ("a report by the IMF"), or the sentence's
// named subject ("The IMF issued a report").
func (a *art) issuer(noun string, para, tok int) (histEntry, bool) {
	for pi := para; pi >= 0 && para-pi <= standInWindow; pi-- {
		ts := a.tokens(pi)
		end := len(ts)
		if pi == para {
			end = a.beforeOwnSentence(ts, tok)
		}
		for end > 0 {
			start := a.sentenceStart(ts, end, 0)
			for k := start; k < end; k++ {
				if ts[k].kind != tkWord || strings.TrimSuffix(ts[k].low, "s") != noun && ts[k].low != noun {
					continue
				}
				if k-1 >= start && ts[k-1].capital && isPossessive(ts[k-1].text) {
					if b, e := backNP(ts, k-1, start); b >= 0 {
						if w, ok := a.npWho(found{para: pi, b: b, e: e}); ok && !w.desc && w.pron == "" {
							return histEntry{name: w.speaker, org: w.org, gender: w.gender}, true
						}
					}
				}
				if k+2 < end && (ts[k+1].low == "by" || ts[k+1].low == "from") {
					if b, e := fwdNP(ts, k+2, end); b >= 0 {
						if w, ok := a.npWho(found{para: pi, b: b, e: e}); ok && !w.desc && w.pron == "" {
							return histEntry{name: w.speaker, org: w.org, gender: w.gender}, true
						}
					}
				}
				if f, ok := a.sentenceSubject(ts, start, end, pi); ok {
					if w, ok := a.npWho(f); ok && !w.desc && w.pron == "" && a.plausibleName(w) {
						return histEntry{name: w.speaker, org: w.org, gender: w.gender}, true
					}
				}
				return histEntry{}, false
			}
			end = start
		}
	}
	return histEntry{}, false
}

var subordinators = toSet(`though although while when whenever after before as if because since once until
unless whereas`)

// cataphor resolves a he/she that opens a fronted subordinate clause to the
// named subject of the main clause after it: "Though she called it
// “outrageous”, Clinton declined …".
func (a *art) cataphor(f found, g string) (histEntry, bool) {
	if g != "m" && g != "f" || f.b < 1 {
		return histEntry{}, false
	}
	ts := a.toks[f.para]
	s := f.b - 1
	if ts[s].kind != tkWord || !subordinators[ts[s].low] {
		return histEntry{}, false
	}
	lo, _ := a.sentBounds(ts, s)
	for lo < s && ts[lo].kind == tkPunct {
		lo++
	}
	if lo != s {
		return histEntry{}, false
	}
	for c := f.e + 1; c < len(ts) && c-f.e < 60; c++ {
		if ts[c].kind == tkPunct && ts[c].sentEnd {
			break
		}
		if ts[c].kind != tkPunct || ts[c].text != "," {
			continue
		}
		b, e := fwdNP(ts, c+1, len(ts))
		if b < 0 || !ts[b].capital {
			continue
		}
		w, ok := a.npWho(found{para: f.para, b: b, e: e})
		if !ok || w.pron != "" || w.desc || w.org || !a.plausibleName(w) {
			return histEntry{}, false
		}
		h := histEntry{name: w.speaker, gender: w.gender}
		if !a.compatible(h, g) {
			return histEntry{}, false
		}
		// the main clause goes on with a verb
		if n := skipFwd(ts, e+1, len(ts)); n < len(ts) && ts[n].kind == tkWord && !ts[n].capital {
			return h, true
		}
		return histEntry{}, false
	}
	return histEntry{}, false
}

// personNoun reports whether a description names a person ("the mayor",
// "a campaign spokesman"), judged by its last word.
func personNoun(desc string) bool {
	f := strings.Fields(desc)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(stripPossessive(f[len(f)-1]))
	if titleWords[w] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "man", "woman", "ian", "ant", "ent", "ee"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func (a *art) tokens(pi int) []token {
	if a.toks[pi] == nil {
		a.toks[pi] = a.tokenizeInto(a.body[pi], nil)
	}
	return a.toks[pi]
}

func (a *art) compatible(h histEntry, g string) bool {
	switch g {
	case "m", "f":
		if h.org || h.desc && !personNoun(h.name) {
			return false
		}
		hg := h.gender
		if a.gender != nil && hg == "" {
			hg = a.gender[h.name]
		}
		if hg == "" {
			hg = firstNameGender(h.name)
		}
		return hg == "" || hg == g
	case "n":
		return h.org
	}
	return true
}

// resolvePronoun finds who a pronoun before quote token tok of paragraph
// para stands for: the last compatible named speaker, where sentences with
// a reporting verb since the last quotation count too.
func (a *art) resolvePronoun(g string, para, tok int) (string, string, bool) {
	if g == "m" || g == "f" {
		if h, ok := a.recentReferent(g, para, tok); ok {
			return h.name, g, false
		}
	}
	if g == "n" {
		if h, ok := a.recentOrg(para, tok); ok {
			return h.name, "", true
		}
	}
	lastPara, lastTok := -1, -1
	if n := len(a.hist); n > 0 {
		lastPara, lastTok = a.hist[n-1].para, a.hist[n-1].tok
	}
	if g == "m" || g == "f" {
		for pi := para; pi >= 0 && pi >= lastPara && para-pi <= 3; pi-- {
			ts := a.tokens(pi)
			hi := len(ts)
			if pi == para {
				hi = a.beforeOwnSentence(ts, tok)
			}
			lo := 0
			if pi == lastPara {
				lo = lastTok + 1
			}
			if h, ok := a.speechSubject(ts, pi, lo, hi, g); ok {
				return h.name, h.gender, false
			}
		}
	}
	for i := len(a.hist) - 1; i >= 0; i-- {
		h := a.hist[i]
		if a.compatible(h, g) {
			if g == "m" || g == "f" {
				return h.name, g, false
			}
			return h.name, h.gender, h.org
		}
	}
	if g == "m" || g == "f" {
		// no speaker yet: the last compatible person named as a subject
		for pi := para; pi >= 0; pi-- {
			ts := a.tokens(pi)
			hi := len(ts)
			if pi == para {
				hi = tok
				if hi < 0 {
					hi = 0
				}
			}
			if h, ok := a.namedSubject(ts, pi, hi, g); ok {
				return h.name, g, false
			}
		}
	}
	return "", g, false
}

// namedSubject finds, from the last sentence of ts[:hi] back, a sentence
// whose subject is a named person compatible with gender g.
func (a *art) namedSubject(ts []token, pi, hi int, g string) (histEntry, bool) {
	end := hi
	for end > 0 {
		start := a.sentenceStart(ts, end, 0)
		i := start
		for i < end && (ts[i].kind != tkWord || capStop[ts[i].low] && pronouns[ts[i].low] == "") {
			if ts[i].kind == tkWord && capStop[ts[i].low] {
				// skip an introductory phrase up to its comma
				m := i
				for m < end && !(ts[m].kind == tkPunct && ts[m].text == ",") && m-i < 8 {
					m++
				}
				if m < end && ts[m].text == "," {
					i = m + 1
					continue
				}
			}
			i++
		}
		if b, e := fwdNP(ts, i, end); b >= 0 {
			if w, ok := a.npWho(found{para: pi, b: b, e: e}); ok && w.pron == "" && !w.desc && !w.org && a.plausibleName(w) {
				h := histEntry{name: w.speaker, gender: w.gender}
				if a.compatible(h, g) {
					return h, true
				}
			}
		}
		end = start
	}
	return histEntry{}, false
}

// speechSubject looks, from the last sentence back, in tokens [lo, hi) for a
// sentence without quotations whose reporting verb has a named person as
// subject.
func (a *art) speechSubject(ts []token, pi, lo, hi int, g string) (histEntry, bool) {
	end := hi
	for end > lo {
		start := a.sentenceStart(ts, end, lo)
		hasQuote := false
		cue := -1
		for i := start; i < end; i++ {
			if ts[i].kind == tkQuote {
				hasQuote = true
				break
			}
			if cue < 0 && isCue(&ts[i]) && !weakCue[ts[i].low] {
				cue = i
			}
		}
		if !hasQuote && cue >= 0 {
			if f, ok := a.subjectOf(ts, cue, start, end, pi); ok {
				if w, ok := a.npWho(f); ok && w.pron == "" && !w.desc && !w.org {
					h := histEntry{name: w.speaker, gender: w.gender}
					if a.compatible(h, g) {
						return h, true
					}
				}
			}
		}
		end = start
	}
	return histEntry{}, false
}

// referentWindow is how many paragraphs back a he/she looks for the person
// it stands for before falling back on the earlier speakers.
const referentWindow = 3

// recentReferent resolves he/she before quote token tok of paragraph para to
// the most recent compatible person, sentence by sentence backwards: the
// speaker of a quotation in that sentence, else its subject, else the
// subject of its reporting verb. Subjects that are pronouns themselves
// continue the chain further back.
func (a *art) recentReferent(g string, para, tok int) (histEntry, bool) {
	for pi := para; pi >= 0 && para-pi <= referentWindow; pi-- {
		ts := a.tokens(pi)
		end := len(ts)
		if pi == para {
			end = a.beforeOwnSentence(ts, tok)
		}
		for end > 0 {
			start := a.sentenceStart(ts, end, 0)
			if h, ok := a.sentenceReferent(ts, pi, start, end, g); ok {
				return h, true
			}
			end = start
		}
	}
	return histEntry{}, false
}

// recentOrg resolves "it" before quote token tok of paragraph para to the
// organisation that is the subject of one of the sentences just before (in
// this paragraph or the one before): "Donald Trump’s campaign is defending
// … It’s denouncing what it calls “…”".
func (a *art) recentOrg(para, tok int) (histEntry, bool) {
	for pi := para; pi >= 0 && para-pi <= 1; pi-- {
		ts := a.tokens(pi)
		end := len(ts)
		if pi == para {
			end = a.beforeOwnSentence(ts, tok)
		}
		for n := 0; end > 0 && n < 2; n++ {
			start := a.sentenceStart(ts, end, 0)
			if f, ok := a.sentenceSubject(ts, start, end, pi); ok {
				if w, ok := a.npWho(f); ok && w.pron == "" {
					if w.org {
						return histEntry{name: w.speaker, org: true, desc: w.desc}, true
					}
					// a person or thing as the last subject: no guess here
					return histEntry{}, false
				}
			}
			end = start
		}
	}
	return histEntry{}, false
}

// sentenceReferent finds the person of gender g a sentence [lo, hi) of
// paragraph pi is about.
func (a *art) sentenceReferent(ts []token, pi, lo, hi int, g string) (histEntry, bool) {
	// a quotation in the sentence with a known speaker
	for i := len(a.qs) - 1; i >= 0; i-- {
		q := a.qs[i]
		if q.speaker == "" {
			continue
		}
		in := q.ep == pi && q.etok >= lo && q.etok < hi || q.sp == pi && q.stok >= lo && q.stok < hi
		if !in {
			continue
		}
		h := histEntry{name: q.speaker, gender: q.gender, org: q.isOrg, desc: isDescription(q.speaker)}
		if a.compatible(h, g) {
			return h, true
		}
		break
	}
	if f, ok := a.sentenceSubject(ts, lo, hi, pi); ok {
		if h, ok := a.personFrom(f, g, false); ok {
			return h, true
		}
	}
	if h, ok := a.cueReferent(ts, pi, lo, hi, g); ok {
		return h, true
	}
	// the subject of a later clause: "The moderators were ready to move
	// on, but Christie wasn't having it."
	if f, ok := a.clauseSubject(ts, lo, hi, pi); ok && f.b > lo {
		if h, ok := a.personFrom(f, g, false); ok && !h.desc && !a.placeWord(h.name) {
			return h, true
		}
	}
	return histEntry{}, false
}

// cueReferent reads the person of gender g who is the subject of the first
// reporting verb of sentence [lo, hi) of paragraph pi, before any mark.
func (a *art) cueReferent(ts []token, pi, lo, hi int, g string) (histEntry, bool) {
	for c := lo; c < hi; c++ {
		if ts[c].kind == tkQuote {
			break
		}
		if !isCue(&ts[c]) || weakCue[ts[c].low] || !verbLike(ts, c, lo) {
			continue
		}
		if f, ok := a.subjectOf(ts, c, lo, hi, pi); ok {
			if h, ok := a.personFrom(f, g, true); ok {
				return h, true
			}
		}
		break
	}
	return histEntry{}, false
}

// personFrom reads a person of gender g from the noun phrase of f: a name,
// or a description whose head is a person noun ("the Ohio governor").
func (a *art) personFrom(f found, g string, ofCue bool) (histEntry, bool) {
	w, ok := a.npWho(f)
	if !ok || w.pron != "" {
		return histEntry{}, false
	}
	if w.desc && (w.org || !personHead(w.speaker)) {
		// "Mr Wren’s office said …": the sentence is about its owner
		return a.possessorFrom(f, g)
	}
	if w.org {
		return histEntry{}, false
	}
	if w.desc {
		if first, _, _ := strings.Cut(strings.ToLower(w.speaker), " "); possessivePronouns[first] && !ofCue {
			// "His father worked the cranes …" is about someone else's
			// relative: a later "he" goes on meaning the one the article
			// is about — unless the relative spoke ("…, his brother
			// added. “…,” he said.")
			return histEntry{}, false
		}
		return histEntry{name: w.speaker, gender: a.gender[w.speaker], desc: true}, a.genderOK(w.speaker, a.gender[w.speaker], g)
	}
	if !ofCue && !a.plausibleName(w) && !a.actingSurname(f) {
		return histEntry{}, false
	}
	h := histEntry{name: w.speaker, gender: w.gender}
	return h, a.compatible(h, g)
}

var possessivePronouns = toSet(`his her their its my our your`)

// possessorFrom reads the person owning a noun phrase's head ("Mr Wren" in
// "Mr Wren’s office"), of gender g.
func (a *art) possessorFrom(f found, g string) (histEntry, bool) {
	ts := a.toks[f.para]
	for k := f.e - 1; k >= f.b; k-- {
		if ts[k].kind != tkWord || !ts[k].capital || !isPossessive(ts[k].text) {
			continue
		}
		w, ok := a.npWho(found{para: f.para, b: f.b, e: k})
		if !ok || w.pron != "" || w.org || w.desc || !a.plausibleName(w) {
			return histEntry{}, false
		}
		h := histEntry{name: w.speaker, gender: w.gender}
		return h, a.compatible(h, g)
	}
	return histEntry{}, false
}

// actingSurname reports whether f is a lone capitalised word that is the
// subject of a verb in the past ("Cruz openly admitted …", "Carson defied
// …"): a surname the article never writes mid-sentence. Plural nouns
// ("Retailers warned", "Things changed") are not taken.
func (a *art) actingSurname(f found) bool {
	ts := a.toks[f.para]
	if f.b != f.e || !ts[f.b].capital || ts[f.b].kind != tkWord {
		return false
	}
	// A final s is more often a plural ("Things changed") than a surname
	// here; surnames in s are usually written mid-sentence somewhere too.
	if low := ts[f.b].low; strings.HasSuffix(low, "s") && !strings.HasSuffix(low, "ss") && !strings.HasSuffix(low, "us") {
		return false
	}
	x := skipFwd(ts, f.e+1, len(ts))
	if x >= len(ts) || ts[x].kind != tkWord || ts[x].capital {
		return false
	}
	v := ts[x].low
	return len(v) > 4 && strings.HasSuffix(v, "ed") || cueSet[v]
}

// plausibleName rules out a lone capitalised word that never shows up
// inside a sentence ("Looking", "Following", "Bombs"): no name.
func (a *art) plausibleName(w who) bool {
	if inLower(calendarWords, w.speaker) {
		return false // "In December, …": no one
	}
	return strings.Contains(w.speaker, " ") || w.gender != "" || a.nameMidSentence(w.speaker)
}

// placeWord reports whether a one-word name is written as a place
// somewhere in the article: after "in", "at", "from" or "near".
func (a *art) placeWord(name string) bool {
	if strings.Contains(name, " ") {
		return false
	}
	for _, p := range a.body {
		for i := indexWord(p, name, 0); i >= 0; i = indexWord(p, name, i+len(name)) {
			switch strings.ToLower(lastWord(p[:i])) {
			case "in", "at", "from", "near":
				return true
			}
		}
	}
	return false
}

// calendarWords are capitalised and mid-sentence, and never anyone.
var calendarWords = toSet(`january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday christmas easter`)

// nameMidSentence reports whether word is written capitalised somewhere in
// the article after a lower-case word or a comma, where only names are.
func (a *art) nameMidSentence(word string) bool {
	if a.midCap == nil {
		a.midCap = map[string]bool{}
	}
	if v, ok := a.midCap[word]; ok {
		return v
	}
	found := false
	for _, p := range a.body {
		for i := indexWord(p, word, 0); i >= 0 && !found; i = indexWord(p, word, i+len(word)) {
			if i < 2 || p[i-1] != ' ' {
				continue
			}
			r, _ := utf8.DecodeLastRuneInString(p[:i-1])
			if r == ',' || unicode.IsLower(r) {
				found = true
			}
		}
		if found {
			break
		}
	}
	a.midCap[word] = found
	return found
}

func (a *art) genderOK(name, hg, g string) bool {
	if hg == "" {
		hg = genderOfWords(name)
	}
	return hg == "" || hg == g
}

// isDescription reports whether a speaker is a description ("the mayor")
// rather than a name.
func isDescription(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return true
	}
	f := strings.Fields(s)
	return len(f) > 0 && determiners[strings.ToLower(f[0])]
}

// personHead reports whether a description's head word names a person.
func personHead(desc string) bool {
	f := strings.Fields(desc)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(stripPossessive(f[len(f)-1]))
	if orgWords[w] {
		return false
	}
	if personWords[w] || titleWords[w] && !nonPersonTitle[w] {
		return true
	}
	for _, suf := range []string{"man", "woman", "ist", "eer"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// genderOfWords reads a gender from the words of a description ("the
// congresswoman", "his wife").
func genderOfWords(s string) string {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = stripPossessive(w)
		if g := genderWords[w]; g != "" {
			return g
		}
	}
	return firstNameGender(s)
}
