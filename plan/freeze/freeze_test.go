package freeze_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// ts parses an RFC 3339 time or fails the test.
func ts(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, s)
	return v
}

var shopProd = freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}}

func mustNew(t testing.TB, name, start, end string, rec *freeze.Recurrence, scope freeze.Scope) freeze.Freeze {
	t.Helper()
	f, err := freeze.New(name, ts(t, start), ts(t, end), rec, scope)
	require.NoError(t, err)
	return f
}

// firstN collects at most n occurrences from f.Occurrences(from) as RFC 3339 "begin/end" strings.
func firstN(f freeze.Freeze, from time.Time, n int) []string {
	var out []string
	for b, e := range f.Occurrences(from) {
		if len(out) == n {
			break
		}
		out = append(out, b.UTC().Format(time.RFC3339)+"/"+e.UTC().Format(time.RFC3339))
	}
	return out
}

func TestOccurrences_Recurrences(t *testing.T) {
	for _, tc := range []struct {
		name       string
		start, end string
		rec        *freeze.Recurrence
		want       []string
	}{
		{
			name: "no recurrence", start: "2026-11-20T00:00:00Z", end: "2026-11-30T00:00:00Z",
			want: []string{"2026-11-20T00:00:00Z/2026-11-30T00:00:00Z"},
		},
		{
			name: "daily endAfter counts the first", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec: &freeze.Recurrence{Unit: freeze.Daily, EndAfter: 3},
			want: []string{
				"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z", "2026-01-02T09:00:00Z/2026-01-02T10:00:00Z",
				"2026-01-03T09:00:00Z/2026-01-03T10:00:00Z",
			},
		},
		{
			name: "daily every 3, endOn excludes an occurrence beginning at it", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec: &freeze.Recurrence{Unit: freeze.Daily, Every: 3, EndOn: time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)},
			want: []string{
				"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z", "2026-01-04T09:00:00Z/2026-01-04T10:00:00Z",
				"2026-01-07T09:00:00Z/2026-01-07T10:00:00Z",
			},
		},
		{
			name: "daily endOn one nanosecond later keeps it", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Daily, Every: 3, EndOn: time.Date(2026, 1, 7, 9, 0, 0, 1, time.UTC)},
			want: []string{"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z", "2026-01-04T09:00:00Z/2026-01-04T10:00:00Z", "2026-01-07T09:00:00Z/2026-01-07T10:00:00Z"},
		},
		{
			name: "weekly every 2 weeks counted from the week of start", start: "2026-01-07T09:00:00Z", end: "2026-01-07T10:00:00Z", // a Wednesday
			rec: &freeze.Recurrence{Unit: freeze.Weekly, Every: 2, DaysOfWeek: []time.Weekday{time.Friday, time.Monday}, EndAfter: 5},
			want: []string{
				"2026-01-07T09:00:00Z/2026-01-07T10:00:00Z", "2026-01-09T09:00:00Z/2026-01-09T10:00:00Z",
				"2026-01-19T09:00:00Z/2026-01-19T10:00:00Z", "2026-01-23T09:00:00Z/2026-01-23T10:00:00Z",
				"2026-02-02T09:00:00Z/2026-02-02T10:00:00Z",
			},
		},
		{
			name: "weekly with Sunday ends the Monday-based week", start: "2026-01-05T09:00:00Z", end: "2026-01-05T10:00:00Z", // a Monday
			rec: &freeze.Recurrence{Unit: freeze.Weekly, Every: 2, DaysOfWeek: []time.Weekday{time.Sunday, time.Monday}, EndAfter: 4},
			want: []string{
				"2026-01-05T09:00:00Z/2026-01-05T10:00:00Z", "2026-01-11T09:00:00Z/2026-01-11T10:00:00Z",
				"2026-01-19T09:00:00Z/2026-01-19T10:00:00Z", "2026-01-25T09:00:00Z/2026-01-25T10:00:00Z",
			},
		},
		{
			name: "weekly without days recurs on start's weekday", start: "2026-01-07T09:00:00Z", end: "2026-01-07T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Weekly, EndAfter: 3},
			want: []string{"2026-01-07T09:00:00Z/2026-01-07T10:00:00Z", "2026-01-14T09:00:00Z/2026-01-14T10:00:00Z", "2026-01-21T09:00:00Z/2026-01-21T10:00:00Z"},
		},
		{
			name: "monthly skips months without the day", start: "2026-01-31T09:00:00Z", end: "2026-01-31T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Monthly, EndAfter: 4},
			want: []string{"2026-01-31T09:00:00Z/2026-01-31T10:00:00Z", "2026-03-31T09:00:00Z/2026-03-31T10:00:00Z", "2026-05-31T09:00:00Z/2026-05-31T10:00:00Z", "2026-07-31T09:00:00Z/2026-07-31T10:00:00Z"},
		},
		{
			name: "monthly dayOfMonth before start's day starts next month", start: "2026-01-20T09:00:00Z", end: "2026-01-20T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Monthly, DayOfMonth: 15, EndAfter: 3},
			want: []string{"2026-01-20T09:00:00Z/2026-01-20T10:00:00Z", "2026-02-15T09:00:00Z/2026-02-15T10:00:00Z", "2026-03-15T09:00:00Z/2026-03-15T10:00:00Z"},
		},
		{
			name: "monthly dayOfMonth after start's day starts in start's month", start: "2026-01-20T09:00:00Z", end: "2026-01-20T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Monthly, Every: 2, DayOfMonth: 25, EndAfter: 3},
			want: []string{"2026-01-20T09:00:00Z/2026-01-20T10:00:00Z", "2026-01-25T09:00:00Z/2026-01-25T10:00:00Z", "2026-03-25T09:00:00Z/2026-03-25T10:00:00Z"},
		},
		{
			name: "monthly day that never comes: only the first", start: "2026-04-30T09:00:00Z", end: "2026-04-30T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Monthly, Every: 12, DayOfMonth: 31},
			want: []string{"2026-04-30T09:00:00Z/2026-04-30T10:00:00Z"},
		},
		{
			name: "annually", start: "2026-12-24T00:00:00Z", end: "2026-12-26T00:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Annually, Every: 1, EndAfter: 3},
			want: []string{"2026-12-24T00:00:00Z/2026-12-26T00:00:00Z", "2027-12-24T00:00:00Z/2027-12-26T00:00:00Z", "2028-12-24T00:00:00Z/2028-12-26T00:00:00Z"},
		},
		{
			name: "annually on 29 February skips years without it", start: "2028-02-29T00:00:00Z", end: "2028-03-01T00:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Annually, EndAfter: 3},
			want: []string{"2028-02-29T00:00:00Z/2028-03-01T00:00:00Z", "2032-02-29T00:00:00Z/2032-03-01T00:00:00Z", "2036-02-29T00:00:00Z/2036-03-01T00:00:00Z"},
		},
		{
			name: "annually every 100 years on 29 February", start: "2000-02-29T00:00:00Z", end: "2000-03-01T00:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Annually, Every: 100, EndAfter: 2},
			want: []string{"2000-02-29T00:00:00Z/2000-03-01T00:00:00Z", "2400-02-29T00:00:00Z/2400-03-01T00:00:00Z"},
		},
		{
			name: "endAfter 1 means no repetition", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Daily, EndAfter: 1},
			want: []string{"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z"},
		},
		{
			name: "endOn equal to start means no repetition", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Daily, EndOn: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)},
			want: []string{"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z"},
		},
		{
			name: "endOn and endAfter: the earlier bound wins", start: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z",
			rec:  &freeze.Recurrence{Unit: freeze.Daily, EndAfter: 10, EndOn: time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)},
			want: []string{"2026-01-01T09:00:00Z/2026-01-01T10:00:00Z", "2026-01-02T09:00:00Z/2026-01-02T10:00:00Z"},
		},
		{
			name: "local time of day in the freeze's time zone", start: "2026-01-01T03:30:00Z", end: "2026-01-01T04:30:00Z", // 09:00 IST
			rec:  &freeze.Recurrence{Unit: freeze.Daily, EndAfter: 2, TimeZone: "Asia/Kolkata"},
			want: []string{"2026-01-01T03:30:00Z/2026-01-01T04:30:00Z", "2026-01-02T03:30:00Z/2026-01-02T04:30:00Z"},
		},
		{
			name: "weekly days are the freeze zone's days", start: "2026-01-02T23:00:00Z", end: "2026-01-03T00:00:00Z", // Saturday 00:00 in Berlin
			rec:  &freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Saturday}, EndAfter: 2, TimeZone: "Europe/Berlin"},
			want: []string{"2026-01-02T23:00:00Z/2026-01-03T00:00:00Z", "2026-01-09T23:00:00Z/2026-01-10T00:00:00Z"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustNew(t, "F", tc.start, tc.end, tc.rec, shopProd)
			got := firstN(f, time.Time{}, len(tc.want)+3)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Fatalf("occurrences (-want +got):\n%s", d)
			}
			// Every occurrence contains its own begin and end-1ns, and not its end unless the next
			// one begins there.
			for b, e := range f.Occurrences(time.Time{}) {
				s, en, ok := f.Occurrence(b)
				require.True(t, ok)
				require.Equal(t, b, s)
				require.Equal(t, e, en)
				_, en, ok = f.Occurrence(e.Add(-1))
				require.True(t, ok)
				require.Equal(t, e, en)
			}
		})
	}
}

