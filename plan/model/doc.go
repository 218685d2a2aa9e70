// Package model holds the Go types of the tenantplan model file (the JSON interchange format of
// the library) and its strict decoder.
//
// A model file describes one space: environments, tag sets, lifecycles, libraries, projects,
// tenants, targets, releases, deployments, freezes and principals, all referenced by name. This
// package only decodes and encodes: it checks the shape of the JSON and reports every problem it
// finds at once, each with a JSON-path-like location such as tenants[3].tags[1]. The meaning of
// the model (unknown names, duplicates, lifecycle rules, ...) is checked by package plan when it
// compiles a model; only a compiled model reaches the planner. DecodePartial also returns what
// decoded despite the problems, so that plan.Load reports the problems of shape and of meaning in
// one pass.
//
// # The file
//
// The document is one JSON object with camelCase keys (see Decoding rules for how strictly they
// are read). Every key may be left out; a left-out key takes the default given below. Lists keep
// their order where the order means something (environments, phases, tag sets, tags). Times are
// RFC 3339 ("2026-03-01T10:00:00Z"). A short, complete example:
//
//	{
//	  "environments": ["Dev", "Test", "Production"],
//	  "tagSets": [
//	    {"name": "Tier", "tags": ["Free", "Gold"]},
//	    {"name": "Ring", "type": "SingleSelect", "tags": ["Early", "Stable"]},
//	    {"name": "Region", "type": "FreeText"}
//	  ],
//	  "lifecycles": [{"name": "Default", "phases": [
//	    {"name": "Dev", "automatic": ["Dev"]},
//	    {"name": "Test", "manual": ["Test"]},
//	    {"name": "Production", "manual": ["Production"]}
//	  ]}],
//	  "projects": [{"name": "Shop", "tenancy": "Tenanted", "lifecycle": "Default",
//	    "templates": [{"name": "Tenant.Password", "sensitive": true}],
//	    "variables": [{"name": "Url", "value": "https://#{Octopus.Deployment.Tenant.Name}.example"}]}],
//	  "tenants": [{"name": "Acme", "tags": ["Tier/Gold", "Ring/Early", "Region/eu"],
//	    "projects": {"Shop": ["Dev", "Test", "Production"]},
//	    "projectValues": {"Shop": [{"template": "Tenant.Password", "value": "s3cret"}]}}],
//	  "releases": [{"project": "Shop", "version": "1.0.0"}],
//	  "deployments": [{"project": "Shop", "release": "1.0.0", "environment": "Dev",
//	    "tenant": "Acme", "outcome": "Success", "at": "2026-03-01T10:00:00Z"}]
//	}
//
// # Keys
//
// Top level ([File]): $schema, optionally, the address of this format's JSON Schema (ignored);
//
//   - environments: the environment names, in order. The order is the order of matrices and of
//     the implicit lifecycle.
//   - tagSets: the tag sets ([TagSet]), in order.
//   - lifecycles, libraries, projects, tenants, targets, releases, deployments, freezes,
//     principals: lists of the objects below.
//
// tagSets[] ([TagSet]): name; type, one of MultiSelect (the default: a tenant may carry any number
// of its tags), SingleSelect (at most one) or FreeText (no predefined tags: any value, written
// "Set/value", at most one per tenant); tags, the tag names in order (not for FreeText). A tag is
// referred to everywhere by its canonical name "Set/Tag".
//
// lifecycles[] ([Lifecycle]): name; phases, in order ([Phase]). A lifecycle with no phases has one
// phase per model environment, in model order. Each phase has a name; automatic and manual, the
// environments it holds (automatic ones are deployed to as soon as the phase is reachable);
// minimum, how many of its environments must have a success before the next phase opens (0, the
// default, means all of them); optional, a phase that never holds later phases back; priority,
// kept for fidelity with Octopus. A phase with neither automatic nor manual environments takes
// every model environment that no other phase of the lifecycle lists.
//
// libraries[] ([Library]): a library variable set: name; templates ([Template]) that become common
// templates of every project that includes the library; variables ([Variable]).
//
// projects[] ([Project]): name; tenancy, one of Untenanted (the default), Tenanted or
// TenantedOrUntenanted: whether the project deploys to tenants, without them, or both; lifecycle,
// a lifecycle name (left out: the implicit lifecycle over every model environment); libraries, the
// names of the libraries it includes; targetRoles, the roles its deployment targets must have (left
// out: any target of the environment); channels ([Channel]); templates, its project templates
// ([Template]); variables ([Variable]).
//
// projects[].channels[] ([Channel]): name; default, at most one channel per project (when none
// says so, the first is the default); lifecycle (left out: the project's); versionRange, a NuGet
// version range such as "[2.0,3.0)"; preRelease, a regular expression (RE2) the release's
// pre-release label must match ("^$": no pre-release label); tenantTags, canonical tags that restrict the channel to the
// tenants they match (OR within a tag set, AND across sets), or instead tenantExpression, a tag
// expression (tags only: a channel cannot name tenants). A project without channels has one
// implicit channel named Default.
//
// templates[] ([Template]): name; label; default, the value a tenant without one gets (left out or
// null: no default, so a tenant must give a value; "" is a default); sensitive, whether values are
// secrets (masked in every output).
//
// variables[] ([Variable]): name (several variables may share one; the most specific applicable
// one wins); value, in the substitution language of package variables; sensitive; scope
// ([Scope]), optional lists of environments, tenants, tenantTags (a tag filter), channels, roles,
// targets and steps: a variable applies only where every listed dimension matches.
//
// tenants[] ([Tenant]): name; description; tags, canonical tag names; disabled (a disabled tenant
// deploys nothing); projects, an object mapping a project name to the environments the tenant is
// connected to for it (a project listed with no environments still connects the tenant, which then
// has nowhere to deploy); commonValues, library name -> values of its common templates;
// projectValues, project name -> values of its project templates. A value ([TenantValue]) has
// template, value and optionally environments (left out: every environment).
//
// targets[] ([Target]): name; environments; roles; tenancy (Untenanted by default, Tenanted or
// TenantedOrUntenanted); tenants and tenantTags, the tenants a tenanted target serves (named OR
// tagged).
//
// releases[] ([Release]): project; version; channel (left out: the default channel if it accepts the
// version, else the only channel that accepts it); blocked, a release blocked from promotion. A
// project has each version once: two releases whose versions differ only in letter case
// ("1.0.0-rc1" and "1.0.0-RC1") are one version, since pre-release labels compare without regard
// to case, and the second is a duplicate-name problem. Deployments name a release by its version
// exactly as the release writes it.
//
// deployments[] ([Deployment]): the history. project; release (a version); environment; tenant
// (left out: an untenanted deployment); outcome, one of Success, Failed or Cancelled; at, when it
// finished.
//
// freezes[] ([Freeze]): name; start and end; projects, an object mapping a project name to the
// environments frozen for every track; tenants, a list of {tenant, project, environment} cells
// frozen for one tenant; recurrence ([Recurrence]), optional: unit (Daily, Weekly with daysOfWeek
// such as ["Monday", "Friday"], Monthly with dayOfMonth, or Annually), every (default 1), endAfter
// (a number of occurrences) or endOn (a time), neither meaning never, and timeZone, an IANA zone
// name in which the start, end and recurrence are read (default UTC).
//
// principals[] ([Principal]): name; grants ([Grant]): action, deploy or view; projects,
// environments, tenants and tenantTags, each left out meaning all. A deploy grant lets the
// principal deploy the cells it covers; a view grant lets it see the tenants it covers.
//
// # Decoding rules
//
// The decoder reads the document once, as a stream of tokens, and stores each value as it comes;
// it never builds a generic tree. It accepts a document when all of these hold:
//
//   - The input is at most Options.MaxBytes long (default 1 GiB) and does not start with a UTF-8
//     byte order mark (a BOM gets its own message; the rest is still checked).
//   - It is well-formed JSON (RFC 8259), one value with nothing after it; a problem here gives its
//     line and column (1-based, in bytes) and ends the decoding.
//   - The document is an object (not null, not any other value), nested at most MaxDepth (64)
//     levels deep.
//   - Keys match exactly (camelCase, as the format gives them): unlike encoding/json, "Name" does
//     not match the key "name". A key the format does not have is ErrUnknownField, never silently
//     ignored, and its message suggests the closest known key. Its value is still read, and its
//     strings checked.
//   - No key appears twice in one object, and no map key twice in one map (ErrDuplicateKey): a
//     second "sensitive" can never turn a secret into plain text. The first value is kept.
//   - Every value has the JSON type its key takes (ErrInvalidValue: "expected a string, got a
//     number"); null is the zero value of any type, as in encoding/json. Whole numbers are plain
//     integers (no fraction or exponent) within 32 bits; other numbers are finite.
//   - Every string and key is valid UTF-8, and no \u escape leaves half of a surrogate pair
//     (ErrInvalidUTF8). Nothing is silently replaced by U+FFFD.
//   - A string value or key is at most Options.MaxStringBytes long once unescaped (default
//     1 MiB); a list or map has at most Options.MaxListLength elements (default 10,000,000).
//     Those limits are ErrLimit problems with their path; the rest of the document is still
//     checked.
//
// Every problem is an *Error with a path, and Errors lists them sorted by path (list indexes in
// number order, so "x[2]" comes before "x[10]"; then by code). At most Options.MaxErrors (default 1,000) are listed; past the
// cap they are only counted, at no cost, and one final ErrLimit entry says how many more there
// are. A path is only built for a problem that is listed, and keys and values quoted in messages
// and paths are cut to 64 bytes, so that no input makes a message larger than a few kilobytes per
// problem. Time and memory are linear in the input.
//
// An *Error prints as "path: message [code]", like every error of the module. The stable codes
// of the problems (Error.Code) are "unknown-field" (ErrUnknownField), "limit"
// (ErrLimit) and "invalid-value" (everything else, including ErrDuplicateKey and ErrInvalidUTF8,
// which wrap ErrInvalidValue).
//
// The rollout policies of the command line and the scenario files of package scenario are
// decoded by the same decoder, so they obey the same rules.
//
// # JSON Schema
//
// JSONSchema returns the JSON Schema (draft 2020-12) of the model file, with a description on
// every key; its "$id" is SchemaID. A model file may name it in a top-level "$schema" key (kept in
// File.Schema, ignored by the planner), so that an editor offers completion and documentation and
// flags unknown keys as they are typed. The schema and the library are held to the same shape by a
// property test: an unknown key, a key in another letter case or a value of the wrong JSON type is
// rejected by the schema exactly when Decode rejects it, and a key the schema requires (a name, or
// a reference such as a deployment's environment) is one whose absence validation reports.
//
// Decision: times are kept as strings in these types, so that a malformed time is reported by
// validation with its path (code invalid-value) together with every other problem, instead of
// stopping the decoder at the first one.
//
// Decision: values of sensitive variables and templates are plaintext in these input types, because
// the file must round-trip through encoding/json; treat a File like the secrets it contains. Every
// value that the planner derives from it (plans, explanations, errors) masks them.
//
// Decision: a File prints (with any fmt verb) as the JSON of the file with every sensitive value
// replaced by [Masked], so that a failing test or a log line shows a model one can paste into a
// file and run, but never a secret.
//
// Decision: the decoder shares the allocation of equal short strings seen recently (a small
// cache, not a table of every string), so that the names a model repeats thousands of times cost
// one allocation while a model of unique strings costs no more than without it.
//
// # Speed
//
// The decoder reads the input, which is whole in memory, with a scanner of its own that accepts
// the JSON grammar exactly; when it meets malformed JSON, the message and the line and column are
// those of jsontext (the Go team's JSON v2 tokenizer), which is asked only then. A list of more
// than 1 MiB that is the value of a key of the top object (the tenants and deployments of a big
// model) is decoded by up to runtime.GOMAXPROCS goroutines (at most 8) in parts of at least
// 256 KiB: while the first goroutine decodes from the start, another finds where the list's
// elements start, then takes the parts the first has not reached. The result is the same as with one goroutine: the same
// File, the same problems in the same order, the same cap on them and the same first syntax
// error. Every goroutine has ended when Decode returns; with GOMAXPROCS set to 1 the decoder uses
// only the caller's goroutine.
//
// # Concurrency
//
// The functions of this package are safe for concurrent use; they keep no state between calls. A
// *File is plain data: do not modify it while another goroutine reads it, and do not modify the
// input while it is being decoded.
package model
