package lifecycle

import (
	"strings"
)

// Version is a release version: a SemVer 2.0.0 version, also accepting
// a fourth numeric part (1.2.3.4) and missing parts (1.2 = 1.2.0, 1 = 1.0.0).
// Versions are ordered by Compare (SemVer precedence; a fourth part compares
// after patch, missing parts count as 0; pre-release identifiers compare
// without regard to letter case; build metadata is ignored).
//
// Version is a small immutable value. String returns the text as it was
// parsed, so == compares text, not precedence: "1.2" and "1.2.0" are not ==,
// nor are "1.0.0-rc1" and "1.0.0-RC1", but Compare says they are equal. Use
// Compare to order versions.
//
// The zero Version is not a parsed version: its String is "" and it compares
// equal to 0.0.0.
type Version struct {
	text  string
	core  [4]uint64
	parts uint8  // numeric parts given, 1..4 (0 for the zero Version)
	pre   string // pre-release label without the "-", "" when none
	build string // build metadata without the "+", "" when none
}

// ParseVersion parses s (grammar in the package doc). Errors are *ParseError
// wrapping ErrInvalidVersion, or ErrLimit for a version longer than 256 bytes
// ([DefaultMaxVersionLen]; see [Options]).
func ParseVersion(s string) (Version, error) {
	return Options{}.ParseVersion(s)
}

// ParseVersion is [ParseVersion] with these options' limits.
func (o Options) ParseVersion(s string) (Version, error) {
	fail := func(off int, format string, args ...any) (Version, error) {
		return Version{}, newParseError(s, off, ErrInvalidVersion, format, args...)
	}
	if s == "" {
		return fail(0, "empty version")
	}
	if lim := o.maxVersionLen(); over(len(s), lim) {
		return Version{}, newParseError(s, lim, ErrLimit, "%s",
			limitMsg("version length", lim, DefaultMaxVersionLen, "bytes", "MaxVersionLen"))
	}
	v := Version{text: s}
	i := 0
	for {
		if v.parts == 4 {
			return fail(i, "more than 4 numeric parts")
		}
		start := i
		var n uint64
		for i < len(s) && isDigit(s[i]) {
			d := uint64(s[i] - '0')
			if n > (^uint64(0)-d)/10 {
				return fail(start, "number %s too large", quote(digitsAt(s, start)))
			}
			n = n*10 + d
			i++
		}
		if i == start {
			if i < len(s) {
				return fail(i, "expected a digit, found %q", s[i])
			}
			return fail(i, "expected a digit at the end")
		}
		v.core[v.parts] = n
		v.parts++
		if i < len(s) && s[i] == '.' {
			i++
			continue
		}
		break
	}
	if i < len(s) && s[i] == '-' {
		i++
		start := i
		end, err := scanIdents(s, i, true)
		if err != nil {
			return Version{}, err
		}
		v.pre = s[start:end]
		i = end
	}
	if i < len(s) && s[i] == '+' {
		i++
		start := i
		end, err := scanIdents(s, i, false)
		if err != nil {
			return Version{}, err
		}
		v.build = s[start:end]
		i = end
	}
	if i != len(s) {
		return fail(i, "unexpected %q", s[i])
	}
	return v, nil
}

// digitsAt returns the run of digits of s starting at i.
func digitsAt(s string, i int) string {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return s[i:j]
}

// scanIdents scans dot-separated identifiers ([0-9A-Za-z-]+) of s from i up to
// "+" or the end, and returns where they end. For a pre-release (pre),
// numeric identifiers must not have leading zeros (SemVer 2.0.0 item 9).
func scanIdents(s string, i int, pre bool) (int, error) {
	what := "build metadata"
	if pre {
		what = "pre-release"
	}
	for {
		start := i
		numeric := true
		for i < len(s) && isIdentChar(s[i]) {
			if !isDigit(s[i]) {
				numeric = false
			}
			i++
		}
		if i == start {
			return 0, newParseError(s, i, ErrInvalidVersion, "empty %s identifier", what)
		}
		if pre && numeric && i-start > 1 && s[start] == '0' {
			return 0, newParseError(s, start, ErrInvalidVersion,
				"numeric pre-release identifier %s has a leading zero", quote(s[start:i]))
		}
		if i < len(s) && s[i] == '.' {
			i++
			continue
		}
		return i, nil
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentChar(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-'
}

// MustParseVersion is like ParseVersion but panics on error. It is meant for
// tests and for versions known at compile time.
func MustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// String returns the text the version was parsed from.
func (v Version) String() string { return v.text }

// Prerelease returns the pre-release label without its leading "-" ("beta.2"
// for "1.0.0-beta.2+sha"), or "" when there is none.
func (v Version) Prerelease() string { return v.pre }

// Build returns the build metadata without its leading "+", or "" when there
// is none. Build metadata never affects Compare.
func (v Version) Build() string { return v.build }

// Compare returns -1, 0 or +1 as v has lower, equal or higher precedence than
// o (SemVer 2.0.0 item 11, with a fourth numeric part after patch and missing
// parts counted as 0). Alphanumeric pre-release identifiers compare without
// regard to ASCII letter case, as NuGet and Octopus compare them, so
// 1.0.0-RC1 = 1.0.0-rc1 and 1.0.0-Alpha < 1.0.0-beta. Build metadata is
// ignored.
func (v Version) Compare(o Version) int {
	for i := range v.core {
		if v.core[i] != o.core[i] {
			if v.core[i] < o.core[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case v.pre == o.pre:
		return 0
	case v.pre == "":
		return 1
	case o.pre == "":
		return -1
	}
	return comparePrerelease(v.pre, o.pre)
}

// comparePrerelease compares two non-empty pre-release labels identifier by
// identifier (SemVer 2.0.0 item 11.4) without allocating.
func comparePrerelease(a, b string) int {
	for {
		ai, arest, amore := strings.Cut(a, ".")
		bi, brest, bmore := strings.Cut(b, ".")
		if c := compareIdent(ai, bi); c != 0 {
			return c
		}
		switch {
		case !amore && !bmore:
			return 0
		case !amore:
			return -1
		case !bmore:
			return 1
		}
		a, b = arest, brest
	}
}

// compareIdent compares two pre-release identifiers: numeric ones
// numerically (they have no leading zeros, so by length, then bytes), numeric
// lower than alphanumeric, alphanumeric ones in ASCII order of their
// lower-case forms.
func compareIdent(a, b string) int {
	an, bn := isNumeric(a), isNumeric(b)
	switch {
	case an && bn:
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	case an:
		return -1
	case bn:
		return 1
	}
	return compareFold(a, b)
}

// compareFold compares a and b byte by byte as if their ASCII letters were
// lower case, without allocating. Identifiers hold only ASCII letters, digits
// and "-", which sort below every letter whichever case letters are folded to.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
