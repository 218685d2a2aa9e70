package strictjson_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// malformedSeeds are documents at the edges of the JSON grammar, well-formed or not.
var malformedSeeds = []string{
	`{}`, `[]`, `{"a":1}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a" 1}`, `{"a":}`, `{"a":1 "b":2}`,
	`[1 2]`, `-`, `-0`, `01`, `1.`, `1.5e`, `1e+`, `1E-7`, `-12.5e+3`, `tru`, `nul`, `nullx`, `true false`,
	`"\u12"`, `"\u12G4"`, `"\x"`, `"a` + "\x01" + `b"`, `"\ud800"`, `"é"`, "\"\xff\"", `"abc`, `"abcdefghij\"klm"`,
	`{"a":[{"b":"c"}]}`, ` { "a" : [ 1 , 2 ] } `, `{"a":1}}`, `[[[`, `]`, `}`, ``, ` `, `"\/\b\f\n\r\t\\\""`,
	`{"abcdefgh": "ijklmnopqrstuvwxyz0123456789"}`, "\"abcdefg\x7fhij\"", "[1]\x00",
}

// FuzzScanner: the decoder's scanner accepts exactly the documents jsontext (and encoding/json)
// accepts, and reports malformed JSON with jsontext's own message.
func FuzzScanner(f *testing.F) {
	for _, s := range malformedSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || depth(data) >= strictjson.MaxDepth {
			t.Skip("a byte order mark and deep nesting have their own messages")
		}
		var v json.RawMessage
		err := strictjson.DecodeInto(data, &v)
		dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
		_, jerr := dec.ReadValue()
		trailing := jerr == nil && len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) > 0
		valid := json.Valid(data)
		require.Equal(t, valid, jerr == nil && !trailing, "jsontext and encoding/json disagree")
		var es strictjson.Errors
		if valid {
			if err != nil {
				require.ErrorAs(t, err, &es)
				for _, e := range es {
					require.NotContains(t, e.Message, "malformed JSON", "a well-formed document")
				}
			}
			return
		}
		require.ErrorAs(t, err, &es)
		var found bool
		for _, e := range es {
			if strings.HasPrefix(e.Message, "malformed JSON") || strings.HasPrefix(e.Message, "unexpected data after") {
				found = true
				if jerr != nil {
					want := jerr.Error()
					var se *jsontext.SyntacticError
					if errors.As(jerr, &se) && se.Err != nil {
						want = se.Err.Error()
					}
					if !strings.Contains(want, "EOF") {
						require.Contains(t, e.Message, want)
					}
				}
			}
		}
		require.True(t, found, "a malformed document is reported as such: %v", err)
	})
}

// depth returns the deepest nesting of brackets in data, counting those inside strings too (an
// over-estimate, which is enough to skip deep documents).
func depth(data []byte) int {
	n, most := 0, 0
	for _, c := range data {
		switch c {
		case '{', '[':
			n++
			most = max(most, n)
		case '}', ']':
			n--
		}
	}
	return most
}
