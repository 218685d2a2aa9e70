package octopus

import "time"

// Defaults of the limits of Options.
const (
	// DefaultMaxFileBytes is the largest file read: 256 MiB.
	DefaultMaxFileBytes = 256 << 20
	// DefaultMaxTotalBytes is the most read from one folder in all: 2 GiB.
	DefaultMaxTotalBytes = 2 << 30
	// DefaultMaxPages is the most page files of one collection: 10,000.
	DefaultMaxPages = 10_000
	// DefaultMaxItems is the most resources of one collection (and the most files of the
	// tenantvariables folder): 10,000,000.
	DefaultMaxItems = 10_000_000
)

// SensitivePlaceholder is the value the import gives a sensitive tenant value (or a sensitive
// template default) that Octopus says is set but never returns. It is present, so the template is
// not missing, and it is not a real value: it is a binding of a variable nobody defines, so
// anything that expands it reports it as unresolved instead of using an invented secret. The
// template it belongs to is imported as sensitive, so plans and explanations mask it anyway.
const SensitivePlaceholder = "#{Octopus.Import.SensitiveValueNotExported}"

// Options selects what Import reads. The zero value imports the folder's only space, every
// project and the whole history, within the default limits.
type Options struct {
	// Space is the Id of the space to import ("Spaces-1"). Resources of other spaces are left out
	// (and reported). Empty: the folder must hold a single space.
	Space string
	// Projects names the projects to import, by name or Id. Empty: every project. The releases,
	// deployments, channels, connections, tenant values and freeze scopes of the other projects
	// are left out with one report entry per project.
	Projects []string
	// HistoryFrom and HistoryTo bound the deployments imported to [HistoryFrom, HistoryTo); a
	// zero time leaves that side open. Deployments outside are reported as not selected.
	HistoryFrom, HistoryTo time.Time
	// MaxFileBytes bounds the size of one file (0: DefaultMaxFileBytes).
	MaxFileBytes int64
	// MaxTotalBytes bounds the bytes read from the folder in all (0: DefaultMaxTotalBytes).
	MaxTotalBytes int64
	// MaxPages bounds the page files of one collection (0: DefaultMaxPages).
	MaxPages int
	// MaxItems bounds the resources of one collection (0: DefaultMaxItems).
	MaxItems int
}

func (o Options) maxFileBytes() int64  { return orDefault(o.MaxFileBytes, DefaultMaxFileBytes) }
func (o Options) maxTotalBytes() int64 { return orDefault(o.MaxTotalBytes, DefaultMaxTotalBytes) }
func (o Options) maxPages() int        { return orDefault(o.MaxPages, DefaultMaxPages) }
func (o Options) maxItems() int        { return orDefault(o.MaxItems, DefaultMaxItems) }

// orDefault returns v, or def when v is not positive.
func orDefault[N int | int64](v, def N) N {
	if v > 0 {
		return v
	}
	return def
}
