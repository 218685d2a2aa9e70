package strictjson_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// TestDecodeInto_Floats: a struct with float fields (a rollout policy's percentages) decodes any
// JSON number into them, and rejects other JSON types and numbers out of range with the path.
func TestDecodeInto_Floats(t *testing.T) {
	type ring struct {
		Percent float64 `json:"percent"`
		Share   float32 `json:"share"`
	}
	cases := []struct {
		src     string
		want    ring
		wantErr string
	}{
		{`{"percent": 50}`, ring{Percent: 50}, ""},
		{`{"percent": 12.5, "share": 0.25}`, ring{Percent: 12.5, Share: 0.25}, ""},
		{`{"percent": 1e1}`, ring{Percent: 10}, ""},
		{`{"percent": "50"}`, ring{}, `percent: expected a number, got a string [invalid-value]`},
		{`{"percent": 1e999}`, ring{}, `percent: the number "1e999" is out of range [invalid-value]`},
		{`{"share": 1e39}`, ring{}, `share: the number "1e39" is out of range [invalid-value]`},
	}
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			var got ring
			err := strictjson.DecodeInto([]byte(tc.src), &got)
			if tc.wantErr != "" {
				require.ErrorIs(t, err, problem.ErrInvalidValue)
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestDecodeInto_Strict: unknown keys, duplicate keys and a target that is not a pointer are
// errors with their path and code, and v is left alone on error.
func TestDecodeInto_Strict(t *testing.T) {
	type policy struct {
		Rings []struct {
			Name string `json:"name"`
		} `json:"rings"`
	}
	var p policy
	err := strictjson.DecodeInto([]byte(`{"rings": [{"name": "a", "nmae": "b"}], "rings": []}`), &p)
	var es strictjson.Errors
	require.ErrorAs(t, err, &es)
	require.Len(t, es, 2)
	require.Equal(t, "rings", es[0].Path)
	require.ErrorIs(t, es[0], strictjson.ErrDuplicateKey)
	require.Equal(t, "rings[0].nmae", es[1].Path)
	require.Equal(t, problem.CodeUnknownField, es[1].Code())
	require.Equal(t, `rings[0].nmae: unknown key "nmae" (did you mean "name"?) [unknown-field]`, es[1].Error())
	require.Nil(t, p.Rings, "nothing is set on error")

	require.ErrorIs(t, strictjson.DecodeInto([]byte(`{}`), p), problem.ErrInvalidValue, "not a pointer")
	require.NoError(t, strictjson.DecodeInto([]byte(`{"rings": [{"name": "a"}]}`), &p))
	require.Equal(t, "a", p.Rings[0].Name)
}

// TestDecodeInto_ManyFields: a struct of more than 64 fields finds its keys in any order and
// reports a duplicate key past the 64th field too.
func TestDecodeInto_ManyFields(t *testing.T) {
	var fields []reflect.StructField
	for i := range 70 {
		fields = append(fields, reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: reflect.TypeFor[int](), Tag: reflect.StructTag(fmt.Sprintf(`json:"f%d"`, i))})
	}
	v := reflect.New(reflect.StructOf(fields))
	require.NoError(t, strictjson.DecodeInto([]byte(`{"f69": 69, "f0": 0, "f66": 66, "f3": 3}`), v.Interface()))
	require.Equal(t, int64(69), v.Elem().Field(69).Int())
	require.Equal(t, int64(66), v.Elem().Field(66).Int())

	err := strictjson.DecodeInto([]byte(`{"f66": 1, "f65": 2, "f66": 3, "f1": 4, "f1": 5}`), v.Interface())
	require.EqualError(t, err, "f1: duplicate key \"f1\": a key may appear once in an object [invalid-value]\n"+
		"f66: duplicate key \"f66\": a key may appear once in an object [invalid-value]")
}
