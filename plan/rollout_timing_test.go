package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// TestRollout_TimingThroughTiledCalendar: seven daily tiles freeze every day of the week (UTC);
// the Wednesday tile stops recurring at the end of 2026. Waves start on the first Wednesday after
// that, one after the other, and a soak that pushes the next wave past Wednesday waits a week.
// With no gap within the ten-year bound the rollout is unscheduled.
func TestRollout_TimingThroughTiledCalendar(t *testing.T) {
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	var fs []model.Freeze
	for d := range 7 {
		fs = append(fs, tiledModelFreezes(1, func(int) (time.Time, time.Time) {
			start := monday.AddDate(0, 0, d)
			return start, start.AddDate(0, 0, 1)
		}, model.Recurrence{Unit: "Weekly"})...)
		fs[d].Name = time.Weekday((d + 1) % 7).String()
	}
	s := tiledRolloutSpace(t, fs)
	pol := tiledRolloutPolicy
	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400, Soak: plan.Duration(30 * time.Hour)}}
	r, err := s.Rollout(pol)
	require.NoError(t, err)
	require.True(t, r.Unscheduled, "every day is frozen for ten years")
	require.True(t, r.Waves[0].Start.IsZero())

	fs[2].Recurrence.EndOn = "2027-01-01T00:00:00Z" // Wednesday
	s = tiledRolloutSpace(t, fs)
	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400}}
	r, err = s.Rollout(pol)
	require.NoError(t, err)
	require.False(t, r.Unscheduled)
	wed := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	require.Len(t, r.Waves, 3)
	for k, w := range r.Waves {
		require.Equal(t, wed.Add(time.Duration(k)*time.Hour), w.Start.UTC(), "wave %d", k)
		require.Equal(t, w.Start.Add(time.Hour), w.End)
	}

	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400, Soak: plan.Duration(30 * time.Hour)}}
	r, err = s.Rollout(pol)
	require.NoError(t, err)
	require.Equal(t, wed, r.Waves[0].Start.UTC())
	require.Equal(t, wed.AddDate(0, 0, 7), r.Waves[1].Start.UTC(), "Thursday 07:00 is frozen: the next Wednesday")
	require.Equal(t, wed.AddDate(0, 0, 14), r.Waves[2].Start.UTC())
}

// TestRollout_TimeLinearInFreezes: planning a timed rollout through a calendar that freezes tile
// up to the search's bound takes time linear in the freezes: quadrupling them at most quadruples
// the time, with a margin of two against a noisy machine (a search quadratic in the freezes, as it
// used to be, gives a ratio of 16). Each size is timed several times, alternating, and the fastest
// run of each counts, as the one least disturbed by other work. Timed for the weekly tiles only:
// the freeze package counts the work of both shapes, which is robust where timing is not.
func TestRollout_TimeLinearInFreezes(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing")
	}
	for _, shape := range tiledRolloutShapes[:1] {
		t.Run(shape.name, func(t *testing.T) {
			best := make([]time.Duration, len(shape.sizes))
			var spaces []*plan.Space
			for _, n := range shape.sizes {
				spaces = append(spaces, tiledRolloutSpace(t, shape.build(n)))
			}
			for range 5 {
				for i, s := range spaces {
					start := time.Now()
					r, err := s.Rollout(tiledRolloutPolicy)
					d := time.Since(start)
					require.NoError(t, err)
					require.True(t, r.Unscheduled)
					if best[i] == 0 || d < best[i] {
						best[i] = d
					}
				}
			}
			small, large := shape.sizes[0], shape.sizes[1]
			require.LessOrEqual(t, float64(best[1])/float64(best[0]), 2*float64(large)/float64(small), "fastest runs %v at %v freezes", best, shape.sizes)
		})
	}
}
