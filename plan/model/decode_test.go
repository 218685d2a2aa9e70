package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
)

func decodeErrors(t *testing.T, src string) model.Errors {
	t.Helper()
	_, err := model.Decode([]byte(src))
	require.Error(t, err)
	var es model.Errors
	require.True(t, errors.As(err, &es), "error %T is not model.Errors", err)
	return es
}

func TestDecode_Valid(t *testing.T) {
	src := `{"environments":["Dev","Prod"],
	  "tagSets":[{"name":"Tier","type":"SingleSelect","tags":["Gold"]}],
	  "tenants":[{"name":"Acme","tags":["Tier/Gold"],"projects":{"Shop":["Prod"]},
	    "projectValues":{"Shop":[{"template":"T","value":"","environments":["Prod"]},{"template":"U","value":null}]}}],
	  "lifecycles":[{"name":"L","phases":[{"name":"P","manual":["Dev"],"minimum":1,"optional":true}]}]}`
	f, err := model.Decode([]byte(src))
	require.NoError(t, err)
	require.Equal(t, []string{"Dev", "Prod"}, f.Environments)
	require.Equal(t, "SingleSelect", f.TagSets[0].Type)
	require.Equal(t, 1, f.Lifecycles[0].Phases[0].Minimum)
	vals := f.Tenants[0].ProjectValues["Shop"]
	require.NotNil(t, vals[0].Value, "an empty string is a value")
	require.Equal(t, "", *vals[0].Value)
	require.Nil(t, vals[1].Value, "null is no value")
}

func TestDecode_UnknownFieldHasPathAndSuggestion(t *testing.T) {
	es := decodeErrors(t, `{"environments":["Dev"],"tenants":[{"name":"Acme","tagz":["Tier/Gold"]}]}`)
	require.Len(t, es, 1)
	require.Equal(t, "tenants[0].tagz", es[0].Path)
	require.Equal(t, "unknown-field", string(es[0].Code()))
	require.ErrorIs(t, es[0], model.ErrUnknownField)
	require.Contains(t, es[0].Error(), `did you mean "tags"`)
}

func TestDecode_KeysAreCaseSensitive(t *testing.T) {
	es := decodeErrors(t, `{"Environments":["Dev"]}`)
	require.Equal(t, "Environments", es[0].Path)
	require.Contains(t, es[0].Error(), `did you mean "environments"`)
}

func TestDecode_EveryProblemAtOnce(t *testing.T) {
	es := decodeErrors(t, `{"tenants":[{"name":1,"disabled":"yes","x":0}],
	  "lifecycles":[{"name":"L","phases":[{"name":"P","minimum":"two"},{"name":"Q","minimum":1.5}]}],"bogus":true}`)
	got := map[string]string{}
	for _, e := range es {
		got[e.Path] = string(e.Code())
	}
	want := map[string]string{
		"bogus":                           "unknown-field",
		"lifecycles[0].phases[0].minimum": "invalid-value",
		"lifecycles[0].phases[1].minimum": "invalid-value",
		"tenants[0].disabled":             "invalid-value",
		"tenants[0].name":                 "invalid-value",
		"tenants[0].x":                    "unknown-field",
	}
	require.Empty(t, cmp.Diff(want, got))
	for i := 1; i < len(es); i++ {
		require.LessOrEqual(t, es[i-1].Path, es[i].Path, "sorted by path")
	}
}

func TestDecode_OddMapKeysAreQuotedInPaths(t *testing.T) {
	es := decodeErrors(t, `{"tenants":[{"name":"A","projects":{"My Shop":"Dev"}}]}`)
	require.Equal(t, `tenants[0].projects["My Shop"]`, es[0].Path)
	require.Equal(t, "invalid-value", string(es[0].Code()))
}

func TestDecode_MalformedJSONHasLineAndColumn(t *testing.T) {
	es := decodeErrors(t, "{\n  \"environments\": [\"Dev\",,]\n}")
	require.Len(t, es, 1)
	require.Equal(t, 2, es[0].Line)
	require.Positive(t, es[0].Column)
	require.ErrorIs(t, es[0], model.ErrInvalidValue)
	require.Contains(t, es[0].Error(), "line 2")
}

func TestDecode_TrailingData(t *testing.T) {
	es := decodeErrors(t, `{} {}`)
	require.Contains(t, es[0].Error(), "after the end")
}

func TestDecode_Garbage(t *testing.T) {
	garbage := bytes.Repeat([]byte("\x00garbage{["), 1<<20/10)
	_, err := model.Decode(garbage)
	require.Error(t, err)
	require.Less(t, len(err.Error()), 1000, "the error never prints the input whole")
	require.Contains(t, err.Error(), "line 1")
}

func TestDecode_DeepNestingIsRejected(t *testing.T) {
	deep := strings.Repeat("[", 100000)
	es := decodeErrors(t, `{"environments":`+deep)
	require.Contains(t, es.Error(), "nested deeper")
}

func TestDecode_RoundTrip(t *testing.T) {
	def := "x"
	val := ""
	f := &model.File{
		Environments: []string{"Dev"},
		Projects: []model.Project{{Name: "P", Tenancy: "Tenanted", Templates: []model.Template{{Name: "T", Default: &def}},
			Variables: []model.Variable{{Name: "V", Value: "v", Scope: &model.Scope{Environments: []string{"Dev"}}}}}},
		Tenants: []model.Tenant{{Name: "A", Projects: map[string][]string{"P": {"Dev"}},
			ProjectValues: map[string][]model.TenantValue{"P": {{Template: "T", Value: &val}}}}},
		Freezes: []model.Freeze{{Name: "F", Start: "2026-01-01T00:00:00Z", End: "2026-01-02T00:00:00Z",
			Recurrence: &model.Recurrence{Unit: "Weekly", DaysOfWeek: []string{"Monday"}}}},
	}
	data, err := json.Marshal(f)
	require.NoError(t, err)
	back, err := model.Decode(data)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(f, back))
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"environments":["Dev"],"tenants":[{"name":"A","tags":["T/x"]}]}`))
	f.Add([]byte(`{"tenants":[{"tagz":1}]}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"freezes":[{"name":"F","recurrence":{"unit":"Daily","every":2}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := model.Decode(data)
		if err != nil {
			var es model.Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v is not a non-empty model.Errors", err, err)
			}
			if len(err.Error()) > 64*1024 {
				t.Fatalf("error message of %d bytes", len(err.Error()))
			}
			return
		}
		// An accepted model re-encodes and decodes to the same model.
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := model.Decode(out)
		if err != nil {
			t.Fatalf("re-encoded model does not decode: %v\n%s", err, out)
		}
		if d := cmp.Diff(m, again, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip differs:\n%s", d)
		}
	})
}
