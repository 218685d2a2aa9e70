package octopus_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// fixtureExtras adds to the rendered fixture space what only Octopus has: a tag set for
// environments, a disabled project with history, channel version rules, a disabled and an
// unavailable machine, deployments still queued, executing or cancelling, a timed-out task, the
// legacy tenant values of the first five tenants (with sensitive values), and a monthly freeze on
// a weekday of the month.
func fixtureExtras(d *folder) {
	d.lists["tagsets"] = append(d.lists["tagsets"], obj{"Id": "TagSets-10", "Name": "Environment class", "Type": "MultiSelect",
		"SortOrder": 10, "Scopes": []string{"Environment"}, "Tags": []obj{{"Id": "Tags-10-1", "Name": "Regulated", "SortOrder": 0}}, "SpaceId": "Spaces-1"})
	d.lists["projects"] = append(d.lists["projects"], obj{"Id": "Projects-4", "Name": "Legacy portal", "LifecycleId": "Lifecycles-1",
		"TenantedDeploymentMode": "Tenanted", "IsDisabled": true, "ProjectGroupId": "ProjectGroups-1", "Templates": []obj{}, "SpaceId": "Spaces-1"})
	d.lists["channels"] = append(d.lists["channels"], obj{"Id": "Channels-4-1", "Name": "Default", "ProjectId": "Projects-4", "IsDefault": true, "SpaceId": "Spaces-1"})
	for _, c := range d.lists["channels"] {
		if c["Id"] == "Channels-1-1" {
			c["Rules"] = []obj{{"VersionRange": "[1.0,2.0)", "Tag": "^$", "ActionPackages": []obj{{"DeploymentAction": "Deploy web", "PackageReference": ""}}}}
		}
	}
	d.lists["releases"] = append(d.lists["releases"], obj{"Id": "Releases-100", "Version": "0.1.0", "ProjectId": "Projects-4", "ChannelId": "Channels-4-1", "SpaceId": "Spaces-1"})
	d.lists["machines"] = append(d.lists["machines"], obj{"Id": "Machines-100", "Name": "old-web", "EnvironmentIds": []string{"Environments-4"},
		"Roles": []string{"web"}, "TenantedDeploymentParticipation": "Untenanted", "IsDisabled": true, "HealthStatus": "Unknown", "SpaceId": "Spaces-1"})
	for _, m := range d.lists["machines"] {
		if m["Name"] == "shared-web-prod" {
			m["HealthStatus"] = "Unavailable"
		}
	}
	timedOut := false
	for _, tk := range d.lists["tasks"] {
		if tk["State"] == "Failed" && !timedOut {
			tk["State"], timedOut = "TimedOut", true
		}
	}
	extra := []struct{ id, release, project, env, tenant, state string }{
		{"Deployments-200", "Releases-3", "Projects-1", "Environments-2", "Tenants-3", "Queued"},
		{"Deployments-201", "Releases-3", "Projects-1", "Environments-2", "Tenants-10", "Executing"},
		{"Deployments-202", "Releases-6", "Projects-2", "Environments-4", "Tenants-2", "Cancelling"},
		{"Deployments-203", "Releases-100", "Projects-4", "Environments-1", "Tenants-1", "Success"},
	}
	for _, e := range extra {
		task := strings.Replace(e.id, "Deployments", "ServerTasks", 1)
		d.lists["deployments"] = append([]obj{{"Id": e.id, "ReleaseId": e.release, "ProjectId": e.project, "EnvironmentId": e.env,
			"TenantId": e.tenant, "TaskId": task, "Created": "2026-03-06T12:00:00Z", "SpaceId": "Spaces-1"}}, d.lists["deployments"]...)
		t := obj{"Id": task, "State": e.state, "QueueTime": "2026-03-06T12:00:00Z", "IsCompleted": false}
		if e.state == "Success" {
			t["CompletedTime"], t["IsCompleted"] = "2026-03-06T12:05:00Z", true
		}
		d.lists["tasks"] = append([]obj{t}, d.lists["tasks"]...)
	}
	sensitive := func(has bool) obj { return obj{"HasValue": has, "Hint": nil, "NewValue": nil} }
	var legacy []obj
	for i, ft := range fixtureTenants[:5] {
		tid := "Tenants-" + string(rune('1'+i))
		alias := strings.ToLower(ft.name)
		perEnv := obj{}
		for _, e := range ft.portal {
			envID := map[string]string{"Dev": "Environments-1", "Test": "Environments-2", "Staging": "Environments-3", "Production": "Environments-4"}[e]
			vars := obj{"Projects-1-Template-1": nil, "Projects-1-Template-2": sensitive(!(ft.name == "Hooli" && e == "Production"))}
			if e == "Test" {
				vars["Projects-1-Template-1"] = alias + ".test.portal.example"
			}
			perEnv[envID] = vars
		}
		legacy = append(legacy, obj{"Id": "TenantVariables-" + tid, "TenantId": tid, "TenantName": ft.name, "SpaceId": "Spaces-1",
			"LibraryVariables": obj{"LibraryVariableSets-1": obj{"LibraryVariableSetId": "LibraryVariableSets-1", "LibraryVariableSetName": "Standard tenant details",
				"Templates": []obj{}, "Variables": obj{"LibraryVariableSets-1-Template-1": alias, "LibraryVariableSets-1-Template-3": sensitive(true)}}},
			"ProjectVariables": obj{"Projects-1": obj{"ProjectId": "Projects-1", "ProjectName": "Portal", "Templates": []obj{}, "Variables": perEnv}}})
	}
	d.files["tenantvariables.json"] = legacy
	fr := d.files["deploymentfreezes.json"].(obj)
	fr["DeploymentFreezes"] = append(fr["DeploymentFreezes"].([]obj), obj{"Id": "DeploymentFreezes-3", "Name": "Patch Tuesday",
		"Start": "2026-03-10T18:00:00Z", "End": "2026-03-10T22:00:00Z", "ProjectEnvironmentScope": obj{"Projects-2": []string{"Environments-4"}},
		"RecurringSchedule": obj{"Type": "Monthly", "Unit": 1, "UserUtcOffsetInMinutes": 0, "EndType": "Never", "MonthlyScheduleType": "DayOfMonth",
			"DayNumberOfMonth": "2", "DayOfWeek": "Tuesday"}, "SpaceId": "Spaces-1"})
	fr["Count"] = 3
}

