package variables_test

import (
	"fmt"
	"testing"

	"github.com/tenantplan/tenantplan/variables"
)

// benchProject has 200 variables over 40 names scoped on 4 dimensions (environment, tenant tag,
// role, channel), 30 templates (20 project, 10 common) and values that bind each other.
func benchProject(b *testing.B) (*variables.Project, variables.Context) {
	var vars []variables.Variable
	for i := range 200 {
		name := fmt.Sprintf("Var.%d", i%40)
		value := fmt.Sprintf("value-%d", i)
		switch i % 5 {
		case 1:
			value = fmt.Sprintf("#{Var.%d}-#{Tmpl.%d}", (i+1)%40, i%20)
		case 2:
			value = fmt.Sprintf("x#{Octopus.Environment.Name | ToLower}#{if Var.%d}y#{/if}", (i+3)%40)
		}
		var scope variables.Scope
		switch i / 40 {
		case 1:
			scope.Environments = []string{"Dev", "Prod"}
		case 2:
			scope.TenantTags = []string{"Tier/Gold", "Region/EU"}
		case 3:
			scope.Roles = []string{"web"}
		case 4:
			scope.Channels = []string{"Default"}
		}
		vars = append(vars, variables.Variable{Name: name, Value: variables.Plain(value), Scope: scope})
	}
	var tmpls, common []variables.Template
	var tv variables.TenantValues
	for i := range 20 {
		tmpls = append(tmpls, variables.Template{Name: fmt.Sprintf("Tmpl.%d", i), Default: variables.Plain("d-#{Common.0}"), HasDefault: i%2 == 0})
		tv.Project = append(tv.Project, variables.TenantValue{Template: fmt.Sprintf("Tmpl.%d", i), Value: variables.Plain(fmt.Sprintf("t%d", i)), Environments: []string{"Prod"}})
	}
	tv.Common = map[string][]variables.TenantValue{}
	for i := range 10 {
		common = append(common, variables.Template{Name: fmt.Sprintf("Common.%d", i)})
		tv.Common["Lib"] = append(tv.Common["Lib"], variables.TenantValue{Template: fmt.Sprintf("Common.%d", i), Value: variables.Plain("c")})
	}
	p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: vars, Templates: tmpls,
		Libraries: []variables.Library{{Name: "Lib", Templates: common}}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := variables.Context{Project: "P", Environment: "Prod", Channel: "Default", Target: "m1", Roles: []string{"web"},
		Tenant: "T", TenantTags: []string{"Tier/Gold", "Region/EU"}, Values: tv}
	return p, ctx
}

func BenchmarkResolve(b *testing.B) {
	p, ctx := benchProject(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Resolve(ctx, variables.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubstitute(b *testing.B) {
	vars := plainVars("Server", "db.example.com", "Database", "#{Env}-main", "Env", "prod", "Flag", "True", "L", "a,b,c")
	text := "Server=#{Server};Database=#{Database | ToUpper};#{if Flag}Encrypt=true;#{/if}#{each x in L}[#{x}]#{/each}"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := variables.Substitute(text, vars, variables.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMissing is the planner's per-tenant check: 20 templates, half without a default.
func BenchmarkMissing(b *testing.B) {
	var tmpls []variables.Template
	var tv variables.TenantValues
	for i := range 20 {
		tmpls = append(tmpls, variables.Template{Name: fmt.Sprintf("Tenant.Setting.%d", i), Default: variables.Plain("d"), HasDefault: i%2 == 0})
		if i%3 != 0 {
			tv.Project = append(tv.Project, variables.TenantValue{Template: fmt.Sprintf("Tenant.Setting.%d", i), Value: variables.Plain("v"), Environments: []string{"Test", "Prod"}})
		}
	}
	p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Templates: tmpls})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Missing("Prod", tv)
	}
}

// BenchmarkParseEscapes compiles one value made of n "##{" escapes: the cost must grow
// linearly with n.
func BenchmarkParseEscapes(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			parse := parseEscapes(b, n)
			b.ReportAllocs()
			for b.Loop() {
				parse()
			}
		})
	}
}
