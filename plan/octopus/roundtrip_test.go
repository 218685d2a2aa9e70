package octopus_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"pgregory.net/rapid"
)

// expressible restricts a generated model to what Octopus's resources can say, so that the round
// trip can be exact:
//   - channel tenant expressions (Octopus has tenant tags only) and channel version rules (Octopus
//     applies them to package versions; every generated release names its channel anyway);
//   - project target roles and project and library variables (they live in deployment processes
//     and variable sets, which the folder layout does not include);
//   - tenant tags in grants (scoped user roles have tenant ids only);
//   - freeze time zones with daylight saving time (Octopus keeps a fixed UTC offset): such zones
//     become UTC, fixed whole-hour zones are kept.
func expressible(f *model.File) *model.File {
	f = plantest.Clone(f)
	for i := range f.Projects {
		p := &f.Projects[i]
		p.TargetRoles, p.Variables = nil, nil
		for j := range p.Channels {
			c := &p.Channels[j]
			c.TenantExpression, c.VersionRange, c.PreRelease = "", "", ""
		}
	}
	for i := range f.Libraries {
		f.Libraries[i].Variables = nil
	}
	for i := range f.Principals {
		for j := range f.Principals[i].Grants {
			f.Principals[i].Grants[j].TenantTags = nil
		}
	}
	for i := range f.Freezes {
		if r := f.Freezes[i].Recurrence; r != nil && r.TimeZone != "UTC" && !strings.HasPrefix(r.TimeZone, "Etc/GMT") {
			r.TimeZone = ""
		}
	}
	return f
}

// zoneOffset is the fixed UTC offset in minutes of a zone expressible kept.
func zoneOffset(zone string) int {
	if n, ok := strings.CutPrefix(zone, "Etc/GMT"); ok && n != "" {
		h, err := strconv.Atoi(n)
		if err != nil {
			panic(err)
		}
		return -h * 60
	}
	return 0
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// plans renders what the planner says about a space for the requests given: the JSON of a deploy
// plan, a matrix and a rollout (or the error text of each).
func plans(t *rapid.T, f *model.File, deploy plan.DeployRequest, matrix plan.MatrixRequest, pol plan.RolloutRequest) []byte {
	s, err := plan.Compile(f)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	var out bytes.Buffer
	write := func(v any, err error) {
		if err != nil {
			out.WriteString("error: " + err.Error() + "\n")
			return
		}
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		out.Write(data)
		out.WriteByte('\n')
	}
	write(s.Deploy(deploy))
	write(s.Matrix(matrix))
	write(s.Rollout(pol))
	return out.Bytes()
}

// TestRoundTripPlansIdentically renders generated models into Octopus's shapes (Ids, paging,
// sensitive objects, deployments joined with tasks), imports them back, and checks that deploy
// plans, matrices and rollouts are byte-identical to those of the original.
func TestRoundTripPlansIdentically(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := expressible(plantest.Model(plantest.Sizes{}).Draw(t, "model"))
		if f.Freezes != nil && rapid.Bool().Draw(t, "fixedZone") {
			for i := range f.Freezes {
				if r := f.Freezes[i].Recurrence; r != nil {
					r.TimeZone = "Etc/GMT-" + strconv.Itoa(rapid.IntRange(1, 14).Draw(t, "hours"))
				}
			}
		}
		o := renderOptions{PageSize: rapid.IntRange(0, 4).Draw(t, "pageSize")}
		got, rep, err := octopus.Import(render(f, o), octopus.Options{})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		for _, e := range rep.Entries {
			// The only approximations of an expressible model: a project without lifecycle (the
			// model's implicit lifecycle) and sensitive defaults (present but unknown); the
			// rendered roles also carry permissions without an equivalent.
			if e.Kind == octopus.Permission {
				continue
			}
			if e.Kind != octopus.Approximated || !strings.Contains(e.Message, "names no lifecycle") && !strings.Contains(e.Message, "sensitive default") {
				t.Fatalf("unexpected report entry: %s", e)
			}
		}
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "deploy")
		rel := rapid.SampledFrom(f.Releases).Draw(t, "matrixRelease")
		mreq := plan.MatrixRequest{Project: rel.Project, Release: rel.Version, At: req.At, Principal: req.Principal, Policy: req.Policy}
		pol := plantest.RolloutRequest(f, rapid.Bool().Draw(t, "timed")).Draw(t, "rollout")
		want := plans(t, f, req, mreq, pol)
		have := plans(t, got, req, mreq, pol)
		if !bytes.Equal(want, have) {
			t.Fatalf("plans differ\noriginal: %s\nimported: %s", want, have)
		}
	})
}

// TestRoundTripLegacyShape imports tenant values written in the legacy bulk shape, where
// project values are given per environment.
func TestRoundTripLegacyShape(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := expressible(plantest.Model(plantest.Sizes{}).Draw(t, "model"))
		// The legacy shape has no unscoped project values: give every value its environments.
		for i := range f.Tenants {
			for p, vals := range f.Tenants[i].ProjectValues {
				var kept []model.TenantValue
				for _, v := range vals {
					if v.Value != nil && len(v.Environments) > 0 {
						kept = append(kept, v)
					}
				}
				f.Tenants[i].ProjectValues[p] = kept
			}
		}
		got, _, err := octopus.Import(render(f, renderOptions{Legacy: true}), octopus.Options{})
		require.NoError(t, err)
		req := plantest.DeployRequest(f, plantest.RequestOptions{}).Draw(t, "deploy")
		rel := rapid.SampledFrom(f.Releases).Draw(t, "matrixRelease")
		mreq := plan.MatrixRequest{Project: rel.Project, Release: rel.Version}
		pol := plantest.RolloutRequest(f, false).Draw(t, "rollout")
		require.Equal(t, string(plans(t, f, req, mreq, pol)), string(plans(t, got, req, mreq, pol)))
	})
}
