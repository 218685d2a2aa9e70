package model

// File is a whole model file: one space, everything by name. The zero value is an empty, valid
// model. Field order and json keys are those of the model file (see schema.json).
type File struct {
	// Schema is the optional "$schema" key: the address of the file's JSON Schema, which editors
	// use for completion and checking (see SchemaID and JSONSchema). The planner ignores it.
	Schema       string       `json:"$schema,omitempty"`
	Environments []string     `json:"environments,omitempty"`
	TagSets      []TagSet     `json:"tagSets,omitempty"`
	Lifecycles   []Lifecycle  `json:"lifecycles,omitempty"`
	Libraries    []Library    `json:"libraries,omitempty"`
	Projects     []Project    `json:"projects,omitempty"`
	Tenants      []Tenant     `json:"tenants,omitempty"`
	Targets      []Target     `json:"targets,omitempty"`
	Releases     []Release    `json:"releases,omitempty"`
	Deployments  []Deployment `json:"deployments,omitempty"`
	Freezes      []Freeze     `json:"freezes,omitempty"`
	Principals   []Principal  `json:"principals,omitempty"`
}

// TagSet is a named, ordered list of tags of one type: MultiSelect (the default when empty),
// SingleSelect or FreeText (no predefined tags).
type TagSet struct {
	Name string   `json:"name"`
	Type string   `json:"type,omitempty"`
	Tags []string `json:"tags,omitempty"`
}

// Lifecycle is a named, ordered list of phases. No phases means one phase per model environment.
type Lifecycle struct {
	Name   string  `json:"name"`
	Phases []Phase `json:"phases,omitempty"`
}

// Phase is one step of a lifecycle. Minimum 0 means every environment of the phase must
// complete. A phase with neither Automatic nor Manual takes every environment no other phase lists.
type Phase struct {
	Name      string   `json:"name"`
	Automatic []string `json:"automatic,omitempty"`
	Manual    []string `json:"manual,omitempty"`
	Minimum   int      `json:"minimum,omitempty"`
	Optional  bool     `json:"optional,omitempty"`
	Priority  bool     `json:"priority,omitempty"`
}

// Library is a library variable set: variables and common variable templates that projects include.
type Library struct {
	Name      string     `json:"name"`
	Templates []Template `json:"templates,omitempty"`
	Variables []Variable `json:"variables,omitempty"`
}

// Template is a variable template: tenants provide a value for it. A nil Default means no default;
// a pointer to "" is an empty default.
type Template struct {
	Name      string  `json:"name"`
	Label     string  `json:"label,omitempty"`
	Default   *string `json:"default,omitempty"`
	Sensitive bool    `json:"sensitive,omitempty"`
}

// Variable is one value of a variable with its scope. Several Variables may share a name.
type Variable struct {
	Name      string `json:"name"`
	Value     string `json:"value"`
	Sensitive bool   `json:"sensitive,omitempty"`
	Scope     *Scope `json:"scope,omitempty"`
}

// Scope lists the values of each scope dimension of a variable. An empty dimension imposes nothing;
// TenantTags follows tenant filter semantics (OR within a tag set, AND across sets).
type Scope struct {
	Environments []string `json:"environments,omitempty"`
	TenantTags   []string `json:"tenantTags,omitempty"`
	Channels     []string `json:"channels,omitempty"`
	Roles        []string `json:"roles,omitempty"`
	Targets      []string `json:"targets,omitempty"`
	Steps        []string `json:"steps,omitempty"`
	Tenants      []string `json:"tenants,omitempty"`
}

// Project is a deployable project: its tenancy mode (Untenanted, the default, TenantedOrUntenanted
// or Tenanted), its lifecycle (empty: every model environment in order), included libraries, target
// roles, channels, templates and variables.
type Project struct {
	Name        string     `json:"name"`
	Tenancy     string     `json:"tenancy,omitempty"`
	Lifecycle   string     `json:"lifecycle,omitempty"`
	Libraries   []string   `json:"libraries,omitempty"`
	TargetRoles []string   `json:"targetRoles,omitempty"`
	Channels    []Channel  `json:"channels,omitempty"`
	Templates   []Template `json:"templates,omitempty"`
	Variables   []Variable `json:"variables,omitempty"`
}

// Channel is a project channel: an optional lifecycle (empty: the project's), version rules and a
// tenant restriction given as tags (filter semantics) or as a tag expression.
type Channel struct {
	Name             string   `json:"name"`
	Default          bool     `json:"default,omitempty"`
	Lifecycle        string   `json:"lifecycle,omitempty"`
	VersionRange     string   `json:"versionRange,omitempty"`
	PreRelease       string   `json:"preRelease,omitempty"`
	TenantTags       []string `json:"tenantTags,omitempty"`
	TenantExpression string   `json:"tenantExpression,omitempty"`
}

