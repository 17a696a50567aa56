// Package warc streams the pages out of a WARC crawl archive (.warc, or
// .warc.gz with one gzip member per record, as crawlers write them), with
// github.com/nlnwa/gowarc/v3: the one of the three Go readers measured
// (README, Dependencies) that reads on past a broken record instead of
// stopping there.
//
// Memory stays bounded whatever the archive's size: records are read one at
// a time, a payload is read up to the cap and no further (the library
// spills any record over 1 MiB to a temporary file while it checks it), and
// only the pages handed to the caller are kept.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"sort"
	"strconv"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// Page is one HTML page found in the archive.
type Page struct {
	Index       int       // the record's 1-based position in the archive
	Offset      int64     // the record's byte offset in the file
	URI         string    // WARC-Target-URI
	Fetched     time.Time // WARC-Date
	ContentType string    // the HTTP Content-Type (charset included), or the record's
	Payload     []byte    // the page, decoded from any transfer or content encoding
}

// Broken is a record that could not be read.
type Broken struct {
	Index    int
	Offset   int64
	Err      string
	TooLarge bool // a page over the size cap, not damage
}

// Stats counts what a read found.
type Stats struct {
	Records int
	Pages   int
	// Skipped counts the captures (responses, resources) that hold no
	// page, by what they hold ("image/jpeg", "HTTP 404"...).
	Skipped map[string]int
	// Structural counts the records that are never pages (warcinfo,
	// request, metadata, revisit...), by type: nothing is lost with them.
	Structural map[string]int
	Broken     []Broken
}

// SkippedSummary is the skipped records as one line, most frequent kind
// first ("312 request, 290 image/jpeg, 4 HTTP 301").
func (s Stats) SkippedSummary() (int, string) {
	type kv struct {
		k string
		n int
	}
	var kinds []kv
	total := 0
	for k, n := range s.Skipped {
		kinds = append(kinds, kv{k, n})
		total += n
	}
	sort.Slice(kinds, func(i, j int) bool {
		if kinds[i].n != kinds[j].n {
			return kinds[i].n > kinds[j].n
		}
		return kinds[i].k < kinds[j].k
	})
	parts := make([]string, 0, len(kinds))
	for i, e := range kinds {
		if i == 6 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%d %s", e.n, e.k))
	}
	return total, strings.Join(parts, ", ")
}

// ErrTooLarge marks a page over the size cap.
var ErrTooLarge = errors.New("page over the size cap")

// maxBroken bounds the broken records listed one by one: a file that is
// not a WARC at all would otherwise list one per resynchronisation.
const maxBroken = 20

// Read streams the archive's records and calls page with each HTML page
// (a response with a 2xx status and an HTML payload, or an HTML resource),
// its payload read up to maxPayload bytes once decoded; a larger page is
// counted as broken, never read whole. A record that cannot be read is
// noted with its offset and reading goes on with the next record. page's
// error stops the read (the caller's cancellation).
//
// A gzip archive is read member by member. When a member is damaged
// (corrupt deflate data, a bad checksum, a truncated member), reading
// resumes at the next gzip header after the damaged member's start: the
// decompressor may have read past the damage into the next member, which
// would otherwise be lost unnoticed. That needs to seek; an input that
// cannot seek gets the library's own resynchronisation.
func Read(ctx context.Context, r io.Reader, maxPayload int64, page func(Page) error) (Stats, error) {
	st := Stats{Skipped: map[string]int{}, Structural: map[string]int{}}
	br := &countingReader{r: bufio.NewReaderSize(r, 1<<16)}
	head, _ := br.r.Peek(2)
	seeker, canSeek := r.(io.ReadSeeker)
	if !bytes.Equal(head, []byte{0x1f, 0x8b}) || !canSeek {
		return st, readStream(ctx, br, &st, maxPayload, page)
	}
	return st, readMembers(ctx, seeker, br, &st, maxPayload, page)
}

var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
	// Checked (the library caches the block to check it; a payload
	// left unchecked is not readable afterwards), never fatal.
	gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBufferMaxMemBytes(1 << 20),
}

// readStream reads an uncompressed archive (or one that cannot seek) with
// the library's reader, which resynchronises on the next record's start.
func readStream(ctx context.Context, br *countingReader, st *Stats, maxPayload int64, page func(Page) error) error {
	wf, err := gowarc.NewWarcFileReaderFromStream(br.r, 0, recordOptions...)
	if err != nil {
		return err
	}
	defer wf.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := next(wf)
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			return nil
		}
		if done, err := st.take(rec.WarcRecord, rec.Offset, err, maxPayload, page); done || err != nil {
			return err
		}
	}
}

