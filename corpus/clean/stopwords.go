package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords is an English stop-word list in the spirit of jusText's: function
// words, auxiliaries, pronouns and the commonest adverbs. Prose is dense in
// them (around 40% of tokens); menus, captions and UI text are not.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are aren't around as at back be became because
become becomes been before beforehand behind being below beside besides between beyond both but by can can't cannot
could couldn't did didn't do does doesn't doing don't done down during each either else elsewhere enough even ever
every everyone everything everywhere except few for former formerly from further had hadn't has hasn't have haven't
having he he'd he'll he's hence her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
in indeed instead into is isn't it it's its itself just last latter least less let's like made make many may me
meanwhile might mine more moreover most mostly much must mustn't my myself namely neither never nevertheless next no
nobody none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
ourselves out over own per perhaps quite rather really same she she'd she'll she's should shouldn't since so some
somehow someone something sometime sometimes somewhere still such than that that's the their theirs them themselves
then thence there there's thereafter thereby therefore these they they'd they'll they're they've this those though
through throughout thus to together too toward towards under until up upon us very via was wasn't we we'd we'll we're
we've were weren't what what's whatever when when's whenever where where's whereas whether which while who who's whoever
whole whom whose why why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours
yourself yourselves said says say told get got go going went come came take took know think want see new first
two three also well way even back still just`) {
		m[w] = true
	}
	return m
}()

// isStop reports whether a lowercased word is a stop word. Curly
// apostrophes are folded to straight ones.
func isStop(w string) bool {
	if stopWords[w] {
		return true
	}
	if strings.Contains(w, "’") {
		return stopWords[strings.ReplaceAll(w, "’", "'")]
	}
	return false
}

// StopWordShare returns the share of a text's words that are English stop
// words (0 for a text without words). English prose scores above 0.3.
func StopWordShare(text string) float64 {
	words, stops := countStops(text)
	if words == 0 {
		return 0
	}
	return float64(stops) / float64(words)
}

// countStops counts words (runs of letters, digits and apostrophes) and
// how many of them are stop words, without allocating for ASCII words.
func countStops(text string) (words, stops int) {
	var buf [24]byte
	n := 0
	long := false
	digits := true
	flush := func() {
		if n > 0 && !long && digits {
			// A number is not a word for density purposes.
			n = 0
			digits = true
			return
		}
		digits = true
		if n > 0 || long {
			words++
			if !long && stopWords[string(buf[:n])] {
				stops++
			}
		}
		n = 0
		long = false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'':
				if c > '9' || c == '\'' {
					digits = false
				}
				if n < len(buf) {
					buf[n] = c
					n++
				} else {
					long = true
				}
			case c >= 'A' && c <= 'Z':
				digits = false
				if n < len(buf) {
					buf[n] = c + 32
					n++
				} else {
					long = true
				}
			default:
				flush()
			}
			i++
			continue
		}
		// Curly apostrophe inside a word counts as an apostrophe.
		if strings.HasPrefix(text[i:], "’") {
			if n > 0 && n < len(buf) {
				buf[n] = '\''
				n++
			}
			i += len("’")
			continue
		}
		// Other non-ASCII: letters and digits are part of a (non-stop)
		// word; punctuation such as “ ” — ends it.
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			long = true
		} else {
			flush()
		}
		i += size
	}
	flush()
	return words, stops
}
