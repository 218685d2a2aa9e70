package freeze_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

// shopFreezes builds three freezes of project Shop: a one-off freeze of tenant Acme in Production,
// an annual freeze of Staging and a weekly freeze of Production.
func shopFreezes(t testing.TB) *freeze.Index {
	return freeze.NewIndex([]freeze.Freeze{
		mustNew(t, "Acme board demo", "2026-11-20T00:00:00Z", "2026-11-30T00:00:00Z", nil,
			freeze.Scope{Tenants: []freeze.TenantScope{{Tenant: "Acme", Project: "Shop", Environment: "Production"}}}),
		mustNew(t, "Holidays", "2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z",
			&freeze.Recurrence{Unit: freeze.Annually, Every: 1, EndAfter: 3},
			freeze.Scope{Projects: map[string][]string{"Shop": {"Staging"}}}),
		mustNew(t, "Friday nights", "2026-11-27T22:00:00Z", "2026-11-28T06:00:00Z",
			&freeze.Recurrence{Unit: freeze.Weekly, DaysOfWeek: []time.Weekday{time.Friday}},
			freeze.Scope{Projects: map[string][]string{"Shop": {"Production"}}}),
	})
}

func only(names ...string) func(string) bool {
	return func(n string) bool {
		for _, x := range names {
			if x == n {
				return true
			}
		}
		return false
	}
}

func TestIndex_Active(t *testing.T) {
	x := shopFreezes(t)
	hit := func(name, start, end string) freeze.Hit {
		return freeze.Hit{Freeze: name, Start: ts(t, start), End: ts(t, end)}
	}
	for _, tc := range []struct {
		name                string
		env, tenant, at     string
		override            func(string) bool
		want                []freeze.Hit
		project, tenantOnly int
	}{
		{name: "tenant scope holds Acme", env: "Production", tenant: "Acme", at: "2026-11-25T12:00:00Z",
			want: []freeze.Hit{hit("Acme board demo", "2026-11-20T00:00:00Z", "2026-11-30T00:00:00Z")}, tenantOnly: 1},
		{name: "tenant scope does not hold Globex", env: "Production", tenant: "Globex", at: "2026-11-25T12:00:00Z"},
		{name: "tenant scope does not hold untenanted", env: "Production", tenant: "", at: "2026-11-25T12:00:00Z"},
		{name: "override", env: "Production", tenant: "Acme", at: "2026-11-25T12:00:00Z", override: only("Acme board demo")},
		{name: "override of another freeze does not help", env: "Production", tenant: "Acme", at: "2026-11-25T12:00:00Z", override: only("Holidays"),
			want: []freeze.Hit{hit("Acme board demo", "2026-11-20T00:00:00Z", "2026-11-30T00:00:00Z")}, tenantOnly: 1},
		{name: "two freezes ordered by end descending", env: "Production", tenant: "Acme", at: "2026-11-27T23:00:00Z",
			want: []freeze.Hit{
				hit("Acme board demo", "2026-11-20T00:00:00Z", "2026-11-30T00:00:00Z"),
				hit("Friday nights", "2026-11-27T22:00:00Z", "2026-11-28T06:00:00Z"),
			}, project: 1, tenantOnly: 1},
		{name: "project scope holds untenanted", env: "Production", tenant: "", at: "2026-12-04T23:00:00Z",
			want: []freeze.Hit{hit("Friday nights", "2026-12-04T22:00:00Z", "2026-12-05T06:00:00Z")}, project: 1},
		{name: "project scope holds every tenant", env: "Staging", tenant: "Globex", at: "2027-12-25T10:00:00Z",
			want: []freeze.Hit{hit("Holidays", "2027-12-24T00:00:00Z", "2027-12-26T00:00:00Z")}, project: 1},
		{name: "other environment", env: "Staging", tenant: "Globex", at: "2026-12-04T23:00:00Z"},
		{name: "unknown cell", env: "Nowhere", tenant: "Globex", at: "2026-12-04T23:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := ts(t, tc.at)
			got := x.Active("Shop", tc.env, tc.tenant, at, tc.override)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Fatalf("Active (-want +got):\n%s", d)
			}
			require.Len(t, x.ProjectActive("Shop", tc.env, at, tc.override), tc.project)
			require.Len(t, x.TenantActive("Shop", tc.env, tc.tenant, at, tc.override), tc.tenantOnly)
		})
	}
	require.True(t, x.HasTenantFreezes("Shop", "Production"))
	require.False(t, x.HasTenantFreezes("Shop", "Staging"))
	require.Len(t, x.Freezes(), 3)
}

