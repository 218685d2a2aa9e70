package tags_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/tags"
)

// genIDs draws IDs clustered at the start, spread over a huge range, or both.
func genIDs() *rapid.Generator[[]tags.ID] {
	low := rapid.Custom(func(t *rapid.T) tags.ID { return tags.ID(rapid.IntRange(0, 300).Draw(t, "low")) })
	high := rapid.Custom(func(t *rapid.T) tags.ID { return tags.ID(rapid.IntRange(0, 1<<22).Draw(t, "high")) })
	return rapid.SliceOfN(rapid.OneOf(low, high), 0, 20)
}

// TestBits_AgreesWithMap: whatever the mix of dense and sparse words, Bits behaves as a set.
func TestBits_AgreesWithMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := genIDs().Draw(t, "ids")
		set := map[tags.ID]bool{}
		for _, id := range ids {
			set[id] = true
		}
		b := tags.NewBits(ids...)
		require.Equal(t, len(set), b.Len())
		want := slices.Sorted(maps.Keys(set))
		require.Equal(t, want, slices.Collect(b.IDs()))
		for _, probe := range genIDs().Draw(t, "probes") {
			require.Equal(t, set[probe], b.Has(probe), "%d", probe)
		}
		for _, id := range ids {
			require.True(t, b.Has(id))
		}
		shuffled := rapid.Permutation(ids).Draw(t, "shuffled")
		require.True(t, b.Equal(tags.NewBits(shuffled...)))
		other := genIDs().Draw(t, "other")
		o := tags.NewBits(other...)
		require.Equal(t, slices.Equal(want, slices.Collect(o.IDs())), b.Equal(o))
		require.Equal(t, b.Equal(o), o.Equal(b))
	})
}

// TestBound_MatchSparseBits: Match reads the sparse words of a tenant carrying far-apart IDs.
func TestBound_MatchSparseBits(t *testing.T) {
	free, err := tags.NewTagSet("Free", tags.FreeText, nil)
	require.NoError(t, err)
	var values []string
	for i := range 100_000 {
		values = append(values, fmt.Sprintf("Free/v%06d", i))
	}
	c := tags.MustNewCatalog([]tags.TagSet{free}, values)
	rapid.Check(t, func(t *rapid.T) {
		carried := rapid.SliceOfN(rapid.IntRange(0, len(values)-1), 0, 6).Draw(t, "carried")
		asked := rapid.SliceOfN(rapid.IntRange(0, len(values)-1), 1, 6).Draw(t, "asked")
		var ids []tags.ID
		for _, i := range carried {
			ids = append(ids, tags.ID(i))
		}
		refs := make([]string, len(asked))
		want := false
		for k, i := range asked {
			refs[k] = values[i]
			want = want || slices.Contains(carried, i)
		}
		b, err := tags.NewFilter(nil, refs).Bind(c, nil)
		require.NoError(t, err)
		require.Equal(t, want, b.Match(tags.NewBits(ids...), 0))
		nb, err := tags.Not(tags.NewFilter(nil, refs).Expr()).Bind(c, nil)
		require.NoError(t, err)
		require.Equal(t, !want, nb.Match(tags.NewBits(ids...), 0))
	})
}

// TestNewBits_MemoryFollowsIDs: a tenant with one low and one very high ID costs a few words,
// not one bit per ID below the highest (which was 128 KiB here).
func TestNewBits_MemoryFollowsIDs(t *testing.T) {
	var sink tags.Bits
	n := lineartest.AllocBytes(func() { sink = tags.NewBits(3, 1<<20) })
	require.Less(t, n, uint64(512), "bytes allocated by NewBits(3, 1<<20)")
	require.True(t, sink.Has(1<<20))
	// Dense IDs stay dense: 256 consecutive IDs take 4 words and a sorted copy.
	n = lineartest.AllocBytes(func() {
		sink = tags.NewBits(slices.Collect(func(yield func(tags.ID) bool) {
			for i := range tags.ID(256) {
				yield(i)
			}
		})...)
	})
	require.Less(t, n, uint64(4*1024))
}

// TestNewBits_Linear: the memory of n tenants each carrying a low ID and its own high ID (a
// FreeText value unique to each tenant) grows linearly with n.
func TestNewBits_Linear(t *testing.T) {
	lineartest.Require(t, 1_000, 8, true, func(n int) func() {
		return func() {
			bits := make([]tags.Bits, n)
			for i := range bits {
				bits[i] = tags.NewBits(1, tags.ID(10+i))
			}
		}
	})
}

// TestBitsArena_SameSetsAsNewBits: sets built by one BitsArena, in chunks they share, equal the
// sets NewBits builds, and building more sets changes none of the earlier ones.
func TestBitsArena_SameSetsAsNewBits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lists := rapid.SliceOfN(genIDs(), 0, 600).Draw(t, "lists")
		var a tags.BitsArena
		built := make([]tags.Bits, len(lists))
		for i, ids := range lists {
			built[i] = a.New(ids...)
			require.True(t, built[i].Equal(tags.NewBits(ids...)), "set %d", i)
		}
		for i, ids := range lists {
			require.Equal(t, tags.NewBits(ids...).String(), built[i].String(), "set %d after the others", i)
		}
	})
}
