package plan

import (
	"errors"
	"slices"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tenant"
	"github.com/tenantplan/tenantplan/variables"
)

// Checking the tenants and the deployments is most of the work of compiling a big model, and each
// tenant (each deployment) is checked on its own. So both are checked in two passes: a quick one,
// split in contiguous chunks over up to GOMAXPROCS goroutines, that stops at the first problem of
// an element and notes the element; then, in model order on one goroutine, a pass that reports
// every problem of the noted elements with its path, exactly as a single pass would (including
// which unknown names get a "did you mean"). Both passes run the same checks, so an element is
// noted exactly when it has a problem.

// tenantRecords is what checking the tenants learnt for build, in flat slices where every model
// tenant has a fixed place (so that the workers fill them without sharing anything): the
// connections of model tenant i are conns[connOff[i]:connOff[i+1]], its common values by library
// common[commonOff[i]:commonOff[i+1]] and its project values project[projOff[i]:projOff[i+1]]. The
// values themselves are converted once, into one slab per worker (slabs).
type tenantRecords struct {
	conns                       []tenantConn
	common                      []commonEntry
	project                     []valueRef
	connOff, commonOff, projOff []int32
	slabs                       [][]variables.TenantValue
}

// tenantConn is one valid connection of a tenant: a model project index and an index of c.sets.
type tenantConn struct{ project, envs int32 }

// valueRef is the values of one tenant for the templates of a model project.
type valueRef struct {
	project int32
	span    valueSpan
}

// newTenantRecords places the records of every tenant: a map's length is one read.
func newTenantRecords(ts []model.Tenant) tenantRecords {
	r := tenantRecords{
		connOff:   make([]int32, len(ts)+1),
		commonOff: make([]int32, len(ts)+1),
		projOff:   make([]int32, len(ts)+1),
	}
	nconns, ncommon, nproject := 0, 0, 0
	for i := range ts {
		nconns += len(ts[i].Projects)
		ncommon += len(ts[i].CommonValues)
		nproject += len(ts[i].ProjectValues)
		r.connOff[i+1], r.commonOff[i+1], r.projOff[i+1] = int32(nconns), int32(ncommon), int32(nproject)
	}
	r.conns = make([]tenantConn, nconns)
	r.common = make([]commonEntry, ncommon)
	r.project = make([]valueRef, nproject)
	return r
}

// clib is what checking tenants' common values needs of a valid library.
type clib struct {
	// check is a variable set of the library alone, nil when the library is invalid (that is
	// reported where it is defined).
	check *variables.Project
	kinds *templateKinds
}

// tenantWorker checks a contiguous range of model tenants and converts their values. Each worker
// of a parallel check has its own; they share only what they read, and the records' places of
// their own tenants.
type tenantWorker struct {
	c           *compiler
	report      bool     // report every problem (one goroutine, in order) rather than stop at the first
	first, step int32    // the index of the worker's first slab, and the step to its next
	sets        *envSets // interns the environment sets of the connections
	// The values the worker converted, in slabs of about slabLen (allocated as needed: a slab
	// is never grown, so never copied); vals is the last one.
	slabs  [][]variables.TenantValue
	vals   []variables.TenantValue
	arena  []string // the environment lists of the values, in chunks
	common map[string][]variables.TenantValue
	idx    []int // scratch
	tb     tenant.Builder
	bad    []int32 // model indexes of the tenants with a problem
	// recent are the last values the quick check converted and found valid, by the project or
	// library (its kinds) they are for: tenants often give the same values as the tenant before
	// them, and then share its converted values.
	recent     [4]recentValues
	nextRecent int
}

// recentValues are values a worker converted, kept to share with the next tenants.
type recentValues struct {
	kinds *templateKinds // of the project or library
	span  valueSpan
	vals  []variables.TenantValue
}

func (c *compiler) newTenantWorker(first, step int, sets *envSets) *tenantWorker {
	return &tenantWorker{c: c, first: int32(first), step: int32(step), sets: sets, common: map[string][]variables.TenantValue{}}
}

