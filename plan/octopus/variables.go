package octopus

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantplan/tenantplan/plan/model"
)

// tenantVariables imports tenant values from the legacy bulk file tenantvariables.json and from
// the newer per-tenant files tenantvariables/<TenantId>.json; for a tenant given in both, the
// newer file wins.
func (im *importer) tenantVariables() error {
	files, err := im.r.subFiles("tenantvariables")
	if err != nil {
		return err
	}
	legacy, found, err := readList[wLegacyVariables](im.r, "tenantvariables", "")
	if err != nil {
		return err
	}
	if !found && len(files) == 0 {
		im.rep.add("tenantvariables.json", "", Missing, "no tenantvariables.json and no tenantvariables/ folder: no tenant values imported")
		return nil
	}
	newer := map[string]string{} // tenant id -> file
	for _, file := range files {
		var resp []wTenantVariables
		data, err := im.r.read(file)
		if err != nil {
			return err
		}
		trimmed := strings.TrimLeft(string(data[:min(len(data), 64)]), " \t\r\n\ufeff")
		if strings.HasPrefix(trimmed, "{") {
			var one wTenantVariables
			if err := jsonUnmarshalFile(file, data, &one); err != nil {
				return err
			}
			resp = []wTenantVariables{one}
		} else if err := jsonUnmarshalFile(file, data, &resp); err != nil {
			return err
		}
		id := strings.TrimSuffix(strings.TrimPrefix(file, "tenantvariables/"), ".json")
		for k, r := range resp {
			path := ""
			if len(resp) > 1 || !strings.HasPrefix(trimmed, "{") {
				path = "[" + strconv.Itoa(k) + "]"
			}
			if r.TenantID != "" && r.TenantID != id {
				im.rep.add(file, path+".TenantId", Invalid, "the file is named for tenant %q but holds tenant %q: left out", id, r.TenantID)
				continue
			}
			idx, ok := im.tenantIdx[id]
			if !ok {
				im.rep.add(file, path+".TenantId", Dangling, "values of unknown tenant %q: left out", id)
				continue
			}
			newer[id] = file
			im.rows(idx, r.ProjectVariables, file, path+".ProjectVariables")
			im.rows(idx, r.Variables, file, path+".Variables")
			im.rows(idx, r.CommonVariables, file, path+".CommonVariables")
		}
	}
	for _, it := range legacy {
		v := it.v
		idx, ok := im.tenantIdx[v.TenantID]
		if !ok {
			im.rep.add(it.file, it.path()+".TenantId", Dangling, "values of unknown tenant %q: left out", v.TenantID)
			continue
		}
		if f, ok := newer[v.TenantID]; ok {
			im.rep.add(it.file, it.path(), Duplicate, "values of tenant %q also given by %s, which is used instead", im.f.Tenants[idx].Name, f)
			continue
		}
		im.legacy(idx, v, it.file, it.path())
	}
	return nil
}

// value returns a tenant value from the wire: nil when there is none.
func (im *importer) value(v wValue) *string {
	if !v.set {
		return nil
	}
	s := v.str
	if v.sensitive {
		s = SensitivePlaceholder
	}
	return &s
}

