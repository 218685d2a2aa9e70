package model

import _ "embed" // the JSON Schema of the model file

// SchemaID is the "$id" of the model file's JSON Schema (draft 2020-12). Put it in a model file as
//
//	{"$schema": "https://github.com/tenantplan/tenantplan/plan/model/schema.json", ...}
//
// and an editor that knows the schema offers completion, shows each key's documentation and flags
// unknown keys and values of the wrong type. The address names the schema; nothing is fetched from
// it: give an editor the schema's text (JSONSchema, or `tenantplan schema model`) as a local file.
const SchemaID = "https://github.com/tenantplan/tenantplan/plan/model/schema.json"

//go:embed schema.json
var schema string

// JSONSchema returns the JSON Schema (draft 2020-12) of the model file, with its "$id" SchemaID
// and a description on every key. It describes the shape that Decode accepts: the keys of each
// object, which of them are required, and the JSON type of every value; and, where the format has
// a closed list of values (tag set types, tenancy, outcomes, recurrence units, days, grant
// actions), that list, for completion. Whether names refer to something that exists, and the
// other rules of the format, are checked by package plan when it compiles a model.
//
// Decision: the schema allows null only where the format gives null a meaning (a template's
// default and a tenant's value: no value). Decode also reads null elsewhere as an absent key, as
// encoding/json does; an editor flags it, because it is never needed.
//
// Each call returns a new copy, which the caller may modify.
func JSONSchema() []byte { return []byte(schema) }
