package plan_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// deployableFor asks Deploy whether release rel of project p can go to env for one track
// (tenant "" = untenanted).
func deployableFor(t *rapid.T, s *plan.Space, p, rel, env, tenantName string, at time.Time) bool {
	req := plan.DeployRequest{Project: p, Release: rel, Environment: env, At: at}
	if tenantName == "" {
		req.Untenanted = true
	} else {
		req.Tenants = []string{tenantName}
	}
	pl, err := s.Deploy(req)
	if err != nil {
		t.Fatalf("deploy %+v: %v", req, err)
	}
	return len(pl.Deploy) == 1
}

func attempted(f *model.File, p, rel, env, tenantName string) bool {
	for _, d := range f.Deployments {
		if d.Project == p && d.Release == rel && d.Environment == env && d.Tenant == tenantName {
			return true
		}
	}
	return false
}

func findProject(f *model.File, name string) model.Project {
	for _, p := range f.Projects {
		if p.Name == name {
			return p
		}
	}
	return model.Project{}
}

// lifecycleOf returns the phases of the release's lifecycle, resolved as a lifecycle is (no phases:
// one per environment; a phase without environments: every environment no other phase lists).
func lifecycleOf(f *model.File, p model.Project, rel model.Release) []model.Phase {
	name := p.Lifecycle
	for _, ch := range p.Channels {
		if ch.Name == rel.Channel && ch.Lifecycle != "" {
			name = ch.Lifecycle
		}
	}
	var phases []model.Phase
	for _, l := range f.Lifecycles {
		if l.Name == name && name != "" {
			phases = l.Phases
		}
	}
	if len(phases) == 0 {
		for _, e := range f.Environments {
			phases = append(phases, model.Phase{Name: e, Manual: []string{e}})
		}
		return phases
	}
	listed := map[string]bool{}
	for _, ph := range phases {
		for _, e := range append(slices.Clone(ph.Automatic), ph.Manual...) {
			listed[e] = true
		}
	}
	out := slices.Clone(phases)
	for k, ph := range out {
		if len(ph.Automatic) == 0 && len(ph.Manual) == 0 {
			for _, e := range f.Environments {
				if !listed[e] {
					out[k].Manual = append(out[k].Manual, e)
				}
			}
		}
	}
	return out
}

// drawWithSuccesses draws a model and adds a few successful deployments to its history (to
// environments their tracks are connected to, in phase order more often than not), so that
// releases get somewhere; it returns the model, the added deployments and the compiled space.
func drawWithSuccesses(t *rapid.T) (*model.File, []model.Deployment, *plan.Space) {
	f := plantest.Model(plantest.Sizes{Tenants: 6, Deployments: 8}).Draw(t, "model")
	var added []model.Deployment
	for k := range rapid.IntRange(0, 8).Draw(t, "extra") {
		if len(f.Releases) == 0 {
			break
		}
		r := rapid.SampledFrom(f.Releases).Draw(t, "successRelease")
		p := findProject(f, r.Project)
		d := model.Deployment{Project: r.Project, Release: r.Version, Outcome: "Success",
			At: plantest.Epoch().Add(plantest.Window + time.Duration(k)*time.Hour).Format(time.RFC3339)}
		var tracks []string
		if p.Tenancy != "Tenanted" {
			tracks = append(tracks, "")
		}
		for _, tn := range f.Tenants {
			if len(tn.Projects[p.Name]) > 0 {
				tracks = append(tracks, tn.Name)
			}
		}
		if len(tracks) == 0 {
			continue
		}
		d.Tenant = rapid.SampledFrom(tracks).Draw(t, "successTrack")
		envs := f.Environments
		if d.Tenant != "" {
			for _, tn := range f.Tenants {
				if tn.Name == d.Tenant {
					envs = tn.Projects[p.Name]
				}
			}
		}
		d.Environment = rapid.SampledFrom(envs).Draw(t, "successEnv")
		f.Deployments = append(f.Deployments, d)
		added = append(added, d)
	}
	s, err := plan.Compile(f)
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	return f, added, s
}

