package plantest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// recorder is a rapid.TB that records what rapid reports instead of failing the test.
type recorder struct {
	*testing.T
	logs   []string
	failed bool
}

func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}
func (r *recorder) Log(args ...any)                   { r.logs = append(r.logs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) { r.Logf(format, args...); r.failed = true }
func (r *recorder) Error(args ...any)                 { r.Log(args...); r.failed = true }
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Fatal(args ...any)                 { r.Error(args...) }
func (r *recorder) FailNow()                          { r.failed = true }
func (r *recorder) Fail()                             { r.failed = true }
func (r *recorder) Failed() bool                      { return r.failed }

// TestModel_FailurePrintsLoadableJSON: when a property over plantest.Model fails, rapid's report
// shows the shrunk model as JSON that plan.Load reads back (a user can paste it into a file and
// run the command-line tool on it), not Go syntax with pointers.
func TestModel_FailurePrintsLoadableJSON(t *testing.T) {
	rec := &recorder{T: t}
	rapid.Check(rec, func(t *rapid.T) {
		f := plantest.Model(plantest.Sizes{}).Draw(t, "model")
		if len(f.Tenants) > 0 {
			t.Fatalf("a model with tenants")
		}
	})
	require.True(t, rec.failed, "the property fails on a model with tenants")
	const prefix = "[rapid] draw model: "
	var printed string
	for _, l := range strings.Split(strings.Join(rec.logs, "\n"), "\n") {
		if strings.HasPrefix(l, prefix) {
			printed = strings.TrimPrefix(l, prefix)
		}
	}
	require.NotEmpty(t, printed, "rapid reports the model it drew:\n%s", strings.Join(rec.logs, "\n"))
	require.True(t, strings.HasPrefix(printed, "{"), "the model prints as a JSON object: %s", printed)
	s, err := plan.Load([]byte(printed))
	require.NoError(t, err, "%s", printed)
	require.Positive(t, s.Tenants().Len(), "the printed model is the failing one")
}
