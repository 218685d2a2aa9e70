package plantest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
)

// ReasonOrder returns the reason codes in the order the checks of a cell run. tenanted-project, the
// untenanted track's replacement of the tenant checks, sits with untenanted-project.
func ReasonOrder() []plan.Code { return slices.Clone(reasonOrder) }

var reasonOrder = []plan.Code{ // never written
	plan.ReasonUntenantedProject, plan.ReasonTenantedProject, plan.ReasonDisabled, plan.ReasonNotConnected,
	plan.ReasonNotInLifecycle, plan.ReasonChannelMismatch, plan.ReasonLifecycle, plan.ReasonReleaseBlocked,
	plan.ReasonFrozen, plan.ReasonMissingVariables, plan.ReasonNoTargets, plan.ReasonForbidden,
	plan.ReasonAlreadyCurrent,
}

// CheckReasons returns an error unless rs lists known codes, each at most once, in the order in
// which the checks run (ReasonOrder), and respects their exclusions: no lifecycle or
// release-blocked together with not-in-lifecycle, and no tenant check on the untenanted track.
func CheckReasons(rs []plan.Reason, untenanted bool) error {
	last := -1
	has := map[plan.Code]bool{}
	for i, r := range rs {
		k := slices.Index(reasonOrder, r.Code)
		if k < 0 {
			return fmt.Errorf("reason %d: unknown code %q", i, r.Code)
		}
		if k <= last {
			return fmt.Errorf("reason %d: %q comes after %q, against the order in which the checks run", i, r.Code, reasonOrder[last])
		}
		last = k
		has[r.Code] = true
		if r.Message == "" {
			return fmt.Errorf("reason %d (%s): empty message", i, r.Code)
		}
	}
	if has[plan.ReasonNotInLifecycle] && (has[plan.ReasonLifecycle] || has[plan.ReasonReleaseBlocked]) {
		return errors.New("lifecycle or release-blocked evaluated for an environment not in the lifecycle")
	}
	tenantOnly := []plan.Code{plan.ReasonUntenantedProject, plan.ReasonDisabled, plan.ReasonNotConnected, plan.ReasonChannelMismatch}
	for _, c := range tenantOnly {
		if untenanted && has[c] {
			return fmt.Errorf("tenant check %q on the untenanted track", c)
		}
	}
	if !untenanted && has[plan.ReasonTenantedProject] {
		return errors.New("tenanted-project on a tenant's cell")
	}
	return nil
}

