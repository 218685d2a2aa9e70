package octopus

// Collection describes one file of the folder Import reads: its name (the collection's REST path
// segment; the file is Name+".json", or pages Name+".1.json", ...), the endpoint whose response
// it holds ({space} is the space Id), whether the endpoint is paged, and whether the import
// requires it.
type Collection struct {
	Name     string
	Endpoint string
	Paged    bool
	Required bool
}

// Collections lists the files of the folder in the order Import reads them, for the tools that
// fetch them (a script, or a command that talks to the server). Two entries are not plain
// lists: "defects" maps each release id to the response of its defects endpoint, and the newer
// tenant variables go to tenantvariables/<TenantId>.json, one file per tenant holding the
// responses of both of its endpoints.
func Collections() []Collection {
	return []Collection{
		{"environments", "/api/{space}/environments/all", false, true},
		{"tagsets", "/api/{space}/tagsets/all", false, true},
		{"lifecycles", "/api/{space}/lifecycles/all", false, true},
		{"libraryvariablesets", "/api/{space}/libraryvariablesets/all", false, false},
		{"projects", "/api/{space}/projects/all", false, true},
		{"channels", "/api/{space}/channels/all", false, true},
		{"tenants", "/api/{space}/tenants/all", false, true},
		{"tenantvariables", "/api/{space}/tenantvariables/all", false, false},
		{"machines", "/api/{space}/machines/all", false, false},
		{"releases", "/api/{space}/releases", true, true},
		{"defects", "/api/{space}/releases/{releaseId}/defects", false, false},
		{"deployments", "/api/{space}/deployments", true, true},
		{"tasks", "/api/tasks?spaces={space}", true, true},
		{"deploymentfreezes", "/api/deploymentfreezes", true, false},
		{"teams", "/api/teams?spaces={space}", true, false},
		{"scopeduserroles", "/api/scopeduserroles?spaces={space}", true, false},
		{"userroles", "/api/userroles/all", false, false},
	}
}
