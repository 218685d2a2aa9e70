package plan

import (
	"strings"
	"time"
)

// Duration is a length of time in a request (a ring's soak, a rollout's wave duration). In JSON
// it is a Go duration string such as "12h", "90m" or "1h30m" (see time.ParseDuration; "" is 0),
// and it prints the way people write it: "12h", "1h30m", not "12h0m0s". Convert with
// Duration(d) and time.Duration(d).
type Duration time.Duration

// String returns the duration as time.Duration does, without the zero minutes and seconds that
// follow whole hours or minutes: "24h", "1h30m", "90s", "1.5s", "0s".
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// MarshalText returns String.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses a Go duration string ("" is 0); other text is an error that says what a
// duration looks like and wraps ErrInvalidValue.
func (d *Duration) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return &badDuration{text: string(b)}
	}
	*d = Duration(v)
	return nil
}

// badDuration is a text that is not a Go duration; it wraps ErrInvalidValue.
type badDuration struct{ text string }

func (e *badDuration) Error() string {
	return quote(e.text) + ` is not a duration such as "24h", "90m" or "1h30m"`
}
func (e *badDuration) Unwrap() error { return ErrInvalidValue }
