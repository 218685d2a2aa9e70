package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Exit codes; the usage text documents them.
const (
	exitOK       = 0 // success
	exitFindings = 1 // findings: an invalid model, failing checks, plans that differ
	exitUsage    = 2 // usage errors: unknown command or flag, missing or extra arguments, bad flag value
	exitInput    = 3 // input errors: unreadable file, malformed policy or plan file, a request the model cannot answer
)

// progressTenants is the model size from which loading shows a progress line on a terminal.
const progressTenants = 10_000

const usage = `tenantplan plans tenant-aware releases from a tenantplan model file.

Usage:
  tenantplan validate MODEL
  tenantplan plan MODEL --project P --release V --environment E [--tenant T]... [--tag TAG]...
                  [--expr EXPR] [--all] [--untenanted] [--skip-current] [--override FREEZE]...
                  [--at TIME] [--as PRINCIPAL] [--policy POLICY] [--format table|json]
  tenantplan matrix MODEL --project P --release V [--at TIME] [--as PRINCIPAL] [--format table|json]
  tenantplan explain MODEL --project P --release V --environment E [--tenant T] [--variables]
                  [--at TIME] [--as PRINCIPAL] [--format text|json]
  tenantplan rollout MODEL POLICY [--format table|json]
  tenantplan diff BEFORE.json AFTER.json [--format text|json]
  tenantplan diff MODEL_A MODEL_B --project P --release V [--environment E] [--untenanted]
                  [--at TIME] [--as PRINCIPAL] [--format text|json]
  tenantplan check FILE_OR_DIR...
  tenantplan generate --tenants N --projects M [--seed S]
  tenantplan schema model|policy|scenario

Commands:
  validate  check a model and report every problem with its location
  plan      plan one release of a project to one environment for a selection of tenants
  matrix    every (environment, tenant) of a project: the current release, and whether a release
            can be deployed there or why not
  explain   explain one cell: every check, the lifecycle phases and, with --variables, where each
            variable's value comes from (secrets stay masked)
  rollout   plan a rollout by rings from a policy file (JSON: project, release, environments, order,
            rings [{name, tags, tenants, expression, percent, salt, maxParallel, maxParallelPercent,
            soak}], start, waveDuration)
  diff      compare two plan or matrix files written with --format json, or the plans (with
            --environment) or matrices of one release on two models; prints Markdown
  check     run scenario files (a file, or every *.json file of a directory)
  generate  write a realistic synthetic model of any size to standard output
  schema    print the JSON Schema of model, rollout policy or scenario files, for editors

Times are RFC 3339 (2026-03-16T09:00:00Z); durations are Go durations (24h, 90m).
Run "tenantplan COMMAND --help" for the flags of a command.

Exit codes:
  0  success
  1  findings: the model is invalid, a scenario check failed, or diff found differences
  2  usage error: unknown command or flag, missing or extra arguments, bad flag value
  3  input error: a file cannot be read or is malformed, or the request names something the
     model does not have (project, release, environment, tenant, principal, tag, ...)
`

// exitError carries an exit code up to run, with the message already written (or to write).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

func inputErr(format string, args ...any) error {
	return &exitError{code: exitInput, msg: fmt.Sprintf(format, args...)}
}

// silent is an error whose messages were written already; only its code matters.
func silent(code int) error { return &exitError{code: code} }

// env is what every command gets: its arguments and the two output streams.
type env struct {
	stdout, stderr io.Writer
}

type command struct {
	name string
	run  func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"validate", cmdValidate},
		{"plan", cmdPlan},
		{"matrix", cmdMatrix},
		{"explain", cmdExplain},
		{"rollout", cmdRollout},
		{"diff", cmdDiff},
		{"check", cmdCheck},
		{"generate", cmdGenerate},
		{"schema", cmdSchema},
	}
}

// run is the whole tool: it runs the command in args and returns the exit code. Output goes to
// stdout; errors, with their location, to stderr.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return finish(e, c.name, c.run(e, args[1:]))
		}
	}
	fmt.Fprintf(stderr, "tenantplan: unknown command %q (run \"tenantplan --help\")\n", truncate(args[0]))
	return exitUsage
}

func finish(e *env, name string, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var x *exitError
	if errors.As(err, &x) {
		if x.msg != "" {
			fmt.Fprintf(e.stderr, "tenantplan %s: %s\n", name, x.msg)
		}
		return x.code
	}
	fmt.Fprintf(e.stderr, "tenantplan %s: %v\n", name, err)
	return exitInput
}

// truncate shortens a user input for an error message, so that a huge input is never printed whole.
func truncate(s string) string {
	const max = 64
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "..."
	}
	return s
}

// flagSet is the FlagSet of one command, with its synopsis for --help.
type flagSet struct {
	*flag.FlagSet
	synopsis string
	out      io.Writer
}

