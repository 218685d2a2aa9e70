package variables

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Options are the limits of substitution: each bounds one call of [Project.Resolve] or
// [Substitute], so that no input, however large or hostile, makes it run for long or use much
// memory. The zero Options means the defaults; a field of 0 (or less) means its default. Going
// over a limit is an error wrapping [ErrLimit] whose message names the field and its default.
type Options struct {
	// MaxDepth bounds nesting: blocks and nested bindings inside a text, plus the chain of
	// variables being expanded at once. Default 64; values above 10000 count as 10000.
	MaxDepth int
	// MaxSize bounds the size in bytes of any one expanded value, filter output or computed
	// name. Default 1 MiB (1048576).
	MaxSize int
	// MaxTotalSize bounds the bytes one call produces in all: the sum of the sizes of every
	// value it expands, filter output and computed name (a value that is plain text, or a
	// plain reference to another variable, shares its text and produces nothing). Default
	// 64 MiB (67108864).
	MaxTotalSize int
	// MaxWork bounds the work of one call, in units: one per construct evaluated, one per 64
	// bytes written, one per 16 bytes a filter reads or writes, one per 16 bytes a condition,
	// a computed name or an each list reads, two per item of an each list, four per each
	// iteration, and for Replace one per 4 steps of its regular expression (one character read
	// times the instructions of the compiled expression) plus, when its pattern is computed,
	// one per byte and per instruction to compile it. Default 8 Mi units (8388608), about a
	// second of work.
	MaxWork int
}

const (
	defaultDepth     = 64
	defaultSize      = 1 << 20
	defaultTotalSize = 64 << 20
	defaultWork      = 8 << 20
)

// The explanations of the limits in error messages.
const (
	depthLimit = "Options.MaxDepth, default 64"
	sizeLimit  = "Options.MaxSize, default 1 MiB"
	totalLimit = "Options.MaxTotalSize, the total of one resolution, default 64 MiB"
	workLimit  = "Options.MaxWork, the total of one resolution, default 8388608 units"
)

type limits struct {
	depth, size, total, work int
}

func (o Options) limits() limits {
	orDefault := func(v, d int) int {
		if v <= 0 {
			return d
		}
		return v
	}
	return limits{
		depth: min(orDefault(o.MaxDepth, defaultDepth), hardDepth),
		size:  orDefault(o.MaxSize, defaultSize),
		total: orDefault(o.MaxTotalSize, defaultTotalSize),
		work:  orDefault(o.MaxWork, defaultWork),
	}
}

// Result is the outcome of [Substitute]: the expanded text, sensitive when it bound a sensitive
// value, and the names referenced but undefined, sorted case-insensitively. A name referenced
// in a sensitive value is text of that secret: it is not in Unresolved; the variable whose
// value it is is listed in UnresolvedInSensitive instead.
type Result struct {
	Text                  Value
	Unresolved            []string
	UnresolvedInSensitive []string
}

// resultFields is Result without methods, for [formatFields].
type resultFields Result

// Format implements [fmt.Formatter]: its fields as fmt prints a struct, the text as [Mask] when
// sensitive, in every verb.
func (x Result) Format(f fmt.State, verb rune) {
	formatFields(f, verb, "variables.Result", resultFields(x))
}

// Substitute expands text with vars. Names are case-insensitive; values are themselves expanded,
// recursively. An undefined name is echoed as written and listed in Result.Unresolved. Errors are
// *[TemplateError] values wrapping [ErrSyntax], [ErrUnknownFilter], [ErrFilterArgument], [ErrCycle]
// or [ErrLimit]; two names of vars that differ only in letter case are an error wrapping
// [ErrDuplicateName].
func Substitute(text string, vars map[string]Value, opts Options) (Result, error) {
	lim := opts.limits()
	root, err := parse(text, "", false, lim.depth, depthLimit)
	if err != nil {
		return Result{}, err
	}
	if root.literal {
		if len(root.text) > lim.size {
			return Result{}, &TemplateError{Err: ErrLimit, Message: sizeMsg(lim.size)}
		}
		return Result{Text: Plain(root.text)}, nil
	}
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	slices.SortFunc(names, compareNames)
	e := newEngine(lim)
	e.ids = make(map[string]int32, len(names))
	e.display = names
	e.raw = make([]Value, len(names))
	for i, k := range names {
		key := strings.ToLower(k)
		if j, dup := e.ids[key]; dup {
			return Result{}, fmt.Errorf("variables %q and %q differ only in letter case: %w",
				quoteName(names[j]), quoteName(k), ErrDuplicateName)
		}
		e.ids[key] = int32(i)
		e.raw[i] = vars[k]
	}
	e.init(len(names))
	v, err := e.root(root)
	if err != nil {
		return Result{}, err
	}
	res := Result{Text: v}
	res.Unresolved, res.UnresolvedInSensitive = e.unresolvedNames()
	return res, nil
}

