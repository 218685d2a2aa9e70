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
	termElseIf // "#{elseif" or "#{else if": the condition follows at p.pos
	termEndIf
	termEndUnless
	termEndEach
)

func (t termKind) String() string {
	switch t {
	case termElse:
		return "#{else}"
	case termElseIf:
		return "#{elseif}"
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
	pr := &prog{variable: variable, sensitive: sensitive, src: src}
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
		if term == termElse || term == termElseIf {
			return nil, p.errf(toff, ErrSyntax, "%s outside #{if} or #{unless}", term)
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
		rest := p.src[i:]
		switch {
		case strings.HasPrefix(rest, "#{"):
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
			if n != nil {
				nodes = append(nodes, n)
			}
			start, pendingOff = p.pos, p.pos
		case strings.HasPrefix(rest, "###{"):
			// "##" before "#{" is a literal "#"; the "#{" opens a construct.
			text.add(p.src[start : i+1])
			start, p.pos = i+2, i+2
		case strings.HasPrefix(rest, "##{"):
			// "##{" is a literal "#{".
			text.add(p.src[start : i+1])
			start = i + 2
			p.pos = i + 3
		default:
			// A "#" and the byte after it are literal text (so "##" never starts "##{").
			p.pos = min(i+2, len(p.src))
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

// directive parses what follows "#{" at offset open. It returns a nil node for a construct
// that writes nothing.
func (p *parser) directive(open, depth int) (node, termKind, error) {
	if depth+1 > p.maxDepth {
		return nil, 0, p.limitErr(open)
	}
	save := p.pos
	p.skipSpace()
	if !p.eof() && p.src[p.pos] == '}' {
		// "#{}" and "#{ }" are text, as Octopus echoes them.
		p.pos++
		return &textNode{s: p.src[open:p.pos], off: open}, termEOF, nil
	}
	w := p.word()
	after := p.pos + len(w)
	spaced := after < len(p.src) && isSpace(p.src[after])
	kw := w
	if len(w) <= len("unless") && hasUpper(w) {
		kw = strings.ToLower(w) // only a word as short as a keyword can be one
	}
	switch {
	case (kw == "if" || kw == "unless") && spaced:
		p.pos = after
		n, err := p.ifBlock(open, kw == "unless", depth)
		return n, termEOF, err
	case kw == "each" && spaced:
		p.pos = after
		n, err := p.eachBlock(open, depth)
		return n, termEOF, err
	case kw == "calc" && spaced:
		p.pos = after
		n, err := p.calc(open, depth)
		return n, termEOF, err
	case kw == "elseif" && spaced:
		p.pos = after
		return nil, termElseIf, nil
	case w == "else" && spaced && p.elseIf(after):
		return nil, termElseIf, nil
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
	case strings.HasPrefix(w, "/"):
		hint := didYouMean(w, "/if", "/unless", "/each")
		if p.sensitive {
			hint = ""
		}
		return nil, 0, p.errf(open, ErrSyntax, "%s is not the end of a block (#{/if}, #{/unless} or #{/each})%s",
			p.quote("#{"+w+"}"), hint)
	case spaced && p.moreAfter(after):
		if hint := didYouMean(kw, "if", "unless", "each", "elseif", "calc"); hint != "" {
			if p.sensitive {
				hint = "" // the keyword meant would tell what the secret holds
			}
			return nil, 0, p.errf(open, ErrSyntax, "%s is not a keyword%s", p.quote(w), hint)
		}
	}
	p.pos = save
	n, err := p.binding(open, depth+1)
	return n, termEOF, err
}

// moreAfter reports whether the white space at after is followed by more than a "|" or "}".
func (p *parser) moreAfter(after int) bool {
	i := after
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	return i < len(p.src) && p.src[i] != '|' && p.src[i] != '}'
}

func hasUpper(s string) bool {
	for i := range len(s) {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// elseIf reports whether "if" and white space follow the white space at after (the "else" of
// "#{else if X}"), and if so moves p.pos to the condition.
func (p *parser) elseIf(after int) bool {
	i := after
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	if i+2 < len(p.src) && strings.EqualFold(p.src[i:i+2], "if") && isSpace(p.src[i+2]) {
		p.pos = i + 2
		return true
	}
	return false
}

// didYouMean returns `; did you mean "k"?` for the keyword k that w is a misspelling of (one
// edit away, or two for keywords of five letters or more), or "".
func didYouMean(w string, keywords ...string) string {
	if len(w) > len("unless")+2 {
		return ""
	}
	w = strings.ToLower(w)
	for _, k := range keywords {
		d := editDistance(w, k, 3)
		// A short keyword one substitution away ("is", "of") is too likely a real name.
		if d == 1 && len(k) < 4 && len(w) == len(k) && !sameBytes(w, k) {
			continue
		}
		if d > 0 && (d == 1 || (d == 2 && len(k) >= 5)) {
			return fmt.Sprintf("; did you mean %q?", "#{"+k+"}")
		}
	}
	return ""
}

// sameBytes reports whether a and b hold the same bytes in some order.
func sameBytes(a, b string) bool {
	var n [256]int
	for i := range len(a) {
		n[a[i]]++
	}
	for i := range len(b) {
		n[b[i]]--
	}
	return n == [256]int{}
}

// editDistance returns the optimal string alignment distance of a and b (insertions,
// deletions, substitutions and transpositions of adjacent bytes), or limit when it is at
// least limit. b is a keyword: at most 15 bytes.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit || len(b) > 15 {
		return limit
	}
	var rows [3][16]int
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
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
	if len(b.name.parts) == 0 && p.src[p.pos] != '|' {
		return nil, p.errf(open, ErrSyntax, "empty variable name")
	}
	for !p.eof() && p.src[p.pos] == '|' {
		p.pos++
		f, err := p.filter(open, depth, false)
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
// ops), with nested bindings. A word (a filter argument) that opens with a binding ends where
// that binding does.
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
			if word && open == start {
				break // a filter argument that opens with a binding ends where the binding does
			}
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

// escapedQuoted parses a string between `\"` and `\"` at p.pos, as written inside a JSON
// string ("{\"Bar\": \"#{if Foo == \\\"x\\\"}...\"}"); it has no escapes.
func (p *parser) escapedQuoted() (string, error) {
	open := p.pos
	p.pos += 2
	end := strings.Index(p.src[p.pos:], `\"`)
	if end < 0 {
		return "", p.errf(open, ErrSyntax, "unterminated quoted string")
	}
	s := p.src[p.pos : p.pos+end]
	p.pos += end + 2
	return s, nil
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
// In a condition (ops), "==" and "!=" end the arguments.
func (p *parser) filter(open, depth int, ops bool) (filterCall, error) {
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
	kind, canon, octo := lookupFilter(fname)
	if kind == fUnknown {
		return filterCall{}, p.errf(off, ErrUnknownFilter, "%s is not a filter", p.quote(fname))
	}
	p.pos = end
	f := filterCall{kind: kind, name: canon, off: off, static: true, octo: octo}
	for {
		p.skipSpace()
		if p.eof() {
			return filterCall{}, p.errf(open, ErrSyntax, "unterminated \"#{\"")
		}
		c := p.src[p.pos]
		if c == '|' || c == '}' || (ops && p.atOp()) {
			break
		}
		a := arg{off: p.pos}
		if c == '"' || strings.HasPrefix(p.src[p.pos:], `\"`) {
			quoted := p.quoted
			if c != '"' {
				quoted = p.escapedQuoted
			}
			s, err := quoted()
			if err != nil {
				return filterCall{}, err
			}
			a.static, a.s = true, s
		} else {
			ne, err := p.name(true, ops, depth)
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
	lo, hi := f.arity()
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

// atOp reports whether "==" or "!=" is at p.pos.
func (p *parser) atOp() bool {
	return strings.HasPrefix(p.src[p.pos:], "==") || strings.HasPrefix(p.src[p.pos:], "!=")
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// ifBlock parses a condition and the blocks of "#{if ...}" or "#{unless ...}".
func (p *parser) ifBlock(open int, negate bool, depth int) (node, error) {
	n := &ifNode{negate: negate, off: open}
	if err := p.condition(n, open, depth); err != nil {
		return nil, err
	}
	kw, end := "#{if}", termEndIf
	if negate {
		kw, end = "#{unless}", termEndUnless
	}
	body, term, toff, err := p.seq(depth + 1)
	if err != nil {
		return nil, err
	}
	n.then = body
	// An "#{elseif}" chain is a chain of ifNodes, each the else of the one before.
	for cur := n; term == termElseIf; {
		if negate {
			return nil, p.errf(toff, ErrSyntax, "#{elseif} in #{unless} (only #{if} has #{elseif})")
		}
		next := &ifNode{off: toff, chained: true}
		if err := p.condition(next, toff, depth); err != nil {
			return nil, err
		}
		if body, term, toff, err = p.seq(depth + 1); err != nil {
			return nil, err
		}
		next.then = body
		cur.els, cur = []node{next}, next
		n.last = next
	}
	if term == termElse {
		body, term, toff, err = p.seq(depth + 1)
		if err != nil {
			return nil, err
		}
		last := n
		if n.last != nil {
			last = n.last
		}
		last.els = body
	}
	switch term {
	case end:
		return n, nil
	case termEOF:
		return nil, p.errf(open, ErrSyntax, "unterminated %s", kw)
	}
	return nil, p.errf(toff, ErrSyntax, "unexpected %s in %s", term, kw)
}

// condition parses "operand [op operand] }" into n; open is the offset of its "#{".
func (p *parser) condition(n *ifNode, open, depth int) error {
	var err error
	p.skipSpace()
	if n.left, err = p.operand(open, depth); err != nil {
		return err
	}
	p.skipSpace()
	if p.atOp() {
		n.op = opEq
		if p.src[p.pos] == '!' {
			n.op = opNe
		}
		p.pos += 2
		p.skipSpace()
		if n.right, err = p.operand(open, depth); err != nil {
			return err
		}
		p.skipSpace()
	}
	if p.eof() {
		return p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] != '}' {
		return p.errf(p.pos, ErrSyntax, "unexpected %s in condition", p.quote(p.src[p.pos:min(len(p.src), p.pos+16)]))
	}
	p.pos++
	return nil
}

// operand parses a quoted literal, or a variable name and its filters.
func (p *parser) operand(open, depth int) (operand, error) {
	if p.eof() {
		return operand{}, p.errf(open, ErrSyntax, "unterminated \"#{\"")
	}
	if p.src[p.pos] == '"' {
		s, err := p.quoted()
		return operand{isLit: true, lit: s}, err
	}
	if strings.HasPrefix(p.src[p.pos:], `\"`) {
		s, err := p.escapedQuoted()
		return operand{isLit: true, lit: s}, err
	}
	off := p.pos
	ne, err := p.name(false, true, depth)
	if err != nil {
		return operand{}, err
	}
	if len(ne.parts) == 0 {
		return operand{}, p.errf(off, ErrSyntax, "missing operand in condition")
	}
	o := operand{name: ne}
	for !p.eof() && p.src[p.pos] == '|' {
		p.pos++
		f, err := p.filter(open, depth, true)
		if err != nil {
			return operand{}, err
		}
		o.filters = append(o.filters, f)
	}
	return o, nil
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
