// Package plan compiles a tenantplan model and answers, without any I/O, which tenants get which
// release in which environment, now, and why not the others.
//
// # Loading a model
//
// [Load] decodes a model file (the JSON format of package
// [github.com/tenantplan/tenantplan/plan/model]) strictly and compiles it; [Compile] does the same
// for a decoded *model.File. Both validate the whole model first and return every problem at once
// as [ValidationErrors]: each a *[ValidationError] with a path such as "tenants[3].tags[1]", a
// stable [Code] and a message quoting the bad value, sorted by path. Only a valid model becomes a
// *[Space], and every planner entry point is a method of *Space: an invalid model never reaches
// the planner. [LoadWithOptions] does the same in one pass over the file: problems of shape (an
// unknown key, a value of the wrong type, a duplicate key) and problems of meaning of every part
// that decoded are reported together, within the limits of [LoadOptions].
//
// Validation reports unknown names of every kind (each with a "did you mean" when a known name is
// close), duplicate names (also two names of one kind that differ only in letter case), tags that
// break their tag set's type, lifecycles whose phases share an environment or ask for more
// environments than they have, releases whose version breaks their channel's rules or that several
// channels could take, tenant values of one template whose environments overlap, tenants connected
// to an Untenanted project, malformed expressions, times and enums, reference cycles among
// variables, and inputs over the documented limits.
//
// # Cells and tracks
//
// A deployment goes to a cell: a project's release, in one environment, for one track. A track is
// a tenant, or the untenanted track (deployments without a tenant). A tenant is connected to a
// project when its connections list the project, even with no environments; it can deploy only to
// the environments listed. The untenanted track is connected to every environment, and only
// untenanted deployments count for it. The current release of a cell is the release of its latest
// successful deployment (on equal times, the deployment listed later in the model).
//
// # Progression
//
// A release follows its lifecycle: its channel's, else its project's. For a track, a phase is
// complete when it is optional; or, when the track is connected to some of the phase's
// environments, when the track's own successes there reach what the phase needs (all of them
// when its minimum is 0, else the minimum, capped at the number connected); or, when the track is
// connected to none of them, when the phase's environments where anybody has a success reach the
// phase's minimum (all of them when 0). An environment is reachable when every earlier phase is
// complete; the first phase always is. So one tenant's success never completes a phase for another
// tenant that is connected to it: tracks progress in isolation.
//
// A success counts under the request's [lifecycle.Policy]: AnySuccess (the default) counts any
// successful deployment of the release to the cell, ever; LatestOutcome counts the cell only when
// its latest deployment of the release succeeded, as Octopus Server does. Failed and cancelled
// deployments never count.
//
// A blocked release (a release with a defect) may still go to its first phase, and to any later
// phase the track has already started (has a success of the release in some environment of that
// phase); it may not enter a new phase.
//
// # Checks and reasons
//
// Every cell of a plan runs every check, in this order, and reports all that fail, each as a
// [Reason] with its code and a message:
//
//   - untenanted-project: the project does not deploy to tenants (its tenancy is Untenanted).
//   - disabled: the tenant is disabled.
//   - not-connected: the tenant is not connected to the project in this environment.
//   - not-in-lifecycle: the environment is not in the release's lifecycle. lifecycle and
//     release-blocked are then not evaluated.
//   - channel-mismatch: the release's channel restricts its tenants by tags, and this tenant does
//     not match.
//   - lifecycle: an earlier phase is not complete for the track; the reason names the first such
//     phase and carries what it needs and has. It is evaluated on the tenant's connections even
//     when the tenant is not connected to the requested environment, so a list can read
//     "not-connected, lifecycle".
//   - release-blocked: the release is blocked and the track has not started the environment's
//     phase. It is evaluated on its own, so an unreachable later phase reads "lifecycle,
//     release-blocked".
//   - frozen: a freeze holds the cell at the request's time; the reason names the freeze and the
//     end of its occurrence.
//   - missing-variables: a required template (a project template, or a common template of an
//     included library) has no value for the tenant in this environment; the reason lists them.
//   - no-targets: the project declares target roles and no deployment target serves the cell.
//   - forbidden: the request's principal has no deploy grant covering the cell.
//   - already-current: the cell already runs this release (only when the request asks to skip
//     current cells).
//
// The untenanted track runs tenanted-project (the project deploys only to tenants) instead of the
// tenant checks. The codes are stable; see [Code].
//
// # Errors
//
// Every error of the module, whatever package returns it, has a stable [Code], one format,
// "where: message [code]", and wraps one sentinel. [CodeOf] returns the code of any of them (it
// looks for the first error in the tree with a Code method, so it also finds the code of a
// problem of package tags or lifecycle joined or wrapped in a request error). A *[ValidationError]
// or *[RequestError] holds its code in its Code field and quotes the error it wraps in Message,
// without that error's code. Sentinels of one meaning are one error across packages:
// [ErrInvalidValue] is tags.ErrInvalidValue, lifecycle.ErrInvalidValue, model.ErrInvalidValue
// and freeze.ErrInvalidValue; [ErrDuplicateName] is tags' and variables'; [ErrUnknownEnvironment]
// is lifecycle's; [ErrUnknownTemplate] is variables'; and ErrLimit of tags, lifecycle, variables
// and model is one error. So errors.Is(err, plan.ErrInvalidValue) holds for an invalid value
// found by any package. The error codes are the Code... constants; each constant's comment names
// the packages whose errors carry it.
//
// Every "did you mean" of the module (unknown names of a model or a request, unknown tags and
// tag sets, unknown keys of a file) suggests a name equal ignoring letter case, else the nearest
// by edit distance (insertions, deletions, substitutions and transpositions of adjacent letters)
// when that is at most a third of the name's length, else the shortest known name that the
// unknown one is a prefix of ("Prod" for "Production"). Names quoted in messages are cut after 64
// bytes.
//
// # Targets
//
// The targets of a cell are the deployment targets of its environment that carry at least one of
// the project's target roles (any target when the project declares none). The untenanted track
// uses targets whose tenancy is Untenanted or TenantedOrUntenanted; a tenant uses targets whose
// tenancy is Tenanted or TenantedOrUntenanted and whose tenant filter (named tenants OR tags)
// matches it. An empty filter matches nobody.
//
// # Freezes
//
// A request with a time (At) is checked against the model's freezes (package
// [github.com/tenantplan/tenantplan/plan/freeze]): a freeze holds the environments it lists for
// every track of a project, and the (tenant, project, environment) cells it lists for one tenant,
// during each of its occurrences. OverrideFreezes names freezes that do not block this request; a
// name that is not a freeze of the model is a request error (wrapping [ErrUnknownFreeze]), so that
// a misspelt override never leaves a freeze in force unnoticed. A zero At means "no freeze applies":
// the library never reads the clock. A tool for people should pass the current time.
//
// # Principals
//
// A principal holds grants, each an action (deploy or view) over projects, environments, tenants
// and tenant tags; an empty dimension means all, and a grant's tenants and tags form one filter
// (named OR tagged), the way a team's tenant scope works in Octopus. A cell is deployable by the
// principal only when one deploy grant covers its project, environment and tenant (the untenanted
// track needs a grant without a tenant restriction); otherwise it reads forbidden.
//
// When a request names a principal, the tenants it cannot view do not exist for it: they are left
// out of plans, matrices, counts and explanations; naming one (in a tenant list, in tenant("...")
// of an expression, in Explain or Variables) gives exactly the error of naming a tenant that does
// not exist; "did you mean" suggestions, variable explanations and conflicts never name them; and
// FreeText tag values that only hidden tenants carry are never suggested.
//
// # Entry points
//
//   - [Space.Deploy] plans one release of a project to one environment for a selection of tenants
//     (named, OR matched by filter tags, OR matched by an expression, OR every tenant connected to
//     the project when All is set) and optionally the untenanted track. Every selected tenant
//     appears exactly once: in Deploy (with its targets), in Skipped (selected by tags, expression
//     or All) or in Rejected (named explicitly), with its reasons.
//   - [Space.Matrix]: for a project and a release, every (environment, track) with its current
//     release and either "deployable" or the reasons why not.
//   - [Space.Automatic]: the automatic deployments the history queues: every automatic environment
//     of a non-optional phase that is deployable now for a track that has no deployment of the
//     release there yet.
//   - [Space.Scheduled]: a scheduled promotion from a source environment to a destination for
//     listed tenants. A tenant connected to the source gets its own latest successful release
//     there; any other tenant gets the latest release anybody deployed successfully to the source
//     that it can deploy to the destination. A tenant already running that release in the
//     destination, or that cannot deploy it, gets nothing.
//   - [Space.Targets] and [Space.Variables]: the targets ([TargetsRequest]) and the resolved
//     variables ([VariablesRequest]) of a cell.
//   - [Space.Rollout]: a whole upgrade, ring by ring (below).
//   - [Space.Explain]: one cell's every check with its outcome, the phase facts it depended on
//     and, on request, where each of its variables comes from; as data and as text for a ticket.
//   - [Diff]: the cells added, removed or changed between two plans or matrices, as data and as
//     Markdown for a pull request.
//
// # Requests and answers as JSON
//
// Every entry point takes a request struct whose JSON form is documented on the type; the keys
// are the Go field names in lower camel case, the same keys as the questions of a scenario file
// (package github.com/tenantplan/tenantplan/plan/scenario) and, for a RolloutRequest, the
// command-line tool's rollout policy file. Keys marked ? may be left out; a key left out is the
// field's zero value:
//
//   - [DeployRequest]: "project", "release", "environment", "tenants"?, "tags"?, "expression"?,
//     "all"?, "untenanted"?, "skipCurrent"?, "at"?, "overrideFreezes"?, "principal"?, "policy"?.
//   - [ExplainRequest]: "project", "release", "environment", "tenant"? ("" is the untenanted
//     track), "at"?, "overrideFreezes"?, "principal"?, "skipCurrent"?, "policy"?, "variables"?.
//   - [MatrixRequest]: "project", "release", "at"?, "principal"?, "policy"?.
//   - [VariablesRequest]: "project", "environment", "tenant"?, "release"?, "channel"?, "step"?,
//     "target"?, "principal"?; its Options have no JSON form.
//   - [AutomaticRequest]: "project", "release", "at"?, "policy"?.
//   - [ScheduledRequest]: "project", "source", "destination", "tenants"?, "at"?, "policy"?.
//   - [TargetsRequest]: "project", "environment", "tenant"? (left out: the untenanted track).
//   - [RolloutRequest]: "project", "release", "environments"?, "order"?, "rings", "policy"?,
//     "start"?, "waveDuration"?; each [Ring]: "name", "tenants"?, "tags"?, "expression"?,
//     "percent"?, "salt"?, "maxParallel"?, "maxParallelPercent"?, "soak"?.
//
// encoding/json reads and writes them; the scenario runner and the tool decode them strictly,
// with the decoder of model files, so that an unknown key is an error with its path and a "did
// you mean". In JSON:
//
//   - enums are their names, exact case: a success policy ([lifecycle.Policy]) "AnySuccess" (the
//     default) or "LatestOutcome"; an [Order] "ByEnvironment" (the default) or "ByRing"; a
//     [Tenancy] "Untenanted" (the default), "TenantedOrUntenanted" or "Tenanted"; a [Decision]
//     "deploy", "skipped", "rejected" (deploy plans), "deployable" or "blocked" (matrices); a
//     [ChangeKind] "added", "removed" or "changed". Each has String, MarshalText and
//     UnmarshalText ([ParseOrder] and [ParseTenancy] too); text that is not a name is an error
//     that lists the names and wraps ErrInvalidValue (code invalid-value).
//   - times are RFC 3339 strings ("2026-03-16T09:00:00Z"); a time left out is the zero time.
//   - durations ([Duration]: a ring's soak, a rollout's wave duration, and in a [Rollout] each
//     wave's [Gate] soak) are Go duration strings ("24h", "90m", "1h30m") and print the way
//     people write them ("24h", not "24h0m0s").
//
// Answers ([DeployPlan], [Matrix], [Rollout], [Explanation], [CellDiff]) encode with
// encoding/json, deterministically.
//
// The cells of the answers form one family: a [DeployCell] is a track of a deploy plan; a
// [MatrixCell] is one environment of a [MatrixRow]; a [DoneCell] and an [UndeployableCell] are a
// rollout's cells already done and never deployable; and [Cell] is a cell of any plan in the form
// every plan shares ([DeployPlan.Cells], [Matrix.Cells]), which [Diff] compares into a
// [CellDiff] listing each [CellChange].
//
// # Rollouts
//
// Octopus leaves the order of tenant deployments to people; [Space.Rollout] plans it. A
// [RolloutRequest] names a project, a release, the environments to roll through (by default the
// release's lifecycle, phase by phase), an order and rings. ByEnvironment (the default) takes
// every ring through the first environment, then every ring through the next; ByRing takes the
// first ring through every environment, then the next ring.
//
// Membership: a tenant belongs to the first ring whose selector (tenants, tags, expression) and
// percentage admit it, among the tenants connected to the project. A tenant that a later ring
// admits too is an overlap; a connected tenant no ring admits is unassigned; a ring with no
// members is empty, since it deploys nothing.
//
// Percentages are stable: a tenant's bucket is the first 8 bytes of SHA-256 of salt + "/" +
// tenant name, read as a big-endian unsigned integer, modulo 100000, and the tenant is admitted
// when the bucket is below round(percent × 1000). The salt defaults to the ring's name; the plan
// records the algorithm (sha256-mod-100000) and the salt. Raising a percentage only adds tenants.
//
// Waves: a cell whose current release already is the rollout's release is done: reported, not
// planned, and counted as a success. For each (environment, ring) step in order, the ring's cells
// that are deployable, assuming every earlier wave succeeded, are cut, in tenant-name order, into
// waves of at most MaxParallel cells (or MaxParallelPercent of the step's cells, rounded up). A
// cell that is not deployable at its step is reported in Never with that step's reasons. Each wave
// waits for the previous one plus the soak of the previous wave's ring. With a start time and a
// wave duration, each wave starts at the earliest time, no sooner than its gate, at which none of
// its cells is frozen.
//
// A rollout request that cannot be planned faithfully is a *[RequestError] naming its field: an
// environment listed twice ("environments[k]", duplicate-name), a ring name empty or used twice
// (duplicate-name), and, with invalid-value, an unknown order or success policy, a negative wave
// duration, and per ring a percent or maxParallelPercent outside 0..100 (or NaN), a negative
// maxParallel or soak, or both maxParallel and maxParallelPercent.
//
// # Limits
//
// Every limit has a default and is reported as an error with code limit that names it; none is a
// silent cut:
//
//   - Loading: the file's size (1 GiB), the problems listed (1,000, then one entry counting the
//     rest), a string's length (1 MiB) and a list's length (10,000,000), all set by
//     [LoadOptions]. Only the first 100 unknown names of a model get a "did you mean".
//   - Names: a release version is at most 256 bytes, a version range 1,024, a channel's
//     pre-release pattern 4,096 bytes and 1,000 compiled instructions (package lifecycle).
//   - Variables: each resolution's total output (64 MiB) and work (8 Mi units), set through
//     [VariablesRequest] Options (package variables).
//   - Timed rollouts: a wave's start is searched for at most ten years after its earliest
//     possible start; past that the rollout is marked Unscheduled.
//
// # Determinism
//
// Plans are ordered by environment order, then tenant name (the untenanted track first), and their
// JSON is byte-identical for the same input whatever the order of the model's lists.
//
// # Decisions
//
//   - A channel's tenant restriction applies to tenants only: the untenanted track is never
//     restricted by tenant tags.
//   - When a project declares no target roles, no-targets never applies.
//   - A view grant restricted to projects shows its tenants only in plans of those projects.
//   - Automatic deployments are evaluated with every check (freezes only when At is set); a track
//     with any deployment of the release in the automatic environment, whatever its outcome, is
//     not queued again.
//   - A project that names no lifecycle, in a model without environments, is valid: it has nowhere
//     to deploy to. A lifecycle the model defines with no phases is still an error there.
//   - Rollouts plan tenants only: the untenanted track is not part of a ring. A connected tenant
//     with no environments is a member (or unassigned) without cells. A Percent of 0 means no
//     percentage (the whole ring). A cell that is not deployable at its step is not retried at
//     later steps.
//   - Reason texts name the request's project, environment and release but not the tenant (the
//     cell already names it), so that they are built once per request.
//   - Per-release facts (every track's successes, and where anybody has one, under both policies)
//     are computed once when the model is compiled, never once per tenant.
//   - A compiled space holds its per-tenant data in flat tables indexed by tenant (connections,
//     template values, each project's history per track), never in a map or a slice per tenant;
//     the missing-variables check is answered once when compiling for every tenant whose values
//     are not scoped to environments. Compiling reads each tenant's connections and values once,
//     while validating them, converts each value once into large shared slabs (a tenant that gives
//     a project or library the same values as one of the tenants just before it shares their
//     copy), and builds the tenants in shared arrays: its allocations do not grow with the
//     tenants' projects, and grow linearly with the tenants.
//   - Cells of one answer (a deploy plan, a matrix, a rollout's never-deployable cells) that have
//     the same reasons share one Reasons slice, and deployed cells with the same targets share one
//     Targets slice: an answer of 100,000 cells holds a handful of distinct lists. Treat answers
//     as read-only; two answers never share a slice.
//   - Timed rollouts: a start exactly at the ten-year bound still counts; past it the wave and the
//     later ones have no times. The search is one clear-time search of the freeze index for all
//     the wave's tenants, linear in the freezes and occurrences it visits, even through a calendar
//     that freezes tile for the whole ten years. A rollout is timed only when both Start and
//     WaveDuration are set; a WaveDuration of zero leaves it untimed.
//   - An unknown principal gets no "did you mean": principals' names are not for whoever asks to
//     guess at.
//
// # Concurrency
//
// A *Space is immutable once compiled and safe for concurrent use; every method may be called from
// many goroutines at once.
//
// Compile and Load use up to GOMAXPROCS goroutines for a big model (from about 2,000 tenants or
// deployments): the tenants, the deployments and the projects' histories are checked and built in
// contiguous chunks, one per goroutine, each with at least about 1,000 elements, while the tenant
// set is indexed. The result and the problems reported, in their order and with the same "did you
// mean" suggestions, are exactly those of a compile on one goroutine: the chunks only note which
// elements have a problem, and the problems of those are reported afterwards in model order. Every
// goroutine has ended when Compile returns. Load also decodes the long lists of a big file (more
// than 1 MiB) with several goroutines, with the result of one (see package model). Set GOMAXPROCS
// (runtime.GOMAXPROCS) to 1 to load and compile on the calling goroutine only.
package plan
