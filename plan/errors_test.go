package plan_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// TestCodeOf_EveryPackage: CodeOf gives the code of an error of each package of the module, found
// through that error's Code method, a Code field or the sentinel it wraps, also when the error is
// wrapped or joined.
func TestCodeOf_EveryPackage(t *testing.T) {
	tier, err := tags.NewTagSet("Tier", tags.SingleSelect, []string{"Gold", "Free"})
	require.NoError(t, err)
	cat := tags.MustNewCatalog([]tags.TagSet{tier}, nil)
	must := func(_ any, err error) error { return err }
	tests := []struct {
		name string
		err  error
		want plan.Code
	}{
		{"tags: syntax", must(tags.ParseExpr("Tier/Gold and")), plan.CodeInvalidExpression},
		{"tags: limit", must(tags.ParseExpr(strings.Repeat("(", 300) + "true" + strings.Repeat(")", 300))), plan.CodeLimit},
		{"tags: unknown tag", must(cat.Lookup("Tier/Glod")), plan.CodeUnknownTag},
		{"tags: unknown tag set", must(cat.Lookup("Teir/Gold")), plan.CodeUnknownTagSet},
		{"tags: duplicate tag", must(tags.NewTagSet("S", tags.MultiSelect, []string{"a", "A"})), plan.CodeDuplicateName},
		{"tags: bad type", must(tags.ParseType("Single")), plan.CodeInvalidValue},
		{"tenant: single select", must(tenant.NewSet(cat, []tenant.Tenant{
			tenant.New(tenant.Config{Name: "T", Tags: []string{"Tier/Gold", "Tier/Free"}})})), plan.CodeSingleSelect},
		{"tenant: unknown tag", must(tenant.NewSet(cat, []tenant.Tenant{
			tenant.New(tenant.Config{Name: "T", Tags: []string{"Tier/Silver"}})})), plan.CodeUnknownTag},
		{"lifecycle: version", must(lifecycle.ParseVersion("x")), plan.CodeInvalidVersion},
		{"lifecycle: range", must(lifecycle.ParseRange("[1.0,2.0")), plan.CodeInvalidValue},
		{"lifecycle: two phases", must(lifecycle.New("L", []string{"Dev"}, []lifecycle.PhaseSpec{
			{Name: "A", Automatic: []string{"Dev"}}, {Name: "B", Automatic: []string{"Dev"}}})), plan.CodeEnvironmentInTwoPhases},
		{"lifecycle: unknown environment", must(lifecycle.New("L", []string{"Dev"}, []lifecycle.PhaseSpec{
			{Name: "A", Automatic: []string{"Qa"}}})), plan.CodeUnknownEnvironment},
		{"variables: cycle", must(variables.Substitute("#{A}", map[string]variables.Value{
			"A": variables.Plain("#{B}"), "B": variables.Plain("#{A}")}, variables.Options{})), plan.CodeCycle},
		{"variables: syntax", must(variables.Substitute("#{", nil, variables.Options{})), plan.CodeInvalidExpression},
		{"variables: limit", must(variables.Substitute("#{A}#{A}", map[string]variables.Value{
			"A": variables.Plain("12345")}, variables.Options{MaxSize: 8})), plan.CodeLimit},
		{"model: unknown field", must(model.Decode([]byte(`{"tenantz": []}`))), plan.CodeUnknownField},
		{"model: wrong type", must(model.Decode([]byte(`{"environments": [1]}`))), plan.CodeInvalidValue},
		{"freeze: no name", must(freeze.New("", time.Unix(0, 0), time.Unix(60, 0), nil, freeze.Scope{})), plan.CodeInvalidValue},
		{"plan: validation", must(plan.Load([]byte(`{"environments": ["Dev"], "tenants": [{"name": "T", "projects": {"Shop": ["Dev"]}}]}`))), plan.CodeUnknownProject},
		{"plan: request field", &plan.RequestError{Field: "tenants[0]", Code: plan.CodeUnknownTenant, Err: tags.ErrUnknownTenant}, plan.CodeUnknownTenant},
		{"plan: field wins over the wrapped error", &plan.ValidationError{Code: plan.CodeInvalidValue, Err: plan.ErrUnknownFreeze}, plan.CodeInvalidValue},
		{"plan: sentinel", plan.ErrUntenanted, plan.CodeUntenantedConnection},
		{"wrapped", fmt.Errorf("context: %w", lifecycle.ErrVersionRule), plan.CodeVersionRule},
		{"joined", errors.Join(errors.New("other"), variables.ErrOverlappingValues), plan.CodeOverlappingTenantValues},
		{"unknown origin", errors.New("x"), ""},
		{"nil", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want != "" {
				require.Error(t, tt.err)
				require.True(t, strings.HasSuffix(tt.err.Error(), "["+string(tt.want)+"]") ||
					strings.Contains(tt.err.Error(), "["+string(tt.want)+"]\n") || !hasCodeMethod(tt.err),
					"an error type prints its code last: %v", tt.err)
			}
			require.Equal(t, tt.want, plan.CodeOf(tt.err), "%v", tt.err)
		})
	}
}

