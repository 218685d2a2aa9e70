package tenant

import (
	"maps"
	"slices"
)

// Config is the input for [New]; New copies everything.
type Config struct {
	Name, Description string
	// Tags are canonical tag names ("Set/Tag"), checked by NewSet.
	Tags []string
	// Disabled tenants cannot receive deployments.
	Disabled bool
	// Projects maps a project name to the names of the environments the tenant is connected to
	// for that project.
	Projects map[string][]string
}

// Tenant is one tenant: a name, a description, tags, a disabled flag and its project
// connections. It is an immutable value; build one with [New]. The zero value is an unnamed
// tenant without tags or connections.
type Tenant struct {
	name, description string
	tags              []string
	disabled          bool
	projects          map[string][]string
	projectNames      []string // sorted keys of projects
}

// New returns a tenant built from a copy of c.
func New(c Config) Tenant {
	t := Tenant{
		name:        c.Name,
		description: c.Description,
		tags:        slices.Clone(c.Tags),
		disabled:    c.Disabled,
		projects:    make(map[string][]string, len(c.Projects)),
	}
	for p, envs := range c.Projects {
		t.projects[p] = slices.Clone(envs)
	}
	t.projectNames = slices.Sorted(maps.Keys(t.projects))
	return t
}

// Name returns the tenant's name.
func (t Tenant) Name() string { return t.name }

// Description returns the tenant's description.
func (t Tenant) Description() string { return t.description }

// Tags returns a copy of the tenant's canonical tag names, in the given order.
func (t Tenant) Tags() []string { return slices.Clone(t.tags) }

// Disabled reports whether the tenant is disabled.
func (t Tenant) Disabled() bool { return t.disabled }

// Projects returns the names of the projects the tenant has a connection entry for, sorted.
func (t Tenant) Projects() []string { return slices.Clone(t.projectNames) }

// Environments returns a copy of the environments the tenant is connected to for project, in
// the given order (nil when none).
func (t Tenant) Environments(project string) []string { return slices.Clone(t.projects[project]) }

// Connected reports whether the tenant is connected to project: its connections list the
// project, with or without environments.
func (t Tenant) Connected(project string) bool {
	_, ok := t.projects[project]
	return ok
}

// ConnectedTo reports whether the tenant is connected to env for project.
func (t Tenant) ConnectedTo(project, env string) bool {
	return slices.Contains(t.projects[project], env)
}