// readMembers reads a gzip archive one member at a time (one record each,
// as crawlers write; a member holding several records, or the whole file,
// is read record by record too).
func readMembers(ctx context.Context, f io.ReadSeeker, br *countingReader, st *Stats, maxPayload int64, page func(Page) error) error {
	var zr gzip.Reader
	u := gowarc.NewUnmarshaler(recordOptions...)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := br.n
		if _, err := br.r.Peek(1); err == io.EOF {
			return nil
		}
		// A member's records are handed on once the member has read
		// whole and its checksum holds: damage can decode into text that
		// parses. (A member holding many records, as in a file gzipped
		// whole, is handed on every maxPending records: it cannot be
		// checked record by record.)
		var pending []pendingRecord
		flush := func() error {
			for _, p := range pending {
				if _, err := st.commit(p, page); err != nil {
					return err
				}
			}
			pending = pending[:0]
			return nil
		}
		err := zr.Reset(br)
		if err == nil {
			zr.Multistream(false)
			mr := bufio.NewReaderSize(&zr, 1<<15)
			for {
				var wr gowarc.WarcRecord
				wr, _, _, err = unmarshal(u, mr)
				if errors.Is(err, io.EOF) && wr == nil {
					err = nil
					break
				}
				if err != nil {
					break
				}
				pending = append(pending, classify(wr, start, maxPayload))
				if len(pending) >= maxPending {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err == nil {
				_, err = io.Copy(io.Discard, &zr)
			}
		}
		if err == nil {
			if err := flush(); err != nil {
				return err
			}
		}
		if err == nil {
			continue
		}
		// A damaged member: note it, then look for the next gzip header
		// from just after its start.
		st.Records++
		st.broken(start, err)
		if _, serr := f.Seek(start+1, io.SeekStart); serr != nil {
			return serr
		}
		br.reset(f, start+1)
		if !br.skipToGzip() {
			return nil
		}
	}
}

// next reads one record, turning a panic in the library into an error of
// that record (a hostile archive must not stop a load).
func next(wf *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = gowarc.Record{}, fmt.Errorf("unreadable record (%v)", r)
		}
	}()
	return wf.Next()
}

func unmarshal(u gowarc.Unmarshaler, r *bufio.Reader) (wr gowarc.WarcRecord, off int64, v []error, err error) {
	defer func() {
		if p := recover(); p != nil {
			wr, err = nil, fmt.Errorf("unreadable record (%v)", p)
		}
	}()
	return u.Unmarshal(r)
}

// maxPending bounds the records of one gzip member held until the
// member is checked.
const maxPending = 16

// pendingRecord is a record read and judged, not yet counted.
type pendingRecord struct {
	page       Page
	skip       string
	structural bool
	err        error
	offset     int64
}

// structural is true for the record types that never hold a capture.
func structural(t gowarc.RecordType) bool {
	return t&(gowarc.Response|gowarc.Resource|gowarc.Conversion|gowarc.Continuation) == 0
}

// classify reads what a record holds and closes it.
func classify(wr gowarc.WarcRecord, offset int64, maxPayload int64) pendingRecord {
	p, skip, err := readPage(wr, maxPayload)
	wr.Close()
	return pendingRecord{page: p, skip: skip, structural: structural(wr.Type()), err: err, offset: offset}
}

// commit counts one record and hands its page on.
func (st *Stats) commit(r pendingRecord, page func(Page) error) (done bool, _ error) {
	st.Records++
	switch {
	case r.err != nil:
		st.broken(r.offset, r.err)
	case r.skip != "" && r.structural:
		st.Structural[r.skip]++
	case r.skip != "":
		st.Skipped[r.skip]++
	default:
		st.Pages++
		r.page.Index, r.page.Offset = st.Records, r.offset
		if err := page(r.page); err != nil {
			return true, err
		}
	}
	return false, nil
}

// take counts one record read by the library's stream reader. done is
// true when nothing more can be read.
func (st *Stats) take(wr gowarc.WarcRecord, offset int64, err error, maxPayload int64, page func(Page) error) (done bool, _ error) {
	if wr == nil {
		st.Records++
		if err == nil {
			err = errors.New("unreadable record")
		}
		st.broken(offset, err)
		return errors.Is(err, gowarc.ErrNoRecord) || errors.Is(err, io.ErrUnexpectedEOF), nil
	}
	return st.commit(classify(wr, offset, maxPayload), page)
}

