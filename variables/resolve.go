package variables

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Context is where variables are resolved: one project, environment, release, channel, step
// and target, and, when tenanted, the tenant, its tags and its values.
type Context struct {
	Project, Environment, Release, Channel, Step, Target string
	// Roles are the roles of Target, for role-scoped values.
	Roles []string
	// Tenant is the tenant's name; "" means untenanted: tenant and tenant-tag scoped values,
	// templates and tenant values never apply.
	Tenant string
	// TenantTags are the tenant's canonical tags ("Set/Tag") in catalog order.
	TenantTags []string
	// Values are the tenant's values for the project's templates.
	Values TenantValues
}

// Source says where a candidate value comes from.
type Source uint8

// The sources of candidate values.
const (
	SourceProject         Source = iota + 1 // a project variable
	SourceLibrary                           // a variable of an included library
	SourceTenantValue                       // a tenant's value for a template
	SourceTemplateDefault                   // a template's default
	SourceSystem                            // a system variable
)

// String returns "project", "library", "tenant value", "template default" or "system".
func (s Source) String() string {
	switch s {
	case SourceProject:
		return "project"
	case SourceLibrary:
		return "library"
	case SourceTenantValue:
		return "tenant value"
	case SourceTemplateDefault:
		return "template default"
	case SourceSystem:
		return "system"
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// Candidate is one value a name may take. Library names the library of a library variable or of a
// common template ("" = the project). Index is the position in its list: the source's Variables,
// the tenant's value list (TenantValues.Project or Common[Library]), the source's Templates for a
// default, or [SystemNames] for a system variable. Scope is the value's scope; a tenant value shows
// its environment scope only, though it ranks as scoped on the tenant too. Value is the value as
// defined, before substitution.
type Candidate struct {
	Source  Source
	Library string
	Scope   Scope
	Value   Value
	Index   int
}

// Conflict is a name whose value was chosen by a tie-break that is reported rather than silent (a
// tie broken by source order, a template shadowed by an earlier one of the same name, or a system
// variable shadowed by an unscoped user value): the candidates involved, the chosen one first.
type Conflict struct {
	Name       string
	Candidates []Candidate
}

// Resolution is every variable's value in one context, substituted. It is immutable and safe for
// concurrent use. Printing a Resolution shows a summary, never values.
type Resolution struct {
	r       *resolution
	visible func(tenant string) bool // see Restrict; nil shows every tenant
}

type resolution struct {
	c          *project
	f          facts
	eff        []eff // per template, nil when untenanted
	sys        [numSys]sysVal
	sysProg    [numSys]prog
	win        []ref
	vals       []Value
	conflicts  []Conflict
	unresolved []string
	unresSens  []string
	missing    []string
}

type refKind uint8

const (
	refNone refKind = iota
	refVar
	refTmpl
	refSys
)

// ref is the winning candidate of a name.
type ref struct {
	kind refKind
	i    int32
}

// eff is the effective value of a template for the context's tenant and environment.
type eff struct {
	has    bool
	src    Source
	value  Value
	index  int
	envs   []string
	scoped bool
	lit    prog  // storage for a literal tenant value
	prog   *prog // parsed value
}

// mask is the specificity of a tenant value or default: the tenant, plus the environment when the
// value is scoped.
func (e *eff) mask() int {
	if e.scoped {
		return 1<<dimTenant | 1<<dimEnvironment
	}
	return 1 << dimTenant
}

// Resolve computes every variable's value in ctx: for each name, the applicable candidate of
// highest specificity wins; of two that tie, a project value beats a library value, and any other
// tie is broken by source order and reported in Conflicts; then values are substituted. It
// returns an error when a value cannot be expanded: a cycle, a limit of opts, or a tenant value
// that does not parse (each a *[TemplateError], joined with [errors.Join], sorted by variable
// name).
func (p *Project) Resolve(ctx Context, opts Options) (*Resolution, error) {
	c := p.c
	lim := opts.limits()
	r := &resolution{c: c, f: facts{
		env: ctx.Environment, tenant: ctx.Tenant, channel: ctx.Channel, step: ctx.Step,
		target: ctx.Target, project: ctx.Project, release: ctx.Release,
		roles: slices.Clone(ctx.Roles), tags: slices.Clone(ctx.TenantTags),
	}}
	if r.f.project == "" {
		r.f.project = c.name
	}
	var errs []error
	if r.f.tenanted() {
		r.eff = make([]eff, len(c.tmpls))
		errs = c.effective(ctx.Environment, ctx.Values, r.eff, lim)
	}
	r.sys = systemValues(&r.f)
	n := len(c.names)
	r.win = make([]ref, n)
	e := newEngine(lim)
	e.ids, e.display, e.progs = c.ids, c.display, make([]*prog, n)
	e.init(n)
	for id := range int32(n) {
		w, conflict := c.choose(id, &r.f, r.eff, &r.sys)
		r.win[id] = w
		switch w.kind {
		case refVar:
			e.progs[id] = c.vars[w.i].prog
		case refTmpl:
			e.progs[id] = r.eff[w.i].prog
		case refSys:
			r.sysProg[w.i] = prog{variable: c.display[id], literal: true, text: r.sys[w.i].v.s}
			e.progs[id] = &r.sysProg[w.i]
		}
		if conflict {
			r.conflicts = append(r.conflicts, r.conflict(id))
		}
	}
	seen := make(map[error]bool)
	var root prog
	for id := range int32(n) {
		if r.win[id].kind == refNone {
			continue
		}
		root.variable = c.display[id]
		if _, _, err := e.evalID(id, &root, 0); err != nil && !seen[err] {
			seen[err] = true
			errs = append(errs, err)
		}
		if e.spent != nil {
			break // a total limit: every later expansion would fail the same way
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int {
			var ta, tb *TemplateError
			errors.As(a, &ta)
			errors.As(b, &tb)
			return compareNames(ta.Variable, tb.Variable)
		})
		return nil, errors.Join(errs...)
	}
	r.vals = e.memo
	r.unresolved, r.unresSens = e.unresolvedNames()
	slices.SortFunc(r.conflicts, func(a, b Conflict) int { return compareNames(a.Name, b.Name) })
	if r.eff != nil {
		for _, t := range c.required {
			if r.eff[t].has {
				continue
			}
			name := c.tmpls[t].t.Name
			if k := len(r.missing); k > 0 && strings.EqualFold(r.missing[k-1], name) {
				continue
			}
			r.missing = append(r.missing, name)
		}
	}
	return &Resolution{r: r}, nil
}

// effective fills out with the effective value of every template: the value scoped to env, else the
// unscoped value, else the default. The first of two overlapping values wins (CheckTenantValues
// reports them).
func (c *project) effective(env string, tv TenantValues, out []eff, lim limits) []error {
	take := func(lib int32, vals []TenantValue) {
		for i := range vals {
			v := &vals[i]
			scoped := len(v.Environments) > 0
			if scoped && !slices.Contains(v.Environments, env) {
				continue
			}
			t := c.findTemplate(lib, v.Template, i)
			if t < 0 {
				continue
			}
			o := &out[t]
			if o.has && (o.scoped || !scoped) {
				continue
			}
			*o = eff{has: true, src: SourceTenantValue, value: v.Value, index: i, envs: v.Environments, scoped: scoped}
			if c.tmpls[t].t.Sensitive {
				o.value.sensitive = true
			}
		}
	}
	take(-1, tv.Project)
	for li := range c.libs {
		if vals, ok := tv.Common[c.libs[li].name]; ok {
			take(int32(li), vals)
		}
	}
	var errs []error
	for t := range out {
		o := &out[t]
		ct := &c.tmpls[t]
		if !o.has {
			if ct.t.HasDefault {
				*o = eff{has: true, src: SourceTemplateDefault, value: ct.t.Default, index: int(ct.index), prog: ct.def}
			}
			continue
		}
		o.envs = slices.Clone(o.envs)
		if !strings.Contains(o.value.s, "#{") {
			o.lit = prog{variable: ct.t.Name, sensitive: o.value.sensitive, literal: true, text: o.value.s}
			o.prog = &o.lit
			continue
		}
		pr, err := parse(o.value.s, ct.t.Name, o.value.sensitive, lim.depth, depthLimit)
		if err != nil {
			errs = append(errs, err)
			o.lit = prog{variable: ct.t.Name, sensitive: true, literal: true}
			o.prog = &o.lit
			continue
		}
		o.prog = pr
	}
	return errs
}

// choose returns the winning candidate of a name and whether a conflict must be reported.
func (c *project) choose(id int32, f *facts, effs []eff, sys *[numSys]sysVal) (ref, bool) {
	ni := &c.names[id]
	best, bestMask, bestLib := ref{}, -1, false
	conflict := false
	if effs != nil {
		n := 0
		for _, t := range ni.tmpls {
			if effs[t].has {
				if n == 0 {
					best, bestMask = ref{kind: refTmpl, i: t}, effs[t].mask()
				}
				n++
			}
		}
		conflict = n > 1
	}
	tie := false
	for _, vi := range ni.vars {
		v := &c.vars[vi]
		if !v.scope.applies(f) {
			continue
		}
		m, lib := v.scope.mask, v.lib >= 0
		switch {
		case m > bestMask:
			best, bestMask, bestLib, tie = ref{kind: refVar, i: vi}, m, lib, false
		case m == bestMask && lib == bestLib:
			tie = true
		}
	}
	if ni.sys >= 0 && sys[ni.sys].ok {
		if best.kind == refNone {
			best = ref{kind: refSys, i: int32(ni.sys)}
		} else if bestMask == 0 {
			conflict = true
		}
	}
	return best, conflict || tie
}

// Names returns the names that have a value in the context, sorted case-insensitively, each as
// first spelled (project variables, project templates, then each library's variables and
// templates, then system variables).
func (r *Resolution) Names() []string {
	var out []string
	for _, id := range r.r.c.sorted {
		if r.r.win[id].kind != refNone {
			out = append(out, r.r.c.display[id])
		}
	}
	return out
}

// Get returns the substituted value of a name (case-insensitive). The value is sensitive, and so
// masked in every output, when it is or binds a sensitive value.
func (r *Resolution) Get(name string) (Value, bool) {
	id, ok := r.r.c.ids[strings.ToLower(name)]
	if !ok || r.r.win[id].kind == refNone {
		return Value{}, false
	}
	return r.r.vals[id], true
}

// Missing returns the required templates without an effective value: by name, sorted
// case-insensitively. It is empty when untenanted.
func (r *Resolution) Missing() []string { return slices.Clone(r.r.missing) }

// Conflicts returns the ties broken by source order, the templates shadowed by an earlier template
// of the same name, and the system variables shadowed by an unscoped value, sorted by name.
func (r *Resolution) Conflicts() []Conflict {
	out := make([]Conflict, 0, len(r.r.conflicts))
	for _, cf := range r.r.conflicts {
		cs := cloneCandidates(cf.Candidates)
		if r.visible != nil && len(cs) > 0 {
			cs[0].Scope = r.redact(cs[0].Scope) // the winner applies to the visible context
			cs = append(cs[:1], slices.DeleteFunc(cs[1:], func(c Candidate) bool { return r.hides(&c.Scope) })...)
			if len(cs) < 2 {
				continue
			}
		}
		out = append(out, Conflict{Name: cf.Name, Candidates: cs})
	}
	return out
}

// Unresolved returns the names referenced but undefined, sorted case-insensitively. A name
// referenced in a sensitive value is text of that secret and is left out: see
// [Resolution.UnresolvedInSensitive].
func (r *Resolution) Unresolved() []string { return slices.Clone(r.r.unresolved) }

// UnresolvedInSensitive returns the variables (and templates) whose sensitive value references
// an undefined name, sorted case-insensitively. The names referenced are not given: they are
// text of the secret.
func (r *Resolution) UnresolvedInSensitive() []string { return slices.Clone(r.r.unresSens) }

// Format implements [fmt.Formatter]: a Resolution prints as a summary without values, in every
// verb: how many names have a value, the missing templates, how many conflicts, the unresolved
// names and the variables whose sensitive values reference undefined names.
func (r Resolution) Format(f fmt.State, verb rune) {
	s := "variables.Resolution{}"
	if r.r != nil {
		n := 0
		for _, w := range r.r.win {
			if w.kind != refNone {
				n++
			}
		}
		s = fmt.Sprintf("variables.Resolution{names: %d, missing: %q, conflicts: %d, unresolved: %q, unresolved in sensitive: %q}",
			n, r.r.missing, len(r.r.conflicts), r.r.unresolved, r.r.unresSens)
	}
	formatSummary(f, verb, s)
}

func cloneCandidates(cs []Candidate) []Candidate {
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		out[i] = c
		out[i].Scope = c.Scope.clone()
	}
	return out
}

// contextFields is Context without methods, for [formatFields].
type contextFields Context

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Context) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Context", contextFields(x))
}

// candidateFields is Candidate without methods, for [formatFields].
type candidateFields Candidate

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Candidate) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Candidate", candidateFields(x))
}

// conflictFields is Conflict without methods, for [formatFields].
type conflictFields Conflict

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Conflict) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Conflict", conflictFields(x))
}
