package corpus

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"byline/sanitize"
)

// errBinary marks content that is not text in any encoding byline reads.
var errBinary = errors.New("binary file (NUL bytes), not text")

// Decode turns raw file bytes into clean text: the encoding detected, line
// ends normalised to LF, and escape sequences and controls removed. It also
// returns the name of the encoding it found, for tests.
//
// A byte-order mark decides (x/text's BOMOverride: UTF-8, UTF-16LE or
// UTF-16BE, the mark removed). Without one, byline sniffs: NUL bytes at the
// odd or even positions are UTF-16 without a BOM, other NULs a binary file;
// valid UTF-8 is UTF-8; anything else is read as Windows-1252, which web
// dumps that are not UTF-8 nearly always are (Latin-1 and its curly quotes,
// £ and €), so no byte is lost.
func Decode(raw []byte) (text, encodingName string, err error) {
	return decode(raw, false)
}

// decodeOwned is Decode for a caller that hands raw over: the text may
// share raw's memory instead of copying it (a load reads every file once
// and drops its bytes after decoding), so raw must never change again.
func decodeOwned(raw []byte) (text, encodingName string, err error) {
	return decode(raw, true)
}

func decode(raw []byte, owned bool) (text, encodingName string, err error) {
	bom := bomName(raw)
	fallback, name, err := sniff(raw, bom)
	if err != nil {
		return "", "", err
	}
	dec := unicode.BOMOverride(fallback.NewDecoder())
	switch {
	case bom == "utf-8" && name == "windows-1252":
		// A UTF-8 mark over bytes that are not UTF-8: the bytes are read
		// like any other invalid UTF-8, not replaced with U+FFFD.
		dec, raw = fallback.NewDecoder(), raw[len(utf8BOM):]
	case bom != "":
		name = bom
	}
	var decoded []byte
	if bom == "" && fallback == encoding.Nop {
		// UTF-8 already, the common case: transform.Bytes would only copy.
		decoded = raw
	} else if decoded, _, err = transform.Bytes(dec, raw); err != nil {
		return "", "", err
	} else {
		owned = true // a new buffer, which nothing else holds
	}
	if bytes.IndexByte(decoded, 0) >= 0 {
		return "", "", errBinary
	}
	var s string
	if owned && len(decoded) > 0 {
		s = unsafe.String(unsafe.SliceData(decoded), len(decoded))
	} else {
		s = string(decoded)
	}
	return sanitize.Text(normaliseNewlines(s)), name, nil
}

// sniff names the encoding of text without a byte-order mark (bom is the
// mark's encoding, "" when there is none).
func sniff(raw []byte, bom string) (encoding.Encoding, string, error) {
	if bom == "utf-8" {
		raw = raw[len(utf8BOM):]
	}
	if bom == "" && bytes.IndexByte(raw, 0) >= 0 {
		bigEndian, ok := looksUTF16(raw)
		switch {
		case !ok:
			return nil, "", errBinary
		case bigEndian:
			return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", nil
		default:
			return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", nil
		}
	}
	if utf8.Valid(raw) {
		return encoding.Nop, "utf-8", nil
	}
	return charmap.Windows1252, "windows-1252", nil
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// bomName names the encoding a byte-order mark at the start of raw gives,
// or "" when there is none; the decoding itself is BOMOverride's.
func bomName(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, utf8BOM):
		return "utf-8"
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		return "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return "utf-16be"
	}
	return ""
}

// looksUTF16 recognises BOM-less UTF-16 text: most NULs sit at the odd (LE)
// or even (BE) positions, as they do for ASCII-range characters, while binary
// files scatter them.
func looksUTF16(raw []byte) (bigEndian, ok bool) {
	if len(raw) < 4 || len(raw)%2 != 0 {
		return false, false
	}
	var evenNUL, oddNUL int
	for i, c := range raw {
		if c == 0 {
			if i%2 == 0 {
				evenNUL++
			} else {
				oddNUL++
			}
		}
	}
	pairs := len(raw) / 2
	switch {
	case oddNUL*10 >= pairs*6 && evenNUL*50 <= pairs:
		return false, true
	case evenNUL*10 >= pairs*6 && oddNUL*50 <= pairs:
		return true, true
	}
	return false, false
}

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
