package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A token is one word of a text: its folded form (lower case, curly
// apostrophes straightened, accents kept) and where it was.
type token struct {
	word  string // folded
	start int    // byte offsets in the text
	end   int
	upper bool // the word as written starts with a capital
	first bool // the word starts a sentence (or the text)
}

// tokens splits text into words: runs of letters and digits, with an
// apostrophe or hyphen inside a word kept ("don't", "co-operation" stay
// one word; a possessive "'s" is dropped). Quotation marks, brackets and
// ellipses are not words.
func tokens(text string, out []token) []token { return tokensInto(text, out, nil) }

// tokensInto is tokens writing the words it must lower-case into arena
// (when set) instead of allocating each: the words are then valid only
// until arena is reused, for callers that hash them and let them go.
func tokensInto(text string, out []token, arena *[]byte) []token {
	sentenceStart := true
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == ';' || r == '—' {
				sentenceStart = true
			}
			i += size
			continue
		}
		start := i
		upper := unicode.IsUpper(r)
		for i < len(text) {
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if isWordRune(r) {
				i += size
				continue
			}
			// An apostrophe or hyphen joins two word characters.
			if (r == '\'' || r == '’' || r == '-') && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) {
					i += size
					continue
				}
			}
			break
		}
		var w string
		if arena != nil {
			w = foldInto(text[start:i], arena)
		} else {
			w = fold(text[start:i])
		}
		if strings.HasSuffix(w, "'s") {
			w = w[:len(w)-2]
		}
		if w != "" {
			out = append(out, token{word: w, start: start, end: i, upper: upper, first: sentenceStart})
		}
		sentenceStart = false
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// fold lower-cases a word and straightens its apostrophes; ASCII words
// (nearly all of an English corpus) without an allocation when already
// folded.
func fold(w string) string {
	ascii, lower := true, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii && lower {
		return w
	}
	if ascii {
		return strings.ToLower(w)
	}
	w = strings.ReplaceAll(w, "’", "'")
	return strings.ToLower(w)
}

// foldInto is fold writing an ASCII word it lower-cases into arena; the
// word returned shares arena's bytes (see tokensInto).
func foldInto(w string, arena *[]byte) string {
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return fold(w)
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if lower {
		return w
	}
	n := len(*arena)
	*arena = append(*arena, w...)
	b := (*arena)[n:]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return unsafe.String(&b[0], len(b))
}

// stem takes the plural and a few inflections off a content word, so
// "strikes" and "strike", "talks" and "talk" count as one term. It is
// deliberately light: a wrong merge costs precision.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// contentWord reports whether a folded word carries meaning for
// similarity: not a function word, and not too short.
func contentWord(w string) bool {
	if len(w) < 3 {
		return len(w) == 2 && w[0] >= '0' && w[0] <= '9' // "78" per cent is evidence
	}
	_, stop := stopWords[w]
	return !stop
}

// stopWords are English function words, reporting verbs and honorifics:
// words that two articles share whatever they are about.
var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`a about above after again against all almost also although always am among an and another any
		are aren't around as at be because been before being below between both but by can can't cannot could couldn't
		did didn't do does doesn't doing don't down during each either else even ever every few for from further get gets
		got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
		how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like made make many may me might
		more most much must mustn't my myself never no nor not now of off often on once one only or other others ought our
		ours ourselves out over own per perhaps quite rather really same say says said saying shall shan't she she'd she'll
		she's should shouldn't since so some such than that that's the their theirs them themselves then there there's
		these they they'd they'll they're they've this those though through thus to too told tell tells under until up upon
		us very via was wasn't we we'd we'll we're we've were weren't what what's when when's where where's whether which
		while who who's whom whose why why's will with within without won't would wouldn't yet you you'd you'll you're
		you've your yours yourself yourselves mr mrs ms dr also added according yes two three four five six seven eight nine
		ten last first next new year years week weeks day days time times monday tuesday wednesday thursday friday saturday
		sunday january february march april june july august september october november december told asked
		going want wants went come came take took well back still put way part`) {
		m[w] = struct{}{}
	}
	return m
}()

