// Package guide follows the chapters of the Octopus Deploy multi-tenant deployments guide that
// tenantplan covers, one testable example per chapter, each building its model in Go with the
// types of package model and asking package plan the chapter's questions:
//
//   - Example_firstTenant (first_tenant_test.go): a tenant, connected to a project in some
//     environments (§2.1, CON-1), and what connection means for a deployment (not-connected, §7.3).
//   - Example_multiTenantProject (multi_tenant_project_test.go): the project's tenanted-deployment
//     mode, Untenanted, TenantedOrUntenanted or Tenanted (PM-1..PM-4, §7.3).
//   - Example_deploying (deploying_test.go): per-tenant promotion through a lifecycle with an
//     internal test tenant and an optional phase (§4.3, §4.4, TP-3, LC-5), seen in the matrix
//     (§8.3).
//   - Example_tenantVariables (tenant_variables_test.go): project and common variable templates,
//     tenant values scoped to environments, missing values and secrets (§6.4-§6.7, §6.10).
//   - Example_tenantTags (tenant_tags_test.go): tag sets and tenant filters, OR within a tag set
//     and AND across sets (§1.3), and tag expressions with not (§1.4).
//   - Example_hostingModels (hosting_models_test.go): dedicated and shared deployment targets and
//     their tenant participation (§5.1, §5.2, DT-1..DT-5).
//   - Example_upgradeRings (upgrade_rings_test.go): channels restricted to upgrade rings and a
//     ring-by-ring rollout (§3.4, §9).
//   - Example_security (security_test.go): a self-service team that may see and deploy only its
//     own tenant (§7.2, SEC-1, SEC-4).
//
// The package has no API of its own: it exists for its examples, which run with go test and are
// checked against their // Output: comments.
//
// Decision: each example builds its model with the Go types of package model (a *model.File
// compiled with plan.Compile), not with embedded JSON, so that the whole chapter reads in one
// function.
//
// # Concurrency
//
// The package has no state. The *plan.Space values the examples build are safe for concurrent use.
package guide
