package freeze

import "time"

// ClearWork is Index.ClearTenants that also returns the work the search did: the occurrences it
// computed. Tests compare it between sizes to check that the search is linear.
func (x *Index) ClearWork(project, environment string, tenants []string, at time.Time, limit time.Duration) (time.Time, bool, int) {
	return x.clear(project, environment, tenants, at, nil, limit)
}
