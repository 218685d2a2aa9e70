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

// TestVersion_SemVerPrecedence checks the precedence chain of the
// SemVer 2.0.0 specification, item 11.
func TestVersion_SemVerPrecedence(t *testing.T) {
	chain := []string{
		"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "2.1.0", "2.1.1",
	}
	for i := range chain {
		for j := range chain {
			a, b := lifecycle.MustParseVersion(chain[i]), lifecycle.MustParseVersion(chain[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			require.Equal(t, want, a.Compare(b), "%s vs %s", chain[i], chain[j])
		}
	}
}

func TestVersion_Compare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.2", "1.2.0", 0},
		{"1", "1.0.0", 0},
		{"1", "1.0.0.0", 0},
		{"1.2.3.0", "1.2.3", 0},
		{"1.2.3.4", "1.2.3", 1},
		{"1.2.3.4", "1.2.4", -1},
		{"1.2.3.4", "1.2.3.10", -1},
		{"1.2.3.4-beta", "1.2.3.4", -1},
		{"1.0.0+build.1", "1.0.0+build.2", 0},
		{"1.0.0-rc.1+x", "1.0.0-rc.1", 0},
		{"1.0.0-alpha.10", "1.0.0-alpha.9", 1},
		{"1.0.0-1", "1.0.0-a", -1},
		// Decision: pre-release identifiers compare without regard to letter case.
		{"1.0.0-A", "1.0.0-a", 0},
		{"1.0.0-RC1", "1.0.0-rc1", 0},
		{"1.0.0-Beta.2", "1.0.0-bEtA.2", 0},
		{"1.0.0-Alpha", "1.0.0-beta", -1}, // ASCII order would put "B" < "a"
		{"1.0.0-alpha", "1.0.0-Beta", -1},
		{"1.0.0-RC.10", "1.0.0-rc.9", 1},
		{"1.0.0-RC1", "1.0.0-rc2", -1},
		{"1.0.0-rc-1", "1.0.0-RC1", -1}, // "-" below every letter and digit
		{"1.0.0-Z", "1.0.0-a", 1},
		{"1.0.0-RC1", "1.0.0", -1},
		{"1.0.0-RC1+Build", "1.0.0-rc1+build", 0},
		{"1.0.0-a-b", "1.0.0-a", 1},
		{"2024.01.15", "2024.1.15", 0}, // Decision: leading zeros in the numeric core
		{"1.0.0-99999999999999999999999", "1.0.0-100000000000000000000000", -1},
		{"18446744073709551615", "18446744073709551614", 1},
		{"1.10", "1.9", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			a, b := lifecycle.MustParseVersion(tt.a), lifecycle.MustParseVersion(tt.b)
			require.Equal(t, tt.want, a.Compare(b))
			require.Equal(t, -tt.want, b.Compare(a))
		})
	}
}

func TestVersion_Accessors(t *testing.T) {
	v := lifecycle.MustParseVersion("1.0.0-beta.2+sha.5")
	require.Equal(t, "1.0.0-beta.2+sha.5", v.String())
	require.Equal(t, "beta.2", v.Prerelease())
	require.Equal(t, "sha.5", v.Build())
	w := lifecycle.MustParseVersion("1.2")
	require.Equal(t, "1.2", w.String())
	require.Empty(t, w.Prerelease())
	require.Empty(t, w.Build())
	require.Equal(t, 0, lifecycle.Version{}.Compare(lifecycle.MustParseVersion("0.0.0")))
}

func TestParseVersion_Errors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		column int
		msg    string
	}{
		{"", 0, 1, "empty version"},
		{"v1.0", 0, 1, "expected a digit"},
		{"1.", 2, 3, "expected a digit at the end"},
		{".1", 0, 1, "expected a digit"},
		{"1..2", 2, 3, "expected a digit"},
		{"1.2.3.4.5", 8, 9, "more than 4 numeric parts"},
		{"1.0.0-", 6, 7, "empty pre-release identifier"},
		{"1.0.0-01", 6, 7, "leading zero"},
		{"1.0.0-a..b", 8, 9, "empty pre-release identifier"},
		{"1.0.0+", 6, 7, "empty build metadata identifier"},
		{"1.0.0-beta+", 11, 12, "empty build metadata identifier"},
		{"1.x", 2, 3, "expected a digit"},
		{"1.0 ", 3, 4, "unexpected ' '"},
		{" 1.0", 0, 1, "expected a digit"},
		{"99999999999999999999", 0, 1, "too large"},
		{"1.0.0-é", 6, 7, "empty pre-release identifier"},
		{"é1", 0, 1, "expected a digit"},
		{"1.0.0-ü.1x", 6, 7, "empty pre-release identifier"},
		{"1.0.0-beta_1", 10, 11, "unexpected '_'"},
		{"1.0.0+a+b", 7, 8, "unexpected '+'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := lifecycle.ParseVersion(tt.in)
			require.Error(t, err)
			require.ErrorIs(t, err, lifecycle.ErrInvalidVersion)
			var pe *lifecycle.ParseError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tt.in, pe.Input)
			require.Equal(t, tt.offset, pe.Offset)
			require.Equal(t, tt.column, pe.Column)
			require.Contains(t, pe.Message, tt.msg)
			require.Contains(t, err.Error(), fmt.Sprintf("%q", tt.in))
		})
	}
}

