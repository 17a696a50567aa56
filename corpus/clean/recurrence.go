package clean

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"byline/model"
)

// Recurrence counts paragraphs across documents of the same source;
// paragraphs seen in enough documents of one source are boilerplate (a
// site's sign-off, pitch or disclaimer). Only 64-bit hashes of normalised
// paragraphs are kept, never texts: about 16 bytes per distinct paragraph.
// Paragraphs longer than maxRecurLen are not counted (boilerplate is
// rarely that long, and it bounds memory on large corpora).
type Recurrence struct {
	mu     sync.RWMutex
	docs   map[string]int    // documents observed per source
	counts map[uint64]uint32 // hash(source, paragraph) → documents containing it
}

const maxRecurLen = 1500

// Thresholds: a paragraph is boilerplate when seen in at least minDocs
// documents of its source and in at least the given share of them. Short
// lines ("Advertisement", "Follow us on Twitter") need less evidence than
// long paragraphs; a quote repeated in two follow-up stories never counts.
const (
	minDocs       = 3
	shortMinShare = 0.02
	longMinDocs   = 4
	longMinShare  = 0.2
	shortRecurLen = 100
	// In clean copy only a footer goes: a run ending the body that ends
	// most of the source's texts (a sentence agency copy often ends with
	// recurs in a few per cent of stories, never in half).
	footerMinShare = 0.5
)

// NewRecurrence returns an empty Recurrence.
func NewRecurrence() *Recurrence {
	return &Recurrence{docs: map[string]int{}, counts: map[uint64]uint32{}}
}

// Hashes returns the hash of each paragraph as Observe and Filter use it
// (0 for a paragraph that is not counted). Callers that observe and filter
// the same paragraphs, or keep hashes in a cache, hash once.
func (r *Recurrence) Hashes(source string, paragraphs []string) []uint64 {
	hs := make([]uint64, len(paragraphs))
	for i, p := range paragraphs {
		if len(p) > maxRecurLen {
			continue
		}
		if h, ok := r.hash(source, p); ok {
			hs[i] = max(h, 1) // 0 means "not counted"
		}
	}
	return hs
}

// Observe records one document's paragraphs for source. It is safe for
// concurrent use.
func (r *Recurrence) Observe(source string, paragraphs []string) {
	r.ObserveHashes(source, r.Hashes(source, paragraphs))
}

// ObserveHashes records one document given its paragraph hashes.
func (r *Recurrence) ObserveHashes(source string, hashes []uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.docs[source]++
	seen := make(map[uint64]bool, len(hashes))
	for _, h := range hashes {
		if h == 0 || seen[h] {
			continue
		}
		seen[h] = true
		if r.counts[h] < ^uint32(0) {
			r.counts[h]++
		}
	}
}

// Filter removes the paragraphs that recur in enough documents of source.
// tailOnly limits it to the paragraphs that end the body (see
// FilterHashes). It is safe for concurrent use.
func (r *Recurrence) Filter(source string, paragraphs []string, tailOnly bool) (kept []string, removed []model.Removed) {
	return r.FilterHashes(source, paragraphs, r.Hashes(source, paragraphs), tailOnly)
}

// FilterHashes is Filter given the paragraphs' hashes. With tailOnly (clean
// copy, which showed no page furniture) only a run of recurring paragraphs
// at the end of the body goes — a footer; a recurring line inside the text
// or at its top ("ABSTRACT.", a table's row) stays. It never removes every
// paragraph.
func (r *Recurrence) FilterHashes(source string, paragraphs []string, hashes []uint64, tailOnly bool) (kept []string, removed []model.Removed) {
	counts := make([]int, len(paragraphs))
	r.mu.RLock()
	total := r.docs[source]
	for i, h := range hashes {
		if h != 0 {
			counts[i] = int(r.counts[h])
		}
	}
	r.mu.RUnlock()
	if total < minDocs {
		return paragraphs, nil
	}
	recurs := func(i int) bool {
		n := counts[i]
		if n == 0 {
			return false
		}
		share := float64(n) / float64(total)
		short := utf8.RuneCountInString(paragraphs[i]) <= shortRecurLen
		return (short && n >= minDocs && share >= shortMinShare) || (!short && n >= longMinDocs && share >= longMinShare)
	}
	drop := make([]bool, len(paragraphs))
	any, all := false, true
	for i := range paragraphs {
		drop[i] = recurs(i)
		any = any || drop[i]
		all = all && drop[i]
	}
	if !any || all {
		return paragraphs, nil
	}
	if tailOnly {
		tail := len(paragraphs)
		for tail > 0 && drop[tail-1] && float64(counts[tail-1]) >= footerMinShare*float64(total) {
			tail--
		}
		for i := 0; i < tail; i++ {
			drop[i] = false
		}
	}
	for i, p := range paragraphs {
		if drop[i] {
			removed = append(removed, model.Removed{Text: p, Reason: "recurring boilerplate"})
			continue
		}
		kept = append(kept, p)
	}
	if len(removed) == 0 {
		return paragraphs, nil
	}
	return kept, removed
}

// hash hashes the source and the paragraph normalised to lower-case
// letters and digits separated by single spaces. ok is false for
// paragraphs with no letters or digits. It is FNV-1a, written inline with an
// ASCII fast path: this runs over every paragraph of the corpus, and a
// fixed function gives the same hash across runs.
func (r *Recurrence) hash(source, p string) (uint64, bool) {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(source); i++ {
		h = (h ^ uint64(source[i])) * prime
	}
	h = (h ^ 0) * prime
	any, space := false, false
	emit := func(b byte) {
		if space && any {
			h = (h ^ ' ') * prime
		}
		space, any = false, true
		h = (h ^ uint64(b)) * prime
	}
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				emit(c)
			case c >= 'A' && c <= 'Z':
				emit(c + 'a' - 'A')
			default:
				space = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for k := 0; k < n; k++ {
				emit(buf[k])
			}
		} else {
			space = true
		}
	}
	return h, any
}
