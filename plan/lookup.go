package plan

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/tags"
)

// closest returns the known name to suggest for an unknown one (see problem.Closest: equal
// ignoring case, else the nearest by edit distance, else the shortest name it is a prefix of).
func closest(name string, candidates iter.Seq[string]) (best string, ok bool) {
	return problem.Closest(name, candidates)
}

// suggest returns the "did you mean" suffix of a message about an unknown name ("" when nothing
// is close).
func suggest(name string, candidates iter.Seq[string]) string {
	if best, ok := closest(name, candidates); ok {
		return "; did you mean " + quote(best) + "?"
	}
	return ""
}

func (s *Space) project(field, name string) (*project, error) {
	p, ok := s.projIndex[name]
	if !ok {
		return nil, &RequestError{Field: field, Code: CodeUnknownProject, Err: ErrUnknownProject,
			Message: "unknown project " + quote(name) + suggest(name, func(yield func(string) bool) {
				for _, p := range s.projects {
					if !yield(p.name) {
						return
					}
				}
			})}
	}
	return p, nil
}

func (s *Space) environment(field, name string) (int, error) {
	e, ok := s.envIndex[name]
	if !ok {
		return 0, &RequestError{Field: field, Code: CodeUnknownEnvironment, Err: ErrUnknownEnvironment,
			Message: "unknown environment " + quote(name) + suggest(name, slices.Values(s.envs))}
	}
	return e, nil
}

func (p *project) release(field, version string) (*release, error) {
	r, ok := p.relIndex[version]
	if !ok {
		return nil, &RequestError{Field: field, Code: CodeUnknownRelease, Err: ErrUnknownRelease,
			Message: fmt.Sprintf("project %s has no release %s", quote(p.name), quote(version)) +
				suggest(version, func(yield func(string) bool) {
					for _, r := range p.releases {
						if !yield(r.text) {
							return
						}
					}
				})}
	}
	return r, nil
}

// channel returns the project's channel of that name.
func (p *project) channel(field, name string) (*channel, error) {
	k := slices.IndexFunc(p.channels, func(c *channel) bool { return c.ch.Name() == name })
	if k < 0 {
		return nil, &RequestError{Field: field, Code: CodeUnknownChannel, Err: ErrUnknownChannel,
			Message: "project " + quote(p.name) + " has no channel " + quote(name) + suggest(name, func(yield func(string) bool) {
				for _, c := range p.channels {
					if !yield(c.ch.Name()) {
						return
					}
				}
			})}
	}
	return p.channels[k], nil
}

// target returns the target of that name.
func (s *Space) target(field, name string) (*target, error) {
	k := slices.IndexFunc(s.targets, func(t *target) bool { return t.name == name })
	if k < 0 {
		return nil, &RequestError{Field: field, Code: CodeUnknownTarget, Err: ErrUnknownTarget,
			Message: "unknown target " + quote(name) + suggest(name, func(yield func(string) bool) {
				for _, t := range s.targets {
					if !yield(t.name) {
						return
					}
				}
			})}
	}
	return s.targets[k], nil
}

// principal returns the named principal, nil for "". An unknown principal gets no suggestion:
// principals' names are not for whoever asks to guess at.
func (s *Space) principal(name string) (*principal, error) {
	if name == "" {
		return nil, nil
	}
	pr, ok := s.principals[name]
	if !ok {
		return nil, &RequestError{Field: "principal", Code: CodeUnknownPrincipal, Err: ErrUnknownPrincipal,
			Message: "unknown principal " + quote(name)}
	}
	return pr, nil
}

// tenantIndex returns the index of the named tenant that visible admits (every tenant when
// visible is nil). A tenant visible does not admit reads exactly like one that does not exist,
// and suggestions come only from the tenants visible admits.
func (s *Space) tenantIndex(field, name string, visible func(i int) bool) (int, error) {
	i, ok := s.tenants.Index(name)
	if ok && (visible == nil || visible(i)) {
		return i, nil
	}
	return 0, s.unknownTenant(field, name, visible)
}

