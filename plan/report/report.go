package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
)

// Request says what to report: a release of a project, as seen at a time by a principal, with
// optionally a rollout policy (for the timeline) and a second model to compare with (for the
// diff).
type Request struct {
	Project string
	Release string
	// At is the time the matrix is computed at, for freezes; the zero time means no freeze
	// applies. The report never reads the clock.
	At time.Time
	// Principal, when set, names the principal the report is made for: tenants it may not view
	// are left out everywhere (grid, tags, timeline, never-deployable cells, diff), and cells
	// it may not deploy are blocked as forbidden.
	Principal string
	// Policy says which deployments count as successes for progression.
	Policy lifecycle.Policy
	// Rollout, when not nil, adds the rollout timeline. Its Project and Release are those of the
	// request (a policy naming another project or release is an error).
	Rollout *plan.RolloutRequest
	// Before, when not nil, is an earlier (or alternative) model: the report adds the diff of its
	// matrix for the same request against this one's, cell by cell.
	Before *plan.Space
}

// Options tune the report. The zero value means the defaults.
type Options struct {
	// Title is the page title (default: "PROJECT RELEASE: release report").
	Title string
	// GroupBy names a tag set: tenants are grouped by their first tag of that set, in the tag
	// set's order, then the tenants without one. Empty: no grouping by tag.
	GroupBy string
	// GroupRows is the most rows of one collapsible part of the grid (default 1,000,
	// DefaultGroupRows); a larger group is cut into consecutive parts. When the whole grid has
	// at most GroupRows rows every part starts open, otherwise every part starts closed.
	GroupRows int
	// MaxFreezeBands bounds the freeze occurrences drawn on the timeline (default 500,
	// DefaultMaxFreezeBands); the report says how many more there are.
	MaxFreezeBands int
	// Now, when not zero, is printed as the time the report was made. The report never reads
	// the clock.
	Now time.Time
}

// Defaults of Options.
const (
	DefaultGroupRows      = 1000
	DefaultMaxFreezeBands = 500
)

func (o Options) groupRows() int {
	if o.GroupRows <= 0 {
		return DefaultGroupRows
	}
	return o.GroupRows
}

func (o Options) maxFreezeBands() int {
	if o.MaxFreezeBands <= 0 {
		return DefaultMaxFreezeBands
	}
	return o.MaxFreezeBands
}

//go:embed page.html
var pageText string

//go:embed filter.js
var scriptText string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"sub":  func(a, b int) int { return a - b },
	"addf": func(a, b float64) float64 { return a + b },
}).Parse(pageText))

// Write computes the report of req on s and writes it to w as one self-contained HTML page. An
// error of the planner (an unknown project, release or principal, a bad rollout policy) is
// returned as it is, before anything is written; an error of w is returned as it is.
func Write(w io.Writer, s *plan.Space, req Request, o Options) error {
	d, err := build(s, req, o)
	if err != nil {
		return err
	}
	return page.Execute(w, d)
}

// state is what a grid cell says, with its class (colour) and word (text).
type state struct {
	class, word, means string
}

var (
	stDeployable = state{"ok", "ok", "the release can be deployed here now"}
	stDone       = state{"done", "done", "the release is here already"}
	stNA         = state{"na", "n/c", "the tenant is not connected to this environment"}
	stBlocked    = "bl" // the class of a cell blocked by any reason but a freeze
	stFrozen     = "fz" // the class of a cell whose first reason is a freeze
)

