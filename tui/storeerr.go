package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"byline/browse"
)

// A store over a database can fail: the server stopped, the network went.
// A failed question is reported with storeErrMsg; the browser says so in
// the status line and asks every question again after a while (retryMsg),
// waiting longer after each failure, until one is answered.

type (
	storeErrMsg struct{ err error }
	retryMsg    struct{ gen int }
)

// storeFailed is the message for a store error, or nil when the question
// was only cancelled (a newer one replaced it).
func storeFailed(ctx context.Context, err error) tea.Msg {
	if err == nil || ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, browse.ErrStale) {
		return nil
	}
	return storeErrMsg{err}
}

// retryDelay is how long to wait before asking again after n failures in
// a row: 1 s, 2 s, 4 s … up to 15 s.
func retryDelay(n int) time.Duration {
	d := time.Second << min(max(n-1, 0), 4)
	return min(d, 15*time.Second)
}

// storeError takes a failure: it is shown, and a retry is scheduled
// unless one is.
func (m *Model) storeError(err error) tea.Cmd {
	m.storeErr = err
	if m.retryPending {
		return nil
	}
	m.failures++
	m.retryPending = true
	m.retryGen++
	gen := m.retryGen
	return m.tick(retryDelay(m.failures), func(time.Time) tea.Msg { return retryMsg{gen} })
}

// retry asks every pane its question again.
func (m *Model) retry(msg retryMsg) tea.Cmd {
	if msg.gen != m.retryGen || m.c.store == nil {
		return nil
	}
	m.retryPending = false
	cmds := []tea.Cmd{m.problems.setStore()}
	for _, p := range m.panes {
		cmds = append(cmds, p.SetStore(m.c.store))
	}
	return tea.Batch(cmds...)
}

// storeAnswered: a question was answered, the store works again.
func (m *Model) storeAnswered() {
	if m.storeErr != nil && !m.retryPending {
		m.storeErr = nil
		m.failures = 0
	}
	if !m.retryPending {
		m.failures = 0
	}
}
