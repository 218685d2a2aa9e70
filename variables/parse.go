package variables

import (
	"fmt"
	"strconv"
	"strings"
)

type termKind uint8

const (
	termEOF termKind = iota
	termElse
	termEndIf
	termEndUnless
	termEndEach
)

func (t termKind) String() string {
	switch t {
	case termElse:
		return "#{else}"
	case termEndIf:
		return "#{/if}"
	case termEndUnless:
		return "#{/unless}"
	case termEndEach:
		return "#{/each}"
	}
	return "end of text"
}

type parser struct {
	src       string
	pos       int
	maxDepth  int
	depthName string // explains maxDepth in the error
	variable  string
	sensitive bool
}

// parse parses a template text. maxDepth bounds the nesting of blocks and bindings; depthName
// says in an error where that bound comes from.
func parse(src, variable string, sensitive bool, maxDepth int, depthName string) (*prog, error) {
	pr := &prog{variable: variable, sensitive: sensitive}
	if !strings.Contains(src, "#{") {
		pr.literal, pr.text = true, src
		return pr, nil
	}
	p := &parser{src: src, maxDepth: min(maxDepth, hardDepth), depthName: depthName, variable: variable, sensitive: sensitive}
	nodes, term, toff, err := p.seq(0)
	if err != nil {
		return nil, err
	}
	if term != termEOF {
		if term == termElse {
			return nil, p.errf(toff, ErrSyntax, "#{else} outside #{if} or #{unless}")
		}
		return nil, p.errf(toff, ErrSyntax, "unmatched %s", term)
	}
	if len(nodes) == 0 {
		pr.literal = true
		return pr, nil
	}
	if t, ok := nodes[0].(*textNode); ok && len(nodes) == 1 {
		pr.literal, pr.text = true, t.s
		return pr, nil
	}
	pr.nodes = nodes
	return pr, nil
}

// errf returns a *TemplateError at byte offset off.
func (p *parser) errf(off int, sentinel error, format string, args ...any) *TemplateError {
	return templateError(p.variable, p.sensitive, off, sentinel, fmt.Sprintf(format, args...))
}

// quote returns s quoted for an error message, or a placeholder when the text is sensitive.
func (p *parser) quote(s string) string {
	if p.sensitive {
		return "(sensitive text)"
	}
	return strconv.Quote(quoteName(s))
}

