package variables_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/variables"
)

func TestSubstitute_Limits(t *testing.T) {
	bomb := map[string]variables.Value{"L0": variables.Plain("ha")}
	for i := 1; i <= 11; i++ {
		bomb[fmt.Sprintf("L%d", i)] = variables.Plain(strings.Repeat(fmt.Sprintf("#{L%d}", i-1), 10))
	}
	loops := plainVars("L", strings.Repeat("a,", 5000))
	tests := []struct {
		name string
		text string
		vars map[string]variables.Value
		opts variables.Options
	}{
		{"exponential expansion", "#{L11}", bomb, variables.Options{}},
		{"deep nesting of #{", strings.Repeat("#{", 1<<19), nil, variables.Options{}},
		{"deep blocks", strings.Repeat("#{if A}", 1000), nil, variables.Options{}},
		{"nested loops that write nothing", "#{each a in L}#{each b in L}#{each c in L}#{if a == \"b\"}x#{/if}#{/each}#{/each}#{/each}", loops, variables.Options{}},
		{"long chain", "#{V0}", chain(100), variables.Options{}},
		{"small size", "#{A}#{A}", plainVars("A", "12345"), variables.Options{MaxSize: 8}},
		{"filter growth", "#{A | HtmlEscape}", plainVars("A", strings.Repeat("&", 10)), variables.Options{MaxSize: 20}},
		{"replace growth", "#{A | Replace a aaaaaaaaaa}", plainVars("A", strings.Repeat("a", 10)), variables.Options{MaxSize: 50}},
		{"plain text over the size", strings.Repeat("x", 100), nil, variables.Options{MaxSize: 10}},
		{"depth option", "#{if A}#{if A}#{/if}#{/if}", nil, variables.Options{MaxDepth: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The limit error itself shows that evaluation stopped: without it each of these
			// runs for minutes or exhausts memory.
			_, err := variables.Substitute(tt.text, tt.vars, tt.opts)
			require.ErrorIs(t, err, variables.ErrLimit)
			require.Equal(t, "limit", codeOf(err))
		})
	}
	got, err := variables.Substitute("#{V0}", chain(30), variables.Options{})
	require.NoError(t, err)
	require.Equal(t, "end", got.Text.Reveal())
	_, err = variables.Substitute("#{V0}", chain(100), variables.Options{MaxDepth: 200})
	require.NoError(t, err)
}

func chain(n int) map[string]variables.Value {
	m := map[string]variables.Value{fmt.Sprintf("V%d", n): variables.Plain("end")}
	for i := range n {
		m[fmt.Sprintf("V%d", i)] = variables.Plain(fmt.Sprintf("#{V%d}", i+1))
	}
	return m
}

func TestSubstitute_DuplicateNames(t *testing.T) {
	_, err := variables.Substitute("#{a}", plainVars("A", "1", "a", "2"), variables.Options{})
	require.ErrorIs(t, err, variables.ErrDuplicateName)
	require.ErrorContains(t, err, `variables "A" and "a" differ only in letter case`)
}

func TestResolve_CycleAndTenantValueSyntaxErrors(t *testing.T) {
	p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: []variables.Variable{
		pv("A", "#{B}", variables.Scope{}), pv("B", "#{A}", variables.Scope{}), pv("C", "#{A}", variables.Scope{}),
	}, Templates: []variables.Template{{Name: "T"}}})
	require.NoError(t, err)
	_, err = p.Resolve(variables.Context{Environment: "Dev"}, variables.Options{})
	require.ErrorIs(t, err, variables.ErrCycle)
	require.Equal(t, "cycle", codeOf(err))
	require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 1, "one cycle reported once")

	p, err = variables.NewProject(variables.ProjectSpec{Name: "P", Templates: []variables.Template{{Name: "T"}}})
	require.NoError(t, err)
	_, err = p.Resolve(variables.Context{Tenant: "X", Values: variables.TenantValues{Project: []variables.TenantValue{
		{Template: "T", Value: variables.Plain("x#{y")}}}}, variables.Options{})
	require.ErrorIs(t, err, variables.ErrSyntax)
	require.ErrorContains(t, err, `variable "T" at offset 1`)
}

