package octopus_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// TestFreezeSchedules maps recurring schedules: the fixed offset becomes UTC, an Etc/GMT zone
// (whose sign is the other way round), or UTC with a report entry when the freeze starts on
// another date in UTC; schedules the model cannot express keep their first window only.
func TestFreezeSchedules(t *testing.T) {
	for _, tc := range []struct {
		name, start, schedule string
		want                  *model.Recurrence
		entry                 string // substring of the freeze's report entry; "" for none
	}{
		{"UTC", "2026-03-07T00:00:00Z", `{"Type": "Daily", "Unit": 2, "UserUtcOffsetInMinutes": 0, "EndType": "Never"}`,
			&model.Recurrence{Unit: "Daily", Every: 2, TimeZone: "UTC"}, ""},
		{"east of UTC", "2026-03-07T00:00:00+02:00", `{"Type": "Weekly", "Unit": 1, "UserUtcOffsetInMinutes": 120, "DaysOfWeek": ["Saturday", "Sunday"], "EndType": "AfterOccurrences", "EndAfterOccurrences": 4}`,
			&model.Recurrence{Unit: "Weekly", Every: 1, DaysOfWeek: []string{"Saturday", "Sunday"}, EndAfter: 4, TimeZone: "Etc/GMT-2"}, ""},
		{"west of UTC", "2026-03-07T00:00:00-05:00", `{"Type": "Monthly", "Unit": "1", "UserUtcOffsetInMinutes": "-300", "MonthlyScheduleType": "DateOfMonth", "DateOfMonth": "7", "EndType": "OnDate", "EndOnDate": "2026-12-31T00:00:00-05:00"}`,
			&model.Recurrence{Unit: "Monthly", Every: 1, DayOfMonth: 7, EndOn: "2026-12-31T00:00:00-05:00", TimeZone: "Etc/GMT+5"}, ""},
		{"half-hour offset, same date in UTC", "2026-03-07T12:00:00+05:30", `{"Type": "Weekly", "Unit": 1, "UserUtcOffsetInMinutes": 330, "DaysOfWeek": ["Saturday"]}`,
			&model.Recurrence{Unit: "Weekly", Every: 1, DaysOfWeek: []string{"Saturday"}, TimeZone: "UTC"}, ""},
		{"half-hour offset, weekly, another date in UTC", "2026-03-07T02:00:00+05:30", `{"Type": "Weekly", "Unit": 1, "UserUtcOffsetInMinutes": 330, "DaysOfWeek": ["Saturday", "Monday"]}`,
			&model.Recurrence{Unit: "Weekly", Every: 1, DaysOfWeek: []string{"Friday", "Sunday"}, TimeZone: "UTC"}, ""},
		{"negative half-hour offset, weekly, another date in UTC", "2026-03-07T22:00:00-03:30", `{"Type": "Weekly", "Unit": 1, "UserUtcOffsetInMinutes": -210, "DaysOfWeek": ["Saturday", "Sunday"]}`,
			&model.Recurrence{Unit: "Weekly", Every: 1, DaysOfWeek: []string{"Sunday", "Monday"}, TimeZone: "UTC"}, ""},
		{"half-hour offset, every other week, another date in UTC", "2026-03-07T02:00:00+05:30", `{"Type": "Weekly", "Unit": 2, "UserUtcOffsetInMinutes": 330, "DaysOfWeek": ["Saturday"]}`,
			&model.Recurrence{Unit: "Weekly", Every: 2, DaysOfWeek: []string{"Saturday"}, TimeZone: "UTC"}, "evaluated in UTC"},
		{"half-hour offset, monthly, another date in UTC", "2026-03-07T02:00:00+05:30", `{"Type": "Monthly", "Unit": 1, "UserUtcOffsetInMinutes": 330, "MonthlyScheduleType": "DateOfMonth", "DateOfMonth": 7}`,
			&model.Recurrence{Unit: "Monthly", Every: 1, DayOfMonth: 7, TimeZone: "UTC"}, "evaluated in UTC"},
		{"half-hour offset, daily", "2026-03-07T02:00:00+05:30", `{"Type": "Daily", "Unit": 1, "UserUtcOffsetInMinutes": 330}`,
			&model.Recurrence{Unit: "Daily", Every: 1, TimeZone: "UTC"}, ""},
		{"weekday of the month", "2026-03-10T18:00:00Z", `{"Type": "Monthly", "Unit": 1, "MonthlyScheduleType": "DayOfMonth", "DayNumberOfMonth": "L", "DayOfWeek": "Friday"}`,
			nil, "weekday of the month"},
		{"too many occurrences", "2026-03-10T18:00:00Z", `{"Type": "Daily", "Unit": 1, "EndType": "AfterOccurrences", "EndAfterOccurrences": 1000000}`,
			nil, "ends after 1000000 occurrences"},
		{"unknown type", "2026-03-10T18:00:00Z", `{"Type": "Hourly", "Unit": 1}`, nil, "unknown schedule type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := small()
			fs["deploymentfreezes.json"] = &fstest.MapFile{Data: []byte(`{"DeploymentFreezes": [{"Id": "DeploymentFreezes-1", "Name": "F",
				"Start": "` + tc.start + `", "End": "2027-01-01T00:00:00Z", "ProjectEnvironmentScope": {"Projects-1": ["Environments-4"]},
				"RecurringSchedule": ` + tc.schedule + `}], "Count": 1}`)}
			f, rep, err := octopus.Import(fs, octopus.Options{})
			require.NoError(t, err)
			require.Len(t, f.Freezes, 1)
			if d := cmp.Diff(tc.want, f.Freezes[0].Recurrence); d != "" {
				t.Errorf("recurrence (-want +got):\n%s", d)
			}
			var entries []string
			for _, e := range rep.Entries {
				if e.File == "deploymentfreezes.json" {
					entries = append(entries, e.Path+": "+e.Message)
				}
			}
			if tc.entry == "" {
				require.Empty(t, entries)
			} else {
				require.Len(t, entries, 1)
				require.Contains(t, entries[0], tc.entry)
				require.True(t, strings.HasPrefix(entries[0], "DeploymentFreezes[0].RecurringSchedule"), entries[0])
			}
			_, err = plan.Compile(f)
			require.NoError(t, err)
		})
	}
}

