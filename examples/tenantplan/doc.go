// Command tenantplan plans tenant-aware releases from a tenantplan model file, for custom tooling
// and CI. It is built only on the public API of the library (packages plan, plan/model,
// plan/scenario and plan/plantest).
//
//	tenantplan validate MODEL
//	tenantplan plan MODEL --project P --release V --environment E [--tenant T]... [--tag TAG]...
//	                [--expr EXPR] [--all] [--untenanted] [--at TIME] [--as PRINCIPAL] [--format table|json]
//	tenantplan matrix MODEL --project P --release V [--format table|json]
//	tenantplan explain MODEL --project P --release V --environment E [--tenant T] [--variables]
//	tenantplan rollout MODEL POLICY
//	tenantplan diff BEFORE.json AFTER.json
//	tenantplan diff MODEL_A MODEL_B --project P --release V [--environment E]
//	tenantplan check FILE_OR_DIR...
//	tenantplan generate --tenants N --projects M [--seed S]
//	tenantplan schema model|policy|scenario
//
// validate reports every problem of a model (§3.3 and the model format) with its location;
// plan answers a deploy request (§8.1, §8.2); matrix is the "why not" view (§8.3); explain
// gives every check of one cell (§7.3), the phase facts (§4) and, with --variables, the
// provenance of each variable (§6.11) with secrets masked (§6.10); rollout plans waves by ring
// (§9) from a JSON policy with the keys of the scenario format's rollout check plus start and
// waveDuration; diff compares plans (§8.6) and prints Markdown for a pull request; check runs
// scenario files; generate writes a synthetic model built by plantest.Synthetic; schema prints the
// JSON Schema of model, rollout policy or scenario files, for editors. The policy file is this
// tool's own format, so its schema (policy.schema.json, "$id"
// https://github.com/tenantplan/tenantplan/examples/tenantplan/policy.schema.json) lives here;
// like model and scenario files, a policy file may name it in a "$schema" key, which is ignored.
//
// Flags and positional arguments may come in any order; "--" ends the flags. Each command has
// its own flag.FlagSet; repeatable flags (--tenant, --tag, --override) are flag.Values.
//
// # Exit codes
//
//	0  success
//	1  findings: the model is invalid, a scenario check failed, or diff found differences
//	2  usage error: unknown command or flag, missing or extra arguments, bad flag value
//	3  input error: a file cannot be read or is malformed, or the request names something the
//	   model does not have
//
// Errors go to standard error, each with its location: "FILE:LINE:COLUMN: message" for
// malformed JSON, "FILE: PATH: message [code]" for a problem of the model (PATH such as
// tenants[3].tags[1]), "request FIELD: message [code]" for a request the model cannot answer.
// While a model of more than 10,000 tenants is compiled, a progress line appears on standard
// error when it is a terminal.
//
// Decision: diff exits 1 when the plans differ, like diff(1), so that a CI step can fail on a
// change; "No cell changed." with exit 0 means equal plans.
//
// Decision: a scenario path that cannot be read counts as one failed check (exit 1), as the
// scenario format asks, not as an input error.
//
// Decision: validation problems go to standard error like every other error; standard output
// gets the one-line summary of a valid model, so that "tenantplan validate m.json >/dev/null"
// still shows the problems.
//
// Decision: --at is optional everywhere: without it no freeze applies, as in the scenario
// format. The tool never reads the clock to decide a plan.
//
// # Concurrency
//
// The command runs one request at a time; run may be called from several goroutines at once
// (it keeps no state of its own), which the tests rely on.
package main
