package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"byline/model"
)

// The file: magic, format version, the version key, the entries, and a
// CRC-32 of all that. Integers are varints; strings are length-prefixed.
const (
	magic         = "BYLINE-CACHE"
	formatVersion = 5 // 4: articles keep their language; 5: and their source evidence and page-dump flag
)

type writer struct{ b *bufio.Writer }

func (w writer) int(n int64) {
	var tmp [binary.MaxVarintLen64]byte
	w.b.Write(tmp[:binary.PutVarint(tmp[:], n)])
}

func (w writer) uint(n uint64) {
	var tmp [binary.MaxVarintLen64]byte
	w.b.Write(tmp[:binary.PutUvarint(tmp[:], n)])
}

func (w writer) str(s string) {
	w.int(int64(len(s)))
	w.b.WriteString(s)
}

func (w writer) bool(v bool) {
	if v {
		w.b.WriteByte(1)
	} else {
		w.b.WriteByte(0)
	}
}

func (w writer) strs(ss []string) {
	w.int(int64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// encode streams the cache to out (a large corpus's cache is never built
// in memory whole), the CRC computed on the way.
func encode(out io.Writer, version string, entries []*Entry) error {
	crc := crc32.NewIEEE()
	b := bufio.NewWriterSize(io.MultiWriter(out, crc), 1<<20)
	w := writer{b}
	b.WriteString(magic)
	w.int(formatVersion)
	w.str(version)
	w.int(int64(len(entries)))
	for _, e := range entries {
		w.str(e.Path)
		w.str(e.ID)
		w.int(e.Size)
		w.int(e.ModTime)
		w.int(int64(len(e.Problems)))
		for _, p := range e.Problems {
			w.str(p.Path)
			w.str(p.Reason)
		}
		w.int(int64(len(e.Articles)))
		for i, a := range e.Articles {
			encodeArticle(w, a)
			var hs []uint64
			if i < len(e.Hashes) {
				hs = e.Hashes[i]
			}
			w.int(int64(len(hs)))
			for _, h := range hs {
				w.uint(h)
			}
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc.Sum32())
	_, err := out.Write(sum[:])
	return err
}

func encodeArticle(w writer, a *model.Article) {
	w.str(a.ID)
	w.str(a.Path)
	w.str(string(a.Format))
	w.str(a.URL)
	w.str(a.Language)
	w.str(a.Source)
	w.str(a.SourceFrom)
	w.bool(a.PageDump)
	w.str(a.Credit)
	w.str(a.Title)
	w.bool(a.TitleDerived)
	w.str(a.Standfirst)
	w.strs(a.Authors)
	w.int(int64(a.DatePrecision))
	if a.DatePrecision != model.PrecisionNone {
		name, offset := a.Published.Zone()
		w.int(a.Published.Unix())
		w.int(int64(a.Published.Nanosecond()))
		w.str(name)
		w.int(int64(offset))
	}
	w.strs(a.Body)
	w.int(int64(a.WordCount))
	w.int(int64(len(a.Removed)))
	for _, r := range a.Removed {
		w.str(r.Text)
		w.str(r.Reason)
	}
	w.strs(a.Problems)
	w.int(int64(len(a.Quotes)))
	for _, q := range a.Quotes {
		w.str(q.Text)
		w.str(q.Speaker)
		w.str(q.Mention)
		w.str(q.Role)
		w.str(q.Cue)
		w.bool(q.Partial)
		w.str(q.Kind.String())
		w.int(int64(q.Paragraph))
		w.int(int64(q.Start))
		w.int(int64(q.End))
		w.int(int64(q.EndParagraph))
	}
}

// reader decodes from one string so decoded strings share its memory
// instead of each being copied. Every read is bounds-checked: a corrupt
// file yields an error, never a panic or a huge allocation.
type reader struct {
	s   string
	pos int
	err error
}

var errCorrupt = errors.New("cache file is corrupt")

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCorrupt
	}
}

// int reads a signed varint: zigzag over the unsigned form.
func (r *reader) int() int64 {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	n, size := binary.Uvarint([]byte(r.s[r.pos:min(len(r.s), r.pos+binary.MaxVarintLen64)]))
	if size <= 0 {
		r.fail()
		return 0
	}
	r.pos += size
	return n
}

// count reads a length and checks it against what remains, so a corrupt
// length cannot ask for gigabytes.
func (r *reader) count() int {
	n := r.int()
	if n < 0 || n > int64(len(r.s)-r.pos) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *reader) bool() bool {
	if r.err != nil || r.pos >= len(r.s) {
		r.fail()
		return false
	}
	v := r.s[r.pos]
	r.pos++
	return v == 1
}

func (r *reader) strs() []string {
	n := r.count()
	if n == 0 || r.err != nil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func decode(data string, version string) ([]*Entry, error) {
	if len(data) < len(magic)+4 || data[:len(magic)] != magic {
		return nil, errors.New("not a byline cache file")
	}
	body, trailer := data[:len(data)-4], data[len(data)-4:]
	if checksum(body) != binary.LittleEndian.Uint32([]byte(trailer)) {
		return nil, errCorrupt
	}
	r := &reader{s: body, pos: len(magic)}
	if v := r.int(); v != formatVersion {
		return nil, ErrMismatch
	}
	if v := r.str(); v != version {
		return nil, ErrMismatch
	}
	n := r.count()
	entries := make([]*Entry, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		e := &Entry{Path: r.str(), ID: r.str(), Size: r.int(), ModTime: r.int()}
		np := r.count()
		for k := 0; k < np && r.err == nil; k++ {
			e.Problems = append(e.Problems, model.Problem{Path: r.str(), Reason: r.str()})
		}
		na := r.count()
		for k := 0; k < na && r.err == nil; k++ {
			e.Articles = append(e.Articles, decodeArticle(r))
			hs := make([]uint64, r.count())
			for i := range hs {
				hs[i] = r.uint()
			}
			e.Hashes = append(e.Hashes, hs)
		}
		entries = append(entries, e)
	}
	if r.err == nil && r.pos != len(r.s) {
		r.err = fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(r.s)-r.pos)
	}
	if r.err != nil {
		return nil, r.err
	}
	return entries, nil
}

func decodeArticle(r *reader) *model.Article {
	a := &model.Article{
		ID: r.str(), Path: r.str(), Format: model.Format(r.str()), URL: r.str(), Language: r.str(),
		Source: r.str(), SourceFrom: r.str(), PageDump: r.bool(), Credit: r.str(), Title: r.str(), TitleDerived: r.bool(),
		Standfirst: r.str(), Authors: r.strs(),
	}
	a.DatePrecision = model.Precision(r.int())
	if a.DatePrecision != model.PrecisionNone {
		sec, nsec := r.int(), r.int()
		name, offset := r.str(), r.int()
		a.Published = time.Unix(sec, nsec).In(time.FixedZone(name, int(offset)))
	}
	a.Body = r.strs()
	a.WordCount = int(r.int())
	if n := r.count(); n > 0 {
		a.Removed = make([]model.Removed, 0, n)
		for i := 0; i < n && r.err == nil; i++ {
			a.Removed = append(a.Removed, model.Removed{Text: r.str(), Reason: r.str()})
		}
	}
	a.Problems = r.strs()
	if n := r.count(); n > 0 {
		a.Quotes = make([]model.Quote, 0, n)
		for i := 0; i < n && r.err == nil; i++ {
			a.Quotes = append(a.Quotes, model.Quote{
				Text: r.str(), Speaker: r.str(), Mention: r.str(), Role: r.str(), Cue: r.str(),
				Partial: r.bool(), Kind: model.ParseQuoteKind(r.str()),
				Paragraph: int32(r.int()), Start: int32(r.int()), End: int32(r.int()), EndParagraph: int32(r.int()),
			})
		}
	}
	return a
}
