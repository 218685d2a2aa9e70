package octopus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

var flexIntType = reflect.TypeFor[flexInt]()

// item is one resource read from a collection, with where it was read: its file and its JSON path
// inside that file ("[3]", "Items[3]", "DeploymentFreezes[0]").
type item[T any] struct {
	v      T
	file   string
	prefix string // "", "Items" or "DeploymentFreezes"
	idx    int
}

// path returns the item's JSON path in its file, built only when a report entry needs it.
func (it *item[T]) path() string { return it.prefix + "[" + strconv.Itoa(it.idx) + "]" }

// reader reads the files of one folder within the limits of Options.
type reader struct {
	fsys  fs.FS
	opts  Options
	files map[string]int64 // file names at the root -> size
	total int64
}

func newReader(fsys fs.FS, opts Options) (*reader, error) {
	r := &reader{fsys: fsys, opts: opts, files: map[string]int64{}}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, &Error{Message: fmt.Sprintf("cannot list the folder: %v", err), Err: ErrMissing}
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, &Error{File: e.Name(), Message: fmt.Sprintf("cannot read: %v", err), Err: ErrMissing}
		}
		r.files[e.Name()] = info.Size()
	}
	return r, nil
}

// read returns the contents of one file, within MaxFileBytes and MaxTotalBytes.
func (r *reader) read(name string) ([]byte, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, &Error{File: name, Message: fmt.Sprintf("cannot read: %v", err), Err: ErrMissing}
	}
	defer f.Close()
	limit := r.opts.maxFileBytes()
	var buf bytes.Buffer
	if info, err := f.Stat(); err == nil && info.Size() > 0 {
		buf.Grow(int(min(info.Size(), limit)) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, &Error{File: name, Message: fmt.Sprintf("cannot read: %v", err), Err: ErrMalformed}
	}
	if int64(len(data)) > limit {
		return nil, &Error{File: name, Message: fmt.Sprintf("file is larger than the limit of %d bytes (Options.MaxFileBytes, default %d)", limit, DefaultMaxFileBytes), Err: ErrTooLarge}
	}
	r.total += int64(len(data))
	if max := r.opts.maxTotalBytes(); r.total > max {
		return nil, &Error{File: name, Message: fmt.Sprintf("the folder holds more than the limit of %d bytes (Options.MaxTotalBytes, default %d)", max, DefaultMaxTotalBytes), Err: ErrTooLarge}
	}
	return data, nil
}

// pages returns the files of a collection: "name.json", or "name.1.json", "name.2.json", ... in
// page order. It is an error to have both, or a gap between pages.
func (r *reader) pages(name string) ([]string, error) {
	single := name + ".json"
	_, hasSingle := r.files[single]
	var nums []int
	prefix := name + "."
	for f := range r.files {
		rest, ok := strings.CutPrefix(f, prefix)
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, ".json")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || strconv.Itoa(n) != num {
			continue
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		if hasSingle {
			return []string{single}, nil
		}
		return nil, nil
	}
	if hasSingle {
		return nil, &Error{File: single, Message: fmt.Sprintf("both %s and pages %s.N.json are present; keep one form", single, name), Err: ErrWrongShape}
	}
	if max := r.opts.maxPages(); len(nums) > max {
		return nil, &Error{File: name + ".1.json", Message: fmt.Sprintf("%d pages, more than the limit of %d (Options.MaxPages, default %d)", len(nums), max, DefaultMaxPages), Err: ErrTooLarge}
	}
	slices.Sort(nums)
	out := make([]string, len(nums))
	for i, n := range nums {
		if n != i+1 {
			return nil, &Error{File: fmt.Sprintf("%s.%d.json", name, i+1), Message: fmt.Sprintf("page %d is missing (pages are numbered from 1 without gaps; found page %d)", i+1, n), Err: ErrWrongShape}
		}
		out[i] = fmt.Sprintf("%s.%d.json", name, n)
	}
	return out, nil
}

// page is Octopus's paged list, and the deployment freezes list.
type page[T any] struct {
	Items             *[]T   `json:"Items"`
	DeploymentFreezes *[]T   `json:"DeploymentFreezes"`
	ItemType          string `json:"ItemType"`
	TotalResults      *int   `json:"TotalResults"`
}

