package tenant

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/tags"
)

// Set is an immutable index of tenants ordered by name (index i is the i-th tenant by name, in
// byte order), with the tags of each tenant as a [tags.Bits] and a posting list per tag ID, so
// that selection evaluates each clause over postings and never re-reads tenants' tags.
// A Set is safe for concurrent use. A nil *Set behaves as an empty set.
type Set struct {
	cat     *tags.Catalog
	tenants []Tenant
	source  []int32 // per tenant: its index in the slice given to NewSet
	bits    []tags.Bits
	post    []posting // per tag ID
	words   int       // words of a Selection: ceil(Len()/64)
	all     []uint64
}

// posting lists the tenants carrying one tag: a bitset when many do, sorted indexes otherwise,
// so memory stays proportional to the number of (tenant, tag) pairs.
type posting struct {
	dense  []uint64
	sparse []int32
}

// NewSet validates tenants against the catalog and indexes them. It reports the problems
// at once, as an errors.Join of *TagError sorted by tenant index then tag index: duplicate
// tenant names, also differing only in letter case (tags.ErrDuplicateName, TagIndex -1, on every
// tenant after the first of that name); unknown tag set or tag (tags.ErrUnknownTagSet,
// tags.ErrUnknownTag, TagIndex = the tag's index in Config.Tags, with a suggestion); two tags of
// a SingleSelect set or two values of a FreeText set (tags.ErrSingleSelect, TagIndex -1, once per
// set). At most [tags.DefaultMaxErrors] (100) problems are reported, the first ones in that
// order; a *tags.OmittedError joined last counts the others ([Options] changes the cap). A
// FreeText value must be in the catalog (give it to tags.NewCatalog as a free value). A tag repeated on a tenant
// counts once. A nil catalog is an empty one. NewSet copies ts. Its work is linear in the
// number of tenants and tags, whatever the number of tags on one tenant.
func NewSet(c *tags.Catalog, ts []Tenant) (*Set, error) {
	return Options{}.NewSet(c, ts)
}

// Options configures [Options.NewSet]. The zero value means the defaults.
type Options struct {
	// MaxErrors is the number of problems NewSet reports at most; the others are counted by a
	// *tags.OmittedError joined last and get no "did you mean" suggestion. 0 means
	// tags.DefaultMaxErrors (100); a negative value reports every problem.
	MaxErrors int
}

// NewSet is [NewSet] with these options.
func (o Options) NewSet(c *tags.Catalog, ts []Tenant) (*Set, error) {
	if c == nil {
		c = tags.MustNewCatalog(nil, nil)
	}
	var errs []*TagError
	dupName := foldDuplicates(len(ts), func(i int) string { return ts[i].name }, ^uint64(0))
	// The tag IDs of tenant ti are ids[off[ti]:off[ti+1]], in one slice for all tenants.
	ntags := 0
	for ti := range ts {
		ntags += int(ts[ti].ntags)
	}
	ids := make([]tags.ID, 0, ntags)
	off := make([]int32, len(ts)+1)
	sets := c.Sets()
	single := make([]bool, len(sets)) // per set index: at most one tag per tenant
	for i, set := range sets {
		single[i] = set.Type() != tags.MultiSelect
	}
	// Marks stamped with the tenant's index + 1, so that one tenant's checks cost O(1) per tag
	// and nothing is cleared between tenants: the tag IDs the tenant carries, the single-valued
	// sets it has a tag of, and those already reported.
	idMark := make([]int, c.Len())
	setMark := make([]int, len(sets))
	reportedMark := make([]int, len(sets))
	for ti := range ts {
		t := &ts[ti]
		stamp := ti + 1
		if dupName[ti] {
			errs = append(errs, &TagError{Tenant: t.name, TenantIndex: ti, TagIndex: -1, Err: tags.ErrDuplicateName})
		}
		for j, tag := range t.tags() {
			id, err := c.Resolve(tag)
			if err != nil {
				te := &TagError{Tenant: t.name, TenantIndex: ti, TagIndex: j, Tag: tag, Err: tags.ErrUnknownTag}
				var be *tags.BindError
				if errors.As(err, &be) {
					te.Err = be.Err
				}
				errs = append(errs, te)
				continue
			}
			if idMark[id] == stamp {
				continue
			}
			idMark[id] = stamp
			if si := c.SetOf(id); single[si] {
				switch {
				case setMark[si] != stamp:
					setMark[si] = stamp
				case reportedMark[si] != stamp:
					reportedMark[si] = stamp
					errs = append(errs, &TagError{Tenant: t.name, TenantIndex: ti, TagIndex: -1, Tag: tag, Err: tags.ErrSingleSelect})
				}
			}
			ids = append(ids, id)
		}
		off[ti+1] = int32(len(ids))
	}
	if len(errs) > 0 {
		return nil, o.report(c, errs)
	}
	return build(c, ts, ids, off), nil
}