func fixtureFolder(pageSize int) map[string][]byte {
	d := objects(fixtureModel(), renderOptions{PageSize: pageSize})
	fixtureExtras(d)
	out := map[string][]byte{}
	for name, f := range d.write(renderOptions{PageSize: pageSize}) {
		out[name] = f.Data
	}
	return out
}

const (
	allDir    = "testdata/space-all"
	pagedDir  = "testdata/space-paged"
	goldenDir = "testdata/golden"
)

func importDir(t *testing.T, dir string) (*model.File, *octopus.Report) {
	t.Helper()
	f, rep, err := octopus.Import(os.DirFS(dir), octopus.Options{})
	require.NoError(t, err)
	return f, rep
}

// TestFixtureGolden imports the fixture space in its /all form and compares the model and the
// report with the golden files; the paged form imports to the same model and the same report
// entries (but for the page file names).
func TestFixtureGolden(t *testing.T) {
	if *update {
		require.NoError(t, writeFolder(allDir, fixtureFolder(0)))
		require.NoError(t, writeFolder(pagedDir, fixtureFolder(7)))
	}
	f, rep := importDir(t, allDir)
	modelJSON, err := json.MarshalIndent(f, "", "  ")
	require.NoError(t, err)
	modelJSON = append(modelJSON, '\n')
	if *update {
		require.NoError(t, os.MkdirAll(goldenDir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, "model.json"), modelJSON, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, "report.txt"), []byte(rep.String()), 0o644))
	}
	wantModel, err := os.ReadFile(filepath.Join(goldenDir, "model.json"))
	require.NoError(t, err)
	wantReport, err := os.ReadFile(filepath.Join(goldenDir, "report.txt"))
	require.NoError(t, err)
	if d := cmp.Diff(string(wantModel), string(modelJSON)); d != "" {
		t.Errorf("model differs from %s/model.json (-want +got):\n%s", goldenDir, d)
	}
	if d := cmp.Diff(string(wantReport), rep.String()); d != "" {
		t.Errorf("report differs from %s/report.txt (-want +got):\n%s", goldenDir, d)
	}

	paged, pagedRep := importDir(t, pagedDir)
	if d := cmp.Diff(f, paged); d != "" {
		t.Errorf("the paged form imports differently (-all +paged):\n%s", d)
	}
	strip := func(r *octopus.Report) []string {
		var out []string
		for _, e := range r.Entries {
			out = append(out, string(e.Kind)+": "+e.Message)
		}
		return out
	}
	if d := cmp.Diff(strip(rep), strip(pagedRep)); d != "" {
		t.Errorf("the paged form reports differently (-all +paged):\n%s", d)
	}
	_, err = plan.Compile(f)
	require.NoError(t, err)
}

