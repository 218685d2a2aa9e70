package strictjson

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDecode_NoSplitAfterAnEarlyFailure: when the decoder has already failed on malformed JSON at
// the start of a long list, the splitter does not make the list's result (which can be many
// times the input's size) only to drop it.
func TestDecode_NoSplitAfterAnEarlyFailure(t *testing.T) {
	type big struct {
		A [64]int64 `json:"a"`
	}
	type doc struct {
		Xs []big `json:"xs"`
	}
	const n = 400_000
	data := []byte(`{"xs": [tru, ` + strings.Repeat("{},", n) + "{}]}")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	small := 0 // the decoder fails at once, but the splitter may still win the race now and then
	for range 5 {
		var d doc
		if _, bytes := decodeMalformed(t, data, &d); bytes < n*512/4 {
			small++
		}
	}
	require.Positive(t, small, "decodes that allocated less than a quarter of the list's result, of five")
}
