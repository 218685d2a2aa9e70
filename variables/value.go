package variables

import (
	"encoding/json"
	"fmt"
	"io"
)

// Mask is what a sensitive value shows instead of its plaintext in every output: String, fmt
// verbs, JSON, text encodings, errors and explanations.
const Mask = "********"

// Value is a variable value that may be sensitive (§6.10). The zero Value is the empty,
// non-sensitive string.
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