// TestFixtureReportCoversEveryKind checks that the fixture exercises the report: every
// in-progress task state, the disabled machine and project, channel rules, the tag set for
// environments, the unhealthy machine and the freeze on a weekday of the month.
func TestFixtureReportCoversEveryKind(t *testing.T) {
	_, rep := importDir(t, allDir)
	for _, want := range []struct {
		kind octopus.Kind
		text string
	}{
		{octopus.InProgress, "is Queued"}, {octopus.InProgress, "is Executing"}, {octopus.InProgress, "is Cancelling"},
		{octopus.Disabled, `target "old-web" is disabled`}, {octopus.Disabled, `project "Legacy portal" is disabled`},
		{octopus.Unsupported, "version rules"}, {octopus.Unsupported, `"Environment class" is not scoped to tenants`},
		{octopus.Approximated, "is Unavailable"}, {octopus.Unsupported, "weekday of the month"},
		{octopus.Permission, "ProjectView"},
	} {
		found := false
		for _, e := range rep.Entries {
			if e.Kind == want.kind && strings.Contains(e.Message, want.text) {
				found = true
				require.NotEmpty(t, e.File)
			}
		}
		require.Truef(t, found, "no %s entry containing %q in:\n%s", want.kind, want.text, rep)
	}
}

// TestFixtureAnswers checks the imported fixture space against answers derived by hand from the
// Octopus data. Portal 1.2.0 is in the Default channel, lifecycle "Tenant rollout": Development
// (Dev, optional), Verification (Test or Staging, at least 1), Production.
func TestFixtureAnswers(t *testing.T) {
	f, _ := importDir(t, allDir)
	s, err := plan.Compile(f)
	require.NoError(t, err)
	m, err := s.Matrix(plan.MatrixRequest{Project: "Portal", Release: "1.2.0"})
	require.NoError(t, err)
	cell := func(tenant, env string) plan.MatrixCell {
		for _, r := range m.Rows {
			if r.Tenant == tenant {
				for _, c := range r.Cells {
					if c.Environment == env {
						return c
					}
				}
			}
		}
		t.Fatalf("no cell (%s, %s)", tenant, env)
		return plan.MatrixCell{}
	}
	codes := func(c plan.MatrixCell) []plan.Code {
		out := []plan.Code{}
		for _, r := range c.Reasons {
			out = append(out, r.Code)
		}
		return out
	}
	for _, tc := range []struct {
		tenant, env string
		want        []plan.Code
		why         string
	}{
		{"Acme", "Production", []plan.Code{},
			"Development is optional; Acme's own Test success completes Verification (1 of Test, Staging); its sensitive password is present (HasValue) though unknown"},
		{"Globex", "Production", []plan.Code{plan.ReasonLifecycle},
			"Globex is connected to Test only in Verification and its Test deployment failed (task TimedOut)"},
		{"Hooli", "Production", []plan.Code{plan.ReasonMissingVariables},
			"Verification is complete by Hooli's Test success, but its Production password is {HasValue: false} in the legacy shape"},
		{"Capital Animal Hospital", "Production", []plan.Code{plan.ReasonMissingVariables},
			"not connected to any Verification environment, so anyone's success counts (Acme's Test); it has no database password at all"},
		{"Duff", "Production", []plan.Code{plan.ReasonDisabled}, "Duff is disabled (IsDisabled)"},
		{"Initech", "Staging", []plan.Code{plan.ReasonNotConnected, plan.ReasonMissingVariables},
			"Initech is connected to Test and Production only; the legacy shape gives its password only for those, and missing values are checked for every environment"},
		{"Umbrella", "Production", []plan.Code{}, "Umbrella's Staging success completes Verification"},
	} {
		c := cell(tc.tenant, tc.env)
		require.Equalf(t, tc.want, codes(c), "(%s, %s): %s; reasons %+v", tc.tenant, tc.env, tc.why, c.Reasons)
		require.Equalf(t, len(tc.want) == 0, c.Deployable, "(%s, %s): %s", tc.tenant, tc.env, tc.why)
	}
	require.Equal(t, "1.1.0", cell("Acme", "Production").Current, "Acme's latest success in Production is 1.1.0")

	// The weekly tenant freeze starts Saturday 00:00 at UTC+2 (Friday 22:00 UTC) and lasts two days.
	frozen := func(at string) []plan.Code {
		p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: "Production",
			Tenants: []string{"Acme"}, At: mustTime(at)})
		require.NoError(t, err)
		if len(p.Deploy) == 1 {
			return []plan.Code{}
		}
		require.Len(t, p.Rejected, 1)
		out := []plan.Code{}
		for _, r := range p.Rejected[0].Reasons {
			out = append(out, r.Code)
		}
		return out
	}
	require.Equal(t, []plan.Code{plan.ReasonFrozen}, frozen("2026-03-06T22:30:00Z"), "Saturday 00:30 at UTC+2")
	require.Equal(t, []plan.Code{}, frozen("2026-03-06T21:30:00Z"), "Friday 23:30 at UTC+2")
	require.Equal(t, []plan.Code{plan.ReasonFrozen}, frozen("2026-03-15T12:00:00Z"), "the next Sunday")
	require.Equal(t, []plan.Code{}, frozen("2026-03-09T12:00:00Z"), "Monday")
}
