package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"time"
)

// modelJSON is the quickstart's model: the Storefront product, its tenants and their history.
//
//go:embed model.json
var modelJSON []byte

// asOf is the moment the quickstart looks at its model. It is fixed, not time.Now(), so that the
// output is the same on every run: a plan is a function of its inputs, and time is one of them.
func asOf() time.Time { return time.Date(2026, time.March, 16, 9, 0, 0, 0, time.UTC) }

func main() {
	var page bytes.Buffer
	if err := htmlReport(&page, modelJSON, asOf()); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(htmlFile, page.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
	if err := report(os.Stdout, modelJSON, asOf()); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}
