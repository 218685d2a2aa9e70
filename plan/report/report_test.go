package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
	"github.com/tenantplan/tenantplan/plan/report"
)

// The quickstart's question: Storefront 1.5.0 on Monday 16 March 2026, 09:00 UTC.
var (
	monday = time.Date(2026, time.March, 16, 9, 0, 0, 0, time.UTC)
	rings  = []plan.Ring{
		{Name: "Tester", Tags: []string{"Upgrade ring/Tester"}},
		{Name: "Early adopter", Tags: []string{"Upgrade ring/Early adopter"}, MaxParallel: 2, Soak: plan.Duration(24 * time.Hour)},
		{Name: "Stable", Tags: []string{"Upgrade ring/Stable"}, MaxParallelPercent: 50, Soak: plan.Duration(48 * time.Hour)},
	}
)

func quickstart(t testing.TB) (*model.File, *plan.Space) {
	t.Helper()
	data, err := os.ReadFile("../../examples/quickstart/model.json")
	require.NoError(t, err)
	f, err := model.Decode(data)
	require.NoError(t, err)
	s, err := plan.Compile(f)
	require.NoError(t, err)
	return f, s
}

func storefront() report.Request {
	return report.Request{Project: "Storefront", Release: "1.5.0", At: monday,
		Rollout: &plan.RolloutRequest{Environments: []string{"Staging", "Production"}, Order: plan.ByRing,
			Rings: rings, Start: monday, WaveDuration: plan.Duration(2 * time.Hour)}}
}

func write(t testing.TB, s *plan.Space, req report.Request, o report.Options) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.Write(&b, s, req, o))
	return b.String()
}

var (
	rowRE  = regexp.MustCompile(`<tr data-t="[0-9 ]*"><th scope="row">([^<]*)</th>(.*)</tr>`)
	cellRE = regexp.MustCompile(`<td class="([a-z]+)[^"]*">(?:<a href="#r[0-9]+">)?([^<]*)`)
)

// gridCell is a cell as the page shows it: its class and text.
type gridCell struct{ Class, Text string }

// grid reads the rows of the grid from the page: tenant name -> cells.
func grid(page string) map[string][]gridCell {
	out := map[string][]gridCell{}
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		var cells []gridCell
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, gridCell{c[1], html.UnescapeString(c[2])})
		}
		out[html.UnescapeString(m[1])] = cells
	}
	return out
}

// expect is an independent reading of a matrix cell: the class and text the grid must show.
func expect(release string, c plan.MatrixCell) gridCell {
	cur := ""
	if c.Current != "" {
		cur = c.Current + " "
	}
	codes := make([]plan.Code, len(c.Reasons))
	for i, r := range c.Reasons {
		codes[i] = r.Code
	}
	switch {
	case slices.Contains(codes, plan.ReasonNotConnected):
		return gridCell{"na", cur + "n/c"}
	case c.Current == release:
		return gridCell{"done", cur + "done"}
	case c.Deployable:
		return gridCell{"ok", cur + "ok"}
	}
	words := map[plan.Code]string{plan.ReasonDisabled: "disabled", plan.ReasonLifecycle: "lifecycle",
		plan.ReasonFrozen: "frozen", plan.ReasonMissingVariables: "missing", plan.ReasonNoTargets: "no-target",
		plan.ReasonForbidden: "forbidden", plan.ReasonChannelMismatch: "channel", plan.ReasonNotInLifecycle: "n/a",
		plan.ReasonReleaseBlocked: "blocked", plan.ReasonUntenantedProject: "tenancy", plan.ReasonTenantedProject: "tenanted"}
	w := words[codes[0]]
	if len(codes) > 1 {
		w += "+"
	}
	class := "bl"
	if codes[0] == plan.ReasonFrozen {
		class = "fz"
	}
	return gridCell{class, cur + w}
}

