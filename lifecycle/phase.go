package lifecycle

import "slices"

// PhaseSpec describes one phase of a lifecycle as the model writes it:
// environment names deployed automatically or manually when the phase is
// reached, the minimum number of environments that must complete (0 = all
// of them), whether the phase is optional, and whether it has priority
// (ordering only). A PhaseSpec with neither Automatic nor Manual takes every
// environment that no other phase of the lifecycle lists.
type PhaseSpec struct {
	Name              string
	Automatic, Manual []string
	Minimum           int
	Optional          bool
	Priority          bool
}

// Phase is a resolved phase of a Lifecycle: its environments are model
// indexes. Phase is an immutable value; the zero Phase has no environment.
type Phase struct {
	name     string
	set      EnvSet
	size     int // set.Len()
	auto     EnvSet
	minimum  int
	optional bool
	priority bool
}

// Name returns the phase's name.
func (p Phase) Name() string { return p.name }

// Environments returns the phase's environment indexes in model order.
func (p Phase) Environments() []int { return slices.Collect(p.set.Envs()) }

// Set returns the phase's environments as a set.
func (p Phase) Set() EnvSet { return p.set }

// IsAutomatic reports whether env is an automatic environment of the phase
// (deployed as soon as the phase is reached).
func (p Phase) IsAutomatic(env int) bool { return p.auto.Has(env) }

// Minimum returns how many distinct environments must complete (0 = all).
func (p Phase) Minimum() int { return p.minimum }

// Optional reports whether the phase may be skipped.
func (p Phase) Optional() bool { return p.optional }

// Priority reports whether the phase has priority (ordering only).
func (p Phase) Priority() bool { return p.priority }