// report sorts errs, keeps the first MaxErrors of them with their suggestions, and joins them
// with a *tags.OmittedError counting the others.
func (o Options) report(c *tags.Catalog, errs []*TagError) error {
	slices.SortStableFunc(errs, func(a, b *TagError) int {
		return cmp.Or(cmp.Compare(a.TenantIndex, b.TenantIndex), cmp.Compare(a.TagIndex, b.TagIndex))
	})
	maxErrors := o.MaxErrors
	if maxErrors == 0 {
		maxErrors = tags.DefaultMaxErrors
	}
	omitted := 0
	if maxErrors > 0 && len(errs) > maxErrors {
		omitted = len(errs) - maxErrors
		errs = errs[:maxErrors]
	}
	joined := make([]error, 0, len(errs)+1)
	for _, e := range errs {
		if e.TagIndex >= 0 {
			e.Suggestion, _ = c.Suggest(e.Tag)
		}
		joined = append(joined, e)
	}
	if omitted > 0 {
		joined = append(joined, &tags.OmittedError{Omitted: omitted, Reported: len(errs)})
	}
	return errors.Join(joined...)
}

func build(c *tags.Catalog, ts []Tenant, ids []tags.ID, off []int32) *Set {
	n := len(ts)
	order := nameOrder(ts)
	s := &Set{
		cat:     c,
		tenants: make([]Tenant, n),
		source:  make([]int32, n),
		bits:    make([]tags.Bits, n),
		post:    make([]posting, c.Len()),
		words:   (n + 63) / 64,
	}
	count := make([]int, c.Len())
	for _, id := range ids {
		count[id]++
	}
	for id, k := range count {
		if k*32 > n {
			s.post[id].dense = make([]uint64, s.words)
		} else {
			s.post[id].sparse = make([]int32, 0, k)
		}
	}
	var arena tags.BitsArena // the tenants' sets share chunks of words
	for i, ti := range order {
		s.tenants[i] = ts[ti]
		s.source[i] = int32(ti)
		own := ids[off[ti]:off[ti+1]]
		slices.Sort(own) // unique already; sorted, New needs no copy
		s.bits[i] = arena.New(own...)
		for _, id := range own {
			if p := &s.post[id]; p.dense != nil {
				p.dense[i/64] |= 1 << (i % 64)
			} else {
				p.sparse = append(p.sparse, int32(i))
			}
		}
	}
	s.all = make([]uint64, s.words)
	for i := range s.all {
		s.all[i] = ^uint64(0)
	}
	s.trim(s.all)
	return s
}

// nameOrder returns the indexes of ts in the order of their names (strings.Compare), ties in
// index order. It sorts 16 bytes of each name at a time, held as two numbers side by side in one
// slice: first bytes 0 to 16 of every name, then bytes 16 to 32 of the names that tie, and so on.
// A million names scattered in memory sort several times faster than by comparing the names
// themselves, as each name is read once per 16 bytes instead of at every comparison.
func nameOrder(ts []Tenant) []int {
	keys := make([]nameKey, len(ts))
	for i := range ts {
		keys[i] = newNameKey(ts[i].name, 0, i)
	}
	sortNames(ts, keys, 0)
	order := make([]int, len(ts))
	for j, k := range keys {
		order[j] = int(k.i)
	}
	return order
}

// nameKey is 16 bytes of a tenant's name, from some offset, as two big-endian numbers (zero past
// the name's end), with the tenant's index.
type nameKey struct {
	hi, lo uint64
	i      int
}

