package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// generated is the model that `tenantplan generate --tenants 100000 --projects 3 --seed 1` writes
// (plantest.Synthetic, encoded with a one-space indent): about 245 MB with 900,000 deployments.
// It is built once and shared by the benchmarks below, so that they measure the same bytes.
var generated = sync.OnceValue(func() []byte {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 100_000, Projects: 3, Seed: 1})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// benchGenerated runs op over the generated model as sub-benchmark "100k", with its CPU time.
func benchGenerated(b *testing.B, op func(data []byte) error) {
	b.Run("100k", func(b *testing.B) {
		data := generated()
		b.SetBytes(int64(len(data)))
		loopCPU(b, func() {
			if err := op(data); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkValidGenerated is the yardstick of the loading benchmarks: json.Valid over the
// generated model.
func BenchmarkValidGenerated(b *testing.B) {
	benchGenerated(b, func(data []byte) error {
		if !json.Valid(data) {
			return errors.New("invalid JSON")
		}
		return nil
	})
}

// BenchmarkDecodeGenerated measures the decoding part of Load over the generated model.
func BenchmarkDecodeGenerated(b *testing.B) {
	benchGenerated(b, func(data []byte) error {
		_, err := model.Decode(data)
		return err
	})
}

// BenchmarkLoadGenerated measures Load (decoding and compiling) over the generated model.
func BenchmarkLoadGenerated(b *testing.B) {
	benchGenerated(b, func(data []byte) error {
		_, err := plan.Load(data)
		return err
	})
}
