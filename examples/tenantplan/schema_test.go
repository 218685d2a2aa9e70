package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/schematest"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/scenario"
)

func TestSchema_Command(t *testing.T) {
	for _, tc := range []struct {
		kind string
		want []byte
	}{
		{"model", model.JSONSchema()},
		{"policy", []byte(policySchema)},
		{"scenario", scenario.JSONSchema()},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			got := call("schema", tc.kind)
			require.Equal(t, exitOK, got.code, got.stderr)
			require.Equal(t, string(tc.want), got.stdout)
			require.Empty(t, got.stderr)
		})
	}
	for _, args := range [][]string{{"schema"}, {"schema", "plan"}, {"schema", "model", "policy"}} {
		got := call(args...)
		require.Equal(t, exitUsage, got.code, "%q", args)
		require.Empty(t, got.stdout)
	}
	got := call("schema", "--help")
	require.Equal(t, exitOK, got.code)
	require.Contains(t, got.stdout, "Usage: tenantplan schema model|policy|scenario")
	require.Contains(t, call("--help").stdout, "tenantplan schema model|policy|scenario")
}

func policyValidator(t testing.TB) *schematest.Validator {
	t.Helper()
	return schematest.Check(t, []byte(policySchema), policySchemaID)
}

// TestPolicySchema_Published: the schema declares its draft and its $id, conforms to the draft's
// metaschema, and describes every property.
func TestPolicySchema_Published(t *testing.T) { policyValidator(t) }

// kindOf classifies every JSON file of the repository: what it is, and whether its schema and its
// decoder accept it. A file that is not listed fails TestSchema_EveryFileOfTheRepository, so that
// a new file is checked against its schema as soon as it is added.
var kindOf = map[string]struct {
	kind     string // model, policy, scenario, or output (a plan file, which has no schema)
	schemaOK bool   // the schema accepts it
	decodeOK bool   // its decoder accepts it
}{
	"examples/quickstart/model.json":                     {"model", true, true},
	"examples/tenantplan/testdata/shop.json":             {"model", true, true},
	"examples/tenantplan/testdata/shop-after.json":       {"model", true, true},
	"examples/tenantplan/testdata/invalid.json":          {"model", true, true}, // valid shape, invalid meaning
	"examples/tenantplan/testdata/typo.json":             {"model", false, false},
	"examples/tenantplan/testdata/malformed.json":        {"model", false, false},
	"plan/testdata/shop.json":                            {"model", true, true},
	"examples/tenantplan/testdata/policy.json":           {"policy", true, true},
	"examples/quickstart/policy.json":                    {"policy", true, true},
	"examples/tenantplan/testdata/policy-project.json":   {"policy", true, true},
	"examples/tenantplan/testdata/policy-tag.json":       {"policy", true, true}, // an unknown tag is a matter of meaning
	"plan/octopus/testdata/golden/model.json":            {"model", true, true},
	"examples/tenantplan/testdata/policy-every-key.json": {"policy", true, true},
	"examples/tenantplan/testdata/policy-typo.json":      {"policy", false, false},
	"examples/tenantplan/testdata/policy-soak.json":      {"policy", true, false}, // "a day" is a string, not a duration
	"examples/tenantplan/testdata/scenarios/shop.json":   {"scenario", true, true},
	"examples/tenantplan/testdata/failing/wrong.json":    {"scenario", true, true}, // fails its checks, not its shape
	"plan/scenario/testdata/every-kind.json":             {"scenario", true, true},
	"plan/scenario/testdata/invalid-model.json":          {"scenario", true, true},
	"examples/tenantplan/testdata/golden/plan.json":      {"output", false, false},
}

