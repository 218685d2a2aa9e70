package strictjson_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// level is an enum with a text form, as the request types of package plan have.
type level uint8

var errLevel = errors.New("bad level")

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 0
	case "high":
		*l = 1
	default:
		return fmt.Errorf("level %q: %w: want \"low\" or \"high\"", b, errLevel)
	}
	return nil
}

// TestDecodeInto_TextValues: a type whose pointer is an encoding.TextUnmarshaler takes a JSON
// string; text it rejects, or a value of another JSON type, is a problem with its path, and
// unknown keys keep their suggestions next to it.
func TestDecodeInto_TextValues(t *testing.T) {
	type doc struct {
		Level  level     `json:"level"`
		Levels []level   `json:"levels"`
		At     time.Time `json:"at"`
	}
	var d doc
	require.NoError(t, strictjson.DecodeInto([]byte(`{"level": "high", "levels": ["low", "high"], "at": "2026-03-16T09:00:00Z"}`), &d))
	require.Equal(t, doc{Level: 1, Levels: []level{0, 1}, At: time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)}, d)
	require.NoError(t, strictjson.DecodeInto([]byte(`{"level": null, "at": null}`), &d))

	cases := []struct {
		src, want string
		sentinel  error
	}{
		{`{"level": "medium"}`, `level: level "medium": bad level: want "low" or "high"`, problem.ErrInvalidValue},
		{`{"levels": ["low", "mid"]}`, `levels[1]: level "mid": bad level`, problem.ErrInvalidValue},
		{`{"level": 1}`, `level: expected a string, got a number`, problem.ErrInvalidValue},
		{`{"at": "yesterday"}`, `at: "yesterday" is not an RFC 3339 time such as "2026-03-16T09:00:00Z"`, problem.ErrInvalidValue},
		{`{"levle": "low"}`, `levle: unknown key "levle" (did you mean "level"?)`, strictjson.ErrUnknownField},
	}
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			err := strictjson.DecodeInto([]byte(tc.src), &d)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
			require.ErrorIs(t, err, tc.sentinel)
		})
	}
	err := strictjson.DecodeInto([]byte(`{"level": "medium"}`), &d)
	require.ErrorIs(t, err, errLevel, "the type's own error is kept")
}
