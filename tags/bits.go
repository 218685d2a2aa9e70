package tags

import (
	"iter"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Bits is a set of tag IDs: the tags one tenant carries, as a bitset. It is an immutable value;
// Has is O(1) for the IDs of its dense part and allocation free. The zero value is the empty
// set. Use Equal, not ==.
//
// Memory is proportional to the number of IDs, not to the largest one: the words of low IDs are
// kept densely as long as at least a quarter of them are used, and the words past that are kept
// as a sorted list of (index, word) pairs. So a tenant carrying one FreeText value whose ID is
// near the end of a huge catalog costs a few words, not a bit per tag of the catalog.
type Bits struct {
	w  []uint64 // words 0..len(w)-1
	sp *sparse  // words past len(w) that are not zero, or nil
}

// sparse is the sparse part of a Bits: words by ascending index. It sits behind a pointer so that
// a Bits stays small for the matcher, which takes it by value.
type sparse struct {
	words []sword
}

// sword is one word of the sparse part of a Bits.
type sword struct {
	i int
	m uint64
}

// NewBits returns the set of ids (duplicates are ignored).
func NewBits(ids ...ID) Bits { return (*BitsArena)(nil).New(ids...) }

// BitsArena builds many Bits with few allocations: the words of the sets it returns are taken from
// chunks (of about 4,096 words) that the sets share, where [NewBits] allocates a slice per set.
// Each set is still an immutable value; one set kept alone keeps its chunk alive. The zero value
// is ready to use. A BitsArena is not safe for concurrent use; the sets it builds are.
type BitsArena struct {
	words []uint64 // the free words of the current chunk
}

// bitsChunk is the number of words a BitsArena allocates at a time.
const bitsChunk = 4096

// take returns n zero words, from the current chunk (a nil arena allocates them).
func (a *BitsArena) take(n int) []uint64 {
	if a == nil || n == 0 {
		return make([]uint64, n)
	}
	if len(a.words) < n {
		a.words = make([]uint64, max(n, bitsChunk))
	}
	w := a.words[:n:n]
	a.words = a.words[n:]
	return w
}

// New returns the set of ids, as [NewBits] does (duplicates are ignored), its words taken from
// the arena's chunks.
func (a *BitsArena) New(ids ...ID) Bits {
	if len(ids) == 0 {
		return Bits{}
	}
	sorted := ids // read only: copied before sorting
	if !increasing(ids) {
		sorted = slices.Clone(ids)
		slices.Sort(sorted)
		sorted = slices.Compact(sorted)
	}
	// The dense part ends after the last word up to which at least a quarter of the words
	// (plus a slack of 4) hold an ID.
	dense, used, last := 0, 0, -1
	for _, id := range sorted {
		wi := int(id / 64)
		if wi != last {
			used++
			last = wi
			if wi+1 <= 4*used+4 {
				dense = wi + 1
			}
		}
	}
	b := Bits{w: a.take(dense)}
	var sp []sword
	for _, id := range sorted {
		wi, m := int(id/64), uint64(1)<<(id%64)
		switch {
		case wi < dense:
			b.w[wi] |= m
		case len(sp) > 0 && sp[len(sp)-1].i == wi:
			sp[len(sp)-1].m |= m
		default:
			sp = append(sp, sword{i: wi, m: m})
		}
	}
	if len(sp) > 0 {
		b.sp = &sparse{words: sp}
	}
	return b
}

// increasing reports whether ids are strictly increasing (sorted, without repeats).
func increasing(ids []ID) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return false
		}
	}
	return true
}

// word returns word i of b (zero when b has none).
func (b Bits) word(i int) uint64 {
	if uint(i) < uint(len(b.w)) {
		return b.w[i]
	}
	return b.sp.word(i)
}

// sparseWords returns the sparse words of b.
func (b Bits) sparseWords() []sword {
	if b.sp == nil {
		return nil
	}
	return b.sp.words
}

// word returns word i of the sparse part (zero when it has none; sp may be nil).
func (sp *sparse) word(i int) uint64 {
	if sp == nil {
		return 0
	}
	words := sp.words
	lo, hi := 0, len(words)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if words[mid].i < i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(words) && words[lo].i == i {
		return words[lo].m
	}
	return 0
}

// Has reports whether id is in b.
func (b Bits) Has(id ID) bool {
	return b.word(int(id/64))&(1<<(id%64)) != 0
}

// Len returns the number of IDs in b.
func (b Bits) Len() int {
	n := 0
	for _, w := range b.w {
		n += bits.OnesCount64(w)
	}
	for _, s := range b.sparseWords() {
		n += bits.OnesCount64(s.m)
	}
	return n
}

// IDs returns the IDs in b, ascending.
func (b Bits) IDs() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for i, w := range b.w {
			if !yieldWord(i, w, yield) {
				return
			}
		}
		for _, s := range b.sparseWords() {
			if !yieldWord(s.i, s.m, yield) {
				return
			}
		}
	}
}

// yieldWord yields the IDs of word i, whose bits are w; false when yield asked to stop.
func yieldWord(i int, w uint64, yield func(ID) bool) bool {
	for w != 0 {
		if !yield(ID(i*64 + bits.TrailingZeros64(w))) {
			return false
		}
		w &= w - 1
	}
	return true
}

// Equal reports whether b and o hold the same IDs.
func (b Bits) Equal(o Bits) bool {
	n := max(len(b.w), len(o.w))
	for i := range n {
		if b.word(i) != o.word(i) {
			return false
		}
	}
	return slices.Equal(sparseFrom(b.sparseWords(), n), sparseFrom(o.sparseWords(), n))
}

// sparseFrom returns the words of sp whose index is at least n.
func sparseFrom(sp []sword, n int) []sword {
	for len(sp) > 0 && sp[0].i < n {
		sp = sp[1:]
	}
	return sp
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
