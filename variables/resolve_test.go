package variables_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/variables"
)

func pv(name, value string, scope variables.Scope) variables.Variable {
	return variables.Variable{Name: name, Value: variables.Plain(value), Scope: scope}
}

func tmplDefault(name, def string) variables.Template {
	return variables.Template{Name: name, Default: variables.Plain(def), HasDefault: true}
}

func envs(e ...string) variables.Scope { return variables.Scope{Environments: e} }

// mojo is the project of Octopus's Mojo walkthrough: tenant templates, tenant values scoped by
// environment, and defaults that bind other variables.
func mojo(t *testing.T) *variables.Project {
	t.Helper()
	p, err := variables.NewProject(variables.ProjectSpec{
		Name: "Mojo",
		Variables: []variables.Variable{
			pv("DatabaseConnectionString", "Server=db.mojo.com;Database=#{Tenant.Database.Name};User ID=#{Tenant.Database.UserID};Password=#{Tenant.Database.Password}", variables.Scope{}),
			pv("HostURL", "https://#{Tenant.Domain.Name}", variables.Scope{}),
			pv("Greeting", "Hello #{Octopus.Deployment.Tenant.Name} in #{Octopus.Environment.Name}", variables.Scope{}),
		},
		Templates: []variables.Template{
			tmplDefault("Tenant.Database.Name", "mojo-#{Environment.Alias}.#{Tenant.Alias}"),
			tmplDefault("Tenant.Database.UserID", "mojo-#{Environment.Alias}-#{Tenant.Alias}"),
			{Name: "Tenant.Database.Password", Sensitive: true},
			tmplDefault("Tenant.Domain.Name", "#{Tenant.Alias}.mojo.com"),
		},
		Libraries: []variables.Library{
			{Name: "Environment variables", Variables: []variables.Variable{
				pv("Environment.Alias", "dev", envs("MT Dev")),
				pv("Environment.Alias", "test", envs("MT Test")),
				pv("Environment.Alias", "staging", envs("MT Staging")),
				pv("Environment.Alias", "production", envs("MT Production")),
			}},
			{Name: "Standard tenant details", Templates: []variables.Template{
				{Name: "Tenant.Alias", Label: "Alias"},
				{Name: "Tenant.ContactEmail", Label: "Contact e-mail"},
			}},
		},
	})
	require.NoError(t, err)
	return p
}

var (
	bev = variables.TenantValues{
		Common: map[string][]variables.TenantValue{"Standard tenant details": {
			{Template: "Tenant.Alias", Value: variables.Plain("beverley-sanchez")},
			{Template: "Tenant.ContactEmail", Value: variables.Plain("bev@example.com")},
		}},
		Project: []variables.TenantValue{{Template: "Tenant.Database.Password", Value: variables.Plain("pw-bev"), Environments: []string{"MT Production"}}},
	}
	carlos = variables.TenantValues{
		Common: map[string][]variables.TenantValue{"Standard tenant details": {
			{Template: "Tenant.Alias", Value: variables.Plain("carlos")},
		}},
		Project: []variables.TenantValue{
			{Template: "Tenant.Domain.Name", Value: variables.Plain("shop.carlos.example")},
			{Template: "Tenant.Database.Password", Value: variables.Plain("pw-carlos"), Environments: []string{"MT Production"}},
		},
	}
)

func resolve(t *testing.T, p *variables.Project, ctx variables.Context) *variables.Resolution {
	t.Helper()
	r, err := p.Resolve(ctx, variables.Options{})
	require.NoError(t, err)
	return r
}

func requireValues(t *testing.T, r *variables.Resolution, want map[string]string) {
	t.Helper()
	for name, w := range want {
		v, ok := r.Get(name)
		require.True(t, ok, "name %q", name)
		require.Equal(t, w, v.Reveal(), "name %q", name)
	}
}

func sensitiveNames(r *variables.Resolution) []string {
	var out []string
	for _, n := range r.Names() {
		if v, _ := r.Get(n); v.IsSensitive() {
			out = append(out, n)
		}
	}
	return out
}

func conflictNames(r *variables.Resolution) []string {
	var out []string
	for _, c := range r.Conflicts() {
		out = append(out, c.Name)
	}
	return out
}

