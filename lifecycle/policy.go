package lifecycle

import (
	"fmt"
	"time"
)

// Policy says which deployments of a release count as successes for
// progression. The zero Policy is AnySuccess.
type Policy uint8

const (
	// AnySuccess counts an environment once any deployment of the release to
	// it for the track succeeded, whatever happened later (the default).
	AnySuccess Policy = iota
	// LatestOutcome counts an environment only when the latest deployment of
	// the release to it for the track succeeded (what the Octopus server
	// does).
	LatestOutcome
)

// ParsePolicy parses "AnySuccess" or "LatestOutcome" (exact spelling); ""
// is AnySuccess. Other text is an error wrapping ErrInvalidValue.
func ParsePolicy(s string) (Policy, error) {
	switch s {
	case "", "AnySuccess":
		return AnySuccess, nil
	case "LatestOutcome":
		return LatestOutcome, nil
	}
	return AnySuccess, fmt.Errorf("policy %s: %w: want %q or %q", quote(s), ErrInvalidValue, "AnySuccess", "LatestOutcome")
}

// String returns "AnySuccess" or "LatestOutcome" ("Policy(n)" for other
// values).
func (p Policy) String() string {
	switch p {
	case AnySuccess:
		return "AnySuccess"
	case LatestOutcome:
		return "LatestOutcome"
	}
	return fmt.Sprintf("Policy(%d)", uint8(p))
}

// MarshalText returns "AnySuccess" or "LatestOutcome"; a Policy of another value is an error.
func (p Policy) MarshalText() ([]byte, error) {
	if p != AnySuccess && p != LatestOutcome {
		return nil, fmt.Errorf("policy %d: %w: want AnySuccess or LatestOutcome", uint8(p), ErrInvalidValue)
	}
	return []byte(p.String()), nil
}

// UnmarshalText decodes "AnySuccess" or "LatestOutcome" ("" is AnySuccess), as ParsePolicy does;
// other text is an error that lists them and wraps ErrInvalidValue.
func (p *Policy) UnmarshalText(b []byte) error {
	v, err := ParsePolicy(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Attempt is one deployment of a release to an environment (a model index)
// for one track. Success is false for failed and cancelled deployments.
type Attempt struct {
	Env     int
	At      time.Time
	Success bool
}

// Successes returns the environments where the track's deployments of a release count as successes
// under p. AnySuccess: some attempt there succeeded. LatestOutcome: the latest attempt there (by
// At; on equal times the later one in the slice) succeeded. Failed and cancelled attempts never
// count. Attempts whose Env is outside [0, MaxEnvironments) are ignored. Under LatestOutcome with
// environments below 64 only, Successes does not allocate.
func Successes(p Policy, attempts []Attempt) EnvSet {
	var s EnvSet
	if p != LatestOutcome {
		for _, a := range attempts {
			if a.Success {
				s = s.With(a.Env)
			}
		}
		return s
	}
	var (
		seen   uint64
		latest [64]int // index in attempts of the latest attempt per environment
		far    map[int]int
	)
	for i, a := range attempts {
		switch {
		case a.Env < 0 || a.Env >= MaxEnvironments:
		case a.Env < 64:
			if seen&(1<<a.Env) == 0 || !a.At.Before(attempts[latest[a.Env]].At) {
				latest[a.Env] = i
			}
			seen |= 1 << a.Env
		default:
			if far == nil {
				far = make(map[int]int)
			}
			if j, ok := far[a.Env]; !ok || !a.At.Before(attempts[j].At) {
				far[a.Env] = i
			}
		}
	}
	for w := seen; w != 0; w &= w - 1 {
		e := trailingZeros(w)
		if attempts[latest[e]].Success {
			s = s.With(e)
		}
	}
	for e, i := range far {
		if attempts[i].Success {
			s = s.With(e)
		}
	}
	return s
}
