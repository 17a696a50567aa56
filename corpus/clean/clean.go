// Package clean finds the article inside a plain-text page dump (w3m or
// browser "save as text" style): header (headline, standfirst, byline,
// dateline), publisher, credit line and the body paragraphs, and records
// every block it removes with the reason.
//
// Body extraction follows jusText: each line is a block classified by
// length, stop-word density and sentence punctuation, then short and
// near-good blocks are reclassified from their neighbours. On top of that,
// explicit rules recognise common furniture (pitches, prompts, share bars,
// captions...) and the article is taken as the best-scoring contiguous run
// of blocks, so stray prose in footers and sidebars is left out.
package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"byline/model"
)

// Result is what Dump finds in a page.
type Result struct {
	Title         string
	TitleDerived  bool // no headline found: Title was made from the lead sentence
	Standfirst    string
	Authors       []string
	Published     time.Time
	DatePrecision model.Precision
	DateText      string
	// Source is the publisher named in the page ("notifications from The
	// Independent", "© 2019 Reuters", the site name in the page title) or
	// the agency the copy credits (a "(Reuters)" dateline, a "Reuter"
	// sign-off, "By Jane Doe, Reuters"); empty when the text names none.
	// SourceFrom names that evidence (see the Source* constants).
	Source     string
	SourceFrom string
	// Credit is a credit line's value ("Source: Agencies" → "Agencies", a
	// sign-off "Reuter" → "Reuters"); the line is removed from the body.
	Credit  string
	Body    []string        // cleaned paragraphs
	Removed []model.Removed // every removed block with a reason
	// Page is true when the text showed the furniture of a web page and was
	// cleaned block by block; clean copy keeps every paragraph.
	Page bool
	// Problems are things the reader should know about the cleaning, such
	// as a text kept whole because nothing in it read as an article.
	Problems []string
}

// Evidence kinds for Result.SourceFrom and model.Article.SourceFrom.
const (
	SourceNotification = "notification prompt" // "notifications from The Independent"
	SourcePageTitle    = "page title"          // "Headline | Site" on the first line
	SourceCopyright    = "copyright line"      // "© 2019 Reuters"
	SourceCredit       = "credit line"         // "Source: Agencies"
	SourceDateline     = "dateline"            // "WASHINGTON (Reuters) -"
	SourceSignOff      = "sign-off"            // a last line "Reuter"
	SourceByline       = "byline"              // "By Jane Doe, Reuters"
)

// KeptWhole is the problem noted on a text kept whole: cleaning found
// nothing that read as article text, so nothing was removed.
const KeptWhole = "no part of the text read as an article; the whole text is kept as the body"

// classes of blocks, as in jusText.
type class uint8

const (
	clsBad class = iota
	clsShort
	clsNearGood
	clsGood
)

// jusText thresholds (characters and stop-word shares).
const (
	lengthLow     = 70
	lengthHigh    = 200
	stopwordsLow  = 0.30
	stopwordsHigh = 0.32
)

type block struct {
	text     string
	lower    string // text with ASCII letters lower-cased, the same length
	list     bool   // a bullet item in the dump
	chars    int
	words    int
	density  float64
	sentence bool // ends like a sentence
	cls      class
	counted  bool   // words, density and sentence are set (see count)
	reason   string // furniture reason, "" if none
	weak     bool   // reason rests on a single UI word ("Share", "Sign up")
	isSep    bool   // dateline, byline or timestamp: starts a new item
	header   string // header role once assigned
	body     bool
	gap      bool // a blank (or dropped) line comes before it
	indent   int  // bytes of white space before it on its line
	merged   bool // joined to the block before it (hard-wrapped copy)
	// Markdown: raw is the block as written when text is what a reader
	// sees of it (markup seen through); heading and emph say it is a
	// heading or set wholly in italics or bold; a synthetic block stands
	// for the front matter's title and is none of the text.
	raw       string
	read      bool // text is raw read through its markup
	heading   bool
	emph      bool
	synthetic bool
}

// source is the block as written: its Markdown, or its text.
func (b *block) source() string {
	if b.raw != "" {
		return b.raw
	}
	return b.text
}

// Header roles whose text moves into a Result field rather than the
// removed list.
func fieldRole(role string) bool {
	return role == "title" || role == "standfirst" || role == "byline" || role == "dateline"
}

