// Package model holds the Go types of the tenantplan model file (the JSON interchange format
// described in the specification's model-format.md) and its strict decoder.
//
// A model file describes one space: environments, tag sets, lifecycles, libraries, projects,
// tenants, targets, releases, deployments, freezes and principals, all referenced by name. This
// package only decodes and encodes: it checks the shape of the JSON (no unknown keys, the right
// JSON type for every value) and reports every problem it finds at once, each with a JSON-path-like
// location such as tenants[3].tags[1]. The meaning of the model (unknown names, duplicates,
// lifecycle rules, ...) is checked by package plan when it compiles a model; only a compiled model
// reaches the planner.
//
// Keys are matched exactly (camelCase, as the format gives them): unlike encoding/json, "Name" does
// not match the key "name". A misspelt key is an error with code unknown-field, never silently
// ignored, and its message suggests the closest known key.
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
// # Concurrency
//
// Decode is safe for concurrent use. A *File is plain data: do not modify it while another
// goroutine reads it.
package model
