package scenario_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// TestConformance runs every scenario file in the folder named by TENANTPLAN_SCENARIOS (CI sets it
// to its suite of scenario files). A relative folder is taken relative to the module root (where
// go test ./... is typed), or else to this package. Files named in TENANTPLAN_PENDING
// (comma-separated) run and report their differences without failing, until their issue lands.
func TestConformance(t *testing.T) {
	dir := os.Getenv("TENANTPLAN_SCENARIOS")
	if dir == "" {
		t.Skip("TENANTPLAN_SCENARIOS is not set: no conformance folder to run")
	}
	scenario.TestWith(t, resolve(dir), scenario.Options{Pending: strings.Split(os.Getenv("TENANTPLAN_PENDING"), ",")})
}

// resolve finds a relative folder from the module root first (the directory holding go.mod, above
// this package), then from the package itself.
func resolve(dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	for root := wd; ; {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(root, dir)); err == nil {
				return filepath.Join(root, dir)
			}
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			break
		}
		root = parent
	}
	return dir
}