// Escape returns text that substitutes back to s: every "#{" becomes "##{".
func Escape(s string) string { return strings.ReplaceAll(s, "#{", "##{") }

// compareNames orders names case-insensitively, then by exact spelling.
func compareNames(a, b string) int {
	if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

const (
	stTodo uint8 = iota
	stBusy
	stDone
	stFailed
)

// engine evaluates parsed texts over a table of named variables, memoising each variable's
// expansion. Variables see no loop variables of the text that references them, so a variable
// expands the same way wherever it is referenced.
type engine struct {
	lim     limits
	ids     map[string]int32 // lower-case name -> id
	display []string         // id -> name as spelled
	progs   []*prog          // id -> parsed value (nil: parse raw lazily, or undefined)
	raw     []Value          // id -> unparsed value, for lazy parsing (Substitute)
	defined []bool           // id -> has a value (nil: all have)
	memo    []Value
	state   []uint8
	fail    map[int32]error
	stack   []int32
	lex     []lexVar
	depth   int
	work    int   // units left of lim.work
	bytes   int   // bytes left of lim.total
	spent   error // the error of the first total limit exceeded: evaluation stops there
	sens    bool  // the expansion under way has read a sensitive value
	unres   map[string]string
	// variables whose sensitive value references an undefined name (lower case -> as spelled)
	unresSens map[string]string
}

type lexVar struct {
	key string
	v   Value
}

func newEngine(lim limits) *engine {
	return &engine{lim: lim, work: lim.work, bytes: lim.total}
}

func (e *engine) init(n int) {
	e.memo = make([]Value, n)
	e.state = make([]uint8, n)
	if e.progs == nil {
		e.progs = make([]*prog, n)
	}
}

// unresolvedNames returns the names referenced but undefined, and the variables whose sensitive
// values reference undefined names, each sorted.
func (e *engine) unresolvedNames() (names, inSensitive []string) {
	return sortedValues(e.unres), sortedValues(e.unresSens)
}

func sortedValues(m map[string]string) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, compareNames)
	return out
}

// addUnresolved records an undefined name referenced in the text p: the name itself, or only
// the variable when p is a sensitive value (the name is text of the secret).
func (e *engine) addUnresolved(p *prog, name string) {
	m := &e.unres
	if p.sensitive {
		m, name = &e.unresSens, p.variable
	}
	key := strings.ToLower(name)
	if *m == nil {
		*m = make(map[string]string)
	}
	if _, ok := (*m)[key]; !ok {
		(*m)[key] = name
	}
}

func (e *engine) errAt(pr *prog, off int, sentinel error, format string, args ...any) *TemplateError {
	return templateError(pr.variable, pr.sensitive, off, sentinel, fmt.Sprintf(format, args...))
}

func (e *engine) sizeErr(pr *prog, off int) *TemplateError {
	return e.errAt(pr, off, ErrLimit, "%s", sizeMsg(e.lim.size))
}

func sizeMsg(size int) string {
	return fmt.Sprintf("expanded size over %d bytes (%s)", size, sizeLimit)
}

// spend charges n units of work.
func (e *engine) spend(pr *prog, off, n int) error {
	e.work -= n
	return e.checkWork(pr, off, "")
}

// checkWork returns an error when the work budget is spent; what names the spender, if any.
func (e *engine) checkWork(pr *prog, off int, what string) error {
	if e.work >= 0 {
		return nil
	}
	if e.spent == nil {
		e.spent = e.errAt(pr, off, ErrLimit, "evaluation work over %d units%s (%s)", e.lim.work, what, workLimit)
	}
	return e.spent
}

// produce charges n bytes of new text to the total size budget.
func (e *engine) produce(pr *prog, off, n int) error {
	e.bytes -= n
	if e.bytes >= 0 {
		return nil
	}
	if e.spent == nil {
		e.spent = e.errAt(pr, off, ErrLimit, "bytes produced over %d (%s)", e.lim.total, totalLimit)
	}
	return e.spent
}

// root expands a text that is not a variable (the text of Substitute).
func (e *engine) root(pr *prog) (Value, error) {
	e.sens = pr.sensitive
	if pr.literal {
		if len(pr.text) > e.lim.size {
			return Value{}, e.sizeErr(pr, 0)
		}
		return Value{s: pr.text, sensitive: pr.sensitive}, nil
	}
	var w strings.Builder
	if err := e.run(pr, pr.nodes, &w); err != nil {
		return Value{}, err
	}
	return Value{s: w.String(), sensitive: e.sens}, nil
}

