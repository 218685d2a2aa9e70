package octopus

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Import reads a folder of Octopus REST responses (the layout is in the package documentation)
// and builds a model that plan.Compile accepts, with a Report of everything it left out or
// approximated. It returns an *Error (and no model) when the folder cannot be read as a whole: a
// required collection is missing, a file is malformed or of the wrong shape, two resources share
// an Id, or a limit of opts is exceeded.
func Import(fsys fs.FS, opts Options) (*model.File, *Report, error) {
	r, err := newReader(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{r: r, opts: opts, rep: &Report{}, f: &model.File{}}
	if err := im.run(); err != nil {
		return nil, nil, err
	}
	return im.f, im.rep, nil
}

// project is what the import keeps of an imported project.
type project struct {
	name      string
	idx       int               // index in f.Projects
	templates map[string]string // template id -> name
	channels  map[string]string // channel id -> name
	group     string
}

type library struct {
	name      string
	templates map[string]string
}

type release struct {
	project string
	version string
}

type importer struct {
	r    *reader
	opts Options
	rep  *Report
	f    *model.File

	space     string
	envs      map[string]string // id -> name
	envOrder  map[string]int    // name -> position
	sets      map[string]*setInfo
	lifecycle map[string]string // id -> name
	libs      map[string]*library
	projects  map[string]*project
	skipped   map[string]bool // ids of projects left out (not selected or disabled): references to them are dropped, covered by one entry
	tenants   map[string]string
	tenantIdx map[string]int
	releases  map[string]release
	groups    map[string]string  // project name -> project group id
	taken     map[[4]string]bool // (tenant, owner, template, environment or "") with a value of the newer shape
}

type setInfo struct {
	typ  string
	tags map[string]bool
}

func (im *importer) run() error {
	steps := []func() error{
		im.environments, im.spaceCheck, im.tagSets, im.lifecycles, im.libraries, im.projectsStep,
		im.channels, im.tenantsStep, im.tenantVariables, im.machines, im.releasesStep,
		im.deployments, im.freezes, im.principals,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// required reads a collection that must be present.
func required[T any](im *importer, name, itemType string) ([]item[T], error) {
	items, found, err := readList[T](im.r, name, itemType)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &Error{File: name + ".json", Message: fmt.Sprintf("%s.json is missing: it is required (the response of GET /api/{spaceId}/%s)", name, name), Err: ErrMissing}
	}
	return items, nil
}

// optional reads a collection that may be missing; a missing one gets a report entry.
func optional[T any](im *importer, name, itemType, what string) ([]item[T], bool, error) {
	items, found, err := readList[T](im.r, name, itemType)
	if err != nil {
		return nil, found, err
	}
	if !found {
		im.rep.add(name+".json", "", Missing, "no %s.json: %s not imported", name, what)
	}
	return items, found, nil
}

// unique checks that no two items share an Id, and drops (with a report entry) items that share a
// name with an earlier one, or belong to another space. It returns the items kept.
func unique[T any](im *importer, items []item[T], what string, id, name, space func(T) string) ([]item[T], error) {
	// ids keeps where each Id was seen (not the item: items is compacted in place below).
	type where struct {
		file, prefix string
		idx          int
	}
	ids := make(map[string]where, len(items))
	names := make(map[string]bool, len(items))
	out := items[:0]
	for k := range items {
		it := &items[k]
		i := id(it.v)
		if i == "" {
			im.rep.add(it.file, it.path(), Invalid, "a %s without an Id: left out", what)
			continue
		}
		if prev, dup := ids[i]; dup {
			return nil, &Error{File: it.file, Path: it.path() + ".Id", Message: fmt.Sprintf("%s Id %q is also used at %s %s[%d]", what, i, prev.file, prev.prefix, prev.idx), Err: ErrDuplicateID}
		}
		ids[i] = where{file: it.file, prefix: it.prefix, idx: it.idx}
		if s := space(it.v); s != "" && im.space != "" && s != im.space {
			label := i
			if name != nil {
				label = name(it.v)
			}
			im.rep.add(it.file, it.path(), NotSelected, "%s %q is in space %q, not %q: left out", what, label, s, im.space)
			continue
		}
		if name != nil {
			n := name(it.v)
			if n == "" {
				im.rep.add(it.file, it.path(), Invalid, "%s %q has no name: left out", what, i)
				continue
			}
			if names[strings.ToLower(n)] {
				im.rep.add(it.file, it.path(), Duplicate, "another %s is named %q (names are compared ignoring letter case): %s left out", what, n, i)
				continue
			}
			names[strings.ToLower(n)] = true
		}
		out = append(out, *it)
	}
	return out, nil
}

func (im *importer) environments() error {
	items, err := required[wEnvironment](im, "environments", "DeploymentEnvironment")
	if err != nil {
		return err
	}
	spaces := map[string]bool{}
	for _, it := range items {
		if it.v.SpaceID != "" {
			spaces[it.v.SpaceID] = true
		}
	}
	im.space = im.opts.Space
	if im.space == "" {
		switch len(spaces) {
		case 0:
		case 1:
			for s := range spaces {
				im.space = s
			}
		default:
			list := make([]string, 0, len(spaces))
			for s := range spaces {
				list = append(list, s)
			}
			slices.Sort(list)
			return &Error{File: "environments.json", Message: fmt.Sprintf("the folder holds several spaces (%s): choose one with Options.Space", strings.Join(list, ", ")), Err: ErrSpace}
		}
	}
	items, err = unique(im, items, "environment", func(e wEnvironment) string { return e.ID }, func(e wEnvironment) string { return e.Name }, func(e wEnvironment) string { return e.SpaceID })
	if err != nil {
		return err
	}
	slices.SortStableFunc(items, func(a, b item[wEnvironment]) int {
		return cmp.Or(cmp.Compare(a.v.SortOrder, b.v.SortOrder), strings.Compare(a.v.Name, b.v.Name))
	})
	im.envs = make(map[string]string, len(items))
	im.envOrder = make(map[string]int, len(items))
	for i, it := range items {
		im.envs[it.v.ID] = it.v.Name
		im.envOrder[it.v.Name] = i
		im.f.Environments = append(im.f.Environments, it.v.Name)
	}
	return nil
}

func (im *importer) spaceCheck() error {
	if im.opts.Space != "" && len(im.f.Environments) == 0 {
		return &Error{File: "environments.json", Message: fmt.Sprintf("no environment of space %q: is Options.Space right?", im.opts.Space), Err: ErrSpace}
	}
	return nil
}

// envNames resolves environment ids to names in environment order; each unknown id gets a
// Dangling entry. ok is false when ids was not empty but none resolved (so that an empty result
// is never mistaken for "every environment").
func (im *importer) envNames(ids []string, file, path string) (names []string, ok bool) {
	for i, id := range ids {
		n, found := im.envs[id]
		if !found {
			im.rep.add(file, path+"["+strconv.Itoa(i)+"]", Dangling, "unknown environment %q: left out", id)
			continue
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(im.envOrder[a], im.envOrder[b]) })
	return names, len(ids) == 0 || len(names) > 0
}

func (im *importer) tagSets() error {
	items, err := required[wTagSet](im, "tagsets", "TagSet")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "tag set", func(t wTagSet) string { return t.ID }, func(t wTagSet) string { return t.Name }, func(t wTagSet) string { return t.SpaceID })
	if err != nil {
		return err
	}
	slices.SortStableFunc(items, func(a, b item[wTagSet]) int {
		return cmp.Or(cmp.Compare(a.v.SortOrder, b.v.SortOrder), strings.Compare(a.v.Name, b.v.Name))
	})
	im.sets = map[string]*setInfo{}
	for _, it := range items {
		ts := it.v
		if len(ts.Scopes) > 0 && !slices.Contains(ts.Scopes, "Tenant") {
			im.rep.add(it.file, it.path()+".Scopes", Unsupported, "tag set %q is not scoped to tenants (%s): not imported", ts.Name, strings.Join(ts.Scopes, ", "))
			continue
		}
		if strings.Contains(ts.Name, "/") {
			im.rep.add(it.file, it.path()+".Name", Invalid, "tag set name %q contains \"/\": not imported", ts.Name)
			continue
		}
		typ := ts.Type
		switch typ {
		case "", "MultiSelect", "SingleSelect", "FreeText":
		default:
			im.rep.add(it.file, it.path()+".Type", Invalid, "tag set %q has unknown type %q: not imported", ts.Name, typ)
			continue
		}
		m := model.TagSet{Name: ts.Name, Type: typ}
		info := &setInfo{typ: typ, tags: map[string]bool{}}
		tags := slices.Clone(ts.Tags)
		slices.SortStableFunc(tags, func(a, b wTag) int {
			return cmp.Or(cmp.Compare(a.SortOrder, b.SortOrder), strings.Compare(a.Name, b.Name))
		})
		if typ == "FreeText" && len(tags) > 0 {
			im.rep.add(it.file, it.path()+".Tags", Unsupported, "FreeText tag set %q lists predefined tags: not imported (a FreeText set takes any value)", ts.Name)
			tags = nil
		}
		for _, t := range tags {
			if t.Name == "" || info.tags[t.Name] || slices.ContainsFunc(m.Tags, func(x string) bool { return strings.EqualFold(x, t.Name) }) {
				im.rep.add(it.file, it.path()+".Tags", Duplicate, "tag set %q has an empty or repeated tag %q: left out", ts.Name, t.Name)
				continue
			}
			info.tags[t.Name] = true
			m.Tags = append(m.Tags, t.Name)
		}
		im.sets[ts.Name] = info
		im.f.TagSets = append(im.f.TagSets, m)
	}
	return nil
}

// tags resolves canonical tag names against the imported tag sets; each unknown one gets a
// Dangling entry. With single set, it also keeps at most one tag of a SingleSelect or FreeText
// set (the first), reporting the others.
func (im *importer) tags(list []string, file, path string, single bool) (out []string, ok bool) {
	count := map[string]int{}
	for i, c := range list {
		p := path + "[" + strconv.Itoa(i) + "]"
		set, tag, found := strings.Cut(c, "/")
		info := im.sets[set]
		if !found || info == nil || tag == "" || (info.typ != "FreeText" && !info.tags[tag]) {
			im.rep.add(file, p, Dangling, "unknown tag %q: left out", c)
			continue
		}
		if slices.Contains(out, c) {
			continue
		}
		if single && (info.typ == "SingleSelect" || info.typ == "FreeText") && count[set] > 0 {
			im.rep.add(file, p, Invalid, "a second tag %q of %s tag set %q: left out", c, info.typ, set)
			continue
		}
		count[set]++
		out = append(out, c)
	}
	return out, len(list) == 0 || len(out) > 0
}

func (im *importer) lifecycles() error {
	items, err := required[wLifecycle](im, "lifecycles", "Lifecycle")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "lifecycle", func(l wLifecycle) string { return l.ID }, func(l wLifecycle) string { return l.Name }, func(l wLifecycle) string { return l.SpaceID })
	if err != nil {
		return err
	}
	im.lifecycle = map[string]string{}
next:
	for _, it := range items {
		lc := model.Lifecycle{Name: it.v.Name}
		seen := map[string]bool{}
		for k, ph := range it.v.Phases {
			p := it.path() + ".Phases[" + strconv.Itoa(k) + "]"
			auto, okA := im.envNames(ph.AutomaticDeploymentTargets, it.file, p+".AutomaticDeploymentTargets")
			manual, okM := im.envNames(ph.OptionalDeploymentTargets, it.file, p+".OptionalDeploymentTargets")
			if len(auto)+len(manual) == 0 && !(okA && okM) {
				im.rep.add(it.file, p, Dangling, "phase %q lists only unknown environments: lifecycle %q not imported", ph.Name, it.v.Name)
				continue next
			}
			mp := model.Phase{Name: ph.Name, Optional: ph.IsOptionalPhase, Priority: ph.IsPriorityPhase}
			for _, e := range auto {
				if seen[e] {
					im.rep.add(it.file, p, Invalid, "environment %q is in two phases: lifecycle %q not imported", e, it.v.Name)
					continue next
				}
				seen[e] = true
				mp.Automatic = append(mp.Automatic, e)
			}
			for _, e := range manual {
				if seen[e] {
					im.rep.add(it.file, p, Invalid, "environment %q is in two phases: lifecycle %q not imported", e, it.v.Name)
					continue next
				}
				seen[e] = true
				mp.Manual = append(mp.Manual, e)
			}
			n := ph.MinimumEnvironmentsBeforePromotion
			switch {
			case n < 0:
				im.rep.add(it.file, p+".MinimumEnvironmentsBeforePromotion", Invalid, "negative minimum %d: read as 0 (all)", n)
				n = 0
			case n > len(mp.Automatic)+len(mp.Manual) && len(mp.Automatic)+len(mp.Manual) > 0:
				im.rep.add(it.file, p+".MinimumEnvironmentsBeforePromotion", Approximated, "minimum %d is more than the phase's %d environments: read as 0 (all)", n, len(mp.Automatic)+len(mp.Manual))
				n = 0
			case n > 0 && len(mp.Automatic)+len(mp.Manual) == 0:
				im.rep.add(it.file, p+".MinimumEnvironmentsBeforePromotion", Approximated, "minimum %d on a phase without environments (every other environment): read as 0 (all)", n)
				n = 0
			}
			mp.Minimum = n
			lc.Phases = append(lc.Phases, mp)
		}
		im.lifecycle[it.v.ID] = lc.Name
		im.f.Lifecycles = append(im.f.Lifecycles, lc)
	}
	return nil
}

