package problem_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
)

func TestPath(t *testing.T) {
	long := strings.Repeat("k", 70)
	tests := []struct {
		path *problem.Path
		want string
	}{
		{nil, ""},
		{problem.Root("environments"), "environments"},
		{problem.Root("tenants").Index(3).Key("tags").Index(1), "tenants[3].tags[1]"},
		{problem.Root("tenants").Index(0).Key("projects").Key("Shop"), "tenants[0].projects.Shop"},
		{problem.Root("libraries").Key("Shared-1_a").Key("variables").Index(10), "libraries.Shared-1_a.variables[10]"},
		{problem.Root("tenants").Index(2).Key("values").Key("a b"), `tenants[2].values["a b"]`},
		{problem.Root("x").Key(""), `x[""]`},
		{problem.Root("x").Key("é"), `x["é"]`},
		{problem.Root("x").Key(long), `x["` + long[:64] + `"...]`},
		{problem.Root("rings").Index(-1), "rings[0]"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tt.path.String())
	}
	require.Equal(t, "a.b[1]", string(problem.AppendIndex(problem.AppendKey([]byte("a"), "b"), 1)))
	require.Equal(t, "b", string(problem.AppendKey(nil, "b")), "no dot at the start")
}

func TestQuote(t *testing.T) {
	require.Equal(t, `"abc"`, problem.Quote("abc"))
	require.Equal(t, `"a\nb"`, problem.Quote("a\nb"))
	s := strings.Repeat("a", 63) + "é" // 65 bytes: the cut moves back to the rune boundary
	require.Equal(t, `"`+strings.Repeat("a", 63)+`"...`, problem.Quote(s))
	require.Equal(t, `"`+strings.Repeat("b", 64)+`"`, problem.Quote(strings.Repeat("b", 64)))
	require.Equal(t, strings.Repeat("a", 63)+"...", problem.Cut(s))
	require.Equal(t, "abc", problem.Cut("abc"))
}

// located is a test error with a path and a code field, like plan.ValidationError.
type located struct {
	path string
	code problem.Code
}

func (e *located) Error() string      { return problem.Format(e.path, "bad", e.code) }
func (e *located) Location() string   { return e.path }
func (e *located) As(target any) bool { return problem.As(e.code, target) }

func TestList_SortCapErr(t *testing.T) {
	var l problem.List[*located]
	require.NoError(t, l.Err(), "an empty list is no error")
	for _, p := range []struct {
		path string
		code problem.Code
	}{{"x[10]", "b"}, {"x[2]", "b"}, {"x[2]", "a"}, {"", "c"}, {"x[2].y", "a"}} {
		l.Add(&located{p.path, p.code})
	}
	l.Sort()
	var got []string
	for _, e := range l {
		got = append(got, e.path+"/"+string(e.code))
	}
	require.Empty(t, cmp.Diff([]string{"/c", "x[2]/a", "x[2]/b", "x[2].y/a", "x[10]/b"}, got))
	require.Error(t, l.Err())

	capped := l.Cap(2, func(n int) *located { return &located{"", problem.Code(fmt.Sprint(n, "-more"))} })
	require.Len(t, capped, 3)
	require.Equal(t, problem.Code("3-more"), problem.CodeOf(capped[2]))
	require.Len(t, l.Cap(0, nil), 5, "0 keeps every problem")
	require.Len(t, l.Cap(5, nil), 5)

	require.Equal(t, "bad [c]\nx[2]: bad [a]", problem.List[*located](l[:2]).Error())
	require.Len(t, l.Unwrap(), 5)
	var target *located
	require.True(t, errors.As(l.Err(), &target))
}

func TestList_ErrorCountsPastMaxPrinted(t *testing.T) {
	var l problem.List[*located]
	for i := range problem.MaxPrinted + 3 {
		l.Add(&located{fmt.Sprintf("x[%d]", i), "c"})
	}
	lines := strings.Split(l.Error(), "\n")
	require.Len(t, lines, problem.MaxPrinted+1)
	require.Equal(t, "... and 3 more", lines[problem.MaxPrinted])
}

func TestCodeOf(t *testing.T) {
	sentinel := problem.New(problem.CodeCycle, "reference cycle")
	tests := []struct {
		name string
		err  error
		want problem.Code
	}{
		{"nil", nil, ""},
		{"unknown origin", errors.New("x"), ""},
		{"sentinel", sentinel, problem.CodeCycle},
		{"wrapped sentinel", fmt.Errorf("a: %w", problem.ErrLimit), problem.CodeLimit},
		{"field", &located{"p", problem.CodeUnknownTag}, problem.CodeUnknownTag},
		{"joined", errors.Join(errors.New("x"), problem.ErrDuplicateName), problem.CodeDuplicateName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, problem.CodeOf(tt.err))
		})
	}
	require.NotErrorIs(t, problem.New(problem.CodeLimit, "limit exceeded"), problem.ErrLimit,
		"each sentinel is its own error")
}

func TestFormatText(t *testing.T) {
	require.Equal(t, "tenants[0]: unknown tag [unknown-tag]", problem.Format("tenants[0]", "unknown tag", problem.CodeUnknownTag))
	require.Equal(t, "bad", problem.Format("", "bad", ""))
	require.Equal(t, "x: bad [limit]", problem.Format("x", "bad [limit]", problem.CodeLimit), "the code is printed once")
	require.Equal(t, "x: bad [cycle] [limit]", problem.Format("x", "bad [cycle]", problem.CodeLimit), "another code stays")
	require.Equal(t, " [limit]", problem.Format("", " [limit]", problem.CodeLimit), "a message that is only the code")
	require.Equal(t, "x [limit]", problem.Format("", "x", problem.CodeLimit), "a message shorter than the code")
	err := &located{"p", problem.CodeLimit}
	require.Equal(t, "p: bad [limit]", err.Error())
	require.Equal(t, "p: bad", problem.Text(err))
	require.Equal(t, "x", problem.Text(errors.New("x")))
	require.Equal(t, "", problem.Text(nil))
	joined := errors.Join(err, &located{"q", problem.CodeCycle})
	require.Equal(t, "p: bad [limit]\nq: bad [cycle]", joined.Error())
	require.Equal(t, "p: bad\nq: bad", problem.Text(joined), "each joined error loses its code")
}
