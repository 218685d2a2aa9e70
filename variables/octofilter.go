package variables

import (
	"errors"
	"time"
)

// octoFilter is a filter that is a pure function of its input and arguments.
type octoFilter struct {
	name     string // canonical spelling, as Octopus documents it
	min, max int    // bounds on the number of arguments
	fn       func(in string, args []string, env filterEnv) (string, error)
}

// filterEnv is what a pure filter may read besides its input and arguments.
type filterEnv struct {
	now    time.Time // the time of NowDate and NowDateUtc; zero and hasNow false when none was given
	hasNow bool
	max    int // the most bytes the output may have; fn returns errFilterTooLarge past it
}

// filterError is a bad argument (arg is its 0-based index) or an input the filter cannot take (arg -1); want says what was expected.
type filterError struct {
	arg  int
	want string
}

func (e *filterError) Error() string { return "not " + e.want }

// errFilterTooLarge: the output would pass filterEnv.max. errNoTime: the filter needs a time and none was given (the binding stays unresolved).
var errFilterTooLarge = errors.New("filter output too large")
var errNoTime = errors.New("no time given")

// octoFilters maps a lower-cased filter name to its filter.
var octoFilters = map[string]octoFilter{}
