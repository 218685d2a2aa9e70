package tags

import (
	"slices"
)

// TenantLookup resolves a tenant name to a dense tenant index (package tenant provides one).
type TenantLookup func(name string) (index int, ok bool)

// Bound is an expression bound to a [Catalog] (and tenants): every reference resolved, constants
// folded, and compiled to a branching program over tag IDs for [Bound.Match]. Build one with
// [Expr.Bind] or [Filter.Bind]. A Bound is immutable and safe for concurrent use; a nil *Bound
// matches nothing.
type Bound struct {
	expr  Expr
	root  *bnode
	prog  []instr
	pairs []pair
	start int32
}

// bnode is a node of a bound expression: opFalse, opTrue, opAny, opTenant, opNot, opAnd, opOr.
type bnode struct {
	op     op
	ids    []ID // opAny: sorted, unique, non-empty
	tenant int  // opTenant
	kids   []*bnode
}

var (
	bfalse = &bnode{op: opFalse}
	btrue  = &bnode{op: opTrue}
)

// Bind resolves every reference of e against c and tenants (which may be nil: then every
// tenant(...) is unknown). It returns the unresolved references at once, as an errors.Join of
// *BindError (in the order they appear in e), each with its byte offset (-1 when e was built
// by constructors), Index -1, and a "did you mean" suggestion for tags and tag sets where a
// close name exists. At most [DefaultMaxErrors] (100) are reported; when there are more, the
// last joined error is an *OmittedError counting the others ([BindOptions] changes the cap).
// A FreeText value that nobody carries (not in the catalog) binds to false, not an error;
// "Set/*" binds to "carries any tag of Set" (false when Set has no IDs).
func (e Expr) Bind(c *Catalog, tenants TenantLookup) (*Bound, error) {
	return BindOptions{}.Bind(e, c, tenants)
}

// DefaultMaxErrors is the number of problems reported at most by one call of [Expr.Bind],
// [Filter.Bind] (and package tenant's NewSet) unless options say otherwise.
const DefaultMaxErrors = 100

// BindOptions configures binding. The zero value means the defaults.
type BindOptions struct {
	// MaxErrors is the number of unresolved references reported at most; the others are
	// counted by an *OmittedError joined last, and get no "did you mean" suggestion, so that
	// a hostile input costs no more than MaxErrors suggestions. 0 means [DefaultMaxErrors]
	// (100); a negative value reports every problem.
	MaxErrors int
}

// Bind is [Expr.Bind] with these options.
func (o BindOptions) Bind(e Expr, c *Catalog, tenants TenantLookup) (*Bound, error) {
	b := binder{c: c.orEmpty(), tenants: tenants, r: newReport(o.MaxErrors)}
	root := b.bind(e.node())
	if err := b.r.err(b.c); err != nil {
		return nil, err
	}
	return newBound(e, root), nil
}

type binder struct {
	c       *Catalog
	tenants TenantLookup
	r       report
}

// report collects the unresolved references of one bind, up to a maximum, and counts the
// rest. Suggestions are computed only for the references reported, when the error is built.
type report struct {
	max     int // < 0: no maximum
	refs    []unresolved
	omitted int
}

// unresolved is one reference that did not resolve.
type unresolved struct {
	ref           string
	st            resolution // unknownSet or unknownTag; tenant references: tenantRef
	offset, index int
}

// tenantRef marks an unknown tenant reference in a report.
const tenantRef resolution = 255

func newReport(maxErrors int) report {
	if maxErrors == 0 {
		maxErrors = DefaultMaxErrors
	}
	return report{max: maxErrors}
}

func (r *report) add(u unresolved) {
	if r.max >= 0 && len(r.refs) >= r.max {
		r.omitted++
		return
	}
	r.refs = append(r.refs, u)
}

// err builds the joined error of the report, nil when nothing is unresolved.
func (r *report) err(c *Catalog) error {
	if len(r.refs) == 0 {
		return nil
	}
	errs := make([]error, 0, len(r.refs)+1)
	for _, u := range r.refs {
		if u.st == tenantRef {
			errs = append(errs, &BindError{Ref: u.ref, Offset: u.offset, Index: u.index, Err: ErrUnknownTenant})
			continue
		}
		e := c.refError(u.ref, u.st, u.offset, u.index)
		e.Suggestion, _ = c.Suggest(u.ref)
		errs = append(errs, e)
	}
	if r.omitted > 0 {
		errs = append(errs, &OmittedError{Omitted: r.omitted, Reported: len(r.refs)})
	}
	return joinErrors(errs)
}

