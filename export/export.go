// Package export writes byline's records — the structs of package model
// that `--json` prints — as CSV (RFC 4180, UTF-8, a header row) or as JSON
// Lines. The CSV columns are the JSON fields, in the same order with the
// same names, so the two never disagree: a list becomes its items joined
// by "; ", a nested value its JSON.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

// Format is a file format for records.
type Format int

const (
	CSV Format = iota
	JSONLines
)

func (f Format) String() string {
	if f == JSONLines {
		return "JSON Lines"
	}
	return "CSV"
}

// FormatOf is the format a file name asks for: JSON Lines for .jsonl,
// .ndjson and .json, CSV otherwise.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONLines
	}
	return CSV
}

// Write writes records in format f.
func Write[T any](w io.Writer, f Format, records []T) error {
	enc, err := NewEncoder[T](w, f)
	if err != nil {
		return err
	}
	for _, r := range records {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return enc.Flush()
}

// WriteJSONLines writes one JSON object a line, as `--json` does.
func WriteJSONLines[T any](w io.Writer, records []T) error { return Write(w, JSONLines, records) }

// WriteCSV writes a header row of T's JSON field names, then a row per
// record. The header is written even when there are no records.
func WriteCSV[T any](w io.Writer, records []T) error { return Write(w, CSV, records) }

// Encoder writes records one at a time (a list streamed from a database
// without holding it): CSV's header row first, even with no records.
type Encoder[T any] struct {
	f    Format
	bw   *bufio.Writer
	json *json.Encoder
	cw   *csv.Writer
	cols []column
	row  []string
}

// NewEncoder starts writing records of type T in format f.
func NewEncoder[T any](w io.Writer, f Format) (*Encoder[T], error) {
	e := &Encoder[T]{f: f}
	if f == JSONLines {
		e.bw = bufio.NewWriterSize(w, 64<<10)
		e.json = json.NewEncoder(e.bw)
		e.json.SetEscapeHTML(false)
		return e, nil
	}
	typ := reflect.TypeFor[T]()
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct {
		return nil, fmt.Errorf("export: %v is not a struct", typ)
	}
	e.cols = columns(typ, nil)
	e.cw = csv.NewWriter(w)
	header := make([]string, len(e.cols))
	for i, c := range e.cols {
		header[i] = c.name
	}
	e.row = make([]string, len(e.cols))
	return e, e.cw.Write(header)
}

// Encode writes one record.
func (e *Encoder[T]) Encode(r T) error {
	if e.json != nil {
		return e.json.Encode(r)
	}
	v := reflect.ValueOf(r)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			break
		}
		v = v.Elem()
	}
	for i, c := range e.cols {
		e.row[i] = cell(v.FieldByIndex(c.index))
	}
	return e.cw.Write(e.row)
}

// Flush writes what is buffered; call it after the last record.
func (e *Encoder[T]) Flush() error {
	if e.bw != nil {
		return e.bw.Flush()
	}
	e.cw.Flush()
	return e.cw.Error()
}

type column struct {
	name  string
	index []int
}

// columns are the JSON fields of t, embedded structs flattened as
// encoding/json flattens them.
func columns(t reflect.Type, at []int) []column {
	var out []column
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		index := append(append([]int(nil), at...), i)
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, columns(f.Type, index)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, column{name: name, index: index})
	}
	return out
}

// cell is a field's value as text: strings as they are, lists of strings
// joined by "; ", anything else as its JSON.
func cell(v reflect.Value) string {
	if m, ok := v.Interface().(interface{ MarshalText() ([]byte, error) }); ok {
		if b, err := m.MarshalText(); err == nil {
			return string(b)
		}
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			parts := make([]string, v.Len())
			for i := range parts {
				parts[i] = v.Index(i).String()
			}
			return strings.Join(parts, "; ")
		}
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return ""
	}
	return string(b)
}
