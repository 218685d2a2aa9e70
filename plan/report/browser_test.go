package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/browsertest"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"github.com/tenantplan/tenantplan/plan/report"
	"github.com/tenantplan/tenantplan/tags"
)

// The budget of TestBrowser_Interactive: the time from navigation until the page's script has
// run over a 10,000-tenant report, the best of three loads. Measured at about 4 s on a shared
// two-core machine, and at 20 s to 26 s on the same machine under a load of 20; the budget
// leaves room for a slower machine.
const interactiveBudget = 30 * time.Second

// domCell is a grid cell read from the rendered page.
type domCell struct {
	Tenant, Class, Text string
}

// readGrid reads every cell of the grid from the DOM, row by row.
const readGrid = `Array.from(document.querySelectorAll("table.grid tbody tr")).flatMap(tr =>
  Array.from(tr.cells).slice(1).map(td => ({Tenant: tr.cells[0].textContent, Class: td.className.split(" ")[0],
    Text: (td.firstChild ? (td.firstChild.nodeType === 1 ? td.firstChild.textContent : td.firstChild.nodeValue) : "").trim()})))`

// visibleRows lists the tenants of the rows the filter leaves visible.
const visibleRows = `Array.from(document.querySelectorAll("details.grp:not([hidden]) table.grid tbody tr:not([hidden])")).map(tr => tr.cells[0].textContent)`

func TestBrowser_Grid(t *testing.T) {
	b := browsertest.New(t)
	s, req := synthetic(t, 300)
	var page bytes.Buffer
	require.NoError(t, report.Write(&page, s, req, report.Options{GroupBy: "Upgrade ring"}))
	b.Open(t, t.TempDir(), "grid.html", page.Bytes(), true)

	m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, At: req.At})
	require.NoError(t, err)
	cells := browsertest.Eval[[]domCell](t, b, readGrid)
	total := 0
	want := map[string][]domCell{}
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			total++
			e := expect(m.Release, c)
			want[r.Tenant] = append(want[r.Tenant], domCell{r.Tenant, e.Class, e.Text})
		}
	}
	require.Len(t, cells, total, "the grid has exactly the matrix's cells")
	require.Equal(t, total, browsertest.Eval[int](t, b, `document.querySelectorAll("table.grid td").length`))
	// A sample: every seventh cell, read from the DOM, says what the matrix says.
	got := map[string][]domCell{}
	for _, c := range cells {
		got[c.Tenant] = append(got[c.Tenant], c)
	}
	sampled := 0
	for k, c := range cells {
		if k%7 != 0 {
			continue
		}
		sampled++
		row := want[c.Tenant]
		require.NotNil(t, row, "row %q is not in the matrix", c.Tenant)
		require.Contains(t, row, c, "cell %d of the page", k)
	}
	require.Positive(t, sampled)
	for tenant, row := range want {
		require.Equal(t, row, got[tenant], "row %q", tenant)
	}
	require.Empty(t, b.Problems())
}

// openStorefront opens the report of the quickstart's release, with its rollout, in a browser.
func openStorefront(t *testing.T) (*browsertest.Browser, *plan.Space) {
	t.Helper()
	b := browsertest.New(t)
	_, s := quickstart(t)
	var page bytes.Buffer
	require.NoError(t, report.Write(&page, s, storefront(), report.Options{}))
	b.Open(t, t.TempDir(), "storefront.html", page.Bytes(), true)
	return b, s
}

