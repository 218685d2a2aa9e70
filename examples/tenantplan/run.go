package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/model"
)

// Exit codes; the usage text documents them.
const (
	exitOK       = 0 // success
	exitFindings = 1 // findings: an invalid model, failing checks, plans that differ, disagreements with Octopus
	exitUsage    = 2 // usage errors: unknown command or flag, missing or extra arguments, bad flag value
	exitInput    = 3 // input errors: a missing, unreadable, too large, malformed or wrong kind of file, a request the model cannot answer
)

// progressTenants is the model size from which loading shows a progress line on a terminal.
const progressTenants = 10_000

const usage = `tenantplan plans tenant-aware releases from a tenantplan model file.

Usage:
  tenantplan validate MODEL [--limit N]
  tenantplan plan MODEL --project P --release V --environment E [--tenant T]... [--tag TAG]...
                  [--expr EXPR] [--all] [--untenanted] [--skip-current] [--override FREEZE]...
                  [--at TIME | --ignore-freezes] [--as PRINCIPAL] [--policy POLICY] [--limit N]
  tenantplan matrix MODEL --project P --release V [--at TIME | --ignore-freezes] [--as PRINCIPAL]
                  [--limit N]
  tenantplan explain MODEL --project P --release V --environment E [--tenant T] [--variables]
                  [--at TIME | --ignore-freezes] [--as PRINCIPAL]
  tenantplan rollout MODEL POLICY [--at TIME | --ignore-freezes] [--limit N]
  tenantplan report MODEL --project P --release V [--policy POLICY] [--as PRINCIPAL] [--group TAGSET]
                  [--before MODEL] [--at TIME | --ignore-freezes] [-o FILE]
  tenantplan diff BEFORE.json AFTER.json
  tenantplan diff MODEL_A MODEL_B --project P --release V [--environment E] [--untenanted]
                  [--at TIME | --ignore-freezes] [--as PRINCIPAL]
  tenantplan check FILE_OR_DIR...
  tenantplan generate --tenants N --projects M [--seed S]
  tenantplan schema model|policy|scenario
  tenantplan import octopus DIR [--space SPACE] [--project NAME]... [--from TIME] [--to TIME]
                  [-o FILE]
  tenantplan import octopus --server URL [--space SPACE] [--page-size N] [--timeout D]
                  [--tenant-variables legacy|per-tenant|both] [--project NAME]... [-o FILE]
  tenantplan compare-octopus MODEL TEMPLATE.json --release V [--project P] [--at TIME] [--limit N]
  tenantplan help [COMMAND]
  tenantplan --version

Every command takes --format table|json (table, the default, is also called text; generate,
schema and import write JSON documents and take json only).

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
  report    write one self-contained HTML page for a release: a summary, the tenant x
            environment grid with every reason, with POLICY the rollout's timeline and freezes,
            with --before the cells that changed; -o FILE (standard output by default)
  check     run scenario files (a file, or every *.json file of a directory)
  generate  write a realistic synthetic model of any size to standard output; try its latest
            release first (1.4.0 with the default 5 releases: see "tenantplan help generate")
  schema    print the JSON Schema of model, rollout policy or scenario files, for editors
  import    import octopus DIR: turn a folder of Octopus Server REST responses (see
            examples/octopus/collect.sh) into a model on standard output (or -o FILE); what was
            left out or approximated goes to standard error, and does not change the exit code.
            import octopus --server URL fetches the responses itself, with the API key of
            OCTOPUS_API_KEY
  compare-octopus
            compare a release's matrix with Octopus's saved deployment template response
            (GET /api/{space}/releases/{id}/deployments/template): every cell where Octopus and
            tenantplan disagree about promoting the release, with tenantplan's reasons
  help      show the usage of a command: "tenantplan help plan" is "tenantplan plan --help"

Times are RFC 3339 (2026-03-16T09:00:00Z); durations are Go durations (24h, 90m).
Run "tenantplan COMMAND --help" or "tenantplan help COMMAND" for the flags of a command; an
unknown command or flag gets the closest one as a suggestion.

Output: --format json writes one JSON document to standard output; validate and check list
their errors there too, each with its code, path and message. Tables lead with a summary (the
reasons counted by code); a cell longer than 100 characters is cut with "…" (a list keeps the
names that fit and "… N more", a reason wraps over at most 4 lines), so that no line is longer
than 102 characters a column; --limit N lists at most N rows and a last line "… N more"
counts the others. The matrix shows each cell as the quickstart does, with a legend. Loading a
model of more than 10,000 tenants, generating one and importing show a progress line on
standard error when it is a terminal, never in a pipe or a file.

Freezes: plan, matrix, explain and diff of two models check freezes at --at TIME, which is now
unless given ("now" or RFC 3339). --ignore-freezes plans as if no freeze applied (--override
FREEZE lets one freeze through). rollout times its waves around freezes when the policy has a
waveDuration, from --at, else the policy's start, else now; with --ignore-freezes the waves are
not timed. Scenario files (check) keep their own "at": without it no freeze applies.

Input files: only regular files are read, and "-" reads standard input (for one file of a
command); a folder, named pipe or device given as a file is an input error. A file
larger than 256 MiB is an input error; --max-input SIZE (512MiB, 1GiB, ...) sets the limit for
every file of a command.

Exit codes:
  0  success
  1  findings: the model is invalid, a scenario check failed, diff found differences, or
     compare-octopus found disagreements
  2  usage error: unknown command or flag, missing or extra arguments, bad flag value
  3  input error: a file is missing, unreadable, not a regular file, too large, not well-formed
     JSON or the wrong kind of file (check: any path that cannot be run as a scenario file), or
     the request names something the model does not have (project, release, environment,
     tenant, principal, tag, ...); import: a folder that cannot be imported
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

// env is what every command gets: the two output streams, the clock of the run (the only place
// the tool reads the time: --at defaults to now), the largest input file it reads (--max-input),
// whether a stream is a terminal (progress lines are shown on a terminal only) and the size of
// work from which a progress line is shown.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	maxInput       int64
	terminal       func(io.Writer) bool
	progressMin    int
}

// newEnv returns the environment of a run with the defaults: stderr is a terminal when it is a
// character device, and progress is shown from progressTenants tenants on.
func newEnv(now func() time.Time, stdout, stderr io.Writer) *env {
	return &env{stdout: stdout, stderr: stderr, now: now, maxInput: defaultMaxInput,
		terminal: isTerminal, progressMin: progressTenants}
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
		{"report", cmdReport},
		{"diff", cmdDiff},
		{"check", cmdCheck},
		{"generate", cmdGenerate},
		{"schema", cmdSchema},
		{"import", cmdImport},
		{"compare-octopus", cmdCompareOctopus},
	}
}

// run is the whole tool: it runs the command in args and returns the exit code. Output goes to
// stdout; errors, with their location, to stderr. The time "now" is the system clock's.
func run(args []string, stdout, stderr io.Writer) int { return runAt(time.Now, args, stdout, stderr) }

// runAt is run with the clock now, which tests set.
func runAt(now func() time.Time, args []string, stdout, stderr io.Writer) int {
	return runEnv(newEnv(now, stdout, stderr), args)
}

// runEnv runs the command in args in the environment e.
func runEnv(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return exitOK
	case "-version", "--version":
		fmt.Fprintf(e.stdout, "tenantplan %s\n", version(debug.ReadBuildInfo))
		return exitOK
	case "help":
		// help COMMAND is COMMAND --help.
		if len(args) == 1 || strings.HasPrefix(args[1], "-") {
			fmt.Fprint(e.stdout, usage)
			return exitOK
		}
		if len(args) > 2 {
			fmt.Fprintf(e.stderr, "tenantplan help: unexpected argument %q: want one command\n", prob.Cut(args[2]))
			return exitUsage
		}
		args = []string{args[1], "--help"}
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return finish(e, c.name, c.run(e, args[1:]))
		}
	}
	fmt.Fprintf(e.stderr, "tenantplan: unknown command %q%s (run \"tenantplan --help\")\n", prob.Cut(args[0]), didYouMean(args[0], commandNames()))
	return exitUsage
}

// commandNames returns the names of the commands, for "did you mean".
func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// didYouMean returns "; did you mean X?" for the candidate closest to name (by edit distance, or
// the only candidate name is a prefix of), or "" when none is close.
func didYouMean(name string, candidates []string) string {
	if best, ok := prob.Closest(name, slices.Values(candidates)); ok {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	var prefixed []string
	for _, c := range candidates {
		if name != "" && strings.HasPrefix(c, name) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return fmt.Sprintf("; did you mean %s?", prefixed[0])
	}
	return ""
}

// version returns the module version of the binary, as the go command stamped it ("(devel)"
// when it is not known, as for a test binary or go run).
func version(read func() (*debug.BuildInfo, bool)) string {
	if bi, ok := read(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
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

// inputs adds --max-input, the largest file the command reads, to a command that reads files.
func (fs *flagSet) inputs(e *env) {
	fs.Var(sizeFlag{&e.maxInput}, "max-input", "the largest input file to read: a `size` in bytes, or with a unit B, KiB, MiB, GiB or TiB")
}

func (fs *flagSet) help() {
	fmt.Fprintf(fs.out, "Usage: tenantplan %s\n", fs.synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(fs.out, "\nFlags:\n")
		// PrintDefaults names each flag with one dash; the usage and every message write two.
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		io.WriteString(fs.out, strings.ReplaceAll("\n"+b.String(), "\n  -", "\n  --")[1:])
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
			return nil, flagErr(fs, err)
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
	if i := slices.Index(pos, "-"); i >= 0 && slices.Contains(pos[i+1:], "-") {
		return nil, usageErr("standard input (-) can be read only once: give - for one file at most")
	}
	if len(pos) < minArgs {
		return nil, usageErr("missing arguments: want %s (see --help)", names)
	}
	if maxArgs >= 0 && len(pos) > maxArgs {
		return nil, usageErr("unexpected argument %q (see --help)", prob.Cut(pos[maxArgs]))
	}
	return pos, nil
}

// flagErr turns a parse error of the flag package into a usage error; an unknown flag gets the
// closest flag of the command as a suggestion.
func flagErr(fs *flagSet, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return usageErr("%s", doubleDash(cutQuotedValue(err.Error())))
	}
	name = strings.TrimLeft(name, "-")
	var flags []string
	fs.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
	hint := didYouMean(name, flags)
	if hint != "" {
		hint = strings.Replace(hint, "mean ", "mean --", 1)
	}
	return usageErr("unknown flag --%s%s (see --help)", prob.Cut(name), hint)
}

// cutQuotedValue cuts the first quoted string of a message of the flag package ("invalid value
// "..." for flag -at: ..."), which quotes a flag's value whole, as every message cuts its input.
func cutQuotedValue(msg string) string {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return msg
	}
	q, err := strconv.QuotedPrefix(msg[i:])
	if err != nil {
		return msg
	}
	v, err := strconv.Unquote(q)
	if err != nil {
		return msg
	}
	return msg[:i] + prob.Quote(v) + msg[i+len(q):]
}

// doubleDash writes the flag a message of the flag package names the way the usage does,
// "--format" rather than "-format" (the flag package writes one dash, and accepts both).
func doubleDash(msg string) string {
	for _, p := range []string{"for flag -", "for -", "argument: -"} {
		if i := strings.Index(msg, p) + len(p); i >= len(p) && !strings.HasPrefix(msg[i:], "-") {
			return msg[:i] + "-" + msg[i:]
		}
	}
	return msg
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// freezeTime is the pair --at and --ignore-freezes: the time at which freezes are checked.
// Without either flag it is the time the command runs, read from the clock of the run.
type freezeTime struct {
	now    func() time.Time
	at     time.Time
	set    bool // --at was given
	ignore bool // --ignore-freezes was given
}

// freezeFlags adds --at and --ignore-freezes to a command, with the usage of --at.
func (fs *flagSet) freezeFlags(e *env, usage string) *freezeTime {
	f := &freezeTime{now: e.now}
	fs.Var(f, "at", usage)
	fs.BoolVar(&f.ignore, "ignore-freezes", false, "plan as if no freeze applied; not with --at")
	return f
}

func (f *freezeTime) String() string {
	if f == nil || !f.set {
		return ""
	}
	return f.at.Format(time.RFC3339Nano)
}

// Set parses --at: "now" or an RFC 3339 time.
func (f *freezeTime) Set(s string) error {
	if s == "now" {
		f.at, f.set = clockTime(f.now), true
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("time %q is neither \"now\" nor an RFC 3339 time (like 2026-03-16T09:00:00Z)", prob.Cut(s))
	}
	f.at, f.set = t, true
	return nil
}

// given reports whether --at or --ignore-freezes was given.
func (f *freezeTime) given() bool { return f.set || f.ignore }

// time returns the time to plan at: the zero time (no freeze applies) with --ignore-freezes, the
// time of --at when given, and otherwise now. --at with --ignore-freezes is a usage error.
func (f *freezeTime) time() (time.Time, error) {
	switch {
	case f.set && f.ignore:
		return time.Time{}, usageErr("--at and --ignore-freezes contradict each other: give one of them")
	case f.ignore:
		return time.Time{}, nil
	case f.set:
		return f.at, nil
	}
	return clockTime(f.now), nil
}

// clockTime reads the clock, in UTC and cut to the second so that outputs stay readable and two
// runs in the same second agree.
func clockTime(now func() time.Time) time.Time { return now().UTC().Truncate(time.Second) }

// formatFlag is an output format, one of a fixed list.
type formatFlag struct {
	value   string
	allowed []string
}

func newFormat(allowed ...string) *formatFlag {
	return &formatFlag{value: allowed[0], allowed: allowed}
}

// format adds --format to a command. Every command takes it: table (the default; "text" is
// another name for it, which explain and diff used first) or json; a command whose output is a
// JSON document anyway (generate, schema, import) takes json alone.
func (fs *flagSet) format(allowed ...string) *formatFlag {
	f := newFormat(allowed...)
	if len(allowed) == 1 {
		fs.Var(f, "format", "output `format`: json, the only one (the output is a JSON document)")
	} else {
		fs.Var(f, "format", "output `format`: table or json")
	}
	return f
}

func (f *formatFlag) String() string { return f.value }

func (f *formatFlag) Set(s string) error {
	if s == "text" && slices.Contains(f.allowed, "table") {
		s = "table"
	}
	for _, a := range f.allowed {
		if s == a {
			f.value = s
			return nil
		}
	}
	return fmt.Errorf("format %q is not one of %s", prob.Cut(s), strings.Join(f.allowed, ", "))
}

// json reports whether the JSON format was asked for.
func (f *formatFlag) json() bool { return f.value == "json" }

// policyFlag is a progression policy.
type policyFlag struct{ p lifecycle.Policy }

func (f *policyFlag) String() string { return "" }

func (f *policyFlag) Set(s string) error {
	p, err := lifecycle.ParsePolicy(s)
	if err != nil {
		return fmt.Errorf("policy %q is not AnySuccess or LatestOutcome", prob.Cut(s))
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
// location (file, then line and column for malformed JSON or the path in the model). The error
// carries exitInput when the file cannot be read, is not well-formed JSON or is another kind of
// file, and exitFindings when it is a model that breaks the rules. A model of more than 10,000
// tenants shows a progress line on stderr when stderr is a terminal.
func loadModel(e *env, path string) (*plan.Space, error) {
	s, bad, err := openModel(e, path)
	if err != nil {
		return nil, err
	}
	if bad != nil {
		printProblems(e, path, bad, nil)
		return nil, silent(bad.code)
	}
	return s, nil
}

// modelProblems is what is wrong with a model file: the problems, what the file is ("malformed
// model", "invalid model") and the exit code that goes with it.
type modelProblems struct {
	problems []problem
	what     string
	code     int
}

// problem is one problem of an input file, as validate and check list them.
type problem struct {
	File    string `json:"file,omitempty"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// openModel is loadModel without the printing: the compiled model, or the problems of a model
