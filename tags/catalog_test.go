package tags_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/tags"
)

func TestParseType(t *testing.T) {
	for in, want := range map[string]tags.Type{"": tags.MultiSelect, "MultiSelect": tags.MultiSelect,
		"SingleSelect": tags.SingleSelect, "FreeText": tags.FreeText} {
		got, err := tags.ParseType(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
		if in != "" {
			require.Equal(t, in, got.String())
		}
	}
	for _, in := range []string{"multiselect", "Free Text", "x"} {
		_, err := tags.ParseType(in)
		require.ErrorIs(t, err, tags.ErrInvalidValue)
		require.Equal(t, "invalid-value", codeOf(err))
	}
	require.Equal(t, "Type(9)", tags.Type(9).String())
}

// TestType_Text: every tag set type encodes to its name and decodes back ("" is MultiSelect);
// other text, and a type out of range, are errors that list the names and wrap ErrInvalidValue.
func TestType_Text(t *testing.T) {
	for _, typ := range []tags.Type{tags.MultiSelect, tags.SingleSelect, tags.FreeText} {
		b, err := typ.MarshalText()
		require.NoError(t, err)
		require.Equal(t, typ.String(), string(b))
		back := tags.Type(7)
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, typ, back)
	}
	back := tags.FreeText
	require.NoError(t, back.UnmarshalText(nil))
	require.Equal(t, tags.MultiSelect, back, "the empty text is MultiSelect")
	valid := `want "MultiSelect", "SingleSelect" or "FreeText"`
	err := back.UnmarshalText([]byte("Single"))
	require.ErrorIs(t, err, tags.ErrInvalidValue)
	require.ErrorContains(t, err, `"Single"`)
	require.ErrorContains(t, err, valid)
	_, err = tags.Type(9).MarshalText()
	require.ErrorIs(t, err, tags.ErrInvalidValue)
	require.ErrorContains(t, err, valid)
	out, err := json.Marshal(map[string]tags.Type{"type": tags.SingleSelect})
	require.NoError(t, err)
	require.JSONEq(t, `{"type": "SingleSelect"}`, string(out))
}

func definitionErrors(t *testing.T, err error) []tags.DefinitionError {
	t.Helper()
	var j interface{ Unwrap() []error }
	require.ErrorAs(t, err, &j)
	var out []tags.DefinitionError
	for _, e := range j.Unwrap() {
		var de *tags.DefinitionError
		require.True(t, errors.As(e, &de), "%v", e)
		out = append(out, *de)
	}
	return out
}

var cmpErr = cmp.Comparer(func(a, b error) bool { return a == b })

func TestNewTagSet(t *testing.T) {
	s, err := tags.NewTagSet("Upgrade ring", tags.SingleSelect, []string{"Tester", "Early adopter", "a/b"})
	require.NoError(t, err)
	require.Equal(t, "Upgrade ring", s.Name())
	require.Equal(t, tags.SingleSelect, s.Type())
	require.Equal(t, []string{"Tester", "Early adopter", "a/b"}, s.Tags())

	_, err = tags.NewTagSet("A/B", tags.FreeText, []string{"x", "", "*", "X", "y", "y"})
	got := definitionErrors(t, err)
	want := []tags.DefinitionError{
		{Set: "A/B", SetIndex: -1, TagIndex: -1, ValueIndex: -1, Err: tags.ErrInvalidValue, Message: `a tag set name must not contain "/"`},
		{Set: "A/B", SetIndex: -1, TagIndex: -1, ValueIndex: -1, Err: tags.ErrInvalidValue, Message: "a FreeText tag set has no predefined tags"},
		{Set: "A/B", SetIndex: -1, TagIndex: 1, ValueIndex: -1, Err: tags.ErrInvalidValue, Message: "empty tag name"},
		{Set: "A/B", SetIndex: -1, Tag: "*", TagIndex: 2, ValueIndex: -1, Err: tags.ErrInvalidValue, Message: `"*" is reserved for "any tag of the set"`},
		{Set: "A/B", SetIndex: -1, Tag: "X", TagIndex: 3, ValueIndex: -1, Err: tags.ErrDuplicateName, Message: `same name as tag 0 "x"`},
		{Set: "A/B", SetIndex: -1, Tag: "y", TagIndex: 5, ValueIndex: -1, Err: tags.ErrDuplicateName, Message: `same name as tag 4 "y"`},
	}
	require.Empty(t, cmp.Diff(want, got, cmpErr))
	require.EqualError(t, &got[4], `tag set "A/B", tag "X": duplicate name: same name as tag 0 "x" [duplicate-name]`)

	_, err = tags.NewTagSet("", 7, nil)
	require.Len(t, definitionErrors(t, err), 2)
}

