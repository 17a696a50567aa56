package model

import (
	"runtime"
	"strings"
	"sync"
	"time"
)

// Filtering: every article and quotation gets its search text folded once,
// when it is indexed, into large shared blobs; a query then scans a blob
// with strings.Index (a fast byte search) and jumps from match to match
// instead of testing items one by one. Chunks are scanned in parallel.

// NoDay marks an undated item.
const NoDay = -1 << 31

// chunkSize is how many items share a blob.
const chunkSize = 4096

// ArticleDocs holds the folded search text of a list of articles, in the
// list's order. It can grow (articles arrive while a corpus loads) and is
// otherwise read-only: safe for concurrent queries.
type ArticleDocs struct {
	chunks []*artChunk
	n      int
}

// chunk is the folded text of up to chunkSize items, one after another,
// with where each starts: what a query scans.
type chunk struct {
	freq   *[256]uint32 // byte counts of blob, to pick a search's anchor byte
	blob   string
	starts []int32 // start of each item's text in blob; a final entry = len(blob)
}

type artChunk struct {
	chunk
	docs []artDoc
}

type artDoc struct {
	// Folded, '\n'-separated fields: blob offsets [a, b).
	src, auth, spk [2]int32
	day            int
}

// Len is the number of articles indexed.
func (d *ArticleDocs) Len() int {
	if d == nil {
		return 0
	}
	return d.n
}

// NewArticleDocs indexes articles.
func NewArticleDocs(articles []*Article) *ArticleDocs {
	d := &ArticleDocs{}
	d.Append(articles)
	return d
}

// Append indexes more articles (their positions continue the list). It
// returns d for chaining. It mutates d: to keep querying the old index
// while a new one is built, use With.
func (d *ArticleDocs) Append(articles []*Article) *ArticleDocs {
	for len(articles) > 0 {
		var c *artChunk
		if k := len(d.chunks); k > 0 && len(d.chunks[k-1].docs) < chunkSize {
			// Rebuild the last, partial chunk with the new articles
			// (simpler than growing a blob in place; chunks are small).
			c = d.chunks[k-1]
			d.chunks = d.chunks[:k-1]
			d.n -= len(c.docs)
			room := chunkSize - len(c.docs)
			if room > len(articles) {
				room = len(articles)
			}
			c = buildArtChunk(c, articles[:room])
			articles = articles[room:]
		} else {
			m := min(chunkSize, len(articles))
			c = buildArtChunk(nil, articles[:m])
			articles = articles[m:]
		}
		d.chunks = append(d.chunks, c)
		d.n += len(c.docs)
	}
	return d
}

func buildArtChunk(prev *artChunk, articles []*Article) *artChunk {
	var b strings.Builder
	type span struct{ src, auth, spk [2]int }
	var old int
	var spans []span
	var days []int
	if prev != nil {
		b.WriteString(prev.blob)
		old = len(prev.docs)
	}
	for _, a := range articles {
		var sp span
		b.WriteByte('\n')
		sp.src[0] = b.Len()
		b.WriteString(Fold(a.Source))
		if a.Credit != "" && a.Credit != a.Source {
			b.WriteByte('\n')
			b.WriteString(Fold(a.Credit))
		}
		sp.src[1] = b.Len()
		b.WriteByte('\n')
		sp.auth[0] = b.Len()
		for i, au := range a.Authors {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(Fold(au))
		}
		sp.auth[1] = b.Len()
		b.WriteByte('\n')
		sp.spk[0] = b.Len()
		seen := map[string]bool{}
		for _, q := range a.Quotes {
			for _, name := range [2]string{q.Speaker, q.Mention} {
				if name == "" || seen[name] {
					continue
				}
				seen[name] = true
				b.WriteString(Fold(name))
				b.WriteByte('\n')
			}
		}
		sp.spk[1] = b.Len()
		b.WriteByte('\n')
		b.WriteString(Fold(a.Title))
		b.WriteByte('\n')
		b.WriteString(Fold(a.Standfirst))
		for _, p := range a.Body {
			b.WriteByte('\n')
			b.WriteString(Fold(p))
		}
		b.WriteByte(0) // separates articles: no match runs across two
		spans = append(spans, sp)
		day := NoDay
		if a.Dated() {
			day = Day(a.Published)
		}
		days = append(days, day)
	}
	c := &artChunk{chunk: chunk{blob: b.String()}}
	c.freq = byteFreq(c.blob)
	if prev != nil {
		c.starts = append(c.starts, prev.starts[:old]...)
		c.docs = append(c.docs, prev.docs...)
	}
	for i, sp := range spans {
		c.starts = append(c.starts, int32(sp.src[0]-1))
		c.docs = append(c.docs, artDoc{
			src:  [2]int32{int32(sp.src[0]), int32(sp.src[1])},
			auth: [2]int32{int32(sp.auth[0]), int32(sp.auth[1])},
			spk:  [2]int32{int32(sp.spk[0]), int32(sp.spk[1])},
			day:  days[i],
		})
	}
	c.starts = append(c.starts, int32(len(c.blob)))
	return c
}

