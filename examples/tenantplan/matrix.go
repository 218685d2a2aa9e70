package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/tenantplan/tenantplan/plan"
)

// legend is the matrix's word for each reason code, in the order of the legend under the
// matrix, with what it means: the words and meanings of the quickstart's matrix
// (examples/quickstart), plus the two codes the quickstart's model never shows.
var legend = []struct {
	code  plan.Code
	word  string
	means string
}{
	{plan.ReasonUntenantedProject, "tenancy", "the project does not deploy to tenants"},
	{plan.ReasonTenantedProject, "tenanted", "the project deploys to tenants only"},
	{plan.ReasonDisabled, "disabled", "the tenant is disabled"},
	{plan.ReasonNotInLifecycle, "n/a", "the environment is not in the release's lifecycle"},
	{plan.ReasonChannelMismatch, "channel", "the release's channel does not admit the tenant"},
	{plan.ReasonLifecycle, "lifecycle", "an earlier phase is not complete for the tenant"},
	{plan.ReasonReleaseBlocked, "blocked", "the release is blocked"},
	{plan.ReasonFrozen, "frozen", "a freeze holds the cell"},
	{plan.ReasonMissingVariables, "missing", "a tenant variable has no value"},
	{plan.ReasonNoTargets, "no-target", "no deployment target serves the tenant"},
	{plan.ReasonForbidden, "forbidden", "the principal may not deploy"},
	{plan.ReasonAlreadyCurrent, "current", "the cell runs the release already"},
}

// matrixWidth is the width at which the matrix's explanation above the grid is wrapped.
const matrixWidth = 100

// matrixTable writes a matrix as the quickstart prints it: a header with the counts, the
// reasons counted by code, how to read a cell, the grid (at most as many tenants as limit lets
// through) and the legend of the reason words the grid shows.
func matrixTable(w io.Writer, m *plan.Matrix, at time.Time, limit *limitFlag) error {
	cells, deployable, done := 0, 0, 0
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			cells++
			if c.Deployable {
				deployable++
				if c.Current == m.Release {
					done++
				}
			}
		}
	}
	fmt.Fprintf(w, "Matrix: %s %s (channel %s) %s: %d cell(s), %d deployable (%d done), %d not deployable\n",
		m.Project, m.Release, m.Channel, when(at), cells, deployable, done, cells-deployable)
	reasons := func(yield func(plan.Reason) bool) {
		for _, row := range m.Rows {
			for r := range reasonsOf(len(row.Cells), func(i int) []plan.Reason { return row.Cells[i].Reasons }) {
				if !yield(r) {
					return
				}
			}
		}
	}
	if sum := reasonSummary(reasons); sum != "" {
		fmt.Fprintf(w, "Reasons: %s\n", sum)
	}
	wrap(w, matrixWidth, "Each cell: the current release, then \"ok\" when "+clip(m.Release)+" can be deployed there, "+
		"\"done\" when it is there already, or the first reason why not (\"+\": more reasons). "+
		"\".\" marks an environment the tenant is not connected to.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "TENANT")
	for _, env := range m.Environments {
		fmt.Fprintf(tw, "\t%s", clip(env))
	}
	fmt.Fprintln(tw)
	used := map[plan.Code]bool{}
	for _, row := range m.Rows[:limit.shown(len(m.Rows))] {
		fmt.Fprint(tw, clip(track(row.Tenant, row.Untenanted)))
		for _, c := range row.Cells {
			fmt.Fprintf(tw, "\t%s", matrixCell(c, m.Release, used))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	limit.more(w, len(m.Rows), "tenant(s)")
	if len(used) > 0 {
		fmt.Fprintln(w)
	}
	for _, l := range legend {
		if used[l.code] {
			fmt.Fprintf(w, "  %-10s %s\n", l.word, l.means)
		}
	}
	return nil
}

// matrixCell renders one cell as the quickstart and the HTML report do, and records the reason
// it shows: the current release ("-": none), then "done" (the release is current there, whatever
// would block deploying it again), "ok" or the word of the first reason ("+" when there are more); "." alone, or after the current release, for an environment the tenant is not
// connected to.
func matrixCell(c plan.MatrixCell, release string, used map[plan.Code]bool) string {
	cur := c.Current
	if cur == "" {
		cur = "-"
	}
	cur = clip(cur)
	for _, r := range c.Reasons {
		if r.Code == plan.ReasonNotConnected {
			if c.Current == "" {
				return "."
			}
			return cur + " ."
		}
	}
	switch {
	case c.Current == release:
		return cur + " done"
	case c.Deployable:
		return cur + " ok"
	case len(c.Reasons) == 0:
		return cur
	}
	first := c.Reasons[0]
	used[first.Code] = true
	word := clip(string(first.Code))
	for _, l := range legend {
		if l.code == first.Code {
			word = l.word
		}
	}
	if len(c.Reasons) > 1 {
		word += "+"
	}
	return cur + " " + word
}

// wrap writes text wrapped at word boundaries so that no line is longer than width characters
// (a longer word stays whole on its own line).
func wrap(w io.Writer, width int, text string) {
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			fmt.Fprintln(w, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		fmt.Fprintln(w, line)
	}
}
