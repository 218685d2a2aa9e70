package tags

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Parser limits.
const (
	// MaxExprLen is the longest input ParseExpr accepts, in bytes.
	MaxExprLen = 64 << 10
	// MaxExprDepth is the deepest nesting ParseExpr accepts: each "(" and each "not" (or "!")
	// opens one level.
	MaxExprDepth = 256
)

// ParseExpr parses a tag expression (the grammar is in the package documentation).
// Parsing is pure: references are checked by [Expr.Bind]. Errors are *ParseError wrapping
// ErrSyntax, or ErrLimit for input longer than MaxExprLen or nested deeper than MaxExprDepth.
func ParseExpr(s string) (Expr, error) {
	if len(s) > MaxExprLen {
		return Expr{}, errorAt(s, MaxExprLen, ErrLimit,
			fmt.Sprintf("input is %d bytes, longer than the limit of %d", len(s), MaxExprLen))
	}
	p := &parser{in: s}
	if err := p.next(); err != nil {
		return Expr{}, err
	}
	n, err := p.or()
	if err != nil {
		return Expr{}, err
	}
	if p.tok.kind != tEOF {
		return Expr{}, p.errorf(p.tok.off, `unexpected %s, want "and", "or" or end of input`, p.tok)
	}
	return Expr{n}, nil
}

// MustParseExpr is like ParseExpr but panics on error. It is for tests and fixed tables.
func MustParseExpr(s string) Expr {
	e, err := ParseExpr(s)
	if err != nil {
		panic(err)
	}
	return e
}

func errorAt(in string, off int, sentinel error, msg string) *ParseError {
	return &ParseError{Input: in, Offset: off, Column: utf8.RuneCountInString(in[:off]) + 1, Err: sentinel, Message: msg}
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tLParen
	tRParen
	tWord
	tString
	tAnd
	tOr
	tNot
	tTrue
	tFalse
	tTenant
)

type token struct {
	kind tokKind
	off  int    // byte offset of the token
	text string // as written; for tString the decoded value
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString:
		return "string " + problem.Quote(t.text)
	}
	return problem.Quote(t.text)
}

type parser struct {
	in    string
	pos   int
	depth int
	tok   token
}

func (p *parser) errorf(off int, format string, args ...any) *ParseError {
	return errorAt(p.in, off, ErrSyntax, fmt.Sprintf(format, args...))
}

// next scans the next token into p.tok.
func (p *parser) next() error {
	in := p.in
	for p.pos < len(in) && strings.IndexByte(" \t\r\n", in[p.pos]) >= 0 {
		p.pos++
	}
	start := p.pos
	if start == len(in) {
		p.tok = token{kind: tEOF, off: start}
		return nil
	}
	sym := func(k tokKind, n int) error {
		p.pos += n
		p.tok = token{kind: k, off: start, text: in[start:p.pos]}
		return nil
	}
	switch c := in[start]; c {
	case '(':
		return sym(tLParen, 1)
	case ')':
		return sym(tRParen, 1)
	case '!':
		return sym(tNot, 1)
	case '&', '|':
		if start+1 < len(in) && in[start+1] == c {
			if c == '&' {
				return sym(tAnd, 2)
			}
			return sym(tOr, 2)
		}
		return p.errorf(start, "unexpected character %q, want %q", string(c), string([]byte{c, c}))
	case '"':
		return p.str()
	}
	for p.pos < len(in) {
		r, n := utf8.DecodeRuneInString(in[p.pos:])
		if r == utf8.RuneError && n <= 1 || !isWordRune(r) {
			break
		}
		p.pos += n
	}
	if p.pos == start {
		r, n := utf8.DecodeRuneInString(in[start:])
		if r == utf8.RuneError && n <= 1 {
			return p.errorf(start, "invalid UTF-8 byte %q", in[start:start+1])
		}
		return p.errorf(start, "unexpected character %q", in[start:start+n])
	}
	w := in[start:p.pos]
	kind := tWord
	switch {
	case strings.EqualFold(w, "and"):
		kind = tAnd
	case strings.EqualFold(w, "or"):
		kind = tOr
	case strings.EqualFold(w, "not"):
		kind = tNot
	case strings.EqualFold(w, "true"):
		kind = tTrue
	case strings.EqualFold(w, "false"):
		kind = tFalse
	case strings.EqualFold(w, "tenant"):
		kind = tTenant
	}
	p.tok = token{kind: kind, off: start, text: w}
	return nil
}

