package tenant_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

type setDef struct {
	name string
	typ  tags.Type
	tags []string
}

func newSets(t testing.TB, defs []setDef) []tags.TagSet {
	t.Helper()
	var out []tags.TagSet
	for _, d := range defs {
		s, err := tags.NewTagSet(d.name, d.typ, d.tags)
		require.NoError(t, err)
		out = append(out, s)
	}
	return out
}

func newTenants(tagsByName map[string][]string) []tenant.Tenant {
	var out []tenant.Tenant
	for n, tg := range tagsByName {
		out = append(out, tenant.New(tenant.Config{Name: n, Tags: tg}))
	}
	return out
}

func mustSet(t testing.TB, defs []setDef, ts []tenant.Tenant) *tenant.Set {
	t.Helper()
	sets := newSets(t, defs)
	cat, err := catalogOf(sets, ts)
	require.NoError(t, err)
	s, err := tenant.NewSet(cat, ts)
	require.NoError(t, err)
	return s
}

var ringSets = []setDef{
	{name: "Importance", tags: []string{"VIP", "Standard", "Trial"}},
	{name: "Release Ring", tags: []string{"Alpha", "Beta", "Stable"}},
}

var ringTenants = map[string][]string{
	"Capital Animal Hospital": nil,
	"T1":                      {"Importance/VIP", "Release Ring/Alpha"},
	"T2":                      {"Importance/VIP", "Release Ring/Stable"},
	"T3":                      {"Importance/Standard", "Release Ring/Beta"},
	"T4":                      {"Importance/VIP", "Release Ring/Beta", "Release Ring/Stable"},
	"T5":                      {"Release Ring/Alpha"},
}

var typedSets = []setDef{
	{name: "Upgrade ring", typ: tags.SingleSelect, tags: []string{"Tester", "Early adopter", "Stable"}},
	{name: "Region", typ: tags.FreeText},
	{name: "Feature", typ: tags.MultiSelect, tags: []string{"Branding", "SSO"}},
}

var typedTenants = map[string][]string{
	"Acme":    {"Upgrade ring/Tester", "Region/eu-west-1", "Feature/Branding", "Feature/SSO"},
	"Globex":  {"Upgrade ring/Stable", "Region/us-east-1"},
	"Initech": {"Upgrade ring/Early adopter"},
}

func TestSet_SelectFilter(t *testing.T) {
	s := mustSet(t, ringSets, newTenants(ringTenants))
	tests := []struct {
		name          string
		tenants, tags []string
		want          []string
		code          string
	}{
		{name: "named union tagged", tenants: []string{"Capital Animal Hospital"},
			tags: []string{"Importance/VIP", "Release Ring/Alpha", "Release Ring/Beta"},
			want: []string{"Capital Animal Hospital", "T1", "T4"}},
		{name: "one set", tags: []string{"Release Ring/Alpha"}, want: []string{"T1", "T5"}},
		{name: "OR within a set", tags: []string{"Release Ring/Alpha", "Release Ring/Stable"}, want: []string{"T1", "T2", "T4", "T5"}},
		{name: "empty filter matches nobody", want: []string{}},
		{name: "unknown tag", tags: []string{"Importance/Platinum"}, code: "unknown-tag"},
		{name: "unknown tenant", tenants: []string{"Nobody"}, code: "unknown-tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := s.SelectFilter(tags.NewFilter(tt.tenants, tt.tags))
			if tt.code != "" {
				require.Error(t, err)
				require.Equal(t, tt.code, codeOf(err))
				require.Zero(t, sel.Len())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, sel.Names())
		})
	}
}

func TestSet_SelectExpr(t *testing.T) {
	sRing := mustSet(t, ringSets, newTenants(ringTenants))
	sTyped := mustSet(t, typedSets, newTenants(typedTenants))
	tests := []struct {
		name string
		s    *tenant.Set
		expr string
		want []string
		code string
	}{
		{name: "and/or", s: sRing, expr: `"Importance/VIP" and ("Release Ring/Alpha" or "Release Ring/Beta")`, want: []string{"T1", "T4"}},
		{name: "tenant", s: sRing, expr: `tenant("Capital Animal Hospital") or (Importance/VIP and not "Release Ring/Stable")`,
			want: []string{"Capital Animal Hospital", "T1"}},
		{name: "wildcards", s: sRing, expr: `"Release Ring/*" and not Importance/*`, want: []string{"T5"}},
		{name: "precedence", s: sRing, expr: `not Importance/VIP and "Release Ring/Beta" or "Release Ring/Alpha" and Importance/VIP`,
			want: []string{"T1", "T3"}},
		{name: "symbols", s: sRing, expr: `!Importance/VIP && ("Release Ring/Alpha" || "Release Ring/Beta")`, want: []string{"T3", "T5"}},
		{name: "true", s: sRing, expr: `true`, want: []string{"Capital Animal Hospital", "T1", "T2", "T3", "T4", "T5"}},
		{name: "free text wildcard", s: sTyped, expr: "Region/*", want: []string{"Acme", "Globex"}},
		{name: "free text nobody carries", s: sTyped, expr: "Region/ap-south-1", want: []string{}},
		{name: "single select", s: sTyped, expr: `"Upgrade ring/Early adopter" or Feature/SSO`, want: []string{"Acme", "Initech"}},
		{name: "unknown tag", s: sTyped, expr: `"Upgrade ring/Pinned"`, code: "unknown-tag"},
		{name: "unknown tag set", s: sRing, expr: `Colour/Red`, code: "unknown-tag-set"},
		{name: "unknown tenant", s: sRing, expr: `tenant("Nobody")`, code: "unknown-tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := tt.s.SelectExpr(tags.MustParseExpr(tt.expr))
			if tt.code != "" {
				require.Error(t, err)
				require.Equal(t, tt.code, codeOf(err))
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, sel.Names())
		})
	}
}

