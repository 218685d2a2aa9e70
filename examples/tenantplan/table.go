package main

import (
	"cmp"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan"
)

// maxCell is the width, in characters, at which a table cell is cut: a longer text ends with
// "…", and a list (the tenants of a wave) shows the names that fit and "… N more". With two
// spaces between columns, no line of a table is longer than (maxCell+2) characters a column.
const maxCell = 100

// clip returns s fit for a table cell: control characters are escaped as in a Go string (a tab or
// a newline would break the table), and a text longer than maxCell characters is cut to
// maxCell-1 of them and "…".
func clip(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		q := strconv.Quote(s)
		s = q[1 : len(q)-1]
	}
	if utf8.RuneCountInString(s) <= maxCell {
		return s
	}
	return prefix(s, maxCell-1) + "…"
}

// prefix returns the first n characters of s (all of s when it is shorter).
func prefix(s string, n int) string {
	k := 0
	for i := range s {
		if k == n {
			return s[:i]
		}
		k++
	}
	return s
}

// maxCellLines is the most lines a wrapped cell (a reason's message) takes; a longer text ends
// with "…" on its last line.
const maxCellLines = 4

// wrapCell returns s fit for the last column of a table, as lines of at most maxCell characters
// broken between words (a longer word is cut), at most maxCellLines of them; when the text goes
// on, the last line ends with "…". Control characters are escaped as in clip.
func wrapCell(s string) []string {
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		q := strconv.Quote(s)
		s = q[1 : len(q)-1]
	}
	var lines []string
	line, cut := "", false
	push := func() bool {
		if len(lines) == maxCellLines {
			cut = true
			return false
		}
		lines = append(lines, line)
		line = ""
		return true
	}
	for word := range strings.FieldsSeq(s) {
		for utf8.RuneCountInString(word) > maxCell {
			head := prefix(word, maxCell)
			if line != "" && !push() {
				break
			}
			line = head
			if !push() {
				break
			}
			word = word[len(head):]
		}
		if cut {
			break
		}
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > maxCell {
			if !push() {
				break
			}
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if !cut && line != "" {
		push()
	}
	if cut && len(lines) > 0 {
		lines[len(lines)-1] = prefix(lines[len(lines)-1], maxCell-1) + "…"
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// clipList joins items with ", " as far as maxCell allows; the items that do not fit are
// counted in a last "… N more".
func clipList(items []string) string {
	var b strings.Builder
	used := 0
	for i, it := range items {
		it = clip(it)
		sep := ""
		if i > 0 {
			sep = ", "
		}
		w := len(sep) + utf8.RuneCountInString(it)
		tail := 0
		if i < len(items)-1 {
			tail = utf8.RuneCountInString(fmt.Sprintf(", … %d more", len(items)-i-1))
		}
		if used+w+tail > maxCell {
			fmt.Fprintf(&b, "%s… %d more", sep, len(items)-i)
			return b.String()
		}
		b.WriteString(sep + it)
		used += w
	}
	return b.String()
}

// limitFlag is --limit: the most rows a table lists (0: all of them).
type limitFlag struct{ n int }

// limit adds --limit to a command with table output; what names the rows it caps.
func (fs *flagSet) limit(what string) *limitFlag {
	l := &limitFlag{}
	fs.Var(l, "limit", "list at most `N` "+what+" in the table (0, the default: all); a last line says how many more")
	return l
}

func (l *limitFlag) String() string {
	if l == nil {
		return "0"
	}
	return strconv.Itoa(l.n)
}

func (l *limitFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("limit %q is not a whole number of rows, 0 or more", prob.Cut(s))
	}
	l.n = n
	return nil
}

// shown returns how many of n rows to list.
func (l *limitFlag) shown(n int) int {
	if l != nil && l.n > 0 && n > l.n {
		return l.n
	}
	return n
}

// more writes the line that counts the rows left out of n, if any.
func (l *limitFlag) more(w io.Writer, n int, what string) {
	if k := n - l.shown(n); k > 0 {
		fmt.Fprintf(w, "… %d more %s (--limit %d)\n", k, what, l.n)
	}
}

// reasonSummary counts the reasons by code, the most common first (ties by code), as
// "lifecycle 514, not-connected 38"; "" when there is none.
func reasonSummary(reasons iter.Seq[plan.Reason]) string {
	counts := map[plan.Code]int{}
	for r := range reasons {
		counts[r.Code]++
	}
	codes := make([]plan.Code, 0, len(counts))
	for c := range counts {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b plan.Code) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s %d", c, counts[c])
	}
	return strings.Join(parts, ", ")
}

// reasonsOf yields every reason of n cells, those of cell i being reasons(i).
func reasonsOf(n int, reasons func(i int) []plan.Reason) iter.Seq[plan.Reason] {
	return func(yield func(plan.Reason) bool) {
		for i := range n {
			for _, r := range reasons(i) {
				if !yield(r) {
					return
				}
			}
		}
	}
}

// human writes a duration as people write it: 12h, 1h30m, 90s, rather than 12h0m0s.
func human(d time.Duration) string {
	s := d.String()
	if t, ok := strings.CutSuffix(s, "m0s"); ok {
		s = t + "m"
	}
	if t, ok := strings.CutSuffix(s, "h0m"); ok {
		s = t + "h"
	}
	return s
}

// durationFlag is a duration flag whose default prints as people write it (2m, not 2m0s).
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return human(*f.d)
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q is not a duration such as 90s, 2m or 1h30m", prob.Cut(s))
	}
	*f.d = d
	return nil
}
