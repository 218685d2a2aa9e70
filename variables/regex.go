package variables

import (
	"io"
	"math"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The Replace filter runs Go regular expressions, which take time proportional to the characters
// read times the instructions of the compiled expression. A search that finds a match may read
// far beyond it (for "a*b|a" on "aaa...", to the end of the text), and every match starts a new
// search, so a replacement over the whole text may read it many times. To charge exactly what is
// read, every search reads the text through a counting io.RuneReader that stops when the work
// budget is spent.

// regexStepsPerUnit is how many regular expression steps (one character read times the number
// of instructions of the compiled expression) cost one unit of work.
const regexStepsPerUnit = 4

// pattern is a compiled Replace expression.
type pattern struct {
	re *regexp.Regexp // the expression as written: searches from the start of the text
	// after searches from a position p > 0 in a reader that starts one character before p:
	// `\A(?s:.)(?s:.*?)(re)`, so that "^", "\b" and "\B" see the character before p. Group 1 is
	// the match of re; re's groups follow.
	after *regexp.Regexp
	insts int // instructions of the compiled after, at least those of re
}

// compilePattern compiles expr as the Replace filter uses it.
func compilePattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	// tree.String() is the canonical spelling of expr: safe to wrap in a group (expr itself may
	// end inside \Q...).
	afterExpr := `\A(?s:.)(?s:.*?)(` + tree.String() + `)`
	after, err := regexp.Compile(afterExpr)
	if err != nil {
		return nil, err
	}
	atree, err := syntax.Parse(afterExpr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(atree.Simplify())
	if err != nil {
		return nil, err
	}
	return &pattern{re: re, after: after, insts: len(prog.Inst)}, nil
}

// meter is an io.RuneReader over s from i that counts the characters it gives and reports the
// end of the text when its allowance is spent.
type meter struct {
	s        string
	i        int
	prev     rune // given first when prevSize > 0
	prevSize int
	left     int // characters it may still give
	read     int
	over     bool // the allowance ended before the text
}

func (m *meter) ReadRune() (rune, int, error) {
	if m.prevSize == 0 && m.i >= len(m.s) {
		return 0, 0, io.EOF
	}
	if m.left <= 0 {
		m.over = true
		return 0, 0, io.EOF
	}
	m.left--
	m.read++
	if m.prevSize > 0 {
		r, size := m.prev, m.prevSize
		m.prevSize = 0
		return r, size, nil
	}
	r, size := utf8.DecodeRuneInString(m.s[m.i:])
	m.i += size
	return r, size, nil
}

// search returns the submatch indexes of the leftmost-first match of pt in s at or after pos
// (nil when none), as re.FindStringSubmatchIndex would from pos, and charges its steps to work.
// over=true means work ran out before the search ended.
func (pt *pattern) search(s string, pos int, work *int) (loc []int, over bool) {
	left := min(max(*work, 0), math.MaxInt/regexStepsPerUnit) * regexStepsPerUnit / pt.insts
	m := &meter{s: s, i: pos, left: left}
	re, base := pt.re, 0
	if pos > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:pos])
		m.prev, m.prevSize, re, base = r, size, pt.after, pos-size
	}
	idx := re.FindReaderSubmatchIndex(m)
	*work -= ((m.read+1)*pt.insts + regexStepsPerUnit - 1) / regexStepsPerUnit
	if m.over || *work < 0 {
		return nil, true
	}
	if idx == nil {
		return nil, false
	}
	if pos > 0 {
		idx = idx[2:]
	}
	for i := range idx {
		if idx[i] >= 0 {
			idx[i] += base
		}
	}
	return idx, false
}

// replace replaces every match of pt in s with repl, expanded as .NET expands a replacement
// (see expand), matching as regexp.Regexp.ReplaceAllString does, giving up as soon as the output would exceed max or the
// searches would spend more than work.
func (pt *pattern) replace(s, repl string, max int, work *int) (string, outcome) {
	expand := strings.IndexByte(repl, '$') >= 0
	var out []byte
	lastEnd, pos := 0, 0
	for pos <= len(s) {
		a, over := pt.search(s, pos, work)
		if over {
			return "", overWork
		}
		if a == nil {
			break
		}
		out = append(out, s[lastEnd:a[0]]...)
		// No replacement for an empty match right after another match.
		if a[1] > lastEnd || a[0] == 0 {
			if expand {
				out = pt.expand(out, repl, s, a)
			} else {
				out = append(out, repl...)
			}
		}
		if len(out) > max {
			return "", overSize
		}
		lastEnd = a[1]
		// Advance past the match, by at least one character.
		_, width := utf8.DecodeRuneInString(s[pos:])
		switch {
		case pos+width > a[1]:
			pos += width
		case pos+1 > a[1]:
			pos++ // at the end of s, where width is 0
		default:
			pos = a[1]
		}
	}
	if len(out)+len(s)-lastEnd > max {
		return "", overSize
	}
	if lastEnd == 0 && out == nil {
		return s, done
	}
	return string(append(out, s[lastEnd:]...)), done
}

// expand appends repl to out with the substitutions of .NET's Regex.Replace: "$n" (all the
// digits that follow) and "${n}" a group by number, "${name}" a group by name, "$$" a "$",
// "$&" the match, "$`" the text before it, "$'" the text after it, "$+" the last group and
// "$_" the whole input. A reference to a group that does not exist is literal text; a group
// that did not take part in the match is empty.
func (pt *pattern) expand(out []byte, repl, s string, a []int) []byte {
	group := func(i int) string {
		if 2*i+1 < len(a) && a[2*i] >= 0 {
			return s[a[2*i]:a[2*i+1]]
		}
		return ""
	}
	n := pt.re.NumSubexp()
	for {
		i := strings.IndexByte(repl, '$')
		if i < 0 || i+1 >= len(repl) {
			return append(out, repl...)
		}
		out = append(out, repl[:i]...)
		repl = repl[i+1:]
		switch c := repl[0]; {
		case c == '$':
			out, repl = append(out, '$'), repl[1:]
		case c == '&':
			out, repl = append(out, group(0)...), repl[1:]
		case c == '`':
			out, repl = append(out, s[:a[0]]...), repl[1:]
		case c == '\'':
			out, repl = append(out, s[a[1]:]...), repl[1:]
		case c == '+':
			out, repl = append(out, group(n)...), repl[1:]
		case c == '_':
			out, repl = append(out, s...), repl[1:]
		case c >= '0' && c <= '9':
			j := 0
			for j < len(repl) && repl[j] >= '0' && repl[j] <= '9' {
				j++
			}
			if k, err := strconv.Atoi(repl[:j]); err == nil && k <= n {
				out, repl = append(out, group(k)...), repl[j:]
			} else {
				out = append(out, '$')
			}
		case c == '{':
			// A group name or number is made of word characters: look no further for the
			// '}', so that a long replacement of "${" is read once, not once per "${".
			end := 1
			for end < len(repl) && isWordByte(repl[end]) {
				end++
			}
			if end == len(repl) || repl[end] != '}' {
				out = append(out, '$')
				continue
			}
			name := repl[1:end]
			k := -1
			if d, err := strconv.Atoi(name); err == nil && d >= 0 && d <= n && name == strconv.Itoa(d) {
				k = d
			} else if name != "" {
				k = pt.re.SubexpIndex(name)
			}
			if k < 0 {
				out = append(out, '$')
				continue
			}
			out, repl = append(out, group(k)...), repl[end+1:]
		default:
			out = append(out, '$')
		}
	}
}

// isWordByte reports whether c may be part of a group name: an ASCII letter, digit or '_'.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