// sortedKeys returns the keys of m sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// legacy imports one tenant of the legacy shape: common values are unscoped; project values are
// given per environment, and environments with the same value become one value scoped to them.
func (im *importer) legacy(idx int, v wLegacyVariables, file, path string) {
	t := &im.f.Tenants[idx]
	for _, setID := range sortedKeys(v.LibraryVariables) {
		p := path + ".LibraryVariables[" + strconv.Quote(setID) + "]"
		lib, ok := im.libs[setID]
		if !ok {
			im.rep.add(file, p, Dangling, "unknown or unimported library variable set %q: its values are left out", setID)
			continue
		}
		vars := v.LibraryVariables[setID].Variables
		for _, tid := range sortedKeys(vars) {
			name, ok := lib.templates[tid]
			if !ok {
				im.rep.add(file, p+".Variables["+strconv.Quote(tid)+"]", Dangling, "unknown template %q of %q: left out", tid, lib.name)
				continue
			}
			if val := im.value(vars[tid]); val != nil {
				addValue(&t.CommonValues, lib.name, model.TenantValue{Template: name, Value: val})
			}
		}
	}
	for _, projID := range sortedKeys(v.ProjectVariables) {
		p := path + ".ProjectVariables[" + strconv.Quote(projID) + "]"
		proj := im.projectRef(projID, file, p)
		if proj == nil {
			continue
		}
		type group struct {
			value string
			envs  []string
		}
		byTemplate := map[string][]group{}
		perEnv := v.ProjectVariables[projID].Variables
		for _, envID := range sortedKeys(perEnv) {
			pe := p + ".Variables[" + strconv.Quote(envID) + "]"
			env, ok := im.envs[envID]
			if !ok {
				im.rep.add(file, pe, Dangling, "unknown environment %q: its values are left out", envID)
				continue
			}
			for _, tid := range sortedKeys(perEnv[envID]) {
				name, ok := proj.templates[tid]
				if !ok {
					im.rep.add(file, pe+"["+strconv.Quote(tid)+"]", Dangling, "unknown template %q of %q: left out", tid, proj.name)
					continue
				}
				val := im.value(perEnv[envID][tid])
				if val == nil {
					continue
				}
				gs := byTemplate[name]
				k := slices.IndexFunc(gs, func(g group) bool { return g.value == *val })
				if k < 0 {
					gs = append(gs, group{value: *val})
					k = len(gs) - 1
				}
				gs[k].envs = append(gs[k].envs, env)
				byTemplate[name] = gs
			}
		}
		for _, tmpl := range im.f.Projects[proj.idx].Templates {
			for _, g := range byTemplate[tmpl.Name] {
				slices.SortFunc(g.envs, func(a, b string) int { return cmp.Compare(im.envOrder[a], im.envOrder[b]) })
				addValue(&t.ProjectValues, proj.name, model.TenantValue{Template: tmpl.Name, Value: &g.value, Environments: g.envs})
			}
		}
	}
}

// rows imports the rows of one response of the newer shape. Two values of one template whose
// scopes share an environment (or that are both unscoped) are ambiguous: the later one is left out.
func (im *importer) rows(idx int, rows []wVariableRow, file, path string) {
	t := &im.f.Tenants[idx]
	if im.taken == nil {
		im.taken = map[[4]string]bool{}
	}
	for i, r := range rows {
		p := path + "[" + strconv.Itoa(i) + "]"
		val := im.value(r.Value)
		if val == nil {
			continue
		}
		envs, ok := im.envNames(r.Scope.EnvironmentIDs, file, p+".Scope.EnvironmentIds")
		if !ok {
			im.rep.add(file, p, Dangling, "a value scoped only to unknown environments: left out")
			continue
		}
		var owner string
		var templates map[string]string
		var dest *map[string][]model.TenantValue
		switch {
		case r.ProjectID != "":
			proj := im.projectRef(r.ProjectID, file, p+".ProjectId")
			if proj == nil {
				continue
			}
			owner, templates, dest = proj.name, proj.templates, &t.ProjectValues
		case r.LibraryVariableSetID != "":
			lib, ok := im.libs[r.LibraryVariableSetID]
			if !ok {
				im.rep.add(file, p+".LibraryVariableSetId", Dangling, "unknown or unimported library variable set %q: left out", r.LibraryVariableSetID)
				continue
			}
			owner, templates, dest = lib.name, lib.templates, &t.CommonValues
		default:
			im.rep.add(file, p, Invalid, "a value with neither ProjectId nor LibraryVariableSetId: left out")
			continue
		}
		name, ok := templates[r.TemplateID]
		if !ok {
			im.rep.add(file, p+".TemplateId", Dangling, "unknown template %q of %q: left out", r.TemplateID, owner)
			continue
		}
		scope := envs
		if len(scope) == 0 {
			scope = []string{""}
		}
		kind := "project "
		if dest == &t.CommonValues {
			kind = "library "
		}
		if slices.ContainsFunc(scope, func(e string) bool { return im.taken[[4]string{t.Name, kind + owner, strings.ToLower(name), e}] }) {
			im.rep.add(file, p, Invalid, "a second value of %q of %q for the same environments: left out", name, owner)
			continue
		}
		for _, e := range scope {
			im.taken[[4]string{t.Name, kind + owner, strings.ToLower(name), e}] = true
		}
		addValue(dest, owner, model.TenantValue{Template: name, Value: val, Environments: envs})
	}
}

func addValue(m *map[string][]model.TenantValue, owner string, v model.TenantValue) {
	if *m == nil {
		*m = map[string][]model.TenantValue{}
	}
	(*m)[owner] = append((*m)[owner], v)
}