// connectors may stand inside a name: "Bank of Veldara", "Dock and
// Harbour Workers' Union", "Ministry of Harbours".
var connectors = map[string]bool{"of": true, "and": true, "de": true, "du": true, "van": true, "von": true, "der": true, "la": true, "for": true}

// notNames are capitalised words that are no name on their own: sentence
// openers, titles, days and months.
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an but and or if in on at of for to as by it its this that these those he she they we i you
		his her their our my mr mrs ms dr sir lord lady mp prime minister president chief secretary general
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
		september october november december bbc news today yesterday tomorrow when where what who why how there
		here after before while although however meanwhile`) {
		m[w] = true
	}
	return m
}()

// entities finds the names in a text: runs of capitalised words (with
// connectors inside), and a capitalised word inside a sentence. A name of
// several words also counts by its last word ("Tomas Okafor" and, later,
// "Mr Okafor"). Each name is told to add as the hash64 of its folded
// words joined by spaces, hashed where they lie (no name is built).
func entities(toks []token, add func(name uint64)) {
	for i := 0; i < len(toks); {
		t := toks[i]
		if !t.upper {
			i++
			continue
		}
		// The run is toks[i:j]: capitalised words, connectors between two.
		j := i
		for j < len(toks) {
			u := toks[j]
			if u.upper && (j == i || !u.first) {
				j++
				continue
			}
			// A connector between two capitalised words.
			if connectors[u.word] && j+1 < len(toks) && toks[j+1].upper && !toks[j+1].first && j > i {
				j++
				continue
			}
			break
		}
		// Drop leading function words and titles ("The", "Mr"), and
		// trailing connectors: the name is toks[lo:hi].
		lo, hi := i, j
		for lo < hi && notNames[toks[lo].word] {
			lo++
		}
		for hi > lo && connectors[toks[hi-1].word] {
			hi--
		}
		switch {
		case hi-lo >= 2:
			add(hashWords(toks[lo:hi]))
			if last := toks[hi-1].word; !notNames[last] && len(last) > 2 {
				add(hash64(last))
			}
		case hi-lo == 1 && (!t.first || j-i > 1) && !notNames[toks[lo].word] && len(toks[lo].word) > 2:
			// A single capitalised word counts inside a sentence only:
			// at its start it may be any word.
			add(hash64(toks[lo].word))
		}
		if j == i {
			j++
		}
		i = j
	}
}

// hashWords is hash64 of the tokens' words joined by single spaces.
func hashWords(toks []token) uint64 {
	h := uint64(14695981039346656037)
	for k, t := range toks {
		if k > 0 {
			h ^= ' '
			h *= 1099511628211
		}
		for i := 0; i < len(t.word); i++ {
			h ^= uint64(t.word[i])
			h *= 1099511628211
		}
	}
	return h
}

// sentences splits a paragraph into sentences: after '.', '!' or '?'
// (a closing mark or bracket may follow) before a space and a capital,
// digit or opening mark. Abbreviations such as "Mr." are not ends.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) {
			r, size := utf8.DecodeRuneInString(p[j:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == '»' || r == '.' {
				j += size
				continue
			}
			break
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		k := j
		for k < len(p) && p[k] == ' ' {
			k++
		}
		if k >= len(p) {
			break
		}
		r, _ := utf8.DecodeRuneInString(p[k:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '\'' || r == '«' || r == '(') {
			continue
		}
		if c == '.' && abbreviation(p[start:i]) {
			continue
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = k
		i = k - 1
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// abbreviation reports whether s ends in a word that a full stop does not
// end a sentence after ("Mr.", "St.", an initial "J.").
func abbreviation(s string) bool {
	k := strings.LastIndexAny(s, " (")
	w := s[k+1:]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "st", "prof", "gen", "gov", "sen", "rep", "no", "vs", "jr", "sr", "inc", "co", "corp", "ltd", "u.s", "u.k", "a.m", "p.m":
		return true
	}
	return false
}