// that is malformed or invalid, or an input error (a file that cannot be read or is another
// kind of file).
func openModel(e *env, path string) (*plan.Space, *modelProblems, error) {
	data, err := readInput(path, e.maxInput)
	if err != nil {
		return nil, nil, err
	}
	f, err := model.Decode(data)
	if err != nil {
		if !json.Valid(data) {
			return nil, &modelProblems{problemsOf(path, err), "malformed model", exitInput}, nil
		}
		if err := wrongKind(path, data, kindModel); err != nil {
			return nil, nil, err
		}
		return nil, &modelProblems{problemsOf(path, err), "invalid model", exitFindings}, nil
	}
	pr := e.begin(len(f.Tenants) > e.progressMin, "loading %s: compiling %d tenants", path, len(f.Tenants))
	s, err := plan.Compile(f)
	pr.end("loaded %s: %d tenants", path, len(f.Tenants))
	if err != nil {
		return nil, &modelProblems{problemsOf(path, err), "invalid model", exitFindings}, nil
	}
	return s, nil, nil
}

// problemsOf lists every problem of err, an error of decoding or compiling the model at path.
func problemsOf(path string, err error) []problem {
	var (
		mes model.Errors
		ves plan.ValidationErrors
		out []problem
	)
	switch {
	case errors.As(err, &mes):
		for _, me := range mes {
			out = append(out, problem{File: path, Path: me.Path, Line: me.Line, Column: me.Column,
				Code: string(me.Code()), Message: me.Message})
		}
	case errors.As(err, &ves):
		for _, ve := range ves {
			out = append(out, problem{File: path, Path: ve.Path, Code: string(ve.Code), Message: ve.Message})
		}
	default:
		out = append(out, problem{File: path, Message: err.Error()})
	}
	return out
}

