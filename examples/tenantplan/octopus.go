package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// cmdImport: import octopus DIR [--space S] [--project P]... [--from T] [--to T] [-o FILE].
func cmdImport(e *env, args []string) error {
	fs := newFlags(e, "import", "import octopus (DIR | --server URL) [--space SPACE] [--project NAME]... [--from TIME] [--to TIME] [-o FILE]")
	var (
		opts     octopus.Options
		projects listFlag
		from, to timeFlag
		out      string
		server   string
		take     int
		timeout  time.Duration
		vars     = newFormat("legacy", "per-tenant", "both")
	)
	fs.StringVar(&opts.Space, "space", "", "the Id of the `space` to import, like Spaces-1 (default: the folder's only space)")
	fs.Var(&projects, "project", "import only this `project`, by name or Id (repeatable; default: every project)")
	fs.Var(&from, "from", "import the deployments from this `time` on (RFC 3339; default: the whole history)")
	fs.Var(&to, "to", "import the deployments before this `time` (RFC 3339; default: the whole history)")
	fs.StringVar(&out, "o", "", "write the model to this `file` instead of standard output")
	fs.StringVar(&server, "server", "", "fetch the space from the Octopus Server at this `URL` instead of a folder, with the API key of "+apiKeyVar+" (--space defaults to Spaces-1)")
	fs.IntVar(&take, "page-size", defaultPageSize, "with --server: the `number` of items per page of the paged endpoints")
	timeout = defaultTimeout
	fs.Var(durationFlag{&timeout}, "timeout", "with --server: the longest wait for one response (a `duration`)")
	fs.Var(vars, "tenant-variables", "with --server: the `shape` of tenant variables to fetch: legacy (one request), per-tenant (two requests per tenant) or both")
	fs.format("json")
	fs.inputs(e)
	pos, err := parse(fs, args, 1, 2, "octopus DIR or octopus --server URL")
	if err != nil {
		return err
	}
	if pos[0] != "octopus" {
		return usageErr("unknown source %q: the one source is octopus (import octopus DIR)", prob.Cut(pos[0]))
	}
	switch {
	case server == "" && len(pos) == 1:
		return usageErr("missing arguments: want octopus DIR or octopus --server URL (see --help)")
	case server != "" && len(pos) == 2:
		return usageErr("give a folder or --server, not both")
	case take < 1:
		return usageErr("--page-size %d is not a positive number", take)
	case timeout <= 0:
		return usageErr("--timeout %s is not a positive duration", human(timeout))
	}
	opts.Projects, opts.HistoryFrom, opts.HistoryTo = projects, from.t, to.t
	if server == "" {
		dir := pos[1]
		pr := e.begin(true, "importing %s", dir)
		f, rep, err := importDir(dir, opts, e.maxInput)
		if err != nil {
			pr.end("import of %s failed", dir)
			return err
		}
		pr.end("imported %s: %d tenants", dir, len(f.Tenants))
		return writeImport(e, dir, dir, out, f, rep)
	}
	if opts.Space == "" {
		opts.Space = "Spaces-1"
	}
	pr := e.begin(true, "importing %s from %s", opts.Space, server)
	folder, err := fetchSpace(e, server, opts.Space, vars.value, take, timeout)
	if err != nil {
		pr.end("import from %s failed", server)
		return err
	}
	opts.MaxFileBytes = e.maxInput
	f, rep, err := importFS("", folder, opts)
	if err != nil {
		pr.end("import from %s failed", server)
		return err
	}
	pr.end("imported %s from %s: %d tenants", opts.Space, server, len(f.Tenants))
	return writeImport(e, server, "", out, f, rep)
}

// importDir imports the folder dir of Octopus responses. Only regular files are read and none
// larger than limit (the --max-input limit); every error names the file, under dir.
func importDir(dir string, opts octopus.Options, limit int64) (*model.File, *octopus.Report, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fileErr(dir, err)
	}
	if !fi.IsDir() {
		return nil, nil, inputErr("%s: not a directory: give the folder of Octopus responses (see examples/octopus)", dir)
	}
	opts.MaxFileBytes = limit
	return importFS(dir, regularFS{dir, limit}, opts)
}

// importFS runs the import of fsys, the folder named name, and turns its error into an input
// error naming the file under name.
func importFS(name string, fsys fs.FS, opts octopus.Options) (*model.File, *octopus.Report, error) {
	f, rep, err := octopus.Import(fsys, opts)
	if err != nil {
		var oe *octopus.Error
		if errors.As(err, &oe) {
			named := *oe
			named.File = path.Join(filepath.ToSlash(name), oe.File)
			return nil, nil, inputErr("%s", named.Error())
		}
		return nil, nil, inputErr("%s: %v", name, err)
	}
	return f, rep, nil
}

// writeImport writes the imported model (to the file out, or to standard output when out is
// empty) and the report to standard error, each entry's file under dir, then a summary line
// naming the source (the folder or the server). It
// compiles the model first: a model that does not compile is a finding, written all the same.
func writeImport(e *env, source, dir, out string, f *model.File, rep *octopus.Report) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	for _, en := range rep.Entries {
		en.File = path.Join(filepath.ToSlash(dir), en.File)
		fmt.Fprintln(e.stderr, en.String())
	}
	_, cerr := plan.Compile(f)
	if out == "" {
		if _, err := e.stdout.Write(b); err != nil {
			return err
		}
	} else if err := os.WriteFile(out, b, 0o644); err != nil {
		return fileErr(out, err)
	}
	fmt.Fprintf(e.stderr, "tenantplan import: %s: %d environment(s), %d project(s), %d tenant(s), %d release(s), %d deployment(s); %d report entr%s\n",
		source, len(f.Environments), len(f.Projects), len(f.Tenants), len(f.Releases), len(f.Deployments), len(rep.Entries), plural(len(rep.Entries), "y", "ies"))
	if cerr != nil {
		printModelErrors(e, "imported model", cerr, "invalid model")
		return silent(exitFindings)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// regularFS is the folder of an import, read the way the tool reads every input: the files it
// opens must be regular files (symbolic links are followed) of at most limit bytes, so that a
// named pipe or a device in the folder is an error at once instead of a wait or an endless read.
// Folders can be opened, to be listed.
type regularFS struct {
	dir   string
	limit int64
}

// Open opens name after checking what it is, and checks again what was opened.
func (r regularFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(r.dir, filepath.FromSlash(name))
	fi, err := os.Stat(full)
	if err != nil {
		return nil, err
	}
	if err := r.check(name, fi); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, openFlags, 0)
	if err != nil {
		return nil, err
	}
	if fi, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if err := r.check(name, fi); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// check accepts a folder, or a regular file within the limit.
func (r regularFS) check(name string, fi fs.FileInfo) error {
	if fi.IsDir() {
		return nil
	}
	if err := regular(name, fi, r.limit); err != nil {
		var x *exitError
		if errors.As(err, &x) {
			return errors.New(strings.TrimPrefix(x.msg, name+": "))
		}
		return err
	}
	return nil
}

// timeFlag is an optional RFC 3339 time.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f == nil || f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("time %q is not an RFC 3339 time (like 2026-03-16T09:00:00Z)", prob.Cut(s))
	}
	f.t = t
	return nil
}
