package plan

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// compiler validates a model file and, when it is valid, builds the Space. Validation looks at
// every part of the file even after a problem, and reports each problem once with its path.
type compiler struct {
	f    *model.File
	errs ValidationErrors

	envIndex map[string]int
	// envList are the valid environment names, in model order, and envPos their indexes: a model
	// has a few environments, which a few string comparisons find faster than a map.
	envList []string
	envPos  []int
	catalog *tags.Catalog
	// tenantIdx is the model index of each (first) tenant name, built when first needed (once,
	// for all goroutines): many models name tenants only in their deployments, which find them
	// without it.
	tenantIdx     map[string]int
	tenantIdxOnce sync.Once
	scans         atomic.Int32 // look-ups so far (see scanLookups)
	lifecycles    map[string]*lifecycle.Lifecycle
	libraries     map[string]int
	projects      map[string]*cproject
	projList      []*cproject // the valid projects, in model order
	targets       map[string]bool
	varsOfLib     map[string]variables.Library
	// libs holds, per valid library, what checking tenants' common values needs (built once, not
	// once per tenant).
	libs     map[string]clib
	freezes  []freeze.Freeze
	set      *tenant.Set // the validated tenant set, kept for build
	setModel []int32     // the model index of each tenant given to the set
	// For a big model, the set is built on a goroutine of its own (done when closed); its
	// problems (setErr) go to errs[setErrsAt].
	setDone   chan struct{}
	setErr    error
	setErrsAt int
	deps      []dep // the deployments, resolved to indexes for build
	// What validating the tenants learnt for build, so that build reads no map of the File again:
	// the interned environment sets, and per model tenant its connections and values.
	sets  *envSets
	ten   tenantRecords
	hints int // "did you mean" suggestions given so far (see hint)
}

// cproject is what validation learns about a project, kept for building the Space.
type cproject struct {
	name       string
	index      int
	kinds      *templateKinds // which templates are sensitive
	tenancy    Tenancy
	lc         *lifecycle.Lifecycle
	channels   []lifecycle.Channel
	chanLC     []*lifecycle.Lifecycle
	defChannel int
	vars       *variables.Project
	releases   map[string]int // version text -> model release index
	folded     map[string]int // lower-cased version text -> model release index
	relChannel map[int]int    // model release index -> channel index
	versions   map[int]lifecycle.Version
	// badChannels: some channel of the project is invalid, so its releases' channels are not
	// checked (they would only repeat that problem).
	badChannels bool
}

func (c *compiler) add(path string, code Code, err error, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if err == nil {
		err = errors.New(msg)
	}
	c.errs = append(c.errs, &ValidationError{Path: path, Code: code, Message: msg, Err: err})
}

// addErr records an error of another package, with the code of its sentinel.
func (c *compiler) addErr(path string, err error) {
	code := sentinelCode(err)
	if code == "" {
		code = CodeInvalidValue
	}
	c.errs = append(c.errs, &ValidationError{Path: path, Code: code, Message: message(err), Err: err})
}

// each calls fn for every error joined in err (or err itself).
func each(err error, fn func(error)) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			each(e, fn)
		}
		return
	}
	fn(err)
}

