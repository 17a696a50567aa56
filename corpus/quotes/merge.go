package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/model"
)

// Merge canonicalises speakers across the whole corpus: the same full name
// merges; a surname alone (or "Mr Blinken") maps to the one full name it fits
// (ambiguous names are left as they are); persons are told from
// organisations. It rewrites each Quote.Speaker to the canonical name and
// returns the speakers, most quoted first.
//
// Only named speakers become Speakers: descriptions such as "the mayor" stay
// on their quotes but are not listed.
func Merge(articles []*model.Article) []*model.Speaker {
	type acc struct {
		sp      *model.Speaker
		aliases map[string]bool // (each map made on its first entry)
		arts    map[string]bool
		srcs    map[string]bool
		roles   map[string]int
		lastArt *model.Article // the article of its latest quote
	}
	// 1. collect the full names (two words or more, persons) with the
	// roles they were given
	bySurname := map[string]map[string]map[string]int{} // surname -> full name -> role -> quotes
	norms := map[string]string{}
	normalised := func(s string) string {
		n, ok := norms[s]
		if !ok {
			n = normName(s)
			norms[s] = n
		}
		return n
	}
	// a speaker as written -> its normalised name and, for a person's full
	// name, the surname lower-cased (read once per distinct speaker)
	type fullName struct{ n, last string }
	fulls := map[string]fullName{}
	for _, a := range articles {
		for i := range a.Quotes {
			q := &a.Quotes[i]
			if !q.IsQuotation() || q.Speaker == "" || !isName(q.Speaker) {
				continue
			}
			spk := speakerOf(q)
			fn, ok := fulls[spk]
			if !ok {
				fn.n = normalised(spk)
				f := strings.Fields(fn.n)
				if len(f) >= 2 && !isOrgName(fn.n) {
					fn.last = strings.ToLower(f[len(f)-1])
				}
				fulls[spk] = fn
			}
			if n, last := fn.n, fn.last; last != "" {
				if bySurname[last] == nil {
					bySurname[last] = map[string]map[string]int{}
				}
				if bySurname[last][n] == nil {
					bySurname[last][n] = map[string]int{}
				}
				bySurname[last][n][q.Role]++
			}
		}
	}
	// A surname alone is the full name it fits, judged in its article:
	// a first name the article writes with the surname decides (and one
	// that no full name has keeps it apart: two different Hunters never
	// merge); without one, the surname is the corpus's only full name with
	// it, or the one whose roles the article's words bear out ("Mr Howard"
	// in a story about the Tory leader is Michael Howard, not John Howard).
	canonIn := func(a *model.Article, name string) string {
		n := normalised(name)
		f := strings.Fields(n)
		if len(f) != 1 || isOrgName(n) {
			return n
		}
		set := bySurname[strings.ToLower(f[0])]
		if len(set) == 0 {
			return n
		}
		firsts := firstNamesWith(a.Body, f[0])
		if len(firsts) > 0 {
			match := ""
			for full := range set {
				for _, fn := range firsts {
					if strings.HasPrefix(full, fn+" ") {
						if match != "" && match != full {
							return n
						}
						match = full
					}
				}
			}
			if match == "" || len(firsts) > 1 {
				return n
			}
			return match
		}
		if len(set) == 1 {
			for full := range set {
				return full
			}
		}
		best, bestScore, tie := "", 0, false
		for full, roles := range set {
			sc := roleEvidence(a.Body, roles)
			switch {
			case sc > bestScore:
				best, bestScore, tie = full, sc, false
			case sc == bestScore && sc > 0:
				tie = true
			}
		}
		if best == "" || tie {
			return n
		}
		return best
	}
	// Many quotes of an article share a speaker string: canonicalise each
	// distinct one once per article (a handful: a list beats a map).
	type canonical struct{ name, canon, lower string }
	var inArticle []canonical
	canon := func(a *model.Article, name string) *canonical {
		for i := range inArticle {
			if inArticle[i].name == name {
				return &inArticle[i]
			}
		}
		c := canonIn(a, name)
		inArticle = append(inArticle, canonical{name, c, strings.ToLower(c)})
		return &inArticle[len(inArticle)-1]
	}
	byName := map[string]*acc{}
	var order []string
	for _, a := range articles {
		inArticle = inArticle[:0]
		for i := range a.Quotes {
			q := &a.Quotes[i]
			if !q.IsQuotation() || q.Speaker == "" || !isName(q.Speaker) {
				continue
			}
			orig := q.Speaker
			c := canon(a, speakerOf(q))
			name, lname := c.canon, c.lower
			q.Speaker = name
			s := byName[lname]
			if s == nil {
				kind := model.SpeakerPerson
				if isOrgName(name) && !(isDescription(name) && personHead(name)) {
					// ("the Tory leader" is a person; "the Bank of
					// Veldara" an organisation)
					kind = model.SpeakerOrganisation
				}
				s = &acc{sp: &model.Speaker{Name: name, Kind: kind}}
				byName[lname] = s
				order = append(order, lname)
			}
			s.sp.Quotes++
			if s.lastArt != a {
				// (a speaker's quotes of one article come together)
				s.lastArt = a
				if !s.arts[a.ID] {
					if s.arts == nil {
						s.arts = map[string]bool{}
					}
					s.arts[a.ID] = true
					s.sp.Articles = append(s.sp.Articles, a.ID)
				}
			}
			if a.Source != "" && !s.srcs[a.Source] {
				if s.srcs == nil {
					s.srcs = map[string]bool{}
				}
				s.srcs[a.Source] = true
			}
			if q.Role != "" {
				if s.roles == nil {
					s.roles = map[string]int{}
				}
				s.roles[q.Role]++
			}
			for _, al := range []string{orig, q.Mention} {
				al = strings.TrimSpace(al)
				if al == "" || al == name || !isName(al) {
					continue
				}
				if _, pron := lookupLower(pronouns, al); pron {
					continue
				}
				// keep only mentions naming this speaker (the mention may carry the role)
				if r := q.Role; r != "" {
					if i := strings.Index(al, r); i >= 0 {
						al = strings.TrimLeft(al[i+len(r):], " ,")
					}
				}
				if al != "" && al != name {
					if s.aliases == nil {
						s.aliases = map[string]bool{}
					}
					s.aliases[al] = true
				}
			}
		}
	}
	// A one-word "person" may be a country or place: look for the evidence
	// in the articles quoting it. Only those: scanning the whole corpus for
	// every such name would be quadratic in the corpus size.
	byID := make(map[string]*model.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
	}
	out := make([]*model.Speaker, 0, len(order))
	for _, k := range order {
		s := byName[k]
		if s.sp.Kind == model.SpeakerPerson && !strings.Contains(s.sp.Name, " ") {
			quoting := make([]*model.Article, 0, len(s.sp.Articles))
			for _, id := range s.sp.Articles {
				quoting = append(quoting, byID[id])
			}
			if placeLike(s.sp.Name, quoting) {
				s.sp.Kind = model.SpeakerOrganisation
			}
		}
		for al := range s.aliases {
			s.sp.Aliases = append(s.sp.Aliases, al)
		}
		sort.Strings(s.sp.Aliases)
		for src := range s.srcs {
			s.sp.Sources = append(s.sp.Sources, src)
		}
		sort.Strings(s.sp.Sources)
		best, bn := "", 0
		for r, n := range s.roles {
			if n > bn || n == bn && r < best {
				best, bn = r, n
			}
		}
		s.sp.Role = best
		out = append(out, s.sp)
	}
	model.SortSpeakers(out)
	return out
}

