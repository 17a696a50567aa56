package tui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"byline/browse"
	"byline/model"
)

// flakyStore fails every question while down, as a store over a database
// does while its server is stopped.
type flakyStore struct {
	browse.Store
	down atomic.Bool
}

var errDown = errors.New("dial unix /tmp/.s.PGSQL.5432: connect: connection refused")

func (s *flakyStore) Stories(ctx context.Context, q browse.StoriesQuery) (*browse.StoryList, error) {
	if s.down.Load() {
		return nil, errDown
	}
	return s.Store.Stories(ctx, q)
}

func (s *flakyStore) Quotes(ctx context.Context, q browse.QuotesQuery) (*browse.QuoteList, error) {
	if s.down.Load() {
		return nil, errDown
	}
	return s.Store.Quotes(ctx, q)
}

func (s *flakyStore) Speakers(ctx context.Context, q browse.SpeakersQuery) (*browse.SpeakerList, error) {
	if s.down.Load() {
		return nil, errDown
	}
	return s.Store.Speakers(ctx, q)
}

func (s *flakyStore) Article(ctx context.Context, id string) (*model.Article, error) {
	if s.down.Load() {
		return nil, errDown
	}
	return s.Store.Article(ctx, id)
}

// TestStoreDownAndBack: while the store fails the browser says so and
// schedules a retry (never a crash, never a blank silence); once the store
// answers again, the retry brings the lists back and the message goes.
func TestStoreDownAndBack(t *testing.T) {
	st := &flakyStore{Store: browse.Prepare(testCorpus())}
	st.down.Store(true)
	m := New(context.Background(), Config{Store: st, Title: "test", NoColor: true, Now: func() time.Time { return testNow }}).(*Model)
	var retries []tea.Msg
	var delays []time.Duration
	m.tick = func(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd {
		delays = append(delays, d)
		retries = append(retries, f(time.Time{}))
		return nil
	}
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 30} })
	got := screen(m)
	if !strings.Contains(got, "database unavailable (connection refused); retrying") {
		t.Fatalf("the failure is not on screen:\n%s", got)
	}
	if len(retries) != 1 {
		t.Fatalf("%d retries scheduled, want 1 (one at a time)", len(retries))
	}
	// Still down: the retry fails and the next waits longer.
	drive(t, m, func() tea.Msg { return retries[0] })
	if len(retries) != 2 || delays[1] <= delays[0] {
		t.Fatalf("retries %d, delays %v: want a second, longer wait", len(retries), delays)
	}
	// Back: the next retry answers and the lists come back.
	st.down.Store(false)
	drive(t, m, func() tea.Msg { return retries[1] })
	got = screen(m)
	if strings.Contains(got, "unavailable") {
		t.Fatalf("still says unavailable after the store came back:\n%s", got)
	}
	if !strings.Contains(got, "Lavrov says West") || !strings.Contains(got, "4/4 stories") {
		t.Fatalf("the stories did not come back:\n%s", got)
	}
	// Down while browsing: a filter that fails says so, and keys still work.
	st.down.Store(true)
	press(t, m, "/")
	typeText(t, m, "lavrov")
	if got := screen(m); !strings.Contains(got, "database unavailable") {
		t.Fatalf("a failing filter is not reported:\n%s", got)
	}
	press(t, m, "esc", "down", "tab")
}

// noStoriesStore is a store that never groups stories (as a database
// whose stories were never computed), saying why in its Info.
type noStoriesStore struct{ browse.Store }

const noStoriesWhy = "stories across outlets are not kept here"

func (s noStoriesStore) Info() browse.Info {
	i := s.Store.Info()
	i.Grouped, i.Grouping, i.NoStories = false, false, noStoriesWhy
	return i
}

// TestStoreWithoutStories: over a store without stories the sort key never
// lands on "by story", and ] says why there is no next article of the
// story instead of waiting for a grouping that never comes.
func TestStoreWithoutStories(t *testing.T) {
	m := New(context.Background(), Config{Store: noStoriesStore{browse.Prepare(testCorpus())}, Title: "test", NoColor: true, Now: func() time.Time { return testNow }}).(*Model)
	drive(t, m, m.Init())
	drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 30} })
	for range 8 {
		press(t, m, "s")
		if got := screen(m); strings.Contains(got, "by story") {
			t.Fatalf("the sort offered by story on a store without stories:\n%s", got)
		}
	}
	press(t, m, "enter", "]")
	if got := screen(m); !strings.Contains(got, noStoriesWhy) {
		t.Fatalf("] does not say why there is no story:\n%s", got)
	}
}
