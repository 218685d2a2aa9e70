package variables

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A value that holds a JSON object or array can be addressed by path ("Config.Db.Host",
// "Sizes[0].Price") and iterated by each. The reading is lenient as Octopus's is: object keys may
// be bare words and strings may be in single quotes.

// jsonNode is a parsed JSON value.
type jsonNode struct {
	kind byte   // 'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 'z' null or absent
	s    string // the text of a scalar as a binding prints it; of an object or array once built
	done bool   // s holds the text of an object or array
	keys []string
	vals []*jsonNode // members of an object, elements of an array
}

var absentJSON = &jsonNode{kind: 'z', done: true}

// parseJSON reads s as a JSON object or array; nil when s is not one. depth bounds the nesting.
func parseJSON(s string, depth int) (*jsonNode, bool) {
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil, false
	}
	r := jsonReader{s: t, depth: depth}
	n := r.value(0)
	r.space()
	if n == nil || r.i != len(r.s) {
		return nil, r.deep
	}
	return n, false
}

type jsonReader struct {
	s     string
	i     int
	depth int
	deep  bool // the nesting went past depth
}

func (r *jsonReader) space() {
	for r.i < len(r.s) && isSpace(r.s[r.i]) {
		r.i++
	}
}

func (r *jsonReader) value(depth int) *jsonNode {
	r.space()
	if r.i >= len(r.s) {
		return nil
	}
	switch c := r.s[r.i]; c {
	case '{', '[':
		if depth >= r.depth {
			r.deep = true
			return nil
		}
		return r.composite(c, depth)
	case '"', '\'':
		s, ok := r.str()
		if !ok {
			return nil
		}
		return &jsonNode{kind: 's', s: s}
	}
	w := r.bare()
	switch w {
	case "":
		return nil
	case "true":
		return &jsonNode{kind: 'b', s: "True"}
	case "false":
		return &jsonNode{kind: 'b', s: "False"}
	case "null":
		return absentJSON
	}
	if _, err := strconv.ParseFloat(w, 64); err != nil || strings.ContainsAny(w, "xX_pPnN") {
		return nil
	}
	return &jsonNode{kind: 'n', s: w}
}

// composite reads an object or array opening with c.
func (r *jsonReader) composite(c byte, depth int) *jsonNode {
	n := &jsonNode{kind: 'a'}
	end := byte(']')
	if c == '{' {
		n.kind, end = 'o', '}'
	}
	r.i++
	r.space()
	if r.i < len(r.s) && r.s[r.i] == end {
		r.i++
		return n
	}
	for {
		if n.kind == 'o' {
			r.space()
			var key string
			if r.i < len(r.s) && (r.s[r.i] == '"' || r.s[r.i] == '\'') {
				k, ok := r.str()
				if !ok {
					return nil
				}
				key = k
			} else if key = r.bare(); key == "" {
				return nil
			}
			r.space()
			if r.i >= len(r.s) || r.s[r.i] != ':' {
				return nil
			}
			r.i++
			n.keys = append(n.keys, key)
		}
		v := r.value(depth + 1)
		if v == nil {
			return nil
		}
		n.vals = append(n.vals, v)
		r.space()
		if r.i >= len(r.s) {
			return nil
		}
		switch r.s[r.i] {
		case ',':
			r.i++
		case end:
			r.i++
			return n
		default:
			return nil
		}
	}
}

// bare reads a word: letters, digits and "_$@+-.".
func (r *jsonReader) bare() string {
	start := r.i
	for r.i < len(r.s) {
		c := r.s[r.i]
		if !isLetter(c) && (c < '0' || c > '9') && strings.IndexByte("_$@+-.", c) < 0 {
			break
		}
		r.i++
	}
	return r.s[start:r.i]
}

// str reads a quoted string and decodes its escapes.
func (r *jsonReader) str() (string, bool) {
	q := r.s[r.i]
	r.i++
	start := r.i
	for r.i < len(r.s) && r.s[r.i] != q && r.s[r.i] != '\\' {
		r.i++
	}
	if r.i < len(r.s) && r.s[r.i] == q {
		r.i++
		return r.s[start : r.i-1], true
	}
	b := []byte(r.s[start:r.i])
	for r.i < len(r.s) {
		c := r.s[r.i]
		switch {
		case c == q:
			r.i++
			return string(b), true
		case c == '\\' && r.i+1 < len(r.s):
			e := r.s[r.i+1]
			r.i += 2
			switch e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				if r.i+4 > len(r.s) {
					return "", false
				}
				v, err := strconv.ParseUint(r.s[r.i:r.i+4], 16, 16)
				if err != nil {
					return "", false
				}
				r.i += 4
				b = utf8.AppendRune(b, rune(v))
			default:
				b = append(b, e)
			}
		case c == '\\':
			return "", false
		default:
			b = append(b, c)
			r.i++
		}
	}
	return "", false
}

// text returns what a binding of n prints: a scalar's text ("" for null), an object or array
// written back as compact JSON.
func (n *jsonNode) text() string {
	if n.kind != 'o' && n.kind != 'a' {
		return n.s
	}
	if !n.done {
		n.s, n.done = string(n.appendJSON(nil)), true
	}
	return n.s
}

// appendJSON appends n written as compact JSON.
func (n *jsonNode) appendJSON(b []byte) []byte {
	switch n.kind {
	case 's':
		return appendJSONString(b, n.s)
	case 'n':
		return append(b, n.s...)
	case 'b':
		return append(b, strings.ToLower(n.s)...)
	case 'z':
		return append(b, "null"...)
	}
	if n.done {
		return append(b, n.s...)
	}
	open, end := byte('['), byte(']')
	if n.kind == 'o' {
		open, end = '{', '}'
	}
	b = append(b, open)
	for i, v := range n.vals {
		if i > 0 {
			b = append(b, ',')
		}
		if n.kind == 'o' {
			b = append(appendJSONString(b, n.keys[i]), ':')
		}
		b = v.appendJSON(b)
	}
	return append(b, end)
}

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// walk follows path (".name" and "[index]" steps, lower case) from n. A member or element that
// is not there is the empty text, as in Octopus; a step into a scalar or into nothing, or a
// non-numeric index into an array, finds nothing (ok false).
func (n *jsonNode) walk(path string) (*jsonNode, bool) {
	for path != "" {
		var step string
		switch path[0] {
		case '.':
			end := strings.IndexAny(path[1:], ".[")
			if end < 0 {
				end = len(path) - 1
			}
			step, path = path[1:1+end], path[1+end:]
		case '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil, false
			}
			step, path = path[1:end], path[end+1:]
		default:
			return nil, false
		}
		switch n.kind {
		case 'o':
			next := absentJSON
			for i, k := range n.keys {
				if strings.EqualFold(k, step) {
					next = n.vals[i]
					break
				}
			}
			n = next
		case 'a':
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 {
				return nil, false
			}
			next := absentJSON
			if i < len(n.vals) {
				next = n.vals[i]
			}
			n = next
		default:
			return nil, false
		}
	}
	return n, true
}
