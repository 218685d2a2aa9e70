package tags_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/tags"
)

// wideCatalog has one MultiSelect set "Big" of n tags "tag-000000".. and one FreeText set "Free".
func wideCatalog(t testing.TB, n int) *tags.Catalog {
	t.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("tag-%06d", i)
	}
	big, err := tags.NewTagSet("Big", tags.MultiSelect, names)
	require.NoError(t, err)
	free, err := tags.NewTagSet("Free", tags.FreeText, nil)
	require.NoError(t, err)
	return tags.MustNewCatalog([]tags.TagSet{big, free}, nil)
}

// unknownRefs returns n references to tags of Big that do not exist, each one edit away from
// an existing tag, so that every one of them has a suggestion.
func unknownRefs(n int) []string {
	refs := make([]string, n)
	for i := range refs {
		refs[i] = fmt.Sprintf("Big/tag-%06dx", i)
	}
	return refs
}

// TestBind_ManyUnknownReferences: 5,000 tags and 20,000 unknown references are rejected with
// the first DefaultMaxErrors references reported, each with its suggestion, then one
// *OmittedError counting the rest. Before the cap, every reference got a suggestion computed
// against the whole catalog (31 s and 23 GB).
func TestBind_ManyUnknownReferences(t *testing.T) {
	c := wideCatalog(t, 5_000)
	refs := unknownRefs(20_000)
	parts := make([]tags.Expr, len(refs))
	for i, r := range refs {
		parts[i] = tags.Tag(r)
	}
	for name, bind := range map[string]func() (*tags.Bound, error){
		"expr":   func() (*tags.Bound, error) { return tags.Or(parts...).Bind(c, nil) },
		"filter": func() (*tags.Bound, error) { return tags.NewFilter(nil, refs).Bind(c, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			b, err := bind()
			require.Nil(t, b)
			errs := err.(interface{ Unwrap() []error }).Unwrap()
			require.Len(t, errs, tags.DefaultMaxErrors+1)
			for i, e := range errs[:tags.DefaultMaxErrors] {
				var be *tags.BindError
				require.ErrorAs(t, e, &be)
				require.Equal(t, refs[i], be.Ref)
				require.Equal(t, strings.TrimSuffix(refs[i], "x"), be.Suggestion)
			}
			var oe *tags.OmittedError
			require.ErrorAs(t, errs[len(errs)-1], &oe)
			require.Equal(t, tags.OmittedError{Omitted: 20_000 - tags.DefaultMaxErrors, Reported: tags.DefaultMaxErrors}, *oe)
			require.ErrorIs(t, oe, tags.ErrLimit)
			require.Contains(t, oe.Error(), "19900 more problems not reported")
			require.Contains(t, oe.Error(), "default 100")
			require.Equal(t, "unknown-tag", codeOf(err))
		})
	}
}

// TestBindOptions_MaxErrors: the cap is settable; negative reports everything.
func TestBindOptions_MaxErrors(t *testing.T) {
	c := wideCatalog(t, 10)
	refs := append(unknownRefs(3), "Nope/a")
	f := tags.NewFilter([]string{"ghost"}, refs)
	tests := []struct {
		max      int
		reported int
		omitted  int
	}{
		{max: 0, reported: 5},
		{max: -1, reported: 5},
		{max: 2, reported: 2, omitted: 3},
		{max: 5, reported: 5},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			_, err := tags.BindOptions{MaxErrors: tt.max}.BindFilter(f, c, nil)
			errs := err.(interface{ Unwrap() []error }).Unwrap()
			var oe *tags.OmittedError
			if tt.omitted == 0 {
				require.Len(t, errs, tt.reported)
				require.False(t, errors.As(err, &oe))
			} else {
				require.Len(t, errs, tt.reported+1)
				require.ErrorAs(t, errs[tt.reported], &oe)
				require.Equal(t, tt.omitted, oe.Omitted)
			}
			require.ErrorIs(t, errs[0], tags.ErrUnknownTenant, "tenants come first")
			_, err = tags.BindOptions{MaxErrors: tt.max}.Bind(f.Expr(), c, nil)
			require.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), len(errs))
		})
	}
}

// TestCatalog_ResolveAndSuggest: Resolve is Lookup without the suggestion; Suggest gives it.
func TestCatalog_ResolveAndSuggest(t *testing.T) {
	c := wideCatalog(t, 10)
	for _, ref := range []string{"Big/tag-000001", "Big/tag-00001", "Bgi/tag-000001", "Bgi/tga-000001", "Big/*", "Free/x", "x"} {
		id1, err1 := c.Lookup(ref)
		id2, err2 := c.Resolve(ref)
		require.Equal(t, id1, id2, ref)
		require.Equal(t, err1 == nil, err2 == nil, ref)
		s, ok := c.Suggest(ref)
		if err1 == nil {
			require.False(t, ok)
			continue
		}
		var be1, be2 *tags.BindError
		require.ErrorAs(t, err1, &be1)
		require.ErrorAs(t, err2, &be2)
		require.Empty(t, be2.Suggestion)
		require.Equal(t, be1.Err, be2.Err)
		require.Equal(t, be1.Suggestion, s, ref)
		require.Equal(t, s != "", ok)
	}
	s, _ := c.Suggest("Bgi/tga-000001")
	require.Equal(t, "Big/tag-000001", s)
}

// bindUnknown is the shape of the hostile input: n tags and 4n unknown references to them.
func bindUnknown(t testing.TB, n int) func() {
	c := wideCatalog(t, n)
	f := tags.NewFilter(nil, unknownRefs(4*n))
	return func() {
		if _, err := f.Bind(c, nil); err == nil {
			t.Fatal("unknown references bound")
		}
	}
}

// TestBind_UnknownReferencesLinear: binding n tags' worth of unknown references grows linearly.
func TestBind_UnknownReferencesLinear(t *testing.T) {
	lineartest.Require(t, 100, 8, true, func(n int) func() { return bindUnknown(t, n) })
}

// BenchmarkBindUnknown: the shape of TestBind_ManyUnknownReferences at two sizes.
func BenchmarkBindUnknown(b *testing.B) {
	for _, n := range []int{1_250, 5_000} {
		b.Run(fmt.Sprintf("tags=%d/refs=%d", n, 4*n), func(b *testing.B) {
			run := bindUnknown(b, n)
			b.ReportAllocs()
			for b.Loop() {
				run()
			}
		})
	}
}
