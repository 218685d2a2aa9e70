package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// MaxDepth is the deepest JSON nesting Decode accepts. The format itself needs fewer than ten
// levels; the bound keeps a hostile document from exhausting the stack.
const MaxDepth = 64

// Decode decodes a model file strictly. Every problem is reported at once as Errors, sorted by
// path: unknown keys (ErrUnknownField, with a "did you mean" suggestion), values of the wrong JSON
// type (ErrInvalidValue), and malformed JSON (ErrInvalidValue with line and column). The meaning
// of the model is not checked here: compile it with package plan.
func Decode(data []byte) (*File, error) {
	var f File
	if err := decodeInto(data, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// DecodeInto decodes data strictly into v, which must be a pointer to one of this package's types
// (or to any struct made of strings, numbers, booleans, slices, string-keyed maps and pointers with
// json tags). Errors are as for Decode; paths are relative to v.
func DecodeInto(data []byte, v any) error { return decodeInto(data, v) }

func decodeInto(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return Errors{{Msg: fmt.Sprintf("cannot decode into %T", v), Err: ErrInvalidValue}}
	}
	tree, err := parse(data)
	if err != nil {
		return Errors{err.(*Error)}
	}
	// Check the tree against the Go types and fill a fresh value in the same walk; v is only set
	// when the whole document is valid.
	out := reflect.New(rv.Type().Elem())
	c := checker{fields: map[reflect.Type]map[string]fieldInfo{}}
	c.check(tree, out.Elem())
	if len(c.errs) > 0 {
		slices.SortStableFunc(c.errs, func(a, b *Error) int { return strings.Compare(a.Path, b.Path) })
		return c.errs
	}
	rv.Elem().Set(out.Elem())
	return nil
}

// parse reads data into a generic tree (objects, arrays, json.Number, strings, booleans, nil),
// reporting malformed JSON with its line and column.
func parse(data []byte) (any, error) {
	if err := checkDepth(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, syntaxError(data, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		line, col := position(data, off)
		return nil, &Error{Line: line, Column: col, Err: ErrInvalidValue,
			Msg: "unexpected data after the end of the JSON document"}
	}
	return tree, nil
}

// checkDepth rejects documents nested deeper than MaxDepth before they are decoded.
func checkDepth(data []byte) error {
	depth := 0
	inString, escaped := false, false
	for i, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > MaxDepth {
				line, col := position(data, int64(i))
				return &Error{Line: line, Column: col, Err: ErrInvalidValue,
					Msg: fmt.Sprintf("JSON nested deeper than %d levels", MaxDepth)}
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

func syntaxError(data []byte, err error, fallback int64) *Error {
	off := fallback
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
		off = int64(len(data))
	}
	line, col := position(data, off)
	return &Error{Line: line, Column: col, Err: ErrInvalidValue, Msg: "malformed JSON: " + msg}
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

type fieldInfo struct {
	typ   reflect.Type
	index int
}

// checker walks the tree. path is the location of the value being checked, kept as a byte
// buffer that grows and shrinks with the walk, so that a valid document costs no path strings.
type checker struct {
	fields map[reflect.Type]map[string]fieldInfo
	errs   Errors
	path   []byte
}

func (c *checker) add(path, msg string, err error) {
	c.errs = append(c.errs, &Error{Path: path, Msg: msg, Err: err})
}

// here returns the current path as a string.
func (c *checker) here() string { return string(c.path) }

// at checks v against rv at the path extended by a key (or an index when key is "" and i >= 0).
func (c *checker) at(v any, rv reflect.Value, key string, i int) {
	n := len(c.path)
	if i >= 0 {
		c.path = append(c.path, '[')
		c.path = strconv.AppendInt(c.path, int64(i), 10)
		c.path = append(c.path, ']')
	} else {
		c.path = appendKey(c.path, key)
	}
	c.check(v, rv)
	c.path = c.path[:n]
}

func (c *checker) structFields(t reflect.Type) map[string]fieldInfo {
	if m, ok := c.fields[t]; ok {
		return m
	}
	m := make(map[string]fieldInfo, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = fieldInfo{typ: f.Type, index: i}
	}
	c.fields[t] = m
	return m
}

func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

// check checks the JSON value v against the type of the settable rv and stores it there,
// recording every mismatch with its path.
func (c *checker) check(v any, rv reflect.Value) {
	if v == nil {
		// null is the zero value of any type, as in encoding/json.
		return
	}
	t := rv.Type()
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		c.check(v, p.Elem())
		rv.Set(p)
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected an object, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		fields := c.structFields(t)
		for k, e := range obj {
			fi, ok := fields[k]
			if !ok {
				msg := fmt.Sprintf("unknown key %s", quote(k))
				if s := suggest(k, fields); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				c.add(join(c.here(), k), msg, ErrUnknownField)
				continue
			}
			c.at(e, rv.Field(fi.index), k, -1)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected an array, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		sl := reflect.MakeSlice(t, len(arr), len(arr))
		for i, e := range arr {
			c.at(e, sl.Index(i), "", i)
		}
		rv.Set(sl)
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected an object, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for k, x := range obj {
			e := reflect.New(t.Elem()).Elem()
			c.at(x, e, k, -1)
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		rv.Set(m)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected a string, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected true or false, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(json.Number)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected a whole number, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || i > math.MaxInt32 || i < math.MinInt32 {
			c.add(c.here(), fmt.Sprintf("expected a whole number, got %s", quote(string(n))), ErrInvalidValue)
			return
		}
		rv.SetInt(i)
	case reflect.Float64, reflect.Float32:
		n, ok := v.(json.Number)
		if !ok {
			c.add(c.here(), fmt.Sprintf("expected a number, got %s", kindName(v)), ErrInvalidValue)
			return
		}
		f, err := strconv.ParseFloat(string(n), t.Bits())
		if err != nil {
			c.add(c.here(), fmt.Sprintf("expected a number, got %s", quote(string(n))), ErrInvalidValue)
			return
		}
		rv.SetFloat(f)
	case reflect.Interface:
		rv.Set(reflect.ValueOf(v))
	default:
		c.add(c.here(), fmt.Sprintf("unsupported Go type %s", t), ErrInvalidValue)
	}
}

// join appends a key to a path, in bracket form when the key is not a plain identifier.
func join(path, key string) string { return string(appendKey([]byte(path), key)) }

// appendKey appends a key to a path held in a byte slice (see join).
func appendKey(path []byte, key string) []byte {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	if !plain {
		path = append(path, '[')
		path = append(path, quote(key)...)
		return append(path, ']')
	}
	if len(path) > 0 {
		path = append(path, '.')
	}
	return append(path, key...)
}

// suggest returns the known key closest to k (case-insensitive edit distance at most 2, or equal
// ignoring case), or "".
func suggest(k string, fields map[string]fieldInfo) string {
	best, bestD := "", 3
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if d := distance(strings.ToLower(k), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, giving up (returning 3) on long inputs.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 3
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
