package scenario_test

import (
	"os"
	"strings"
	"testing"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// TestConformance runs every scenario file in the folder named by TENANTPLAN_SCENARIOS (CI sets it
// to the shared conformance suite). Files named in TENANTPLAN_PENDING (comma-separated) run and
// report their differences without failing, until their issue lands.
func TestConformance(t *testing.T) {
	dir := os.Getenv("TENANTPLAN_SCENARIOS")
	if dir == "" {
		t.Skip("TENANTPLAN_SCENARIOS is not set: no conformance folder to run")
	}
	scenario.TestWith(t, dir, scenario.Options{Pending: strings.Split(os.Getenv("TENANTPLAN_PENDING"), ",")})
}