func TestBrowser_FocusShowsReasons(t *testing.T) {
	b, s := openStorefront(t)
	m, err := s.Matrix(plan.MatrixRequest{Project: "Storefront", Release: "1.5.0", At: monday})
	require.NoError(t, err)
	// Juniper Health in Production: disabled, and an earlier phase not complete.
	var cell plan.MatrixCell
	row := -1
	for i, r := range m.Rows {
		if r.Tenant == "Juniper Health" {
			cell, row = r.Cells[3], i
		}
	}
	require.GreaterOrEqual(t, row, 0)
	require.Len(t, cell.Reasons, 2)
	require.True(t, browsertest.Eval[bool](t, b, `document.getElementById("panel").hidden`), "the panel starts hidden")
	sel := fmt.Sprintf("table.grid tbody tr:nth-child(%d) td:nth-child(5) a", row+1)
	b.Do(t, chromedp.Focus(chromedp.CSS(sel)))
	require.False(t, browsertest.Eval[bool](t, b, `document.getElementById("panel").hidden`), "focus shows the panel")
	text := browsertest.Eval[string](t, b, `document.getElementById("panel").textContent`)
	require.Contains(t, text, "Juniper Health in Production")
	for _, r := range cell.Reasons {
		require.Contains(t, text, string(r.Code)+": "+r.Message)
	}
	// The pointer over another cell shows that cell's reasons.
	b.Do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("td.fz a").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))`))
	text = browsertest.Eval[string](t, b, `document.getElementById("panel").textContent`)
	require.Contains(t, text, "Harbor Retail in Production")
	require.Contains(t, text, `frozen: freeze "Harbor Retail quarter close" holds the cell`)
	require.Empty(t, b.Problems())
}

func TestBrowser_Filter(t *testing.T) {
	b := browsertest.New(t)
	s, req := synthetic(t, 400)
	var page bytes.Buffer
	// Parts of 50 rows: the filter opens the parts that have matches.
	require.NoError(t, report.Write(&page, s, req, report.Options{GroupBy: "Tier", GroupRows: 50}))
	b.Open(t, t.TempDir(), "filter.html", page.Bytes(), true)
	m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, At: req.At})
	require.NoError(t, err)
	rows := map[string]bool{}
	for _, r := range m.Rows {
		rows[r.Tenant] = true
	}
	first := m.Rows[len(m.Rows)/2].Tenant
	for _, expr := range []string{
		`Tier/Gold`,
		`"Upgrade ring/Early adopter" or "Upgrade ring/Tester"`,
		`Tier/Gold and not "Upgrade ring/Pinned"`,
		`(Region/eu-west-1 || Region/us-east-1) && !Tier/Free`,
		`Region/*`,
		`NOT Tier/*`,
		`tenant(` + strconv.Quote(first) + `) or Tier/Platinum`,
		`true`,
		`false`,
	} {
		t.Run(expr, func(t *testing.T) {
			e, err := tags.ParseExpr(expr)
			require.NoError(t, err)
			sel, err := s.Tenants().SelectExpr(e)
			require.NoError(t, err)
			want := []string{}
			for _, n := range sel.Names() {
				if rows[n] {
					want = append(want, n)
				}
			}
			// Typed with the keyboard, applied with Enter.
			b.Do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("filter").reset()`),
				chromedp.Focus(chromedp.CSS("#fexpr")), chromedp.SendKeys(chromedp.CSS("#fexpr"), expr+"\r"))
			got := browsertest.Eval[[]string](t, b, visibleRows)
			slices.Sort(got)
			slices.Sort(want)
			require.Equal(t, want, got)
			status := browsertest.Eval[string](t, b, `document.getElementById("fstatus").textContent`)
			require.Contains(t, status, fmt.Sprintf("%d of %d rows match", len(want), len(m.Rows)))
		})
	}
	t.Run("name", func(t *testing.T) {
		word := strings.ToLower(strings.Fields(first)[0])
		want := []string{}
		for _, r := range m.Rows {
			if strings.Contains(strings.ToLower(r.Tenant), word) {
				want = append(want, r.Tenant)
			}
		}
		b.Do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("filter").reset()`),
			chromedp.SendKeys(chromedp.CSS("#fname"), word+"\r"))
		got := browsertest.Eval[[]string](t, b, visibleRows)
		slices.Sort(got)
		slices.Sort(want)
		require.Equal(t, want, got)
	})
	t.Run("bad expression", func(t *testing.T) {
		b.Do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("filter").reset()`),
			chromedp.SendKeys(chromedp.CSS("#fexpr"), "Tier/Gold and (\r"))
		require.Equal(t, "err", browsertest.Eval[string](t, b, `document.getElementById("fstatus").className`))
		require.Equal(t, "true", browsertest.Eval[string](t, b, `document.getElementById("fexpr").getAttribute("aria-invalid")`))
	})
	t.Run("clear", func(t *testing.T) {
		b.Do(t, chromedp.Click(chromedp.CSS(`#filter button[type=reset]`)))
		require.Eventually(t, func() bool {
			return len(browsertest.Eval[[]string](t, b, visibleRows)) == len(m.Rows)
		}, 10*time.Second, 50*time.Millisecond)
	})
	require.Empty(t, b.Problems())
}

func TestBrowser_Timeline(t *testing.T) {
	b, s := openStorefront(t)
	r, err := s.Rollout(plan.RolloutRequest{Project: "Storefront", Release: "1.5.0", Environments: []string{"Staging", "Production"},
		Order: plan.ByRing, Rings: rings, Start: monday, WaveDuration: plan.Duration(2 * time.Hour)})
	require.NoError(t, err)
	require.Equal(t, len(r.Waves), browsertest.Eval[int](t, b, `document.querySelectorAll("#timeline g.wave rect.bar").length`))
	// Each bar is drawn: it has a width on the screen.
	widths := browsertest.Eval[[]float64](t, b, `Array.from(document.querySelectorAll("#timeline rect.bar")).map(r => r.getBoundingClientRect().width)`)
	for _, w := range widths {
		require.Positive(t, w)
	}
	names := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#timeline g.band text")).map(t => t.textContent)`)
	require.Equal(t, []string{"Weekend", "Weekend", "Harbor Retail quarter close"}, names)
	titles := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#timeline g.band title")).map(t => t.textContent)`)
	for _, title := range titles {
		require.Regexp(t, `^Freeze (Weekend|Harbor Retail quarter close): `, title)
	}
	// Bars are keyboard stops, and say what they are.
	require.Equal(t, len(r.Waves), browsertest.Eval[int](t, b, `document.querySelectorAll("#timeline g.wave[tabindex='0'][aria-label]").length`))
	require.Empty(t, b.Problems())
}

// TestBrowser_Interactive measures the time from navigation until the page's script has run
// (the filter and the details panel work) on a 10,000-tenant report, the best of three loads so
// that another process taking the machine once does not count, and the time of one filter over
// all its rows. TENANTPLAN_BROWSER_100K=1 measures a 100,000-tenant report too.
func TestBrowser_Interactive(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and opens a 10,000-tenant report")
	}
	b := browsertest.New(t)
	sizes := []int{10_000}
	if os.Getenv("TENANTPLAN_BROWSER_100K") == "1" {
		sizes = append(sizes, 100_000)
	}
	best := map[int]time.Duration{}
	for _, n := range sizes {
		s, req := synthetic(t, n)
		var page bytes.Buffer
		require.NoError(t, report.Write(&page, s, req, report.Options{GroupBy: "Upgrade ring"}))
		dir := t.TempDir()
		for k := range 3 {
			took := b.Open(t, dir, fmt.Sprintf("big%d.html", k), page.Bytes(), true)
			// In the page's own clock: when the script had run, and how long one filter takes.
			ready := browsertest.Eval[float64](t, b, `+document.documentElement.getAttribute("data-ready")`)
			filter := browsertest.Eval[float64](t, b, `(() => {
  const t0 = performance.now();
  document.getElementById("fexpr").value = 'Tier/Gold and not "Upgrade ring/Pinned"';
  document.getElementById("filter").requestSubmit();
  return performance.now() - t0; })()`)
			status := browsertest.Eval[string](t, b, `document.getElementById("fstatus").textContent`)
			require.Contains(t, status, " rows match")
			t.Logf("%d tenants: %d bytes; interactive after %v (the script done %.0f ms after navigation started); a filter over every row took %.0f ms (%s)",
				n, page.Len(), took.Round(time.Millisecond), ready, filter, status)
			if best[n] == 0 || took < best[n] {
				best[n] = took
			}
		}
	}
	require.Empty(t, b.Problems())
	require.Less(t, best[10_000], interactiveBudget, "a 10,000-tenant report must become interactive within the budget")
}

// TestBrowser_FilterAgreesWithGo is the page's tag expression parser checked against package
// tags: for generated expressions over the model's tags, the rows the filter keeps are the
// tenants tenant.Set.SelectExpr selects; for near-miss text, the filter reports an error exactly
// when tags.ParseExpr does.
func TestBrowser_FilterAgreesWithGo(t *testing.T) {
	b := browsertest.New(t)
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: 200, Seed: 7})
	s, err := plan.Compile(f)
	require.NoError(t, err)
	project := f.Projects[0].Name
	rs, err := s.Releases(project)
	require.NoError(t, err)
	var page bytes.Buffer
	require.NoError(t, report.Write(&page, s, report.Request{Project: project, Release: rs[0]}, report.Options{}))
	b.Open(t, t.TempDir(), "agree.html", page.Bytes(), true)
	m, err := s.Matrix(plan.MatrixRequest{Project: project, Release: rs[0]})
	require.NoError(t, err)
	rows := map[string]bool{}
	for _, r := range m.Rows {
		rows[r.Tenant] = true
	}
	var canon []string
	for _, ts := range s.Catalog().Sets() {
		for _, tg := range ts.Tags() {
			canon = append(canon, ts.Name()+"/"+tg)
		}
	}
	// filter applies expr in the page and returns the rows kept, or the error it reported.
	filter := func(expr string) ([]string, bool) {
		js, err := json.Marshal(expr)
		require.NoError(t, err)
		b.Do(t, chromedp.Evaluate[chromedp.Void](`(() => {
  document.getElementById("filter").reset();
  document.getElementById("fname").value = "";
  document.getElementById("fexpr").value = `+string(js)+`;
  document.getElementById("filter").requestSubmit(); })()`))
		if browsertest.Eval[string](t, b, `document.getElementById("fstatus").className`) == "err" {
			return nil, false
		}
		got := browsertest.Eval[[]string](t, b, visibleRows)
		slices.Sort(got)
		return got, true
	}
	rapid.Check(t, func(rt *rapid.T) {
		expr := plantest.Expression(canon).Draw(rt, "expr")
		e, err := tags.ParseExpr(expr)
		if err != nil {
			rt.Fatalf("generated expression %q does not parse: %v", expr, err)
		}
		sel, err := s.Tenants().SelectExpr(e)
		if err != nil {
			rt.Fatalf("select %q: %v", expr, err)
		}
		want := []string{}
		for _, n := range sel.Names() {
			if rows[n] {
				want = append(want, n)
			}
		}
		slices.Sort(want)
		got, ok := filter(expr)
		if !ok {
			rt.Fatalf("the page refuses %q, which package tags parses", expr)
		}
		if !slices.Equal(want, got) {
			rt.Fatalf("%q: the page keeps %d rows, package tags selects %d", expr, len(got), len(want))
		}
	})
	tokens := []string{"(", ")", "and", "OR", "not", "!", "&&", "||", "&", "|", "Tier/Gold", `"Upgrade ring/Tester"`,
		"Region/*", `tenant("X")`, "tenant", "true", "false", `"open`, "Tier", `"a\q"`, "é/ü", "#", ""}
	rapid.Check(t, func(rt *rapid.T) {
		parts := rapid.SliceOfN(rapid.SampledFrom(tokens), 1, 7).Draw(rt, "tokens")
		expr := strings.Join(parts, " ")
		_, perr := tags.ParseExpr(expr)
		_, ok := filter(expr)
		if (perr == nil) != ok && strings.TrimSpace(expr) != "" {
			rt.Fatalf("%q: package tags says %v, the page accepts it: %v", expr, perr, ok)
		}
	})
	require.Empty(t, b.Problems())
}
