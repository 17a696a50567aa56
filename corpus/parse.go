package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"byline/corpus/clean"
	"byline/model"
)

// parseText reads a plain-text dump of a news page.
func parseText(doc Document) ([]*model.Article, []model.Problem, error) {
	if strings.TrimSpace(doc.Text) == "" {
		return nil, nil, errors.New("no text in file")
	}
	c := clean.Dump(doc.Text)
	a := &model.Article{
		ID: doc.ID, Path: doc.Path, Format: model.FormatText,
		Source: c.Source, SourceFrom: c.SourceFrom, Credit: c.Credit, PageDump: c.Page,
		Problems: c.Problems,
		Title:    c.Title, TitleDerived: c.TitleDerived, Standfirst: c.Standfirst,
		Authors:   c.Authors,
		Published: c.Published, DatePrecision: c.DatePrecision,
		Body: c.Body, Removed: c.Removed,
	}
	finish(a)
	return []*model.Article{a}, nil, nil
}

// parseMarkdown reads Markdown with optional YAML front matter. A heading
// that opens the text is the title when the front matter has none; other
// headings become plain paragraphs. The header under the title (byline,
// date line, standfirst) is read from the text by clean.Markdown when the
// front matter does not give it.
func parseMarkdown(doc Document) ([]*model.Article, []model.Problem, error) {
	text := doc.Text
	var r record
	if front, rest, found, err := splitFrontMatter(text); found {
		text = rest
		if err != nil {
			r.problems = append(r.problems, err.Error())
		} else {
			problems := r.problems
			r = recordFromMap(front)
			r.problems = append(problems, r.problems...)
		}
	}
	blocks := markdownBlocks(text)
	var body []string
	for i, b := range blocks {
		if i == 0 && b.Heading > 0 && r.title == "" {
			r.title = clean.MarkdownText(b.Text)
			continue
		}
		body = append(body, b.Text)
	}
	r.body = strings.Join(body, "\n\n")
	r.markdown = blocks
	if len(blocks) == 0 && r.title == "" {
		return nil, nil, errors.New("no text in file")
	}
	return []*model.Article{r.article(doc.ID, doc.Path, model.FormatMarkdown)}, nil, nil
}

// markdownBlocks splits Markdown text into its blocks: paragraphs (soft
// line breaks joined), lists, quotes, headings. A thematic break is no
// block. A heading is one line, so a heading that opens a paragraph's
// lines ("# Title\nBy Jane Doe") is a block of its own; an underlined one
// ("Title\n=====") is a heading too. A line starting with # but no space
// ("#hashtag") is text, as CommonMark reads it.
func markdownBlocks(text string) []clean.MarkdownBlock {
	var blocks []clean.MarkdownBlock
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.TrimSpace(p)
		for p != "" {
			line, rest, _ := strings.Cut(p, "\n")
			level, heading := atxHeading(line)
			if level == 0 {
				break
			}
			if heading != "" {
				blocks = append(blocks, clean.MarkdownBlock{Text: heading, Heading: level})
			}
			p = strings.TrimSpace(rest)
		}
		if p == "" || thematicBreak(p) {
			// A rule between sections, not a paragraph.
			continue
		}
		level := 0
		if text, l := setextHeading(p); l > 0 {
			p, level = text, l
		}
		if p = joinSoftBreaks(p); p != "" {
			blocks = append(blocks, clean.MarkdownBlock{Text: p, Heading: level})
		}
	}
	return blocks
}

// atxHeading reads a line as a "#" heading: its level (1–6; 0 when the
// line is none) and its text without the marks, closing ones included
// ("## Title ##").
func atxHeading(line string) (int, string) {
	line = strings.TrimRight(line, " \t")
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return 0, ""
	}
	level := len(s) - len(strings.TrimLeft(s, "#"))
	if level == 0 || level > 6 || level < len(s) && s[level] != ' ' && s[level] != '\t' {
		return 0, ""
	}
	text := strings.TrimSpace(s[level:])
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		text = strings.TrimSpace(t)
	}
	return level, text
}

// setextHeading reads a heading underlined in Markdown's other style —
// "Title\n=====" (level 1) or "Title\n-----" (level 2) — and returns its
// text and level, or level 0.
func setextHeading(p string) (string, int) {
	i := strings.LastIndexByte(p, '\n')
	if i <= 0 {
		return p, 0
	}
	under := strings.TrimSpace(p[i+1:])
	text := strings.TrimSpace(p[:i])
	if under == "" || text == "" || markdownBlockStart(strings.TrimLeft(text, " ")) {
		return p, 0
	}
	for _, c := range []byte{'=', '-'} {
		if strings.Trim(under, string(c)) == "" {
			return strings.Join(strings.Fields(text), " "), 1 + strings.IndexByte("=-", c)
		}
	}
	return p, 0
}

