package plan

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// Tenancy is a project's tenanted-deployment mode or a target's participation.
type Tenancy uint8

// The tenancy modes. The zero value is Untenanted, the default of both projects and targets.
const (
	Untenanted Tenancy = iota
	TenantedOrUntenanted
	Tenanted
)

// ParseTenancy parses "Untenanted" (also ""), "TenantedOrUntenanted" or "Tenanted".
func ParseTenancy(s string) (Tenancy, error) {
	switch s {
	case "", "Untenanted":
		return Untenanted, nil
	case "TenantedOrUntenanted":
		return TenantedOrUntenanted, nil
	case "Tenanted":
		return Tenanted, nil
	}
	return 0, &badValue{what: "tenancy", value: s, want: `"Untenanted", "TenantedOrUntenanted" or "Tenanted"`}
}

// String returns the model-file spelling.
func (t Tenancy) String() string {
	switch t {
	case TenantedOrUntenanted:
		return "TenantedOrUntenanted"
	case Tenanted:
		return "Tenanted"
	}
	return "Untenanted"
}

// MarshalText returns the model-file spelling.
func (t Tenancy) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText decodes the model-file spelling, as ParseTenancy does; other text is an error
// that lists the modes and wraps ErrInvalidValue.
func (t *Tenancy) UnmarshalText(b []byte) error {
	v, err := ParseTenancy(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

func (t Tenancy) allowsTenants() bool    { return t != Untenanted }
func (t Tenancy) allowsUntenanted() bool { return t != Tenanted }

// badValue is an invalid enum value; it wraps ErrInvalidValue and has its code.
type badValue struct{ what, value, want string }

// Error returns `invalid what "value": want ... [invalid-value]`.
func (e *badValue) Error() string {
	return problem.Format("", "invalid "+e.what+" "+quote(e.value)+": want "+e.want, e.Code())
}

// Unwrap returns ErrInvalidValue.
func (e *badValue) Unwrap() error { return ErrInvalidValue }

// Code returns "invalid-value".
func (e *badValue) Code() Code { return CodeInvalidValue }

// Space is a compiled, valid model: the only input the planner accepts. Build it with Load or
// Compile, which validate the whole model first; an invalid model never reaches the planner. A
// Space is immutable and safe for concurrent use.
type Space struct {
	envs       []string
	envIndex   map[string]int
	catalog    *tags.Catalog
	tenants    *tenant.Set
	names      []string         // per tenant index: its name (no copy of a Tenant per cell)
	disabled   tenant.Selection // the disabled tenants
	envSets    []lifecycle.EnvSet
	lifecycles map[string]*lifecycle.Lifecycle
	projects   []*project
	projIndex  map[string]*project
	targets    []*target // by name
	freezes    *freeze.Index
	// The tenants' values, converted once: each project's valueTable and the common values of
	// tenant index i, common[commonSpan[i][0]:commonSpan[i][1]] (each entry a library and its
	// values), are spans of slabs.
	slabs      slabs
	commonSpan [][2]int32
	common     []commonEntry
	// frozenTenants: per (project, environment), the tenants that tenant-scoped freezes name, so
	// that the per-tenant freeze check is a bit test.
	frozenTenants map[frozenKey]tenant.Selection
	principals    map[string]*principal
}

type frozenKey struct {
	project string
	env     int
}

type project struct {
	name       string
	index      int // in the model
	tenancy    Tenancy
	lc         *lifecycle.Lifecycle
	roles      []string
	channels   []*channel
	defChannel int
	vars       *variables.Project
	templates  bool // whether any template is required
	releases   []*release
	relIndex   map[string]*release
	conn       []int32 // per tenant index: its connected environments, an index into Space.envSets
	connected  tenant.Selection
	values     valueTable // per tenant index: values of project templates
	// missing, per tenant index: the precomputed missing-variables answer, an index into
	// missLists and missReasons (0: nothing missing), or -1 when it depends on the environment.
	missing     []int32
	missLists   [][]string
	missReasons []Reason
	hist        history
}

type channel struct {
	ch       lifecycle.Channel
	lc       *lifecycle.Lifecycle
	restrict *tags.Bound      // nil: no tenant restriction
	admits   tenant.Selection // with restrict: the tenants it admits
}

type release struct {
	project *project
	index   int // in the project
	version lifecycle.Version
	text    string
	channel *channel
	blocked bool
	facts   [2]releaseFacts // by lifecycle.Policy
	// lastSuccess is the time of the latest successful deployment per environment, any track.
	lastSuccess map[int]time.Time
}

// releaseFacts are computed once per release (never once per tenant): the environments where
// anyone has a success. Each track's own successes are in its project's history.
type releaseFacts struct {
	any lifecycle.EnvSet
}

type target struct {
	name    string
	envs    lifecycle.EnvSet
	roles   []string
	tenancy Tenancy
	filter  *tags.Bound // nil when the filter is empty (matches nobody)
}

// Load decodes a model file strictly and compiles it, with the default LoadOptions. All problems
// of the file, from unknown keys to unknown names, are returned at once as ValidationErrors.
func Load(data []byte) (*Space, error) { return LoadWithOptions(data, LoadOptions{}) }

// LoadOptions bounds what LoadWithOptions accepts. The zero value means the defaults.
type LoadOptions struct {
	// Decode bounds the decoding of the file: its size, the number of problems reported (which
	// also caps the problems of the whole load), and the length of strings and lists. Its zero
	// value means the defaults of model.Options.
	Decode model.Options
}

// LoadWithOptions decodes a model file strictly and compiles it in one pass: the problems of the
// decoding (unknown keys, values of the wrong type, duplicate keys, ...) and the problems of the
// meaning of every part that decoded (unknown names, duplicates, lifecycle rules, ...) are
// returned together as ValidationErrors, sorted by path. A problem of the meaning of a value that
// did not decode is left out, as it only repeats the decoding problem. When the file is not
// read whole (malformed JSON, a limit), only the decoding problems are returned. At most
// o.Decode.MaxErrors problems are listed; past them, one final "limit" entry counts the rest.
func LoadWithOptions(data []byte, o LoadOptions) (*Space, error) {
	f, complete, err := model.DecodePartial(data, o.Decode)
	if err == nil {
		return Compile(f)
	}
	out := fromModelErrors(err)
	if !complete {
		return nil, out
	}
	if _, cerr := Compile(f); cerr != nil {
		var ces ValidationErrors
		if !errors.As(cerr, &ces) {
			ces = ValidationErrors{{Code: CodeInvalidValue, Message: message(cerr), Err: cerr}}
		}
		out = append(out, undecoded(out, ces)...)
	}
	sortErrors(out)
	return nil, capErrors(out, o.Decode.MaxErrors)
}

// undecoded returns the problems of ces that are not at or below the path of a decoding problem
// of des (except the document's own path, "").
func undecoded(des, ces ValidationErrors) ValidationErrors {
	bad := make(map[string]bool, len(des))
	for _, e := range des {
		if e.Path != "" {
			bad[e.Path] = true
		}
	}
	var out ValidationErrors
	for _, e := range ces {
		if !underAny(e.Path, bad) {
			out = append(out, e)
		}
	}
	return out
}

// underAny reports whether path, or a path it is below, is in set.
func underAny(path string, set map[string]bool) bool {
	for i := len(path); i > 0; i-- {
		if (i == len(path) || path[i] == '.' || path[i] == '[') && set[path[:i]] {
			return true
		}
	}
	return false
}

// capErrors keeps the first max problems (0: model.DefaultMaxErrors), with a final entry that
// counts the rest.
func capErrors(es ValidationErrors, max int) ValidationErrors {
	if max <= 0 {
		max = model.DefaultMaxErrors
	}
	return ValidationErrors(problem.List[*ValidationError](es).Cap(max, func(n int) *ValidationError {
		msg := fmt.Sprintf("%d more problems not listed: only the first %d are (model.Options.MaxErrors)", n, max)
		return &ValidationError{Code: CodeLimit, Message: msg, Err: model.ErrLimit}
	}))
}

func fromModelErrors(err error) ValidationErrors {
	var out ValidationErrors
	if es, ok := err.(model.Errors); ok {
		for _, e := range es {
			msg := e.Message
			if e.Line > 0 {
				msg = message(e)
			}
			out = append(out, &ValidationError{Path: e.Path, Code: e.Code(), Message: msg, Err: e})
		}
		return out
	}
	return ValidationErrors{{Code: CodeInvalidValue, Message: message(err), Err: err}}
}

// Compile validates a decoded model and compiles it into a Space. It reports every problem at
// once as ValidationErrors, sorted by path; it never stops at the first. The File is not retained
// by reference: later changes to it do not affect the Space.
func Compile(f *model.File) (*Space, error) {
	if f == nil {
		f = &model.File{}
	}
	c := &compiler{f: f}
	c.validate()
	if len(c.errs) > 0 {
		sortErrors(c.errs)
		return nil, c.errs
	}
	return c.build()
}

// sortErrors sorts problems by path (list indexes as numbers), then code.
func sortErrors(es ValidationErrors) { problem.List[*ValidationError](es).Sort() }

// Environments returns the model's environments in order.
func (s *Space) Environments() []string { return slices.Clone(s.envs) }

// Catalog returns the tag catalog.
func (s *Space) Catalog() *tags.Catalog { return s.catalog }

// Tenants returns the tenant set, ordered by name.
func (s *Space) Tenants() *tenant.Set { return s.tenants }

// Freezes returns the model's freezes in model order, for callers that show them (a report's
// timeline); the planner itself asks the freezes through its own index.
func (s *Space) Freezes() []freeze.Freeze { return s.freezes.Freezes() }

// Projects returns the project names in model order.
func (s *Space) Projects() []string {
	out := make([]string, len(s.projects))
	for i, p := range s.projects {
		out[i] = p.name
	}
	return out
}

// Releases returns the release versions of a project in model order.
func (s *Space) Releases(project string) ([]string, error) {
	p, err := s.project("project", project)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(p.releases))
	for i, r := range p.releases {
		out[i] = r.text
	}
	return out, nil
}
