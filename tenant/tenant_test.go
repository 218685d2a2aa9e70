package tenant_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

func TestTenant_Accessors(t *testing.T) {
	c := tenant.Config{
		Name: "Acme", Description: "d", Tags: []string{"S/a"}, Disabled: true,
		Projects: map[string][]string{"Web": {"Prod", "Test"}, "Api": {"Dev"}, "Idle": nil},
	}
	tn := tenant.New(c)
	c.Tags[0], c.Projects["Web"][0] = "X/x", "X"
	c.Projects["New"] = []string{"Dev"}

	require.Equal(t, "Acme", tn.Name())
	require.Equal(t, "d", tn.Description())
	require.True(t, tn.Disabled())
	require.Equal(t, []string{"S/a"}, tn.Tags())
	require.Equal(t, []string{"Api", "Idle", "Web"}, tn.Projects())
	require.Equal(t, []string{"Prod", "Test"}, tn.Environments("Web"))
	require.Nil(t, tn.Environments("Nope"))
	require.True(t, tn.ConnectedTo("Web", "Test"))
	require.False(t, tn.ConnectedTo("Web", "Dev"))
	require.False(t, tn.ConnectedTo("New", "Dev"))

	tn.Tags()[0] = "Y/y"
	tn.Projects()[0] = "Y"
	tn.Environments("Web")[0] = "Y"
	require.Equal(t, []string{"S/a"}, tn.Tags())
	require.Equal(t, []string{"Api", "Idle", "Web"}, tn.Projects())
	require.Equal(t, []string{"Prod", "Test"}, tn.Environments("Web"))
}

func TestSet_IndexAndConnections(t *testing.T) {
	a, _ := tags.NewTagSet("S", tags.MultiSelect, []string{"a", "b"})
	ts := []tenant.Tenant{
		tenant.New(tenant.Config{Name: "b", Tags: []string{"S/b"}, Projects: map[string][]string{"Web": {"Prod"}}}),
		tenant.New(tenant.Config{Name: "a", Tags: []string{"S/a", "S/a"}, Projects: map[string][]string{"Web": nil}}),
		tenant.New(tenant.Config{Name: "C", Projects: map[string][]string{"Api": {"Dev"}, "Web": {"Dev"}}}),
	}
	s, err := tenant.NewSet(tags.MustNewCatalog([]tags.TagSet{a}, nil), ts)
	require.NoError(t, err)
	require.Equal(t, 3, s.Len())
	require.Equal(t, []string{"C", "a", "b"}, s.All().Names(), "byte order")
	i, ok := s.Index("a")
	require.True(t, ok)
	require.Equal(t, 1, i)
	_, ok = s.Index("A")
	require.False(t, ok)
	require.Equal(t, "a", s.At(1).Name())
	require.Equal(t, "", s.At(3).Name())
	require.Equal(t, "{0}", s.Bits(1).String())
	require.Equal(t, "{}", s.Bits(-1).String())
	require.Equal(t, []string{"C", "a", "b"}, s.ConnectedTo("Web").Names(), "a lists Web with no environments: still connected")
	require.Equal(t, []string{"C"}, s.ConnectedTo("Api").Names())
	require.Equal(t, []string{}, s.ConnectedTo("None").Names())
	j, ok := s.Lookup()("b")
	require.True(t, ok)
	require.Equal(t, 2, j)
	require.Equal(t, []string{}, s.Select(nil).Names())
}

func TestSet_Nil(t *testing.T) {
	var s *tenant.Set
	require.Zero(t, s.Len())
	require.Zero(t, s.All().Len())
	_, ok := s.Index("x")
	require.False(t, ok)
	require.Nil(t, s.Catalog())
	require.Zero(t, s.ConnectedTo("p").Len())
	_, err := s.SelectExpr(tags.MustParseExpr("S/a"))
	require.ErrorIs(t, err, tags.ErrUnknownTagSet)
}

// tenantView is everything a Tenant shows, for comparing two tenants.
type tenantView struct {
	Name, Description string
	Disabled          bool
	Tags, Projects    []string
	Envs              map[string][]string
	Connected         map[string]bool
}

func viewOf(tn tenant.Tenant, projects []string) tenantView {
	v := tenantView{Name: tn.Name(), Description: tn.Description(), Disabled: tn.Disabled(), Tags: tn.Tags(),
		Projects: tn.Projects(), Envs: map[string][]string{}, Connected: map[string]bool{}}
	for _, p := range projects {
		v.Envs[p] = tn.Environments(p)
		v.Connected[p] = tn.Connected(p)
	}
	return v
}

// TestBuilder_SameTenantsAsNew: tenants built by one Builder, in chunks they share, show exactly
// what New's show, and writing through one tenant's copies or the Configs changes none of them.
func TestBuilder_SameTenantsAsNew(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := []string{"Api", "Web", "Idle", "Db", "Ops"}
		envs := rapid.SliceOfN(rapid.SampledFrom([]string{"Dev", "Test", "Prod"}), 0, 3)
		configs := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) tenant.Config {
			c := tenant.Config{Name: rapid.StringMatching(`[a-z]{1,4}`).Draw(t, "name"),
				Tags:     rapid.SliceOfN(rapid.SampledFrom([]string{"S/a", "S/b", "T/x"}), 0, 3).Draw(t, "tags"),
				Disabled: rapid.Bool().Draw(t, "disabled")}
			if rapid.Bool().Draw(t, "hasProjects") {
				c.Projects = rapid.MapOfN(rapid.SampledFrom(names), envs, 0, 5).Draw(t, "projects")
				if rapid.Bool().Draw(t, "nilEnvs") {
					c.Projects["Idle"] = nil
				}
			}
			return c
		}), 0, 3000).Draw(t, "configs")
		var b tenant.Builder
		built := make([]tenant.Tenant, len(configs))
		want := make([]tenantView, len(configs))
		for i, c := range configs {
			built[i] = b.New(c)
			want[i] = viewOf(tenant.New(c), names)
		}
		for i, c := range configs {
			for k := range c.Tags {
				c.Tags[k] = "changed"
			}
			for _, e := range c.Projects {
				for k := range e {
					e[k] = "changed"
				}
			}
			if tags := built[i].Tags(); len(tags) > 0 {
				tags[0] = "changed"
			}
		}
		for i := range built {
			require.Equal(t, want[i], viewOf(built[i], names), "tenant %d", i)
		}
	})
}
