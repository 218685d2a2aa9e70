package freeze_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// This file tests occurrences at the edges of time.Time's range: the search must stop at the last
// representable date instead of running on (time.Date wraps around beyond it).

// maxTime is the latest instant time.Time represents (292277024627-12-06T15:30:07.999999999Z).
var maxTime = time.Unix(math.MaxInt64-62135596800, 999999999).UTC()

// edgeZones have extreme offsets (+14, -12), daylight-saving rules evaluated from the zone's rule
// string far in the future, and none at all.
var edgeZones = []string{"UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"}

// within fails the test when f does not return in time, so that a hang is a failure rather than a
// test binary killed by its timeout.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not return within %v", d)
	}
}

// edgeRecurrences returns one recurrence of each unit in zone.
func edgeRecurrences(zone string) []freeze.Recurrence {
	return []freeze.Recurrence{
		{Unit: freeze.Daily, TimeZone: zone},
		{Unit: freeze.Daily, Every: 7, TimeZone: zone},
		{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Monday, time.Sunday}, TimeZone: zone},
		{Unit: freeze.Monthly, DayOfMonth: 31, TimeZone: zone},
		{Unit: freeze.Annually, TimeZone: zone},
	}
}

// TestOccurrences_EndOfTime: listed from the end of time.Time's range or near it, or from the far
// future, occurrences end (the last lies within days of the end of the range) and are ordered,
// each lasting end - start and reported by Occurrence; Occurrence at the last instant answers.
func TestOccurrences_EndOfTime(t *testing.T) {
	froms := []struct {
		name string
		at   time.Time
	}{
		{"last instant", maxTime},
		{"a day before", maxTime.Add(-24 * time.Hour)},
		{"ten years before", maxTime.AddDate(-10, 0, 0)},
	}
	for _, zone := range edgeZones {
		loc, err := time.LoadLocation(zone)
		require.NoError(t, err)
		for _, rec := range edgeRecurrences(zone) {
			for _, start := range []time.Time{
				time.Date(2026, 1, 31, 23, 30, 0, 0, loc),
				time.Date(maxTime.Year(), time.January, 31, 22, 0, 0, 0, loc),
			} {
				rec := rec
				f, err := freeze.New("F", start, start.Add(2*time.Hour), &rec, shopProd)
				require.NoError(t, err)
				for _, from := range froms {
					name := fmt.Sprintf("%s/%s-every-%d/start-%d/%s", zone, rec.Unit, rec.Every, start.Year(), from.name)
					t.Run(name, func(t *testing.T) {
						var occs [][2]time.Time
						within(t, 30*time.Second, func() {
							for b, e := range f.Occurrences(from.at) {
								occs = append(occs, [2]time.Time{b, e})
								if len(occs) > 10_000 {
									break
								}
							}
						})
						require.LessOrEqual(t, len(occs), 10_000, "occurrences do not end at the end of time")
						for i, o := range occs {
							require.Equal(t, 2*time.Hour, o[1].Sub(o[0]), "occurrence %d: %v", i, o)
							require.True(t, o[1].After(from.at), "occurrence %d ends before from", i)
							require.False(t, o[0].Before(start), "occurrence %d begins before start", i)
							if i > 0 {
								require.True(t, o[0].After(occs[i-1][0]), "occurrences out of order: %v after %v", o, occs[i-1])
							}
							b, _, ok := f.Occurrence(o[0])
							require.True(t, ok)
							require.Equal(t, o[0], b)
						}
						if n := len(occs); n > 0 && rec.Unit == freeze.Daily && rec.Every == 1 {
							require.Less(t, maxTime.Sub(occs[n-1][0]), 4*24*time.Hour, "the last occurrence is near the end of time")
						}
						within(t, 30*time.Second, func() {
							if b, e, ok := f.Occurrence(maxTime); ok {
								require.False(t, b.After(maxTime))
								require.True(t, e.After(maxTime) || e.Equal(maxTime))
							}
						})
					})
				}
			}
		}
	}
}

// TestOccurrences_FarFuture: a daily freeze listed a billion years ahead yields the occurrence of
// that day, without stepping there.
func TestOccurrences_FarFuture(t *testing.T) {
	ber, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	start := time.Date(2026, 1, 1, 22, 0, 0, 0, ber)
	f, err := freeze.New("F", start, start.Add(time.Hour), &freeze.Recurrence{Unit: freeze.Daily, TimeZone: "Europe/Berlin"}, shopProd)
	require.NoError(t, err)
	from := time.Date(1_000_002_026, 7, 1, 12, 0, 0, 0, ber)
	var got []time.Time
	within(t, 30*time.Second, func() {
		for b := range f.Occurrences(from) {
			if got = append(got, b); len(got) == 2 {
				break
			}
		}
	})
	require.Equal(t, []time.Time{
		time.Date(1_000_002_026, 7, 1, 22, 0, 0, 0, ber),
		time.Date(1_000_002_026, 7, 2, 22, 0, 0, 0, ber),
	}, got)
}
