package strictjson

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// variantItem is an element of the lists of TestDecode_InPartsAsAloneVariants.
type variantItem struct {
	Name string            `json:"name"`
	N    *int              `json:"n"`
	M    map[string]string `json:"m"`
}

// TestDecode_InPartsAsAloneVariants: documents whose long lists hold problems of every kind
// (invalid UTF-8, duplicate and unknown keys, null elements, numbers out of range), with CRLF
// and other whitespace, a byte order mark, truncated or malformed ends, a list or a map at the
// top, and a low cap on problems or on list length, decode in parts to the same values and
// problems (with their lines and columns) as alone.
func TestDecode_InPartsAsAloneVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes documents of several MB many times")
	}
	before := joined.Load()
	elem := func(i int) string {
		switch {
		case i%5003 == 1:
			return "{\"name\": \"a\xffb\", \"n\": 1}"
		case i%4001 == 2:
			return `{"name": "x", "m": {"a": "1", "b": "2", "a": "3"}}`
		case i%3001 == 3:
			return `null`
		case i%2003 == 4:
			return "{\"name\": \"x\", \"name\": \"y\", \"zz\": 1, \"\xfe\": 2, \"n\": null}"
		case i%1009 == 5:
			return `{"n": 99999999999}`
		}
		return fmt.Sprintf(`{"name": "item %d", "n": %d, "m": {"k%d": "v"}}`, i, i, i%10)
	}
	list := func(n int, sep string) string {
		var b strings.Builder
		b.WriteString("[" + sep)
		for i := range n {
			if i > 0 {
				b.WriteString("," + sep)
			}
			b.WriteString(elem(i))
		}
		b.WriteString(sep + "]")
		return b.String()
	}
	type doc struct {
		A []variantItem `json:"a"`
		B []variantItem `json:"b"`
	}
	big := list(40_000, "\r\n")
	docs := map[string]string{
		"two lists":        `{"a": ` + big + `, "b": ` + list(30_000, " ") + "}",
		"bom":              "\xef\xbb\xbf{\"a\": " + big + "\r\n}",
		"truncated":        `{"a": ` + big,
		"truncated inside": `{"a": ` + big[:len(big)-100],
		"no close":         `{"a": ` + big + `, "b": ` + list(30_000, "") + "",
		"top list":         `[` + big + `]`,
		"map":              `{"x": ` + big + `, "y": ` + list(30_000, "\t") + "}",
		"trailing":         `{"a": ` + big + `} x`,
		"late malformed":   `{"a": ` + big[:len(big)-10] + `,}]}`,
	}
	for name, data := range docs {
		for _, o := range []Options{{}, {MaxErrors: 5}, {MaxListLength: 40_000}, {MaxListLength: 39_999}} {
			t.Run(name, func(t *testing.T) {
				run := func(procs int, v any) Errors {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
					errs, _ := Decode([]byte(data), reflectValue(v), o)
					return errs
				}
				switch name {
				case "top list":
					var a, b [][]variantItem
					ea := run(1, &a)
					for range 2 {
						b = nil
						eb := run(4, &b)
						require.Empty(t, cmp.Diff(a, b))
						require.Empty(t, cmp.Diff(show(ea), show(eb)))
					}
				case "map":
					var a, b map[string][]variantItem
					ea := run(1, &a)
					for range 2 {
						b = nil
						eb := run(4, &b)
						require.Empty(t, cmp.Diff(a, b))
						require.Empty(t, cmp.Diff(show(ea), show(eb)))
					}
				default:
					var a, b doc
					ea := run(1, &a)
					for range 2 {
						b = doc{}
						eb := run(4, &b)
						require.Empty(t, cmp.Diff(a, b))
						require.Empty(t, cmp.Diff(show(ea), show(eb)))
					}
				}
			})
		}
	}
	require.Greater(t, joined.Load(), before, "some list is decoded in parts")
}

// show turns problems into text with their lines and columns.
func show(es Errors) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s @%d:%d", e.Error(), e.Line, e.Column))
	}
	return out
}
