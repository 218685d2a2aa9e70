package variables

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Variable is a named value with a scope. A name may have many Variables; which one applies in a
// context is decided by scope and specificity.
type Variable struct {
	Name  string
	Value Value
	Scope Scope
}

// Template asks every tenant for a value of the variable Name. Label is for display. Default is
// used when the tenant gives no value; HasDefault false means there is no default (an empty Default
// with HasDefault true is a default). Sensitive makes every value of the template sensitive, its
// default included.
type Template struct {
	Name, Label string
	Default     Value
	HasDefault  bool
	Sensitive   bool
}

// Library is a library variable set: variables and common templates that projects include by name.
type Library struct {
	Name      string
	Variables []Variable
	Templates []Template
}

// ProjectSpec is the input of [NewProject]: a project's own variables and templates and the
// libraries it includes, in include order.
type ProjectSpec struct {
	Name      string
	Variables []Variable
	Templates []Template
	Libraries []Library
}

// TenantValue is a value a tenant gives for a template, with an environment scope: Environments
// empty means unscoped.
type TenantValue struct {
	Template     string
	Value        Value
	Environments []string
}

// TenantValues are one tenant's values for a project: for the project templates, and for the
// common templates of each library (keyed by library name).
type TenantValues struct {
	Project []TenantValue
	Common  map[string][]TenantValue
}

// Project is a compiled, immutable variable set for one project: its variables, its templates
// and those of the libraries it includes, with every value parsed once. Build it with
// [NewProject]. It is safe for concurrent use. Printing a Project shows a summary, never values.
type Project struct {
	c *project
}

type project struct {
	name      string
	libs      []libInfo
	vars      []cvar
	tmpls     []ctmpl
	nProjT    int32 // tmpls[:nProjT] are the project templates
	projExact map[string]int32
	names     []nameInfo
	display   []string // name id -> name as first spelled
	ids       map[string]int32
	sorted    []int32 // name ids, case-insensitive order
	required  []int32 // templates without a default, by name (case-insensitive), then source order
}

type libInfo struct {
	name         string
	tFirst, tEnd int32 // its templates are tmpls[tFirst:tEnd]
	exact        map[string]int32
}

// cvar is a compiled variable.
type cvar struct {
	name  int32
	lib   int32 // -1 = project
	index int32 // in its source's Variables
	value Value
	scope compiledScope
	prog  *prog
}

// ctmpl is a compiled template.
type ctmpl struct {
	name  int32
	key   string
	lib   int32 // -1 = project
	index int32 // in its source's Templates
	t     Template
	def   *prog // parsed default, nil when none
}

type nameInfo struct {
	vars  []int32 // project variables, then library variables in include order
	tmpls []int32 // project template, then common templates in include order
	sys   int8    // system variable index, -1 = none
}

// parseDepth bounds nesting when NewProject parses values; Options.MaxDepth applies when they
// are expanded.
const parseDepth = 1000

// parseDepthLimit explains parseDepth in error messages.
const parseDepthLimit = "the fixed limit of NewProject; Options.MaxDepth applies when values are expanded"

