package lifecycle_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/tags"
)

func mustChannel(t testing.TB, spec lifecycle.ChannelSpec) lifecycle.Channel {
	t.Helper()
	c, err := lifecycle.NewChannel(spec)
	require.NoError(t, err)
	return c
}

func TestNewChannel(t *testing.T) {
	tagsIn := []string{"Upgrade ring/Tester", "Upgrade ring/Stable", "Programme/2.x Beta"}
	c := mustChannel(t, lifecycle.ChannelSpec{
		Name: "1.x Normal", Lifecycle: "Full", VersionRange: "[1.0,2.0)", PreRelease: "^$",
		TenantTags: tagsIn, Default: true,
	})
	tagsIn[0] = "changed"
	require.Equal(t, "1.x Normal", c.Name())
	require.Equal(t, "Full", c.Lifecycle())
	require.True(t, c.IsDefault())
	require.Equal(t, "[1.0,2.0)", c.Rule().Range().String())
	require.Equal(t, "^$", c.Rule().PreRelease())
	require.Equal(t, []string{"Upgrade ring/Tester", "Upgrade ring/Stable", "Programme/2.x Beta"}, c.TenantTags(), "copied")
	e, ok := c.Restriction()
	require.True(t, ok)
	want := tags.NewFilter(nil, []string{"Upgrade ring/Tester", "Upgrade ring/Stable", "Programme/2.x Beta"}).Expr()
	require.True(t, want.Equal(e), "tenant tags use filter semantics: %s", e)

	plain := mustChannel(t, lifecycle.ChannelSpec{Name: "Default"})
	_, ok = plain.Restriction()
	require.False(t, ok, "no tags: no restriction")
	require.Empty(t, plain.Lifecycle(), "the project's lifecycle")
	require.True(t, plain.Rule().IsAny())
	require.False(t, plain.IsDefault())

	expr := mustChannel(t, lifecycle.ChannelSpec{Name: "Gold", TenantExpression: `Tier/Gold and not "Upgrade ring/Pinned"`})
	e, ok = expr.Restriction()
	require.True(t, ok)
	require.True(t, tags.MustParseExpr(`Tier/Gold and not "Upgrade ring/Pinned"`).Equal(e))
	require.Equal(t, `Tier/Gold and not "Upgrade ring/Pinned"`, expr.TenantExpression())
}

func TestNewChannel_Errors(t *testing.T) {
	tests := []struct {
		name  string
		spec  lifecycle.ChannelSpec
		field string
		is    error
	}{
		{"no name", lifecycle.ChannelSpec{}, "name", lifecycle.ErrInvalidValue},
		{"bad range", lifecycle.ChannelSpec{Name: "C", VersionRange: "[1.0"}, "versionRange", lifecycle.ErrInvalidValue},
		{"bad pattern", lifecycle.ChannelSpec{Name: "C", PreRelease: "(beta"}, "preRelease", lifecycle.ErrInvalidValue},
		{"tags and expression", lifecycle.ChannelSpec{Name: "C", TenantTags: []string{"A/B"}, TenantExpression: "A/B"}, "tenantExpression", lifecycle.ErrInvalidValue},
		{"bad expression", lifecycle.ChannelSpec{Name: "C", TenantExpression: "A/B and"}, "tenantExpression", tags.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lifecycle.NewChannel(tt.spec)
			require.ErrorIs(t, err, tt.is)
			require.Contains(t, err.Error(), tt.field)
		})
	}
}

// TestSelectChannel: the default channel when it accepts the version, else
// the only channel that does; none is a version-rule error, several an
// ambiguous-channel error naming them.
func TestSelectChannel(t *testing.T) {
	specs := []lifecycle.ChannelSpec{
		{Name: "Stable", Default: true, VersionRange: "[1.0,2.0)", PreRelease: "^$"},
		{Name: "Beta", VersionRange: "[1.0,3.0)", PreRelease: "^beta"},
		{Name: "Next", VersionRange: "[2.0,3.0)", PreRelease: "^$"},
		{Name: "Legacy", VersionRange: "(,1.0)"},
		{Name: "Exact", VersionRange: "[4.2.0]"},
		{Name: "Also4", VersionRange: "[4.0,5.0)"},
	}
	var channels []lifecycle.Channel
	for _, s := range specs {
		channels = append(channels, mustChannel(t, s))
	}
	tests := []struct {
		version string
		want    int
		err     error
	}{
		{"1.5.0", 0, nil},
		{"1.5.0-beta.1", 1, nil}, // the default refuses it, Beta is the only one left
		{"2.5.0-beta.2", 1, nil},
		{"1.5.0-BETA.1", 1, nil}, // the pattern ignores letter case
		{"2.5.0-Beta.2", 1, nil},
		{"2.1", 2, nil},
		{"0.9.1.7", 3, nil},
		{"9.0.0", -1, lifecycle.ErrVersionRule},
		{"4.2.0", -1, lifecycle.ErrAmbiguousChannel},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			got, err := lifecycle.SelectChannel(channels, 0, lifecycle.MustParseVersion(tt.version))
			require.Equal(t, tt.want, got)
			if tt.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.err)
			require.Contains(t, err.Error(), tt.version)
		})
	}

	_, err := lifecycle.SelectChannel(channels, 0, lifecycle.MustParseVersion("4.2.0"))
	var amb *lifecycle.AmbiguousError
	require.ErrorAs(t, err, &amb)
	require.Equal(t, &lifecycle.AmbiguousError{Version: "4.2.0", Candidates: []string{"Exact", "Also4"}}, amb)
	require.EqualError(t, err, `version "4.2.0": ambiguous channel: fits channels "Exact", "Also4" [ambiguous-channel]`)

	got, err := lifecycle.SelectChannel(channels, 4, lifecycle.MustParseVersion("4.2.0"))
	require.NoError(t, err)
	require.Equal(t, 4, got, "the default wins even when others accept too")

	got, err = lifecycle.SelectChannel(channels, -1, lifecycle.MustParseVersion("1.5.0"))
	require.NoError(t, err)
	require.Equal(t, 0, got, "no default: the only channel that accepts it")

	_, err = lifecycle.SelectChannel(nil, 0, lifecycle.MustParseVersion("1.0"))
	require.ErrorIs(t, err, lifecycle.ErrVersionRule)
}
