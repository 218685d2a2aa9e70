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
	l := &Lifecycle{name: name}
	var errs []*ValidationError
	report := func(phase int, env string, err error, format string, args ...any) {
		errs = append(errs, &ValidationError{Lifecycle: name, Phase: phase, Environment: env, Err: err,
			Message: fmt.Sprintf(format, args...)})
	}

	if len(phases) == 0 {
		for i, env := range environments {
			l.phases = append(l.phases, Phase{name: env, set: EnvSetOf(i)})
		}
	} else {
		index := make(map[string]int, len(environments))
		for i, env := range environments {
			if _, dup := index[env]; !dup {
				index[env] = i
			}
		}
		owner := make([]int, len(environments)) // phase index + 1; 0 = no phase yet
		l.phases = make([]Phase, len(phases))
		listed := make([]int, len(phases))       // distinct known environments each phase lists
		seenIn := make([]int, len(environments)) // the last phase index + 1 that listed the environment
		var catchAll []int
		for k, spec := range phases {
			p := Phase{name: spec.Name, minimum: spec.Minimum, optional: spec.Optional, priority: spec.Priority}
			if len(spec.Automatic) == 0 && len(spec.Manual) == 0 {
				catchAll = append(catchAll, k)
				l.phases[k] = p
				continue
			}
			// Sets are built once from index lists: adding to a set one environment at a time
			// would copy it each time (quadratic in a phase of thousands of environments).
			var setIdx, autoIdx []int
			add := func(envName string, automatic bool) {
				i, ok := index[envName]
				if !ok {
					report(k, envName, ErrUnknownEnvironment, "not an environment of the model")
					return
				}
				if automatic {
					autoIdx = append(autoIdx, i)
				}
				if seenIn[i] == k+1 {
					return // listed twice in one phase: harmless (see doc.go)
				}
				seenIn[i] = k + 1
				listed[k]++
				if o := owner[i]; o != 0 {
					report(k, envName, ErrEnvironmentInTwoPhases, "already in phase %d (%s)", o-1, quote(phases[o-1].Name))
					return
				}
				owner[i] = k + 1
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
			l.phases[k] = p
		}
		var restIdx []int
		for i := range environments {
			if owner[i] == 0 {
				restIdx = append(restIdx, i)
			}
		}
		rest := EnvSetOf(restIdx...)
		for n, k := range catchAll {
			if n == 0 {
				l.phases[k].set = rest
				listed[k] = rest.Len()
				continue
			}
			for i := range rest.Envs() {
				report(k, environments[i], ErrEnvironmentInTwoPhases,
					"phase %d (%s) has no environments either and already takes every environment no other phase lists",
					catchAll[0], quote(phases[catchAll[0]].Name))
			}
		}
		for k, spec := range phases {
			switch {
			case spec.Minimum < 0:
				report(k, "", ErrInvalidValue, "minimum %d is negative", spec.Minimum)
			case spec.Minimum > listed[k]:
				report(k, "", ErrMinimumTooLarge, "minimum %d but the phase has %d environments", spec.Minimum, listed[k])
			}
		}
	}

	l.phaseOf = make([]int32, len(environments))
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
	if l.all.IsEmpty() && len(environments) == 0 {
		report(-1, "", ErrNoEnvironments, "the model has no environments")
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *ValidationError) int { return cmp.Compare(a.Phase, b.Phase) })
		joined := make([]error, len(errs))
		for i, e := range errs {
			joined[i] = e
		}
		return nil, errors.Join(joined...)
	}
	return l, nil
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
