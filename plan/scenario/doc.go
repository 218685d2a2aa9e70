// Package scenario runs scenario files: rollout rules tested as data.
//
// A scenario file (described by schema.json in this package) is a JSON object holding a model and a
// list of checks; each check asks the library one question (validate the model, select tenants by
// a filter or an expression, plan a deployment, resolve variables, substitute text, list targets,
// automatic or scheduled deployments) and says what the answer must be. Keep scenario files beside
// your own model and run them from your own tests:
//
//	func TestRolloutRules(t *testing.T) {
//		scenario.Test(t, "testdata/scenarios")
//	}
//
// Each check is compared as the format says: lists of names and of objects as sets, reason lists
// in order (the order in which the checks run), skipped and rejected as whole maps, variable names
// case-insensitively, validation errors by code and path prefix, request errors by code. Every
// difference is reported with the file, the check and what was wanted and got; the run ends with
// the line "N passed, M failed" counting checks.
//
// A malformed scenario file, an unknown key, or a check of a kind this version does not support is
// a failure with a clear message: never a skip, never a pass, never a panic. Keys match exactly, as
// in a model file ("Tenants" is not "tenants"), and a value of the wrong JSON type is reported with
// its path.
//
// # The file
//
//	{
//	  "description": "what this scenario shows",
//	  "rules": ["free text: the rules it illustrates"],
//	  "model": {"environments": ["Production"], "tenants": [...], ...},
//	  "checks": [
//	    {"name": "optional label", "deploy": {"project": "Shop", "release": "1.0.0",
//	      "environment": "Production", "all": true},
//	     "want": {"deploy": ["Acme"], "skipped": {"Initech": ["lifecycle"]}}}
//	  ]
//	}
//
// Every check has exactly one kind key (below) and a want object. A key left out of want is not
// checked. The file may also name its JSON Schema in a "$schema" key (see JSON Schema).
//
// The question of a deploy, variables, targets, automatic, scheduled or rollout check is the JSON
// form of the request of package plan that the check asks ([plan.DeployRequest],
// [plan.VariablesRequest], [plan.TargetsRequest], [plan.AutomaticRequest],
// [plan.ScheduledRequest], [plan.RolloutRequest]), decoded into it by
// the same strict decoder as the model, and read the same way by the command-line tool: a policy,
// order, time or duration that does not parse is reported with its path and what it should be
// ("malformed rollout policy: rings[0].soak: "a day" is not a duration such as "24h", ...").
// A key of a check that is not the kind of any check gets a "did you mean" and the list of kinds,
// and so does a key of a question or of want that its kind does not have, with its path
// ("malformed want: never[0].reasns: unknown key "reasns" (did you mean "reasons"?)").
//
// # Kinds of check
//
//   - validate: true. Validates the model. want.errors is a list of {"code", "path"}; [] means
//     the model must be valid. Every wanted error must be matched by a distinct reported error
//     with that code whose path starts with the wanted path (whole segments: "tenants[0]" matches
//     "tenants[0].tags[1]" but "tenants[0].tag" does not); every reported error must have a code
//     that appears in the wanted list.
//   - filter: {"tenants": [...], "tags": [...]}, an Octopus tenant filter over the model's tenants.
//     want.tenants (names) or want.error (a code).
//   - expression: a tag expression string over the model's tenants. want.tenants or want.error.
//   - deploy: a deploy request with the keys project, release (a version), environment, tenants
//     (names), tags (filter tags), expression, all (every tenant connected to the project),
//     untenanted, skipCurrent, at (an RFC 3339 time; left out, no freeze applies),
//     overrideFreezes (freeze names), principal and policy (AnySuccess, the default, or
//     LatestOutcome). want.deploy lists the tenants deployed; want.untenanted says whether an
//     untenanted deployment is planned; want.skipped and want.rejected map a tenant name (or ""
//     for the untenanted track) to its reason codes, in the order the checks run; want.targets maps
//     a tenant name (or "") to target names; want.error is a request error's code.
//   - variables: {"project", "environment", "tenant", "release", "channel", "step", "target",
//     "principal"} (all but project and environment optional). want.values maps a variable name to its
//     plaintext after substitution (only the names listed are checked); want.missing,
//     want.sensitive (names whose values are masked) and want.conflicts are compared as whole
//     sets; want.error is a request error's code.
//   - substitute: {"text", "variables": {name: value}}. want.text, want.unresolved (names) or
//     want.error (a code).
//   - targets: {"project", "environment", "tenant"} (no tenant: the untenanted track).
//     want.targets (names) or want.error (a code).
//   - automatic: {"project", "release", "at", "policy"}: what is queued automatically given the
//     history (at and policy as for deploy).
//     want.deploy, a list of {"environment", "tenant"} (no tenant: untenanted), or want.error.
//   - scheduled: {"project", "source", "destination", "tenants": [...], "at", "policy"}: which
//     release each tenant would be promoted to. want.deploy, a list of {"tenant", "release"}, or
//     want.error.
//   - rollout: a rollout policy with the keys project, release, environments (optional), order
//     (ByEnvironment or ByRing), policy, rings, a list of {"name", "tags", "tenants",
//     "expression", "percent", "salt", "maxParallel", "maxParallelPercent", "soak"} (soak as a Go
//     duration such as "24h"), and optionally start (an RFC 3339 time) and waveDuration (a
//     duration) to time the waves around freezes. want.waves is an ordered list of {"environment", "ring", "tenants"};
//     want.unassigned and want.overlaps list tenants; want.empty lists rings; want.done lists
//     {"tenant", "environment"}; want.never lists {"tenant", "environment", "reasons"};
//     want.error is a request error's code.
//
// # Comparison
//
// Lists of names and of objects are compared as sets (order ignored), except reason lists, which
// are compared in order, and rollout waves. skipped and rejected are compared as whole maps.
// Variable names compare ignoring letter case everywhere. An error is compared by its code alone,
// and nothing else may be returned with it. The codes are those of package plan ([plan.Code]).
//
// A values check that fails on a sensitive value says that the value differs, never what it is or
// what was wanted, since reports go to CI logs.
//
// # JSON Schema
//
// JSONSchema returns the JSON Schema (draft 2020-12) of scenario files, with the model file's
// schema bundled in; its "$id" is SchemaID. A scenario file may name it in a top-level "$schema"
// key, which the runner ignores, so that an editor offers completion and documentation for every
// check, question and wanted answer. The schema and Run are held to the same shape by a property
// test: unknown keys, keys in another letter case, values of the wrong JSON type and missing
// required keys are rejected by both or by neither.
//
// # Concurrency
//
// Run, RunFS and Test are safe for concurrent use; each run compiles its own model.
package scenario
