package octopus_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing/fstest"

	"github.com/tenantplan/tenantplan/plan/model"
)

// obj is a JSON object of an Octopus response, written by the test renderer.
type obj = map[string]any

// renderOptions says how render writes the folder.
type renderOptions struct {
	PageSize int  // >0: paged collections are split into page files of this many items
	Legacy   bool // tenant values in the legacy bulk shape (unscoped values only)
}

// render writes a model as the folder of Octopus REST responses the importer reads: every
// reference by Id, sensitive values as objects that never carry the value, deployments joined
// with tasks, and (with PageSize) collections split into pages. Only what Octopus can express is
// rendered: see expressible.
func render(f *model.File, o renderOptions) fstest.MapFS {
	return objects(f, o).write(o)
}

// folder is a rendered folder before it is written: collections (paged when asked) and other
// files, so that a test can add what only Octopus has before writing it.
type folder struct {
	lists    map[string][]obj
	types    map[string]string
	files    map[string]any
	ordering []string
}

func (d *folder) list(name, itemType string, items []obj) {
	if _, ok := d.lists[name]; !ok {
		d.ordering = append(d.ordering, name)
	}
	d.lists[name], d.types[name] = nonNil(items), itemType
}

// write serializes the folder: bare arrays, or page objects of o.PageSize items.
func (d *folder) write(o renderOptions) fstest.MapFS {
	fs := fstest.MapFS{}
	put := func(name string, v any) {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			panic(err)
		}
		fs[name] = &fstest.MapFile{Data: append(data, '\n')}
	}
	for name, v := range d.files {
		put(name, v)
	}
	for _, name := range d.ordering {
		items := d.lists[name]
		if o.PageSize <= 0 {
			put(name+".json", items)
			continue
		}
		n := max(1, (len(items)+o.PageSize-1)/o.PageSize)
		for k := range n {
			page := items[min(k*o.PageSize, len(items)):min((k+1)*o.PageSize, len(items))]
			put(fmt.Sprintf("%s.%d.json", name, k+1), obj{"ItemType": d.types[name], "TotalResults": len(items),
				"ItemsPerPage": o.PageSize, "NumberOfPages": n, "LastPageNumber": n - 1, "Items": nonNil(page),
				"Links": obj{"Self": "/api/Spaces-1/" + name}})
		}
	}
	return fs
}

