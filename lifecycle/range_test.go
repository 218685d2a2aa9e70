package lifecycle_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/lifecycle"
)

func TestRange_Contains(t *testing.T) {
	tests := []struct {
		rng  string
		in   []string
		out  []string
		text string // canonical String
	}{
		{"", []string{"0.0.1", "1.0.0-a", "99"}, nil, ""},
		{"   ", []string{"1.0"}, nil, ""},
		{"1.0", []string{"1.0.0", "1.0.1", "2.0", "1.0.0.1"}, []string{"0.9", "1.0.0-beta"}, "1.0"},
		{"[1.0,)", []string{"1.0", "5"}, []string{"0.9"}, "1.0"},
		{"[1.0,2.0)", []string{"1.0", "1.9.9", "2.0.0-beta"}, []string{"0.9", "2.0", "2.0.0.1"}, "[1.0,2.0)"},
		{"(1.0,2.0]", []string{"1.0.1", "2.0", "1.0.0.1"}, []string{"1.0", "2.0.1"}, "(1.0,2.0]"},
		{"(,1.0]", []string{"0.1", "1.0", "1.0.0-rc.1"}, []string{"1.0.1"}, "(,1.0]"},
		{"[,1.0]", []string{"1.0"}, []string{"1.1"}, "(,1.0]"},
		{"(,1.0)", []string{"0.9", "1.0.0-rc.1"}, []string{"1.0"}, "(,1.0)"},
		{"(1.0,)", []string{"1.0.1"}, []string{"1.0", "1.0.0+b"}, "(1.0,)"},
		{"(1.0,]", []string{"1.0.1"}, []string{"1.0"}, "(1.0,)"},
		{"[1.0]", []string{"1.0", "1.0.0", "1.0.0.0", "1.0.0+meta"}, []string{"1.0.1", "1.0.0-a"}, "[1.0]"},
		{"[4.2.0,4.2.0]", []string{"4.2"}, []string{"4.2.1"}, "[4.2.0]"},
		{"[2.0.0-0,3.0)", []string{"2.0.0-beta.1", "2.0.0-0", "2.5"}, []string{"1.9", "3.0", "1.99.99-z"}, "[2.0.0-0,3.0)"},
		{" [ 1.0 , 2.0 ) ", []string{"1.5"}, []string{"2.0"}, "[1.0,2.0)"},
		{"\t1.0\t", []string{"1.0"}, []string{"0.1"}, "1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.rng, func(t *testing.T) {
			r, err := lifecycle.ParseRange(tt.rng)
			require.NoError(t, err)
			require.Equal(t, tt.text, r.String())
			for _, v := range tt.in {
				require.True(t, r.Contains(lifecycle.MustParseVersion(v)), "%s in %s", v, tt.rng)
			}
			for _, v := range tt.out {
				require.False(t, r.Contains(lifecycle.MustParseVersion(v)), "%s not in %s", v, tt.rng)
			}
		})
	}
}

func TestRange_ZeroValueIsAny(t *testing.T) {
	var r lifecycle.Range
	require.True(t, r.IsAny())
	require.True(t, r.Contains(lifecycle.MustParseVersion("0.0.0-0")))
	require.Equal(t, "", r.String())
	p, err := lifecycle.ParseRange("")
	require.NoError(t, err)
	require.Equal(t, r, p)
}

