package plan

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// agreesWithTimeParse checks that parseTime accepts s exactly when time.Parse does, with the
// same instant and location.
func agreesWithTimeParse(t require.TestingT, s string) {
	want, werr := time.Parse(time.RFC3339Nano, s)
	got, gerr := parseTime(s)
	if werr != nil {
		require.Error(t, gerr, "%q", s)
		require.ErrorIs(t, gerr, ErrInvalidValue)
		return
	}
	require.NoError(t, gerr, "%q", s)
	require.True(t, want.Equal(got), "%q: %v, want %v", s, got, want)
	require.Equal(t, want.Location().String(), got.Location().String(), "%q", s)
	require.Equal(t, want.String(), got.String(), "%q", s)
}

// The fast path of parseTime ("2006-01-02T15:04:05Z") agrees with time.Parse on every date and
// time of that shape, valid or not: leap days, days past the end of a month, hours, minutes and
// seconds out of range.
func TestParseTime_AgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{
		"2026-03-01T10:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
		"2000-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-04-31T00:00:00Z",
		"2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z",
		"2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01t00:00:00Z", "2026-01-01T00:00:00z",
		"2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00.5Z", "+026-01-01T00:00:00Z", "2026-01-01T0a:00:00Z",
		"2026-1-01T00:00:00Z", "", "2026-01-01 00:00:00Z",
	} {
		agreesWithTimeParse(t, s)
	}
	rapid.Check(t, func(rt *rapid.T) {
		d := func(lo, hi int, label string) int { return rapid.IntRange(lo, hi).Draw(rt, label) }
		s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", d(0, 9999, "year"), d(0, 13, "month"), d(0, 32, "day"),
			d(0, 25, "hour"), d(0, 61, "minute"), d(0, 61, "second"))
		agreesWithTimeParse(rt, s)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-03-01T10:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z",
		"2026-01-01T00:00:00.123456789+02:00", "2026-01-01T24:00:00Z", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { agreesWithTimeParse(t, s) })
}
