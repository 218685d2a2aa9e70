package variables_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/variables"
)

// BenchmarkReplaceHeavy: Replace with a regular expression of about 2,000 instructions over
// inputs of 256 KiB and 1 MiB. Both run into the work budget (Options.MaxWork), so the cost is
// bounded by the budget, not by input length times program size.
func BenchmarkReplaceHeavy(b *testing.B) {
	heavy := strings.Repeat("(?:a?b?c?d?e?)", 150) + "z"
	for _, size := range []int{1 << 18, 1 << 20} {
		b.Run(fmt.Sprintf("input=%d", size), func(b *testing.B) {
			vars := plainVars("A", strings.Repeat("abcde", size/5))
			text := "#{A | Replace " + quoteArg(heavy) + " x}"
			b.ReportAllocs()
			for b.Loop() {
				if _, err := variables.Substitute(text, vars, variables.Options{}); err == nil {
					b.Fatal("want the work limit")
				}
			}
		})
	}
}

// BenchmarkResolveManyExpansions: n variables each expanding a 65 KB value 16 times (1 MiB
// each), for n = 300 and 3,000. The total output budget of one resolution (Options.MaxTotalSize,
// 64 MiB) stops both at the same point, so neither costs gigabytes.
func BenchmarkResolveManyExpansions(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run(fmt.Sprintf("variables=%d", n), func(b *testing.B) {
			vars := []variables.Variable{{Name: "Big", Value: variables.Plain(strings.Repeat("x", 65_000))}}
			for i := range n {
				vars = append(vars, variables.Variable{Name: fmt.Sprintf("V%04d", i), Value: variables.Plain(strings.Repeat("#{Big}", 16))})
			}
			p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: vars})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Resolve(variables.Context{Environment: "Dev"}, variables.Options{}); err == nil {
					b.Fatal("want the total size limit")
				}
			}
		})
	}
}
