package plan_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
)

// TestReason_JSONKeepsMeaningfulZeros: a lifecycle reason writes need and have even when they are
// 0; the other codes leave them out, and every other field keeps its usual order and omission.
func TestReason_JSONKeepsMeaningfulZeros(t *testing.T) {
	until := time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		r    plan.Reason
		want string
	}{
		{plan.Reason{Code: plan.ReasonLifecycle, Phase: "Test", Need: 1, Message: "m"},
			`{"code":"lifecycle","phase":"Test","need":1,"have":0,"message":"m"}`},
		{plan.Reason{Code: plan.ReasonLifecycle, Message: "m"},
			`{"code":"lifecycle","need":0,"have":0,"message":"m"}`},
		{plan.Reason{Code: plan.ReasonFrozen, Freeze: "Weekend", Until: until, Message: "m"},
			`{"code":"frozen","freeze":"Weekend","until":"2026-03-16T09:00:00Z","message":"m"}`},
		{plan.Reason{Code: plan.ReasonMissingVariables, Missing: []string{"A"}, Message: "m"},
			`{"code":"missing-variables","missing":["A"],"message":"m"}`},
	} {
		got, err := json.Marshal(tc.r)
		require.NoError(t, err)
		require.JSONEq(t, tc.want, string(got))
		require.Equal(t, tc.want, string(got), "field order")
		var back plan.Reason
		require.NoError(t, json.Unmarshal(got, &back))
		require.Equal(t, tc.r, back, "round trip")
	}
}

// reasonRef is Reason as encoding/json writes it by reflection: the reference the hand-written
// MarshalJSON must agree with.
type reasonRef struct {
	Code    plan.Code `json:"code"`
	Phase   string    `json:"phase,omitempty"`
	Need    *int      `json:"need,omitempty"`
	Have    *int      `json:"have,omitempty"`
	Freeze  string    `json:"freeze,omitempty"`
	Until   time.Time `json:"until,omitzero"`
	Missing []string  `json:"missing,omitempty"`
	Message string    `json:"message"`
}

// TestProperty_ReasonJSONAgreesWithReflection: for any reason (any text, invalid UTF-8 and HTML
// characters included), the JSON of a plan holding it is what encoding/json writes by reflection,
// with need and have kept for a lifecycle reason and left out when 0 otherwise.
func TestProperty_ReasonJSONAgreesWithReflection(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", "<a&b>", "\xff\xfe", "é \"q\" \\ \n\t\u2028"}))
		codes := []plan.Code{plan.ReasonLifecycle, plan.ReasonFrozen, plan.ReasonMissingVariables, plan.ReasonForbidden}
		r := plan.Reason{
			Code:    rapid.SampledFrom(codes).Draw(t, "code"),
			Phase:   text.Draw(t, "phase"),
			Need:    rapid.IntRange(-3, 5).Draw(t, "need"),
			Have:    rapid.IntRange(-3, 5).Draw(t, "have"),
			Freeze:  text.Draw(t, "freeze"),
			Missing: rapid.SliceOfN(text, 0, 3).Draw(t, "missing"),
			Message: text.Draw(t, "message"),
		}
		if rapid.Bool().Draw(t, "until") {
			r.Until = time.Unix(rapid.Int64Range(-62135596800, 253402300799).Draw(t, "sec"),
				rapid.Int64Range(0, 999999999).Draw(t, "nsec")).In(time.FixedZone("", 60*rapid.IntRange(-720, 720).Draw(t, "offset")))
		}
		ref := reasonRef{Code: r.Code, Phase: r.Phase, Freeze: r.Freeze, Until: r.Until, Missing: r.Missing, Message: r.Message}
		if r.Code == plan.ReasonLifecycle || r.Need != 0 {
			ref.Need = &r.Need
		}
		if r.Code == plan.ReasonLifecycle || r.Have != 0 {
			ref.Have = &r.Have
		}
		want, werr := json.Marshal([]reasonRef{ref})
		got, err := json.Marshal([]plan.Reason{r})
		if werr != nil { // a time outside years 0 to 9999 has no JSON
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	})
}
