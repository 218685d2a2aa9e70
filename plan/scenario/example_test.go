package scenario_test

import (
	"fmt"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// Keep rollout rules as data: a scenario holds a model and the answers it must give. Run one file
// with Run, a folder with RunFS, or every file of a folder from your own test with Test.
func ExampleRun() {
	file := []byte(`{
	  "description": "Gold tenants are selected, and only they",
	  "model": {
	    "tagSets": [{"name": "Tier", "tags": ["Gold", "Free"]}],
	    "tenants": [{"name": "Acme", "tags": ["Tier/Gold"]}, {"name": "Globex", "tags": ["Tier/Free"]}]
	  },
	  "checks": [
	    {"name": "gold", "expression": "Tier/Gold", "want": {"tenants": ["Acme"]}},
	    {"name": "typo", "expression": "Tier/Gild", "want": {"error": "unknown-tag"}},
	    {"name": "wrong on purpose", "expression": "Tier/*", "want": {"tenants": ["Acme"]}}
	  ]
	}`)
	r := scenario.Run("gold.json", file)
	fmt.Print(r.Report())
	fmt.Println(scenario.Summary([]scenario.Result{r}))
	// Output:
	// gold.json: check #2 "wrong on purpose" (expression): tenants: want [Acme], got [Acme, Globex]
	// 2 passed, 1 failed
}
