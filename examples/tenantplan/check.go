package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tenantplan/tenantplan/plan/scenario"
)

// cmdCheck: check FILE_OR_DIR...
func cmdCheck(e *env, args []string) error {
	fs := newFlags(e, "check", "check FILE_OR_DIR...")
	pos, err := parse(fs, args, 1, -1, "FILE_OR_DIR...")
	if err != nil {
		return err
	}
	var all []scenario.Result
	for _, p := range pos {
		all = append(all, runScenarios(p)...)
	}
	failed := 0
	for _, r := range all {
		if _, err := io.WriteString(e.stdout, r.Report()); err != nil {
			return err
		}
		failed += r.Failed()
	}
	if _, err := fmt.Fprintln(e.stdout, scenario.Summary(all)); err != nil {
		return err
	}
	if failed > 0 {
		return silent(exitFindings)
	}
	return nil
}

// runScenarios runs one scenario file, or every *.json file at the top of a directory. A path that
// cannot be read is a failed result, as the scenario format asks.
func runScenarios(path string) []scenario.Result {
	fi, err := os.Stat(path)
	if err != nil {
		return []scenario.Result{{File: path, Err: err}}
	}
	if !fi.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return []scenario.Result{{File: path, Err: err}}
		}
		return []scenario.Result{scenario.Run(path, data)}
	}
	rs, err := scenario.RunFS(os.DirFS(path))
	for i := range rs {
		rs[i].File = filepath.Join(path, rs[i].File)
	}
	if err != nil {
		rs = append(rs, scenario.Result{File: path, Err: err})
	} else if len(rs) == 0 {
		rs = append(rs, scenario.Result{File: path, Err: fmt.Errorf("no *.json scenario file in the directory")})
	}
	return rs
}
