package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/internal/strictjson"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/variables"
)

// kinds lists the check kinds this version runs, in the order of the format's table.
var kinds = []string{"validate", "filter", "expression", "deploy", "variables", "substitute", "targets", "automatic", "scheduled", "rollout"}

// env is the model of one file, compiled once for all its checks.
type env struct {
	model  json.RawMessage
	space  *plan.Space
	err    error
	loaded bool
}

func newEnv(model json.RawMessage) *env { return &env{model: model} }

func (e *env) load() (*plan.Space, error) {
	if !e.loaded {
		e.loaded = true
		e.space, e.err = plan.Load(e.model)
	}
	return e.space, e.err
}

// strict decodes data into v as the model is decoded: unknown keys, duplicate keys and values of
// the wrong type are errors with their path.
func strict(data []byte, v any) error { return strictjson.DecodeInto(data, v) }

type diffs []string

func (d *diffs) add(format string, args ...any) { *d = append(*d, fmt.Sprintf(format, args...)) }

func (e *env) run(i int, raw json.RawMessage) (res CheckResult) {
	res = CheckResult{Index: i, Name: fmt.Sprintf("#%d", i)}
	defer func() {
		if r := recover(); r != nil {
			res.Diffs = append(res.Diffs, fmt.Sprintf("panic: %v", r))
		}
	}()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		res.Diffs = []string{fmt.Sprintf("malformed check: %v", err)}
		return res
	}
	if n, ok := fields["name"]; ok {
		var name string
		if err := json.Unmarshal(n, &name); err != nil {
			res.Diffs = []string{fmt.Sprintf("malformed check name: %v", err)}
			return res
		}
		res.Name = fmt.Sprintf("#%d %q", i, name)
	}
	var kind string
	for k := range fields {
		switch {
		case k == "name" || k == "want":
		case slices.Contains(kinds, k):
			if kind != "" {
				res.Diffs = []string{fmt.Sprintf("a check has exactly one kind; this one has %q and %q", kind, k)}
				return res
			}
			kind = k
		default:
			msg := fmt.Sprintf("unknown key %q in check: a check has \"name\", \"want\" and one kind of %s", k, strings.Join(kinds, ", "))
			if s, ok := problem.Closest(k, slices.Values(append([]string{"name", "want"}, kinds...))); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			res.Diffs = []string{msg}
			return res
		}
	}
	res.Kind = kind
	want, ok := fields["want"]
	switch {
	case kind == "":
		res.Diffs = []string{fmt.Sprintf("check has no kind (one of %s)", strings.Join(kinds, ", "))}
		return res
	case !slices.Contains(kinds, kind):
		res.Diffs = []string{fmt.Sprintf("check kind %q is not supported by this version of tenantplan", kind)}
		return res
	case !ok:
		res.Diffs = []string{"check has no \"want\""}
		return res
	}
	var d diffs
	if err := e.dispatch(kind, fields[kind], want, &d); err != nil {
		d.add("%v", err)
	}
	res.Diffs = d
	return res
}

func (e *env) dispatch(kind string, q, want json.RawMessage, d *diffs) error {
	if kind == "validate" {
		return e.validate(q, want, d)
	}
	if kind == "substitute" {
		return substitute(q, want, d)
	}
	s, err := e.load()
	if err != nil {
		return fmt.Errorf("the scenario's model is invalid, so the check cannot run: %v", err)
	}
	switch kind {
	case "filter":
		return filter(s, q, want, d)
	case "expression":
		return expression(s, q, want, d)
	case "deploy":
		return deploy(s, q, want, d)
	case "variables":
		return vars(s, q, want, d)
	case "targets":
		return targets(s, q, want, d)
	case "automatic":
		return automatic(s, q, want, d)
	case "scheduled":
		return scheduled(s, q, want, d)
	case "rollout":
		return rollout(s, q, want, d)
	}
	return fmt.Errorf("check kind %q is not supported", kind)
}

// ---- comparisons

func setDiff(d *diffs, what string, want, got []string, fold bool) {
	norm := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			if fold {
				x = strings.ToLower(x)
			}
			out[i] = x
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	w, g := norm(want), norm(got)
	if !slices.Equal(w, g) {
		d.add("%s: want %s, got %s", what, list(want), list(got))
	}
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	return "[" + strings.Join(ys, ", ") + "]"
}

