// Package guide follows the chapters of the Octopus Deploy multi-tenant deployments guide that
// tenantplan covers, one testable example per chapter, each building its model in Go with the
// types of package model and asking package plan the chapter's questions:
//
//   - Example_firstTenant (first_tenant_test.go): a tenant, connected to a project in some
//     environments, and what connection means for a deployment (not-connected).
//   - Example_multiTenantProject (multi_tenant_project_test.go): the project's tenanted-deployment
//     mode, Untenanted, TenantedOrUntenanted or Tenanted.
//   - Example_deploying (deploying_test.go): per-tenant promotion through a lifecycle with an
//     internal test tenant and an optional phase, seen in the matrix.
//   - Example_tenantVariables (tenant_variables_test.go): project and common variable templates,
//     tenant values scoped to environments, missing values and secrets.
//   - Example_tenantTags (tenant_tags_test.go): tag sets and tenant filters, OR within a tag set
//     and AND across sets, and tag expressions with not.
//   - Example_hostingModels (hosting_models_test.go): dedicated and shared deployment targets and
//     their tenant participation.
//   - Example_upgradeRings (upgrade_rings_test.go): channels restricted to upgrade rings and a
//     ring-by-ring rollout.
//   - Example_security (security_test.go): a self-service team that may see and deploy only its
//     own tenant.
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
