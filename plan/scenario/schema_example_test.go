package scenario_test

import (
	"encoding/json"
	"fmt"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// A scenario file may name its JSON Schema in "$schema" for editors; the runner ignores it. The
// schema bundles the model file's schema, so the model inside is completed and checked too.
func ExampleJSONSchema() {
	var s struct {
		ID   string                     `json:"$id"`
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(scenario.JSONSchema(), &s); err != nil {
		panic(err)
	}
	_, hasModel := s.Defs["model"]
	fmt.Println(s.ID == scenario.SchemaID, hasModel)

	r := scenario.Run("gold.json", []byte(`{
	  "$schema": "`+scenario.SchemaID+`",
	  "model": {"tagSets": [{"name": "Tier", "tags": ["Gold"]}], "tenants": [{"name": "Acme", "tags": ["Tier/Gold"]}]},
	  "checks": [{"expression": "Tier/Gold", "want": {"tenants": ["Acme"]}}]
	}`))
	fmt.Println(scenario.Summary([]scenario.Result{r}))
	// Output:
	// true true
	// 1 passed, 0 failed
}
