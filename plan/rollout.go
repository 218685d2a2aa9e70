package plan

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/tenant"
)

// Order is the order in which a rollout walks its (environment, ring) steps.
type Order uint8

const (
	// ByEnvironment: every ring in the first environment, then every ring in the next (the default).
	ByEnvironment Order = iota
	// ByRing: the first ring through every environment, then the next ring.
	ByRing
)

// ParseOrder parses "ByEnvironment" (also "") or "ByRing".
func ParseOrder(s string) (Order, error) {
	switch s {
	case "", "ByEnvironment":
		return ByEnvironment, nil
	case "ByRing":
		return ByRing, nil
	}
	return 0, &badValue{what: "order", value: s, want: `"ByEnvironment" or "ByRing"`}
}

// String returns "ByEnvironment" or "ByRing".
func (o Order) String() string {
	if o == ByRing {
		return "ByRing"
	}
	return "ByEnvironment"
}

// MarshalText encodes the order by name.
func (o Order) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// HashAlgorithm names the stable hash of ring percentages; every rollout records it.
const HashAlgorithm = "sha256-mod-100000"

// Bucket returns the stable bucket of a tenant for a salt: the first 8 bytes of
// SHA-256(salt + "/" + tenant) as a big-endian unsigned integer, modulo 100000. A ring with
// percent p admits the tenant when Bucket < round(p * 1000), so raising p only adds tenants.
func Bucket(salt, tenantName string) int {
	sum := sha256.Sum256([]byte(salt + "/" + tenantName))
	return int(binary.BigEndian.Uint64(sum[:8]) % 100000)
}

// Ring is one ring of a rollout policy. Its selector is the union of the named Tenants,
// the Tags filter (OR within a tag set, AND across sets) and the Expression. Percent, when not 0,
// admits only that share of the matched tenants by stable hash with Salt (default: Name).
// MaxParallel (a count) or MaxParallelPercent (of the ring's deployable cells in an environment,
// rounded up) bounds each wave; 0 means unlimited. Soak is how long to wait after a wave of this
// ring before the next wave starts.
type Ring struct {
	Name               string
	Tenants            []string
	Tags               []string
	Expression         string
	Percent            float64
	Salt               string
	MaxParallel        int
	MaxParallelPercent float64
	Soak               time.Duration
}

// RolloutPolicy asks for a rollout plan: a release of a project through Environments (default: the
// release's lifecycle in phase order, model order inside a phase; each environment at most once),
// ring by ring in Order, counting successes by Policy (AnySuccess or LatestOutcome).
//
// Start and WaveDuration, when both are set (a WaveDuration may not be negative), time the waves
// around freezes: each wave starts at the earliest time, from Start or the end of the previous
// wave plus its soak, at which none of its cells is frozen. The zero Start leaves the waves
// untimed, and then no freeze is considered at all. Freezes only ever delay a wave: they never
// make a cell undeployable in a rollout. The planner never reads the clock: a caller that means
// "roll out from now" passes the current time as Start (the command-line tool does so when the
// policy file has no start).
type RolloutPolicy struct {
	Project      string
	Release      string
	Environments []string
	Order        Order
	Rings        []Ring
	Policy       lifecycle.Policy
	Start        time.Time
	WaveDuration time.Duration
}

// RingReport records how a ring admitted its members: the hash and salt when it uses a
// percentage, and its members by name.
type RingReport struct {
	Name      string   `json:"name"`
	Percent   float64  `json:"percent,omitempty"`
	Algorithm string   `json:"algorithm,omitempty"`
	Salt      string   `json:"salt,omitempty"`
	Members   []string `json:"members"`
}

// Gate is what a wave waits for: the completion of the previous wave (After, -1 for the first
// wave) plus the soak of that wave's ring.
type Gate struct {
	After int           `json:"after"`
	Soak  time.Duration `json:"soak,omitempty"`
}

// Wave is a batch of cells deployed together: one environment, one ring, at most maxParallel
// tenants, ordered by name. Start and End are set when the rollout is timed.
type Wave struct {
	Index       int       `json:"index"`
	Environment string    `json:"environment"`
	Ring        string    `json:"ring"`
	Tenants     []string  `json:"tenants"`
	Gate        Gate      `json:"gate"`
	Start       time.Time `json:"start,omitzero"`
	End         time.Time `json:"end,omitzero"`
}

