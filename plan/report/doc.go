// Package report writes the release report of a project: one self-contained HTML page.
package report
