package lifecycle_test

import (
	"fmt"
	"testing"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// BenchmarkProgress measures Progress for the planner's workload: one
// release, 100,000 tracks with varied connections and successes, a
// four-phase lifecycle over 8 environments (one op = all 100,000 tracks), and
// one call alone.
func BenchmarkProgress(b *testing.B) {
	envs := []string{"Dev", "Test", "QA1", "QA2", "QA3", "Staging", "Prod-EU", "Prod-US"}
	l, err := lifecycle.New("L", envs, []lifecycle.PhaseSpec{
		{Name: "Dev", Automatic: []string{"Dev"}},
		{Name: "Test", Manual: []string{"Test", "QA1", "QA2", "QA3"}, Minimum: 2},
		{Name: "Staging", Manual: []string{"Staging"}, Optional: true},
		{Name: "Prod", Manual: []string{"Prod-EU", "Prod-US"}},
	})
	if err != nil {
		b.Fatal(err)
	}
	const n = 100_000
	tracks := make([]lifecycle.Track, n)
	for i := range tracks {
		var conn, succ lifecycle.EnvSet
		for e := range envs {
			if (i>>e)&1 == 1 || e == 6+i%2 {
				conn = conn.With(e)
				if (i*7+e)%3 != 0 {
					succ = succ.With(e)
				}
			}
		}
		tracks[i] = lifecycle.Track{Connected: conn, Succeeded: succ}
	}
	anySucc := lifecycle.EnvSetOf(0, 1, 2, 5)
	b.Run(fmt.Sprintf("tracks=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		deployable := 0
		for b.Loop() {
			deployable = 0
			for i := range tracks {
				if l.Progress(6+i%2, tracks[i], anySucc, false).Deployable() {
					deployable++
				}
			}
		}
		b.ReportMetric(float64(deployable), "deployable")
	})
	b.Run("one", func(b *testing.B) {
		b.ReportAllocs()
		t := tracks[n-1]
		for b.Loop() {
			l.Progress(7, t, anySucc, true)
		}
	})
}

// BenchmarkVersion_Compare: comparing versions whose pre-release labels differ in letters, in
// letter case only, in numbers and in length (a sort's worth of comparisons).
func BenchmarkVersion_Compare(b *testing.B) {
	texts := []string{"1.0.0-alpha", "1.0.0-Alpha.1", "1.0.0-beta.2", "1.0.0-BETA.11", "1.0.0-rc.1",
		"1.0.0-RC.1", "1.0.0-rc1", "1.0.0-RC2", "1.0.0", "1.0.1-pre-release.7", "1.0.1-Pre-Release.7"}
	vs := make([]lifecycle.Version, len(texts))
	for i, s := range texts {
		vs[i] = lifecycle.MustParseVersion(s)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, v := range vs {
			for _, w := range vs {
				n += v.Compare(w)
			}
		}
	}
	_ = n
}