func TestWrite_GridMatchesMatrix(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{})
	m, err := s.Matrix(plan.MatrixRequest{Project: "Storefront", Release: "1.5.0", At: monday})
	require.NoError(t, err)
	want := map[string][]gridCell{}
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			want[r.Tenant] = append(want[r.Tenant], expect(m.Release, c))
		}
	}
	if diff := cmp.Diff(want, grid(page)); diff != "" {
		t.Errorf("grid (-matrix +page):\n%s", diff)
	}
	// Every reason of every cell is in the page, with its message.
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			for _, x := range c.Reasons {
				has(t, page, "<code>"+string(x.Code)+"</code>: "+html.EscapeString(x.Message))
			}
		}
	}
}

func TestWrite_Summary(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{})
	// 48 cells: 8 deployable, 7 done, 8 blocked (lifecycle 3, disabled 2, and one each of frozen,
	// missing and no-target: the most common first), 25 not connected.
	for _, want := range []string{"Cells<b>48</b>", "Deployable<b>8</b>", "Done<b>7</b>", "Blocked<b>8</b>", "Not connected<b>25</b>"} {
		has(t, page, want)
	}
	re := regexp.MustCompile(`<tr><th scope="row">([a-z-]+)</th><td><code>([a-z-]+)</code></td><td>([0-9]+)</td>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		got = append(got, m[2]+"="+m[3])
	}
	require.Equal(t, []string{"lifecycle=3", "disabled=2", "frozen=1", "missing-variables=1", "no-targets=1"}, got)
}

func TestWrite_SelfContained(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{GroupBy: "Tier"})
	for _, bad := range []string{"<link", " src=", "@import", "url(http", "//cdn", "fonts.g"} {
		hasNot(t, page, bad)
	}
	// The only address in the page is the SVG namespace, which is a name and not a request.
	addrs := regexp.MustCompile(`https?://[^"'\s<>]+`).FindAllString(page, -1)
	for _, a := range addrs {
		require.Equal(t, "http://www.w3.org/2000/svg", a)
	}
	require.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
}

func TestWrite_Accessible(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{GroupBy: "Tier"})
	// Real tables: a header cell per environment, a row header per tenant.
	require.Equal(t, 3, strings.Count(page, `<table class="grid">`), "one table per Tier group")
	head := `<thead><tr><th scope="col">Tenant</th><th scope="col">Dev</th><th scope="col">Test</th>` +
		`<th scope="col">Staging</th><th scope="col">Production</th></tr></thead>`
	require.Equal(t, 3, strings.Count(page, head), "a header row in each table")
	require.Equal(t, 12, len(rowRE.FindAllString(page, -1)))
	// Labelled filters, and a status line for their result.
	has(t, page, `<label>Tag expression<input id="fexpr"`)
	has(t, page, `<label>Tenant name contains<input id="fname"`)
	has(t, page, `role="status"`)
	// The timeline has a text equivalent.
	has(t, page, `role="img" aria-labelledby="tl-title tl-desc"`)
	has(t, page, `<caption>Waves</caption>`)
}