func TestIndex_TenantAndProjectScopeReportedOnce(t *testing.T) {
	f := mustNew(t, "Both", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", nil, freeze.Scope{
		Projects: map[string][]string{"Shop": {"Production"}},
		Tenants:  []freeze.TenantScope{{Tenant: "Acme", Project: "Shop", Environment: "Production"}},
	})
	x := freeze.NewIndex([]freeze.Freeze{f})
	at := ts(t, "2026-01-01T12:00:00Z")
	require.Len(t, x.Active("Shop", "Production", "Acme", at, nil), 1)
	require.Len(t, x.ProjectActive("Shop", "Production", at, nil), 1)
	require.Empty(t, x.TenantActive("Shop", "Production", "Acme", at, nil))
	require.False(t, x.HasTenantFreezes("Shop", "Production"))
}

func TestIndex_Clear(t *testing.T) {
	x := shopFreezes(t)
	daily := freeze.NewIndex([]freeze.Freeze{
		// Back-to-back daily occurrences: frozen forever.
		mustNew(t, "Always", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &freeze.Recurrence{Unit: freeze.Daily}, shopProd),
	})
	for _, tc := range []struct {
		name        string
		x           *freeze.Index
		env, tenant string
		at          string
		override    func(string) bool
		limit       time.Duration
		want        string // "" = not found
	}{
		{name: "clear already", x: x, env: "Production", tenant: "Globex", at: "2026-11-25T12:00:00Z", want: "2026-11-25T12:00:00Z"},
		{name: "end of the tenant freeze", x: x, env: "Production", tenant: "Acme", at: "2026-11-25T12:00:00Z", want: "2026-11-30T00:00:00Z"},
		{name: "overlapping freezes chain", x: x, env: "Production", tenant: "Acme", at: "2026-11-27T23:00:00Z", want: "2026-11-30T00:00:00Z"},
		{name: "override", x: x, env: "Production", tenant: "Acme", at: "2026-11-27T23:00:00Z", override: only("Acme board demo"), want: "2026-11-28T06:00:00Z"},
		{name: "within the limit", x: x, env: "Production", tenant: "", at: "2026-12-04T23:00:00Z", limit: 7 * time.Hour, want: "2026-12-05T06:00:00Z"},
		{name: "beyond the limit", x: x, env: "Production", tenant: "", at: "2026-12-04T23:00:00Z", limit: 7*time.Hour - 1},
		{name: "negative limit", x: x, env: "Production", tenant: "", at: "2026-12-04T23:00:00Z", limit: -1},
		{name: "always frozen gives up", x: daily, env: "Production", tenant: "", at: "2026-06-01T00:00:00Z"},
		{name: "always frozen overridden", x: daily, env: "Production", at: "2026-06-01T00:00:00Z", override: only("Always"), want: "2026-06-01T00:00:00Z"},
		{name: "before it starts", x: daily, env: "Production", at: "2025-06-01T00:00:00Z", want: "2025-06-01T00:00:00Z"},
		{name: "nil index", env: "Production", at: "2025-06-01T00:00:00Z", want: "2025-06-01T00:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.x.Clear("Shop", tc.env, tc.tenant, ts(t, tc.at), tc.override, tc.limit)
			if tc.want == "" {
				require.False(t, ok, got)
				return
			}
			require.True(t, ok)
			require.Equal(t, ts(t, tc.want), got)
			require.Empty(t, tc.x.Active("Shop", tc.env, tc.tenant, got, tc.override))
		})
	}
}

