package lifecycle_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// Versions order by SemVer precedence; a fourth part and missing parts are
// accepted.
func ExampleVersion_Compare() {
	a := lifecycle.MustParseVersion("1.0.0-beta.11")
	b := lifecycle.MustParseVersion("1.0.0-rc.1")
	fmt.Println(a.Compare(b))
	fmt.Println(lifecycle.MustParseVersion("1.2").Compare(lifecycle.MustParseVersion("1.2.0.0")))
	fmt.Println(lifecycle.MustParseVersion("1.2.3.4").Compare(lifecycle.MustParseVersion("1.2.3")))
	// Output:
	// -1
	// 0
	// 1
}

func ExampleParseVersion() {
	v, err := lifecycle.ParseVersion("2.0.0-beta.1+sha.7")
	fmt.Println(v, v.Prerelease(), err)

	_, err = lifecycle.ParseVersion("1.0.0-01")
	var pe *lifecycle.ParseError
	fmt.Println(errors.As(err, &pe), pe.Column, errors.Is(err, lifecycle.ErrInvalidVersion))
	fmt.Println(err)
	// Output:
	// 2.0.0-beta.1+sha.7 beta.1 <nil>
	// true 7 true
	// invalid version "1.0.0-01": column 7: numeric pre-release identifier "01" has a leading zero [invalid-version]
}

func ExampleParseRange() {
	r, _ := lifecycle.ParseRange("[2.0.0-0,3.0)")
	for _, v := range []string{"1.9", "2.0.0-beta.1", "2.9.9", "3.0"} {
		fmt.Println(v, r.Contains(lifecycle.MustParseVersion(v)))
	}
	// Output:
	// 1.9 false
	// 2.0.0-beta.1 true
	// 2.9.9 true
	// 3.0 false
}

func ExampleNewRule() {
	stable, _ := lifecycle.NewRule("[1.0,2.0)", "^$")
	fmt.Println(stable.Allows(lifecycle.MustParseVersion("1.4.2")))
	fmt.Println(stable.Allows(lifecycle.MustParseVersion("1.5.0-beta.1")))

	_, err := lifecycle.NewRule("[1.0,2.0", "")
	fmt.Println(err)
	// Output:
	// true
	// false
	// versionRange: invalid value "[1.0,2.0": column 9: missing closing ']' or ')' [invalid-value]
}

// A phase without environments takes every environment no other phase
// lists.
func ExampleNew() {
	envs := []string{"Dev", "Test", "UAT", "Staging", "Prod"}
	l, err := lifecycle.New("CatchAll", envs, []lifecycle.PhaseSpec{
		{Name: "First", Automatic: []string{"Dev"}},
		{Name: "Middle"},
		{Name: "Last", Manual: []string{"Prod"}},
	})
	if err != nil {
		panic(err)
	}
	for _, p := range l.Phases() {
		fmt.Println(p.Name(), p.Environments())
	}

	_, err = lifecycle.New("Broken", envs, []lifecycle.PhaseSpec{
		{Name: "A", Manual: []string{"Dev", "Qa"}, Minimum: 3},
		{Name: "B", Manual: []string{"Dev"}},
	})
	fmt.Println(err)
	// Output:
	// First [0]
	// Middle [1 2 3]
	// Last [4]
	// lifecycle "Broken" phase 0: environment "Qa": unknown environment: not an environment of the model [unknown-environment]
	// lifecycle "Broken" phase 0: minimum too large: minimum 3 but the phase has 1 environments [minimum-too-large]
	// lifecycle "Broken" phase 1: environment "Dev": environment in two phases: already in phase 0 ("A") [environment-in-two-phases]
}

// Each tenant goes through its own connected environments; a phase it is
// not connected to is satisfied by anyone's success.
func ExampleLifecycle_Progress() {
	const dev, test, prod = 0, 1, 2
	l, _ := lifecycle.New("Standard", []string{"DEV", "TEST", "PROD"}, nil)
	anySucc := lifecycle.EnvSetOf(dev, test) // T2 deployed TEST, T1 deployed DEV
	t1 := lifecycle.Track{Connected: lifecycle.EnvSetOf(dev, test, prod), Succeeded: lifecycle.EnvSetOf(dev)}
	t3 := lifecycle.Track{Connected: lifecycle.EnvSetOf(prod)}

	p := l.Progress(prod, t1, anySucc, false)
	fmt.Printf("T1: deployable=%v waiting for phase %d (%d of %d)\n", p.Deployable(), p.Waiting, p.Have, p.Need)
	p = l.Progress(prod, t3, anySucc, false)
	fmt.Printf("T3: deployable=%v\n", p.Deployable())
	p = l.Progress(prod, t3, anySucc, true)
	fmt.Printf("T3, release blocked: deployable=%v blocked=%v\n", p.Deployable(), p.Blocked)
	// Output:
	// T1: deployable=false waiting for phase 1 (0 of 1)
	// T3: deployable=true
	// T3, release blocked: deployable=false blocked=true
}

func ExampleSuccesses() {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	attempts := []lifecycle.Attempt{
		{Env: 0, At: t0, Success: true},
		{Env: 1, At: t0, Success: true},
		{Env: 1, At: t0.Add(time.Hour), Success: false},
	}
	fmt.Println(lifecycle.Successes(lifecycle.AnySuccess, attempts))
	fmt.Println(lifecycle.Successes(lifecycle.LatestOutcome, attempts))
	// Output:
	// {0 1}
	// {0}
}

func ExampleSelectChannel() {
	var channels []lifecycle.Channel
	for _, spec := range []lifecycle.ChannelSpec{
		{Name: "Stable", Default: true, VersionRange: "[1.0,2.0)", PreRelease: "^$"},
		{Name: "Beta", PreRelease: "^beta"},
		{Name: "Exact", VersionRange: "[4.2.0]"},
		{Name: "Also4", VersionRange: "[4.0,5.0)"},
	} {
		c, err := lifecycle.NewChannel(spec)
		if err != nil {
			panic(err)
		}
		channels = append(channels, c)
	}
	for _, v := range []string{"1.5.0", "1.5.0-beta.1", "4.2.0", "9.0"} {
		i, err := lifecycle.SelectChannel(channels, 0, lifecycle.MustParseVersion(v))
		if err != nil {
			fmt.Println(v, "->", err)
			continue
		}
		fmt.Println(v, "->", channels[i].Name())
	}
	// Output:
	// 1.5.0 -> Stable
	// 1.5.0-beta.1 -> Beta
	// 4.2.0 -> version "4.2.0": ambiguous channel: fits channels "Exact", "Also4" [ambiguous-channel]
	// 9.0 -> version "9.0": version rule: no channel accepts it
}
