// Package schematest holds the test support shared by the tests of tenantplan's JSON Schemas:
// compiling a schema and validating documents with github.com/santhosh-tekuri/jsonschema/v6,
// checking that every property of a schema has a description, and drawing shape mutations of a
// JSON document (an unknown key, a value of the wrong JSON type, a removed key) for the properties
// that hold a schema and a decoder to the same shape.
//
// It is imported only by _test files, so the library itself does not depend on the validator.
//
// # Concurrency
//
// Everything here is safe for concurrent use; a *Validator is immutable once built.
package schematest
