package strictjson

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDecode_LongListInParts: with more than one goroutine allowed, a long list at the top of a
// document is decoded in parts (and with one, alone), to the same values and problems.
func TestDecode_LongListInParts(t *testing.T) {
	type item struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	type doc struct {
		Items []item `json:"items"`
	}
	var b strings.Builder
	b.WriteString(`{"items": [`)
	for i := range 60_000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		switch {
		case i%9973 == 5:
			fmt.Fprintf(&b, `{"name": "item %d", "count": "%d"}`, i, i)
		case i%7919 == 3:
			fmt.Fprintf(&b, `{"name": "item %d", "cuont": %d}`, i, i)
		default:
			fmt.Fprintf(&b, `{"name": "item %d", "count": %d}`, i, i)
		}
	}
	b.WriteString("]}")
	data := []byte(b.String())
	require.Greater(t, len(data), 2*parallelBytes)

	decode := func(procs int) (doc, Errors) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var d doc
		var rv = reflectValue(&d)
		errs, complete := Decode(data, rv, Options{})
		require.True(t, complete)
		return d, errs
	}
	before := joined.Load()
	alone, aloneErrs := decode(1)
	require.Equal(t, before, joined.Load(), "one goroutine decodes alone")
	require.Len(t, alone.Items, 60_000)
	require.Len(t, aloneErrs, 7+8)
	require.Equal(t, `items[3].cuont: unknown key "cuont" (did you mean "count"?) [unknown-field]`, aloneErrs[0].Error())

	inParts := 0
	goroutines := runtime.NumGoroutine()
	for range 5 {
		n := joined.Load()
		got, errs := decode(4)
		require.Equal(t, alone, got)
		require.Equal(t, aloneErrs, errs)
		if joined.Load() > n {
			inParts++
		}
	}
	require.Positive(t, inParts, "the list is decoded in parts at least once in five")
	require.Equal(t, goroutines, runtime.NumGoroutine(), "no goroutine of Decode outlives it")
}

// reflectValue returns the settable value that p points to.
func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }
