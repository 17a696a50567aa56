package tui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"byline/model"
)

// BenchmarkFirstFrame: what the browser does before its first frame —
// a model, its first size, its first View — while the corpus loads.
func BenchmarkFirstFrame(b *testing.B) {
	load := func(ctx context.Context, _ func(model.Progress)) (*model.Corpus, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		m := New(ctx, Config{Load: load, Title: "bench"}).(*Model)
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
		_ = m.View()
		cancel()
	}
}

// BenchmarkViewWide: one frame of the three-column layout with an article
// open and lists full.
func BenchmarkViewWide(b *testing.B) {
	m := newTest(b, 180, 50)
	press(b, m, "down", "enter", "3")
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}