func TestWrite_GroupBy(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{GroupBy: "Upgrade ring"})
	re := regexp.MustCompile(`<summary>([^<]*): <span class="gc">([0-9]+) rows?</span>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		got = append(got, html.UnescapeString(m[1])+"="+m[2])
	}
	// Tag set order, then the tenants without a tag of the set.
	require.Equal(t, []string{"Upgrade ring: Tester=1", "Upgrade ring: Early adopter=3", "Upgrade ring: Stable=7",
		"Upgrade ring: Pinned=1"}, got)

	page = write(t, s, storefront(), report.Options{GroupRows: 5})
	got = nil
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		got = append(got, m[1]+"="+m[2])
	}
	require.Equal(t, []string{"Tenants, rows 1 to 5 of 12=5", "Tenants, rows 6 to 10 of 12=5", "Tenants, rows 11 to 12 of 12=2"}, got)
	hasNot(t, page, `<details class="grp" open>`, "more rows than a part: every part starts closed")
}

func TestWrite_Timeline(t *testing.T) {
	_, s := quickstart(t)
	page := write(t, s, storefront(), report.Options{})
	r, err := s.Rollout(plan.RolloutRequest{Project: "Storefront", Release: "1.5.0", Environments: []string{"Staging", "Production"},
		Order: plan.ByRing, Rings: rings, Start: monday, WaveDuration: plan.Duration(2 * time.Hour)})
	require.NoError(t, err)
	require.Equal(t, len(r.Waves), strings.Count(page, `<g class="wave"`))
	names := regexp.MustCompile(`<text x="[0-9.]+" y="26">([^<]*)</text>`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, n := range names {
		got = append(got, n[1])
	}
	// The weekend freeze holds Production over two weekends of the rollout; Harbor Retail's
	// quarter close holds its Production cell until 2 April.
	require.Equal(t, []string{"Weekend", "Weekend", "Harbor Retail quarter close"}, got)
	has(t, page, "after wave 1 and a soak of 24h")
	for _, c := range r.Never {
		require.Regexp(t, `<tr><th scope="row">`+regexp.QuoteMeta(html.EscapeString(c.Tenant))+`</th><td>`+c.Environment, page)
	}
}

func TestWrite_Diff(t *testing.T) {
	f, after := quickstart(t)
	// Before: Globex was not connected to Production yet, and Initech was disabled.
	old := plantest.Clone(f)
	for i := range old.Tenants {
		tn := &old.Tenants[i]
		switch tn.Name {
		case "Globex":
			tn.Projects["Storefront"] = slices.DeleteFunc(slices.Clone(tn.Projects["Storefront"]), func(e string) bool { return e == "Production" })
		case "Initech":
			tn.Disabled = true
		}
	}
	before, err := plan.Compile(old)
	require.NoError(t, err)
	req := storefront()
	req.Before = before
	page := write(t, after, req, report.Options{})
	has(t, page, "0 added, 0 removed, 5 changed.")
	re := regexp.MustCompile(`<tr class="kind-([a-z]+)"><th scope="row">[a-z]+</th><td>([^<]*)</td><td>([^<]*)</td>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		got = append(got, m[1]+" "+m[2]+" "+m[3])
	}
	// Initech's cells lose the reason disabled in every environment; Globex's Production cell
	// is connected now.
	require.Equal(t, []string{"changed Dev Initech", "changed Test Initech", "changed Staging Initech",
		"changed Production Globex", "changed Production Initech"}, got)
	require.Equal(t, 5, strings.Count(page, `ch-changed">`))
}

func TestWrite_Principal(t *testing.T) {
	f, s := quickstart(t)
	req := storefront()
	req.Principal = "acme-self-service"
	page := write(t, s, req, report.Options{GroupBy: "Tier"})
	require.Equal(t, []string{"Acme Corp"}, keys(grid(page)))
	for _, tn := range f.Tenants {
		if tn.Name != "Acme Corp" {
			hasNot(t, page, html.EscapeString(tn.Name), "a tenant acme-self-service may not view")
		}
	}
	// The page never says that a wave holds tenants the principal may not view.
	hasNot(t, page, "may not view,")
	hasNot(t, page, "and tenants you may not view")
	hasNot(t, page, "and others")
}

// waveRE reads the table of waves: number, environment, ring, gate, tenants.
var waveRE = regexp.MustCompile(`<tr><th scope="row">([0-9]+)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td></tr>`)

