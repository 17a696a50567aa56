package corpus

import (
	"context"
	"io/fs"
	"path/filepath"
	"runtime"
	"testing"

	"byline/corpus/quotes"
	"byline/internal/cputime"
	"byline/model"
)

// BenchmarkLoadBBC measures load throughput (MB/s, all cores) over the BBC
// corpus: walking, reading, decoding, cleaning, quotes and speakers.
func BenchmarkLoadBBC(b *testing.B) {
	dir := sharedDir(b, "corpus/bbc")
	var size int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cores")
	done := cputime.Report(b)
	for b.Loop() {
		c, err := Load(context.Background(), []string{dir}, Options{})
		if err != nil || len(c.Articles) == 0 {
			b.Fatalf("load: %v", err)
		}
	}
	done()
}

// BenchmarkMergeBBC measures the corpus-wide speaker merge (quotes.Merge,
// one core) over the BBC corpus's quotations as extraction left them.
func BenchmarkMergeBBC(b *testing.B) {
	dir := sharedDir(b, "corpus/bbc")
	c, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Load merged them: extract again for the speakers as written.
	extracted := make([][]model.Quote, len(c.Articles))
	for i, a := range c.Articles {
		extracted[i] = extractQuotes(a)
	}
	done := cputime.Report(b)
	for b.Loop() {
		b.StopTimer()
		for i, a := range c.Articles {
			a.Quotes = append(a.Quotes[:0], extracted[i]...)
		}
		b.StartTimer()
		quotes.Merge(c.Articles)
	}
	done()
}
