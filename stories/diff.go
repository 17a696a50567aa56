package stories

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// OpKind is what a step of a word diff did to the reference wording.
type OpKind uint8

const (
	Same    OpKind = iota // the same words
	Dropped               // words of the reference left out
	Added                 // words the reference does not have
	Changed               // words replaced by others
	Elided                // words replaced by an ellipsis: the ellipsis hides them
)

func (k OpKind) String() string {
	return [...]string{"same", "dropped", "added", "changed", "elided"}[k]
}

// Op is one step of a word diff: Ref are the reference's words, Text the
// other wording's (either may be empty).
type Op struct {
	Kind      OpKind
	Ref, Text string
}

// ellipsis is how an ellipsis counts in a diff, whatever its spelling.
const ellipsis = "…"

// diffWords splits a wording into the words a reader sees (punctuation
// kept on them; an ellipsis a word of its own) and the keys they are
// compared by: folded, marks, brackets and punctuation removed.
func diffWords(s string) (words, keys []string) {
	s = strings.ReplaceAll(s, "...", " "+ellipsis+" ")
	s = strings.ReplaceAll(s, "…", " "+ellipsis+" ")
	for _, w := range strings.Fields(s) {
		var k strings.Builder
		for _, t := range tokens(strings.NewReplacer("[", "", "]", "").Replace(w), nil) {
			k.WriteString(t.word)
		}
		key := k.String()
		switch {
		case w == ellipsis:
			key = ellipsis
		case key == "":
			key = w // punctuation alone ("—") compares as itself
		}
		words = append(words, w)
		keys = append(keys, key)
	}
	return words, keys
}

// Diff compares a wording with a reference wording of the same quotation,
// word by word: case, quotation marks, brackets and punctuation do not
// count; an ellipsis where the reference has words hides them (Elided).
// The diff is go-diff's (Myers' algorithm with semantic clean-up) over
// words mapped to single runes.
func Diff(ref, text string) []Op {
	rw, rk := diffWords(ref)
	tw, tk := diffWords(text)
	codes := map[string]rune{}
	code := func(keys []string) []rune {
		out := make([]rune, len(keys))
		for i, k := range keys {
			c, ok := codes[k]
			if !ok {
				c = rune(0xF0000 + len(codes)) // a private-use plane: no real text
				codes[k] = c
			}
			out[i] = c
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(code(rk), code(tk), false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	var ops []Op
	ri, ti := 0, 0
	take := func(words []string, i *int, n int) string {
		s := strings.Join(words[*i:*i+n], " ")
		*i += n
		return s
	}
	for k := 0; k < len(diffs); k++ {
		d := diffs[k]
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			ops = append(ops, Op{Kind: Same, Ref: take(rw, &ri, n), Text: take(tw, &ti, n)})
		case diffmatchpatch.DiffDelete:
			del := take(rw, &ri, n)
			if k+1 < len(diffs) && diffs[k+1].Type == diffmatchpatch.DiffInsert {
				k++
				ins := take(tw, &ti, len([]rune(diffs[k].Text)))
				kind := Changed
				if ins == ellipsis || strings.Trim(ins, ellipsis+" ,.;:") == "" && strings.Contains(ins, ellipsis) {
					kind = Elided
				}
				ops = append(ops, Op{Kind: kind, Ref: del, Text: ins})
				continue
			}
			ops = append(ops, Op{Kind: Dropped, Ref: del})
		case diffmatchpatch.DiffInsert:
			ins := take(tw, &ti, n)
			if k+1 < len(diffs) && diffs[k+1].Type == diffmatchpatch.DiffDelete {
				k++
				del := take(rw, &ri, len([]rune(diffs[k].Text)))
				kind := Changed
				if strings.Trim(ins, ellipsis+" ,.;:") == "" && strings.Contains(ins, ellipsis) {
					kind = Elided
				}
				ops = append(ops, Op{Kind: kind, Ref: del, Text: ins})
				continue
			}
			ops = append(ops, Op{Kind: Added, Text: ins})
		}
	}
	return ops
}

// Unchanged reports whether a diff found no difference.
func Unchanged(ops []Op) bool {
	for _, op := range ops {
		if op.Kind != Same {
			return false
		}
	}
	return true
}

// The marks Marked puts around differences (wdiff's, and one for words
// an ellipsis hides).
const (
	MarkDropped, MarkDroppedEnd = "[-", "-]"
	MarkAdded, MarkAddedEnd     = "{+", "+}"
	MarkElided, MarkElidedEnd   = "[" + ellipsis + ": ", "]"
)

// Marked writes a diff as text, the differences marked so that they show
// without colour: [-dropped-], {+added+}, [-old-]{+new+} for a change,
// and […: hidden words] for words an ellipsis hides. The wording shown is
// the other one's (Text), the reference's words only where it differs.
func Marked(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch op.Kind {
		case Same:
			b.WriteString(op.Text)
		case Dropped:
			b.WriteString(MarkDropped + op.Ref + MarkDroppedEnd)
		case Added:
			b.WriteString(MarkAdded + op.Text + MarkAddedEnd)
		case Changed:
			b.WriteString(MarkDropped + op.Ref + MarkDroppedEnd + MarkAdded + op.Text + MarkAddedEnd)
		case Elided:
			b.WriteString(MarkElided + op.Ref + MarkElidedEnd)
		}
	}
	return b.String()
}

// Summary says in words what a diff changed: "2 words dropped, 1
// changed, 4 hidden by an ellipsis"; "" when nothing did.
func Summary(ops []Op) string {
	var dropped, added, changed, hidden int
	for _, op := range ops {
		switch op.Kind {
		case Dropped:
			dropped += len(strings.Fields(op.Ref))
		case Added:
			added += len(strings.Fields(op.Text))
		case Changed:
			changed += len(strings.Fields(op.Ref))
		case Elided:
			hidden += len(strings.Fields(op.Ref))
		}
	}
	var parts []string
	add := func(n int, what string) {
		if n == 0 {
			return
		}
		w := "words"
		if n == 1 {
			w = "word"
		}
		parts = append(parts, itoa(n)+" "+w+" "+what)
	}
	add(dropped, "dropped")
	add(added, "added")
	add(changed, "changed")
	add(hidden, "hidden by an ellipsis")
	return strings.Join(parts, ", ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
