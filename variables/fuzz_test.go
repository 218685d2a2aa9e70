package variables_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tenantplan/tenantplan/variables"
)

// nested finds a binding inside a binding.
var nested = regexp.MustCompile(`#\{[^}]*#\{`)

func FuzzSubstitute(f *testing.F) {
	for _, s := range []string{
		"Server=#{Server}", "##{X}", "#{A[#{B}]}", "#{if A == \"x\"}y#{else}z#{/if}", "#{each x in L}#{x}#{/each}",
		"#{A | Truncate 2 | ToUpper}", "#{#{#{", "#{unless B}u#{/unless}", "C# #{A}", "#{A | Replace (a+) $1$1}",
		"#{A}#{A}#{A}#{A}", "#{/if}", "#{A | Substring 1 2}",
		// Long runs of escapes, heavy and rescanning regular expressions, names inside a secret.
		strings.Repeat("##{", 200), "###{A}##{##{#{A}", `#{A | Replace "a*b|a" x}`, `#{L | Replace "(?m)^\b" ">"}`,
		`#{A | Replace "(a?){20}a{20}" x}`, "#{B}#{B | ToUpper}#{X[#{B}]}", `#{A | Replace #{B} "$1"}`,
		// The whole language: elseif chains, misspelt keywords, echoes, each over indexed
		// collections and JSON, JSON paths, calc, filtered operands, Match, .NET replacements.
		"#{if A}a#{elseif B}b#{else if L}l#{else}e#{/if}", "#{elsif A}", "#{/iff}", "#{}#{ }###{A}####{A}",
		"#{each a in Act}#{a}:#{a.Name}#{Octopus.Template.Each.Last}#{/each}", "#{each x in J.k}#{x}#{/each}#{J.k[1]}",
		"#{each x in J}#{x.Key}=#{x.Value}#{/each}", "#{calc (1 + A) * -2 / {B}}", "#{calc 1 +}", "#{if A | ToUpper != B | Match x}y#{/if}",
		`#{A | Replace "(a)(b)?" "$2o$1${x}$$$&$+$_"}`, "#{ | ToUpper}", "#{unless A}#{elseif B}#{/unless}",
	} {
		f.Add(s, "a,#{B}", "#{A}")
		f.Add(s, strings.Repeat("a", 300), "secret#{InsideSecret}")
	}
	// Arguments that open with a binding, Truncate's suffix, and values that read into themselves.
	f.Add("#{A | Replace #{B}#{A}}#{A | Truncate 1 #{B}x}", "a", "b")
	f.Add(`#{A.x}#{B.k}#{A[y]}`, `{"x": "#{A.y}", "y": "#{A.x}", "z": "#{A}"}`, `{"k": "#{B.k}#{B}"}`)
	opts := variables.Options{MaxDepth: 16, MaxSize: 4096, MaxTotalSize: 1 << 16, MaxWork: 200_000}
	f.Fuzz(func(t *testing.T, text, a, b string) {
		json := `{"k": [1, "` + a + `"], "o": {"x": "#{A}"}}`
		vars := map[string]variables.Value{"A": variables.Plain(a), "B": variables.Sensitive(b), "L": variables.Plain(a + "," + b),
			"J": variables.Plain(json), "Act[x].Name": variables.Plain(a), "Act[y].Name": variables.Sensitive(b)}
		r1, err1 := variables.Substitute(text, vars, opts)
		r2, err2 := variables.Substitute(text, vars, opts)
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) || r1.Text != r2.Text {
			t.Fatalf("not deterministic: %v / %v", err1, err2)
		}
		if err1 != nil {
			var te *variables.TemplateError
			if !errors.As(err1, &te) {
				t.Fatalf("error %T %v is not a *TemplateError", err1, err1)
			}
			src := map[string]string{"": text, "A": a, "B": b, "L": a + "," + b, "J": json, "Act[x].Name": a, "Act[y].Name": b}[te.Variable]
			if te.Offset < 0 || te.Offset > len(src) {
				t.Fatalf("offset %d outside %q", te.Offset, src)
			}
			if (te.Variable == "B" || te.Variable == "Act[y].Name") && (!te.Sensitive || te.Offset != 0) {
				t.Fatalf("error in the sensitive value gives a position: %v", te)
			}
			if codeOf(err1) == "" {
				t.Fatalf("error without a code: %v", err1)
			}
			return
		}
		if len(r1.Text.Reveal()) > opts.MaxSize {
			t.Fatalf("output of %d bytes over the limit", len(r1.Text.Reveal()))
		}
		// Names are reported only from the texts that are not secret (a computed name, in a text
		// with nested bindings, is made of several pieces; L is plain, though it holds b's text).
		for _, name := range r1.Unresolved {
			if !nested.MatchString(text) && !nested.MatchString(a+","+b) && !strings.Contains(text, name) && !strings.Contains(a, name) && !strings.Contains(a+","+b, name) && !strings.Contains(json, name) {
				t.Fatalf("unresolved name %q is not in a text that is not secret", name)
			}
		}
		for _, v := range r1.UnresolvedInSensitive {
			if v != "B" && v != "Act[y].Name" {
				t.Fatalf("unresolved in sensitive values: %q", r1.UnresolvedInSensitive)
			}
		}
		if !strings.Contains(text, "#{") && r1.Text.Reveal() != text {
			t.Fatalf("plain text changed: %q -> %q", text, r1.Text.Reveal())
		}
		if esc, err := variables.Substitute(variables.Escape(text), vars, variables.Options{}); err == nil && esc.Text.Reveal() != text {
			t.Fatalf("escape round trip: %q -> %q", text, esc.Text.Reveal())
		}
	})
}