// firstNamesWith lists the first names an article writes right before
// surname ("Duncan Hunter"), each once.
func firstNamesWith(body []string, surname string) []string {
	var out []string
	for _, p := range body {
		for i := indexWord(p, surname, 0); i >= 0; i = indexWord(p, surname, i+len(surname)) {
			if i < 2 || p[i-1] != ' ' {
				continue
			}
			w := lastWord(p[:i-1])
			lw := strings.ToLower(strings.TrimSuffix(w, "."))
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) || strings.HasSuffix(w, ".") || strings.ContainsAny(w, ",;:()“”\"'’") ||
				capStop[lw] && !firstNames(lw) || titleWords[lw] || courtesy[lw] || honorifics[lw] != "" || orgWords[lw] || countryWords[lw] {
				continue
			}
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// roleEvidence counts how many of the words of a full name's roles an
// article writes (capitalised words as written, others in any case).
func roleEvidence(body []string, roles map[string]int) int {
	seen := map[string]bool{}
	n := 0
	for role := range roles {
		for _, w := range strings.Fields(role) {
			w = stripPossessive(strings.Trim(w, ",.;:"))
			if len(w) < 3 || seen[w] || determiners[strings.ToLower(w)] || stopWords[strings.ToLower(w)] {
				continue
			}
			seen[w] = true
			for _, p := range body {
				if i := indexWord(p, w, 0); i >= 0 && (i == 0 || !isWordRune(lastRune(p[:i]))) {
					n++
					break
				}
			}
		}
	}
	return n
}

// speakerOf is the name of q's speaker: the name given in apposition to a
// description ("Port Alder’s mayor, Rosalind Achterberg", which Extract
// keeps in the mention with the description as speaker and role), else the
// speaker.
func speakerOf(q *model.Quote) string {
	if q.Speaker == "" || !strings.HasPrefix(q.Mention, q.Speaker+",") {
		return q.Speaker
	}
	rest := strings.TrimSpace(q.Mention[len(q.Speaker)+1:])
	f := strings.Fields(rest)
	if len(f) < 2 || len(f) > 4 {
		return q.Speaker
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return q.Speaker
		}
	}
	return rest
}

// stateWords follow a country's possessive: "Coastland’s government".
var stateWords = toSet(`government ministry minister foreign prime president parliament fleet navy army
capital economy coast coastline waters border borders embassy ambassador people citizens territory
ports regions cabinet`)

// placeLike reports whether a one-word name is a country or place rather
// than a person: it is never preceded by a first name or honorific in the
// corpus and it is written "in X", "across X" or "X’s government".
func placeLike(name string, articles []*model.Article) bool {
	if strings.ContainsRune(name, ' ') {
		return false
	}
	place, person := 0, 0
	for _, a := range articles {
		for _, p := range a.Body {
			for i := indexWord(p, name, 0); i >= 0; i = indexWord(p, name, i+len(name)) {
				from := i + len(name)
				if i > 0 {
					if r, _ := utf8.DecodeLastRuneInString(p[:i]); isWordRune(r) {
						continue
					}
				}
				prev := lastWord(p[:i])
				lp := strings.ToLower(strings.TrimSuffix(prev, "."))
				switch {
				case honorifics[lp] != "" || courtesy[lp] || titleWords[lp] && !nonPersonTitle[lp] || firstNames(lp):
					person++
				case prev != "" && unicode.IsUpper([]rune(prev)[0]) && !capStop[lp] && !strings.ContainsAny(prev, ".,;:"):
					person++ // "Nadia Kerrigan"
				case lp == "in" || lp == "across" || lp == "throughout" || lp == "into":
					place++
				}
				rest := p[from:]
				if strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "'s ") {
					_, size := utf8.DecodeRuneInString(rest)
					nw := strings.ToLower(strings.TrimRight(strings.Fields(rest[size+2:] + " x")[0], ".,;:"))
					if stateWords[nw] {
						place++
					}
				}
			}
		}
	}
	return place > 0 && person == 0
}

