package variables

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// Explanation says why a name has its value: the winning candidate and every other candidate with
// the reason it lost. Text is a human-readable account; like every output of this package it masks
// sensitive values.
type Explanation struct {
	Name   string
	Winner Candidate
	Beaten []Beaten
	Text   string
}

// Beaten is a candidate that lost, and why: a short reason such as "less specific: lacks role",
// "does not apply: environment", "tie lost to a project value" or "tie broken by source order".
type Beaten struct {
	Candidate Candidate
	Why       string
}

// String returns e.Text.
func (e Explanation) String() string { return e.Text }

// explanationFields is Explanation without methods, for [formatFields].
type explanationFields Explanation

// Format implements [fmt.Formatter]: every verb formats e.Text, in which sensitive values are
// masked, but %#v, which prints the fields in Go syntax with every sensitive [Value] as [Mask].
func (e Explanation) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		formatFields(f, verb, "variables.Explanation", explanationFields(e))
		return
	}
	formatSummary(f, verb, e.Text)
}

// Reasons a candidate loses. The conflict reasons are the ones reported by Conflicts.
const (
	whyTieOrder   = "tie broken by source order (a conflict)"
	whyTieProject = "tie lost to a project value"
	whySystem     = "system variable: a user value of the same name wins"
	whyUntenanted = "does not apply: untenanted context"
	whyShadowed   = "shadowed by the template of the same name that comes first"
)

// cand is a candidate with what ranking needs.
type cand struct {
	Candidate
	mask       int
	lib        bool // library class (loses ties to the project class)
	applicable bool
	fail       string // why not applicable
	shadowed   bool   // a later template of the same name
	template   bool
}

// candidates lists every candidate of a name in source order: templates (project first), then
// variables (project first), then the system variable.
func (r *resolution) candidates(id int32) []cand {
	c := r.c
	ni := &c.names[id]
	var out []cand
	first := true
	for _, t := range ni.tmpls {
		ct := &c.tmpls[t]
		lib := ""
		if ct.lib >= 0 {
			lib = c.libs[ct.lib].name
		}
		if r.eff == nil {
			if ct.t.HasDefault {
				out = append(out, cand{Candidate: Candidate{Source: SourceTemplateDefault, Library: lib, Value: ct.t.Default, Index: int(ct.index)},
					mask: 1 << dimTenant, fail: whyUntenanted, template: true})
			}
			continue
		}
		e := &r.eff[t]
		if !e.has {
			continue
		}
		cd := cand{Candidate: Candidate{Source: e.src, Library: lib, Value: e.value, Index: e.index, Scope: Scope{Environments: slices.Clone(e.envs)}},
			mask: e.mask(), applicable: true, shadowed: !first, template: true}
		first = false
		out = append(out, cd)
	}
	for _, vi := range ni.vars {
		v := &c.vars[vi]
		src, lib := SourceProject, ""
		if v.lib >= 0 {
			src, lib = SourceLibrary, c.libs[v.lib].name
		}
		cd := cand{Candidate: Candidate{Source: src, Library: lib, Scope: v.scope.Scope.clone(), Value: v.value, Index: int(v.index)},
			mask: v.scope.mask, lib: v.lib >= 0, applicable: true}
		if d, failed := v.scope.fails(&r.f); failed {
			cd.applicable = false
			cd.fail = "does not apply: " + d.String()
			if (d == dimTenant || d == dimTenantTag) && !r.f.tenanted() {
				cd.fail = whyUntenanted
			}
		}
		out = append(out, cd)
	}
	if ni.sys >= 0 && r.sys[ni.sys].ok {
		out = append(out, cand{Candidate: Candidate{Source: SourceSystem, Value: r.sys[ni.sys].v, Index: int(ni.sys)}, mask: -1, applicable: true})
	}
	return out
}