// TestOccurrence_AnnualWeeklyAndOneOff replays times around an annual freeze with an end after
// three occurrences, a weekly Friday-night freeze and a one-off freeze.
func TestOccurrence_AnnualWeeklyAndOneOff(t *testing.T) {
	holidays := mustNew(t, "Holidays", "2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z",
		&freeze.Recurrence{Unit: freeze.Annually, Every: 1, EndAfter: 3}, shopProd)
	friday := mustNew(t, "Friday nights", "2026-11-27T22:00:00Z", "2026-11-28T06:00:00Z",
		&freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Friday}}, shopProd)
	demo := mustNew(t, "Acme board demo", "2026-11-20T00:00:00Z", "2026-11-30T00:00:00Z", nil, shopProd)
	for _, tc := range []struct {
		name   string
		f      freeze.Freeze
		at     string
		frozen bool
		end    string
	}{
		{"one-off inside", demo, "2026-11-25T12:00:00Z", true, "2026-11-30T00:00:00Z"},
		{"one-off after", demo, "2026-12-01T12:00:00Z", false, ""},
		{"one-off before", demo, "2026-11-19T23:59:59Z", false, ""},
		{"annual second year", holidays, "2027-12-25T10:00:00Z", true, "2027-12-26T00:00:00Z"},
		{"annual after endAfter", holidays, "2029-12-25T10:00:00Z", false, ""},
		{"the end is exclusive", holidays, "2026-12-26T00:00:00Z", false, ""},
		{"weekly later friday", friday, "2026-12-04T23:00:00Z", true, "2026-12-05T06:00:00Z"},
		{"an occurrence runs past midnight", friday, "2026-12-05T05:00:00Z", true, "2026-12-05T06:00:00Z"},
		{"thursday is clear", friday, "2026-12-03T23:00:00Z", false, ""},
		{"before the first occurrence", friday, "2026-11-20T23:00:00Z", false, ""},
		{"far in the future", friday, "2126-11-29T23:00:00Z", true, "2126-11-30T06:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, end, ok := tc.f.Occurrence(ts(t, tc.at))
			require.Equal(t, tc.frozen, ok)
			if tc.frozen {
				require.Equal(t, ts(t, tc.end), end)
			}
		})
	}
}

