package plantest

import (
	"strconv"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"pgregory.net/rapid"
)

// RequestOptions says which parts of a request the request generators may draw. The zero value
// draws no principal, no time and no freeze override, which keeps requests comparable with a
// reference that ignores freezes and principals.
type RequestOptions struct {
	// Principal lets a request name one of the model's principals.
	Principal bool
	// At lets a request carry a time in [Epoch(), Epoch()+Window) (freezes apply) and name
	// freezes to override.
	At bool
}

// DeployRequest generates a valid deploy request on f (which must have a project with a
// release and an environment): a project and one of its releases, an environment, a selection
// (named tenants, filter tags, an expression, All, any mix, or nothing), untenanted or not,
// skip-current and a policy; with o, a principal, a time and freeze overrides.
func DeployRequest(f *model.File, o RequestOptions) *rapid.Generator[plan.DeployRequest] {
	f = clone(f)
	canon := CanonicalTags(f.TagSets)
	var tenants, freezes, principals []string
	for _, t := range f.Tenants {
		tenants = append(tenants, t.Name)
	}
	for _, fr := range f.Freezes {
		freezes = append(freezes, fr.Name)
	}
	for _, p := range f.Principals {
		principals = append(principals, p.Name)
	}
	return rapid.Custom(func(t *rapid.T) plan.DeployRequest {
		r := rapid.SampledFrom(f.Releases).Draw(t, "release")
		req := plan.DeployRequest{Project: r.Project, Release: r.Version,
			Environment: rapid.SampledFrom(f.Environments).Draw(t, "environment")}
		req.Tenants = subset(t, "named", tenants, 0, 2)
		if chance(t, "tags", 2) {
			req.Tags = subset(t, "filterTags", canon, 1, 3)
		}
		if len(canon) > 0 && chance(t, "expression", 3) {
			req.Expression = Expression(canon).Draw(t, "expr")
		}
		req.All = chance(t, "all", 2)
		req.Untenanted = chance(t, "untenanted", 3)
		req.SkipCurrent = chance(t, "skipCurrent", 2)
		req.Policy = Policy().Draw(t, "policy")
		if o.At && !chance(t, "noAt", 4) {
			req.At = epoch.Add(time.Duration(rapid.IntRange(0, int(Window/time.Hour)).Draw(t, "atHour")) * time.Hour)
			req.OverrideFreezes = subset(t, "override", freezes, 0, 1)
		}
		if o.Principal && len(principals) > 0 && chance(t, "principal", 2) {
			req.Principal = rapid.SampledFrom(principals).Draw(t, "principal")
		}
		return req
	})
}

// Policy generates a progression policy: AnySuccess or LatestOutcome.
func Policy() *rapid.Generator[lifecycle.Policy] {
	return rapid.SampledFrom([]lifecycle.Policy{lifecycle.AnySuccess, lifecycle.LatestOutcome})
}

// RolloutRequest generates a valid rollout request (a rollout policy) on f (which must have a release): a project and
// one of its releases, the default environments or a subset of the model's, an order, and 1 to 4
// rings selecting by tags, expression or names, some with a percentage and salt, maxParallel (a
// count or a percent) and soak; with timed true, a start and a wave duration.
func RolloutRequest(f *model.File, timed bool) *rapid.Generator[plan.RolloutRequest] {
	f = clone(f)
	canon := CanonicalTags(f.TagSets)
	var tenants []string
	for _, t := range f.Tenants {
		tenants = append(tenants, t.Name)
	}
	return rapid.Custom(func(t *rapid.T) plan.RolloutRequest {
		r := rapid.SampledFrom(f.Releases).Draw(t, "release")
		pol := plan.RolloutRequest{Project: r.Project, Release: r.Version, Policy: Policy().Draw(t, "policy")}
		if chance(t, "envs", 3) {
			pol.Environments = subset(t, "rolloutEnvs", f.Environments, 1, len(f.Environments))
		}
		if chance(t, "byRing", 2) {
			pol.Order = plan.ByRing
		}
		for k := range rapid.IntRange(1, 4).Draw(t, "rings") {
			ring := Ring(canon, tenants).Draw(t, "ring")
			ring.Name = "Ring " + strconv.Itoa(k+1)
			pol.Rings = append(pol.Rings, ring)
		}
		if timed {
			pol.Start = epoch.Add(time.Duration(rapid.IntRange(0, int(Window/time.Hour)).Draw(t, "startHour")) * time.Hour)
			pol.WaveDuration = plan.Duration(time.Duration(rapid.IntRange(1, 12).Draw(t, "waveHours")) * time.Hour)
		}
		return pol
	})
}

// Ring generates a rollout ring (without its name) over the canonical tags and tenant names
// given: a selector by tags, expression or names (or match-all "true"), an optional percentage
// and salt, an optional maxParallel count or percent, and an optional soak.
func Ring(canon, tenants []string) *rapid.Generator[plan.Ring] {
	return rapid.Custom(func(t *rapid.T) plan.Ring {
		var ring plan.Ring
		switch rapid.IntRange(0, 3).Draw(t, "selector") {
		case 0:
			ring.Tags = subset(t, "ringTags", canon, 1, 2)
		case 1:
			if len(canon) > 0 {
				ring.Expression = Expression(canon).Draw(t, "ringExpr")
			}
		case 2:
			ring.Tenants = subset(t, "ringTenants", tenants, 1, 3)
		}
		if ring.Tags == nil && ring.Expression == "" && ring.Tenants == nil {
			ring.Expression = "true"
		}
		if chance(t, "percent", 3) {
			ring.Percent = float64(rapid.IntRange(0, 1000).Draw(t, "permille")) / 10
			if chance(t, "salt", 2) {
				ring.Salt = "salt-" + strconv.Itoa(rapid.IntRange(0, 9).Draw(t, "saltN"))
			}
		}
		switch rapid.IntRange(0, 2).Draw(t, "parallel") {
		case 1:
			ring.MaxParallel = rapid.IntRange(1, 3).Draw(t, "maxParallel")
		case 2:
			ring.MaxParallelPercent = float64(rapid.IntRange(1, 100).Draw(t, "maxParallelPercent"))
		}
		if chance(t, "soak", 2) {
			ring.Soak = plan.Duration(time.Duration(rapid.IntRange(1, 48).Draw(t, "soakHours")) * time.Hour)
		}
		return ring
	})
}
