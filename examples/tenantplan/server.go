package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	prob "github.com/tenantplan/tenantplan/internal/problem"
	"github.com/tenantplan/tenantplan/plan/octopus"
)

// Settings of import octopus --server.
const (
	// apiKeyVar is the environment variable holding the API key, sent as X-Octopus-ApiKey.
	apiKeyVar = "OCTOPUS_API_KEY"
	// defaultPageSize is the take of the paged endpoints unless --page-size says otherwise.
	defaultPageSize = 500
	// defaultTimeout bounds one request to the server unless --timeout says otherwise.
	defaultTimeout = 2 * time.Minute
)

// spaceID is the shape of a space Id, checked before it goes into a URL.
var spaceID = regexp.MustCompile(`^Spaces-[0-9]+$`)

// fetcher fetches the responses of one space into an in-memory folder in the layout of
// plan/octopus, as examples/octopus/collect.sh writes it on disk.
type fetcher struct {
	e        *env
	client   *http.Client
	server   string // without a trailing slash
	space    string
	key      string
	take     int
	tenants  string // tenant variables: legacy, per-tenant or both
	folder   fstest.MapFS
	maxBytes int64 // the largest response: the input limit
	total    int64 // the bytes fetched so far, at most octopus.DefaultMaxTotalBytes
}

// errNotFound is a 404 answer, which means "this server has no such endpoint" where that is allowed.
var errNotFound = errors.New("not found (HTTP 404)")

// get GETs path (with its query) from the server, within the input limit.
func (f *fetcher) get(p string) ([]byte, error) {
	u := f.server + p
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, inputErr("GET %s: %v", u, err)
	}
	req.Header.Set("X-Octopus-ApiKey", f.key)
	req.Header.Set("Accept", "application/json")
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return nil, inputErr("GET %s: no answer within %s (the default is %s; raise it with --timeout)", u, human(f.client.Timeout), human(defaultTimeout))
		}
		return nil, inputErr("%v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, fmt.Errorf("GET %s: %w", u, errNotFound)
	}
	if resp.StatusCode/100 != 2 {
		return nil, inputErr("GET %s: HTTP %s", u, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, inputErr("GET %s: %v", u, err)
	}
	if int64(len(data)) > f.maxBytes {
		return nil, inputErr("GET %s: the response is larger than the input limit of %s (default %s; raise it with --max-input)",
			u, formatSize(f.maxBytes), formatSize(defaultMaxInput))
	}
	if f.total += int64(len(data)); f.total > octopus.DefaultMaxTotalBytes {
		return nil, inputErr("GET %s: the space is larger in all than the import's limit of %s", u, formatSize(octopus.DefaultMaxTotalBytes))
	}
	return data, nil
}

// put stores one file of the folder.
func (f *fetcher) put(name string, data []byte) {
	f.folder[name] = &fstest.MapFile{Data: data, Mode: 0o444}
}

// fetchAll fetches every collection. A required one that fails stops it; an optional one is left
// out with a warning (the import reports it missing).
func (f *fetcher) fetchAll() error {
	for _, c := range octopus.Collections() {
		endpoint := strings.ReplaceAll(c.Endpoint, "{space}", f.space)
		var err error
		switch {
		case c.Name == "defects":
			err = f.fetchDefects()
		case c.Name == "tenantvariables":
			err = f.fetchTenantVariables(endpoint)
		case c.Paged:
			err = f.fetchPaged(c.Name, endpoint)
		default:
			var data []byte
			if data, err = f.get(endpoint); err == nil {
				f.put(c.Name+".json", data)
			}
		}
		if err == nil {
			continue
		}
		if c.Required {
			if errors.Is(err, errNotFound) {
				return inputErr("%v, which the import needs", err)
			}
			return err
		}
		f.drop(c.Name)
		var x *exitError
		msg := err.Error()
		if errors.As(err, &x) {
			msg = x.msg
		}
		fmt.Fprintf(f.e.stderr, "tenantplan import: %s: skipped: %s\n", c.Name, msg)
	}
	return nil
}

// drop removes the files of a collection that could not be fetched whole.
func (f *fetcher) drop(name string) {
	for k := range f.folder {
		if k == name+".json" || strings.HasPrefix(k, name+".") || strings.HasPrefix(k, name+"/") {
			delete(f.folder, k)
		}
	}
}

