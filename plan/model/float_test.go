package model_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/plan/model"
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
			err := model.DecodeInto([]byte(tc.src), &got)
			if tc.wantErr != "" {
				require.ErrorIs(t, err, model.ErrInvalidValue)
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}
