package main

import (
	"bufio"
	"encoding/json"

	"github.com/tenantplan/tenantplan/plan/plantest"
)

// Bounds of generate, so that a typo never asks for unbounded memory.
const (
	maxGenTenants     = 1_000_000
	maxGenProjects    = 1_000
	maxGenReleases    = 1_000
	maxGenDeployments = 10_000_000
)

// cmdGenerate: generate --tenants N --projects M [--seed S]. It writes the model built by
// plantest.Synthetic, which is deterministic: the same flags give the same bytes.
func cmdGenerate(e *env, args []string) error {
	fs := newFlags(e, "generate", "generate --tenants N --projects M [--seed S] [flags]")
	var o plantest.SyntheticOptions
	fs.IntVar(&o.Tenants, "tenants", 100, "the number of `tenants` (1 to 1,000,000)")
	fs.IntVar(&o.Projects, "projects", 1, "the number of `projects` (1 to 1,000)")
	fs.Uint64Var(&o.Seed, "seed", 0, "the `seed` of the random choices: the same seed gives the same model")
	fs.IntVar(&o.Releases, "releases", 0, "`releases` per project (default 5)")
	fs.IntVar(&o.Deployments, "deployments", 0, "the number of `deployments` of the history (default 3 per tenant and project)")
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
	f := plantest.Synthetic(o)
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	return w.Flush()
}