// CellRef names one tenanted cell of a rollout.
type CellRef struct {
	Tenant      string `json:"tenant"`
	Environment string `json:"environment"`
}

// NeverCell is a cell of a ring member, in an environment it is connected to, that no wave of the
// rollout can deploy, with the reasons at its step.
type NeverCell struct {
	Tenant      string   `json:"tenant"`
	Environment string   `json:"environment"`
	Reasons     []Reason `json:"reasons"`
}

// Rollout is a rollout plan: ring membership, the waves in order, and everything that is not
// planned: unassigned tenants, overlaps, empty rings, cells already done and cells never deployable.
type Rollout struct {
	Project      string       `json:"project"`
	Release      string       `json:"release"`
	Channel      string       `json:"channel"`
	Environments []string     `json:"environments"`
	Order        Order        `json:"order"`
	Rings        []RingReport `json:"rings"`
	Waves        []Wave       `json:"waves"`
	Unassigned   []string     `json:"unassigned"`
	Overlaps     []string     `json:"overlaps"`
	Empty        []string     `json:"empty"`
	Done         []CellRef    `json:"done"`
	Never        []NeverCell  `json:"never"`
	// Unscheduled is set when a timed rollout could not find a start outside the freezes within
	// the search bound (ten years after the earliest possible start) for some wave; that wave and
	// the later ones have no times.
	Unscheduled bool `json:"unscheduled,omitempty"`
}

// JSON returns the rollout as indented, deterministic JSON.
func (r *Rollout) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// ring is a compiled ring.
type cring struct {
	Ring
	selector tenant.Selection
	limit    int // round(percent * 1000); -1 = no percentage
}

func (s *Space) compileRing(p *project, k int, r Ring) (cring, error) {
	field := fmt.Sprintf("rings[%d]", k)
	cr := cring{Ring: r, limit: -1}
	if cr.Salt == "" {
		cr.Salt = r.Name
	}
	if r.Percent < 0 || r.Percent > 100 || math.IsNaN(r.Percent) {
		return cr, &RequestError{Field: field + ".percent", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("percent %v is not between 0 and 100", r.Percent)}
	}
	if r.Percent > 0 {
		cr.limit = int(math.Round(r.Percent * 1000))
	}
	switch {
	case r.MaxParallel < 0:
		return cr, &RequestError{Field: field + ".maxParallel", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("maxParallel %d is negative: want a count, or 0 for unlimited", r.MaxParallel)}
	case r.MaxParallelPercent < 0 || r.MaxParallelPercent > 100 || math.IsNaN(r.MaxParallelPercent):
		return cr, &RequestError{Field: field + ".maxParallelPercent", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("maxParallelPercent %v is not between 0 and 100", r.MaxParallelPercent)}
	case r.MaxParallel > 0 && r.MaxParallelPercent > 0:
		return cr, &RequestError{Field: field + ".maxParallel", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: "maxParallel and maxParallelPercent are both set: give a count or a percent, not both"}
	}
	if r.Soak < 0 {
		return cr, &RequestError{Field: field + ".soak", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("soak %v is negative", r.Soak)}
	}
	sel, _, err := s.selection(p, s.tenants.All(), r.Tenants, r.Tags, r.Expression, false)
	if err != nil {
		if re, ok := err.(*RequestError); ok {
			re.Field = field + "." + re.Field
		}
		return cr, err
	}
	cr.selector = sel
	return cr, nil
}

func (r cring) admits(s *Space, i int) bool {
	if !r.selector.Contains(i) {
		return false
	}
	return r.limit < 0 || Bucket(r.Salt, s.names[i]) < r.limit
}

// checkRolloutScalars checks the policy's order, success policy and wave duration.
func checkRolloutScalars(pol RolloutPolicy) error {
	if pol.Order > ByRing {
		return &RequestError{Field: "order", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("unknown order %d: want ByEnvironment or ByRing", uint8(pol.Order))}
	}
	if pol.Policy != lifecycle.AnySuccess && pol.Policy != lifecycle.LatestOutcome {
		return &RequestError{Field: "policy", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("unknown policy %v: want AnySuccess or LatestOutcome", pol.Policy)}
	}
	if pol.WaveDuration < 0 {
		return &RequestError{Field: "waveDuration", Code: CodeInvalidValue, Err: ErrInvalidValue,
			Message: fmt.Sprintf("wave duration %v is negative", pol.WaveDuration)}
	}
	return nil
}

