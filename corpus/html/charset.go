package html

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	nethtml "golang.org/x/net/html"
)

// prescanLimit is how far into a page a <meta charset> is looked for. The
// HTML standard says 1024 bytes, but saved pages often carry long comments
// or inline scripts before it; the declaration is still meant.
const prescanLimit = 8 << 10

// decodeCharset turns the raw bytes of a page into UTF-8 text, deciding the
// encoding in this order: a byte-order mark; the HTTP Content-Type header
// (from a WARC record); a <meta charset> or http-equiv declaration; then
// detection from the bytes. Declarations are checked against the bytes, not
// trusted blindly: a page declared as a single-byte charset whose bytes are
// valid UTF-8 with multi-byte sequences is UTF-8 (the common mislabelling:
// a CMS template says ISO-8859-1, the database writes UTF-8), and a page
// declared UTF-8 whose bytes are not is detected. It returns the text (NFC,
// soft hyphens dropped) and the name of the encoding used.
func decodeCharset(raw []byte, contentType string) (string, string) {
	// 1. A byte-order mark settles it.
	switch {
	case bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}):
		return normalise(toValidUTF8(raw[3:])), "utf-8"
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw[2:]), "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw[2:]), "utf-16be"
	}
	declared := headerCharset(contentType)
	if declared == "" {
		declared = metaCharset(raw)
	}
	validUTF8 := utf8.Valid(raw)
	ascii := validUTF8 && isASCII(raw)
	var enc encoding.Encoding
	var name string
	if declared != "" {
		enc, name = charset.Lookup(declared)
	}
	switch {
	case ascii:
		// Pure ASCII reads the same in every declared charset except
		// UTF-16/32 and EBCDIC, which a page whose bytes are all ASCII
		// cannot really be in.
		return normalise(string(raw)), orName(name, "utf-8")
	case strings.HasPrefix(name, "utf-16") && bytes.IndexByte(raw, 0) >= 0:
		return decodeWith(enc, raw), name // UTF-16 without a BOM
	case validUTF8:
		// Non-ASCII bytes that happen to form valid UTF-8 in a page really
		// in another charset are vanishingly rare, while pages declared
		// ISO-8859-1 or windows-1252 but written in UTF-8 are common.
		return normalise(string(raw)), "utf-8"
	case enc != nil && name != "utf-8":
		text := decodeWith(enc, raw)
		if !multiByte(name) || plausibleDecoding(text) {
			return normalise(text), name
		}
		// A multi-byte declaration the bytes do not fit: detect.
	case name == "utf-8" && mostlyUTF8(raw):
		// Declared UTF-8 with a few stray bytes (a pasted Latin-1
		// character): keep UTF-8, replace the strays.
		return normalise(toValidUTF8(raw)), "utf-8"
	}
	// 4. Detection.
	if best, err := chardet.NewHtmlDetector().DetectBest(raw); err == nil && best.Confidence >= 30 {
		if e, n := charset.Lookup(best.Charset); e != nil {
			if n == "utf-8" {
				return normalise(toValidUTF8(raw)), n
			}
			if text := decodeWith(e, raw); plausibleDecoding(text) {
				return normalise(text), n
			}
		}
	}
	// Web pages that are not UTF-8 and say nothing are nearly always
	// Windows-1252 (a superset of Latin-1).
	return normalise(decodeWith(charmap.Windows1252, raw)), "windows-1252"
}

func orName(name, def string) string {
	if name == "" {
		return def
	}
	return name
}

// headerCharset reads charset= from an HTTP Content-Type value.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// metaCharset finds <meta charset="..."> or <meta http-equiv="content-type"
// content="...; charset=..."> near the start of the page.
func metaCharset(raw []byte) string {
	if len(raw) > prescanLimit {
		raw = raw[:prescanLimit]
	}
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return ""
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" {
				continue
			}
			var cs, content string
			pragma := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					pragma = strings.EqualFold(string(v), "content-type")
				case "content":
					content = string(v)
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
			if pragma {
				if c := headerCharset(content); c != "" {
					return c
				}
			}
		}
	}
}

// multiByte reports whether an encoding (by its WHATWG name) uses more than
// one byte per character: there a wrong declaration shows as undecodable
// sequences, while any bytes decode in a single-byte charset.
func multiByte(name string) bool {
	switch name {
	case "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr", "gbk", "gb18030", "big5", "utf-16le", "utf-16be", "utf-8":
		return true
	}
	return false
}

// plausibleDecoding is false when more than 1% of the decoded characters
// are replacement characters: the bytes are not in that encoding.
func plausibleDecoding(text string) bool {
	bad, n := 0, 0
	for _, r := range text {
		n++
		if r == utf8.RuneError {
			bad++
		}
	}
	return bad*100 <= n
}

// mostlyUTF8 is true when invalid sequences are rare among the non-ASCII
// bytes: a UTF-8 page with a few stray bytes.
func mostlyUTF8(raw []byte) bool {
	bad, multi := 0, 0
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		switch {
		case r == utf8.RuneError && size <= 1:
			bad++
		case size > 1:
			multi++
		}
		raw = raw[max(size, 1):]
	}
	return bad*20 <= multi
}

func isASCII(raw []byte) bool {
	for _, c := range raw {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func decodeWith(e encoding.Encoding, raw []byte) string {
	out, _, err := transform.Bytes(e.NewDecoder(), raw)
	if err != nil {
		return toValidUTF8(raw)
	}
	return string(out)
}

func toValidUTF8(raw []byte) string {
	return strings.ToValidUTF8(string(raw), "\uFFFD")
}

// normalise composes the text (NFC: a decomposed "é" matches its composed
// form when filtering) and drops soft hyphens, which only hint where a
// browser may break a word. It works on the whole string: the streaming
// transformer go-shiori/dom chains for the same job fails with "transform:
// short internal buffer" on long runs of combining characters (seen on
// Korean pages), losing the page.
func normalise(s string) string {
	s = strings.ReplaceAll(s, "\u00ad", "")
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
