package quotes

import (
	"testing"

	"byline/model"
)

// TestMergeSpeakers runs Extract and Merge over small invented articles and
// checks the speaker list: ranks and titles go to the role, organisations
// and countries are told from people, datelines and descriptions do not
// become speakers.
func TestMergeSpeakers(t *testing.T) {
	type want struct {
		name string
		kind model.SpeakerKind
		role string
	}
	for _, tc := range []struct {
		name  string
		arts  [][]string // bodies, one per article
		want  []want
		never []string // names that must not be listed
	}{
		{
			name: "rank title goes to the role, surname merges",
			arts: [][]string{
				{"Inspector Jana Holloway, a spokesperson for the city police, said officers were “watching every gate”."},
				{"“We expect a calm day,” Inspector Holloway said."},
			},
			want:  []want{{"Jana Holloway", model.SpeakerPerson, "Inspector"}},
			never: []string{"Inspector Jana Holloway", "Inspector Holloway"},
		},
		{
			name: "a role apposed after the name",
			arts: [][]string{
				{"Henrik Maalouf, the authority’s chief executive, said automation was “not a choice”."},
				{"Priya Castellanos, chief economist at Northbridge Capital, said the cost was “painful but recoverable”."},
				{"Tomas Ferro, speaking on Monday, said the talks were “over”."},
			},
			want: []want{
				{"Henrik Maalouf", model.SpeakerPerson, "authority’s chief executive"},
				{"Priya Castellanos", model.SpeakerPerson, "chief economist at Northbridge Capital"},
				{"Tomas Ferro", model.SpeakerPerson, ""},
			},
		},
		{
			name: "words before a name are a role only when they end in a person or post",
			arts: [][]string{
				{"England coach Andy Robinson said the side was “ready”."},
				{"“We will watch this closely.” Fellow Lib Dem Joel Rosso said the episode was “unflattering”."},
				{"National Bureau of Statistics chief Li Deshan said growth was “steady”."},
			},
			want: []want{
				{"Andy Robinson", model.SpeakerPerson, "England coach"},
				{"Joel Rosso", model.SpeakerPerson, ""},
				{"Li Deshan", model.SpeakerPerson, "National Bureau of Statistics chief"},
			},
		},
		{
			name: "a courtesy title is no role",
			arts: [][]string{
				{"Dr Mara Voss said the survey was “the most complete yet”."},
			},
			want: []want{{"Mara Voss", model.SpeakerPerson, ""}},
		},
		{
			name: "organisation with of and a plural possessive",
			arts: [][]string{
				{"The Bank of Freedonia said the rise was “a temporary shock”."},
				{"The Osterby Growers’ Cooperative said it would “watch very closely”."},
			},
			want: []want{
				{"Bank of Freedonia", model.SpeakerOrganisation, ""},
				{"Osterby Growers’ Cooperative", model.SpeakerOrganisation, ""},
			},
			never: []string{"Freedonia", "Cooperative"},
		},
		{
			name: "a country that speaks is an organisation",
			arts: [][]string{
				{"Ruritania has warned that any new lane across the shelf would be “a grave error.”", "Fishing fleets in Ruritania stayed in port, and Ruritania’s government called in the ambassador."},
			},
			want: []want{{"Ruritania", model.SpeakerOrganisation, ""}},
		},
		{
			name: "ALL-CAPS dateline is no speaker",
			arts: [][]string{
				{"OSTRAVEL, May 2 (Wire) — Kestrel Shipping, one of the largest carriers on the coast, said on Friday the closure was costing it “a ship a day”."},
			},
			want:  []want{{"Kestrel Shipping", model.SpeakerOrganisation, ""}},
			never: []string{"OSTRAVEL"},
		},
		{
			name: "description in apposition resolves to the name",
			arts: [][]string{
				{"The town’s mayor, Clara Whitby, said shops were “holding their breath”.", "“We need both sides back at the table,” Mayor Whitby said."},
			},
			want:  []want{{"Clara Whitby", model.SpeakerPerson, ""}},
			never: []string{"The town’s mayor"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var arts []*model.Article
			for i, body := range tc.arts {
				id := tc.name + string(rune('a'+i))
				arts = append(arts, &model.Article{ID: id, Body: body, Quotes: Extract("", body)})
			}
			sps := Merge(arts)
			byName := map[string]*model.Speaker{}
			for _, s := range sps {
				byName[s.Name] = s
			}
			for _, w := range tc.want {
				s := byName[w.name]
				if s == nil {
					var got []string
					for _, s := range sps {
						got = append(got, s.Name)
					}
					t.Errorf("speaker %q missing; got %q", w.name, got)
					continue
				}
				if s.Kind != w.kind {
					t.Errorf("%s: kind %s, want %s", w.name, s.Kind, w.kind)
				}
				if w.role != "" && s.Role != w.role || w.role == "" && courtesy[lowerTrim(s.Role)] {
					t.Errorf("%s: role %q, want %q", w.name, s.Role, w.role)
				}
			}
			for _, n := range tc.never {
				if byName[n] != nil {
					t.Errorf("%q listed as a speaker", n)
				}
			}
		})
	}
}

func lowerTrim(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