// TestAutomatic_QueuesDeployableAutomaticCells: Automatic queues exactly the (automatic environment
// of a non-optional phase, track) pairs that Deploy finds deployable and that have no deployment of
// the release yet.
func TestAutomatic_QueuesDeployableAutomaticCells(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, _, s := drawWithSuccesses(t)
		if len(f.Releases) == 0 {
			t.Skip("no release")
		}
		rel := rapid.SampledFrom(f.Releases).Draw(t, "release")
		var at time.Time
		if rapid.Bool().Draw(t, "timed") {
			at = plantest.Time().Draw(t, "at")
		}
		got, err := s.Automatic(plan.AutomaticRequest{Project: rel.Project, Release: rel.Version, At: at})
		if err != nil {
			t.Fatalf("automatic: %v", err)
		}
		p := findProject(f, rel.Project)
		key := func(env, tn string) string { return fmt.Sprintf("%s/%q", env, tn) }
		var want []string
		for _, ph := range lifecycleOf(f, p, rel) {
			if ph.Optional {
				continue
			}
			for _, env := range ph.Automatic {
				var tracks []string
				if p.Tenancy == "Tenanted" || p.Tenancy == "TenantedOrUntenanted" {
					for _, tn := range f.Tenants {
						if slices.Contains(tn.Projects[p.Name], env) {
							tracks = append(tracks, tn.Name)
						}
					}
				}
				if p.Tenancy != "Tenanted" {
					tracks = append(tracks, "")
				}
				for _, tn := range tracks {
					if !attempted(f, p.Name, rel.Version, env, tn) && deployableFor(t, s, p.Name, rel.Version, env, tn, at) {
						want = append(want, key(env, tn))
					}
				}
			}
		}
		var gotKeys []string
		for _, q := range got {
			if q.Untenanted != (q.Tenant == "") {
				t.Fatalf("queued %+v: Untenanted and Tenant disagree", q)
			}
			gotKeys = append(gotKeys, key(q.Environment, q.Tenant))
		}
		slices.Sort(want)
		slices.Sort(gotKeys)
		if !slices.Equal(want, gotKeys) {
			t.Fatalf("automatic: want %q, got %q", want, gotKeys)
		}
	})
}

// TestScheduled_Promotions: a scheduled promotion gives a tenant connected to Source its own
// latest successful Source release, and any other tenant the latest release anyone deployed to
// Source that it can take; only when that release is deployable to Destination and not already
// current there.
func TestScheduled_Promotions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, added, s := drawWithSuccesses(t)
		if len(added) == 0 || len(f.Tenants) == 0 {
			t.Skip("no history to promote")
		}
		// Promote from where the history has a success, so that there is something to promote.
		from := rapid.SampledFrom(added).Draw(t, "from")
		p := findProject(f, from.Project)
		src := from.Environment
		others := slices.DeleteFunc(slices.Clone(f.Environments), func(e string) bool { return e == src })
		if len(others) == 0 {
			t.Skip("one environment")
		}
		dst := rapid.SampledFrom(others).Draw(t, "destination")
		var names []string
		for _, tn := range f.Tenants {
			if len(tn.Projects[p.Name]) > 0 {
				names = append(names, tn.Name)
			}
		}
		if len(names) == 0 {
			t.Skip("no tenant connected to the project")
		}
		asked := rapid.SliceOfNDistinct(rapid.SampledFrom(names), 1, len(names), rapid.ID[string]).Draw(t, "tenants")
		got, err := s.Scheduled(plan.ScheduledRequest{Project: p.Name, Source: src, Destination: dst, Tenants: asked})
		if err != nil {
			t.Fatalf("scheduled: %v", err)
		}
		// latest returns the release of the latest successful deployment matching keep (ties: the
		// one listed later).
		latest := func(keep func(d model.Deployment) bool) (string, time.Time) {
			var rel string
			var when time.Time
			for _, d := range f.Deployments {
				at, _ := time.Parse(time.RFC3339, d.At)
				if d.Project == p.Name && d.Outcome == "Success" && keep(d) && (rel == "" || !at.Before(when)) {
					rel, when = d.Release, at
				}
			}
			return rel, when
		}
		var want []plan.Promotion
		for _, name := range asked {
			var tn model.Tenant
			for _, x := range f.Tenants {
				if x.Name == name {
					tn = x
				}
			}
			var pick string
			if slices.Contains(tn.Projects[p.Name], src) {
				pick, _ = latest(func(d model.Deployment) bool { return d.Environment == src && d.Tenant == name })
				if pick != "" && !deployableFor(t, s, p.Name, pick, dst, name, time.Time{}) {
					pick = ""
				}
			} else {
				// Releases by the time of their latest success in Source, latest first.
				type cand struct {
					rel  string
					when time.Time
				}
				var cs []cand
				for _, r := range f.Releases {
					if r.Project != p.Name {
						continue
					}
					if rel, when := latest(func(d model.Deployment) bool { return d.Environment == src && d.Release == r.Version }); rel != "" {
						cs = append(cs, cand{rel, when})
					}
				}
				slices.SortStableFunc(cs, func(a, b cand) int { return b.when.Compare(a.when) })
				for _, c := range cs {
					if deployableFor(t, s, p.Name, c.rel, dst, name, time.Time{}) {
						pick = c.rel
						break
					}
				}
			}
			if pick == "" {
				continue
			}
			if cur, _ := latest(func(d model.Deployment) bool { return d.Environment == dst && d.Tenant == name }); cur == pick {
				continue
			}
			want = append(want, plan.Promotion{Tenant: name, Release: pick})
		}
		if fmt.Sprint(want) != fmt.Sprint(got) {
			t.Fatalf("scheduled %s -> %s for %q: want %v, got %v", src, dst, asked, want, got)
		}
	})
}