func (c *artChunk) field(r [2]int32) string { return c.blob[r[0]:r[1]] }

// With returns a new index of d's articles followed by articles, leaving d
// untouched (chunks are immutable and shared).
func (d *ArticleDocs) With(articles []*Article) *ArticleDocs {
	nd := &ArticleDocs{n: d.Len()}
	if d != nil {
		nd.chunks = append([]*artChunk(nil), d.chunks...)
	}
	return nd.Append(articles)
}

// QuoteRef names one quotation: the article's position in the indexed list
// and the quote's index in Article.Quotes.
type QuoteRef struct {
	Article int32
	Quote   int32
}

// QuoteDocs holds the folded search text of every quotation (terms
// excluded) of a list of articles.
type QuoteDocs struct {
	Refs   []QuoteRef
	chunks []*quoteChunk
}

type quoteChunk struct {
	chunk
	first int // index in Refs of the chunk's first quote
	docs  []quoteDoc
}

type quoteDoc struct {
	who, source string // slices of blob
	art         int32
}

// Len is the number of quotations indexed.
func (d *QuoteDocs) Len() int {
	if d == nil {
		return 0
	}
	return len(d.Refs)
}

// NewQuoteDocs indexes the quotations of articles; artDocs supplies the
// articles' authors and dates and must index the same list.
func NewQuoteDocs(articles []*Article) *QuoteDocs {
	d := &QuoteDocs{}
	var c *quoteChunk
	var b strings.Builder
	type span struct{ who, src [2]int }
	var spans []span
	flush := func() {
		if c == nil {
			return
		}
		c.blob = b.String()
		c.freq = byteFreq(c.blob)
		for i, sp := range spans {
			c.docs[i].who = c.blob[sp.who[0]:sp.who[1]]
			c.docs[i].source = c.blob[sp.src[0]:sp.src[1]]
		}
		c.starts = append(c.starts, int32(len(c.blob)))
		d.chunks = append(d.chunks, c)
		c = nil
		b.Reset()
		spans = spans[:0]
	}
	for ai, a := range articles {
		src := quoteSource(a)
		for qi := range a.Quotes {
			q := &a.Quotes[qi]
			if !q.IsQuotation() {
				continue
			}
			if c == nil {
				c = &quoteChunk{first: len(d.Refs)}
			}
			d.Refs = append(d.Refs, QuoteRef{Article: int32(ai), Quote: int32(qi)})
			c.starts = append(c.starts, int32(b.Len()))
			var sp span
			sp.who, sp.src = writeQuoteDoc(&b, q, src)
			spans = append(spans, sp)
			c.docs = append(c.docs, quoteDoc{art: int32(ai)})
			if len(c.docs) == chunkSize {
				flush()
			}
		}
	}
	flush()
	return d
}

// quoteSource is the folded source text of an article's quotations: its
// source, and its credit line when that differs.
func quoteSource(a *Article) string {
	src := Fold(a.Source)
	if a.Credit != "" && a.Credit != a.Source {
		src += "\n" + Fold(a.Credit)
	}
	return src
}

// writeQuoteDoc writes a quotation's search text to b — its folded text,
// who said it (canonical name and mention) and src — and returns where the
// who and source fields are in b. The index (NewQuoteDocs) and MatchQuote
// both use it, so one quotation matches exactly as it does in the index.
func writeQuoteDoc(b *strings.Builder, q *Quote, src string) (who, source [2]int) {
	b.WriteByte('\n')
	b.WriteString(Fold(q.Text))
	b.WriteByte('\n')
	who[0] = b.Len()
	b.WriteString(Fold(q.Speaker))
	if q.Mention != "" && q.Mention != q.Speaker {
		b.WriteByte('\n')
		b.WriteString(Fold(q.Mention))
	}
	who[1] = b.Len()
	b.WriteByte('\n')
	source[0] = b.Len()
	b.WriteString(src)
	source[1] = b.Len()
	b.WriteByte(0)
	return who, source
}

