// Command quickstart shows, on a realistic embedded model, what tenantplan tells a release manager.
//
// Run it with:
//
//	go run ./examples/quickstart
//
// The model (model.json, embedded with go:embed) is a SaaS product, Storefront, sold to twelve
// tenants and promoted through Dev, Test, Staging and Production. Tenants carry tags from three
// tag sets: Tier (SingleSelect: Standard, Premium, Enterprise), Region (FreeText) and Upgrade ring
// (SingleSelect: Tester, Early adopter, Stable, Pinned). The project has two channels (Default,
// and Beta with its own short lifecycle, restricted to the Tester and Early adopter rings),
// tenant variable templates (one of them a secret: the database password), shared Production
// servers for Standard and Premium tenants and dedicated ones for Enterprise tenants, a weekly
// Production freeze over the weekend, a per-tenant quarter-close freeze and a deployment history:
// 1.4.0 is everywhere, 1.5.0 is on its way.
//
// It prints, as of a fixed time (Monday 16 March 2026, 09:00 UTC) so that the output never
// changes, within 100 columns:
//
//  1. the tenant x environment matrix: the current release of every cell, and for 1.5.0
//     whether it can be deployed there or the short reason why not;
//  2. the plan for "deploy 1.5.0 to Production for all tenants", with every skipped
//     tenant's reasons;
//  3. the rollout of 1.5.0 by upgrade ring: waves, soaks, batch sizes and the freezes the
//     waves wait for;
//  4. one tenant's variables in Production, where the secret and the connection string that
//     binds it are masked.
//
// Before it prints, it writes the same as a web page, storefront-report.html, in the current
// folder (package plan/report: the matrix grouped by upgrade ring with the reasons of every
// cell, and the rollout's timeline with its freezes), and its last lines say where.
//
// Decision: a cell of a tenant that is not connected to the environment prints as "." whatever
// its other reasons, because a release manager does not act on those cells; the plan section
// gives every reason in full.
//
// # Concurrency
//
// The command is single-threaded; the *plan.Space it builds is safe for concurrent use.
package main
