package model_test

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/schematest"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

func modelSchema(t testing.TB) *schematest.Validator {
	t.Helper()
	return schematest.Check(t, model.JSONSchema(), model.SchemaID)
}

// TestJSONSchema_Published: the schema declares its draft and its $id, conforms to the draft's
// metaschema, and describes every property.
func TestJSONSchema_Published(t *testing.T) { modelSchema(t) }

func TestJSONSchema_ReturnsACopy(t *testing.T) {
	a := model.JSONSchema()
	a[0] = 'x'
	require.Equal(t, byte('{'), model.JSONSchema()[0])
}

// schemaDefs maps each object definition of the schema to the Go type Decode fills from it.
var schemaDefs = map[string]reflect.Type{
	"":             reflect.TypeFor[model.File](),
	"tagSet":       reflect.TypeFor[model.TagSet](),
	"lifecycle":    reflect.TypeFor[model.Lifecycle](),
	"phase":        reflect.TypeFor[model.Phase](),
	"library":      reflect.TypeFor[model.Library](),
	"template":     reflect.TypeFor[model.Template](),
	"variable":     reflect.TypeFor[model.Variable](),
	"scope":        reflect.TypeFor[model.Scope](),
	"project":      reflect.TypeFor[model.Project](),
	"channel":      reflect.TypeFor[model.Channel](),
	"tenant":       reflect.TypeFor[model.Tenant](),
	"tenantValue":  reflect.TypeFor[model.TenantValue](),
	"target":       reflect.TypeFor[model.Target](),
	"release":      reflect.TypeFor[model.Release](),
	"deployment":   reflect.TypeFor[model.Deployment](),
	"freeze":       reflect.TypeFor[model.Freeze](),
	"freezeTenant": reflect.TypeFor[model.FreezeTenant](),
	"recurrence":   reflect.TypeFor[model.Recurrence](),
	"principal":    reflect.TypeFor[model.Principal](),
	"grant":        reflect.TypeFor[model.Grant](),
}

