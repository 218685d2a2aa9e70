package lifecycle

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Lifecycle is an ordered list of phases resolved against the model's
// environments. It is immutable and safe for concurrent use.
// Build one with New.
type Lifecycle struct {
	name    string
	phases  []Phase
	phaseOf []int32 // model environment index -> phase index, -1 = not in the lifecycle
	all     EnvSet
	order   []int
}

// New resolves a lifecycle named name against the model's environment names
// (in model order; an environment is identified by its index in that list):
//
//   - no phases: one manual, required phase per environment, in model order,
//     each named after its environment;
//   - a phase without environments: every environment that no other phase
//     lists, in model order (Decision: "no other phase", not "no earlier
//     phase", so that no environment is in two phases).
//
// New validates and returns all problems at once, as errors.Join of
// *ValidationError ordered by phase: an environment in two phases
// (ErrEnvironmentInTwoPhases, reported on the later phase), a minimum above
// the phase's environment count (ErrMinimumTooLarge), a negative minimum
// (ErrInvalidValue), an unknown environment name (ErrUnknownEnvironment), a
// lifecycle without environments while the model has none
// (ErrNoEnvironments), more than MaxEnvironments environments
// (ErrInvalidValue).
func New(name string, environments []string, phases []PhaseSpec) (*Lifecycle, error) {
	if len(environments) > MaxEnvironments {
		return nil, errors.Join(&ValidationError{Lifecycle: name, Phase: -1, Err: ErrInvalidValue,
			Message: fmt.Sprintf("%d environments, more than %d", len(environments), MaxEnvironments)})
	}
	b := &builder{l: &Lifecycle{name: name}, envs: environments, specs: phases}
	if len(phases) == 0 {
		b.phasePerEnvironment()
	} else {
		b.start()
		for k := range phases {
			b.phase(k)
		}
		b.fillCatchAll()
		b.checkMinimums()
	}
	b.indexPhases()
	if b.l.all.IsEmpty() && len(environments) == 0 {
		b.report(-1, "", ErrNoEnvironments, "the model has no environments")
	}
	return b.result()
}

// builder holds a lifecycle being built by New and the problems found so far.
type builder struct {
	l     *Lifecycle
	envs  []string
	specs []PhaseSpec
	errs  []*ValidationError

	index    map[string]int // environment name -> its first index
	owner    []int          // per environment: the index + 1 of the phase that holds it; 0 = none yet
	listed   []int          // per phase: the distinct known environments it lists
	seenIn   []int          // per environment: the index + 1 of the last phase that listed it
	catchAll []int          // the phases that list no environment, in order
}

func (b *builder) report(phase int, env string, err error, format string, args ...any) {
	b.errs = append(b.errs, &ValidationError{Lifecycle: b.l.name, Phase: phase, Environment: env, Err: err,
		Message: fmt.Sprintf(format, args...)})
}

// phasePerEnvironment gives a lifecycle without phases one phase per environment, named after it.
func (b *builder) phasePerEnvironment() {
	for i, env := range b.envs {
		b.l.phases = append(b.l.phases, Phase{name: env, set: EnvSetOf(i)})
	}
}

// start prepares the indexes that building the phases uses.
func (b *builder) start() {
	b.index = make(map[string]int, len(b.envs))
	for i, env := range b.envs {
		if _, dup := b.index[env]; !dup {
			b.index[env] = i
		}
	}
	b.owner = make([]int, len(b.envs))
	b.l.phases = make([]Phase, len(b.specs))
	b.listed = make([]int, len(b.specs))
	b.seenIn = make([]int, len(b.envs))
}

// phase builds phase k from its spec: its environments (each known, and in no earlier phase) and
// those of them that are automatic. A phase that lists none is left for fillCatchAll.
func (b *builder) phase(k int) {
	spec := b.specs[k]
	p := Phase{name: spec.Name, minimum: spec.Minimum, optional: spec.Optional, priority: spec.Priority}
	if len(spec.Automatic) == 0 && len(spec.Manual) == 0 {
		b.catchAll = append(b.catchAll, k)
		b.l.phases[k] = p
		return
	}
	// Sets are built once from index lists: adding to a set one environment at a time would copy
	// it each time (quadratic in a phase of thousands of environments).
	var setIdx, autoIdx []int
	add := func(envName string, automatic bool) {
		i, ok := b.index[envName]
		if !ok {
			b.report(k, envName, ErrUnknownEnvironment, "not an environment of the model")
			return
		}
		if automatic {
			autoIdx = append(autoIdx, i)
		}
		if b.seenIn[i] == k+1 {
			return // listed twice in one phase: harmless (see doc.go)
		}
		b.seenIn[i] = k + 1
		b.listed[k]++
		if o := b.owner[i]; o != 0 {
			b.report(k, envName, ErrEnvironmentInTwoPhases, "already in phase %d (%s)", o-1, quote(b.specs[o-1].Name))
			return
		}
		b.owner[i] = k + 1
		setIdx = append(setIdx, i)
	}
	for _, e := range spec.Automatic {
		add(e, true)
	}
	for _, e := range spec.Manual {
		add(e, false)
	}
	p.set = EnvSetOf(setIdx...)
	p.auto = EnvSetOf(autoIdx...).Intersect(p.set)
	b.l.phases[k] = p
}

