package model_test

import (
	"testing"

	"github.com/tenantplan/tenantplan/plan/model"
)

// BenchmarkDecodeSmall measures a small document, such as a rollout policy or one scenario check:
// the fixed cost of a decode.
func BenchmarkDecodeSmall(b *testing.B) {
	src := []byte(`{"environments":["Dev","Test","Production"],"tenants":[{"name":"Acme","tags":["Tier/Gold"],
	  "projects":{"Shop":["Test","Production"]}}],"releases":[{"project":"Shop","version":"1.0.0"}]}`)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.Decode(src); err != nil {
			b.Fatal(err)
		}
	}
}
