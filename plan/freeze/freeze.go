package freeze

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"
	"time"
	_ "time/tzdata" // time zones work on machines without a zone database
)

// TenantScope freezes one tenant's (project, environment) cell.
type TenantScope struct{ Tenant, Project, Environment string }

// Scope says which cells a freeze holds: every track (tenanted and untenanted) of the
// listed environments of each project, and the listed (tenant, project, environment) triples for
// that tenant only. An empty Scope holds nothing.
type Scope struct {
	Projects map[string][]string // project -> environments (all tracks, tenanted and untenanted)
	Tenants  []TenantScope
}

// clone returns a deep copy of s.
func (s Scope) clone() Scope {
	var c Scope
	if s.Projects != nil {
		c.Projects = make(map[string][]string, len(s.Projects))
		for p, envs := range s.Projects {
			c.Projects[p] = slices.Clone(envs)
		}
	}
	c.Tenants = slices.Clone(s.Tenants)
	return c
}

// Freeze is a validated deployment freeze: a name, a first occurrence [start, end), an
// optional [Recurrence] and a [Scope]. Build one with [New]. A Freeze is immutable and cheap to
// copy; the zero value is a nameless freeze that holds nothing at no time. Freezes are not
// comparable with ==, which would compare identity rather than content.
type Freeze struct {
	_ [0]func()
	f *frozen
}

type frozen struct {
	name       string
	start, end time.Time
	dur        time.Duration
	rec        *Recurrence // a private copy; nil when not recurring
	rule       *rule       // nil when not recurring
	scope      Scope
	envs       map[string]map[string]bool // project -> environment set
	tenants    map[TenantScope]bool
}

// New validates a freeze and copies its input. It checks: a non-empty name, end after start, and,
// for a recurrence, a known unit, 0 <= Every <= [MaxEvery], DaysOfWeek only for Weekly and each a
// valid weekday, DayOfMonth only for Monthly and in 1..31 (or 0), 0 <= EndAfter <= [MaxEndAfter],
// EndOn not before start, and a known IANA time zone ("Local" is refused: it depends on the
// machine); in the scope, non-empty names and at least one environment per project. All problems
// are reported at once, sorted by field: the error's Unwrap() []error holds one [*FieldError] per
// problem, each wrapping [ErrInvalidValue].
//
// The time zone is loaded with time.LoadLocation, which reads the machine's zone database when
// there is one and otherwise the copy embedded in this package (time/tzdata).
func New(name string, start, end time.Time, rec *Recurrence, scope Scope) (Freeze, error) {
	var errs []*FieldError
	add := func(field, value string, err error) {
		errs = append(errs, &FieldError{Freeze: name, Field: field, Value: value, Err: err})
	}
	if name == "" {
		add("name", name, invalid("a freeze needs a name"))
	}
	if !end.After(start) {
		add("end", formatTime(end), invalid("end must be after start %s", formatTime(start)))
	}
	loc := time.UTC
	if rec != nil {
		if !rec.Unit.valid() {
			add("recurrence.unit", rec.Unit.String(), invalid("want Daily, Weekly, Monthly or Annually"))
		}
		if rec.Every < 0 || rec.Every > MaxEvery {
			add("recurrence.every", strconv.Itoa(rec.Every), invalid("want 0 (meaning 1) to %d", MaxEvery))
		}
		if len(rec.DaysOfWeek) > 0 && rec.Unit != Weekly {
			add("recurrence.daysOfWeek", fmt.Sprint(rec.DaysOfWeek), invalid("daysOfWeek is only for Weekly"))
		}
		for i, d := range rec.DaysOfWeek {
			if d < time.Sunday || d > time.Saturday {
				add(fmt.Sprintf("recurrence.daysOfWeek[%d]", i), strconv.Itoa(int(d)), invalid("not a day of the week"))
			}
		}
		if rec.DayOfMonth != 0 && rec.Unit != Monthly {
			add("recurrence.dayOfMonth", strconv.Itoa(rec.DayOfMonth), invalid("dayOfMonth is only for Monthly"))
		} else if rec.DayOfMonth < 0 || rec.DayOfMonth > 31 {
			add("recurrence.dayOfMonth", strconv.Itoa(rec.DayOfMonth), invalid("want 1..31"))
		}
		if rec.EndAfter < 0 || rec.EndAfter > MaxEndAfter {
			add("recurrence.endAfter", strconv.Itoa(rec.EndAfter), invalid("want 0 (no limit) to %d", MaxEndAfter))
		}
		if !rec.EndOn.IsZero() && rec.EndOn.Before(start) {
			add("recurrence.endOn", formatTime(rec.EndOn), invalid("endOn is before start %s", formatTime(start)))
		}
		switch rec.TimeZone {
		case "", "UTC":
		case "Local":
			add("recurrence.timeZone", rec.TimeZone, invalid("time zone must be an IANA name"))
		default:
			l, err := time.LoadLocation(rec.TimeZone)
			if err != nil {
				add("recurrence.timeZone", rec.TimeZone, invalid("unknown time zone"))
			} else {
				loc = l
			}
		}
	}
	envs := map[string]map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(scope.Projects)) {
		field := "projects[" + strconv.Quote(p) + "]"
		if p == "" {
			add(field, p, invalid("empty project name"))
		}
		if len(scope.Projects[p]) == 0 {
			add(field, p, invalid("a project scope needs at least one environment"))
		}
		for i, e := range scope.Projects[p] {
			if e == "" {
				add(fmt.Sprintf("%s[%d]", field, i), e, invalid("empty environment name"))
			}
			if envs[p] == nil {
				envs[p] = map[string]bool{}
			}
			envs[p][e] = true
		}
	}
	tenants := map[TenantScope]bool{}
	for i, ts := range scope.Tenants {
		for _, part := range [...]struct{ field, value string }{
			{"tenant", ts.Tenant}, {"project", ts.Project}, {"environment", ts.Environment},
		} {
			if part.value == "" {
				add(fmt.Sprintf("tenants[%d].%s", i, part.field), "", invalid("empty %s name", part.field))
			}
		}
		tenants[ts] = true
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *FieldError) int { return cmp.Compare(a.Field, b.Field) })
		all := make([]error, len(errs))
		for i, e := range errs {
			all[i] = e
		}
		return Freeze{}, errors.Join(all...)
	}
	f := &frozen{
		name: name, start: start, end: end, dur: end.Sub(start),
		scope: scope.clone(), envs: envs, tenants: tenants,
	}
	if rec != nil {
		c := *rec
		c.DaysOfWeek = slices.Clone(rec.DaysOfWeek)
		f.rec = &c
		f.rule = compile(&c, loc, start)
	}
	return Freeze{f: f}, nil
}

