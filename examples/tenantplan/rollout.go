package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tenantplan/tenantplan/internal/strictjson"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
)

// policyFile is the JSON rollout policy: the keys of the scenario format's rollout check, plus
// start and waveDuration to time the waves.
type policyFile struct {
	Schema       string     `json:"$schema,omitempty"` // for editors; ignored
	Project      string     `json:"project"`
	Release      string     `json:"release"`
	Environments []string   `json:"environments,omitempty"`
	Order        string     `json:"order,omitempty"`
	Policy       string     `json:"policy,omitempty"`
	Rings        []ringFile `json:"rings"`
	Start        string     `json:"start,omitempty"`
	WaveDuration string     `json:"waveDuration,omitempty"`
}

type ringFile struct {
	Name               string   `json:"name"`
	Tags               []string `json:"tags,omitempty"`
	Tenants            []string `json:"tenants,omitempty"`
	Expression         string   `json:"expression,omitempty"`
	Percent            float64  `json:"percent,omitempty"`
	Salt               string   `json:"salt,omitempty"`
	MaxParallel        int      `json:"maxParallel,omitempty"`
	MaxParallelPercent float64  `json:"maxParallelPercent,omitempty"`
	Soak               string   `json:"soak,omitempty"`
}

// readPolicy reads a rollout policy file strictly: an unknown key or a value of the wrong type is
// an error with its path, and so is a malformed order, time or duration.
func readPolicy(path string, limit int64) (plan.RolloutPolicy, error) {
	var out plan.RolloutPolicy
	data, err := readInput(path, limit)
	if err != nil {
		return out, err
	}
	var pf policyFile
	if err := strictjson.DecodeInto(data, &pf); err != nil {
		if json.Valid(data) {
			if err := wrongKind(path, data, kindPolicy); err != nil {
				return out, err
			}
		}
		var lines []string
		if es, ok := err.(strictjson.Errors); ok {
			for _, e := range es {
				if e.Line > 0 {
					lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", path, e.Line, e.Column, e.Message))
				} else {
					lines = append(lines, fmt.Sprintf("%s: %s: %s", path, location(e.Path), e.Message))
				}
			}
		} else {
			lines = append(lines, fmt.Sprintf("%s: %v", path, err))
		}
		return out, inputErr("malformed rollout policy:\n%s", strings.Join(lines, "\n"))
	}
	bad := func(field, format string, args ...any) error {
		return inputErr("%s: %s: %s", path, field, fmt.Sprintf(format, args...))
	}
	out = plan.RolloutPolicy{Project: pf.Project, Release: pf.Release, Environments: pf.Environments}
	if out.Order, err = plan.ParseOrder(pf.Order); err != nil {
		return out, bad("order", "%q is not ByEnvironment or ByRing", truncate(pf.Order))
	}
	if out.Policy, err = lifecycle.ParsePolicy(pf.Policy); err != nil {
		return out, bad("policy", "%q is not AnySuccess or LatestOutcome", truncate(pf.Policy))
	}
	if pf.Start != "" {
		if out.Start, err = time.Parse(time.RFC3339, pf.Start); err != nil {
			return out, bad("start", "%q is not an RFC 3339 time", truncate(pf.Start))
		}
	}
	if pf.WaveDuration != "" {
		if out.WaveDuration, err = time.ParseDuration(pf.WaveDuration); err != nil || out.WaveDuration <= 0 {
			return out, bad("waveDuration", "%q is not a positive duration such as \"2h\"", truncate(pf.WaveDuration))
		}
	}
	for k, r := range pf.Rings {
		ring := plan.Ring{Name: r.Name, Tags: r.Tags, Tenants: r.Tenants, Expression: r.Expression,
			Percent: r.Percent, Salt: r.Salt, MaxParallel: r.MaxParallel, MaxParallelPercent: r.MaxParallelPercent}
		if r.Soak != "" {
			if ring.Soak, err = time.ParseDuration(r.Soak); err != nil {
				return out, bad(fmt.Sprintf("rings[%d].soak", k), "%q is not a duration such as \"24h\"", truncate(r.Soak))
			}
		}
		out.Rings = append(out.Rings, ring)
	}
	return out, nil
}