func TestParseRange_Errors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{"[1.0,2.0", 8, "missing closing"},
		{"[1.0", 4, "missing closing"},
		{"[", 1, "missing closing"},
		{"()", 1, "exact version is written [v]"},
		{"(1.0)", 4, "exact version is written [v]"},
		{"[1.0)", 4, "exact version is written [v]"},
		{"[]", 1, "missing version"},
		{"(,)", 2, "at least one bound"},
		{"[,]", 2, "at least one bound"},
		{"[2.0,1.0]", 0, "empty range"},
		{"(1.0,1.0)", 0, "empty range"},
		{"[1.0,1.0)", 0, "empty range"},
		{"1.0,2.0", 3, "unexpected ','"},
		{"1.0 2.0", 4, "unexpected '2'"},
		{"[1.x,2.0)", 3, "invalid version \"1.x\""},
		{"[1.0,2.0)x", 9, "unexpected 'x' after the range"},
		{"[1.0,2.0,3.0)", 8, "unexpected ','"},
		{"[1.0 2.0]", 5, "unexpected '2'"},
		{"banana", 0, "invalid version"},
		{"[1.0,]]", 6, "unexpected ']' after the range"},
		{"]", 0, "invalid version \"\""},
		{"[(1.0,2.0)", 1, "invalid version \"\""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := lifecycle.ParseRange(tt.in)
			require.Error(t, err)
			require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
			var pe *lifecycle.ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.in, pe.Input)
			require.Equal(t, tt.offset, pe.Offset)
			require.Equal(t, tt.offset+1, pe.Column)
			require.Contains(t, pe.Message, tt.msg)
			require.Contains(t, err.Error(), fmt.Sprintf("%q", tt.in))
		})
	}
}

// rangeText generates valid range text in every form.
func rangeText() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		a, b := versionGen().Draw(t, "a"), versionGen().Draw(t, "b")
		if a.Compare(b) > 0 {
			a, b = b, a
		}
		switch rapid.IntRange(0, 6).Draw(t, "form") {
		case 0:
			return ""
		case 1:
			return a.String()
		case 2:
			return "[" + a.String() + "]"
		case 3:
			return "(," + b.String() + rapid.SampledFrom([]string{"]", ")"}).Draw(t, "close")
		case 4:
			return rapid.SampledFrom([]string{"[", "("}).Draw(t, "open") + a.String() + ",)"
		default:
			if a.Compare(b) == 0 {
				return "[" + a.String() + "," + b.String() + "]"
			}
			return rapid.SampledFrom([]string{"[", "("}).Draw(t, "open") + a.String() + "," + b.String() +
				rapid.SampledFrom([]string{"]", ")"}).Draw(t, "close")
		}
	})
}

func TestRange_Properties(t *testing.T) {
	t.Run("string round trips", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			r, err := lifecycle.ParseRange(rangeText().Draw(t, "range"))
			require.NoError(t, err)
			back, err := lifecycle.ParseRange(r.String())
			require.NoError(t, err)
			require.Equal(t, r, back)
			require.Equal(t, r.String(), back.String())
		})
	})
	t.Run("contains agrees with the bounds", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			a, b := versionGen().Draw(t, "a"), versionGen().Draw(t, "b")
			if a.Compare(b) >= 0 {
				return
			}
			v := versionGen().Draw(t, "v")
			r, err := lifecycle.ParseRange("[" + a.String() + "," + b.String() + ")")
			require.NoError(t, err)
			require.Equal(t, a.Compare(v) <= 0 && v.Compare(b) < 0, r.Contains(v))
		})
	})
	t.Run("near misses are errors, never panics", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := rangeText().Draw(t, "range")
			if s == "" {
				return
			}
			i := rapid.IntRange(0, len(s)-1).Draw(t, "at")
			c := rapid.SampledFrom([]byte("[](),.-+ x0")).Draw(t, "c")
			mutated := s[:i] + string(c) + s[i+1:]
			r, err := lifecycle.ParseRange(mutated)
			if err != nil {
				var pe *lifecycle.ParseError
				require.ErrorAs(t, err, &pe)
				require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
				require.LessOrEqual(t, pe.Offset, len(mutated))
				return
			}
			back, err := lifecycle.ParseRange(r.String())
			require.NoError(t, err)
			require.Equal(t, r, back)
		})
	})
}

