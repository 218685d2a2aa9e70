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

// UnmarshalText decodes the order by name, as ParseOrder does; other text is an error that lists
// the orders and wraps ErrInvalidValue.
func (o *Order) UnmarshalText(b []byte) error {
	v, err := ParseOrder(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

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
// ring before the next wave starts. Its JSON keys are those of the Go fields, in lower camel case
// ("maxParallelPercent"); Soak is a duration string such as "24h" (see Duration).
type Ring struct {
	Name               string   `json:"name"`
	Tenants            []string `json:"tenants,omitempty"`
	Tags               []string `json:"tags,omitempty"`
	Expression         string   `json:"expression,omitempty"`
	Percent            float64  `json:"percent,omitempty"`
	Salt               string   `json:"salt,omitempty"`
	MaxParallel        int      `json:"maxParallel,omitempty"`
	MaxParallelPercent float64  `json:"maxParallelPercent,omitempty"`
	Soak               Duration `json:"soak,omitzero"`
}

// RolloutRequest asks for a rollout plan (a rollout policy): a release of a project through
// Environments (default: the release's lifecycle in phase order, model order inside a phase; each
// environment at most once), ring by ring in Order, counting successes by Policy (AnySuccess or
// LatestOutcome).
//
// Start and WaveDuration, when both are set (a WaveDuration may not be negative), time the waves
// around freezes: each wave starts at the earliest time, from Start or the end of the previous
// wave plus its soak, at which none of its cells is frozen. The zero Start leaves the waves
// untimed, and then no freeze is considered at all. Freezes only ever delay a wave: they never
// make a cell undeployable in a rollout. The planner never reads the clock: a caller that means
// "roll out from now" passes the current time as Start (the command-line tool does so when the
// policy file has no start).
//
// Its JSON form is the command-line tool's rollout policy file, and the question of a scenario
// file's rollout check; for example
//
//	{"project": "Shop", "release": "1.2.0", "environments": ["Staging", "Production"],
//	 "order": "ByRing", "policy": "AnySuccess",
//	 "rings": [{"name": "Early", "tags": ["Ring/Early"], "maxParallel": 2, "soak": "24h"},
//	           {"name": "Rest", "expression": "true", "maxParallelPercent": 50}],
//	 "start": "2026-03-16T09:00:00Z", "waveDuration": "2h"}
type RolloutRequest struct {
	Project      string           `json:"project"`
	Release      string           `json:"release"`
	Environments []string         `json:"environments,omitempty"`
	Order        Order            `json:"order,omitzero"`
	Rings        []Ring           `json:"rings"`
	Policy       lifecycle.Policy `json:"policy,omitzero"`
	Start        time.Time        `json:"start,omitzero"`
	WaveDuration Duration         `json:"waveDuration,omitzero"`
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
// wave) plus the soak of that wave's ring. In a rollout's JSON, Soak is a duration string such as
// "24h", the form a request's [Ring.Soak] has (see [Duration]), and is left out when zero:
//
//	{"after": 2, "soak": "24h"}
type Gate struct {
	After int
	Soak  time.Duration
}

// gateJSON is the JSON form of a Gate.
type gateJSON struct {
	After int      `json:"after"`
	Soak  Duration `json:"soak,omitzero"`
}

// MarshalJSON writes the gate with its soak as a duration string ("24h").
func (g Gate) MarshalJSON() ([]byte, error) {
	return json.Marshal(gateJSON{After: g.After, Soak: Duration(g.Soak)})
}

// UnmarshalJSON reads the JSON that MarshalJSON writes; a soak that is not a duration string is an
// error that wraps ErrInvalidValue.
func (g *Gate) UnmarshalJSON(b []byte) error {
	var j gateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*g = Gate{After: j.After, Soak: time.Duration(j.Soak)}
	return nil
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

// DoneCell is a tenanted cell of a rollout whose current release already is the rollout's
// release: reported, not planned.
type DoneCell struct {
	Tenant      string `json:"tenant"`
	Environment string `json:"environment"`
}

// UndeployableCell is a cell of a ring member, in an environment it is connected to, that no wave of the
// rollout can deploy, with the reasons at its step.
type UndeployableCell struct {
	Tenant      string   `json:"tenant"`
	Environment string   `json:"environment"`
	Reasons     []Reason `json:"reasons"`
}

// Rollout is a rollout plan: ring membership, the waves in order, and everything that is not
// planned: unassigned tenants, overlaps, empty rings, cells already done and cells never deployable.
type Rollout struct {
	Project      string             `json:"project"`
	Release      string             `json:"release"`
	Channel      string             `json:"channel"`
	Environments []string           `json:"environments"`
	Order        Order              `json:"order"`
	Rings        []RingReport       `json:"rings"`
	Waves        []Wave             `json:"waves"`
	Unassigned   []string           `json:"unassigned"`
	Overlaps     []string           `json:"overlaps"`
	Empty        []string           `json:"empty"`
	Done         []DoneCell         `json:"done"`
	Never        []UndeployableCell `json:"never"`
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
			Message: fmt.Sprintf("soak %v is negative", time.Duration(r.Soak))}
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
func checkRolloutScalars(pol RolloutRequest) error {
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
			Message: fmt.Sprintf("wave duration %v is negative", time.Duration(pol.WaveDuration))}
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
func (s *Space) Rollout(pol RolloutRequest) (*Rollout, error) {
	p, r, err := s.projectRelease(pol.Project, pol.Release)
	if err != nil {
		return nil, err
	}
	envs, err := s.rolloutEnvironments(r, pol.Environments)
	if err != nil {
		return nil, err
	}
	if err := checkRolloutScalars(pol); err != nil {
		return nil, err
	}
	rings, err := s.compileRings(p, pol.Rings)
	if err != nil {
		return nil, err
	}
	rp := &rolloutPlanner{s: s, p: p, r: r, pol: pol, envs: envs, rings: rings, prevRing: -1,
		ctxs: map[int]*cellCtx{}, sim: newSimHistory(s, r, policyIndex(pol.Policy))}
	rp.start()
	rp.assignRings()
	rp.markDone()
	for _, st := range rolloutSteps(pol.Order, envs, len(rings)) {
		rp.planStep(st)
	}
	out := rp.out
	slices.SortStableFunc(out.Never, func(a, b UndeployableCell) int {
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

// rolloutEnvironments resolves the environments a rollout passes through: those listed, each at
// most once, else the release's lifecycle in phase order.
func (s *Space) rolloutEnvironments(r *release, listed []string) ([]int, error) {
	if lc := r.lifecycle(); len(listed) == 0 && lc != nil {
		return lc.Order(), nil
	}
	var envs []int
	at := make(map[int]int, len(listed)) // environment -> its first position
	for k, n := range listed {
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
	return envs, nil
}

// compileRings checks the rings' names (not empty, each used once) and compiles each ring.
func (s *Space) compileRings(p *project, rs []Ring) ([]cring, error) {
	rings := make([]cring, len(rs))
	seen := map[string]bool{}
	for k, rg := range rs {
		if rg.Name == "" || seen[rg.Name] {
			return nil, &RequestError{Field: fmt.Sprintf("rings[%d].name", k), Code: CodeDuplicateName, Err: ErrDuplicateName,
				Message: fmt.Sprintf("ring name %s is empty or used twice", quote(rg.Name))}
		}
		seen[rg.Name] = true
		var err error
		if rings[k], err = s.compileRing(p, k, rg); err != nil {
			return nil, err
		}
	}
	return rings, nil
}

// rolloutStep is one (environment, ring) step of a rollout.
type rolloutStep struct{ env, ring int }

// rolloutSteps lists the steps in order: ByRing takes the first ring through every environment,
// then the next; ByEnvironment every ring through the first environment, then the next.
func rolloutSteps(order Order, envs []int, rings int) []rolloutStep {
	steps := make([]rolloutStep, 0, len(envs)*rings)
	if order == ByRing {
		for k := range rings {
			for _, e := range envs {
				steps = append(steps, rolloutStep{e, k})
			}
		}
		return steps
	}
	for _, e := range envs {
		for k := range rings {
			steps = append(steps, rolloutStep{e, k})
		}
	}
	return steps
}

// rolloutPlanner holds one rollout being planned: the request, its rings and their members, the
// simulated history that earlier waves add to, and the plan so far.
type rolloutPlanner struct {
	s        *Space
	p        *project
	r        *release
	pol      RolloutRequest
	envs     []int
	rings    []cring
	members  [][]int // per ring, its members' tenant indexes in name order
	sim      *simHistory
	ctxs     map[int]*cellCtx // per environment, built on first use
	prevRing int              // the ring of the last wave, -1 before the first
	out      *Rollout
}

// start begins the plan: its header and empty lists.
func (rp *rolloutPlanner) start() {
	s, p, r := rp.s, rp.p, rp.r
	rp.out = &Rollout{Project: p.name, Release: r.text, Channel: r.channel.ch.Name(), Order: rp.pol.Order,
		Waves: []Wave{}, Unassigned: []string{}, Overlaps: []string{}, Empty: []string{}, Done: []DoneCell{},
		Never: []UndeployableCell{}}
	for _, e := range rp.envs {
		rp.out.Environments = append(rp.out.Environments, s.envs[e])
	}
}

// assignRings gives each connected tenant to the first ring that admits it; a later ring that
// admits it too makes it an overlap, no ring makes it unassigned, and a ring left with no members
// is empty, since it deploys nothing. It records every ring's report.
func (rp *rolloutPlanner) assignRings() {
	s, out := rp.s, rp.out
	// First the ring of each connected tenant (-1 for none), counting each ring's members, so
	// that the member lists are made at their length.
	firsts := make([]int32, 0, rp.p.connected.Len())
	counts := make([]int, len(rp.rings))
	for i := range rp.p.connected.Indexes() {
		first, overlap := -1, false
		for k := range rp.rings {
			if !rp.rings[k].admits(s, i) {
				continue
			}
			if first < 0 {
				first = k
				counts[k]++
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
		firsts = append(firsts, int32(first))
	}
	rp.members = make([][]int, len(rp.rings))
	for k, n := range counts {
		rp.members[k] = make([]int, 0, n)
	}
	j := 0
	for i := range rp.p.connected.Indexes() {
		if k := firsts[j]; k >= 0 {
			rp.members[k] = append(rp.members[k], i)
		}
		j++
	}
	for k, rg := range rp.rings {
		rep := RingReport{Name: rg.Name, Members: make([]string, len(rp.members[k]))}
		if rg.limit >= 0 {
			rep.Percent, rep.Algorithm, rep.Salt = rg.Percent, HashAlgorithm, rg.Salt
		}
		for j, i := range rp.members[k] {
			rep.Members[j] = s.names[i]
		}
		if len(rp.members[k]) == 0 {
			out.Empty = append(out.Empty, rg.Name)
		}
		out.Rings = append(out.Rings, rep)
	}
}

// succeed records a simulated success of tenant i in environment e.
func (rp *rolloutPlanner) succeed(i, e int) {
	pol := policyIndex(rp.pol.Policy)
	rp.sim.succeed(i, e, rp.p.own(rp.s, i, rp.r.index, pol))
}

// ctx returns the cell context of environment e, which sees the simulated history.
func (rp *rolloutPlanner) ctx(e int) *cellCtx {
	if c, ok := rp.ctxs[e]; ok {
		return c
	}
	c := rp.s.newCellCtx(cellRequest{p: rp.p, r: rp.r, env: e, policy: rp.pol.Policy})
	c.facts, c.sim = &rp.sim.facts, rp.sim
	c.prepareBulk()
	rp.ctxs[e] = c
	return c
}

// markDone reports the members' cells that already run the release as done; they count as
// successes from the start.
func (rp *rolloutPlanner) markDone() {
	s, p := rp.s, rp.p
	done := func(i, e int) bool { return p.connOf(s, i).Has(e) && p.currentRelease(i, e) == rp.r }
	n := 0
	for _, e := range rp.envs {
		for k := range rp.rings {
			for _, i := range rp.members[k] {
				if done(i, e) {
					n++
				}
			}
		}
	}
	if n == 0 {
		return
	}
	rp.out.Done = slices.Grow(rp.out.Done, n)
	for _, e := range rp.envs {
		for k := range rp.rings {
			for _, i := range rp.members[k] {
				if done(i, e) {
					rp.out.Done = append(rp.out.Done, DoneCell{Tenant: s.names[i], Environment: s.envs[e]})
					rp.succeed(i, e)
				}
			}
		}
	}
}

// planStep plans one step: the ring's cells in the environment that are deployable, assuming
// every earlier wave succeeded, are cut into waves; the others are reported as never deployable.
func (rp *rolloutPlanner) planStep(st rolloutStep) {
	cells := rp.deployableCells(st)
	if len(cells) == 0 {
		return
	}
	size := rp.rings[st.ring].waveSize(len(cells))
	for start := 0; start < len(cells); start += size {
		rp.addWave(st, cells[start:min(start+size, len(cells))])
	}
	for _, i := range cells {
		rp.succeed(i, st.env)
	}
}

// deployableCells returns the members of the step's ring that are connected to its environment,
// not done, and deployable; it reports the ones that are not deployable in Never.
func (rp *rolloutPlanner) deployableCells(st rolloutStep) []int {
	s, p := rp.s, rp.p
	c := rp.ctx(st.env)
	cells := make([]int, 0, len(rp.members[st.ring]))
	for _, i := range rp.members[st.ring] {
		if !p.connOf(s, i).Has(st.env) || p.currentRelease(i, st.env) == rp.r {
			continue
		}
		if rs, _ := c.tenantReasons(i); len(rs) > 0 {
			rp.out.Never = append(rp.out.Never, UndeployableCell{Tenant: s.names[i], Environment: s.envs[st.env], Reasons: rs})
			continue
		}
		cells = append(cells, i)
	}
	return cells
}

// waveSize is the number of cells of each wave of a step with n deployable cells.
func (r cring) waveSize(n int) int {
	switch {
	case r.MaxParallel > 0:
		return r.MaxParallel
	case r.MaxParallelPercent > 0:
		return max(1, int(math.Ceil(r.MaxParallelPercent*float64(n)/100-1e-9)))
	}
	return n
}

// addWave appends a wave of the step with the tenants of batch; it waits for the previous wave
// plus the soak of that wave's ring.
func (rp *rolloutPlanner) addWave(st rolloutStep, batch []int) {
	out := rp.out
	w := Wave{Index: len(out.Waves), Environment: rp.s.envs[st.env], Ring: rp.rings[st.ring].Name,
		Gate: Gate{After: len(out.Waves) - 1}}
	if rp.prevRing >= 0 {
		w.Gate.Soak = time.Duration(rp.rings[rp.prevRing].Soak)
	}
	w.Tenants = make([]string, len(batch))
	for j, i := range batch {
		w.Tenants[j] = rp.s.names[i]
	}
	out.Waves = append(out.Waves, w)
	rp.prevRing = st.ring
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
func (s *Space) timeWaves(p *project, out *Rollout, pol RolloutRequest) {
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
		w.Start, w.End = t, t.Add(time.Duration(pol.WaveDuration))
		next = w.End
	}
}
