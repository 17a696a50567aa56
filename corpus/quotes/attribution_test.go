package quotes

import (
	"strings"
	"testing"

	"byline/model"
)

// TestAttribution checks who Extract and Merge give small invented
// passages' quotations to: the subject through appositions and relative clauses, and
// pronouns resolved to the right person.
func TestAttribution(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []string
		want map[string]string // quotation text prefix -> speaker
	}{
		{
			name: "apposition",
			body: []string{"Lakeside’s mayor, Odile Brandt, said shops were “counting the days”."},
			want: map[string]string{"counting the days": "Odile Brandt"},
		},
		{
			name: "apposition then a relative clause before the verb",
			body: []string{"Lakeside’s mayor, Odile Brandt, who has asked for patience, said shops were “counting the days”."},
			want: map[string]string{"counting the days": "Odile Brandt"},
		},
		{
			name: "name then a relative clause before the verb",
			body: []string{"Odile Brandt, who has led the city since 2019, said shops were “counting the days”."},
			want: map[string]string{"counting the days": "Odile Brandt"},
		},
		{
			name: "a pronoun after \"Mr Wren’s office said\" is Mr Wren, not a plural noun before",
			body: []string{
				"Tomasz Wren, the finance minister, spoke on Monday. Wholesalers have warned that stocks could run low.",
				"Mr Wren’s office said he would meet both sides. Asked about new taxes, he said: “Nothing is ruled out.”",
			},
			want: map[string]string{"Nothing is ruled out.": "Tomasz Wren"},
		},
		{
			name: "a relative clause with a phrase before the verb",
			body: []string{"Mara Quist, who has in the past described the plan as “a fantasy”, spoke on Monday."},
			want: map[string]string{"a fantasy": "Mara Quist"},
		},
		{
			name: "a place after a fronted phrase is no apposition",
			body: []string{"Speaking at a rally in Lakeside, North Vale, Odile Brandt went after her rival, calling him “a tourist”."},
			want: map[string]string{"a tourist": "Odile Brandt"},
		},
		{
			name: "a time phrase opens the sentence",
			body: []string{"Hours later, Odile Brandt returned the compliment, telling reporters, “We are friends.”"},
			want: map[string]string{"We are friends.": "Odile Brandt"},
		},
		{
			name: "a name followed by later is still the subject",
			body: []string{"Odile Brandt later defended her comments as being “sarcastic.”"},
			want: map[string]string{"sarcastic.": "Odile Brandt"},
		},
		{
			name: "a surname only ever at the start of a sentence, acting",
			body: []string{
				"Odile Brandt picked Lakeside.",
				"Quist openly admitted that his pick was political. “With an eye on the vote,” he said.",
			},
			want: map[string]string{"With an eye on the vote": "Quist"},
		},
		{
			name: "a plural noun acting is not a name",
			body: []string{
				"Mara Quist has run the office for years.",
				"Things changed over the years, she says. “You can wreck a career in a minute,” she said.",
			},
			want: map[string]string{"You can wreck": "Mara Quist"},
		},
		{
			name: "a quotation paragraph after a paragraph about someone",
			body: []string{
				"Mara Quist is upbeat about the harbour plan, in part because she sees it as a bridge.",
				"“Not only can the plan work, it is the only one that pays for itself.”",
			},
			want: map[string]string{"Not only can the plan work": "Mara Quist"},
		},
		{
			name: "the person of a reporting verb, not a possessive that opens the sentence",
			body: []string{
				"Firms offer many gadgets. But Sonora's managing director Dale Kemp says his firm is the only one.",
				"“There are quite a few basic technologies out there, making the sound seem a bit bigger.”",
			},
			want: map[string]string{"There are quite a few": "Dale Kemp"},
		},
		{
			name: "a title in marks between two quotations of one speaker",
			body: []string{"“We will publish the records,” Mara Quist said on Radio North’s “Morning Tide” on Sunday. “There is nothing in them that I would hide from anyone.”"},
			want: map[string]string{"We will publish": "Mara Quist", "There is nothing in them": "Mara Quist"},
		},
		{
			name: "a role, a name and a relative clause before the verb",
			body: []string{"Dance teacher Eve Marlow, who has taught for 48 years, told the paper she had seen a “vast” change."},
			want: map[string]string{"vast": "Eve Marlow"},
		},
		{
			name: "an inverted cue after a phrase",
			body: []string{"Quist “did well with older voters” in the last primary, said political scientist Dale Kemp."},
			want: map[string]string{"did well with older voters": "Dale Kemp"},
		},
		{
			name: "a first name that is also a word",
			body: []string{`"It is a pretty expensive model," said Will Dunmore, a professor at Lakeside.`},
			want: map[string]string{"It is a pretty expensive model": "Will Dunmore"},
		},
		{
			name: "admitted with its doubled t",
			body: []string{"“There is one issue today,” Murphy admitted during an interview."},
			want: map[string]string{"There is one issue today": "Murphy"},
		},
		{
			name: "an apposition in several comma-separated parts",
			body: []string{"The plans “are steps in the right direction,” Ada Renner, assistant secretary for ports, rivers, and canals, said on the call."},
			want: map[string]string{"are steps in the right direction": "Ada Renner"},
		},
		{
			name: "a name before an organisation with a preposition in its name",
			body: []string{"“It would be a stretch,” Jon Lerner of the Bayfield Center for Harbour Studies wrote."},
			want: map[string]string{"It would be a stretch": "Jon Lerner"},
		},
		{
			name: "a longer time phrase opens the sentence",
			body: []string{"But a few days later, Odile Brandt reversed herself again, telling the radio that the plan was “settled”."},
			want: map[string]string{"settled": "Odile Brandt"},
		},
		{
			name: "a description followed by a past tense is the subject",
			body: []string{
				"Tomas Ferro spoke to reporters on Monday.",
				"Speaking about her new film, the actress discussed the harbour. “Everyone here is a sailor,” she said.",
			},
			want: map[string]string{"Everyone here is a sailor": "the actress"},
		},
		{
			name: "someone's relative who does not speak is no referent",
			body: []string{
				"Tomas Okoro, 52, joined the port at 19. His father worked the cranes for three decades.",
				"Asked whether the union could win, he pauses. “Win is a big word,” he says.",
			},
			want: map[string]string{"Win is a big word": "Tomas Okoro"},
		},
		{
			name: "someone's relative who speaks is a referent",
			body: []string{"Ali Demir was a nurse. He had just welcomed a baby girl, his brother added. “He was a new dad,” he said."},
			want: map[string]string{"He was a new dad": "his brother"},
		},
		{
			name: "continuation paragraph keeps the speaker",
			body: []string{
				"“We are ready,” said Inspector Jana Holloway.",
				"“Every gate is covered. Nobody will be turned away.”",
			},
			want: map[string]string{"We are ready": "Jana Holloway", "Every gate": "Jana Holloway"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &model.Article{ID: "t", Body: tc.body, Quotes: Extract("", tc.body)}
			Merge([]*model.Article{a})
			qs := a.Quotes
			for prefix, speaker := range tc.want {
				var got []string
				found := false
				for _, q := range qs {
					if strings.HasPrefix(q.Text, prefix) {
						found = true
						got = append(got, q.Speaker)
						// the canonical name may be longer or shorter than
						// the one written here ("Quist" for "Mara Quist"),
						// never empty
						if q.Speaker == "" || q.Speaker != speaker && !strings.HasSuffix(q.Speaker, " "+speaker) && !strings.HasSuffix(speaker, " "+q.Speaker) {
							t.Errorf("%q: speaker %q (mention %q), want %q", prefix, q.Speaker, q.Mention, speaker)
						}
					}
				}
				if !found {
					t.Errorf("%q: no quotation found (got %d quotes)", prefix, len(qs))
				}
			}
		})
	}
}
