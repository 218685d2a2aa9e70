package variables

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
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
	// a computed name, an each list or a path into a JSON value reads, one per 4 bytes of a
	// JSON value read, two per item of an each list, four per each iteration, one per number, variable and operation of a calc, and
	// for Replace and Match one per 4 steps of the regular expression (one character read
	// times the instructions of the compiled expression) plus, when the pattern is computed,
	// one per byte and per instruction to compile it. Default 8 Mi units (8388608), about a
	// second of work.
	MaxWork int
	// Now is the time the NowDate and NowDateUtc filters read. The library has no clock: when
	// Now is the zero time, a binding that needs it stays unresolved (echoed as written and
	// listed as unresolved).
	Now time.Time
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
	now                      time.Time
	hasNow                   bool
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
		now:   o.Now, hasNow: !o.Now.IsZero(),
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

// Escape returns text that substitutes back to s: every "#{" becomes "##{". The language has no
// literal spelling of a "#" right before "#{" (Octopus reads "###{X}" as "#" and the value of
// X), so each such "#" is written as "##" and an empty condition ("##" before a construct is
// one "#"): Escape("##{") is `###{if ""}#{/if}##{`.
func Escape(s string) string {
	if !strings.Contains(s, "#{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for {
		i := strings.Index(s, "#{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		run := i // the "#"s right before this "#{"
		for run > 0 && s[run-1] == '#' {
			run--
		}
		b.WriteString(s[:run])
		for range i - run {
			b.WriteString(`###{if ""}#{/if}`)
		}
		b.WriteString("##{")
		s = s[i+2:]
	}
}

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
	json    map[int32]*jsonNode // id -> its value read as JSON (nil: not JSON)
	indexed map[string][]string // lower-case collection name -> its index keys
	hasIdx  bool                // indexed is built
	depth   int
	work    int   // units left of lim.work
	bytes   int   // bytes left of lim.total
	spent   error // the error of the first total limit exceeded: evaluation stops there
	sens    bool  // the expansion under way has read a sensitive value
	unres   map[string]string
	// variables whose sensitive value references an undefined name (lower case -> as spelled)
	unresSens map[string]string
}

