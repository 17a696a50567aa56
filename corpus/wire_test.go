package corpus

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// wireStory is one story of an invented agency archive.
type wireStory struct {
	headline string
	date     time.Time
	body     []string
}

// inventedWire writes n wire stories (invented companies, people and
// figures) in the forms agency archives take: earnings tables and prose,
// upper-case and title-case headlines, headlines ending "- SOURCES", three
// date-line forms, "By X and Y, Reuters" bylines, bodies one paragraph a
// line or hard-wrapped with indented paragraphs, "Reuter" sign-offs
// sometimes followed by an SGML end mark. It returns the dump files and
// the same stories as news-please JSON Lines.
func inventedWire(n int) (files map[string]string, stories map[string]wireStory) {
	r := rand.New(rand.NewPCG(7, 11))
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	companies := []string{"Alder Mills", "Brentford Tool", "Calloway Corp", "Dunmore Foods", "Eastgate Energy", "Fairhaven Steel", "Granton Bancorp"}
	people := []string{"John Marsh", "Ellen Pryce", "Tomas Vidal", "Rita Okonjo", "Karl Behrens", "Ines Moreau"}
	places := []string{"PARIS", "LONDON", "NEW YORK", "TOKYO", "WASHINGTON", "HONG KONG", "OTTAWA"}
	sentence := func(co string) string {
		p := pick(people...)
		return pick(
			fmt.Sprintf("%s said it expected sales to rise about %d pct this year as demand recovered in its main markets.", co, 2+r.IntN(12)),
			fmt.Sprintf("\"We are confident the worst is behind us,\" %s, the company's chief executive, told reporters after the annual meeting.", p),
			"Analysts said the results were in line with expectations, although margins were thinner than a year ago.",
			fmt.Sprintf("The company's shares closed %s %d/8 at %d dlrs.", pick("up", "down"), 1+r.IntN(7), 10+r.IntN(80)),
			fmt.Sprintf("%s said the board would consider a dividend increase at its next meeting, but gave no details.", p),
		)
	}
	files, stories = map[string]string{}, map[string]wireStory{}
	var records []string
	for i := range n {
		co := pick(companies...)
		date := time.Date(pick2(r, 1987, 2019), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		var s wireStory
		s.date = date
		if r.IntN(3) == 0 {
			s.headline = fmt.Sprintf("%s <%s> %s QTR NET", strings.ToUpper(co), strings.ToUpper(co[:3]), pick("1ST", "2ND", "3RD", "4TH"))
			s.body = []string{
				fmt.Sprintf("Shr %d.%02d dlrs vs %d cts", 1+r.IntN(3), r.IntN(100), 10+r.IntN(90)),
				fmt.Sprintf("Net %d.%d mln vs %d.%d mln", 1+r.IntN(50), r.IntN(10), 1+r.IntN(50), r.IntN(10)),
				fmt.Sprintf("Revs %d.%d mln vs %d.%d mln", 100+r.IntN(800), r.IntN(10), 100+r.IntN(800), r.IntN(10)),
			}
		} else {
			s.headline = pick(strings.ToUpper(co)+" SAYS PROFITS TO RISE", co+" Sells Two Divisions",
				"U.S. WEIGHS CURBS ON "+pick("STEEL", "CHIP", "TEXTILE")+" IMPORTS - SOURCES", co+" sees higher sales")
			s.body = []string{fmt.Sprintf("%s, %s %d - %s", pick(places...), date.Month(), date.Day(), sentence(co))}
			for range 1 + r.IntN(5) {
				s.body = append(s.body, sentence(co))
			}
		}
		lines := []string{s.headline, pick(
			date.Format("January 2, 2006 15:04 GMT"),
			strings.ToUpper(date.Format("2-Jan-2006 15:04:05"))+".17",
			date.Format("2 January 2006 15:04"))}
		if r.IntN(6) == 0 {
			lines = append(lines, fmt.Sprintf("By %s and %s, Reuters", pick(people...), pick(people...)))
		}
		lines = append(lines, "")
		wrapped := len(s.body) > 1 && r.IntN(3) == 0
		for _, p := range s.body {
			if !wrapped {
				lines = append(lines, p)
				continue
			}
			for k, l := range wrapText(p, 70) {
				lines = append(lines, map[bool]string{true: "    ", false: " "}[k == 0]+l)
			}
		}
		lines = append(lines, pick("Reuter", "REUTER", "Reuters"))
		if r.IntN(5) == 0 {
			lines = append(lines, "&#3;")
		}
		name := fmt.Sprintf("wire/%03d", i)
		files[name+".txt"] = strings.Join(lines, "\n") + "\n"
		stories[name] = s
		rec, _ := json.Marshal(map[string]any{"title": s.headline, "maintext": strings.Join(append(append([]string{}, s.body...), "Reuter"), "\n\n"),
			"date_publish": date.Format("2006-01-02 15:04:05"), "language": "en", "authors": []string{}})
		records = append(records, string(rec))
		stories[fmt.Sprintf("records/wire#%d", i+1)] = s
	}
	files["records/wire.jsonl"] = strings.Join(records, "\n") + "\n"
	return files, stories
}

func pick2(r *rand.Rand, a, b int) int {
	if r.IntN(2) == 0 {
		return a
	}
	return b
}

// wrapText breaks s into lines of at most width bytes at spaces.
func wrapText(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// A wire archive written for the test, in the forms the genre takes: every
// story keeps its headline, its date, every body paragraph as written, and
// names Reuters as its source; nothing but the sign-off and end mark leaves.
func TestInventedWireCorpus(t *testing.T) {
	files, stories := inventedWire(200)
	c := loadMap(t, files)
	if len(c.Articles) != len(stories) {
		t.Fatalf("%d articles, want %d", len(c.Articles), len(stories))
	}
	bad := 0
	for _, a := range c.Articles {
		s := stories[a.ID]
		var problems []string
		if a.Title != s.headline || a.TitleDerived {
			problems = append(problems, fmt.Sprintf("title %q", a.Title))
		}
		if !a.Published.Equal(s.date) {
			problems = append(problems, fmt.Sprintf("date %v, want %v", a.Published, s.date))
		}
		if strings.Join(a.Body, "\n") != strings.Join(s.body, "\n") {
			problems = append(problems, fmt.Sprintf("body %q", a.Body))
		}
		if a.Source != "Reuters" {
			problems = append(problems, fmt.Sprintf("source %q from %q", a.Source, a.SourceFrom))
		}
		for _, au := range a.Authors {
			if strings.Contains(a.Title, au) || strings.ToUpper(au) == au {
				problems = append(problems, fmt.Sprintf("author %q", au))
			}
		}
		for _, rm := range a.Removed {
			if rm.Reason != "sign-off" && rm.Reason != "end mark" {
				problems = append(problems, fmt.Sprintf("removed %q as %q", rm.Text, rm.Reason))
			}
		}
		if len(problems) > 0 {
			if bad++; bad <= 5 {
				t.Errorf("%s: %s", a.ID, strings.Join(problems, "; "))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d stories wrong", bad, len(c.Articles))
	}
}
