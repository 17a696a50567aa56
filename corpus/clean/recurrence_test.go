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
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ps := []string{fmt.Sprintf("Story %d begins with its own unique lead paragraph.", i), pitch, pitch}
			if i < 2 {
				ps = append(ps, quote)
			}
			r.Observe("The Independent", ps)
		}(i)
	}
	wg.Wait()
	kept, removed := r.Filter("The Independent", []string{"A new lead.", pitch, quote})
	if len(kept) != 2 || kept[0] != "A new lead." || kept[1] != quote {
		t.Errorf("kept %q", kept)
	}
	if len(removed) != 1 || removed[0].Text != pitch || removed[0].Reason == "" {
		t.Errorf("removed %q", removed)
	}
	// Another source has seen nothing.
	if kept, _ := r.Filter("Reuters", []string{pitch}); len(kept) != 1 {
		t.Errorf("other source filtered: %q", kept)
	}
}
