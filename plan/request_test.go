package plan_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/strictjson"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
)

// TestRequests_JSONForm: every request decodes from the JSON its documentation shows, with the
// strict decoder the scenario runner and the command-line tool share, and encodes back to JSON
// that decodes to the same request.
func TestRequests_JSONForm(t *testing.T) {
	at := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		json string
		into any
		want any
	}{
		{"deploy", `{"project": "Shop", "release": "1.2.0", "environment": "Production",
			"tags": ["Ring/Early"], "at": "2026-03-16T09:00:00Z", "policy": "LatestOutcome"}`, &plan.DeployRequest{},
			&plan.DeployRequest{Project: "Shop", Release: "1.2.0", Environment: "Production", Tags: []string{"Ring/Early"},
				At: at, Policy: lifecycle.LatestOutcome}},
		{"deploy, every key", `{"project": "P", "release": "1", "environment": "E", "tenants": ["A"], "tags": ["T/x"],
			"expression": "true", "all": true, "untenanted": true, "skipCurrent": true, "at": "2026-03-16T09:00:00Z",
			"overrideFreezes": ["F"], "principal": "ops", "policy": "AnySuccess"}`, &plan.DeployRequest{},
			&plan.DeployRequest{Project: "P", Release: "1", Environment: "E", Tenants: []string{"A"}, Tags: []string{"T/x"},
				Expression: "true", All: true, Untenanted: true, SkipCurrent: true, At: at, OverrideFreezes: []string{"F"},
				Principal: "ops"}},
		{"explain", `{"project": "Shop", "release": "1.2.0", "environment": "Production", "tenant": "Acme",
			"at": "2026-03-16T09:00:00Z", "variables": true}`, &plan.ExplainRequest{},
			&plan.ExplainRequest{Project: "Shop", Release: "1.2.0", Environment: "Production", Tenant: "Acme", At: at, Variables: true}},
		{"matrix", `{"project": "Shop", "release": "1.2.0", "at": "2026-03-16T09:00:00Z", "principal": "ops"}`,
			&plan.MatrixRequest{}, &plan.MatrixRequest{Project: "Shop", Release: "1.2.0", At: at, Principal: "ops"}},
		{"variables", `{"project": "Shop", "environment": "Production", "tenant": "Acme", "release": "1.2.0"}`,
			&plan.VariablesRequest{}, &plan.VariablesRequest{Project: "Shop", Environment: "Production", Tenant: "Acme", Release: "1.2.0"}},
		{"automatic", `{"project": "Shop", "release": "1.2.0", "at": "2026-03-16T09:00:00Z"}`,
			&plan.AutomaticRequest{}, &plan.AutomaticRequest{Project: "Shop", Release: "1.2.0", At: at}},
		{"scheduled", `{"project": "Shop", "source": "Staging", "destination": "Production", "tenants": ["Acme"]}`,
			&plan.ScheduledRequest{}, &plan.ScheduledRequest{Project: "Shop", Source: "Staging", Destination: "Production", Tenants: []string{"Acme"}}},
		{"targets", `{"project": "Shop", "environment": "Production", "tenant": "Acme"}`,
			&plan.TargetsRequest{}, &plan.TargetsRequest{Project: "Shop", Environment: "Production", Tenant: "Acme"}},
		{"targets, untenanted", `{"project": "Shop", "environment": "Production"}`,
			&plan.TargetsRequest{}, &plan.TargetsRequest{Project: "Shop", Environment: "Production"}},
		{"rollout", `{"project": "Shop", "release": "1.2.0", "environments": ["Staging", "Production"],
			"order": "ByRing", "policy": "AnySuccess",
			"rings": [{"name": "Early", "tags": ["Ring/Early"], "maxParallel": 2, "soak": "24h"},
			          {"name": "Rest", "expression": "true", "maxParallelPercent": 50}],
			"start": "2026-03-16T09:00:00Z", "waveDuration": "2h"}`, &plan.RolloutRequest{},
			&plan.RolloutRequest{Project: "Shop", Release: "1.2.0", Environments: []string{"Staging", "Production"},
				Order: plan.ByRing, Rings: []plan.Ring{
					{Name: "Early", Tags: []string{"Ring/Early"}, MaxParallel: 2, Soak: plan.Duration(24 * time.Hour)},
					{Name: "Rest", Expression: "true", MaxParallelPercent: 50}},
				Start: at, WaveDuration: plan.Duration(2 * time.Hour)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, strictjson.DecodeInto([]byte(tc.json), tc.into))
			require.Empty(t, cmp.Diff(tc.want, tc.into))
			data, err := json.Marshal(tc.into)
			require.NoError(t, err)
			back := clonePtr(tc.into)
			require.NoError(t, strictjson.DecodeInto(data, back), "%s", data)
			require.Empty(t, cmp.Diff(tc.want, back), "%s", data)
		})
	}
}