// cmdRollout: rollout MODEL POLICY.
func cmdRollout(e *env, args []string) error {
	fs := newFlags(e, "rollout", "rollout MODEL POLICY [flags]")
	format := newFormat("table", "json")
	fs.Var(format, "format", "output `format`: table or json")
	at := fs.freezeFlags(e, "when the policy has a waveDuration, the `time` the first wave may start, "+
		"around freezes: now or RFC 3339 (default: the policy's start, else now)")
	fs.Lookup("ignore-freezes").Usage = "do not time the waves (timing them is a search for times outside freezes); not with --at"
	fs.inputs(e)
	pos, err := parse(fs, args, 2, 2, "MODEL POLICY")
	if err != nil {
		return err
	}
	start, err := at.time()
	if err != nil {
		return err
	}
	pol, err := readPolicy(pos[1], e.maxInput)
	if err != nil {
		return err
	}
	// Waves are timed only from a start: --at, else the policy's start, else now. Ignoring the
	// freezes leaves the waves untimed, since timing them is a search for times outside freezes.
	if at.given() || pol.Start.IsZero() {
		pol.Start = start
	}
	s, err := loadModel(e, pos[0])
	if err != nil {
		return err
	}
	r, err := s.Rollout(pol)
	if err != nil {
		return requestErr(fmt.Errorf("%s: %w", pos[1], err)) // the request comes from the policy
	}
	if format.value == "json" {
		b, err := r.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return rolloutTable(e.stdout, r)
}

func rolloutTable(w io.Writer, r *plan.Rollout) error {
	fmt.Fprintf(w, "Rollout: %s %s (channel %s) through %s, %s\n\n", r.Project, r.Release, r.Channel,
		strings.Join(r.Environments, ", "), r.Order)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RING\tMEMBERS\tADMITTED BY")
	for _, ring := range r.Rings {
		how := "selector"
		if ring.Percent != 0 {
			how = fmt.Sprintf("%g%% by %s, salt %q", ring.Percent, ring.Algorithm, ring.Salt)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", ring.Name, len(ring.Members), how)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WAVE\tENVIRONMENT\tRING\tGATE\tSTART\tEND\tTENANTS")
	for _, wv := range r.Waves {
		gate := "-"
		if wv.Gate.After >= 0 {
			gate = fmt.Sprintf("wave %d", wv.Gate.After+1)
			if wv.Gate.Soak > 0 {
				gate += " + " + wv.Gate.Soak.String()
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", wv.Index+1, wv.Environment, wv.Ring, gate,
			stamp(wv.Start), stamp(wv.End), strings.Join(wv.Tenants, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Unscheduled {
		fmt.Fprintln(w, "\nSome waves could not be scheduled outside the freezes within the search bound.")
	}
	list := func(title string, items []string) {
		if len(items) > 0 {
			fmt.Fprintf(w, "\n%s: %s\n", title, strings.Join(items, ", "))
		}
	}
	list("Unassigned (no ring admits them)", r.Unassigned)
	list("Overlaps (admitted by a later ring too)", r.Overlaps)
	list("Empty rings", r.Empty)
	var done []string
	for _, c := range r.Done {
		done = append(done, c.Tenant+" in "+c.Environment)
	}
	list("Done already", done)
	if len(r.Never) > 0 {
		fmt.Fprintf(w, "\nNever deployable by this rollout:\n")
		for _, c := range r.Never {
			var codes []string
			for _, x := range c.Reasons {
				codes = append(codes, string(x.Code))
			}
			fmt.Fprintf(w, "  %s in %s: %s\n", c.Tenant, c.Environment, strings.Join(codes, ", "))
		}
	}
	return nil
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}
