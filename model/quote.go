package model

// QuoteKind tells a real quotation from other uses of quotation marks.
type QuoteKind string

const (
	// KindQuote is a direct quotation (full or partial) of someone's words.
	KindQuote QuoteKind = "quote"
	// KindHeadline is a quotation found in the headline.
	KindHeadline QuoteKind = "headline"
	// KindTerm is a quoted word or phrase with no speaker and no reporting
	// cue: scare quotes, titles of works, nicknames, terms.
	KindTerm QuoteKind = "term"
)

// Quote is one quotation in an article.
type Quote struct {
	ArticleID string
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
	// EndParagraph).
	Paragraph    int
	Start        int
	End          int
	EndParagraph int
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