func (p *parser) limitErr(off int) *TemplateError {
	return p.errf(off, ErrLimit, "nesting deeper than %d (%s)", p.maxDepth, p.depthName)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

// seq parses text and constructs up to a block terminator or the end of the text. It returns
// the terminator and its offset.
func (p *parser) seq(depth int) ([]node, termKind, int, error) {
	var nodes []node
	var text pendingText
	pendingOff, start := p.pos, p.pos
	flush := func() {
		if s := text.take(); s != "" {
			nodes = append(nodes, &textNode{s: s, off: pendingOff})
		}
	}
	for {
		i := strings.IndexByte(p.src[p.pos:], '#')
		if i < 0 {
			text.add(p.src[start:])
			p.pos = len(p.src)
			flush()
			return nodes, termEOF, p.pos, nil
		}
		i += p.pos
		switch {
		case i+1 < len(p.src) && p.src[i+1] == '{':
			text.add(p.src[start:i])
			p.pos = i + 2
			n, term, err := p.directive(i, depth)
			if err != nil {
				return nil, 0, 0, err
			}
			flush()
			if term != termEOF {
				return nodes, term, i, nil
			}
			nodes = append(nodes, n)
			start, pendingOff = p.pos, p.pos
		case i+2 < len(p.src) && p.src[i+1] == '#' && p.src[i+2] == '{':
			// "##{" is a literal "#{".
			text.add(p.src[start : i+1])
			start = i + 2
			p.pos = i + 3
		default:
			p.pos = i + 1
		}
	}
}

// pendingText collects the pieces of one literal text in linear time: a single piece is kept
// as a substring of the source, several are appended to one buffer (a text of many "##{"
// escapes must not be rebuilt at every piece).
type pendingText struct {
	one string
	buf []byte
}

func (t *pendingText) add(s string) {
	switch {
	case s == "":
	case t.buf != nil:
		t.buf = append(t.buf, s...)
	case t.one == "":
		t.one = s
	default:
		t.buf = append(append(make([]byte, 0, 2*(len(t.one)+len(s))), t.one...), s...)
		t.one = ""
	}
}

// take returns the collected text and empties t.
func (t *pendingText) take() string {
	s := t.one
	if t.buf != nil {
		s = string(t.buf)
	}
	*t = pendingText{}
	return s
}

// word returns the run of bytes at p.pos up to white space, "}", "|" or "#".
func (p *parser) word() string {
	end := p.pos
	for end < len(p.src) {
		c := p.src[end]
		if isSpace(c) || c == '}' || c == '|' || c == '#' {
			break
		}
		end++
	}
	return p.src[p.pos:end]
}

// directive parses what follows "#{" at offset open.
func (p *parser) directive(open, depth int) (node, termKind, error) {
	if depth+1 > p.maxDepth {
		return nil, 0, p.limitErr(open)
	}
	save := p.pos
	p.skipSpace()
	w := p.word()
	after := p.pos + len(w)
	spaced := after < len(p.src) && isSpace(p.src[after])
	switch {
	case (w == "if" || w == "unless") && spaced:
		p.pos = after
		n, err := p.ifBlock(open, w == "unless", depth)
		return n, termEOF, err
	case w == "each" && spaced:
		p.pos = after
		n, err := p.eachBlock(open, depth)
		return n, termEOF, err
	case w == "else" || w == "/if" || w == "/unless" || w == "/each":
		p.pos = after
		p.skipSpace()
		if p.eof() {
			return nil, 0, p.errf(open, ErrSyntax, "unterminated \"#{\"")
		}
		if p.src[p.pos] != '}' {
			return nil, 0, p.errf(p.pos, ErrSyntax, "unexpected text after #{%s}", w)
		}
		p.pos++
		switch w {
		case "else":
			return nil, termElse, nil
		case "/if":
			return nil, termEndIf, nil
		case "/unless":
			return nil, termEndUnless, nil
		}
		return nil, termEndEach, nil
	}
	p.pos = save
	n, err := p.binding(open, depth+1)
	return n, termEOF, err
}

// binding parses a binding whose "#{" is at open; p.pos is after "#{".
func (p *parser) binding(open, depth int) (*bindNode, error) {
	b := &bindNode{off: open}
	var err error
	b.name, err = p.name(false, false, depth)
	if err != nil {
		return nil, err
	}
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if len(b.name.parts) == 0 {
		return nil, p.errf(open, ErrSyntax, "empty variable name")
	}
	for !p.eof() && p.src[p.pos] == '|' {
		p.pos++
		f, err := p.filter(open, depth)
		if err != nil {
			return nil, err
		}
		b.filters = append(b.filters, f)
	}
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	p.pos++ // "}"
	b.src = p.src[open:p.pos]
	return b, nil
}

// name parses a variable name up to "}" or "|" (and white space when word, "==" or "!=" when
// ops), with nested bindings.
func (p *parser) name(word, ops bool, depth int) (nameExpr, error) {
	start := p.pos
	var parts []namePart
	lit := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '#' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '{' {
			if lit < p.pos {
				parts = append(parts, namePart{lit: p.src[lit:p.pos]})
			}
			open := p.pos
			if depth+1 > p.maxDepth {
				return nameExpr{}, p.limitErr(open)
			}
			p.pos += 2
			b, err := p.binding(open, depth+1)
			if err != nil {
				return nameExpr{}, err
			}
			parts = append(parts, namePart{bind: b})
			lit = p.pos
			continue
		}
		if c == '}' || c == '|' || (word && isSpace(c)) ||
			(ops && (c == '=' || c == '!') && p.pos+1 < len(p.src) && p.src[p.pos+1] == '=') {
			break
		}
		p.pos++
	}
	if lit < p.pos {
		parts = append(parts, namePart{lit: p.src[lit:p.pos]})
	}
	// Trim white space around the name.
	if len(parts) > 0 && parts[0].bind == nil {
		parts[0].lit = strings.TrimLeft(parts[0].lit, " \t\n\r\v\f")
		if parts[0].lit == "" {
			parts = parts[1:]
		}
	}
	if n := len(parts); n > 0 && parts[n-1].bind == nil {
		parts[n-1].lit = strings.TrimRight(parts[n-1].lit, " \t\n\r\v\f")
		if parts[n-1].lit == "" {
			parts = parts[:n-1]
		}
	}
	ne := nameExpr{parts: parts, src: strings.TrimSpace(p.src[start:p.pos]), off: start}
	ne.static = len(parts) <= 1 && (len(parts) == 0 || parts[0].bind == nil)
	if ne.static {
		ne.key = strings.ToLower(ne.src)
	}
	return ne, nil
}

// quoted parses a double-quoted string at p.pos ("\"" and "\\" are escapes).
func (p *parser) quoted() (string, error) {
	open := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c == '\\' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == '"' || p.src[p.pos+1] == '\\'):
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.errf(open, ErrSyntax, "unterminated quoted string")
}

