package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"testing"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// generatedJSON is the model that `tenantplan generate --tenants n --projects 3 --seed 1` writes
// (plantest.Synthetic, encoded with a one-space indent): about 245 MB with 900,000 deployments for
// 100,000 tenants. The last one built is kept, so that the benchmarks of one size measure the
// same bytes.
func generatedJSON(n int) []byte {
	if lastJSON.n == n {
		return lastJSON.data
	}
	lastJSON.data = nil
	runtime.GC()
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Projects: 3, Seed: 1})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		panic(err)
	}
	lastJSON.n, lastJSON.data = n, buf.Bytes()
	return lastJSON.data
}

var lastJSON struct {
	n    int
	data []byte
}

// benchGenerated runs op over the generated model of each size (see genSizes), with its CPU time.
func benchGenerated(b *testing.B, op func(data []byte) error) {
	for _, sz := range genSizes(b) {
		b.Run(sz.name, func(b *testing.B) {
			data := generatedJSON(sz.n)
			b.SetBytes(int64(len(data)))
			runtime.GC() // the garbage of making the file is not the benchmark's
			loopCPU(b, func() {
				if err := op(data); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
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
		_, err := model.DecodeWithOptions(data, hugeInput)
		return err
	})
}

// BenchmarkLoadGenerated measures Load (decoding and compiling) over the generated model.
func BenchmarkLoadGenerated(b *testing.B) {
	benchGenerated(b, func(data []byte) error {
		_, err := plan.LoadWithOptions(data, plan.LoadOptions{Decode: hugeInput})
		return err
	})
}

// hugeInput lets the 1,000,000-tenant model (2.5 GB) past the default input limit of 1 GiB.
var hugeInput = model.Options{MaxBytes: 4 << 30}
