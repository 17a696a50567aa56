package corpus

import (
	"errors"
	"fmt"

	"byline/corpus/html"
	"byline/corpus/warc"
	"byline/model"
)

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// streamWARC reads a WARC archive record by record: every HTML page (a
// response or resource record) becomes one article whose ID is the file's
// plus the record's position (crawl#17), whose URL is the record's target
// and whose date, when the page gives none, is the day it was fetched.
// The size cap applies to each page once decoded, never to the archive.
// Captures that are no page (images, redirects) are counted in one
// problem line; records that never are (requests, warcinfo) are not; a record that cannot be
// read is a problem naming its position and byte offset, and the rest of
// the archive still loads.
func streamWARC(src Source, emit func(Task)) ([]model.Problem, error) {
	f, err := src.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := warc.Read(src.Ctx, f, src.MaxSize, func(p warc.Page) error {
		id := fmt.Sprintf("%s#%d", src.ID, p.Index)
		in := html.Input{Raw: p.Payload, URL: p.URI, ContentType: p.ContentType, Fetched: p.Fetched}
		emit(func() ([]*model.Article, []model.Problem) {
			a, err := htmlArticle(in, id, src.Path, model.FormatWARC)
			if err != nil {
				return nil, []model.Problem{{Path: fmt.Sprintf("%s#%d", src.Path, p.Index), Reason: fmt.Sprintf("record %d (%s, byte offset %d): %v", p.Index, p.URI, p.Offset, err)}}
			}
			return []*model.Article{a}, nil
		})
		return nil
	})
	var problems []model.Problem
	for _, b := range st.Broken {
		reason := fmt.Sprintf("record %d at byte offset %d could not be read (%s); skipped, the rest of the archive was read", b.Index, b.Offset, b.Err)
		if b.TooLarge {
			reason = fmt.Sprintf("record %d at byte offset %d: %s, over the %s size cap (raise it with --max-size); skipped", b.Index, b.Offset, b.Err, humanBytes(src.MaxSize))
		}
		problems = append(problems, model.Problem{Path: fmt.Sprintf("%s#%d", src.Path, b.Index), Reason: reason})
	}
	if n, kinds := st.SkippedSummary(); n > 0 {
		// Captures that are no page (images, redirects, errors) are
		// counted here; requests, warcinfo and metadata records, never
		// pages, are not news.
		problems = append(problems, model.Problem{Path: src.Path, Reason: fmt.Sprintf("%d of %d captures hold no HTML page and were skipped: %s", n, st.Records-total(st.Structural), kinds)})
	}
	if err != nil {
		return problems, err
	}
	if st.Records == 0 {
		return problems, errors.New("no WARC records in the file")
	}
	return problems, nil
}
