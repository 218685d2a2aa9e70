package model_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
)

// problem is what a test expects of one *model.Error.
type problem struct {
	Path string
	Err  error // the sentinel it wraps
}

func problems(t *testing.T, src string, o model.Options) []problem {
	t.Helper()
	_, err := model.DecodeWithOptions([]byte(src), o)
	require.Error(t, err)
	var es model.Errors
	require.ErrorAs(t, err, &es)
	var out []problem
	for _, e := range es {
		var s error
		for _, x := range []error{model.ErrDuplicateKey, model.ErrInvalidUTF8, model.ErrUnknownField, model.ErrLimit, model.ErrInvalidValue} {
			if errors.Is(e, x) {
				s = x
				break
			}
		}
		out = append(out, problem{e.Path, s})
	}
	return out
}

func TestDecode_StrictProblems(t *testing.T) {
	sentinel := cmp.Comparer(func(a, b error) bool { return a == b })
	for _, tt := range []struct {
		name, src string
		want      []problem
	}{
		{"a duplicate key never wins", `{"libraries":[{"name":"L","templates":[{"name":"T","sensitive":true,"sensitive":false}]}]}`,
			[]problem{{"libraries[0].templates[0].sensitive", model.ErrDuplicateKey}}},
		{"a grant keeps its restriction", `{"principals":[{"name":"p","grants":[{"action":"deploy","tenants":["A"],"tenants":[]}]}]}`,
			[]problem{{"principals[0].grants[0].tenants", model.ErrDuplicateKey}}},
		{"a duplicate map key", `{"tenants":[{"name":"A","projects":{"Shop":["Dev"],"My Shop":[],"Shop":["Prod"]}}]}`,
			[]problem{{"tenants[0].projects.Shop", model.ErrDuplicateKey}}},
		{"duplicate keys of a map with many keys", `{"tenants":[{"name":"A","projects":{"P1":[],"P2":[],"P3":[],"P4":[],"P5":[],"P6":[],"P7":[],"P8":[],"P9":[],"P2":["Dev"],"P10":[],"P9":[],"P1":[]}}]}`,
			[]problem{{"tenants[0].projects.P1", model.ErrDuplicateKey}, {"tenants[0].projects.P2", model.ErrDuplicateKey}, {"tenants[0].projects.P9", model.ErrDuplicateKey}}},
		{"a duplicate top-level key", `{"environments":["Dev"],"environments":["Prod"]}`,
			[]problem{{"environments", model.ErrDuplicateKey}}},
		{"invalid UTF-8 in a value", "{\"environments\":[\"Dev\",\"Pr\xffod\"]}",
			[]problem{{"environments[1]", model.ErrInvalidUTF8}}},
		{"invalid UTF-8 in a key", "{\"tenants\":[{\"name\":\"A\",\"projects\":{\"Sh\xc3op\":[]}}]}",
			[]problem{{"tenants[0].projects[\"Sh\\xc3op\"]", model.ErrInvalidUTF8}}},
		{"an unpaired surrogate escape", `{"environments":["\ud800x"]}`,
			[]problem{{"environments[0]", model.ErrInvalidUTF8}}},
		{"invalid UTF-8 in an unknown key's value", "{\"tenants\":[{\"name\":\"A\",\"tagz\":[\"\xff\"]}]}",
			[]problem{{"tenants[0].tagz", model.ErrUnknownField}, {"tenants[0].tagz[0]", model.ErrInvalidUTF8}}},
		{"a whole number out of 32 bits", `{"lifecycles":[{"name":"L","phases":[{"name":"P","minimum":2147483648}]}]}`,
			[]problem{{"lifecycles[0].phases[0].minimum", model.ErrInvalidValue}}},
		{"paths sort indexes as numbers", `{"environments":[1,2,3,4,5,6,7,8,9,10,11]}`,
			[]problem{{"environments[0]", model.ErrInvalidValue}, {"environments[1]", model.ErrInvalidValue},
				{"environments[2]", model.ErrInvalidValue}, {"environments[3]", model.ErrInvalidValue},
				{"environments[4]", model.ErrInvalidValue}, {"environments[5]", model.ErrInvalidValue},
				{"environments[6]", model.ErrInvalidValue}, {"environments[7]", model.ErrInvalidValue},
				{"environments[8]", model.ErrInvalidValue}, {"environments[9]", model.ErrInvalidValue},
				{"environments[10]", model.ErrInvalidValue}}},
		{"top-level null", `null`, []problem{{"", model.ErrInvalidValue}}},
		{"top-level array", `[{"environments":[]}]`, []problem{{"", model.ErrInvalidValue}}},
		{"top-level string", `"{}"`, []problem{{"", model.ErrInvalidValue}}},
		{"empty input", ``, []problem{{"", model.ErrInvalidValue}}},
		{"a byte order mark, and the other problems", "\xef\xbb\xbf{\"environments\":[1]}",
			[]problem{{"", model.ErrInvalidValue}, {"environments[0]", model.ErrInvalidValue}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.src, model.Options{})
			require.Empty(t, cmp.Diff(tt.want, got, sentinel))
		})
	}
}

func TestDecode_ValidUTF8AndEscapesAreKept(t *testing.T) {
	f, err := model.Decode([]byte(`{"environments":["Zürich","\u00e9\ud83d\ude00","tab\there","\\\"q\""]}`))
	require.NoError(t, err)
	require.Equal(t, []string{"Zürich", "é😀", "tab\there", `\"q"`}, f.Environments)
}