// printModelErrors writes every problem of a model, one per line, prefixed by its location, then
// a line "PATH: WHAT: N problem(s)".
func printModelErrors(e *env, path string, err error, what string) {
	printProblems(e, path, &modelProblems{problems: problemsOf(path, err), what: what}, nil)
}

// printProblems writes the problems of the model at path to stderr, one per line with its
// location, at most as many as limit lets through, then a line "PATH: WHAT: N problem(s)".
func printProblems(e *env, path string, bad *modelProblems, limit *limitFlag) {
	ps := bad.problems
	for _, p := range ps[:limit.shown(len(ps))] {
		code := ""
		if p.Code != "" {
			code = " [" + p.Code + "]"
		}
		switch {
		case p.Line > 0:
			fmt.Fprintf(e.stderr, "%s:%d:%d: %s%s\n", path, p.Line, p.Column, p.Message, code)
		case p.Code == "" && p.Path == "":
			fmt.Fprintf(e.stderr, "%s: %s\n", path, p.Message)
		default:
			fmt.Fprintf(e.stderr, "%s: %s: %s%s\n", path, location(p.Path), p.Message, code)
		}
	}
	limit.more(e.stderr, len(ps), "problem(s)")
	fmt.Fprintf(e.stderr, "%s: %s: %d problem(s)\n", path, bad.what, len(ps))
}

