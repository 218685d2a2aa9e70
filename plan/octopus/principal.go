package octopus

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tenantplan/tenantplan/plan/model"
)

// The permissions of a user role that have an equivalent grant action.
var actions = map[string]string{"DeploymentCreate": "deploy", "TenantView": "view"}

func (im *importer) principals() error {
	teams, found, err := optional[wTeam](im, "teams", "Team", "principals")
	if err != nil || !found {
		return err
	}
	teams, err = unique(im, teams, "team", func(t wTeam) string { return t.ID }, func(t wTeam) string { return t.Name }, func(t wTeam) string { return t.SpaceID })
	if err != nil {
		return err
	}
	scoped, _, err := optional[wScopedRole](im, "scopeduserroles", "ScopedUserRole", "the teams' grants")
	if err != nil {
		return err
	}
	scoped, err = unique(im, scoped, "scoped user role", func(s wScopedRole) string { return s.ID }, nil, func(s wScopedRole) string { return s.SpaceID })
	if err != nil {
		return err
	}
	roles, _, err := optional[wUserRole](im, "userroles", "UserRole", "the permissions of the teams' roles")
	if err != nil {
		return err
	}
	roles, err = unique(im, roles, "user role", func(r wUserRole) string { return r.ID }, nil, func(wUserRole) string { return "" })
	if err != nil {
		return err
	}
	roleByID := map[string]item[wUserRole]{}
	for _, r := range roles {
		roleByID[r.v.ID] = r
	}
	teamIdx := map[string]int{}
	for _, t := range teams {
		teamIdx[t.v.ID] = len(im.f.Principals)
		im.f.Principals = append(im.f.Principals, model.Principal{Name: t.v.Name})
	}
	reported := map[string]bool{}
	for _, it := range scoped {
		s := it.v
		ti, ok := teamIdx[s.TeamID]
		if !ok {
			im.rep.add(it.file, it.path()+".TeamId", Dangling, "scoped user role %s of unknown or unimported team %q: left out", s.ID, s.TeamID)
			continue
		}
		role, ok := roleByID[s.UserRoleID]
		if !ok {
			im.rep.add(it.file, it.path()+".UserRoleId", Dangling, "scoped user role %s has unknown user role %q: left out", s.ID, s.UserRoleID)
			continue
		}
		var acts, other []string
		for _, perm := range role.v.GrantedSpacePermissions {
			if a, ok := actions[perm]; ok {
				if !slices.Contains(acts, a) {
					acts = append(acts, a)
				}
			} else {
				other = append(other, perm)
			}
		}
		if len(other) > 0 && !reported[role.v.ID] {
			reported[role.v.ID] = true
			im.rep.add(role.file, role.path()+".GrantedSpacePermissions", Permission, "user role %q: permissions without an equivalent in the model: %s (only DeploymentCreate -> deploy and TenantView -> view are imported)", role.v.Name, strings.Join(other, ", "))
		}
		if len(acts) == 0 {
			continue
		}
		slices.Sort(acts) // deploy before view
		g, ok := im.grantScope(s, it.file, it.path())
		if !ok {
			continue
		}
		for _, a := range acts {
			g.Action = a
			im.f.Principals[ti].Grants = append(im.f.Principals[ti].Grants, cloneGrant(g))
		}
	}
	return nil
}

// grantScope resolves the scope of a scoped user role. ok is false when a dimension that was
// restricted resolves to nothing imported: the grant then covers nothing, and an empty dimension
// would wrongly mean "all".
func (im *importer) grantScope(s wScopedRole, file, path string) (model.Grant, bool) {
	var g model.Grant
	restricted := len(s.ProjectIDs)+len(s.ProjectGroupIDs) > 0
	for i, id := range s.ProjectIDs {
		if p := im.projectRef(id, file, path+".ProjectIds["+strconv.Itoa(i)+"]"); p != nil && !slices.Contains(g.Projects, p.name) {
			g.Projects = append(g.Projects, p.name)
		}
	}
	for i, gid := range s.ProjectGroupIDs {
		n := 0
		for _, p := range im.f.Projects {
			if im.projectGroup(p.Name) == gid {
				n++
				if !slices.Contains(g.Projects, p.Name) {
					g.Projects = append(g.Projects, p.Name)
				}
			}
		}
		if n == 0 {
			im.rep.add(file, path+".ProjectGroupIds["+strconv.Itoa(i)+"]", Dangling, "project group %q has no imported project", gid)
		}
	}
	if restricted && len(g.Projects) == 0 {
		im.rep.add(file, path, Dangling, "scoped user role %s covers no imported project: left out", s.ID)
		return g, false
	}
	envs, ok := im.envNames(s.EnvironmentIDs, file, path+".EnvironmentIds")
	if !ok {
		im.rep.add(file, path, Dangling, "scoped user role %s covers no known environment: left out", s.ID)
		return g, false
	}
	g.Environments = envs
	for i, id := range s.TenantIDs {
		if n, ok := im.tenants[id]; ok {
			g.Tenants = append(g.Tenants, n)
		} else {
			im.rep.add(file, path+".TenantIds["+strconv.Itoa(i)+"]", Dangling, "unknown tenant %q: left out", id)
		}
	}
	if len(s.TenantIDs) > 0 && len(g.Tenants) == 0 {
		im.rep.add(file, path, Dangling, "scoped user role %s covers no known tenant: left out", s.ID)
		return g, false
	}
	return g, true
}

func (im *importer) projectGroup(name string) string {
	if im.groups == nil {
		im.groups = map[string]string{}
		for _, p := range im.projects {
			im.groups[p.name] = p.group
		}
	}
	return im.groups[name]
}

func cloneGrant(g model.Grant) model.Grant {
	g.Projects = slices.Clone(g.Projects)
	g.Environments = slices.Clone(g.Environments)
	g.Tenants = slices.Clone(g.Tenants)
	return g
}