// reasonWords are the short words of the grid for each reason code, with what they mean.
var reasonWords = []struct {
	code        plan.Code
	word, means string
}{
	{plan.ReasonUntenantedProject, "tenancy", "the project does not deploy to tenants"},
	{plan.ReasonTenantedProject, "tenanted", "the project deploys only to tenants"},
	{plan.ReasonDisabled, "disabled", "the tenant is disabled"},
	{plan.ReasonNotConnected, "n/c", "the tenant is not connected to this environment"},
	{plan.ReasonNotInLifecycle, "n/a", "the environment is not in the release's lifecycle"},
	{plan.ReasonChannelMismatch, "channel", "the release's channel does not admit the tenant"},
	{plan.ReasonLifecycle, "lifecycle", "an earlier phase is not complete for the tenant"},
	{plan.ReasonReleaseBlocked, "blocked", "the release is blocked"},
	{plan.ReasonFrozen, "frozen", "a freeze holds the cell"},
	{plan.ReasonMissingVariables, "missing", "a tenant variable has no value"},
	{plan.ReasonNoTargets, "no-target", "no deployment target serves the tenant"},
	{plan.ReasonForbidden, "forbidden", "the principal may not deploy here"},
	{plan.ReasonAlreadyCurrent, "current", "the release is current here already"},
}

func wordOf(c plan.Code) (word, means string) {
	for _, r := range reasonWords {
		if r.code == c {
			return r.word, r.means
		}
	}
	return string(c), "reason " + string(c)
}

// data is what the template renders.
type data struct {
	Title, Project, Release, Channel, Principal, At, Now string
	Envs                                                 []string
	Summary                                              summary
	Legend                                               []legendItem
	TagDict                                              []string
	GroupBy                                              string
	Open                                                 bool
	Groups                                               []group
	ReasonSets                                           []reasonSet
	Rows                                                 int
	GroupRows                                            int
	Timeline                                             *timeline
	Diff                                                 *diffData
	Script                                               template.JS
}

type summary struct {
	Cells, Deployable, Done, Blocked, NotConnected int
	Reasons                                        []reasonCount
}

type reasonCount struct {
	Code, Word, Means string
	Count             int
}

type legendItem struct{ Class, Word, Means string }

type group struct {
	Name                                    string
	Rows                                    []row
	Deployable, Done, Blocked, NotConnected int
}

type row struct {
	Name  string
	Tags  string // space-separated indexes into TagDict
	Cells []cell
}

type cell struct {
	Class, Text string
	Set         int    // index+1 of the reason set; 0: none
	Change      string // the diff's kind of change, "" when unchanged or without a diff
}

type reasonSet struct {
	ID      int
	Reasons []plan.Reason
}

func build(s *plan.Space, req Request, o Options) (*data, error) {
	m, err := s.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, At: req.At,
		Principal: req.Principal, Policy: req.Policy})
	if err != nil {
		return nil, err
	}
	d := &data{Title: o.Title, Project: m.Project, Release: m.Release, Channel: m.Channel,
		Principal: req.Principal, Envs: m.Environments, GroupRows: o.groupRows(), Rows: len(m.Rows),
		Script: template.JS(scriptText), TagDict: []string{}}
	if d.Title == "" {
		d.Title = m.Project + " " + m.Release + ": release report"
	}
	if !req.At.IsZero() {
		d.At = stamp(req.At)
	}
	if !o.Now.IsZero() {
		d.Now = stamp(o.Now)
	}
	visible := make(map[string]bool, len(m.Rows))
	for _, r := range m.Rows {
		if !r.Untenanted {
			visible[r.Tenant] = true
		}
	}
	var changes map[string]plan.ChangeKind
	if req.Before != nil {
		bm, err := req.Before.Matrix(plan.MatrixRequest{Project: req.Project, Release: req.Release, At: req.At,
			Principal: req.Principal, Policy: req.Policy})
		if err != nil {
			return nil, fmt.Errorf("the model to compare with: %w", err)
		}
		d.Diff, changes = buildDiff(bm, m, visible)
	}
	d.Summary, d.Legend = summarize(m)
	if err := d.grid(s, m, o, changes); err != nil {
		return nil, err
	}
	if req.Rollout != nil {
		pol := *req.Rollout
		if (pol.Project != "" && pol.Project != req.Project) || (pol.Release != "" && pol.Release != req.Release) {
			return nil, fmt.Errorf("the rollout policy is for %s %s, the report for %s %s",
				strconv.Quote(pol.Project), strconv.Quote(pol.Release), strconv.Quote(req.Project), strconv.Quote(req.Release))
		}
		pol.Project, pol.Release = req.Project, req.Release
		if pol.Policy == 0 {
			pol.Policy = req.Policy
		}
		r, err := s.Rollout(pol)
		if err != nil {
			return nil, err
		}
		d.Timeline = buildTimeline(s, r, visible, o)
	}
	return d, nil
}

