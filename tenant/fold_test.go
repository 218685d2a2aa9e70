package tenant

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestFoldDuplicates_AgreesWithToLower: the duplicate-name check finds exactly the names whose
// strings.ToLower was seen before, also when every hash collides (mask 1 or 0) and for names with
// non-ASCII letters, the Kelvin sign and invalid UTF-8.
func TestFoldDuplicates_AgreesWithToLower(t *testing.T) {
	pieces := []string{"a", "A", "b", "B", "é", "É", "k", "K", "\u212a", "ß", "s", "\u017f", "\xff", "\ufffd", "-", " "}
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOf(rapid.Custom(func(t *rapid.T) string {
			return strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 4).Draw(t, "pieces"), "")
		})).Draw(t, "names")
		for _, mask := range []uint64{^uint64(0), 1, 0} {
			dup := foldDuplicates(len(names), func(i int) string { return names[i] }, mask)
			seen := map[string]bool{}
			for i, n := range names {
				low := strings.ToLower(n)
				require.Equal(t, seen[low], dup[i], "mask %x, name %d %q", mask, i, n)
				seen[low] = true
			}
		}
	})
}

func TestLowerEqual(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Acme", "acme", true},
		{"Acme", "acm", false},
		{"", "", true},
		{"ÉTÉ", "été", true},
		{"\u212a", "k", true}, // the Kelvin sign lower-cases to k
		{"\xff", "\ufffd", true},
		{"ß", "ss", false},
		{"\u017f", "s", false}, // the long s folds to s, but does not lower-case to it
	} {
		require.Equal(t, tt.want, lowerEqual(tt.a, tt.b), "%q %q", tt.a, tt.b)
		// The reference is ToLower equality, which is not strings.EqualFold (the long s).
		la, lb := strings.ToLower(tt.a), strings.ToLower(tt.b)
		require.Equal(t, la == lb, tt.want, "%q %q", tt.a, tt.b)
	}
}

// TestNameOrder_AgreesWithStringsCompare: the order of names sorted by their first 16 bytes, then
// whole, is the order of strings.Compare (then of their indexes), also for names that share long
// prefixes, are shorter than 16 bytes, end in NUL bytes or are not UTF-8.
func TestNameOrder_AgreesWithStringsCompare(t *testing.T) {
	pieces := []string{"tenant-", "0000000", "1", "9", "\x00", "é", "\xff", "A", "a", ""}
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOf(rapid.Custom(func(t *rapid.T) string {
			return strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 6).Draw(t, "pieces"), "")
		})).Draw(t, "names")
		ts := make([]Tenant, len(names))
		want := make([]int, len(names))
		for i, n := range names {
			ts[i].name = n
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int { return strings.Compare(names[a], names[b]) })
		require.Equal(t, want, nameOrder(ts))
	})
}
