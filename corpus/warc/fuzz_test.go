package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"testing"
)

func rec(typ, uri, ct, block string) []byte {
	return []byte(fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", typ, uri, ct, len(block), block))
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// seekable wraps bytes so that Read takes its member-by-member path.
type seekable struct{ *bytes.Reader }

// FuzzRead: reading any bytes as a WARC never panics or hangs, pages stay
// within the cap, and every record counted is a page, skipped or broken.
func FuzzRead(f *testing.F) {
	page := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The port reopened.</p>"
	plain := append(rec("warcinfo", "", "application/warc-fields", "a: b\r\n"), rec("response", "https://x.example/", "application/http;msgtype=response", page)...)
	member := gz(rec("response", "https://x.example/", "application/http;msgtype=response", page))
	f.Add(plain, false)
	f.Add(append(append(gz(plain[:40]), member...), member[:len(member)/2]...), true)
	f.Add(append(member, member...), true)
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"), false)
	f.Add(gz(rec("response", "h", "application/http;msgtype=response", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n")), true)
	f.Fuzz(func(t *testing.T, data []byte, seek bool) {
		var r interface {
			Read([]byte) (int, error)
		} = bytes.NewBuffer(data)
		if seek {
			r = seekable{bytes.NewReader(data)}
		}
		pages := 0
		st, err := Read(context.Background(), r, 1<<10, func(p Page) error {
			pages++
			if len(p.Payload) > 1<<10 {
				t.Errorf("payload of %d bytes over the cap", len(p.Payload))
			}
			return nil
		})
		if err != nil {
			return
		}
		skipped := 0
		for _, n := range st.Skipped {
			skipped += n
		}
		for _, n := range st.Structural {
			skipped += n
		}
		if st.Pages != pages || (st.Records != pages+skipped+len(st.Broken) && st.Skipped["unreadable"] == 0) {
			t.Errorf("records %d = pages %d + skipped %d + broken %d?", st.Records, pages, skipped, len(st.Broken))
		}
	})
}