// classify returns the state of a matrix cell: done when the release is current there (and the
// tenant is connected), deployable, or the first reason.
func classify(release string, c plan.MatrixCell) state {
	for _, r := range c.Reasons {
		if r.Code == plan.ReasonNotConnected {
			return stNA
		}
	}
	switch {
	case c.Current == release:
		return stDone
	case c.Deployable:
		return stDeployable
	case len(c.Reasons) == 0:
		return state{stBlocked, "blocked", "blocked"}
	}
	w, means := wordOf(c.Reasons[0].Code)
	if c.Reasons[0].Code == plan.ReasonFrozen {
		return state{stFrozen, w, means}
	}
	return state{stBlocked, w, means}
}

func summarize(m *plan.Matrix) (summary, []legendItem) {
	var sm summary
	counts := map[plan.Code]int{}
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			sm.Cells++
			switch st := classify(m.Release, c); st {
			case stDone:
				sm.Done++
			case stDeployable:
				sm.Deployable++
			case stNA:
				sm.NotConnected++
			default:
				sm.Blocked++
				if len(c.Reasons) > 0 {
					counts[c.Reasons[0].Code]++
				}
			}
		}
	}
	for code, n := range counts {
		w, means := wordOf(code)
		sm.Reasons = append(sm.Reasons, reasonCount{Code: string(code), Word: w, Means: means, Count: n})
	}
	slices.SortFunc(sm.Reasons, func(a, b reasonCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Code, b.Code))
	})
	legend := []legendItem{{stDeployable.class, stDeployable.word, stDeployable.means},
		{stDone.class, stDone.word, stDone.means}}
	for _, r := range sm.Reasons {
		class := stBlocked
		if plan.Code(r.Code) == plan.ReasonFrozen {
			class = stFrozen
		}
		legend = append(legend, legendItem{class, r.Word, r.Means})
	}
	if sm.NotConnected > 0 {
		legend = append(legend, legendItem{stNA.class, stNA.word, stNA.means})
	}
	return sm, legend
}

