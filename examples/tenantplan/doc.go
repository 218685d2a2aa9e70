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
//
// validate reports every problem of a model (§3.3 and the model format) with its location;
// plan answers a deploy request (§8.1, §8.2); matrix is the "why not" view (§8.3); explain
// gives every check of one cell (§7.3), the phase facts (§4) and, with --variables, the
// provenance of each variable (§6.11) with secrets masked (§6.10); rollout plans waves by ring
// (§9) from a JSON policy with the keys of the scenario format's rollout check plus start and
// waveDuration; diff compares plans (§8.6) and prints Markdown for a pull request; check runs
// scenario files; generate writes a synthetic model built by plantest.Synthetic.
//
// Flags and positional arguments may come in any order; "--" ends the flags. Each command has
// its own flag.FlagSet; repeatable flags (--tenant, --tag, --override) are flag.Values.
//
// # Exit codes
//
//	0  success
//	1  findings: the model is invalid, a scenario check failed, or diff found differences
//	2  usage error: unknown command or flag, missing or extra arguments, bad flag value
//	3  input error: a file is missing, cannot be read, is not a regular file, is larger than the
//	   input limit, is not well-formed JSON or is the wrong kind of file (a scenario file given as
//	   a model, a model given as a plan, ...), or the request names something the model does not
//	   have
//
// An invalid model (well-formed JSON that breaks the rules of the model) is a finding, exit 1, for
// every command; a file that is not a well-formed model at all is an input error, exit 3. check
// runs every scenario file it can and prints "N passed, M failed" for their checks; when a path
// cannot be run as a scenario file (missing, unreadable, malformed, not a scenario, a folder
// without *.json files) it says so on standard error and exits 3 whatever the checks gave.
//
// # Input files
//
// Only regular files are read (symbolic links are followed): a folder, a named pipe (FIFO), a
// device such as /dev/zero or a socket where a file is expected is an input error, at once, so
// that the tool never waits for a writer nor reads an endless device. A file larger than the
// input limit is an input error before it is read; the limit is 256 MiB by default, and
// --max-input SIZE (a number of bytes with an optional unit B, KiB, MiB, GiB or TiB, like
// 512MiB) sets it for every file of a command.
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
// Decision: a scenario path that cannot be read or run makes check fail with exit 3 (an input
// error) rather than 1, so that a typo in a CI path is not mistaken for a failing rule; it is not
// counted in "N passed, M failed", which counts checks.
//
// Decision: a file's kind is told from its top-level keys ("checks": scenario file, "deploy":
// deploy plan, "rows": matrix, "rings": rollout policy, a key of the model format: model), and
// only to explain a file that did not decode as the kind wanted; a model that merely has
// mistakes, such as a misspelt key, stays an invalid model.
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
