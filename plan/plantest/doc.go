// Package plantest helps users of tenantplan test their own rollout rules: rapid generators of
// valid models and their parts, a deterministic builder of big synthetic models, and invariant
// checks of plans.
//
// Placeholder: the full package story follows.
package plantest