func idx(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// key appends a map key to a path, as package model does.
func key(path, k string) string {
	plain := k != ""
	for _, r := range k {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	if !plain {
		return path + "[" + quote(k) + "]"
	}
	return path + "." + k
}

// names finds duplicates among names of one kind: equal, or equal but for letter case.
type names struct {
	kind  string
	seen  map[string]string // lower-case -> first spelling
	first map[string]int
}

func newNames(kind string) *names {
	return &names{kind: kind, seen: map[string]string{}, first: map[string]int{}}
}

// add reports whether name is new; it records a duplicate-name error otherwise (or an
// invalid-value error for an empty name).
func (n *names) add(c *compiler, path, name string, i int) bool {
	if name == "" {
		c.add(path, CodeInvalidValue, ErrInvalidValue, "%s name is empty", n.kind)
		return false
	}
	low := strings.ToLower(name)
	if prev, ok := n.seen[low]; ok {
		if prev == name {
			c.add(path, CodeDuplicateName, ErrDuplicateName, "duplicate %s name %s", n.kind, quote(name))
		} else {
			c.add(path, CodeDuplicateName, ErrDuplicateName, "%s name %s differs from %s only in letter case", n.kind, quote(name), quote(prev))
		}
		return false
	}
	n.seen[low] = name
	n.first[name] = i
	return true
}

func (c *compiler) validate() {
	f := c.f
	c.envIndex = map[string]int{}
	envNames := newNames("environment")
	for i, e := range f.Environments {
		if envNames.add(c, idx("environments", i), e, i) {
			c.envIndex[e] = i
			c.envList = append(c.envList, e)
			c.envPos = append(c.envPos, i)
		}
	}
	c.validateTagSets()
	c.validateLifecycles()
	c.targets = map[string]bool{}
	for _, t := range f.Targets {
		c.targets[t.Name] = true
	}
	c.validateLibraries()
	c.validateProjects()
	c.validateTenants()
	c.validateTargets()
	c.validateReleases()
	c.validateDeployments()
	c.validateFreezes()
	c.validatePrincipals()
	c.awaitSet()
}

func (c *compiler) validateTagSets() {
	f := c.f
	setNames := newNames("tag set")
	var sets []tags.TagSet
	freeText := map[string]bool{}
	for i, ts := range f.TagSets {
		p := idx("tagSets", i)
		ok := setNames.add(c, p, ts.Name, i)
		typ, err := tags.ParseType(ts.Type)
		if err != nil {
			c.addErr(p+".type", err)
			continue
		}
		set, err := tags.NewTagSet(ts.Name, typ, ts.Tags)
		if err != nil {
			if ok { // an empty name was reported already
				each(err, func(e error) { c.addErr(p, e) })
			}
			continue
		}
		if ok {
			sets = append(sets, set)
			if typ == tags.FreeText {
				freeText[ts.Name] = true
			}
		}
	}
	var free []string
	seen := map[string]bool{}
	// A model has a few FreeText sets: a tag's prefix is compared with their names (those without
	// a "/", the only ones a tag's set name can be) rather than looked up in a map.
	var freeNames []string
	for name := range freeText {
		if !strings.Contains(name, "/") {
			freeNames = append(freeNames, name)
		}
	}
	isFree := func(tag string) bool {
		if len(freeNames) > 4 {
			set, _, found := strings.Cut(tag, "/")
			return found && freeText[set]
		}
		for _, name := range freeNames {
			if len(tag) > len(name) && tag[len(name)] == '/' && tag[:len(name)] == name {
				return true
			}
		}
		return false
	}
	for i := range f.Tenants {
		if len(freeNames) == 0 {
			break // no tag of a tenant can be a free value
		}
		for _, tag := range f.Tenants[i].Tags {
			if isFree(tag) && !seen[tag] {
				seen[tag] = true
				free = append(free, tag)
			}
		}
	}
	cat, err := tags.NewCatalog(sets, free)
	if err != nil {
		each(err, func(e error) { c.addErr("tagSets", e) })
		cat = tags.MustNewCatalog(nil, nil)
	}
	c.catalog = cat
}

func (c *compiler) validateLifecycles() {
	c.lifecycles = map[string]*lifecycle.Lifecycle{}
	lcNames := newNames("lifecycle")
	for i, l := range c.f.Lifecycles {
		p := idx("lifecycles", i)
		ok := lcNames.add(c, p, l.Name, i)
		specs := make([]lifecycle.PhaseSpec, len(l.Phases))
		for k, ph := range l.Phases {
			specs[k] = lifecycle.PhaseSpec{Name: ph.Name, Automatic: ph.Automatic, Manual: ph.Manual,
				Minimum: ph.Minimum, Optional: ph.Optional, Priority: ph.Priority}
		}
		lc, err := lifecycle.New(l.Name, c.f.Environments, specs)
		if err != nil {
			each(err, func(e error) {
				path := p
				var ve *lifecycle.ValidationError
				if errors.As(e, &ve) && ve.Phase >= 0 {
					path = idx(p+".phases", ve.Phase)
				}
				c.addErr(path, e)
			})
			continue
		}
		if ok {
			c.lifecycles[l.Name] = lc
		}
	}
}

// env returns the index of the environment of that name.
func (c *compiler) env(name string) (int, bool) {
	if len(c.envList) <= 8 {
		for k, e := range c.envList {
			if e == name {
				return c.envPos[k], true
			}
		}
		return 0, false
	}
	k, ok := c.envIndex[name]
	return k, ok
}

// checkEnvs reports unknown environment names.
func (c *compiler) checkEnvs(path string, envs []string) {
	c.checkEnvsAt(func() string { return path }, envs)
}

// checkEnvsAt is checkEnvs with a path built only when there is an error.
func (c *compiler) checkEnvsAt(path func() string, envs []string) {
	for i, e := range envs {
		if _, ok := c.env(e); !ok {
			c.add(idx(path(), i), CodeUnknownEnvironment, ErrUnknownEnvironment, "unknown environment %s%s", quote(e), c.envHint(e))
		}
	}
}

// scanLookups is how many tenant names a compile looks for by reading the tenants' names before
// it builds a map of them: a model often names a handful of tenants outside the tenants (in scopes,
// freezes, grants), and reading a million names a few times costs less than a map of them.
const scanLookups = 8

// tenantIndex returns the model index of the (first) tenant of that name.
func (c *compiler) tenantIndex(name string) (int, bool) {
	if c.scans.Add(1) <= scanLookups {
		for i := range c.f.Tenants {
			if c.f.Tenants[i].Name == name && name != "" {
				return i, true
			}
		}
		return 0, false
	}
	c.tenantIdxOnce.Do(func() {
		c.tenantIdx = make(map[string]int, len(c.f.Tenants))
		for i := len(c.f.Tenants) - 1; i >= 0; i-- { // backwards: the first of a name stays
			if t := &c.f.Tenants[i]; t.Name != "" {
				c.tenantIdx[t.Name] = i
			}
		}
	})
	i, ok := c.tenantIdx[name]
	return i, ok
}

// checkTenants reports unknown tenant names.
func (c *compiler) checkTenants(path string, ts []string) {
	for i, t := range ts {
		if _, ok := c.tenantIndex(t); !ok {
			c.add(idx(path, i), CodeUnknownTenant, tags.ErrUnknownTenant, "unknown tenant %s%s", quote(t), c.tenantHint(t))
		}
	}
}

// checkTags reports unknown tag sets and tags.
func (c *compiler) checkTags(path string, ts []string) {
	for i, t := range ts {
		if _, err := c.catalog.Resolve(t); err != nil && !c.freeTextValue(t) {
			// Like every unknown name, only the first hundred get a suggestion.
			var be *tags.BindError
			if errors.As(err, &be) && c.hints < maxHints {
				c.hints++
				be.Suggestion, _ = c.catalog.Suggest(t)
			}
			c.addErr(idx(path, i), err)
		}
	}
}

// freeTextValue reports whether t names a value of a FreeText set (any value is allowed there;
// one that no tenant carries simply matches nobody).
func (c *compiler) freeTextValue(t string) bool {
	set, _, ok := strings.Cut(t, "/")
	if !ok {
		return false
	}
	i, ok := c.catalog.SetIndex(set)
	return ok && c.catalog.Sets()[i].Type() == tags.FreeText
}

func (c *compiler) checkProjects(path string, ps []string) {
	for i, p := range ps {
		if _, ok := c.projects[p]; !ok {
			c.add(idx(path, i), CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(p), c.projectHint(p))
		}
	}
}

func toScope(s *model.Scope) variables.Scope {
	if s == nil {
		return variables.Scope{}
	}
	return variables.Scope{Environments: s.Environments, Tenants: s.Tenants, TenantTags: s.TenantTags,
		Channels: s.Channels, Roles: s.Roles, Targets: s.Targets, Steps: s.Steps}
}

func toVariables(vs []model.Variable) []variables.Variable {
	out := make([]variables.Variable, len(vs))
	for i, v := range vs {
		val := variables.Plain(v.Value)
		if v.Sensitive {
			val = variables.Sensitive(v.Value)
		}
		out[i] = variables.Variable{Name: v.Name, Value: val, Scope: toScope(v.Scope)}
	}
	return out
}

func toTemplates(ts []model.Template) []variables.Template {
	out := make([]variables.Template, len(ts))
	for i, t := range ts {
		out[i] = variables.Template{Name: t.Name, Label: t.Label, Sensitive: t.Sensitive}
		if t.Default != nil {
			out[i].HasDefault = true
			out[i].Default = variables.Plain(*t.Default)
			if t.Sensitive {
				out[i].Default = variables.Sensitive(*t.Default)
			}
		}
	}
	return out
}

// checkScope reports unknown names in a variable scope. Channels are checked only for project
// variables (channels is nil for libraries, which any project may include).
func (c *compiler) checkScope(path string, s *model.Scope, channels map[string]bool) {
	if s == nil {
		return
	}
	p := path + ".scope"
	c.checkEnvs(p+".environments", s.Environments)
	c.checkTenants(p+".tenants", s.Tenants)
	c.checkTags(p+".tenantTags", s.TenantTags)
	for i, t := range s.Targets {
		if !c.targets[t] {
			c.add(idx(p+".targets", i), CodeUnknownTarget, ErrUnknownTarget, "unknown target %s%s", quote(t), c.targetHint(t))
		}
	}
	if channels != nil {
		for i, ch := range s.Channels {
			if !channels[ch] {
				c.add(idx(p+".channels", i), CodeUnknownChannel, ErrUnknownChannel, "unknown channel %s%s", quote(ch), c.hint(ch, slices.Values(slices.Sorted(maps.Keys(channels)))))
			}
		}
	}
}

func (c *compiler) checkTemplates(path string, ts []model.Template) {
	n := newNames("template")
	for i, t := range ts {
		n.add(c, idx(path, i), t.Name, i)
	}
}

func (c *compiler) validateLibraries() {
	c.libraries = map[string]int{}
	c.varsOfLib = map[string]variables.Library{}
	libNames := newNames("library")
	for i, l := range c.f.Libraries {
		p := idx("libraries", i)
		ok := libNames.add(c, p, l.Name, i)
		c.checkTemplates(p+".templates", l.Templates)
		for j, v := range l.Variables {
			c.checkVariable(idx(p+".variables", j), v, nil)
		}
		if ok {
			c.libraries[l.Name] = i
			c.varsOfLib[l.Name] = variables.Library{Name: l.Name, Variables: toVariables(l.Variables),
				Templates: toTemplates(l.Templates)}
		}
	}
}

func (c *compiler) checkVariable(path string, v model.Variable, channels map[string]bool) {
	if v.Name == "" {
		c.add(path+".name", CodeInvalidValue, ErrInvalidValue, "variable name is empty")
	}
	c.checkScope(path, v.Scope, channels)
}

func (c *compiler) validateProjects() {
	c.projects = map[string]*cproject{}
	projNames := newNames("project")
	for i, pr := range c.f.Projects {
		p := idx("projects", i)
		ok := projNames.add(c, p, pr.Name, i)
		cp := &cproject{name: pr.Name, index: i, releases: map[string]int{}, folded: map[string]int{}, relChannel: map[int]int{}, versions: map[int]lifecycle.Version{}}
		ten, err := ParseTenancy(pr.Tenancy)
		if err != nil {
			c.add(p+".tenancy", CodeInvalidValue, err, "%s", message(err))
		}
		cp.tenancy = ten
		cp.lc = c.lifecycleRef(p+".lifecycle", pr.Lifecycle)
		var libs []variables.Library
		for j, l := range pr.Libraries {
			if _, ok := c.libraries[l]; !ok {
				c.add(idx(p+".libraries", j), CodeUnknownLibrary, ErrUnknownLibrary, "unknown library %s%s", quote(l), c.libraryHint(l))
				continue
			}
			libs = append(libs, c.varsOfLib[l])
		}
		c.validateChannels(p, pr, cp)
		chanNames := map[string]bool{}
		for _, ch := range cp.channels {
			chanNames[ch.Name()] = true
		}
		c.checkTemplates(p+".templates", pr.Templates)
		for j, v := range pr.Variables {
			c.checkVariable(idx(p+".variables", j), v, chanNames)
		}
		vars, err := variables.NewProject(variables.ProjectSpec{Name: pr.Name, Variables: toVariables(pr.Variables),
			Templates: toTemplates(pr.Templates), Libraries: libs})
		if err != nil {
			each(err, func(e error) { c.addErr(p, e) })
		}
		cp.vars = vars
		if ok {
			c.projects[pr.Name] = cp
			c.projList = append(c.projList, cp)
		}
	}
}

// lifecycleRef resolves a lifecycle name; "" is the implicit lifecycle over every environment.
func (c *compiler) lifecycleRef(path, name string) *lifecycle.Lifecycle {
	if name == "" {
		if len(c.f.Environments) == 0 {
			// Decision: a project that names no lifecycle in a model without environments is
			// valid (a model may describe only tags and tenants); it has nowhere to deploy to.
			return nil
		}
		lc, err := lifecycle.New("", c.f.Environments, nil)
		if err != nil {
			each(err, func(e error) { c.addErr(path, e) })
			return nil
		}
		return lc
	}
	lc, ok := c.lifecycles[name]
	if !ok {
		if !c.lifecycleDefined(name) {
			c.add(path, CodeUnknownLifecycle, ErrUnknownLifecycle, "unknown lifecycle %s%s", quote(name), c.lifecycleHint(name))
		}
		return nil
	}
	return lc
}

// lifecycleDefined reports whether the model defines a lifecycle of that name (valid or not: an
// invalid one is reported where it is defined, not again where it is used).
func (c *compiler) lifecycleDefined(name string) bool {
	for _, l := range c.f.Lifecycles {
		if l.Name == name {
			return true
		}
	}
	return false
}

func (c *compiler) validateChannels(p string, pr model.Project, cp *cproject) {
	specs := pr.Channels
	if len(specs) == 0 {
		specs = []model.Channel{{Name: "Default", Default: true}}
	}
	chNames := newNames("channel")
	defaults := 0
	for j, ch := range specs {
		if ch.Default {
			defaults++
			if defaults == 2 {
				c.add(idx(p+".channels", j)+".default", CodeInvalidValue, ErrInvalidValue,
					"more than one default channel (%s is the second)", quote(ch.Name))
			}
		}
	}
	for j, ch := range specs {
		path := idx(p+".channels", j)
		ok := chNames.add(c, path, ch.Name, j)
		lc := cp.lc
		if ch.Lifecycle != "" {
			lc = c.lifecycleRef(path+".lifecycle", ch.Lifecycle)
		}
		c.checkTags(path+".tenantTags", ch.TenantTags)
		channel, err := lifecycle.NewChannel(lifecycle.ChannelSpec{Name: ch.Name, Lifecycle: ch.Lifecycle,
			VersionRange: ch.VersionRange, PreRelease: ch.PreRelease, TenantTags: ch.TenantTags,
			TenantExpression: ch.TenantExpression, Default: ch.Default})
		if err != nil {
			each(err, func(e error) { c.addErr(path, e) })
			cp.badChannels = true
			continue
		}
		if ch.TenantExpression != "" {
			if e, has := channel.Restriction(); has {
				if _, err := e.Bind(c.catalog, nil); err != nil {
					each(err, func(e error) {
						// A channel restricts by tags only, like Octopus's channel tenant tags:
						// say so rather than call an existing tenant unknown.
						var be *tags.BindError
						if errors.As(e, &be) && errors.Is(be.Err, tags.ErrUnknownTenant) {
							c.add(path+".tenantExpression", CodeInvalidExpression, tags.ErrSyntax,
								"tenant(%s) at offset %d: a channel's tenant expression may use tags only, not named tenants",
								quote(be.Ref), be.Offset)
							return
						}
						c.addErr(path+".tenantExpression", e)
					})
				}
			}
		}
		if !ok {
			cp.badChannels = true
		}
		if ok {
			cp.channels = append(cp.channels, channel)
			cp.chanLC = append(cp.chanLC, lc)
		}
	}
	// With no explicit default, the first channel is the default.
	for k, ch := range cp.channels {
		if ch.IsDefault() {
			cp.defChannel = k
			break
		}
	}
}

func (c *compiler) validateTargets() {
	tn := newNames("target")
	for i, t := range c.f.Targets {
		p := idx("targets", i)
		tn.add(c, p, t.Name, i)
		c.checkEnvs(p+".environments", t.Environments)
		if _, err := ParseTenancy(t.Tenancy); err != nil {
			c.add(p+".tenancy", CodeInvalidValue, err, "%s", message(err))
		}
		c.checkTenants(p+".tenants", t.Tenants)
		c.checkTags(p+".tenantTags", t.TenantTags)
	}
}

func (c *compiler) validateReleases() {
	for i, r := range c.f.Releases {
		p := idx("releases", i)
		cp, ok := c.projects[r.Project]
		if !ok {
			c.add(p+".project", CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(r.Project), c.projectHint(r.Project))
			continue
		}
		if _, dup := cp.releases[r.Version]; dup {
			c.add(p, CodeDuplicateName, ErrDuplicateName, "project %s has release %s twice", quote(r.Project), quote(r.Version))
			continue
		}
		// Pre-release labels compare without regard to letter case, so versions that differ only
		// in case are one version: a second release of it is a duplicate.
		lower := strings.ToLower(r.Version)
		if j, dup := cp.folded[lower]; dup {
			c.add(p, CodeDuplicateName, ErrDuplicateName, "project %s has release %s, which differs from release %s only in letter case",
				quote(r.Project), quote(r.Version), quote(c.f.Releases[j].Version))
			continue
		}
		cp.folded[lower] = i
		// A release with an invalid version is still a known release: deployments of it are not
		// reported a second time.
		cp.releases[r.Version] = i
		v, err := lifecycle.ParseVersion(r.Version)
		if err != nil {
			c.addErr(p+".version", err)
			continue
		}
		cp.versions[i] = v
		if cp.badChannels {
			continue // the channels were reported invalid; a release has no home to check
		}
		if r.Channel != "" {
			k := -1
			for j, ch := range cp.channels {
				if ch.Name() == r.Channel {
					k = j
				}
			}
			if k < 0 {
				c.add(p+".channel", CodeUnknownChannel, ErrUnknownChannel, "project %s has no channel %s%s", quote(r.Project), quote(r.Channel), c.channelHint(r.Project, r.Channel))
				continue
			}
			if !cp.channels[k].Rule().Allows(v) {
				c.add(p, CodeVersionRule, lifecycle.ErrVersionRule,
					"release %s does not satisfy the version rules of channel %s", quote(r.Version), quote(r.Channel))
				continue
			}
			cp.relChannel[i] = k
			continue
		}
		k, err := lifecycle.SelectChannel(cp.channels, cp.defChannel, v)
		if err != nil {
			c.addErr(p, err)
			continue
		}
		cp.relChannel[i] = k
	}
}

// parseOutcome parses a deployment outcome; it reports whether the outcome is a success.
func parseOutcome(s string) (bool, error) {
	switch s {
	case "Success":
		return true, nil
	case "Failed", "Cancelled":
		return false, nil
	}
	return false, &badValue{what: "outcome", value: s, want: `"Success", "Failed" or "Cancelled"`}
}

var weekdays = map[string]time.Weekday{"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday,
	"Wednesday": time.Wednesday, "Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday}

func (c *compiler) validateFreezes() {
	fn := newNames("freeze")
	for i, fr := range c.f.Freezes {
		p := idx("freezes", i)
		fn.add(c, p, fr.Name, i)
		start, err1 := parseTime(fr.Start)
		if err1 != nil {
			c.add(p+".start", CodeInvalidValue, err1, "%s", message(err1))
		}
		end, err2 := parseTime(fr.End)
		if err2 != nil {
			c.add(p+".end", CodeInvalidValue, err2, "%s", message(err2))
		}
		scope := freeze.Scope{Projects: fr.Projects}
		for _, pn := range sortedKeys(fr.Projects) {
			if _, ok := c.projects[pn]; !ok {
				c.add(key(p+".projects", pn), CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(pn), c.projectHint(pn))
			}
			c.checkEnvs(key(p+".projects", pn), fr.Projects[pn])
		}
		for j, t := range fr.Tenants {
			tp := idx(p+".tenants", j)
			if _, ok := c.tenantIndex(t.Tenant); !ok {
				c.add(tp+".tenant", CodeUnknownTenant, tags.ErrUnknownTenant, "unknown tenant %s%s", quote(t.Tenant), c.tenantHint(t.Tenant))
			}
			if _, ok := c.projects[t.Project]; !ok {
				c.add(tp+".project", CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(t.Project), c.projectHint(t.Project))
			}
			if _, ok := c.envIndex[t.Environment]; !ok {
				c.add(tp+".environment", CodeUnknownEnvironment, ErrUnknownEnvironment, "unknown environment %s%s", quote(t.Environment), c.envHint(t.Environment))
			}
			scope.Tenants = append(scope.Tenants, freeze.TenantScope{Tenant: t.Tenant, Project: t.Project, Environment: t.Environment})
		}
		var rec *freeze.Recurrence
		if r := fr.Recurrence; r != nil {
			rec = &freeze.Recurrence{Every: r.Every, DayOfMonth: r.DayOfMonth, EndAfter: r.EndAfter, TimeZone: r.TimeZone}
			u, err := freeze.ParseUnit(r.Unit)
			if err != nil {
				c.addErr(p+".recurrence.unit", err)
				continue
			}
			rec.Unit = u
			bad := false
			for j, d := range r.DaysOfWeek {
				wd, ok := weekdays[d]
				if !ok {
					c.add(idx(p+".recurrence.daysOfWeek", j), CodeInvalidValue, ErrInvalidValue,
						"invalid day of week %s: want \"Monday\" ... \"Sunday\"", quote(d))
					bad = true
				}
				rec.DaysOfWeek = append(rec.DaysOfWeek, wd)
			}
			if r.EndOn != "" {
				t, err := parseTime(r.EndOn)
				if err != nil {
					c.add(p+".recurrence.endOn", CodeInvalidValue, err, "%s", message(err))
					bad = true
				}
				rec.EndOn = t
			}
			if bad {
				continue
			}
		}
		if err1 != nil || err2 != nil {
			continue
		}
		fz, err := freeze.New(fr.Name, start, end, rec, scope)
		if err != nil {
			each(err, func(e error) {
				path := p
				var fe *freeze.FieldError
				if errors.As(e, &fe) && fe.Field != "" {
					path = p + "." + fe.Field
				}
				c.addErr(path, e)
			})
			continue
		}
		c.freezes = append(c.freezes, fz)
	}
}

func (c *compiler) validatePrincipals() {
	pn := newNames("principal")
	for i, pr := range c.f.Principals {
		p := idx("principals", i)
		pn.add(c, p, pr.Name, i)
		for j, g := range pr.Grants {
			gp := idx(p+".grants", j)
			if g.Action != "deploy" && g.Action != "view" {
				c.add(gp+".action", CodeInvalidValue, ErrInvalidValue, "invalid action %s: want \"deploy\" or \"view\"", quote(g.Action))
			}
			c.checkProjects(gp+".projects", g.Projects)
			c.checkEnvs(gp+".environments", g.Environments)
			c.checkTenants(gp+".tenants", g.Tenants)
			c.checkTags(gp+".tenantTags", g.TenantTags)
		}
	}
}