func TestDecode_MessagesOfTheNewProblems(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`{"environments":[],"environments":[]}`, `environments: duplicate key "environments": a key may appear once in an object`},
		{"\xef\xbb\xbf{}", `model (line 1, column 1): the input starts with a UTF-8 byte order mark (BOM)`},
		{`null`, `model: the document must be an object, not null`},
		{`[1,`, `model: the document must be an object, not an array`},
		{`[1,`, `malformed JSON: unexpected end of JSON input`},
		{`{"environments":["x"]} {}`, `(line 1, column 24): unexpected data after the end of the JSON document`},
		{"{\n  \"environments\": [\"Dev\",,]\n}", `environments (line 2, column 26): malformed JSON: invalid character ',' at start of value`},
	} {
		_, err := model.Decode([]byte(tt.src))
		require.ErrorContains(t, err, tt.want, "input %q", tt.src)
	}
}

func TestDecode_Limits(t *testing.T) {
	t.Run("input bytes", func(t *testing.T) {
		_, err := model.DecodeWithOptions([]byte(`{"environments":["Dev"]}`), model.Options{MaxBytes: 10})
		require.ErrorIs(t, err, model.ErrLimit)
		require.ErrorContains(t, err, "more than the limit of 10 bytes (Options.MaxBytes)")
	})
	t.Run("errors kept, with the default cap", func(t *testing.T) {
		src := `{"environments":[1` + strings.Repeat(",1", 4999) + `]}`
		f, complete, err := model.DecodePartial([]byte(src), model.Options{})
		var es model.Errors
		require.ErrorAs(t, err, &es)
		require.False(t, complete)
		require.NotNil(t, f)
		require.Len(t, es, model.DefaultMaxErrors+1)
		last := es[len(es)-1]
		require.ErrorIs(t, last, model.ErrLimit)
		require.Equal(t, "limit", string(last.Code()))
		require.Equal(t, "model: 4000 more problems not listed: only the first 1000 are (Options.MaxErrors) [limit]", last.Error())
		require.Less(t, len(err.Error()), 5000, "the message lists 50 problems, then counts the rest")
	})
	t.Run("errors kept, with a cap of 3", func(t *testing.T) {
		got := problems(t, `{"environments":[1,2,3,4,5],"tagSets":{}}`, model.Options{MaxErrors: 3})
		require.Equal(t, []problem{{"environments[0]", model.ErrInvalidValue}, {"environments[1]", model.ErrInvalidValue},
			{"environments[2]", model.ErrInvalidValue}, {"", model.ErrLimit}}, got)
	})
	t.Run("string length", func(t *testing.T) {
		long := strings.Repeat("x", 100)
		got := problems(t, `{"environments":["`+long+`","ok"],"tenants":[{"name":"A","projects":{"`+long+`":[]}}]}`,
			model.Options{MaxStringBytes: 99})
		require.Equal(t, []problem{{"environments[0]", model.ErrLimit}, {`tenants[0].projects["` + long[:64] + `"...]`, model.ErrLimit}}, got)
	})
	t.Run("list length", func(t *testing.T) {
		got := problems(t, `{"environments":["a","b","c","d"],"tenants":[{"name":"A","projects":{"a":[],"b":[],"c":[]}}]}`,
			model.Options{MaxListLength: 2})
		require.Equal(t, []problem{{"environments", model.ErrLimit}, {"tenants[0].projects", model.ErrLimit}}, got)
		_, err := model.DecodeWithOptions([]byte(`{"environments":["a","b","c"]}`), model.Options{MaxListLength: 2})
		require.ErrorContains(t, err, "environments: the list has more than 2 elements (Options.MaxListLength)")
	})
}

func TestDecode_LongKeysAreCutInMessages(t *testing.T) {
	long := strings.Repeat("k", 100_000)
	_, err := model.Decode([]byte(`{"tenants":[{"name":"A","` + long + `":1,"projects":{"` + long + `":7}}]}`))
	require.Error(t, err)
	require.Less(t, len(err.Error()), 600, "the keys are cut: %s", err)
	require.Contains(t, err.Error(), `"`+strings.Repeat("k", 64)+`"...`)
}

// The cost of a document full of problems stays linear: past the cap, a problem is only counted.
func TestDecode_ManyProblemsAreCounted(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a large document")
	}
	allocs := func(n int) float64 {
		src := []byte(`{"environments":[1` + strings.Repeat(",1", n-1) + `]}`)
		return testing.AllocsPerRun(2, func() { _, _ = model.Decode(src) })
	}
	small, big := allocs(20_000), allocs(200_000)
	require.Less(t, big, 2*small, "allocations grow with the problems past the cap: %v for 20,000, %v for 200,000", small, big)
}

func ExampleDecodeWithOptions() {
	src := `{"environments": [1, 2, 3, 4], "tenants": [{"name": "Acme", "name": "Acme Corp"}]}`
	_, err := model.DecodeWithOptions([]byte(src), model.Options{MaxErrors: 2})
	fmt.Println(err)
	// Output:
	// environments[0]: expected a string, got a number [invalid-value]
	// environments[1]: expected a string, got a number [invalid-value]
	// model: 3 more problems not listed: only the first 2 are (Options.MaxErrors) [limit]
}
