// Package tenant holds tenants, their tags and project connections, and a tag-indexed tenant
// set for fast selection.
//
// A [Tenant] has a unique name, an optional description, canonical tag names, a disabled
// flag and, per project, the environments it is connected to. [NewSet] validates a list of
// tenants against a [tags.Catalog] (unknown tag sets and tags, two tags of a SingleSelect
// set, two values of a FreeText set, duplicate names), reporting every problem at once with the
// tenant and the tag, and indexes them: tenants ordered by name, each tenant's tags as a
// [tags.Bits], and one posting list per tag ID.
//
// Selection by filter or expression is deterministic (a [Selection] is ordered by tenant name) and
// evaluates each clause of the bound expression once over the postings with [tags.Fold], as bitsets
// of all tenants at once: no tenant's tags are read per clause. Selecting with a three-set filter
// among 100,000 tenants takes well under a millisecond.
//
// # Limits
//
// [NewSet] reports at most 100 problems (tags.DefaultMaxErrors; [Options.MaxErrors] changes it)
// and computes "did you mean" suggestions only for those; a *tags.OmittedError joined last counts
// the others. Its work and memory are linear in the number of tenants and tags: repeats and
// single-select sets are checked with marks per tag and per tag set, not by searching the tags
// already seen, and each tenant's [tags.Bits] takes memory for the tags it carries, not for the
// whole catalog (a FreeText value of its own on every tenant costs a few words per tenant).
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
// Decision: a FreeText value must be in the catalog like any tag; [NewCatalog] builds a catalog
// whose FreeText values are exactly the ones the tenants carry.
//
// A tenant is connected to a project when its connections list the project, even with an empty
// list of environments ([Set.ConnectedTo]); Octopus shows such a tenant under the project with no
// environments. It is selected by "all tenants", counts for rollout ring membership, and each of
// its cells reads not-connected. A tenant whose connections do not list the project is not
// connected to it.
//
// # Concurrency
//
// Tenant, Set and Selection are immutable and safe for concurrent use.
package tenant