func (b *binder) bind(n *node) *bnode {
	switch n.op {
	case opTrue:
		return btrue
	case opTag:
		id, st := b.c.resolve(n.ref)
		switch st {
		case resolved:
			return &bnode{op: opAny, ids: []ID{id}}
		case wildcard:
			setName, _, _ := cutSet(n.ref)
			lo, hi := b.c.SetRange(b.c.setIndex[setName])
			if lo == hi {
				return bfalse
			}
			ids := make([]ID, 0, hi-lo)
			for id := lo; id < hi; id++ {
				ids = append(ids, id)
			}
			return &bnode{op: opAny, ids: ids}
		case freeMissing:
			return bfalse
		}
		b.r.add(unresolved{ref: n.ref, st: st, offset: n.off, index: -1})
		return bfalse
	case opTenant:
		if b.tenants != nil {
			if i, ok := b.tenants(n.ref); ok {
				return &bnode{op: opTenant, tenant: i}
			}
		}
		b.r.add(unresolved{ref: n.ref, st: tenantRef, offset: n.off, index: -1})
		return bfalse
	case opNot:
		return bnot(b.bind(n.kids[0]))
	case opAnd, opOr:
		kids := make([]*bnode, len(n.kids))
		for i, k := range n.kids {
			kids[i] = b.bind(k)
		}
		return bjoin(n.op, kids)
	}
	return bfalse
}

func cutSet(canonical string) (set, tag string, ok bool) {
	for i := 0; i < len(canonical); i++ {
		if canonical[i] == '/' {
			return canonical[:i], canonical[i+1:], true
		}
	}
	return canonical, "", false
}

func bnot(k *bnode) *bnode {
	switch k.op {
	case opTrue:
		return bfalse
	case opFalse:
		return btrue
	case opNot:
		return k.kids[0]
	}
	return &bnode{op: opNot, kids: []*bnode{k}}
}

// bjoin builds a bound and/or: constants are folded, nested operands of the same operator
// flattened, and in an "or" every opAny operand merged into one.
func bjoin(o op, kids []*bnode) *bnode {
	unit, zero := btrue, bfalse // and: drop true, false wins
	if o == opOr {
		unit, zero = bfalse, btrue
	}
	flat := make([]*bnode, 0, len(kids))
	var anyIDs []ID
	anyAt := -1
	for _, k := range kids {
		ks := []*bnode{k}
		if k.op == o {
			ks = k.kids
		}
		for _, k := range ks {
			switch {
			case k.op == zero.op:
				return zero
			case k.op == unit.op:
			case o == opOr && k.op == opAny:
				if anyAt < 0 {
					anyAt = len(flat)
					flat = append(flat, k)
				}
				anyIDs = append(anyIDs, k.ids...)
			default:
				flat = append(flat, k)
			}
		}
	}
	if anyAt >= 0 && len(anyIDs) > len(flat[anyAt].ids) {
		slices.Sort(anyIDs)
		flat[anyAt] = &bnode{op: opAny, ids: slices.Compact(anyIDs)}
	}
	switch len(flat) {
	case 0:
		return unit
	case 1:
		return flat[0]
	}
	return &bnode{op: o, kids: flat}
}

// Expr returns the expression that was bound.
func (b *Bound) Expr() Expr {
	if b == nil {
		return False()
	}
	return b.expr
}

// The matcher is a branching program: each instruction tests one atom and jumps to t or f.
// Negative targets end the program: accept or reject. Every atom of the expression appears
// once, so the program is as long as the expression, needs no stack, and stops as soon as the
// outcome is known.
const (
	accept int32 = -1
	reject int32 = -2
)

const (
	kWord   uint8 = iota // tags.w[arg] & mask != 0
	kWords               // any of pairs[arg : arg+n]
	kTenant              // tenant == arg
)

type instr struct {
	mask uint64
	arg  int32
	n    int32
	t, f int32
	kind uint8
}

type pair struct {
	word int
	mask uint64
}

func newBound(e Expr, root *bnode) *Bound {
	b := &Bound{expr: e, root: root}
	b.start = b.compile(root, accept, reject)
	return b
}

