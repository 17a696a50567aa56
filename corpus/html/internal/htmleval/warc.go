package htmleval

import (
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// WriteWARC writes every .html page of dir into a gzip WARC at file, one
// gzip member per record, each page as a request and a response, the way
// a crawler archives them; it returns the number of pages.
func WriteWARC(dir, file string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	f, err := os.Create(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	put := func(typ gowarc.RecordType, uri, contentType string, block []byte) error {
		b := gowarc.NewRecordBuilder(typ)
		if _, err := b.Write(block); err != nil {
			return err
		}
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC))
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		b.AddWarcHeader(gowarc.ContentType, contentType)
		rec, _, err := b.Build()
		if err != nil {
			return err
		}
		defer rec.Close()
		zw := gzip.NewWriter(f)
		if _, _, err := gowarc.NewMarshaler().Marshal(zw, rec, 0); err != nil {
			return err
		}
		return zw.Close()
	}
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return 0, err
		}
		uri := "file:///pages/" + name
		if err := put(gowarc.Request, uri, "application/http;msgtype=request", []byte("GET /"+name+" HTTP/1.1\r\n\r\n")); err != nil {
			return 0, err
		}
		head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", len(raw))
		if err := put(gowarc.Response, uri, "application/http;msgtype=response", append([]byte(head), raw...)); err != nil {
			return 0, err
		}
	}
	return len(names), nil
}