// rank returns the index of the winner in cs (-1 when none) and the reason each other
// candidate lost, with the same rules as choose.
func rank(cs []cand) (int, []string) {
	win := -1
	for i := range cs {
		cd := &cs[i]
		if !cd.applicable || cd.shadowed {
			continue
		}
		if win < 0 || cd.mask > cs[win].mask {
			win = i
		}
	}
	why := make([]string, len(cs))
	for i := range cs {
		cd := &cs[i]
		switch {
		case i == win:
		case !cd.applicable:
			why[i] = cd.fail
		case cd.shadowed:
			why[i] = whyShadowed
		case cd.Source == SourceSystem:
			why[i] = whySystem
		case cd.mask < cs[win].mask:
			why[i] = "less specific: lacks " + dim(bits.Len(uint(cs[win].mask&^cd.mask))-1).String()
		case cd.lib && !cs[win].lib:
			why[i] = whyTieProject
		default:
			why[i] = whyTieOrder
		}
	}
	return win, why
}

// conflict builds the Conflict of a name flagged by choose: the winner, the candidates tied with
// it, the templates shadowed by an earlier template of the same name and a system variable shadowed
// by an unscoped value.
func (r *resolution) conflict(id int32) Conflict {
	cs := r.candidates(id)
	win, why := rank(cs)
	cf := Conflict{Name: r.c.display[id]}
	templates := 0
	for _, cd := range cs {
		if cd.template && cd.applicable {
			templates++
		}
	}
	if win >= 0 {
		cf.Candidates = append(cf.Candidates, cs[win].Candidate)
	}
	for i, cd := range cs {
		switch {
		case i == win:
		case why[i] == whyTieOrder, cd.template && cd.applicable && templates > 1,
			cd.Source == SourceSystem && win >= 0 && cs[win].mask == 0:
			cf.Candidates = append(cf.Candidates, cd.Candidate)
		}
	}
	return cf
}

// Explain tells why name (case-insensitive) has its value in this context; false when the name has
// no value here.
func (r *Resolution) Explain(name string) (Explanation, bool) {
	st := r.r
	id, ok := st.c.ids[strings.ToLower(name)]
	if !ok || st.win[id].kind == refNone {
		return Explanation{}, false
	}
	cs := st.candidates(id)
	win, why := rank(cs)
	if win < 0 {
		return Explanation{}, false
	}
	if r.visible != nil {
		cs[win].Scope = r.redact(cs[win].Scope)
	}
	ex := Explanation{Name: st.c.display[id], Winner: cs[win].Candidate}
	var b strings.Builder
	fmt.Fprintf(&b, "%s = %q: %s\n", ex.Name, st.vals[id], describe(&cs[win]))
	for i := range cs {
		if i == win || r.hides(&cs[i].Scope) {
			continue
		}
		ex.Beaten = append(ex.Beaten, Beaten{Candidate: cs[i].Candidate, Why: why[i]})
		fmt.Fprintf(&b, "  beats %s: %s\n", describe(&cs[i]), why[i])
	}
	ex.Text = b.String()
	return ex, true
}

// describe renders a candidate: source, value (masked when sensitive) and scope.
func describe(cd *cand) string {
	var src string
	switch cd.Source {
	case SourceProject:
		src = fmt.Sprintf("project variable [%d]", cd.Index)
	case SourceLibrary:
		src = fmt.Sprintf("variable [%d] of library %q", cd.Index, cd.Library)
	case SourceTenantValue, SourceTemplateDefault:
		owner := "project template"
		if cd.Library != "" {
			owner = fmt.Sprintf("common template of library %q", cd.Library)
		}
		if cd.Source == SourceTenantValue {
			src = fmt.Sprintf("tenant value [%d] for the %s", cd.Index, owner)
		} else {
			src = fmt.Sprintf("default of the %s [%d]", owner, cd.Index)
		}
	case SourceSystem:
		src = "system variable"
	}
	scope := cd.Scope.String()
	if cd.template {
		scope = "tenant"
		if len(cd.Scope.Environments) > 0 {
			scope += " " + cd.Scope.String()
		}
	}
	return fmt.Sprintf("%s %q (%s)", src, cd.Value, scope)
}

// beatenFields is Beaten without methods, for [formatFields].
type beatenFields Beaten

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, every sensitive [Value] as
// [Mask], in every verb.
func (x Beaten) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Beaten", beatenFields(x))
}
