package octopus

import (
	"fmt"
	"strconv"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
)

func (im *importer) freezes() error {
	items, _, err := optional[wFreeze](im, "deploymentfreezes", "DeploymentFreeze", "deployment freezes")
	if err != nil {
		return err
	}
	items, err = unique(im, items, "deployment freeze", func(f wFreeze) string { return f.ID }, func(f wFreeze) string { return f.Name }, func(f wFreeze) string { return f.SpaceID })
	if err != nil {
		return err
	}
	for _, it := range items {
		w := it.v
		start, err1 := time.Parse(time.RFC3339Nano, w.Start)
		end, err2 := time.Parse(time.RFC3339Nano, w.End)
		if err1 != nil || err2 != nil || !start.Before(end) {
			im.rep.add(it.file, it.path(), Invalid, "freeze %q has no readable window (Start %q, End %q): left out", w.Name, w.Start, w.End)
			continue
		}
		fr := model.Freeze{Name: w.Name, Start: start.Format(time.RFC3339Nano), End: end.Format(time.RFC3339Nano)}
		for _, pid := range sortedKeys(w.ProjectEnvironmentScope) {
			p := it.path() + ".ProjectEnvironmentScope[" + strconv.Quote(pid) + "]"
			proj := im.projectRef(pid, it.file, p)
			if proj == nil {
				continue
			}
			envs, ok := im.envNames(w.ProjectEnvironmentScope[pid], it.file, p)
			if !ok || len(envs) == 0 {
				if ok {
					im.rep.add(it.file, p, Unsupported, "freeze %q scopes project %q to no environment: nothing to import", w.Name, proj.name)
				}
				continue
			}
			if fr.Projects == nil {
				fr.Projects = map[string][]string{}
			}
			fr.Projects[proj.name] = envs
		}
		for i, c := range w.TenantProjectEnvironmentScope {
			p := it.path() + ".TenantProjectEnvironmentScope[" + strconv.Itoa(i) + "]"
			tenant, okT := im.tenants[c.TenantID]
			env, okE := im.envs[c.EnvironmentID]
			proj := im.projectRef(c.ProjectID, it.file, p+".ProjectId")
			switch {
			case proj == nil:
			case !okT:
				im.rep.add(it.file, p+".TenantId", Dangling, "unknown tenant %q: cell left out of freeze %q", c.TenantID, w.Name)
			case !okE:
				im.rep.add(it.file, p+".EnvironmentId", Dangling, "unknown environment %q: cell left out of freeze %q", c.EnvironmentID, w.Name)
			default:
				fr.Tenants = append(fr.Tenants, model.FreezeTenant{Tenant: tenant, Project: proj.name, Environment: env})
			}
		}
		if w.RecurringSchedule != nil {
			fr.Recurrence = im.recurrence(*w.RecurringSchedule, start, w.Name, it.file, it.path()+".RecurringSchedule")
		}
		im.f.Freezes = append(im.f.Freezes, fr)
	}
	return nil
}

// The largest period and number of occurrences a model recurrence takes.
const (
	maxEvery       = 10_000
	maxOccurrences = 100_000
)

var weekdays = map[string]time.Weekday{"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday,
	"Wednesday": time.Wednesday, "Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday}

// recurrence maps a recurring schedule. The schedule's fixed offset becomes a time zone: UTC for
// 0, Etc/GMT-N for a whole number of hours (the Etc names count the other way round: UTC+2 is
// Etc/GMT-2); any other offset is converted to UTC. With a fixed offset every occurrence has
// the same UTC time of day, so UTC is exact when the freeze starts on the same date in UTC, and
// for daily and annual schedules; a weekly schedule repeating every week has its days shifted to
// their UTC days; any other case is reported.
// A schedule the model cannot express is left out (only the first window is imported) and
// reported.
func (im *importer) recurrence(s wSchedule, start time.Time, name, file, path string) *model.Recurrence {
	unsupported := func(p, format string, args ...any) *model.Recurrence {
		im.rep.add(file, path+p, Unsupported, "freeze %q: %s: only its first window is imported", name, fmt.Sprintf(format, args...))
		return nil
	}
	r := &model.Recurrence{Unit: s.Type, Every: int(s.Unit)}
	if r.Every < 0 || r.Every > maxEvery {
		return unsupported(".Unit", "repeats every %d (the model takes 1 to %d)", r.Every, maxEvery)
	}
	switch s.Type {
	case "Daily", "Annually":
	case "Weekly":
		for i, d := range s.DaysOfWeek {
			if _, ok := weekdays[d]; !ok {
				return unsupported(".DaysOfWeek["+strconv.Itoa(i)+"]", "unknown day %q", d)
			}
		}
		r.DaysOfWeek = append([]string(nil), s.DaysOfWeek...)
	case "Monthly":
		switch s.MonthlyScheduleType {
		case "DateOfMonth", "":
			if s.DateOfMonth < 1 || s.DateOfMonth > 31 {
				return unsupported(".DateOfMonth", "day of month %d", s.DateOfMonth)
			}
			r.DayOfMonth = int(s.DateOfMonth)
		default:
			return unsupported(".MonthlyScheduleType", "monthly on a weekday of the month (%s %s) has no equivalent in the model", s.DayNumberOfMonth, s.DayOfWeek)
		}
	default:
		return unsupported(".Type", "unknown schedule type %q", s.Type)
	}
	switch s.EndType {
	case "", "Never":
	case "OnDate":
		end, err := time.Parse(time.RFC3339Nano, s.EndOnDate)
		if err != nil {
			return unsupported(".EndOnDate", "unreadable end date %q", s.EndOnDate)
		}
		r.EndOn = end.Format(time.RFC3339Nano)
	case "AfterOccurrences":
		if s.EndAfterOccurrences < 1 || s.EndAfterOccurrences > maxOccurrences {
			return unsupported(".EndAfterOccurrences", "ends after %d occurrences (the model takes 1 to %d)", s.EndAfterOccurrences, maxOccurrences)
		}
		r.EndAfter = int(s.EndAfterOccurrences)
	default:
		return unsupported(".EndType", "unknown end type %q", s.EndType)
	}
	off := int(s.UserUtcOffsetInMinutes)
	switch {
	case off == 0:
		r.TimeZone = "UTC"
	case off%60 == 0 && off >= -12*60 && off <= 14*60:
		r.TimeZone = fmt.Sprintf("Etc/GMT%+d", -off/60)
	case off <= -24*60 || off >= 24*60:
		return unsupported(".UserUtcOffsetInMinutes", "offset %d minutes", off)
	default:
		r.TimeZone = "UTC"
		local := start.In(time.FixedZone("", off*60))
		u := start.UTC()
		shift := 0 // days from the local date of start to its UTC date
		if local.Year() != u.Year() || local.YearDay() != u.YearDay() {
			shift = 1
			if u.Before(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)) {
				shift = -1
			}
		}
		switch {
		case shift == 0 || s.Type == "Daily" || s.Type == "Annually" && !(local.Month() == time.February && local.Day() == 29):
			// Every occurrence keeps the same UTC time of day, so UTC dates follow local dates.
		case s.Type == "Weekly" && r.Every <= 1:
			for i, d := range r.DaysOfWeek {
				r.DaysOfWeek[i] = ((weekdays[d] + time.Weekday(7+shift)) % 7).String()
			}
		default:
			im.rep.add(file, path+".UserUtcOffsetInMinutes", Approximated, "freeze %q: offset %d minutes has no zone name; the schedule is evaluated in UTC, where it starts on another date, so its days may differ", name, off)
		}
	}
	return r
}