// compile emits the instructions of n, which continue at t when n holds and at f when not,
// and returns n's entry point.
func (b *Bound) compile(n *bnode, t, f int32) int32 {
	switch n.op {
	case opTrue:
		return t
	case opFalse:
		return f
	case opNot:
		return b.compile(n.kids[0], f, t)
	case opAnd:
		next := t
		for i := len(n.kids) - 1; i >= 0; i-- {
			next = b.compile(n.kids[i], next, f)
		}
		return next
	case opOr:
		next := f
		for i := len(n.kids) - 1; i >= 0; i-- {
			next = b.compile(n.kids[i], t, next)
		}
		return next
	case opTenant:
		return b.emit(instr{kind: kTenant, arg: int32(n.tenant), t: t, f: f})
	}
	// opAny
	first := len(b.pairs)
	for _, id := range n.ids {
		w, m := int(id/64), uint64(1)<<(id%64)
		if len(b.pairs) > first && b.pairs[len(b.pairs)-1].word == w {
			b.pairs[len(b.pairs)-1].mask |= m
		} else {
			b.pairs = append(b.pairs, pair{word: w, mask: m})
		}
	}
	if len(b.pairs)-first == 1 {
		p := b.pairs[first]
		b.pairs = b.pairs[:first]
		return b.emit(instr{kind: kWord, arg: int32(p.word), mask: p.mask, t: t, f: f})
	}
	return b.emit(instr{kind: kWords, arg: int32(first), n: int32(len(b.pairs) - first), t: t, f: f})
}

func (b *Bound) emit(in instr) int32 {
	b.prog = append(b.prog, in)
	return int32(len(b.prog) - 1)
}

// Match reports whether a tenant, given the tags it carries and its dense tenant index (as the
// TenantLookup given to Bind resolves it), satisfies the bound expression. It does not allocate.
func (b *Bound) Match(tags Bits, tenant int) bool {
	if b == nil {
		return false
	}
	if tags.sp != nil {
		return b.matchSparse(tags, tenant)
	}
	w := tags.w
	prog := b.prog
	pc := b.start
	for pc >= 0 {
		in := &prog[pc]
		var ok bool
		if in.kind == kWord {
			ok = uint(in.arg) < uint(len(w)) && w[in.arg]&in.mask != 0
		} else {
			ok = b.test(in, w, tenant)
		}
		pc = in.f
		if ok {
			pc = in.t
		}
	}
	return pc == accept
}

// test evaluates an instruction other than kWord over dense words.
func (b *Bound) test(in *instr, w []uint64, tenant int) bool {
	if in.kind == kTenant {
		return tenant == int(in.arg)
	}
	for _, p := range b.pairs[in.arg : in.arg+in.n] {
		if p.word < len(w) && w[p.word]&p.mask != 0 {
			return true
		}
	}
	return false
}

// matchSparse is Match for tags with a sparse part; it is kept apart so that the loop over
// dense words stays as small as it can be.
func (b *Bound) matchSparse(tags Bits, tenant int) bool {
	pc := b.start
	for pc >= 0 {
		in := &b.prog[pc]
		var ok bool
		switch in.kind {
		case kWord:
			ok = tags.word(int(in.arg))&in.mask != 0
		case kTenant:
			ok = tenant == int(in.arg)
		default:
			for _, p := range b.pairs[in.arg : in.arg+in.n] {
				if tags.word(p.word)&p.mask != 0 {
					ok = true
					break
				}
			}
		}
		pc = in.f
		if ok {
			pc = in.t
		}
	}
	return pc == accept
}

// Algebra lets other packages evaluate a bound expression over their own representation (package
// tenant evaluates it over posting bitsets of all tenants at once). [Fold] calls it bottom-up.
type Algebra[T any] interface {
	// Const is true or false.
	Const(v bool) T
	// AnyOf holds for carriers of at least one of ids (sorted ascending, non-empty; a copy).
	AnyOf(ids []ID) T
	// Tenant holds for the tenant with this index.
	Tenant(index int) T
	// Not negates x.
	Not(x T) T
	// And is the conjunction of xs (at least two).
	And(xs []T) T
	// Or is the disjunction of xs (at least two).
	Or(xs []T) T
}

// Fold evaluates b with a. The bound form is simplified: constants appear only as the whole
// expression, "or" operands that are tags are merged into one AnyOf. A nil b folds to
// a.Const(false).
func Fold[T any](b *Bound, a Algebra[T]) T {
	if b == nil {
		return a.Const(false)
	}
	return fold(b.root, a)
}

func fold[T any](n *bnode, a Algebra[T]) T {
	switch n.op {
	case opTrue:
		return a.Const(true)
	case opAny:
		return a.AnyOf(slices.Clone(n.ids))
	case opTenant:
		return a.Tenant(n.tenant)
	case opNot:
		return a.Not(fold(n.kids[0], a))
	case opAnd, opOr:
		xs := make([]T, len(n.kids))
		for i, k := range n.kids {
			xs[i] = fold(k, a)
		}
		if n.op == opAnd {
			return a.And(xs)
		}
		return a.Or(xs)
	}
	return a.Const(false)
}
