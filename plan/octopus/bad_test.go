package octopus_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// small renders a small space (the fixture space) as a MapFS the bad-input cases mutate.
func small() fstest.MapFS {
	fs := fstest.MapFS{}
	for name, data := range fixtureFolder(0) {
		fs[name] = &fstest.MapFile{Data: data}
	}
	return fs
}

// edit decodes a file of fs as JSON, lets change modify it and writes it back.
func edit(t *testing.T, fs fstest.MapFS, name string, change func(v any) any) {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(fs[name].Data, &v))
	data, err := json.Marshal(change(v))
	require.NoError(t, err)
	fs[name] = &fstest.MapFile{Data: data}
}

func first(v any) map[string]any { return v.([]any)[0].(map[string]any) }

// byID returns the element of a list with Id id.
func byID(v any, id string) map[string]any {
	for _, x := range v.([]any) {
		if x.(map[string]any)["Id"] == id {
			return x.(map[string]any)
		}
	}
	panic("no " + id)
}

func TestBadInputErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		change   func(t *testing.T, fs fstest.MapFS)
		opts     octopus.Options
		sentinel error
		file     string
		path     string // substring of the error's path
		line     int
	}{
		{name: "missing required collection", change: func(t *testing.T, fs fstest.MapFS) { delete(fs, "tenants.json") },
			sentinel: octopus.ErrMissing, file: "tenants.json"},
		{name: "malformed JSON", change: func(t *testing.T, fs fstest.MapFS) {
			fs["tenants.json"] = &fstest.MapFile{Data: []byte("[\n  {\"Id\": \"Tenants-1\",\n  \"Name\": }\n]")}
		}, sentinel: octopus.ErrMalformed, file: "tenants.json", line: 3},
		{name: "wrong JSON type", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any { first(v)["Name"] = 42; return v })
		}, sentinel: octopus.ErrMalformed, file: "tenants.json", path: "Name"},
		{name: "page of the wrong type", change: func(t *testing.T, fs fstest.MapFS) {
			fs["releases.json"] = &fstest.MapFile{Data: []byte(`{"ItemType": "Deployment", "TotalResults": 0, "Items": []}`)}
		}, sentinel: octopus.ErrWrongShape, file: "releases.json", path: "ItemType"},
		{name: "object without Items", change: func(t *testing.T, fs fstest.MapFS) {
			fs["releases.json"] = &fstest.MapFile{Data: []byte(`{"Id": "Releases-1"}`)}
		}, sentinel: octopus.ErrWrongShape, file: "releases.json"},
		{name: "duplicate ids", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any {
				list := v.([]any)
				list[1].(map[string]any)["Id"] = list[0].(map[string]any)["Id"]
				return list
			})
		}, sentinel: octopus.ErrDuplicateID, file: "tenants.json", path: "[1].Id"},
		{name: "both single file and pages", change: func(t *testing.T, fs fstest.MapFS) {
			fs["releases.1.json"] = &fstest.MapFile{Data: []byte(`{"Items": []}`)}
		}, sentinel: octopus.ErrWrongShape, file: "releases.json"},
		{name: "gap between pages", change: func(t *testing.T, fs fstest.MapFS) {
			fs["releases.1.json"] = &fstest.MapFile{Data: []byte(`{"Items": []}`)}
			fs["releases.3.json"] = fs["releases.json"]
			delete(fs, "releases.json")
		}, sentinel: octopus.ErrWrongShape, file: "releases.2.json"},
		{name: "pages that do not add up", change: func(t *testing.T, fs fstest.MapFS) {
			fs["releases.json"] = &fstest.MapFile{Data: []byte(`{"ItemType": "Release", "TotalResults": 30, "Items": []}`)}
		}, sentinel: octopus.ErrWrongShape, file: "releases.json", path: "TotalResults"},
		{name: "file too large", opts: octopus.Options{MaxFileBytes: 1000}, change: func(t *testing.T, fs fstest.MapFS) {},
			sentinel: octopus.ErrTooLarge},
		{name: "folder too large", opts: octopus.Options{MaxTotalBytes: 20000}, change: func(t *testing.T, fs fstest.MapFS) {},
			sentinel: octopus.ErrTooLarge},
		{name: "several spaces", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "environments.json", func(v any) any { first(v)["SpaceId"] = "Spaces-2"; return v })
		}, sentinel: octopus.ErrSpace, file: "environments.json"},
		{name: "unknown project in options", opts: octopus.Options{Projects: []string{"Portl"}}, change: func(t *testing.T, fs fstest.MapFS) {},
			sentinel: octopus.ErrSpace, file: "projects.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := small()
			tc.change(t, fs)
			f, rep, err := octopus.Import(fs, tc.opts)
			require.Error(t, err)
			require.Nil(t, f)
			require.Nil(t, rep)
			require.ErrorIs(t, err, tc.sentinel)
			var e *octopus.Error
			require.True(t, errors.As(err, &e))
			if tc.file != "" {
				require.Equal(t, tc.file, e.File, err.Error())
			}
			require.NotEmpty(t, e.File, err.Error())
			require.Contains(t, e.Path, tc.path, err.Error())
			if tc.line > 0 {
				require.Equal(t, tc.line, e.Line, err.Error())
				require.Positive(t, e.Column)
			}
			require.Contains(t, err.Error(), e.File)
		})
	}
}

