package scenario_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/schematest"
	planmodel "github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/scenario"
)

var update = flag.Bool("update", false, "rewrite schema.json from schema.in.json and the model schema")

// object is a JSON object with its keys in document order.
type object struct {
	keys []string
	vals map[string]json.RawMessage
}

func parseObject(t *testing.T, data []byte) object {
	t.Helper()
	o := object{vals: map[string]json.RawMessage{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		k := tok.(string)
		var v json.RawMessage
		require.NoError(t, dec.Decode(&v))
		o.keys = append(o.keys, k)
		o.vals[k] = v
	}
	return o
}

func (o *object) set(k string, v json.RawMessage) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o object) encode(t *testing.T) json.RawMessage {
	t.Helper()
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		require.NoError(t, err)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(o.vals[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// bundle builds schema.json: the scenario part, with the model file's schema as the definition
// "model" and the model's own definitions next to the scenario's.
func bundle(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("schema.in.json")
	require.NoError(t, err)
	root := parseObject(t, src)
	defs := parseObject(t, root.vals["$defs"])
	m := parseObject(t, planmodel.JSONSchema())
	mdefs := parseObject(t, m.vals["$defs"])
	var body object
	body.vals = map[string]json.RawMessage{}
	for _, k := range m.keys {
		if k != "$schema" && k != "$id" && k != "$defs" {
			body.set(k, m.vals[k])
		}
	}
	require.NotContains(t, defs.keys, "model")
	defs.set("model", body.encode(t))
	for _, k := range mdefs.keys {
		require.NotContains(t, defs.keys, k, "a definition of the scenario schema has the name of one of the model schema")
		defs.set(k, mdefs.vals[k])
	}
	root.set("$defs", defs.encode(t))
	var out bytes.Buffer
	require.NoError(t, json.Indent(&out, root.encode(t), "", "  "))
	out.WriteByte('\n')
	return out.Bytes()
}

// TestJSONSchema_Bundle: schema.json is schema.in.json with the model schema bundled in, so that
// the model part never drifts from the model file's schema.
func TestJSONSchema_Bundle(t *testing.T) {
	want := bundle(t)
	if *update {
		require.NoError(t, os.WriteFile("schema.json", want, 0o644))
	}
	require.Equal(t, string(want), string(scenario.JSONSchema()),
		"schema.json is stale: run go test ./plan/scenario -run TestJSONSchema_Bundle -update")
}

func scenarioSchema(t testing.TB) *schematest.Validator {
	t.Helper()
	return schematest.Check(t, scenario.JSONSchema(), scenario.SchemaID)
}

// TestJSONSchema_Published: the schema declares its draft and its $id, conforms to the draft's
// metaschema, and describes every property.
func TestJSONSchema_Published(t *testing.T) { scenarioSchema(t) }

// repoScenarios lists the scenario files of the repository.
func repoScenarios(t *testing.T) []string {
	return schematest.Files(t, "testdata/*.json", "../../examples/tenantplan/testdata/scenarios/*.json",
		"../../examples/tenantplan/testdata/failing/*.json")
}

// TestJSONSchema_RepositoryScenariosValidate: every scenario file of the repository conforms to
// the schema and runs without a shape failure (the one in failing/ fails its checks on purpose).
func TestJSONSchema_RepositoryScenariosValidate(t *testing.T) {
	schematest.ValidateFiles(t, scenarioSchema(t), repoScenarios(t), func(name string, data []byte) error {
		if f := shapeFailure(scenario.Run(name, data)); f != "" {
			return errors.New(f)
		}
		return nil
	})
}

// TestJSONSchema_ConformanceScenariosValidate: every scenario file of the folder named by
// TENANTPLAN_SCENARIOS (see TestConformance) conforms to the schema, but for the model of a file
// that is invalid on purpose: then, with an empty model in its place, the file conforms, and it
// has a validate check that wants errors.
func TestJSONSchema_ConformanceScenariosValidate(t *testing.T) {
	dir := os.Getenv("TENANTPLAN_SCENARIOS")
	if dir == "" {
		t.Skip("TENANTPLAN_SCENARIOS is not set: no conformance folder to check")
	}
	files, err := filepath.Glob(filepath.Join(resolve(dir), "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	v := scenarioSchema(t)
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			if v.Validate(data) == nil {
				return
			}
			var f struct {
				Checks []struct {
					Validate *bool `json:"validate"`
					Want     struct {
						Errors []json.RawMessage `json:"errors"`
					} `json:"want"`
				} `json:"checks"`
			}
			require.NoError(t, json.Unmarshal(data, &f))
			wantsErrors := false
			for _, c := range f.Checks {
				wantsErrors = wantsErrors || c.Validate != nil && len(c.Want.Errors) > 0
			}
			require.True(t, wantsErrors, "the schema rejects the file, which wants no validation errors: %v", v.Validate(data))
			doc, err := schematest.Parse(data)
			require.NoError(t, err)
			doc.(map[string]any)["model"] = map[string]any{}
			require.NoError(t, v.Validate(schematest.Encode(doc)), "the schema rejects more than the model")
		})
	}
}

// shapeFailure returns the first problem Run reports with the shape of a file (rather than with
// an answer), or "".
func shapeFailure(r scenario.Result) string {
	if r.Err != nil {
		return r.Err.Error()
	}
	for _, c := range r.Checks {
		for _, d := range c.Diffs {
			for _, p := range []string{"malformed", "unknown key", "a check has exactly one kind", "check has no",
				`"validate" must be true`} {
				if strings.HasPrefix(d, p) {
					return d
				}
			}
		}
	}
	return ""
}

// TestJSONSchema_AgreesWithRunner: the schema and Run agree on the shape of a scenario file. From
// a scenario file of the repository, one shape mutation (an unknown key, or a key spelt with
// another letter case: a map takes any key; a value of the wrong JSON type; a removed key) outside the model is rejected by the schema exactly
// when Run reports a shape failure. The model inside is the model file's schema, whose agreement
// with the model decoder package model tests.
func TestJSONSchema_AgreesWithRunner(t *testing.T) {
	v := scenarioSchema(t)
	var docs []any
	for _, p := range repoScenarios(t) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		doc, err := schematest.Parse(data)
		require.NoError(t, err)
		docs = append(docs, doc)
	}
	inModel := func(keys []string) bool { return len(keys) > 0 && keys[0] == "model" }
	rapid.Check(t, func(t *rapid.T) {
		doc := rapid.SampledFrom(docs).Draw(t, "file")
		mutated, m, ok := schematest.Mutate(t, doc, inModel)
		if !ok {
			t.Skip("nothing to mutate")
		}
		out := schematest.Encode(mutated)
		schemaErr := v.Validate(out)
		failure := shapeFailure(scenario.Run("mutated.json", out))
		require.Equal(t, schemaErr == nil, failure == "",
			"%v: schema says %v, Run says %q\n%s", m, schemaErr, failure, out)
	})
}

// FuzzJSONSchema: on any ordinary JSON document (see schematest.Ordinary), Run never panics, and
// a document the schema accepts is one Run reads without a shape failure.
func FuzzJSONSchema(f *testing.F) {
	for _, p := range []string{"testdata/every-kind.json", "testdata/invalid-model.json"} {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"checks": [{"expression": "A/b", "want": {"error": "unknown-tag"}}]}`))
	f.Add([]byte(`{"model": {"environments": ["Dev"]}, "checks": [{"substitute": {"text": "#{A}"}, "want": {}}]}`))
	f.Add([]byte(`{"checks": [{"rollout": {"rings": [{"percent": 50, "maxParallel": 2}]}, "want": {"waves": []}}]}`))
	f.Add([]byte(`{"checks": [{"validate": true, "want": {"errors": [{"path": "x"}]}}]}`))
	v := scenarioSchema(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := scenario.Run("fuzz.json", data)
		if !schematest.Ordinary(data) {
			return
		}
		if err := v.Validate(data); err == nil {
			if failure := shapeFailure(r); failure != "" {
				t.Fatalf("the schema accepts, Run reports %q\n%s", failure, data)
			}
		}
	})
}
