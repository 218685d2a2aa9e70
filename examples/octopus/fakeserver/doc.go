// Package fakeserver serves a folder of Octopus Server REST responses, in the layout that package
// plan/octopus imports, the way Octopus Server answers them: the /all endpoints as bare arrays,
// the paged endpoints in pages of ?skip=N&take=M with TotalResults, the defects of each release
// and the per-tenant variables endpoints. It exists to test what fetches a space (the collection
// script of examples/octopus and "tenantplan import octopus --server") without a server and
// without a network: tests run it with net/http/httptest on the loopback interface.
//
// Every request must carry the API key in the X-Octopus-ApiKey header (401 otherwise); a path
// it does not know is 404, as is a tenant without a per-tenant variables file (as on a server
// older than those endpoints). A paged endpoint without take answers pages of 30, as Octopus
// does. Only GET is served.
//
// # Concurrency
//
// A Server holds the folder in memory, read once by New, and is safe for concurrent use.
package fakeserver