// TestSchema_EveryFileOfTheRepository: every model, policy and scenario file of the repository
// conforms to its schema and is read by its decoder, and the files that are wrong on purpose are
// rejected by both (or, for a wrong value the schema cannot see, by the decoder).
func TestSchema_EveryFileOfTheRepository(t *testing.T) {
	validators := map[string]*schematest.Validator{
		"model":    schematest.Check(t, model.JSONSchema(), model.SchemaID),
		"policy":   policyValidator(t),
		"scenario": schematest.Check(t, scenario.JSONSchema(), scenario.SchemaID),
	}
	decoders := map[string]func(path string, data []byte) error{
		"model": func(_ string, data []byte) error {
			_, err := model.Decode(data)
			return err
		},
		"policy": func(path string, _ []byte) error {
			_, err := readPolicy(path, defaultMaxInput)
			return err
		},
		"scenario": func(path string, data []byte) error { return scenario.Run(path, data).Err },
	}
	const root = "../.."
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "rapid") {
			return filepath.SkipDir
		}
		if d.IsDir() && (strings.HasPrefix(rel, "plan/octopus/testdata/space-") || rel == "examples/tenantplan/testdata/octopus") {
			return filepath.SkipDir // Octopus Server's REST responses: not a format of this project
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, "schema.json") &&
			!strings.HasSuffix(p, "schema.in.json") {
			found = append(found, rel)
		}
		return nil
	})
	require.NoError(t, err)
	for _, rel := range found {
		t.Run(rel, func(t *testing.T) {
			want, ok := kindOf[rel]
			require.True(t, ok, "%s is not classified in kindOf: say whether it is a model, policy, scenario or output", rel)
			if want.kind == "output" {
				return
			}
			p := filepath.Join(root, rel)
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			schemaErr := validators[want.kind].Validate(data)
			require.Equal(t, want.schemaOK, schemaErr == nil, "schema: %v", schemaErr)
			decErr := decoders[want.kind](p, data)
			require.Equal(t, want.decodeOK, decErr == nil, "decoder: %v", decErr)
		})
	}
	for rel := range kindOf {
		require.True(t, slices.Contains(found, rel), "kindOf lists %s, which does not exist", rel)
	}
}

// TestPolicySchema_AgreesWithDecoder: the policy schema and the tool agree on the shape of a
// policy file. From a policy file of the repository, an unknown key, a key spelt in another case
// or a value of the wrong JSON type is rejected by the schema exactly when readPolicy rejects it;
// a removed key is required by the schema exactly when planning the rollout (of the Shop model)
// reports that field, and readPolicy accepts it either way.
func TestPolicySchema_AgreesWithDecoder(t *testing.T) {
	v := policyValidator(t)
	data, err := os.ReadFile("testdata/shop.json")
	require.NoError(t, err)
	s, err := plan.Load(data)
	require.NoError(t, err)
	var docs []any
	for _, p := range []string{"testdata/policy.json", "testdata/policy-every-key.json"} {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		doc, err := schematest.Parse(data)
		require.NoError(t, err)
		docs = append(docs, doc)
	}
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		mutated, m, ok := schematest.Mutate(t, rapid.SampledFrom(docs).Draw(t, "file"), nil)
		if !ok {
			t.Skip("nothing to mutate")
		}
		out := schematest.Encode(mutated)
		p := filepath.Join(dir, "policy.json")
		require.NoError(t, os.WriteFile(p, out, 0o600))
		schemaErr := v.Validate(out)
		pol, decErr := readPolicy(p, defaultMaxInput)
		if m.Kind != schematest.RemoveKey {
			require.Equal(t, schemaErr == nil, decErr == nil, "%v: schema says %v, decoder says %v\n%s", m, schemaErr, decErr, out)
			return
		}
		require.NoError(t, decErr, "%v", m)
		_, err := s.Rollout(pol)
		var re *plan.RequestError
		demanded := errors.As(err, &re) && re.Field == m.At()
		require.Equal(t, schemaErr != nil, demanded, "%v: schema says %v, planning says %v", m, schemaErr, err)
	})
}

// FuzzPolicySchema: on any ordinary JSON document (see schematest.Ordinary), a policy the schema
// accepts is one readPolicy decodes; it may still reject a value the schema cannot judge (a
// duration or a time that does not parse), but never for its shape.
func FuzzPolicySchema(f *testing.F) {
	for _, p := range []string{"testdata/policy.json", "testdata/policy-every-key.json"} {
		data, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"project": "P", "release": "1", "rings": [{"name": "R", "percent": 100, "maxParallel": 3}]}`))
	f.Add([]byte(`{"project": "P", "release": "1", "Rings": []}`))
	v := policyValidator(f)
	path := filepath.Join(f.TempDir(), "policy.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		if !schematest.Ordinary(data) || v.Validate(data) != nil {
			return
		}
		require.NoError(t, os.WriteFile(path, data, 0o600))
		if _, err := readPolicy(path, defaultMaxInput); err != nil && strings.Contains(err.Error(), "malformed rollout policy") {
			t.Fatalf("the schema accepts, readPolicy rejects the shape: %v\n%s", err, data)
		}
	})
}
