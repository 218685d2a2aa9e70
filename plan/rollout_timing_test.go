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
	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400, Soak: 30 * time.Hour}}
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

	pol.Rings = []plan.Ring{{Name: "First", Expression: "true", MaxParallel: 400, Soak: 30 * time.Hour}}
	r, err = s.Rollout(pol)
	require.NoError(t, err)
	require.Equal(t, wed, r.Waves[0].Start.UTC())
	require.Equal(t, wed.AddDate(0, 0, 7), r.Waves[1].Start.UTC(), "Thursday 07:00 is frozen: the next Wednesday")
	require.Equal(t, wed.AddDate(0, 0, 14), r.Waves[2].Start.UTC())
}
