package tenant

import (
	"iter"
	"math/bits"
)

// Selection is an immutable set of tenant indexes of one [Set], as a bitset. Its order is the
// set's name order. The zero value is empty. Combine only selections of the same Set; use
// Equal, not ==.
type Selection struct {
	s *Set
	w []uint64
}

// Len returns the number of tenants selected.
func (x Selection) Len() int {
	n := 0
	for _, w := range x.w {
		n += bits.OnesCount64(w)
	}
	return n
}

// Contains reports whether tenant index i is selected.
func (x Selection) Contains(i int) bool {
	return i >= 0 && i/64 < len(x.w) && x.w[i/64]&(1<<(i%64)) != 0
}

// Indexes returns the selected tenant indexes, ascending (name order).
func (x Selection) Indexes() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i, w := range x.w {
			for w != 0 {
				if !yield(i*64 + bits.TrailingZeros64(w)) {
					return
				}
				w &= w - 1
			}
		}
	}
}

// Names returns the names of the selected tenants, in name order (empty, not nil, when none).
func (x Selection) Names() []string {
	out := make([]string, 0, x.Len())
	for i := range x.Indexes() {
		out = append(out, x.s.tenants[i].name)
	}
	return out
}

// Equal reports whether x and y select the same tenant indexes.
func (x Selection) Equal(y Selection) bool {
	for i := range max(len(x.w), len(y.w)) {
		if word(x.w, i) != word(y.w, i) {
			return false
		}
	}
	return true
}

// Union returns the tenants in x or y.
func (x Selection) Union(y Selection) Selection {
	return combine(x, y, func(a, b uint64) uint64 { return a | b })
}

// Intersect returns the tenants in both x and y.
func (x Selection) Intersect(y Selection) Selection {
	return combine(x, y, func(a, b uint64) uint64 { return a & b })
}

// Minus returns the tenants in x and not in y.
func (x Selection) Minus(y Selection) Selection {
	return combine(x, y, func(a, b uint64) uint64 { return a &^ b })
}

func combine(x, y Selection, f func(a, b uint64) uint64) Selection {
	s := x.s
	if s == nil {
		s = y.s
	}
	if s == nil {
		return Selection{}
	}
	w := make([]uint64, s.words)
	for i := range w {
		w[i] = f(word(x.w, i), word(y.w, i))
	}
	return Selection{s: s, w: w}
}

func word(w []uint64, i int) uint64 {
	if i < len(w) {
		return w[i]
	}
	return 0
}
