package plan

import (
	"fmt"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
)

// depWorker checks a contiguous range of deployments (see the two passes in compile_tenants.go)
// and resolves them to indexes in c.deps. Its caches make the common cases a few string
// comparisons: the deployments of one tenant, or of the next tenant of the model, follow each
// other, and a project's deployments name a few releases.
type depWorker struct {
	c        *compiler
	report   bool
	lastName string // the last tenant found, and its model index
	lastIdx  int
	rel      []relSeen // per model project: the last release found
	bad      []int32   // deployments with a problem
}

type relSeen struct {
	version string
	index   int
	ok      bool
}

func (c *compiler) newDepWorker() *depWorker {
	return &depWorker{c: c, lastIdx: -1, rel: make([]relSeen, len(c.f.Projects))}
}

// release returns the model index of the project's release of that version.
func (w *depWorker) release(cp *cproject, version string) (int, bool) {
	seen := &w.rel[cp.index]
	if seen.ok && seen.version == version {
		return seen.index, true
	}
	r, ok := cp.releases[version]
	if ok {
		*seen = relSeen{version: version, index: r, ok: true}
	}
	return r, ok
}

// tenant returns the model index of the tenant of that name. The deployments of a tenant, or of
// the next tenants of the model (the first after the last), often follow each other: a few names
// are compared before the names of every tenant are put in a map. (When names repeat, which the
// compile reports, a later tenant of that name may be found where the map has the first: the
// records are not used then.)
func (w *depWorker) tenant(name string) (int, bool) {
	ts := w.c.f.Tenants
	if w.lastIdx >= 0 && name == w.lastName {
		return w.lastIdx, true
	}
	for d := 1; d <= 4 && d <= len(ts); d++ {
		i := (w.lastIdx + d) % len(ts) // after the last tenant, the first
		if ts[i].Name == name {
			w.lastName, w.lastIdx = name, i
			return i, true
		}
	}
	t, ok := w.c.tenantIndex(name)
	if ok {
		w.lastName, w.lastIdx = name, t
	}
	return t, ok
}

// seek starts the worker's search for tenants near model tenant guess: it looks for the tenant
// of deployment d among the tenants around guess, so that a worker starting in the middle of
// the deployments does not need the map either.
func (w *depWorker) seek(d *model.Deployment, guess int) {
	ts := w.c.f.Tenants
	if d.Tenant == "" || len(ts) == 0 {
		return
	}
	guess = min(max(guess, 0), len(ts)-1)
	for k := 0; k <= seekWindow; k++ {
		for _, i := range [2]int{guess - k, guess + k} {
			if i >= 0 && i < len(ts) && ts[i].Name == d.Tenant {
				w.lastIdx = i - 1 // found by the next look-up without a map
				return
			}
		}
	}
}

// seekWindow is how far from its guess seek looks.
const seekWindow = 2048

// check checks deployment i and fills its record. The quick check (w.report false) returns
// false at the first problem; the reporting check records every problem with its path.
func (w *depWorker) check(i int) bool {
	c := w.c
	d := &c.f.Deployments[i]
	rec := &c.deps[i]
	rec.tenant = -1
	path := func() string { return idx("deployments", i) }
	if cp := c.projectOf(d.Project); cp == nil {
		if !w.report {
			return false
		}
		c.add(path()+".project", CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(d.Project), c.projectHint(d.Project))
	} else if r, ok := w.release(cp, d.Release); !ok {
		if !w.report {
			return false
		}
		c.add(path()+".release", CodeUnknownRelease, ErrUnknownRelease, "project %s has no release %s%s", quote(d.Project), quote(d.Release), c.releaseHint(d.Project, d.Release))
	} else {
		rec.release = int32(r)
	}
	if e, ok := c.env(d.Environment); !ok {
		if !w.report {
			return false
		}
		c.add(path()+".environment", CodeUnknownEnvironment, ErrUnknownEnvironment, "unknown environment %s%s", quote(d.Environment), c.envHint(d.Environment))
	} else {
		rec.env = uint16(e) // less than lifecycle.MaxEnvironments
	}
	if d.Tenant != "" {
		if t, ok := w.tenant(d.Tenant); !ok {
			if !w.report {
				return false
			}
			c.add(path()+".tenant", CodeUnknownTenant, tags.ErrUnknownTenant, "unknown tenant %s%s", quote(d.Tenant), c.tenantHint(d.Tenant))
		} else {
			rec.tenant = int32(t)
		}
	}
	ok, err := parseOutcome(d.Outcome)
	if err != nil {
		if !w.report {
			return false
		}
		c.add(path()+".outcome", CodeInvalidValue, err, "%s", message(err))
	}
	rec.success = ok
	at, err := parseTime(d.At)
	if err != nil {
		if !w.report {
			return false
		}
		c.add(path()+".at", CodeInvalidValue, err, "%s", message(err))
	}
	rec.sec, rec.nsec = at.Unix(), int32(at.Nanosecond())
	return true
}

func (c *compiler) validateDeployments() {
	n := len(c.f.Deployments)
	c.deps = make([]dep, n)
	nw := workers(n)
	ws := make([]*depWorker, nw)
	inChunks(n, nw, func(k, lo, hi int) {
		w := c.newDepWorker()
		ws[k] = w
		if k > 0 && lo < hi {
			// Deployments are often in the order of their tenants.
			w.seek(&c.f.Deployments[lo], int(int64(lo)*int64(len(c.f.Tenants))/int64(n)))
		}
		for i := lo; i < hi; i++ {
			if !w.check(i) {
				w.bad = append(w.bad, int32(i))
			}
		}
	})
	var rw *depWorker
	for _, w := range ws {
		for _, i := range w.bad {
			if rw == nil {
				rw = c.newDepWorker()
				rw.report = true
			}
			rw.check(int(i))
		}
	}
}

// parseTime parses an RFC 3339 time.
func parseTime(s string) (time.Time, error) {
	if t, ok := parseUTCSeconds(s); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid time %s: want RFC 3339, such as \"2026-03-01T10:00:00Z\": %w", quote(s), ErrInvalidValue)
	}
	return t, nil
}

// parseUTCSeconds parses the most common form of time in a model, "2006-01-02T15:04:05Z", as
// time.Parse does but several times faster. It returns false for any other text, and for an
// invalid date or time, which time.Parse then reports.
func parseUTCSeconds(s string) (time.Time, bool) {
	if len(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	num := func(a, b int) int {
		n := 0
		for _, d := range []byte(s[a:b]) {
			if d < '0' || d > '9' {
				return -1
			}
			n = n*10 + int(d-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec := num(11, 13), num(14, 16), num(17, 19)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), true
}

// daysIn returns the number of days of month m of year y (proleptic Gregorian, as package time).
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