// templates maps variable templates; ids receives template id -> name.
func (im *importer) templates(list []wTemplate, file, path string, ids map[string]string) []model.Template {
	var out []model.Template
	names := map[string]bool{}
	for i, t := range list {
		p := path + "[" + strconv.Itoa(i) + "]"
		if t.Name == "" || names[strings.ToLower(t.Name)] {
			im.rep.add(file, p, Duplicate, "template %q is empty or repeated: left out", t.Name)
			continue
		}
		names[strings.ToLower(t.Name)] = true
		mt := model.Template{Name: t.Name, Label: t.Label, Sensitive: t.DisplaySettings["Octopus.ControlType"] == "Sensitive"}
		if t.DefaultValue.set {
			v := t.DefaultValue.str
			if t.DefaultValue.sensitive {
				v = SensitivePlaceholder
				im.rep.add(file, p+".DefaultValue", Approximated, "template %q has a sensitive default that Octopus does not return: imported as present but unknown", t.Name)
			}
			mt.Default = &v
		}
		if t.ID != "" {
			ids[t.ID] = t.Name
		}
		out = append(out, mt)
	}
	return out
}

func (im *importer) libraries() error {
	im.libs = map[string]*library{}
	items, _, err := optional[wLibrary](im, "libraryvariablesets", "LibraryVariableSet", "common templates (and the projects' included sets)")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "library variable set", func(l wLibrary) string { return l.ID }, func(l wLibrary) string { return l.Name }, func(l wLibrary) string { return l.SpaceID })
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.v.ContentType != "" && it.v.ContentType != "Variables" {
			im.rep.add(it.file, it.path(), Unsupported, "library %q holds %s, not variables: not imported", it.v.Name, it.v.ContentType)
			continue
		}
		lib := &library{name: it.v.Name, templates: map[string]string{}}
		im.f.Libraries = append(im.f.Libraries, model.Library{Name: it.v.Name, Templates: im.templates(it.v.Templates, it.file, it.path()+".Templates", lib.templates)})
		im.libs[it.v.ID] = lib
	}
	return nil
}

