package octopus

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Kind says why a report entry was written.
type Kind string

// The kinds of report entries. Their string values are stable.
const (
	// Missing: an optional collection has no file; what it would have held is not imported.
	Missing Kind = "missing-collection"
	// Dangling: a reference names an Id that no imported resource has; the reference (or the
	// resource that needs it) is left out, never guessed.
	Dangling Kind = "dangling-id"
	// Unsupported: a field or resource the model has no equivalent for; it is not imported.
	Unsupported Kind = "unsupported"
	// Approximated: imported, but the model says something slightly different from Octopus; the
	// message says what.
	Approximated Kind = "approximated"
	// InProgress: a deployment whose task has not finished; left out of the history.
	InProgress Kind = "in-progress"
	// Disabled: a disabled resource (a deployment target or a project) left out.
	Disabled Kind = "disabled"
	// NotSelected: outside the space, the projects or the history window chosen in Options.
	NotSelected Kind = "not-selected"
	// Duplicate: a resource whose name another resource of its kind already has; left out.
	Duplicate Kind = "duplicate-name"
	// Invalid: a value that cannot be read (a malformed time, an unknown enumeration value); the
	// resource or field holding it is left out.
	Invalid Kind = "invalid-value"
	// Permission: a permission of a user role with no equivalent in the model's grants.
	Permission Kind = "permission"
)

var kinds = []Kind{Missing, Dangling, Unsupported, Approximated, InProgress, Disabled, NotSelected, Duplicate, Invalid, Permission}

// String returns the kind's value ("missing-collection", ...).
func (k Kind) String() string { return string(k) }

// MarshalText returns the kind's value.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k), nil }

// UnmarshalText sets the kind from its value; any other text is an error that lists the kinds
// and wraps [ErrInvalidValue].
func (k *Kind) UnmarshalText(b []byte) error {
	for _, x := range kinds {
		if string(x) == string(b) {
			*k = x
			return nil
		}
	}
	var list strings.Builder
	for i, x := range kinds {
		switch {
		case i == len(kinds)-1:
			list.WriteString(" or ")
		case i > 0:
			list.WriteString(", ")
		}
		list.WriteString(strconv.Quote(string(x)))
	}
	return fmt.Errorf("report entry kind %s: %w: want %s", problem.Quote(string(b)), ErrInvalidValue, list.String())
}

// Entry is one thing that was not imported, or imported as an approximation: the file it comes
// from (relative to the folder), the JSON path inside that file, its kind and why.
type Entry struct {
	File    string `json:"file"`
	Path    string `json:"path,omitempty"`
	Kind    Kind   `json:"kind"`
	Message string `json:"message"`
}

// String returns "file path: kind: message".
func (e Entry) String() string {
	loc := e.File
	if e.Path != "" {
		loc += " " + e.Path
	}
	return loc + ": " + string(e.Kind) + ": " + e.Message
}

// Report lists everything the import left out or approximated, in the order of the collections
// (as listed in the package documentation) and, inside a file, in the order of the input. Nothing
// is dropped without an entry.
type Report struct {
	Entries []Entry `json:"entries"`
}

// String writes one entry per line.
func (r *Report) String() string {
	var b strings.Builder
	for _, e := range r.Entries {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Count returns how many entries have kind k.
func (r *Report) Count(k Kind) int {
	n := 0
	for _, e := range r.Entries {
		if e.Kind == k {
			n++
		}
	}
	return n
}

func (r *Report) add(file, path string, k Kind, format string, args ...any) {
	r.Entries = append(r.Entries, Entry{File: file, Path: path, Kind: k, Message: fmt.Sprintf(format, args...)})
}
