package plan_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan"
)

// exampleModel is a small space: two environments, a ring tag set, three tenants and a history.
const exampleModel = `{
  "environments": ["Staging", "Production"],
  "tagSets": [{"name": "Ring", "type": "SingleSelect", "tags": ["Early", "Stable"]}],
  "lifecycles": [{"name": "Promote", "phases": [
    {"name": "Staging", "manual": ["Staging"]}, {"name": "Production", "manual": ["Production"]}]}],
  "projects": [{"name": "Portal", "tenancy": "Tenanted", "lifecycle": "Promote"}],
  "tenants": [
    {"name": "Acme", "tags": ["Ring/Early"], "projects": {"Portal": ["Staging", "Production"]}},
    {"name": "Globex", "tags": ["Ring/Stable"], "projects": {"Portal": ["Production"]}},
    {"name": "Initech", "tags": ["Ring/Stable"], "projects": {"Portal": ["Staging", "Production"]}}
  ],
  "releases": [{"project": "Portal", "version": "2.0.0"}],
  "deployments": [
    {"project": "Portal", "release": "2.0.0", "environment": "Staging", "tenant": "Acme",
     "outcome": "Success", "at": "2026-05-01T10:00:00Z"}
  ],
  "freezes": [{"name": "Launch week", "start": "2026-05-04T00:00:00Z", "end": "2026-05-11T00:00:00Z",
    "projects": {"Portal": ["Production"]}}]
}`

// Load validates a model as a whole before anything is planned: every problem is reported at
// once, with its path and stable code.
func ExampleLoad() {
	_, err := plan.Load([]byte(`{"environments": ["Dev"],
	  "tenants": [{"name": "Acme", "tags": ["Tier/Gold"], "projects": {"Shop": ["Qa"]}}]}`))
	fmt.Println(err)
	// Output:
	// invalid model: 2 problems
	// tenants[0].projects.Shop: unknown project "Shop" [unknown-project]
	// tenants[0].tags[0]: tenant "Acme", tag "Tier/Gold": unknown tag set [unknown-tag-set]
}

// Deploy answers "who gets this release in this environment, and why not the others": Acme has
// passed Staging; Initech has not; Globex is not connected to Staging, so anyone's success there
// counts for it.
func ExampleSpace_Deploy() {
	s, err := plan.Load([]byte(exampleModel))
	if err != nil {
		panic(err)
	}
	p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "2.0.0", Environment: "Production", All: true})
	if err != nil {
		panic(err)
	}
	for _, c := range p.Deploy {
		fmt.Println("deploy", c.Tenant)
	}
	for _, c := range p.Skipped {
		fmt.Println("skip", c.Tenant, c.Reasons[0].Code, c.Reasons[0].Phase)
	}
	// Output:
	// deploy Acme
	// deploy Globex
	// skip Initech lifecycle Staging
}

// Explain gives a support engineer the whole story of one cell.
func ExampleSpace_Explain() {
	s, _ := plan.Load([]byte(exampleModel))
	ex, err := s.Explain(plan.ExplainRequest{Project: "Portal", Release: "2.0.0", Environment: "Production",
		Tenant: "Initech", At: time.Date(2026, 5, 5, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(ex.Text(), "\n") {
		if strings.Contains(line, "FAIL") || strings.HasPrefix(line, "Release") {
			fmt.Println(line)
		}
	}
	// Output:
	// Release 2.0.0 of project "Portal" (channel "Default", lifecycle "Promote") to "Production" for tenant "Initech": NOT DEPLOYABLE
	//   [FAIL] lifecycle          phase "Staging" is not complete: it needs 1 successful environment(s) and has 0
	//   [FAIL] frozen             freeze "Launch week" holds the cell until 2026-05-11T00:00:00Z
}

// Rollout plans a ring-by-ring upgrade: the Early ring through both environments first, then the
// Stable ring, whose Production wave waits for its Staging wave.
func ExampleSpace_Rollout() {
	s, _ := plan.Load([]byte(exampleModel))
	r, err := s.Rollout(plan.RolloutRequest{Project: "Portal", Release: "2.0.0", Order: plan.ByRing, Rings: []plan.Ring{
		{Name: "Early", Tags: []string{"Ring/Early"}, Soak: plan.Duration(24 * time.Hour)},
		{Name: "Stable", Tags: []string{"Ring/Stable"}, MaxParallel: 1},
	}})
	if err != nil {
		panic(err)
	}
	for _, w := range r.Waves {
		fmt.Println(w.Index, w.Environment, w.Ring, w.Tenants)
	}
	fmt.Println("done:", r.Done)
	// Output:
	// 0 Production Early [Acme]
	// 1 Staging Stable [Initech]
	// 2 Production Stable [Globex]
	// 3 Production Stable [Initech]
	// done: [{Acme Staging}]
}

// Diff compares two plans, here the matrix of a release before and after a deployment.
func ExampleDiff() {
	before, _ := plan.Load([]byte(exampleModel))
	after, _ := plan.Load([]byte(strings.Replace(exampleModel, `"deployments": [`,
		`"deployments": [{"project": "Portal", "release": "2.0.0", "environment": "Staging", "tenant": "Initech",
		  "outcome": "Success", "at": "2026-05-02T10:00:00Z"},`, 1)))
	a, _ := before.Matrix(plan.MatrixRequest{Project: "Portal", Release: "2.0.0"})
	b, _ := after.Matrix(plan.MatrixRequest{Project: "Portal", Release: "2.0.0"})
	fmt.Print(plan.Diff(a.Cells(), b.Cells()).Text())
	// Output:
	// 2 cell(s) changed, 0 added, 0 removed.
	//
	// - **Staging / Initech**: deployable → deployable, current 2.0.0
	// - **Production / Initech**: blocked (lifecycle (phase Staging: 0/1)) → deployable
}
