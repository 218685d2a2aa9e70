package tags_test

import (
	"errors"
	"slices"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/tags"
)

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	require.TestingT
	Helper()
}

// world is a small catalog with tenants, so that table tests can state which tenants are selected.
type world struct {
	cat     *tags.Catalog
	names   []string // tenant names, sorted
	tagsOf  map[string][]string
	bits    []tags.Bits
	indexOf map[string]int
}

type setDef struct {
	name string
	typ  tags.Type
	tags []string
}

type tenantDef struct {
	name string
	tags []string
}

func newWorld(t tb, sets []setDef, tenants []tenantDef) *world {
	t.Helper()
	var ts []tags.TagSet
	for _, s := range sets {
		set, err := tags.NewTagSet(s.name, s.typ, s.tags)
		require.NoError(t, err)
		ts = append(ts, set)
	}
	var free []string
	for _, tn := range tenants {
		for _, tag := range tn.tags {
			for _, s := range sets {
				if s.typ == tags.FreeText && len(tag) > len(s.name) && tag[:len(s.name)+1] == s.name+"/" {
					free = append(free, tag)
				}
			}
		}
	}
	cat, err := tags.NewCatalog(ts, free)
	require.NoError(t, err)
	w := &world{cat: cat, tagsOf: map[string][]string{}, indexOf: map[string]int{}}
	for _, tn := range tenants {
		w.names = append(w.names, tn.name)
		w.tagsOf[tn.name] = tn.tags
	}
	slices.Sort(w.names)
	for i, n := range w.names {
		w.indexOf[n] = i
		var ids []tags.ID
		for _, tag := range w.tagsOf[n] {
			id, err := cat.Lookup(tag)
			require.NoError(t, err)
			ids = append(ids, id)
		}
		w.bits = append(w.bits, tags.NewBits(ids...))
	}
	return w
}

func (w *world) lookup(name string) (int, bool) {
	i, ok := w.indexOf[name]
	return i, ok
}

// selectBound returns the names of the tenants b matches, in name order.
func (w *world) selectBound(b *tags.Bound) []string {
	out := []string{}
	for i, n := range w.names {
		if b.Match(w.bits[i], i) {
			out = append(out, n)
		}
	}
	return out
}

// codes returns the scenario codes of the errors joined in err.
func codes(err error) []string {
	var out []string
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		for _, e := range j.Unwrap() {
			out = append(out, codeOf(e))
		}
		return out
	}
	return []string{codeOf(err)}
}

// bindErrors returns the *BindError values joined in err.
func bindErrors(t tb, err error) []*tags.BindError {
	t.Helper()
	var j interface{ Unwrap() []error }
	require.ErrorAs(t, err, &j)
	var out []*tags.BindError
	for _, e := range j.Unwrap() {
		var be *tags.BindError
		require.ErrorAs(t, e, &be)
		out = append(out, be)
	}
	return out
}

var ringSets = []setDef{
	{name: "Importance", tags: []string{"VIP", "Standard", "Trial"}},
	{name: "Release Ring", tags: []string{"Alpha", "Beta", "Stable"}},
}

var ringTenants = []tenantDef{
	{name: "Capital Animal Hospital"},
	{name: "T1", tags: []string{"Importance/VIP", "Release Ring/Alpha"}},
	{name: "T2", tags: []string{"Importance/VIP", "Release Ring/Stable"}},
	{name: "T3", tags: []string{"Importance/Standard", "Release Ring/Beta"}},
	{name: "T4", tags: []string{"Importance/VIP", "Release Ring/Beta", "Release Ring/Stable"}},
	{name: "T5", tags: []string{"Release Ring/Alpha"}},
}

var typedSets = []setDef{
	{name: "Upgrade ring", typ: tags.SingleSelect, tags: []string{"Tester", "Early adopter", "Stable"}},
	{name: "Region", typ: tags.FreeText},
	{name: "Feature", typ: tags.MultiSelect, tags: []string{"Branding", "SSO"}},
}

var typedTenants = []tenantDef{
	{name: "Acme", tags: []string{"Upgrade ring/Tester", "Region/eu-west-1", "Feature/Branding", "Feature/SSO"}},
	{name: "Globex", tags: []string{"Upgrade ring/Stable", "Region/us-east-1"}},
	{name: "Initech", tags: []string{"Upgrade ring/Early adopter"}},
}

// codeOf returns the code of the first error in err's tree that has one, or "".
func codeOf(err error) string {
	var c interface{ Code() problem.Code }
	if errors.As(err, &c) {
		return string(c.Code())
	}
	return ""
}
