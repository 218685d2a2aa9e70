package lifecycle

import (
	"regexp/syntax"
	"testing"
)

// TestProgSize_CountsTheCompiledProgram: progSize counts what syntax.Compile produces, exactly
// but for stars of patterns that match empty; compiledSize is the real count.
func TestProgSize_CountsTheCompiledProgram(t *testing.T) {
	for _, p := range []string{
		"", "^$", "a", "abc", "^beta", "rc", `^(alpha|beta|rc)\.\d+$`, "[a-z]{10}", "[a-z]{3,7}",
		"(ab){2,}", "a{0}", "x*y+z?", "(?i)Beta", "a|b|c", "(a|)", "[a-z]{1000}", `\bx\B`, ".", "(?s).",
		"((a{2}){3}){4}", "(a*)*", "a{2,5}?", "(?:ab)+|c{0,3}",
	} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		real := len(prog.Inst)
		if got := progSize(re, -1) + 2; got > real || 2*got < real {
			t.Errorf("progSize(%q) = %d, compiled: %d instructions", p, got, real)
		}
		if got := compiledSize(re, -1); got != real {
			t.Errorf("compiledSize(%q) = %d, compiled: %d instructions", p, got, real)
		}
		if got := compiledSize(re, real); got != real {
			t.Errorf("compiledSize(%q, %d) = %d", p, real, got)
		}
		if got := compiledSize(re, real-1); got < real {
			t.Errorf("compiledSize(%q, %d) = %d, want over the limit", p, real-1, got)
		}
		if got := progSize(re, 5); got > 6 {
			t.Errorf("progSize(%q, 5) = %d: it should stop at 6", p, got)
		}
	}
}
