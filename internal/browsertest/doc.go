// Package browsertest opens pages in a headless Chromium for tests, with
// github.com/chromedp/chromedp.
//
// Without a browser the tests that use it skip and say why, so that plain `go test ./...` works
// on any machine; with TENANTPLAN_BROWSER=require in the environment (the CI script sets it) a
// missing browser fails them instead. The browser is TENANTPLAN_CHROMIUM when set, else
// /usr/bin/chromium, else the first chromium or chromium-browser on PATH. It runs headless with a
// fresh profile in a temporary folder, without sandbox, GPU, QUIC, first-run screens, background
// networking, component updates or sync.
//
// # Concurrency
//
// Each Browser belongs to one test; tests may run their own browsers in parallel.
package browsertest
