package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"byline/corpus/clean"
	"byline/model"
)

func TestOf(t *testing.T) {
	day := time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC)
	articles := []*model.Article{
		{ID: "a", Source: "Reuters", SourceFrom: "sign-off", Title: "One", Body: []string{"one two three", "four"},
			Removed: []model.Removed{{Text: "Reuter", Reason: "sign-off"}}, Published: day, DatePrecision: model.PrecisionDate},
		{ID: "b", Source: "Reuters", SourceFrom: "dateline", Title: "Two", Body: []string{"five six"}, PageDump: true,
			Removed: []model.Removed{{Text: "Share on Facebook", Reason: "share bar"}, {Text: "Sign in to comment", Reason: "login prompt"}, {Text: "Copy link", Reason: "share bar"}}},
		{ID: "c", Title: "Three seven", TitleDerived: true, Body: []string{"seven eight nine"}, Problems: []string{clean.KeptWhole}},
		{ID: "d", Source: "The Lantern", SourceFrom: "host name", Title: "Four"},
	}
	r := Of(model.NewCorpus(articles, []model.Problem{{Path: "x.bin", Reason: "binary file"}}, nil))
	want := Report{
		Articles: 4, FileProblems: 1, PageDumps: 1, EmptyBodies: 1, KeptWhole: 1, WithProblems: 1, DerivedTitles: 1,
		Undated: 3, WithSource: 3, Outlets: 2, Paragraphs: 4, Words: 9, RemovedParagraphs: 4, RemovedWords: 10,
	}
	got := r
	got.SourceEvidence, got.Removed = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report\n%+v\nwant\n%+v", got, want)
	}
	wantEvidence := []Count{{Name: "dateline", Articles: 1}, {Name: "host name", Articles: 1}, {Name: "sign-off", Articles: 1}}
	if len(r.SourceEvidence) != len(wantEvidence) {
		t.Fatalf("evidence %+v", r.SourceEvidence)
	}
	for i, c := range wantEvidence {
		if r.SourceEvidence[i] != c {
			t.Errorf("evidence %d = %+v, want %+v", i, r.SourceEvidence[i], c)
		}
	}
	wantRemoved := []Count{{Name: "share bar", Paragraphs: 2, Words: 5}, {Name: "login prompt", Paragraphs: 1, Words: 4}, {Name: "sign-off", Paragraphs: 1, Words: 1}}
	for i, c := range wantRemoved {
		if i >= len(r.Removed) || r.Removed[i] != c {
			t.Errorf("removed %+v, want %+v", r.Removed, wantRemoved)
			break
		}
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"articles", "empty bodies", "from sign-off", "share bar", "10 words"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, b.String())
		}
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("trailing space in %q", line)
		}
	}
}

func TestOfEmpty(t *testing.T) {
	r := Of(model.NewCorpus(nil, nil, nil))
	if r.Articles != 0 || r.RemovedShare() != 0 || r.SourceEvidence == nil || r.Removed == nil {
		t.Errorf("%+v", r)
	}
}
