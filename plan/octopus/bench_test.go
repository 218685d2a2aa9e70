package octopus_test

import (
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/octopus"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// benchSpace renders a synthetic space of 10,000 tenants with its history (30,000 deployments,
// paged by 1,000 as the server pages them) and returns the folder and the JSON of the model it
// imports to.
func benchSpace(b *testing.B) (fstest.MapFS, []byte) {
	b.Helper()
	f := expressible(plantest.Synthetic(plantest.SyntheticOptions{Tenants: 10_000}))
	d := objects(f, renderOptions{})
	fs := d.write(renderOptions{})
	for _, name := range []string{"releases", "deployments", "tasks"} {
		delete(fs, name+".json")
		for k, v := range (&folder{lists: map[string][]obj{name: d.lists[name]}, types: d.types, ordering: []string{name}}).write(renderOptions{PageSize: 1000}) {
			fs[k] = v
		}
	}
	m, _, err := octopus.Import(fs, octopus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := json.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := plan.Load(data); err != nil {
		b.Fatal(err)
	}
	return fs, data
}

// BenchmarkImport imports the 10,000-tenant space; BenchmarkLoadImported loads the model it
// imports to, for comparison.
func BenchmarkImport(b *testing.B) {
	fs, _ := benchSpace(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := octopus.Import(fs, octopus.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadImported(b *testing.B) {
	_, data := benchSpace(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plan.Load(data); err != nil {
			b.Fatal(err)
		}
	}
}
