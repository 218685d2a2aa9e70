package freeze_test

import (
	"fmt"
	"time"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// A weekly freeze on Friday nights in New York keeps its local time across the daylight-saving
// change of November.
func ExampleNew() {
	ny, _ := time.LoadLocation("America/New_York")
	start := time.Date(2026, 10, 23, 22, 0, 0, 0, ny)
	f, err := freeze.New("Friday nights", start, start.Add(8*time.Hour),
		&freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Friday}, EndAfter: 3, TimeZone: "America/New_York"},
		freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for b, e := range f.Occurrences(start) {
		fmt.Println(b.Format(time.RFC3339), "to", e.Format(time.RFC3339))
	}
	// Output:
	// 2026-10-23T22:00:00-04:00 to 2026-10-24T06:00:00-04:00
	// 2026-10-30T22:00:00-04:00 to 2026-10-31T06:00:00-04:00
	// 2026-11-06T22:00:00-05:00 to 2026-11-07T06:00:00-05:00
}

// New reports every problem at once, each naming its field and quoting the value.
func ExampleNew_errors() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := freeze.New("Year end", start, start.Add(time.Hour),
		&freeze.Recurrence{Unit: freeze.Monthly, DayOfMonth: 32, TimeZone: "Europe/Atlantis"}, freeze.Scope{})
	fmt.Println(err)
	// Output:
	// freeze "Year end": recurrence.dayOfMonth "32": invalid value: want 1..31 [invalid-value]
	// freeze "Year end": recurrence.timeZone "Europe/Atlantis": invalid value: unknown time zone [invalid-value]
}

// The freezes of a model go into an Index; a planner asks it, per cell, which freezes hold it.
func ExampleIndex_Active() {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	demo, _ := freeze.New("Acme board demo", utc("2026-11-20T00:00:00Z"), utc("2026-11-30T00:00:00Z"), nil,
		freeze.Scope{Tenants: []freeze.TenantScope{{Tenant: "Acme", Project: "Shop", Environment: "Production"}}})
	fridays, _ := freeze.New("Friday nights", utc("2026-11-27T22:00:00Z"), utc("2026-11-28T06:00:00Z"),
		&freeze.Recurrence{Unit: freeze.Weekly}, freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}})
	x := freeze.NewIndex([]freeze.Freeze{demo, fridays})

	at := utc("2026-11-27T23:00:00Z")
	for _, tenant := range []string{"Acme", "Globex", ""} {
		fmt.Printf("%q:", tenant)
		for _, h := range x.Active("Shop", "Production", tenant, at, nil) {
			fmt.Printf(" %s until %s;", h.Freeze, h.End.Format(time.RFC3339))
		}
		fmt.Println()
	}
	overridden := func(name string) bool { return name == "Acme board demo" }
	fmt.Println(len(x.Active("Shop", "Production", "Acme", at, overridden)), "with an override")
	// Output:
	// "Acme": Acme board demo until 2026-11-30T00:00:00Z; Friday nights until 2026-11-28T06:00:00Z;
	// "Globex": Friday nights until 2026-11-28T06:00:00Z;
	// "": Friday nights until 2026-11-28T06:00:00Z;
	// 1 with an override
}

// Clear finds when a cell can next be deployed, through overlapping freezes.
func ExampleIndex_Clear() {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	nights, _ := freeze.New("Nights", utc("2026-01-01T20:00:00Z"), utc("2026-01-02T08:00:00Z"),
		&freeze.Recurrence{Unit: freeze.Daily}, freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}})
	release, _ := freeze.New("Release week", utc("2026-03-02T00:00:00Z"), utc("2026-03-07T00:00:00Z"), nil,
		freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}})
	x := freeze.NewIndex([]freeze.Freeze{nights, release})

	t, ok := x.Clear("Shop", "Production", "Acme", utc("2026-03-04T12:00:00Z"), nil, 0)
	fmt.Println(t.Format(time.RFC3339), ok)
	_, ok = x.Clear("Shop", "Production", "Acme", utc("2026-03-04T12:00:00Z"), nil, 24*time.Hour)
	fmt.Println(ok, "within a day")
	// Output:
	// 2026-03-07T08:00:00Z true
	// false within a day
}

// ClearTenants finds when a batch of tenants can be deployed together: when neither the project's
// freezes nor any of the tenants' own freezes hold their cells. Seven daily freezes tile every week
// for years, so even a search over the whole default limit of ten years is quick, and finds
// nothing.
func ExampleIndex_ClearTenants() {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	shop := freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}}
	nights, _ := freeze.New("Nights", utc("2026-01-01T20:00:00Z"), utc("2026-01-02T08:00:00Z"), &freeze.Recurrence{Unit: freeze.Daily}, shop)
	audit, _ := freeze.New("Globex audit", utc("2026-03-05T08:00:00Z"), utc("2026-03-05T14:00:00Z"), nil,
		freeze.Scope{Tenants: []freeze.TenantScope{{Tenant: "Globex", Project: "Shop", Environment: "Production"}}})
	fs := []freeze.Freeze{nights, audit}
	monday := utc("2026-01-05T00:00:00Z")
	for d := range 7 {
		day, _ := freeze.New(fmt.Sprintf("Tile %d", d), monday.AddDate(0, 0, d), monday.AddDate(0, 0, d+1),
			&freeze.Recurrence{Unit: freeze.Weekly}, freeze.Scope{Projects: map[string][]string{"Shop": {"Staging"}}})
		fs = append(fs, day)
	}
	x := freeze.NewIndex(fs)

	t, _ := x.ClearTenants("Shop", "Production", []string{"Acme", "Globex"}, utc("2026-03-05T07:00:00Z"), nil, 0)
	fmt.Println(t.Format(time.RFC3339), "for Acme and Globex")
	t, _ = x.ClearTenants("Shop", "Production", []string{"Acme"}, utc("2026-03-05T07:00:00Z"), nil, 0)
	fmt.Println(t.Format(time.RFC3339), "for Acme alone")
	_, ok := x.ClearTenants("Shop", "Staging", []string{"Acme"}, utc("2026-03-05T07:00:00Z"), nil, 0)
	fmt.Println(ok, "in Staging within ten years")
	// Output:
	// 2026-03-05T14:00:00Z for Acme and Globex
	// 2026-03-05T08:00:00Z for Acme alone
	// false in Staging within ten years
}

func ExampleParseUnit() {
	u, err := freeze.ParseUnit("Monthly")
	fmt.Println(u, err)
	_, err = freeze.ParseUnit("monthly")
	fmt.Println(err)
	// Output:
	// Monthly <nil>
	// recurrence unit "monthly": invalid value: want "Daily", "Weekly", "Monthly" or "Annually"
}