// readList reads a collection in any of its forms: a bare array, a page object with Items (one
// file or several pages), or the deployment freezes object. itemType is the ItemType a page of
// this collection carries. found is false when the folder has no file for it.
func readList[T any](r *reader, name, itemType string) (out []item[T], found bool, err error) {
	files, err := r.pages(name)
	if err != nil || len(files) == 0 {
		return nil, false, err
	}
	total := -1
	for _, file := range files {
		data, err := r.read(file)
		if err != nil {
			return nil, true, err
		}
		trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
		if len(trimmed) == 0 {
			return nil, true, &Error{File: file, Message: "empty file (expected a JSON array or a page object)", Err: ErrMalformed}
		}
		var list []T
		prefix := ""
		switch trimmed[0] {
		case '[':
			if len(files) > 1 {
				return nil, true, &Error{File: file, Message: "a bare array cannot be one of several pages; pages hold page objects with Items", Err: ErrWrongShape}
			}
			if err := json.Unmarshal(data, &list); err != nil {
				return nil, true, jsonError(file, data, err)
			}
		case '{':
			var p page[T]
			if err := json.Unmarshal(data, &p); err != nil {
				return nil, true, jsonError(file, data, err)
			}
			switch {
			case p.Items != nil:
				list, prefix = *p.Items, "Items"
			case p.DeploymentFreezes != nil && name == "deploymentfreezes":
				list, prefix = *p.DeploymentFreezes, "DeploymentFreezes"
			default:
				return nil, true, &Error{File: file, Message: "an object without Items: expected a JSON array or a page object", Err: ErrWrongShape}
			}
			if p.ItemType != "" && itemType != "" && p.ItemType != itemType {
				return nil, true, &Error{File: file, Path: "ItemType", Message: fmt.Sprintf("a page of %q where %s.json holds %q", p.ItemType, name, itemType), Err: ErrWrongShape}
			}
			if p.TotalResults != nil {
				total = *p.TotalResults
			}
		default:
			return nil, true, &Error{File: file, Line: 1, Column: 1 + len(data) - len(trimmed), Message: fmt.Sprintf("expected a JSON array or a page object, found %q", trimmed[:1]), Err: ErrMalformed}
		}
		out = slices.Grow(out, len(list))
		for i := range list {
			out = append(out, item[T]{v: list[i], file: file, prefix: prefix, idx: i})
		}
		if max := r.opts.maxItems(); len(out) > max {
			return nil, true, &Error{File: file, Message: fmt.Sprintf("more than %d items in %s (Options.MaxItems, default %d)", max, name, DefaultMaxItems), Err: ErrTooLarge}
		}
	}
	if total >= 0 && total != len(out) && len(files) > 0 {
		return nil, true, &Error{File: files[len(files)-1], Path: "TotalResults", Message: fmt.Sprintf("the pages hold %d items but TotalResults says %d: a page is missing or was fetched twice", len(out), total), Err: ErrWrongShape}
	}
	return out, true, nil
}

// readObject reads one file holding a JSON object into v.
func readObject(r *reader, file string, v any) error {
	data, err := r.read(file)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return jsonError(file, data, err)
	}
	return nil
}

// jsonError turns an encoding/json error into an *Error with the file, the JSON path or the line
// and column.
func jsonError(file string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return &Error{File: file, Line: line, Column: col, Message: "malformed JSON: " + syn.Error(), Err: ErrMalformed}
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		return &Error{File: file, Path: typ.Field, Line: line, Column: col,
			Message: fmt.Sprintf("a JSON %s where %s is expected", typ.Value, kindOf(typ.Type)), Err: ErrMalformed}
	}
	return &Error{File: file, Message: "malformed JSON: " + err.Error(), Err: ErrMalformed}
}

func kindOf(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "an object"
	}
	return t.String()
}

// lineCol returns the 1-based line and column of byte offset off in data.
func lineCol(data []byte, off int64) (int, int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// subFiles lists the .json files of a sub-folder, sorted, within MaxPages.
func (r *reader) subFiles(dir string) ([]string, error) {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, &Error{File: dir, Message: fmt.Sprintf("cannot list: %v", err), Err: ErrMissing}
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	if max := r.opts.maxItems(); len(out) > max {
		return nil, &Error{File: dir, Message: fmt.Sprintf("more than %d files (Options.MaxItems, default %d)", max, DefaultMaxItems), Err: ErrTooLarge}
	}
	return out, nil
}

// jsonUnmarshalFile decodes data into v, turning errors into an *Error naming file.
func jsonUnmarshalFile(file string, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return jsonError(file, data, err)
	}
	return nil
}
