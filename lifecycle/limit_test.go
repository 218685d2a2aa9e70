package lifecycle_test

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/lineartest"
	"github.com/tenantplan/tenantplan/lifecycle"
)

// TestLimits: each limit accepts input at the limit, rejects input over it with ErrLimit and a
// message naming the input, the limit, its default and its option, and can be changed or
// lifted with Options.
func TestLimits(t *testing.T) {
	version := func(n int) string { return "1.0.0-" + strings.Repeat("a", n-6) }
	tests := []struct {
		name    string
		parse   func(o lifecycle.Options, s string) error
		at      string // at the default limit: accepted
		over    string // one more: rejected
		opts    lifecycle.Options
		option  string
		message string
	}{
		{
			name:  "version",
			parse: func(o lifecycle.Options, s string) error { _, err := o.ParseVersion(s); return err },
			at:    version(256), over: version(257),
			opts: lifecycle.Options{MaxVersionLen: 300}, option: "MaxVersionLen",
			message: "version length over the limit of 256 bytes (default 256; Options.MaxVersionLen)",
		},
		{
			name:  "range",
			parse: func(o lifecycle.Options, s string) error { _, err := o.ParseRange(s); return err },
			at:    "[1.0," + strings.Repeat(" ", 1024-9) + "2.0)", over: "[1.0," + strings.Repeat(" ", 1024-8) + "2.0)",
			opts: lifecycle.Options{MaxRangeLen: 2000}, option: "MaxRangeLen",
			message: "range length over the limit of 1024 bytes (default 1024; Options.MaxRangeLen)",
		},
		{
			name:  "version in a range",
			parse: func(o lifecycle.Options, s string) error { _, err := o.ParseRange(s); return err },
			at:    "[" + version(256) + ",)", over: "[" + version(257) + ",)",
			opts: lifecycle.Options{MaxVersionLen: 300}, option: "MaxVersionLen",
			message: "version length over the limit of 256 bytes",
		},
		{
			name:  "pattern length",
			parse: func(o lifecycle.Options, s string) error { _, err := o.NewRule("", s); return err },
			at:    strings.Repeat("[abcdefgh]", 409) + "abcdef", over: strings.Repeat("[abcdefgh]", 409) + "abcdefg",
			opts: lifecycle.Options{MaxPatternLen: 5000, MaxPatternSize: -1}, option: "MaxPatternLen",
			message: "pattern length over the limit of 4096 bytes (default 4096; Options.MaxPatternLen)",
		},
		{
			name:  "compiled pattern size",
			parse: func(o lifecycle.Options, s string) error { _, err := o.NewRule("", s); return err },
			at:    "[a-z]{998}", over: "[a-z]{999}", // plus the start and the end of the program
			opts: lifecycle.Options{MaxPatternSize: 1001}, option: "MaxPatternSize",
			message: "compiled pattern size over the limit of 1000 instructions (default 1000; Options.MaxPatternSize)",
		},
		{
			name: "channel",
			parse: func(o lifecycle.Options, s string) error {
				_, err := o.NewChannel(lifecycle.ChannelSpec{Name: "Beta", PreRelease: s})
				return err
			},
			at: "[a-z]{998}", over: strings.Repeat("[a-z]{1000}", 4),
			opts: lifecycle.Options{MaxPatternSize: 5000}, option: "MaxPatternSize",
			message: `channel "Beta": preRelease "[a-z]{1000}[a-z]{1000}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.parse(lifecycle.Options{}, tt.at))
			err := tt.parse(lifecycle.Options{}, tt.over)
			require.ErrorIs(t, err, lifecycle.ErrLimit)
			require.Contains(t, err.Error(), tt.message)
			require.Contains(t, err.Error(), tt.option)
			require.Less(t, len(err.Error()), 400)
			require.NoError(t, tt.parse(tt.opts, tt.over), "a larger limit")
			require.NoError(t, tt.parse(lifecycle.Options{MaxVersionLen: -1, MaxRangeLen: -1, MaxPatternLen: -1, MaxPatternSize: -1}, tt.over), "no limit")
		})
	}
	_, err := lifecycle.ParseVersion(version(257))
	var pe *lifecycle.ParseError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, 256, pe.Offset, "the error is where the limit is passed")
}

// TestNewRule_PatternSizeIsCountedBeforeCompiling: a pattern of a few bytes whose program would
// be huge is rejected without being compiled.
func TestNewRule_PatternSizeIsCountedBeforeCompiling(t *testing.T) {
	p := strings.Repeat("[a-z]{1000}", 300) // 3,300 bytes, 300,000 instructions
	allocs := testing.AllocsPerRun(1, func() {
		_, err := lifecycle.NewRule("", p)
		require.ErrorIs(t, err, lifecycle.ErrLimit)
	})
	require.Less(t, allocs, 1000.0)
}

// hostileReleases is the shape of the issue at size n: a channel whose pre-release pattern is
// "[a-z]{n}" four times, and ten releases whose pre-release labels are 100·n bytes. It returns
// the work of loading them: building the channel, parsing each version, and checking the
// versions that parse against the rule.
func hostileReleases(n int) func() {
	pattern := strings.Repeat(fmt.Sprintf("[a-z]{%d}", n), 4)
	versions := make([]string, 10)
	for i := range versions {
		versions[i] = fmt.Sprintf("1.0.%d-%s", i, strings.Repeat("b", 100*n))
	}
	return func() {
		ch, err := lifecycle.NewChannel(lifecycle.ChannelSpec{Name: "Beta", PreRelease: pattern})
		for _, s := range versions {
			v, verr := lifecycle.ParseVersion(s)
			if err == nil && verr == nil {
				ch.Rule().Allows(v)
			}
		}
	}
}

// TestHostileReleases: the input (a 4 KB pattern, labels of 100 KB, 99 s to load) is
// rejected, and the work of loading the shape grows linearly with its size.
func TestHostileReleases(t *testing.T) {
	_, err := lifecycle.NewChannel(lifecycle.ChannelSpec{Name: "Beta", PreRelease: strings.Repeat("[a-z]{1000}", 4)})
	require.ErrorIs(t, err, lifecycle.ErrLimit)
	_, err = lifecycle.ParseVersion("1.0.0-" + strings.Repeat("b", 100_000))
	require.ErrorIs(t, err, lifecycle.ErrLimit)
	lineartest.Require(t, 20, 8, true, hostileReleases)
}

// BenchmarkHostileReleases: the shape of TestHostileReleases at two sizes.
func BenchmarkHostileReleases(b *testing.B) {
	for _, n := range []int{250, 1000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			run := hostileReleases(n)
			b.ReportAllocs()
			for b.Loop() {
				run()
			}
		})
	}
}

// FuzzNewRule: no pattern panics; an error wraps ErrInvalidValue or ErrLimit and names the
// field; a pattern over the length limit is ErrLimit; an accepted pattern compiles to at most
// DefaultMaxPatternSize instructions, and one rejected for its size to more.
func FuzzNewRule(f *testing.F) {
	for _, s := range []string{"", "^$", "^beta", `^(alpha|beta|rc)\.\d+$`, "(", "a**", "[a-z]{998}", "[a-z]{999}",
		strings.Repeat("[a-z]{1000}", 4), "((a{100}){100}){100}", strings.Repeat("a", 4097), "(a*)*{500}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		r, err := lifecycle.NewRule("", p)
		if len(p) > lifecycle.DefaultMaxPatternLen && !errors.Is(err, lifecycle.ErrLimit) {
			t.Fatalf("NewRule of a %d-byte pattern: %v; want ErrLimit", len(p), err)
		}
		size := -1
		if re, perr := syntax.Parse(p, syntax.Perl); perr == nil && len(p) <= lifecycle.DefaultMaxPatternLen && p != "" {
			if prog, cerr := syntax.Compile(re.Simplify()); cerr == nil {
				size = len(prog.Inst)
			}
			// The rule matches without regard to case: that program is no larger.
			if size >= 0 && size <= 10*lifecycle.DefaultMaxPatternSize {
				folded, ferr := syntax.Parse(p, syntax.Perl|syntax.FoldCase)
				if ferr != nil {
					t.Fatalf("pattern %q parses but not without regard to case: %v", p, ferr)
				}
				prog, cerr := syntax.Compile(folded.Simplify())
				if cerr != nil {
					t.Fatalf("pattern %q compiles but not without regard to case: %v", p, cerr)
				}
				if len(prog.Inst) != size {
					t.Fatalf("pattern %q: %d instructions, %d without regard to case", p, size, len(prog.Inst))
				}
			}
		}
		if err != nil {
			if !errors.Is(err, lifecycle.ErrInvalidValue) && !errors.Is(err, lifecycle.ErrLimit) || !strings.Contains(err.Error(), "preRelease") {
				t.Fatalf("NewRule(%q): %v", p, err)
			}
			if errors.Is(err, lifecycle.ErrLimit) && size >= 0 && size <= lifecycle.DefaultMaxPatternSize {
				t.Fatalf("NewRule(%q): %v, but it compiles to %d instructions", p, err, size)
			}
			return
		}
		if r.PreRelease() != p {
			t.Fatalf("NewRule(%q).PreRelease() = %q", p, r.PreRelease())
		}
		if size > lifecycle.DefaultMaxPatternSize {
			t.Fatalf("NewRule(%q) accepted a pattern of %d instructions", p, size)
		}
	})
}
