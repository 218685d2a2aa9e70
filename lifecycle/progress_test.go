package lifecycle_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/lifecycle"
)

var set = lifecycle.EnvSetOf

func mustNew(t testing.TB, envs []string, phases []lifecycle.PhaseSpec) *lifecycle.Lifecycle {
	t.Helper()
	l, err := lifecycle.New("L", envs, phases)
	require.NoError(t, err)
	return l
}

// TestPhaseComplete covers each branch of the phase completion rule.
func TestPhaseComplete(t *testing.T) {
	// Environments 0..4; phase 0 = {0, 1, 2}.
	envs := []string{"A", "B", "C", "D", "E"}
	phase := func(min int, optional bool) *lifecycle.Lifecycle {
		return mustNew(t, envs, []lifecycle.PhaseSpec{
			{Name: "P", Manual: []string{"A", "B", "C"}, Minimum: min, Optional: optional},
			{Name: "Q", Manual: []string{"D", "E"}},
		})
	}
	tests := []struct {
		name       string
		l          *lifecycle.Lifecycle
		track      lifecycle.Track
		anySucc    lifecycle.EnvSet
		complete   bool
		need, have int
	}{
		{"optional phase is complete", phase(0, true), lifecycle.Track{Connected: set(0)}, set(), true, 0, 0},
		{"connected, all must complete, all done", phase(0, false), lifecycle.Track{Connected: set(0, 1), Succeeded: set(0, 1)}, set(0, 1), true, 2, 2},
		{"connected, all must complete, one missing", phase(0, false), lifecycle.Track{Connected: set(0, 1), Succeeded: set(0)}, set(0, 1, 2), false, 2, 1},
		{"connected: other tracks' successes do not count", phase(0, false), lifecycle.Track{Connected: set(2)}, set(0, 1, 2), false, 1, 0},
		{"connected: own successes outside Conn do not count", phase(0, false), lifecycle.Track{Connected: set(2), Succeeded: set(0, 1)}, set(0, 1), false, 1, 0},
		{"connected, minimum capped by |Conn|", phase(2, false), lifecycle.Track{Connected: set(1, 3), Succeeded: set(1)}, set(1), true, 1, 1},
		{"connected, minimum below |Conn|", phase(2, false), lifecycle.Track{Connected: set(0, 1, 2), Succeeded: set(2)}, set(0, 1, 2), false, 2, 1},
		{"connected, minimum reached", phase(2, false), lifecycle.Track{Connected: set(0, 1, 2), Succeeded: set(0, 2)}, set(0, 2), true, 2, 2},
		{"not connected: anyone's successes, all", phase(0, false), lifecycle.Track{Connected: set(3)}, set(0, 1, 2), true, 3, 3},
		{"not connected: anyone's successes, one missing", phase(0, false), lifecycle.Track{Connected: set(3)}, set(0, 2, 3), false, 3, 2},
		{"not connected: minimum", phase(2, false), lifecycle.Track{Connected: set(4)}, set(1, 2), true, 2, 2},
		{"not connected: minimum not reached", phase(2, false), lifecycle.Track{}, set(1, 3, 4), false, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			complete, need, have := tt.l.PhaseComplete(0, tt.track, tt.anySucc)
			require.Equal(t, tt.complete, complete)
			require.Equal(t, tt.need, need)
			require.Equal(t, tt.have, have)
		})
	}
	complete, need, have := phase(0, false).PhaseComplete(7, lifecycle.Track{}, set())
	require.False(t, complete)
	require.Zero(t, need+have)
}