func newNameKey(name string, off, i int) nameKey {
	var b [16]byte
	if off < len(name) {
		copy(b[:], name[off:])
	}
	return nameKey{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), i}
}

// sortNames sorts keys, whose names are equal before off, by their names from off on. The runs
// that tie on 16 bytes are sorted again on their next 16, from a list of work rather than by
// recursion, so that long equal names cannot deepen the stack.
func sortNames(ts []Tenant, keys []nameKey, off int) {
	type work struct {
		keys []nameKey
		off  int
	}
	todo := []work{{keys, off}}
	for len(todo) > 0 {
		w := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		slices.SortFunc(w.keys, func(a, b nameKey) int {
			return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo), cmp.Compare(a.i, b.i))
		})
		for start := 0; start < len(w.keys); {
			end := start + 1
			for end < len(w.keys) && w.keys[end].hi == w.keys[start].hi && w.keys[end].lo == w.keys[start].lo {
				end++
			}
			run := w.keys[start:end]
			start = end
			if len(run) == 1 {
				continue
			}
			longest := 0
			for _, k := range run {
				longest = max(longest, len(ts[k.i].name))
			}
			if w.off+16 >= longest {
				// The names end within these 16 bytes: a shorter name comes first (its key is
				// padded with zeros, and a name may hold zero bytes too), then the index.
				slices.SortFunc(run, func(a, b nameKey) int {
					return cmp.Or(strings.Compare(ts[a.i].name, ts[b.i].name), cmp.Compare(a.i, b.i))
				})
				continue
			}
			for j, k := range run {
				run[j] = newNameKey(ts[k.i].name, w.off+16, k.i)
			}
			todo = append(todo, work{run, w.off + 16})
		}
	}
}

// trim clears the bits past the last tenant.
func (s *Set) trim(w []uint64) {
	if r := len(s.tenants) % 64; r != 0 && len(w) > 0 {
		w[len(w)-1] &= 1<<r - 1
	}
}

// Catalog returns the catalog the set was validated against.
func (s *Set) Catalog() *tags.Catalog {
	if s == nil {
		return nil
	}
	return s.cat
}

// Len returns the number of tenants.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.tenants)
}

// At returns the i-th tenant by name; the zero Tenant when i is out of range.
func (s *Set) At(i int) Tenant {
	if i < 0 || i >= s.Len() {
		return Tenant{}
	}
	return s.tenants[i]
}

// Index returns the index of the tenant with exactly this name. It searches the names, which are
// sorted, in O(log Len()) comparisons: a set keeps no map of its names.
func (s *Set) Index(name string) (int, bool) {
	if s == nil {
		return 0, false
	}
	lo, hi := 0, len(s.tenants)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.tenants[m].name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(s.tenants) && s.tenants[lo].name == name {
		return lo, true
	}
	return 0, false
}

// Source returns the index, in the slice given to [NewSet], of the i-th tenant; -1 when i is out of
// range. It relates the set's order (by name) to the caller's.
func (s *Set) Source(i int) int {
	if i < 0 || i >= s.Len() {
		return -1
	}
	return int(s.source[i])
}

// Bits returns the tag IDs of the i-th tenant; empty when i is out of range.
func (s *Set) Bits(i int) tags.Bits {
	if i < 0 || i >= s.Len() {
		return tags.Bits{}
	}
	return s.bits[i]
}

// Lookup returns a tags.TenantLookup that resolves names with Index.
func (s *Set) Lookup() tags.TenantLookup { return s.Index }

// All returns every tenant.
func (s *Set) All() Selection {
	if s == nil {
		return Selection{}
	}
	return Selection{s: s, w: s.all}
}

// Selection returns the selection of the given tenant indexes; indexes out of range are ignored.
func (s *Set) Selection(indexes ...int) Selection {
	if s == nil {
		return Selection{}
	}
	w := make([]uint64, s.words)
	for _, i := range indexes {
		if i >= 0 && i < len(s.tenants) {
			w[i/64] |= 1 << (i % 64)
		}
	}
	return Selection{s: s, w: w}
}

