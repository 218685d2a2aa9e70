// Command tenantplan plans tenant-aware releases from a tenantplan model file, for custom tooling
// and CI. It is built only on the public API of the library (packages plan, plan/model,
// plan/octopus, plan/scenario, plan/plantest, tags and variables).
//
//	tenantplan validate MODEL [--limit N]
//	tenantplan plan MODEL --project P --release V --environment E [--tenant T]... [--tag TAG]...
//	                [--expr EXPR] [--all] [--untenanted] [--skip-current] [--override FREEZE]...
//	                [--at TIME | --ignore-freezes] [--as PRINCIPAL] [--policy POLICY] [--limit N]
//	tenantplan matrix MODEL --project P --release V [--at TIME | --ignore-freezes] [--as PRINCIPAL]
//	                [--limit N]
//	tenantplan explain MODEL --project P --release V --environment E [--tenant T] [--variables]
//	                [--at TIME | --ignore-freezes] [--as PRINCIPAL]
//	tenantplan rollout MODEL POLICY [--at TIME | --ignore-freezes] [--limit N]
//	tenantplan diff BEFORE.json AFTER.json
//	tenantplan diff MODEL_A MODEL_B --project P --release V [--environment E] [--untenanted]
//	                [--at TIME | --ignore-freezes] [--as PRINCIPAL]
//	tenantplan check FILE_OR_DIR...
//	tenantplan generate --tenants N --projects M [--seed S]
//	tenantplan schema model|policy|scenario
//	tenantplan import octopus DIR [--space SPACE] [--project NAME]... [--from TIME] [--to TIME]
//	                [-o FILE]
//	tenantplan import octopus --server URL [--space SPACE] [--page-size N] [--timeout D]
//	                [--tenant-variables legacy|per-tenant|both] [--project NAME]... [-o FILE]
//	tenantplan compare-octopus MODEL TEMPLATE.json --release V [--project P] [--at TIME] [--limit N]
//	tenantplan help [COMMAND]
//	tenantplan --version
//
// Every command takes --format table|json (see Output). "tenantplan help COMMAND" and
// "tenantplan COMMAND --help" print the usage and flags of a command; --version prints the
// module version the go command stamped in the binary (runtime/debug.ReadBuildInfo), or
// "(devel)" when there is none, as with go run. An unknown command or flag is a usage error that
// suggests the closest command or flag ("did you mean matrix?"): the closest by edit distance
// (the library's own "did you mean" rule), else the only one the given name is a prefix of.
// Every command that reads files also takes --max-input SIZE (see Input files).
//
// validate reports every problem of a model with its location; plan answers a deploy request
// (which selected tenants are deployed, skipped or rejected, and why); matrix is the "why not"
// view of a project; explain gives every check of one cell, the lifecycle phases and, with
// --variables, where each variable's value comes from, with secrets masked; rollout plans waves
// by ring from a JSON policy with the keys of the scenario format's rollout check plus start and
// waveDuration; diff compares plans and prints Markdown for a pull request; check runs scenario
// files; generate writes a synthetic model built by plantest.Synthetic; schema prints the JSON
// Schema of model, rollout policy or scenario files, for editors; import octopus turns a folder of
// Octopus Server REST responses into a model (see From Octopus Server); compare-octopus compares a
// model with Octopus's own answer for a release. The policy file is this tool's own format, so its
// schema (policy.schema.json, "$id"
// https://github.com/tenantplan/tenantplan/examples/tenantplan/policy.schema.json) lives here;
// like model and scenario files, a policy file may name it in a "$schema" key, which is ignored.
//
// # Output
//
// --format table, the default, writes tables for people ("text" is another name for it, which
// explain and diff used first); --format json writes one JSON document to standard output: the
// library's JSON for plan, matrix, explain, rollout (a gate's soak written as a duration, "24h")
// and diff; for validate, the file, whether it is valid, the counts of a valid model (left out
// when it is not) and "errors", every problem with its code, path (and line and column for
// malformed JSON) and message, an unreadable file being one error of code "input-error"; for
// check, the counts, every check of every file and "errors", each difference of a failed check
// (code "failed-check", path "checks[i]") and each path that could not be run ("input-error"); for
// compare-octopus, the counts and every disagreement with both answers (Octopus "promote" or
// "no-promote"; tenantplan "deployable", "blocked" or "no-cell") and tenantplan's reasons as the
// other commands write them, or for a cell the model lacks a "note" that says why. generate,
// schema and import write JSON documents whatever the flag, so they take json alone. The exit code
// does not depend on the format, and standard error still gets a one-line summary of what went
// wrong.
//
// Tables stay readable at any scale:
//
//   - plan, matrix and rollout lead with a summary: the counts, and the reasons counted by code,
//     the most common first (a cell with several reasons counts under each).
//   - A cell longer than 100 characters is cut and ends with "…"; a list in a cell (the tenants
//     of a wave, the lists under a rollout) keeps the names that fit and ends with "… N more";
//     a reason's message wraps over at most 4 lines. Control characters in names are escaped as
//     in a Go string, so that a tab or a newline cannot break a table. No line of a table is
//     longer than 102 characters a column.
//   - --limit N (validate, plan, matrix, rollout, compare-octopus) lists at most N rows (problems,
//     tenants, waves and never deployable cells, disagreements) and ends with a line
//     "… M more tenant(s) (--limit N)". 0, the default, lists every row.
//   - The matrix prints each cell as the quickstart (examples/quickstart) does: the current
//     release ("-": none), then "ok" when the release can be deployed there, "done" when it is
//     there already, or a word for the first reason ("+" when there are more); "." marks an
//     environment the tenant is not connected to. A legend under the grid spells out the words
//     it used, in the quickstart's words.
//   - Durations print as people write them: 24h, 1h30m, 2m, not 24h0m0s.
//   - explain --variables writes each variable on lines of its own: "value:" (after
//     substitution, secrets masked), "from:" (where it is written, and its scope), "written:"
//     (the text in the model, before substitution) and a "beats:" line for each value it won
//     over, with "because" and the reason. Every value is quoted as a Go string, so a quote or a
//     newline inside is escaped and a value cannot be mistaken for the template or a name.
//
// Long work (loading a model of more than 10,000 tenants, generating one, importing) shows a
// progress line on standard error when standard error is a terminal (a character device, told
// by its Stat), and never when it is a pipe or a file, so that scripts and logs see none.
//
// # The synthetic model
//
// generate writes the model of plantest.Synthetic: environments Dev, Test, Staging and
// Production, projects Mojo, Portal, Billing and so on, releases 1.0.0 to 1.4.0 with the default
// 5 releases (a beta and a hotfix among them), tenants in the upgrade rings Tester, Early
// adopter, Stable and Pinned. Its history takes 1.0.0 through Dev, Test and Staging; with the
// default history (no --deployments), generate also puts each project's latest release of its
// default channel in progress: the tenants of the Tester and Early adopter rings have it in
// every environment but Production, the others in Dev. That release is the one to try first:
//
//	tenantplan generate --tenants 100000 --projects 3 --seed 1 > big.json
//	tenantplan matrix big.json --project Mojo --release 1.4.0
//
// it can go to Production for the early rings and to Test for the others, where every other
// release is blocked by lifecycle.
//
// # Time and freezes
//
// A person who asks to deploy now means now, so the tool checks freezes at the time it runs
// unless told otherwise. This is the one place where tenantplan reads the clock: the library
// takes the time as an input, and its zero time means that no freeze applies.
//
//   - plan, matrix, explain and diff of two models check freezes at --at, which is "now" (the
//     default: the system clock, in UTC, cut to the second) or an RFC 3339 time.
//   - --ignore-freezes plans as if no freeze applied: it passes the library's zero time. Giving
//     it with --at is a usage error. To let one freeze through, name it with --override FREEZE
//     (plan, explain) instead.
//   - rollout times its waves only when the policy has a waveDuration; the first wave may start at
//     --at when given, else at the policy's start, else now, and every wave is moved past the
//     freezes of its cells. With --ignore-freezes the waves are not timed at all (the library
//     times waves only as a search for times outside freezes), whatever the policy's start.
//   - check runs scenario files as they are written: a check without "at" sees no freeze.
//
// The table outputs of plan and matrix say which time was used ("at 2026-06-02T09:00:00Z" or
// "ignoring freezes"); the JSON plan records it as "at".
//
// Flags and positional arguments may come in any order; "--" ends the flags. Each command has
// its own flag.FlagSet; repeatable flags (--tenant, --tag, --override) are flag.Values.
//
// # From Octopus Server
//
// import octopus DIR reads the folder of Octopus REST responses that package plan/octopus
// documents (examples/octopus/collect.sh fetches it) and writes the model as JSON to standard
// output, or to the file of -o. Everything the import left out or approximated goes to standard
// error, one entry a line ("DIR/FILE JSON-PATH: kind: why"), followed by a summary line. --space
// chooses the space (default: the folder's only one), --project (repeatable, a name or an Id)
// the projects, --from and --to the window of deployment history. Every file of the folder must
// be a regular file within the input limit, as for every other input; a folder that cannot be
// imported (missing, a required collection missing, malformed JSON, a page of the wrong type,
// duplicate ids, another space) is an input error naming the file and the place in it.
//
// import octopus --server URL fetches the same collections from the server itself, with the API
// key of the environment variable OCTOPUS_API_KEY (sent as X-Octopus-ApiKey; a missing key is a
// usage error), into memory, and imports them: --space defaults to Spaces-1, the paged endpoints
// are read with skip and take in pages of --page-size (default 500), and --tenant-variables
// chooses the legacy shape (one request, the default), the newer per-tenant endpoints (two
// requests per tenant; a tenant answering 404 is left to the legacy shape) or both. Each response
// is bounded by the input limit, the space in all by the import's 2 GiB, each request by
// --timeout (default two minutes); a required collection that cannot
// be fetched is an input error naming the URL and the HTTP status, an optional one is skipped with
// a line on standard error. Only the command line tool talks to a server: the library reads a
// folder.
//
// compare-octopus MODEL TEMPLATE.json --release V compares the matrix of the release with a
// saved response of GET /api/{space}/releases/{id}/deployments/template: Octopus lists, per
// tenant (TenantPromotions), the environments the release can be promoted to. For every cell
// where the two disagree it prints Octopus's answer, tenantplan's, and tenantplan's reasons; a
// tenant or environment the template names that the model does not have is a disagreement too
// ("no cell"). --project may be left out when one project of the model has the release. The
// template's PromoteTo (untenanted) is compared only when the project allows untenanted
// deployments.
//
// Decision: a non-empty import report is not a failure: import exits 0 whenever it wrote the
// model, since almost every real space has something the model cannot hold (and the report says
// what). Only an imported model that does not compile exits 1, written all the same.
//
// Decision: compare-octopus applies no freeze unless --at is given: a saved template is a
// snapshot of where a release can go, which Octopus does not narrow by deployment freezes, and a
// comparison should not change with the clock. It exits 1 when the two disagree, like diff.
//
// # Exit codes
//
//	0  success
//	1  findings: the model is invalid, a scenario check failed, diff found differences, or
//	   compare-octopus found cells where tenantplan and Octopus disagree
//	2  usage error: unknown command or flag, missing or extra arguments, bad flag value
//	3  input error: a file is missing, cannot be read, is not a regular file, is larger than the
//	   input limit, is not well-formed JSON or is the wrong kind of file (a scenario file given as
//	   a model, a model given as a plan, ...), or the request names something the model does not
//	   have; for import, a folder that cannot be imported
//
// An invalid model (well-formed JSON that breaks the rules of the model) is a finding, exit 1, for
// every command; a file that is not a well-formed model at all is an input error, exit 3. check
// runs every scenario file it can and prints "N passed, M failed" for their checks; when a path
// cannot be run as a scenario file (missing, unreadable, malformed, not a scenario, a folder
// without *.json files) it says so on standard error and exits 3 whatever the checks gave.
//
// # Input files
//
// The file name "-" reads standard input, within the same limit, for any one file of a command (a
// model, a policy, a scenario, a plan or a template): "generate ... | tenantplan validate -".
// Giving "-" twice to one command is a usage error, as standard input can be read only once.
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
// tenants[3].tags[1]), and for a request the model cannot answer "--FLAG: message [code]" naming
// the flag that gave the value (--tenant, --expr, --as, ...) or "POLICY: KEY: message [code]"
// naming the key of a rollout policy file (rings[0].tags).
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
// Decision: --ignore-freezes passes the zero time rather than overriding every freeze by name,
// so that it means exactly what the library's zero time means, and the plan shows no time.
//
// Decision: the clock is read once per use, cut to whole seconds, so that outputs are readable
// and stable within a second; a freeze boundary inside a second is seen at that second's start.
//
// Decision: --at given on the command line wins over the start of a rollout policy file, as a
// flag wins over a file elsewhere.
//
// Decision: a reason's need and have are always in its JSON (0 for codes other than lifecycle),
// so that a lifecycle reason keeps "have": 0; the JSON cannot tell an absent count from a zero
// one otherwise.
//
// Decision: --limit has no default: a table lists every row unless asked, as before; the
// summary at its top and the cut cells keep a big output readable and every line bounded.
//
// Decision: importing always counts as long work (it reads a folder or a server), so it shows
// its progress line on a terminal whatever the size of the space.
//
// # Concurrency
//
// The command runs one request at a time; run may be called from several goroutines at once
// (it keeps no state of its own), which the tests rely on.
package main
