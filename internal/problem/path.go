package problem

import "strconv"

// Path locates a value in a document, in the form the module's errors print:
// "tenants[3].tags[1]", "libraries.Shared.variables[0]", `tenants[2].values["a b"]`. It is built
// step by step from [Root] and costs a string only when printed, so build it only for an error.
// The zero Path (and a nil *Path) is the document itself and prints "".
type Path struct {
	parent *Path
	key    string
	index  int // -1 for a key
}

// Root returns the path of a top-level field (the name is printed as given).
func Root(name string) *Path { return &Path{key: name, index: -1} }

// Key returns the path of the field or map entry k of p: ".k" when k is a plain identifier
// (ASCII letters, digits, '_' and '-', at most MaxQuoted bytes), else `["k"]` quoted with
// [Quote].
func (p *Path) Key(k string) *Path { return &Path{parent: p, key: k, index: -1} }

// Index returns the path of element i of the list at p: "[i]".
func (p *Path) Index(i int) *Path { return &Path{parent: p, index: max(i, 0)} }

// String returns the path as printed.
func (p *Path) String() string {
	if p == nil {
		return ""
	}
	return string(p.Append(nil))
}

// Append appends the path to b.
func (p *Path) Append(b []byte) []byte {
	if p == nil {
		return b
	}
	b = p.parent.Append(b)
	if p.index >= 0 {
		return AppendIndex(b, p.index)
	}
	if p.parent == nil {
		return append(b, p.key...)
	}
	return AppendKey(b, p.key)
}

// AppendKey appends the key k to the path b: after a dot when k is a plain identifier (a dot
// only when b is not empty), else in brackets, quoted with [Quote].
func AppendKey(b []byte, k string) []byte {
	if !plain(k) {
		b = append(b, '[')
		b = append(b, Quote(k)...)
		return append(b, ']')
	}
	if len(b) > 0 {
		b = append(b, '.')
	}
	return append(b, k...)
}

// AppendIndex appends the list index i to the path b: "[i]".
func AppendIndex(b []byte, i int) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, ']')
}

// plain reports whether k prints bare in a path.
func plain(k string) bool {
	if k == "" || len(k) > MaxQuoted {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
