package variables_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/variables"
)

// languageShapes are inputs of size n for each feature family of the language, with the text
// that uses them.
var languageShapes = []struct {
	name string
	make func(n int) (string, map[string]variables.Value)
}{
	{"each indexed", func(n int) (string, map[string]variables.Value) {
		vars := make(map[string]variables.Value, n)
		for i := range n {
			vars[fmt.Sprintf("Octopus.Action[Step %d].Name", i)] = variables.Plain("s" + strconv.Itoa(i))
		}
		return "#{each a in Octopus.Action}#{a}=#{a.Name}#{if Octopus.Template.Each.Last == \"False\"},#{/if}#{/each}", vars
	}},
	{"each comma list", func(n int) (string, map[string]variables.Value) {
		return "#{each x in L}#{x}#{Octopus.Template.Each.First}#{/each}", plainVars("L", strings.Repeat("item,", n))
	}},
	{"each JSON", func(n int) (string, map[string]variables.Value) {
		items := make([]string, n)
		for i := range items {
			items[i] = `{"Name": "n` + strconv.Itoa(i) + `"}`
		}
		return "#{each x in J}#{x.Name};#{/each}", plainVars("J", "["+strings.Join(items, ",")+"]")
	}},
	{"JSON paths", func(n int) (string, map[string]variables.Value) {
		members := make([]string, n)
		for i := range members {
			members[i] = `"k` + strconv.Itoa(i) + `": ` + strconv.Itoa(i)
		}
		return strings.Repeat("#{J.k7}#{J[k3]}", n/8+1), plainVars("J", "{"+strings.Join(members, ",")+"}")
	}},
	{"calc", func(n int) (string, map[string]variables.Value) {
		return "#{calc 1" + strings.Repeat(" + A * (2 - 1)", n) + "}", plainVars("A", "3")
	}},
	{"elseif chain", func(n int) (string, map[string]variables.Value) {
		var b strings.Builder
		b.WriteString("#{if A == \"x\"}x")
		for i := range n {
			fmt.Fprintf(&b, "#{elseif A | ToUpper == \"%d\"}%d", i, i)
		}
		b.WriteString("#{else}none#{/if}")
		return b.String(), plainVars("A", "none")
	}},
	{"Match", func(n int) (string, map[string]variables.Value) {
		return `#{A | Match "b+c$"}`, plainVars("A", strings.Repeat("ab", n)+"c")
	}},
}

// TestLanguage_Linear: the cost of every feature family grows linearly with its input: each
// over an indexed collection, a comma list or a JSON array, paths into a JSON value, calc, a
// chain of elseif and Match.
func TestLanguage_Linear(t *testing.T) {
	for _, shape := range languageShapes {
		t.Run(shape.name, func(t *testing.T) {
			lineartest.Require(t, 500, 8, false, func(n int) func() {
				text, vars := shape.make(n)
				return func() {
					if _, err := variables.Substitute(text, vars, variables.Options{}); err != nil {
						t.Fatal(err)
					}
				}
			})
		})
	}
}

// TestEach_Iterations: each over N items, in any of its collection forms, runs N times with
// Index counting from 0, First True only for the first item and Last True only for the last.
func TestEach_Iterations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		shape := rapid.IntRange(0, 2).Draw(t, "shape")
		var want strings.Builder
		for i := range n {
			fmt.Fprintf(&want, "[%d %s %s]", i, dotnetBool(i == 0), dotnetBool(i == n-1))
		}
		text, vars := languageShapes[shape].make(n)
		text = text[:strings.Index(text, "}")+1] +
			"[#{Octopus.Template.Each.Index} #{Octopus.Template.Each.First} #{Octopus.Template.Each.Last}]#{/each}"
		got, err := variables.Substitute(text, vars, variables.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text.Reveal() != want.String() {
			t.Fatalf("%s, n=%d: got %q, want %q", languageShapes[shape].name, n, got.Text.Reveal(), want.String())
		}
	})
}

func dotnetBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// TestReplace_LiteralIsReplaceAll: Replace with a pattern that matches only itself, and a
// replacement without substitutions, is strings.ReplaceAll.
func TestReplace_LiteralIsReplaceAll(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		piece := rapid.SampledFrom([]string{"a", "b", ".", "*", "(", "é", " ", "$", "\\", "[", "\n"})
		s := strings.Join(rapid.SliceOf(piece).Draw(t, "s"), "")
		old := strings.Join(rapid.SliceOfN(piece, 1, 3).Draw(t, "old"), "")
		repl := strings.Join(rapid.SliceOf(piece).Draw(t, "new"), "")
		text := "#{A | Replace " + quoteArg(regexp.QuoteMeta(old)) + " " + quoteArg(strings.ReplaceAll(repl, "$", "$$")) + "}"
		got, err := variables.Substitute(text, plainVars("A", s), variables.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.ReplaceAll(s, old, repl); got.Text.Reveal() != want {
			t.Fatalf("Replace %q with %q in %q: got %q, want %q", old, repl, s, got.Text.Reveal(), want)
		}
	})
}

// BenchmarkLanguage: each feature family at two sizes.
func BenchmarkLanguage(b *testing.B) {
	for _, shape := range languageShapes {
		for _, n := range []int{100, 10_000} {
			b.Run(fmt.Sprintf("%s/n=%d", shape.name, n), func(b *testing.B) {
				text, vars := shape.make(n)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := variables.Substitute(text, vars, variables.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLanguageTemplate: one template that uses every new form once.
func BenchmarkLanguageTemplate(b *testing.B) {
	vars := plainVars(
		"Octopus.Action[Web].Name", "Deploy web", "Octopus.Action[Db].Name", "Deploy db",
		"Config", `{"Db": {"Host": "db1", "Ports": [5432, 5433]}}`, "Offset", "180", "Env", "Production",
		"Name", "octopus",
	)
	text := `#{if Env | ToLower == "test"}t#{elseif Env == "Production"}p#{else}o#{/if} ` +
		`#{each a in Octopus.Action}#{a}:#{a.Name}#{if Octopus.Template.Each.Last == "False"},#{/if}#{/each} ` +
		`#{Config.Db.Host}:#{Config.Db.Ports[0]} #{each p in Config.Db.Ports}#{p} #{/each}` +
		`192.168.0.#{calc Offset + 1} #{Name | Replace "o(.+)o([a-z]*)s" "o$2o$1s"} #{Name | Match "^oct"}`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := variables.Substitute(text, vars, variables.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLanguage_WorkBudget: the new forms draw on the work budget, so a hostile input stops with
// an error wrapping ErrLimit instead of running long: an each inside an each over large lists,
// a large JSON value read many times (as a collection, or as loop items read by path), a long calc, and Match with a heavy expression.
func TestLanguage_WorkBudget(t *testing.T) {
	big := strings.Repeat("x,", 3000)
	items := strings.Repeat(`{"a": [1, 2, 3]},`, 5000)
	for _, tc := range []struct {
		name, text string
		vars       map[string]variables.Value
	}{
		{"nested each", "#{each a in L}#{each b in L}.#{/each}#{/each}", plainVars("L", big)},
		{"JSON read again and again", strings.Repeat("#{each x in J}#{/each}", 2000), plainVars("J", "["+items+"{}]")},
		{"JSON paths into loop items", "#{each x in J}" + strings.Repeat("#{x[5000].a}", 20) + "#{/each}", plainVars("J", "[["+items+"{}],["+items+"{}]]")},
		{"calc", "#{calc 1" + strings.Repeat("+A", 200_000) + "}", plainVars("A", "1")},
		{"Match", `#{A | Match "` + strings.Repeat("(?:a?b?c?d?e?)", 150) + `z"}`, plainVars("A", strings.Repeat("abcde", 50_000))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := variables.Substitute(tc.text, tc.vars, variables.Options{MaxWork: 100_000})
			require.ErrorIs(t, err, variables.ErrLimit)
			require.Contains(t, err.Error(), "Options.MaxWork")
		})
	}
}
