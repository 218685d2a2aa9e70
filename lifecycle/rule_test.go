package lifecycle_test

import (
	"regexp/syntax"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/lifecycle"
)

func TestRule_Allows(t *testing.T) {
	tests := []struct {
		name, rng, pre string
		allows, denies []string
	}{
		{"zero rule", "", "", []string{"1.0", "0.0.1-alpha"}, nil},
		{"stable 1.x", "[1.0,2.0)", "^$", []string{"1.0.1", "1.5.0+build"}, []string{"1.5.0-beta.1", "2.0", "0.9"}},
		{"beta", "[1.0,3.0)", "^beta", []string{"1.5.0-beta.1", "2.5.0-beta.2", "3.0.0-beta"}, []string{"1.5.0", "2.5.0-alpha", "3.0.0"}},
		// 3.0.0-beta < 3.0: plain precedence, no NuGet special case for pre-releases.
		{"2.x beta", "[2.0.0-0,3.0)", "^beta", []string{"2.0.0-beta.1"}, []string{"2.0.0", "1.0.1"}},
		{"pattern only", "", "^alpha", []string{"1.0.1-alpha.19"}, []string{"1.0.1", "1.0.1-beta"}},
		{"pattern is unanchored", "", "rc", []string{"1.0.0-pre-rc.1"}, []string{"1.0.0"}},
		{"legacy", "(,1.0)", "", []string{"0.9.1.7", "1.0.0-rc"}, []string{"1.0"}},
		{"pattern ignores build metadata", "", "^$", []string{"1.0.0+beta"}, []string{"1.0.0-beta+x"}},
		// Decision: the pattern ignores letter case, as the comparison of labels does.
		{"pattern ignores case", "", "^beta", []string{"1.0.0-Beta.1", "1.0.0-BETA"}, []string{"1.0.0-alpha", "1.0.0-ALPHA"}},
		{"upper-case pattern", "", "^RC[0-9]+$", []string{"1.0.0-rc1", "1.0.0-RC12"}, []string{"1.0.0-rc", "1.0.0-rc1.1"}},
		{"case across alternatives", "", "^alpha|^beta", []string{"1.0.0-ALPHA", "1.0.0-Beta"}, []string{"1.0.0-rc"}},
		{"range and pattern", "[1.0.0-beta,2.0.0)", "^(beta|rc)", []string{"1.0.0-RC1", "1.0.0-rc1", "1.0.0-Beta"}, []string{"1.0.0-ALPHA", "1.0.0"}},
		{"case sensitive on request", "", "(?-i)^beta", []string{"1.0.0-beta"}, []string{"1.0.0-Beta", "1.0.0-BETA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := lifecycle.NewRule(tt.rng, tt.pre)
			require.NoError(t, err)
			require.Equal(t, tt.pre, r.PreRelease())
			for _, v := range tt.allows {
				require.True(t, r.Allows(lifecycle.MustParseVersion(v)), v)
			}
			for _, v := range tt.denies {
				require.False(t, r.Allows(lifecycle.MustParseVersion(v)), v)
			}
		})
	}
	require.True(t, lifecycle.Rule{}.IsAny())
	require.True(t, lifecycle.Rule{}.Allows(lifecycle.MustParseVersion("1.0.0-x")))
}

func TestNewRule_Errors(t *testing.T) {
	tests := []struct {
		rng, pre string
		field    string
	}{
		{"[1.0", "", "versionRange"},
		{"banana", "", "versionRange"},
		{"", "(", "preRelease"},
		{"", "a**", "preRelease"},
	}
	for _, tt := range tests {
		t.Run(tt.field+tt.rng, func(t *testing.T) {
			_, err := lifecycle.NewRule(tt.rng, tt.pre)
			require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
			require.Contains(t, err.Error(), tt.field)
			require.Less(t, len(err.Error()), 400)
		})
	}
	_, err := lifecycle.NewRule("[1.0", "")
	var pe *lifecycle.ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 4, pe.Offset)
}

// TestRule_CaseOfPrereleaseDoesNotMatter: a rule gives versions that differ only in letter case
// the same answer, whatever the case of its range and pattern.
func TestRule_CaseOfPrereleaseDoesNotMatter(t *testing.T) {
	// Patterns whose letters may change case and stay valid (no letter ranges, no \d).
	patterns := []string{"", "^$", "^beta", "^BETA", "rc", "^(alpha|Beta)(\\.[0-9]+)?$", "[abc]", "^[^abcxyz]", "^A.*z$"}
	rapid.Check(t, func(t *rapid.T) {
		rng := rangeText().Draw(t, "range")
		pattern := rapid.SampledFrom(patterns).Draw(t, "pattern")
		r, err := lifecycle.NewRule(rng, pattern)
		require.NoError(t, err)
		flipped, err := lifecycle.NewRule(flipCase(t, rng), flipCase(t, pattern))
		require.NoError(t, err)
		v := versionGen().Draw(t, "v")
		w := lifecycle.MustParseVersion(flipCase(t, v.String()))
		require.Equal(t, r.Allows(v), r.Allows(w), "rule %s %s: %s and %s", rng, pattern, v, w)
		require.Equal(t, r.Allows(v), flipped.Allows(v), "rules %s and %s: %s", pattern, flipped.PreRelease(), v)
	})
}

// TestRule_FoldingCaseKeepsThePatternSize: the size limit of a pattern is counted on the pattern
// as written; matching it without regard to case compiles to as many instructions.
func TestRule_FoldingCaseKeepsThePatternSize(t *testing.T) {
	for _, p := range []string{"beta", "^[a-z]{10}$", "(alpha|beta|rc)\\.[0-9]+", "[^A-Z]+x*", "k", "s{3,5}", "(?-i)Ab|cD"} {
		size := func(flags syntax.Flags) int {
			re, err := syntax.Parse(p, flags)
			require.NoError(t, err)
			prog, err := syntax.Compile(re.Simplify())
			require.NoError(t, err)
			return len(prog.Inst)
		}
		require.Equal(t, size(syntax.Perl), size(syntax.Perl|syntax.FoldCase), p)
	}
}