func TestResolve_TenantValuesAndDefaults(t *testing.T) {
	p := mojo(t)
	t.Run("all values given", func(t *testing.T) {
		r := resolve(t, p, variables.Context{Project: "Mojo", Environment: "MT Production", Tenant: "Beverley Sanchez", Values: bev})
		requireValues(t, r, map[string]string{
			"Tenant.Database.Name":     "mojo-production.beverley-sanchez",
			"Tenant.Database.UserID":   "mojo-production-beverley-sanchez",
			"HostURL":                  "https://beverley-sanchez.mojo.com",
			"DatabaseConnectionString": "Server=db.mojo.com;Database=mojo-production.beverley-sanchez;User ID=mojo-production-beverley-sanchez;Password=pw-bev",
			"Greeting":                 "Hello Beverley Sanchez in MT Production",
		})
		require.Empty(t, r.Missing())
		require.Equal(t, []string{"DatabaseConnectionString", "Tenant.Database.Password"}, sensitiveNames(r))
		v, _ := r.Get("databaseconnectionstring")
		require.Equal(t, variables.Mask, v.String())
		require.Empty(t, r.Conflicts())
		require.Empty(t, r.Unresolved())
	})
	t.Run("a tenant value beats the template default", func(t *testing.T) {
		r := resolve(t, p, variables.Context{Project: "Mojo", Environment: "MT Staging", Tenant: "Carlos Ortega", Values: carlos})
		requireValues(t, r, map[string]string{"HostURL": "https://shop.carlos.example", "Tenant.Database.Name": "mojo-staging.carlos"})
		require.Equal(t, []string{"Tenant.ContactEmail", "Tenant.Database.Password"}, r.Missing())
		require.Equal(t, []string{"Tenant.ContactEmail", "Tenant.Database.Password"}, p.Missing("MT Staging", carlos))
		require.Equal(t, []string{"Tenant.Database.Password"}, r.Unresolved())
	})
	t.Run("scoped value", func(t *testing.T) {
		r := resolve(t, p, variables.Context{Project: "Mojo", Environment: "MT Production", Tenant: "Carlos Ortega", Values: carlos})
		require.Equal(t, []string{"Tenant.ContactEmail"}, r.Missing())
		require.Equal(t, []string{"Tenant.ContactEmail"}, p.Missing("MT Production", carlos))
	})
	t.Run("untenanted evaluation has no tenant values", func(t *testing.T) {
		r := resolve(t, p, variables.Context{Project: "Mojo", Environment: "MT Production"})
		requireValues(t, r, map[string]string{"Environment.Alias": "production", "HostURL": "https://#{Tenant.Domain.Name}"})
		require.Empty(t, r.Missing())
		_, ok := r.Get("Octopus.Deployment.Tenant.Name")
		require.False(t, ok)
		_, ok = r.Get("Tenant.Domain.Name")
		require.False(t, ok)
		require.Contains(t, r.Unresolved(), "Tenant.Domain.Name")
	})
	t.Run("nothing given", func(t *testing.T) {
		require.Equal(t, []string{"Tenant.Alias", "Tenant.ContactEmail", "Tenant.Database.Password"}, p.Missing("MT Dev", variables.TenantValues{}))
	})
}

// precedence is a project whose names have values of competing scopes (environment, role, step,
// channel, tenant tags, a library value, template defaults), for the precedence tests.
func precedence(t *testing.T) *variables.Project {
	t.Helper()
	p, err := variables.NewProject(variables.ProjectSpec{
		Name: "P",
		Templates: []variables.Template{
			tmplDefault("Db.Server", "db-default"),
			tmplDefault("Cache.Host", "cache-default"),
		},
		Variables: []variables.Variable{
			pv("LogLevel", "Info", variables.Scope{}),
			pv("LogLevel", "Warn", envs("Production", "Stage")),
			pv("MyVariable", "Scoped", variables.Scope{Environments: []string{"Dev", "Test"}, Steps: []string{"Step 1"}}),
			pv("MyVariable", "unscoped", variables.Scope{}),
			pv("Conn", "A", variables.Scope{Roles: []string{"web"}}),
			pv("Conn", "B", envs("Production")),
			pv("Pool", "A", variables.Scope{Roles: []string{"web"}}),
			pv("Pool", "B", variables.Scope{Roles: []string{"web"}, Environments: []string{"Production"}}),
			pv("Color", "blue", variables.Scope{}),
			pv("Greeting", "foo", variables.Scope{TenantTags: []string{"Feature/Tag-A"}}),
			pv("Greeting", "bar", variables.Scope{TenantTags: []string{"Feature/Tag-A", "Feature/Tag-B"}}),
			pv("Limit", "10", variables.Scope{}),
			pv("Limit", "100", variables.Scope{TenantTags: []string{"Tier/Gold", "Region/EU"}}),
			pv("Banner", "chan", variables.Scope{Channels: []string{"Default"}}),
			pv("Banner", "env", envs("Production")),
			pv("Db.Server", "db-prod", envs("Production")),
			pv("Cache.Host", "cache-web", variables.Scope{Roles: []string{"web"}}),
		},
		Libraries: []variables.Library{{Name: "Shared", Variables: []variables.Variable{pv("Color", "green", variables.Scope{})}}},
	})
	require.NoError(t, err)
	return p
}

