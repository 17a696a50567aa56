package tui

import (
	"strings"

	"byline/browse"
	"byline/model"
)

// The text the reader's keys copy: a quotation with its citation, a
// story's citation line, the article as plain text for a pager. Corpus
// text is sanitised when it is loaded; what is copied goes out base64
// encoded (OSC 52) and cannot act on the terminal.

// quoteCitation is “text” — Speaker, role (Source, 2 January 2006) URL,
// each part left out when unknown.
func quoteCitation(a *model.Article, q *model.Quote) string {
	var b strings.Builder
	b.WriteString("“" + oneLine(q.Text) + "” — " + q.Who())
	if q.Role != "" && q.Speaker != "" {
		b.WriteString(", " + oneLine(q.Role))
	}
	if where := sourceAndDate(a); where != "" {
		b.WriteString(" (" + where + ")")
	}
	if a.URL != "" {
		b.WriteString(" " + a.URL)
	}
	return b.String()
}

// storyCitation is Authors, “Title”, Source, 2 January 2006. URL — each
// part left out when unknown.
func storyCitation(a *model.Article) string {
	var parts []string
	if len(a.Authors) > 0 {
		parts = append(parts, joinNames(a.Authors))
	}
	parts = append(parts, "“"+oneLine(a.Title)+"”")
	if where := sourceAndDate(a); where != "" {
		parts = append(parts, where)
	}
	s := strings.Join(parts, ", ") + "."
	if a.URL != "" {
		s += " " + a.URL
	}
	return s
}

// sourceAndDate is "Source, 2 January 2006" with what is known.
func sourceAndDate(a *model.Article) string {
	var parts []string
	src := a.Source
	if src == "" {
		src = a.Credit
	}
	if src != "" {
		parts = append(parts, oneLine(src))
	}
	if a.Dated() {
		parts = append(parts, a.Published.Format("2 January 2006"))
	}
	return strings.Join(parts, ", ")
}

// joinNames is "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// oneLine joins a quotation's paragraphs with a space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// plainArticle is the cleaned article as plain text, for a pager: title,
// standfirst, source, authors and date, URL, then the body.
func plainArticle(a *model.Article) string {
	var b strings.Builder
	b.WriteString(a.Title + "\n")
	if a.Standfirst != "" {
		b.WriteString("\n" + a.Standfirst + "\n")
	}
	meta := []string{browse.OrDash(a.Source)}
	if len(a.Authors) > 0 {
		meta = append(meta, "by "+joinNames(a.Authors))
	}
	if d := a.PublishedAs("Monday 2 January 2006, 15:04 MST", "Monday 2 January 2006"); d != "" {
		meta = append(meta, d)
	}
	b.WriteString("\n" + strings.Join(meta, " · ") + "\n")
	if a.URL != "" {
		b.WriteString(a.URL + "\n")
	}
	for _, p := range a.Body {
		b.WriteString("\n" + p + "\n")
	}
	return b.String()
}
