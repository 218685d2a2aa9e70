package variables

import (
	"slices"
	"strings"
)

// Scope restricts where a variable value applies. Each field is one dimension; a value applies
// when, for every non-empty dimension, the context matches one of the listed names (OR within a
// dimension, AND across dimensions). An empty dimension imposes nothing, so the zero Scope applies
// everywhere.
//
// TenantTags holds canonical tags "Set/Tag" and matches like every tenant filter of the library (a
// decision: Octopus does not say how tags of different sets combine in a scope): the tags are
// grouped by tag set (the text before the FIRST "/"); the context's tenant must carry a tag of
// every group. Tenants and TenantTags never apply in an untenanted context. Roles match when the
// context's target has any of the listed roles.
type Scope struct {
	Environments, Tenants, TenantTags, Channels, Roles, Targets, Steps []string
}

// dim is a scope dimension; a larger dim is more specific.
type dim uint8

const (
	dimChannel dim = iota
	dimEnvironment
	dimTenantTag
	dimTenant
	dimRole
	dimTarget
	dimStep
	numDims
)

func (d dim) String() string {
	switch d {
	case dimChannel:
		return "channel"
	case dimEnvironment:
		return "environment"
	case dimTenantTag:
		return "tenant tag"
	case dimTenant:
		return "tenant"
	case dimRole:
		return "role"
	case dimTarget:
		return "target"
	case dimStep:
		return "step"
	}
	return "?"
}

// list returns the names of dimension d in s.
func (s *Scope) list(d dim) []string {
	switch d {
	case dimChannel:
		return s.Channels
	case dimEnvironment:
		return s.Environments
	case dimTenantTag:
		return s.TenantTags
	case dimTenant:
		return s.Tenants
	case dimRole:
		return s.Roles
	case dimTarget:
		return s.Targets
	case dimStep:
		return s.Steps
	}
	return nil
}

// mask is the set of dimensions s is scoped on, one bit per dim. Comparing masks as integers is the
// lexicographic comparison of specificity: the value scoped on the highest-ranked dimension the
// other lacks has the larger mask.
func (s *Scope) mask() int {
	m := 0
	for d := range numDims {
		if len(s.list(d)) > 0 {
			m |= 1 << d
		}
	}
	return m
}

// CompareSpecificity compares the specificity of two scopes: it returns +1 when a is more specific
// than b, -1 when less, and 0 when they tie. The sets of non-empty dimensions are compared
// lexicographically in the order step, target, role, tenant, tenant tag, environment, channel; the
// number of names inside a dimension does not count. It is a strict weak order.
func CompareSpecificity(a, b Scope) int {
	ma, mb := a.mask(), b.mask()
	switch {
	case ma > mb:
		return 1
	case ma < mb:
		return -1
	}
	return 0
}

// clone returns a deep copy of s (nil stays nil).
func (s Scope) clone() Scope {
	return Scope{
		Environments: slices.Clone(s.Environments),
		Tenants:      slices.Clone(s.Tenants),
		TenantTags:   slices.Clone(s.TenantTags),
		Channels:     slices.Clone(s.Channels),
		Roles:        slices.Clone(s.Roles),
		Targets:      slices.Clone(s.Targets),
		Steps:        slices.Clone(s.Steps),
	}
}

// String returns the scope as "environments=[A B] roles=[web]" in priority order, or
// "unscoped".
func (s Scope) String() string {
	var b strings.Builder
	for d := numDims - 1; ; d-- {
		if l := s.list(d); len(l) > 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(dimPlural(d))
			b.WriteString("=[")
			b.WriteString(strings.Join(l, " "))
			b.WriteByte(']')
		}
		if d == 0 {
			break
		}
	}
	if b.Len() == 0 {
		return "unscoped"
	}
	return b.String()
}

func dimPlural(d dim) string {
	switch d {
	case dimTenantTag:
		return "tenantTags"
	case dimChannel:
		return "channels"
	case dimEnvironment:
		return "environments"
	case dimTenant:
		return "tenants"
	case dimRole:
		return "roles"
	case dimTarget:
		return "targets"
	case dimStep:
		return "steps"
	}
	return "?"
}

// compiledScope is a Scope with its specificity and its tenant tags grouped by tag set.
type compiledScope struct {
	Scope
	mask      int
	tagGroups [][]string // canonical tags grouped by set, sets in order of first appearance
}

func compileScope(s Scope) compiledScope {
	c := compiledScope{Scope: s.clone()}
	c.mask = c.Scope.mask()
	if len(c.TenantTags) > 0 {
		var sets []string
		for _, t := range c.TenantTags {
			set := tagSet(t)
			i := slices.Index(sets, set)
			if i < 0 {
				sets = append(sets, set)
				c.tagGroups = append(c.tagGroups, nil)
				i = len(sets) - 1
			}
			c.tagGroups[i] = append(c.tagGroups[i], t)
		}
	}
	return c
}

// tagSet returns the tag set of a canonical tag: the text before the first "/".
func tagSet(tag string) string {
	if i := strings.IndexByte(tag, '/'); i >= 0 {
		return tag[:i]
	}
	return tag
}

// facts are the parts of a Context that scopes are matched against.
type facts struct {
	env, tenant, channel, step, target, project, release string
	roles, tags                                          []string
}

func (f *facts) tenanted() bool { return f.tenant != "" }

// fails returns the most specific dimension of c that the context does not satisfy, and
// whether there is one.
func (c *compiledScope) fails(f *facts) (dim, bool) {
	if c.mask == 0 {
		return 0, false
	}
	if len(c.Steps) > 0 && !slices.Contains(c.Steps, f.step) {
		return dimStep, true
	}
	if len(c.Targets) > 0 && !slices.Contains(c.Targets, f.target) {
		return dimTarget, true
	}
	if len(c.Roles) > 0 && !containsAny(c.Roles, f.roles) {
		return dimRole, true
	}
	if len(c.Tenants) > 0 && (!f.tenanted() || !slices.Contains(c.Tenants, f.tenant)) {
		return dimTenant, true
	}
	if len(c.tagGroups) > 0 && (!f.tenanted() || !matchTags(c.tagGroups, f.tags)) {
		return dimTenantTag, true
	}
	if len(c.Environments) > 0 && !slices.Contains(c.Environments, f.env) {
		return dimEnvironment, true
	}
	if len(c.Channels) > 0 && !slices.Contains(c.Channels, f.channel) {
		return dimChannel, true
	}
	return 0, false
}

// applies reports whether c applies in the context.
func (c *compiledScope) applies(f *facts) bool {
	_, failed := c.fails(f)
	return !failed
}

func containsAny(list, have []string) bool {
	for _, h := range have {
		if slices.Contains(list, h) {
			return true
		}
	}
	return false
}

// matchTags is the tag part of a tenant filter: every group has a tag the tenant carries.
func matchTags(groups [][]string, tags []string) bool {
	for _, g := range groups {
		if !containsAny(g, tags) {
			return false
		}
	}
	return true
}
