package clean

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpKeepsNoScratch: Dump's working memory (the lower-cased text and
// the blocks) is reused from text to text, so nothing it returns may point
// into it. Every result must read the same after other texts were cleaned.
func TestDumpKeepsNoScratch(t *testing.T) {
	texts := []string{
		"Stay up to date with notifications from The Independent\n\nHeadline here for a story\n\nJohn Bowden\nMonday 10 January 2022 00:19 EST\nComments\n\nThe first paragraph of the story says something about the world and the people in it.\nSource: Agencies",
		"Title | Site\n\nMenu\nHome\nNews\n\nTitle\nBy Jane Doe - 11/19/19 06:56 AM EST\nA sentence that is the body of the article, with enough words to be kept by the cleaner.\n© 2019 Reuters",
		"Ad sales boost profit\n\nQuarterly profits rose 76% to $1.13bn (£600m), it said.\n\nWASHINGTON (Reuters) - More text here.\nReuter",
		"SHARE THIS ARTICLE\nSubscribe to our newsletter\nEnter your email address\nSign up\nWORLD NEWS HEADLINE IN CAPITALS\nBy MIRA KOVAČ, Coastline Wire\nThe story goes on for a while, as stories do, with words.",
	}
	// The cleaning evaluation dumps, when present, add real pages.
	if matches, _ := filepath.Glob(filepath.Join(sharedDir, "eval", "cleaning", "*", "*.txt")); len(matches) > 0 {
		for _, m := range matches[:min(len(matches), 40)] {
			if data, err := os.ReadFile(m); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	results := make([]Result, len(texts))
	before := make([]string, len(texts))
	for i, text := range texts {
		results[i] = Dump(text)
		before[i] = fmt.Sprintf("%#v", results[i])
	}
	for _, text := range texts {
		Dump(strings.ToUpper(text)) // other bytes in the same buffers
	}
	for i := range texts {
		if after := fmt.Sprintf("%#v", results[i]); after != before[i] {
			t.Errorf("text %d: cleaning other texts changed its result:\n%s\nwas\n%s", i, after, before[i])
		}
	}
}