// lexVar is a loop variable: its name (lower case) and value. Sub-names of it ("a.Name",
// "a[0]") are read from the variables of the indexed collection item base ("x[key]", lower
// case) when base is set, else from its JSON value; an item of a JSON object has the
// sub-names Key and Value (entry).
type lexVar struct {
	key   string
	v     Value
	base  string
	entry *jsonNode
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
		case *calcNode:
			f, ok, err := e.calc(p, n.expr)
			if err != nil {
				return err
			}
			s := n.src
			if ok {
				s = formatNumber(f)
			}
			if err := e.write(p, n.off, w, s); err != nil {
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
	var body []node
	for {
		yes, err := e.cond(p, n)
		if err != nil {
			return err
		}
		if yes {
			body = n.then
			break
		}
		body = n.els
		// The next clause of an "#{elseif}" chain is tried in this loop: a long chain is not a
		// deep nesting.
		c, ok := (*ifNode)(nil), len(body) == 1
		if ok {
			c, ok = body[0].(*ifNode)
		}
		if !ok || !c.chained {
			break
		}
		if err := e.spend(p, c.off, 1); err != nil {
			return err
		}
		n = c
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

// cond evaluates the condition of n.
func (e *engine) cond(p *prog, n *ifNode) (bool, error) {
	left, err := e.operand(p, &n.left)
	if err != nil {
		return false, err
	}
	var yes bool
	switch n.op {
	case opNone:
		yes = truthy(left)
	default:
		right, err := e.operand(p, &n.right)
		if err != nil {
			return false, err
		}
		if err := e.spend(p, n.off, (len(left)+len(right))/64); err != nil {
			return false, err
		}
		yes = (left == right) == (n.op == opEq)
	}
	return yes != n.negate, nil
}

// truthy reports whether s is true in a condition: false for "", "False", "No" and "0" (trimmed,
// any case).
func truthy(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && !strings.EqualFold(t, "false") && !strings.EqualFold(t, "no") && t != "0"
}

// operand returns a literal, or the value of a name through its filters ("" when undefined).
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
	str := v.s
	for i := range o.filters {
		if str, err = e.filter(p, &o.filters[i], str); err != nil {
			if errors.Is(err, errNoTime) {
				return "", nil
			}
			return "", err
		}
	}
	return str, nil
}

func (e *engine) each(p *prog, n *eachNode, w *strings.Builder) error {
	key, display, ok, err := e.name(p, &n.coll)
	if err != nil || !ok {
		return err
	}
	items, err := e.items(p, n.coll.off, key, display)
	if err != nil {
		return err
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
		item.key = n.varKey
		e.lex = append(e.lex[:base], item,
			lexVar{key: "octopus.template.each.index", v: Plain(strconv.Itoa(i))},
			lexVar{key: "octopus.template.each.first", v: Plain(dotnetBool(i == 0))},
			lexVar{key: "octopus.template.each.last", v: Plain(dotnetBool(i == len(items)-1))},
		)
		if err := e.run(p, n.body, w); err != nil {
			return err
		}
	}
	e.lex = e.lex[:base]
	return nil
}

// dotnetBool writes b as .NET does: "True" or "False".
func dotnetBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// items returns the items of the collection key (display is its name to report): the distinct
// index keys of the variables named "key[k]...", else the elements or members of its JSON value,
// else the comma-separated items of its value, trimmed, empty ones skipped. An undefined
// collection is reported as unresolved and has no items.
func (e *engine) items(p *prog, off int, key, display string) ([]lexVar, error) {
	gkey := e.globalKey(key)
	idx, err := e.indexKeys(p, off)
	if err != nil {
		return nil, err
	}
	if keys := idx[gkey]; len(keys) > 0 {
		items := make([]lexVar, len(keys))
		for i, k := range keys {
			items[i] = lexVar{v: Plain(k), base: gkey + "[" + strings.ToLower(k) + "]"}
		}
		return items, nil
	}
	v, found, err := e.lookup(p, off, key)
	if err != nil {
		return nil, err
	}
	if !found {
		e.addUnresolved(p, display)
		return nil, nil
	}
	if err := e.spend(p, off, len(v.s)/16); err != nil {
		return nil, err
	}
	doc, err := e.readJSON(p, off, v.s)
	if err != nil {
		return nil, err
	}
	var items []lexVar
	if doc != nil {
		items = make([]lexVar, len(doc.vals))
		for i, m := range doc.vals {
			if doc.kind == 'o' {
				items[i] = lexVar{v: Value{s: doc.keys[i], sensitive: v.sensitive}, entry: m}
				continue
			}
			s := m.text()
			if err := e.produce(p, off, len(s)); err != nil {
				return nil, err
			}
			items[i] = lexVar{v: Value{s: s, sensitive: v.sensitive}}
		}
		return items, nil
	}
	items = make([]lexVar, 0, strings.Count(v.s, ",")+1)
	for item := range strings.SplitSeq(v.s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, lexVar{v: Value{s: item, sensitive: v.sensitive}})
		}
	}
	return items, nil
}

// readJSON reads s as a JSON object or array (nil when it is not one), charging the work: a
// unit per 4 bytes, as reading builds a node per value.
func (e *engine) readJSON(p *prog, off int, s string) (*jsonNode, error) {
	if err := e.spend(p, off, len(s)/4); err != nil {
		return nil, err
	}
	doc, deep := parseJSON(s, e.lim.depth)
	if deep {
		return nil, e.errAt(p, off, ErrLimit, "JSON value nested deeper than %d (%s)", e.lim.depth, depthLimit)
	}
	return doc, nil
}

// globalKey returns key with a leading loop variable of an indexed collection replaced by the
// name of its item ("a.steps" in "#{each a in X}" is "x[key].steps").
func (e *engine) globalKey(key string) string {
	for i := len(e.lex) - 1; i >= 0; i-- {
		lv := &e.lex[i]
		if rest, ok := subPath(key, lv.key); ok && lv.base != "" {
			return lv.base + rest
		}
		if key == lv.key {
			return key
		}
	}
	return key
}

// subPath returns the rest of key after the name prefix and a "." or "[" that follows it.
func subPath(key, prefix string) (string, bool) {
	if len(key) > len(prefix) && strings.HasPrefix(key, prefix) && (key[len(prefix)] == '.' || key[len(prefix)] == '[') {
		return key[len(prefix):], true
	}
	return "", false
}

// hasValue reports whether variable id has a value.
func (e *engine) hasValue(id int) bool {
	return e.progs[id] != nil || (e.raw != nil && (e.defined == nil || e.defined[id]))
}