// Dump extracts the article from a page dump. text is decoded UTF-8 with
// LF line ends and no control characters.
//
// The document is first asked whether it is a web page at all (see
// pageEvidence). A page is cleaned block by block; anything else — clean
// copy, wire copy — keeps every paragraph, and only its header (headline,
// byline, date line) and credit lines are read out of it. Either way a
// text that is not empty never comes back with an empty body.
func Dump(text string) Result {
	var res Result
	blocks := splitBlocks(text)
	if len(blocks) == 0 {
		return res
	}
	for i := range blocks {
		measure(&blocks[i])
	}
	res.Page = pageEvidence(blocks).page()
	res.Source, res.SourceFrom = findSource(blocks, res.Page)
	if res.Page {
		for i := range blocks {
			classifyRest(&blocks[i])
		}
		cleanPage(blocks, &res)
	} else {
		cleanCopy(blocks, &res)
	}
	wireCredits(blocks, &res)
	collect(blocks, &res)
	keepWhole(blocks, &res)
	if res.Title == "" && len(res.Body) > 0 {
		res.Title = DeriveTitle(res.Body[0])
		res.TitleDerived = res.Title != ""
	}
	return res
}

// cleanPage marks the article inside a web page dump: furniture by the
// lexicon and by shape, the best-scoring run of blocks as the article,
// its header above it.
func cleanPage(blocks []block, res *Result) {
	widgetContext(blocks)
	markSandwiches(blocks)
	markTeaserRuns(blocks)
	markNavigation(blocks)
	// An agency lead is article prose however sparse in stop words.
	lead := leadAnchor(blocks)
	if lead >= 0 {
		blocks[lead].cls = clsGood
	}
	smooth(blocks)
	cutComments(blocks)
	anchor := titleAnchor(blocks)
	if anchor < 0 {
		anchor = metaAnchor(blocks)
	}
	start, end := mainRun(blocks, anchor, lead)
	if start < 0 {
		start, end = fallbackRun(blocks)
	}
	if start < 0 {
		// Nothing reads as an article: keepWhole keeps the text.
		firstLineTitle(blocks, len(blocks), res)
		return
	}
	header(blocks, start, res)
	firstLineTitle(blocks, start, res)
	// Inside the article's span only furniture named by the lexicon or by
	// shape leaves: length alone never removes a line between paragraphs
	// (a short line, a table row).
	for i := start; i <= end; i++ {
		if blocks[i].reason == "" && blocks[i].header == "" {
			blocks[i].body = true
		}
	}
	pageCredits(blocks, start, end, res)
}

// collect fills the body and the removed list from the blocks' marks.
func collect(blocks []block, res *Result) {
	for i, b := range blocks {
		switch {
		case b.merged:
		case b.body:
			res.Body = append(res.Body, b.source())
		case fieldRole(b.header) || b.synthetic:
			// Header fields are kept in the Result's own fields.
		default:
			res.Removed = append(res.Removed, model.Removed{Text: b.source(), Reason: removedReason(blocks, i)})
		}
	}
}

// keepWhole makes sure a text is never emptied: when nothing was kept as
// body, every block that is not a header field becomes the body again (or,
// if the header took everything, the whole text), and a problem says so.
func keepWhole(blocks []block, res *Result) {
	if len(res.Body) > 0 {
		return
	}
	res.Removed = nil
	for _, b := range blocks {
		if !fieldRole(b.header) && !b.synthetic {
			res.Body = append(res.Body, b.source())
		}
	}
	if len(res.Body) == 0 {
		for _, b := range blocks {
			if !b.synthetic {
				res.Body = append(res.Body, b.source())
			}
		}
	}
	res.Problems = append(res.Problems, KeptWhole)
}

// fallbackRun is used when no block is good enough to anchor an article:
// short pieces, news-in-brief pages of several items, terse writing dense
// with names. Rather than call the whole page boilerplate, it keeps the span
// of non-furniture blocks that read as sentences (after a leading
// headline-like line), so a real article is never emptied.
func fallbackRun(bs []block) (int, int) {
	start, end := -1, -1
	for i, b := range bs {
		if b.reason != "" || b.isSep || !(b.cls >= clsNearGood || b.sentence) {
			continue
		}
		if start < 0 {
			start = i
		}
		end = i
	}
	return start, end
}

