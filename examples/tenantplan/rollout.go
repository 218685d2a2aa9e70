package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/internal/strictjson"
	"github.com/tenantplan/tenantplan/plan"
)

// readPolicy reads a rollout policy file: the JSON form of plan.RolloutRequest (with the same
// strict decoding as the scenario runner's rollout check), plus "$schema", which names the file's
// JSON Schema for editors and is ignored. An unknown key or a value of the wrong type is an error
// with its path ("malformed rollout policy"), and so is an order, policy, time or duration that
// does not parse.
func readPolicy(path string, limit int64) (plan.RolloutRequest, error) {
	var out plan.RolloutRequest
	data, err := readInput(path, limit)
	if err != nil {
		return out, err
	}
	data, err = withoutSchemaKey(data)
	if err == nil {
		err = strictjson.DecodeInto(data, &out)
	}
	if err == nil {
		return out, nil
	}
	if json.Valid(data) {
		if err := wrongKind(path, data, kindPolicy); err != nil {
			return out, err
		}
	}
	var lines []string
	shape := false
	if es, ok := err.(strictjson.Errors); ok {
		for _, e := range es {
			shape = shape || isShapeProblem(e)
			if e.Line > 0 {
				lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", path, e.Line, e.Column, e.Message))
			} else {
				lines = append(lines, fmt.Sprintf("%s: %s: %s", path, location(e.Path), e.Message))
			}
		}
	} else {
		shape = true
		lines = append(lines, fmt.Sprintf("%s: %v", path, err))
	}
	if !shape {
		// Only values that do not parse (an order, a policy, a time, a duration): the file's
		// shape is right.
		return plan.RolloutRequest{}, inputErr("%s", strings.Join(lines, "\n"))
	}
	return plan.RolloutRequest{}, inputErr("malformed rollout policy:\n%s", strings.Join(lines, "\n"))
}

// isShapeProblem reports whether a decoding problem is one of shape (malformed JSON, an unknown
// or duplicate key, a value of the wrong JSON type, a limit) rather than a string value that its
// type does not parse: the decoder records the latter with the type's own error.
func isShapeProblem(e *strictjson.Error) bool {
	for _, s := range []error{strictjson.ErrUnknownField, prob.ErrInvalidValue, strictjson.ErrDuplicateKey, strictjson.ErrInvalidUTF8, prob.ErrLimit} {
		if e.Err == s {
			return true
		}
	}
	return false
}

// withoutSchemaKey returns data without its top-level "$schema" member, or data itself when it has
// none or is not a well-formed JSON object (the decoder then reports what is wrong, where it is).
// The bytes around the member are kept as they are. A "$schema" that is not a string is an error.
func withoutSchemaKey(data []byte) ([]byte, error) {
	if !json.Valid(data) {
		return data, nil
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return data, nil
	}
	for first := true; dec.PeekKind() == '"'; first = false {
		start := dec.InputOffset()  // after '{' or the previous value: before the comma
		raw, err := dec.ReadValue() // the key
		if err != nil {
			return data, nil
		}
		key, err := jsontext.AppendUnquote(nil, raw)
		if err != nil {
			return data, nil
		}
		v, err := dec.ReadValue()
		if err != nil {
			return data, nil
		}
		if string(key) != "$schema" {
			continue
		}
		if v.Kind() != '"' {
			return data, strictjson.Errors{{Path: "$schema", Err: prob.ErrInvalidValue,
				Message: "expected a string (the URL of the file's JSON Schema)"}}
		}
		end := dec.InputOffset()
		if first { // drop the comma that follows instead of the one before
			rest := bytes.TrimLeft(data[end:], " \t\r\n")
			if len(rest) > 0 && rest[0] == ',' {
				end = int64(len(data) - len(rest) + 1)
			}
		}
		return append(slices.Clone(data[:start]), data[end:]...), nil
	}
	return data, nil
}

// cmdRollout: rollout MODEL POLICY.
func cmdRollout(e *env, args []string) error {
	fs := newFlags(e, "rollout", "rollout MODEL POLICY [flags]")
	format := fs.format("table", "json")
	limit := fs.limit("waves and never deployable cells")
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
		return policyErr(pos[1], err) // the request comes from the policy
	}
	if format.json() {
		b, err := r.JSON()
		return writeBytes(e.stdout, b, err)
	}
	return rolloutTable(e.stdout, r, limit)
}

// rolloutTable writes a rollout: a header, a summary (waves, tenants, and the never deployable
// cells counted by reason), the rings, the waves (at most as many as limit lets through; a wave's
// tenants are cut to what fits a cell), the lists of tenants outside the waves and the never
// deployable cells (at most limit of them).
func rolloutTable(w io.Writer, r *plan.Rollout, limit *limitFlag) error {
	fmt.Fprintf(w, "Rollout: %s %s (channel %s) through %s, %s\n", r.Project, r.Release, r.Channel,
		clipList(r.Environments), r.Order)
	members := 0
	for _, ring := range r.Rings {
		members += len(ring.Members)
	}
	fmt.Fprintf(w, "Summary: %d wave(s), %d ring member(s), %d unassigned, %d done already, %d never deployable",
		len(r.Waves), members, len(r.Unassigned), len(r.Done), len(r.Never))
	if sum := reasonSummary(reasonsOf(len(r.Never), func(i int) []plan.Reason { return r.Never[i].Reasons })); sum != "" {
		fmt.Fprintf(w, ": %s", sum)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RING\tMEMBERS\tADMITTED BY")
	for _, ring := range r.Rings {
		how := "selector"
		if ring.Percent != 0 {
			how = fmt.Sprintf("%g%% by %s, salt %q", ring.Percent, ring.Algorithm, ring.Salt)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", clip(ring.Name), len(ring.Members), clip(how))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WAVE\tENVIRONMENT\tRING\tGATE\tSTART\tEND\tTENANTS")
	for _, wv := range r.Waves[:limit.shown(len(r.Waves))] {
		gate := "-"
		if wv.Gate.After >= 0 {
			gate = fmt.Sprintf("wave %d", wv.Gate.After+1)
			if wv.Gate.Soak > 0 {
				gate += " + " + human(wv.Gate.Soak)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", wv.Index+1, clip(wv.Environment), clip(wv.Ring), gate,
			stamp(wv.Start), stamp(wv.End), clipList(wv.Tenants))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	limit.more(w, len(r.Waves), "wave(s)")
	if r.Unscheduled {
		fmt.Fprintln(w, "\nSome waves could not be scheduled outside the freezes within the search bound.")
	}
	list := func(title string, items []string) {
		if len(items) > 0 {
			fmt.Fprintf(w, "\n%s: %s\n", title, clipList(items))
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
		for _, c := range r.Never[:limit.shown(len(r.Never))] {
			var codes []string
			for _, x := range c.Reasons {
				codes = append(codes, string(x.Code))
			}
			fmt.Fprintf(w, "  %s in %s: %s\n", clip(c.Tenant), clip(c.Environment), clipList(codes))
		}
		limit.more(w, len(r.Never), "never deployable cell(s)")
	}
	return nil
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.RFC3339)
}
