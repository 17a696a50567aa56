package stories_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"byline/corpus"
	"byline/corpus/demo"
	"byline/model"
	"byline/stories"
)

// Build over light articles with their kept features (encoded and
// decoded, as a database keeps them) gives the stories and echoes it
// gives over the whole articles, reading no text.
func TestBuildFromKeptFeatures(t *testing.T) {
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole := stories.Build(c.Articles, stories.Options{})
	kept := map[uint64]*stories.Features{}
	keys := make([]uint64, len(c.Articles))
	light := make([]*model.Article, len(c.Articles))
	for i, a := range c.Articles {
		keys[i] = stories.TextKey(a)
		f := stories.FeaturesOf(a)
		got, err := stories.DecodeFeatures(stories.AppendFeatures(nil, &f))
		if err != nil {
			t.Fatal(err)
		}
		kept[keys[i]] = got
		light[i] = stories.Light(a)
	}
	set := stories.Build(light, stories.Options{Keys: keys, Prev: stories.KnownState(kept)})
	if set.Stats.Computed != 0 || set.Stats.Reused != set.Stats.Texts {
		t.Errorf("from kept features: %+v, want nothing computed", set.Stats)
	}
	records := func(s *stories.Set) string {
		var out []stories.Record
		for _, st := range s.Stories {
			out = append(out, st.Record())
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	if a, b := records(whole), records(set); a != b {
		t.Errorf("stories differ:\nwhole: %s\nlight: %s", a, b)
	}
	echoes := 0
	for _, a := range c.Articles {
		for qi := range a.Quotes {
			e1, ok1 := whole.EchoOf(a.ID, qi)
			e2, ok2 := set.EchoOf(a.ID, qi)
			if ok1 != ok2 || ok1 && !slices.Equal(e1.Others(a.ID), e2.Others(a.ID)) {
				t.Errorf("%s quotation %d: echoes differ", a.ID, qi)
			}
			if ok1 {
				echoes++
			}
		}
	}
	if echoes == 0 {
		t.Error("the demo has no echo to compare")
	}
}

func TestDecodeFeaturesRejectsGarbage(t *testing.T) {
	f := stories.FeaturesOf(&model.Article{ID: "x", Title: "Port Alder dockers strike over pay", Body: []string{"The dockers of Port Alder walked out on Monday."}})
	b := stories.AppendFeatures(nil, &f)
	for _, bad := range [][]byte{nil, b[:len(b)-1], append(slices.Clone(b), 0), {9, 9}} {
		if _, err := stories.DecodeFeatures(bad); err == nil {
			t.Errorf("DecodeFeatures(%x) succeeded", bad)
		}
	}
}

// A state split into its links (encoded, decoded) and features kept by
// text, joined again, lets a build reuse the links as the whole state
// does: the same stories, no pair scored when nothing changed.
func TestStateLinksJoinedWithKeptFeatures(t *testing.T) {
	c, err := corpus.LoadFS(context.Background(), demo.FS(), "demo", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := stories.Build(c.Articles, stories.Options{})
	kept := map[uint64]*stories.Features{}
	keys := make([]uint64, len(c.Articles))
	light := make([]*model.Article, len(c.Articles))
	for i, a := range c.Articles {
		keys[i] = stories.TextKey(a)
		f := stories.FeaturesOf(a)
		kept[keys[i]] = &f
		light[i] = stories.Light(a)
	}
	var buf bytes.Buffer
	if err := first.State.Links().Encode(&buf); err != nil {
		t.Fatal(err)
	}
	links, err := stories.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	again := stories.Build(light, stories.Options{Keys: keys, Prev: links.WithTexts(kept)})
	if again.Stats.Pairs != 0 || again.Stats.Computed != 0 {
		t.Errorf("nothing changed, yet: %+v", again.Stats)
	}
	for i := range first.Stories {
		if a, b := first.Stories[i].Record(), again.Stories[i].Record(); !slices.Equal(a.Articles, b.Articles) || a.Label != b.Label {
			t.Errorf("story %d: %+v, then %+v", i, a, b)
		}
	}
}