// MatchQuote reports whether one quotation of article a matches query as
// FilterQuotes would match it in an index of the corpus — without building
// one (an article's few quotations are filtered this way).
func MatchQuote(a *Article, q *Quote, query *Query) bool {
	if query.Empty() {
		return true
	}
	if len(query.Dates) > 0 {
		day := NoDay
		if a.Dated() {
			day = Day(a.Published)
		}
		if !dateOK(query, day) {
			return false
		}
	}
	var b strings.Builder
	who, source := writeQuoteDoc(&b, q, quoteSource(a))
	doc := b.String()
	var authors string
	if hasField(query, FieldAuthor) {
		folded := make([]string, len(a.Authors))
		for i, au := range a.Authors {
			folded[i] = Fold(au)
		}
		authors = strings.Join(folded, "\n")
	}
	return termsMatch(query, -1, func(f Field) string {
		switch f {
		case FieldSource:
			return doc[source[0]:source[1]]
		case FieldAuthor:
			return authors
		case FieldSpeaker:
			return doc[who[0]:who[1]]
		}
		return doc
	})
}

// Bitset is a set of small integers.
type Bitset []uint64

// NewBitset makes a set able to hold 0..n-1.
func NewBitset(n int) Bitset { return make(Bitset, (n+63)/64) }

// Has reports whether i is in the set (false when out of range).
func (b Bitset) Has(i int) bool {
	return i >= 0 && i/64 < len(b) && b[i/64]&(1<<(uint(i)%64)) != 0
}

// Set adds i.
func (b Bitset) Set(i int) { b[i/64] |= 1 << (uint(i) % 64) }

func containsTerm(field string, t *Term) bool { return strings.Contains(field, t.Text) }

// termsMatch tests q's terms, all but the driver (skip, already found by
// the scan), against an item's folded fields: every positive term must be
// in its field, no negative one.
func termsMatch(q *Query, skip int, field func(Field) string) bool {
	for k := range q.Terms {
		t := &q.Terms[k]
		if k != skip && containsTerm(field(t.Field), t) == t.Negate {
			return false
		}
	}
	return true
}

func dateOK(q *Query, day int) bool {
	for _, dt := range q.Dates {
		var in bool
		if day != NoDay {
			switch {
			case dt.Month != 0:
				in = monthOfDay(day) == dt.Month
			case dt.Op == DateOn:
				in = day >= dt.From && day < dt.To
			case dt.Op == DateAfter:
				in = day >= dt.From
			case dt.Op == DateBefore:
				in = day < dt.From
			}
		}
		if in == dt.Negate {
			return false
		}
	}
	return true
}

// monthOfDay is the month of a civil day (see Day).
func monthOfDay(day int) time.Month {
	return time.Unix(int64(day)*86400, 0).UTC().Month()
}

// driver picks the positive any-field term to scan the blob for: the
// longest (the rarest, most likely). -1 when there is none.
func driver(q *Query) int {
	best := -1
	for i, t := range q.Terms {
		if t.Field == FieldAny && !t.Negate && (best < 0 || len(t.Text) > len(q.Terms[best].Text)) {
			best = i
		}
	}
	return best
}

// Cancelled is polled between chunks; return true to abandon a filter.
type Cancelled func() bool

// FilterArticles returns the positions (ascending) of the indexed articles
// matching q. Words match title, standfirst, source, credit, authors, body
// and quoted speakers; source:, author: and speaker: match those fields; a
// date term matches the article's publication day. If within is not nil,
// only positions in it are considered (narrowing as a query grows). It
// returns nil, false if cancelled.
func FilterArticles(d *ArticleDocs, q *Query, within Bitset, cancel Cancelled) ([]int32, bool) {
	if d == nil {
		return nil, true
	}
	drv := driver(q)
	base := 0
	bases := make([]int, len(d.chunks))
	for i, c := range d.chunks {
		bases[i] = base
		base += len(c.docs)
	}
	res := parallelChunks(len(d.chunks), cancel, func(ci int) []int32 {
		c := d.chunks[ci]
		check := func(i int) bool {
			doc := &c.docs[i]
			if !dateOK(q, doc.day) {
				return false
			}
			return termsMatch(q, drv, func(f Field) string {
				switch f {
				case FieldSource:
					return c.field(doc.src)
				case FieldAuthor:
					return c.field(doc.auth)
				case FieldSpeaker:
					return c.field(doc.spk)
				}
				return c.blob[c.starts[i]:c.starts[i+1]]
			})
		}
		onlyDriver := len(q.Terms) == 1 && len(q.Dates) == 0
		return c.scan(q, drv, bases[ci], within, onlyDriver, check)
	})
	if res == nil {
		return nil, false
	}
	return res, true
}