func (im *importer) projectsStep() error {
	items, err := required[wProject](im, "projects", "Project")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "project", func(p wProject) string { return p.ID }, func(p wProject) string { return p.Name }, func(p wProject) string { return p.SpaceID })
	if err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, p := range im.opts.Projects {
		wanted[p] = true
	}
	for _, it := range items {
		delete(wanted, it.v.Name)
		delete(wanted, it.v.ID)
	}
	if len(wanted) > 0 {
		var list []string
		for p := range wanted {
			list = append(list, strconv.Quote(p))
		}
		slices.Sort(list)
		return &Error{File: "projects.json", Message: fmt.Sprintf("Options.Projects names unknown projects: %s", strings.Join(list, ", ")), Err: ErrSpace}
	}
	im.projects = map[string]*project{}
	im.skipped = map[string]bool{}
	for _, it := range items {
		p := it.v
		if len(im.opts.Projects) > 0 && !slices.Contains(im.opts.Projects, p.Name) && !slices.Contains(im.opts.Projects, p.ID) {
			im.skipped[p.ID] = true
			im.rep.add(it.file, it.path(), NotSelected, "project %q is not in Options.Projects: left out with its channels, releases, deployments, connections, tenant values, freeze scopes and grants", p.Name)
			continue
		}
		if p.IsDisabled {
			im.skipped[p.ID] = true
			im.rep.add(it.file, it.path(), Disabled, "project %q is disabled: left out with its channels, releases, deployments, connections, tenant values, freeze scopes and grants", p.Name)
			continue
		}
		mp := model.Project{Name: p.Name}
		switch p.TenantedDeploymentMode {
		case "", "Untenanted":
			mp.Tenancy = "Untenanted"
		case "Tenanted", "TenantedOrUntenanted":
			mp.Tenancy = p.TenantedDeploymentMode
		default:
			im.skipped[p.ID] = true
			im.rep.add(it.file, it.path()+".TenantedDeploymentMode", Invalid, "project %q has unknown tenanted deployment mode %q: left out", p.Name, p.TenantedDeploymentMode)
			continue
		}
		if p.LifecycleID == "" {
			im.rep.add(it.file, it.path()+".LifecycleId", Approximated, "project %q names no lifecycle: imported with every environment in order", p.Name)
		} else if lc, ok := im.lifecycle[p.LifecycleID]; ok {
			mp.Lifecycle = lc
		} else {
			im.skipped[p.ID] = true
			im.rep.add(it.file, it.path()+".LifecycleId", Dangling, "project %q uses unknown or unimported lifecycle %q: left out", p.Name, p.LifecycleID)
			continue
		}
		for i, id := range p.IncludedLibraryVariableSetIDs {
			if lib, ok := im.libs[id]; ok {
				mp.Libraries = append(mp.Libraries, lib.name)
			} else if len(im.r.files) > 0 && im.hasFile("libraryvariablesets") {
				im.rep.add(it.file, it.path()+".IncludedLibraryVariableSetIds["+strconv.Itoa(i)+"]", Dangling, "unknown or unimported library variable set %q: left out", id)
			}
		}
		if p.DiscreteChannelRelease {
			im.rep.add(it.file, it.path()+".DiscreteChannelRelease", Approximated, "project %q tracks releases per channel in Octopus; the model has one current release per cell, whatever its channel", p.Name)
		}
		info := &project{name: p.Name, idx: len(im.f.Projects), templates: map[string]string{}, channels: map[string]string{}, group: p.ProjectGroupID}
		mp.Templates = im.templates(p.Templates, it.file, it.path()+".Templates", info.templates)
		im.projects[p.ID] = info
		im.f.Projects = append(im.f.Projects, mp)
	}
	return nil
}