// TestJSONSchema_KeysMatchTypes: every object of the schema lists exactly the keys of its Go type,
// requires only keys the type has, and every object definition is accounted for.
func TestJSONSchema_KeysMatchTypes(t *testing.T) {
	type object struct {
		Type                 string                     `json:"type"`
		Properties           map[string]json.RawMessage `json:"properties"`
		Required             []string                   `json:"required"`
		AdditionalProperties json.RawMessage            `json:"additionalProperties"`
	}
	var root struct {
		object
		Defs map[string]object `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(model.JSONSchema(), &root))
	objects := map[string]object{"": root.object}
	for name, d := range root.Defs {
		if d.Type == "object" && d.Properties != nil {
			objects[name] = d
		}
	}
	var names []string
	for n := range objects {
		names = append(names, n)
	}
	var want []string
	for n := range schemaDefs {
		want = append(want, n)
	}
	slices.Sort(names)
	slices.Sort(want)
	require.Empty(t, cmp.Diff(want, names), "object definitions of the schema")
	for name, typ := range schemaDefs {
		o := objects[name]
		var keys, goKeys []string
		for k := range o.Properties {
			keys = append(keys, k)
		}
		for i := range typ.NumField() {
			k, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			goKeys = append(goKeys, k)
		}
		slices.Sort(keys)
		slices.Sort(goKeys)
		require.Empty(t, cmp.Diff(goKeys, keys), "keys of %q (%s)", name, typ)
		require.Equal(t, "false", string(o.AdditionalProperties), "%q must reject unknown keys", name)
		for _, r := range o.Required {
			require.Contains(t, keys, r, "%q requires a key it does not have", name)
		}
	}
}

// repoModels lists the model files of the repository (model files only: not scenarios, policies
// or plan output).
func repoModels(t *testing.T) []string {
	return schematest.Files(t, "../testdata/*.json", "../../examples/quickstart/model.json",
		"../../examples/tenantplan/testdata/shop*.json")
}

func TestJSONSchema_RepositoryModelsValidate(t *testing.T) {
	schematest.ValidateFiles(t, modelSchema(t), repoModels(t), func(_ string, data []byte) error {
		_, err := model.Decode(data)
		return err
	})
}

func TestJSONSchema_GeneratedModelsValidate(t *testing.T) {
	v := modelSchema(t)
	t.Run("Model", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
			data, err := json.Marshal(f)
			require.NoError(t, err)
			require.NoError(t, v.Validate(data))
		})
	})
	t.Run("Synthetic", func(t *testing.T) {
		for seed := range uint64(4) {
			f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 50, Projects: 2, Seed: seed})
			data, err := json.Marshal(f)
			require.NoError(t, err)
			require.NoError(t, v.Validate(data), "seed %d", seed)
		}
	})
}

// TestJSONSchema_SchemaKeyAccepted: a model file may name its schema; the decoder keeps it and the
// planner ignores it, and a "$schema" that is not a string is rejected by both.
func TestJSONSchema_SchemaKeyAccepted(t *testing.T) {
	v := modelSchema(t)
	src := []byte(`{"$schema": "` + model.SchemaID + `", "environments": ["Dev"]}`)
	require.NoError(t, v.Validate(src))
	f, err := model.Decode(src)
	require.NoError(t, err)
	require.Equal(t, model.SchemaID, f.Schema)
	_, err = plan.Load(src)
	require.NoError(t, err)
	bad := []byte(`{"$schema": 1}`)
	require.Error(t, v.Validate(bad))
	_, err = model.Decode(bad)
	require.ErrorIs(t, err, model.ErrInvalidValue)
}

// TestJSONSchema_AgreesWithDecoder: the schema and the library agree on the shape of a model file.
// From a valid generated model, one shape mutation: an unknown key or a key spelt with another
// letter case (anywhere: a map takes any key), or a value of the wrong JSON type, is rejected by the schema exactly when Decode rejects it; a
// removed key is rejected by the schema (it was required) exactly when loading the model reports
// an invalid value at that key or its object, and Decode accepts it either way.
//
// Decision: null is not drawn. Decode reads null anywhere as an absent key; the schema allows it
// only where the format gives it a meaning. Numbers written with a fraction or exponent (1.0, 1e2)
// are not drawn either: the schema's "integer" accepts them, Decode does not.
func TestJSONSchema_AgreesWithDecoder(t *testing.T) {
	v := modelSchema(t)
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
		data, err := json.Marshal(f)
		require.NoError(t, err)
		doc, err := schematest.Parse(data)
		require.NoError(t, err)
		mutated, m, ok := schematest.Mutate(t, doc, nil)
		if !ok {
			t.Skip("nothing to mutate")
		}
		out := schematest.Encode(mutated)
		schemaErr := v.Validate(out)
		_, decErr := model.Decode(out)
		switch m.Kind {
		case schematest.UnknownKey, schematest.WrongType, schematest.CaseKey:
			require.Equal(t, schemaErr == nil, decErr == nil,
				"%v: schema says %v, decoder says %v\n%s", m, schemaErr, decErr, out)
		case schematest.RemoveKey:
			require.NoError(t, decErr, "%v", m)
			_, loadErr := plan.Load(out)
			if schemaErr != nil {
				require.True(t, errorAt(loadErr, m.Object, m.At(), false),
					"%v: the schema requires the key, loading accepts its absence: %v", m, loadErr)
			} else {
				require.False(t, errorAt(loadErr, m.Object, m.At(), true),
					"%v: the schema does not require the key, loading does: %v", m, loadErr)
			}
		}
	})
}

// errorAt reports whether err holds a validation error at the removed key or at its object, where
// an empty name or a reference to "" is reported. With strict, an error at the object counts only
// when it is an invalid value (an empty name): removing an optional key may break a rule that is
// reported at the object, such as two phases that both take every other environment.
func errorAt(err error, object, at string, strict bool) bool {
	var ves plan.ValidationErrors
	if !errors.As(err, &ves) {
		return false
	}
	for _, ve := range ves {
		if ve.Path == at || ve.Path == object && (!strict || ve.Code == plan.CodeInvalidValue) {
			return true
		}
	}
	return false
}

// FuzzJSONSchema: on any ordinary JSON document (see schematest.Ordinary), a document the schema
// accepts is one Decode accepts, and a document Decode rejects (an unknown key, a wrong type) is
// one the schema rejects.
func FuzzJSONSchema(f *testing.F) {
	for _, p := range []string{"../testdata/shop.json", "../../examples/quickstart/model.json"} {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"$schema": "x", "environments": ["Dev"], "tenants": [{"name": "A", "projects": {"P": ["Dev"]}}]}`))
	f.Add([]byte(`{"tagSets": [{"name": "T", "type": "FreeText"}], "lifecycles": [{"name": "L", "phases": [{"minimum": 2}]}]}`))
	f.Add([]byte(`{"freezes": [{"name": "F", "start": "s", "end": "e", "recurrence": {"unit": "Weekly", "every": 3000000000}}]}`))
	f.Add([]byte(`{"tenants": [{"name": "A", "Tags": []}]}`))
	v := modelSchema(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if !schematest.Ordinary(data) {
			return
		}
		schemaErr := v.Validate(data)
		_, decErr := model.Decode(data)
		if schemaErr == nil && decErr != nil {
			t.Fatalf("the schema accepts, Decode rejects: %v\n%s", decErr, data)
		}
	})
}
