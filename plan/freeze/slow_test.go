package freeze_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// This file keeps a slow, obviously correct reference for occurrences: it walks every local
// calendar date after start's, one by one, asks whether the date matches the rule as the
// package documentation words it, and counts. The fast code jumps; the tests check that both agree.

type interval struct{ begin, end time.Time }

// slowOccurrences lists the occurrences of a freeze that begin before horizon, in order.
func slowOccurrences(start, end time.Time, rec *freeze.Recurrence, horizon time.Time) []interval {
	out := []interval{{start, end}}
	if rec == nil {
		return out
	}
	loc := time.UTC
	if rec.TimeZone != "" {
		var err error
		if loc, err = time.LoadLocation(rec.TimeZone); err != nil {
			panic(err)
		}
	}
	ls := start.In(loc)
	dur := end.Sub(start)
	every := max(rec.Every, 1)
	days := slices.Clone(rec.DaysOfWeek)
	if len(days) == 0 {
		days = []time.Weekday{ls.Weekday()}
	}
	dom := rec.DayOfMonth
	if dom == 0 {
		dom = ls.Day()
	}
	// Civil dates as midnight UTC, so that adding days is exact.
	startDate := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, time.UTC)
	monday := startDate.AddDate(0, 0, -((int(startDate.Weekday()) + 6) % 7))
	lastDate := horizon.In(loc)
	lastDay := time.Date(lastDate.Year(), lastDate.Month(), lastDate.Day()+2, 0, 0, 0, 0, time.UTC)
	count := 1
	for i := 1; ; i++ {
		date := startDate.AddDate(0, 0, i)
		if date.After(lastDay) {
			return out
		}
		var match bool
		switch rec.Unit {
		case freeze.Daily:
			match = i%every == 0
		case freeze.Weekly:
			weeks := int(date.Sub(monday).Hours()) / (7 * 24)
			match = weeks%every == 0 && slices.Contains(days, date.Weekday())
		case freeze.Monthly:
			months := (date.Year()-startDate.Year())*12 + int(date.Month()) - int(startDate.Month())
			match = months%every == 0 && date.Day() == dom
		case freeze.Annually:
			years := date.Year() - startDate.Year()
			match = years%every == 0 && date.Month() == startDate.Month() && date.Day() == startDate.Day()
		}
		if !match {
			continue
		}
		b := time.Date(date.Year(), date.Month(), date.Day(), ls.Hour(), ls.Minute(), ls.Second(), ls.Nanosecond(), loc).In(start.Location())
		if rec.EndAfter > 0 && count >= rec.EndAfter {
			return out
		}
		if !rec.EndOn.IsZero() && !b.Before(rec.EndOn) {
			return out
		}
		count++
		if b.Before(horizon) {
			out = append(out, interval{b, b.Add(dur)})
		}
	}
}

// slowOccurrence returns the occurrence containing at that ends last.
func slowOccurrence(occs []interval, at time.Time) (interval, bool) {
	var best interval
	found := false
	for _, o := range occs {
		if !at.Before(o.begin) && at.Before(o.end) && (!found || o.end.After(best.end)) {
			best, found = o, true
		}
	}
	return best, found
}

// slowClear returns the earliest time at or after at that no interval contains, by merging the
// intervals into their union and finding the piece that holds at.
func slowClear(occs []interval, at time.Time) time.Time {
	sorted := slices.Clone(occs)
	slices.SortFunc(sorted, func(a, b interval) int { return a.begin.Compare(b.begin) })
	var merged []interval
	for _, o := range sorted {
		if n := len(merged); n > 0 && !o.begin.After(merged[n-1].end) {
			if o.end.After(merged[n-1].end) {
				merged[n-1].end = o.end
			}
			continue
		}
		merged = append(merged, o)
	}
	for _, m := range merged {
		if !at.Before(m.begin) && at.Before(m.end) {
			return m.end
		}
	}
	return at
}

// TestOccurrences_EndAfterAgreesWithCounting: the last occurrence under a large
// endAfter, found without counting, is the one the slow reference counts to.
func TestOccurrences_EndAfterAgreesWithCounting(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start string
		rec   freeze.Recurrence
	}{
		{"daily", "2026-01-01T09:00:00Z", freeze.Recurrence{Unit: freeze.Daily, Every: 3, EndAfter: 5000, TimeZone: "Europe/Berlin"}},
		{"weekly", "2026-01-07T09:00:00Z", freeze.Recurrence{Unit: freeze.Weekly, Every: 2, DaysOfWeek: []time.Weekday{time.Monday, time.Saturday}, EndAfter: 3001}},
		{"monthly 31st", "2026-01-31T09:00:00Z", freeze.Recurrence{Unit: freeze.Monthly, EndAfter: 1000}},
		{"monthly 29th every 12", "2024-02-29T09:00:00Z", freeze.Recurrence{Unit: freeze.Monthly, Every: 12, EndAfter: 40}},
		{"monthly 29th every 5", "2024-01-10T09:00:00Z", freeze.Recurrence{Unit: freeze.Monthly, Every: 5, DayOfMonth: 29, EndAfter: 700}},
		{"annually 29 February every 100", "2000-02-29T09:00:00Z", freeze.Recurrence{Unit: freeze.Annually, Every: 100, EndAfter: 5}},
		{"annually 29 February", "2028-02-29T09:00:00Z", freeze.Recurrence{Unit: freeze.Annually, EndAfter: 60}},
		{"annually 29 February every 4, several 400-year cycles", "2096-02-29T09:00:00Z", freeze.Recurrence{Unit: freeze.Annually, Every: 4, EndAfter: 300}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := ts(t, tc.start)
			end := start.Add(90 * time.Minute)
			f, err := freeze.New("F", start, end, &tc.rec, shopProd)
			require.NoError(t, err)
			occs := slowOccurrences(start, end, &tc.rec, start.AddDate(2100, 0, 0))
			require.Len(t, occs, tc.rec.EndAfter)
			last := occs[len(occs)-1]
			var got []interval
			for b, e := range f.Occurrences(last.begin.AddDate(0, 0, -1)) {
				got = append(got, interval{b, e})
			}
			require.Equal(t, []interval{last}, got[len(got)-1:])
			require.True(t, got[0].end.After(last.begin.AddDate(0, 0, -1)))
			_, _, ok := f.Occurrence(last.end)
			require.False(t, ok)
			b, _, ok := f.Occurrence(last.begin)
			require.True(t, ok)
			require.Equal(t, last.begin, b)
		})
	}
}