// TestOccurrence_MidnightGap: in São Paulo, 2018-11-04 had no 00:30; time.Date
// normalises it to 23:30 the evening before, and the occurrence is found from that evening.
func TestOccurrence_MidnightGap(t *testing.T) {
	f := mustNew(t, "Midnight", "2018-11-01T03:30:00Z", "2018-11-01T05:30:00Z", // 00:30 -03
		&freeze.Recurrence{Unit: freeze.Daily, TimeZone: "America/Sao_Paulo"}, shopProd)
	b, e, ok := f.Occurrence(ts(t, "2018-11-04T02:45:00Z")) // 23:45 -03 on 3 November
	require.True(t, ok)
	require.Equal(t, ts(t, "2018-11-04T02:30:00Z"), b)
	require.Equal(t, ts(t, "2018-11-04T04:30:00Z"), e)
	_, e, ok = f.Occurrence(ts(t, "2018-11-05T03:29:00Z")) // 01:29 -02 on 5 November
	require.True(t, ok)
	require.Equal(t, ts(t, "2018-11-05T04:30:00Z"), e)
}

// TestOccurrences_DST: a weekly freeze at 22:00 local stays at 22:00 local across the
// daylight-saving changes, in both directions.
func TestOccurrences_DST(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Europe/Berlin"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			require.NoError(t, err)
			start := time.Date(2026, 1, 2, 22, 0, 0, 0, loc) // a Friday
			f, err := freeze.New("Friday nights", start, start.Add(8*time.Hour),
				&freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Friday}, TimeZone: zone}, shopProd)
			require.NoError(t, err)
			offsets := map[int]bool{}
			n := 0
			for b, e := range f.Occurrences(start) {
				if n == 53 {
					break
				}
				n++
				lb := b.In(loc)
				require.Equal(t, time.Friday, lb.Weekday(), lb)
				require.Equal(t, 22, lb.Hour(), lb)
				require.Equal(t, 8*time.Hour, e.Sub(b))
				_, off := lb.Zone()
				offsets[off] = true
				require.Equal(t, start.AddDate(0, 0, 7*(n-1)), b)
			}
			require.Len(t, offsets, 2, "the year crosses both changes")
			// Querying by instant, far from start, agrees: 22:30 local in summer and winter.
			for _, at := range []time.Time{time.Date(2026, 7, 10, 22, 30, 0, 0, loc), time.Date(2030, 11, 29, 22, 30, 0, 0, loc)} {
				b, _, ok := f.Occurrence(at)
				require.True(t, ok, at)
				require.Equal(t, time.Date(at.Year(), at.Month(), at.Day(), 22, 0, 0, 0, loc), b)
			}
		})
	}
}