// grid fills the groups of rows, the tag dictionary and the reason sets.
func (d *data) grid(s *plan.Space, m *plan.Matrix, o Options, changes map[string]plan.ChangeKind) error {
	ts := s.Tenants()
	tagIndex := map[string]int{}
	setIndex := map[string]int{}
	groupOf := func(tenantTags []string) string { return "" }
	var groupOrder []string
	if o.GroupBy != "" {
		cat := s.Catalog()
		k, ok := cat.SetIndex(o.GroupBy)
		if !ok {
			var names []string
			for _, st := range cat.Sets() {
				names = append(names, strconv.Quote(st.Name()))
			}
			return fmt.Errorf("group by %q: no such tag set (the model has %s)", o.GroupBy, orNone(names))
		}
		d.GroupBy = o.GroupBy
		prefix := o.GroupBy + "/"
		groupOrder = cat.Sets()[k].Tags()
		groupOf = func(tenantTags []string) string {
			best := ""
			bestRank := len(groupOrder)
			for _, t := range tenantTags {
				if name, ok := strings.CutPrefix(t, prefix); ok {
					if r := slices.Index(groupOrder, name); r >= 0 && r < bestRank {
						best, bestRank = name, r
					} else if r < 0 && best == "" {
						best = name // a free-text value
					}
				}
			}
			return best
		}
	}
	byGroup := map[string][]row{}
	var names []string
	for _, mr := range m.Rows {
		r := row{Name: mr.Tenant}
		var tenantTags []string
		if mr.Untenanted {
			r.Name = "(untenanted)"
		} else if i, ok := ts.Index(mr.Tenant); ok {
			tenantTags = ts.At(i).Tags()
		}
		var ids []string
		for _, t := range tenantTags {
			k, ok := tagIndex[t]
			if !ok {
				k = len(d.TagDict)
				tagIndex[t] = k
				d.TagDict = append(d.TagDict, t)
			}
			ids = append(ids, strconv.Itoa(k))
		}
		r.Tags = strings.Join(ids, " ")
		g := groupOf(tenantTags)
		if _, ok := byGroup[g]; !ok {
			names = append(names, g)
		}
		r.Cells = make([]cell, len(mr.Cells))
		for e, c := range mr.Cells {
			cs := classify(m.Release, c)
			text := cs.word
			if c.Current != "" {
				text = c.Current + " " + text
			}
			if len(c.Reasons) > 1 && (cs.class == stBlocked || cs.class == stFrozen) {
				text += "+"
			}
			out := cell{Class: cs.class, Text: text}
			if len(c.Reasons) > 0 {
				key := reasonsKey(c.Reasons)
				k, ok := setIndex[key]
				if !ok {
					d.ReasonSets = append(d.ReasonSets, reasonSet{ID: len(d.ReasonSets) + 1, Reasons: c.Reasons})
					k = len(d.ReasonSets)
					setIndex[key] = k
				}
				out.Set = k
			}
			if changes != nil {
				out.Change = string(changes[changeKey(c.Environment, mr.Untenanted, mr.Tenant)])
			}
			r.Cells[e] = out
		}
		byGroup[g] = append(byGroup[g], r)
	}
	if o.GroupBy != "" {
		rank := func(g string) int {
			if g == "" {
				return len(groupOrder) + 1
			}
			if r := slices.Index(groupOrder, g); r >= 0 {
				return r
			}
			return len(groupOrder)
		}
		slices.SortStableFunc(names, func(a, b string) int {
			return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
		})
	}
	per := o.groupRows()
	d.Open = len(m.Rows) <= per
	for _, g := range names {
		rows := byGroup[g]
		label := g
		switch {
		case o.GroupBy == "":
			label = "Tenants"
		case g == "":
			label = "no " + o.GroupBy + " tag"
		default:
			label = o.GroupBy + ": " + g
		}
		for k := 0; k < len(rows); k += per {
			part := rows[k:min(k+per, len(rows))]
			gr := group{Name: label, Rows: part}
			if len(rows) > per {
				gr.Name = fmt.Sprintf("%s, rows %d to %d of %d", label, k+1, k+len(part), len(rows))
			}
			for _, r := range part {
				for _, c := range r.Cells {
					switch c.Class {
					case stDone.class:
						gr.Done++
					case stDeployable.class:
						gr.Deployable++
					case stNA.class:
						gr.NotConnected++
					default:
						gr.Blocked++
					}
				}
			}
			d.Groups = append(d.Groups, gr)
		}
	}
	return nil
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "no tag sets"
	}
	return strings.Join(xs, ", ")
}

func reasonsKey(rs []plan.Reason) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(string(r.Code))
		b.WriteByte(0)
		b.WriteString(r.Message)
		b.WriteByte(0)
	}
	return b.String()
}

func changeKey(env string, untenanted bool, tenant string) string {
	if untenanted {
		return env + "\x00\x01"
	}
	return env + "\x00" + tenant
}

// stamp formats a time for people: UTC, to the minute when that loses nothing.
func stamp(t time.Time) string {
	t = t.UTC()
	if t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("Mon 2006-01-02 15:04 MST")
	}
	return t.Format(time.RFC3339)
}