// objects renders f as Octopus resources.
func objects(f *model.File, o renderOptions) *folder {
	d := &folder{lists: map[string][]obj{}, types: map[string]string{}, files: map[string]any{}}
	put := func(name string, v any) { d.files[name] = v }
	list := d.list
	id := func(kind string, i int) string { return kind + "-" + strconv.Itoa(i+1) }
	const space = "Spaces-1"

	envID := map[string]string{}
	var envs []obj
	for i, e := range f.Environments {
		envID[e] = id("Environments", i)
		envs = append(envs, obj{"Id": envID[e], "Name": e, "SortOrder": i, "SpaceId": space})
	}
	ids := func(names []string) []string {
		out := []string{}
		for _, n := range names {
			out = append(out, envID[n])
		}
		return out
	}
	list("environments", "DeploymentEnvironment", envs)

	var sets []obj
	for i, ts := range f.TagSets {
		var tags []obj
		for j, t := range ts.Tags {
			tags = append(tags, obj{"Id": fmt.Sprintf("Tags-%d-%d", i+1, j+1), "Name": t, "CanonicalTagName": ts.Name + "/" + t, "SortOrder": j})
		}
		typ := ts.Type
		if typ == "" {
			typ = "MultiSelect"
		}
		sets = append(sets, obj{"Id": id("TagSets", i), "Name": ts.Name, "Type": typ, "SortOrder": i, "Scopes": []string{"Tenant"}, "Tags": tags, "SpaceId": space})
	}
	list("tagsets", "TagSet", sets)

	lcID := map[string]string{}
	var lcs []obj
	for i, lc := range f.Lifecycles {
		lcID[lc.Name] = id("Lifecycles", i)
		phases := []obj{}
		for _, ph := range lc.Phases {
			phases = append(phases, obj{"Name": ph.Name, "AutomaticDeploymentTargets": ids(ph.Automatic), "OptionalDeploymentTargets": ids(ph.Manual),
				"MinimumEnvironmentsBeforePromotion": ph.Minimum, "IsOptionalPhase": ph.Optional, "IsPriorityPhase": ph.Priority})
		}
		lcs = append(lcs, obj{"Id": lcID[lc.Name], "Name": lc.Name, "Phases": phases, "SpaceId": space})
	}
	list("lifecycles", "Lifecycle", lcs)

	templates := func(owner string, ts []model.Template) ([]obj, map[string]string) {
		out, byName := []obj{}, map[string]string{}
		for k, t := range ts {
			tid := fmt.Sprintf("%s-Template-%d", owner, k+1)
			byName[t.Name] = tid
			ctl := "SingleLineText"
			if t.Sensitive {
				ctl = "Sensitive"
			}
			var def any
			if t.Default != nil {
				def = *t.Default
				if t.Sensitive {
					def = obj{"HasValue": true, "NewValue": nil, "Hint": nil}
				}
			}
			out = append(out, obj{"Id": tid, "Name": t.Name, "Label": t.Label, "DefaultValue": def, "DisplaySettings": obj{"Octopus.ControlType": ctl}})
		}
		return out, byName
	}
	libID := map[string]string{}
	libTemplates := map[string]map[string]string{}
	libSensitive := map[string]map[string]bool{}
	var libs []obj
	for i, l := range f.Libraries {
		libID[l.Name] = id("LibraryVariableSets", i)
		ts, byName := templates(libID[l.Name], l.Templates)
		libTemplates[l.Name] = byName
		libSensitive[l.Name] = sensitiveSet(l.Templates)
		libs = append(libs, obj{"Id": libID[l.Name], "Name": l.Name, "ContentType": "Variables", "Templates": ts, "SpaceId": space})
	}
	list("libraryvariablesets", "LibraryVariableSet", libs)

	projID := map[string]string{}
	projTemplates := map[string]map[string]string{}
	projSensitive := map[string]map[string]bool{}
	chanID := map[[2]string]string{}
	defaultChan := map[string]string{}
	var projects, channels []obj
	for i, p := range f.Projects {
		pid := id("Projects", i)
		projID[p.Name] = pid
		ts, byName := templates(pid, p.Templates)
		projTemplates[p.Name] = byName
		projSensitive[p.Name] = sensitiveSet(p.Templates)
		var inc []string
		for _, l := range p.Libraries {
			inc = append(inc, libID[l])
		}
		tenancy := p.Tenancy
		if tenancy == "" {
			tenancy = "Untenanted"
		}
		projects = append(projects, obj{"Id": pid, "Name": p.Name, "LifecycleId": lcID[p.Lifecycle], "TenantedDeploymentMode": tenancy,
			"IsDisabled": false, "ProjectGroupId": "ProjectGroups-1", "Templates": ts, "IncludedLibraryVariableSetIds": inc, "SpaceId": space})
		chs := p.Channels
		if len(chs) == 0 {
			chs = []model.Channel{{Name: "Default", Default: true}}
		}
		def := slices.IndexFunc(chs, func(c model.Channel) bool { return c.Default })
		if def < 0 {
			def = 0
		}
		for j, c := range chs {
			cid := fmt.Sprintf("Channels-%d-%d", i+1, j+1)
			chanID[[2]string{p.Name, c.Name}] = cid
			if j == def {
				defaultChan[p.Name] = cid
			}
			channels = append(channels, obj{"Id": cid, "Name": c.Name, "ProjectId": pid, "LifecycleId": lcID[c.Lifecycle],
				"IsDefault": j == def, "TenantTags": nonNil(c.TenantTags), "Rules": []obj{}, "SpaceId": space})
		}
	}
	list("projects", "Project", projects)
	list("channels", "Channel", channels)

	tenantID := map[string]string{}
	var tenants, legacy []obj
	for i, t := range f.Tenants {
		tid := id("Tenants", i)
		tenantID[t.Name] = tid
		pe := obj{}
		for p, es := range t.Projects {
			pe[projID[p]] = ids(es)
		}
		tenants = append(tenants, obj{"Id": tid, "Name": t.Name, "Description": t.Description, "IsDisabled": t.Disabled,
			"TenantTags": nonNil(t.Tags), "ProjectEnvironments": pe, "SpaceId": space})
		wire := func(v string, sensitive bool) any {
			if sensitive {
				return obj{"HasValue": true, "NewValue": nil, "Hint": nil}
			}
			return v
		}
		if o.Legacy {
			libVars, projVars := obj{}, obj{}
			for l, vals := range t.CommonValues {
				vs := obj{}
				for _, v := range vals {
					if v.Value != nil {
						vs[libTemplates[l][v.Template]] = wire(*v.Value, libSensitive[l][v.Template])
					}
				}
				libVars[libID[l]] = obj{"LibraryVariableSetId": libID[l], "Variables": vs}
			}
			for p, vals := range t.ProjectValues {
				perEnv := obj{}
				for _, v := range vals {
					if v.Value == nil {
						continue
					}
					for _, e := range v.Environments {
						m, _ := perEnv[envID[e]].(obj)
						if m == nil {
							m = obj{}
							perEnv[envID[e]] = m
						}
						m[projTemplates[p][v.Template]] = wire(*v.Value, projSensitive[p][v.Template])
					}
				}
				projVars[projID[p]] = obj{"ProjectId": projID[p], "Variables": perEnv}
			}
			legacy = append(legacy, obj{"TenantId": tid, "TenantName": t.Name, "LibraryVariables": libVars, "ProjectVariables": projVars, "SpaceId": space})
			continue
		}
		var projRows, commonRows []obj
		row := func(owner, ownerID, tmplID string, v model.TenantValue, sensitive bool) obj {
			return obj{owner: ownerID, "TemplateId": tmplID, "Value": wire(*v.Value, sensitive), "Scope": obj{"EnvironmentIds": ids(v.Environments)}}
		}
		for _, p := range sortedNames(t.ProjectValues) {
			for _, v := range t.ProjectValues[p] {
				if v.Value != nil {
					projRows = append(projRows, row("ProjectId", projID[p], projTemplates[p][v.Template], v, projSensitive[p][v.Template]))
				}
			}
		}
		for _, l := range sortedNames(t.CommonValues) {
			for _, v := range t.CommonValues[l] {
				if v.Value != nil {
					commonRows = append(commonRows, row("LibraryVariableSetId", libID[l], libTemplates[l][v.Template], v, libSensitive[l][v.Template]))
				}
			}
		}
		if len(projRows)+len(commonRows) > 0 {
			put("tenantvariables/"+tid+".json", []obj{{"TenantId": tid, "ProjectVariables": nonNil(projRows)}, {"TenantId": tid, "Variables": nonNil(commonRows)}})
		}
	}
	list("tenants", "Tenant", tenants)
	put("tenantvariables.json", nonNil(legacy))

	var machines []obj
	for i, t := range f.Targets {
		var tids []string
		for _, n := range t.Tenants {
			tids = append(tids, tenantID[n])
		}
		tenancy := t.Tenancy
		if tenancy == "" {
			tenancy = "Untenanted"
		}
		machines = append(machines, obj{"Id": id("Machines", i), "Name": t.Name, "EnvironmentIds": ids(t.Environments), "Roles": nonNil(t.Roles),
			"TenantedDeploymentParticipation": tenancy, "TenantIds": nonNil(tids), "TenantTags": nonNil(t.TenantTags),
			"IsDisabled": false, "HealthStatus": "Healthy", "SpaceId": space})
	}
	list("machines", "DeploymentTarget", machines)

	relID := map[[2]string]string{}
	var releases []obj
	defects := obj{}
	for i, r := range f.Releases {
		rid := id("Releases", i)
		relID[[2]string{r.Project, r.Version}] = rid
		cid := defaultChan[r.Project]
		if r.Channel != "" {
			cid = chanID[[2]string{r.Project, r.Channel}]
		}
		releases = append(releases, obj{"Id": rid, "Version": r.Version, "ProjectId": projID[r.Project], "ChannelId": cid, "SpaceId": space})
		if r.Blocked {
			defects[rid] = []obj{{"Description": "broken build", "Status": "Unresolved"}, {"Description": "old", "Status": "Resolved"}}
		}
	}
	list("releases", "Release", releases)
	put("defects.json", defects)

	var deployments, tasks []obj
	states := map[string]string{"Success": "Success", "Failed": "Failed", "Cancelled": "Canceled"}
	// Octopus lists the newest first.
	for i := len(f.Deployments) - 1; i >= 0; i-- {
		d := f.Deployments[i]
		var tenant any
		if d.Tenant != "" {
			tenant = tenantID[d.Tenant]
		}
		did, task := id("Deployments", i), id("ServerTasks", i)
		deployments = append(deployments, obj{"Id": did, "ReleaseId": relID[[2]string{d.Project, d.Release}], "ProjectId": projID[d.Project],
			"EnvironmentId": envID[d.Environment], "TenantId": tenant, "TaskId": task, "Created": d.At, "SpaceId": space})
		tasks = append(tasks, obj{"Id": task, "State": states[d.Outcome], "StartTime": d.At, "CompletedTime": d.At, "IsCompleted": true})
	}
	list("deployments", "Deployment", deployments)
	list("tasks", "ServerTask", tasks)

	var freezes []obj
	for i, fr := range f.Freezes {
		pe := obj{}
		for p, es := range fr.Projects {
			pe[projID[p]] = ids(es)
		}
		cells := []obj{}
		for _, c := range fr.Tenants {
			cells = append(cells, obj{"TenantId": tenantID[c.Tenant], "ProjectId": projID[c.Project], "EnvironmentId": envID[c.Environment]})
		}
		w := obj{"Id": id("DeploymentFreezes", i), "Name": fr.Name, "Start": fr.Start, "End": fr.End, "ProjectEnvironmentScope": pe,
			"TenantProjectEnvironmentScope": cells, "SpaceId": space}
		if r := fr.Recurrence; r != nil {
			s := obj{"Type": r.Unit, "Unit": max(1, r.Every), "UserUtcOffsetInMinutes": zoneOffset(r.TimeZone), "EndType": "Never",
				"DaysOfWeek": nonNil(r.DaysOfWeek)}
			if r.Unit == "Monthly" {
				s["MonthlyScheduleType"] = "DateOfMonth"
				day := r.DayOfMonth
				if day == 0 {
					day = mustTime(fr.Start).Day()
				}
				s["DateOfMonth"] = strconv.Itoa(day)
			}
			switch {
			case r.EndAfter > 0:
				s["EndType"], s["EndAfterOccurrences"] = "AfterOccurrences", r.EndAfter
			case r.EndOn != "":
				s["EndType"], s["EndOnDate"] = "OnDate", r.EndOn
			}
			w["RecurringSchedule"] = s
		}
		freezes = append(freezes, w)
	}
	put("deploymentfreezes.json", obj{"DeploymentFreezes": nonNil(freezes), "Count": len(freezes)})

	var teams, scoped []obj
	roles := []obj{
		{"Id": "userroles-deployer", "Name": "Tenant deployer", "GrantedSpacePermissions": []string{"DeploymentCreate", "DeploymentView"}},
		{"Id": "userroles-viewer", "Name": "Tenant viewer", "GrantedSpacePermissions": []string{"TenantView", "ProjectView"}},
	}
	for i, p := range f.Principals {
		tid := id("Teams", i)
		teams = append(teams, obj{"Id": tid, "Name": p.Name, "MemberUserIds": []string{"Users-1"}, "SpaceId": space})
		for j, g := range p.Grants {
			role := "userroles-deployer"
			if g.Action == "view" {
				role = "userroles-viewer"
			}
			var pids, tids []string
			for _, n := range g.Projects {
				pids = append(pids, projID[n])
			}
			for _, n := range g.Tenants {
				tids = append(tids, tenantID[n])
			}
			scoped = append(scoped, obj{"Id": fmt.Sprintf("ScopedUserRoles-%d-%d", i+1, j+1), "TeamId": tid, "UserRoleId": role,
				"ProjectIds": nonNil(pids), "ProjectGroupIds": []string{}, "EnvironmentIds": ids(g.Environments), "TenantIds": nonNil(tids), "SpaceId": space})
		}
	}
	list("teams", "Team", teams)
	list("scopeduserroles", "ScopedUserRole", scoped)
	put("userroles.json", roles)
	return d
}

func sensitiveSet(ts []model.Template) map[string]bool {
	out := map[string]bool{}
	for _, t := range ts {
		out[t.Name] = t.Sensitive
	}
	return out
}

func nonNil[E any](xs []E) []E {
	if xs == nil {
		return []E{}
	}
	return xs
}

func sortedNames[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