func TestParseVersion_ColumnCountsRunes(t *testing.T) {
	_, err := lifecycle.ParseVersion("1.0.0+é")
	var pe *lifecycle.ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 6, pe.Offset)
	require.Equal(t, 7, pe.Column)
	// "é" is two bytes: the error after it is at byte 8, column 8.
	_, err = lifecycle.ParseVersion("1.0.0-a.é")
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 8, pe.Offset)
	require.Equal(t, 9, pe.Column)
}

func TestParseVersion_HugeInputIsCutInMessages(t *testing.T) {
	in := "1.0.0-" + strings.Repeat("a", 1<<20) + "!"
	_, err := lifecycle.ParseVersion(in)
	require.ErrorIs(t, err, lifecycle.ErrLimit)
	_, err = lifecycle.Options{MaxVersionLen: -1}.ParseVersion(in)
	require.ErrorIs(t, err, lifecycle.ErrInvalidVersion)
	require.Less(t, len(err.Error()), 300)
	require.Contains(t, err.Error(), "...")
}

func TestMustParseVersion_Panics(t *testing.T) {
	require.Panics(t, func() { lifecycle.MustParseVersion("nope") })
}

// versionText generates valid version text: 1 to 4 numeric parts, an
// optional pre-release and optional build metadata.
func versionText() *rapid.Generator[string] {
	num := rapid.OneOf(rapid.Just("0"), rapid.StringMatching(`[1-9][0-9]{0,3}`))
	ident := rapid.OneOf(num, rapid.StringMatching(`[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*`).Filter(func(s string) bool { return len(s) <= 8 }))
	return rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOfN(num, 1, 4).Draw(t, "core")
		s := strings.Join(parts, ".")
		if rapid.Bool().Draw(t, "hasPre") {
			s += "-" + strings.Join(rapid.SliceOfN(ident, 1, 3).Draw(t, "pre"), ".")
		}
		if rapid.Bool().Draw(t, "hasBuild") {
			s += "+" + strings.Join(rapid.SliceOfN(rapid.StringMatching(`[0-9A-Za-z-]{1,5}`), 1, 2).Draw(t, "build"), ".")
		}
		return s
	})
}

func versionGen() *rapid.Generator[lifecycle.Version] {
	return rapid.Custom(func(t *rapid.T) lifecycle.Version {
		return lifecycle.MustParseVersion(versionText().Draw(t, "version"))
	})
}