// TestWrite_PrincipalSeesOnlyItsWaves: a report made for a principal leaves out the waves that
// hold none of its tenants and numbers the others again, so that neither a wave's list nor a
// gap in the numbers says that there are tenants it may not view; a gate on a wave left out reads
// "after earlier waves", with its soak.
func TestWrite_PrincipalSeesOnlyItsWaves(t *testing.T) {
	f, _ := quickstart(t)
	f.Principals = append(f.Principals,
		model.Principal{Name: "initech-ops", Grants: []model.Grant{{Action: "view", Tenants: []string{"Initech"}}}},
		model.Principal{Name: "two", Grants: []model.Grant{{Action: "view", Tenants: []string{"Acme Corp", "Delta Logistics"}}}})
	s, err := plan.Compile(f)
	require.NoError(t, err)
	waves := func(who string) [][]string {
		req := storefront()
		req.Principal = who
		page := write(t, s, req, report.Options{})
		var out [][]string
		for _, m := range waveRE.FindAllStringSubmatch(page, -1) {
			out = append(out, m[1:])
		}
		return out
	}
	// Everyone: wave 1 is Acme Corp and Capital Animal Hospital, wave 2 Initech, after a soak.
	all := waves("")
	require.Greater(t, len(all), 2)
	require.Equal(t, []string{"2", "Production", "Early adopter", "after wave 1 and a soak of 24h", "Initech"}, all[1])

	if d := cmp.Diff([][]string{{"1", "Production", "Early adopter", "after earlier waves and a soak of 24h", "Initech"}},
		waves("initech-ops")); d != "" {
		t.Errorf("initech-ops (-want +got):\n%s", d)
	}
	// Delta Logistics is in waves 4 (Staging) and 5 (Production) of everyone's rollout; wave 4 waits
	// for wave 3, which holds only Bluebird Airlines, and wave 5 for wave 4.
	got := waves("two")
	require.Len(t, got, 3, "%q", got)
	require.Equal(t, []string{"1", "Production", "Early adopter", "none (first wave)", "Acme Corp"}, got[0])
	require.Equal(t, []string{"2", "Staging", "Stable", "after earlier waves and a soak of 48h", "Delta Logistics"}, got[1])
	require.Equal(t, []string{"3", "Production", "Stable", "after wave 2 and a soak of 48h", "Delta Logistics"}, got[2])
}

// has fails t when page does not contain s, without printing the whole page.
func has(t *testing.T, page, s string, msg ...any) {
	t.Helper()
	if !strings.Contains(page, s) {
		t.Fatalf("the page does not contain %q %v", s, msg)
	}
}

