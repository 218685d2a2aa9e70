// Package plantest helps users of tenantplan test their own release rules the way the library
// tests itself: rapid generators of valid models, a deterministic builder of big synthetic
// models, and invariant checks of plans that return errors.
//
// # Generators
//
// Every generator is built with rapid.Custom and produces values through the library's public
// types (model.File and its parts; tags.NewTagSet and tags.NewCatalog for Catalog). What they
// produce is valid by construction: Model(s) always compiles with plan.Compile. Sizes bounds what
// they draw; its zero value is a small model. The part generators take the model built so far, so
// a user can build a model step by step and replace any part with a fixed one:
//
//	f := &model.File{Environments: plantest.Environments(s).Draw(t, "envs")}
//	f.TagSets = myTagSets // fixed
//	f.Lifecycles = plantest.Lifecycles(f.Environments, s).Draw(t, "lifecycles")
//	f.Projects = plantest.Projects(f, s).Draw(t, "projects")
//	f.Tenants = plantest.Tenants(f, s).Draw(t, "tenants")
//	...
//
// DeployRequest and RolloutRequest draw requests on a model; Expression draws tag expressions.
// Generated times lie in [Epoch(), Epoch()+Window) on a coarse grid, so that ties happen.
//
// # Property-testing your own rollout rule
//
// A typical use is a rule of your organisation, such as "no Gold tenant is ever in the first
// wave" (see TestNoGoldTenantInFirstWave in example_test.go): draw a
// model and a rollout policy whose first ring excludes Gold, plan it with Space.Rollout, assert
// your rule, and let CheckRollout assert the library's own invariants on the same plan. rapid
// then searches for a model that breaks the rule and shrinks it to a minimal one.
//
// # Synthetic models
//
// Synthetic builds big, realistic models (environments Dev to Production, a four-phase lifecycle,
// three channels, tenants with realistic names, tags and connections, a history that walks the
// tenants through the lifecycle) deterministically from a seed, for benchmarks and for the CLI's
// generate command. 100,000 tenants with 300,000 deployments take a fraction of a second.
//
// # Checks
//
// CheckDeployPlan, CheckReasons, CheckDeterministic, CheckIsolation and CheckRollout return an
// error describing the first violation, so they work with *testing.T and *rapid.T alike. Selection,
// MatchFilterTags and MatchExpr compute a request's selection literally, independently of the
// planner's indexes. Shuffle reorders every list whose order carries no meaning.
//
// Decisions:
//   - Decision: a tenant "connected to a project" (All, matrix rows, rollout membership) is one
//     connected to at least one of its environments; an entry with no environment does not count
//     (the same rule as tenant.Set.ConnectedTo).
//   - Decision: Shuffle keeps environments, the tags of a tag set, phases, channels and variables
//     in order (their order means something), and the relative order of deployments at the same
//     instant (the later one listed wins a tie, package plan).
//   - Decision: CheckRollout replays a done cell as a success before the waves, since under
//     LatestOutcome a later failure may hide the success that made the cell current.
//   - Decision: CheckIsolation compares whole matrix rows (current release, decision and every
//     reason) of the tracks that per-tenant isolation protects (those connected to an environment
//     of the phase deployed to), under both policies.
//   - Decision: Shuffle and Synthetic are the only users of randomness: math/rand/v2 seeded by the
//     caller, so they are deterministic.
//
// # Concurrency
//
// Generators, checks and Synthetic hold no shared mutable state: they are safe for concurrent
// use. Generated models are fresh values owned by the caller.
package plantest
