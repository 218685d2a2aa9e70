package tags

import (
	"iter"
	"math/bits"
	"strconv"
	"strings"
)

// Bits is a set of tag IDs: the tags one tenant carries, as a bitset. It is an immutable value;
// Has is O(1) and allocation free. The zero value is the empty set. Use Equal, not ==.
// Memory is proportional to the largest ID, so build Bits from catalog IDs.
type Bits struct {
	w []uint64
}

// NewBits returns the set of ids (duplicates are ignored).
func NewBits(ids ...ID) Bits {
	var top ID
	for _, id := range ids {
		top = max(top, id)
	}
	if len(ids) == 0 {
		return Bits{}
	}
	w := make([]uint64, top/64+1)
	for _, id := range ids {
		w[id/64] |= 1 << (id % 64)
	}
	return Bits{w: w}
}

// Has reports whether id is in b.
func (b Bits) Has(id ID) bool {
	i := int(id / 64)
	return i < len(b.w) && b.w[i]&(1<<(id%64)) != 0
}

// Len returns the number of IDs in b.
func (b Bits) Len() int {
	n := 0
	for _, w := range b.w {
		n += bits.OnesCount64(w)
	}
	return n
}

// IDs returns the IDs in b, ascending.
func (b Bits) IDs() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for i, w := range b.w {
			for w != 0 {
				t := bits.TrailingZeros64(w)
				if !yield(ID(i*64 + t)) {
					return
				}
				w &= w - 1
			}
		}
	}
}

// Equal reports whether b and o hold the same IDs.
func (b Bits) Equal(o Bits) bool {
	n := max(len(b.w), len(o.w))
	for i := range n {
		var x, y uint64
		if i < len(b.w) {
			x = b.w[i]
		}
		if i < len(o.w) {
			y = o.w[i]
		}
		if x != y {
			return false
		}
	}
	return true
}

// String returns the IDs as "{1 5 9}".
func (b Bits) String() string {
	var s strings.Builder
	s.WriteByte('{')
	for id := range b.IDs() {
		if s.Len() > 1 {
			s.WriteByte(' ')
		}
		s.WriteString(strconv.FormatUint(uint64(id), 10))
	}
	s.WriteByte('}')
	return s.String()
}