func location(p string) string {
	if p == "" {
		return "(document)"
	}
	return p
}

// requestErr turns an error of the planner into an input error. A *plan.RequestError names the
// field of the request ("request tenants[0]: ..."), which the user never wrote: its message names
// the flag that gave the value instead ("--tenant: ..."). Callers wrap err with the file the
// request comes from, if any.
func requestErr(err error) error { return inputErr("%s", renameField(err, flagOf)) }

// policyErr is requestErr for a request read from the rollout policy file path: the message names
// the file and the key of the policy that is wrong ("policy.json: rings[0].tags: ...").
func policyErr(path string, err error) error {
	return inputErr("%s", renameField(err, func(field string) string { return path + ": " + field }))
}

// reportErr is requestErr for report, whose request mixes flags and, with --policy, the keys of
// the rollout policy file path: a field of the policy is named in the file, any other by its flag.
func reportErr(path string, err error) error {
	return inputErr("%s", renameField(err, func(field string) string {
		if path != "" && isPolicyField(field) {
			return path + ": " + field
		}
		return flagOf(field)
	}))
}

// renameField returns the message of err with the "request FIELD" of a *plan.RequestError in it
// replaced by where(FIELD), keeping whatever err adds around it.
func renameField(err error, where func(field string) string) string {
	msg := err.Error()
	var re *plan.RequestError
	if !errors.As(err, &re) {
		return msg
	}
	return strings.Replace(msg, re.Error(), prob.Format(where(re.Field), re.Message, re.Code), 1)
}

// requestFlags maps the fields of the planner's requests (without an index) to the flags that
// set them.
var requestFlags = map[string]string{
	"project": "--project", "release": "--release", "environment": "--environment",
	"tenant": "--tenant", "tenants": "--tenant", "tags": "--tag", "expression": "--expr",
	"principal": "--as", "overrideFreezes": "--override", "policy": "--policy",
}

// flagOf names the flag that set a request field: "tenants[2]" is the third --tenant, shown as
// "--tenant"; a field no flag sets keeps its name.
func flagOf(field string) string {
	if f, ok := requestFlags[fieldBase(field)]; ok {
		return f
	}
	return field
}

// fieldBase is the first name of a request field: "rings" for "rings[0].tags".
func fieldBase(field string) string {
	base, _, _ := strings.Cut(field, "[")
	base, _, _ = strings.Cut(base, ".")
	return base
}

// isPolicyField reports whether a request field comes from a rollout policy file rather than
// from a flag of report.
func isPolicyField(field string) bool {
	switch fieldBase(field) {
	case "rings", "order", "waveDuration", "start", "environments", "policy":
		return true
	}
	return false
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
