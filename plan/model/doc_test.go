package model_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
)

// TestDoc_ExampleIsAValidModel: the example model of the package documentation loads.
func TestDoc_ExampleIsAValidModel(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	var lines []string
	in := false
	for _, l := range strings.Split(string(src), "\n") {
		switch {
		case l == "//\t{":
			in = true
		case !strings.HasPrefix(l, "//\t"):
			in = false
		}
		if in {
			lines = append(lines, strings.TrimPrefix(l, "//\t"))
		}
		if in && l == "//\t}" {
			break
		}
	}
	require.NotEmpty(t, lines, "the example in doc.go")
	_, err = plan.Load([]byte(strings.Join(lines, "\n")))
	require.NoError(t, err)
}
