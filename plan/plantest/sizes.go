package plantest

// Sizes bounds what the generators of this package draw: each field is the largest count of its
// kind (a generator may draw fewer). The zero value of a field means its small default, given
// next to it, so Sizes{} is a small, fast model. A negative value means none of that kind where a
// model may have none (tag sets, tenants, deployments, freezes, principals, channels); elsewhere it
// means 1.
type Sizes struct {
	TagSets      int // tag sets (default 3)
	TagsPerSet   int // tags per MultiSelect or SingleSelect set (default 4)
	Tenants      int // tenants (default 8)
	Environments int // model environments, at least 1 (default 4)
	Phases       int // phases per lifecycle (default 4)
	Projects     int // projects, at least 1 (default 2)
	Channels     int // declared channels per project (default 2)
	Releases     int // releases per project, at least 1 (default 3)
	Deployments  int // deployments of the history (default 24)
	Freezes      int // freezes (default 2)
	Principals   int // principals (default 2)
}

func or(v, def int) int {
	switch {
	case v < 0:
		return 0
	case v == 0:
		return def
	}
	return v
}

func atLeast1(v, def int) int { return max(1, or(v, def)) }

// withDefaults returns s with every zero field set to its default.
func (s Sizes) withDefaults() Sizes {
	return Sizes{
		TagSets:      or(s.TagSets, 3),
		TagsPerSet:   atLeast1(s.TagsPerSet, 4),
		Tenants:      or(s.Tenants, 8),
		Environments: atLeast1(s.Environments, 4),
		Phases:       atLeast1(s.Phases, 4),
		Projects:     atLeast1(s.Projects, 2),
		Channels:     or(s.Channels, 2),
		Releases:     atLeast1(s.Releases, 3),
		Deployments:  or(s.Deployments, 24),
		Freezes:      or(s.Freezes, 2),
		Principals:   or(s.Principals, 2),
	}
}