// TestLimits_ErrorNamesLimitAndDefault: every limit error names the option and its default.
func TestLimits_ErrorNamesLimitAndDefault(t *testing.T) {
	tests := []struct {
		name string
		text string
		vars map[string]variables.Value
		opts variables.Options
		want string
	}{
		{"depth", "#{if A}#{if A}#{/if}#{/if}", nil, variables.Options{MaxDepth: 1},
			"nesting deeper than 1 (Options.MaxDepth, default 64)"},
		{"variable depth", "#{V0}", chain(10), variables.Options{MaxDepth: 3},
			"variables nested deeper than 3 (Options.MaxDepth, default 64)"},
		{"size", "#{A}#{A}", plainVars("A", "12345"), variables.Options{MaxSize: 8},
			"expanded size over 8 bytes (Options.MaxSize, default 1 MiB)"},
		{"total size", "#{A}-#{A} #{A | ToUpper}", plainVars("A", strings.Repeat("a", 40)), variables.Options{MaxTotalSize: 100},
			"bytes produced over 100 (Options.MaxTotalSize, the total of one resolution, default 64 MiB)"},
		{"work", "#{each a in L}#{a}#{/each}", plainVars("L", "1,2,3,4,5,6,7,8,9"), variables.Options{MaxWork: 20},
			"evaluation work over 20 units (Options.MaxWork, the total of one resolution, default 8388608 units)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := variables.Substitute(tt.text, tt.vars, tt.opts)
			require.ErrorIs(t, err, variables.ErrLimit)
			require.ErrorContains(t, err, tt.want)
			// The defaults let the same text through.
			_, err = variables.Substitute(tt.text, tt.vars, variables.Options{})
			require.NoError(t, err)
		})
	}
	_, err := variables.NewProject(variables.ProjectSpec{Variables: []variables.Variable{
		{Name: "A", Value: variables.Plain(strings.Repeat("#{if A}", 1001))}}})
	require.ErrorIs(t, err, variables.ErrLimit)
	require.ErrorContains(t, err, "nesting deeper than 1000 (the fixed limit of NewProject")
}

// TestResolve_TotalBudget: the limits on bytes produced and work hold for a resolution as a
// whole, not for each variable, and the first excess ends it with one error.
func TestResolve_TotalBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("spends the whole default budget several times")
	}
	big := variables.Variable{Name: "Big", Value: variables.Plain(strings.Repeat("x", 65_000))}
	list := variables.Variable{Name: "L", Value: variables.Plain(strings.Repeat("a,", 100))}
	amp := variables.Variable{Name: "Amp", Value: variables.Plain(strings.Repeat("&", 65_000))}
	tests := []struct {
		name string
		each string // the value of each of the many variables
		n    int
		more variables.Variable
		want string
	}{
		// 80 values of 1 MiB each: each within Options.MaxSize, together over 64 MiB.
		{"bytes", strings.Repeat("#{Big}", 16), 80, big, "Options.MaxTotalSize"},
		// 500 values whose loops each spend about 22,000 units: together over 8 Mi units.
		{"work", "#{each a in L}#{each b in L}#{/each}#{/each}", 500, list, "Options.MaxWork"},
		// 400 filters that each read 65 KB and write 325 KB (about 25,000 units each).
		{"filters", "#{Amp | HtmlEscape | Truncate 1}", 400, amp, "Options.MaxWork"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := []variables.Variable{tt.more}
			for i := range tt.n {
				vars = append(vars, variables.Variable{Name: fmt.Sprintf("V%03d", i), Value: variables.Plain(tt.each)})
			}
			p, err := variables.NewProject(variables.ProjectSpec{Name: "P", Variables: vars})
			require.NoError(t, err)
			_, err = p.Resolve(variables.Context{Environment: "Dev"}, variables.Options{})
			require.ErrorIs(t, err, variables.ErrLimit)
			require.ErrorContains(t, err, tt.want)
			require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), 1, "evaluation stops at the first total limit")
			// A tenth of the variables is within the budget.
			p, err = variables.NewProject(variables.ProjectSpec{Name: "P", Variables: vars[:tt.n/10]})
			require.NoError(t, err)
			_, err = p.Resolve(variables.Context{Environment: "Dev"}, variables.Options{})
			require.NoError(t, err)
		})
	}
}

// codeOf returns the code of the first error in err's tree that has one, or "".
func codeOf(err error) string {
	var c interface{ Code() problem.Code }
	if errors.As(err, &c) {
		return string(c.Code())
	}
	return ""
}
