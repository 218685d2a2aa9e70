package main

import (
	_ "embed" // the JSON Schema of the rollout policy file

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/scenario"
)

// policySchemaID is the "$id" of the rollout policy file's JSON Schema. The policy file is the
// JSON form of plan.RolloutRequest plus "$schema"; the file is this tool's, so its schema lives here.
const policySchemaID = "https://github.com/tenantplan/tenantplan/examples/tenantplan/policy.schema.json"

//go:embed policy.schema.json
var policySchema string

// schemas are the JSON Schemas the schema command prints, by the name it takes.
var schemas = []struct {
	name string
	text func() []byte
}{
	{"model", model.JSONSchema},
	{"policy", func() []byte { return []byte(policySchema) }},
	{"scenario", scenario.JSONSchema},
}

// cmdSchema: schema model|policy|scenario prints the JSON Schema of a kind of file.
func cmdSchema(e *env, args []string) error {
	fs := newFlags(e, "schema", "schema model|policy|scenario\n\n"+
		"Prints the JSON Schema (draft 2020-12) of model files, rollout policy files or scenario files.\n"+
		"Save it beside your files and point your editor at it for completion and documentation.")
	fs.format("json")
	pos, err := parse(fs, args, 1, 1, "model, policy or scenario")
	if err != nil {
		return err
	}
	for _, s := range schemas {
		if s.name == pos[0] {
			_, err := e.stdout.Write(s.text())
			return err
		}
	}
	names := make([]string, len(schemas))
	for i, s := range schemas {
		names[i] = s.name
	}
	return usageErr("unknown schema %q: want model, policy or scenario%s", prob.Cut(pos[0]), didYouMean(pos[0], names))
}
