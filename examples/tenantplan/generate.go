package main

import (
	"bufio"
	"encoding/json"
	"slices"
	"time"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// Bounds of generate, so that a typo never asks for unbounded memory.
const (
	maxGenTenants     = 1_000_000
	maxGenProjects    = 1_000
	maxGenReleases    = 1_000
	maxGenDeployments = 10_000_000
)

// earlyRings are the upgrade rings that take the release in progress first (see inProgress).
var earlyRings = []string{"Upgrade ring/Tester", "Upgrade ring/Early adopter"}

// cmdGenerate: generate --tenants N --projects M [--seed S]. It writes the model built by
// plantest.Synthetic, which is deterministic: the same flags give the same bytes. With the default
// history, the latest release of each project is in progress (see inProgress), so that it is
// the release to try.
func cmdGenerate(e *env, args []string) error {
	fs := newFlags(e, "generate", "generate --tenants N --projects M [--seed S] [flags]\n\n"+
		"Writes a synthetic model (environments Dev, Test, Staging, Production; projects Mojo, Portal,\n"+
		"Billing, ...; releases 1.0.0 to 1.4.0 by default). With the default history, the latest\n"+
		"Default-channel release (1.4.0 with the default 5 releases) is the one to try: it has reached\n"+
		"Staging for the Tester and Early adopter rings, so it can go to Production for them and to\n"+
		"Test for the others:\n"+
		"  tenantplan matrix big.json --project Mojo --release 1.4.0")
	var o plantest.SyntheticOptions
	fs.IntVar(&o.Tenants, "tenants", 100, "the number of `tenants` (1 to 1,000,000)")
	fs.IntVar(&o.Projects, "projects", 1, "the number of `projects` (1 to 1,000)")
	fs.Uint64Var(&o.Seed, "seed", 0, "the `seed` of the random choices: the same seed gives the same model")
	fs.IntVar(&o.Releases, "releases", 0, "`releases` per project (default 5)")
	fs.IntVar(&o.Deployments, "deployments", 0, "the number of `deployments` of the history (default 3 per tenant and project, "+
		"and the latest release in progress)")
	fs.format("json")
	if _, err := parse(fs, args, 0, 0, "no arguments"); err != nil {
		return err
	}
	switch {
	case o.Tenants < 1 || o.Tenants > maxGenTenants:
		return usageErr("--tenants %d is not between 1 and %d", o.Tenants, maxGenTenants)
	case o.Projects < 1 || o.Projects > maxGenProjects:
		return usageErr("--projects %d is not between 1 and %d", o.Projects, maxGenProjects)
	case o.Releases < 0 || o.Releases > maxGenReleases:
		return usageErr("--releases %d is not between 0 and %d", o.Releases, maxGenReleases)
	case o.Deployments < 0 || o.Deployments > maxGenDeployments:
		return usageErr("--deployments %d is not between 0 and %d", o.Deployments, maxGenDeployments)
	}
	pr := e.begin(o.Tenants > e.progressMin, "generating %d tenants", o.Tenants)
	f := plantest.Synthetic(o)
	if o.Deployments == 0 {
		inProgress(f)
	}
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	err := w.Flush()
	pr.end("generated %d tenants, %d deployments", len(f.Tenants), len(f.Deployments))
	return err
}

// inProgress puts the latest release of each project's default channel (not blocked) in
// progress, after the history: every enabled tenant of the rings Tester and Early adopter has it
// in each environment it is connected to but Production (so it can go to Production), every other
// enabled tenant in Dev (so it can go to Test). Without it, the history moves only the first
// release through the lifecycle, and every later release is blocked by lifecycle wherever it
// matters.
func inProgress(f *model.File) {
	at := plantest.Epoch()
	if n := len(f.Deployments); n > 0 {
		if t, err := time.Parse(time.RFC3339, f.Deployments[n-1].At); err == nil {
			at = t
		}
	}
	defaults := map[string]string{} // project -> default channel
	for _, p := range f.Projects {
		for _, c := range p.Channels {
			if c.Default {
				defaults[p.Name] = c.Name
			}
		}
	}
	latest := map[string]string{} // project -> its latest release on the default channel
	for _, r := range f.Releases {
		if !r.Blocked && (r.Channel == "" || r.Channel == defaults[r.Project]) {
			latest[r.Project] = r.Version
		}
	}
	for _, p := range f.Projects {
		version, ok := latest[p.Name]
		if !ok {
			continue
		}
		for _, t := range f.Tenants {
			conn := t.Projects[p.Name]
			if t.Disabled || len(conn) == 0 {
				continue
			}
			early := slices.ContainsFunc(t.Tags, func(tag string) bool { return slices.Contains(earlyRings, tag) })
			for _, env := range conn {
				if env == "Production" || (!early && env != "Dev") {
					continue
				}
				at = at.Add(time.Minute)
				f.Deployments = append(f.Deployments, model.Deployment{Project: p.Name, Release: version,
					Environment: env, Tenant: t.Name, Outcome: "Success", At: at.Format(time.RFC3339)})
			}
		}
	}
}