// thematicBreak reports whether a Markdown block is a thematic break: three
// or more -, * or _ (spaces allowed between), nothing else.
func thematicBreak(p string) bool {
	var mark rune
	n := 0
	for _, r := range p {
		switch {
		case r == ' ' || r == '\t':
		case (r == '-' || r == '*' || r == '_') && (mark == 0 || r == mark):
			mark = r
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// joinSoftBreaks joins the lines of a Markdown paragraph that Markdown
// itself would join (a soft line break is a space), so a paragraph — and a
// link in it — is one line: "[Support our\njournalism](…)" becomes whole.
// Lines that start a list item, a quote, a table row or a heading, and
// lines after a hard break (two trailing spaces or a backslash), stay
// apart.
func joinSoftBreaks(p string) string {
	if !strings.Contains(p, "\n") {
		return p
	}
	lines := strings.Split(p, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			prev := lines[i-1]
			hard := strings.HasSuffix(prev, "  ") || strings.HasSuffix(prev, "\\")
			if hard || markdownBlockStart(strings.TrimLeft(line, " ")) {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		if i > 0 {
			line = strings.TrimLeft(line, " \t")
		}
		if i < len(lines)-1 && !(strings.HasSuffix(line, "  ") || strings.HasSuffix(line, "\\")) {
			line = strings.TrimRight(line, " \t")
		}
		b.WriteString(line)
	}
	return b.String()
}

// markdownBlockStart reports whether a line starts a Markdown block of its
// own inside a paragraph's text: a list item, a block quote, a table row,
// a heading, a fence or a thematic break.
func markdownBlockStart(line string) bool {
	switch {
	case line == "":
		return false
	case thematicBreak(line):
		return true
	case strings.HasPrefix(line, "- "), strings.HasPrefix(line, "* "), strings.HasPrefix(line, "+ "),
		strings.HasPrefix(line, ">"), strings.HasPrefix(line, "|"), strings.HasPrefix(line, "#"),
		strings.HasPrefix(line, "```"), strings.HasPrefix(line, "~~~"):
		return true
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')')
}

// splitFrontMatter separates a leading YAML block fenced by --- lines.
func splitFrontMatter(text string) (front map[string]any, rest string, found bool, err error) {
	if !strings.HasPrefix(text, "---\n") {
		return nil, text, false, nil
	}
	body := text[4:]
	end := -1
	for _, fence := range []string{"\n---\n", "\n...\n"} {
		if i := strings.Index(body, fence); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 {
		if strings.HasSuffix(body, "\n---") {
			end = len(body) - 4
		} else {
			return nil, text, true, errors.New("front matter is not closed with ---; read as body")
		}
	}
	rest = ""
	if end+5 <= len(body) {
		rest = body[end+5:]
	}
	front, err = decodeYAML(body[:end])
	if err != nil {
		return nil, rest, true, fmt.Errorf("front matter: %w", err)
	}
	return front, rest, true, nil
}

// decodeYAML decodes a mapping, turning a panic in the YAML library (it has
// had some on hostile input) into an error.
func decodeYAML(s string) (m map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("invalid YAML: %v", r)
		}
	}()
	if err := yaml.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	return m, nil
}

// parseJSON reads one record or an array of records. An array's records are
// numbered from 1 in their IDs (file#1, file#2...).
func parseJSON(doc Document) ([]*model.Article, []model.Problem, error) {
	data := []byte(doc.Text)
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, nil, errors.New("no JSON in file")
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return nil, nil, jsonError(data, dec, err)
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("line %d: more than one JSON value (use .jsonl for one record a line)", lineAt(data, int(dec.InputOffset())))
	}
	switch x := v.(type) {
	case map[string]any:
		return []*model.Article{recordFromMap(x).article(doc.ID, doc.Path, model.FormatJSON)}, nil, nil
	case []any:
		var articles []*model.Article
		var problems []model.Problem
		for i, e := range x {
			id := fmt.Sprintf("%s#%d", doc.ID, i+1)
			m, ok := e.(map[string]any)
			if !ok {
				problems = append(problems, model.Problem{Path: fmt.Sprintf("%s#%d", doc.Path, i+1), Reason: fmt.Sprintf("record %d is %s, not an object", i+1, typeName(e))})
				continue
			}
			articles = append(articles, recordFromMap(m).article(id, doc.Path, model.FormatJSON))
		}
		return articles, problems, nil
	default:
		return nil, nil, fmt.Errorf("JSON is %s, not a record or a list of records", typeName(v))
	}
}

// parseJSONL reads one record a line; a bad line is a problem naming its
// line number and the other lines still load. IDs number the records by line.
func parseJSONL(doc Document) ([]*model.Article, []model.Problem, error) {
	var articles []*model.Article
	var problems []model.Problem
	lines := strings.Split(doc.Text, "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		id := fmt.Sprintf("%s#%d", doc.ID, i+1)
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			var v any
			if json.Unmarshal([]byte(line), &v) == nil {
				err = fmt.Errorf("a record must be an object, this is %s", typeName(v))
			}
			problems = append(problems, model.Problem{Path: fmt.Sprintf("%s:%d", doc.Path, i+1), Reason: fmt.Sprintf("invalid JSON: %v", err)})
			continue
		}
		articles = append(articles, recordFromMap(m).article(id, doc.Path, model.FormatJSONL))
	}
	if len(articles) == 0 && len(problems) == 0 {
		return nil, nil, errors.New("no records in file")
	}
	return articles, problems, nil
}

// jsonError adds the line number to a decoding error.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	offset := int(dec.InputOffset())
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		offset = int(syn.Offset)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		offset = int(typ.Offset)
	}
	return fmt.Errorf("line %d: invalid JSON: %w", lineAt(data, offset), err)
}

// lineAt converts a byte offset to a 1-based line number.
func lineAt(data []byte, offset int) int {
	if offset > len(data) {
		offset = len(data)
	}
	if offset < 0 {
		offset = 0
	}
	return bytes.Count(data[:offset], []byte{'\n'}) + 1
}
