package model

import (
	"encoding/json"
	"fmt"
)

// Masked replaces every sensitive value when a File is printed.
const Masked = "********"

// Format implements [fmt.Formatter]: every verb prints the file as JSON that the decoder reads
// back (so a failing property test shows a model a user can paste into a file and run), with
// every sensitive value replaced by [Masked]: the values of sensitive variables, the defaults of
// sensitive templates, and tenant values of sensitive templates (a template is sensitive when
// any project or library template of that name is).
func (f File) Format(s fmt.State, verb rune) {
	data, err := json.Marshal(f.masked())
	if err != nil {
		_, _ = fmt.Fprintf(s, "model.File(%v)", err)
		return
	}
	_, _ = s.Write(data)
}

// masked returns a copy of f whose sensitive values are Masked. Lists that hold no value are
// shared with f, not copied.
func (f File) masked() File {
	sensitive := map[string]bool{}
	mask := func(ts []Template) []Template {
		out := make([]Template, len(ts))
		for i, t := range ts {
			out[i] = t
			if t.Sensitive {
				sensitive[t.Name] = true
				if t.Default != nil {
					m := Masked
					out[i].Default = &m
				}
			}
		}
		return out
	}
	maskVars := func(vs []Variable) []Variable {
		out := make([]Variable, len(vs))
		for i, v := range vs {
			out[i] = v
			if v.Sensitive {
				out[i].Value = Masked
			}
		}
		return out
	}
	libs := make([]Library, len(f.Libraries))
	for i, l := range f.Libraries {
		libs[i] = l
		libs[i].Templates, libs[i].Variables = mask(l.Templates), maskVars(l.Variables)
	}
	projects := make([]Project, len(f.Projects))
	for i, p := range f.Projects {
		projects[i] = p
		projects[i].Templates, projects[i].Variables = mask(p.Templates), maskVars(p.Variables)
	}
	maskValues := func(m map[string][]TenantValue) map[string][]TenantValue {
		if m == nil {
			return nil
		}
		out := make(map[string][]TenantValue, len(m))
		for k, vs := range m {
			c := make([]TenantValue, len(vs))
			for i, v := range vs {
				c[i] = v
				if sensitive[v.Template] && v.Value != nil {
					m := Masked
					c[i].Value = &m
				}
			}
			out[k] = c
		}
		return out
	}
	tenants := make([]Tenant, len(f.Tenants))
	for i, t := range f.Tenants {
		tenants[i] = t
		tenants[i].CommonValues, tenants[i].ProjectValues = maskValues(t.CommonValues), maskValues(t.ProjectValues)
	}
	f.Libraries, f.Projects, f.Tenants = libs, projects, tenants
	return f
}