// slabLen is the number of values of a slab: 256 KiB.
const slabLen = 4096

// problem notes a problem of the tenant being checked: it reports whether the check goes on to
// report it (false: the quick check stops).
func (w *tenantWorker) problem() bool { return w.report }

// projectOf returns the valid project of that name, or nil. A model has a few projects: a few
// string comparisons are cheaper than a lookup in a map.
func (c *compiler) projectOf(name string) *cproject {
	if len(c.projList) <= 8 {
		for _, cp := range c.projList {
			if cp.name == name {
				return cp
			}
		}
		return nil
	}
	return c.projects[name]
}

// envSet returns the set of the named environments; false when one is unknown.
func (w *tenantWorker) envSet(names []string) (lifecycle.EnvSet, bool) {
	ix := w.idx[:0]
	for _, e := range names {
		k, ok := w.c.env(e)
		if !ok {
			return lifecycle.EnvSet{}, false
		}
		ix = append(ix, k)
	}
	w.idx = ix
	return lifecycle.EnvSetOf(ix...), true
}

// valuesOK reports whether every value names a template and only known environments.
func (c *compiler) valuesOK(vals []model.TenantValue) bool {
	for k := range vals {
		if vals[k].Template == "" {
			return false
		}
		for _, e := range vals[k].Environments {
			if _, ok := c.env(e); !ok {
				return false
			}
		}
	}
	return true
}

// convert appends the set values of vals to the worker's slab (see appendValues) and returns
// their span.
func (w *tenantWorker) convert(vals []model.TenantValue, kinds *templateKinds) valueSpan {
	if cap(w.vals)-len(w.vals) < len(vals) || w.slabs == nil {
		w.vals = make([]variables.TenantValue, 0, max(slabLen, len(vals)))
		w.slabs = append(w.slabs, nil)
	}
	start := len(w.vals)
	w.vals = appendValues(w.vals, vals, kinds, &w.arena)
	last := len(w.slabs) - 1
	w.slabs[last] = w.vals
	return valueSpan{slab: w.first + int32(last)*w.step, start: int32(start), end: int32(len(w.vals))}
}

// check checks the name, connections and values of model tenant i. The quick check (w.report
// false) returns false at the first problem; for a tenant without problems, it fills the
// tenant's records. The reporting check records every problem with its path, in key order.
func (w *tenantWorker) check(i int) bool {
	c, r := w.c, &w.c.ten
	t := &c.f.Tenants[i]
	if t.Name == "" {
		if !w.problem() {
			return false
		}
		c.add(idx("tenants", i)+".name", CodeInvalidValue, ErrInvalidValue, "tenant name is empty")
	}
	// The quick check ranges over the maps in map order: the records do not depend on it.
	conn, common, proj := r.connOff[i], r.commonOff[i], r.projOff[i]
	if w.report {
		for _, pn := range sortedKeys(t.Projects) {
			w.connection(i, pn, t.Projects[pn], &conn)
		}
		for _, ln := range sortedKeys(t.CommonValues) {
			w.commonValues(i, ln, t.CommonValues[ln], &common)
		}
		for _, pn := range sortedKeys(t.ProjectValues) {
			w.projectValues(i, pn, t.ProjectValues[pn], &proj)
		}
		return true
	}
	for pn, envs := range t.Projects {
		if !w.connection(i, pn, envs, &conn) {
			return false
		}
	}
	for ln, vals := range t.CommonValues {
		if !w.commonValues(i, ln, vals, &common) {
			return false
		}
	}
	for pn, vals := range t.ProjectValues {
		if !w.projectValues(i, pn, vals, &proj) {
			return false
		}
	}
	return true
}

// tenantPath returns the path of model tenant i and below; paths are built only for problems.
func tenantPath(i int, below, k string) string { return key(idx("tenants", i)+below, k) }

