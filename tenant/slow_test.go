package tenant_test

import (
	"fmt"
	"slices"
	"strings"

	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
)

// This file keeps the slow reference for selection and the rapid generators
// of catalogs, tenants, filters and expressions. The reference reads every tenant's tag names.

type genWorld struct {
	sets    []setDef
	tenants []tenant.Tenant
	refs    []string // tag references that bind: tags, wildcards, FreeText values (carried or not)
}

func genWorldOf() *rapid.Generator[genWorld] {
	return rapid.Custom(func(t *rapid.T) genWorld {
		var g genWorld
		for i := range rapid.IntRange(1, 4).Draw(t, "sets") {
			d := setDef{name: fmt.Sprintf("%sS%d", rapid.SampledFrom([]string{"", "Ring ", "é"}).Draw(t, "deco"), i),
				typ: tags.Type(rapid.IntRange(0, 2).Draw(t, "type"))}
			if d.typ != tags.FreeText {
				for j := range rapid.IntRange(0, 5).Draw(t, "tags") {
					d.tags = append(d.tags, fmt.Sprintf("%st%d", rapid.SampledFrom([]string{"", "a/", "B "}).Draw(t, "deco"), j))
				}
				for _, tag := range d.tags {
					g.refs = append(g.refs, d.name+"/"+tag)
				}
			} else {
				g.refs = append(g.refs, d.name+"/v0", d.name+"/v1", d.name+"/nobody")
			}
			g.refs = append(g.refs, d.name+"/*")
			g.sets = append(g.sets, d)
		}
		for i := range rapid.IntRange(0, 150).Draw(t, "tenants") {
			var tg []string
			for _, s := range g.sets {
				if s.typ == tags.FreeText {
					if rapid.Bool().Draw(t, "hasValue") {
						tg = append(tg, s.name+"/"+rapid.SampledFrom([]string{"v0", "v1"}).Draw(t, "value"))
					}
					continue
				}
				for _, tag := range s.tags {
					if rapid.IntRange(0, 2).Draw(t, "carry") == 0 {
						tg = append(tg, s.name+"/"+tag)
						if s.typ == tags.SingleSelect {
							break
						}
					}
				}
			}
			g.tenants = append(g.tenants, tenant.New(tenant.Config{Name: fmt.Sprintf("T%03d", rapid.IntRange(0, 999).Draw(t, "name")) + fmt.Sprint(i), Tags: tg}))
		}
		return g
	})
}

// sexpr is a test-side expression: built with the public constructors, evaluated slowly.
type sexpr struct {
	op   string
	ref  string
	kids []*sexpr
}

func (s *sexpr) build() tags.Expr {
	switch s.op {
	case "tag":
		return tags.Tag(s.ref)
	case "tenant":
		return tags.Tenant(s.ref)
	case "true":
		return tags.True()
	case "false":
		return tags.False()
	case "not":
		return tags.Not(s.kids[0].build())
	}
	var kids []tags.Expr
	for _, k := range s.kids {
		kids = append(kids, k.build())
	}
	if s.op == "and" {
		return tags.And(kids...)
	}
	return tags.Or(kids...)
}

func slowEval(s *sexpr, t tenant.Tenant) bool {
	switch s.op {
	case "tag":
		set, tag, _ := strings.Cut(s.ref, "/")
		if tag == "*" {
			return slices.ContainsFunc(t.Tags(), func(c string) bool { return strings.HasPrefix(c, set+"/") })
		}
		return slices.Contains(t.Tags(), s.ref)
	case "tenant":
		return t.Name() == s.ref
	case "true":
		return true
	case "false":
		return false
	case "not":
		return !slowEval(s.kids[0], t)
	case "and":
		return !slices.ContainsFunc(s.kids, func(k *sexpr) bool { return !slowEval(k, t) })
	}
	return slices.ContainsFunc(s.kids, func(k *sexpr) bool { return slowEval(k, t) })
}

func genExpr(g genWorld, depth int) *rapid.Generator[*sexpr] {
	return rapid.Custom(func(t *rapid.T) *sexpr { return drawExpr(t, g, depth) })
}

func drawExpr(t *rapid.T, g genWorld, depth int) *sexpr {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "kind") == 0 {
		switch k := rapid.IntRange(0, 9).Draw(t, "leaf"); {
		case k == 0:
			return &sexpr{op: rapid.SampledFrom([]string{"true", "false"}).Draw(t, "const")}
		case k == 1 && len(g.tenants) > 0:
			return &sexpr{op: "tenant", ref: rapid.SampledFrom(g.tenants).Draw(t, "tenant").Name()}
		}
		return &sexpr{op: "tag", ref: rapid.SampledFrom(g.refs).Draw(t, "ref")}
	}
	op := rapid.SampledFrom([]string{"not", "and", "or"}).Draw(t, "op")
	if op == "not" {
		return &sexpr{op: op, kids: []*sexpr{drawExpr(t, g, depth-1)}}
	}
	s := &sexpr{op: op}
	for range rapid.IntRange(2, 4).Draw(t, "n") {
		s.kids = append(s.kids, drawExpr(t, g, depth-1))
	}
	return s
}

// slowSelect returns, in name order, the names of the tenants for which keep holds.
func slowSelect(ts []tenant.Tenant, keep func(tenant.Tenant) bool) []string {
	out := []string{}
	for _, t := range ts {
		if keep(t) {
			out = append(out, t.Name())
		}
	}
	slices.Sort(out)
	return out
}