// indexWord returns the first index at or after from where w occurs in p
// not followed by a word character, or -1. Callers check what precedes it.
func indexWord(p, w string, from int) int {
	if w == "" {
		return -1
	}
	for from <= len(p) {
		i := strings.Index(p[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if end >= len(p) {
			return i
		}
		if r, _ := utf8.DecodeRuneInString(p[end:]); !isWordRune(r) {
			return i
		}
		from = end
	}
	return -1
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// isName reports whether s names someone (has a capitalised word) rather
// than describing them ("the mayor").
func isName(s string) bool {
	// The words of strings.Fields(s), read in place: it runs for every
	// quotation of the corpus.
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
				continue
			}
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += s2
		}
		if unicode.IsUpper(r) && !inLower(determiners, s[i:j]) {
			return true
		}
		i = j
	}
	return false
}

// asciiSpace reports whether an ASCII byte is white space as unicode.IsSpace
// says.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// normName removes honorifics and possessives from a name.
func normName(s string) string {
	f := strings.Fields(s)
	for len(f) > 1 {
		if _, ok := honorifics[strings.ToLower(strings.TrimSuffix(f[0], "."))]; ok {
			f = f[1:]
			continue
		}
		break
	}
	if len(f) > 0 {
		f[len(f)-1] = stripPossessive(f[len(f)-1])
	}
	if len(f) >= 3 && (f[0] == "The" || f[0] == "the") && isOrgName(strings.Join(f[1:], " ")) {
		// "The Bank of Veldara" is the Bank of Veldara
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// Counted reports whether Merge counts a quotation for a speaker (a
// quotation whose speaker reads as a name), once Merge has run: a
// database keeping a corpus recounts speakers from its quotations.
func Counted(q *model.Quote) bool {
	return q.IsQuotation() && q.Speaker != "" && isName(q.Speaker)
}