// hasFile says whether a collection has a file in the folder (single or paged).
func (im *importer) hasFile(name string) bool {
	files, err := im.r.pages(name)
	return err == nil && len(files) > 0
}

// projectRef resolves a project id. It returns nil without an entry for a project left out on
// purpose (covered by that project's entry), and nil with a Dangling entry for an unknown id.
func (im *importer) projectRef(id, file, path string) *project {
	if p, ok := im.projects[id]; ok {
		return p
	}
	if !im.skipped[id] {
		im.rep.add(file, path, Dangling, "unknown project %q: left out", id)
	}
	return nil
}

func (im *importer) channels() error {
	items, err := required[wChannel](im, "channels", "Channel")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "channel", func(c wChannel) string { return c.ID }, nil, func(c wChannel) string { return c.SpaceID })
	if err != nil {
		return err
	}
	hasDefault := map[string]bool{}
	for _, it := range items {
		c := it.v
		p := im.projectRef(c.ProjectID, it.file, it.path()+".ProjectId")
		if p == nil {
			continue
		}
		mp := &im.f.Projects[p.idx]
		if c.Name == "" || slices.ContainsFunc(mp.Channels, func(x model.Channel) bool { return strings.EqualFold(x.Name, c.Name) }) {
			im.rep.add(it.file, it.path(), Duplicate, "project %q has another channel named %q: %s left out", p.name, c.Name, c.ID)
			continue
		}
		ch := model.Channel{Name: c.Name}
		if c.LifecycleID != "" {
			lc, ok := im.lifecycle[c.LifecycleID]
			if !ok {
				im.rep.add(it.file, it.path()+".LifecycleId", Dangling, "channel %q of %q uses unknown or unimported lifecycle %q: left out", c.Name, p.name, c.LifecycleID)
				continue
			}
			ch.Lifecycle = lc
		}
		if c.IsDefault {
			if hasDefault[p.name] {
				im.rep.add(it.file, it.path()+".IsDefault", Approximated, "project %q has a second default channel %q: imported as not default", p.name, c.Name)
			} else {
				hasDefault[p.name] = true
				ch.Default = true
			}
		}
		tags, ok := im.tags(c.TenantTags, it.file, it.path()+".TenantTags", false)
		if !ok {
			ch.TenantExpression = "false"
			im.rep.add(it.file, it.path()+".TenantTags", Approximated, "channel %q of %q keeps no known tenant tag: it admits no tenant", c.Name, p.name)
		}
		ch.TenantTags = tags
		if len(c.Rules) > 0 {
			im.rep.add(it.file, it.path()+".Rules", Unsupported, "channel %q of %q: version rules apply to package versions when a release is created, not to release versions; not imported (each release keeps its channel)", c.Name, p.name)
		}
		p.channels[c.ID] = c.Name
		mp.Channels = append(mp.Channels, ch)
	}
	return nil
}

