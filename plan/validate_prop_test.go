package plan_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// fault is one independent problem injected into a valid model, with the error it must cause.
type fault struct {
	code plan.Code
	path string
}

// injectors add one problem each; they touch only what they add (or one tenant's tag list, each
// tenant at most once), so that the problems are independent. They return false when the model
// has nothing to attach the problem to.
var injectors = []func(t *rapid.T, f *model.File, k int, used map[int]bool) (fault, bool){
	func(t *rapid.T, f *model.File, k int, used map[int]bool) (fault, bool) { // unknown tag set
		i, ok := freeTenant(t, f, used)
		if !ok {
			return fault{}, false
		}
		f.Tenants[i].Tags = append(f.Tenants[i].Tags, fmt.Sprintf("NoSuchSet%d/x", k))
		return fault{plan.CodeUnknownTagSet, fmt.Sprintf("tenants[%d].tags[%d]", i, len(f.Tenants[i].Tags)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, used map[int]bool) (fault, bool) { // unknown tag
		var sets []string
		for _, ts := range f.TagSets {
			if ts.Type != "FreeText" && len(ts.Tags) > 0 {
				sets = append(sets, ts.Name)
			}
		}
		i, ok := freeTenant(t, f, used)
		if !ok || len(sets) == 0 {
			return fault{}, false
		}
		set := rapid.SampledFrom(sets).Draw(t, "set")
		f.Tenants[i].Tags = append(f.Tenants[i].Tags, fmt.Sprintf("%s/NoSuchTag%d", set, k))
		return fault{plan.CodeUnknownTag, fmt.Sprintf("tenants[%d].tags[%d]", i, len(f.Tenants[i].Tags)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, used map[int]bool) (fault, bool) { // duplicate tenant, case only
		if len(f.Tenants) == 0 {
			return fault{}, false
		}
		name := rapid.SampledFrom(f.Tenants).Draw(t, "dupOf").Name
		dup := strings.ToUpper(name) // differs only in letter case (or is the same name)
		if dup == name {
			dup = strings.ToLower(name)
		}
		f.Tenants = append(f.Tenants, model.Tenant{Name: dup})
		used[len(f.Tenants)-1] = true
		return fault{plan.CodeDuplicateName, fmt.Sprintf("tenants[%d]", len(f.Tenants)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // deployment to an unknown environment
		if len(f.Releases) == 0 {
			return fault{}, false
		}
		r := rapid.SampledFrom(f.Releases).Draw(t, "release")
		f.Deployments = append(f.Deployments, model.Deployment{Project: r.Project, Release: r.Version,
			Environment: fmt.Sprintf("Nowhere %d", k), Outcome: "Success", At: "2026-03-01T00:00:00Z"})
		return fault{plan.CodeUnknownEnvironment, fmt.Sprintf("deployments[%d].environment", len(f.Deployments)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // invalid version
		if len(f.Projects) == 0 {
			return fault{}, false
		}
		p := rapid.SampledFrom(f.Projects).Draw(t, "project")
		f.Releases = append(f.Releases, model.Release{Project: p.Name, Version: fmt.Sprintf("not-a-version-%d", k)})
		return fault{plan.CodeInvalidVersion, fmt.Sprintf("releases[%d]", len(f.Releases)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // unknown lifecycle
		f.Projects = append(f.Projects, model.Project{Name: fmt.Sprintf("Faulty project %d", k), Lifecycle: "No such lifecycle"})
		return fault{plan.CodeUnknownLifecycle, fmt.Sprintf("projects[%d].lifecycle", len(f.Projects)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // target naming an unknown tenant
		f.Targets = append(f.Targets, model.Target{Name: fmt.Sprintf("faulty-target-%d", k), Tenancy: "Tenanted",
			Tenants: []string{fmt.Sprintf("Nobody %d", k)}})
		return fault{plan.CodeUnknownTenant, fmt.Sprintf("targets[%d].tenants[0]", len(f.Targets)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // freeze ending before it starts
		f.Freezes = append(f.Freezes, model.Freeze{Name: fmt.Sprintf("Faulty freeze %d", k),
			Start: "2026-03-02T00:00:00Z", End: "2026-03-01T00:00:00Z"})
		return fault{plan.CodeInvalidValue, fmt.Sprintf("freezes[%d]", len(f.Freezes)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // a bad grant action
		f.Principals = append(f.Principals, model.Principal{Name: fmt.Sprintf("faulty-principal-%d", k),
			Grants: []model.Grant{{Action: "administer"}}})
		return fault{plan.CodeInvalidValue, fmt.Sprintf("principals[%d].grants[0].action", len(f.Principals)-1)}, true
	},
	func(t *rapid.T, f *model.File, k int, _ map[int]bool) (fault, bool) { // an environment in two phases
		if len(f.Environments) == 0 {
			return fault{}, false
		}
		e := rapid.SampledFrom(f.Environments).Draw(t, "env")
		f.Lifecycles = append(f.Lifecycles, model.Lifecycle{Name: fmt.Sprintf("Faulty lifecycle %d", k), Phases: []model.Phase{
			{Name: "A", Manual: []string{e}}, {Name: "B", Manual: []string{e}}}})
		return fault{plan.CodeEnvironmentInTwoPhases, fmt.Sprintf("lifecycles[%d]", len(f.Lifecycles)-1)}, true
	},
}

func freeTenant(t *rapid.T, f *model.File, used map[int]bool) (int, bool) {
	var free []int
	for i := range f.Tenants {
		if !used[i] {
			free = append(free, i)
		}
	}
	if len(free) == 0 {
		return 0, false
	}
	i := rapid.SampledFrom(free).Draw(t, "tenant")
	used[i] = true
	return i, true
}

// TestValidation_ReportsEveryInjectedFault: a generated valid model with k injected independent
// faults fails validation with at least k errors, one per fault, with the right codes and paths.
func TestValidation_ReportsEveryInjectedFault(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
		if _, err := plan.Compile(f); err != nil {
			t.Fatalf("the generated model is invalid before any fault: %v", err)
		}
		used := map[int]bool{}
		var faults []fault
		for k := range rapid.IntRange(1, 8).Draw(t, "k") {
			inj := rapid.IntRange(0, len(injectors)-1).Draw(t, "injector")
			if ft, ok := injectors[inj](t, f, k, used); ok {
				faults = append(faults, ft)
			}
		}
		if len(faults) == 0 {
			t.Skip("nothing to inject into")
		}
		_, err := plan.Compile(f)
		var ves plan.ValidationErrors
		if !errors.As(err, &ves) {
			t.Fatalf("%d faults injected, error %v", len(faults), err)
		}
		if len(ves) < len(faults) {
			t.Fatalf("%d faults injected, %d errors reported: %v", len(faults), len(ves), err)
		}
		matched := make([]bool, len(ves))
		for _, ft := range faults {
			found := false
			for j, ve := range ves {
				if !matched[j] && ve.Code == ft.code && (ve.Path == ft.path || strings.HasPrefix(ve.Path, ft.path+".") || strings.HasPrefix(ve.Path, ft.path+"[")) {
					matched[j], found = true, true
					break
				}
			}
			if !found {
				t.Fatalf("fault %s at %s not reported; got:\n%v", ft.code, ft.path, err)
			}
		}
	})
}