// connection checks the connection of tenant i to project pn and records it at r.conns[*at].
func (w *tenantWorker) connection(i int, pn string, envs []string, at *int32) bool {
	c := w.c
	cp := c.projectOf(pn)
	if cp == nil {
		if !w.problem() {
			return false
		}
		c.add(tenantPath(i, ".projects", pn), CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(pn), c.projectHint(pn))
		return true
	}
	if cp.tenancy == Untenanted {
		if !w.problem() {
			return false
		}
		c.add(idx("tenants", i), CodeUntenantedConnection, ErrUntenanted,
			"tenant %s is connected to project %s, whose tenancy is Untenanted%s: set the project's \"tenancy\" to \"Tenanted\" or \"TenantedOrUntenanted\" to deploy it to tenants",
			quote(c.f.Tenants[i].Name), quote(pn), c.defaultTenancy(pn))
	}
	set, ok := w.envSet(envs)
	if !ok {
		if !w.problem() {
			return false
		}
		c.checkEnvsAt(func() string { return tenantPath(i, ".projects", pn) }, envs)
	}
	if !w.report {
		c.ten.conns[*at] = tenantConn{project: int32(cp.index), envs: w.sets.intern(set)}
		*at++
	}
	return true
}

// commonValues checks the values of tenant i for the templates of library ln, converts them and
// records them at r.common[*at].
func (w *tenantWorker) commonValues(i int, ln string, vals []model.TenantValue, at *int32) bool {
	c := w.c
	lib, ok := c.libs[ln]
	if !ok {
		if !w.problem() {
			return false
		}
		c.add(tenantPath(i, ".commonValues", ln), CodeUnknownLibrary, ErrUnknownLibrary, "unknown library %s%s", quote(ln), c.libraryHint(ln))
		return true
	}
	sp, ok := w.values(i, ".commonValues", ln, vals, lib.kinds, func(vs []variables.TenantValue) error {
		if lib.check == nil {
			return nil
		}
		clear(w.common)
		w.common[ln] = vs
		return lib.check.CheckTenantValues(variables.TenantValues{Common: w.common})
	})
	if ok && !w.report {
		c.ten.common[*at] = commonEntry{lib: ln, span: sp}
		*at++
	}
	return ok
}

// projectValues checks the values of tenant i for the templates of project pn, converts them
// and records them at r.project[*at].
func (w *tenantWorker) projectValues(i int, pn string, vals []model.TenantValue, at *int32) bool {
	c := w.c
	cp := c.projectOf(pn)
	if cp == nil {
		if !w.problem() {
			return false
		}
		c.add(tenantPath(i, ".projectValues", pn), CodeUnknownProject, ErrUnknownProject, "unknown project %s%s", quote(pn), c.projectHint(pn))
		return true
	}
	sp, ok := w.values(i, ".projectValues", pn, vals, cp.kinds, func(vs []variables.TenantValue) error {
		if cp.vars == nil {
			return nil
		}
		// The check does not look at sensitivity.
		return cp.vars.CheckTenantValues(variables.TenantValues{Project: vs})
	})
	if ok && !w.report {
		c.ten.project[*at] = valueRef{project: int32(cp.index), span: sp}
		*at++
	}
	return ok
}

// values checks the values of tenant i at below[k]: that they name templates and known
// environments, and then, converted (kinds say which templates are sensitive), with check. It
// returns the span of the converted values, and false when the quick check stops at a problem.
func (w *tenantWorker) values(i int, below, k string, vals []model.TenantValue, kinds *templateKinds, check func([]variables.TenantValue) error) (valueSpan, bool) {
	c := w.c
	if !w.report {
		// Values equal to values found valid for the same project or library are valid: they are
		// shared, not converted and checked again.
		for r := range w.recent {
			if rv := &w.recent[r]; rv.kinds == kinds && sameValues(rv.vals, vals, kinds) {
				return rv.span, true
			}
		}
	}
	if !c.valuesOK(vals) {
		if !w.problem() {
			return valueSpan{}, false
		}
		c.checkValueEnvs(func() string { return tenantPath(i, below, k) }, vals)
	}
	sp := w.convert(vals, kinds)
	converted := w.vals[sp.start:sp.end:sp.end]
	if err := check(converted); err != nil {
		if !w.problem() {
			return valueSpan{}, false
		}
		c.tenantValueErrors(func() string { return tenantPath(i, below, k) }, err)
	}
	if !w.report {
		w.recent[w.nextRecent] = recentValues{kinds: kinds, span: sp, vals: converted}
		w.nextRecent = (w.nextRecent + 1) % len(w.recent)
	}
	return sp, true
}