func TestIndex_Nil(t *testing.T) {
	var x *freeze.Index
	at := ts(t, "2026-01-01T00:00:00Z")
	require.Nil(t, x.Active("Shop", "Production", "Acme", at, nil))
	require.Nil(t, x.ProjectActive("Shop", "Production", at, nil))
	require.Nil(t, x.TenantActive("Shop", "Production", "Acme", at, nil))
	require.False(t, x.HasTenantFreezes("Shop", "Production"))
	require.Nil(t, x.Freezes())
}

// TestIndex_ConcurrentUse: an Index and its freezes are read from many goroutines at once (run
// with -race).
func TestIndex_ConcurrentUse(t *testing.T) {
	x := shopFreezes(t)
	at := ts(t, "2026-11-27T23:00:00Z")
	want := x.Active("Shop", "Production", "Acme", at, nil)
	done := make(chan []freeze.Hit)
	for range 8 {
		go func() {
			var got []freeze.Hit
			for range 100 {
				got = x.Active("Shop", "Production", "Acme", at, nil)
				x.Clear("Shop", "Production", "Acme", at, nil, 0)
			}
			done <- got
		}()
	}
	for range 8 {
		require.Equal(t, want, <-done)
	}
}

// TestOccurrence_JumpsFarAhead: a query tens of thousands of years after start answers
// at once, because the search jumps instead of stepping.
func TestOccurrence_JumpsFarAhead(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	f := mustNew(t, "Daily", "2026-01-01T08:00:00Z", "2026-01-01T09:00:00Z", // 09:00 in Berlin
		&freeze.Recurrence{Unit: freeze.Daily, TimeZone: "Europe/Berlin"}, shopProd)
	b, e, ok := f.Occurrence(time.Date(50000, 6, 1, 9, 30, 0, 0, berlin))
	require.True(t, ok)
	require.True(t, b.Equal(time.Date(50000, 6, 1, 9, 0, 0, 0, berlin)), b)
	require.Equal(t, time.Hour, e.Sub(b))
	_, _, ok = f.Occurrence(time.Date(50000, 6, 1, 10, 0, 0, 0, berlin))
	require.False(t, ok)
}

func TestIndex_Tenants(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, err := freeze.New("a", start, start.Add(time.Hour), nil, freeze.Scope{Tenants: []freeze.TenantScope{
		{Tenant: "Zed", Project: "P", Environment: "Prod"}, {Tenant: "Amy", Project: "P", Environment: "Prod"},
		{Tenant: "Bob", Project: "P", Environment: "Dev"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := freeze.New("b", start, start.Add(time.Hour), nil, freeze.Scope{
		Projects: map[string][]string{"P": {"Dev"}},
		Tenants:  []freeze.TenantScope{{Tenant: "Amy", Project: "P", Environment: "Prod"}, {Tenant: "Cy", Project: "P", Environment: "Dev"}}})
	if err != nil {
		t.Fatal(err)
	}
	x := freeze.NewIndex([]freeze.Freeze{a, b})
	if got := x.Tenants("P", "Prod"); !slices.Equal(got, []string{"Amy", "Zed"}) {
		t.Fatalf("Tenants(P, Prod) = %q", got)
	}
	if got := x.Tenants("P", "Dev"); !slices.Equal(got, []string{"Bob"}) {
		t.Fatalf("Tenants(P, Dev) = %q: Cy is held by b's project scope, reported by ProjectActive", got)
	}
	if got := x.Tenants("Q", "Prod"); got != nil {
		t.Fatalf("Tenants(Q, Prod) = %q", got)
	}
}
