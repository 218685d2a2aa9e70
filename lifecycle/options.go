package lifecycle

import (
	"fmt"
	"regexp/syntax"
)

// The default limits on the text this package parses. Each bounds the work that a hostile model
// can cause: versions are compared and matched against pre-release patterns once per release
// and channel, so both must be small.
const (
	// DefaultMaxVersionLen is the longest version accepted, in bytes.
	DefaultMaxVersionLen = 256
	// DefaultMaxRangeLen is the longest version range accepted, in bytes.
	DefaultMaxRangeLen = 1024
	// DefaultMaxPatternLen is the longest pre-release pattern accepted, in bytes.
	DefaultMaxPatternLen = 4096
	// DefaultMaxPatternSize is the largest compiled pre-release pattern accepted, in
	// instructions of the regular expression program (one per literal character, character
	// class, anchor or operator, and one per copy of a counted repetition: "[a-z]{1000}"
	// alone is over it).
	DefaultMaxPatternSize = 1000
)

// Options sets the limits of parsing. The zero value means the defaults; a negative field means
// no limit. The package-level functions (ParseVersion, ParseRange, NewRule, NewChannel) use the
// defaults.
type Options struct {
	// MaxVersionLen is the longest version accepted, in bytes (0: DefaultMaxVersionLen, 256).
	MaxVersionLen int
	// MaxRangeLen is the longest version range accepted, in bytes (0: DefaultMaxRangeLen,
	// 1024). Each bound is also a version, limited by MaxVersionLen.
	MaxRangeLen int
	// MaxPatternLen is the longest pre-release pattern accepted, in bytes
	// (0: DefaultMaxPatternLen, 4096).
	MaxPatternLen int
	// MaxPatternSize is the largest compiled pre-release pattern accepted, in instructions
	// (0: DefaultMaxPatternSize, 1000).
	MaxPatternSize int
}

// limit returns v, def when v is 0, or -1 (no limit) when v is negative.
func limit(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return -1
	}
	return v
}

// over reports whether n is over the limit lim (-1: none).
func over(n, lim int) bool { return lim >= 0 && n > lim }

func (o Options) maxVersionLen() int  { return limit(o.MaxVersionLen, DefaultMaxVersionLen) }
func (o Options) maxRangeLen() int    { return limit(o.MaxRangeLen, DefaultMaxRangeLen) }
func (o Options) maxPatternLen() int  { return limit(o.MaxPatternLen, DefaultMaxPatternLen) }
func (o Options) maxPatternSize() int { return limit(o.MaxPatternSize, DefaultMaxPatternSize) }

// limitMsg is the message of an error over a limit: what, the limit, its default and the
// option that sets it.
func limitMsg(what string, lim, def int, unit, option string) string {
	return fmt.Sprintf("%s over the limit of %d %s (default %d; Options.%s)", what, lim, unit, def, option)
}

// compiledSize returns the number of instructions of the program that package regexp compiles
// re to, or a number over lim without compiling when a cheap count already says so (lim < 0:
// no limit). Counted repetitions are expanded by compiling, so a pattern of a few bytes can
// compile to millions of instructions: the count comes first.
func compiledSize(re *syntax.Regexp, lim int) int {
	const overhead = 2 // every program starts with a fail and ends with a match instruction
	if est := progSize(re, 2*lim) + overhead; lim >= 0 && est > 2*lim {
		return est
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return lim + 1
	}
	return len(prog.Inst)
}

// progSize counts the instructions of re as package regexp's compiler lays them out (one per
// literal rune, character class, anchor and operator, counted repetitions expanded), without
// the start and end of the program. It is exact for most patterns and never over twice the
// real count (nested stars of patterns that match empty take a few more). It stops counting
// as soon as the count passes lim (lim < 0: no limit).
func progSize(re *syntax.Regexp, lim int) int {
	sat := func(n int) int {
		if lim >= 0 && n > lim {
			return lim + 1
		}
		return n
	}
	mul := func(a, n int) int {
		if n > 0 && lim >= 0 && a > (lim+1)/n {
			return lim + 1
		}
		return sat(a * n)
	}
	switch re.Op {
	case syntax.OpLiteral:
		return sat(max(1, len(re.Rune)))
	case syntax.OpCapture:
		return sat(2 + progSize(re.Sub[0], lim))
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return sat(1 + progSize(re.Sub[0], lim))
	case syntax.OpRepeat:
		sub := progSize(re.Sub[0], lim)
		switch {
		case re.Max == -1: // x{n,}: n-1 copies and x+
			return sat(mul(sub, max(re.Min, 1)) + 1)
		case re.Max == 0:
			return 1
		}
		return sat(mul(sub, re.Max) + (re.Max - re.Min)) // n copies, then m-n optional ones
	case syntax.OpConcat, syntax.OpAlternate:
		n := max(0, len(re.Sub)-1) // one split per alternative
		if re.Op == syntax.OpConcat {
			n = 0
		}
		for _, s := range re.Sub {
			n = sat(n + progSize(s, lim))
		}
		return max(n, 1)
	}
	return 1 // a character class, any character, an anchor, empty or no match
}
