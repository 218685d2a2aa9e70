package tenant

import (
	"slices"
	"strings"
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
	disabled          bool
	ntags             int32
	// strs holds the tags (strs[:ntags]) and then the environments of every connection; conns
	// are the connections sorted by project name, their environments slices of strs. Two
	// allocations per tenant, whatever the number of projects: a compile builds one Tenant per
	// tenant of the model.
	strs  []string
	conns []conn
}

// conn is one project connection of a tenant.
type conn struct {
	project string
	envs    []string
}

// New returns a tenant built from a copy of c.
func New(c Config) Tenant { return (*Builder)(nil).New(c) }

// Builder builds many tenants with few allocations: the tenants it returns share backing arrays
// that it allocates in chunks (of about 4,096 strings), where [New] allocates two arrays per
// tenant, and a tenant connected to the same list of environments as one of the last tenants
// built shares its copy of the list. Each tenant is still an immutable copy of its Config; one
// tenant kept alone keeps its chunk alive. The zero value is ready to use. A Builder is not safe
// for concurrent use; the tenants it builds are.
type Builder struct {
	strs  []string // the current chunk of strings; strs[used:] are free
	used  int
	conns []conn
	// recent are the last lists of environments copied, to share with the next tenants.
	recent [4][]string
	next   int
}

// shared returns the recent copy of the list envs, or nil.
func (b *Builder) shared(envs []string) []string {
	if b == nil || len(envs) == 0 {
		return nil
	}
	for _, r := range b.recent {
		if slices.Equal(r, envs) {
			return r
		}
	}
	return nil
}

// remember notes a copy of a list of environments, to share.
func (b *Builder) remember(envs []string) {
	if b != nil {
		b.recent[b.next] = envs
		b.next = (b.next + 1) % len(b.recent)
	}
}

// builderChunk is the number of strings (and a quarter as many connections) a Builder allocates
// at a time.
const builderChunk = 4096

// New returns a tenant built from a copy of c, like the function [New]. A nil Builder allocates
// exactly what the tenant needs.
func (b *Builder) New(c Config) Tenant {
	t := Tenant{name: c.Name, description: c.Description, disabled: c.Disabled, ntags: int32(len(c.Tags))}
	// One pass over the map: the connections first point to c's lists, then to copies.
	size := len(c.Tags) // at most: shared lists take no room
	if len(c.Projects) > 0 {
		t.conns = b.takeConns(len(c.Projects))[:0]
		for p, envs := range c.Projects {
			size += len(envs)
			t.conns = append(t.conns, conn{project: p, envs: envs})
		}
	}
	if size > 0 {
		t.strs = b.takeStrings(size)[:0]
		t.strs = append(t.strs, c.Tags...)
	}
	for i := range t.conns {
		cn := &t.conns[i]
		if own := b.shared(cn.envs); own != nil {
			cn.envs = own
			continue
		}
		switch {
		case len(cn.envs) > 0:
			start := len(t.strs)
			t.strs = append(t.strs, cn.envs...)
			cn.envs = t.strs[start:len(t.strs):len(t.strs)]
			b.remember(cn.envs)
		case cn.envs != nil:
			cn.envs = []string{} // an empty list, as given (allocates nothing)
		}
	}
	if unused := cap(t.strs) - len(t.strs); unused > 0 {
		b.giveBack(unused)
		t.strs = t.strs[:len(t.strs):len(t.strs)]
	}
	// A tenant has a few connections: an insertion sort allocates nothing.
	for i := 1; i < len(t.conns); i++ {
		for j := i; j > 0 && t.conns[j].project < t.conns[j-1].project; j-- {
			t.conns[j], t.conns[j-1] = t.conns[j-1], t.conns[j]
		}
	}
	return t
}

// takeStrings returns n strings of capacity n for one tenant, from the current chunk.
func (b *Builder) takeStrings(n int) []string {
	if b == nil {
		return make([]string, n)
	}
	if len(b.strs)-b.used < n {
		b.strs, b.used = make([]string, max(n, builderChunk)), 0
	}
	out := b.strs[b.used : b.used+n : b.used+n]
	b.used += n
	return out
}

// giveBack returns the last n strings the last takeStrings returned to the chunk.
func (b *Builder) giveBack(n int) {
	if b != nil {
		b.used -= n
	}
}

// takeConns returns n connections of capacity n for one tenant, from the current chunk.
func (b *Builder) takeConns(n int) []conn {
	if b == nil {
		return make([]conn, n)
	}
	if len(b.conns) < n {
		b.conns = make([]conn, max(n, builderChunk/4))
	}
	out := b.conns[:n:n]
	b.conns = b.conns[n:]
	return out
}

// find returns the connection to project, or nil.
func (t *Tenant) find(project string) *conn {
	if len(t.conns) <= 8 {
		for i := range t.conns {
			if t.conns[i].project == project {
				return &t.conns[i]
			}
		}
		return nil
	}
	if i, ok := slices.BinarySearchFunc(t.conns, project, func(c conn, p string) int {
		return strings.Compare(c.project, p)
	}); ok {
		return &t.conns[i]
	}
	return nil
}

// Name returns the tenant's name.
func (t Tenant) Name() string { return t.name }

// Description returns the tenant's description.
func (t Tenant) Description() string { return t.description }

// Tags returns a copy of the tenant's canonical tag names, in the given order.
func (t Tenant) Tags() []string { return slices.Clone(t.tags()) }

// tags returns the tenant's tags, not copied.
func (t *Tenant) tags() []string { return t.strs[:t.ntags:t.ntags] }

// Disabled reports whether the tenant is disabled.
func (t Tenant) Disabled() bool { return t.disabled }

// Projects returns the names of the projects the tenant has a connection entry for, sorted.
func (t Tenant) Projects() []string {
	if len(t.conns) == 0 {
		return nil
	}
	out := make([]string, len(t.conns))
	for i := range t.conns {
		out[i] = t.conns[i].project
	}
	return out
}

// Environments returns a copy of the environments the tenant is connected to for project, in
// the given order (nil when none).
func (t Tenant) Environments(project string) []string {
	if c := t.find(project); c != nil {
		return slices.Clone(c.envs)
	}
	return nil
}

// Connected reports whether the tenant is connected to project: its connections list the
// project, with or without environments.
func (t Tenant) Connected(project string) bool { return t.find(project) != nil }

// ConnectedTo reports whether the tenant is connected to env for project.
func (t Tenant) ConnectedTo(project, env string) bool {
	c := t.find(project)
	return c != nil && slices.Contains(c.envs, env)
}