// countingReader counts the bytes taken from a buffered file, so that a
// member's offset is known; it is a ByteReader, so the decompressor never
// reads past a member's end.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

func (c *countingReader) reset(r io.Reader, at int64) {
	c.r.Reset(r)
	c.n = at
}

// skipToGzip advances to the next gzip member header (1f 8b 08).
func (c *countingReader) skipToGzip() bool {
	for {
		head, err := c.r.Peek(3)
		if len(head) < 3 || err != nil && len(head) < 3 {
			return false
		}
		if head[0] == 0x1f && head[1] == 0x8b && head[2] == 0x08 {
			return true
		}
		c.r.Discard(1)
		c.n++
	}
}

func (st *Stats) broken(offset int64, err error) {
	if len(st.Broken) < maxBroken {
		st.Broken = append(st.Broken, Broken{Index: st.Records, Offset: offset, Err: err.Error(), TooLarge: errors.Is(err, ErrTooLarge)})
		return
	}
	st.Skipped["unreadable"]++
}

// readPage returns the record's page, or what the record holds instead
// (skip), or why its page could not be read.
func readPage(wr gowarc.WarcRecord, maxPayload int64) (p Page, skip string, err error) {
	h := wr.WarcHeader()
	p.URI = strings.Trim(h.Get(gowarc.WarcTargetURI), "<> ")
	if t, err := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate)); err == nil {
		p.Fetched = t
	}
	var body io.Reader
	switch wr.Type() {
	case gowarc.Response:
		hb, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return p, "non-HTTP response", nil
		}
		if code := hb.HttpStatusCode(); code < 200 || code > 299 {
			return p, "HTTP " + strconv.Itoa(code), nil
		}
		hdr := hb.HttpHeader()
		if hdr != nil {
			p.ContentType = hdr.Get("Content-Type")
		}
		r, err := hb.PayloadBytes()
		if err != nil {
			return p, "", err
		}
		if body, err = decodeHTTP(r, hdr); err != nil {
			return p, "", err
		}
	case gowarc.Resource:
		p.ContentType = h.Get(gowarc.ContentType)
		r, err := wr.Block().RawBytes()
		if err != nil {
			return p, "", err
		}
		body = r
	default:
		return p, wr.Type().String(), nil
	}
	// Read one byte over the cap to know it is over; a sniff decides
	// what an unlabelled payload is.
	buf, err := io.ReadAll(io.LimitReader(body, maxPayload+1))
	if err != nil {
		return p, "", err
	}
	if int64(len(buf)) > maxPayload {
		return p, "", fmt.Errorf("%w (%d bytes and more once decoded)", ErrTooLarge, len(buf))
	}
	if kind := mediaType(p.ContentType, buf); kind != "text/html" && kind != "application/xhtml+xml" {
		return p, kind, nil
	}
	p.Payload = buf
	return p, "", nil
}

// mediaType is the payload's type: the declared one, or a sniff of its
// first bytes when none is declared (or only a generic one).
func mediaType(contentType string, payload []byte) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt == "" || mt == "application/octet-stream" || mt == "unknown/unknown" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(payload))
	}
	return strings.ToLower(mt)
}

// decodeHTTP undoes chunked transfer encoding and gzip or deflate content
// encoding that crawlers store as sent. A payload labelled gzip that is
// not (the crawler decoded it and kept the header) is read as it is.
func decodeHTTP(r io.Reader, hdr *http.Header) (io.Reader, error) {
	if hdr == nil {
		return r, nil
	}
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		br := bufio.NewReader(r)
		if head, _ := br.Peek(16); looksChunked(head) {
			r = httputil.NewChunkedReader(br)
		} else {
			r = br
		}
	}
	switch strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		br := bufio.NewReader(r)
		if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("gzip content encoding: %w", err)
			}
			return zr, nil
		}
		return br, nil
	case "deflate":
		return flate.NewReader(r), nil
	case "br", "zstd":
		return nil, fmt.Errorf("content encoding %q is not supported", hdr.Get("Content-Encoding"))
	}
	return r, nil
}

// looksChunked is true when a body starts with a chunk-size line.
func looksChunked(head []byte) bool {
	i := bytes.IndexByte(head, '\r')
	if i <= 0 {
		return false
	}
	size := string(head[:i])
	if j := strings.IndexByte(size, ';'); j >= 0 {
		size = size[:j]
	}
	_, err := strconv.ParseUint(strings.TrimSpace(size), 16, 64)
	return err == nil
}