// FilterQuotes returns the indexes (ascending, into d.Refs) of quotations
// matching q: words match the text, speaker (as named) and source; source:,
// speaker: match those; author: and dates use the article (from arts, which
// must index the same article list). If articles is not nil, only quotes
// of articles in it are considered; if within is not nil, only quotes in
// it.
func FilterQuotes(d *QuoteDocs, arts *ArticleDocs, q *Query, articles, within Bitset, cancel Cancelled) ([]int32, bool) {
	if d == nil {
		return nil, true
	}
	drv := driver(q)
	res := parallelChunks(len(d.chunks), cancel, func(ci int) []int32 {
		c := d.chunks[ci]
		check := func(i int) bool {
			doc := &c.docs[i]
			if articles != nil && !articles.Has(int(doc.art)) {
				return false
			}
			var authors string
			if len(q.Dates) > 0 || hasField(q, FieldAuthor) {
				ac, ad := arts.doc(int(doc.art))
				if ad == nil {
					return false
				}
				if !dateOK(q, ad.day) {
					return false
				}
				authors = ac.field(ad.auth)
			}
			return termsMatch(q, drv, func(f Field) string {
				switch f {
				case FieldSource:
					return doc.source
				case FieldAuthor:
					return authors
				case FieldSpeaker:
					return doc.who
				}
				return c.blob[c.starts[i]:c.starts[i+1]]
			})
		}
		onlyDriver := len(q.Terms) == 1 && len(q.Dates) == 0 && articles == nil
		return c.scan(q, drv, c.first, within, onlyDriver, check)
	})
	if res == nil {
		return nil, false
	}
	return res, true
}

func hasField(q *Query, f Field) bool {
	for _, t := range q.Terms {
		if t.Field == f {
			return true
		}
	}
	return false
}

func (d *ArticleDocs) doc(i int) (*artChunk, *artDoc) {
	if d == nil || i < 0 {
		return nil, nil
	}
	ci := i / chunkSize
	if ci >= len(d.chunks) {
		return nil, nil
	}
	c := d.chunks[ci]
	if i%chunkSize >= len(c.docs) {
		return nil, nil
	}
	return c, &c.docs[i%chunkSize]
}

// scan returns first+i for each item i of the chunk that matches q, in
// order. Candidates are found by the driver term drv (see driver): by
// scanning the blob from match to match, or item by item when narrowing
// (only items in within, numbered from first, are considered) or when there
// is no driver; check tests a candidate against everything else. When
// onlyDriver is set the driver is the whole query and check is skipped.
func (c *chunk) scan(q *Query, drv, first int, within Bitset, onlyDriver bool, check func(int) bool) []int32 {
	items := len(c.starts) - 1
	var term string
	k := 0
	if drv >= 0 {
		term = q.Terms[drv].Text
		k = anchorIn(c.freq, term)
	}
	if drv < 0 || within != nil {
		var out []int32
		for i := range items {
			if within != nil && !within.Has(first+i) {
				continue
			}
			if drv >= 0 && indexAnchored(c.blob[c.starts[i]:c.starts[i+1]], term, k) < 0 {
				continue
			}
			if check(i) {
				out = append(out, int32(first+i))
			}
		}
		return out
	}
	out := make([]int32, 0, items)
	scanBlob(c.blob, c.starts, term, k, func(i int) {
		if onlyDriver || check(i) {
			out = append(out, int32(first+i))
		}
	})
	return out
}

// scanBlob calls fn with the index of each item whose text contains term,
// once per item, in order.
func scanBlob(blob string, starts []int32, term string, k int, fn func(int)) {
	pos, i := 0, 0
	n := len(starts) - 1
	for pos < len(blob) {
		j := indexAnchored(blob[pos:], term, k)
		if j < 0 {
			return
		}
		at := int32(pos + j)
		// The item containing at: items are in order, so walk forward.
		for i+1 < n && starts[i+1] <= at {
			i++
		}
		fn(i)
		pos = int(starts[i+1])
	}
}

