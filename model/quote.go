package model

// QuoteKind tells a real quotation from other uses of quotation marks. It
// is one byte in memory (a corpus holds a Quote per quotation, hundreds of
// thousands of them) and its name in JSON and the cache.
type QuoteKind uint8

const (
	// KindQuote is a direct quotation (full or partial) of someone's words.
	KindQuote QuoteKind = iota + 1
	// KindHeadline is a quotation found in the headline.
	KindHeadline
	// KindTerm is a quoted word or phrase with no speaker and no reporting
	// cue: scare quotes, titles of works, nicknames, terms.
	KindTerm
)

var kindNames = [...]string{KindQuote: "quote", KindHeadline: "headline", KindTerm: "term"}

// String is the kind's name: "quote", "headline", "term" ("" when unset).
func (k QuoteKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return ""
}

// ParseQuoteKind is the kind named s (0 when s names none).
func ParseQuoteKind(s string) QuoteKind {
	for k, name := range kindNames {
		if name != "" && name == s {
			return QuoteKind(k)
		}
	}
	return 0
}

// MarshalText and UnmarshalText write and read the kind by name.
func (k QuoteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

func (k *QuoteKind) UnmarshalText(b []byte) error {
	*k = ParseQuoteKind(string(b))
	return nil
}

// Quote is one quotation in an article. It is kept small: a corpus holds
// one per quotation.
type Quote struct {
	// Text is the quotation without its outer marks, as written (brackets
	// and ellipses kept). A quotation running over several paragraphs has
	// its parts joined with a newline.
	Text string
	// Speaker is the canonical name of the speaker ("Antony Blinken"), or
	// "" when unknown. Mention is how the text named them ("Mr Blinken",
	// "he"); Role is a title found with the mention ("US Secretary of State").
	Speaker string
	Mention string
	Role    string
	Cue     string // the reporting verb or phrase: "said", "told", "according to"
	Partial bool   // a fragment inside a sentence rather than a whole utterance
	Kind    QuoteKind

	// Paragraph is the index of the body paragraph where the quotation
	// starts (-1 for the headline); Start and End are byte offsets of the
	// text inside that paragraph (for multi-paragraph quotes, End is in
	// EndParagraph). Files are capped far below 2 GiB, so 32 bits hold them.
	Paragraph    int32
	Start        int32
	End          int32
	EndParagraph int32
}

// IsQuotation reports whether q is shown as a quotation (not a term).
func (q Quote) IsQuotation() bool { return q.Kind == KindQuote || q.Kind == KindHeadline }

// SpeakerKind separates people from organisations and countries.
type SpeakerKind string

const (
	SpeakerPerson       SpeakerKind = "person"
	SpeakerOrganisation SpeakerKind = "organisation"
)

// Speaker is one person or organisation quoted in the corpus, with every
// name they were mentioned by merged into one canonical name.
type Speaker struct {
	Name     string
	Kind     SpeakerKind
	Role     string
	Aliases  []string // other names seen: "Blinken", "Mr Blinken"
	Quotes   int
	Articles []string // IDs of articles quoting them
	Sources  []string // outlets quoting them, sorted
}

// How a quotation without a speaker is attributed on screen and in plain
// output: one in the headline, and any other.
const (
	InHeadline     = "(in the headline)"
	SpeakerUnknown = "(speaker unknown)"
)

// Who is who said the quotation as a reader is told it: the speaker, or
// InHeadline or SpeakerUnknown — one wording for every command and pane.
func (q *Quote) Who() string {
	switch {
	case q.Speaker != "":
		return q.Speaker
	case q.Kind == KindHeadline:
		return InHeadline
	}
	return SpeakerUnknown
}