// TestDeploy_SlowReference_LargerModels runs the reference agreement on larger
// models than the default sizes (rapid favours small draws): up to 40 tenants and 120 deployments.
func TestDeploy_SlowReference_LargerModels(t *testing.T) {
	if testing.Short() {
		t.Skip("larger models: skipped with -short")
	}
	rapid.Check(t, func(t *rapid.T) {
		sz := plantest.Sizes{Tenants: 40, Deployments: 120, TagSets: 4, Environments: 6, Phases: 5, Freezes: 4, Principals: 3}
		f := plantest.Model(sz).Draw(t, "model")
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model: %v", err)
		}
		req := plantest.DeployRequest(f, plantest.RequestOptions{Principal: true, At: true}).Draw(t, "request")
		want, ok := slowDeploy(f, req)
		p, err := s.Deploy(req)
		if !ok {
			if err == nil {
				t.Fatalf("the reference rejects the request, Deploy answers it")
			}
			return
		}
		if err != nil {
			t.Fatalf("deploy: %v", err)
		}
		if got := fromPlan(p.Cells(), true); fmt.Sprint(want) != fmt.Sprint(got) {
			t.Fatalf("Deploy differs from the reference:\nwant %v\ngot  %v", want, got)
		}
		if err := plantest.CheckDeployPlan(s, req, p); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRollout_WavesAllowedBySlowReference: replaying a rollout's waves in order as
// successful deployments, the slow reference planner deploys every tenant of every wave at its
// turn: no wave runs before the tenant's lifecycle allows it.
func TestRollout_WavesAllowedBySlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Tenants: 12, Deployments: 30}).Draw(t, "model")
		if len(f.Releases) == 0 {
			t.Skip("no release")
		}
		if rapid.Bool().Draw(t, "friendly") {
			// Most generated tenants cannot take a release (disabled, unconnected, missing
			// values): half of the time, make every tenant eligible so that waves are long.
			for i := range f.Projects {
				p := &f.Projects[i]
				if p.Tenancy == "" || p.Tenancy == "Untenanted" {
					p.Tenancy = "TenantedOrUntenanted"
				}
				p.Templates, p.Libraries, p.TargetRoles = nil, nil, nil
			}
			for i := range f.Tenants {
				tn := &f.Tenants[i]
				tn.Disabled, tn.ProjectValues, tn.CommonValues = false, nil, nil
				tn.Projects = map[string][]string{}
				for _, p := range f.Projects {
					tn.Projects[p.Name] = slices.Clone(f.Environments)
				}
			}
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model: %v", err)
		}
		pol := plantest.RolloutRequest(f, false).Draw(t, "policy")
		r, err := s.Rollout(pol)
		if err != nil {
			t.Skipf("policy rejected: %v", err)
		}
		g := plantest.Clone(f)
		at := plantest.Epoch().Add(2 * plantest.Window)
		succeed := func(env, tn string) {
			at = at.Add(time.Minute)
			g.Deployments = append(g.Deployments, model.Deployment{Project: pol.Project, Release: pol.Release,
				Environment: env, Tenant: tn, Outcome: "Success", At: at.Format(time.RFC3339)})
		}
		for _, d := range r.Done {
			succeed(d.Environment, d.Tenant)
		}
		for _, w := range r.Waves {
			cells, ok := slowDeploy(g, plan.DeployRequest{Project: pol.Project, Release: pol.Release,
				Environment: w.Environment, Tenants: w.Tenants, Policy: pol.Policy})
			if !ok {
				t.Fatalf("wave %d: the reference rejects the request", w.Index)
			}
			for _, c := range cells {
				if c.Decision != plan.DecisionDeploy {
					t.Fatalf("wave %d (%s, ring %s): the reference does not deploy %s yet: %v", w.Index, w.Environment, w.Ring, c.Tenant, c.Reasons)
				}
			}
			for _, tn := range w.Tenants {
				succeed(w.Environment, tn)
			}
		}
	})
}
