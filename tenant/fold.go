package tenant

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldHash is a hash of the lower case of name (FNV-1a over its lower-case runes), computed
// without building the lower-case copy.
func foldHash(name string) uint64 {
	h := uint64(14695981039346656037)
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
	return h
}

// foldDuplicates reports, for each of the n names (name(i) is the i-th), whether an earlier name
// is equal to it once lower-cased (as strings.ToLower does), without building the lower-case
// copies. The names are ordered by a hash of their lower case (only the bits of mask are kept:
// all but in tests, which force collisions) and compared only within a run of equal hashes: a
// short run rune by rune, a long one (many names equal but for case, or colliding hashes) by
// their lower case in a map, so that every name costs constant work besides the sort.
func foldDuplicates(n int, name func(i int) string, mask uint64) []bool {
	type entry struct {
		h uint64
		i int32
	}
	es := make([]entry, n)
	for i := range es {
		es[i] = entry{h: foldHash(name(i)) & mask, i: int32(i)}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.i, b.i)) })
	dup := make([]bool, n)
	for len(es) > 0 {
		g := 1
		for g < len(es) && es[g].h == es[0].h {
			g++
		}
		run := es[:g] // by index
		es = es[g:]
		if len(run) <= 8 {
			for j := 1; j < len(run); j++ {
				for k := range j {
					if lowerEqual(name(int(run[k].i)), name(int(run[j].i))) {
						dup[run[j].i] = true
						break
					}
				}
			}
			continue
		}
		seen := make(map[string]bool, len(run))
		for _, e := range run {
			low := strings.ToLower(name(int(e.i)))
			dup[e.i] = seen[low]
			seen[low] = true
		}
	}
	return dup
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
