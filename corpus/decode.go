package corpus

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"byline/sanitize"
)

// errBinary marks content that is not text in any encoding byline reads.
var errBinary = errors.New("binary file (NUL bytes), not text")

// Decode turns raw file bytes into clean text: the encoding detected (UTF-8
// with or without BOM, UTF-16 with BOM or recognisably without, otherwise
// Windows-1252 for bytes that are not valid UTF-8), line ends normalised to
// LF, and escape sequences and controls removed. It also returns the name of
// the encoding it found, for problem messages and tests.
func Decode(raw []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}):
		raw, encoding = raw[3:], "utf-8"
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		text, encoding = decodeUTF16(raw[2:], false), "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		text, encoding = decodeUTF16(raw[2:], true), "utf-16be"
	}
	if encoding == "" || encoding == "utf-8" {
		if bytes.IndexByte(raw, 0) >= 0 {
			bigEndian, ok := looksUTF16(raw)
			if !ok {
				return "", "", errBinary
			}
			text = decodeUTF16(raw, bigEndian)
			encoding = map[bool]string{false: "utf-16le", true: "utf-16be"}[bigEndian]
		} else if utf8.Valid(raw) {
			text, encoding = string(raw), "utf-8"
		} else {
			// Web dumps that are not UTF-8 are nearly always Latin-1 or its
			// superset Windows-1252 (curly quotes, £, €).
			decoded, derr := charmap.Windows1252.NewDecoder().Bytes(raw)
			if derr != nil {
				return "", "", derr
			}
			text, encoding = string(decoded), "windows-1252"
		}
	}
	if strings.IndexByte(text, 0) >= 0 {
		return "", "", errBinary
	}
	return sanitize.Text(normaliseNewlines(text)), encoding, nil
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

func decodeUTF16(raw []byte, bigEndian bool) string {
	units := make([]uint16, len(raw)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		} else {
			units[i] = uint16(raw[2*i+1])<<8 | uint16(raw[2*i])
		}
	}
	return string(utf16.Decode(units))
}

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
