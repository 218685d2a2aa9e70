package tags

import (
	"slices"
)

// Filter is an Octopus tenant filter: explicitly named tenants UNION the tenants matching the tag
// part. The tag part groups tags by tag set: OR within a set, AND across sets; sets not mentioned
// impose nothing. An empty tag part matches no tenant, so an empty filter matches no tenant. A tag
// "Set/*" in the tag part stands for every tag of Set. The zero value is the empty filter. A Filter
// is immutable.
type Filter struct {
	tenants []string
	tags    []string
}

// NewFilter returns a filter of named tenants and canonical tag names; it copies both.
func NewFilter(tenants, tags []string) Filter {
	return Filter{tenants: slices.Clone(tenants), tags: slices.Clone(tags)}
}

// Tenants returns a copy of the named tenants.
func (f Filter) Tenants() []string { return slices.Clone(f.tenants) }

// Tags returns a copy of the tags.
func (f Filter) Tags() []string { return slices.Clone(f.tags) }

// IsEmpty reports whether f names no tenant and no tag (it then matches no tenant).
func (f Filter) IsEmpty() bool { return len(f.tenants) == 0 && len(f.tags) == 0 }

// Expr returns the equivalent expression: tenant("a") or ... or (group1 and group2 ...),
// where a group is the "or" of the tags of one tag set (split at the first "/"), groups in the
// order their sets first appear, tags in order, exact duplicates dropped. The empty filter gives
// False().
func (f Filter) Expr() Expr {
	parts := make([]Expr, 0, len(f.tenants)+1)
	seen := make(map[string]bool, len(f.tenants)+len(f.tags))
	for _, t := range f.tenants {
		if !seen[t] {
			seen[t] = true
			parts = append(parts, Tenant(t))
		}
	}
	clear(seen)
	var order []string
	groups := map[string][]Expr{}
	for _, t := range f.tags {
		if seen[t] {
			continue
		}
		seen[t] = true
		set, _, _ := cutSet(t)
		if _, ok := groups[set]; !ok {
			order = append(order, set)
		}
		groups[set] = append(groups[set], Tag(t))
	}
	if len(order) > 0 {
		ands := make([]Expr, len(order))
		for i, set := range order {
			ands[i] = Or(groups[set]...)
		}
		parts = append(parts, And(ands...))
	}
	return Or(parts...)
}

// Bind is like f.Expr().Bind, but each *BindError has Index = the position of the reference in
// Tags() (or in Tenants() for an unknown tenant) and Offset -1; positions are reported tenants
// first, at most [DefaultMaxErrors] of them, then an *OmittedError when there are more
// ([BindOptions.BindFilter] changes the cap). Bound.Expr() of the result is f.Expr().
func (f Filter) Bind(c *Catalog, tenants TenantLookup) (*Bound, error) {
	return BindOptions{}.BindFilter(f, c, tenants)
}

// BindFilter is [Filter.Bind] with these options.
func (o BindOptions) BindFilter(f Filter, c *Catalog, tenants TenantLookup) (*Bound, error) {
	c = c.orEmpty()
	r := newReport(o.MaxErrors)
	for i, t := range f.tenants {
		if tenants != nil {
			if _, ok := tenants(t); ok {
				continue
			}
		}
		r.add(unresolved{ref: t, st: tenantRef, offset: -1, index: i})
	}
	for i, t := range f.tags {
		switch _, st := c.resolve(t); st {
		case unknownSet, unknownTag:
			r.add(unresolved{ref: t, st: st, offset: -1, index: i})
		}
	}
	if err := r.err(c); err != nil {
		return nil, err
	}
	return o.Bind(f.Expr(), c, tenants)
}