func TestNewCatalog_IDsInCatalogOrder(t *testing.T) {
	tier, _ := tags.NewTagSet("Tier", tags.MultiSelect, []string{"Gold", "Free"})
	region, _ := tags.NewTagSet("Region", tags.FreeText, nil)
	empty, _ := tags.NewTagSet("Empty", tags.MultiSelect, nil)
	ring, _ := tags.NewTagSet("Ring", tags.SingleSelect, []string{"B", "A"})
	c, err := tags.NewCatalog([]tags.TagSet{tier, region, empty, ring},
		[]string{"Region/us", "Region/eu", "Region/us", "Region/EU"})
	require.NoError(t, err)
	var names []string
	for id, n := range c.IDs() {
		names = append(names, n)
		require.Equal(t, n, c.Name(id))
		got, err := c.Lookup(n)
		require.NoError(t, err)
		require.Equal(t, id, got)
	}
	require.Equal(t, []string{"Tier/Gold", "Tier/Free", "Region/EU", "Region/eu", "Region/us", "Ring/B", "Ring/A"}, names)
	require.Equal(t, 7, c.Len())
	require.Equal(t, []int{0, 0, 1, 1, 1, 3, 3, -1}, []int{c.SetOf(0), c.SetOf(1), c.SetOf(2), c.SetOf(3), c.SetOf(4), c.SetOf(5), c.SetOf(6), c.SetOf(7)})
	lo, hi := c.SetRange(2)
	require.Equal(t, lo, hi, "an empty set has no IDs")
	lo, hi = c.SetRange(1)
	require.Equal(t, []tags.ID{2, 5}, []tags.ID{lo, hi})
	i, ok := c.SetIndex("Ring")
	require.True(t, ok)
	require.Equal(t, 3, i)
	_, ok = c.SetIndex("ring")
	require.False(t, ok)
	require.Equal(t, "", c.Name(99))
	require.Len(t, c.Sets(), 4)
}

func TestCatalog_Lookup(t *testing.T) {
	a, _ := tags.NewTagSet("A", tags.MultiSelect, []string{"x/y", "Gold"})
	region, _ := tags.NewTagSet("Region", tags.FreeText, nil)
	c := tags.MustNewCatalog([]tags.TagSet{a, region}, []string{"Region/eu-west-1"})
	id, err := c.Lookup("A/x/y")
	require.NoError(t, err, "split at the first /")
	require.Equal(t, "A/x/y", c.Name(id))

	tests := []struct {
		ref        string
		sentinel   error
		suggestion string
	}{
		{"A/Glod", tags.ErrUnknownTag, "A/Gold"},
		{"A/gold", tags.ErrUnknownTag, "A/Gold"},
		{"A/Platinum", tags.ErrUnknownTag, ""},
		{"A/*", tags.ErrUnknownTag, ""},
		{"a/Gold", tags.ErrUnknownTagSet, "A/Gold"},
		{"Regoin/eu-west-1", tags.ErrUnknownTagSet, "Region/eu-west-1"},
		{"Colour/Red", tags.ErrUnknownTagSet, ""},
		{"NoSlash", tags.ErrUnknownTagSet, ""},
		{"Region/eu-west-2", tags.ErrUnknownTag, "Region/eu-west-1"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			_, err := c.Lookup(tt.ref)
			var be *tags.BindError
			require.ErrorAs(t, err, &be)
			require.Equal(t, tags.BindError{Ref: tt.ref, Offset: -1, Index: -1, Err: tt.sentinel, Suggestion: tt.suggestion}, *be)
		})
	}
}

