package plan_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/planner_outputs.golden from the current planner")

const goldenFile = "testdata/planner_outputs.golden"

// goldenModels are the models whose planner outputs are pinned: generated models of the CLI's
// generator (several seeds and shapes) and models of the property generators.
func goldenModels() []struct {
	name string
	f    *model.File
} {
	var out []struct {
		name string
		f    *model.File
	}
	add := func(name string, f *model.File) {
		out = append(out, struct {
			name string
			f    *model.File
		}{name, f})
	}
	add("synthetic-300x3-seed1", plantest.Synthetic(plantest.SyntheticOptions{Tenants: 300, Projects: 3, Seed: 1}))
	// A longer history walks tenants further through the lifecycle and the releases.
	add("synthetic-200x2-seed2-long", plantest.Synthetic(plantest.SyntheticOptions{Tenants: 200, Projects: 2, Seed: 2,
		Releases: 6, Deployments: 200 * 2 * 14}))
	add("synthetic-150x1-seed3", plantest.Synthetic(plantest.SyntheticOptions{Tenants: 150, Projects: 1, Seed: 3, Freezes: 6}))
	for k := range 40 {
		sz := plantest.Sizes{}
		if k%2 == 1 {
			sz = plantest.Sizes{Tenants: 30, Deployments: 90, Environments: 5, Freezes: 4, Principals: 3}
		}
		add(fmt.Sprintf("generated-%d", k), plantest.Model(sz).Example(k))
	}
	return out
}

// writeOutputs plans a fixed set of requests on f and writes every answer (JSON, or the error)
// to h: deploy plans of every release to every environment for all tenants (with a time, with
// and without skip-current, with each principal), drawn deploy requests, the matrix of every
// release (with each principal), and drawn rollouts (timed or not).
func writeOutputs(t *testing.T, h hash.Hash, f *model.File) {
	s, err := plan.Compile(f)
	require.NoError(t, err)
	at := plantest.Epoch().Add(9*24*time.Hour + 12*time.Hour)
	emit := func(what string, v interface{ JSON() ([]byte, error) }, err error) {
		fmt.Fprintf(h, "%s\n", what)
		if err != nil {
			fmt.Fprintf(h, "error: %v\n", err)
			return
		}
		data, err := v.JSON()
		require.NoError(t, err)
		h.Write(data)
	}
	principals := []string{""}
	for _, p := range f.Principals {
		principals = append(principals, p.Name)
	}
	for _, r := range f.Releases {
		for _, env := range f.Environments {
			for _, pr := range principals {
				for _, skip := range []bool{false, true} {
					req := plan.DeployRequest{Project: r.Project, Release: r.Version, Environment: env, All: true,
						Untenanted: true, At: at, SkipCurrent: skip, Principal: pr, Policy: lifecycle.LatestOutcome}
					p, err := s.Deploy(req)
					emit(fmt.Sprintf("deploy %+v", req), p, err)
				}
			}
		}
		for _, pr := range principals {
			req := plan.MatrixRequest{Project: r.Project, Release: r.Version, At: at, Principal: pr}
			m, err := s.Matrix(req)
			emit(fmt.Sprintf("matrix %+v", req), m, err)
		}
	}
	if len(f.Releases) > 0 && len(f.Environments) > 0 {
		for k := range 10 {
			req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Example(k)
			p, err := s.Deploy(req)
			emit(fmt.Sprintf("deploy %+v", req), p, err)
		}
	}
	if len(f.Releases) > 0 {
		for k := range 6 {
			pol := plantest.RolloutRequest(f, k%2 == 1).Example(k)
			r, err := s.Rollout(pol)
			emit(fmt.Sprintf("rollout %+v", pol), r, err)
		}
	}
	if len(f.Releases) > 2 && f.Releases[2].Project == "Mojo" { // a synthetic model
		r, err := s.Rollout(generatedRollout)
		emit("rollout generated", r, err)
	}
}

// TestPlannerOutputs_Golden pins the JSON of Deploy, Matrix and Rollout on generated models: a
// change of the planner's internals must not change a byte of its answers. Run with -update to
// rewrite the digests after an intended change of output.
func TestPlannerOutputs_Golden(t *testing.T) {
	var lines []string
	for _, m := range goldenModels() {
		h := sha256.New()
		writeOutputs(t, h, m.f)
		lines = append(lines, m.name+" "+hex.EncodeToString(h.Sum(nil)))
	}
	got := strings.Join(lines, "\n") + "\n"
	if *updateGolden {
		require.NoError(t, os.WriteFile(filepath.FromSlash(goldenFile), []byte(got), 0o644))
		return
	}
	data, err := os.ReadFile(filepath.FromSlash(goldenFile))
	require.NoError(t, err, "run go test ./plan -run TestPlannerOutputs_Golden -update to create it")
	want := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		name, digest, _ := strings.Cut(sc.Text(), " ")
		want[name] = digest
	}
	for _, l := range lines {
		name, digest, _ := strings.Cut(l, " ")
		require.Equal(t, want[name], digest, "the planner's outputs on model %s changed", name)
	}
	require.Len(t, want, len(lines))
}