// removedReason names why block i left the body: its furniture reason or
// header role; a block without one lies outside the article's span, and
// takes the kind of a labelled list it follows ("Related", "Most popular"
// and the headlines under it).
func removedReason(bs []block, i int) string {
	b := bs[i]
	switch {
	case b.header != "":
		return headerReason(b.header)
	case b.reason != "":
		return b.reason
	}
	// A short heading just above a widget is the widget's ("The Lantern
	// Weekly" above its sign-up box).
	if i+1 < len(bs) && b.chars <= 60 && !b.sentence && !bs[i+1].body && widgetKinds[bs[i+1].reason] {
		return bs[i+1].reason
	}
	for j := i - 1; j >= 0 && j >= i-8 && !bs[j].body && !fieldRole(bs[j].header); j-- {
		switch bs[j].reason {
		case "related links", "related teaser":
			return bs[j].reason
		case "":
			continue
		}
		break
	}
	return "outside article"
}

// widgetKinds are the furniture kinds that come under a heading of their own.
var widgetKinds = map[string]bool{
	"newsletter sign-up": true, "subscription pitch": true, "donation pitch": true, "comment widget": true,
	"related links": true, "related teaser": true,
}

// headerReason is the removed reason for a header role that is not a field.
func headerReason(role string) string {
	switch role {
	case "page title", "credit line", "sign-off", "before headline", "copyright line", "end mark":
		return role
	case "caption":
		// Lines between the headline and the story's first paragraph
		// that are neither standfirst, byline nor date: captions,
		// "Comments" links, section names.
		return "between headline and story"
	}
	return "header: " + role
}

// splitBlocks makes a block of every non-empty line, with list bullets
// (• □ ◦ * -) stripped and remembered. Lines of only punctuation or box
// drawing are dropped.
func splitBlocks(text string) []block {
	// One lower-cased copy of the whole text, which every block slices:
	// one allocation per page instead of one per block.
	lower := foldASCII(text)
	var out []block
	gap := false
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		start := pos
		pos = end + 1
		line := text[start:end]
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		start += len(line) - len(trimmed)
		indent := len(line) - len(trimmed)
		line = strings.TrimRightFunc(trimmed, unicode.IsSpace)
		if line == "" {
			gap = true
			continue
		}
		list := false
		for {
			r, size := utf8.DecodeRuneInString(line)
			if r == '•' || r == '□' || r == '◦' || r == '▪' || r == '■' || r == '●' || r == '○' || r == '·' || r == '*' || (r == '-' && len(line) > 1 && line[1] == ' ') {
				rest := strings.TrimLeftFunc(line[size:], unicode.IsSpace)
				start += len(line) - len(rest)
				line = rest
				list = true
				continue
			}
			break
		}
		if !hasAlnum(line) {
			gap = true
			continue
		}
		out = append(out, block{text: line, lower: lower[start : start+len(line)], list: list, gap: gap, indent: indent})
		gap = false
	}
	return out
}

// foldASCII lower-cases the ASCII letters of s and leaves every other byte
// alone, so the result has the same length as s and an offset into one is
// an offset into the other (strings.ToLower changes the byte length of
// some characters: U+0130, the Kelvin sign, invalid bytes). The phrases
// matched against it are ASCII.
func foldASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// shortBlock is the length up to which a block's stop words are counted
// before the page decision: the furniture rules and the page evidence ask
// short blocks whether they are sentences; longer blocks are counted only
// when a page is cleaned (clean copy, most of a corpus, never needs it).
const shortBlock = 60

// measure sets what the furniture rules and the page evidence need: length,
// furniture reason, and for short blocks stop words and sentence shape.
func measure(b *block) {
	b.chars = utf8.RuneCountInString(b.text)
	if b.chars <= shortBlock {
		b.count()
	} else {
		b.sentence = endsSentence(b.text) // until counted: long blocks' reasons do not depend on it
	}
	b.reason, b.weak = furnitureReason(b.lower, b.chars, b.sentence)
	switch {
	case b.reason != "":
	case imagePlaceholder(b.text):
		b.reason = "image"
	case commentHeader(b.lower, b.chars):
		b.reason = "comment widget"
	case b.chars < 350 && runTogether(b.text):
		b.reason = "teaser (run-together UI text)"
	}
}

// count sets a block's word count, stop-word density and whether it reads
// as a sentence (sentence punctuation and stop words), once.
func (b *block) count() {
	if b.counted {
		return
	}
	b.counted = true
	words, stops := countStops(b.text)
	b.words = words
	if words > 0 {
		b.density = float64(stops) / float64(words)
	}
	b.sentence = endsSentence(b.text) && stops > 0
}

// classify sets a block's features, furniture reason and jusText class.
func classify(b *block) {
	measure(b)
	classifyRest(b)
}

