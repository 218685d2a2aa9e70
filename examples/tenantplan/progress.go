package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress is a line on standard error about long work (loading a big model, importing,
// generating), shown only when standard error is a terminal: a pipe or a file never gets one.
type progress struct {
	w     io.Writer // nil: nothing is shown
	start time.Time
}

// begin starts a progress line "tenantplan: WHAT..." when show is true and standard error is a
// terminal (env.terminal); otherwise the progress shows nothing.
func (e *env) begin(show bool, format string, args ...any) *progress {
	if !show || !e.terminal(e.stderr) {
		return &progress{}
	}
	fmt.Fprintf(e.stderr, "tenantplan: "+format+"...", args...)
	return &progress{w: e.stderr, start: time.Now()}
}

// end overwrites the progress line with what was done and how long it took.
func (p *progress) end(format string, args ...any) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\rtenantplan: %s in %s   \n", fmt.Sprintf(format, args...),
		human(time.Since(p.start).Round(time.Millisecond)))
}

// isTerminal reports whether w is a character device (a terminal), from its Stat.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
