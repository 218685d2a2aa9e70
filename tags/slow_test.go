package tags_test

import (
	"fmt"
	"slices"
	"strings"

	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/tags"
)

// This file keeps a slow, obviously correct reference for tenant filters and tag expressions, and
// the rapid generators of catalogs, tenants and expressions that the properties draw from.

// sexpr is a test-side expression tree: the generators build it, slowEval interprets it, and
// build turns it into a tags.Expr with the public constructors.
type sexpr struct {
	op   string // "tag", "tenant", "true", "false", "not", "and", "or"
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
	kids := make([]tags.Expr, len(s.kids))
	for i, k := range s.kids {
		kids[i] = k.build()
	}
	if s.op == "and" {
		return tags.And(kids...)
	}
	return tags.Or(kids...)
}

// slowTenant is a tenant as the reference sees it: a name and canonical tag names.
type slowTenant struct {
	name string
	tags []string
}

// slowEval evaluates s for t by reading t's tag names: "Set/*" holds when t carries any tag
// whose name starts with "Set/", "Set/x" when t carries exactly "Set/x".
func slowEval(s *sexpr, t slowTenant) bool {
	switch s.op {
	case "tag":
		if set, tag, _ := strings.Cut(s.ref, "/"); tag == "*" {
			for _, c := range t.tags {
				if strings.HasPrefix(c, set+"/") {
					return true
				}
			}
			return false
		}
		return slices.Contains(t.tags, s.ref)
	case "tenant":
		return t.name == s.ref
	case "true":
		return true
	case "false":
		return false
	case "not":
		return !slowEval(s.kids[0], t)
	case "and":
		for _, k := range s.kids {
			if !slowEval(k, t) {
				return false
			}
		}
		return true
	}
	for _, k := range s.kids {
		if slowEval(k, t) {
			return true
		}
	}
	return false
}

// slowFilter is a tenant filter read literally: named tenants, or, when the tag
// part is not empty, for every set mentioned, a tag of that set in the filter that t carries
// ("Set/*" stands for any tag of Set).
func slowFilter(tenants, tagList []string, t slowTenant) bool {
	if slices.Contains(tenants, t.name) {
		return true
	}
	if len(tagList) == 0 {
		return false
	}
	bySet := map[string][]string{}
	for _, tag := range tagList {
		set, _, _ := strings.Cut(tag, "/")
		bySet[set] = append(bySet[set], tag)
	}
	for _, group := range bySet {
		ok := false
		for _, tag := range group {
			ok = ok || slowEval(&sexpr{op: "tag", ref: tag}, t)
		}
		if !ok {
			return false
		}
	}
	return true
}

// genWorld is a generated catalog with tenants, both as the library sees them and as the
// reference does.
type genWorld struct {
	sets    []setDef
	tenants []tenantDef
}

// refs returns every tag reference that binds: each tag, each set wildcard, and a FreeText value
// nobody carries.
func (g genWorld) refs() []string {
	var out []string
	for _, s := range g.sets {
		out = append(out, s.name+"/*")
		if s.typ == tags.FreeText {
			out = append(out, s.name+"/nobody")
			out = append(out, s.tags...) // values in use, kept in tags by the generator
			continue
		}
		for _, t := range s.tags {
			out = append(out, s.name+"/"+t)
		}
	}
	return out
}

func (g genWorld) names() []string {
	out := make([]string, len(g.tenants))
	for i, t := range g.tenants {
		out[i] = t.name
	}
	return out
}

