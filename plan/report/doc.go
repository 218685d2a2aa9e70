// Package report writes the release report of a project: one self-contained HTML page that
// shows where a release can go, why not elsewhere, and how a rollout would take it there.
//
// [Write] computes the report of a [Request] on a [plan.Space] and writes the page to an
// io.Writer. The page needs nothing else: its style sheet and its small script are inside it, it
// loads no font, image, script or style from anywhere, and it works offline, from a file, and as
// an artifact of a CI job. It is built with html/template, so every name and message of the model
// is escaped.
//
// # What the page shows
//
// Summary. The cells of the matrix of the release (one per tenant, or the untenanted track, and
// environment) counted as deployable, done, blocked and not connected, then the blocked cells
// counted by the code of their first reason, the most common first (ties by code).
//
// The grid. The matrix as a table: one row per track, one column per environment, a colour and a
// word in each cell, and the current release in front of the word:
//
//	ok         the release can be deployed there now
//	done       the release is the current release there already
//	n/c        the tenant is not connected to the environment (whatever its other reasons)
//	a reason   the first reason why not, in a short word (lifecycle, disabled, frozen, missing,
//	           no-target, forbidden, channel, n/a, blocked, tenancy, tenanted); "+" when there
//	           are more
//
// Every colour has its word, and a legend lists the words the grid uses with their meaning. A
// cell with reasons is a link to its list of reasons at the end of the page, where each distinct
// list appears once; with the script, pointing at or focusing such a cell shows its tenant,
// environment and every reason with its message in a panel (Escape hides it).
//
// Groups and filters. With [Options.GroupBy] naming a tag set, the rows are grouped by each
// tenant's first tag of that set, in the tag set's order, then the tenants without one. Rows come
// in collapsible parts of at most [Options.GroupRows] rows (default 1,000), each its own table
// with its header row and a summary line of its counts. The script adds a form that filters the
// rows by tenant name (a case-insensitive substring) and by tag expression, in the language of
// package tags: and, or, not (also &&, ||, !), parentheses, Set/Tag (quoted when it holds other
// characters than letters, digits, "_", "-", ".", "/" and "*"), Set/* for any tag of the set,
// tenant("Name"), true and false; keywords in any case. The filter keeps the rows that match both,
// says how many match in a status line read out by screen readers, opens the parts that have
// matches when there are at most GroupRows of them, and hides the parts without. A wrong
// expression is reported with its column. Each row carries its tenant's tags as numbers into one
// list of tag names in the page. Without the script the page is complete: every row, every
// reason and every section is there; only the form is missing.
//
// Timeline. With [Request.Rollout], the rollout of the release: an SVG chart with one bar per wave
// on a time axis (in order, equally spaced, when the rollout is not timed), the occurrences of
// the freezes that hold a cell of a wave as hatched bands over that wave's row with the freeze's
// name above, and a dashed line before each wave for the soak its gate waits for. Every bar is
// a keyboard stop with a text label; a table lists the same waves in words (environment, ring,
// gate, start, end, tenants), then the rings and their members, the cells done already, the
// tenants in no ring, and the cells no wave can deploy, with their reasons. At most
// [Options.MaxFreezeBands] bands are drawn (default 500); the page says how many more there are.
//
// Diff. With [Request.Before], a second model: the cells of its matrix for the same request that
// were added, removed or changed (decision, current release or reasons), as a table and as an
// outline of the cells in the grid, with the kind of change in words.
//
// # Scale
//
// A report of 100,000 tenants stays usable because the grid groups rows: the page holds every
// row, in parts of at most GroupRows rows, and when the grid has more rows than that every part
// starts closed, so the browser lays out only the summary lines of the parts and the rows of
// the parts a reader opens (open parts also use content-visibility). The page grows linearly
// with the tenants: about 340 bytes per tenant on a synthetic model of four environments (3.4 MB
// for 10,000 tenants), since each distinct list of reasons and each tag name is written once.
//
// # Principals and secrets
//
// [Request.Principal] makes the report for a principal: the matrix is computed for it (tenants it
// may not view are left out, and cells it may not deploy are blocked as forbidden), and every
// other part shows only those tenants: the tags in the page are theirs, ring member counts count
// only them, and a freeze band is drawn for a tenant-scoped freeze only when it holds one of them.
// The timeline shows only the waves that hold one of them, each listing only them, numbered
// again from 1 in order; a gate on a wave left out reads "after earlier waves" (with the soak).
// The page never says that a wave holds other tenants: a principal does not learn from it that
// tenants it may not view exist (the times of the waves still follow the whole rollout). The page
// never shows the value of a variable: no sensitive value can appear in it.
//
// # Errors
//
// An unknown project, release or principal, a rollout policy the planner refuses, or one for
// another project or release than the request's, and an unknown tag set in GroupBy are errors
// returned before anything is written; the planner's errors keep their codes (see plan.CodeOf).
// An error of the writer is returned as it is.
//
// Decisions:
//   - Decision: a cell of a tenant not connected to the environment is "n/c", counted apart from
//     the blocked cells, since nobody deploys there.
//   - Decision: a cell whose current release is the release is "done" even when a reason would
//     block deploying it again.
//   - Decision: the filter reads only the tags in the page: a tag that no row carries matches no
//     row (the status line says so) instead of being an error.
//   - Decision: a wave whose tenants the principal may not all view is drawn, since its timing
//     is a fact of the rollout; its tenant list shows only those it may view.
//
// # Concurrency
//
// Write is safe for concurrent use; it reads the Space and writes only to its writer.
package report