// sameValues reports whether vals, converted with kinds (see appendValues), are have.
func sameValues(have []variables.TenantValue, vals []model.TenantValue, kinds *templateKinds) bool {
	k := 0
	for j := range vals {
		v := &vals[j]
		if v.Value == nil {
			continue
		}
		if k == len(have) {
			return false
		}
		want := variables.Plain(*v.Value)
		if kinds != nil && kinds.sensitive(v.Template, j) {
			want = variables.Sensitive(*v.Value)
		}
		if h := &have[k]; h.Template != v.Template || h.Value != want || !slices.Equal(h.Environments, v.Environments) {
			return false
		}
		k++
	}
	return k == len(have)
}

func (c *compiler) validateTenants() {
	f := c.f
	// What the checks of values read: per library, a variable set of the library alone and its
	// templates' sensitivity; per project, its templates' sensitivity.
	c.libs = make(map[string]clib, len(c.varsOfLib))
	for name, lib := range c.varsOfLib {
		check, _ := variables.NewProject(variables.ProjectSpec{Libraries: []variables.Library{lib}})
		c.libs[name] = clib{check: check, kinds: newTemplateKinds(lib.Templates)}
	}
	for _, cp := range c.projects {
		cp.kinds = newTemplateKinds(toTemplates(f.Projects[cp.index].Templates))
	}
	c.sets = newEnvSets()
	c.ten = newTenantRecords(f.Tenants)
	ts := make([]tenant.Tenant, len(f.Tenants))
	nw := workers(len(f.Tenants))
	ws := make([]*tenantWorker, nw)
	for k := range ws {
		sets := c.sets
		if k > 0 {
			sets = newEnvSets() // merged into c.sets below
		}
		ws[k] = c.newTenantWorker(k, nw, sets)
	}
	inChunks(len(f.Tenants), nw, func(k, lo, hi int) {
		w := ws[k]
		for i := lo; i < hi; i++ {
			if !w.check(i) {
				w.bad = append(w.bad, int32(i))
			}
			// Every named tenant goes to the set, which reports problems of names and tags.
			t := &f.Tenants[i]
			ts[i] = w.tb.New(tenant.Config{Name: t.Name, Description: t.Description, Tags: t.Tags,
				Disabled: t.Disabled, Projects: t.Projects})
		}
	})
	// Worker k's j-th slab is slab j*nw+k.
	nslabs := 0
	for k, w := range ws {
		nslabs = max(nslabs, (len(w.slabs)-1)*nw+k+1)
	}
	c.ten.slabs = make([][]variables.TenantValue, nslabs)
	bad := 0
	for k, w := range ws {
		for j, sl := range w.slabs {
			c.ten.slabs[j*nw+k] = sl
		}
		bad += len(w.bad)
		if k > 0 {
			// The environment sets a worker interned, as indexes of c.sets.
			remap := make([]int32, len(w.sets.list))
			for j, s := range w.sets.list {
				remap[j] = c.sets.intern(s)
			}
			lo, hi := chunk(len(f.Tenants), nw, k)
			for j := c.ten.connOff[lo]; j < c.ten.connOff[hi]; j++ {
				c.ten.conns[j].envs = remap[c.ten.conns[j].envs]
			}
		}
	}
	if bad > 0 {
		rw := c.newTenantWorker(0, 1, newEnvSets())
		rw.report = true
		for _, w := range ws {
			for _, i := range w.bad {
				rw.check(int(i))
			}
		}
	}
	// A nameless tenant is reported; the set cannot index it. (A nameless tenant has a problem:
	// without one, the tenants go to the set as they are.)
	ofSet := make([]int32, 0, len(f.Tenants)) // model index of each tenant given to the set
	named := ts
	if bad == 0 {
		for i := range ts {
			ofSet = append(ofSet, int32(i))
		}
	} else {
		named = ts[:0]
		for i := range ts {
			if f.Tenants[i].Name != "" {
				named = append(named, ts[i])
				ofSet = append(ofSet, int32(i))
			}
		}
	}
	c.setModel = ofSet
	// The tenant set is built (and its problems found) while the rest of the model is checked;
	// its problems take the place in the list where they would be found in order.
	c.setErrsAt = len(c.errs)
	if nw == 1 {
		c.set, c.setErr = tenant.NewSet(c.catalog, named)
		c.addSetErrors()
		return
	}
	c.setDone = make(chan struct{})
	go func() {
		defer close(c.setDone)
		c.set, c.setErr = tenant.NewSet(c.catalog, named)
	}()
}

