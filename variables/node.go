package variables

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
	isLit bool
	lit   string
	name  nameExpr
}

// ifNode is "#{if X}..#{else}..#{/if}" or "#{unless X}..#{/unless}" (negate).
type ifNode struct {
	negate      bool
	left, right operand
	op          cmpOp
	then, els   []node
	off         int
}

// eachNode is "#{each x in V}..#{/each}".
type eachNode struct {
	varName string
	varKey  string
	coll    nameExpr
	body    []node
	off     int
}

func (n *textNode) offset() int { return n.off }
func (n *bindNode) offset() int { return n.off }
func (n *ifNode) offset() int   { return n.off }
func (n *eachNode) offset() int { return n.off }
