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

// TestDecode_ListFollowedBySpaceInParts: a long list followed by whitespace before the '}' (as
// in any indented document) is decoded in parts too, to the same values as alone.
func TestDecode_ListFollowedBySpaceInParts(t *testing.T) {
	type doc struct {
		Xs []string `json:"xs"`
	}
	var b strings.Builder
	b.WriteString("{\"xs\": [\n")
	for i := range 20_000 {
		if i > 0 {
			b.WriteString(",\r\n")
		}
		fmt.Fprintf(&b, "  %q", fmt.Sprintf("element %d %s", i, strings.Repeat("x", 100)))
	}
	b.WriteString("\r\n ] \n}\n")
	data := []byte(b.String())
	require.Greater(t, len(data), 2*parallelBytes)
	decode := func(procs int) doc {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var d doc
		errs, complete := Decode(data, reflectValue(&d), Options{})
		require.True(t, complete)
		require.Empty(t, errs)
		return d
	}
	alone := decode(1)
	require.Len(t, alone.Xs, 20_000)
	inParts := 0
	for range 5 {
		n := joined.Load()
		require.Equal(t, alone, decode(4))
		if joined.Load() > n {
			inParts++
		}
	}
	require.Positive(t, inParts, "the list is decoded in parts at least once in five")
}

// TestDecode_ListInPartsStaysLinearWhenAPartFails: when the splitter's parts are dropped (here
// for malformed JSON in the last element), the decoder goes on alone and its slice still grows
// geometrically, not one element at a time: the bytes allocated for a list four times as long
// are about four times as many, not sixteen.
func TestDecode_ListInPartsStaysLinearWhenAPartFails(t *testing.T) {
	if testing.Short() {
		t.Skip("measures allocations of several MiB")
	}
	type doc struct {
		Xs []string `json:"xs"`
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	allocated := func(n int) uint64 {
		data := []byte(`{"xs": [` + strings.Repeat(`"`+strings.Repeat("x", 1000)+`",`, n) + `tru]}`)
		require.Greater(t, len(data), parallelBytes)
		most := uint64(0)
		for range 3 {
			var d doc
			errs, bytes := decodeMalformed(t, data, &d)
			require.Contains(t, errs[len(errs)-1].Error(), "malformed JSON")
			most = max(most, bytes)
		}
		return most
	}
	small, large := allocated(1500), allocated(6000)
	require.Less(t, large, 8*small, "bytes allocated: %d for 1,500 elements, %d for 6,000", small, large)
}

// TestDecode_ListsInATopLevelListAreNotSplit: the many short lists of a top-level list start no
// splitter each, however much input follows them.
func TestDecode_ListsInATopLevelListAreNotSplit(t *testing.T) {
	data := []byte("[" + strings.Repeat("[1],", 600_000) + "[1]]")
	require.Greater(t, len(data), 2*parallelBytes)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	before := started.Load()
	var v [][]int
	errs, complete := Decode(data, reflectValue(&v), Options{})
	require.Empty(t, errs)
	require.True(t, complete)
	require.Len(t, v, 600_001)
	require.Equal(t, before, started.Load())
}

// decodeMalformed decodes data, which is malformed, into v, and returns the problems and the
// bytes the decoding allocated.
func decodeMalformed(t *testing.T, data []byte, v any) (Errors, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	errs, complete := Decode(data, reflectValue(v), Options{})
	runtime.ReadMemStats(&after)
	require.False(t, complete)
	require.NotEmpty(t, errs)
	return errs, after.TotalAlloc - before.TotalAlloc
}
