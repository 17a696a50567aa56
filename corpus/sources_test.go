package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"byline/corpus/clean"
	"byline/model"
)

func loadMap(t *testing.T, files map[string]string) *model.Corpus {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, err := LoadFS(context.Background(), fsys, "mem", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func article(t *testing.T, c *model.Corpus, id string) *model.Article {
	t.Helper()
	a, ok := c.Article(id)
	if !ok {
		var ids []string
		for _, a := range c.Articles {
			ids = append(ids, a.ID)
		}
		t.Fatalf("no article %q; have %q", id, ids)
	}
	return a
}

// newsPlease encodes a record with news-please's field names.
func newsPlease(t *testing.T, fields map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The wire stories of corpus/clean's tests as news-please JSON Lines: the
// record's text is the article and loses nothing but the sign-off; the
// agency comes from the sign-off, the dateline tag or the host name.
func TestWireRecords(t *testing.T) {
	records := []map[string]any{
		{"title": "WARRINGTON INDUSTRIES <WRN> 4TH QTR NET", "maintext": "Shr 1.10 dlrs vs 73 cts\nNet 12.6 mln vs 15.8 mln\nRevs 150.3 mln vs 140.2 mln\nNine mths\nShr 2.95 dlrs vs 2.10 dlrs\nNet 33.1 mln vs 24.0 mln\nReuter",
			"date_publish": "1987-03-09 14:05:00", "language": "en"},
		{"title": "U.S. SAID TO WEIGH CURBS ON CHIP IMPORTS - SOURCES", "maintext": "WASHINGTON, March 11 - The administration is weighing limits on imported memory chips, officials familiar with the talks said.\n\nNo decision has been taken, they said.\n\nReuter",
			"date_publish": "1987-03-11 18:40:00", "authors": []string{}, "description": "", "language": "en"},
		{"title": "Ministers agree on fisheries deal", "maintext": "BRUSSELS (Reuters) - European fisheries ministers agreed on Tuesday to cut quotas for two species, diplomats said.\n\nThe deal still needs the approval of parliament.",
			"date_publish": "2019-06-04 09:15:00", "authors": []string{"Hannah Oduya", "Piet Verhoeven"}, "url": "https://www.example.org/fish"},
		{"title": "Storm closes mountain roads", "maintext": "DENVER — A late spring storm closed mountain passes on Wednesday, officials said.\n\nPlows were expected to clear the roads by evening.",
			"date_publish": "2019-06-05 10:00:00", "source_domain": "apnews.com", "url": "https://apnews.com/article/storm"},
	}
	var lines []string
	for _, r := range records {
		lines = append(lines, newsPlease(t, r))
	}
	c := loadMap(t, map[string]string{"wire/1987.jsonl": strings.Join(lines, "\n") + "\n"})
	tests := []struct {
		id, title, source, from string
		body                    int
	}{
		{"wire/1987#1", "WARRINGTON INDUSTRIES <WRN> 4TH QTR NET", "Reuters", clean.SourceSignOff, 6},
		{"wire/1987#2", "U.S. SAID TO WEIGH CURBS ON CHIP IMPORTS - SOURCES", "Reuters", clean.SourceSignOff, 2},
		{"wire/1987#3", "Ministers agree on fisheries deal", "example.org", SourceURL, 2},
		{"wire/1987#4", "Storm closes mountain roads", "Associated Press", SourceHost, 2},
	}
	for _, tt := range tests {
		a := article(t, c, tt.id)
		if a.Title != tt.title || a.TitleDerived {
			t.Errorf("%s: title %q", tt.id, a.Title)
		}
		if a.Source != tt.source || a.SourceFrom != tt.from {
			t.Errorf("%s: source %q from %q, want %q from %q", tt.id, a.Source, a.SourceFrom, tt.source, tt.from)
		}
		if len(a.Body) != tt.body || !a.Dated() || a.PageDump {
			t.Errorf("%s: %d paragraphs, dated %v, page %v: %q", tt.id, len(a.Body), a.Dated(), a.PageDump, a.Body)
		}
		for _, rm := range a.Removed {
			if rm.Reason != "sign-off" {
				t.Errorf("%s: removed %q as %q", tt.id, rm.Text, rm.Reason)
			}
		}
	}
}

// A host name given as a source becomes the name the corpus uses for that
// outlet: by the names other articles from the host give, or by its
// letters. The demo's "thelantern.example" is "The Lantern".
func TestHostSources(t *testing.T) {
	rec := func(title, host, source string) string {
		m := map[string]any{"title": title, "maintext": "A paragraph of the story that says what happened and when.", "url": "https://" + host + "/" + strings.ReplaceAll(strings.ToLower(title), " ", "-")}
		if source != "" {
			m["source"] = source
		} else {
			m["source_domain"] = host
		}
		return newsPlease(t, m)
	}
	c := loadMap(t, map[string]string{
		"a/records.jsonl": strings.Join([]string{
			rec("One story", "eveningstar.example", "The Evening Star"),
			rec("Two story", "eveningstar.example", ""),
			rec("Three story", "thequaysidegazette.example", ""),
			rec("Four story", "unknownhost.example", ""),
			rec("Five story", "www.reuters.com", ""),
		}, "\n"),
		"b/gazette.json": newsPlease(t, map[string]any{"title": "Six story", "text": "Another paragraph of another story, with its facts.", "publisher": "Quayside Gazette"}),
	})
	want := map[string]string{
		"a/records#1": "The Evening Star", "a/records#2": "The Evening Star", "a/records#3": "Quayside Gazette",
		"a/records#4": "unknownhost.example", "a/records#5": "Reuters", "b/gazette": "Quayside Gazette",
	}
	for id, source := range want {
		if a := article(t, c, id); a.Source != source {
			t.Errorf("%s: source %q, want %q", id, a.Source, source)
		}
	}
}

// A headline ending is a source only when it names a known outlet, an
// outlet the corpus names elsewhere, or recurs across its folder's files.
func TestHeadlineSuffixSources(t *testing.T) {
	files := map[string]string{}
	body := "\n\nThe first paragraph of the story, which says what happened.\n\nA second paragraph with more of it.\n"
	for i := 0; i < 4; i++ {
		files[fmt.Sprintf("site/%d.txt", i)] = fmt.Sprintf("Story number %d about the harbour - Quay Notes", i) + body
	}
	for i := 0; i < 10; i++ {
		files[fmt.Sprintf("clean/%d.txt", i)] = fmt.Sprintf("Strike talks resume on day %d", i) + body
	}
	files["clean/quoted.txt"] = "Fear will help us win - Okafor" + body
	files["clean/quoted2.txt"] = "We will not be moved - Okafor" + body
	files["clean/known.txt"] = "Port strike ends after 15 days - Reuters" + body
	c := loadMap(t, files)
	tests := []struct{ id, source, title string }{
		{"site/0", "Quay Notes", "Story number 0 about the harbour"},
		{"clean/quoted", "", "Fear will help us win - Okafor"},
		{"clean/quoted2", "", "We will not be moved - Okafor"},
		{"clean/known", "Reuters", "Port strike ends after 15 days - Reuters"},
	}
	for _, tt := range tests {
		a := article(t, c, tt.id)
		if a.Source != tt.source || a.Title != tt.title {
			t.Errorf("%s: source %q title %q, want %q and %q", tt.id, a.Source, a.Title, tt.source, tt.title)
		}
	}
}

// A text that cleaning would empty is kept whole, with a problem that
// check, list --json and the TUI show.
func TestNeverEmptyArticle(t *testing.T) {
	c := loadMap(t, map[string]string{
		"x/menu.txt": "Menu\nSearch\nHome\nSign in\nSubscribe\nShare\nCookie settings\nPrivacy policy\n",
	})
	a := article(t, c, "x/menu")
	if len(a.Body) == 0 || len(a.Problems) != 1 || a.Problems[0] != clean.KeptWhole {
		t.Errorf("body %q problems %q", a.Body, a.Problems)
	}
}

// Markdown: a thematic break is no paragraph, and a paragraph's soft line
// breaks are joined, so a link is never broken over lines.
func TestMarkdownBlocks(t *testing.T) {
	c := loadMap(t, map[string]string{
		"md/a.md": "---\ntitle: Quay notes\nsource: Northgate Herald\n---\n\nThe first paragraph of the\nstory, wrapped.\n\n- one item\n- two items\n\n***\n\n*Funded by readers. [Support our\njournalism](https://example.org/support).*\n",
	})
	a := article(t, c, "md/a")
	want := []string{"The first paragraph of the story, wrapped.", "- one item\n- two items", "*Funded by readers. [Support our journalism](https://example.org/support).*"}
	if fmt.Sprint(a.Body) != fmt.Sprint(want) {
		t.Errorf("body %q, want %q", a.Body, want)
	}
	if a.SourceFrom != SourceFrontMatter {
		t.Errorf("source from %q", a.SourceFrom)
	}
}
