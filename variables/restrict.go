package variables

import "slices"

// Restrict returns a view of r for a reader who may see only the tenants for which visible
// reports true. The view has the same values (they were resolved for a context the reader may
// see), but what it says about other candidates leaves out every tenant the reader cannot see:
// Explain drops the beaten candidates whose tenant scope names such a tenant (their values
// belong to tenants the reader must not learn of) and lists only visible tenants in the scope of
// the winner; Conflicts drops such candidates the same way, and a conflict left with fewer than
// two candidates is not reported. A nil visible returns r itself.
func (r *Resolution) Restrict(visible func(tenant string) bool) *Resolution {
	if visible == nil {
		return r
	}
	return &Resolution{r: r.r, visible: visible}
}

// hides reports whether the scope names a tenant the view may not show.
func (r *Resolution) hides(s *Scope) bool {
	return r.visible != nil && slices.ContainsFunc(s.Tenants, func(t string) bool { return !r.visible(t) })
}

// redact returns a copy of s whose tenants are only the visible ones.
func (r *Resolution) redact(s Scope) Scope {
	s = s.clone()
	s.Tenants = slices.DeleteFunc(s.Tenants, func(t string) bool { return !r.visible(t) })
	return s
}