// unknownTenant is the error of naming a tenant that does not exist, or that the principal who
// asks cannot view (visible does not admit it): the two read the same, and the suggestion is
// drawn from the visible tenants only.
func (s *Space) unknownTenant(field, name string, visible func(i int) bool) error {
	return &RequestError{Field: field, Code: CodeUnknownTenant, Err: tags.ErrUnknownTenant,
		Message: "unknown tenant " + quote(name) + suggest(name, s.tenantNames(visible))}
}

// tenantNames yields the names of the tenants visible admits (all when nil), in name order.
func (s *Space) tenantNames(visible func(i int) bool) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range s.tenants.Len() {
			if (visible == nil || visible(i)) && !yield(s.tenants.At(i).Name()) {
				return
			}
		}
	}
}

// viewer returns the visibility test of a principal for a project (nil: every tenant).
func (s *Space) viewer(pr *principal, project string) func(i int) bool {
	if pr == nil {
		return nil
	}
	return func(i int) bool { return pr.canView(s, project, i) }
}

// overrides checks the names of freezes a request overrides: each must be a freeze of the
// model. A misspelt override would otherwise be ignored silently while the freeze still holds.
// With a principal, suggestions leave out freezes scoped only to tenants it cannot view.
func (s *Space) overrides(field string, names []string, pr *principal, project string) error {
	if len(names) == 0 {
		return nil
	}
	known := map[string]bool{}
	var visibleNames []string
	view := s.viewer(pr, project)
	for _, f := range s.freezes.Freezes() {
		known[f.Name()] = true
		sc := f.Scope()
		if view == nil || len(sc.Projects) > 0 || slices.ContainsFunc(sc.Tenants, func(t freeze.TenantScope) bool {
			i, ok := s.tenants.Index(t.Tenant)
			return ok && view(i)
		}) {
			visibleNames = append(visibleNames, f.Name())
		}
	}
	for k, n := range names {
		if !known[n] {
			return &RequestError{Field: problem.Root(field).Index(k).String(), Code: CodeInvalidValue, Err: ErrUnknownFreeze,
				Message: "unknown freeze " + quote(n) + " to override" + suggest(n, slices.Values(visibleNames))}
		}
	}
	return nil
}

// fixSuggestions rewrites the "did you mean" of every *tags.BindError joined in err for a reader
// who sees only the tenants visible admits (every tenant when nil): an unknown tenant gets the
// closest visible tenant, and an unknown tag keeps its suggestion only when that tag is declared
// by its tag set or, for a FreeText set (whose values come from the tenants), carried by a
// visible tenant. A suggestion never names what the reader cannot see.
func (s *Space) fixSuggestions(err error, visible func(i int) bool) {
	each(err, func(e error) {
		be, ok := e.(*tags.BindError)
		if !ok {
			return
		}
		switch {
		case errors.Is(be.Err, tags.ErrUnknownTenant):
			be.Suggestion, _ = closest(be.Ref, s.tenantNames(visible))
		case visible != nil && be.Suggestion != "" && !s.tagVisible(be.Suggestion, visible):
			be.Suggestion = ""
		}
	})
}

// tagVisible reports whether a canonical tag is one a reader who sees the tenants visible admits
// may learn of: a tag of a set that declares its tags, or a FreeText value a visible tenant has.
func (s *Space) tagVisible(canonical string, visible func(i int) bool) bool {
	set, _, _ := strings.Cut(canonical, "/")
	k, ok := s.catalog.SetIndex(set)
	if !ok {
		return false
	}
	if s.catalog.Sets()[k].Type() != tags.FreeText {
		return true
	}
	id, err := s.catalog.Lookup(canonical)
	if err != nil || s.catalog.Name(id) != canonical {
		return false
	}
	for i := range s.tenants.Len() {
		if visible(i) && s.tenants.Bits(i).Has(id) {
			return true
		}
	}
	return false
}

// defaultTenancy says " (the default, as the project does not set it)" when the model leaves the
// project's tenancy out, and "" otherwise: a first model often forgets it.
func (c *compiler) defaultTenancy(project string) string {
	for _, p := range c.f.Projects {
		if p.Name == project && p.Tenancy == "" {
			return " (the default, as the project does not set it)"
		}
	}
	return ""
}
