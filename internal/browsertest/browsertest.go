package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing browser into a failure.
const RequireEnv = "TENANTPLAN_BROWSER"

// Browser is a headless Chromium with one tab, and what the tab reported: console errors,
// uncaught exceptions and requests for anything but local files.
type Browser struct {
	Ctx context.Context

	mu       sync.Mutex
	problems []string
}

// Path returns the Chromium to use, or "" and why there is none.
func Path() (string, string) {
	if p := os.Getenv("TENANTPLAN_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Sprintf("TENANTPLAN_CHROMIUM=%s: %v", p, err)
		}
		return p, ""
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", ""
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, ""
		}
	}
	return "", "no Chromium found (set TENANTPLAN_CHROMIUM, or install chromium: apt-get install -y chromium)"
}

// New starts a browser for t, or skips t when there is none (fails it when RequireEnv is
// "require"). The browser stops when t ends.
func New(t testing.TB) *Browser {
	t.Helper()
	path, why := Path()
	if path == "" {
		if os.Getenv(RequireEnv) == "require" {
			t.Fatalf("browser tests are required (%s=require) but %s", RequireEnv, why)
		}
		t.Skipf("browser test skipped: %s; set %s=require to make this a failure", why, RequireEnv)
	}
	// A loaded machine sometimes fails a start: try three times, each with a fresh profile.
	var err error
	for range 3 {
		var b *Browser
		var stop func()
		if b, stop, err = start(path, t.TempDir()); err == nil {
			t.Cleanup(stop)
			return b
		}
	}
	if os.Getenv(RequireEnv) == "require" {
		t.Fatalf("start %s: %v", path, err)
	}
	t.Skipf("browser test skipped: %s does not start: %v", path, err)
	return nil
}

// start starts the browser at path with the profile folder dir and opens a tab.
func start(path, dir string) (*Browser, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	stop := func() {
		cancelB()
		cancelA()
	}
	b := &Browser{Ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, err
	}
	// A headless tab has no window focus, and then focus events never fire: emulate a focused
	// page, as a user's is.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		stop()
		return nil, nil, err
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, strings.TrimSpace(string(a.Value)+" "+a.Description))
				}
				b.report("console %s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.report("uncaught exception at %d:%d: %s", d.LineNumber+1, d.ColumnNumber+1, msg)
		case *log.EventEntryAdded:
			if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError {
				b.report("log %s: %s", ev.Entry.Source, ev.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				b.report("request for %s: a report must not load anything", u)
			}
		}
	})
	if err != nil {
		stop()
		return nil, nil, err
	}
	return b, stop, nil
}

func (b *Browser) report(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// Problems returns the console errors, exceptions and remote requests seen so far.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// Open writes page to a file in dir and loads it, waiting until the document's script marked it
// ready (the data-ready attribute of the root element) or, for a page without script, until it
// has loaded. It returns the time from navigation to ready.
func (b *Browser) Open(t testing.TB, dir, name string, page []byte, scripted bool) time.Duration {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(b.Ctx, 5*time.Minute)
	defer cancel()
	start := time.Now()
	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate("file://" + file)}
	if scripted {
		steps = append(steps, chromedp.WaitVisible(chromedp.CSS("html[data-ready]")))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	return time.Since(start)
}

// Do runs steps in the browser's tab, failing t on error.
func (b *Browser) Do(t testing.TB, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its value, failing t on error.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 2*time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Screenshot saves a PNG of the element matched by the CSS selector sel (the whole page when sel
// is "") to dir/name and returns its path.
func (b *Browser) Screenshot(t testing.TB, dir, name, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 2*time.Minute)
	defer cancel()
	var (
		png []byte
		err error
	)
	if sel == "" {
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	} else {
		png, err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	}
	if err != nil {
		t.Fatalf("screenshot %q: %v", sel, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
