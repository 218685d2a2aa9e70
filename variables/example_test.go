package variables_test

import (
	"errors"
	"fmt"

	"github.com/tenantplan/tenantplan/variables"
)

// Substitute expands bindings, conditionals, loops and filters; undefined names are echoed and
// reported.
func ExampleSubstitute() {
	vars := map[string]variables.Value{
		"Server":  variables.Plain("db.example.com"),
		"Env":     variables.Plain("Production"),
		"Regions": variables.Plain("eu,us"),
		"Product": variables.Plain("Octopus Deploy"),
	}
	res, err := variables.Substitute(
		`#{server}/#{Env | ToLower} #{if Env == "Production"}live#{else}test#{/if} `+
			`#{each r in Regions}[#{r}]#{/each} #{Product | Truncate 7} ##{Literal} #{Missing}`, vars, variables.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Text)
	fmt.Println(res.Unresolved)
	// Output:
	// db.example.com/production live [eu][us] Octopus... #{Literal} #{Missing}
	// [Missing]
}

// A reference cycle is an error that names it.
func ExampleSubstitute_cycle() {
	_, err := variables.Substitute("#{A}", map[string]variables.Value{
		"A": variables.Plain("#{B}"), "B": variables.Plain("#{A}"),
	}, variables.Options{})
	fmt.Println(err)
	var te *variables.TemplateError
	if errors.As(err, &te) {
		fmt.Println(te.Code())
	}
	// Output:
	// variable "B" at offset 0: reference cycle: A -> B -> A [cycle]
	// cycle
}

// A sensitive value prints as the mask everywhere; Reveal is the only way to its plaintext.
func ExampleSensitive() {
	pw := variables.Sensitive("hunter2")
	fmt.Println(pw, pw.String())
	fmt.Printf("%q %+v %#v\n", pw, struct{ Password variables.Value }{pw}, pw)
	fmt.Println(pw.Reveal())
	// Output:
	// ******** ********
	// "********" {Password:********} variables.Sensitive("********")
	// hunter2
}

// Resolve picks each name's most specific applicable value, fills in tenant values and
// substitutes; Missing lists the templates a tenant still has to fill.
func ExampleProject_Resolve() {
	p, err := variables.NewProject(variables.ProjectSpec{
		Name: "Shop",
		Variables: []variables.Variable{
			{Name: "LogLevel", Value: variables.Plain("Info")},
			{Name: "LogLevel", Value: variables.Plain("Warn"), Scope: variables.Scope{Environments: []string{"Production"}}},
			{Name: "HostURL", Value: variables.Plain("https://#{Tenant.Domain}")},
			{Name: "Conn", Value: variables.Plain("db=#{Tenant.Alias};pw=#{Db.Password}")},
		},
		Templates: []variables.Template{
			{Name: "Tenant.Domain", Default: variables.Plain("#{Tenant.Alias}.shop.example"), HasDefault: true},
			{Name: "Db.Password", Sensitive: true},
		},
		Libraries: []variables.Library{{Name: "Tenant details", Templates: []variables.Template{{Name: "Tenant.Alias"}}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	values := variables.TenantValues{
		Project: []variables.TenantValue{{Template: "Db.Password", Value: variables.Plain("s3cret"), Environments: []string{"Production"}}},
		Common:  map[string][]variables.TenantValue{"Tenant details": {{Template: "Tenant.Alias", Value: variables.Plain("acme")}}},
	}
	r, err := p.Resolve(variables.Context{Environment: "Production", Tenant: "Acme", Values: values}, variables.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"LogLevel", "HostURL", "Conn", "Octopus.Deployment.Tenant.Name"} {
		v, _ := r.Get(name)
		fmt.Printf("%s = %v\n", name, v)
	}
	ex, _ := r.Explain("LogLevel")
	fmt.Print(ex)
	fmt.Println("missing in Staging:", p.Missing("Staging", values))
	// Output:
	// LogLevel = Warn
	// HostURL = https://acme.shop.example
	// Conn = ********
	// Octopus.Deployment.Tenant.Name = Acme
	// LogLevel = "Warn": project variable [1] "Warn" (environments=[Production])
	//   beats project variable [0] "Info" (unscoped): less specific: lacks environment
	// missing in Staging: [Db.Password]
}

// Options bound one resolution; going over a limit is an error that names the option and its
// default.
func ExampleOptions() {
	vars := map[string]variables.Value{"A": variables.Plain("12345")}
	_, err := variables.Substitute("#{A}#{A}", vars, variables.Options{MaxSize: 8})
	fmt.Println(err)
	var te *variables.TemplateError
	if errors.As(err, &te) {
		fmt.Println(te.Code())
	}
	// Output:
	// text at offset 4: limit exceeded: expanded size over 8 bytes (Options.MaxSize, default 1 MiB) [limit]
	// limit
}

// A name written inside a sensitive value is text of the secret: it is not reported, the
// variable holding it is.
func ExampleSubstitute_sensitive() {
	vars := map[string]variables.Value{"Password": variables.Sensitive("hunter#{2}")}
	res, err := variables.Substitute("pw=#{Password} #{User}", vars, variables.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Text)
	fmt.Println(res.Unresolved, res.UnresolvedInSensitive)
	_, err = variables.Substitute("#{Password}", map[string]variables.Value{"Password": variables.Sensitive("hunter2#{")}, variables.Options{})
	fmt.Println(err)
	// Output:
	// ********
	// [User] [Password]
	// variable "Password" (sensitive value): invalid template syntax: unterminated "#{" [invalid-expression]
}
