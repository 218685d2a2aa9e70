package lifecycle_test

// This file keeps a slow, obviously correct reference implementation of
// progression that works from plain slices and maps, and the
// rapid properties that check the fast implementation against it and
// against the invariants of progression.

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// world is a generated model: environment names, the phase specs given to
// New and, computed independently by the generator, what they resolve to.
type world struct {
	envs     []string
	specs    []lifecycle.PhaseSpec
	phases   [][]int // resolved environments per phase, in model order
	minimum  []int
	optional []bool
}

func worldGen() *rapid.Generator[world] {
	return rapid.Custom(func(t *rapid.T) world {
		n := rapid.IntRange(1, 12).Draw(t, "envs")
		if rapid.IntRange(0, 9).Draw(t, "big") == 0 {
			n = rapid.IntRange(60, 140).Draw(t, "bigEnvs")
		}
		var w world
		for i := range n {
			w.envs = append(w.envs, fmt.Sprintf("E%d", i))
		}
		perm := rapid.Permutation(func() []int {
			p := make([]int, n)
			for i := range p {
				p[i] = i
			}
			return p
		}()).Draw(t, "perm")
		p := rapid.IntRange(1, min(n, 6)).Draw(t, "phases")
		owner := make([]int, n) // phase, -1 = not in the lifecycle
		for i, e := range perm {
			if i < p {
				owner[e] = i
			} else {
				owner[e] = rapid.IntRange(-1, p-1).Draw(t, "owner")
			}
		}
		catchAll := -1
		if rapid.IntRange(0, 3).Draw(t, "catchAll?") == 0 {
			catchAll = rapid.IntRange(0, p-1).Draw(t, "catchAll")
			for e := range owner {
				if owner[e] == -1 || owner[e] == catchAll {
					owner[e] = catchAll
				}
			}
		}
		w.phases = make([][]int, p)
		for e := 0; e < n; e++ {
			if owner[e] >= 0 {
				w.phases[owner[e]] = append(w.phases[owner[e]], e)
			}
		}
		for k := range p {
			spec := lifecycle.PhaseSpec{Name: fmt.Sprintf("P%d", k)}
			if k != catchAll {
				// List the environments in a shuffled order, each automatic or manual.
				for _, e := range rapid.Permutation(w.phases[k]).Draw(t, "listing") {
					if rapid.Bool().Draw(t, "automatic") {
						spec.Automatic = append(spec.Automatic, w.envs[e])
					} else {
						spec.Manual = append(spec.Manual, w.envs[e])
					}
				}
			}
			spec.Minimum = rapid.IntRange(0, len(w.phases[k])).Draw(t, "minimum")
			spec.Optional = rapid.IntRange(0, 4).Draw(t, "optional") == 0
			w.specs = append(w.specs, spec)
			w.minimum = append(w.minimum, spec.Minimum)
			w.optional = append(w.optional, spec.Optional)
		}
		return w
	})
}

// subset draws a subset of 0..n-1 as a sorted slice.
func subset(t *rapid.T, n int, label string) []int {
	var out []int
	density := rapid.IntRange(0, 4).Draw(t, label+"Density")
	for e := range n {
		if rapid.IntRange(0, 4).Draw(t, label) < density {
			out = append(out, e)
		}
	}
	return out
}

func toMap(envs []int) map[int]bool {
	m := map[int]bool{}
	for _, e := range envs {
		m[e] = true
	}
	return m
}

// slowComplete applies the phase completion rule literally: optional, or the
// track's own successes in the environments it is connected to reach the
// need, or, when it is connected to none, anyone's successes reach it.
func slowComplete(w world, k int, conn, succ, anySucc map[int]bool) (bool, int, int) {
	if w.optional[k] {
		return true, 0, 0
	}
	var connected []int
	for _, e := range w.phases[k] {
		if conn[e] {
			connected = append(connected, e)
		}
	}
	if len(connected) > 0 {
		need := len(connected)
		if w.minimum[k] > 0 {
			need = min(w.minimum[k], len(connected))
		}
		have := 0
		for _, e := range connected {
			if succ[e] {
				have++
			}
		}
		return have >= need, need, have
	}
	need := len(w.phases[k])
	if w.minimum[k] > 0 {
		need = w.minimum[k]
	}
	have := 0
	for _, e := range w.phases[k] {
		if anySucc[e] {
			have++
		}
	}
	return have >= need, need, have
}

