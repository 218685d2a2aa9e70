package fakeserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/examples/octopus/fakeserver"
)

// TestServer: the key is required; /all endpoints answer the whole list, paged endpoints one
// page of skip and take with the total; unknown paths and tenants without the newer variables
// are 404.
func TestServer(t *testing.T) {
	s, err := fakeserver.New(os.DirFS("../../../plan/octopus/testdata/space-paged"), "Spaces-1", "API-KEY")
	require.NoError(t, err)
	tests := []struct {
		name, method, path, key string
		status                  int
		items, total            int // -1: not a page
		first                   string
	}{
		{"no key", "GET", "/api/Spaces-1/environments/all", "", http.StatusUnauthorized, -1, -1, ""},
		{"not GET", "POST", "/api/Spaces-1/environments/all", "API-KEY", http.StatusMethodNotAllowed, -1, -1, ""},
		{"all", "GET", "/api/Spaces-1/tenants/all", "API-KEY", http.StatusOK, 20, -1, "Tenants-1"},
		{"first page", "GET", "/api/Spaces-1/deployments?skip=0&take=10", "API-KEY", http.StatusOK, 10, 61, "Deployments-203"},
		{"last page", "GET", "/api/Spaces-1/deployments?skip=60&take=10", "API-KEY", http.StatusOK, 1, 61, ""},
		{"past the end", "GET", "/api/Spaces-1/deployments?skip=100&take=10", "API-KEY", http.StatusOK, 0, 61, ""},
		{"default take", "GET", "/api/tasks?spaces=Spaces-1", "API-KEY", http.StatusOK, 30, 61, ""},
		{"another space", "GET", "/api/tasks?spaces=Spaces-2", "API-KEY", http.StatusOK, 0, 0, ""},
		{"defects of a release without any", "GET", "/api/Spaces-1/releases/Releases-1/defects", "API-KEY", http.StatusOK, 0, 0, ""},
		{"per-tenant variables", "GET", "/api/Spaces-1/tenants/Tenants-10/projectvariables", "API-KEY", http.StatusOK, -1, -1, ""},
		{"no per-tenant variables", "GET", "/api/Spaces-1/tenants/Tenants-1/commonvariables", "API-KEY", http.StatusNotFound, -1, -1, ""},
		{"unknown path", "GET", "/api/Spaces-1/runbooks", "API-KEY", http.StatusNotFound, -1, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.key != "" {
				req.Header.Set("X-Octopus-ApiKey", tt.key)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			if tt.items < 0 && tt.first == "" {
				return
			}
			body, err := io.ReadAll(rec.Body)
			require.NoError(t, err)
			var items []struct{ Id string }
			if tt.total >= 0 {
				var p struct {
					Items        []struct{ Id string }
					TotalResults int
				}
				require.NoError(t, json.Unmarshal(body, &p))
				require.Equal(t, tt.total, p.TotalResults)
				items = p.Items
			} else {
				require.NoError(t, json.Unmarshal(body, &items))
			}
			require.Len(t, items, tt.items)
			if tt.first != "" {
				require.Equal(t, tt.first, items[0].Id)
			}
		})
	}
}
