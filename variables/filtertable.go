package variables

import (
	"fmt"
	"strconv"
	"strings"
)

type filterKind uint8

const (
	fUnknown filterKind = iota
	fToUpper
	fToLower
	fTrim
	fTruncate
	fSubstring
	fReplace
	fHTMLEscape
	fJSONEscape
	fURIEscape
	fToBase64
	fFromBase64
	fMatch
	fOcto // a pure filter of octoFilters
)

// lookupFilter returns the kind and canonical spelling of the filter named name (any letter
// case): one of the filters of this file, else one of octoFilters (then of is that filter).
func lookupFilter(name string) (filterKind, string, *octoFilter) {
	for k := fToUpper; k <= fMatch; k++ {
		if n := k.String(); strings.EqualFold(n, name) {
			return k, n, nil
		}
	}
	if of, ok := octoFilters[strings.ToLower(name)]; ok {
		return fOcto, of.name, &of
	}
	return fUnknown, "", nil
}

func (k filterKind) String() string {
	switch k {
	case fToUpper:
		return "ToUpper"
	case fToLower:
		return "ToLower"
	case fTrim:
		return "Trim"
	case fTruncate:
		return "Truncate"
	case fSubstring:
		return "Substring"
	case fReplace:
		return "Replace"
	case fHTMLEscape:
		return "HtmlEscape"
	case fJSONEscape:
		return "JsonEscape"
	case fURIEscape:
		return "UriEscape"
	case fToBase64:
		return "ToBase64"
	case fFromBase64:
		return "FromBase64"
	case fMatch:
		return "Match"
	}
	return "?"
}

// arity returns the least and most number of arguments of a filter.
func (k filterKind) arity() (int, int) {
	switch k {
	case fTrim:
		return 0, 1
	case fTruncate:
		return 1, 2
	case fSubstring:
		return 1, 2
	case fReplace:
		return 1, 2
	case fMatch:
		return 1, 1
	case fToBase64, fFromBase64:
		return 0, 1
	}
	return 0, 0
}

// filterCall is "| Name arg arg".
type filterCall struct {
	kind filterKind
	name string // canonical name
	args []arg
	off  int
	// Decoded static arguments.
	static bool     // every argument is static and decoded below
	vals   []string // the static argument values
	ints   [2]int
	pat    *pattern    // Replace and Match
	octo   *octoFilter // when kind is fOcto
}

// arity returns the least and most number of arguments of f.
func (f *filterCall) arity() (int, int) {
	if f.octo != nil {
		return f.octo.min, f.octo.max
	}
	return f.kind.arity()
}

// arg is a filter argument: a quoted string, or a word that may contain bindings.
type arg struct {
	static bool
	s      string
	name   nameExpr // when not static
	off    int
}

// argError is a bad filter argument: which one, and what is wrong.
type argError struct {
	arg  int
	val  string
	want string
}

func (e *argError) msg(quote func(string) string) string {
	return fmt.Sprintf("argument %d %s is not %s", e.arg+1, quote(e.val), e.want)
}

// decode checks the argument values of f and stores decoded integers and the regexp in f.
func (f *filterCall) decode(vals []string) *argError {
	switch f.kind {
	case fTruncate, fSubstring:
		if f.kind == fTruncate {
			vals = vals[:1] // the second argument is the suffix, any text
		}
		for i, v := range vals {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 {
				return &argError{arg: i, val: v, want: "a non-negative integer"}
			}
			f.ints[i] = n
		}
	case fTrim:
		if len(vals) == 1 && !strings.EqualFold(vals[0], "start") && !strings.EqualFold(vals[0], "end") {
			return &argError{arg: 0, val: vals[0], want: "start or end"}
		}
	case fToBase64, fFromBase64:
		if len(vals) == 1 && !strings.EqualFold(vals[0], "utf8") && !strings.EqualFold(vals[0], "utf-8") && !strings.EqualFold(vals[0], "unicode") {
			return &argError{arg: 0, val: vals[0], want: "an encoding (utf8, unicode)"}
		}
	case fReplace, fMatch:
		pat, err := compilePattern(vals[0])
		if err != nil {
			return &argError{arg: 0, val: vals[0], want: "a valid regular expression"}
		}
		f.pat = pat
	}
	return nil
}
