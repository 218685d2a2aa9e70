// Package tenant holds tenants, their tags and project connections, and a tag-indexed tenant
// set that selects tenants by tag filter or tag expression.
//
// # Tenants
//
// A [Tenant] ([New] from a [Config]) has a name, a description, canonical tag names ("Set/Tag",
// see package tags), a disabled flag and its connections: for each project, the names of the
// environments it is connected to. A tenant is deployed to, per project, only in the
// environments of its connections; this package records them, and the planner reads them.
//
// # Connections
//
// A tenant is connected to a project when its connections list the project, even with an empty
// list of environments ([Tenant.Connected], [Set.ConnectedTo]); Octopus shows such a tenant
// under the project with no environments. Such a tenant counts as a tenant of the project (in
// package plan it is among "all tenants" of the project, and rollout rings count it as a member
// or as unassigned) but it is connected to none of the project's environments, so each of its
// cells reads not connected. A tenant whose connections do not list the project is not connected
// to it at all. A
// tenant is connected to an environment of a project ([Tenant.ConnectedTo]) when that
// project's list names the environment exactly.
//
// # Sets
//
// [NewSet] validates a list of tenants against a [tags.Catalog] and indexes them. It reports
// every problem at once, as errors joined in tenant order then tag order, each a [*TagError]
// naming the tenant and the tag:
//
//   - two tenants whose names are equal or differ only in letter case
//     ([tags.ErrDuplicateName]), reported on every tenant after the first of that name;
//   - a tag of a tag set the catalog lacks ([tags.ErrUnknownTagSet]) or a tag its set lacks
//     ([tags.ErrUnknownTag]), with a "did you mean" suggestion where a close name exists; the
//     wildcard "Set/*" names no tag and is unknown here too;
//   - two tags of a SingleSelect set, or two values of a FreeText set, on one tenant
//     ([tags.ErrSingleSelect]), reported once per tag set, naming the second tag.
//
// A tag repeated on one tenant counts once. A FreeText value must be in the catalog like any
// tag: the caller builds the catalog with [tags.NewCatalog], giving it as free values exactly the
// FreeText tags its tenants carry. The package does not know the model's projects and
// environments: the names in a tenant's connections are checked by the caller (package plan's
// model validation does).
//
// A [Set] orders its tenants by name, in byte order: index i is the i-th tenant by name, and
// every [Selection] lists tenants in that order, so selection is deterministic whatever the
// order the tenants were given in.
//
// # Selection
//
// [Set.SelectFilter] selects with an Octopus tenant filter: the named tenants UNION the tenants
// matching the tag part, where the tag part is OR within a tag set and AND across tag sets, an
// empty tag part matching nobody. [Set.SelectExpr] selects with a tag expression. Both bind
// first, so unknown tags, tag sets and tenants are errors (all of them at once, each unknown
// tenant with a "did you mean" suggestion among the set's tenant names), never silent misses.
// [Set.Select] takes an expression already bound to the set's catalog and [Set.Lookup]. The
// grammar and the rules of filters and expressions are package tags's.
//
// Selection does not look at the disabled flag or the connections: a disabled tenant, or one
// not connected to a project, is selected like any other when its tags match; the caller decides
// what such a tenant may do. [Set.All] is every tenant; [Set.ConnectedTo] the tenants connected
// to a project. Selections of one set combine with [Selection.Union], [Selection.Intersect] and
// [Selection.Minus].
//
// Selection evaluates each clause of the bound expression once over per-tag posting lists with
// [tags.Fold], as bitsets of all tenants at once: no tenant's tags are read per clause. Selecting
// with a three-set filter among 100,000 tenants takes well under a millisecond.
//
// # Errors
//
// A [TagError] wraps a sentinel of package tags and answers its code with a Code method
// ("duplicate-name", "unknown-tag-set", "unknown-tag", "single-select"); it reads
// `tenant "T", tag "Tier/Glod": unknown tag; did you mean "Tier/Gold"? [unknown-tag]`.
//
// # Limits
//
// [NewSet] reports at most 100 problems ([tags.DefaultMaxErrors]; [Options.MaxErrors] changes it,
// a negative value reports all) and computes "did you mean" suggestions only for those; a
// [*tags.OmittedError] joined last counts the others and wraps [tags.ErrLimit]. Its work and
// memory are linear in the number of tenants and tags: repeats and single-select sets are
// checked with marks per tag and per tag set, not by searching the tags already seen, and each
// tenant's [tags.Bits] takes memory for the tags it carries, not for the whole catalog (a
// FreeText value of its own on every tenant costs a few words per tenant).
//
// A [Tenant] takes two allocations (its tags and environments in one array, its connections in
// another), and a [Builder] builds many tenants in shared arrays allocated in chunks. [NewSet] keeps
// no map of the names: [Set.Index] searches the sorted names, and duplicate names, also differing
// only in letter case, are found by a hash of the lower-case runes, without lower-case copies.
//
// # Decisions
//
// Decision: a duplicate tenant name (equal, or differing only in letter case) is reported on
// every tenant after the first one of that name, with TagIndex -1.
//
// Decision: two tags of a SingleSelect set (or two values of a FreeText set) on one tenant are
// reported once per tag set, naming the second tag, with TagIndex -1. The same tag repeated on
// one tenant counts once and is not an error.
//
// Decision: a FreeText value must be in the catalog like any tag: the caller lists the values its
// tenants carry as the free values of tags.NewCatalog (package plan does so for a model).
//
// Decision: a tenant that lists a project with no environments is connected to the project and
// to none of its environments.
//
// # Concurrency
//
// Tenant, Set and Selection are immutable and safe for concurrent use.
package tenant
