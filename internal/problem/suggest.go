package problem

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSuggestLen bounds the length, in runes, of the names [Closest] compares by edit distance:
// a longer name gets no suggestion and a longer candidate is only considered for an exact match
// ignoring letter case, so that a huge reference costs nothing.
const MaxSuggestLen = 256

// SuggestBudget bounds the work of one [Closest] call: it computes at most this many cells of
// edit distance tables (one cell compares two runes), about a millisecond of work. Once the
// budget is spent, the remaining candidates are only compared for an exact match ignoring
// letter case, so a catalog of any size costs one linear pass per suggestion.
const SuggestBudget = 1 << 18

// Closest returns the candidate closest to name, for "did you mean" messages: a candidate equal
// to name ignoring letter case wins; otherwise the one with the smallest edit distance (ignoring
// case; a transposition of adjacent letters is one edit), provided that distance is at most
// max(1, len/3) runes; failing that, the shortest candidate that name is a prefix of, ignoring
// case ("Prod" for "Production", "1.1" for "1.1.0"; for names of at least 2 bytes). Ties go to the
// earlier candidate. ok is false when no candidate is close. candidates may be read twice.
//
// The work is bounded: a candidate whose length differs from name's by more than the best
// distance so far is skipped, the edit distance is computed only in the band of cells that can
// stay under that distance and stops as soon as a row exceeds it, and after [SuggestBudget]
// cells the remaining candidates are only compared ignoring case. Names longer than
// [MaxSuggestLen] runes get no suggestion; the prefix rule is one more linear pass. Closest
// allocates a fixed amount, whatever the
// number of candidates.
func Closest(name string, candidates iter.Seq[string]) (best string, ok bool) {
	if best, ok := closestByDistance(name, candidates); ok {
		return best, true
	}
	return closestByPrefix(name, candidates)
}

// closestByDistance is Closest without the prefix rule.
func closestByDistance(name string, candidates iter.Seq[string]) (best string, ok bool) {
	n := utf8.RuneCountInString(name)
	if n > MaxSuggestLen {
		return "", false
	}
	s := suggester{}
	s.a = lowerRunes(s.a[:0], name)
	limit := max(1, n/3)
	bestD := limit + 1
	budget := SuggestBudget
	for c := range candidates {
		if c == name {
			continue
		}
		if strings.EqualFold(c, name) {
			return c, true
		}
		if budget <= 0 || bestD == 1 {
			continue // only a case-insensitive match can still win
		}
		m := utf8.RuneCountInString(c)
		if m > MaxSuggestLen || abs(m-n) >= bestD {
			continue
		}
		s.b = lowerRunes(s.b[:0], c)
		d, cells := s.distance(bestD)
		budget -= cells
		if d < bestD {
			best, bestD, ok = c, d, true
		}
	}
	return best, ok
}

// closestByPrefix returns the shortest candidate that name is a prefix of, ignoring letter case,
// for names of 2 to MaxSuggestLen bytes.
func closestByPrefix(name string, candidates iter.Seq[string]) (best string, ok bool) {
	if len(name) < 2 || len(name) > MaxSuggestLen {
		return "", false
	}
	for c := range candidates {
		if len(c) > len(name) && (best == "" || len(c) < len(best)) && hasPrefixFold(c, name) {
			best = c
		}
	}
	return best, best != ""
}

// hasPrefixFold reports whether prefix starts s, ignoring letter case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// lowerRunes appends the runes of s in lower case to buf.
func lowerRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, unicode.ToLower(r))
	}
	return buf
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// suggester holds the buffers of one Closest call, reused for every candidate.
type suggester struct {
	a, b          []rune
	pp, prev, cur []int
}

// distance returns the edit distance of s.a and s.b, counting an insertion, deletion,
// substitution or transposition of two adjacent runes as one edit (optimal string alignment),
// or bound when it is at least bound; and the number of table cells it computed. Only the cells
// within bound-1 of the diagonal are computed, and it stops at the first row whose cells are all
// at least bound.
func (s *suggester) distance(bound int) (d, cells int) {
	a, b := s.a, s.b
	k := bound - 1 // the largest distance of interest
	if abs(len(a)-len(b)) > k {
		return bound, 0
	}
	inf := bound
	grow := func(r []int) []int {
		if cap(r) < len(b)+1 {
			return make([]int, len(b)+1, max(len(b)+1, 2*cap(r)))
		}
		return r[:len(b)+1]
	}
	s.pp, s.prev, s.cur = grow(s.pp), grow(s.prev), grow(s.cur)
	pp, prev, cur := s.pp, s.prev, s.cur
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		if lo-1 == 0 {
			cur[0] = min(i, inf)
		} else {
			cur[lo-1] = inf
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			v = min(v, inf)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		cells += hi - lo + 1
		if hi < len(b) {
			cur[hi+1] = inf // read by the next row, whose band reaches one further
		}
		if rowMin >= bound {
			return bound, cells
		}
		pp, prev, cur = prev, cur, pp
	}
	return min(prev[len(b)], bound), cells
}