func (im *importer) tenantsStep() error {
	items, err := required[wTenant](im, "tenants", "Tenant")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "tenant", func(t wTenant) string { return t.ID }, func(t wTenant) string { return t.Name }, func(t wTenant) string { return t.SpaceID })
	if err != nil {
		return err
	}
	im.tenants = make(map[string]string, len(items))
	im.tenantIdx = make(map[string]int, len(items))
	im.f.Tenants = make([]model.Tenant, 0, len(items))
	for _, it := range items {
		t := it.v
		mt := model.Tenant{Name: t.Name, Description: t.Description, Disabled: t.IsDisabled}
		mt.Tags, _ = im.tags(t.TenantTags, it.file, it.path()+".TenantTags", true)
		if len(t.ProjectEnvironments) > 0 {
			ids := make([]string, 0, len(t.ProjectEnvironments))
			for id := range t.ProjectEnvironments {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range ids {
				path := it.path() + ".ProjectEnvironments[" + strconv.Quote(id) + "]"
				p := im.projectRef(id, it.file, path)
				if p == nil {
					continue
				}
				if im.f.Projects[p.idx].Tenancy == "Untenanted" {
					im.rep.add(it.file, path, Unsupported, "tenant %q is connected to project %q, which is untenanted: the connection is left out (an untenanted project cannot be deployed to tenants)", t.Name, p.name)
					continue
				}
				envs, _ := im.envNames(t.ProjectEnvironments[id], it.file, path)
				if mt.Projects == nil {
					mt.Projects = map[string][]string{}
				}
				if envs == nil {
					envs = []string{} // connected with no environments: a connection, written as []
				}
				mt.Projects[p.name] = envs
			}
		}
		im.tenants[t.ID] = t.Name
		im.tenantIdx[t.ID] = len(im.f.Tenants)
		im.f.Tenants = append(im.f.Tenants, mt)
	}
	return nil
}