// Tenant is a customer (or any deployment audience): tags, a disabled flag, the environments it is
// connected to per project, and the values it gives for common (per library) and project templates.
type Tenant struct {
	Name          string                   `json:"name"`
	Description   string                   `json:"description,omitempty"`
	Tags          []string                 `json:"tags,omitempty"`
	Disabled      bool                     `json:"disabled,omitempty"`
	Projects      map[string][]string      `json:"projects,omitempty"`
	CommonValues  map[string][]TenantValue `json:"commonValues,omitempty"`
	ProjectValues map[string][]TenantValue `json:"projectValues,omitempty"`
}

// TenantValue is a tenant's value for one template, optionally scoped to environments. A nil Value
// (absent or null) is no value; "" is a value.
type TenantValue struct {
	Template     string   `json:"template"`
	Value        *string  `json:"value"`
	Environments []string `json:"environments,omitempty"`
}

// Target is a deployment target: its environments, roles, tenant participation (Untenanted, the
// default, Tenanted or TenantedOrUntenanted) and the tenants it serves as a tenant filter.
type Target struct {
	Name         string   `json:"name"`
	Environments []string `json:"environments,omitempty"`
	Roles        []string `json:"roles,omitempty"`
	Tenancy      string   `json:"tenancy,omitempty"`
	Tenants      []string `json:"tenants,omitempty"`
	TenantTags   []string `json:"tenantTags,omitempty"`
}

// Release is a version of a project, in a channel (empty: chosen by the version rules), possibly
// blocked because of a defect.
type Release struct {
	Project string `json:"project"`
	Version string `json:"version"`
	Channel string `json:"channel,omitempty"`
	Blocked bool   `json:"blocked,omitempty"`
}

// Deployment is one past deployment of a release to an environment, for a tenant (empty:
// untenanted), with its outcome (Success, Failed or Cancelled) and its time (RFC 3339).
type Deployment struct {
	Project     string `json:"project"`
	Release     string `json:"release"`
	Environment string `json:"environment"`
	Tenant      string `json:"tenant,omitempty"`
	Outcome     string `json:"outcome"`
	At          string `json:"at"`
}

// Freeze is a deployment freeze: a window [start, end) in RFC 3339, an optional recurrence, and the
// cells it holds: project environments (every track) and single (tenant, project, environment) cells.
type Freeze struct {
	Name       string              `json:"name"`
	Start      string              `json:"start"`
	End        string              `json:"end"`
	Projects   map[string][]string `json:"projects,omitempty"`
	Tenants    []FreezeTenant      `json:"tenants,omitempty"`
	Recurrence *Recurrence         `json:"recurrence,omitempty"`
}

// FreezeTenant is one (tenant, project, environment) cell held by a freeze.
type FreezeTenant struct {
	Tenant      string `json:"tenant"`
	Project     string `json:"project"`
	Environment string `json:"environment"`
}

// Recurrence repeats a freeze: unit Daily, Weekly (on DaysOfWeek), Monthly (on DayOfMonth) or
// Annually, every Every units (0: 1), ending after EndAfter occurrences or at EndOn (RFC 3339), in
// the time zone TimeZone (IANA name; empty: UTC).
type Recurrence struct {
	Unit       string   `json:"unit"`
	Every      int      `json:"every,omitempty"`
	DaysOfWeek []string `json:"daysOfWeek,omitempty"`
	DayOfMonth int      `json:"dayOfMonth,omitempty"`
	EndAfter   int      `json:"endAfter,omitempty"`
	EndOn      string   `json:"endOn,omitempty"`
	TimeZone   string   `json:"timeZone,omitempty"`
}

// Principal is a user, team or self-service account with grants.
type Principal struct {
	Name   string  `json:"name"`
	Grants []Grant `json:"grants,omitempty"`
}

// Grant allows an action (deploy or view) on the projects, environments and tenants it lists; an
// empty dimension means all. Tenants and TenantTags together form a tenant filter (named UNION
// tagged).
type Grant struct {
	Action       string   `json:"action"`
	Projects     []string `json:"projects,omitempty"`
	Environments []string `json:"environments,omitempty"`
	Tenants      []string `json:"tenants,omitempty"`
	TenantTags   []string `json:"tenantTags,omitempty"`
}
