package browsertest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/browsertest"
)

// TestProblems: console errors, uncaught exceptions and requests for remote addresses are all
// reported, so that a test asserting none saw none.
func TestProblems(t *testing.T) {
	b := browsertest.New(t)
	page := `<!DOCTYPE html><html><body><p>x</p>
<img src="http://192.0.2.1/none.png" alt="">
<script>console.error("boom"); document.documentElement.setAttribute("data-ready", "1"); null.x;</script>
</body></html>`
	b.Open(t, t.TempDir(), "bad.html", []byte(page), true)
	require.Equal(t, 2, browsertest.Eval[int](t, b, "1 + 1"))
	got := strings.Join(b.Problems(), "\n")
	require.Contains(t, got, `console error: "boom"`)
	require.Contains(t, got, "uncaught exception")
	require.Contains(t, got, "request for http://192.0.2.1/none.png")
}
