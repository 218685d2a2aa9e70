package variables

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// withFakeFilters adds two pure filters to octoFilters for the length of the test: TestJoin
// (one or two arguments: input, then the arguments, joined by "+"; input "bad" is refused,
// argument "bad" too, "big" is too large) and TestClock (the time given, or no time).
func withFakeFilters(t *testing.T) {
	t.Helper()
	octoFilters["testjoin"] = octoFilter{name: "TestJoin", min: 1, max: 2, fn: func(in string, args []string, env filterEnv) (string, error) {
		switch {
		case in == "bad":
			return "", &filterError{arg: -1, want: "good text"}
		case in == "big":
			return "", errFilterTooLarge
		case strings.HasPrefix(in, "quote:"):
			return "", errors.New("cannot read " + in)
		}
		for i, a := range args {
			if a == "bad" {
				return "", &filterError{arg: i, want: "a good argument"}
			}
		}
		out := in + "+" + strings.Join(args, "+")
		if len(out) > env.max {
			return "", errFilterTooLarge
		}
		return out, nil
	}}
	octoFilters["testclock"] = octoFilter{name: "TestClock", min: 0, max: 0, fn: func(in string, args []string, env filterEnv) (string, error) {
		if !env.hasNow {
			return "", errNoTime
		}
		return env.now.Format(time.RFC3339), nil
	}}
	t.Cleanup(func() {
		delete(octoFilters, "testjoin")
		delete(octoFilters, "testclock")
	})
}

func TestOctoFilters_Wiring(t *testing.T) {
	withFakeFilters(t)
	vars := map[string]Value{"A": Plain("a"), "B": Plain("b"), "S": Sensitive("s3cret"), "Bad": Plain("bad"), "Big": Plain("big")}
	now := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, tc := range []struct {
		name, text string
		want       string
		sensitive  bool
		unresolved []string
	}{
		{"any letter case", `#{A | tEsTjOiN "x y"}`, "a+x y", false, nil},
		{"computed argument", `#{A | TestJoin #{B} c}`, "a+b+c", false, nil},
		{"chained with a built-in filter", `#{A | ToUpper | TestJoin x | ToUpper}`, "A+X", false, nil},
		{"sensitive input", `#{S | TestJoin x}`, "s3cret+x", true, nil},
		{"sensitive argument", `#{A | TestJoin #{S}}`, "a+s3cret", true, nil},
		{"condition operand", `#{if A | TestJoin x == "a+x"}yes#{/if}`, "yes", false, nil},
		{"no time", `#{A | TestClock}.`, "#{A | TestClock}.", false, []string{"#{A | TestClock}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Substitute(tc.text, vars, Options{})
			require.NoError(t, err)
			require.Equal(t, tc.want, got.Text.Reveal())
			require.Equal(t, tc.sensitive, got.Text.IsSensitive())
			require.Equal(t, tc.unresolved, got.Unresolved)
		})
	}
	got, err := Substitute(`#{A | TestClock}`, vars, Options{Now: now})
	require.NoError(t, err)
	require.Equal(t, "2024-02-03T04:05:06Z", got.Text.Reveal())

	for _, tc := range []struct {
		name, text string
		sentinel   error
		offset     int
		contains   string
	}{
		{"too few arguments at parse time", `#{Undefined | TestJoin}`, ErrFilterArgument, 14, "filter TestJoin takes 1 to 2 arguments, got 0"},
		{"too many arguments", `#{A | TestJoin a b c}`, ErrFilterArgument, 6, "got 3"},
		{"bad argument at its offset", `#{A | TestJoin x bad}`, ErrFilterArgument, 17, "argument 2 is not a good argument"},
		{"bad input", `#{Bad | TestJoin x}`, ErrFilterArgument, 8, "input is not good text"},
		{"too large", `#{Big | TestJoin x}`, ErrLimit, 8, "Options.MaxSize"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Substitute(tc.text, vars, Options{})
			require.ErrorIs(t, err, tc.sentinel)
			var te *TemplateError
			require.True(t, errors.As(err, &te))
			require.Equal(t, tc.offset, te.Offset, "%v", err)
			require.Contains(t, err.Error(), tc.contains)
		})
	}
	// An error of the filter's own is reported as it is, unless the text read a secret.
	_, err = Substitute(`#{Q | TestJoin x}`, map[string]Value{"Q": Plain("quote:open")}, Options{})
	require.ErrorIs(t, err, ErrFilterArgument)
	require.Contains(t, err.Error(), "cannot read quote:open")
	_, err = Substitute(`#{Q | TestJoin x}`, map[string]Value{"Q": Sensitive("quote:hunter2")}, Options{})
	require.ErrorIs(t, err, ErrFilterArgument)
	require.NotContains(t, err.Error(), "hunter2")
	// The output limit reaches the filter.
	_, err = Substitute(`#{A | TestJoin "`+strings.Repeat("x", 200)+`"}`, vars, Options{MaxSize: 100})
	require.ErrorIs(t, err, ErrLimit)
}

// TestOctoFilters_WorkProportional: a pure filter is charged for what it reads and writes, so
// that a long chain of them runs out of work, not of time.
func TestOctoFilters_WorkProportional(t *testing.T) {
	withFakeFilters(t)
	vars := map[string]Value{"A": Plain(strings.Repeat("a", 1<<16))}
	text := "#{A" + strings.Repeat(" | TestJoin x", 200) + "}"
	_, err := Substitute(text, vars, Options{MaxWork: 100_000})
	require.ErrorIs(t, err, ErrLimit)
	require.Contains(t, err.Error(), "work")
}