// answered compares a request's error with the wanted one. It reports whether the answer itself
// is to be compared: never when an error was wanted (the codes were compared) or returned (an
// unexpected error is a difference).
func answered(d *diffs, wantErr string, err error) bool {
	if wantErr != "" {
		errorDiff(d, wantErr, err)
		return false
	}
	if err != nil {
		d.add("unexpected error: %v", err)
		return false
	}
	return true
}

func errorDiff(d *diffs, want string, err error) {
	got := string(plan.CodeOf(err))
	switch {
	case err == nil:
		d.add("error: want %q, got no error", want)
	case got != want:
		d.add("error: want %q, got %q (%v)", want, got, err)
	}
}

// ---- validate

type wantError struct {
	Code string `json:"code"`
	Path string `json:"path,omitempty"`
}

func (e *env) validate(q, want json.RawMessage, d *diffs) error {
	var flag bool
	if err := json.Unmarshal(q, &flag); err != nil || !flag {
		return fmt.Errorf(`"validate" must be true`)
	}
	var w struct {
		Errors *[]wantError `json:"errors"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	_, err := e.load()
	var got []*plan.ValidationError
	var ves plan.ValidationErrors
	switch {
	case err == nil:
	case errors.As(err, &ves):
		got = ves
	default:
		return fmt.Errorf("validation failed without validation errors: %v", err)
	}
	if w.Errors == nil {
		return nil
	}
	for k, we := range *w.Errors {
		if we.Code == "" {
			return fmt.Errorf("malformed want: errors[%d] has no code", k)
		}
	}
	wants := slices.Clone(*w.Errors)
	// Most specific paths first, so that a general path does not take a specific one's match.
	slices.SortStableFunc(wants, func(a, b wantError) int { return len(b.Path) - len(a.Path) })
	used := make([]bool, len(got))
	for _, we := range wants {
		found := false
		for k, ge := range got {
			if !used[k] && string(ge.Code) == we.Code && pathHasPrefix(ge.Path, we.Path) {
				used[k], found = true, true
				break
			}
		}
		if !found {
			d.add("validate: want an error %q at %q, got none", we.Code, we.Path)
		}
	}
	codes := map[string]bool{}
	for _, we := range *w.Errors {
		codes[we.Code] = true
	}
	for _, ge := range got {
		if !codes[string(ge.Code)] {
			d.add("validate: unexpected error %q at %q: %s", ge.Code, ge.Path, ge.Message)
		}
	}
	return nil
}

// pathHasPrefix reports whether p starts with the path prefix (whole segments only).
func pathHasPrefix(p, prefix string) bool {
	if prefix == "" || p == prefix {
		return true
	}
	return strings.HasPrefix(p, prefix) && (p[len(prefix)] == '.' || p[len(prefix)] == '[')
}

// ---- filter and expression

type wantTenants struct {
	Tenants *[]string `json:"tenants"`
	Error   string    `json:"error"`
}

func selectionDiff(d *diffs, w wantTenants, names []string, err error) {
	if w.Error != "" {
		errorDiff(d, w.Error, err)
		return
	}
	if err != nil {
		d.add("unexpected error: %v", err)
		return
	}
	if w.Tenants != nil {
		setDiff(d, "tenants", *w.Tenants, names, false)
	}
}

func filter(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var f struct {
		Tenants []string `json:"tenants"`
		Tags    []string `json:"tags"`
	}
	if err := strict(q, &f); err != nil {
		return fmt.Errorf("malformed filter: %v", err)
	}
	var w wantTenants
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	sel, err := s.Tenants().SelectFilter(tags.NewFilter(f.Tenants, f.Tags))
	var names []string
	if err == nil {
		names = sel.Names()
	}
	selectionDiff(d, w, names, err)
	return nil
}

func expression(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var text string
	if err := json.Unmarshal(q, &text); err != nil {
		return fmt.Errorf("malformed expression: want a string: %v", err)
	}
	var w wantTenants
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	var names []string
	e, err := tags.ParseExpr(text)
	if err == nil {
		var sel interface{ Names() []string }
		sel, err = s.Tenants().SelectExpr(e)
		if err == nil {
			names = sel.Names()
		}
	}
	selectionDiff(d, w, names, err)
	return nil
}

// ---- deploy

func deploy(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.DeployRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed deploy request: %v", err)
	}
	var w struct {
		Deploy     *[]string            `json:"deploy"`
		Untenanted *bool                `json:"untenanted"`
		Skipped    *map[string][]string `json:"skipped"`
		Rejected   *map[string][]string `json:"rejected"`
		Targets    *map[string][]string `json:"targets"`
		Error      string               `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	p, err := s.Deploy(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	var deployed []string
	targetsGot := map[string][]string{}
	for _, c := range p.Deploy {
		targetsGot[c.Tenant] = c.Targets
		if !c.Untenanted {
			deployed = append(deployed, c.Tenant)
		}
	}
	if w.Deploy != nil {
		setDiff(d, "deploy", *w.Deploy, deployed, false)
	}
	if w.Untenanted != nil && *w.Untenanted != p.UntenantedPlanned() {
		d.add("untenanted: want %v, got %v", *w.Untenanted, p.UntenantedPlanned())
	}
	if w.Skipped != nil {
		reasonsDiff(d, "skipped", *w.Skipped, p.Skipped)
	}
	if w.Rejected != nil {
		reasonsDiff(d, "rejected", *w.Rejected, p.Rejected)
	}
	if w.Targets != nil {
		for _, k := range sortedKeys(*w.Targets, targetsGot) {
			got, ok := targetsGot[k]
			wt, wok := (*w.Targets)[k]
			switch {
			case !wok:
				d.add("targets[%q]: not wanted, got %s", k, list(got))
			case !ok:
				d.add("targets[%q]: want %s, got no deployment", k, list(wt))
			default:
				setDiff(d, fmt.Sprintf("targets[%q]", k), wt, got, false)
			}
		}
	}
	return nil
}

func sortedKeys(a, b map[string][]string) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

func codes(rs []plan.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r.Code)
	}
	return out
}

