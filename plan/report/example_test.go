package report_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/report"
)

// ExampleWrite writes the report of a small model: one tenant connected to two environments,
// with the release deployed to the first.
func ExampleWrite() {
	s, err := plan.Load([]byte(`{
  "environments": ["Staging", "Production"],
  "lifecycles": [{"name": "Default", "phases": [
    {"name": "Staging", "manual": ["Staging"]},
    {"name": "Production", "manual": ["Production"]}]}],
  "projects": [{"name": "Shop", "lifecycle": "Default", "tenancy": "Tenanted", "targetRoles": ["web"]}],
  "tenants": [{"name": "Acme", "projects": {"Shop": ["Staging", "Production"]}}],
  "targets": [{"name": "web", "environments": ["Staging", "Production"], "roles": ["web"], "tenancy": "Tenanted", "tenants": ["Acme"]}],
  "releases": [{"project": "Shop", "version": "2.0.0"}],
  "deployments": [{"project": "Shop", "release": "2.0.0", "environment": "Staging", "tenant": "Acme",
    "at": "2026-03-02T10:00:00Z", "outcome": "Success"}]
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var page bytes.Buffer
	err = report.Write(&page, s, report.Request{Project: "Shop", Release: "2.0.0"}, report.Options{Now: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	html := page.String()
	fmt.Println(regexp.MustCompile(`<h1>(.*)</h1>`).FindStringSubmatch(html)[1])
	for _, row := range regexp.MustCompile(`<tr data-t="[^"]*">(.*)</tr>`).FindAllStringSubmatch(html, -1) {
		fmt.Println(strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(row[1], " ")), " "))
	}
	// Output:
	// Shop 2.0.0: release report
	// Acme 2.0.0 done ok
}
