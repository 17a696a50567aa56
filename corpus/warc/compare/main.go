// Command compare measures the three Go WARC readers byline could use on
// the same synthetic archives (one gzip member per record, as crawlers
// write them): how many HTML responses each reads correctly from a clean
// archive and from archives with a broken record in the middle (corrupt
// deflate data, a truncated member, a wrong Content-Length), its speed and
// its peak memory. It is a separate module so that the two libraries not
// chosen stay out of byline's go.mod:
//
//	cd corpus/warc/compare && go run . [-records N]
//
// The figures are in the README's Dependencies section.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	corentin "github.com/CorentinB/warc"
	iawarc "github.com/internetarchive/gowarc"
	nlnwa "github.com/nlnwa/gowarc/v3"
)

func main() {
	records := flag.Int("records", 20000, "HTML responses in the speed archive")
	lib := flag.String("lib", "", "(internal) read one archive with one library and print its result")
	file := flag.String("file", "", "(internal) the archive")
	flag.Parse()
	if *lib != "" {
		res := read(*lib, *file)
		fmt.Printf("%d %d %d %s\n", res.ok, res.bad, res.errors, strings.ReplaceAll(res.firstErr, "\n", " "))
		return
	}
	dir, err := os.MkdirTemp("", "warccompare")
	check(err)
	defer os.RemoveAll(dir)
	exe, err := os.Executable()
	check(err)

	cases := []struct{ name, file, note string }{
		{"clean", "clean.warc.gz", "200 responses"},
		{"corrupt deflate data in record 100", "corrupt.warc.gz", "199 readable"},
		{"truncated gzip member at record 100", "truncated.warc.gz", "199 readable"},
		{"wrong Content-Length at record 100 (uncompressed)", "badlength.warc", "199 readable"},
	}
	writeArchive(filepath.Join(dir, "clean.warc.gz"), 200, true, -1, "")
	writeArchive(filepath.Join(dir, "corrupt.warc.gz"), 200, true, 100, "corrupt")
	writeArchive(filepath.Join(dir, "truncated.warc.gz"), 200, true, 100, "truncate")
	writeArchive(filepath.Join(dir, "badlength.warc"), 200, false, 100, "length")
	speed := filepath.Join(dir, "speed.warc.gz")
	size := writeArchive(speed, *records, true, -1, "")
	info, _ := os.Stat(speed)

	libs := []string{"nlnwa/gowarc/v3", "internetarchive/gowarc", "CorentinB/warc"}
	fmt.Println("| case | " + strings.Join(libs, " | ") + " |")
	fmt.Println("| --- | --- | --- | --- |")
	for _, c := range cases {
		row := []string{c.name + " (" + c.note + ")"}
		for _, l := range libs {
			out, _, _ := run(exe, l, filepath.Join(dir, c.file))
			var ok, bad, errs int
			var first string
			fmt.Sscanf(out, "%d %d %d", &ok, &bad, &errs)
			if i := nthSpace(out, 3); i > 0 {
				first = strings.TrimSpace(out[i:])
			}
			cell := fmt.Sprintf("%d read", ok)
			if bad > 0 {
				cell += fmt.Sprintf(", %d wrong", bad)
			}
			switch {
			case errs > 0 && ok+bad > 100:
				cell += fmt.Sprintf("; the bad record is an error (%.50s) and reading goes on", first)
			case errs > 0:
				cell += fmt.Sprintf("; stops at the bad record (%.50s)", first)
			}
			row = append(row, cell)
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	row := []string{fmt.Sprintf("speed (decompressed MB per CPU second) and peak RSS, %d responses, %.0f MB (%.0f MB decompressed)", *records, float64(info.Size())/1e6, float64(size)/1e6)}
	for _, l := range libs {
		out, cpu, rss := run(exe, l, speed)
		var ok int
		fmt.Sscanf(out, "%d", &ok)
		row = append(row, fmt.Sprintf("%d read, %.0f MB/s, %d MB", ok, float64(size)/1e6/cpu.Seconds(), rss>>20))
	}
	fmt.Println("| " + strings.Join(row, " | ") + " |")
}

func nthSpace(s string, n int) int {
	for i, c := range s {
		if c == ' ' {
			n--
			if n == 0 {
				return i
			}
		}
	}
	return -1
}

// run reads one archive with one library in a child process, for its own
// CPU time (wall time on a shared machine measures the neighbours) and
// peak RSS.
func run(exe, lib, file string) (string, time.Duration, int64) {
	cmd := exec.Command(exe, "-lib", lib, "-file", file)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	_ = cmd.Run()
	var cpu time.Duration
	var rss int64
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = u.Maxrss << 10
		cpu = time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}
	return out.String(), cpu, rss
}

// ---- the archives ----

var words = strings.Fields(`the minister said on tuesday that port strike talks would resume after a
weekend of arbitration union members voted to accept the offer which guarantees jobs until two thousand
and twenty nine harbour authority chief executive called the deal fair and affordable critics warned`)

// page is a deterministic HTML page for record i.
func page(i int) []byte {
	r := rand.New(rand.NewSource(int64(i)))
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=utf-8><title>Story %d</title></head><body><article><h1>Story %d</h1>", i, i)
	for p := 0; p < 8+r.Intn(8); p++ {
		b.WriteString("<p>")
		for w := 0; w < 60+r.Intn(60); w++ {
			b.WriteString(words[r.Intn(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>")
	}
	b.WriteString("</article></body></html>")
	return b.Bytes()
}

func record(typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n", typ, rand.Uint32())
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func response(i int) []byte {
	body := page(i)
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(body))
	return record("response", fmt.Sprintf("https://news.example/story/%d", i), "application/http;msgtype=response", append([]byte(head), body...))
}

// writeArchive writes warcinfo, then per story a request, a response and
// an image resource; the response of story broken gets the damage named.
// It returns the archive's decompressed size.
func writeArchive(file string, stories int, gz bool, broken int, damage string) int64 {
	f, err := os.Create(file)
	check(err)
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	var size int64
	put := func(rec []byte, dmg string) {
		size += int64(len(rec))
		if dmg == "length" {
			rec = bytes.Replace(rec, []byte("Content-Length: "), []byte("Content-Length: 9"), 1)
		}
		if !gz {
			w.Write(rec)
			return
		}
		var m bytes.Buffer
		zw := gzip.NewWriter(&m)
		zw.Write(rec)
		zw.Close()
		b := m.Bytes()
		switch dmg {
		case "corrupt":
			for k := len(b) / 2; k < len(b)/2+16; k++ {
				b[k] ^= 0x5a
			}
		case "truncate":
			b = b[:len(b)/2]
		}
		w.Write(b)
	}
	put(record("warcinfo", "", "application/warc-fields", []byte("software: warccompare\r\nformat: WARC File Format 1.1\r\n")), "")
	for i := 0; i < stories; i++ {
		put(record("request", fmt.Sprintf("https://news.example/story/%d", i), "application/http;msgtype=request",
			[]byte(fmt.Sprintf("GET /story/%d HTTP/1.1\r\nHost: news.example\r\n\r\n", i))), "")
		dmg := ""
		if i == broken {
			dmg = damage
		}
		put(response(i), dmg)
		img := bytes.Repeat([]byte{0xff, 0xd8, 0x00, 0x11}, 512)
		put(record("resource", fmt.Sprintf("https://news.example/img/%d.jpg", i), "image/jpeg", img), "")
	}
	return size
}

// ---- reading ----

type result struct {
	ok, bad, errors int
	firstErr        string
}

// note checks a response's HTML payload against the page it should be.
func (r *result) note(uri string, payload []byte) {
	var i int
	if _, err := fmt.Sscanf(uri, "https://news.example/story/%d", &i); err != nil {
		r.bad++
		return
	}
	if sha1.Sum(payload) == sha1.Sum(page(i)) {
		r.ok++
	} else {
		r.bad++
	}
}

func (r *result) fail(err error) {
	r.errors++
	if r.firstErr == "" {
		r.firstErr = err.Error()
	}
}

// httpPayload strips the HTTP status line and headers from a response block.
func httpPayload(block []byte) []byte {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

func read(lib, file string) (res result) {
	f, err := os.Open(file)
	check(err)
	defer f.Close()
	switch lib {
	case "nlnwa/gowarc/v3":
		wf, err := nlnwa.NewWarcFileReaderFromStream(f, 0, nlnwa.WithSyntaxErrorPolicy(nlnwa.ErrWarn),
			nlnwa.WithSpecViolationPolicy(specPolicy()), nlnwa.WithBufferMaxMemBytes(1<<20))
		check(err)
		defer wf.Close()
		for tries := 0; tries < 100000; tries++ {
			rec, err := wf.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				res.fail(err)
				if rec.WarcRecord == nil {
					continue // the reader resynchronises on the next record's magic
				}
			}
			wr := rec.WarcRecord
			if wr.Type() == nlnwa.Response {
				if hb, ok := wr.Block().(nlnwa.HttpResponseBlock); ok {
					r, err := hb.PayloadBytes()
					if err == nil {
						b, _ := io.ReadAll(r)
						res.note(wr.WarcHeader().Get(nlnwa.WarcTargetURI), b)
					}
				}
			}
			rec.Close()
		}
	case "internetarchive/gowarc":
		r, err := iawarc.NewReader(f)
		check(err)
		for tries := 0; tries < 100000; tries++ {
			rec, err := r.ReadRecord()
			if err == io.EOF {
				return
			}
			if err != nil {
				res.fail(err)
				return // the stream position is lost; nothing to resume from
			}
			if rec.Header.Get("WARC-Type") == "response" {
				b, _ := io.ReadAll(rec.Content)
				res.note(rec.Header.Get("WARC-Target-URI"), httpPayload(b))
			}
			rec.Content.Close()
		}
	case "CorentinB/warc":
		r, err := corentin.NewReader(f)
		if err != nil {
			res.fail(err)
			return
		}
		for tries := 0; tries < 100000; tries++ {
			rec, err := r.ReadRecord()
			if err == io.EOF && (rec == nil || rec.Header == nil) {
				return
			}
			if err != nil && err != io.EOF {
				res.fail(err)
				return
			}
			if rec.Header.Get("WARC-Type") == "response" {
				b, _ := io.ReadAll(rec.Content)
				res.note(rec.Header.Get("WARC-Target-URI"), httpPayload(b))
			}
			rec.Content.Close()
			if err == io.EOF {
				return
			}
		}
	}
	return
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func specPolicy() nlnwa.ErrorPolicy {
	if os.Getenv("SPEC") == "ignore" {
		return nlnwa.ErrIgnore
	}
	return nlnwa.ErrWarn
}