func TestProgress_Reachable(t *testing.T) {
	// Per-tenant progression: DEV -> TEST -> PROD.
	l := mustNew(t, []string{"DEV", "TEST", "PROD"}, []lifecycle.PhaseSpec{
		{Name: "Dev", Manual: []string{"DEV"}}, {Name: "Test", Manual: []string{"TEST"}}, {Name: "Prod", Manual: []string{"PROD"}},
	})
	const dev, test, prod = 0, 1, 2
	t1 := lifecycle.Track{Connected: set(dev, test, prod)}
	t2 := lifecycle.Track{Connected: set(test, prod)}
	t3 := lifecycle.Track{Connected: set(prod)}
	tests := []struct {
		name    string
		env     int
		track   lifecycle.Track
		anySucc lifecycle.EnvSet
		want    lifecycle.Progress
	}{
		{"first phase is always reachable", dev, t1, set(),
			lifecycle.Progress{InLifecycle: true, Phase: 0, Reachable: true, Waiting: -1}},
		{"first phase, even for a track not connected to it", dev, t3, set(),
			lifecycle.Progress{InLifecycle: true, Phase: 0, Reachable: true, Waiting: -1}},
		{"TEST waits for the track's own DEV", test, t1, set(),
			lifecycle.Progress{InLifecycle: true, Phase: 1, Waiting: 0, Need: 1, Have: 0}},
		{"TEST for T2 waits for anyone's DEV", test, t2, set(),
			lifecycle.Progress{InLifecycle: true, Phase: 1, Waiting: 0, Need: 1, Have: 0}},
		{"TEST for T2 after T1's DEV", test, t2, set(dev),
			lifecycle.Progress{InLifecycle: true, Phase: 1, Reachable: true, Waiting: -1}},
		{"PROD for T1 waits for T1's TEST although T2 did TEST", prod,
			lifecycle.Track{Connected: t1.Connected, Succeeded: set(dev)}, set(dev, test),
			lifecycle.Progress{InLifecycle: true, Phase: 2, Waiting: 1, Need: 1, Have: 0}},
		{"PROD for T2 after its own TEST", prod,
			lifecycle.Track{Connected: t2.Connected, Succeeded: set(test)}, set(dev, test),
			lifecycle.Progress{InLifecycle: true, Phase: 2, Reachable: true, Waiting: -1}},
		{"PROD for T3 after anyone's DEV and TEST", prod, t3, set(dev, test),
			lifecycle.Progress{InLifecycle: true, Phase: 2, Reachable: true, Waiting: -1}},
		{"PROD for T3 reports the first incomplete phase", prod, t3, set(test),
			lifecycle.Progress{InLifecycle: true, Phase: 2, Waiting: 0, Need: 1, Have: 0}},
		{"redeploying to a reached phase stays allowed", test,
			lifecycle.Track{Connected: t1.Connected, Succeeded: set(dev, test, prod)}, set(dev, test, prod),
			lifecycle.Progress{InLifecycle: true, Phase: 1, Reachable: true, Waiting: -1}},
		{"not in the lifecycle", 3, t1, set(),
			lifecycle.Progress{Phase: -1, Waiting: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.Progress(tt.env, tt.track, tt.anySucc, false)
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.want.InLifecycle && tt.want.Reachable, got.Deployable())
		})
	}
}

func TestProgress_OptionalAndMinimum(t *testing.T) {
	// A phase with a minimum, an automatic phase, and an optional phase.
	quorum := mustNew(t, []string{"QA1", "QA2", "QA3", "QA4", "QA5", "Prod"}, []lifecycle.PhaseSpec{
		{Name: "QA", Manual: []string{"QA1", "QA2", "QA3", "QA4", "QA5"}, Minimum: 2},
		{Name: "Prod", Automatic: []string{"Prod"}},
	})
	untenanted := lifecycle.Track{Connected: quorum.Environments()}
	require.True(t, quorum.Progress(5, lifecycle.Track{Connected: untenanted.Connected, Succeeded: set(0, 3)}, set(0, 3), false).Deployable())
	p := quorum.Progress(5, lifecycle.Track{Connected: untenanted.Connected, Succeeded: set(0)}, set(0), false)
	require.Equal(t, lifecycle.Progress{InLifecycle: true, Phase: 1, Waiting: 0, Need: 2, Have: 1}, p)
	require.True(t, quorum.Phase(1).IsAutomatic(5))

	withOptional := mustNew(t, []string{"Dev", "Testing", "Prod"}, []lifecycle.PhaseSpec{
		{Name: "Dev", Automatic: []string{"Dev"}},
		{Name: "Testing", Automatic: []string{"Testing"}, Optional: true},
		{Name: "Production", Manual: []string{"Prod"}},
	})
	all := withOptional.Environments()
	after := lifecycle.Track{Connected: all, Succeeded: set(0)}
	require.True(t, withOptional.Progress(2, after, set(0), false).Deployable(), "optional phase skipped")
	require.True(t, withOptional.Progress(1, after, set(0), false).Deployable(), "optional phase reachable once Dev is done")
	require.False(t, withOptional.Progress(1, lifecycle.Track{Connected: all}, set(), false).Deployable())
}