// clonePtr returns a new zero value of the type v points to.
func clonePtr(v any) any {
	switch v.(type) {
	case *plan.DeployRequest:
		return &plan.DeployRequest{}
	case *plan.ExplainRequest:
		return &plan.ExplainRequest{}
	case *plan.MatrixRequest:
		return &plan.MatrixRequest{}
	case *plan.VariablesRequest:
		return &plan.VariablesRequest{}
	case *plan.AutomaticRequest:
		return &plan.AutomaticRequest{}
	case *plan.ScheduledRequest:
		return &plan.ScheduledRequest{}
	case *plan.TargetsRequest:
		return &plan.TargetsRequest{}
	}
	return &plan.RolloutRequest{}
}

// TestRequests_JSONErrors: a request's JSON with an unknown key gets a "did you mean" with its
// path, and a value its type does not parse names the valid values.
func TestRequests_JSONErrors(t *testing.T) {
	cases := []struct {
		name, json, want string
		into             any
	}{
		{"unknown key", `{"project": "P", "enviroment": "E"}`, `enviroment: unknown key "enviroment" (did you mean "environment"?)`, &plan.DeployRequest{}},
		{"ring key", `{"rings": [{"name": "R", "maxParalel": 2}]}`, `rings[0].maxParalel: unknown key "maxParalel" (did you mean "maxParallel"?)`, &plan.RolloutRequest{}},
		{"policy", `{"policy": "Latest"}`, `want "AnySuccess" or "LatestOutcome"`, &plan.MatrixRequest{}},
		{"order", `{"order": "ByTenant"}`, `order: invalid order "ByTenant": want "ByEnvironment" or "ByRing"`, &plan.RolloutRequest{}},
		{"soak", `{"rings": [{"name": "R", "soak": "a day"}]}`, `rings[0].soak: "a day" is not a duration such as "24h", "90m" or "1h30m"`, &plan.RolloutRequest{}},
		{"soak as a number", `{"rings": [{"name": "R", "soak": 3600}]}`, `rings[0].soak: expected a string, got a number`, &plan.RolloutRequest{}},
		{"time", `{"at": "tomorrow"}`, `at: "tomorrow" is not an RFC 3339 time`, &plan.AutomaticRequest{}},
		{"targets key", `{"project": "P", "environment": "E", "tennant": "A"}`, `tennant: unknown key "tennant" (did you mean "tenant"?)`, &plan.TargetsRequest{}},
		{"options have no JSON form", `{"options": {}}`, `options: unknown key "options"`, &plan.VariablesRequest{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := strictjson.DecodeInto([]byte(tc.json), tc.into)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// textEnum is an enum with a text form and a String that agrees with it.
type textEnum interface {
	encoding.TextMarshaler
	fmt.Stringer
}

// TestEnums_TextRoundTrip: every value of every enum of the requests and answers encodes to its
// name and decodes back; other text is an error that lists the valid names and wraps the
// package's ErrInvalidValue.
func TestEnums_TextRoundTrip(t *testing.T) {
	type enum struct {
		name   string
		values []textEnum
		decode func([]byte) (textEnum, error)
		valid  string
		is     error
	}
	enums := []enum{
		{"Order", []textEnum{plan.ByEnvironment, plan.ByRing},
			func(b []byte) (textEnum, error) { var v plan.Order; err := v.UnmarshalText(b); return v, err },
			`"ByEnvironment" or "ByRing"`, plan.ErrInvalidValue},
		{"Tenancy", []textEnum{plan.Untenanted, plan.TenantedOrUntenanted, plan.Tenanted},
			func(b []byte) (textEnum, error) { var v plan.Tenancy; err := v.UnmarshalText(b); return v, err },
			`"Untenanted", "TenantedOrUntenanted" or "Tenanted"`, plan.ErrInvalidValue},
		{"Decision", []textEnum{plan.DecisionDeploy, plan.DecisionSkipped, plan.DecisionRejected, plan.DecisionDeployable, plan.DecisionBlocked},
			func(b []byte) (textEnum, error) { var v plan.Decision; err := v.UnmarshalText(b); return v, err },
			`"deploy", "skipped", "rejected", "deployable" or "blocked"`, plan.ErrInvalidValue},
		{"ChangeKind", []textEnum{plan.CellAdded, plan.CellRemoved, plan.CellChanged},
			func(b []byte) (textEnum, error) { var v plan.ChangeKind; err := v.UnmarshalText(b); return v, err },
			`"added", "removed" or "changed"`, plan.ErrInvalidValue},
		{"lifecycle.Policy", []textEnum{lifecycle.AnySuccess, lifecycle.LatestOutcome},
			func(b []byte) (textEnum, error) { var v lifecycle.Policy; err := v.UnmarshalText(b); return v, err },
			`"AnySuccess" or "LatestOutcome"`, lifecycle.ErrInvalidValue},
	}
	for _, e := range enums {
		t.Run(e.name, func(t *testing.T) {
			for _, v := range e.values {
				b, err := v.MarshalText()
				require.NoError(t, err)
				require.Equal(t, v.String(), string(b), "String is the text form")
				back, err := e.decode(b)
				require.NoError(t, err)
				require.Equal(t, v, back, "%s", b)
			}
			_, err := e.decode([]byte("Nonsense"))
			require.ErrorContains(t, err, `"Nonsense"`)
			require.ErrorContains(t, err, e.valid)
			require.True(t, errors.Is(err, e.is), "%v wraps ErrInvalidValue", err)
		})
	}
	_, err := lifecycle.Policy(7).MarshalText()
	require.ErrorIs(t, err, lifecycle.ErrInvalidValue, "a policy out of range has no text")
}

// TestDuration_PrintsAsPeopleWriteIt: a Duration prints without the zero minutes and seconds of
// time.Duration's form, and reads back.
func TestDuration_PrintsAsPeopleWriteIt(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{12 * time.Hour, "12h"},
		{90 * time.Minute, "1h30m"},
		{time.Hour + time.Second, "1h0m1s"},
		{5 * time.Minute, "5m"},
		{90 * time.Second, "1m30s"},
		{1500 * time.Millisecond, "1.5s"},
		{-24 * time.Hour, "-24h"},
		{time.Millisecond, "1ms"},
	} {
		require.Equal(t, tc.want, plan.Duration(tc.d).String())
		b, err := plan.Duration(tc.d).MarshalText()
		require.NoError(t, err)
		require.Equal(t, tc.want, string(b))
	}
	var d plan.Duration
	require.NoError(t, d.UnmarshalText(nil))
	require.Equal(t, plan.Duration(0), d, "the empty text is 0")
}

// TestDuration_RoundTripProperty: every duration reads back from its text.
func TestDuration_RoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := plan.Duration(rapid.Int64().Draw(t, "d"))
		var back plan.Duration
		require.NoError(t, back.UnmarshalText([]byte(d.String())))
		require.Equal(t, d, back, d.String())
	})
}

