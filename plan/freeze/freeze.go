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
	p := &problems{freeze: name}
	if name == "" {
		p.add("name", name, invalid("a freeze needs a name"))
	}
	if !end.After(start) {
		p.add("end", formatTime(end), invalid("end must be after start %s", formatTime(start)))
	}
	loc := p.checkRecurrence(rec, start)
	envs := p.projectScope(scope.Projects)
	tenants := p.tenantScope(scope.Tenants)
	if err := p.err(); err != nil {
		return Freeze{}, err
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

// problems collects the problems New finds in one freeze.
type problems struct {
	freeze string
	errs   []*FieldError
}

func (p *problems) add(field, value string, err error) {
	p.errs = append(p.errs, &FieldError{Freeze: p.freeze, Field: field, Value: value, Err: err})
}

// err returns every problem, sorted by field, joined; nil when there is none.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.errs, func(a, b *FieldError) int { return cmp.Compare(a.Field, b.Field) })
	all := make([]error, len(p.errs))
	for i, e := range p.errs {
		all[i] = e
	}
	return errors.Join(all...)
}

// checkRecurrence checks a recurrence (nil: none) of a freeze that starts at start, and returns
// the location its occurrences are computed in: its time zone, or UTC.
func (p *problems) checkRecurrence(rec *Recurrence, start time.Time) *time.Location {
	if rec == nil {
		return time.UTC
	}
	if !rec.Unit.valid() {
		p.add("recurrence.unit", rec.Unit.String(), invalid("want "+validUnits))
	}
	if rec.Every < 0 || rec.Every > MaxEvery {
		p.add("recurrence.every", strconv.Itoa(rec.Every), invalid("want 0 (meaning 1) to %d", MaxEvery))
	}
	if len(rec.DaysOfWeek) > 0 && rec.Unit != Weekly {
		p.add("recurrence.daysOfWeek", daysText(rec.DaysOfWeek), invalid("daysOfWeek is only for Weekly"))
	}
	for i, d := range rec.DaysOfWeek {
		if d < time.Sunday || d > time.Saturday {
			p.add(fmt.Sprintf("recurrence.daysOfWeek[%d]", i), strconv.Itoa(int(d)), invalid("not a day of the week"))
		}
	}
	if rec.DayOfMonth != 0 && rec.Unit != Monthly {
		p.add("recurrence.dayOfMonth", strconv.Itoa(rec.DayOfMonth), invalid("dayOfMonth is only for Monthly"))
	} else if rec.DayOfMonth < 0 || rec.DayOfMonth > 31 {
		p.add("recurrence.dayOfMonth", strconv.Itoa(rec.DayOfMonth), invalid("want 1..31"))
	}
	if rec.EndAfter < 0 || rec.EndAfter > MaxEndAfter {
		p.add("recurrence.endAfter", strconv.Itoa(rec.EndAfter), invalid("want 0 (no limit) to %d", MaxEndAfter))
	}
	if !rec.EndOn.IsZero() && rec.EndOn.Before(start) {
		p.add("recurrence.endOn", formatTime(rec.EndOn), invalid("endOn is before start %s", formatTime(start)))
	}
	return p.timeZone(rec.TimeZone)
}

// daysText writes days for a message as the model format spells them, "[Monday Friday]", with
// the number of a value that is not a day of the week ("[Monday 8]"). It writes at most
// maxDaysText days and then "...", so that a huge list costs nothing.
func daysText(days []time.Weekday) string {
	b := []byte{'['}
	for i, d := range days {
		if i == maxDaysText {
			b = append(b, " ..."...)
			break
		}
		if i > 0 {
			b = append(b, ' ')
		}
		if d >= time.Sunday && d <= time.Saturday {
			b = append(b, d.String()...)
		} else {
			b = strconv.AppendInt(b, int64(d), 10)
		}
	}
	return string(append(b, ']'))
}

// maxDaysText is how many days daysText writes.
const maxDaysText = 7

// timeZone resolves a recurrence's time zone: "" and "UTC" are UTC; any other name must be an
// IANA name ("Local" is not: a plan must not depend on the machine).
func (p *problems) timeZone(name string) *time.Location {
	switch name {
	case "", "UTC":
	case "Local":
		p.add("recurrence.timeZone", name, invalid("time zone must be an IANA name"))
	default:
		l, err := time.LoadLocation(name)
		if err != nil {
			p.add("recurrence.timeZone", name, invalid("unknown time zone"))
			break
		}
		return l
	}
	return time.UTC
}

// projectScope checks the project part of a scope (every project and environment named, every
// project with an environment) and returns it as sets: project -> environment -> true.
func (p *problems) projectScope(projects map[string][]string) map[string]map[string]bool {
	envs := map[string]map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(projects)) {
		field := "projects[" + strconv.Quote(name) + "]"
		if name == "" {
			p.add(field, name, invalid("empty project name"))
		}
		if len(projects[name]) == 0 {
			p.add(field, name, invalid("a project scope needs at least one environment"))
		}
		for i, e := range projects[name] {
			if e == "" {
				p.add(fmt.Sprintf("%s[%d]", field, i), e, invalid("empty environment name"))
			}
			if envs[name] == nil {
				envs[name] = map[string]bool{}
			}
			envs[name][e] = true
		}
	}
	return envs
}

// tenantScope checks the tenant part of a scope (every tenant, project and environment named) and
// returns it as a set.
func (p *problems) tenantScope(scopes []TenantScope) map[TenantScope]bool {
	tenants := map[TenantScope]bool{}
	for i, ts := range scopes {
		for _, part := range [...]struct{ field, value string }{
			{"tenant", ts.Tenant}, {"project", ts.Project}, {"environment", ts.Environment},
		} {
			if part.value == "" {
				p.add(fmt.Sprintf("tenants[%d].%s", i, part.field), "", invalid("empty %s name", part.field))
			}
		}
		tenants[ts] = true
	}
	return tenants
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
