package variables

import (
	"math"
	"strconv"
	"strings"
)

// calcExpr is a node of the arithmetic of "#{calc expr}": a number, a variable, a negation
// (op 'n', of l) or a chain of operands joined by left-associative operators (op 'c': terms,
// and ops[i] between terms[i] and terms[i+1]), evaluated in a loop so that a long chain is
// not a deep recursion.
type calcExpr struct {
	op    byte // 0 number, 'v' variable, 'n' negation, 'c' chain
	num   float64
	name  nameExpr
	l     *calcExpr
	terms []*calcExpr
	ops   []byte
}

// calc parses "calc expr}"; p.pos is after "calc".
func (p *parser) calc(open, depth int) (node, error) {
	p.skipSpace()
	x, err := p.calcSum(open, depth+1)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] != '}' {
		return nil, p.errf(p.pos, ErrSyntax, "unexpected %s in #{calc}", p.quote(p.src[p.pos:min(len(p.src), p.pos+16)]))
	}
	p.pos++
	return &calcNode{expr: x, src: p.src[open:p.pos], off: open}, nil
}

// calcSum parses term { ("+" | "-") term }.
func (p *parser) calcSum(open, depth int) (*calcExpr, error) {
	return p.calcChain(open, depth, "+-", p.calcTerm)
}

// calcTerm parses factor { ("*" | "/") factor }.
func (p *parser) calcTerm(open, depth int) (*calcExpr, error) {
	return p.calcChain(open, depth, "*/", p.calcFactor)
}

// calcChain parses operands joined by the left-associative operators ops.
func (p *parser) calcChain(open, depth int, ops string, operand func(int, int) (*calcExpr, error)) (*calcExpr, error) {
	x, err := operand(open, depth)
	if err != nil {
		return nil, err
	}
	var chain *calcExpr
	for {
		p.skipSpace()
		if p.eof() || strings.IndexByte(ops, p.src[p.pos]) < 0 {
			if chain != nil {
				return chain, nil
			}
			return x, nil
		}
		op := p.src[p.pos]
		p.pos++
		y, err := operand(open, depth)
		if err != nil {
			return nil, err
		}
		if chain == nil {
			chain = &calcExpr{op: 'c', terms: []*calcExpr{x}}
		}
		chain.terms = append(chain.terms, y)
		chain.ops = append(chain.ops, op)
	}
}

// calcFactor parses a number, a variable name (bare, or in braces when it contains an
// operator), a negation or a parenthesised expression.
func (p *parser) calcFactor(open, depth int) (*calcExpr, error) {
	if depth > p.maxDepth {
		return nil, p.limitErr(p.pos)
	}
	p.skipSpace()
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	switch c := p.src[p.pos]; {
	case c == '(':
		p.pos++
		x, err := p.calcSum(open, depth+1)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.eof() || p.src[p.pos] != ')' {
			return nil, p.errf(p.pos, ErrSyntax, "missing \")\" in #{calc}")
		}
		p.pos++
		return x, nil
	case c == '-':
		p.pos++
		x, err := p.calcFactor(open, depth+1)
		if err != nil {
			return nil, err
		}
		return &calcExpr{op: 'n', l: x}, nil
	case c >= '0' && c <= '9' || c == '.':
		end := p.pos
		for end < len(p.src) && (p.src[end] >= '0' && p.src[end] <= '9' || p.src[end] == '.') {
			end++
		}
		v, err := strconv.ParseFloat(p.src[p.pos:end], 64)
		if err != nil {
			return nil, p.errf(p.pos, ErrSyntax, "%s is not a number", p.quote(p.src[p.pos:end]))
		}
		p.pos = end
		return &calcExpr{num: v}, nil
	case c == '{':
		start := p.pos + 1
		end := strings.IndexByte(p.src[start:], '}')
		if end < 0 {
			return nil, p.errf(p.pos, ErrSyntax, "unterminated \"{\" in #{calc}")
		}
		p.pos = start + end + 1
		return p.calcName(start, start+end)
	}
	start := p.pos
	for !p.eof() {
		c := p.src[p.pos]
		if c == '[' {
			if i := strings.IndexByte(p.src[p.pos:], ']'); i > 0 {
				p.pos += i + 1
				continue
			}
		}
		if isSpace(c) || strings.IndexByte("+-*/(){}|#", c) >= 0 {
			break
		}
		p.pos++
	}
	if p.pos == start {
		return nil, p.errf(start, ErrSyntax, "missing operand in #{calc}")
	}
	return p.calcName(start, p.pos)
}

// calcName returns the variable whose name is p.src[start:end], trimmed.
func (p *parser) calcName(start, end int) (*calcExpr, error) {
	src := strings.TrimSpace(p.src[start:end])
	if src == "" {
		return nil, p.errf(start, ErrSyntax, "missing operand in #{calc}")
	}
	ne := nameExpr{parts: []namePart{{lit: src}}, src: src, static: true, key: strings.ToLower(src), off: start}
	return &calcExpr{op: 'v', name: ne}, nil
}

// calc evaluates a calc node: the result, or ok=false when a variable is undefined (it is then
// reported as unresolved).
func (e *engine) calc(p *prog, x *calcExpr) (float64, bool, error) {
	if err := e.spend(p, x.name.off, 1); err != nil {
		return 0, false, err
	}
	switch x.op {
	case 0:
		return x.num, true, nil
	case 'v':
		v, found, err := e.lookup(p, x.name.off, x.name.key)
		if err != nil {
			return 0, false, err
		}
		if !found {
			e.addUnresolved(p, x.name.src)
			return 0, false, nil
		}
		if err := e.spend(p, x.name.off, len(v.s)/16); err != nil {
			return 0, false, err
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v.s), 64)
		if err != nil || strings.ContainsAny(v.s, "xX_") {
			what := "the value of " + p.quote(x.name.src)
			if v.sensitive {
				what = "the (sensitive) value of " + p.quote(x.name.src)
			}
			return 0, false, e.errAt(p, x.name.off, ErrFilterArgument, "calc: %s is not a number", what)
		}
		return f, true, nil
	case 'n':
		f, ok, err := e.calc(p, x.l)
		return -f, ok, err
	}
	acc, ok, err := e.calc(p, x.terms[0])
	if !ok || err != nil {
		return 0, ok, err
	}
	for i, op := range x.ops {
		r, ok, err := e.calc(p, x.terms[i+1])
		if !ok || err != nil {
			return 0, ok, err
		}
		switch op {
		case '+':
			acc += r
		case '-':
			acc -= r
		case '*':
			acc *= r
		default:
			acc /= r
		}
	}
	return acc, true, nil
}

// formatNumber writes f as .NET writes a double in the invariant culture: the shortest text
// that reads back as f, in exponent form ("1E+15", "1E-05") when the exponent is 15 or more or
// less than -5, "∞", "-∞" and "NaN" for the special values.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	case f == 0:
		return "0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	i := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[i+1:])
	if exp < -5 || exp >= 15 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		digits := strconv.Itoa(exp)
		if exp < 10 {
			digits = "0" + digits
		}
		return e[:i] + "E" + sign + digits
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