// nameDecorations make generated names exercise quoting: spaces, quotes, backslashes, "/"
// (only in tags), letters outside ASCII, keywords.
var nameDecorations = []string{"", "a", "Ring ", `q"`, `b\`, "é", "and", "*x", "-._"}

// genWorldOf draws a catalog of 1..4 tag sets of any type and 0..12 tenants carrying valid tags.
func genWorldOf() *rapid.Generator[genWorld] {
	return rapid.Custom(func(t *rapid.T) genWorld {
		var g genWorld
		nSets := rapid.IntRange(1, 4).Draw(t, "sets")
		for i := range nSets {
			d := setDef{
				name: rapid.SampledFrom(nameDecorations).Draw(t, "setName") + fmt.Sprintf("S%d", i),
				typ:  tags.Type(rapid.IntRange(0, 2).Draw(t, "type")),
			}
			if d.typ != tags.FreeText {
				for j := range rapid.IntRange(0, 5).Draw(t, "tags") {
					d.tags = append(d.tags, rapid.SampledFrom(append(nameDecorations, "x/y")).Draw(t, "tag")+fmt.Sprintf("t%d", j))
				}
			}
			g.sets = append(g.sets, d)
		}
		for i := range rapid.IntRange(0, 12).Draw(t, "tenants") {
			tn := tenantDef{name: rapid.SampledFrom(nameDecorations).Draw(t, "tenantName") + fmt.Sprintf("T%d", i)}
			for si, s := range g.sets {
				switch s.typ {
				case tags.FreeText:
					if rapid.Bool().Draw(t, "hasValue") {
						tn.tags = append(tn.tags, s.name+"/"+rapid.SampledFrom([]string{"v0", "v1", "v 2"}).Draw(t, "value"))
					}
				default:
					for _, tag := range s.tags {
						if rapid.IntRange(0, 2).Draw(t, "carry") == 0 {
							tn.tags = append(tn.tags, s.name+"/"+tag)
							if s.typ == tags.SingleSelect {
								break
							}
						}
					}
				}
				_ = si
			}
			g.tenants = append(g.tenants, tn)
		}
		// Record FreeText values in use as the set's "tags" for refs().
		for si, s := range g.sets {
			if s.typ != tags.FreeText {
				continue
			}
			var vals []string
			for _, tn := range g.tenants {
				for _, tag := range tn.tags {
					if strings.HasPrefix(tag, s.name+"/") && !slices.Contains(vals, tag) {
						vals = append(vals, tag)
					}
				}
			}
			g.sets[si].tags = vals
		}
		return g
	})
}

// setDefs returns the sets as newWorld wants them (FreeText sets without tags).
func (g genWorld) setDefs() []setDef {
	out := slices.Clone(g.sets)
	for i := range out {
		if out[i].typ == tags.FreeText {
			out[i].tags = nil
		}
	}
	return out
}

// genExprOver draws an expression whose references all bind in g.
func genExprOver(g genWorld, depth int) *rapid.Generator[*sexpr] {
	refs, names := g.refs(), g.names()
	return rapid.Custom(func(t *rapid.T) *sexpr {
		return drawExpr(t, depth, func(t *rapid.T) *sexpr {
			switch k := rapid.IntRange(0, 9).Draw(t, "leaf"); {
			case k == 0:
				return &sexpr{op: rapid.SampledFrom([]string{"true", "false"}).Draw(t, "const")}
			case k == 1 && len(names) > 0:
				return &sexpr{op: "tenant", ref: rapid.SampledFrom(names).Draw(t, "tenant")}
			}
			return &sexpr{op: "tag", ref: rapid.SampledFrom(refs).Draw(t, "ref")}
		})
	})
}

// genAnyExpr draws an expression with arbitrary references (each tag reference contains "/"),
// for the round trip.
func genAnyExpr(depth int) *rapid.Generator[*sexpr] {
	return rapid.Custom(func(t *rapid.T) *sexpr {
		return drawExpr(t, depth, func(t *rapid.T) *sexpr {
			switch rapid.IntRange(0, 5).Draw(t, "leaf") {
			case 0:
				return &sexpr{op: rapid.SampledFrom([]string{"true", "false"}).Draw(t, "const")}
			case 1:
				return &sexpr{op: "tenant", ref: rapid.String().Draw(t, "tenant")}
			case 2:
				return &sexpr{op: "tag", ref: rapid.StringMatching(`[a-zA-Z0-9_.*-]{1,5}/[a-zA-Z0-9_./*-]{0,5}`).Draw(t, "word")}
			}
			return &sexpr{op: "tag", ref: rapid.String().Draw(t, "set") + "/" + rapid.String().Draw(t, "tag")}
		})
	})
}

func drawExpr(t *rapid.T, depth int, leaf func(*rapid.T) *sexpr) *sexpr {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "kind") == 0 {
		return leaf(t)
	}
	switch op := rapid.SampledFrom([]string{"not", "and", "or"}).Draw(t, "op"); op {
	case "not":
		return &sexpr{op: op, kids: []*sexpr{drawExpr(t, depth-1, leaf)}}
	default:
		n := rapid.IntRange(2, 4).Draw(t, "n")
		s := &sexpr{op: op}
		for range n {
			s.kids = append(s.kids, drawExpr(t, depth-1, leaf))
		}
		return s
	}
}
