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