func TestProgress_BlockedRelease(t *testing.T) {
	// Dev -> UAT (UAT east, UAT west; minimum 1) -> Prod.
	l := mustNew(t, []string{"Dev", "UAT east", "UAT west", "Prod"}, []lifecycle.PhaseSpec{
		{Name: "Dev", Manual: []string{"Dev"}},
		{Name: "UAT", Manual: []string{"UAT east", "UAT west"}, Minimum: 1},
		{Name: "Prod", Manual: []string{"Prod"}},
	})
	all := l.Environments()
	t1 := lifecycle.Track{Connected: all, Succeeded: set(0, 1)}
	t2 := lifecycle.Track{Connected: all, Succeeded: set(0)}
	anySucc := set(0, 1)
	tests := []struct {
		name    string
		env     int
		track   lifecycle.Track
		blocked bool
		want    lifecycle.Progress
	}{
		{"first phase stays open", 0, lifecycle.Track{Connected: all}, true,
			lifecycle.Progress{InLifecycle: true, Phase: 0, Reachable: true, Waiting: -1}},
		{"a started phase stays open", 2, t1, true,
			lifecycle.Progress{InLifecycle: true, Phase: 1, Reachable: true, Waiting: -1}},
		{"a phase the track has not started is blocked", 2, t2, true,
			lifecycle.Progress{InLifecycle: true, Phase: 1, Reachable: true, Waiting: -1, Blocked: true}},
		{"another track's success does not open the phase", 2, lifecycle.Track{Connected: set(0, 3), Succeeded: set(0)}, true,
			lifecycle.Progress{InLifecycle: true, Phase: 1, Reachable: true, Waiting: -1, Blocked: true}},
		{"the next phase is blocked", 3, t1, true,
			lifecycle.Progress{InLifecycle: true, Phase: 2, Reachable: true, Waiting: -1, Blocked: true}},
		{"not blocked: reachable", 3, t1, false,
			lifecycle.Progress{InLifecycle: true, Phase: 2, Reachable: true, Waiting: -1}},
		{"blocked is evaluated on its own: an unreachable, unstarted phase is also blocked", 3, t2, true,
			lifecycle.Progress{InLifecycle: true, Phase: 2, Waiting: 1, Need: 1, Have: 0, Blocked: true}},
		{"unreachable and not blocked when the release is not blocked", 3, t2, false,
			lifecycle.Progress{InLifecycle: true, Phase: 2, Waiting: 1, Need: 1, Have: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.Progress(tt.env, tt.track, anySucc, tt.blocked)
			require.Equal(t, tt.want, got)
			require.Equal(t, got.InLifecycle && got.Reachable && !got.Blocked, got.Deployable())
		})
	}
}

