package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"byline/browse"
	"byline/model"
)

// The plain (not --json) outputs of list, show, quotes and speakers, one
// wording whether the corpus comes from files or from a database.

// listTable is list's table with its header written.
func listTable(out io.Writer) *tabwriter.Writer {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DATE\tSOURCE\tQUOTES\tTITLE\tID")
	return w
}

// writeListRow writes article a's row of list's table.
func writeListRow(w io.Writer, a *model.Article, quotes int) error {
	_, err := fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", displayDate(a), browse.OrDash(a.Source), quotes, truncate(a.Title, 70), a.ID)
	return err
}

// writeArticles writes show's articles, a rule between each two.
func writeArticles(out io.Writer, articles []*model.Article) error {
	w := bufio.NewWriter(out)
	for i, a := range articles {
		if i > 0 {
			fmt.Fprintln(w, "\n"+strings.Repeat("─", 60)+"\n")
		}
		writeArticle(w, a)
	}
	return w.Flush()
}

// writeQuoteLine writes one quotation of quotes' plain output: who said
// it, where and when, then its words on a line of their own.
func writeQuoteLine(w io.Writer, a *model.Article, q *model.Quote) error {
	_, err := fmt.Fprintf(w, "%s — %s, %s\n  “%s”\n\n", q.Who(), browse.OrDash(a.Source), displayDate(a), strings.ReplaceAll(q.Text, "\n", " ¶ "))
	return err
}

// speakerTable is speakers' table with its header written.
func speakerTable(out io.Writer) *tabwriter.Writer {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SPEAKER\tKIND\tQUOTES\tARTICLES\tROLE\tSOURCES")
	return w
}

// writeSpeakerRow writes speaker s's row of speakers' table.
func writeSpeakerRow(w io.Writer, s *model.Speaker) error {
	_, err := fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%s\n", s.Name, s.Kind, s.Quotes, len(s.Articles), browse.OrDash(s.Role), strings.Join(s.Sources, ", "))
	return err
}