func TestNew_ReportsEveryProblem(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := freeze.New("Bad", start, start, &freeze.Recurrence{
		Unit: 9, Every: -1, DaysOfWeek: []time.Weekday{8}, DayOfMonth: 40, EndAfter: -2,
		EndOn: start.Add(-time.Hour), TimeZone: "Mars/Olympus_Mons",
	}, freeze.Scope{
		Projects: map[string][]string{"Shop": {}},
		Tenants:  []freeze.TenantScope{{Tenant: "", Project: "Shop", Environment: "Production"}},
	})
	require.Error(t, err)
	require.ErrorIs(t, err, freeze.ErrInvalidValue)
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *freeze.FieldError
		require.True(t, errors.As(e, &fe))
		require.Equal(t, "Bad", fe.Freeze)
		require.ErrorIs(t, fe, freeze.ErrInvalidValue)
		fields = append(fields, fe.Field)
	}
	want := []string{
		"end", `projects["Shop"]`, "recurrence.dayOfMonth", "recurrence.daysOfWeek", "recurrence.daysOfWeek[0]",
		"recurrence.endAfter", "recurrence.endOn", "recurrence.every", "recurrence.timeZone", "recurrence.unit",
		"tenants[0].tenant",
	}
	require.True(t, slices.IsSorted(fields))
	if d := cmp.Diff(want, fields); d != "" {
		t.Fatalf("fields (-want +got):\n%s", d)
	}
	require.Contains(t, err.Error(), `freeze "Bad": recurrence.timeZone "Mars/Olympus_Mons": invalid value: unknown time zone [invalid-value]`)
}

