package stories_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"byline/corpus"
	"byline/corpus/demo"
	"byline/model"
	"byline/stories"
)

func load(t *testing.T, path string) *model.Corpus {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is absent (../shared is not beside the project): %v", path, err)
	}
	c, err := corpus.Load(context.Background(), []string{path}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The two seed articles are one story told by two outlets.
func TestSeedsAreOneStory(t *testing.T) {
	c := load(t, filepath.Join("..", "..", "shared", "corpus", "seeds"))
	set := stories.Build(c.Articles, stories.Options{})
	if len(set.Stories) != 1 {
		t.Fatalf("%d stories, want 1: %+v", len(set.Stories), set.Stories)
	}
	s := set.Stories[0]
	if len(s.Articles) != 2 || len(s.Sources) != 2 {
		t.Errorf("story = %+v, want both articles and both sources", s)
	}
}

// pairwise counts the pairs of articles put together by got and by want
// (each a partition given as article -> group).
func pairwise(got, want map[string]string, ids []string) (tp, fp, fn int) {
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			g := got[ids[i]] == got[ids[j]]
			w := want[ids[i]] != "" && want[ids[i]] == want[ids[j]]
			switch {
			case g && w:
				tp++
			case g:
				fp++
			case w:
				fn++
			}
		}
	}
	return tp, fp, fn
}

// The demo's stories, as decided by reading its articles
// (corpus/demo/testdata/stories.json).
func TestDemoStories(t *testing.T) {
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "corpus", "demo", "testdata", "stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Stories []struct {
			Event    string   `json:"event"`
			Articles []string `json:"articles"`
		} `json:"stories"`
	}
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, s := range expected.Stories {
		for _, id := range s.Articles {
			if _, ok := c.Article(id); !ok {
				t.Fatalf("expected story %q names %s, which the demo does not have", s.Event, id)
			}
			want[id] = s.Event
		}
	}
	set := stories.Build(c.Articles, stories.Options{})
	got := map[string]string{}
	var ids []string
	for _, a := range c.Articles {
		s, ok := set.StoryOf(a.ID)
		if !ok {
			t.Fatalf("%s is in no story", a.ID)
		}
		got[a.ID] = s.ID
		ids = append(ids, a.ID)
	}
	for _, s := range set.Stories {
		if len(s.Articles) > 1 {
			t.Logf("story: %s — %s", s.Label, strings.Join(s.Articles, ", "))
		}
	}
	tp, fp, fn := pairwise(got, want, ids)
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	fmt.Printf("demo stories: pairwise precision %.2f (%d/%d), recall %.2f (%d/%d)\n", p, tp, tp+fp, r, tp, tp+fn)
	if p < 0.9 || r < 0.5 {
		t.Errorf("pairwise precision %.2f, recall %.2f; want at least 0.90 and 0.50", p, r)
	}
}

// BBC: every set of byte-identical files and every headline printed more
// than once is in one story; a story that mixes topic folders is listed
// for a reader (the README gives the largest stories' labels).
func TestBBCDuplicates(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus", "bbc")
	c := load(t, root)
	set := stories.Build(c.Articles, stories.Options{})
	bySum := map[[32]byte][]string{}
	byTitle := map[string][]string{}
	for _, a := range c.Articles {
		data, err := os.ReadFile(filepath.Join(root, a.Path))
		if err != nil {
			data, err = os.ReadFile(a.Path)
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		bySum[sum] = append(bySum[sum], a.ID)
		byTitle[a.Title] = append(byTitle[a.Title], a.ID)
	}
	check := func(what string, groups map[string][]string) int {
		n := 0
		for key, ids := range groups {
			if len(ids) < 2 {
				continue
			}
			n++
			first, _ := set.StoryOf(ids[0])
			for _, id := range ids[1:] {
				if s, _ := set.StoryOf(id); s != first {
					t.Errorf("%s %q: %s and %s are in different stories", what, key, ids[0], id)
				}
			}
		}
		return n
	}
	sums := map[string][]string{}
	for k, v := range bySum {
		sums[fmt.Sprintf("%x", k[:6])] = v
	}
	identical := check("identical files", sums)
	titles := check("headline", byTitle)
	if identical != 98 {
		t.Errorf("%d sets of identical files, want the corpus's 98", identical)
	}
	t.Logf("%d sets of identical files and %d repeated headlines, each in one story", identical, titles)
	var mixed []string
	for _, s := range set.Stories {
		folders := map[string]bool{}
		for _, id := range s.Articles {
			folders[strings.SplitN(id, "/", 2)[0]] = true
		}
		if len(folders) > 1 {
			mixed = append(mixed, fmt.Sprintf("%s (%s)", s.Label, strings.Join(s.Articles, ", ")))
		}
	}
	sort.Strings(mixed)
	for _, m := range mixed {
		t.Logf("story across topic folders: %s", m)
	}
}