func (im *importer) machines() error {
	items, _, err := optional[wMachine](im, "machines", "DeploymentTarget", "deployment targets")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "deployment target", func(m wMachine) string { return m.ID }, func(m wMachine) string { return m.Name }, func(m wMachine) string { return m.SpaceID })
	if err != nil {
		return err
	}
	for _, it := range items {
		m := it.v
		if m.IsDisabled {
			im.rep.add(it.file, it.path(), Disabled, "deployment target %q is disabled: left out", m.Name)
			continue
		}
		envs, ok := im.envNames(m.EnvironmentIDs, it.file, it.path()+".EnvironmentIds")
		if !ok {
			im.rep.add(it.file, it.path(), Dangling, "deployment target %q is in no known environment: left out", m.Name)
			continue
		}
		t := model.Target{Name: m.Name, Environments: envs, Roles: slices.Clone(m.Roles)}
		switch m.TenantedDeploymentParticipation {
		case "", "Untenanted":
			t.Tenancy = "Untenanted"
		case "Tenanted", "TenantedOrUntenanted":
			t.Tenancy = m.TenantedDeploymentParticipation
		default:
			im.rep.add(it.file, it.path()+".TenantedDeploymentParticipation", Invalid, "deployment target %q has unknown participation %q: left out", m.Name, m.TenantedDeploymentParticipation)
			continue
		}
		for i, id := range m.TenantIDs {
			if n, ok := im.tenants[id]; ok {
				t.Tenants = append(t.Tenants, n)
			} else {
				im.rep.add(it.file, it.path()+".TenantIds["+strconv.Itoa(i)+"]", Dangling, "unknown tenant %q: left out of target %q", id, m.Name)
			}
		}
		// An empty tag part matches no tenant, so unknown tags left out only narrow the filter.
		t.TenantTags, _ = im.tags(m.TenantTags, it.file, it.path()+".TenantTags", false)
		switch m.HealthStatus {
		case "", "Healthy", "HasWarnings":
		default:
			im.rep.add(it.file, it.path()+".HealthStatus", Approximated, "deployment target %q is %s: imported as available (the model has no health)", m.Name, m.HealthStatus)
		}
		im.f.Targets = append(im.f.Targets, t)
	}
	return nil
}

