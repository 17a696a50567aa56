package corpus

import (
	"context"
	"io/fs"
	"path/filepath"
	"runtime"
	"testing"

	"byline/internal/cputime"
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