// TestSpaceOption imports one space of a folder that holds two: the resources of the other are
// reported as not selected; without Options.Space the folder is refused.
func TestSpaceOption(t *testing.T) {
	fs := small()
	edit(t, fs, "environments.json", func(v any) any {
		return append(v.([]any), map[string]any{"Id": "Environments-99", "Name": "Elsewhere", "SpaceId": "Spaces-2"})
	})
	edit(t, fs, "tenants.json", func(v any) any {
		return append(v.([]any), map[string]any{"Id": "Tenants-99", "Name": "Other space tenant", "SpaceId": "Spaces-2"})
	})
	_, _, err := octopus.Import(fs, octopus.Options{})
	require.ErrorIs(t, err, octopus.ErrSpace)
	require.Contains(t, err.Error(), "Spaces-1, Spaces-2")

	f, rep, err := octopus.Import(fs, octopus.Options{Space: "Spaces-1"})
	require.NoError(t, err)
	require.NotContains(t, f.Environments, "Elsewhere")
	require.Equal(t, 2, rep.Count(octopus.NotSelected))
	for _, e := range rep.Entries {
		if e.Kind == octopus.NotSelected {
			require.Contains(t, e.Message, `in space "Spaces-2"`)
		}
	}
	_, _, err = octopus.Import(fs, octopus.Options{Space: "Spaces-7"})
	require.ErrorIs(t, err, octopus.ErrSpace)
}

// TestHalfHourOffsetFreezesTheSameInstants checks the day shift against the zone it stands for:
// a weekly freeze on Saturday and Monday at 02:00 UTC+05:30 (Asia/Kolkata has kept that fixed
// offset since 1945), imported from Octopus's fixed offset as UTC on Friday and Sunday, holds a
// cell at exactly the same instants, hour by hour over five weeks.
func TestHalfHourOffsetFreezesTheSameInstants(t *testing.T) {
	base := tinyModel()
	base.Freezes = nil
	fs := render(base, renderOptions{})
	fs["deploymentfreezes.json"] = &fstest.MapFile{Data: []byte(`{"DeploymentFreezes": [{"Id": "DeploymentFreezes-1", "Name": "Night",
		"Start": "2026-03-07T02:00:00+05:30", "End": "2026-03-07T05:00:00+05:30",
		"TenantProjectEnvironmentScope": [{"TenantId": "Tenants-1", "ProjectId": "Projects-1", "EnvironmentId": "Environments-2"}],
		"RecurringSchedule": {"Type": "Weekly", "Unit": 1, "UserUtcOffsetInMinutes": 330, "DaysOfWeek": ["Saturday", "Monday"], "EndType": "Never"}}]}`)}
	imported, _, err := octopus.Import(fs, octopus.Options{})
	require.NoError(t, err)
	want := tinyModel()
	want.Freezes = []model.Freeze{{Name: "Night", Start: "2026-03-07T02:00:00+05:30", End: "2026-03-07T05:00:00+05:30",
		Tenants:    []model.FreezeTenant{{Tenant: "Acme", Project: "Portal", Environment: "Production"}},
		Recurrence: &model.Recurrence{Unit: "Weekly", DaysOfWeek: []string{"Saturday", "Monday"}, TimeZone: "Asia/Kolkata"}}}
	a, err := plan.Compile(want)
	require.NoError(t, err)
	b, err := plan.Compile(imported)
	require.NoError(t, err)
	frozenHours := 0
	for h := range 5 * 7 * 24 {
		at := mustTime("2026-03-06T00:00:00Z").Add(time.Duration(h) * time.Hour)
		req := plan.DeployRequest{Project: "Portal", Release: "1.0.0", Environment: "Production", Tenants: []string{"Acme"}, At: at}
		pa, err := a.Deploy(req)
		require.NoError(t, err)
		pb, err := b.Deploy(req)
		require.NoError(t, err)
		ja, _ := pa.JSON()
		jb, _ := pb.JSON()
		require.Equal(t, string(ja), string(jb), "at %s", at)
		if strings.Contains(string(ja), `"frozen"`) {
			frozenHours++
		}
	}
	require.Equal(t, 5*2*3, frozenHours, "whole hours inside 3-hour windows on 2 days a week for 5 weeks")
}
