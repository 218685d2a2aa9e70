package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// fakeTerminal is a stderr that says it is a character device.
type fakeTerminal struct{ bytes.Buffer }

func (*fakeTerminal) Stat() (os.FileInfo, error) { return charDevice{}, nil }

type charDevice struct{}

func (charDevice) Name() string       { return "tty" }
func (charDevice) Size() int64        { return 0 }
func (charDevice) Mode() fs.FileMode  { return os.ModeDevice | os.ModeCharDevice }
func (charDevice) ModTime() time.Time { return time.Time{} }
func (charDevice) IsDir() bool        { return false }
func (charDevice) Sys() any           { return nil }

// bigModel writes a model of n tenants to a temporary file.
func bigModel(t testing.TB, n int) string {
	f := &model.File{Environments: []string{"Production"}, Projects: []model.Project{{Name: "P", Tenancy: "Tenanted"}}}
	for i := range n {
		f.Tenants = append(f.Tenants, model.Tenant{Name: fmt.Sprintf("tenant-%06d", i),
			Projects: map[string][]string{"P": {"Production"}}})
	}
	data, err := json.Marshal(f)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "big.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// TestProgress: a progress line on a terminal for more than 10,000 tenants, never otherwise.
func TestProgress(t *testing.T) {
	big, small := bigModel(t, progressTenants+1), bigModel(t, progressTenants)
	tests := []struct {
		name     string
		path     string
		terminal bool
		want     bool
	}{
		{"big model on a terminal", big, true, true},
		{"big model on a pipe", big, false, false},
		{"10,000 tenants on a terminal", small, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			var code int
			var stderr string
			if tt.terminal {
				var term fakeTerminal
				code, stderr = run([]string{"validate", tt.path}, &out, &term), term.String()
			} else {
				var e bytes.Buffer
				code, stderr = run([]string{"validate", tt.path}, &out, &e), e.String()
			}
			require.Equal(t, exitOK, code, stderr)
			if tt.want {
				require.Contains(t, stderr, fmt.Sprintf("compiling %d tenants...", progressTenants+1))
				require.Contains(t, stderr, "\rtenantplan: loaded ")
			} else {
				require.Empty(t, stderr)
			}
		})
	}
}

// TestIsTerminal: a bytes.Buffer and a regular file are not terminals.
func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	require.NoError(t, err)
	defer f.Close()
	require.False(t, isTerminal(f))
	require.False(t, isTerminal(&bytes.Buffer{}))
	require.True(t, isTerminal(&fakeTerminal{}))
}

// TestGenerate: the synthetic model is deterministic for a seed, different for another seed,
// and valid.
func TestGenerate(t *testing.T) {
	gen := func(seed string) string {
		got := call("generate", "--tenants", "50", "--projects", "2", "--seed", seed)
		require.Equal(t, exitOK, got.code, got.stderr)
		return got.stdout
	}
	a, b := gen("1"), gen("2")
	require.Equal(t, a, gen("1"), "same seed, same model")
	require.NotEqual(t, a, b, "another seed, another model")
	f, err := model.Decode([]byte(a))
	require.NoError(t, err)
	require.Len(t, f.Tenants, 50)
	require.Len(t, f.Projects, 2)

	path := filepath.Join(t.TempDir(), "gen.json")
	require.NoError(t, os.WriteFile(path, []byte(a), 0o644))
	v := call("validate", path)
	require.Equal(t, exitOK, v.code, v.stderr)
	require.Contains(t, v.stdout, "2 project(s), 50 tenant(s)")
}

