package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/corpus/dates"
)

// runTogether reports whether a block glues a headline to a summary as
// teaser widgets render in text dumps: "…Troy SteakhouseA party of six…",
// "…in DetroitIn the market…", "(This Morning)Some sunshine…". A lower-case
// letter (or closing bracket, ?, !) is followed directly by a capital that
// starts a stop word, "A" or "I"; brand names like "WeWork" or "iPhone" do
// not match because their second part is no stop word.
func runTogether(s string) bool {
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' {
			continue
		}
		p := s[i-1]
		if !(p >= 'a' && p <= 'z' || p == ')' || p == '?' || p == '!') {
			continue
		}
		// The capitalised word starting at i.
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '\'') {
			j++
		}
		if j < len(s) && s[j] != ' ' && s[j] != ',' {
			continue
		}
		w := strings.ToLower(s[i:j])
		if p == ')' || p == '?' || p == '!' {
			if j-i >= 2 {
				return true
			}
			continue
		}
		if w == "a" || w == "i" || (j-i >= 2 && stopWords[w]) {
			return true
		}
	}
	return false
}

// imagePlaceholder reports whether a block is only an image reference as
// w3m writes them: "[blank_1x1]", "[image]", "[logo-white]".
func imagePlaceholder(s string) bool {
	return len(s) >= 3 && s[0] == '[' && s[len(s)-1] == ']' && !strings.Contains(s[1:len(s)-1], "]")
}

// commentHeader reports whether a block opens a comment section or a
// single comment: "12 Comments", "Leave a Reply", "Jane on May 1, 2019 at
// 10:07 am said:".
func commentHeader(lower string, chars int) bool {
	if chars > 120 {
		return false
	}
	if strings.HasSuffix(lower, " said:") || strings.HasSuffix(lower, " says:") || strings.HasSuffix(lower, " wrote:") {
		return hasDigit(lower)
	}
	for _, p := range []string{"leave a reply", "leave a comment", "post a comment", "add a comment", "join the discussion", "join the conversation", "responses to", "thoughts on", "comments are closed", "you must log in to post a comment", "show comments", "view comments", "comment policy"} {
		if strings.HasPrefix(lower, p) || strings.HasPrefix(strings.TrimLeft(lower, "0123456789 "), p) {
			return true
		}
	}
	t := strings.TrimLeft(lower, "0123456789 ")
	return len(t) < len(lower) && (t == "comments" || t == "comment" || t == "responses" || t == "replies")
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// agoLine matches relative timestamps of teaser lists: "2 hours ago",
// "7 hours ago", "1 day ago".
func agoLine(lower string) bool {
	return len(lower) < 25 && strings.HasSuffix(lower, " ago") && hasDigit(lower)
}

// separator reports whether a block is article metadata (dateline,
// byline, relative timestamp) which, found after an article has begun,
// means a new item — a teaser list — has started.
func separator(b *block) bool {
	if b.chars > 90 {
		return false
	}
	if agoLine(b.lower) {
		return true
	}
	// "By Jane Doe", "By JERUSALEM POST STAFF", "By REUTERS".
	if strings.HasPrefix(b.lower, "by ") && b.words <= 8 && !b.sentence && startsUpper(strings.TrimSpace(b.text[3:])) {
		return true
	}
	if !hasDigit(b.lower) {
		return false
	}
	_, _, ok := dates.Dateline(b.text)
	return ok
}

// markTeaserRuns marks alternations of headline-like lines and single
// summary paragraphs (three or more pairs, metadata lines allowed between)
// as related-story teasers.
func markTeaserRuns(bs []block) {
	headline := func(b *block) bool {
		return b.reason == "" && !b.sentence && b.words >= 3 && b.chars <= 130 && !endsSentence(b.text) && startsUpper(b.text)
	}
	summary := func(b *block) bool {
		return b.reason == "" && b.chars >= 40 && b.chars <= 400 && b.words >= 6
	}
	i := 0
	for i < len(bs) {
		j, pairs := i, 0
		for j < len(bs) && headline(&bs[j]) {
			k := j + 1
			for k < len(bs) && k <= j+3 && (bs[k].isSep || bs[k].reason != "" && bs[k].chars < 40) {
				k++
			}
			if k >= len(bs) || !summary(&bs[k]) || headline(&bs[k]) {
				break
			}
			pairs++
			j = k + 1
			for j < len(bs) && (bs[j].isSep || imagePlaceholder(bs[j].text)) {
				j++
			}
		}
		if pairs >= 3 {
			for k := i; k < j; k++ {
				if bs[k].reason == "" {
					bs[k].reason = "related teaser"
				}
				bs[k].cls = clsBad
			}
			i = j
			continue
		}
		i++
	}
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '‘' || r == '\'' || r == '“' || r == '"'
}