// classifyRest completes a measured block for page cleaning: its counts,
// whether it is metadata, its jusText class.
func classifyRest(b *block) {
	b.count()
	b.isSep = separator(b)
	switch {
	case b.reason != "":
		b.cls = clsBad
	case b.chars < lengthLow:
		if b.list && !b.sentence {
			b.cls = clsBad
		} else {
			b.cls = clsShort
		}
	case b.density >= stopwordsHigh:
		if b.chars > lengthHigh || (b.sentence && !b.list) {
			b.cls = clsGood
		} else {
			b.cls = clsNearGood
		}
	case b.density >= stopwordsLow:
		b.cls = clsNearGood
	default:
		b.cls = clsBad
	}
	if b.cls >= clsNearGood && b.list && !b.sentence {
		b.cls = clsShort
	}
}

// endsSentence reports whether s ends with sentence punctuation, allowing
// closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)]»")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':' || r == ';'
}

// markSandwiches marks a block lying between two blocks of the same pitch
// kind (donation, subscription) as that kind too: pitches run over several
// paragraphs and only some of them say "your support".
func markSandwiches(bs []block) {
	for i := 1; i+1 < len(bs); i++ {
		if bs[i].reason != "" {
			continue
		}
		prev := bs[i-1].reason
		if prev != "donation pitch" && prev != "subscription pitch" && prev != "notification prompt" && prev != "comment widget" {
			continue
		}
		// Look ahead over at most two unmarked blocks.
		for j := i + 1; j < len(bs) && j <= i+2; j++ {
			if bs[j].reason == prev {
				for k := i; k < j; k++ {
					bs[k].reason = prev
					bs[k].cls = clsBad
				}
				break
			}
			if bs[j].reason != "" {
				break
			}
		}
	}
}