// indexKeys returns, for every name followed by an index in a defined variable's name
// ("Octopus.Action" in "Octopus.Action[Step 1].Name"), the distinct index keys, in the order of
// the variables. It is built on first use.
func (e *engine) indexKeys(p *prog, off int) (map[string][]string, error) {
	if e.hasIdx {
		return e.indexed, nil
	}
	e.hasIdx = true
	var seen map[[2]string]bool
	total := 0
	for id, name := range e.display {
		if !e.hasValue(id) || strings.IndexByte(name, '[') < 0 {
			continue
		}
		total += len(name)
		lower := strings.ToLower(name)
		if len(lower) != len(name) {
			name = lower
		}
		depth, open := 0, 0
		for i := 0; i < len(name); i++ {
			switch name[i] {
			case '[':
				if depth == 0 {
					open = i
				}
				depth++
			case ']':
				if depth == 0 {
					continue
				}
				if depth--; depth == 0 {
					prefix, k := lower[:open], name[open+1:i]
					if seen == nil {
						seen, e.indexed = make(map[[2]string]bool), make(map[string][]string)
					}
					if sk := [2]string{prefix, strings.ToLower(k)}; !seen[sk] {
						seen[sk] = true
						e.indexed[prefix] = append(e.indexed[prefix], k)
					}
				}
			}
		}
	}
	return e.indexed, e.spend(p, off, total/16)
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

// lookup finds a name among the loop variables (and their sub-names), then the variables
// (and the paths into their JSON values).
func (e *engine) lookup(p *prog, off int, key string) (Value, bool, error) {
	for i := len(e.lex) - 1; i >= 0; i-- {
		lv := &e.lex[i]
		if lv.key == key {
			e.sens = e.sens || lv.v.sensitive
			return lv.v, true, nil
		}
		rest, ok := subPath(key, lv.key)
		if !ok {
			continue
		}
		if lv.base != "" {
			return e.global(p, off, lv.base+rest)
		}
		v, found, err := e.lexPath(p, off, lv, rest)
		if found || err != nil {
			return v, found, err
		}
	}
	return e.global(p, off, key)
}

// lexPath finds the sub-name rest (".x", "[0]") of a loop variable over JSON.
func (e *engine) lexPath(p *prog, off int, lv *lexVar, rest string) (Value, bool, error) {
	doc := lv.entry
	if doc != nil {
		switch {
		case rest == ".key":
			e.sens = e.sens || lv.v.sensitive
			return lv.v, true, nil
		case rest == ".value":
			rest = ""
		case strings.HasPrefix(rest, ".value.") || strings.HasPrefix(rest, ".value["):
			rest = rest[len(".value"):]
		default:
			return Value{}, false, nil
		}
	} else {
		var err error
		if doc, err = e.readJSON(p, off, lv.v.s); err != nil || doc == nil {
			return Value{}, false, err
		}
	}
	return e.jsonValue(p, off, doc, rest, lv.v.sensitive)
}

// jsonValue returns the value at path in doc.
func (e *engine) jsonValue(p *prog, off int, doc *jsonNode, path string, sensitive bool) (Value, bool, error) {
	if err := e.spend(p, off, 1+len(path)/16); err != nil {
		return Value{}, false, err
	}
	n, ok := doc.walk(path)
	if !ok {
		return Value{}, false, nil
	}
	s := n.text()
	if len(s) > e.lim.size {
		return Value{}, false, e.sizeErr(p, off)
	}
	if err := e.produce(p, off, len(s)); err != nil {
		return Value{}, false, err
	}
	e.sens = e.sens || sensitive
	return Value{s: s, sensitive: sensitive}, true, nil
}

// global finds a variable by name; failing that, the longest defined name that key extends
// with a path (".x", "[0]") whose value is a JSON object or array, and the value at that path.
// A variable defined with the whole name wins over the JSON value.
func (e *engine) global(p *prog, off int, key string) (Value, bool, error) {
	if id, ok := e.ids[key]; ok {
		if v, found, err := e.evalID(id, p, off); found || err != nil {
			return v, found, err
		}
	}
	for i := len(key) - 1; i > 0; i-- {
		if key[i] != '.' && key[i] != '[' {
			continue
		}
		if err := e.spend(p, off, 1+i/64); err != nil {
			return Value{}, false, err
		}
		id, ok := e.ids[key[:i]]
		if !ok {
			continue
		}
		if e.state[id] == stBusy {
			return e.selfPath(p, off, id, key[i:])
		}
		v, found, err := e.evalID(id, p, off)
		if err != nil {
			return Value{}, false, err
		}
		if !found {
			continue
		}
		doc, err := e.jsonOf(p, off, id, v.s)
		if err != nil || doc == nil {
			return Value{}, false, err
		}
		return e.jsonValue(p, off, doc, key[i:], v.sensitive)
	}
	return Value{}, false, nil
}

// selfPath reads path into the value of variable id from within that value's own expansion
// ("Test" set to {"A": "#{Test.B}", "B": 1}). As in Octopus, the value is then read as written,
// not expanded: a member holds its text as written, and a member whose text holds a binding, or
// a value that is not JSON as written, leaves the name undefined.
func (e *engine) selfPath(p *prog, off int, id int32, path string) (Value, bool, error) {
	own := e.progs[id]
	doc, err := e.readJSON(p, off, own.src)
	if err != nil || doc == nil {
		return Value{}, false, err
	}
	v, found, err := e.jsonValue(p, off, doc, path, own.sensitive)
	if err != nil || !found || strings.Contains(v.s, "#{") {
		return Value{}, false, err
	}
	return v, true, nil
}

// jsonOf returns the value s of variable id read as JSON, once per resolution.
func (e *engine) jsonOf(p *prog, off int, id int32, s string) (*jsonNode, error) {
	if doc, ok := e.json[id]; ok {
		return doc, nil
	}
	doc, err := e.readJSON(p, off, s)
	if err != nil {
		return nil, err
	}
	if e.json == nil {
		e.json = make(map[int32]*jsonNode)
	}
	e.json[id] = doc
	return doc, nil
}

// value evaluates a binding: ok=false when its name (or a nested name) is undefined, in which
// case it is reported as unresolved.
//
// A binding without a name has no value to filter: as in Octopus, only a first filter that
// makes a value of its own gives it one (NowDate and NowDateUtc: "#{ | NowDate}"; Null: nothing;
// Append and Prepend: their arguments, "#{ | Append x}" is "x"); any other ("#{ | MD5}") leaves
// it unresolved. A filter that needs the time when [Options] give none leaves the binding
// unresolved too. An unresolved nameless binding reports its source text.
func (e *engine) value(p *prog, b *bindNode) (string, bool, error) {
	var s string
	if len(b.name.parts) == 0 && (len(b.filters) == 0 || !makesValue(b.filters[0].name)) {
		e.addUnresolved(p, b.src)
		return "", false, nil
	}
	if len(b.name.parts) > 0 {
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
		s = v.s
	}
	var err error
	for i := range b.filters {
		if s, err = e.filter(p, &b.filters[i], s); err != nil {
			if errors.Is(err, errNoTime) {
				e.addUnresolved(p, b.src)
				return "", false, nil
			}
			return "", false, err
		}
	}
	return s, true, nil
}

// makesValue reports whether the filter of this canonical name ignores its input and makes a
// value of its own, so that it can open a binding without a name.
func makesValue(name string) bool {
	switch name {
	case "NowDate", "NowDateUtc", "Null", "Append", "Prepend":
		return true
	}
	return false
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
		if f.kind == fReplace || f.kind == fMatch { // the pattern is compiled for this evaluation
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
	if f.kind == fOcto {
		return e.octo(p, f, s, vals)
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

// octo applies the pure filter f.octo to s with the argument values vals.
func (e *engine) octo(p *prog, f *filterCall, s string, vals []string) (string, error) {
	env := filterEnv{now: e.lim.now, hasNow: e.lim.hasNow, max: e.lim.size}
	// The filter reads its input (a digest or Markdown reads all of it): charge the reading
	// before the work is done, and for Markdown the extra work its parser does on nested
	// blocks and link destinations.
	cost := len(s) / 16
	if f.octo.cost != nil {
		cost += f.octo.cost(s)
	}
	if err := e.spend(p, f.off, cost); err != nil {
		return "", err
	}
	out, err := f.octo.fn(s, vals, env)
	var fe *filterError
	switch {
	case err == nil:
	case errors.Is(err, errNoTime):
		return "", errNoTime
	case errors.Is(err, errFilterTooLarge):
		return "", e.sizeErr(p, f.off)
	case errors.As(err, &fe) && fe.arg >= 0 && fe.arg < len(f.args):
		return "", e.errAt(p, f.args[fe.arg].off, ErrFilterArgument, "filter %s: argument %d is not %s", f.name, fe.arg+1, fe.want)
	case errors.As(err, &fe):
		return "", e.errAt(p, f.off, ErrFilterArgument, "filter %s: input is not %s", f.name, fe.want)
	case e.sens || p.sensitive:
		// The error may quote its input or arguments, which read a secret.
		return "", e.errAt(p, f.off, ErrFilterArgument, "filter %s: invalid input or argument (sensitive text)", f.name)
	default:
		return "", e.errAt(p, f.off, ErrFilterArgument, "filter %s: %v", f.name, err)
	}
	if len(out) > e.lim.size {
		return "", e.sizeErr(p, f.off)
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
