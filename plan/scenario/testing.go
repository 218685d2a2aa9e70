package scenario

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Options tunes Test. The zero value runs every file and fails on every failing check.
type Options struct {
	// Pending names files (base names) whose failures are reported but do not fail the test.
	// A pending file that passes completely DOES fail the test, so that the list only shrinks.
	Pending []string
}

// Test runs every *.json scenario file in dir as a subtest of t, reports each difference with
// t.Errorf, and prints the closing line "N passed, M failed" (counting checks) to standard output.
// Use it from your own tests to keep rollout rules as data beside your model.
func Test(t *testing.T, dir string) { TestWith(t, dir, Options{}) }

// TestWith is Test with options.
func TestWith(t *testing.T, dir string, opts Options) {
	t.Helper()
	results, err := RunFS(os.DirFS(dir))
	if err != nil {
		fmt.Println("0 passed, 1 failed")
		t.Fatalf("scenario folder %q: %v", dir, err)
	}
	pending := map[string]bool{}
	for _, p := range opts.Pending {
		if p = strings.TrimSpace(p); p != "" {
			pending[p] = true
		}
	}
	for p := range pending {
		found := false
		for _, r := range results {
			found = found || r.File == p
		}
		if !found {
			t.Errorf("pending file %q is not in %q", p, dir)
		}
	}
	for _, r := range results {
		t.Run(strings.TrimSuffix(r.File, ".json"), func(t *testing.T) {
			report := r.Report()
			switch {
			case pending[r.File] && r.OK():
				t.Errorf("%s is listed as pending but passes all %d checks: remove it from the pending list", r.File, r.Passed())
			case pending[r.File]:
				t.Logf("pending (not failing the test): %d passed, %d failed\n%s", r.Passed(), r.Failed(), report)
			case !r.OK():
				t.Errorf("%d passed, %d failed\n%s", r.Passed(), r.Failed(), report)
			}
		})
	}
	fmt.Println(Summary(results))
}