// Where returns the tenants i for which keep(i) is true.
func (s *Set) Where(keep func(i int) bool) Selection {
	if s == nil {
		return Selection{}
	}
	w := make([]uint64, s.words)
	for i := range s.tenants {
		if keep(i) {
			w[i/64] |= 1 << (i % 64)
		}
	}
	return Selection{s: s, w: w}
}

// Select returns the tenants that b matches, evaluated with tags.Fold over the postings: each
// clause costs one pass over its postings and one over a bitset of Len() bits. b must be bound
// to this set's catalog and Lookup; a nil b selects nobody.
func (s *Set) Select(b *tags.Bound) Selection {
	if s == nil {
		return Selection{}
	}
	return Selection{s: s, w: tags.Fold[[]uint64](b, algebra{s})}
}

// SelectFilter binds f to the set and selects: named tenants UNION tenants matching the
// tag part. Errors are those of tags.Filter.Bind; unknown tenants get a "did you mean"
// suggestion where a close tenant name exists.
func (s *Set) SelectFilter(f tags.Filter) (Selection, error) {
	b, err := f.Bind(s.Catalog(), s.Lookup())
	if err != nil {
		return Selection{}, s.suggest(err)
	}
	return s.Select(b), nil
}

// SelectExpr binds e to the set and selects the tenants it matches. Errors are those of
// tags.Expr.Bind; unknown tenants get a "did you mean" suggestion where a close tenant name
// exists.
func (s *Set) SelectExpr(e tags.Expr) (Selection, error) {
	b, err := e.Bind(s.Catalog(), s.Lookup())
	if err != nil {
		return Selection{}, s.suggest(err)
	}
	return s.Select(b), nil
}

// suggest fills in suggestions of the unknown tenants in err (a join of fresh *tags.BindError).
func (s *Set) suggest(err error) error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok || s == nil {
		return err
	}
	for _, e := range j.Unwrap() {
		if be, ok := e.(*tags.BindError); ok && errors.Is(be.Err, tags.ErrUnknownTenant) && be.Suggestion == "" {
			be.Suggestion, _ = problem.Closest(be.Ref, func(yield func(string) bool) {
				for _, t := range s.tenants {
					if !yield(t.name) {
						return
					}
				}
			})
		}
	}
	return err
}

// ConnectedTo returns the tenants connected to project: those whose connections list the
// project, even with no environments.
func (s *Set) ConnectedTo(project string) Selection {
	if s == nil {
		return Selection{}
	}
	w := make([]uint64, s.words)
	for i, t := range s.tenants {
		if t.Connected(project) {
			w[i/64] |= 1 << (i % 64)
		}
	}
	return Selection{s: s, w: w}
}

// algebra evaluates a bound expression over bitsets of s's tenants. Every value it returns is a
// fresh slice, so Not, And and Or may reuse their operands.
type algebra struct{ s *Set }

func (a algebra) Const(v bool) []uint64 {
	if v {
		return slices.Clone(a.s.all)
	}
	return make([]uint64, a.s.words)
}

func (a algebra) AnyOf(ids []tags.ID) []uint64 {
	w := make([]uint64, a.s.words)
	for _, id := range ids {
		if int(id) >= len(a.s.post) {
			continue
		}
		p := &a.s.post[id]
		if p.dense != nil {
			for i, x := range p.dense {
				w[i] |= x
			}
			continue
		}
		for _, i := range p.sparse {
			w[i/64] |= 1 << (i % 64)
		}
	}
	return w
}

func (a algebra) Tenant(i int) []uint64 {
	w := make([]uint64, a.s.words)
	if i >= 0 && i < len(a.s.tenants) {
		w[i/64] |= 1 << (i % 64)
	}
	return w
}

func (a algebra) Not(x []uint64) []uint64 {
	for i := range x {
		x[i] = ^x[i]
	}
	a.s.trim(x)
	return x
}

func (a algebra) And(xs [][]uint64) []uint64 {
	r := xs[0]
	for _, x := range xs[1:] {
		for i := range r {
			r[i] &= x[i]
		}
	}
	return r
}

func (a algebra) Or(xs [][]uint64) []uint64 {
	r := xs[0]
	for _, x := range xs[1:] {
		for i := range r {
			r[i] |= x[i]
		}
	}
	return r
}