func TestBadInputReported(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, fs fstest.MapFS)
		kind   octopus.Kind
		file   string
		path   string
		check  func(t *testing.T, s *plan.Space)
	}{
		{name: "missing optional collection", change: func(t *testing.T, fs fstest.MapFS) { delete(fs, "machines.json") },
			kind: octopus.Missing, file: "machines.json"},
		{name: "dangling project in a connection", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any {
				first(v)["ProjectEnvironments"].(map[string]any)["Projects-99"] = []any{"Environments-1"}
				return v
			})
		}, kind: octopus.Dangling, file: "tenants.json", path: `[0].ProjectEnvironments["Projects-99"]`},
		{name: "dangling task", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "deployments.json", func(v any) any { byID(v, "Deployments-1")["TaskId"] = "ServerTasks-999"; return v })
		}, kind: octopus.Dangling, file: "deployments.json", path: ".TaskId"},
		{name: "dangling tag in a tenant", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any { first(v)["TenantTags"] = []any{"Tier/Diamond"}; return v })
		}, kind: octopus.Dangling, file: "tenants.json", path: "[0].TenantTags[0]"},
		{name: "channel restricted to unknown tags only admits nobody", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "channels.json", func(v any) any {
				for _, c := range v.([]any) {
					if c.(map[string]any)["Name"] == "Early access" {
						c.(map[string]any)["TenantTags"] = []any{"Upgrade ring/Canary"}
					}
				}
				return v
			})
		}, kind: octopus.Approximated, file: "channels.json", path: ".TenantTags", check: func(t *testing.T, s *plan.Space) {
			p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "2.0.0-beta.1", Environment: "Dev", Tenants: []string{"Vandelay"}})
			require.NoError(t, err)
			require.Empty(t, p.Deploy)
			require.Equal(t, plan.ReasonChannelMismatch, p.Rejected[0].Reasons[0].Code)
		}},
		{name: "grant scoped only to unknown tenants is left out, never widened", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "scopeduserroles.json", func(v any) any {
				for _, r := range v.([]any) {
					if len(r.(map[string]any)["TenantIds"].([]any)) > 0 {
						r.(map[string]any)["TenantIds"] = []any{"Tenants-999"}
					}
				}
				return v
			})
		}, kind: octopus.Dangling, file: "scopeduserroles.json", path: ".TenantIds[0]", check: func(t *testing.T, s *plan.Space) {
			p, err := s.Deploy(plan.DeployRequest{Project: "Portal", Release: "1.2.0", Environment: "Production", All: true, Principal: "Acme self-service"})
			require.NoError(t, err)
			require.Empty(t, p.Deploy)
			require.Empty(t, p.Skipped)
		}},
		{name: "resource of another space without a name field", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "releases.json", func(v any) any { first(v)["SpaceId"] = "Spaces-2"; return v })
		}, kind: octopus.NotSelected, file: "releases.json", path: "[0]"},
		{name: "names differing only in letter case", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any { byID(v, "Tenants-2")["Name"] = "ACME"; return v })
		}, kind: octopus.Duplicate, file: "tenants.json", path: "[1]"},
		{name: "connection to an untenanted project", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenants.json", func(v any) any {
				first(v)["ProjectEnvironments"].(map[string]any)["Projects-3"] = []any{"Environments-1"}
				return v
			})
		}, kind: octopus.Unsupported, file: "tenants.json", path: `[0].ProjectEnvironments["Projects-3"]`},
		{name: "unreadable release version", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "releases.json", func(v any) any { byID(v, "Releases-2")["Version"] = "one.two"; return v })
		}, kind: octopus.Invalid, file: "releases.json", path: ".Version"},
		{name: "two values of a template for one environment", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tenantvariables/Tenants-6.json", func(v any) any {
				rows := first(v)["ProjectVariables"].([]any)
				first(v)["ProjectVariables"] = append(rows, rows[0])
				return v
			})
		}, kind: octopus.Invalid, file: "tenantvariables/Tenants-6.json", path: "[0].ProjectVariables[2]"},
		{name: "releases tracked per channel", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "projects.json", func(v any) any { first(v)["DiscreteChannelRelease"] = true; return v })
		}, kind: octopus.Approximated, file: "projects.json", path: "[0].DiscreteChannelRelease"},
		{name: "unknown task state", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "tasks.json", func(v any) any { byID(v, "ServerTasks-1")["State"] = "Paused"; return v })
		}, kind: octopus.Invalid, file: "deployments.json"},
		{name: "duplicate names", change: func(t *testing.T, fs fstest.MapFS) {
			edit(t, fs, "environments.json", func(v any) any {
				list := v.([]any)
				c := map[string]any{}
				for k, x := range list[0].(map[string]any) {
					c[k] = x
				}
				c["Id"] = "Environments-99"
				return append(list, c)
			})
		}, kind: octopus.Duplicate, file: "environments.json", path: "[4]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := small()
			tc.change(t, fs)
			f, rep, err := octopus.Import(fs, octopus.Options{})
			require.NoError(t, err)
			found := false
			for _, e := range rep.Entries {
				if e.Kind == tc.kind && e.File == tc.file && strings.Contains(e.Path, tc.path) {
					found = true
				}
			}
			require.Truef(t, found, "no %s entry for %s %s in:\n%s", tc.kind, tc.file, tc.path, rep)
			s, err := plan.Compile(f)
			require.NoError(t, err)
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

// TestHistoryWindowAndProjects checks the options: deployments outside the window and projects
// not selected are left out, each with a report entry.
func TestHistoryWindowAndProjects(t *testing.T) {
	all, _, err := octopus.Import(small(), octopus.Options{})
	require.NoError(t, err)
	opts := octopus.Options{Projects: []string{"Portal"}, HistoryFrom: mustTime("2026-03-03T00:00:00Z"), HistoryTo: mustTime("2026-03-05T00:00:00Z")}
	f, rep, err := octopus.Import(small(), opts)
	require.NoError(t, err)
	require.Equal(t, []string{"Portal"}, []string{f.Projects[0].Name})
	require.Len(t, f.Projects, 1)
	kept := 0
	for _, d := range all.Deployments {
		at := mustTime(d.At)
		if d.Project == "Portal" && !at.Before(opts.HistoryFrom) && at.Before(opts.HistoryTo) {
			kept++
		}
	}
	require.Positive(t, kept)
	require.Len(t, f.Deployments, kept)
	require.Equal(t, 3, rep.Count(octopus.NotSelected)-countOutside(rep), "Billing, Ops tools and Legacy portal are not selected")
	require.Positive(t, countOutside(rep))
	_, err = plan.Compile(f)
	require.NoError(t, err)
}

func countOutside(r *octopus.Report) int {
	n := 0
	for _, e := range r.Entries {
		if e.Kind == octopus.NotSelected && strings.Contains(e.Message, "outside the history window") {
			n++
		}
	}
	return n
}

// tinyModel is a small space for the fuzz target, so that its inputs stay small.
func tinyModel() *model.File {
	return &model.File{
		Environments: []string{"Dev", "Production"},
		TagSets:      []model.TagSet{{Name: "Tier", Tags: []string{"Gold", "Free"}}, {Name: "Region", Type: "FreeText"}},
		Lifecycles:   []model.Lifecycle{{Name: "Default", Phases: []model.Phase{{Name: "Dev", Automatic: []string{"Dev"}}, {Name: "Prod", Manual: []string{"Production"}}}}},
		Projects: []model.Project{{Name: "Portal", Tenancy: "Tenanted", Lifecycle: "Default",
			Channels:  []model.Channel{{Name: "Default"}, {Name: "Gold", TenantTags: []string{"Tier/Gold"}}},
			Templates: []model.Template{{Name: "Password", Sensitive: true}}}},
		Tenants: []model.Tenant{
			{Name: "Acme", Tags: []string{"Tier/Gold", "Region/eu"}, Projects: map[string][]string{"Portal": {"Dev", "Production"}},
				ProjectValues: map[string][]model.TenantValue{"Portal": {{Template: "Password", Value: sp("x")}}}},
			{Name: "Globex", Projects: map[string][]string{"Portal": {"Production"}}},
		},
		Targets:     []model.Target{{Name: "web", Environments: []string{"Production"}, Tenancy: "Tenanted", TenantTags: []string{"Tier/Gold"}}},
		Releases:    []model.Release{{Project: "Portal", Version: "1.0.0", Channel: "Default"}, {Project: "Portal", Version: "1.1.0", Channel: "Gold", Blocked: true}},
		Deployments: []model.Deployment{{Project: "Portal", Release: "1.0.0", Environment: "Dev", Tenant: "Acme", Outcome: "Success", At: "2026-03-01T00:00:00Z"}},
		Freezes: []model.Freeze{{Name: "Weekly", Start: "2026-03-07T00:00:00Z", End: "2026-03-08T00:00:00Z",
			Tenants:    []model.FreezeTenant{{Tenant: "Acme", Project: "Portal", Environment: "Production"}},
			Recurrence: &model.Recurrence{Unit: "Weekly", DaysOfWeek: []string{"Saturday"}}}},
		Principals: []model.Principal{{Name: "ops", Grants: []model.Grant{{Action: "deploy", Tenants: []string{"Acme"}}, {Action: "view"}}}},
	}
}

// FuzzImport replaces one collection of the fixture space with arbitrary bytes. The import must
// either fail with an *Error that names a file and wraps a sentinel, or succeed,
// deterministically, with a report whose every entry names a file and a model that plan.Compile
// accepts.
func FuzzImport(f *testing.F) {
	base := map[string][]byte{}
	for name, file := range render(tinyModel(), renderOptions{}) {
		base[name] = file.Data
	}
	names := []string{"tenants.json", "tagsets.json", "deployments.json", "tasks.json", "deploymentfreezes.json", "tenantvariables.json", "channels.json", "scopeduserroles.json", "defects.json"}
	for i, n := range names {
		f.Add(uint8(i), base[n])
	}
	f.Add(uint8(0), []byte(`{"Items": [{"Id": "Tenants-1", "Name": "A", "TenantTags": ["Tier/Gold", "Tier/Gold"]}]}`))
	f.Add(uint8(4), []byte(`{"DeploymentFreezes": [{"Id": "DeploymentFreezes-1", "Name": "x", "Start": "2026-01-01T00:00:00Z", "End": "2026-01-02T00:00:00Z", "RecurringSchedule": {"Type": "Weekly", "Unit": "2", "UserUtcOffsetInMinutes": 330, "DaysOfWeek": ["Friday"]}}]}`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fs := fstest.MapFS{}
		for n, d := range base {
			fs[n] = &fstest.MapFile{Data: d}
		}
		fs[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		m, rep, err := octopus.Import(fs, octopus.Options{})
		if err != nil {
			var e *octopus.Error
			if !errors.As(err, &e) || e.File == "" || errors.Unwrap(err) == nil {
				t.Fatalf("error without a file or sentinel: %v", err)
			}
			return
		}
		for _, e := range rep.Entries {
			if e.File == "" || e.Message == "" {
				t.Fatalf("report entry without a file or message: %+v", e)
			}
		}
		m2, rep2, err := octopus.Import(fs, octopus.Options{})
		if err != nil || !reflect.DeepEqual(m, m2) || !reflect.DeepEqual(rep, rep2) {
			t.Fatalf("import is not deterministic")
		}
		if _, err := plan.Compile(m); err != nil {
			t.Fatalf("the imported model does not compile: %v", err)
		}
	})
}
