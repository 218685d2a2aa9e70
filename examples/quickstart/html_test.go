package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/browsertest"
)

func page(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, htmlReport(&b, modelJSON, asOf()))
	return b.Bytes()
}

// TestHTMLReport: the web page is deterministic, names every tenant and holds no secret.
func TestHTMLReport(t *testing.T) {
	p := page(t)
	require.Equal(t, p, page(t), "two runs differ")
	for _, name := range []string{"Acme Corp", "Kestrel Games", "Upgrade ring: Early adopter", "Weekend"} {
		require.True(t, bytes.Contains(p, []byte(name)), "the page should name %q", name)
	}
	for _, s := range modelSecrets(t) {
		require.False(t, bytes.Contains(p, []byte(s)), "a sensitive value is in the page")
	}
}

// TestHTMLReport_Browser opens the quickstart's page in a headless Chromium, checks the grid and
// the timeline as a reader sees them, and saves screenshots of both (and of the whole page) in
// a temporary folder that the test prints and leaves in place.
func TestHTMLReport_Browser(t *testing.T) {
	b := browsertest.New(t)
	dir, err := os.MkdirTemp("", "storefront-report-")
	require.NoError(t, err)
	b.Open(t, dir, htmlFile, page(t), true)
	require.Equal(t, 12*4, browsertest.Eval[int](t, b, `document.querySelectorAll("table.grid td").length`))
	require.Equal(t, 6, browsertest.Eval[int](t, b, `document.querySelectorAll("#timeline g.wave").length`))
	bands := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#timeline g.band text")).map(t => t.textContent)`)
	require.Equal(t, "Weekend,Weekend,Harbor Retail quarter close", strings.Join(bands, ","))
	require.Empty(t, b.Problems())
	for _, shot := range []struct{ name, sel string }{
		{"grid.png", "#matrix"},
		{"timeline.png", "#rollout"},
		{"page.png", ""},
	} {
		path := b.Screenshot(t, dir, shot.name, shot.sel)
		t.Log("screenshot:", path)
	}
	// A focused blocked cell shows its reasons in the panel.
	b.Do(t, chromedp.Focus(chromedp.CSS("td.fz a")))
	panel := browsertest.Eval[string](t, b, `document.getElementById("panel").textContent`)
	require.Contains(t, panel, `Harbor Retail in Production: 1.4.0 frozen`)
	t.Log("screenshot:", b.Screenshot(t, dir, "panel.png", "#panel"))
	t.Log("the page and its screenshots are in", dir)
}
