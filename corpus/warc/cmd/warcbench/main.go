// Command warcbench writes a synthetic WARC archive of a given size (news
// pages of realistic size, one gzip member per record, with the request
// and image records a crawl has) and streams it the way byline does,
// printing the time and the peak memory: peak RSS must not grow with the
// archive's size.
//
//	go run ./corpus/warc/cmd/warcbench -size 1g            # read the records
//	go run ./corpus/warc/cmd/warcbench -size 1g -extract   # and extract every page (2 workers)
//	go run ./corpus/warc/cmd/warcbench -file crawl.warc.gz # an archive you have
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"byline/corpus/html"
	"byline/corpus/warc"
)

func main() {
	size := flag.String("size", "256m", "archive size to write (k, m, g suffixes)")
	file := flag.String("file", "", "read this archive instead of writing one")
	keep := flag.Bool("keep", false, "keep the written archive (its path is printed)")
	extract := flag.Bool("extract", false, "extract every page too, on GOMAXPROCS workers")
	flag.Parse()
	path := *file
	if path == "" {
		n, err := parseSize(*size)
		check(err)
		dir, err := os.MkdirTemp("", "warcbench")
		check(err)
		if !*keep {
			defer os.RemoveAll(dir)
		}
		path = filepath.Join(dir, "synthetic.warc.gz")
		start := time.Now()
		pages := write(path, n)
		fmt.Printf("wrote %s: %d pages in %.1fs\n", path, pages, time.Since(start).Seconds())
	}
	info, err := os.Stat(path)
	check(err)
	f, err := os.Open(path)
	check(err)
	defer f.Close()

	var payload int64
	var pages, words int
	var mu sync.Mutex
	work := make(chan warc.Page, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	if *extract {
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range work {
					pg, err := html.Read(html.Input{Raw: p.Payload, URL: p.URI, ContentType: p.ContentType, Fetched: p.Fetched})
					if err == nil {
						n := 0
						for _, b := range pg.Body {
							n += len(strings.Fields(b))
						}
						mu.Lock()
						words += n
						mu.Unlock()
					}
				}
			}()
		}
	}
	cpu0 := cpuTime()
	start := time.Now()
	st, err := warc.Read(context.Background(), f, 8<<20, func(p warc.Page) error {
		pages++
		payload += int64(len(p.Payload))
		if *extract {
			work <- p
		}
		return nil
	})
	close(work)
	wg.Wait()
	check(err)
	wall, cpu := time.Since(start), cpuTime()-cpu0
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("archive %.0f MB, %d records, %d pages (%.0f MB of HTML), %d broken\n",
		float64(info.Size())/1e6, st.Records, pages, float64(payload)/1e6, len(st.Broken))
	fmt.Printf("read in %.1fs wall, %.1fs CPU: %.0f pages per CPU second", wall.Seconds(), cpu.Seconds(), float64(pages)/cpu.Seconds())
	if *extract {
		fmt.Printf(" (%d words extracted)", words)
	}
	fmt.Printf("\npeak RSS %.0f MB\n", float64(ru.Maxrss)/1024)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var vocabulary = strings.Fields(`the minister said on tuesday that port strike talks would resume after a weekend of
arbitration union members voted to accept the offer which guarantees jobs until the end of the decade harbour
authority chief executive called the deal fair and affordable while critics warned that automation would cost
hundreds of posts in the town over the coming years according to figures published by the council last month`)

// page is a synthetic news page of about 60 KB: navigation, an article of
// a few hundred words, related links and a footer, as saved pages are.
func page(r *rand.Rand, i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story %d | The Harbour Daily</title>
<meta property="og:site_name" content="The Harbour Daily"><meta property="article:published_time" content="2024-03-%02dT09:%02d:00+01:00">
<meta name="author" content="Reporter %d"><style>`, i, 1+i%28, i%60, i%40)
	b.WriteString(strings.Repeat(".nav a{color:#333;margin:0 4px} ", 600))
	b.WriteString(`</style></head><body><nav>`)
	for k := 0; k < 60; k++ {
		fmt.Fprintf(&b, `<a href="/section/%d">Section %d</a> `, k, k)
	}
	fmt.Fprintf(&b, `</nav><article><h1>Story %d</h1>`, i)
	for p := 0; p < 6+r.Intn(10); p++ {
		b.WriteString("<p>")
		for w := 0; w < 40+r.Intn(60); w++ {
			b.WriteString(vocabulary[r.Intn(len(vocabulary))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article><aside class="related">`)
	for k := 0; k < 20; k++ {
		fmt.Fprintf(&b, `<a href="/story/%d">Another story %d</a>`, r.Intn(100000), k)
	}
	b.WriteString(`</aside><footer>© The Harbour Daily</footer><script>`)
	b.WriteString(strings.Repeat("var x=1;", 1000))
	b.WriteString(`</script></body></html>`)
	return []byte(b.String())
}

func record(w *bufio.Writer, zw *gzip.Writer, typ, uri, contentType string, block []byte) {
	zw.Reset(w)
	fmt.Fprintf(zw, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		typ, rand.Uint32(), uri, contentType, len(block))
	zw.Write(block)
	zw.Write([]byte("\r\n\r\n"))
	zw.Close()
}

// write writes pages (each with its request and an image) until the file
// reaches size bytes.
func write(path string, size int64) int {
	f, err := os.Create(path)
	check(err)
	defer f.Close()
	cw := &counter{w: f}
	w := bufio.NewWriterSize(cw, 1<<20)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	r := rand.New(rand.NewSource(1))
	img := make([]byte, 30<<10)
	n := 0
	for ; cw.n+int64(w.Buffered()) < size; n++ {
		uri := fmt.Sprintf("https://harbour.example/story/%d", n)
		record(w, zw, "request", uri, "application/http;msgtype=request", []byte("GET /story/"+strconv.Itoa(n)+" HTTP/1.1\r\nHost: harbour.example\r\n\r\n"))
		body := page(r, n)
		head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
		record(w, zw, "response", uri, "application/http;msgtype=response", append([]byte(head), body...))
		r.Read(img) // incompressible, as images are
		record(w, zw, "resource", uri+".jpg", "image/jpeg", img)
	}
	check(w.Flush())
	return n
}

type counter struct {
	w *os.File
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch strings.ToLower(s[len(s)-1:]) {
	case "k":
		mult = 1 << 10
	case "m":
		mult = 1 << 20
	case "g":
		mult = 1 << 30
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseFloat(s, 64)
	return int64(n * float64(mult)), err
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "warcbench:", err)
		os.Exit(1)
	}
}
