package problem

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is the longest text, in bytes, that a message quotes whole.
const MaxQuoted = 64

// Quote returns s quoted as Go does (%q) for a message, cut to MaxQuoted bytes on a rune
// boundary and followed by "..." when it is longer, so that no huge input is printed whole.
func Quote(s string) string {
	if len(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cut(s, MaxQuoted)]) + "..."
}

// Cut returns s cut to MaxQuoted bytes on a rune boundary and followed by "..." when it is
// longer, for a message that quotes it itself.
func Cut(s string) string {
	if len(s) <= MaxQuoted {
		return s
	}
	return s[:cut(s, MaxQuoted)] + "..."
}

// cut returns the largest rune boundary of s at or before n (n < len(s)).
func cut(s string, n int) int {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}
