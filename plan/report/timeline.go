package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/plan"
)

// Geometry of the timeline, in SVG user units.
const (
	tlLabel  = 250 // width of the wave labels on the left
	tlPlot   = 900 // width of the time axis
	tlTop    = 34  // room for the freeze names above the bars
	tlRow    = 26  // height of one wave's row
	tlBottom = 34  // room for the axis labels
)

// timeline is the rollout section: the SVG chart and its text equivalents.
type timeline struct {
	Timed, Unscheduled  bool
	Order, Environments string
	Width, Height       int
	PlotX, PlotW        int
	AxisY               int
	Ticks               []tick
	Bands               []band
	MoreBands           int
	Bars                []bar
	Rings               []ringRow
	Unassigned          []string
	Done                []string
	Never               []neverRow
}

type tick struct {
	X     float64
	Label string
}

type band struct {
	X, W, Y, H float64
	Name       string
	Title      string
	Label      bool // the first rectangle of an occurrence carries the freeze's name
}

type bar struct {
	Number                int
	Y, X, W               float64
	SoakX, SoakW          float64
	Environment, Ring     string
	Start, End, Gate      string
	Tenants               []string
	Label, Title, Summary string
}

// gateHidden is the Gate.After of a wave, in the rollout seen by a principal, whose gate is a
// wave the principal does not see.
const gateHidden = -2

// seenBy returns the rollout as a principal that may view only the tenants in visible sees it:
// each wave with only those tenants, the waves left with none left out, the others numbered
// again in order, and a gate on a wave left out marked gateHidden. The page then never says
// that a wave holds tenants the principal may not view: a principal never learns that such a
// tenant exists. r itself is returned when every tenant of every wave is visible.
func seenBy(r *plan.Rollout, visible map[string]bool) *plan.Rollout {
	all := true
	for _, w := range r.Waves {
		for _, t := range w.Tenants {
			all = all && visible[t]
		}
	}
	if all {
		return r
	}
	out := *r
	out.Waves = nil
	number := make([]int, len(r.Waves)) // the new index of each wave, -1 when left out
	for k, w := range r.Waves {
		number[k] = -1
		var ts []string
		for _, t := range w.Tenants {
			if visible[t] {
				ts = append(ts, t)
			}
		}
		if len(ts) == 0 {
			continue
		}
		number[k] = len(out.Waves)
		w.Index, w.Tenants = len(out.Waves), ts
		if w.Gate.After >= 0 {
			if w.Gate.After < len(number) && number[w.Gate.After] >= 0 {
				w.Gate.After = number[w.Gate.After]
			} else {
				w.Gate.After = gateHidden
			}
		}
		out.Waves = append(out.Waves, w)
	}
	return &out
}

type ringRow struct {
	Name, Admitted string
	Members        int
}

type neverRow struct {
	Tenant, Environment string
	Reasons             []plan.Reason
}

// buildTimeline lays out the rollout: one bar per wave on a time axis (or in order, when the
// rollout is not timed), the freezes that hold its cells as shaded bands, the soaks as dashed
// segments before the waves that wait for them, and the lists of what the rollout leaves out.
// Tenants the principal may not view (not in visible) are left out of every list, and the waves
// are those the principal sees (see seenBy).
func buildTimeline(s *plan.Space, r *plan.Rollout, visible map[string]bool, o Options) *timeline {
	r = seenBy(r, visible)
	tl := &timeline{Unscheduled: r.Unscheduled, Order: r.Order.String(),
		Environments: strings.Join(r.Environments, ", "), PlotX: tlLabel, PlotW: tlPlot, Width: tlLabel + tlPlot + 20}
	n := len(r.Waves)
	tl.Height = tlTop + max(n, 1)*tlRow + tlBottom
	tl.AxisY = tlTop + max(n, 1)*tlRow
	seen := func(names []string) []string {
		out := []string{}
		for _, t := range names {
			if visible[t] {
				out = append(out, t)
			}
		}
		return out
	}
	var t0, t1 time.Time
	for _, w := range r.Waves {
		if w.Start.IsZero() {
			continue
		}
		tl.Timed = true
		if t0.IsZero() || w.Start.Before(t0) {
			t0 = w.Start
		}
		if w.End.After(t1) {
			t1 = w.End
		}
	}
	if tl.Timed {
		// A little room after the last wave, and never an empty axis.
		span := max(t1.Sub(t0), time.Hour)
		t1 = t0.Add(span + span/20)
	}
	x := func(t time.Time) float64 {
		return float64(tlLabel) + float64(t.Sub(t0))/float64(t1.Sub(t0))*tlPlot
	}
	for k, w := range r.Waves {
		b := bar{Number: w.Index + 1, Y: float64(tlTop + k*tlRow + 4), Environment: w.Environment, Ring: w.Ring,
			Tenants: seen(w.Tenants)}
		b.Gate = "none (first wave)"
		if w.Gate.After >= 0 || w.Gate.After == gateHidden {
			b.Gate = "after earlier waves"
			if w.Gate.After >= 0 {
				b.Gate = "after wave " + strconv.Itoa(w.Gate.After+1)
			}
			if w.Gate.Soak > 0 {
				b.Gate += " and a soak of " + duration(w.Gate.Soak)
			}
		}
		switch {
		case tl.Timed && !w.Start.IsZero():
			b.X, b.W = x(w.Start), max(x(w.End)-x(w.Start), 5)
			b.Start, b.End = stamp(w.Start), stamp(w.End)
			if w.Gate.After >= 0 && w.Gate.Soak > 0 && w.Gate.After < len(r.Waves) {
				if prev := r.Waves[w.Gate.After]; !prev.End.IsZero() {
					b.SoakX = x(prev.End)
					b.SoakW = max(x(prev.End.Add(w.Gate.Soak))-b.SoakX, 1)
				}
			}
		case tl.Timed:
			b.Start, b.End = "unscheduled", "unscheduled"
		default:
			step := float64(tlPlot) / float64(max(n, 1))
			b.X, b.W = float64(tlLabel)+float64(k)*step+1, max(step-2, 2)
			b.Start, b.End = "untimed", "untimed"
		}
		count := strconv.Itoa(len(b.Tenants)) + " tenant"
		if len(b.Tenants) != 1 {
			count += "s"
		}
		b.Label = fmt.Sprintf("%d. %s · %s", b.Number, w.Environment, w.Ring)
		b.Summary = count
		b.Title = fmt.Sprintf("Wave %d: %s, ring %s, %s; starts %s, ends %s; gate: %s", b.Number, w.Environment,
			w.Ring, count, b.Start, b.End, b.Gate)
		tl.Bars = append(tl.Bars, b)
	}
	if tl.Timed {
		tl.Ticks = ticks(t0, t1, x)
		tl.Bands, tl.MoreBands = bands(s, r, visible, t0, t1, x, o.maxFreezeBands())
	}
	for _, rg := range r.Rings {
		how := "selector"
		if rg.Percent != 0 {
			how = fmt.Sprintf("%g%% by %s, salt %q", rg.Percent, rg.Algorithm, rg.Salt)
		}
		tl.Rings = append(tl.Rings, ringRow{Name: rg.Name, Admitted: how, Members: len(seen(rg.Members))})
	}
	tl.Unassigned = seen(r.Unassigned)
	for _, c := range r.Done {
		if visible[c.Tenant] {
			tl.Done = append(tl.Done, c.Tenant+" in "+c.Environment)
		}
	}
	for _, c := range r.Never {
		if visible[c.Tenant] {
			tl.Never = append(tl.Never, neverRow{Tenant: c.Tenant, Environment: c.Environment, Reasons: c.Reasons})
		}
	}
	return tl
}

