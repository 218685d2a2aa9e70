package problem

import (
	"slices"
	"strconv"
	"strings"
)

// Located is an error that knows where it is: the path of the problem in its document ("" for
// the document itself).
type Located interface {
	error
	Location() string
}

// List is every problem found in one input, in the style of go/scanner.ErrorList: [List.Add]
// collects, [List.Sort] orders by path, [List.Err] is nil when there is no problem. The public
// list types of the module (plan.ValidationErrors, model.Errors) are Lists of their own error
// type and convert to and from it.
type List[E Located] []E

// Add appends e.
func (l *List[E]) Add(e E) { *l = append(*l, e) }

// Len returns the number of problems.
func (l List[E]) Len() int { return len(l) }

// Sort sorts the problems by path (see [ComparePaths]), then by code; problems at one path with
// one code keep their order.
func (l List[E]) Sort() {
	slices.SortStableFunc(l, func(a, b E) int {
		if d := ComparePaths(a.Location(), b.Location()); d != 0 {
			return d
		}
		return strings.Compare(string(CodeOf(a)), string(CodeOf(b)))
	})
}

// Cap keeps the first max problems and, when there are more, appends more(n), the entry that
// counts the n others (it should wrap [ErrLimit]). max <= 0 keeps them all.
func (l List[E]) Cap(max int, more func(n int) E) List[E] {
	if max <= 0 || len(l) <= max {
		return l
	}
	return append(l[:max:max], more(len(l)-max))
}

// Err returns nil when l is empty, else l.
func (l List[E]) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// MaxPrinted is how many problems [List.Error] prints, one per line, before it counts the rest.
const MaxPrinted = 50

// Error returns the problems one per line: the first MaxPrinted, then "... and N more".
func (l List[E]) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == MaxPrinted {
			b.WriteString("\n... and ")
			b.WriteString(strconv.Itoa(len(l) - MaxPrinted))
			b.WriteString(" more")
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes each problem to errors.Is and errors.As.
func (l List[E]) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// ComparePaths orders two paths segment by segment, with list indexes compared as numbers, so
// that "x[2]" comes before "x[10]". It returns -1, 0 or +1 as strings.Compare does.
func ComparePaths(a, b string) int {
	for a != "" && b != "" {
		ia, ib := strings.IndexByte(a, '['), strings.IndexByte(b, '[')
		if ia < 0 || ib < 0 || a[:ia] != b[:ib] {
			return strings.Compare(a, b)
		}
		a, b = a[ia+1:], b[ib+1:]
		ja, jb := strings.IndexByte(a, ']'), strings.IndexByte(b, ']')
		if ja < 0 || jb < 0 {
			return strings.Compare(a, b)
		}
		na, nb := a[:ja], b[:jb]
		if len(na) != len(nb) && isDigits(na) && isDigits(nb) {
			if len(na) < len(nb) {
				return -1
			}
			return 1
		}
		if d := strings.Compare(na, nb); d != 0 {
			return d
		}
		a, b = a[ja+1:], b[jb+1:]
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