// FuzzReplace: the metered Replace filter agrees with regexp.Regexp.ReplaceAllString whenever it
// stays within its budget.
func FuzzReplace(f *testing.F) {
	for _, s := range [][3]string{
		{"a", "banana", "o"}, {"a*b|a", "aaab aa", "x"}, {`(?m)^`, "a\nb\n", ">"}, {`\b`, "ab cd", "|"},
		{`(?P<n>a)(b)?`, "abaab", "${n}$2$$"}, {"", "héllo", "-"}, {`\B`, "\xffab\xfe", "."}, {`\Qa)`, "a)a)", "$0"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, expr, text, repl string) {
		re, err := regexp.Compile(expr)
		if err != nil || strings.Contains(text, "#{") {
			return
		}
		got, err := variables.Substitute("#{A | Replace "+quoteArg(expr)+" "+quoteArg(repl)+"}", plainVars("A", text), variables.Options{MaxWork: 1 << 20})
		if errors.Is(err, variables.ErrLimit) {
			return
		}
		if err != nil {
			t.Fatalf("Replace %q %q on %q: %v", expr, repl, text, err)
		}
		if want := dotnetReplaceAll(re, text, repl); got.Text.Reveal() != want {
			t.Fatalf("Replace %q %q on %q: got %q, want %q", expr, repl, text, got.Text.Reveal(), want)
		}
	})
}

// FuzzJSONPath: for a document encoding/json accepts, a path to a string member or element
// reads that string, and each over an array iterates its elements.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{`{"a": "x", "b": {"c": "y"}}`, `["p", "q", {"r": "s"}]`, `{"k": ["1", "2"], "n": null}`,
		`{"é": "ü", "a": "\u00e9\n\""}`, `[[["deep"]]]`, `{}`, `[]`, `{"a": true, "b": 1.5e3}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		var v any
		// Invalid UTF-8 stays as it is (encoding/json writes U+FFFD instead).
		if strings.Contains(doc, "#{") || !utf8.ValidString(doc) || json.Unmarshal([]byte(doc), &v) != nil {
			return
		}
		vars := map[string]variables.Value{"J": variables.Plain(doc)}
		opts := variables.Options{MaxWork: 1 << 20}
		check := func(path, want string) {
			got, err := variables.Substitute("#{J"+path+"}", vars, opts)
			if errors.Is(err, variables.ErrLimit) {
				return
			}
			if err != nil || got.Text.Reveal() != want {
				t.Fatalf("#{J%s} of %s: got %q, %v; want %q", path, doc, got.Text.Reveal(), err, want)
			}
		}
		switch v := v.(type) {
		case map[string]any:
			seen := map[string]int{}
			for k := range v {
				seen[strings.ToLower(k)]++
			}
			for k, m := range v {
				s, ok := m.(string)
				simple := k != "" && strings.IndexFunc(k, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) < 0
				if ok && simple && seen[strings.ToLower(k)] == 1 && strings.Count(doc, `"`+k+`"`) == 1 {
					check("."+k, s)
				}
			}
		case []any:
			for i, m := range v {
				if s, ok := m.(string); ok {
					check("["+strconv.Itoa(i)+"]", s)
				}
			}
			got, err := variables.Substitute("#{each x in J}.#{/each}", vars, opts)
			if err == nil && got.Text.Reveal() != strings.Repeat(".", len(v)) {
				t.Fatalf("each over %s: %q, want %d items", doc, got.Text.Reveal(), len(v))
			}
		}
	})
}
