package lifecycle

import "math/bits"

// Track is what one track (a tenant, or the untenanted track) contributes to progression: the
// environments it is connected to and the environments where it has a success of the release (see
// Successes). For the untenanted track the caller passes Connected = l.Environments() (Decision:
// the untenanted track is connected everywhere, and only untenanted successes count for it).
type Track struct {
	Connected, Succeeded EnvSet
}

// Progress is the verdict of the lifecycle rules for one cell.
type Progress struct {
	// InLifecycle reports whether the environment is in the lifecycle.
	// When false, every other field is zero except Phase and Waiting (-1).
	InLifecycle bool
	// Phase is the environment's phase.
	Phase int
	// Reachable reports whether every earlier phase is complete.
	Reachable bool
	// Waiting is the first incomplete earlier phase, -1 when Reachable.
	Waiting int
	// Need and Have are, for the Waiting phase, the number of environments
	// needed and counted; 0 when Reachable.
	Need, Have int
	// Blocked reports that the release is blocked and the environment's
	// phase is not kept open for the track: it is not the first phase and the
	// track has no success of the release in it. It is evaluated on its own,
	// whether or not the environment is reachable, so an unreachable cell of
	// a blocked release can be both not Reachable and Blocked.
	Blocked bool
}

// Deployable reports whether the lifecycle rules allow the deployment:
// InLifecycle && Reachable && !Blocked.
func (p Progress) Deployable() bool { return p.InLifecycle && p.Reachable && !p.Blocked }

// Progress says whether env is deployable for track t by the lifecycle rules (phase completion,
// reachability and the blocked-release check). anySucc is the set of environments where any track
// has a success of the release (computed once per release); it is read only for phases none of
// whose environments t is connected to, which is what keeps tracks isolated from each other.
// blocked says whether the release is blocked.
//
// Progress does not allocate and runs in O(phases before env's phase), each
// phase costing a few popcounts.
func (l *Lifecycle) Progress(env int, t Track, anySucc EnvSet, blocked bool) Progress {
	k, ok := l.PhaseOf(env)
	if !ok {
		return Progress{Phase: -1, Waiting: -1}
	}
	p := Progress{InLifecycle: true, Phase: k, Reachable: true, Waiting: -1}
	p.Blocked = blocked && k > 0 && !intersects(t.Succeeded, l.phases[k].set)
	for j := 0; j < k; j++ {
		if complete, need, have := l.phaseComplete(j, t, anySucc); !complete {
			p.Reachable, p.Waiting, p.Need, p.Have = false, j, need, have
			return p
		}
	}
	return p
}

// PhaseComplete reports whether phase k is complete for track t, with the number of environments
// needed and the number counted. An optional phase is complete with need and have 0. When t is
// connected to some environment of the phase, need is all of them (minimum 0) or min(minimum,
// connected), and have counts t's own successes there. Otherwise need is every environment of the
// phase (minimum 0) or minimum, and have counts the phase's environments in anySucc. A k outside
// the phases reports (false, 0, 0).
func (l *Lifecycle) PhaseComplete(k int, t Track, anySucc EnvSet) (complete bool, need, have int) {
	if k < 0 || k >= len(l.phases) {
		return false, 0, 0
	}
	return l.phaseComplete(k, t, anySucc)
}

func (l *Lifecycle) phaseComplete(k int, t Track, anySucc EnvSet) (bool, int, int) {
	ph := &l.phases[k]
	if ph.optional {
		return true, 0, 0
	}
	var conn, have int
	small := t.Connected.hi == "" && ph.set.hi == ""
	if small {
		conn = bits.OnesCount64(t.Connected.lo & ph.set.lo)
	} else {
		conn = countAnd(t.Connected, ph.set)
	}
	if conn > 0 {
		need := conn
		if ph.minimum > 0 {
			need = min(ph.minimum, conn)
		}
		if small {
			have = bits.OnesCount64(t.Succeeded.lo & t.Connected.lo & ph.set.lo)
		} else {
			have = countAnd3(t.Succeeded, t.Connected, ph.set)
		}
		return have >= need, need, have
	}
	need := ph.size
	if ph.minimum > 0 {
		need = ph.minimum
	}
	if ph.set.hi == "" {
		have = bits.OnesCount64(anySucc.lo & ph.set.lo)
	} else {
		have = countAnd(anySucc, ph.set)
	}
	return have >= need, need, have
}

// intersects reports whether a and b share an index, without allocating.
func intersects(a, b EnvSet) bool {
	if a.lo&b.lo != 0 {
		return true
	}
	for i := 0; i < min(len(a.hi), len(b.hi)); i++ {
		if a.hi[i]&b.hi[i] != 0 {
			return true
		}
	}
	return false
}

func trailingZeros(w uint64) int { return bits.TrailingZeros64(w) }