// evalID returns the expansion of variable id; found=false when it has no value.
func (e *engine) evalID(id int32, pr *prog, off int) (Value, bool, error) {
	switch e.state[id] {
	case stDone:
		v := e.memo[id]
		e.sens = e.sens || v.sensitive
		return v, true, nil
	case stFailed:
		return Value{}, true, e.fail[id]
	case stBusy:
		return Value{}, true, e.cycleErr(id, pr, off)
	}
	p := e.progs[id]
	if p == nil {
		if e.raw == nil || (e.defined != nil && !e.defined[id]) {
			return Value{}, false, nil
		}
		raw := e.raw[id]
		var err error
		if p, err = parse(raw.s, e.display[id], raw.sensitive, e.lim.depth, depthLimit); err != nil {
			return Value{}, true, e.failed(id, err)
		}
		e.progs[id] = p
	}
	if p.literal {
		v := Value{s: p.text, sensitive: p.sensitive}
		if len(v.s) > e.lim.size {
			return Value{}, true, e.failed(id, e.sizeErr(p, 0))
		}
		e.memo[id], e.state[id] = v, stDone
		e.sens = e.sens || v.sensitive
		return v, true, nil
	}
	if e.depth+1 > e.lim.depth {
		return Value{}, true, e.errAt(pr, off, ErrLimit, "variables nested deeper than %d (%s)", e.lim.depth, depthLimit)
	}
	e.state[id] = stBusy
	e.stack = append(e.stack, id)
	savedSens, savedLex := e.sens, e.lex
	e.sens, e.lex = p.sensitive, nil
	e.depth++
	v, err := e.expand(p)
	e.depth--
	e.stack = e.stack[:len(e.stack)-1]
	e.lex = savedLex
	if err != nil {
		e.sens = savedSens
		return Value{}, true, e.failed(id, err)
	}
	e.memo[id], e.state[id] = v, stDone
	e.sens = savedSens || v.sensitive
	return v, true, nil
}

// cycleErr reports the cycle that a reference to id, at offset off of pr, closes. A name
// referenced from a sensitive value is masked, and the error is then reported on the first
// variable of the cycle whose value is sensitive.
func (e *engine) cycleErr(id int32, pr *prog, off int) *TemplateError {
	ids := append(slices.Clone(e.stack[slices.Index(e.stack, id):]), id)
	cycle := make([]string, len(ids))
	masked := make(map[int32]bool)
	first := -1 // the first variable of the cycle whose value is sensitive
	for i, v := range ids[:len(ids)-1] {
		if p := e.progs[v]; p != nil && p.sensitive {
			masked[ids[i+1]] = true
			if first < 0 {
				first = i
			}
		}
	}
	for i, v := range ids {
		cycle[i] = e.display[v]
		if masked[v] {
			cycle[i] = Mask
		}
	}
	err := e.errAt(pr, off, ErrCycle, "%s", strings.Join(cycle, " -> "))
	if first >= 0 {
		err.Variable, err.Offset, err.Sensitive = e.display[ids[first]], 0, true
	}
	err.Cycle = cycle
	return err
}

func (e *engine) failed(id int32, err error) error {
	e.state[id] = stFailed
	if e.fail == nil {
		e.fail = make(map[int32]error)
	}
	e.fail[id] = err
	return err
}

// expand evaluates the nodes of p; the sensitivity is in e.sens.
func (e *engine) expand(p *prog) (Value, error) {
	// A text that is one plain binding shares the expansion of the variable it names.
	if len(p.nodes) == 1 {
		if b, ok := p.nodes[0].(*bindNode); ok && len(b.filters) == 0 {
			if err := e.spend(p, b.off, 1); err != nil {
				return Value{}, err
			}
			s, ok, err := e.value(p, b)
			if err != nil {
				return Value{}, err
			}
			if !ok {
				s = b.src
			}
			return Value{s: s, sensitive: e.sens}, nil
		}
	}
	var w strings.Builder
	if err := e.run(p, p.nodes, &w); err != nil {
		return Value{}, err
	}
	return Value{s: w.String(), sensitive: e.sens}, nil
}

func (e *engine) write(p *prog, off int, w *strings.Builder, s string) error {
	if w.Len()+len(s) > e.lim.size {
		return e.sizeErr(p, off)
	}
	if err := e.spend(p, off, len(s)/64); err != nil {
		return err
	}
	if err := e.produce(p, off, len(s)); err != nil {
		return err
	}
	w.WriteString(s)
	return nil
}