func TestProgress_ImplicitAndCatchAllPhases(t *testing.T) {
	// Implicit phases and a catch-all phase, untenanted.
	envs := []string{"Dev", "Test", "UAT", "Staging", "Prod"}
	implicit := mustNew(t, envs, nil)
	u := lifecycle.Track{Connected: implicit.Environments(), Succeeded: set(0, 1)}
	require.True(t, implicit.Progress(2, u, u.Succeeded, false).Deployable())
	require.False(t, implicit.Progress(3, u, u.Succeeded, false).Deployable())

	catchAll := mustNew(t, envs, []lifecycle.PhaseSpec{
		{Name: "First", Manual: []string{"Dev"}}, {Name: "Middle"}, {Name: "Last", Manual: []string{"Prod"}},
	})
	u = lifecycle.Track{Connected: catchAll.Environments(), Succeeded: set(0, 1, 2)}
	require.True(t, catchAll.Progress(3, u, u.Succeeded, false).Deployable())
	require.Equal(t, lifecycle.Progress{InLifecycle: true, Phase: 2, Waiting: 1, Need: 3, Have: 2},
		catchAll.Progress(4, u, u.Succeeded, false))
	u.Succeeded = set(0, 1, 2, 3)
	require.True(t, catchAll.Progress(4, u, u.Succeeded, false).Deployable())
}

func TestProgress_DoesNotAllocate(t *testing.T) {
	l := mustNew(t, []string{"A", "B", "C", "D"}, []lifecycle.PhaseSpec{
		{Name: "1", Manual: []string{"A"}}, {Name: "2", Manual: []string{"B", "C"}, Minimum: 1}, {Name: "3", Manual: []string{"D"}},
	})
	tr := lifecycle.Track{Connected: set(0, 1, 3), Succeeded: set(0, 1)}
	anySucc := set(0, 1)
	allocs := testing.AllocsPerRun(100, func() {
		if !l.Progress(3, tr, anySucc, true).Blocked {
			panic("want blocked")
		}
	})
	require.Zero(t, allocs)
}

func TestSuccesses_Policies(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	attempts := []lifecycle.Attempt{
		{Env: 0, At: at(1), Success: true},
		{Env: 0, At: at(2), Success: false}, // later failure
		{Env: 1, At: at(3), Success: false},
		{Env: 1, At: at(2), Success: true}, // earlier success listed later
		{Env: 2, At: at(5), Success: false},
		{Env: 2, At: at(5), Success: true}, // tie: later in the slice wins
		{Env: 3, At: at(5), Success: true},
		{Env: 3, At: at(5), Success: false}, // tie: later in the slice wins
		{Env: 70, At: at(1), Success: true},
		{Env: 71, At: at(1), Success: true},
		{Env: 71, At: at(2), Success: false},
		{Env: -1, At: at(1), Success: true}, // ignored
		{Env: 4, At: at(1), Success: false}, // failures never count
	}
	require.Equal(t, set(0, 1, 2, 3, 70, 71), lifecycle.Successes(lifecycle.AnySuccess, attempts))
	require.Equal(t, set(2, 70), lifecycle.Successes(lifecycle.LatestOutcome, attempts))
	require.True(t, lifecycle.Successes(lifecycle.LatestOutcome, nil).IsEmpty())

	small := attempts[:8]
	allocs := testing.AllocsPerRun(50, func() { lifecycle.Successes(lifecycle.LatestOutcome, small) })
	require.Zero(t, allocs)
}

func TestParsePolicy(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want lifecycle.Policy
	}{{"", lifecycle.AnySuccess}, {"AnySuccess", lifecycle.AnySuccess}, {"LatestOutcome", lifecycle.LatestOutcome}} {
		p, err := lifecycle.ParsePolicy(tt.in)
		require.NoError(t, err)
		require.Equal(t, tt.want, p)
	}
	require.Equal(t, "AnySuccess", lifecycle.AnySuccess.String())
	require.Equal(t, "LatestOutcome", lifecycle.LatestOutcome.String())
	require.Equal(t, "Policy(9)", lifecycle.Policy(9).String())
	for _, bad := range []string{"anysuccess", "Latest", " AnySuccess"} {
		_, err := lifecycle.ParsePolicy(bad)
		require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
		require.Contains(t, err.Error(), "policy ")
	}
}
