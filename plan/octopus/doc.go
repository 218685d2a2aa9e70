// Package octopus imports a space from Octopus Server: it reads a folder of the server's REST
// responses and builds a tenantplan model (a *model.File that plan.Compile accepts), with a
// Report of everything it left out or approximated. It does no I/O of its own beyond reading the
// fs.FS it is given: fetching the responses is the job of a script or of the command line tool.
//
// # The folder
//
// One file per collection, named after the collection's REST path segment, holding exactly what
// the endpoint returned: a bare JSON array (the /all endpoints), a page object with Items (the
// paged endpoints), or for freezes the {"DeploymentFreezes": [...]} object. A paged collection
// may instead be split into pages name.1.json, name.2.json, ... (numbered from 1 without gaps;
// not together with name.json). When pages carry TotalResults, the items of all pages must add
// up to it, and a page whose ItemType is not the collection's is an error.
//
//	file                        endpoint                                            required
//	environments.json           GET /api/{space}/environments/all                   yes
//	tagsets.json                GET /api/{space}/tagsets/all                        yes
//	lifecycles.json             GET /api/{space}/lifecycles/all                     yes
//	libraryvariablesets.json    GET /api/{space}/libraryvariablesets/all            no
//	projects.json               GET /api/{space}/projects/all                       yes
//	channels.json               GET /api/{space}/channels/all                       yes
//	tenants.json                GET /api/{space}/tenants/all                        yes
//	tenantvariables.json        GET /api/{space}/tenantvariables/all (legacy shape) no
//	tenantvariables/<id>.json   the tenant's projectvariables and commonvariables  no
//	machines.json               GET /api/{space}/machines/all                       no
//	releases.json               GET /api/{space}/releases (paged)                   yes
//	defects.json                {releaseId: GET /api/{space}/releases/{id}/defects} no
//	deployments.json            GET /api/{space}/deployments (paged)                yes
//	tasks.json                  GET /api/tasks?spaces={space} (paged)               yes
//	deploymentfreezes.json      GET /api/deploymentfreezes                          no
//	teams.json                  GET /api/teams?spaces={space}                       no
//	scopeduserroles.json        GET /api/scopeduserroles?spaces={space}             no
//	userroles.json              GET /api/userroles/all                              no
//
// tenantvariables/<TenantId>.json holds the responses of the newer per-tenant endpoints
// (GET /api/{space}/tenants/{id}/projectvariables and .../commonvariables): one response object,
// or a JSON array of both. defects.json maps each release id to the response of its defects
// endpoint (a list or a page). A missing optional collection is allowed and gets a report entry.
// Collections returns this table as data, for the tools that fetch the folder.
//
// # The mapping
//
// Every reference is by Id in Octopus and by name in the model: the import resolves each one,
// and an Id that no imported resource has is reported (kind dangling-id) and left out, never
// guessed. Where leaving an element out of a list would widen what the list means (an empty list
// of environments or tenants often means "all"), the whole thing holding the list is left out
// instead, so that an import only ever narrows.
//
//   - Environments, in SortOrder (then name).
//   - Tag sets scoped to tenants (Scopes empty or containing Tenant), in SortOrder, with their
//     type (MultiSelect, SingleSelect, FreeText) and their tags in SortOrder. Tag sets for other
//     resources only are reported as unsupported.
//   - Lifecycles with their phases in order: AutomaticDeploymentTargets become automatic and
//     OptionalDeploymentTargets (the manual ones, despite the name) manual environments;
//     MinimumEnvironmentsBeforePromotion is the minimum, 0 meaning all; IsOptionalPhase and
//     IsPriorityPhase. A lifecycle without phases, and a phase without environments, mean what
//     they mean in the model (every environment in order; every environment of no other phase).
//   - Library variable sets of variables: their templates become the common templates of a
//     library. Their variables are not in the folder and are not imported.
//   - Projects with TenantedDeploymentMode as tenancy, their lifecycle, included library sets and
//     project templates (name, label, default; sensitive when the control type is Sensitive).
//     Disabled projects are left out (kind disabled) with everything that belongs to them. A
//     project that tracks releases per channel (DiscreteChannelRelease) is reported: the model
//     keeps one current release per cell.
//   - Channels: an empty LifecycleId is the project's lifecycle; TenantTags restrict the tenants.
//     Version rules are not imported: Octopus applies them to package versions when a release is
//     created, not to release versions, and every imported release keeps the channel it was
//     created in.
//   - Tenants with description, disabled flag, tags and connections (ProjectEnvironments; a
//     project listed with no environment stays connected).
//   - Tenant values: the legacy shape gives common values unscoped and project values per
//     environment (environments with the same value become one value scoped to them); the newer
//     shape gives each value with its environment scope. A tenant given in both takes the newer.
//   - Machines as deployment targets: environments, roles, TenantedDeploymentParticipation,
//     tenants and tenant tags. Disabled machines are left out (kind disabled); a health status
//     other than healthy is reported as approximated.
//   - Releases with their channel; a release with an unresolved defect is blocked.
//   - Deployments joined with their tasks: Success is a success; Failed and TimedOut are failures;
//     Canceled is cancelled; Queued, Executing and Cancelling are in progress, reported and left
//     out. The time of a deployment is its task's CompletedTime (else StartTime, else the
//     deployment's Created). Deployments are listed in time order, equal times in Id order.
//   - Deployment freezes with project scopes, tenant scopes and recurring schedules (see below).
//   - Teams as principals, with grants from their scoped user roles (see below).
//
// # Decisions
//
//   - Sensitive values. Octopus never returns a sensitive value, only {"HasValue": true}. Such a
//     value is imported as present but unknown: the constant SensitivePlaceholder, a binding of a
//     variable no one defines. It counts as a value (the template is not missing), it is not a
//     real value (anything that expands it reports it unresolved rather than using it) and it is
//     masked like every sensitive value. {"HasValue": false} and null are no value.
//   - Template defaults: null is no default; an empty string is an empty default.
//   - Freeze schedules. Type Daily, Weekly (DaysOfWeek), Monthly by date (DateOfMonth) and
//     Annually map to the model's units; Unit is the period; EndType OnDate and AfterOccurrences
//     map to the end date and the number of occurrences. Octopus keeps a fixed UTC offset
//     (UserUtcOffsetInMinutes) where the model wants a zone: 0 becomes UTC, a whole number of hours
//     becomes the fixed zone Etc/GMT-N (the Etc names count the other way round: UTC+2 is
//     Etc/GMT-2), and any other offset is evaluated in UTC, which is exact for daily schedules and
//     for freezes that start on the same date in UTC as at their offset (otherwise reported). A
//     monthly schedule on a weekday of the month ("the second Tuesday") has no equivalent: the
//     freeze keeps only its first window and is reported.
//   - Principals. A team becomes a principal of its name; its members are not imported. Each
//     scoped user role of the team gives grants over its projects (ProjectIds plus the imported
//     projects of ProjectGroupIds), environments and tenants, an empty list meaning all, as in
//     Octopus. Of the role's permissions, DeploymentCreate becomes a deploy grant and TenantView
//     a view grant; every other permission has no equivalent and is reported once per role. This
//     is an approximation: Octopus checks many permissions (ProjectView, EnvironmentView, ...)
//     that the model folds into these two.
//   - Target roles of projects live in deployment processes, which the folder does not include:
//     imported projects declare no target roles, so every target with the right participation
//     serves a cell and no cell is blocked for want of targets.
//   - Project and library variables live in variable sets, which the folder does not include;
//     they are not imported. They never decide whether a cell is deployable.
//   - The space: Options.Space, or the only space the environments name (several is an error).
//     Resources of another space are reported and left out.
//   - A resource with the same name as an earlier one of its kind (names compared ignoring letter
//     case, as the model does) is reported and left out; two resources with one Id stop the
//     import (references to the Id would be ambiguous).
//   - What the model would reject is reported and left out rather than passed on, so that the
//     imported model always compiles: a release version the model cannot read, a connection to
//     an untenanted project, two values of one template for the same environment (the later
//     one), a second tag of a SingleSelect or FreeText set (the later one), a schedule repeating
//     more rarely than every 10,000 units or ending after more than 100,000 occurrences (the
//     freeze keeps its first window).
//   - Tasks are read only through the deployments that name them; tasks of other kinds (health
//     checks, ...) are not part of a space's plan and are not reported.
//   - A deployment outside Options' history window, and everything of a project not selected,
//     is left out with a not-selected entry (one per deployment, one per project).
//
// # Limits
//
// A file larger than Options.MaxFileBytes (default 256 MiB), a folder larger in all than
// Options.MaxTotalBytes (default 2 GiB), a collection in more than Options.MaxPages pages
// (default 10,000) or with more than Options.MaxItems resources (default 10,000,000) stops the
// import with an error wrapping ErrTooLarge. The import's time and memory are linear in the size
// of the folder.
//
// # Errors and the report
//
// Import returns an *Error, wrapping one of ErrMissing, ErrMalformed, ErrWrongShape,
// ErrDuplicateID, ErrTooLarge or ErrSpace, with the file, the JSON path or the line and column,
// when the folder cannot be imported as a whole. Like every error of the module it prints as
// "where: message [code]" and answers plan.CodeOf: "limit" for ErrTooLarge (which is the module's
// shared limit sentinel, model.ErrLimit), "invalid-value" for the others. Everything else that is not imported as it is in
// Octopus gets a report Entry with its file, JSON path, Kind and why. A Kind's text form (its
// JSON in a report) is its value, "missing-collection" to "permission"; Kind.UnmarshalText
// rejects any other text with an error that lists them and wraps ErrInvalidValue.
//
// # Concurrency
//
// Import holds no shared state and is safe for concurrent use, provided the fs.FS is.
package octopus