// bands returns the occurrences, within [t0, t1), of the freezes that hold a cell of a wave: a
// band covers the rows of the waves whose environment the freeze holds for the project, or
// one of whose tenants (that the principal may view) it holds. At most limit rectangles are
// returned; the second result counts the others.
func bands(s *plan.Space, r *plan.Rollout, visible map[string]bool, t0, t1 time.Time, x func(time.Time) float64, limit int) ([]band, int) {
	var out []band
	more := 0
	for _, f := range s.Freezes() {
		holds := make([]bool, len(r.Waves))
		var envs []string
		any := false
		for k, w := range r.Waves {
			if f.Covers(r.Project, w.Environment, "") {
				holds[k] = true
			} else {
				for _, tn := range w.Tenants {
					if visible[tn] && f.Covers(r.Project, w.Environment, tn) {
						holds[k] = true
						break
					}
				}
			}
			if holds[k] {
				any = true
				if !slices.Contains(envs, w.Environment) {
					envs = append(envs, w.Environment)
				}
			}
		}
		if !any {
			continue
		}
		what := "holds waves in " + strings.Join(envs, ", ")
		for st, en := range f.Occurrences(t0) {
			if !st.Before(t1) {
				break
			}
			a, b := st, en
			if a.Before(t0) {
				a = t0
			}
			if b.After(t1) {
				b = t1
			}
			title := fmt.Sprintf("Freeze %s: %s to %s; %s", f.Name(), stamp(st), stamp(en), what)
			label := true
			for k := 0; k < len(holds); {
				if !holds[k] {
					k++
					continue
				}
				j := k
				for j < len(holds) && holds[j] {
					j++
				}
				if len(out) >= limit {
					more++
				} else {
					out = append(out, band{X: x(a), W: max(x(b)-x(a), 1), Y: float64(tlTop + k*tlRow),
						H: float64((j - k) * tlRow), Name: f.Name(), Title: title, Label: label})
				}
				label = false
				k = j
			}
			if more > 10_000 {
				break // an endless recurrence: "more than" is enough
			}
		}
	}
	return out, more
}

// ticks returns the labels of the time axis: a round step that gives at most a dozen of them.
func ticks(t0, t1 time.Time, x func(time.Time) float64) []tick {
	span := t1.Sub(t0)
	steps := []time.Duration{time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
		48 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour, 91 * 24 * time.Hour, 365 * 24 * time.Hour}
	step := steps[len(steps)-1]
	for _, s := range steps {
		if span/s <= 12 {
			step = s
			break
		}
	}
	for span/step > 12 {
		step *= 2
	}
	layout := "Mon 01-02"
	if step < 24*time.Hour {
		layout = "01-02 15:04"
	}
	var out []tick
	for t := t0.UTC().Truncate(step); t.Before(t1); t = t.Add(step) {
		if t.Before(t0) {
			continue
		}
		out = append(out, tick{X: x(t), Label: t.UTC().Format(layout)})
	}
	return out
}

// duration writes a duration the way people do: 2h, 24h, 1h30m, 45m, 90s.
func duration(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	var b strings.Builder
	if h := d / time.Hour; h > 0 {
		b.WriteString(strconv.FormatInt(int64(h), 10) + "h")
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		b.WriteString(strconv.FormatInt(int64(m), 10) + "m")
		d -= m * time.Minute
	}
	if d > 0 {
		b.WriteString(d.String())
	}
	return b.String()
}