// FuzzDuration: any text either is an error wrapping ErrInvalidValue or a duration whose text
// reads back to the same duration; accepted text is what time.ParseDuration accepts.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"24h", "90m", "1h30m", "1.5s", "-2h", "", "a day", "1d", "9223372036854775807ns", "1e3s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d plan.Duration
		err := d.UnmarshalText([]byte(s))
		if err != nil {
			require.ErrorIs(t, err, plan.ErrInvalidValue)
			_, perr := time.ParseDuration(s)
			require.Error(t, perr, "time.ParseDuration accepts %q", s)
			return
		}
		var back plan.Duration
		require.NoError(t, back.UnmarshalText([]byte(d.String())))
		require.Equal(t, d, back)
	})
}

// TestEnums_ErrorsAnswerTheirCode: an enum's parse error answers its code through a Code method
// and prints it once at its end, alone or inside the error of the decoder or the model that
// reports it.
func TestEnums_ErrorsAnswerTheirCode(t *testing.T) {
	_, err := plan.ParseOrder("ByTenant")
	require.EqualError(t, err, `invalid order "ByTenant": want "ByEnvironment" or "ByRing" [invalid-value]`)
	var c interface{ Code() plan.Code }
	require.ErrorAs(t, err, &c)
	require.Equal(t, plan.CodeInvalidValue, c.Code())
	_, err = plan.ParseTenancy("Sometimes")
	require.Equal(t, plan.CodeInvalidValue, plan.CodeOf(err))
	var d plan.Decision
	require.ErrorContains(t, d.UnmarshalText([]byte("maybe")), `invalid decision "maybe": want "deploy", `)

	err = strictjson.DecodeInto([]byte(`{"order": "ByTenant"}`), &plan.RolloutRequest{})
	require.EqualError(t, err, `order: invalid order "ByTenant": want "ByEnvironment" or "ByRing" [invalid-value]`)

	f := shopFile(t)
	f.Deployments[0].Outcome = "Meh"
	_, err = plan.Compile(f)
	var ve *plan.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, `deployments[0].outcome: invalid outcome "Meh": want "Success", "Failed" or "Cancelled" [invalid-value]`, ve.Error())
}