// TestPlan_Property_EachTenantOnceAndDeterministic: for any selection of tenants of a synthetic
// model, every selected tenant appears exactly once in the JSON plan, and the plan's JSON is the
// same on a second run.
func TestPlan_Property_EachTenantOnceAndDeterministic(t *testing.T) {
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 40, Seed: 3})
	data, err := json.Marshal(f)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "m.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	names := make([]string, len(f.Tenants))
	for i, tn := range f.Tenants {
		names[i] = tn.Name
	}
	rel := ""
	for _, r := range f.Releases {
		if r.Project == f.Projects[0].Name {
			rel = r.Version
		}
	}
	rapid.Check(t, func(rt *rapid.T) {
		sel := rapid.SliceOfNDistinct(rapid.SampledFrom(names), 1, 8, rapid.ID[string]).Draw(rt, "tenants")
		env := rapid.SampledFrom(f.Environments).Draw(rt, "environment")
		args := []string{"plan", path, "--project", f.Projects[0].Name, "--release", rel, "--environment", env, "--format", "json"}
		for _, n := range sel {
			args = append(args, "--tenant", n)
		}
		got := call(args...)
		if got.code != exitOK {
			rt.Fatalf("exit %d: %s", got.code, got.stderr)
		}
		if again := call(args...); again.stdout != got.stdout {
			rt.Fatalf("two runs differ")
		}
		var p struct {
			Deploy, Skipped, Rejected []struct{ Tenant string }
		}
		if err := json.Unmarshal([]byte(got.stdout), &p); err != nil {
			rt.Fatal(err)
		}
		seen := map[string]int{}
		for _, l := range [][]struct{ Tenant string }{p.Deploy, p.Skipped, p.Rejected} {
			for _, c := range l {
				seen[c.Tenant]++
			}
		}
		if len(p.Skipped) != 0 {
			rt.Fatalf("named tenants are never skipped: %v", p.Skipped)
		}
		for _, n := range sel {
			if seen[n] != 1 {
				rt.Fatalf("tenant %q appears %d times", n, seen[n])
			}
		}
		if len(seen) != len(sel) {
			rt.Fatalf("plan has %d tenants, %d selected", len(seen), len(sel))
		}
	})
}

// FuzzReadPolicy: any policy file gives a policy or an input error naming the file; never a
// panic. A policy that reads back is run against the test model without panicking, and its
// exit code is a documented one.
func FuzzReadPolicy(f *testing.F) {
	for _, p := range []string{policy, "testdata/policy-typo.json", "testdata/policy-soak.json"} {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"rings": [{"name": "x", "percent": 150}]}`))
	f.Add([]byte(`{"start": "yesterday"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "p.json")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		_, err := readPolicy(path, defaultMaxInput)
		if err != nil {
			var x *exitError
			require.ErrorAs(t, err, &x)
			require.Equal(t, exitInput, x.code)
			require.Contains(t, x.msg, path)
			return
		}
		got := call("rollout", shop, path)
		require.Contains(t, []int{exitOK, exitInput}, got.code, got.stderr)
	})
}

// FuzzRunArgs: any flags after any command give a documented exit code, never a panic.
func FuzzRunArgs(f *testing.F) {
	f.Add("plan", "--project Shop --release 1.1.0 --environment Production --all")
	f.Add("matrix", "--project Shop --release 1.1.0 --format json")
	f.Add("explain", "--project Shop --release 1.1.0 --environment Test --tenant Alpha --variables")
	f.Add("diff", "testdata/shop-after.json --project Shop --release 1.1.0")
	f.Add("plan", "--tag Ring/Early --expr (((( --at 2026-13-01")
	f.Fuzz(func(t *testing.T, cmd, rest string) {
		if cmd == "generate" || cmd == "check" {
			return // they do not read the model; covered by their own tests
		}
		args := append([]string{cmd, shop}, strings.Fields(rest)...)
		got := call(args...)
		require.Contains(t, []int{exitOK, exitFindings, exitUsage, exitInput}, got.code)
		require.NotContains(t, got.stdout+got.stderr, "S3cret", "a secret leaked")
	})
}

// BenchmarkRun_Matrix measures the matrix command, load included, on a synthetic model.
func BenchmarkRun_Matrix(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("tenants=%d", n), func(b *testing.B) {
			f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Seed: 1})
			data, err := json.Marshal(f)
			require.NoError(b, err)
			path := filepath.Join(b.TempDir(), "m.json")
			require.NoError(b, os.WriteFile(path, data, 0o644))
			rel := f.Releases[len(f.Releases)-1]
			args := []string{"matrix", path, "--project", rel.Project, "--release", rel.Version, "--format", "json"}
			var out, errs bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if code := run(args, &out, &errs); code != exitOK {
					b.Fatalf("exit %d: %s", code, errs.String())
				}
			}
		})
	}
}
