package tags

import (
	"slices"
	"strings"
	"unicode"
)

// op is the operator of an expression node.
type op uint8

const (
	opFalse op = iota
	opTrue
	opTag    // ref is a canonical tag name or "Set/*"
	opTenant // ref is a tenant name
	opNot
	opAnd
	opOr
	opAny // bound only: carries one of ids
)

// node is one immutable node of an expression tree.
type node struct {
	op   op
	ref  string
	off  int // byte offset of ref in the parsed input, -1 when built by a constructor
	kids []*node
}

var (
	falseNode = &node{op: opFalse, off: -1}
	trueNode  = &node{op: opTrue, off: -1}
)

// Expr is a tag expression: an immutable tree of tag references, tenant references,
// true, false, not, and, or. Build one with [ParseExpr] or the constructors ([Tag], [Tenant],
// [Not], [And], [Or], [True], [False]); [Expr.Bind] checks it against a [Catalog].
//
// The constructors keep an expression in the shape ParseExpr gives it: nested "and" (and nested
// "or") operands are flattened into one operator, And() is True() and Or() is False(), and a
// one-operand And or Or is that operand. So [Expr.Equal] compares the structure users wrote, up
// to associativity.
//
// The zero value is False(): it matches no tenant. Use Equal, not ==.
type Expr struct {
	n *node
}

func (e Expr) node() *node {
	if e.n == nil {
		return falseNode
	}
	return e.n
}

// True returns the expression that matches every tenant.
func True() Expr { return Expr{trueNode} }

// False returns the expression that matches no tenant (the zero Expr).
func False() Expr { return Expr{falseNode} }

// Tag returns a reference to a tag by its canonical name "Set/Tag", or to any tag of a
// set with "Set/*". It is checked by Bind, not here.
func Tag(canonical string) Expr { return Expr{&node{op: opTag, ref: canonical, off: -1}} }

// Tenant returns a reference to the tenant named name. It is checked by Bind, not here.
func Tenant(name string) Expr { return Expr{&node{op: opTenant, ref: name, off: -1}} }

// Not returns the negation of e.
func Not(e Expr) Expr { return Expr{&node{op: opNot, off: -1, kids: []*node{e.node()}}} }

// And returns the conjunction of es; And() is True().
func And(es ...Expr) Expr { return Expr{join(opAnd, nodes(es))} }

// Or returns the disjunction of es; Or() is False().
func Or(es ...Expr) Expr { return Expr{join(opOr, nodes(es))} }

// nodes returns a new slice of the nodes of es.
func nodes(es []Expr) []*node {
	ns := make([]*node, len(es))
	for i, e := range es {
		ns[i] = e.node()
	}
	return ns
}

// join builds an and/or node, flattening operands of the same operator. It may reuse kids.
func join(o op, kids []*node) *node {
	flat := kids
	if slices.ContainsFunc(kids, func(k *node) bool { return k.op == o }) {
		flat = make([]*node, 0, len(kids)+4)
		for _, k := range kids {
			if k.op == o {
				flat = append(flat, k.kids...)
			} else {
				flat = append(flat, k)
			}
		}
	}
	switch len(flat) {
	case 0:
		if o == opAnd {
			return trueNode
		}
		return falseNode
	case 1:
		return flat[0]
	}
	return &node{op: o, off: -1, kids: flat}
}

// Equal reports whether e and o have the same structure and references (offsets are ignored).
func (e Expr) Equal(o Expr) bool { return equal(e.node(), o.node()) }

func equal(a, b *node) bool {
	if a == b {
		return true
	}
	if a.op != b.op || a.ref != b.ref || len(a.kids) != len(b.kids) {
		return false
	}
	for i := range a.kids {
		if !equal(a.kids[i], b.kids[i]) {
			return false
		}
	}
	return true
}

// String returns the canonical text of e: keywords in lower case ("and", "or", "not", "true",
// "false", "tenant"), single spaces, parentheses only where precedence needs them, tag
// references bare when they consist of word characters and quoted otherwise. ParseExpr of the
// result is Equal to e when e's tag references contain "/" and e nests no deeper than
// the parser's limit.
func (e Expr) String() string {
	var b strings.Builder
	write(&b, e.node())
	return b.String()
}

func write(b *strings.Builder, n *node) {
	switch n.op {
	case opFalse:
		b.WriteString("false")
	case opTrue:
		b.WriteString("true")
	case opTag:
		if isWord(n.ref) {
			b.WriteString(n.ref)
		} else {
			quote(b, n.ref)
		}
	case opTenant:
		b.WriteString("tenant(")
		quote(b, n.ref)
		b.WriteByte(')')
	case opNot:
		b.WriteString("not ")
		writeOperand(b, n.kids[0], opNot)
	case opAnd, opOr:
		sep := " and "
		if n.op == opOr {
			sep = " or "
		}
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			writeOperand(b, k, n.op)
		}
	}
}

// writeOperand writes k, in parentheses when it binds less tightly than its parent operator.
func writeOperand(b *strings.Builder, k *node, parent op) {
	paren := k.op == opOr && parent != opOr || k.op == opAnd && parent == opNot
	if paren {
		b.WriteByte('(')
	}
	write(b, k)
	if paren {
		b.WriteByte(')')
	}
}

// quote writes s as a string literal: only '"' and '\' are escaped.
func quote(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
}

// isWordRune reports whether r may appear in a bare word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-./*", r)
}

// isWord reports whether s can be written as a bare tag reference.
func isWord(s string) bool {
	if !strings.Contains(s, "/") {
		return false
	}
	for _, r := range s {
		if r == '\uFFFD' || !isWordRune(r) {
			return false
		}
	}
	return true
}