func TestNewCatalog_Errors(t *testing.T) {
	a, _ := tags.NewTagSet("A", tags.MultiSelect, []string{"x"})
	a2, _ := tags.NewTagSet("a", tags.FreeText, nil)
	r, _ := tags.NewTagSet("R", tags.FreeText, nil)
	_, err := tags.NewCatalog([]tags.TagSet{a, a2, r, {}}, []string{"R/ok", "A/x", "Nope/v", "novalue", "R/", "R/*"})
	got := definitionErrors(t, err)
	want := []tags.DefinitionError{
		{Set: "a", SetIndex: 1, TagIndex: -1, ValueIndex: -1, Err: tags.ErrDuplicateName, Message: `same name as tag set 0 "A"`},
		{Set: "", SetIndex: 3, TagIndex: -1, ValueIndex: -1, Err: tags.ErrInvalidValue, Message: "empty tag set name"},
		{Set: "A", SetIndex: -1, Tag: "A/x", TagIndex: -1, ValueIndex: 1, Err: tags.ErrInvalidValue, Message: "a free value of a MultiSelect tag set"},
		{Set: "Nope", SetIndex: -1, Tag: "Nope/v", TagIndex: -1, ValueIndex: 2, Err: tags.ErrUnknownTagSet, Message: "no such tag set"},
		{Set: "novalue", SetIndex: -1, Tag: "novalue", TagIndex: -1, ValueIndex: 3, Err: tags.ErrUnknownTagSet, Message: `a canonical tag name must contain "/"`},
		{Set: "R", SetIndex: -1, Tag: "R/", TagIndex: -1, ValueIndex: 4, Err: tags.ErrInvalidValue, Message: `empty or "*" free value`},
		{Set: "R", SetIndex: -1, Tag: "R/*", TagIndex: -1, ValueIndex: 5, Err: tags.ErrInvalidValue, Message: `empty or "*" free value`},
	}
	require.Empty(t, cmp.Diff(want, got, cmpErr))
	require.Equal(t, "duplicate-name", codeOf(err))
	require.Panics(t, func() { tags.MustNewCatalog([]tags.TagSet{{}}, nil) })
}

func TestCatalog_Copies(t *testing.T) {
	tg := []string{"x", "y"}
	a, _ := tags.NewTagSet("A", tags.MultiSelect, tg)
	tg[0] = "changed"
	sets := []tags.TagSet{a}
	c := tags.MustNewCatalog(sets, nil)
	sets[0] = tags.TagSet{}
	a.Tags()[0] = "changed"
	c.Sets()[0] = tags.TagSet{}
	require.Equal(t, []string{"x", "y"}, c.Sets()[0].Tags())
	require.Equal(t, "A/x", c.Name(0))
}

func TestBits(t *testing.T) {
	b := tags.NewBits(3, 200, 3, 0, 64)
	require.Equal(t, 4, b.Len())
	require.Equal(t, []tags.ID{0, 3, 64, 200}, slices.Collect(b.IDs()))
	for _, id := range []tags.ID{0, 3, 64, 200} {
		require.True(t, b.Has(id))
	}
	for _, id := range []tags.ID{1, 63, 65, 199, 201, 1 << 31} {
		require.False(t, b.Has(id))
	}
	require.Equal(t, "{0 3 64 200}", b.String())
	require.True(t, b.Equal(tags.NewBits(200, 64, 3, 0)))
	require.False(t, b.Equal(tags.NewBits(0, 3, 64)))
	require.True(t, tags.Bits{}.Equal(tags.NewBits()))
	require.Zero(t, tags.Bits{}.Len())
	require.Equal(t, "{}", tags.Bits{}.String())
	for id := range b.IDs() {
		if id == 3 {
			break // stopping early is allowed
		}
	}
}

func TestCode(t *testing.T) {
	for err, code := range map[error]string{
		tags.ErrSyntax: "invalid-expression", tags.ErrLimit: "limit", tags.ErrUnknownTag: "unknown-tag",
		tags.ErrUnknownTagSet: "unknown-tag-set", tags.ErrUnknownTenant: "unknown-tenant",
		tags.ErrDuplicateName: "duplicate-name", tags.ErrSingleSelect: "single-select",
		tags.ErrInvalidValue: "invalid-value", errors.New("other"): "", nil: "",
	} {
		require.Equal(t, code, codeOf(err))
	}
}

func TestCatalog_NilIsEmpty(t *testing.T) {
	var c *tags.Catalog
	require.Zero(t, c.Len())
	require.Nil(t, c.Sets())
	require.Equal(t, -1, c.SetOf(0))
	_, err := c.Lookup("S/a")
	require.ErrorIs(t, err, tags.ErrUnknownTagSet)
	_, err = tags.Tag("S/a").Bind(c, nil)
	require.ErrorIs(t, err, tags.ErrUnknownTagSet)
	b, err := tags.True().Bind(c, nil)
	require.NoError(t, err)
	require.True(t, b.Match(tags.Bits{}, 0))
}
