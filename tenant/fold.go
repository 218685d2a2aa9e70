package tenant

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldSet finds names that are equal once lower-cased (as strings.ToLower does) without building
// the lower-case copies: a name is kept by a hash of its lower-case runes, and compared rune by rune
// only when two hashes meet. It takes one small map entry per name. Names whose hash meets a
// different name are kept by their lower case in a second map, so that even colliding names
// cost constant work each.
type foldSet struct {
	first map[uint64]string // hash -> the first name with that hash
	other map[string]bool   // lower-case names whose hash met a different name first (rare)
	mask  uint64            // the bits of the hash kept: all but in tests, which force collisions
}

func newFoldSet(n int) *foldSet {
	return &foldSet{first: make(map[uint64]string, n), mask: ^uint64(0)}
}

// add records name and reports whether no name equal to it but for letter case was added before.
func (f *foldSet) add(name string) bool {
	h := uint64(14695981039346656037) // FNV-1a over the lower-case runes
	for _, r := range name {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		h = (h ^ uint64(r)) * 1099511628211
	}
	h &= f.mask
	prev, ok := f.first[h]
	if !ok {
		f.first[h] = name
		return true
	}
	if lowerEqual(prev, name) {
		return false
	}
	low := strings.ToLower(name)
	if f.other == nil {
		f.other = map[string]bool{}
	}
	if f.other[low] {
		return false
	}
	f.other[low] = true
	return true
}

// lowerEqual reports whether strings.ToLower(a) == strings.ToLower(b), without building either.
func lowerEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}