// hasCodeMethod reports whether err itself (not what it wraps) is an error type with a Code
// method (a sentinel, which wraps nothing, prints no code).
func hasCodeMethod(err error) bool {
	_, ok := err.(interface{ Code() plan.Code })
	return ok && errors.Unwrap(err) != nil
}

// TestSentinels_SharedAcrossPackages: a sentinel of one meaning is one error in every package, so
// errors.Is matches an error of one package with the sentinel of another.
func TestSentinels_SharedAcrossPackages(t *testing.T) {
	same := map[string][]error{
		"invalid value":       {plan.ErrInvalidValue, tags.ErrInvalidValue, lifecycle.ErrInvalidValue, model.ErrInvalidValue, freeze.ErrInvalidValue},
		"duplicate name":      {plan.ErrDuplicateName, tags.ErrDuplicateName, variables.ErrDuplicateName},
		"limit":               {tags.ErrLimit, lifecycle.ErrLimit, variables.ErrLimit, model.ErrLimit},
		"unknown template":    {plan.ErrUnknownTemplate, variables.ErrUnknownTemplate},
		"unknown environment": {plan.ErrUnknownEnvironment, lifecycle.ErrUnknownEnvironment},
	}
	for name, errs := range same {
		for _, e := range errs[1:] {
			require.Same(t, errs[0], e, name)
		}
	}
	// An error found by one package matches the sentinel exported by another.
	_, err := lifecycle.ParseRange("[1.0,2.0")
	require.ErrorIs(t, err, plan.ErrInvalidValue)
	require.ErrorIs(t, err, freeze.ErrInvalidValue)
	_, err = tags.NewTagSet("S", tags.MultiSelect, []string{"a", "a"})
	require.ErrorIs(t, err, variables.ErrDuplicateName)
	_, err = model.Decode([]byte(`{"environments": [1]}`))
	require.ErrorIs(t, err, tags.ErrInvalidValue)
	_, err = variables.Substitute("#{A}#{A}", map[string]variables.Value{"A": variables.Plain("12345")}, variables.Options{MaxSize: 8})
	require.ErrorIs(t, err, lifecycle.ErrLimit)
	// Sentinels of different meanings stay apart.
	require.NotErrorIs(t, tags.ErrSyntax, variables.ErrSyntax)
	require.NotErrorIs(t, lifecycle.ErrInvalidVersion, plan.ErrInvalidValue)
}

// TestValidationError_MessageQuotesCodeOnce: a problem found by another package is quoted in the
// Message of a *ValidationError without its code, which Error prints once, at the end.
func TestValidationError_MessageQuotesCodeOnce(t *testing.T) {
	_, err := plan.Load([]byte(`{"environments": ["Dev"], "releases": [{"project": "P", "version": "x"}],
		"projects": [{"name": "P", "lifecycle": "L"}], "lifecycles": [{"name": "L"}]}`))
	var ve *plan.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, plan.CodeInvalidVersion, ve.Code)
	require.NotContains(t, ve.Message, "[invalid-version]")
	require.Equal(t, 1, strings.Count(ve.Error(), "[invalid-version]"), ve.Error())
	require.True(t, strings.HasSuffix(ve.Error(), " [invalid-version]"))
}

// TestCodeOf_Octopus: an import error has a code too: "limit" for an input over a limit, else
// "invalid-value".
func TestCodeOf_Octopus(t *testing.T) {
	_, _, err := octopus.Import(fstest.MapFS{}, octopus.Options{})
	require.ErrorIs(t, err, octopus.ErrMissing)
	require.Equal(t, plan.CodeInvalidValue, plan.CodeOf(err))
	require.True(t, strings.HasSuffix(err.Error(), " [invalid-value]"), err.Error())
	require.Equal(t, plan.CodeLimit, plan.CodeOf(&octopus.Error{Err: octopus.ErrTooLarge}))
	require.ErrorIs(t, &octopus.Error{Err: octopus.ErrTooLarge}, model.ErrLimit)
}
