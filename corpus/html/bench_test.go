package html

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads the dev HTML pages (../shared/eval/cleaning/html):
// pages per second of one core.
func BenchmarkRead(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "cleaning", "html")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) == 0 {
		b.Skip("no dev pages: ../shared is not beside the project")
	}
	var pages [][]byte
	var size int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		size += int64(len(raw))
	}
	b.SetBytes(size / int64(len(pages)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(Input{Raw: pages[i%len(pages)]}); err != nil && err != ErrNoText {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