// NewProject compiles spec. It copies its input and reports every problem at once (each a
// *[SpecError], joined with [errors.Join], in input order): empty names ([ErrEmptyName]), a
// template name defined twice in one source or a library included twice
// ([ErrDuplicateName]; names that differ only in letter case count as equal), and values or
// template defaults that do not parse (*[TemplateError]: [ErrSyntax], [ErrUnknownFilter],
// [ErrFilterArgument], [ErrLimit] for nesting deeper than 1000).
func NewProject(spec ProjectSpec) (*Project, error) {
	c := &project{name: spec.Name, ids: make(map[string]int32)}
	var errs []error
	// report records a problem at element i of the list kind under prefix; the path is only
	// printed here, for a problem.
	report := func(prefix *problem.Path, kind string, i int, err error) {
		errs = append(errs, &SpecError{Path: prefix.Key(kind).Index(i).String(), Err: err})
	}

	addVars := func(prefix *problem.Path, lib int32, vars []Variable) {
		for i, v := range vars {
			if v.Name == "" {
				report(prefix, "variables", i, fmt.Errorf("variable without a name: %w", ErrEmptyName))
				continue
			}
			pr, err := parse(v.Value.s, v.Name, v.Value.sensitive, parseDepth, parseDepthLimit)
			if err != nil {
				report(prefix, "variables", i, err)
				continue
			}
			id := c.intern(v.Name)
			c.names[id].vars = append(c.names[id].vars, int32(len(c.vars)))
			c.vars = append(c.vars, cvar{name: id, lib: lib, index: int32(i), value: v.Value, scope: compileScope(v.Scope), prog: pr})
		}
	}
	addTemplates := func(prefix *problem.Path, lib int32, ts []Template) map[string]int32 {
		exact := make(map[string]int32, len(ts))
		seen := make(map[string]int, len(ts))
		for i, t := range ts {
			if t.Name == "" {
				report(prefix, "templates", i, fmt.Errorf("template without a name: %w", ErrEmptyName))
				continue
			}
			key := strings.ToLower(t.Name)
			if j, dup := seen[key]; dup {
				report(prefix, "templates", i, fmt.Errorf("template %q is also %s: %w", quoteName(t.Name), prefix.Key("templates").Index(j), ErrDuplicateName))
				continue
			}
			seen[key] = i
			ct := ctmpl{lib: lib, index: int32(i), t: t, key: key}
			if t.Sensitive {
				ct.t.Default.sensitive = true
			}
			if t.HasDefault {
				pr, err := parse(ct.t.Default.s, t.Name, ct.t.Default.sensitive, parseDepth, parseDepthLimit)
				if err != nil {
					report(prefix, "templates", i, err)
					continue
				}
				ct.def = pr
			} else {
				ct.t.Default = Value{}
			}
			ct.name = c.intern(t.Name)
			exact[t.Name] = int32(len(c.tmpls))
			c.names[ct.name].tmpls = append(c.names[ct.name].tmpls, int32(len(c.tmpls)))
			c.tmpls = append(c.tmpls, ct)
		}
		return exact
	}

	addVars(nil, -1, spec.Variables)
	c.projExact = addTemplates(nil, -1, spec.Templates)
	c.nProjT = int32(len(c.tmpls))
	libSeen := make(map[string]int, len(spec.Libraries))
	for li, l := range spec.Libraries {
		if l.Name == "" {
			report(nil, "libraries", li, fmt.Errorf("library without a name: %w", ErrEmptyName))
			continue
		}
		key := strings.ToLower(l.Name)
		if j, dup := libSeen[key]; dup {
			report(nil, "libraries", li, fmt.Errorf("library %q is also libraries[%d]: %w", quoteName(l.Name), j, ErrDuplicateName))
			continue
		}
		libSeen[key] = li
		lib := int32(len(c.libs))
		c.libs = append(c.libs, libInfo{name: l.Name})
		at := problem.Root("libraries").Index(li)
		addVars(at, lib, l.Variables)
		first := int32(len(c.tmpls))
		exact := addTemplates(at, lib, l.Templates)
		c.libs[lib].tFirst, c.libs[lib].tEnd, c.libs[lib].exact = first, int32(len(c.tmpls)), exact
	}
	for i := range numSys {
		id := c.intern(systemName(i))
		c.names[id].sys = int8(i)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	c.sorted = make([]int32, len(c.names))
	for i := range c.sorted {
		c.sorted[i] = int32(i)
	}
	slices.SortFunc(c.sorted, func(a, b int32) int { return compareNames(c.display[a], c.display[b]) })
	for i := range c.tmpls {
		if !c.tmpls[i].t.HasDefault {
			c.required = append(c.required, int32(i))
		}
	}
	slices.SortStableFunc(c.required, func(a, b int32) int { return strings.Compare(c.tmpls[a].key, c.tmpls[b].key) })
	return &Project{c: c}, nil
}

// intern returns the id of a variable name, adding it with this spelling when new.
func (c *project) intern(name string) int32 {
	key := strings.ToLower(name)
	if id, ok := c.ids[key]; ok {
		return id
	}
	id := int32(len(c.names))
	c.ids[key] = id
	c.names = append(c.names, nameInfo{sys: -1})
	c.display = append(c.display, name)
	return id
}

// Name returns the project name given in the [ProjectSpec].
func (p *Project) Name() string { return p.c.name }

// Format implements [fmt.Formatter]: a Project prints as a summary without values, in every
// verb.
func (p Project) Format(f fmt.State, verb rune) {
	s := "variables.Project{}"
	if p.c != nil {
		s = fmt.Sprintf("variables.Project{Name: %q, variables: %d, templates: %d, libraries: %d}",
			p.c.name, len(p.c.vars), len(p.c.tmpls), len(p.c.libs))
	}
	formatSummary(f, verb, s)
}

// findTemplate returns the index of the template of source lib (-1 = project) named name
// (case-insensitive), or -1.
func (c *project) findTemplate(lib int32, name string, hint int) int32 {
	first, end, exact := int32(0), c.nProjT, c.projExact
	if lib >= 0 {
		l := &c.libs[lib]
		first, end, exact = l.tFirst, l.tEnd, l.exact
	}
	if h := first + int32(hint); h < end && c.tmpls[h].t.Name == name {
		return h
	}
	if t, ok := exact[name]; ok {
		return t
	}
	for t := first; t < end; t++ {
		if strings.EqualFold(c.tmpls[t].t.Name, name) {
			return t
		}
	}
	return -1
}

// CheckTenantValues validates one tenant's values: a value for a template the project does not
// have, or for a library the project does not include ([ErrUnknownTemplate]); two values of one
// template whose environment scopes share an environment, or two unscoped ones
// ([ErrOverlappingValues], reported on the later value). It returns every problem at once, each a
// *[TenantValueError], joined with [errors.Join]: project values first, then libraries by name,
// each in list order; nil when the values are valid.
func (p *Project) CheckTenantValues(tv TenantValues) error {
	c := p.c
	var errs []error
	check := func(libName string, lib int32, vals []TenantValue) {
		// With many values, the earlier values of each template are listed, and the environments
		// of long scopes become sets: the checks stay linear in the values and their environments.
		var earlier map[int32][]int
		if len(vals) > 32 {
			earlier = map[int32][]int{}
		}
		var tmplOf [32]int32 // with few values: the template of each value, found once
		var envSets map[int]map[string]bool
		inScope := func(j int, e string) bool {
			w := vals[j].Environments
			if len(w) <= 16 {
				return slices.Contains(w, e)
			}
			set, ok := envSets[j]
			if !ok {
				set = make(map[string]bool, len(w))
				for _, x := range w {
					set[x] = true
				}
				if envSets == nil {
					envSets = map[int]map[string]bool{}
				}
				envSets[j] = set
			}
			return set[e]
		}
		for i, v := range vals {
			fail := func(err error) {
				errs = append(errs, &TenantValueError{Library: libName, Index: i, Template: v.Template, Err: err})
			}
			if lib == -2 {
				fail(fmt.Errorf("library %q is not included in project %q: %w", quoteName(libName), quoteName(c.name), ErrUnknownTemplate))
				continue
			}
			t := c.findTemplate(lib, v.Template, i)
			if earlier == nil {
				tmplOf[i] = t
			}
			if t < 0 {
				where := fmt.Sprintf("project %q", quoteName(c.name))
				if lib >= 0 {
					where = fmt.Sprintf("library %q", quoteName(libName))
				}
				fail(fmt.Errorf("%s has no template %q: %w", where, quoteName(v.Template), ErrUnknownTemplate))
				continue
			}
			for j := range i {
				if earlier != nil {
					if j >= len(earlier[t]) {
						break
					}
					j = earlier[t][j] // the j-th earlier value of template t
				} else if tmplOf[j] != t {
					continue
				}
				w := vals[j]
				if len(v.Environments) == 0 && len(w.Environments) == 0 {
					fail(fmt.Errorf("unscoped like value [%d]: %w", j, ErrOverlappingValues))
					break
				}
				if k := slices.IndexFunc(v.Environments, func(e string) bool { return inScope(j, e) }); k >= 0 {
					fail(fmt.Errorf("environment %q is also in value [%d]: %w", quoteName(v.Environments[k]), j, ErrOverlappingValues))
					break
				}
			}
			if earlier != nil {
				earlier[t] = append(earlier[t], i)
			}
		}
	}
	check("", -1, tv.Project)
	libs := make([]string, 0, len(tv.Common))
	for name := range tv.Common {
		libs = append(libs, name)
	}
	slices.Sort(libs)
	for _, name := range libs {
		lib := int32(slices.IndexFunc(c.libs, func(l libInfo) bool { return l.name == name }))
		if lib < 0 {
			lib = -2
		}
		check(name, lib, tv.Common[name])
	}
	return errors.Join(errs...)
}

// Missing is the planner's fast check of missing values for one tenant: the names of the required
// templates (the project's templates and the common templates of its libraries) that have no
// effective value in environment env: no tenant value scoped to env, no unscoped value and no
// default. Sorted case-insensitively, each name once; nil when nothing is missing. It neither
// parses nor substitutes anything.
func (p *Project) Missing(env string, tv TenantValues) []string {
	c := p.c
	if len(c.required) == 0 {
		return nil
	}
	var small [2]uint64
	have := small[:]
	if n := (len(c.tmpls) + 63) / 64; n > len(small) {
		have = make([]uint64, n)
	}
	mark := func(lib int32, vals []TenantValue) {
		for i := range vals {
			v := &vals[i]
			if len(v.Environments) > 0 && !slices.Contains(v.Environments, env) {
				continue
			}
			if t := c.findTemplate(lib, v.Template, i); t >= 0 {
				have[t>>6] |= 1 << (t & 63)
			}
		}
	}
	mark(-1, tv.Project)
	if len(tv.Common) > 0 {
		for li := range c.libs {
			if c.libs[li].tEnd > c.libs[li].tFirst {
				mark(int32(li), tv.Common[c.libs[li].name])
			}
		}
	}
	var out []string
	for _, t := range c.required {
		if have[t>>6]&(1<<(t&63)) != 0 {
			continue
		}
		name := c.tmpls[t].t.Name
		if n := len(out); n > 0 && strings.EqualFold(out[n-1], name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// variableFields is Variable without methods, for [formatFields].
type variableFields Variable

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Variable) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Variable", variableFields(x))
}

// templateFields is Template without methods, for [formatFields].
type templateFields Template

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb. The Default of a Sensitive template is masked too.
func (x Template) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Template", templateFields(x.masked()))
}

// MarshalJSON encodes t as its fields, the Default of a Sensitive template masked.
func (t Template) MarshalJSON() ([]byte, error) { return json.Marshal(templateFields(t.masked())) }

// masked returns t with its Default sensitive when t is.
func (t Template) masked() Template {
	if t.Sensitive {
		t.Default.sensitive = true
	}
	return t
}

// libraryFields is Library without methods, for [formatFields].
type libraryFields Library

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Library) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Library", libraryFields(x))
}

// projectSpecFields is ProjectSpec without methods, for [formatFields].
type projectSpecFields ProjectSpec

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x ProjectSpec) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.ProjectSpec", projectSpecFields(x))
}

// tenantValueFields is TenantValue without methods, for [formatFields].
type tenantValueFields TenantValue

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x TenantValue) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.TenantValue", tenantValueFields(x))
}

// tenantValuesFields is TenantValues without methods, for [formatFields].
type tenantValuesFields TenantValues

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x TenantValues) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.TenantValues", tenantValuesFields(x))
}