func (e *engine) run(p *prog, nodes []node, w *strings.Builder) error {
	for _, n := range nodes {
		if err := e.spend(p, n.offset(), 1); err != nil {
			return err
		}
		switch n := n.(type) {
		case *textNode:
			if err := e.write(p, n.off, w, n.s); err != nil {
				return err
			}
		case *bindNode:
			s, ok, err := e.value(p, n)
			if err != nil {
				return err
			}
			if !ok {
				s = n.src
			}
			if err := e.write(p, n.off, w, s); err != nil {
				return err
			}
		case *ifNode:
			if err := e.ifBlock(p, n, w); err != nil {
				return err
			}
		case *eachNode:
			if err := e.each(p, n, w); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *engine) enter(p *prog, off int) error {
	e.depth++
	if e.depth > e.lim.depth {
		e.depth--
		return e.errAt(p, off, ErrLimit, "nesting deeper than %d (%s)", e.lim.depth, depthLimit)
	}
	return nil
}

func (e *engine) ifBlock(p *prog, n *ifNode, w *strings.Builder) error {
	left, err := e.operand(p, &n.left)
	if err != nil {
		return err
	}
	var yes bool
	switch n.op {
	case opNone:
		yes = truthy(left)
	default:
		right, err := e.operand(p, &n.right)
		if err != nil {
			return err
		}
		if err := e.spend(p, n.off, (len(left)+len(right))/64); err != nil {
			return err
		}
		yes = (left == right) == (n.op == opEq)
	}
	if n.negate {
		yes = !yes
	}
	body := n.els
	if yes {
		body = n.then
	}
	if len(body) == 0 {
		return nil
	}
	if err := e.enter(p, n.off); err != nil {
		return err
	}
	defer func() { e.depth-- }()
	return e.run(p, body, w)
}

// truthy reports whether s is true in a condition: false for "", "False", "No" and "0" (trimmed,
// any case).
func truthy(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && !strings.EqualFold(t, "false") && !strings.EqualFold(t, "no") && t != "0"
}

// operand returns a literal, or the value of a name ("" when undefined).
func (e *engine) operand(p *prog, o *operand) (string, error) {
	if o.isLit {
		return o.lit, nil
	}
	key, _, ok, err := e.name(p, &o.name)
	if err != nil || !ok {
		return "", err
	}
	v, found, err := e.lookup(p, o.name.off, key)
	if err != nil || !found {
		return "", err
	}
	return v.s, nil
}

func (e *engine) each(p *prog, n *eachNode, w *strings.Builder) error {
	key, _, ok, err := e.name(p, &n.coll)
	if err != nil || !ok {
		return err
	}
	v, found, err := e.lookup(p, n.coll.off, key)
	if err != nil || !found {
		return err
	}
	if err := e.spend(p, n.off, len(v.s)/16); err != nil {
		return err
	}
	var items []string
	for item := range strings.SplitSeq(v.s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	if err := e.spend(p, n.off, 2*len(items)); err != nil {
		return err
	}
	if len(items) == 0 || len(n.body) == 0 {
		return nil
	}
	if err := e.enter(p, n.off); err != nil {
		return err
	}
	defer func() { e.depth-- }()
	base := len(e.lex)
	for i, item := range items {
		if err := e.spend(p, n.off, 4); err != nil {
			return err
		}
		e.lex = append(e.lex[:base],
			lexVar{key: n.varKey, v: Value{s: item, sensitive: v.sensitive}},
			lexVar{key: "octopus.template.each.index", v: Plain(strconv.Itoa(i))},
			lexVar{key: "octopus.template.each.first", v: Plain(strconv.FormatBool(i == 0))},
			lexVar{key: "octopus.template.each.last", v: Plain(strconv.FormatBool(i == len(items)-1))},
		)
		if err := e.run(p, n.body, w); err != nil {
			return err
		}
	}
	e.lex = e.lex[:base]
	return nil
}

// name evaluates a name: its lower-case key, the name to report when undefined (the source
// spelling when the name was computed from a sensitive value) and ok=false when a nested
// binding was undefined.
func (e *engine) name(p *prog, ne *nameExpr) (key, display string, ok bool, err error) {
	if ne.static {
		return ne.key, ne.src, true, nil
	}
	if err := e.enter(p, ne.off); err != nil {
		return "", "", false, err
	}
	defer func() { e.depth-- }()
	saved := e.sens
	e.sens = false
	var b strings.Builder
	for _, part := range ne.parts {
		s := part.lit
		if part.bind != nil {
			v, found, err := e.value(p, part.bind)
			if err != nil {
				e.sens = saved || e.sens
				return "", "", false, err
			}
			if !found {
				e.sens = saved || e.sens
				return "", "", false, nil
			}
			s = v
		}
		if b.Len()+len(s) > e.lim.size {
			e.sens = saved || e.sens
			return "", "", false, e.sizeErr(p, ne.off)
		}
		b.WriteString(s)
	}
	sens := e.sens
	e.sens = saved || sens
	name := b.String()
	if err := e.spend(p, ne.off, len(name)/16); err != nil {
		return "", "", false, err
	}
	if err := e.produce(p, ne.off, len(name)); err != nil {
		return "", "", false, err
	}
	display = name
	if sens {
		display = ne.src
	}
	return strings.ToLower(name), display, true, nil
}

// lookup finds a name among the loop variables, then the variables.
func (e *engine) lookup(p *prog, off int, key string) (Value, bool, error) {
	for i := len(e.lex) - 1; i >= 0; i-- {
		if e.lex[i].key == key {
			v := e.lex[i].v
			e.sens = e.sens || v.sensitive
			return v, true, nil
		}
	}
	id, ok := e.ids[key]
	if !ok {
		return Value{}, false, nil
	}
	return e.evalID(id, p, off)
}

// value evaluates a binding: ok=false when its name (or a nested name) is undefined, in which
// case it is reported as unresolved.
func (e *engine) value(p *prog, b *bindNode) (string, bool, error) {
	key, display, ok, err := e.name(p, &b.name)
	if err != nil || !ok {
		return "", false, err
	}
	v, found, err := e.lookup(p, b.off, key)
	if err != nil {
		return "", false, err
	}
	if !found {
		e.addUnresolved(p, display)
		return "", false, nil
	}
	s := v.s
	for i := range b.filters {
		if s, err = e.filter(p, &b.filters[i], s); err != nil {
			return "", false, err
		}
	}
	return s, true, nil
}

func (e *engine) filter(p *prog, f *filterCall, s string) (string, error) {
	if err := e.spend(p, f.off, 1+len(s)/16); err != nil {
		return "", err
	}
	vals := f.vals
	fc := f
	if !f.static {
		vals = make([]string, len(f.args))
		argSens := false
		for i, a := range f.args {
			if a.static {
				vals[i] = a.s
				continue
			}
			saved := e.sens
			e.sens = false
			text, err := e.argText(p, &a.name)
			argSens = argSens || e.sens
			e.sens = saved || e.sens
			if err != nil {
				return "", err
			}
			vals[i] = text
		}
		c := *f
		if f.kind == fReplace { // the pattern is compiled for this evaluation
			if err := e.spend(p, f.off, len(vals[0])); err != nil {
				return "", err
			}
		}
		aerr := c.decode(vals)
		if c.pat != nil {
			if err := e.spend(p, f.off, c.pat.insts); err != nil {
				return "", err
			}
		}
		if aerr != nil {
			q := strconv.Quote
			if argSens || p.sensitive {
				q = func(string) string { return "(sensitive text)" }
			}
			return "", e.errAt(p, f.args[aerr.arg].off, ErrFilterArgument, "filter %s: %s", f.name, aerr.msg(func(s string) string { return q(quoteName(s)) }))
		}
		fc = &c
	}
	out, oc, aerr := fc.apply(s, vals, e.lim.size, &e.work)
	switch {
	case aerr != nil:
		return "", e.errAt(p, f.off, ErrFilterArgument, "filter %s: input is not %s", f.name, aerr.want)
	case oc == overSize:
		return "", e.sizeErr(p, f.off)
	case oc == overWork:
		e.work = min(e.work, -1)
		return "", e.checkWork(p, f.off, " in filter "+f.name)
	}
	if err := e.spend(p, f.off, len(out)/16); err != nil {
		return "", err
	}
	if err := e.produce(p, f.off, len(out)); err != nil {
		return "", err
	}
	return out, nil
}

// argText returns the text of a word argument with bindings: its parts expanded, an undefined
// part as its source text.
func (e *engine) argText(p *prog, ne *nameExpr) (string, error) {
	var b strings.Builder
	for _, part := range ne.parts {
		s := part.lit
		if part.bind != nil {
			v, ok, err := e.value(p, part.bind)
			if err != nil {
				return "", err
			}
			s = part.bind.src
			if ok {
				s = v
			}
		}
		if b.Len()+len(s) > e.lim.size {
			return "", e.sizeErr(p, ne.off)
		}
		b.WriteString(s)
	}
	if err := e.produce(p, ne.off, b.Len()); err != nil {
		return "", err
	}
	return b.String(), nil
}