// byteRank orders bytes from rare (low) to common (high) in news text, to
// pick the byte of a search term that a fast byte search stops on least.
var byteRank = func() [256]uint8 {
	var r [256]uint8
	for i := range r {
		r[i] = 40 // digits, punctuation, UTF-8 continuation bytes: fairly rare
	}
	common := " etaoinshrdlcumwfgypbvkjxqz"
	for i := range len(common) {
		r[common[i]] = uint8(255 - i*8)
	}
	r['\n'], r[0] = 255, 255
	return r
}()

// anchor returns the index of term's rarest byte.
func anchor(term string) int {
	best := 0
	for i := 1; i < len(term); i++ {
		if byteRank[term[i]] < byteRank[term[best]] {
			best = i
		}
	}
	return best
}

// byteFreq counts the bytes of s.
func byteFreq(s string) *[256]uint32 {
	var f [256]uint32
	for i := 0; i < len(s); i++ {
		f[s[i]]++
	}
	return &f
}

// anchorIn returns the index of term's byte that is rarest in the text to
// be searched (by its byte counts); the static ranking when there are none.
func anchorIn(freq *[256]uint32, term string) int {
	if freq == nil {
		return anchor(term)
	}
	best := 0
	for i := 1; i < len(term); i++ {
		if freq[term[i]] < freq[term[best]] {
			best = i
		}
	}
	return best
}

// indexAnchored is strings.Index(s, pat) that searches for pat[k] with the
// vectorised strings.IndexByte and verifies around it: much faster than
// strings.Index when pat's first byte is common and pat[k] is rare.
func indexAnchored(s, pat string, k int) int {
	if len(pat) == 1 {
		return strings.IndexByte(s, pat[0])
	}
	c := pat[k]
	i := k
	for i < len(s) {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		p := i + j - k
		if p+len(pat) > len(s) {
			return -1
		}
		if s[p:p+len(pat)] == pat {
			return p
		}
		i += j + 1
	}
	return -1
}

// parallelChunks runs work over chunks on every CPU and concatenates the
// results in chunk order; nil if cancelled.
func parallelChunks(n int, cancel Cancelled, work func(int) []int32) []int32 {
	parts := make([][]int32, n)
	workers := min(runtime.GOMAXPROCS(0), n)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	stopped := false
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if stopped || next >= n {
					mu.Unlock()
					return
				}
				ci := next
				next++
				mu.Unlock()
				if cancel != nil && cancel() {
					mu.Lock()
					stopped = true
					mu.Unlock()
					return
				}
				parts[ci] = work(ci)
			}
		}()
	}
	wg.Wait()
	if stopped {
		return nil
	}
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	out := make([]int32, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// MatchSpeaker reports whether a speaker matches q: words match the name,
// aliases and role; speaker: the name and aliases; source: the outlets
// quoting them. Author and date terms are ignored (speakers have neither).
func MatchSpeaker(s *Speaker, folded string, q *Query) bool {
	for k := range q.Terms {
		t := &q.Terms[k]
		var ok bool
		switch t.Field {
		case FieldAny, FieldSpeaker:
			ok = strings.Contains(folded, t.Text)
		case FieldSource:
			for _, src := range s.Sources {
				if strings.Contains(Fold(src), t.Text) {
					ok = true
					break
				}
			}
		case FieldAuthor:
			ok = !t.Negate
		}
		if ok == t.Negate {
			return false
		}
	}
	return true
}

// SpeakerText is the folded text MatchSpeaker searches: name, aliases, role.
func SpeakerText(s *Speaker) string {
	var b strings.Builder
	b.WriteString(Fold(s.Name))
	for _, a := range s.Aliases {
		b.WriteByte('\n')
		b.WriteString(Fold(a))
	}
	b.WriteByte('\n')
	b.WriteString(Fold(s.Role))
	return b.String()
}

// NarrowSet turns the results of a previous, looser filter into the
// within set of the next one, or nil when they are nearly everything (then
// one scan of the whole blob is as fast). Items that matched a looser query
// mostly match the stricter one too, near the same place, so testing only
// them beats scanning the blob even when they are many.
func NarrowSet(prev []int32, n int) Bitset {
	if len(prev) >= n*15/16 {
		return nil
	}
	b := NewBitset(n)
	for _, i := range prev {
		if int(i) < n {
			b.Set(int(i))
		}
	}
	return b
}
