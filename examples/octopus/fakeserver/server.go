package fakeserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/tenantplan/tenantplan/plan/octopus"
)

// defaultTake is the page size of a paged endpoint asked without take, as in Octopus.
const defaultTake = 30

// Server is an http.Handler answering the endpoints of octopus.Collections() for one space from
// a folder of responses.
type Server struct {
	space, apiKey string
	lists         map[string]list            // request path -> the collection
	defects       map[string]json.RawMessage // release id -> its defects response
	tenantVars    map[string][2]json.RawMessage
}

// list is one collection: its items, whether its endpoint is paged, and the ItemType of its pages.
type list struct {
	items    []json.RawMessage
	paged    bool
	freezes  bool
	itemType string
}

// New reads the folder fsys (the layout of plan/octopus: name.json or pages name.1.json, ...,
// defects.json, tenantvariables/<TenantId>.json) and returns a Server for the space that
// requires apiKey. A collection without a file is answered 404.
func New(fsys fs.FS, space, apiKey string) (*Server, error) {
	s := &Server{space: space, apiKey: apiKey, lists: map[string]list{}, defects: map[string]json.RawMessage{},
		tenantVars: map[string][2]json.RawMessage{}}
	for _, c := range octopus.Collections() {
		switch c.Name {
		case "defects":
			if err := readJSON(fsys, "defects.json", &s.defects); err != nil && !isNotExist(err) {
				return nil, err
			}
			continue
		}
		l, found, err := readList(fsys, c.Name)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		l.paged = c.Paged
		p, _, _ := strings.Cut(strings.ReplaceAll(c.Endpoint, "{space}", space), "?")
		s.lists[p] = l
	}
	files, err := fs.Glob(fsys, "tenantvariables/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		var parts []json.RawMessage
		if err := readJSON(fsys, f, &parts); err != nil {
			return nil, err
		}
		var pair [2]json.RawMessage
		for _, p := range parts {
			var keys map[string]json.RawMessage
			if err := json.Unmarshal(p, &keys); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if _, ok := keys["ProjectVariables"]; ok {
				pair[0] = p
			} else {
				pair[1] = p
			}
		}
		s.tenantVars[strings.TrimSuffix(path.Base(f), ".json")] = pair
	}
	return s, nil
}

// readList reads a collection as one file or as pages, and returns all its items.
func readList(fsys fs.FS, name string) (list, bool, error) {
	var l list
	files := []string{name + ".json"}
	if _, err := fs.Stat(fsys, files[0]); err != nil {
		files = nil
		for n := 1; ; n++ {
			f := fmt.Sprintf("%s.%d.json", name, n)
			if _, err := fs.Stat(fsys, f); err != nil {
				break
			}
			files = append(files, f)
		}
	}
	for _, f := range files {
		var raw json.RawMessage
		if err := readJSON(fsys, f, &raw); err != nil {
			return l, false, err
		}
		if t := strings.TrimSpace(string(raw)); strings.HasPrefix(t, "[") {
			var items []json.RawMessage
			if err := json.Unmarshal(raw, &items); err != nil {
				return l, false, fmt.Errorf("%s: %w", f, err)
			}
			l.items = append(l.items, items...)
			continue
		}
		var p struct {
			Items             []json.RawMessage
			DeploymentFreezes []json.RawMessage
			ItemType          string
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return l, false, fmt.Errorf("%s: %w", f, err)
		}
		l.items = append(l.items, p.Items...)
		l.items = append(l.items, p.DeploymentFreezes...)
		l.freezes = l.freezes || p.DeploymentFreezes != nil
		if l.itemType == "" {
			l.itemType = p.ItemType
		}
	}
	return l, len(files) > 0, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "only GET", http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get("X-Octopus-ApiKey") != s.apiKey {
		http.Error(w, `{"ErrorMessage": "You must be logged in to perform this action."}`, http.StatusUnauthorized)
		return
	}
	if spaces := r.URL.Query().Get("spaces"); spaces != "" && spaces != s.space {
		writeJSON(w, map[string]any{"Items": []any{}, "TotalResults": 0})
		return
	}
	p := r.URL.Path
	if l, ok := s.lists[p]; ok {
		s.serveList(w, r, l)
		return
	}
	prefix := "/api/" + s.space + "/"
	if rest, ok := strings.CutPrefix(p, prefix+"releases/"); ok {
		if id, ok := strings.CutSuffix(rest, "/defects"); ok && !strings.Contains(id, "/") {
			if d, ok := s.defects[id]; ok {
				writeJSON(w, d)
			} else {
				writeJSON(w, map[string]any{"ItemType": "Defect", "Items": []any{}, "TotalResults": 0})
			}
			return
		}
	}
	if rest, ok := strings.CutPrefix(p, prefix+"tenants/"); ok {
		id, which, _ := strings.Cut(rest, "/")
		pair, ok := s.tenantVars[id]
		switch {
		case ok && which == "projectvariables" && pair[0] != nil:
			writeJSON(w, pair[0])
			return
		case ok && which == "commonvariables" && pair[1] != nil:
			writeJSON(w, pair[1])
			return
		}
	}
	http.NotFound(w, r)
}

// serveList answers a collection: the whole list from an /all endpoint, else one page.
func (s *Server) serveList(w http.ResponseWriter, r *http.Request, l list) {
	if !l.paged {
		writeJSON(w, l.items)
		return
	}
	q := r.URL.Query()
	skip, take := number(q.Get("skip"), 0), number(q.Get("take"), defaultTake)
	lo := min(skip, len(l.items))
	hi := min(lo+take, len(l.items))
	page := l.items[lo:hi]
	if l.freezes {
		writeJSON(w, map[string]any{"DeploymentFreezes": page, "Count": len(l.items)})
		return
	}
	writeJSON(w, map[string]any{"ItemType": l.itemType, "Items": page, "TotalResults": len(l.items), "ItemsPerPage": take})
}

// number reads a non-negative query number, def when absent or bad.
func number(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return def
	}
	return n
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