func TestParseRange_HugeInput(t *testing.T) {
	in := "[" + strings.Repeat("1.", 1<<18) + ",2.0)"
	_, err := lifecycle.ParseRange(in)
	require.ErrorIs(t, err, lifecycle.ErrLimit)
	require.Less(t, len(err.Error()), 400)
	_, err = lifecycle.Options{MaxRangeLen: -1, MaxVersionLen: -1}.ParseRange(in)
	require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
	require.Less(t, len(err.Error()), 400)
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"", "1.0", "[1.0,2.0)", "(,1.0]", "[1.0]", "(1.0,)", "[2.0.0-0,3.0)", "[2.0,1.0]", "(,)", " [ 1 , 2 ] ",
		"[1.0.0-" + strings.Repeat("a", 251) + ",2.0)", "[1.0.0-" + strings.Repeat("a", 250) + ",2.0)", strings.Repeat(" ", 1025) + "1.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := lifecycle.ParseRange(s)
		if len(s) > lifecycle.DefaultMaxRangeLen && !errors.Is(err, lifecycle.ErrLimit) {
			t.Fatalf("ParseRange of %d bytes: %v; want ErrLimit", len(s), err)
		}
		if err != nil {
			var pe *lifecycle.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, lifecycle.ErrInvalidValue) && !errors.Is(err, lifecycle.ErrLimit) {
				t.Fatalf("ParseRange(%q): error %v is not a *ParseError wrapping ErrInvalidValue or ErrLimit", s, err)
			}
			if pe.Offset < 0 || pe.Offset > len(s) || pe.Input != s {
				t.Fatalf("ParseRange(%q): bad position %+v", s, pe)
			}
			return
		}
		back, err := lifecycle.ParseRange(r.String())
		if err != nil {
			t.Fatalf("ParseRange(%q).String() = %q does not parse: %v", s, r.String(), err)
		}
		if back != r || back.String() != r.String() {
			t.Fatalf("ParseRange(%q) does not round trip: %q vs %q", s, r.String(), back.String())
		}
	})
}

// TestRange_PrereleaseCase: a range holds a pre-release whatever the letter case of either
// label, as NuGet and Octopus compare them.
func TestRange_PrereleaseCase(t *testing.T) {
	tests := []struct {
		rng     string
		in, out []string
	}{
		{"[1.0.0-beta, 2.0.0)", []string{"1.0.0-rc1", "1.0.0-RC1", "1.0.0-Beta", "1.0.0-BETA.1"}, []string{"1.0.0-alpha", "1.0.0-ALPHA", "2.0.0"}},
		{"[1.0.0-BETA, 2.0.0)", []string{"1.0.0-beta", "1.0.0-rc1", "1.0.0-RC1"}, []string{"1.0.0-Alpha"}},
		{"(1.0.0-rc1,)", []string{"1.0.0-rc2", "1.0.0-RC2", "1.0.0"}, []string{"1.0.0-RC1", "1.0.0-rc1", "1.0.0-Rc0"}},
		{"[1.0.0-RC1]", []string{"1.0.0-rc1", "1.0.0-Rc1+build"}, []string{"1.0.0-rc2", "1.0.0"}},
		{"[1.0.0-rc1,1.0.0-RC1]", []string{"1.0.0-rC1"}, []string{"1.0.0-rc1.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.rng, func(t *testing.T) {
			r, err := lifecycle.ParseRange(tt.rng)
			require.NoError(t, err)
			for _, v := range tt.in {
				require.True(t, r.Contains(lifecycle.MustParseVersion(v)), "%s in %s", v, tt.rng)
			}
			for _, v := range tt.out {
				require.False(t, r.Contains(lifecycle.MustParseVersion(v)), "%s not in %s", v, tt.rng)
			}
		})
	}
	// Bounds equal but for case leave nothing between them.
	_, err := lifecycle.ParseRange("(1.0.0-rc1,1.0.0-RC1)")
	require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
}

// TestRange_CaseOfPrereleaseDoesNotMatter: changing the letter case of the bounds of a range or
// of a version never changes whether the range contains the version.
func TestRange_CaseOfPrereleaseDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rangeText().Draw(t, "range")
		r, err := lifecycle.ParseRange(text)
		require.NoError(t, err)
		flipped, err := lifecycle.ParseRange(flipCase(t, text))
		require.NoError(t, err)
		v := versionGen().Draw(t, "v")
		w := lifecycle.MustParseVersion(flipCase(t, v.String()))
		require.Equal(t, r.Contains(v), r.Contains(w), "%s and %s in %s", v, w, r)
		require.Equal(t, r.Contains(v), flipped.Contains(v), "%s in %s and %s", v, r, flipped)
	})
}