func (im *importer) releasesStep() error {
	items, err := required[wRelease](im, "releases", "Release")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "release", func(r wRelease) string { return r.ID }, nil, func(r wRelease) string { return r.SpaceID })
	if err != nil {
		return err
	}
	defects := map[string]defectList{}
	if im.hasFile("defects") {
		if err := readObject(im.r, "defects.json", &defects); err != nil {
			return err
		}
	} else {
		im.rep.add("defects.json", "", Missing, "no defects.json: no release is imported as blocked")
	}
	im.releases = make(map[string]release, len(items))
	versions := map[release]bool{}
	for _, it := range items {
		r := it.v
		p := im.projectRef(r.ProjectID, it.file, it.path()+".ProjectId")
		if p == nil {
			continue
		}
		mr := model.Release{Project: p.name, Version: r.Version}
		if r.ChannelID != "" {
			ch, ok := p.channels[r.ChannelID]
			if !ok {
				im.rep.add(it.file, it.path()+".ChannelId", Dangling, "release %s of %q is in unknown or unimported channel %q: left out", r.Version, p.name, r.ChannelID)
				continue
			}
			mr.Channel = ch
		}
		if _, err := lifecycle.ParseVersion(r.Version); err != nil {
			im.rep.add(it.file, it.path()+".Version", Invalid, "release %s of %q has a version the model cannot read (%v): left out", r.ID, p.name, err)
			continue
		}
		key := release{project: p.name, version: r.Version}
		if versions[key] {
			im.rep.add(it.file, it.path()+".Version", Duplicate, "release version %q of %q is empty or repeated: %s left out", r.Version, p.name, r.ID)
			continue
		}
		versions[key] = true
		if ds, ok := defects[r.ID]; ok {
			for _, d := range ds.list {
				if d.Status != "Resolved" {
					mr.Blocked = true
				}
			}
			delete(defects, r.ID)
		}
		im.releases[r.ID] = key
		im.f.Releases = append(im.f.Releases, mr)
	}
	ids := make([]string, 0, len(defects))
	for id := range defects {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		im.rep.add("defects.json", strconv.Quote(id), Dangling, "defects of unknown or unimported release %q: left out", id)
	}
	return nil
}

// defectList is one release's defects: a bare list or a page object.
type defectList struct{ list []wDefect }

func (d *defectList) UnmarshalJSON(b []byte) error {
	var p page[wDefect]
	if len(b) > 0 && b[0] == '{' {
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		if p.Items != nil {
			d.list = *p.Items
		}
		return nil
	}
	return json.Unmarshal(b, &d.list)
}

// outcomes maps a finished task state to a deployment outcome.
var outcomes = map[string]string{"Success": "Success", "Failed": "Failed", "TimedOut": "Failed", "Canceled": "Cancelled"}