// filter parses "Name args" after a "|".
func (p *parser) filter(open, depth int) (filterCall, error) {
	p.skipSpace()
	off := p.pos
	end := p.pos
	for end < len(p.src) && (isLetter(p.src[end]) || (p.src[end] >= '0' && p.src[end] <= '9')) {
		end++
	}
	fname := p.src[p.pos:end]
	if fname == "" {
		if p.eof() {
			return filterCall{}, p.errf(open, ErrSyntax, "unterminated \"#{\"")
		}
		return filterCall{}, p.errf(off, ErrSyntax, "missing filter name after \"|\"")
	}
	kind, canon := lookupFilter(fname)
	if kind == fUnknown {
		return filterCall{}, p.errf(off, ErrUnknownFilter, "%s is not a filter", p.quote(fname))
	}
	p.pos = end
	f := filterCall{kind: kind, name: canon, off: off, static: true}
	for {
		p.skipSpace()
		if p.eof() {
			return filterCall{}, p.errf(open, ErrSyntax, "unterminated \"#{\"")
		}
		c := p.src[p.pos]
		if c == '|' || c == '}' {
			break
		}
		a := arg{off: p.pos}
		if c == '"' {
			s, err := p.quoted()
			if err != nil {
				return filterCall{}, err
			}
			a.static, a.s = true, s
		} else {
			ne, err := p.name(true, false, depth)
			if err != nil {
				return filterCall{}, err
			}
			if ne.static {
				a.static, a.s = true, ne.src
			} else {
				a.name = ne
				f.static = false
			}
		}
		f.args = append(f.args, a)
	}
	lo, hi := kind.arity()
	if len(f.args) < lo || len(f.args) > hi {
		want := strconv.Itoa(lo)
		if hi != lo {
			want = fmt.Sprintf("%d to %d", lo, hi)
		}
		return filterCall{}, p.errf(off, ErrFilterArgument, "filter %s takes %s arguments, got %d", canon, want, len(f.args))
	}
	if f.static {
		vals := make([]string, len(f.args))
		for i, a := range f.args {
			vals[i] = a.s
		}
		if err := f.decode(vals); err != nil {
			return filterCall{}, p.errf(f.args[err.arg].off, ErrFilterArgument, "filter %s: %s", canon, err.msg(p.quote))
		}
		f.vals = vals
	}
	return f, nil
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// ifBlock parses a condition and the blocks of "#{if ...}" or "#{unless ...}".
func (p *parser) ifBlock(open int, negate bool, depth int) (node, error) {
	n := &ifNode{negate: negate, off: open}
	var err error
	p.skipSpace()
	if n.left, err = p.operand(open, depth); err != nil {
		return nil, err
	}
	p.skipSpace()
	if strings.HasPrefix(p.src[p.pos:], "==") || strings.HasPrefix(p.src[p.pos:], "!=") {
		n.op = opEq
		if p.src[p.pos] == '!' {
			n.op = opNe
		}
		p.pos += 2
		p.skipSpace()
		if n.right, err = p.operand(open, depth); err != nil {
			return nil, err
		}
		p.skipSpace()
	}
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] != '}' {
		return nil, p.errf(p.pos, ErrSyntax, "unexpected %s in condition", p.quote(p.src[p.pos:min(len(p.src), p.pos+16)]))
	}
	p.pos++
	kw, end := "#{if}", termEndIf
	if negate {
		kw, end = "#{unless}", termEndUnless
	}
	body, term, toff, err := p.seq(depth + 1)
	if err != nil {
		return nil, err
	}
	n.then = body
	if term == termElse {
		body, term, toff, err = p.seq(depth + 1)
		if err != nil {
			return nil, err
		}
		n.els = body
	}
	switch term {
	case end:
		return n, nil
	case termEOF:
		return nil, p.errf(open, ErrSyntax, "unterminated %s", kw)
	}
	return nil, p.errf(toff, ErrSyntax, "unexpected %s in %s", term, kw)
}

// operand parses a quoted literal or a variable name.
func (p *parser) operand(open, depth int) (operand, error) {
	if p.eof() {
		return operand{}, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] == '"' {
		s, err := p.quoted()
		return operand{isLit: true, lit: s}, err
	}
	off := p.pos
	ne, err := p.name(true, true, depth)
	if err != nil {
		return operand{}, err
	}
	if len(ne.parts) == 0 {
		return operand{}, p.errf(off, ErrSyntax, "missing operand in condition")
	}
	return operand{name: ne}, nil
}

// eachBlock parses "each x in V}" and the block up to "#{/each}".
func (p *parser) eachBlock(open, depth int) (node, error) {
	n := &eachNode{off: open}
	p.skipSpace()
	n.varName = p.word()
	if n.varName == "" {
		return nil, p.errf(p.pos, ErrSyntax, "missing loop variable in #{each}")
	}
	n.varKey = strings.ToLower(n.varName)
	p.pos += len(n.varName)
	p.skipSpace()
	if !strings.HasPrefix(p.src[p.pos:], "in") || p.pos+2 >= len(p.src) || !isSpace(p.src[p.pos+2]) {
		return nil, p.errf(p.pos, ErrSyntax, "expected \"in\" in #{each}")
	}
	p.pos += 2
	p.skipSpace()
	off := p.pos
	var err error
	if n.coll, err = p.name(false, false, depth); err != nil {
		return nil, err
	}
	if p.eof() {
		return nil, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] != '}' {
		return nil, p.errf(p.pos, ErrSyntax, "filters are not allowed in #{each}")
	}
	if len(n.coll.parts) == 0 {
		return nil, p.errf(off, ErrSyntax, "missing collection in #{each}")
	}
	p.pos++
	body, term, toff, err := p.seq(depth + 1)
	if err != nil {
		return nil, err
	}
	switch term {
	case termEndEach:
		n.body = body
		return n, nil
	case termEOF:
		return nil, p.errf(open, ErrSyntax, "unterminated #{each}")
	}
	return nil, p.errf(toff, ErrSyntax, "unexpected %s in #{each}", term)
}