func TestSet_UnknownTenantSuggestion(t *testing.T) {
	s := mustSet(t, ringSets, newTenants(ringTenants))
	_, err := s.SelectExpr(tags.MustParseExpr(`tenant("capital animal hospital") or tenant("T7x9")`))
	var j interface{ Unwrap() []error }
	require.ErrorAs(t, err, &j)
	var got []tags.BindError
	for _, e := range j.Unwrap() {
		var be *tags.BindError
		require.ErrorAs(t, e, &be)
		got = append(got, *be)
	}
	want := []tags.BindError{
		{Ref: "capital animal hospital", Offset: 7, Index: -1, Err: tags.ErrUnknownTenant, Suggestion: "Capital Animal Hospital"},
		{Ref: "T7x9", Offset: 44, Index: -1, Err: tags.ErrUnknownTenant},
	}
	require.Empty(t, cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })))
}

func TestNewSet_TagErrors(t *testing.T) {
	sets := newSets(t, []setDef{
		{name: "Upgrade ring", typ: tags.SingleSelect, tags: []string{"Tester", "Stable"}},
		{name: "Region", typ: tags.FreeText},
	})
	ts := []tenant.Tenant{
		tenant.New(tenant.Config{Name: "Acme", Tags: []string{"Upgrade ring/Tester", "Upgrade ring/Stable"}}),
		tenant.New(tenant.Config{Name: "Globex", Tags: []string{"Region/eu", "Region/us", "Region/eu"}}),
		tenant.New(tenant.Config{Name: "Initech", Tags: []string{"Upgrade ring/Tester", "Colour/Red"}}),
		tenant.New(tenant.Config{Name: "Umbrella", Tags: []string{"Upgrade ring/Nightly", "Upgrade ring/Tester", "Upgrade ring/Tester"}}),
		tenant.New(tenant.Config{Name: "acme", Tags: []string{"Upgrade ring/Stabel"}}),
	}
	cat, err := catalogOf(sets, ts)
	require.NoError(t, err)
	_, err = tenant.NewSet(cat, ts)
	require.Error(t, err)
	var j interface{ Unwrap() []error }
	require.ErrorAs(t, err, &j)
	var got []tenant.TagError
	for _, e := range j.Unwrap() {
		var te *tenant.TagError
		require.True(t, errors.As(e, &te))
		got = append(got, *te)
	}
	want := []tenant.TagError{
		{Tenant: "Acme", TenantIndex: 0, TagIndex: -1, Tag: "Upgrade ring/Stable", Err: tags.ErrSingleSelect},
		{Tenant: "Globex", TenantIndex: 1, TagIndex: -1, Tag: "Region/us", Err: tags.ErrSingleSelect},
		{Tenant: "Initech", TenantIndex: 2, TagIndex: 1, Tag: "Colour/Red", Err: tags.ErrUnknownTagSet},
		{Tenant: "Umbrella", TenantIndex: 3, TagIndex: 0, Tag: "Upgrade ring/Nightly", Err: tags.ErrUnknownTag},
		{Tenant: "acme", TenantIndex: 4, TagIndex: -1, Err: tags.ErrDuplicateName},
		{Tenant: "acme", TenantIndex: 4, TagIndex: 0, Tag: "Upgrade ring/Stabel", Err: tags.ErrUnknownTag, Suggestion: "Upgrade ring/Stable"},
	}
	require.Empty(t, cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })))
	require.EqualError(t, &got[5], `tenant "acme", tag "Upgrade ring/Stabel": unknown tag; did you mean "Upgrade ring/Stable"? [unknown-tag]`)
}

func TestSet_SelectionAndWhere(t *testing.T) {
	cat := tags.MustNewCatalog(nil, nil)
	set, err := tenant.NewSet(cat, []tenant.Tenant{tenant.New(tenant.Config{Name: "b"}), tenant.New(tenant.Config{Name: "a"}), tenant.New(tenant.Config{Name: "c"})})
	require.NoError(t, err)
	require.Equal(t, []string{"a", "c"}, set.Selection(0, 2, 7, -1).Names())
	require.Equal(t, []string{"b"}, set.Where(func(i int) bool { return set.At(i).Name() == "b" }).Names())
	require.Equal(t, 0, set.Selection().Len())
}

// codeOf returns the code of the first error in err's tree that has one, or "".
func codeOf(err error) string {
	var c interface{ Code() problem.Code }
	if errors.As(err, &c) {
		return string(c.Code())
	}
	return ""
}

// catalogOf builds the catalog of sets with the FreeText values that ts carry, as a caller of
// NewSet does.
func catalogOf(sets []tags.TagSet, ts []tenant.Tenant) (*tags.Catalog, error) {
	free := map[string]bool{}
	for _, s := range sets {
		if s.Type() == tags.FreeText {
			free[s.Name()] = true
		}
	}
	var values []string
	for _, t := range ts {
		for _, tag := range t.Tags() {
			set, v, ok := strings.Cut(tag, "/")
			if ok && free[set] && v != "" && v != tags.Wildcard {
				values = append(values, tag)
			}
		}
	}
	return tags.NewCatalog(sets, values)
}
