// Package plan compiles a tenantplan model and answers, without any I/O, which tenants get which
// release in which environment, now, and why not the others.
//
// # Loading a model
//
// Load decodes a model file (the JSON format of package model) strictly and compiles it; Compile
// does the same for a decoded *model.File. Both validate the WHOLE model first and return every
// problem at once as ValidationErrors (each a *ValidationError with a path such as
// "tenants[3].tags[1]", a stable Code and a message quoting the bad value), sorted by path. Only a
// valid model becomes a *Space, and every planner entry point is a method of *Space: an invalid
// model never reaches the planner.
//
// # Planning
//
//   - Deploy: one release of a project to ONE environment for a selection of tenants
//     (named UNION filter tags UNION expression UNION all connected) and optionally untenanted.
//     Every selected tenant appears exactly once: in Deploy (with its targets), in Skipped (selected
//     by tags, expression or all) or in Rejected (named explicitly), with its reasons.
//   - Matrix: for a project and a release, every (environment, track) with its current
//     release and either deployable or the reasons why not.
//   - Automatic and Scheduled: what the history queues automatically, and what a
//     scheduled promotion deploys.
//   - Targets and Variables: the targets and the resolved variables of a cell.
//   - Rollout: a whole upgrade ring by ring: membership by selector and stable-hash percentage,
//     waves of at most maxParallel cells computed by simulating the success of earlier waves, soak
//     gates, optional timing around freezes, and every tenant or cell left out (unassigned,
//     overlaps, empty rings, done, never deployable with reasons). A policy that cannot be planned
//     faithfully is a *RequestError naming its field: an environment listed twice
//     ("environments[k]", duplicate-name), a ring name empty or used twice (duplicate-name), and,
//     with invalid-value, an unknown order or success policy, a negative wave duration, and per
//     ring a percent or maxParallelPercent outside 0..100 (or NaN), a negative maxParallel or
//     soak, or both maxParallel and maxParallelPercent.
//   - Explain: one cell's every check with its outcome, the phase facts it depended on and, on
//     request, where each of its variables comes from; as data and as text for a ticket.
//   - Diff: the cells that were added, removed or changed between two plans (deploy plans or
//     matrices), as data and as Markdown for a pull request.
//
// # Freezes and principals
//
// A request with a time (At) is checked against the model's freezes (package plan/freeze):
// a frozen cell carries the freeze's name and the end of its occurrence; OverrideFreezes names
// freezes that do not block. A request with a Principal only sees the tenants the
// principal's view grants cover, and a cell is forbidden unless one deploy grant covers its
// project, environment and tenant (the untenanted track needs a grant with no tenant restriction).
//
// # Reasons
//
// A tenanted cell runs every check, in this order, and reports ALL that fail:
// untenanted-project, disabled, not-connected, not-in-lifecycle, channel-mismatch, lifecycle,
// release-blocked, frozen, missing-variables, no-targets, forbidden, already-current. The
// untenanted track uses tenanted-project instead of the tenant checks. When the environment is not
// in the release's lifecycle, lifecycle and release-blocked are not evaluated. lifecycle is
// evaluated on the tenant's connections even when it is not connected to the environment, so a
// reason list can read "not-connected, lifecycle". The codes are stable (type Code).
//
// # Decisions
//
//   - Per-release facts (every track's counted successes and the environments where anyone has a
//     success, under both progression policies) are computed once when the model is compiled, never
//     once per tenant.
//   - The current release of a cell is the release of its latest successful deployment; on equal
//     times, the deployment listed later in the model wins.
//   - A channel's tenant restriction (channel-mismatch) applies to tenants only: the untenanted
//     track is never restricted by tenant tags.
//   - When a project declares no target roles, every target of the environment with the right
//     participation serves the cell, and no-targets never applies.
//   - A grant's tenants and tenantTags together form one tenant filter (named UNION tagged), the way
//     a team's tenant scope works in Octopus. A view grant restricted to projects shows its tenants
//     only in plans of those projects.
//   - When a principal is given, tenants it cannot view are left out of plans, matrices, counts and
//     errors: naming one, in the tenants list or in tenant("...") of an expression, gives exactly
//     the error of naming a tenant that does not exist.
//   - Automatic deployments are evaluated with every check of a cell (freezes only when At is set).
//     The tracks are the untenanted track (when the project allows it) and the tenants connected to
//     the automatic environment; a track with any deployment of the release there, whatever its
//     outcome, is not queued again.
//   - A request time of zero means "no freeze applies" (the scenario format's default).
//   - A project that names no lifecycle, in a model without environments, is valid: the model may
//     describe only tags and tenants, and the project simply has nowhere to deploy to. A lifecycle
//     the model defines with no phases is still an error there.
//   - Rollouts plan tenants only (the untenanted track is not part of a ring). Ring membership is
//     among the tenants connected to the project, including those that list the project with no
//     environments (they are members, or unassigned, but have no cells). A ring's Percent of 0
//     means "no percentage" (the whole ring). A ring is empty when it has no members: it admits
//     nobody, or every tenant it admits already belongs to an earlier ring (those tenants are
//     overlaps); either way it deploys nothing. A
//     cell that is not deployable at its (environment, ring) step is reported in Never with the
//     reasons of that step; it is not retried at later steps. Cells already running the release
//     are done: reported, not planned, and counted as successes from the start.
//   - Timed rollouts search for a start outside the freezes of a wave's cells for at most ten
//     years (of 365 days, freeze.DefaultClearLimit) after its earliest possible start; a start
//     exactly at that bound still counts. Past it the rollout is marked Unscheduled, and that wave
//     and the later ones have no times. The search is one clear-time search of the freeze index for
//     all the wave's tenants (freeze.Index.ClearTenants): linear in the freezes and occurrences it
//     visits, even through a calendar that freezes tile for the whole ten years.
//   - A rollout is timed only when both Start and WaveDuration are set; a WaveDuration of zero
//     leaves it untimed, a negative one is a request error.
//   - Reason texts name the request's project, environment and release but not the tenant (the
//     cell already names it), so that they are built once per request.
//   - Cells of one answer (a deploy plan, a matrix, a rollout's never-deployable cells) that have
//     the same reasons share one Reasons slice, and deployed cells with the same targets share one
//     Targets slice: an answer of 100,000 cells holds a handful of distinct lists. Treat answers
//     as read-only; two answers never share a slice.
//   - A compiled space holds its per-tenant data in flat tables indexed by tenant (connections,
//     template values, each project's history per track), never in a map or a slice per tenant;
//     the missing-variables check is answered once when compiling for every tenant whose values
//     are not scoped to environments.
//
// # Determinism
//
// Plans are ordered by environment order, then tenant name (the untenanted track first), and their
// JSON is byte-identical for the same input whatever the order of the model's lists.
//
// # Concurrency
//
// A *Space is immutable once compiled and safe for concurrent use; every method may be called from
// many goroutines at once.
package plan
