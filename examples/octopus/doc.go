// Package octopus is the recipe that takes a space from Octopus Server to a tenantplan model in
// two commands: collect.sh fetches every collection that package plan/octopus imports into a
// folder, and "tenantplan import octopus DIR" turns the folder into a model (README.md tells
// the whole story). It has no Go API of its own: its tests check that the script fetches
// exactly the collections of octopus.Collections(), and run the script against the fake server
// of package fakeserver on the loopback interface, so that no test uses the network.
//
// # Concurrency
//
// There is nothing to share: the package declares no Go identifiers.
package octopus
