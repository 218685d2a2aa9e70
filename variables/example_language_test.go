package variables_test

import (
	"fmt"

	"github.com/tenantplan/tenantplan/variables"
)

// The language of Octopus templates beyond bindings: an elseif chain with a filtered operand,
// each over the steps of an indexed collection, paths into a JSON value, each over a JSON array,
// arithmetic and a .NET-style replacement.
func ExampleSubstitute_octostache() {
	vars := map[string]variables.Value{
		"Env":                            variables.Plain("STAGING"),
		"Octopus.Action[Web].Name":       variables.Plain("Deploy web"),
		"Octopus.Action[Database].Name":  variables.Plain("Migrate"),
		"Config":                         variables.Plain(`{"Db": {"Host": "db1", "Ports": [5432, 5433]}}`),
		"IPOffset[Secondary]":            variables.Plain("180"),
		"Package":                        variables.Plain("web-1.2.3"),
		"Octopus.Action[Database].Roles": variables.Plain("db"),
	}
	text := `#{if Env | ToLower == "production"}prod#{elseif Env | ToLower == "staging"}staging#{else}dev#{/if}
#{each a in Octopus.Action}#{a}: #{a.Name}#{if Octopus.Template.Each.Last == "False"}, #{/if}#{/each}
#{Config.Db.Host}:#{each p in Config.Db.Ports}#{p}#{unless Octopus.Template.Each.Last}/#{/unless}#{/each}
192.168.0.#{calc IPOffset[Secondary] + 1}
#{Package | Replace "^(\w+)-(.*)$" "$2 ($1)"}`
	res, err := variables.Substitute(text, vars, variables.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Text)
	// Output:
	// staging
	// Database: Migrate, Web: Deploy web
	// db1:5432/5433
	// 192.168.0.181
	// 1.2.3 (web)
}
