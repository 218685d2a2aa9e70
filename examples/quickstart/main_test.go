package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
)

var update = flag.Bool("update", false, "rewrite testdata/quickstart.golden from the current output")

const golden = "testdata/quickstart.golden"

func output(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report(&b, modelJSON, asOf()))
	return b.String()
}

// TestReport_Golden compares the whole output with the golden file (go test -update rewrites it).
// The output is deterministic: a second run gives the same bytes.
func TestReport_Golden(t *testing.T) {
	got := output(t)
	require.Equal(t, got, output(t), "two runs differ")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./examples/quickstart -update to create the golden file")
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", golden, diff)
	}
}

// TestReport_Width checks that no line is wider than 100 columns.
func TestReport_Width(t *testing.T) {
	for i, line := range strings.Split(output(t), "\n") {
		require.LessOrEqual(t, utf8.RuneCountInString(line), width, "line %d is too wide: %q", i+1, line)
	}
}

// TestReport_NoSecret checks that no sensitive value of the model appears in the
// output, though the output shows the variables that hold and bind them.
func TestReport_NoSecret(t *testing.T) {
	secrets := modelSecrets(t)
	out := output(t)
	require.Contains(t, out, "Tenant.Database.Password", "the secret's variable is shown, masked")
	for _, s := range secrets {
		require.NotContains(t, out, s)
	}
}

// modelSecrets returns the sensitive values of the quickstart's model.
func modelSecrets(t *testing.T) []string {
	t.Helper()
	f, err := model.Decode(modelJSON)
	require.NoError(t, err)
	sensitive := map[string]bool{}
	for _, p := range f.Projects {
		for _, tp := range p.Templates {
			if tp.Sensitive {
				sensitive[tp.Name] = true
			}
		}
	}
	var secrets []string
	for _, tn := range f.Tenants {
		for _, vs := range tn.ProjectValues {
			for _, v := range vs {
				if sensitive[v.Template] && v.Value != nil {
					secrets = append(secrets, *v.Value)
				}
			}
		}
	}
	require.NotEmpty(t, secrets, "the model should hold secrets for this test to mean something")
	return secrets
}

// TestReport_Errors checks that a bad model and a failing writer are errors, not panics.
func TestReport_Errors(t *testing.T) {
	tests := []struct {
		name  string
		model string
		w     *failingWriter
		want  string
	}{
		{name: "malformed JSON", model: `{"environments": [`, want: "load the model"},
		{name: "unknown project", model: `{"environments": ["Dev"]}`, want: "Storefront"},
		{name: "writer fails", model: string(modelJSON), w: &failingWriter{}, want: "disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.w != nil {
				err = report(tt.w, []byte(tt.model), asOf())
			} else {
				err = report(&bytes.Buffer{}, []byte(tt.model), asOf())
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.want)
		})
	}
}

type failingWriter struct{}

func (*failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
