package scenario

import _ "embed" // the JSON Schema of the scenario file

// SchemaID is the "$id" of the scenario file's JSON Schema (draft 2020-12). Put it in a scenario
// file as
//
//	{"$schema": "https://github.com/tenantplan/tenantplan/plan/scenario/schema.json", ...}
//
// and an editor that knows the schema offers completion for the checks, their questions and their
// wanted answers, and for the model inside. The address names the schema; nothing is fetched from
// it: give an editor the schema's text (JSONSchema, or `tenantplan schema scenario`) as a local
// file.
const SchemaID = "https://github.com/tenantplan/tenantplan/plan/scenario/schema.json"

// schema.json is generated: the scenario part is written in schema.in.json, and the model file's
// schema (package model) is bundled into its "$defs", so that the schema stands alone. After
// changing either, run: go test ./plan/scenario -run TestJSONSchema_Bundle -update

//go:embed schema.json
var schema string

// JSONSchema returns the JSON Schema (draft 2020-12) of the scenario file, with its "$id"
// SchemaID and a description on every key. It describes the shape that Run accepts: the keys of
// the file, of each check and of each kind of question and of wanted answer, and the JSON type of
// every value; that a check has exactly one kind and a want; and, for the model, the model file's
// schema (model.JSONSchema), bundled in. Whether the answers hold is what Run checks.
//
// Decision: the questions of the checks require no key, as Run does not: a request that leaves
// out its project, say, gets the error of naming no project, which a check may want.
//
// Each call returns a new copy, which the caller may modify.
func JSONSchema() []byte { return []byte(schema) }