// formatTime renders a time for error messages.
func formatTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

// Name returns the freeze's name.
func (f Freeze) Name() string {
	if f.f == nil {
		return ""
	}
	return f.f.name
}

// Start returns the start of the first occurrence.
func (f Freeze) Start() time.Time {
	if f.f == nil {
		return time.Time{}
	}
	return f.f.start
}

// End returns the (exclusive) end of the first occurrence.
func (f Freeze) End() time.Time {
	if f.f == nil {
		return time.Time{}
	}
	return f.f.end
}

// Recurrence returns a copy of the recurrence as given to [New], and false when the freeze does not
// recur.
func (f Freeze) Recurrence() (Recurrence, bool) {
	if f.f == nil || f.f.rec == nil {
		return Recurrence{}, false
	}
	c := *f.f.rec
	c.DaysOfWeek = slices.Clone(c.DaysOfWeek)
	return c, true
}

// Scope returns a copy of the freeze's scope.
func (f Freeze) Scope() Scope {
	if f.f == nil {
		return Scope{}
	}
	return f.f.scope.clone()
}

// Covers reports whether the freeze's scope contains the cell (tenant "" = untenanted): the project
// scope lists the environment for the project (every track), or a tenant scope names exactly this
// (tenant, project, environment).
func (f Freeze) Covers(project, environment, tenant string) bool {
	if f.f == nil {
		return false
	}
	if f.f.envs[project][environment] {
		return true
	}
	return tenant != "" && f.f.tenants[TenantScope{Tenant: tenant, Project: project, Environment: environment}]
}

// coversProject reports whether the project scope holds every track of (project, environment).
func (f Freeze) coversProject(project, environment string) bool {
	return f.f != nil && f.f.envs[project][environment]
}

// Occurrence returns the occurrence that contains at ([start, end), end exclusive), if any. When
// occurrences overlap (a duration longer than the step), it returns the one that ends last. Times
// are in the location of the freeze's start (as are those of [Freeze.Occurrences]).
func (f Freeze) Occurrence(at time.Time) (start, end time.Time, ok bool) {
	z := f.f
	if z == nil || at.Before(z.start) {
		return time.Time{}, time.Time{}, false
	}
	if z.rule != nil {
		// Every occurrence lasts dur, so the latest one beginning at or before at is the only
		// candidate: earlier ones end no later.
		if _, b, ok := z.rule.latestAtOrBefore(at); ok {
			if e := b.Add(z.dur); at.Before(e) {
				return b, e, true
			}
		}
	}
	if at.Before(z.end) {
		return z.start, z.end, true
	}
	return time.Time{}, time.Time{}, false
}

// Occurrences yields the occurrences, in order, whose end is after from: (start, end) pairs. It is
// finite when EndAfter or EndOn bounds the recurrence (or there is none), and endless otherwise:
// stop ranging when you have seen enough. Occurrences end with the last date time.Time can
// represent (see the package documentation), so even an endless recurrence stops there.
func (f Freeze) Occurrences(from time.Time) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		if f.f == nil {
			return
		}
		c := seek(f.f, from, true)
		for c.next() {
			if !yield(c.b, c.e) {
				return
			}
		}
	}
}
