package octopus_test

import (
	"fmt"
	"testing/fstest"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// ExampleImport imports a tiny space saved from Octopus Server: one tenant with a sensitive
// value Octopus does not return, one finished and one queued deployment. The queued one is
// reported and left out; the sensitive value is present but unknown.
func ExampleImport() {
	folder := fstest.MapFS{
		"environments.json": {Data: []byte(`[{"Id": "Environments-1", "Name": "Production", "SortOrder": 0, "SpaceId": "Spaces-1"}]`)},
		"tagsets.json":      {Data: []byte(`[{"Id": "TagSets-1", "Name": "Tier", "Tags": [{"Id": "Tags-1", "Name": "Gold"}]}]`)},
		"lifecycles.json":   {Data: []byte(`[{"Id": "Lifecycles-1", "Name": "Default", "Phases": []}]`)},
		"projects.json": {Data: []byte(`[{"Id": "Projects-1", "Name": "Portal", "LifecycleId": "Lifecycles-1",
			"TenantedDeploymentMode": "Tenanted",
			"Templates": [{"Id": "ActionTemplates-1", "Name": "Password", "DisplaySettings": {"Octopus.ControlType": "Sensitive"}}]}]`)},
		"channels.json": {Data: []byte(`[{"Id": "Channels-1", "Name": "Default", "ProjectId": "Projects-1", "IsDefault": true}]`)},
		"tenants.json": {Data: []byte(`[{"Id": "Tenants-1", "Name": "Acme", "TenantTags": ["Tier/Gold"],
			"ProjectEnvironments": {"Projects-1": ["Environments-1"]}}]`)},
		"tenantvariables/Tenants-1.json": {Data: []byte(`{"TenantId": "Tenants-1", "ProjectVariables": [
			{"ProjectId": "Projects-1", "TemplateId": "ActionTemplates-1", "Value": {"HasValue": true, "NewValue": null}, "Scope": {"EnvironmentIds": []}}]}`)},
		"releases.json": {Data: []byte(`{"ItemType": "Release", "TotalResults": 2, "Items": [
			{"Id": "Releases-2", "Version": "1.1.0", "ProjectId": "Projects-1", "ChannelId": "Channels-1"},
			{"Id": "Releases-1", "Version": "1.0.0", "ProjectId": "Projects-1", "ChannelId": "Channels-1"}]}`)},
		"deployments.json": {Data: []byte(`{"Items": [
			{"Id": "Deployments-2", "ReleaseId": "Releases-2", "EnvironmentId": "Environments-1", "TenantId": "Tenants-1", "TaskId": "ServerTasks-2"},
			{"Id": "Deployments-1", "ReleaseId": "Releases-1", "EnvironmentId": "Environments-1", "TenantId": "Tenants-1", "TaskId": "ServerTasks-1"}]}`)},
		"tasks.json": {Data: []byte(`{"Items": [
			{"Id": "ServerTasks-2", "State": "Queued"},
			{"Id": "ServerTasks-1", "State": "Success", "CompletedTime": "2026-03-01T10:00:00+00:00"}]}`)},
		"defects.json":  {Data: []byte(`{}`)},
		"machines.json": {Data: []byte(`[]`)},
	}
	f, report, err := octopus.Import(folder, octopus.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(report)
	fmt.Println(*f.Tenants[0].ProjectValues["Portal"][0].Value == octopus.SensitivePlaceholder)
	space, err := plan.Compile(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := space.Matrix(plan.MatrixRequest{Project: "Portal", Release: "1.1.0"})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := m.Rows[0].Cells[0]
	fmt.Println(m.Rows[0].Tenant, c.Environment, "current", c.Current, "deployable", c.Deployable)
	// Output:
	// libraryvariablesets.json: missing-collection: no libraryvariablesets.json: common templates (and the projects' included sets) not imported
	// deployments.json Items[0].TaskId: in-progress: deployment Deployments-2 (task ServerTasks-2) is Queued: left out of the history
	// deploymentfreezes.json: missing-collection: no deploymentfreezes.json: deployment freezes not imported
	// teams.json: missing-collection: no teams.json: principals not imported
	// true
	// Acme Production current 1.0.0 deployable true
}
