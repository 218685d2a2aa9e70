package tags

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// ID is a dense tag id in a [Catalog]: 0..Len()-1, in catalog order.
type ID uint32

// Catalog is the set of known tag sets with every tag (and every FreeText value in use) given a
// dense [ID]. IDs are laid out in catalog order: sets in the given order, a set's tags in its
// order, a FreeText set's values sorted by byte order; so each set's IDs are contiguous and
// sorting IDs gives display order. A Catalog is immutable and safe for concurrent use.
// A nil *Catalog is an empty catalog.
type Catalog struct {
	sets     []TagSet
	start    []ID // start[i]: first ID of set i; start[len(sets)] == Len()
	names    []string
	setOf    []int32
	byName   map[string]ID
	setIndex map[string]int
}

// NewCatalog builds a catalog of sets. freeValues are the canonical names ("Region/eu-west-1")
// of the FreeText values in use (duplicates are ignored; values compare exactly). Errors, all
// returned at once as *DefinitionError: an invalid set (see NewTagSet), two sets whose names are
// equal or differ only in letter case (ErrDuplicateName), a value without "/" or of an unknown
// set (ErrUnknownTagSet), a value of a set that is not FreeText, or an empty or "*" value
// (ErrInvalidValue). NewCatalog copies what it is given.
func NewCatalog(sets []TagSet, freeValues []string) (*Catalog, error) {
	var errs []error
	c := &Catalog{
		sets:     make([]TagSet, len(sets)),
		setIndex: make(map[string]int, len(sets)),
	}
	lower := make(map[string]int, len(sets))
	for i, s := range sets {
		s.tags = slices.Clone(s.tags)
		c.sets[i] = s
		errs = append(errs, s.validate(i)...)
		k := strings.ToLower(s.name)
		if j, ok := lower[k]; ok {
			errs = append(errs, &DefinitionError{Set: s.name, SetIndex: i, TagIndex: -1, ValueIndex: -1,
				Err: ErrDuplicateName, Message: fmt.Sprintf("same name as tag set %d %s", j, problem.Quote(sets[j].name))})
			continue
		}
		lower[k] = i
		c.setIndex[s.name] = i
	}
	free := make([][]string, len(sets))
	seen := make(map[string]bool, len(freeValues))
	for vi, v := range freeValues {
		setName, value, found := strings.Cut(v, "/")
		bad := func(err error, msg string) {
			errs = append(errs, &DefinitionError{Set: setName, SetIndex: -1, Tag: v, TagIndex: -1, ValueIndex: vi, Err: err, Message: msg})
		}
		i, ok := c.setIndex[setName]
		switch {
		case !found:
			bad(ErrUnknownTagSet, `a canonical tag name must contain "/"`)
		case !ok:
			bad(ErrUnknownTagSet, "no such tag set")
		case sets[i].typ != FreeText:
			bad(ErrInvalidValue, "a free value of a "+sets[i].typ.String()+" tag set")
		case value == "" || value == Wildcard:
			bad(ErrInvalidValue, "empty or \"*\" free value")
		case !seen[v]:
			seen[v] = true
			free[i] = append(free[i], value)
		}
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	n := 0
	for i, s := range c.sets {
		slices.Sort(free[i])
		n += len(s.tags) + len(free[i])
	}
	c.start = make([]ID, 0, len(sets)+1)
	c.names = make([]string, 0, n)
	c.setOf = make([]int32, 0, n)
	c.byName = make(map[string]ID, n)
	for i, s := range c.sets {
		c.start = append(c.start, ID(len(c.names)))
		for _, t := range slices.Concat(s.tags, free[i]) {
			name := s.name + "/" + t
			c.byName[name] = ID(len(c.names))
			c.names = append(c.names, name)
			c.setOf = append(c.setOf, int32(i))
		}
	}
	c.start = append(c.start, ID(len(c.names)))
	return c, nil
}

// MustNewCatalog is like NewCatalog but panics on error. It is for tests and fixed tables.
func MustNewCatalog(sets []TagSet, freeValues []string) *Catalog {
	c, err := NewCatalog(sets, freeValues)
	if err != nil {
		panic(err)
	}
	return c
}

// Len returns the number of IDs.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.names)
}

// Sets returns a copy of the tag sets, in catalog order.
func (c *Catalog) Sets() []TagSet {
	if c == nil {
		return nil
	}
	return slices.Clone(c.sets)
}

// SetIndex returns the index in Sets() of the set with exactly this name.
func (c *Catalog) SetIndex(name string) (int, bool) {
	c = c.orEmpty()
	i, ok := c.setIndex[name]
	return i, ok
}

// SetRange returns the IDs of set i: lo <= id < hi (empty for a FreeText set without values or
// an index out of range).
func (c *Catalog) SetRange(i int) (lo, hi ID) {
	c = c.orEmpty()
	if i < 0 || i >= len(c.sets) {
		return 0, 0
	}
	return c.start[i], c.start[i+1]
}

