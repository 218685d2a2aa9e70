// Package freeze models deployment freezes, as Octopus Deploy has them: windows of time during
// which deployments to some cells may not happen, unless a request names the freeze to override
// it.
//
// A [Freeze] has a name, a first occurrence [start, end) (end exclusive), an optional
// [Recurrence] and a [Scope]. [New] validates and copies; an [Index] answers "which freezes hold
// this cell at this time" ([Index.Active]) and "when is it clear" ([Index.Clear]) for a whole
// model, fast enough to be asked for a hundred thousand tenants per request.
//
// # Scope
//
// A cell is a (project, environment, track) triple, the track being a tenant or the untenanted
// track (tenant ""). A [Scope] holds cells in two ways:
//
//   - Projects maps a project to environments: the freeze holds every track of those cells,
//     tenanted and untenanted;
//   - Tenants lists (tenant, project, environment) triples ([TenantScope]): the freeze holds that
//     tenant's cell only, never the untenanted track or another tenant.
//
// [Freeze.Covers] tells whether a scope holds a cell. Names compare exactly. An empty scope holds
// nothing.
//
// # Frozen cells and overrides
//
// A cell is frozen at a time `at` when an occurrence of a freeze whose scope holds the cell
// contains `at` (start <= at < end). Every query takes an override function: a freeze whose name
// it accepts does not hold anything for that query, as a deployment request that names freezes
// to override ([github.com/tenantplan/tenantplan/plan.DeployRequest] has OverrideFreezes) is not
// blocked by them. [Index.Active] returns every freeze holding a cell, each as a [Hit] with the
// bounds of the occurrence that holds it, ordered by End descending, then name; when occurrences
// of one freeze overlap, the one that ends last is reported.
//
// # Occurrences
//
// The first occurrence is [start, end). Later ones begin at start's local time of day in the
// freeze's time zone and last end - start:
//
//   - Daily: every N days.
//   - Weekly: on each listed day of every N-th week counted from the week of start; weeks begin on
//     Monday.
//   - Monthly: on DayOfMonth (default: start's day) of every N-th month counted from start's
//     month, skipping months without that day.
//   - Annually: on start's month and day every N years.
//
// A [Unit]'s text form is its name as listed here: [ParseUnit], [Unit.MarshalText] and
// [Unit.UnmarshalText] use "Daily", "Weekly", "Monthly" and "Annually" (exact case), and days of
// the week are "Monday" ... "Sunday" ([ParseWeekday]).
//
// N is Every (0 means 1). None begins before start. EndAfter counts occurrences including the
// first; with EndOn, no occurrence begins at or after that time. A freeze without a recurrence has
// only its first occurrence. [Freeze.Occurrence] returns the occurrence that contains a time and
// [Freeze.Occurrences] lists them in order.
//
// Occurrence computation jumps arithmetically on the civil calendar to the neighbourhood of the
// time asked about; it never steps from start. Even EndAfter's last occurrence is found without
// counting one by one: months without the day repeat with the 400-year Gregorian cycle, so whole
// cycles are skipped. Times are returned in the location of the freeze's start.
//
// # Validation
//
// [New] reports every problem at once, sorted by field: the error's Unwrap() []error holds one
// [*FieldError] per problem, naming the freeze, the field ("end", "recurrence.timeZone",
// "tenants[2].tenant", ...) and the value, each wrapping [ErrInvalidValue] (code
// "invalid-value"). It checks: a non-empty name; end after start; for a recurrence, a known
// unit, 0 <= Every <= 10,000 ([MaxEvery]; 0 means 1), DaysOfWeek only for Weekly and each a day
// of the week, DayOfMonth only for Monthly and within 1..31 (0 means start's day),
// 0 <= EndAfter <= 100,000 ([MaxEndAfter]; 0 means no limit), EndOn not before start, and a time
// zone that is "" or "UTC" or a known IANA name; in the scope, non-empty project, environment
// and tenant names, and at least one environment per project.
//
// # Limits
//
//   - Every is at most 10,000 ([MaxEvery]) and EndAfter at most 100,000 ([MaxEndAfter]); New
//     rejects more.
//   - [Index.Clear] and [Index.ClearTenants] search at most their limit ahead, by default ten
//     years of 365 days ([DefaultClearLimit], used when the limit given is 0; a negative limit
//     checks `at` only), and report ok=false when the cell is still frozen after it.
//   - Occurrences exist only on local dates up to two days before the last date time.Time can
//     represent, so every recurrence ends.
//
// # Decisions
//
// Where the rules above leave a choice:
//
//   - Decision: a Weekly recurrence without DaysOfWeek recurs on start's weekday.
//   - Decision: an Annually recurrence that starts on 29 February skips the years without that
//     day, as Monthly skips months without its day.
//   - Decision: the first occurrence [start, end) always exists, even when start's weekday is not
//     listed or start's day is not DayOfMonth; EndOn and EndAfter only limit the later ones (so an
//     EndOn equal to start, or EndAfter 1, means no repetition). Later occurrences are those on
//     calendar dates after start's local date.
//   - Decision: a local wall-clock time that does not exist (spring forward) or exists twice
//     (fall back) is resolved by Go's time.Date normalisation, which does not promise a direction:
//     in a gap the time moves by the gap's length (for example 02:30 becomes 01:30 EST in
//     America/New_York but 03:30 CEST in Europe/Berlin), and in an overlap one of the two instants
//     is taken. The occurrence still lasts end - start. Gaps are assumed shorter than four hours
//     (at most two in today's IANA database). A weekly freeze at 22:00
//     local stays at 22:00 local across daylight-saving changes.
//   - Decision: occurrences may overlap when end - start is longer than the step; a cell is frozen
//     while any occurrence holds it, and [Freeze.Occurrence] and [Hit] report the one ending last.
//   - Decision: a freeze with an empty scope holds nothing; an empty name, a project with
//     no environments, DaysOfWeek on a non-Weekly and DayOfMonth on a non-Monthly recurrence are
//     validation errors. Repeated days of the week count once.
//   - Decision: the time zone defaults to UTC and must be an IANA name; "Local" is refused because
//     it depends on the machine. The zone database is embedded (import _ "time/tzdata"), so zones
//     work on machines without one; time.LoadLocation still prefers the machine's database when
//     present.
//   - Decision: validation limits: Every <= [MaxEvery], EndAfter <= [MaxEndAfter]; [Index.Clear]
//     and [Index.ClearTenants] search at most their limit, by default [DefaultClearLimit] (ten
//     years of 365 days), and report ok=false when the cell is still frozen after it.
//   - Decision: time.Time ends in the year 292277024627. Occurrences exist only on local dates up
//     to two days before its last date (so that any time of day, in any zone, is representable);
//     an endless recurrence ends there, and [Freeze.Occurrences] listed from near the end of time
//     stops instead of running on.
//
// # Clear times
//
// [Index.Clear] returns the earliest time at or after `at` when a cell is not frozen;
// [Index.ClearTenants] does the same for several tenants' cells of one (project, environment) at
// once (a wave of a rollout). The search merges the occurrences of the cell's freezes in time order,
// each visited once, and jumps over a freeze's own overlapping occurrences arithmetically. When the
// calendar stays frozen, it also detects that it repeats: freezes that recur daily or weekly repeat
// with the least common multiple of their periods (in absolute time, as long as none of their time
// zones changes its offset and none of them ends); when those alone cover one whole period, they
// cover everything up to the next offset change or end, and the search jumps there. So a search
// costs time linear in the freezes and occurrences it visits (a few days around each
// daylight-saving change), never their product, even when freezes tile the calendar up to the
// limit.
//
// # Errors
//
// [New] returns every problem at once, each a *[FieldError] wrapping [ErrInvalidValue] (the
// module's shared sentinel, plan.ErrInvalidValue) with the code "invalid-value", printed as
// `freeze "Year end": recurrence.dayOfMonth "32": invalid value: want 1..31 [invalid-value]`.
//
// # Concurrency
//
// Freeze values and an Index are immutable once built and safe for concurrent use.
package freeze
