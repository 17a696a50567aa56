package model

// Marks are one reader's marks on a corpus — stories read, stories and
// quotations starred — by article ID, as the is: terms of a query ask
// about them. A reader's state (package state) makes them; a store is
// handed them with a query and keeps nothing of them, so many readers can
// share one store. A Marks value is never changed once handed out: a
// change makes a new one.
type Marks struct {
	Read    map[string]bool
	Starred map[string]bool
	// Quotes are the starred quotations.
	Quotes map[QuoteMark]bool
}

// QuoteMark names one quotation: its article's ID and its index in the
// article's Quotes.
type QuoteMark struct {
	Article string
	Quote   int
}

// IsRead reports whether the article was read (false for nil marks).
func (m *Marks) IsRead(id string) bool { return m != nil && m.Read[id] }

// IsStarred reports whether the article is starred.
func (m *Marks) IsStarred(id string) bool { return m != nil && m.Starred[id] }

// QuoteStarred reports whether quotation q of article id is starred.
func (m *Marks) QuoteStarred(id string, q int) bool {
	return m != nil && m.Quotes[QuoteMark{Article: id, Quote: q}]
}

// Len is the number of marks of each kind.
func (m *Marks) Len() (read, starred, quotes int) {
	if m == nil {
		return 0, 0, 0
	}
	return len(m.Read), len(m.Starred), len(m.Quotes)
}

// SavedFilter is a filter a reader saved under a name, for a pane.
type SavedFilter struct {
	Name  string
	Pane  string // "stories", "quotes", "speakers"
	Query string
}