// SetOf returns the index in Sets() of the set of id, or -1 when id is out of range.
func (c *Catalog) SetOf(id ID) int {
	c = c.orEmpty()
	if int(id) >= len(c.setOf) {
		return -1
	}
	return int(c.setOf[id])
}

// Name returns the canonical name "Set/Tag" of id, or "" when id is out of range.
func (c *Catalog) Name(id ID) string {
	c = c.orEmpty()
	if int(id) >= len(c.names) {
		return ""
	}
	return c.names[id]
}

// IDs returns every ID in catalog order with its canonical name.
func (c *Catalog) IDs() iter.Seq2[ID, string] {
	c = c.orEmpty()
	return func(yield func(ID, string) bool) {
		for i, n := range c.names {
			if !yield(ID(i), n) {
				return
			}
		}
	}
}

// Lookup resolves a canonical tag name, split at the first "/". An error is a *BindError
// (Offset and Index -1) wrapping ErrUnknownTagSet or ErrUnknownTag, with a "did you mean"
// suggestion when a close name exists. A FreeText value that is not in the catalog is
// ErrUnknownTag (nobody carries it); so is the wildcard "Set/*", which names no single tag.
// The suggestion costs a pass over the tag set's names (see [Catalog.Suggest]); to check many names,
// use [Catalog.Resolve] and ask [Catalog.Suggest] only for the errors you report.
func (c *Catalog) Lookup(canonical string) (ID, error) {
	c = c.orEmpty()
	id, st := c.resolve(canonical)
	if st == resolved {
		return id, nil
	}
	e := c.refError(canonical, st, -1, -1)
	e.Suggestion, _ = c.Suggest(canonical)
	return 0, e
}

// Resolve is like [Catalog.Lookup] but the error carries no suggestion, so that it costs one map
// lookup whatever the size of the catalog. The error, when not nil, is a *BindError.
func (c *Catalog) Resolve(canonical string) (ID, error) {
	c = c.orEmpty()
	id, st := c.resolve(canonical)
	if st == resolved {
		return id, nil
	}
	return 0, c.refError(canonical, st, -1, -1)
}

// resolution is the outcome of resolving a canonical tag name.
type resolution uint8

const (
	resolved    resolution = iota
	wildcard               // "Set/*" of a known set; id is unset
	freeMissing            // a FreeText value that is not in the catalog
	unknownSet             // no such tag set
	unknownTag             // the set exists but has no such tag
)

// resolve resolves a canonical name; for wildcard and freeMissing the set is known.
func (c *Catalog) resolve(canonical string) (ID, resolution) {
	if id, ok := c.byName[canonical]; ok {
		return id, resolved
	}
	setName, tag, found := strings.Cut(canonical, "/")
	i, ok := c.setIndex[setName]
	switch {
	case !found || !ok:
		return 0, unknownSet
	case tag == Wildcard:
		return 0, wildcard
	case c.sets[i].typ == FreeText && tag != "":
		return 0, freeMissing
	}
	return 0, unknownTag
}

// refError builds the *BindError of an unresolved tag reference, without a suggestion.
func (c *Catalog) refError(ref string, st resolution, offset, index int) *BindError {
	e := &BindError{Ref: ref, Offset: offset, Index: index, Err: ErrUnknownTag}
	if st == unknownSet {
		e.Err = ErrUnknownTagSet
	}
	return e
}

// Suggest returns a close existing canonical name for a reference that does not resolve to a
// tag ("did you mean"), as [Catalog.Lookup] reports it: for an unknown tag set, the closest set
// name (and, when the tag is not one of that set's, the closest of its tags); for an unknown tag,
// the closest tag of its set. ok is false when canonical resolves or nothing is close. Its cost
// is bounded: see "Limits" in the package documentation.
func (c *Catalog) Suggest(canonical string) (suggestion string, ok bool) {
	c = c.orEmpty()
	_, st := c.resolve(canonical)
	if st == resolved || st == wildcard {
		return "", false
	}
	setName, tag, _ := strings.Cut(canonical, "/")
	if st == unknownSet {
		s, ok := problem.Closest(setName, c.setNames())
		if !ok {
			return "", false
		}
		if j := c.setIndex[s]; c.sets[j].typ != FreeText && tag != Wildcard && !slices.Contains(c.sets[j].tags, tag) {
			if t, ok := problem.Closest(tag, slices.Values(c.sets[j].tags)); ok {
				return s + "/" + t, true
			}
		}
		return s + "/" + tag, true
	}
	i := c.setIndex[setName]
	lo, hi := c.start[i], c.start[i+1]
	t, ok := problem.Closest(tag, func(yield func(string) bool) {
		for id := lo; id < hi; id++ {
			if !yield(c.names[id][len(setName)+1:]) {
				return
			}
		}
	})
	if !ok {
		return "", false
	}
	return setName + "/" + t, true
}

func (c *Catalog) setNames() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, s := range c.sets {
			if !yield(s.name) {
				return
			}
		}
	}
}

// orEmpty returns c, or an empty catalog when c is nil.
func (c *Catalog) orEmpty() *Catalog {
	if c == nil {
		return &Catalog{start: []ID{0}}
	}
	return c
}
