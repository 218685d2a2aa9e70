package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// cmdCheck: check FILE_OR_DIR...
//
// Every scenario file that can be run is run, and its differences and the closing line
// "N passed, M failed" go to standard output. A path that cannot be read, or a file that is not a
// scenario file (malformed JSON, a model, no checks), is an input error on standard error; the
// exit code is then 3 whatever the checks gave.
func cmdCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "check FILE_OR_DIR... [--format table|json]")
	format := fs.format("table", "json")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, -1, "FILE_OR_DIR...")
	if err != nil {
		return err
	}
	var (
		all []scenario.Result
		bad []error
	)
	for _, p := range pos {
		rs, errs := runScenarios(p, e.maxInput)
		all, bad = append(all, rs...), append(bad, errs...)
	}
	failed := 0
	for _, r := range all {
		failed += r.Failed()
	}
	if format.json() {
		err = writeJSON(e.stdout, checkReport(all, bad))
	} else {
		err = checkTable(e.stdout, all)
	}
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		for _, err := range bad {
			fmt.Fprintf(e.stderr, "tenantplan check: %v\n", err)
		}
		return inputErr("%d file(s) could not be run as scenario files", len(bad))
	}
	if failed > 0 {
		return silent(exitFindings)
	}
	return nil
}

// checkTable writes the differences of every failed check and the closing line "N passed, M
// failed".
func checkTable(w io.Writer, all []scenario.Result) error {
	for _, r := range all {
		if _, err := io.WriteString(w, r.Report()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, scenario.Summary(all))
	return err
}

// checkJSON is the JSON output of check: the counts, every check of every file run, and the
// errors: each difference of a failed check (code "failed-check", path "checks[i]") and each
// path that could not be run (code "input-error").
type checkJSON struct {
	Passed  int         `json:"passed"`
	Failed  int         `json:"failed"`
	Results []checkFile `json:"results"`
	Errors  []problem   `json:"errors"`
}

type checkFile struct {
	File   string      `json:"file"`
	Checks []checkItem `json:"checks"`
}

type checkItem struct {
	Index  int      `json:"index"`
	Name   string   `json:"name"`
	Kind   string   `json:"kind"`
	Passed bool     `json:"passed"`
	Diffs  []string `json:"diffs,omitempty"`
}

func checkReport(all []scenario.Result, bad []error) checkJSON {
	out := checkJSON{Results: []checkFile{}, Errors: []problem{}}
	for _, r := range all {
		out.Passed += r.Passed()
		out.Failed += r.Failed()
		f := checkFile{File: r.File, Checks: []checkItem{}}
		for _, c := range r.Checks {
			f.Checks = append(f.Checks, checkItem{Index: c.Index, Name: c.Name, Kind: c.Kind, Passed: c.Passed(), Diffs: c.Diffs})
			for _, d := range c.Diffs {
				out.Errors = append(out.Errors, problem{File: r.File, Path: fmt.Sprintf("checks[%d]", c.Index),
					Code: "failed-check", Message: d})
			}
		}
		out.Results = append(out.Results, f)
	}
	for _, err := range bad {
		out.Errors = append(out.Errors, problem{Code: "input-error", Message: err.Error()})
	}
	return out
}

// runScenarios runs one scenario file, or every *.json file at the top of a directory in name
// order. The results are those of the files that could be run; each file that could not (it
// cannot be read, or is not a scenario file) and a directory without *.json files is an input
// error naming it.
func runScenarios(p string, limit int64) ([]scenario.Result, []error) {
	dir := false
	if p != "-" { // standard input is one file
		fi, err := os.Stat(p)
		if err != nil {
			return nil, []error{fileErr(p, err)}
		}
		dir = fi.IsDir()
	}
	if !dir {
		r, err := runScenario(p, limit)
		if err != nil {
			return nil, []error{err}
		}
		return []scenario.Result{r}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, []error{fileErr(p, err)}
	}
	var (
		rs   []scenario.Result
		errs []error
		n    int
	)
	for _, de := range entries {
		if ok, _ := path.Match("*.json", de.Name()); !ok {
			continue
		}
		n++
		r, err := runScenario(filepath.Join(p, de.Name()), limit)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rs = append(rs, r)
	}
	if n == 0 {
		errs = append(errs, inputErr("%s: no *.json scenario file in the directory", p))
	}
	return rs, errs
}

// runScenario runs one scenario file. A file that cannot be read or run (malformed JSON, not a
// scenario, no checks) is an input error naming it.
func runScenario(p string, limit int64) (scenario.Result, error) {
	data, err := readInput(p, limit)
	if err != nil {
		return scenario.Result{}, err
	}
	r := scenario.Run(p, data)
	if r.Err == nil {
		return r, nil
	}
	if json.Valid(data) {
		if err := wrongKind(p, data, kindScenario); err != nil {
			return r, err
		}
	}
	var se *json.SyntaxError
	if errors.As(r.Err, &se) {
		line, col := position(data, se.Offset)
		return r, inputErr("%s:%d:%d: malformed scenario file: %v", p, line, col, se)
	}
	return r, inputErr("%s: %v", p, r.Err)
}

// position returns the 1-based line and column (in bytes) of the byte at offset in data; a
// syntax error's offset is just past the byte that gave it away.
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset-1, 0), int64(len(data)))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, col
}