func reasonsDiff(d *diffs, what string, want map[string][]string, cells []plan.DeployCell) {
	got := map[string][]string{}
	for _, c := range cells {
		got[c.Tenant] = codes(c.Reasons)
	}
	for _, k := range sortedKeys(want, got) {
		w, wok := want[k]
		g, gok := got[k]
		switch {
		case !wok:
			d.add("%s[%q]: not wanted, got %v", what, k, g)
		case !gok:
			d.add("%s[%q]: want %v, got nothing", what, k, w)
		case !slices.Equal(w, g):
			d.add("%s[%q]: want %v, got %v", what, k, w, g)
		}
	}
}

// ---- variables and substitute

func vars(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.VariablesRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed variables request: %v", err)
	}
	var w struct {
		Values    map[string]string `json:"values"`
		Missing   *[]string         `json:"missing"`
		Sensitive *[]string         `json:"sensitive"`
		Conflicts *[]string         `json:"conflicts"`
		Error     string            `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	res, err := s.Variables(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(w.Values)) {
		v, ok := res.Get(name)
		switch {
		case !ok:
			// The wanted text is not shown: it may be a secret, and this goes to CI logs.
			d.add("values[%q]: want a value, got none", name)
		case v.Reveal() != w.Values[name] && v.IsSensitive():
			d.add("values[%q]: the sensitive value differs from the one wanted (neither is shown)", name)
		case v.Reveal() != w.Values[name]:
			d.add("values[%q]: want %q, got %q", name, w.Values[name], v.Reveal())
		}
	}
	if w.Missing != nil {
		setDiff(d, "missing", *w.Missing, res.Missing(), true)
	}
	if w.Sensitive != nil {
		var sens []string
		for _, n := range res.Names() {
			if v, _ := res.Get(n); v.IsSensitive() {
				sens = append(sens, n)
			}
		}
		setDiff(d, "sensitive", *w.Sensitive, sens, true)
	}
	if w.Conflicts != nil {
		var names []string
		for _, c := range res.Conflicts() {
			names = append(names, c.Name)
		}
		setDiff(d, "conflicts", *w.Conflicts, names, true)
	}
	return nil
}

func substitute(q, want json.RawMessage, d *diffs) error {
	var sq struct {
		Text      string            `json:"text"`
		Variables map[string]string `json:"variables"`
	}
	if err := strict(q, &sq); err != nil {
		return fmt.Errorf("malformed substitute request: %v", err)
	}
	var w struct {
		Text       *string   `json:"text"`
		Unresolved *[]string `json:"unresolved"`
		Error      string    `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	vs := make(map[string]variables.Value, len(sq.Variables))
	for k, v := range sq.Variables {
		vs[k] = variables.Plain(v)
	}
	res, err := variables.Substitute(sq.Text, vs, variables.Options{})
	if !answered(d, w.Error, err) {
		return nil
	}
	if w.Text != nil && res.Text.Reveal() != *w.Text {
		d.add("text: want %q, got %q", *w.Text, res.Text.Reveal())
	}
	if w.Unresolved != nil {
		setDiff(d, "unresolved", *w.Unresolved, res.Unresolved, true)
	}
	return nil
}

