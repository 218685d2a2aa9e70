package model_test

import (
	"encoding/json"
	"fmt"

	"github.com/tenantplan/tenantplan/plan/model"
)

// A model file names its JSON Schema in "$schema" for editors; Decode keeps it in File.Schema and
// the planner ignores it. The schema itself is what `tenantplan schema model` prints.
func ExampleJSONSchema() {
	var s struct {
		ID    string `json:"$id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(model.JSONSchema(), &s); err != nil {
		panic(err)
	}
	fmt.Println(s.Title)
	fmt.Println(s.ID == model.SchemaID)

	f, err := model.Decode([]byte(`{"$schema": "` + model.SchemaID + `", "environments": ["Dev"]}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Schema)
	// Output:
	// tenantplan model file
	// true
	// https://github.com/tenantplan/tenantplan/plan/model/schema.json
}
