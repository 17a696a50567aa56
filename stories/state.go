package stories

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"time"
)

// State is what one Build leaves for the next: each distinct text's
// features (by a hash of the text; a sketch only for a text folded into
// a near-copy), the representatives it scored and the scored links
// between them. With it, a re-load computes features only
// for texts it has not seen and scores only pairs with a new side.
// Callers keep it beside the corpus cache (Encode, Decode) and may drop
// it from the Set once saved: it is most of a Set's memory.
type State struct {
	window time.Duration
	texts  map[uint64]*Features
	nodes  map[uint64]bool
	links  map[[2]uint64]float32
}

func newState(opt Options, texts map[uint64]*Features, nodes []*node, reps []int32, edges []edge) *State {
	s := &State{window: opt.Window, texts: texts, nodes: make(map[uint64]bool, len(reps)),
		links: make(map[[2]uint64]float32, len(edges))}
	scored := make(map[uint64]bool, len(reps))
	for _, i := range reps {
		s.nodes[nodes[i].key] = true
		scored[nodes[i].text] = true
	}
	// A folded text needs only its sketch to be folded again.
	for k, f := range texts {
		if !f.Sketch && !scored[k] {
			texts[k] = &Features{Content: f.Content, Shingles: f.Shingles, Sketch: true}
		}
	}
	for _, e := range edges {
		s.links[pairKey(nodes[e.a].key, nodes[e.b].key)] = float32(e.s)
	}
	return s
}

// Texts is the number of texts whose features the state holds.
func (s *State) Texts() int {
	if s == nil {
		return 0
	}
	return len(s.texts)
}

func (s *State) features(text uint64) *Features {
	if s == nil {
		return nil
	}
	return s.texts[text]
}

// maxChanged is the share of nodes that may be new for the old links to
// be reused: past it, the corpus's weights have moved enough that every
// pair is scored again.
const maxChanged = 0.10

// reusable returns the previous links when they can stand for this
// build's nodes, marking in changed the nodes the previous build did not
// have; nil when every pair must be scored.
func (s *State) reusable(nodes []*node, reps []int32, changed []bool, window time.Duration) map[[2]uint64]float32 {
	if s == nil || s.window != window || len(s.nodes) == 0 {
		return nil
	}
	n := 0
	for _, i := range reps {
		if !s.nodes[nodes[i].key] {
			changed[i] = true
			n++
		}
	}
	gone := 0
	if len(s.nodes) > len(reps)-n {
		gone = len(s.nodes) - (len(reps) - n)
	}
	// Weights are counted over every node, folded ones too.
	if float64(n+gone) > maxChanged*float64(len(nodes)) {
		return nil
	}
	return s.links
}

// The state's file: magic, format version, window, texts, nodes, links,
// then a CRC-32 of all that. Integers are varints.
const (
	stateMagic   = "BYLINE-STORIES"
	stateVersion = 2 // 2: sketches of folded texts; nodes and links are representatives
)

// Encode writes the state.
func (s *State) Encode(out io.Writer) error {
	crc := crc32.NewIEEE()
	b := bufio.NewWriterSize(io.MultiWriter(out, crc), 1<<16)
	var tmp [binary.MaxVarintLen64]byte
	u := func(x uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	b.WriteString(stateMagic)
	u(stateVersion)
	u(uint64(s.window))
	u(uint64(len(s.texts)))
	var text []byte
	for k, f := range s.texts {
		u(k)
		text = appendText(text[:0], f)
		b.Write(text)
	}
	u(uint64(len(s.nodes)))
	for k := range s.nodes {
		u(k)
	}
	u(uint64(len(s.links)))
	for k, v := range s.links {
		u(k[0])
		u(k[1])
		u(uint64(math.Float32bits(v)))
	}
	if err := b.Flush(); err != nil {
		return err
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc.Sum32())
	_, err := out.Write(sum[:])
	return err
}

// ErrState is a state that cannot be read (corrupt, truncated, or of
// another format): the caller clusters from scratch.
var ErrState = errors.New("stories: unreadable state")

// Decode reads a state written by Encode.
func Decode(data []byte) (*State, error) {
	if len(data) < len(stateMagic)+4 || string(data[:len(stateMagic)]) != stateMagic {
		return nil, ErrState
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, fmt.Errorf("%w: checksum", ErrState)
	}
	r := varints{data: body[len(stateMagic):]}
	u, count := r.u, r.count
	if u() != stateVersion {
		return nil, fmt.Errorf("%w: another version", ErrState)
	}
	s := &State{window: time.Duration(u())}
	nt := count(1 << 26)
	s.texts = make(map[uint64]*Features, nt)
	for range nt {
		k := u()
		f := r.text()
		if r.bad {
			return nil, fmt.Errorf("%w: truncated", ErrState)
		}
		s.texts[k] = f
	}
	nn := count(1 << 26)
	s.nodes = make(map[uint64]bool, nn)
	for range nn {
		s.nodes[u()] = true
	}
	nl := count(1 << 28)
	s.links = make(map[[2]uint64]float32, nl)
	for range nl {
		a, b := u(), u()
		s.links[[2]uint64{a, b}] = math.Float32frombits(uint32(u()))
	}
	if r.bad || len(r.data) != 0 {
		return nil, fmt.Errorf("%w: truncated", ErrState)
	}
	return s, nil
}

// appendText appends the varints of one text's features: as a state file
// holds each text and as a database keeps it (AppendFeatures).
func appendText(b []byte, f *Features) []byte {
	u := func(x uint64) { b = binary.AppendUvarint(b, x) }
	u(f.Content)
	if f.Sketch {
		u(1)
	} else {
		u(0)
	}
	u(f.Title)
	u(uint64(len(f.TitleTerms)))
	for _, t := range f.TitleTerms {
		u(uint64(t))
	}
	u(uint64(len(f.Terms)))
	prev := uint32(0)
	for _, t := range f.Terms { // sorted: deltas are small
		u(uint64(t.Term - prev))
		u(uint64(t.Count))
		prev = t.Term
	}
	u(uint64(len(f.Names)))
	prev = 0
	for _, n := range f.Names {
		u(uint64(n - prev))
		prev = n
	}
	for _, v := range f.Shingles {
		u(uint64(v))
	}
	return b
}

// varints reads what binary.AppendUvarint wrote; a varint that is not
// one, or a count beyond its limit or the bytes left, sets bad (and every
// later read gives 0).
type varints struct {
	data []byte
	bad  bool
}

func (r *varints) u() uint64 {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *varints) count(limit int) int {
	v := r.u()
	if v > uint64(limit) || v > uint64(len(r.data)) {
		r.bad = true
		return 0
	}
	return int(v)
}

// text reads what appendText wrote.
func (r *varints) text() *Features {
	f := &Features{Content: r.u()}
	f.Sketch = r.u() == 1
	f.Title = r.u()
	if n := r.count(1 << 16); n > 0 {
		f.TitleTerms = make([]uint32, n)
		for i := range f.TitleTerms {
			f.TitleTerms[i] = uint32(r.u())
		}
	}
	f.Terms = make([]TermCount, r.count(1<<20))
	prev := uint32(0)
	for i := range f.Terms {
		prev += uint32(r.u())
		f.Terms[i] = TermCount{Term: prev, Count: uint16(min(r.u(), math.MaxUint16))}
	}
	f.Names = make([]uint32, r.count(1<<20))
	prev = 0
	for i := range f.Names {
		prev += uint32(r.u())
		f.Names[i] = prev
	}
	for i := range f.Shingles {
		f.Shingles[i] = uint32(r.u())
	}
	return f
}