// ---- targets, automatic, scheduled

func targets(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.TargetsRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed targets request: %v", err)
	}
	var w struct {
		Targets *[]string `json:"targets"`
		Error   string    `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	got, err := s.Targets(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	if w.Targets != nil {
		setDiff(d, "targets", *w.Targets, got, false)
	}
	return nil
}

func automatic(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.AutomaticRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed automatic request: %v", err)
	}
	var w struct {
		Deploy *[]struct {
			Environment string `json:"environment"`
			Tenant      string `json:"tenant"`
		} `json:"deploy"`
		Error string `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	got, err := s.Automatic(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	if w.Deploy != nil {
		var ws, gs []string
		for _, x := range *w.Deploy {
			ws = append(ws, fmt.Sprintf("{%s %q}", x.Environment, x.Tenant))
		}
		for _, x := range got {
			gs = append(gs, fmt.Sprintf("{%s %q}", x.Environment, x.Tenant))
		}
		setDiff(d, "deploy", ws, gs, false)
	}
	return nil
}

func scheduled(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.ScheduledRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed scheduled request: %v", err)
	}
	var w struct {
		Deploy *[]struct {
			Tenant  string `json:"tenant"`
			Release string `json:"release"`
		} `json:"deploy"`
		Error string `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	got, err := s.Scheduled(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	if w.Deploy != nil {
		var ws, gs []string
		for _, x := range *w.Deploy {
			ws = append(ws, x.Tenant+"@"+x.Release)
		}
		for _, x := range got {
			gs = append(gs, x.Tenant+"@"+x.Release)
		}
		setDiff(d, "deploy", ws, gs, false)
	}
	return nil
}

// ---- rollout

func rollout(s *plan.Space, q, want json.RawMessage, d *diffs) error {
	var req plan.RolloutRequest
	if err := strict(q, &req); err != nil {
		return fmt.Errorf("malformed rollout policy: %v", err)
	}
	var w struct {
		Waves *[]struct {
			Environment string   `json:"environment"`
			Ring        string   `json:"ring"`
			Tenants     []string `json:"tenants"`
		} `json:"waves"`
		Unassigned *[]string        `json:"unassigned"`
		Overlaps   *[]string        `json:"overlaps"`
		Empty      *[]string        `json:"empty"`
		Done       *[]plan.DoneCell `json:"done"`
		Never      *[]struct {
			Tenant      string   `json:"tenant"`
			Environment string   `json:"environment"`
			Reasons     []string `json:"reasons"`
		} `json:"never"`
		Error string `json:"error"`
	}
	if err := strict(want, &w); err != nil {
		return fmt.Errorf("malformed want: %v", err)
	}
	got, err := s.Rollout(req)
	if !answered(d, w.Error, err) {
		return nil
	}
	if w.Waves != nil {
		wave := func(env, ring string, ts []string) string {
			return fmt.Sprintf("{%s %s %s}", env, ring, list(ts))
		}
		var ws, gs []string
		for _, x := range *w.Waves {
			ws = append(ws, wave(x.Environment, x.Ring, x.Tenants))
		}
		for _, x := range got.Waves {
			gs = append(gs, wave(x.Environment, x.Ring, x.Tenants))
		}
		if !slices.Equal(ws, gs) {
			d.add("waves: want %v, got %v", ws, gs)
		}
	}
	if w.Unassigned != nil {
		setDiff(d, "unassigned", *w.Unassigned, got.Unassigned, false)
	}
	if w.Overlaps != nil {
		setDiff(d, "overlaps", *w.Overlaps, got.Overlaps, false)
	}
	if w.Empty != nil {
		setDiff(d, "empty", *w.Empty, got.Empty, false)
	}
	if w.Done != nil {
		var ws, gs []string
		for _, x := range *w.Done {
			ws = append(ws, x.Tenant+"@"+x.Environment)
		}
		for _, x := range got.Done {
			gs = append(gs, x.Tenant+"@"+x.Environment)
		}
		setDiff(d, "done", ws, gs, false)
	}
	if w.Never != nil {
		var ws, gs []string
		for _, x := range *w.Never {
			ws = append(ws, fmt.Sprintf("%s@%s%v", x.Tenant, x.Environment, x.Reasons))
		}
		for _, x := range got.Never {
			gs = append(gs, fmt.Sprintf("%s@%s%v", x.Tenant, x.Environment, codes(x.Reasons)))
		}
		setDiff(d, "never", ws, gs, false)
	}
	return nil
}