// hasNot fails t when page contains s, and shows where.
func hasNot(t *testing.T, page, s string, msg ...any) {
	t.Helper()
	if i := strings.Index(page, s); i >= 0 {
		t.Fatalf("the page contains %q %v: ...%s...", s, msg, page[max(0, i-80):min(len(page), i+80)])
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestWrite_Errors(t *testing.T) {
	_, s := quickstart(t)
	other := storefront()
	other.Rollout.Release = "1.4.0"
	for _, tc := range []struct {
		name string
		req  report.Request
		o    report.Options
		code plan.Code
		msg  string
	}{
		{"unknown project", report.Request{Project: "Nope", Release: "1.5.0"}, report.Options{}, plan.CodeUnknownProject, `"Nope"`},
		{"unknown release", report.Request{Project: "Storefront", Release: "9.9"}, report.Options{}, plan.CodeUnknownRelease, `"9.9"`},
		{"unknown principal", report.Request{Project: "Storefront", Release: "1.5.0", Principal: "eve"}, report.Options{}, plan.CodeUnknownPrincipal, `"eve"`},
		{"unknown tag set", storefront(), report.Options{GroupBy: "Colour"}, "", `group by "Colour": no such tag set (the model has "Tier", "Region", "Upgrade ring")`},
		{"policy of another release", other, report.Options{}, "", `the rollout policy is for "" "1.4.0", the report for "Storefront" "1.5.0"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := report.Write(&b, s, tc.req, tc.o)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.msg)
			require.Equal(t, tc.code, plan.CodeOf(err))
			require.Zero(t, b.Len(), "nothing written on error")
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWrite_WriterError(t *testing.T) {
	_, s := quickstart(t)
	err := report.Write(failWriter{}, s, storefront(), report.Options{})
	require.ErrorContains(t, err, "disk full")
}

// TestProperty_NoSecretInReport: for generated models with marker values in sensitive
// variables (project secrets and tenant values of every template), made for any principal,
// with a rollout and a second model, no marker appears in the page.
func TestProperty_NoSecretInReport(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Principals: 2}).Draw(t, "model")
		var secrets []string
		secret := func(label string) string {
			v := "SeCrEt" + rapid.StringMatching(`[A-Za-z0-9]{4,10}`).Draw(t, label)
			secrets = append(secrets, v)
			return v
		}
		for i := range f.Projects {
			p := &f.Projects[i]
			p.Variables = append(p.Variables,
				model.Variable{Name: "Secret.ApiKey", Value: secret("apiKey"), Sensitive: true},
				model.Variable{Name: "Endpoint", Value: "https://api.example/?key=#{Secret.ApiKey}"})
			for k := range p.Templates {
				p.Templates[k].Sensitive = true
				if p.Templates[k].Default != nil {
					v := secret("default")
					p.Templates[k].Default = &v
				}
			}
		}
		for k := range f.Tenants {
			tn := &f.Tenants[k]
			for proj, vals := range tn.ProjectValues {
				for j := range vals {
					v := secret("tenantValue")
					tn.ProjectValues[proj][j].Value = &v
				}
			}
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model is invalid: %v", err)
		}
		if len(f.Releases) == 0 {
			t.Skip("no release")
		}
		pol := plantest.RolloutRequest(f, rapid.Bool().Draw(t, "timed")).Draw(t, "policy")
		req := report.Request{Project: pol.Project, Release: pol.Release, Rollout: &pol, Before: s}
		if rapid.Bool().Draw(t, "at") {
			req.At = plantest.Time().Draw(t, "time")
		}
		if len(f.Principals) > 0 && rapid.Bool().Draw(t, "as") {
			req.Principal = rapid.SampledFrom(f.Principals).Draw(t, "principal").Name
		}
		var b bytes.Buffer
		if err := report.Write(&b, s, req, report.Options{GroupRows: rapid.IntRange(0, 5).Draw(t, "groupRows")}); err != nil {
			t.Fatalf("report: %v", err)
		}
		page := b.String()
		for _, v := range secrets {
			if strings.Contains(page, v) {
				t.Fatalf("sensitive value %q is in the page", v)
			}
		}
	})
}

// TestProperty_PrincipalSeesOnlyWhatItMayView: the rows, tags and rollout lists of a report made
// for a principal name only tenants of its matrix, and every tag in the page is one of theirs.
func TestProperty_PrincipalSeesOnlyWhatItMayView(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{Principals: 3}).Draw(t, "model")
		if len(f.Principals) == 0 || len(f.Releases) == 0 {
			t.Skip("no principal or no release")
		}
		s, err := plan.Compile(f)
		if err != nil {
			t.Fatalf("model is invalid: %v", err)
		}
		pol := plantest.RolloutRequest(f, true).Draw(t, "policy")
		who := rapid.SampledFrom(f.Principals).Draw(t, "principal").Name
		req := report.Request{Project: pol.Project, Release: pol.Release, Rollout: &pol, Principal: who}
		var b bytes.Buffer
		if err := report.Write(&b, s, req, report.Options{}); err != nil {
			t.Fatalf("report: %v", err)
		}
		page := b.String()
		m, err := s.Matrix(plan.MatrixRequest{Project: pol.Project, Release: pol.Release, Principal: who})
		if err != nil {
			t.Fatalf("matrix: %v", err)
		}
		may := map[string]bool{}
		tagsOf := map[string]bool{}
		for _, r := range m.Rows {
			if r.Untenanted {
				may["(untenanted)"] = true
				continue
			}
			may[r.Tenant] = true
			for _, tn := range f.Tenants {
				if tn.Name == r.Tenant {
					for _, tg := range tn.Tags {
						tagsOf[tg] = true
					}
				}
			}
		}
		for name := range grid(page) {
			if !may[name] {
				t.Fatalf("row %q is not in the principal's matrix", name)
			}
		}
		dict := regexp.MustCompile(`<script type="application/json" id="tagdict">(.*?)</script>`).FindStringSubmatch(page)
		if dict == nil {
			t.Fatalf("no tag dictionary")
		}
		for _, tn := range f.Tenants {
			if may[tn.Name] {
				continue
			}
			// A hidden tenant's name never appears as an item of a list or a cell of a table.
			for _, form := range []string{">" + html.EscapeString(tn.Name) + "<", ", " + html.EscapeString(tn.Name) + "<",
				">" + html.EscapeString(tn.Name) + ",", ", " + html.EscapeString(tn.Name) + ","} {
				if strings.Contains(page, form) {
					t.Fatalf("%s may not view %q, but the page shows it (%q)", who, tn.Name, form)
				}
			}
		}
		for _, tg := range regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(dict[1], -1) {
			name := strings.ReplaceAll(tg[1], `\u0026`, "&")
			if !tagsOf[name] && !strings.Contains(name, `\`) {
				t.Fatalf("tag %q in the page is no tag of a tenant %s may view", name, who)
			}
		}
	})
}

// TestWrite_SizeLinear: the page of a synthetic model grows linearly with its tenants: ten
// times the tenants give at most twenty times the bytes, allocations and bytes allocated.
func TestWrite_SizeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("writes reports of 1,000 and 10,000 tenants")
	}
	size := map[int]int{}
	lineartest.Require(t, 1000, 10, false, func(n int) func() {
		s, req := synthetic(t, n)
		var b bytes.Buffer
		return func() {
			b.Reset()
			if err := report.Write(&b, s, req, report.Options{GroupBy: "Upgrade ring"}); err != nil {
				t.Fatal(err)
			}
			size[n] = b.Len()
		}
	})
	t.Logf("page size: %d bytes at 1,000 tenants, %d at 10,000 (%.1f bytes per tenant at 10,000)",
		size[1000], size[10000], float64(size[10000])/10000)
	require.LessOrEqual(t, float64(size[10000]), 20*float64(size[1000]))
	require.GreaterOrEqual(t, float64(size[10000]), 5*float64(size[1000]), "the page should hold every tenant")
}

// synthetic returns a synthetic model of n tenants and the request of its report: the first
// project's latest release, with a rollout by upgrade ring through every environment.
func synthetic(t testing.TB, n int) (*plan.Space, report.Request) {
	t.Helper()
	f := plantest.Synthetic(plantest.SyntheticOptions{Tenants: n, Seed: 1})
	s, err := plan.Compile(f)
	require.NoError(t, err)
	project := f.Projects[0].Name
	rs, err := s.Releases(project)
	require.NoError(t, err)
	release := rs[len(rs)-1]
	start := plantest.Epoch().Add(24 * time.Hour)
	return s, report.Request{Project: project, Release: release, At: start,
		Rollout: &plan.RolloutRequest{Order: plan.ByRing, Start: start, WaveDuration: plan.Duration(2 * time.Hour), Rings: []plan.Ring{
			{Name: "Tester", Tags: []string{"Upgrade ring/Tester"}},
			{Name: "Early adopter", Tags: []string{"Upgrade ring/Early adopter"}, MaxParallelPercent: 25, Soak: plan.Duration(24 * time.Hour)},
			{Name: "Stable", Tags: []string{"Upgrade ring/Stable"}, MaxParallelPercent: 20, Soak: plan.Duration(48 * time.Hour)},
		}}}
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("tenants=%d", n), func(b *testing.B) {
			s, req := synthetic(b, n)
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := report.Write(&buf, s, req, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/page")
		})
	}
}
