package scenario

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// File is a decoded scenario file.
type File struct {
	// Schema is the optional "$schema" key: the address of the file's JSON Schema, which editors
	// use for completion and checking (see SchemaID and JSONSchema). The runner ignores it.
	Schema      string            `json:"$schema,omitempty"`
	Description string            `json:"description,omitempty"`
	Rules       []string          `json:"rules,omitempty"`
	Model       json.RawMessage   `json:"model"`
	Checks      []json.RawMessage `json:"checks"`
}

// CheckResult is the outcome of one check: it passed when Diffs is empty.
type CheckResult struct {
	Index int      // position in the file's checks
	Name  string   // the check's name, or "#index" when it has none
	Kind  string   // validate, filter, expression, deploy, ...
	Diffs []string // one line per difference: what was wanted and what was got
}

// Passed reports whether the check passed.
func (c CheckResult) Passed() bool { return len(c.Diffs) == 0 }

// Result is the outcome of one scenario file. Err is set when the file itself cannot be run
// (unreadable, malformed JSON, no checks); it then counts as one failed check.
type Result struct {
	File   string
	Checks []CheckResult
	Err    error
}

// Passed counts the checks that passed.
func (r Result) Passed() int {
	n := 0
	for _, c := range r.Checks {
		if c.Passed() {
			n++
		}
	}
	return n
}

// Failed counts the checks that failed, plus one when the file could not be run.
func (r Result) Failed() int {
	n := len(r.Checks) - r.Passed()
	if r.Err != nil {
		n++
	}
	return n
}

// OK reports whether everything in the file passed.
func (r Result) OK() bool { return r.Failed() == 0 }

// Report writes every difference, one per line, prefixed by the file and check.
func (r Result) Report() string {
	var b strings.Builder
	if r.Err != nil {
		fmt.Fprintf(&b, "%s: %v\n", r.File, r.Err)
	}
	for _, c := range r.Checks {
		for _, d := range c.Diffs {
			fmt.Fprintf(&b, "%s: check %s (%s): %s\n", r.File, c.Name, c.Kind, d)
		}
	}
	return b.String()
}

// Summary returns the closing line "N passed, M failed" for a set of results.
func Summary(results []Result) string {
	p, f := 0, 0
	for _, r := range results {
		p += r.Passed()
		f += r.Failed()
	}
	return fmt.Sprintf("%d passed, %d failed", p, f)
}

// Run runs one scenario file given as bytes; name is used in messages.
func Run(name string, data []byte) Result {
	res := Result{File: name}
	var f File
	if err := strictjson.DecodeInto(data, &f); err != nil {
		res.Err = fmt.Errorf("malformed scenario file:\n%w", err)
		return res
	}
	if len(f.Checks) == 0 {
		res.Err = fmt.Errorf("scenario file has no checks")
		return res
	}
	if len(f.Model) == 0 || string(f.Model) == "null" {
		f.Model = json.RawMessage("{}")
	}
	env := newEnv(f.Model)
	for i, raw := range f.Checks {
		res.Checks = append(res.Checks, env.run(i, raw))
	}
	return res
}

// RunFS runs every *.json file at the top of fsys, in name order.
func RunFS(fsys fs.FS) ([]Result, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("no scenario files (*.json) found")
	}
	out := make([]Result, 0, len(names))
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			out = append(out, Result{File: path.Base(n), Err: err})
			continue
		}
		out = append(out, Run(path.Base(n), data))
	}
	return out, nil
}
