package variables_test

import (
	"fmt"
	"testing"

	"github.com/tenantplan/tenantplan/variables"
)

// BenchmarkNewProject compiles a valid project of 1,000 plain variables and 100 templates, in a
// library and in the project: the paths of problems cost nothing when there is none.
func BenchmarkNewProject(b *testing.B) {
	var vars []variables.Variable
	var tmpls []variables.Template
	for i := range 1000 {
		vars = append(vars, variables.Variable{Name: fmt.Sprintf("Var.%d", i), Value: variables.Plain("v")})
	}
	for i := range 100 {
		tmpls = append(tmpls, variables.Template{Name: fmt.Sprintf("Tmpl.%d", i)})
	}
	spec := variables.ProjectSpec{Name: "P", Variables: vars, Templates: tmpls,
		Libraries: []variables.Library{{Name: "Lib", Variables: vars, Templates: tmpls}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := variables.NewProject(spec); err != nil {
			b.Fatal(err)
		}
	}
}