// Selection returns the tenants a deploy request selects, computed literally from the
// space's tenants: named UNION tag-matched (OR within a tag set, AND across sets) UNION
// expression-matched UNION, with All, every tenant connected to at least one environment of
// the project.
// It ignores req.Principal. The names are sorted.
func Selection(s *plan.Space, req plan.DeployRequest) ([]string, error) {
	ts := s.Tenants()
	var bound *tags.Bound
	if req.Expression != "" {
		e, err := tags.ParseExpr(req.Expression)
		if err != nil {
			return nil, fmt.Errorf("expression %q: %w", req.Expression, err)
		}
		if bound, err = e.Bind(s.Catalog(), ts.Lookup()); err != nil {
			return nil, fmt.Errorf("expression %q: %w", req.Expression, err)
		}
	}
	var out []string
	for i := range ts.Len() {
		t := ts.At(i)
		sel := slices.Contains(req.Tenants, t.Name()) ||
			(len(req.Tags) > 0 && MatchFilterTags(req.Tags, t.Tags())) ||
			(bound != nil && MatchExpr(s.Catalog(), bound, i, t.Tags())) ||
			(req.All && t.Connected(req.Project))
		if sel {
			out = append(out, t.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

// MatchFilterTags reports whether a tenant carrying tenantTags matches the tag part of a tenant
// filter, literally: the filter's tags grouped by tag set (split at the first "/"), OR
// within a set, AND across sets. An empty filter matches nobody.
func MatchFilterTags(filter, tenantTags []string) bool {
	if len(filter) == 0 {
		return false
	}
	groups := map[string][]string{}
	for _, f := range filter {
		set, _, _ := strings.Cut(f, "/")
		groups[set] = append(groups[set], f)
	}
	for _, g := range groups {
		ok := false
		for _, f := range g {
			if slices.Contains(tenantTags, f) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// MatchExpr evaluates a bound expression for one tenant (index i in the tenant set the expression
// was bound against) literally over its canonical tag names, with tags.Fold.
func MatchExpr(c *tags.Catalog, b *tags.Bound, i int, tenantTags []string) bool {
	return tags.Fold(b, boolAlgebra{c: c, i: i, tags: tenantTags})
}

type boolAlgebra struct {
	c    *tags.Catalog
	i    int
	tags []string
}

func (a boolAlgebra) Const(v bool) bool { return v }
func (a boolAlgebra) AnyOf(ids []tags.ID) bool {
	for _, id := range ids {
		if slices.Contains(a.tags, a.c.Name(id)) {
			return true
		}
	}
	return false
}
func (a boolAlgebra) Tenant(index int) bool { return index == a.i }
func (a boolAlgebra) Not(x bool) bool       { return !x }
func (a boolAlgebra) And(xs []bool) bool    { return !slices.Contains(xs, false) }
func (a boolAlgebra) Or(xs []bool) bool     { return slices.Contains(xs, true) }

// CheckDeployPlan returns an error unless p is a sound answer to req on s:
//   - every track appears at most once; deploy cells have no reasons, skipped and rejected ones
//     have some, in the order in which the checks run (CheckReasons); each list is ordered,
//     untenanted first;
//   - the untenanted track appears exactly when req.Untenanted, and never in Skipped;
//   - planned tenants are a subset of the selection (see Selection);
//   - without a principal, every selected tenant appears exactly once; with one, the tenants that
//     appear are the selected ones it may view;
//   - a tenant named in req.Tenants is never skipped: it is deployed or rejected.
func CheckDeployPlan(s *plan.Space, req plan.DeployRequest, p *plan.DeployPlan) error {
	if p == nil {
		return errors.New("nil plan")
	}
	sel, err := Selection(s, req)
	if err != nil {
		return err
	}
	seen := map[string]plan.Decision{}
	untenanted := 0
	lists := []struct {
		d     plan.Decision
		cells []plan.DeployCell
	}{{plan.DecisionDeploy, p.Deploy}, {plan.DecisionSkipped, p.Skipped}, {plan.DecisionRejected, p.Rejected}}
	for _, l := range lists {
		for i, c := range l.cells {
			where := fmt.Sprintf("%s[%d] (%s)", l.d, i, trackName(c.Tenant, c.Untenanted))
			if c.Untenanted {
				untenanted++
				if c.Tenant != "" {
					return fmt.Errorf("%s: untenanted cell names a tenant", where)
				}
				if i != 0 {
					return fmt.Errorf("%s: the untenanted track is not first", where)
				}
				if l.d == plan.DecisionSkipped {
					return fmt.Errorf("%s: the untenanted track is skipped, want deploy or rejected", where)
				}
			} else {
				if prev, dup := seen[c.Tenant]; dup {
					return fmt.Errorf("%s: tenant also in %s", where, prev)
				}
				seen[c.Tenant] = l.d
				if !slices.Contains(sel, c.Tenant) {
					return fmt.Errorf("%s: tenant is not selected by the request", where)
				}
				if i > 0 && !l.cells[i-1].Untenanted && l.cells[i-1].Tenant >= c.Tenant {
					return fmt.Errorf("%s: out of order after %q", where, l.cells[i-1].Tenant)
				}
			}
			if l.d == plan.DecisionDeploy && len(c.Reasons) > 0 {
				return fmt.Errorf("%s: deployed with reasons %v", where, codes(c.Reasons))
			}
			if l.d != plan.DecisionDeploy && len(c.Reasons) == 0 {
				return fmt.Errorf("%s: not deployed, but without a reason", where)
			}
			if err := CheckReasons(c.Reasons, c.Untenanted); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
		}
	}
	if want := 0; req.Untenanted {
		want = 1
		if untenanted != want {
			return fmt.Errorf("untenanted track appears %d times, want %d", untenanted, want)
		}
	} else if untenanted != 0 {
		return fmt.Errorf("untenanted track appears %d times but was not requested", untenanted)
	}
	for _, n := range sel {
		d, ok := seen[n]
		if !ok && req.Principal == "" {
			return fmt.Errorf("selected tenant %q appears nowhere in the plan", n)
		}
		if slices.Contains(req.Tenants, n) {
			if !ok {
				return fmt.Errorf("named tenant %q appears nowhere in the plan", n)
			}
			if d == plan.DecisionSkipped {
				return fmt.Errorf("named tenant %q is skipped, want deploy or rejected", n)
			}
		}
	}
	return nil
}

func trackName(t string, untenanted bool) string {
	if untenanted {
		return "untenanted"
	}
	return fmt.Sprintf("%q", t)
}

func codes(rs []plan.Reason) []plan.Code {
	out := make([]plan.Code, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

// CheckDeterministic returns an error unless render gives byte-identical output on the space of
// f and on the space of Shuffle(f, seed). render is typically a Deploy, Matrix or Rollout
// followed by its JSON method. Both models must compile.
func CheckDeterministic(f *model.File, seed uint64, render func(*plan.Space) ([]byte, error)) error {
	s1, err := plan.Compile(f)
	if err != nil {
		return fmt.Errorf("model: %w", err)
	}
	s2, err := plan.Compile(Shuffle(f, seed))
	if err != nil {
		return fmt.Errorf("shuffled model (seed %d): %w", seed, err)
	}
	b1, err1 := render(s1)
	b2, err2 := render(s2)
	if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
		return fmt.Errorf("errors differ after shuffling (seed %d): %v, then %v", seed, err1, err2)
	}
	if !bytes.Equal(b1, b2) {
		return fmt.Errorf("output differs after shuffling (seed %d):\n%s\n--- shuffled ---\n%s", seed, clip(b1), clip(b2))
	}
	return nil
}

func clip(b []byte) string {
	const max = 4000
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}

// CheckIsolation returns an error unless adding the successful tenanted deployment d to f
// leaves unchanged, under both progression policies, every matrix row of the release d.Release
// of every other track connected to an environment of the phase of d.Environment, and every
// other track at all when d.Environment is not in the release's lifecycle. The
// untenanted track counts only untenanted successes, so its row never changes either.
// d.Outcome is forced to Success; d.At, when empty, is after the whole history.
func CheckIsolation(f *model.File, d model.Deployment) error {
	if d.Tenant == "" {
		return errors.New("deployment without a tenant: isolation is about tenants")
	}
	d.Outcome = "Success"
	if d.At == "" {
		d.At = after(f).Format(time.RFC3339)
	}
	before, err := plan.Compile(f)
	if err != nil {
		return fmt.Errorf("model: %w", err)
	}
	g := cloneShallow(f)
	g.Deployments = append(g.Deployments, d)
	afterSpace, err := plan.Compile(g)
	if err != nil {
		return fmt.Errorf("model with the deployment: %w", err)
	}
	for _, pol := range []lifecycle.Policy{lifecycle.AnySuccess, lifecycle.LatestOutcome} {
		req := plan.MatrixRequest{Project: d.Project, Release: d.Release, Policy: pol}
		m1, err := before.Matrix(req)
		if err != nil {
			return err
		}
		m2, err := afterSpace.Matrix(req)
		if err != nil {
			return err
		}
		if len(m1.Rows) != len(m2.Rows) {
			return fmt.Errorf("%v: %d rows, then %d", pol, len(m1.Rows), len(m2.Rows))
		}
		for i, r1 := range m1.Rows {
			if !r1.Untenanted && r1.Tenant == d.Tenant {
				continue
			}
			if !r1.Untenanted {
				ex, err := before.Explain(plan.ExplainRequest{Project: d.Project, Release: d.Release,
					Environment: d.Environment, Tenant: r1.Tenant, Policy: pol})
				if err != nil {
					return err
				}
				inLC, connected := false, false
				for _, ph := range ex.Phases {
					if slices.Contains(ph.Environment, d.Environment) {
						inLC, connected = true, len(ph.Connected) > 0
					}
				}
				if inLC && !connected {
					continue // B's phase may complete through anyone's success
				}
			}
			if r2 := m2.Rows[i]; !reflect.DeepEqual(r1, r2) {
				return fmt.Errorf("%v: a success of %q in %q changed the row of %s:\nbefore %+v\nafter  %+v",
					pol, d.Tenant, d.Environment, trackName(r1.Tenant, r1.Untenanted), r1.Cells, r2.Cells)
			}
		}
	}
	return nil
}

// after returns a time later than every deployment of f (and not before Epoch()+Window).
func after(f *model.File) time.Time {
	t := epoch.Add(Window)
	for _, d := range f.Deployments {
		if at, err := time.Parse(time.RFC3339Nano, d.At); err == nil && at.After(t) {
			t = at
		}
	}
	return t.Add(time.Hour)
}

// CheckRollout returns an error unless r is a sound rollout of pol on the model f:
//   - ring membership partitions the tenants connected to the project (those whose connections
//     list it, with or without environments) into the rings' members and the unassigned;
//     overlaps are members; the rings reported empty are exactly the rings with no members;
//   - every wave deploys members of its ring, sorted, in one of the rollout's environments, at
//     most MaxParallel of them (or MaxParallelPercent of the step's cells, rounded up); no cell is
//     in two waves or both in a wave and done; gates point at the previous wave;
//   - replaying the waves in order as successful deployments, each wave is deployable: Deploy,
//     asked for the wave's tenants at the wave's start (zero when untimed) on f plus a success of
//     every done cell and of every earlier wave, deploys every one of them (so no wave runs before
//     its lifecycle allows it, and no timed wave starts inside a freeze of its cells);
//   - timed waves start no earlier than the previous wave's end plus its ring's soak.
func CheckRollout(f *model.File, pol plan.RolloutRequest, r *plan.Rollout) error {
	if r == nil {
		return errors.New("nil rollout")
	}
	var connected []string
	for _, t := range f.Tenants {
		if _, ok := t.Projects[pol.Project]; ok {
			connected = append(connected, t.Name)
		}
	}
	slices.Sort(connected)
	if len(r.Rings) != len(pol.Rings) {
		return fmt.Errorf("%d ring reports for %d rings", len(r.Rings), len(pol.Rings))
	}
	ringOf := map[string]int{}
	var empty []string
	for k, rr := range r.Rings {
		if rr.Name != pol.Rings[k].Name {
			return fmt.Errorf("ring report %d is %q, want %q", k, rr.Name, pol.Rings[k].Name)
		}
		if len(rr.Members) == 0 {
			empty = append(empty, rr.Name)
		}
		for _, m := range rr.Members {
			if prev, dup := ringOf[m]; dup {
				return fmt.Errorf("tenant %q is a member of rings %q and %q", m, r.Rings[prev].Name, rr.Name)
			}
			ringOf[m] = k
		}
	}
	for _, u := range r.Unassigned {
		if _, dup := ringOf[u]; dup {
			return fmt.Errorf("tenant %q is both unassigned and a member of ring %q", u, r.Rings[ringOf[u]].Name)
		}
		ringOf[u] = -1
	}
	var all []string
	for n := range ringOf {
		all = append(all, n)
	}
	slices.Sort(all)
	if !slices.Equal(all, connected) {
		return fmt.Errorf("members and unassigned %q are not the connected tenants %q", all, connected)
	}
	for _, o := range r.Overlaps {
		if ringOf[o] < 0 {
			return fmt.Errorf("overlap %q is not a member of any ring", o)
		}
	}
	// A ring is empty exactly when it has no members, whether it admits nobody or every tenant it
	// admits belongs to an earlier ring.
	if !slices.Equal(r.Empty, empty) {
		return fmt.Errorf("rings reported empty %q, but the rings with no members are %q", r.Empty, empty)
	}
	ringIdx := map[string]int{}
	for k, ring := range pol.Rings {
		ringIdx[ring.Name] = k
	}
	done := map[plan.DoneCell]bool{}
	for _, c := range r.Done {
		done[c] = true
	}
	type step struct{ env, ring string }
	stepSize := map[step]int{}
	for _, w := range r.Waves {
		stepSize[step{w.Environment, w.Ring}] += len(w.Tenants)
	}
	waved := map[plan.DoneCell]int{}
	for wi, w := range r.Waves {
		where := fmt.Sprintf("wave %d (%s, %s)", wi, w.Environment, w.Ring)
		if w.Index != wi {
			return fmt.Errorf("%s: index %d", where, w.Index)
		}
		if w.Gate.After != wi-1 {
			return fmt.Errorf("%s: gate after %d, want %d", where, w.Gate.After, wi-1)
		}
		if !slices.Contains(r.Environments, w.Environment) {
			return fmt.Errorf("%s: environment not in the rollout's %q", where, r.Environments)
		}
		k, ok := ringIdx[w.Ring]
		if !ok {
			return fmt.Errorf("%s: unknown ring", where)
		}
		if len(w.Tenants) == 0 {
			return fmt.Errorf("%s: no tenants", where)
		}
		if !slices.IsSorted(w.Tenants) {
			return fmt.Errorf("%s: tenants %q not sorted", where, w.Tenants)
		}
		ring := pol.Rings[k]
		limit := math.MaxInt
		if ring.MaxParallel > 0 {
			limit = ring.MaxParallel
		} else if ring.MaxParallelPercent > 0 {
			limit = max(1, int(math.Ceil(ring.MaxParallelPercent*float64(stepSize[step{w.Environment, w.Ring}])/100-1e-9)))
		}
		if len(w.Tenants) > limit {
			return fmt.Errorf("%s: %d tenants, more than maxParallel %d", where, len(w.Tenants), limit)
		}
		for _, t := range w.Tenants {
			if ringOf[t] != k {
				return fmt.Errorf("%s: tenant %q is not a member of the ring", where, t)
			}
			c := plan.DoneCell{Tenant: t, Environment: w.Environment}
			if prev, dup := waved[c]; dup {
				return fmt.Errorf("%s: cell %v already in wave %d", where, c, prev)
			}
			if done[c] {
				return fmt.Errorf("%s: cell %v is done", where, c)
			}
			waved[c] = wi
		}
		if wi > 0 && !w.Start.IsZero() {
			prev := r.Waves[wi-1]
			if soak := time.Duration(pol.Rings[ringIdx[prev.Ring]].Soak); w.Start.Before(prev.End.Add(soak)) {
				return fmt.Errorf("%s: starts at %v, before the previous end %v plus soak %v", where, w.Start, prev.End, soak)
			}
		}
	}
	return replayWaves(f, pol, r)
}

// replayWaves asks Deploy for each wave on f plus the successes of the earlier waves.
func replayWaves(f *model.File, pol plan.RolloutRequest, r *plan.Rollout) error {
	g := cloneShallow(f)
	at := after(f)
	// Done cells count as successes for later steps, whatever the policy says of their
	// history (under LatestOutcome a later failure may hide the success that made them current).
	for _, c := range r.Done {
		at = at.Add(time.Second)
		g.Deployments = append(g.Deployments, model.Deployment{Project: pol.Project, Release: pol.Release,
			Environment: c.Environment, Tenant: c.Tenant, Outcome: "Success", At: at.Format(time.RFC3339)})
	}
	for wi, w := range r.Waves {
		s, err := plan.Compile(g)
		if err != nil {
			return fmt.Errorf("wave %d: replayed model: %w", wi, err)
		}
		req := plan.DeployRequest{Project: pol.Project, Release: pol.Release, Environment: w.Environment,
			Tenants: w.Tenants, Policy: pol.Policy, At: w.Start}
		p, err := s.Deploy(req)
		if err != nil {
			return fmt.Errorf("wave %d: %w", wi, err)
		}
		if len(p.Rejected) > 0 {
			c := p.Rejected[0]
			return fmt.Errorf("wave %d (%s, %s): tenant %q is not deployable then: %v (%s)", wi, w.Environment, w.Ring,
				c.Tenant, codes(c.Reasons), c.Reasons[0].Message)
		}
		for _, t := range w.Tenants {
			at = at.Add(time.Second)
			g.Deployments = append(g.Deployments, model.Deployment{Project: pol.Project, Release: pol.Release,
				Environment: w.Environment, Tenant: t, Outcome: "Success", At: at.Format(time.RFC3339)})
		}
	}
	return nil
}
