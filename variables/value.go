package variables

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Mask is what a sensitive value shows instead of its plaintext in every output: String, fmt
// verbs, JSON, text encodings, errors and explanations.
const Mask = "********"

// Value is a variable value that may be sensitive. The zero Value is the empty, non-sensitive
// string.
//
// A sensitive Value never shows its plaintext when printed or encoded: String, every fmt verb
// (%v %+v %#v %s %q %x ...), MarshalJSON and MarshalText all render [Mask]. The plaintext is
// available only through [Value.Reveal]. Values are comparable; two Values are equal when
// their text and sensitivity are equal.
type Value struct {
	s         string
	sensitive bool
}

// Plain returns a non-sensitive value holding s.
func Plain(s string) Value { return Value{s: s} }

// Sensitive returns a sensitive value holding s.
func Sensitive(s string) Value { return Value{s: s, sensitive: true} }

// IsSensitive reports whether v is sensitive.
func (v Value) IsSensitive() bool { return v.sensitive }

// Reveal returns the plaintext of v, sensitive or not. It is the only way to read the text of a
// sensitive value.
func (v Value) Reveal() string { return v.s }

// String returns the text of v, or [Mask] when v is sensitive.
func (v Value) String() string {
	if v.sensitive {
		return Mask
	}
	return v.s
}

// Format implements [fmt.Formatter]: every verb formats [Value.String], so a sensitive value
// prints as [Mask]; %#v prints [Value.GoString].
func (v Value) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, v.GoString())
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), v.String())
}

// formatFields formats fields, a struct of a method-less type defined on an exported type of
// this package, for fmt: %#v prints it in Go syntax under typeName, %v and %+v print its fields,
// and every other verb formats the %v (or %+v) text as a string. Every field is printed by its
// own Format method, so every Value in it shows as [Mask] when sensitive.
func formatFields(f fmt.State, verb rune, typeName string, fields any) {
	if verb == 'v' && f.Flag('#') {
		s := fmt.Sprintf("%#v", fields)
		_, _ = io.WriteString(f, typeName+s[strings.IndexByte(s, '{'):])
		return
	}
	layout := "%v"
	if f.Flag('+') {
		layout = "%+v"
	}
	formatSummary(f, verb, fmt.Sprintf(layout, fields))
}

// formatSummary formats the text s for fmt: %v (with any flag) as is, any other verb as it
// formats a string.
func formatSummary(f fmt.State, verb rune, s string) {
	if verb == 'v' {
		_, _ = io.WriteString(f, s)
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}

// GoString returns a Go expression for v: variables.Plain("text"), or
// variables.Sensitive("********") with the mask in place of the plaintext.
func (v Value) GoString() string {
	if v.sensitive {
		return fmt.Sprintf("variables.Sensitive(%q)", Mask)
	}
	return fmt.Sprintf("variables.Plain(%q)", v.s)
}

// MarshalJSON encodes v as a JSON string: its text, or "********" when sensitive.
func (v Value) MarshalJSON() ([]byte, error) { return json.Marshal(v.String()) }

// MarshalText returns [Value.String] as bytes, so text encoders mask sensitive values too.
func (v Value) MarshalText() ([]byte, error) { return []byte(v.String()), nil }
