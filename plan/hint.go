package plan

import (
	"iter"
	"slices"

	"github.com/tenantplan/tenantplan/plan/model"
)

// maxHints is how many unknown names of one model get a "did you mean": each suggestion reads
// every name of its kind, so a model with thousands of unknown names costs no more than a model
// with a hundred.
const maxHints = 100

// hint returns the "did you mean" suffix for an unknown name of a model (see suggest), drawn from
// the names the model declares of that kind, in file order; "" past the first maxHints.
func (c *compiler) hint(name string, candidates iter.Seq[string]) string {
	if c.hints >= maxHints {
		return ""
	}
	c.hints++
	return suggest(name, candidates)
}

// nameSeq yields the Name of every element of xs.
func nameSeq[T any](xs []T, name func(*T) string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := range xs {
			if !yield(name(&xs[i])) {
				return
			}
		}
	}
}

func (c *compiler) envHint(name string) string { return c.hint(name, slices.Values(c.f.Environments)) }

func (c *compiler) tenantHint(name string) string {
	return c.hint(name, nameSeq(c.f.Tenants, func(t *model.Tenant) string { return t.Name }))
}

func (c *compiler) projectHint(name string) string {
	return c.hint(name, nameSeq(c.f.Projects, func(p *model.Project) string { return p.Name }))
}

func (c *compiler) lifecycleHint(name string) string {
	return c.hint(name, nameSeq(c.f.Lifecycles, func(l *model.Lifecycle) string { return l.Name }))
}

func (c *compiler) libraryHint(name string) string {
	return c.hint(name, nameSeq(c.f.Libraries, func(l *model.Library) string { return l.Name }))
}

func (c *compiler) targetHint(name string) string {
	return c.hint(name, nameSeq(c.f.Targets, func(t *model.Target) string { return t.Name }))
}

// channelHint draws from the channels of the project named project.
func (c *compiler) channelHint(project, name string) string {
	for i := range c.f.Projects {
		if c.f.Projects[i].Name == project {
			return c.hint(name, nameSeq(c.f.Projects[i].Channels, func(ch *model.Channel) string { return ch.Name }))
		}
	}
	return ""
}

// releaseHint draws from the versions of the releases of the project named project.
func (c *compiler) releaseHint(project, version string) string {
	return c.hint(version, func(yield func(string) bool) {
		for i := range c.f.Releases {
			if r := &c.f.Releases[i]; r.Project == project && !yield(r.Version) {
				return
			}
		}
	})
}