// Rollout plans a rollout. It assigns each tenant connected to the project to the first ring
// that admits it, then walks the (environment, ring) steps in order: a step's cells are the ring's
// tenants whose cell is not done and is deployable when every earlier wave is assumed to have
// succeeded, cut into waves of at most maxParallel cells. Cells that no step can deploy are reported
// in Never with their reasons.
//
// A policy it cannot plan faithfully is a *RequestError naming the field: an unknown project,
// release or environment; an environment listed twice ("environments[k]", duplicate-name); a ring
// name empty or used twice (duplicate-name); and, with code invalid-value, an unknown Order or
// Policy, a negative WaveDuration, and per ring a Percent or MaxParallelPercent outside 0..100
// (or NaN), a negative MaxParallel or Soak, or both MaxParallel and MaxParallelPercent.
func (s *Space) Rollout(pol RolloutPolicy) (*Rollout, error) {
	p, r, err := s.projectRelease(pol.Project, pol.Release)
	if err != nil {
		return nil, err
	}
	lc := r.lifecycle()
	var envs []int
	if len(pol.Environments) == 0 && lc != nil {
		envs = lc.Order()
	} else {
		at := make(map[int]int, len(pol.Environments)) // environment -> its first position
		for k, n := range pol.Environments {
			field := fmt.Sprintf("environments[%d]", k)
			e, err := s.environment(field, n)
			if err != nil {
				return nil, err
			}
			if j, ok := at[e]; ok {
				return nil, &RequestError{Field: field, Code: CodeDuplicateName, Err: ErrDuplicateName,
					Message: fmt.Sprintf("environment %s is listed twice (also environments[%d]); a rollout passes each environment once", quote(n), j)}
			}
			at[e] = k
			envs = append(envs, e)
		}
	}
	if err := checkRolloutScalars(pol); err != nil {
		return nil, err
	}
	rings := make([]cring, len(pol.Rings))
	seen := map[string]bool{}
	for k, rg := range pol.Rings {
		if rg.Name == "" || seen[rg.Name] {
			return nil, &RequestError{Field: fmt.Sprintf("rings[%d].name", k), Code: CodeDuplicateName, Err: ErrDuplicateName,
				Message: fmt.Sprintf("ring name %s is empty or used twice", quote(rg.Name))}
		}
		seen[rg.Name] = true
		if rings[k], err = s.compileRing(p, k, rg); err != nil {
			return nil, err
		}
	}

	out := &Rollout{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Order: pol.Order,
		Waves: []Wave{}, Unassigned: []string{}, Overlaps: []string{}, Empty: []string{}, Done: []CellRef{}, Never: []NeverCell{}}
	for _, e := range envs {
		out.Environments = append(out.Environments, s.envs[e])
	}

	// Membership: the first ring that admits a tenant gets it; a later ring that admits
	// it too makes it an overlap; a ring left with no members is empty, since it deploys nothing.
	members := make([][]int, len(rings))
	for i := range p.connected.Indexes() {
		first, overlap := -1, false
		for k := range rings {
			if !rings[k].admits(s, i) {
				continue
			}
			if first < 0 {
				first = k
				members[k] = append(members[k], i)
			} else {
				overlap = true
			}
		}
		if overlap {
			out.Overlaps = append(out.Overlaps, s.names[i])
		}
		if first < 0 {
			out.Unassigned = append(out.Unassigned, s.names[i])
		}
	}
	for k, rg := range rings {
		rep := RingReport{Name: rg.Name, Members: make([]string, len(members[k]))}
		if rg.limit >= 0 {
			rep.Percent, rep.Algorithm, rep.Salt = rg.Percent, HashAlgorithm, rg.Salt
		}
		for j, i := range members[k] {
			rep.Members[j] = s.names[i]
		}
		if len(members[k]) == 0 {
			out.Empty = append(out.Empty, rg.Name)
		}
		out.Rings = append(out.Rings, rep)
	}

	// The simulated history: a private copy of the release's facts that earlier waves add to.
	sim := newSimHistory(s, r, policyIndex(pol.Policy))
	succeed := func(i, e int) { sim.succeed(i, e, p.own(s, i, r.index, policyIndex(pol.Policy))) }
	ctxs := map[int]*cellCtx{}
	ctxOf := func(e int) *cellCtx {
		if c, ok := ctxs[e]; ok {
			return c
		}
		c := s.newCellCtx(p, r, e, pol.Policy, time.Time{}, nil, nil, false)
		c.facts, c.sim = &sim.facts, sim
		c.prepareBulk()
		ctxs[e] = c
		return c
	}
	// Done cells count as successes from the start.
	for _, e := range envs {
		for k := range rings {
			for _, i := range members[k] {
				if p.connOf(s, i).Has(e) && p.currentRelease(i, e) == r {
					out.Done = append(out.Done, CellRef{Tenant: s.names[i], Environment: s.envs[e]})
					succeed(i, e)
				}
			}
		}
	}
	type step struct{ env, ring int }
	var steps []step
	if pol.Order == ByRing {
		for k := range rings {
			for _, e := range envs {
				steps = append(steps, step{e, k})
			}
		}
	} else {
		for _, e := range envs {
			for k := range rings {
				steps = append(steps, step{e, k})
			}
		}
	}
	prevRing := -1
	for _, st := range steps {
		c := ctxOf(st.env)
		var cells []int
		for _, i := range members[st.ring] {
			if !p.connOf(s, i).Has(st.env) || p.currentRelease(i, st.env) == r {
				continue
			}
			rs, _ := c.tenantReasons(i)
			if len(rs) > 0 {
				out.Never = append(out.Never, NeverCell{Tenant: s.names[i], Environment: s.envs[st.env], Reasons: rs})
				continue
			}
			cells = append(cells, i)
		}
		if len(cells) == 0 {
			continue
		}
		rg := rings[st.ring]
		size := len(cells)
		switch {
		case rg.MaxParallel > 0:
			size = rg.MaxParallel
		case rg.MaxParallelPercent > 0:
			size = max(1, int(math.Ceil(rg.MaxParallelPercent*float64(len(cells))/100-1e-9)))
		}
		for start := 0; start < len(cells); start += size {
			batch := cells[start:min(start+size, len(cells))]
			w := Wave{Index: len(out.Waves), Environment: s.envs[st.env], Ring: rg.Name, Gate: Gate{After: len(out.Waves) - 1}}
			if prevRing >= 0 {
				w.Gate.Soak = rings[prevRing].Soak
			}
			for _, i := range batch {
				w.Tenants = append(w.Tenants, s.names[i])
			}
			out.Waves = append(out.Waves, w)
			prevRing = st.ring
		}
		for _, i := range cells {
			succeed(i, st.env)
		}
	}
	slices.SortStableFunc(out.Never, func(a, b NeverCell) int {
		if d := s.envIndex[a.Environment] - s.envIndex[b.Environment]; d != 0 {
			return d
		}
		return strings.Compare(a.Tenant, b.Tenant)
	})
	if !pol.Start.IsZero() && pol.WaveDuration > 0 {
		s.timeWaves(p, out, pol)
	}
	return out, nil
}

func policyIndex(p lifecycle.Policy) int {
	if int(p) < 0 || int(p) > 1 {
		return 0
	}
	return int(p)
}

// timeWaves gives each wave a start and an end: a wave starts at the earliest time, not
// before the previous wave's end plus its gate's soak, at which none of its cells is frozen. The
// search is bounded to ten years (freeze.DefaultClearLimit) after the earliest possible start; it
// merges the occurrences of the wave's freezes, so it costs what it visits, even through a calendar
// that freezes tile.
func (s *Space) timeWaves(p *project, out *Rollout, pol RolloutPolicy) {
	next := pol.Start
	for k := range out.Waves {
		w := &out.Waves[k]
		earliest := next.Add(w.Gate.Soak)
		if k == 0 {
			earliest = pol.Start
		}
		t, ok := s.freezes.ClearTenants(p.name, w.Environment, w.Tenants, earliest, nil, freeze.DefaultClearLimit)
		if !ok {
			out.Unscheduled = true
			return
		}
		w.Start, w.End = t, t.Add(pol.WaveDuration)
		next = w.End
	}
}