// markNavigation marks runs of three or more short non-sentence blocks
// (menus, tag lists, link lists) as navigation.
func markNavigation(bs []block) {
	// A headline sits just above its standfirst, byline or date line:
	// however short, it ends a menu run rather than joining it.
	headline := func(i int) bool {
		if bs[i].words < 3 || bs[i].reason != "" {
			return false
		}
		for k := i + 1; k < len(bs) && k <= i+2; k++ {
			if bs[k].isSep {
				return true
			}
		}
		return false
	}
	isNav := func(i int) bool {
		b := bs[i]
		return b.chars < 40 && !b.sentence && b.cls != clsGood && !headline(i)
	}
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && isNav(j) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				if bs[k].reason == "" {
					bs[k].reason = "navigation"
				}
				bs[k].cls = clsBad
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// smooth is jusText's context-sensitive pass: short and near-good blocks
// take the class of their surroundings.
func smooth(bs []block) {
	// neighbour is the class of the nearest classified block from i in
	// direction step (-1 before, +1 after), passing over near-good ones
	// when skipNear; bad at the edges.
	neighbour := func(i, step int, skipNear bool) class {
		for j := i + step; j >= 0 && j < len(bs); j += step {
			c := bs[j].cls
			if c == clsGood || c == clsBad || c == clsNearGood && !skipNear {
				return c
			}
		}
		return clsBad
	}
	prevClass := func(i int, skipNear bool) class { return neighbour(i, -1, skipNear) }
	nextClass := func(i int, skipNear bool) class { return neighbour(i, +1, skipNear) }
	// Short blocks.
	newCls := make([]class, len(bs))
	for i := range bs {
		newCls[i] = bs[i].cls
		if bs[i].cls != clsShort {
			continue
		}
		p, n := prevClass(i, true), nextClass(i, true)
		switch {
		case p == clsGood && n == clsGood:
			newCls[i] = clsGood
		case p == clsBad && n == clsBad:
			newCls[i] = clsBad
		default:
			// One good, one bad neighbour: near-good neighbours decide.
			if prevClass(i, false) == clsNearGood || nextClass(i, false) == clsNearGood {
				newCls[i] = clsGood
			} else {
				newCls[i] = clsBad
			}
		}
	}
	for i := range bs {
		bs[i].cls = newCls[i]
	}
	// Near-good blocks.
	for i := range bs {
		if bs[i].cls != clsNearGood {
			continue
		}
		p, n := prevClass(i, true), nextClass(i, true)
		if p == clsBad && n == clsBad {
			bs[i].cls = clsBad
		} else {
			bs[i].cls = clsGood
		}
	}
}

// sepPenalty is what a dateline or byline inside a run costs: an
// article's worth of text may follow it, a teaser's summary may not.
const sepPenalty = 400

// anchorBonus is added to the first good block after the headline: the
// article starts there even when it is short and the page is full of
// other prose.
const anchorBonus = 400

// titleAnchor returns the index of the headline when the dump starts with
// an HTML title line ("Headline | Site") that a later block repeats, or -1.
func titleAnchor(bs []block) int {
	// A first line the lexicon names ("Skip to content", repeated at the
	// foot of the page) is no title.
	if len(bs) < 2 || bs[0].words < 3 || bs[0].reason != "" && !bs[0].weak {
		return -1
	}
	first := bs[0].text
	for i := 1; i < len(bs); i++ {
		t := bs[i].text
		if len(t) >= 15 && strings.HasPrefix(first, t) && (len(t) == len(first) || strings.HasPrefix(first[len(t):], " ")) {
			return i
		}
	}
	return -1
}

// metaAnchor returns the index of the first byline-and-dateline pair
// (adjacent lines) preceded by a headline-like line, where an article
// usually begins, or -1.
func metaAnchor(bs []block) int {
	for i := 1; i+1 < len(bs); i++ {
		if !bs[i].isSep || !bs[i+1].isSep {
			continue
		}
		byline := strings.HasPrefix(bs[i].lower, "by ") || strings.HasPrefix(bs[i+1].lower, "by ")
		if byline && titleLike(bs[i-1]) {
			return i + 1
		}
	}
	return -1
}

// leadAnchor returns the index of the first paragraph that opens with an
// agency dateline ("ST. JOSEPH, Mich. (AP) — …", "PARIS (Reuters) - …"),
// or -1: the lead of an agency story, where the article begins however
// much other prose (teasers, promotions) the page holds.
func leadAnchor(bs []block) int {
	for i := range bs {
		if bs[i].reason == "" && bs[i].sentence && datelineAgency(bs[i].text) != "" {
			return i
		}
	}
	return -1
}

// cutComments marks everything from the first comment header that follows
// some article text as comments.
func cutComments(bs []block) {
	good := 0
	for i := range bs {
		if bs[i].cls == clsGood {
			good += bs[i].chars
		}
		if good >= 400 && bs[i].reason == "comment widget" && commentHeader(bs[i].lower, bs[i].chars) {
			for k := i + 1; k < len(bs); k++ {
				if bs[k].reason == "" {
					bs[k].reason = "comments"
				}
				bs[k].cls = clsBad
			}
			return
		}
	}
}

// mainRun returns the contiguous run of blocks with the highest score:
// good text counts for, bad text against (capped per block, so one long
// bad block does not split an article). -1, -1 when nothing scores.
func mainRun(bs []block, anchor, lead int) (int, int) {
	bonus := -1
	if anchor < 0 && lead >= 0 && bs[lead].cls == clsGood {
		bonus = lead
	}
	if anchor >= 0 {
		// The first good block after the headline and its metadata: skip
		// good blocks (a repeated standfirst) followed by metadata lines.
		for i := anchor + 1; i < len(bs) && i <= anchor+15; i++ {
			if bs[i].cls != clsGood {
				continue
			}
			sep := false
			for k := i + 1; k < len(bs) && k <= i+6 && bs[k].cls != clsGood; k++ {
				sep = sep || bs[k].isSep
			}
			if !sep {
				bonus = i
				break
			}
		}
	}
	// The article begins after its headline: with an anchor, no run
	// starts above it.
	from := 0
	if anchor >= 0 {
		from = anchor + 1
	} else if bonus >= 0 {
		from = bonus
	}
	best, bestS, bestE := 0.0, -1, -1
	cur, curS := 0.0, from
	for i, b := range bs {
		if i < from {
			continue
		}
		var w float64
		switch b.cls {
		case clsGood:
			w = float64(b.chars)
		default:
			w = -float64(min(b.chars, 200))
		}
		if b.isSep || b.reason == "copyright line" {
			// Metadata inside a run means a new item (teaser) begins; a
			// copyright line ends the article it follows.
			w = -sepPenalty
		}
		if i == bonus {
			w += anchorBonus
		}
		if cur <= 0 {
			cur, curS = 0, i
		}
		cur += w
		if cur > best {
			best, bestS, bestE = cur, curS, i
		}
	}
	if bestS < 0 {
		return -1, -1
	}
	// Trim leading and trailing non-good blocks.
	for bestS <= bestE && bs[bestS].cls != clsGood {
		bestS++
	}
	for bestE >= bestS && bs[bestE].cls != clsGood {
		bestE--
	}
	if bestS > bestE {
		return -1, -1
	}
	return bestS, bestE
}
