package strictjson

// The defaults of Options, used where a field is zero (or negative).
const (
	// DefaultMaxBytes is the largest input accepted: 1 GiB.
	DefaultMaxBytes = 1 << 30
	// DefaultMaxErrors is the most problems reported one by one: 1,000.
	DefaultMaxErrors = 1000
	// DefaultMaxStringBytes is the longest string value or key accepted: 1 MiB.
	DefaultMaxStringBytes = 1 << 20
	// DefaultMaxListLength is the most elements of one list, or keys of one map: 10,000,000.
	DefaultMaxListLength = 10_000_000
)

// MaxDepth is the deepest JSON nesting the decoder accepts; the bound keeps a hostile document
// from exhausting the stack.
const MaxDepth = 64

// Options bounds what the decoder accepts, so that no input, however large or hostile, costs more
// than linear time and memory. The zero value means the defaults; a field that is zero or negative
// takes its default. It has the fields of model.Options, which converts to it.
type Options struct {
	// MaxBytes is the largest input accepted, in bytes (default DefaultMaxBytes, 1 GiB). A larger
	// input is one ErrLimit error and is not read.
	MaxBytes int64
	// MaxErrors is the most problems reported (default DefaultMaxErrors, 1,000). Past it the
	// decoder still reads the whole input but only counts the problems, and ends the list with one
	// ErrLimit entry that says how many more there are.
	MaxErrors int
	// MaxStringBytes is the longest string value or object key accepted, in bytes once unescaped
	// (default DefaultMaxStringBytes, 1 MiB). A longer one is an ErrLimit error with its path.
	MaxStringBytes int
	// MaxListLength is the most elements of one list, or keys of one map (default
	// DefaultMaxListLength, 10,000,000). The elements past it are an ErrLimit error with the
	// list's path, and are read but not kept.
	MaxListLength int
}

// withDefaults returns o with every unset field set to its default.
func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = DefaultMaxErrors
	}
	if o.MaxStringBytes <= 0 {
		o.MaxStringBytes = DefaultMaxStringBytes
	}
	if o.MaxListLength <= 0 {
		o.MaxListLength = DefaultMaxListLength
	}
	return o
}
