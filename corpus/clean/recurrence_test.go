package clean

import (
	"fmt"
	"sync"
	"testing"
)

func TestRecurrence(t *testing.T) {
	r := NewRecurrence()
	quote := "“We will not make any concessions under pressure,” he added, according to the agency’s report from Geneva."
	pitch := "Your support makes all the difference."
	common := "The company did not give details." // ends a quarter of the source's stories
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ps := []string{fmt.Sprintf("Story %d begins with its own unique lead paragraph.", i), pitch, pitch}
			if i < 2 {
				ps = append(ps, quote)
			}
			if i < 5 {
				ps = append(ps, common)
			}
			r.Observe("The Independent", ps)
		}(i)
	}
	wg.Wait()
	lead := "A new lead."
	tests := []struct {
		name        string
		source      string
		paragraphs  []string
		tailOnly    bool
		wantKept    []string
		wantRemoved []string
	}{
		{"page: a pitch anywhere goes", "The Independent", []string{lead, pitch, quote}, false, []string{lead, quote}, []string{pitch}},
		{"clean copy: a pitch inside the text stays", "The Independent", []string{lead, pitch, quote}, true, []string{lead, pitch, quote}, nil},
		{"clean copy: a footer ending the text goes", "The Independent", []string{lead, quote, pitch}, true, []string{lead, quote}, []string{pitch}},
		{"page: a sentence ending a quarter of the texts goes", "The Independent", []string{lead, common}, false, []string{lead}, []string{common}},
		{"clean copy: a sentence ending a quarter of the texts stays", "The Independent", []string{lead, common}, true, []string{lead, common}, nil},
		{"never every paragraph", "The Independent", []string{pitch}, false, []string{pitch}, nil},
		{"another source has seen nothing", "Reuters", []string{lead, pitch}, false, []string{lead, pitch}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, removed := r.Filter(tt.source, tt.paragraphs, tt.tailOnly)
			if fmt.Sprint(kept) != fmt.Sprint(tt.wantKept) {
				t.Errorf("kept %q, want %q", kept, tt.wantKept)
			}
			var texts []string
			for _, rm := range removed {
				texts = append(texts, rm.Text)
				if rm.Reason == "" {
					t.Errorf("%q removed without a reason", rm.Text)
				}
			}
			if fmt.Sprint(texts) != fmt.Sprint(tt.wantRemoved) {
				t.Errorf("removed %q, want %q", texts, tt.wantRemoved)
			}
		})
	}
}