// str scans a string literal starting at p.pos.
func (p *parser) str() error {
	in, start := p.in, p.pos
	i := start + 1
	for i < len(in) && in[i] != '"' && in[i] != '\\' {
		i++
	}
	if i < len(in) && in[i] == '"' { // no escapes: the value is a substring of the input
		p.pos = i + 1
		p.tok = token{kind: tString, off: start, text: in[start+1 : i]}
		return nil
	}
	var b strings.Builder
	b.WriteString(in[start+1 : i])
	for i < len(in) {
		switch in[i] {
		case '"':
			p.pos = i + 1
			p.tok = token{kind: tString, off: start, text: b.String()}
			return nil
		case '\\':
			if i+1 < len(in) && (in[i+1] == '"' || in[i+1] == '\\') {
				b.WriteByte(in[i+1])
				i += 2
				continue
			}
			if i+1 == len(in) {
				return p.errorf(start, "unterminated string")
			}
			return p.errorf(i, `invalid escape %q in string, only \" and \\ are allowed`, in[i:i+2])
		}
		b.WriteByte(in[i])
		i++
	}
	return p.errorf(start, "unterminated string")
}

// enter opens one nesting level at off.
func (p *parser) enter(off int) error {
	p.depth++
	if p.depth > MaxExprDepth {
		return errorAt(p.in, off, ErrLimit, fmt.Sprintf("nesting deeper than %d", MaxExprDepth))
	}
	return nil
}

// or = and { "or" and }
func (p *parser) or() (*node, error) {
	return p.list(opOr, tOr, p.and)
}

// and = unary { "and" unary }
func (p *parser) and() (*node, error) {
	return p.list(opAnd, tAnd, p.unary)
}

func (p *parser) list(o op, sep tokKind, operand func() (*node, error)) (*node, error) {
	n, err := operand()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != sep {
		return n, nil
	}
	kids := []*node{n}
	for p.tok.kind == sep {
		if err := p.next(); err != nil {
			return nil, err
		}
		n, err := operand()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	return join(o, kids), nil
}

// unary = "not" unary | primary
func (p *parser) unary() (*node, error) {
	if p.tok.kind != tNot {
		return p.primary()
	}
	if err := p.enter(p.tok.off); err != nil {
		return nil, err
	}
	if err := p.next(); err != nil {
		return nil, err
	}
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	p.depth--
	return &node{op: opNot, off: -1, kids: []*node{x}}, nil
}

// primary = "(" expr ")" | tagref | "tenant" "(" string ")" | "true" | "false"
func (p *parser) primary() (*node, error) {
	t := p.tok
	switch t.kind {
	case tLParen:
		if err := p.enter(t.off); err != nil {
			return nil, err
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.errorf(p.tok.off, `unexpected %s, want ")" to close "(" at column %d`, p.tok,
				utf8.RuneCountInString(p.in[:t.off])+1)
		}
		p.depth--
		return x, p.next()
	case tWord, tString:
		if !strings.Contains(t.text, "/") {
			return nil, p.errorf(t.off, `tag reference %s has no "/": want "Set/Tag" or "Set/*"`, problem.Quote(t.text))
		}
		return &node{op: opTag, ref: t.text, off: t.off}, p.next()
	case tTrue:
		return trueNode, p.next()
	case tFalse:
		return falseNode, p.next()
	case tTenant:
		if err := p.next(); err != nil {
			return nil, err
		}
		if p.tok.kind != tLParen {
			return nil, p.errorf(p.tok.off, `unexpected %s, want "(" after "tenant"`, p.tok)
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		name := p.tok
		if name.kind != tString {
			return nil, p.errorf(name.off, `unexpected %s, want a quoted tenant name`, name)
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.errorf(p.tok.off, `unexpected %s, want ")" after the tenant name`, p.tok)
		}
		return &node{op: opTenant, ref: name.text, off: name.off}, p.next()
	}
	return nil, p.errorf(t.off, `unexpected %s, want a tag, "(", "not", "tenant", "true" or "false"`, t)
}