// fillCatchAll gives the first phase that lists no environment every environment no other phase
// lists; a second such phase would take the same environments, which is a problem for each.
func (b *builder) fillCatchAll() {
	var restIdx []int
	for i := range b.envs {
		if b.owner[i] == 0 {
			restIdx = append(restIdx, i)
		}
	}
	rest := EnvSetOf(restIdx...)
	for n, k := range b.catchAll {
		if n == 0 {
			b.l.phases[k].set = rest
			b.listed[k] = rest.Len()
			continue
		}
		first := b.catchAll[0]
		for i := range rest.Envs() {
			b.report(k, b.envs[i], ErrEnvironmentInTwoPhases,
				"phase %d (%s) has no environments either and already takes every environment no other phase lists",
				first, quote(b.specs[first].Name))
		}
	}
}

// checkMinimums checks each phase's minimum against the environments it lists.
func (b *builder) checkMinimums() {
	for k, spec := range b.specs {
		switch {
		case spec.Minimum < 0:
			b.report(k, "", ErrInvalidValue, "minimum %d is negative", spec.Minimum)
		case spec.Minimum > b.listed[k]:
			b.report(k, "", ErrMinimumTooLarge, "minimum %d but the phase has %d environments", spec.Minimum, b.listed[k])
		}
	}
}

// indexPhases records each phase's size, each environment's phase, the environments in phase
// order and their union.
func (b *builder) indexPhases() {
	l := b.l
	l.phaseOf = make([]int32, len(b.envs))
	for i := range l.phaseOf {
		l.phaseOf[i] = -1
	}
	for k := range l.phases {
		p := &l.phases[k]
		p.size = p.set.Len()
		for e := range p.set.Envs() {
			l.phaseOf[e] = int32(k)
			l.order = append(l.order, e)
		}
	}
	l.all = EnvSetOf(l.order...) // the phases' sets are disjoint: their union, built once
}

// result returns the lifecycle, or every problem sorted by phase.
func (b *builder) result() (*Lifecycle, error) {
	if len(b.errs) == 0 {
		return b.l, nil
	}
	slices.SortStableFunc(b.errs, func(a, c *ValidationError) int { return cmp.Compare(a.Phase, c.Phase) })
	joined := make([]error, len(b.errs))
	for i, e := range b.errs {
		joined[i] = e
	}
	return nil, errors.Join(joined...)
}

// Name returns the lifecycle's name.
func (l *Lifecycle) Name() string { return l.name }

// Phases returns a copy of the resolved phases, in order.
func (l *Lifecycle) Phases() []Phase { return slices.Clone(l.phases) }

// NumPhases returns the number of phases.
func (l *Lifecycle) NumPhases() int { return len(l.phases) }

// Phase returns phase k without copying the list; the zero Phase when k is
// not in [0, NumPhases).
func (l *Lifecycle) Phase(k int) Phase {
	if k < 0 || k >= len(l.phases) {
		return Phase{}
	}
	return l.phases[k]
}

// PhaseOf returns the index of the phase that holds env, and false when env
// is not in the lifecycle.
func (l *Lifecycle) PhaseOf(env int) (int, bool) {
	if env < 0 || env >= len(l.phaseOf) || l.phaseOf[env] < 0 {
		return -1, false
	}
	return int(l.phaseOf[env]), true
}

// Environments returns every environment of the lifecycle.
func (l *Lifecycle) Environments() EnvSet { return l.all }

// Order returns the lifecycle's environments in phase order, model order
// inside a phase (the default environment order of a rollout).
func (l *Lifecycle) Order() []int { return slices.Clone(l.order) }
