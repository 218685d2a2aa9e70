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
// # Rules
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
// number order, see ComparePaths). At most Options.MaxErrors (default 1,000) are listed; past the
// cap they are only counted, at no cost, and one final ErrLimit entry says how many more there
// are. A path is only built for a problem that is listed, and keys and values quoted in messages
// and paths are cut to 64 bytes, so that no input makes a message larger than a few kilobytes per
// problem. Time and memory are linear in the input.
//
// The stable codes of the problems (Error.Code) are "unknown-field" (ErrUnknownField), "limit"
// (ErrLimit) and "invalid-value" (everything else, including ErrDuplicateKey and ErrInvalidUTF8,
// which wrap ErrInvalidValue).
//
// DecodeInto applies the same rules to any Go type made of the same parts, such as the rollout
// policies of the command line and the scenario files of package scenario.
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
// Decision: the decoder shares the allocation of equal short strings seen recently (a small
// cache, not a table of every string), so that the names a model repeats thousands of times cost
// one allocation while a model of unique strings costs no more than without it.
//
// # Concurrency
//
// The functions of this package are safe for concurrent use; they keep no state between calls. A
// *File is plain data: do not modify it while another goroutine reads it, and do not modify the
// input while it is being decoded.
package model
