package variables

import "strconv"

// The template language is parsed once into a tree of nodes, then evaluated. See doc.go for the
// grammar.

// hardDepth bounds nesting whatever Options say, so that recursion stays far from the Go stack
// limit.
const hardDepth = 10000

// prog is a parsed template text: the value of one variable, template default or tenant value,
// or the text given to Substitute.
type prog struct {
	variable  string // display name of the variable the text came from ("" = Substitute's text)
	sensitive bool   // the text is a sensitive value: error messages do not quote it
	literal   bool   // no construct: the value is text
	text      string // the text when literal
	src       string // the text as written, read as JSON by a path into the value from itself
	nodes     []node
}

type node interface{ offset() int }

type textNode struct {
	s   string
	off int
}

// bindNode is "#{name | filter args | ...}".
type bindNode struct {
	name    nameExpr
	filters []filterCall
	src     string // the source text "#{...}", echoed when the name is undefined
	off     int
}

// nameExpr is a variable name: literal text and nested bindings ("A.#{B}", "X[#{Y}]").
type nameExpr struct {
	parts  []namePart
	src    string // trimmed source text of the name
	static bool   // no nested binding: the name is src
	key    string // strings.ToLower(src) when static
	off    int
}

type namePart struct {
	lit  string
	bind *bindNode
}

type cmpOp uint8

const (
	opNone cmpOp = iota
	opEq
	opNe
)

// operand of a condition: a quoted literal or a variable name.
type operand struct {
	isLit   bool
	lit     string
	name    nameExpr
	filters []filterCall // applied to the value of name
}

// ifNode is "#{if X}..#{else}..#{/if}" or "#{unless X}..#{/unless}" (negate). An
// "#{elseif Y}" clause is an ifNode alone in els.
type ifNode struct {
	negate      bool
	left, right operand
	op          cmpOp
	then, els   []node
	off         int
	chained     bool    // an "#{elseif}" clause: evaluated in the loop of the first clause
	last        *ifNode // the last "#{elseif}" clause of the chain, if any
}

// eachNode is "#{each x in V}..#{/each}".
type eachNode struct {
	varName string
	varKey  string
	coll    nameExpr
	body    []node
	off     int
}

// calcNode is "#{calc expr}".
type calcNode struct {
	expr *calcExpr
	src  string // the source text, echoed when an operand is undefined or not a number
	off  int
}

func (n *textNode) offset() int { return n.off }
func (n *calcNode) offset() int { return n.off }
func (n *bindNode) offset() int { return n.off }
func (n *ifNode) offset() int   { return n.off }
func (n *eachNode) offset() int { return n.off }

// quote returns s quoted for an error message about the text pr, or a placeholder when the
// text is sensitive.
func (pr *prog) quote(s string) string {
	if pr.sensitive {
		return "(sensitive text)"
	}
	return strconv.Quote(quoteName(s))
}