var (
	tenantX = variables.Context{Tenant: "X", TenantTags: []string{"Feature/Tag-A", "Feature/Tag-B", "Tier/Gold", "Region/US"},
		Values: variables.TenantValues{Project: []variables.TenantValue{
			{Template: "Db.Server", Value: variables.Plain("db-x")},
			{Template: "Cache.Host", Value: variables.Plain("cache-x")},
		}}}
	tenantZ = variables.Context{Tenant: "Z", TenantTags: []string{"Tier/Gold", "Region/EU"}}
)

func with(ctx variables.Context, env string) variables.Context {
	ctx.Project, ctx.Environment = "P", env
	return ctx
}

func TestResolve_Precedence(t *testing.T) {
	p := precedence(t)
	web := func(c variables.Context) variables.Context { c.Target, c.Roles = "web-01", []string{"web"}; return c }
	step := func(c variables.Context) variables.Context { c.Step = "Step 1"; return c }
	channel := func(c variables.Context) variables.Context { c.Channel = "Default"; return c }
	tests := []struct {
		name      string
		ctx       variables.Context
		want      map[string]string
		conflicts []string
	}{
		{"untenanted production", with(variables.Context{}, "Production"), map[string]string{
			"LogLevel": "Warn", "MyVariable": "unscoped", "Conn": "B", "Color": "blue", "Banner": "env", "Db.Server": "db-prod", "Limit": "10",
		}, nil},
		{"unscoped value in Test", with(variables.Context{}, "Test"), map[string]string{"LogLevel": "Info"}, nil},
		{"two dimensions apply", step(with(variables.Context{}, "Dev")), map[string]string{"MyVariable": "Scoped"}, nil},
		{"environment outside the scope", step(with(variables.Context{}, "Stage")), map[string]string{"MyVariable": "unscoped", "LogLevel": "Warn"}, nil},
		{"role outranks environment; two dimensions beat one", web(with(variables.Context{}, "Production")), map[string]string{"Conn": "A", "Pool": "B"}, nil},
		{"more tags in one dimension add no specificity", with(tenantX, "Dev"), map[string]string{"Greeting": "foo", "Limit": "10"}, []string{"Greeting"}},
		{"tenant-tag scopes AND across tag sets", with(tenantZ, "Dev"), map[string]string{"Limit": "100"}, nil},
		{"a tenant value ranks above an environment-scoped value", with(tenantX, "Production"), map[string]string{"Db.Server": "db-x", "Cache.Host": "cache-x"}, []string{"Greeting"}},
		{"a template default is the tenant's value", with(tenantZ, "Production"), map[string]string{"Db.Server": "db-default"}, nil},
		{"a role-scoped value beats a tenant value", web(with(tenantX, "Production")), map[string]string{"Cache.Host": "cache-web"}, []string{"Greeting"}},
		{"environment outranks channel", channel(with(variables.Context{}, "Production")), map[string]string{"Banner": "env"}, nil},
		{"channel applies", channel(with(variables.Context{}, "Dev")), map[string]string{"Banner": "chan"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resolve(t, p, tt.ctx)
			requireValues(t, r, tt.want)
			require.Equal(t, tt.conflicts, conflictNames(r))
		})
	}
}

