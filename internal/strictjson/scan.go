package strictjson

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// The decoder reads the input, which is whole in memory, with its own scanner: the functions of
// this file, which accept exactly the JSON grammar (RFC 8259) and nothing more. Only when the
// scanner meets malformed JSON does the decoder hand the input to jsontext, whose error message
// and byte offset are the ones reported, so that a malformed document reads the same as with a
// jsontext decoder, at the cost of a second pass only on that error path.

// ws moves past whitespace.
func (d *decoder) ws() { d.pos = skipSpace(d.data, d.pos) }

// skipSpace returns the offset of the first byte of b from i that is not whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// at reports whether the next byte (after whitespace) is c, without moving past it.
func (d *decoder) at(c byte) bool {
	d.ws()
	return d.pos < len(d.data) && d.data[d.pos] == c
}

// peek returns the kind of the value that comes next (after whitespace), or records malformed
// JSON and returns errStop.
func (d *decoder) peek() (jsontext.Kind, error) {
	d.ws()
	if d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case '"', '{', '[', 't', 'f', 'n':
			return jsontext.Kind(c), nil
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return '0', nil
		}
	}
	return 0, d.malformed()
}

// scalar reads the number, true, false or null that comes next (peek has returned its kind k)
// and returns its text.
func (d *decoder) scalar(k jsontext.Kind) ([]byte, error) {
	start := d.pos
	var ok bool
	switch k {
	case '0':
		ok = d.number()
	case 't':
		ok = d.literal("true")
	case 'f':
		ok = d.literal("false")
	case 'n':
		ok = d.literal("null")
	}
	if !ok {
		return nil, d.malformed()
	}
	return d.data[start:d.pos], nil
}

// literal moves past the literal lit, and reports whether it is there.
func (d *decoder) literal(lit string) bool {
	if !bytes.HasPrefix(d.data[d.pos:], []byte(lit)) {
		return false
	}
	d.pos += len(lit)
	return true
}

// number moves past a JSON number, and reports whether there is one: an optional minus, 0 or
// digits not starting with 0, an optional fraction and an optional exponent.
func (d *decoder) number() bool {
	b, i := d.data, d.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	d.pos = i
	return true
}

// digits returns the offset past the decimal digits of b from i.
func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// plainByte marks the bytes that a string holds as they are, with nothing to check: printable
// ASCII other than the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// hasSpecial reports whether any of the 8 bytes of w is a quote, a backslash, a control
// character or not ASCII.
func hasSpecial(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := w ^ ('"' * ones)
	slash := w ^ ('\\' * ones)
	zeroQuote := (quote - ones) &^ quote
	zeroSlash := (slash - ones) &^ slash
	control := w - 0x20*ones // a byte under 0x20 borrows, setting its high bit
	return (zeroQuote|zeroSlash|control|w)&highs != 0
}

// plainRun returns the offset of the first byte of b from i that is not plainByte (or len(b)).
func plainRun(b []byte, i int) int {
	for i+8 <= len(b) && !hasSpecial(binary.LittleEndian.Uint64(b[i:])) {
		i += 8
	}
	for i < len(b) && plainByte[b[i]] {
		i++
	}
	return i
}

// str reads the string that comes next (peek has returned '"') and returns its text with the
// quotes. plain reports that it holds neither an escape nor a byte outside ASCII, so that the
// text between the quotes is its value. Bytes that are not UTF-8 are let through, for the caller
// to report with a path.
func (d *decoder) str() (raw []byte, plain bool, err error) {
	b := d.data
	start := d.pos
	i := start + 1
	plain = true
	for {
		i = plainRun(b, i)
		if i >= len(b) {
			return nil, false, d.malformed()
		}
		switch c := b[i]; {
		case c == '"':
			d.pos = i + 1
			return b[start : i+1], plain, nil
		case c == '\\':
			plain = false
			n := escape(b[i+1:])
			if n == 0 {
				return nil, false, d.malformed()
			}
			i += 1 + n
		case c < 0x20:
			return nil, false, d.malformed()
		default: // not ASCII
			plain = false
			i++
		}
	}
}

// escape returns the length of the escape sequence at the start of b (after its backslash), or 0
// if there is none.
func escape(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch b[0] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 1
	case 'u':
		if len(b) < 5 {
			return 0
		}
		for _, c := range b[1:5] {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return 0
			}
		}
		return 5
	}
	return 0
}

// malformed records the first syntax error of the input, as jsontext reports it, and returns
// errStop.
func (d *decoder) malformed() error {
	dec := jsontext.NewDecoder(bytes.NewReader(d.data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	_, err := dec.ReadValue()
	if err == nil {
		// Not expected: the scanner and jsontext accept the same grammar. Say what the scanner saw.
		msg := "unexpected end of JSON input"
		if d.pos < len(d.data) {
			msg = fmt.Sprintf("invalid character %q", d.data[d.pos])
		}
		return d.failAt(int64(d.pos), "malformed JSON: "+msg)
	}
	return d.syntax(err, dec)
}

// syntax records the error err of the jsontext decoder dec as malformed JSON and returns errStop.
func (d *decoder) syntax(err error, dec *jsontext.Decoder) error {
	off := dec.InputOffset()
	msg := "unexpected end of JSON input"
	var se *jsontext.SyntacticError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(d.data))
	case errors.As(err, &se):
		off = se.ByteOffset
		msg = err.Error()
		if se.Err != nil {
			msg = se.Err.Error()
		}
	default:
		msg = err.Error()
	}
	return d.failAt(off, "malformed JSON: "+msg)
}