// slowProgress applies reachability (every earlier phase complete) and the
// blocked-release check (first phase, or a success of the track in the
// phase) literally.
func slowProgress(w world, env int, conn, succ, anySucc map[int]bool, blocked bool) lifecycle.Progress {
	k := -1
	for i, ph := range w.phases {
		if slices.Contains(ph, env) {
			k = i
		}
	}
	if k < 0 {
		return lifecycle.Progress{Phase: -1, Waiting: -1}
	}
	p := lifecycle.Progress{InLifecycle: true, Phase: k, Reachable: true, Waiting: -1}
	for j := 0; j < k; j++ {
		if ok, need, have := slowComplete(w, j, conn, succ, anySucc); !ok {
			p = lifecycle.Progress{InLifecycle: true, Phase: k, Waiting: j, Need: need, Have: have}
			break
		}
	}
	if blocked && k != 0 {
		started := false
		for _, e := range w.phases[k] {
			if succ[e] {
				started = true
			}
		}
		p.Blocked = !started
	}
	return p
}

type progressCase struct {
	w                   world
	l                   *lifecycle.Lifecycle
	conn, succ, anySucc []int
	env                 int
	blocked             bool
}

func progressCaseGen(t *rapid.T) progressCase {
	w := worldGen().Draw(t, "world")
	l, err := lifecycle.New("L", w.envs, w.specs)
	require.NoError(t, err)
	n := len(w.envs)
	c := progressCase{w: w, l: l, conn: subset(t, n, "conn"), succ: subset(t, n, "succ"), anySucc: subset(t, n, "any")}
	c.anySucc = slices.Compact(slices.Sorted(slices.Values(append(c.anySucc, c.succ...))))
	c.env = rapid.IntRange(-1, n).Draw(t, "env")
	c.blocked = rapid.Bool().Draw(t, "blocked")
	return c
}

func (c progressCase) track() lifecycle.Track {
	return lifecycle.Track{Connected: lifecycle.EnvSetOf(c.conn...), Succeeded: lifecycle.EnvSetOf(c.succ...)}
}

// TestNew_AgreesWithGenerator: New resolves phases as the
// generator does.
func TestNew_AgreesWithGenerator(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := worldGen().Draw(t, "world")
		l, err := lifecycle.New("L", w.envs, w.specs)
		require.NoError(t, err)
		require.Equal(t, len(w.phases), l.NumPhases())
		var order []int
		for k, ph := range w.phases {
			require.Equal(t, append([]int{}, ph...), append([]int{}, l.Phase(k).Environments()...))
			order = append(order, ph...)
		}
		require.Equal(t, order, l.Order())
	})
}

// TestProgress_AgreesWithSlowReference compares the fast Progress
// and PhaseComplete with the literal reading of the progression rules.
func TestProgress_AgreesWithSlowReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := progressCaseGen(t)
		conn, succ, anySucc := toMap(c.conn), toMap(c.succ), toMap(c.anySucc)
		want := slowProgress(c.w, c.env, conn, succ, anySucc, c.blocked)
		got := c.l.Progress(c.env, c.track(), lifecycle.EnvSetOf(c.anySucc...), c.blocked)
		require.Equal(t, want, got)
		for k := range c.w.phases {
			wc, wn, wh := slowComplete(c.w, k, conn, succ, anySucc)
			gc, gn, gh := c.l.PhaseComplete(k, c.track(), lifecycle.EnvSetOf(c.anySucc...))
			require.Equal(t, []any{wc, wn, wh}, []any{gc, gn, gh}, "phase %d", k)
		}
	})
}