// newFlags returns the FlagSet of a command. Parse errors are returned, not printed; --help
// prints the synopsis and the flags to stdout.
func newFlags(e *env, name, synopsis string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, synopsis: synopsis, out: e.stdout}
}

func (fs *flagSet) help() {
	fmt.Fprintf(fs.out, "Usage: tenantplan %s\n", fs.synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(fs.out, "\nFlags:\n")
		fs.SetOutput(fs.out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// parse parses flags and positional arguments in any order ("--" ends the flags) and checks the
// number of positional arguments (maxArgs < 0: no maximum).
func parse(fs *flagSet, args []string, minArgs, maxArgs int, names string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, err
			}
			return nil, usageErr("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) < minArgs {
		return nil, usageErr("missing arguments: want %s (see --help)", names)
	}
	if maxArgs >= 0 && len(pos) > maxArgs {
		return nil, usageErr("unexpected argument %q (see --help)", truncate(pos[maxArgs]))
	}
	return pos, nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// timeFlag is an RFC 3339 time flag; the zero time means "not given".
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("time %q is not RFC 3339 (like 2026-03-16T09:00:00Z)", truncate(s))
	}
	f.t = t
	return nil
}

// formatFlag is an output format, one of a fixed list.
type formatFlag struct {
	value   string
	allowed []string
}

func newFormat(allowed ...string) *formatFlag {
	return &formatFlag{value: allowed[0], allowed: allowed}
}

func (f *formatFlag) String() string { return f.value }

func (f *formatFlag) Set(s string) error {
	for _, a := range f.allowed {
		if s == a {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("format %q is not one of %s", truncate(s), strings.Join(f.allowed, ", "))
}

// policyFlag is a progression policy (§4.2).
type policyFlag struct{ p lifecycle.Policy }

func (f *policyFlag) String() string { return "" }

func (f *policyFlag) Set(s string) error {
	p, err := lifecycle.ParsePolicy(s)
	if err != nil {
		return fmt.Errorf("policy %q is not AnySuccess or LatestOutcome", truncate(s))
	}
	f.p = p
	return nil
}

// required checks that the named string flags are set.
func required(fs *flagSet, names ...string) error {
	var missing []string
	for _, n := range names {
		if fs.Lookup(n).Value.String() == "" {
			missing = append(missing, "--"+n)
		}
	}
	if len(missing) > 0 {
		return usageErr("missing %s (see --help)", strings.Join(missing, ", "))
	}
	return nil
}

// loadModel reads, decodes and compiles a model file. Every problem goes to stderr with its
// location (file, then line and column for malformed JSON or the path in the model), and the
// error carries exitFindings. A model of more than 10,000 tenants shows a progress line on stderr
// when stderr is a terminal.
func loadModel(e *env, path string) (*plan.Space, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, inputErr("%v", err)
	}
	f, err := model.Decode(data)
	if err != nil {
		printModelErrors(e, path, err)
		return nil, silent(exitFindings)
	}
	progress := len(f.Tenants) > progressTenants && isTerminal(e.stderr)
	start := time.Now()
	if progress {
		fmt.Fprintf(e.stderr, "tenantplan: loading %s: compiling %d tenants...", path, len(f.Tenants))
	}
	s, err := plan.Compile(f)
	if progress {
		fmt.Fprintf(e.stderr, "\rtenantplan: loaded %s: %d tenants in %v   \n", path, len(f.Tenants),
			time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		printModelErrors(e, path, err)
		return nil, silent(exitFindings)
	}
	return s, nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printModelErrors writes every problem of a model, one per line, prefixed by its location.
func printModelErrors(e *env, path string, err error) {
	var (
		mes model.Errors
		ves plan.ValidationErrors
		n   int
	)
	switch {
	case errors.As(err, &mes):
		for _, me := range mes {
			if me.Line > 0 {
				fmt.Fprintf(e.stderr, "%s:%d:%d: %s [%s]\n", path, me.Line, me.Column, me.Msg, me.Code())
			} else {
				fmt.Fprintf(e.stderr, "%s: %s: %s [%s]\n", path, location(me.Path), me.Msg, me.Code())
			}
		}
		n = len(mes)
	case errors.As(err, &ves):
		for _, ve := range ves {
			fmt.Fprintf(e.stderr, "%s: %s: %s [%s]\n", path, location(ve.Path), ve.Msg, ve.Code)
		}
		n = len(ves)
	default:
		fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
		n = 1
	}
	fmt.Fprintf(e.stderr, "%s: invalid model: %d problem(s)\n", path, n)
}

func location(p string) string {
	if p == "" {
		return "(document)"
	}
	return p
}

// requestErr turns an error of the planner into an input error naming the request field.
func requestErr(err error) error {
	var re *plan.RequestError
	if errors.As(err, &re) {
		return inputErr("%s", re.Error())
	}
	return inputErr("%v", err)
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// writeBytes writes JSON bytes produced by the library followed by a newline.
func writeBytes(w io.Writer, b []byte, err error) error {
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
