package octopus_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// TestCollectionsAreWhatImportReads removes each collection of Collections from the fixture
// folder in turn: a required one stops the import with ErrMissing naming its file, an optional
// one gets a missing-collection entry.
func TestCollectionsAreWhatImportReads(t *testing.T) {
	for _, c := range octopus.Collections() {
		t.Run(c.Name, func(t *testing.T) {
			fs := small()
			for name := range fs {
				if name == c.Name+".json" || strings.HasPrefix(name, c.Name+"/") {
					delete(fs, name)
				}
			}
			_, rep, err := octopus.Import(fs, octopus.Options{})
			if c.Required {
				require.ErrorIs(t, err, octopus.ErrMissing)
				var e *octopus.Error
				require.True(t, errors.As(err, &e))
				require.Equal(t, c.Name+".json", e.File)
				return
			}
			require.NoError(t, err)
			found := false
			for _, e := range rep.Entries {
				if e.Kind == octopus.Missing && e.File == c.Name+".json" {
					found = true
				}
			}
			require.Truef(t, found, "no missing-collection entry for %s:\n%s", c.Name, rep)
		})
	}
}
