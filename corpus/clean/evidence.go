package clean

import "strings"

// Page evidence: before any block is removed, the whole document is asked
// whether it is a web page dump at all. Clean copy — a wire story, an
// archive's text, a record's article body, the BBC corpus — shows at most
// an accidental furniture word or two ("advertisement" in a sentence, a
// photo credit); a page dump shows many kinds of furniture at once (menus,
// share bars, prompts, related links, an HTML title line its headline
// repeats). Only a page is cleaned block by block; clean copy keeps every
// paragraph, and only its header and credit lines are read.

// evidence is what a document shows of being a web page.
type evidence struct {
	kinds    map[string]bool // furniture kinds seen (lexicon, widgets, image placeholders)
	titleRep bool            // an HTML title line whose headline a later line repeats
	menuRuns int             // runs of five or more short word-only lines (menus, tag lists)
	dupLines int             // short non-sentence lines that occur twice or more (menus repeated, buttons)
	menuLine bool            // one line of four or more items separated by | or · (a link list)
}

// pageThreshold is the score from which a document is a page dump. Clean
// copy studied (BBC, news-please texts) scores at most 2: one or two
// lexicon words used in prose; page dumps score 5–15.
const pageThreshold = 3

// score adds the evidence up: each furniture kind counts once, so one word
// repeated (eight "Getty/Instagram" credits) is one piece of evidence.
func (e evidence) score() int {
	s := len(e.kinds)
	if e.titleRep {
		s += 2
	}
	s += min(e.menuRuns, 2)
	if e.dupLines >= 2 {
		s++
	}
	if e.menuLine {
		s++
	}
	return s
}

func (e evidence) page() bool { return e.score() >= pageThreshold }

// signals lists the evidence in words, for the report and for debugging.
func (e evidence) signals() []string {
	var out []string
	for k := range e.kinds {
		out = append(out, k)
	}
	if e.titleRep {
		out = append(out, "HTML title line")
	}
	if e.menuRuns > 0 {
		out = append(out, "menu run")
	}
	if e.dupLines >= 2 {
		out = append(out, "repeated UI lines")
	}
	if e.menuLine {
		out = append(out, "link list line")
	}
	return out
}

// pageEvidence gathers the evidence from classified blocks (before the
// context passes, which assume a page).
func pageEvidence(bs []block) evidence {
	e := evidence{kinds: map[string]bool{}}
	if len(bs) > 0 {
		bs[0].count() // titleAnchor asks the first line's words
	}
	e.titleRep = titleAnchor(bs) >= 0
	run := 0
	var seen map[string]int
	for i := range bs {
		b := &bs[i]
		if b.reason != "" {
			e.kinds[b.reason] = true
		}
		short := b.chars <= 40 && !b.sentence
		if short && !hasDigit(b.lower) {
			run++
			if run == 5 {
				e.menuRuns++
			}
		} else {
			run = 0
		}
		if b.chars <= shortBlock && !b.sentence {
			if seen == nil {
				seen = map[string]int{}
			}
			seen[b.lower]++
			if seen[b.lower] == 2 {
				e.dupLines++
			}
		}
		if !e.menuLine && linkListLine(b.text) {
			e.menuLine = true
		}
	}
	return e
}

// linkListLine reports whether a line is a row of links: four or more
// short items separated by " | ", " · " or " • " ("Home | World | Business |
// Video").
func linkListLine(s string) bool {
	if len(s) > 200 {
		return false
	}
	for _, sep := range []string{" | ", " · ", " • "} {
		if strings.Count(s, sep) < 3 {
			continue
		}
		items := strings.Split(s, sep)
		ok := true
		for _, it := range items {
			if n := len(strings.Fields(it)); n == 0 || n > 4 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
