package model_test

import (
	"fmt"

	"github.com/tenantplan/tenantplan/plan/model"
)

// Decode is strict: a misspelt key is an error with its path and a suggestion, never ignored.
func ExampleDecode() {
	_, err := model.Decode([]byte(`{"environments": ["Dev"], "tenants": [{"name": "Acme", "tagz": ["Tier/Gold"]}]}`))
	fmt.Println(err)
	f, err := model.Decode([]byte(`{"environments": ["Dev", "Prod"], "tenants": [{"name": "Acme"}]}`))
	fmt.Println(f.Environments, f.Tenants[0].Name, err)
	// Output:
	// tenants[0].tagz: unknown key "tagz" (did you mean "tags"?) [unknown-field]
	// [Dev Prod] Acme <nil>
}
