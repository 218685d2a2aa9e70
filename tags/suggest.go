package tags

import (
	"errors"
	"iter"
	"strings"
	"unicode/utf8"
)

// joinErrors joins errs with errors.Join; the result's Unwrap() []error exposes each one.
func joinErrors(errs []error) error { return errors.Join(errs...) }

// maxSuggest bounds the length (in runes) of names compared for suggestions, so that a huge
// reference costs nothing.
const maxSuggest = 256

// Closest returns the candidate closest to name, for "did you mean" messages: a candidate equal
// to name ignoring letter case wins; otherwise the one with the smallest edit distance (ignoring
// case; a transposition of adjacent letters is one edit), provided that distance is at most
// max(1, len/3) runes. Ties go to the earlier candidate. ok is false when no candidate is close.
// Closest costs nothing for names longer than 256 runes.
func Closest(name string, candidates iter.Seq[string]) (best string, ok bool) {
	n := utf8.RuneCountInString(name)
	if n > maxSuggest {
		return "", false
	}
	lname := []rune(strings.ToLower(name))
	limit := max(1, n/3)
	bestD := limit + 1
	for c := range candidates {
		if c == name {
			continue
		}
		m := utf8.RuneCountInString(c)
		if m > maxSuggest || abs(m-n) >= bestD {
			continue
		}
		lc := []rune(strings.ToLower(c))
		d := distance(lname, lc, bestD)
		if d < bestD {
			best, bestD, ok = c, d, true
			if d == 0 {
				return best, true
			}
		}
	}
	return best, ok
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the edit distance of a and b, counting an insertion, deletion, substitution or
// transposition of two adjacent runes as one edit (optimal string alignment), or bound when it
// is at least bound.
func distance(a, b []rune, bound int) int {
	pp := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= bound {
			return bound
		}
		pp, prev, cur = prev, cur, pp
	}
	return min(prev[len(b)], bound)
}
