// Package report sums up what loading did to a corpus, for `byline report`:
// how many articles, how many came out with an empty body or were kept
// whole, how many titles were derived from the lead, how many articles have
// a source and from which evidence, and what cleaning removed — paragraphs
// and words by reason. It reads a loaded corpus only: the numbers are the
// product's, the same that `byline show --json` prints article by article.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"byline/corpus/clean"
	"byline/model"
)

// Report is the summary of one corpus. Its JSON form is part of byline's
// public interface (`byline report --json`): fields may be added, never
// renamed or dropped.
type Report struct {
	Articles      int `json:"articles"`
	FileProblems  int `json:"file_problems"`  // files or records that could not be loaded
	PageDumps     int `json:"page_dumps"`     // texts cleaned as web pages
	EmptyBodies   int `json:"empty_bodies"`   // articles with no body paragraph
	KeptWhole     int `json:"kept_whole"`     // texts kept whole because nothing read as an article
	WithProblems  int `json:"with_problems"`  // articles listing any problem
	DerivedTitles int `json:"derived_titles"` // titles made from the lead
	Undated       int `json:"undated"`
	WithSource    int `json:"with_source"`
	// SourceEvidence counts articles by the evidence of their source
	// ("record field", "host name", "sign-off", "credit line"…).
	SourceEvidence []Count `json:"source_evidence"`
	Outlets        int     `json:"outlets"` // distinct sources
	Paragraphs     int     `json:"paragraphs"`
	Words          int     `json:"words"`
	// RemovedParagraphs and RemovedWords count what cleaning took out;
	// Removed breaks them down by reason, most words first.
	RemovedParagraphs int     `json:"removed_paragraphs"`
	RemovedWords      int     `json:"removed_words"`
	Removed           []Count `json:"removed"`
}

// Count is a number of articles (source evidence) or of removed
// paragraphs and their words (removal reasons) under one name.
type Count struct {
	Name       string `json:"name"`
	Articles   int    `json:"articles,omitempty"`
	Paragraphs int    `json:"paragraphs,omitempty"`
	Words      int    `json:"words,omitempty"`
}

// Of sums up a loaded corpus.
func Of(c *model.Corpus) Report {
	r := Report{Articles: len(c.Articles), FileProblems: len(c.Problems)}
	evidence := map[string]int{}
	removed := map[string]*Count{}
	outlets := map[string]bool{}
	for _, a := range c.Articles {
		if a.PageDump {
			r.PageDumps++
		}
		if len(a.Body) == 0 {
			r.EmptyBodies++
		}
		if len(a.Problems) > 0 {
			r.WithProblems++
		}
		for _, p := range a.Problems {
			if p == clean.KeptWhole {
				r.KeptWhole++
				break
			}
		}
		if a.TitleDerived {
			r.DerivedTitles++
		}
		if !a.Dated() {
			r.Undated++
		}
		if a.Source != "" {
			r.WithSource++
			outlets[a.Source] = true
			from := a.SourceFrom
			if from == "" {
				from = "(not recorded)"
			}
			evidence[from]++
		}
		r.Paragraphs += len(a.Body)
		for _, p := range a.Body {
			r.Words += words(p)
		}
		for _, rm := range a.Removed {
			n := words(rm.Text)
			r.RemovedParagraphs++
			r.RemovedWords += n
			cnt := removed[rm.Reason]
			if cnt == nil {
				cnt = &Count{Name: rm.Reason}
				removed[rm.Reason] = cnt
			}
			cnt.Paragraphs++
			cnt.Words += n
		}
	}
	r.Outlets = len(outlets)
	for name, n := range evidence {
		r.SourceEvidence = append(r.SourceEvidence, Count{Name: name, Articles: n})
	}
	sort.Slice(r.SourceEvidence, func(i, j int) bool {
		a, b := r.SourceEvidence[i], r.SourceEvidence[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		return a.Name < b.Name
	})
	for _, cnt := range removed {
		r.Removed = append(r.Removed, *cnt)
	}
	sort.Slice(r.Removed, func(i, j int) bool {
		a, b := r.Removed[i], r.Removed[j]
		if a.Words != b.Words {
			return a.Words > b.Words
		}
		return a.Name < b.Name
	})
	if r.SourceEvidence == nil {
		r.SourceEvidence = []Count{}
	}
	if r.Removed == nil {
		r.Removed = []Count{}
	}
	return r
}

// words counts white-space separated words, as the scorers do.
func words(s string) int { return len(strings.Fields(s)) }

// RemovedShare is the share of the words of the texts that cleaning
// removed (0 for an empty corpus).
func (r Report) RemovedShare() float64 {
	if r.Words+r.RemovedWords == 0 {
		return 0
	}
	return float64(r.RemovedWords) / float64(r.Words+r.RemovedWords)
}

// WriteText prints the report as a table: what was counted, the count,
// and a note (a share, or words).
func (r Report) WriteText(w io.Writer) error {
	type line struct {
		name string
		n    int
		note string
	}
	var lines []line
	row := func(name string, n int, note string) { lines = append(lines, line{name, n, note}) }
	pct := func(n, of int) string {
		if of == 0 {
			return ""
		}
		return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
	}
	row("articles", r.Articles, "")
	row("files not loaded", r.FileProblems, "")
	row("cleaned as web pages", r.PageDumps, pct(r.PageDumps, r.Articles))
	row("empty bodies", r.EmptyBodies, pct(r.EmptyBodies, r.Articles))
	row("kept whole (nothing read as article)", r.KeptWhole, pct(r.KeptWhole, r.Articles))
	row("articles with problems", r.WithProblems, pct(r.WithProblems, r.Articles))
	row("derived titles", r.DerivedTitles, pct(r.DerivedTitles, r.Articles))
	row("undated", r.Undated, pct(r.Undated, r.Articles))
	row("with a source", r.WithSource, fmt.Sprintf("%s, %d outlets", pct(r.WithSource, r.Articles), r.Outlets))
	for _, e := range r.SourceEvidence {
		row("  from "+e.Name, e.Articles, pct(e.Articles, r.Articles))
	}
	row("paragraphs kept", r.Paragraphs, fmt.Sprintf("%d words", r.Words))
	row("paragraphs removed", r.RemovedParagraphs, fmt.Sprintf("%d words, %.2f%% of words", r.RemovedWords, 100*r.RemovedShare()))
	for _, c := range r.Removed {
		row("  "+c.Name, c.Paragraphs, fmt.Sprintf("%d words", c.Words))
	}
	nameW, numW := 0, 0
	for _, l := range lines {
		nameW = max(nameW, len(l.name))
		numW = max(numW, len(fmt.Sprint(l.n)))
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.TrimRight(fmt.Sprintf("%-*s  %*d  %s", nameW, l.name, numW, l.n, l.note), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
