package variables

import "strings"

// The system variables, in this order (Candidate.Index of a SourceSystem candidate).
const numSys = 6

func systemName(i int) string {
	switch i {
	case 0:
		return "Octopus.Project.Name"
	case 1:
		return "Octopus.Environment.Name"
	case 2:
		return "Octopus.Release.Number"
	case 3:
		return "Octopus.Release.Channel.Name"
	case 4:
		return "Octopus.Deployment.Tenant.Name"
	}
	return "Octopus.Deployment.Tenant.Tags"
}

// SystemNames returns the names of the system variables in their fixed order, the Index of a
// [SourceSystem] candidate.
func SystemNames() []string {
	out := make([]string, numSys)
	for i := range out {
		out[i] = systemName(i)
	}
	return out
}

// sysVal is the value of a system variable in a context; ok=false when absent.
type sysVal struct {
	v  Value
	ok bool
}

// systemValues computes the system variables for a context: a value is absent when its context
// field is empty; the tenant variables are absent when untenanted, and the tags present (possibly
// empty) when tenanted.
func systemValues(f *facts) [numSys]sysVal {
	var s [numSys]sysVal
	set := func(i int, v string) {
		if v != "" {
			s[i] = sysVal{v: Plain(v), ok: true}
		}
	}
	set(0, f.project)
	set(1, f.env)
	set(2, f.release)
	set(3, f.channel)
	if f.tenanted() {
		set(4, f.tenant)
		s[5] = sysVal{v: Plain(strings.Join(f.tags, ", ")), ok: true}
	}
	return s
}