// TestProgress_Isolation: Progress depends on anySucc only
// through phases none of whose environments the track is connected to, so
// another track's success in a phase the track is connected to never
// changes its result.
func TestProgress_Isolation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := progressCaseGen(t)
		tr := c.track()
		var connectedPhases []int // environments of phases where Conn is not empty
		for _, ph := range c.w.phases {
			if slices.ContainsFunc(ph, tr.Connected.Has) {
				connectedPhases = append(connectedPhases, ph...)
			}
		}
		if len(connectedPhases) == 0 {
			return
		}
		if k, ok := c.l.PhaseOf(c.env); ok && rapid.Bool().Draw(t, "ownPhase") &&
			slices.ContainsFunc(c.w.phases[k], tr.Connected.Has) {
			// Aim at the environment's own phase too: the blocked-release check reads it.
			connectedPhases = c.w.phases[k]
		}
		others := rapid.SliceOfN(rapid.SampledFrom(connectedPhases), 1, 5).Draw(t, "others")
		base := lifecycle.EnvSetOf(c.anySucc...)
		want := c.l.Progress(c.env, tr, base, c.blocked)
		require.Equal(t, want, c.l.Progress(c.env, tr, base.Union(lifecycle.EnvSetOf(others...)), c.blocked), "adding others' successes")
		require.Equal(t, want, c.l.Progress(c.env, tr, base.Minus(lifecycle.EnvSetOf(others...)), c.blocked), "removing others' successes")
	})
}

// TestProgress_Monotone: under AnySuccess a new success (of the
// track, or of another track) never makes a reachable or deployable
// environment unreachable or undeployable.
func TestProgress_Monotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := progressCaseGen(t)
		n := len(c.w.envs)
		e := rapid.IntRange(0, n-1).Draw(t, "newSuccess")
		own := rapid.Bool().Draw(t, "own")
		tr, anySucc := c.track(), lifecycle.EnvSetOf(c.anySucc...)
		before := c.l.Progress(c.env, tr, anySucc, c.blocked)
		if own {
			tr.Succeeded = tr.Succeeded.With(e)
		}
		after := c.l.Progress(c.env, tr, anySucc.With(e), c.blocked)
		if before.Reachable {
			require.True(t, after.Reachable)
		}
		if before.Deployable() {
			require.True(t, after.Deployable())
		}
	})
}

// TestProgress_FirstPhaseAlwaysReachable: the first phase is always
// reachable, and stays open when the release is blocked.
func TestProgress_FirstPhaseAlwaysReachable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := progressCaseGen(t)
		for _, e := range c.w.phases[0] {
			p := c.l.Progress(e, c.track(), lifecycle.EnvSetOf(c.anySucc...), c.blocked)
			require.True(t, p.Reachable)
			require.True(t, p.Deployable())
			require.Equal(t, 0, p.Phase)
		}
	})
}

// TestSuccesses_AgreesWithSlowReference checks both policies
// against a literal reading on generated histories.
func TestSuccesses_AgreesWithSlowReference(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	attempt := rapid.Custom(func(t *rapid.T) lifecycle.Attempt {
		env := rapid.SampledFrom([]int{0, 1, 2, 3, 63, 64, 65, 200}).Draw(t, "env")
		return lifecycle.Attempt{Env: env, At: t0.Add(time.Duration(rapid.IntRange(0, 5).Draw(t, "h")) * time.Hour), Success: rapid.Bool().Draw(t, "ok")}
	})
	rapid.Check(t, func(t *rapid.T) {
		attempts := rapid.SliceOfN(attempt, 0, 30).Draw(t, "attempts")
		var any, latest []int
		byEnv := map[int][]lifecycle.Attempt{}
		for _, a := range attempts {
			if a.Success {
				any = append(any, a.Env)
			}
			byEnv[a.Env] = append(byEnv[a.Env], a)
		}
		for e, as := range byEnv {
			sort.SliceStable(as, func(i, j int) bool { return as[i].At.Before(as[j].At) })
			if as[len(as)-1].Success {
				latest = append(latest, e)
			}
		}
		require.Equal(t, lifecycle.EnvSetOf(any...), lifecycle.Successes(lifecycle.AnySuccess, attempts))
		got := lifecycle.Successes(lifecycle.LatestOutcome, attempts)
		require.Equal(t, lifecycle.EnvSetOf(latest...), got)
		require.Equal(t, got, got.Intersect(lifecycle.Successes(lifecycle.AnySuccess, attempts)), "latest successes are successes")
	})
}