// awaitSet waits for the tenant set and records its problems.
func (c *compiler) awaitSet() {
	if c.setDone == nil {
		return
	}
	<-c.setDone
	c.setDone = nil
	later := slices.Clone(c.errs[c.setErrsAt:])
	c.errs = c.errs[:c.setErrsAt]
	c.addSetErrors()
	c.errs = append(c.errs, later...)
}

// addSetErrors records the problems of the tenant set.
func (c *compiler) addSetErrors() {
	each(c.setErr, func(e error) {
		path := "tenants"
		var te *tenant.TagError
		if errors.As(e, &te) {
			path = idx("tenants", int(c.setModel[te.TenantIndex]))
			if te.TagIndex >= 0 {
				path = idx(path+".tags", te.TagIndex)
			}
		}
		c.addErr(path, e)
	})
}

func (c *compiler) checkValueEnvs(path func() string, vals []model.TenantValue) {
	for j := range vals {
		if vals[j].Template == "" {
			c.add(idx(path(), j)+".template", CodeInvalidValue, ErrInvalidValue, "template name is empty")
		}
		c.checkEnvsAt(func() string { return idx(path(), j) + ".environments" }, vals[j].Environments)
	}
}

func (c *compiler) tenantValueErrors(path func() string, err error) {
	each(err, func(e error) {
		p := path()
		var tv *variables.TenantValueError
		if errors.As(e, &tv) && tv.Index >= 0 {
			p = idx(p, tv.Index)
		}
		c.addErr(p, e)
	})
}

// arenaChunk is the number of strings the environment lists of values are copied into at a time.
const arenaChunk = 4096

// appendValues appends the set values of vals to dst, converted: a value of a sensitive template
// (by kinds; nil: none is) is sensitive. A nil value (absent or null) is no value and is left out.
// The environment lists are copied into the arena, which grows by chunks (the lists already
// copied stay where they are), so that the values keep nothing of the File.
func appendValues(dst []variables.TenantValue, vals []model.TenantValue, kinds *templateKinds, arena *[]string) []variables.TenantValue {
	for k := range vals {
		v := &vals[k]
		if v.Value == nil {
			continue
		}
		val := variables.Plain(*v.Value)
		if kinds != nil && kinds.sensitive(v.Template, k) {
			val = variables.Sensitive(*v.Value)
		}
		envs := v.Environments
		if len(envs) > 0 {
			if cap(*arena)-len(*arena) < len(envs) {
				*arena = make([]string, 0, max(arenaChunk, len(envs)))
			}
			start := len(*arena)
			*arena = append(*arena, envs...)
			envs = (*arena)[start:len(*arena):len(*arena)]
		}
		dst = append(dst, variables.TenantValue{Template: v.Template, Value: val, Environments: envs})
	}
	return dst
}
