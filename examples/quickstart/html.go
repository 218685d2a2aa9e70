package main

import (
	"fmt"
	"io"
	"time"

	"github.com/tenantplan/tenantplan/plan"
	htmlreport "github.com/tenantplan/tenantplan/plan/report"
)

// htmlFile is the web page the quickstart writes next to its printed output, in the current
// folder.
const htmlFile = "storefront-report.html"

// htmlReport writes the web page of the quickstart: the matrix grouped by upgrade ring, and the
// timeline of the rollout that the printed report lists.
func htmlReport(w io.Writer, modelJSON []byte, now time.Time) error {
	s, err := plan.Load(modelJSON)
	if err != nil {
		return fmt.Errorf("load the model: %w", err)
	}
	pol := rolloutPolicy(now)
	return htmlreport.Write(w, s, htmlreport.Request{Project: project, Release: release, At: now, Rollout: &pol},
		htmlreport.Options{GroupBy: "Upgrade ring", Now: now})
}