// fetchPaged fetches a paged collection with skip and take into name.1.json, name.2.json, ...
// until the items add up to the total the pages give.
func (f *fetcher) fetchPaged(name, endpoint string) error {
	sep := "?"
	if strings.Contains(endpoint, "?") {
		sep = "&"
	}
	skip := 0
	for n := 1; ; n++ {
		if n > octopus.DefaultMaxPages {
			return inputErr("GET %s%s: more than %d pages (the import's default limit); raise --page-size", f.server, endpoint, octopus.DefaultMaxPages)
		}
		p := endpoint + sep + "skip=" + strconv.Itoa(skip) + "&take=" + strconv.Itoa(f.take)
		data, err := f.get(p)
		if err != nil {
			return err
		}
		var page struct {
			Items             []json.RawMessage
			DeploymentFreezes []json.RawMessage
			TotalResults      *int
			Count             *int
		}
		if err := json.Unmarshal(data, &page); err != nil {
			return inputErr("GET %s%s: not a page of %s: %v", f.server, p, name, err)
		}
		f.put(fmt.Sprintf("%s.%d.json", name, n), data)
		count := len(page.Items) + len(page.DeploymentFreezes)
		total := 0
		switch {
		case page.TotalResults != nil:
			total = *page.TotalResults
		case page.Count != nil:
			total = *page.Count
		}
		skip += count
		if count == 0 || skip >= total {
			return nil
		}
	}
}

// fetchDefects fetches the defects of every release fetched into defects.json, an object from
// release id to the release's defects response.
func (f *fetcher) fetchDefects() error {
	ids, err := f.ids("releases")
	if err != nil {
		return err
	}
	out := make(map[string]json.RawMessage, len(ids))
	for _, id := range ids {
		data, err := f.get("/api/" + f.space + "/releases/" + url.PathEscape(id) + "/defects")
		if err != nil {
			return err
		}
		if !json.Valid(data) {
			return inputErr("GET %s/api/%s/releases/%s/defects: not well-formed JSON", f.server, f.space, id)
		}
		out[id] = data
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	f.put("defects.json", b)
	return nil
}

// fetchTenantVariables fetches the legacy shape in one request, or the newer per-tenant shape
// (a tenant whose endpoints answer 404 is left to the legacy shape), or both.
func (f *fetcher) fetchTenantVariables(endpoint string) error {
	if f.tenants != "per-tenant" {
		data, err := f.get(endpoint)
		if err != nil {
			return err
		}
		f.put("tenantvariables.json", data)
	}
	if f.tenants == "legacy" {
		return nil
	}
	ids, err := f.ids("tenants")
	if err != nil {
		return err
	}
	for _, id := range ids {
		base := "/api/" + f.space + "/tenants/" + url.PathEscape(id)
		pv, err := f.get(base + "/projectvariables")
		if errors.Is(err, errNotFound) {
			fmt.Fprintf(f.e.stderr, "tenantplan import: tenantvariables: %s: no per-tenant variables endpoint (404): skipped\n", id)
			continue
		}
		if err != nil {
			return err
		}
		cv, err := f.get(base + "/commonvariables")
		if err != nil {
			return err
		}
		if !json.Valid(pv) || !json.Valid(cv) {
			return inputErr("GET %s%s: not well-formed JSON", f.server, base)
		}
		f.put(path.Join("tenantvariables", id+".json"), []byte("["+string(pv)+",\n"+string(cv)+"]"))
	}
	return nil
}

// ids returns the Ids of the resources fetched for a collection (one file or pages).
func (f *fetcher) ids(name string) ([]string, error) {
	var out []string
	add := func(file string, data []byte) error {
		var items []struct {
			ID string `json:"Id"`
		}
		if t := strings.TrimSpace(string(data)); strings.HasPrefix(t, "{") {
			var p struct {
				Items []struct {
					ID string `json:"Id"`
				}
			}
			if err := json.Unmarshal(data, &p); err != nil {
				return inputErr("%s fetched from %s: %v", file, f.server, err)
			}
			items = p.Items
		} else if err := json.Unmarshal(data, &items); err != nil {
			return inputErr("%s fetched from %s: %v", file, f.server, err)
		}
		for _, it := range items {
			out = append(out, it.ID)
		}
		return nil
	}
	if file, ok := f.folder[name+".json"]; ok {
		return out, add(name+".json", file.Data)
	}
	for n := 1; ; n++ {
		name := fmt.Sprintf("%s.%d.json", name, n)
		file, ok := f.folder[name]
		if !ok {
			return out, nil
		}
		if err := add(name, file.Data); err != nil {
			return nil, err
		}
	}
}

// fetchSpace fetches the space from the server into an in-memory folder.
func fetchSpace(e *env, server, space, tenantVars string, take int, timeout time.Duration) (fs.FS, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageErr("--server %q is not an http or https URL (like https://octopus.example.com)", prob.Cut(server))
	}
	if !spaceID.MatchString(space) {
		return nil, usageErr("--space %q is not a space Id like Spaces-1", prob.Cut(space))
	}
	key := os.Getenv(apiKeyVar)
	if key == "" {
		return nil, usageErr("--server needs an API key in the environment variable %s", apiKeyVar)
	}
	f := &fetcher{e: e, client: &http.Client{Timeout: timeout}, server: strings.TrimSuffix(server, "/"), space: space,
		key: key, take: take, tenants: tenantVars, folder: fstest.MapFS{}, maxBytes: e.maxInput}
	if err := f.fetchAll(); err != nil {
		return nil, err
	}
	return f.folder, nil
}
