package lifecycle_test

import (
	"testing"

	"github.com/stretchr/testify/require"

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
