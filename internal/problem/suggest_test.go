package problem_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/problem"
)

func TestClosest(t *testing.T) {
	cands := slices.Values([]string{"Production", "Staging", "Test", "prod"})
	tests := []struct {
		in, want string
	}{
		{"production", "Production"}, // case only
		{"Prodution", "Production"},
		{"Stageing", "Staging"},
		{"Tset", "Test"},
		{"Prod", "prod"},
		{"Xyz", ""},
		{"Stag", "Staging"}, // a prefix
		{"te", "Test"},
		{"S", ""}, // too short for a prefix
		{string(make([]byte, 300)), ""},
	}
	for _, tt := range tests {
		got, ok := problem.Closest(tt.in, cands)
		require.Equal(t, tt.want, got, "%q", tt.in)
		require.Equal(t, tt.want != "", ok)
	}
}

// slowDistance is the textbook optimal string alignment distance, on lower-cased runes.
func slowDistance(a, b string) int {
	x := []rune(strings.ToLower(a))
	y := []rune(strings.ToLower(b))
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// slowClosest is the rule of Closest written plainly: an equal-ignoring-case candidate first,
// else the first with the smallest distance, at most max(1, len/3), else the shortest candidate
// that name is a prefix of.
func slowClosest(name string, cands []string) (string, bool) {
	for _, c := range cands {
		if c != name && strings.EqualFold(c, name) {
			return c, true
		}
	}
	limit := max(1, len([]rune(name))/3)
	best, bestD, ok := "", limit+1, false
	for _, c := range cands {
		if c == name {
			continue
		}
		if d := slowDistance(name, c); d < bestD {
			best, bestD, ok = c, d, true
		}
	}
	if ok {
		return best, true
	}
	if len(name) < 2 || len(name) > problem.MaxSuggestLen {
		return "", false
	}
	for _, c := range cands { // the shortest candidate name is a prefix of, ignoring case
		if len(c) > len(name) && (best == "" || len(c) < len(best)) && strings.HasPrefix(strings.ToLower(c), strings.ToLower(name)) {
			best = c
		}
	}
	return best, best != ""
}

// TestClosest_AgreesWithSlow: the banded, early-exit distance gives the suggestion of the
// plain one (for candidate lists well within the work budget).
func TestClosest_AgreesWithSlow(t *testing.T) {
	word := rapid.StringOfN(rapid.SampledFrom([]rune("abcABC-é")), 0, 12, -1)
	rapid.Check(t, func(t *rapid.T) {
		name := word.Draw(t, "name")
		cands := rapid.SliceOfN(word, 0, 12).Draw(t, "cands")
		for i, c := range cands { // make near misses likely
			if rapid.Bool().Draw(t, fmt.Sprint("mutate", i)) && name != "" {
				r := []rune(name)
				k := rapid.IntRange(0, len(r)-1).Draw(t, fmt.Sprint("at", i))
				r[k] = unicode.ToUpper(r[k]) + 1
				cands[i] = string(r)
			}
			_ = c
		}
		got, ok := problem.Closest(name, slices.Values(cands))
		want, wok := slowClosest(name, cands)
		require.Equal(t, wok, ok)
		if strings.EqualFold(want, got) && slowDistance(name, want) == slowDistance(name, got) {
			return // equal up to which of two equally good candidates is first
		}
		require.Equal(t, want, got, "name %q in %q", name, cands)
	})
}

// TestClosest_BoundedWork: a huge candidate list costs one pass, and an exact match ignoring case
// is still found after the edit distance budget is spent.
func TestClosest_BoundedWork(t *testing.T) {
	cands := make([]string, 200_000)
	for i := range cands {
		cands[i] = fmt.Sprintf("candidate-%07d", i)
	}
	cands = append(cands, "Candidate-Wanted")
	got, ok := problem.Closest("candidate-wanted", slices.Values(cands))
	require.True(t, ok)
	require.Equal(t, "Candidate-Wanted", got)
	allocs := testing.AllocsPerRun(3, func() { problem.Closest("candidate-xyzzyxx", slices.Values(cands)) })
	require.LessOrEqual(t, allocs, 40.0, "a fixed number of buffers, not one per candidate")
}