func TestNew_Invalid(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(time.Hour)
	long := strings.Repeat("x", 10_000)
	for _, tc := range []struct {
		name  string
		fname string
		end   time.Time
		rec   *freeze.Recurrence
		scope freeze.Scope
		field string
	}{
		{"empty name", "", end, nil, shopProd, "name"},
		{"end before start", "F", start.Add(-1), nil, shopProd, "end"},
		{"Local zone", "F", end, &freeze.Recurrence{Unit: freeze.Daily, TimeZone: "Local"}, shopProd, "recurrence.timeZone"},
		{"huge zone name", "F", end, &freeze.Recurrence{Unit: freeze.Daily, TimeZone: long}, shopProd, "recurrence.timeZone"},
		{"path as zone", "F", end, &freeze.Recurrence{Unit: freeze.Daily, TimeZone: "../../etc/passwd"}, shopProd, "recurrence.timeZone"},
		{"every too large", "F", end, &freeze.Recurrence{Unit: freeze.Daily, Every: freeze.MaxEvery + 1}, shopProd, "recurrence.every"},
		{"endAfter too large", "F", end, &freeze.Recurrence{Unit: freeze.Daily, EndAfter: freeze.MaxEndAfter + 1}, shopProd, "recurrence.endAfter"},
		{"dayOfMonth on weekly", "F", end, &freeze.Recurrence{Unit: freeze.Weekly, DayOfMonth: 3}, shopProd, "recurrence.dayOfMonth"},
		{"daysOfWeek on daily", "F", end, &freeze.Recurrence{Unit: freeze.Daily, DaysOfWeek: []time.Weekday{time.Monday}}, shopProd, "recurrence.daysOfWeek"},
		{"zero unit", "F", end, &freeze.Recurrence{}, shopProd, "recurrence.unit"},
		{"empty environment", "F", end, nil, freeze.Scope{Projects: map[string][]string{"Shop": {""}}}, `projects["Shop"][0]`},
		{"empty project", "F", end, nil, freeze.Scope{Projects: map[string][]string{"": {"Production"}}}, `projects[""]`},
		{"empty tenant environment", "F", end, nil, freeze.Scope{Tenants: []freeze.TenantScope{{Tenant: "A", Project: "Shop"}}}, "tenants[0].environment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := freeze.New(tc.fname, start, tc.end, tc.rec, tc.scope)
			require.Error(t, err)
			require.Equal(t, freeze.Freeze{}, f)
			var fe *freeze.FieldError
			require.True(t, errors.As(err, &fe))
			require.Equal(t, tc.field, fe.Field)
			require.ErrorIs(t, err, freeze.ErrInvalidValue)
			require.Less(t, len(err.Error()), 400, "long input is truncated")
			require.Equal(t, strings.ToLower(err.Error()[:1]), err.Error()[:1])
		})
	}
}

func TestNew_CopiesInput(t *testing.T) {
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	days := []time.Weekday{time.Monday}
	scope := freeze.Scope{
		Projects: map[string][]string{"Shop": {"Production"}},
		Tenants:  []freeze.TenantScope{{Tenant: "Acme", Project: "Shop", Environment: "Staging"}},
	}
	rec := &freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: days}
	f, err := freeze.New("F", start, start.Add(time.Hour), rec, scope)
	require.NoError(t, err)
	days[0] = time.Tuesday
	rec.Unit = freeze.Daily
	scope.Projects["Shop"][0] = "Staging"
	scope.Projects["Other"] = []string{"Production"}
	scope.Tenants[0].Tenant = "Globex"

	got, ok := f.Recurrence()
	require.True(t, ok)
	if d := cmp.Diff(freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Monday}}, got); d != "" {
		t.Fatal(d)
	}
	got.DaysOfWeek[0] = time.Sunday
	again, _ := f.Recurrence()
	require.Equal(t, time.Monday, again.DaysOfWeek[0])

	want := freeze.Scope{
		Projects: map[string][]string{"Shop": {"Production"}},
		Tenants:  []freeze.TenantScope{{Tenant: "Acme", Project: "Shop", Environment: "Staging"}},
	}
	if d := cmp.Diff(want, f.Scope()); d != "" {
		t.Fatal(d)
	}
	f.Scope().Projects["Shop"][0] = "x"
	if d := cmp.Diff(want, f.Scope()); d != "" {
		t.Fatal(d)
	}
	require.True(t, f.Covers("Shop", "Production", ""))
	require.True(t, f.Covers("Shop", "Production", "Anyone"))
	require.True(t, f.Covers("Shop", "Staging", "Acme"))
	require.False(t, f.Covers("Shop", "Staging", "Globex"))
	require.False(t, f.Covers("Shop", "Staging", ""))
	require.False(t, f.Covers("Other", "Production", ""))
	require.Equal(t, "F", f.Name())
	require.Equal(t, start, f.Start())
	require.Equal(t, start.Add(time.Hour), f.End())
}