func TestVersion_Properties(t *testing.T) {
	t.Run("string round trips", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := versionText().Draw(t, "s")
			v, err := lifecycle.ParseVersion(s)
			require.NoError(t, err)
			require.Equal(t, s, v.String())
			w, err := lifecycle.ParseVersion(v.String())
			require.NoError(t, err)
			require.Equal(t, v, w)
		})
	})
	t.Run("compare is a total order", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			a, b, c := versionGen().Draw(t, "a"), versionGen().Draw(t, "b"), versionGen().Draw(t, "c")
			require.Equal(t, 0, a.Compare(a), "reflexive")
			require.Equal(t, a.Compare(b), -b.Compare(a), "antisymmetric")
			if a.Compare(b) <= 0 && b.Compare(c) <= 0 {
				require.LessOrEqual(t, a.Compare(c), 0, "transitive")
			}
			if a.Compare(b) == 0 {
				require.Equal(t, a.Compare(c), b.Compare(c), "equal versions order alike")
			}
		})
	})
	t.Run("near misses are errors or round trip, never panics", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			s := versionText().Draw(t, "s")
			i := rapid.IntRange(0, len(s)-1).Draw(t, "at")
			c := rapid.SampledFrom([]byte(".-+0a_ v")).Draw(t, "c")
			mutated := s[:i] + string(c) + s[i+1:]
			if rapid.Bool().Draw(t, "insert") {
				mutated = s[:i] + string(c) + s[i:]
			}
			v, err := lifecycle.ParseVersion(mutated)
			if err != nil {
				var pe *lifecycle.ParseError
				require.ErrorAs(t, err, &pe)
				require.ErrorIs(t, err, lifecycle.ErrInvalidVersion)
				require.LessOrEqual(t, pe.Offset, len(mutated))
				return
			}
			require.Equal(t, mutated, v.String())
		})
	})
	t.Run("build metadata is ignored", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			v := versionGen().Draw(t, "v")
			text, _, _ := strings.Cut(v.String(), "+")
			require.Equal(t, 0, lifecycle.MustParseVersion(text).Compare(v))
		})
	})
	t.Run("a pre-release is below its release", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			v := versionGen().Draw(t, "v")
			if v.Prerelease() == "" {
				return
			}
			release, _, _ := strings.Cut(v.String(), "-")
			require.Equal(t, -1, v.Compare(lifecycle.MustParseVersion(release)))
		})
	})
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.0.0", "1.2", "1", "1.2.3.4", "1.0.0-alpha.1+b", "1.0.0-0", "v1", "1..0", "", "1.0.0-01", "01.2",
		"1.0.0-" + strings.Repeat("a", 250), "1.0.0-" + strings.Repeat("a", 251), "1.0.0-" + strings.Repeat("b", 100_000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := lifecycle.ParseVersion(s)
		if tooLong := len(s) > lifecycle.DefaultMaxVersionLen; tooLong != errors.Is(err, lifecycle.ErrLimit) {
			t.Fatalf("ParseVersion(%q) (%d bytes): %v; want ErrLimit exactly when over %d bytes",
				s, len(s), err, lifecycle.DefaultMaxVersionLen)
		}
		if err != nil {
			var pe *lifecycle.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, lifecycle.ErrInvalidVersion) && !errors.Is(err, lifecycle.ErrLimit) {
				t.Fatalf("ParseVersion(%q): error %v is not a *ParseError wrapping ErrInvalidVersion or ErrLimit", s, err)
			}
			if pe.Offset < 0 || pe.Offset > len(s) || pe.Column < 1 || pe.Input != s {
				t.Fatalf("ParseVersion(%q): bad position %+v", s, pe)
			}
			return
		}
		if v.String() != s {
			t.Fatalf("ParseVersion(%q).String() = %q", s, v.String())
		}
		w, err := lifecycle.ParseVersion(v.String())
		if err != nil || w != v || w.Compare(v) != 0 {
			t.Fatalf("ParseVersion(%q) does not round trip: %v, %v", s, w, err)
		}
	})
}

// flipCase changes the letter case of some letters of s, as rapid draws them. The numeric
// core of a version has no letters, so only its pre-release label and build metadata change.
func flipCase(t *rapid.T, s string) string {
	b := []byte(s)
	for i, c := range b {
		if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && rapid.Bool().Draw(t, "flip") {
			b[i] = c ^ ('a' - 'A')
		}
	}
	return string(b)
}

// TestVersion_CaseOfPrereleaseDoesNotMatter: versions that differ only in the letter case of
// their pre-release label (or build metadata) are equal and order alike against every other
// version, and the order stays total: a lower-case copy of every version orders the same.
func TestVersion_CaseOfPrereleaseDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := versionGen().Draw(t, "v")
		w := lifecycle.MustParseVersion(flipCase(t, v.String()))
		u := versionGen().Draw(t, "u")
		require.Equal(t, 0, v.Compare(w), "%s = %s", v, w)
		require.Equal(t, 0, w.Compare(v), "%s = %s", w, v)
		require.Equal(t, v.Compare(u), w.Compare(u), "%s and %s against %s", v, w, u)
		require.Equal(t, u.Compare(v), u.Compare(w), "%s against %s and %s", u, v, w)
		lv := lifecycle.MustParseVersion(strings.ToLower(v.String()))
		lu := lifecycle.MustParseVersion(strings.ToUpper(u.String()))
		require.Equal(t, v.Compare(u), lv.Compare(lu), "%s against %s", lv, lu)
	})
}