func TestNewProject_Errors(t *testing.T) {
	_, err := variables.NewProject(variables.ProjectSpec{
		Variables: []variables.Variable{pv("", "x", variables.Scope{}), pv("A", "#{B", variables.Scope{})},
		Templates: []variables.Template{{Name: "T"}, {Name: "t"}, tmplDefault("U", "#{X | Nope}")},
		Libraries: []variables.Library{{Name: "L"}, {Name: "l"}, {Name: ""}},
	})
	require.Error(t, err)
	var paths []string
	var codes []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *variables.SpecError
		require.True(t, errors.As(e, &se))
		paths = append(paths, se.Path)
		codes = append(codes, codeOf(e))
	}
	require.Empty(t, cmp.Diff([]string{"variables[0]", "variables[1]", "templates[1]", "templates[2]", "libraries[1]", "libraries[2]"}, paths))
	require.Empty(t, cmp.Diff([]string{"invalid-value", "invalid-expression", "duplicate-name", "invalid-expression", "duplicate-name", "invalid-value"}, codes))
	require.ErrorContains(t, err, `templates[1]: template "t" is also templates[0]: duplicate name`)
	require.ErrorContains(t, err, `variables[1]: variable "A" at offset 0: invalid template syntax: unterminated "#{"`)
}

func TestCheckTenantValues_UnknownAndOverlapping(t *testing.T) {
	p := mojo(t)
	tv := variables.TenantValues{
		Project: []variables.TenantValue{
			{Template: "Tenant.Database.Password", Value: variables.Plain("a"), Environments: []string{"Dev", "Test"}},
			{Template: "tenant.database.password", Value: variables.Plain("b"), Environments: []string{"Test"}},
			{Template: "Db.User", Value: variables.Plain("c")},
			{Template: "Tenant.Domain.Name", Value: variables.Plain("x")},
			{Template: "Tenant.Domain.Name", Value: variables.Plain("y")},
		},
		Common: map[string][]variables.TenantValue{
			"Nope":                    {{Template: "Tenant.Alias"}},
			"Standard tenant details": {{Template: "Tenant.Alias"}, {Template: "Tenant.Nope"}},
		},
	}
	err := p.CheckTenantValues(tv)
	type row struct {
		Library  string
		Index    int
		Template string
		Code     string
	}
	var got []row
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var tve *variables.TenantValueError
		require.True(t, errors.As(e, &tve))
		got = append(got, row{tve.Library, tve.Index, tve.Template, codeOf(e)})
	}
	want := []row{
		{"", 1, "tenant.database.password", "overlapping-tenant-values"},
		{"", 2, "Db.User", "unknown-template"},
		{"", 4, "Tenant.Domain.Name", "overlapping-tenant-values"},
		{"Nope", 0, "Tenant.Alias", "unknown-template"},
		{"Standard tenant details", 1, "Tenant.Nope", "unknown-template"},
	}
	require.Empty(t, cmp.Diff(want, got))
	require.ErrorContains(t, err, `project values[1] (template "tenant.database.password"): environment "Test" is also in value [0]: overlapping tenant values`)
	require.NoError(t, p.CheckTenantValues(bev))
}

func TestResolve_Concurrent(t *testing.T) {
	p := mojo(t)
	done := make(chan string)
	for range 8 {
		go func() {
			r, err := p.Resolve(variables.Context{Project: "Mojo", Environment: "MT Production", Tenant: "Beverley Sanchez", Values: bev}, variables.Options{})
			if err != nil {
				done <- err.Error()
				return
			}
			v, _ := r.Get("HostURL")
			done <- v.Reveal()
		}()
	}
	for range 8 {
		require.Equal(t, "https://beverley-sanchez.mojo.com", <-done)
	}
}

func TestResolve_ValueReadsItselfByPath(t *testing.T) {
	p, err := variables.NewProject(variables.ProjectSpec{
		Name: "Api",
		Variables: []variables.Variable{
			pv("Service", `{"Port": 8443, "Url": "https://api:#{Service.Port}"}`, variables.Scope{}),
			pv("Endpoint", "#{Service.Url}", variables.Scope{}),
		},
	})
	require.NoError(t, err)
	r, err := p.Resolve(variables.Context{Project: "Api"}, variables.Options{})
	require.NoError(t, err)
	v, ok := r.Get("Endpoint")
	require.True(t, ok)
	require.Equal(t, "https://api:8443", v.Reveal())
}