func TestFreeze_ZeroValue(t *testing.T) {
	var f freeze.Freeze
	require.Equal(t, "", f.Name())
	require.True(t, f.Start().IsZero())
	require.True(t, f.End().IsZero())
	_, ok := f.Recurrence()
	require.False(t, ok)
	require.Equal(t, freeze.Scope{}, f.Scope())
	require.False(t, f.Covers("", "", ""))
	_, _, ok = f.Occurrence(time.Time{})
	require.False(t, ok)
	require.Empty(t, firstN(f, time.Time{}, 1))
}

// TestNew_DaysOfWeekText: the days of a recurrence are quoted as the model format spells them,
// with the number of a value that is not a day, never a fmt verb error such as "%!Weekday(8)".
func TestNew_DaysOfWeekText(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	many := slices.Repeat([]time.Weekday{time.Friday}, 1000)
	for _, tc := range []struct {
		name string
		days []time.Weekday
		want string
	}{
		{"a day on daily", []time.Weekday{time.Monday, time.Friday},
			`freeze "F": recurrence.daysOfWeek "[Monday Friday]": invalid value: daysOfWeek is only for Weekly [invalid-value]`},
		{"not a day on daily", []time.Weekday{time.Sunday, 8},
			`freeze "F": recurrence.daysOfWeek "[Sunday 8]": invalid value: daysOfWeek is only for Weekly [invalid-value]`},
		{"a long list", many,
			`freeze "F": recurrence.daysOfWeek "[Friday Friday Friday Friday Friday Friday Friday ...]": invalid value`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := freeze.New("F", start, start.Add(time.Hour), &freeze.Recurrence{Unit: freeze.Daily, DaysOfWeek: tc.days}, shopProd)
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), "%!")
		})
	}
	_, err := freeze.New("F", start, start.Add(time.Hour), &freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{-1}}, shopProd)
	require.ErrorContains(t, err, `freeze "F": recurrence.daysOfWeek[0] "-1": invalid value: not a day of the week [invalid-value]`)
}

// TestUnit_Text: every unit encodes to its name and decodes back; other text, and a unit out of
// range, are errors that list the names and wrap ErrInvalidValue.
func TestUnit_Text(t *testing.T) {
	for _, u := range []freeze.Unit{freeze.Daily, freeze.Weekly, freeze.Monthly, freeze.Annually} {
		b, err := u.MarshalText()
		require.NoError(t, err)
		require.Equal(t, u.String(), string(b))
		var back freeze.Unit
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, u, back)
	}
	valid := `want "Daily", "Weekly", "Monthly" or "Annually"`
	for _, text := range []string{"", "daily", "Fortnightly", strings.Repeat("x", 1000)} {
		var u freeze.Unit
		err := u.UnmarshalText([]byte(text))
		require.ErrorIs(t, err, freeze.ErrInvalidValue, text)
		require.ErrorContains(t, err, valid)
		require.Less(t, len(err.Error()), 200, "long input is cut")
		require.Equal(t, freeze.Unit(0), u, "a failed decode leaves the unit alone")
	}
	for _, u := range []freeze.Unit{0, freeze.Annually + 1} {
		_, err := u.MarshalText()
		require.ErrorIs(t, err, freeze.ErrInvalidValue)
		require.ErrorContains(t, err, valid)
	}
	// In JSON, as a request would carry it.
	var v struct{ Unit freeze.Unit }
	require.NoError(t, json.Unmarshal([]byte(`{"Unit": "Weekly"}`), &v))
	require.Equal(t, freeze.Weekly, v.Unit)
	out, err := json.Marshal(v)
	require.NoError(t, err)
	require.JSONEq(t, `{"Unit": "Weekly"}`, string(out))
}
