package plan_test

import (
	"fmt"
	"testing"

	"github.com/tenantplan/tenantplan/plan"
)

// BenchmarkLoadManyEnvironments: a model of 6,000 and 60,000 environments with tenant values over
// half of them; the overlap checks use sets, so the cost grows linearly.
func BenchmarkLoadManyEnvironments(b *testing.B) {
	for _, ne := range []int{6_000, 60_000} {
		b.Run(fmt.Sprintf("environments=%d", ne), func(b *testing.B) {
			data := manyEnvironmentsModel(ne)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := plan.Load(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompileTemplates: 2,000 tenants with values for 100 and 800 project templates; the
// template list is built once per project, so a tenant costs the same whatever the templates.
func BenchmarkCompileTemplates(b *testing.B) {
	for _, nt := range []int{100, 800} {
		b.Run(fmt.Sprintf("templates=%d", nt), func(b *testing.B) {
			f := templatesModel(nt, 2000)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := plan.Compile(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