func (im *importer) deployments() error {
	tasks, err := required[wTask](im, "tasks", "ServerTask")
	if err != nil {
		return err
	}
	tasks, err = unique(im, tasks, "task", func(t wTask) string { return t.ID }, nil, func(wTask) string { return "" })
	if err != nil {
		return err
	}
	byID := make(map[string]*wTask, len(tasks))
	for i := range tasks {
		byID[tasks[i].v.ID] = &tasks[i].v
	}
	items, err := required[wDeployment](im, "deployments", "Deployment")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "deployment", func(d wDeployment) string { return d.ID }, nil, func(d wDeployment) string { return d.SpaceID })
	if err != nil {
		return err
	}
	type dep struct {
		d   model.Deployment
		at  time.Time
		seq int64
		idx int
	}
	deps := make([]dep, 0, len(items))
	for i, it := range items {
		d := it.v
		if im.skipped[d.ProjectID] {
			continue
		}
		rel, ok := im.releases[d.ReleaseID]
		if !ok {
			im.rep.add(it.file, it.path()+".ReleaseId", Dangling, "deployment %s is of unknown or unimported release %q: left out", d.ID, d.ReleaseID)
			continue
		}
		env, ok := im.envs[d.EnvironmentID]
		if !ok {
			im.rep.add(it.file, it.path()+".EnvironmentId", Dangling, "deployment %s is to unknown environment %q: left out", d.ID, d.EnvironmentID)
			continue
		}
		tenant := ""
		if d.TenantID != "" {
			if tenant, ok = im.tenants[d.TenantID]; !ok {
				im.rep.add(it.file, it.path()+".TenantId", Dangling, "deployment %s is for unknown tenant %q: left out", d.ID, d.TenantID)
				continue
			}
		}
		task := byID[d.TaskID]
		if task == nil {
			im.rep.add(it.file, it.path()+".TaskId", Dangling, "deployment %s has unknown task %q: left out (its outcome is unknown)", d.ID, d.TaskID)
			continue
		}
		outcome, done := outcomes[task.State]
		if !done {
			switch task.State {
			case "Queued", "Executing", "Cancelling":
				im.rep.add(it.file, it.path()+".TaskId", InProgress, "deployment %s (task %s) is %s: left out of the history", d.ID, task.ID, task.State)
			default:
				im.rep.add(it.file, it.path()+".TaskId", Invalid, "deployment %s (task %s) has unknown state %q: left out", d.ID, task.ID, task.State)
			}
			continue
		}
		when := cmp.Or(task.CompletedTime, task.StartTime, d.Created)
		at, err := time.Parse(time.RFC3339Nano, when)
		if err != nil {
			im.rep.add(it.file, it.path(), Invalid, "deployment %s has no readable time (task CompletedTime, StartTime or Created %q): left out", d.ID, when)
			continue
		}
		if (!im.opts.HistoryFrom.IsZero() && at.Before(im.opts.HistoryFrom)) || (!im.opts.HistoryTo.IsZero() && !at.Before(im.opts.HistoryTo)) {
			im.rep.add(it.file, it.path(), NotSelected, "deployment %s at %s is outside the history window: left out", d.ID, when)
			continue
		}
		deps = append(deps, dep{
			d: model.Deployment{Project: rel.project, Release: rel.version, Environment: env, Tenant: tenant,
				Outcome: outcome, At: at.UTC().Format(time.RFC3339Nano)},
			at: at, seq: idNumber(d.ID), idx: i,
		})
	}
	// Octopus lists the newest first; the model wants time order, and on equal times the later
	// deployment (the larger Id number) last.
	slices.SortFunc(deps, func(a, b dep) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.seq, b.seq), cmp.Compare(a.idx, b.idx))
	})
	im.f.Deployments = make([]model.Deployment, len(deps))
	for i := range deps {
		im.f.Deployments[i] = deps[i].d
	}
	return nil
}

// idNumber returns the number at the end of an Octopus Id ("Deployments-42" -> 42), or -1.
func idNumber(id string) int64 {
	i := strings.LastIndexByte(id, '-')
	n, err := strconv.ParseInt(id[i+1:], 10, 64)
	if err != nil {
		return -1
	}
	return n
}
