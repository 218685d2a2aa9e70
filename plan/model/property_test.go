package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// node is a JSON value that keeps the order of object keys and may repeat them, so that a test
// can write documents that encoding/json cannot.
type node struct {
	isObject, isMap bool // isMap: an object decoded into a Go map (any key is allowed)
	keys            []string
	vals            []*node
	list            []*node // of an array
	isList          bool
	leaf            string // JSON text of a scalar
	isString        bool
}

// tree turns a value decoded by encoding/json into a node, with the Go type it decodes into.
func tree(v any, t reflect.Type) *node {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch x := v.(type) {
	case map[string]any:
		n := &node{isObject: true, isMap: t.Kind() == reflect.Map}
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range x {
				if !yield(k) {
					return
				}
			}
		}) {
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, tree(x[k], fieldType(t, k)))
		}
		return n
	case []any:
		n := &node{isList: true}
		for _, e := range x {
			n.list = append(n.list, tree(e, t.Elem()))
		}
		return n
	}
	b, _ := json.Marshal(v)
	_, isString := v.(string)
	return &node{leaf: string(b), isString: isString}
}

// fieldType returns the Go type of key k of an object of type t (a struct or a map).
func fieldType(t reflect.Type, k string) reflect.Type {
	if t.Kind() == reflect.Map {
		return t.Elem()
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == k {
			return f.Type
		}
	}
	panic("no field " + k + " in " + t.String())
}

func (n *node) write(b *bytes.Buffer) {
	switch {
	case n.isObject:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			n.vals[i].write(b)
		}
		b.WriteByte('}')
	case n.isList:
		b.WriteByte('[')
		for i, e := range n.list {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString(n.leaf)
	}
}

// site is an object of the tree with its path as the decoder writes it.
type site struct {
	n    *node
	path string
}

func appendPath(path, key string) string {
	plain := key != "" && len(key) <= 64
	for _, c := range key {
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			plain = false
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

func sites(n *node, path string, out []site) []site {
	switch {
	case n.isObject:
		out = append(out, site{n, path})
		for i, k := range n.keys {
			out = sites(n.vals[i], appendPath(path, k), out)
		}
	case n.isList:
		for i, e := range n.list {
			out = sites(e, path+"["+strconv.Itoa(i)+"]", out)
		}
	}
	return out
}

// stringKeys returns the keys of an object whose value is a string.
func stringKeys(n *node) []int {
	var out []int
	for i, v := range n.vals {
		if v.isString {
			out = append(out, i)
		}
	}
	return out
}

// TestDecode_InjectedProblems: in a valid model, k problems injected at k different objects (a
// duplicate key, a value of the wrong type, an unknown key) come back as exactly k errors, each
// with its path and sentinel.
func TestDecode_InjectedProblems(t *testing.T) {
	base, err := json.Marshal(plantest.Synthetic(plantest.SyntheticOptions{Tenants: 6, Projects: 2, Seed: 3}))
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		var v any
		if err := json.Unmarshal(base, &v); err != nil {
			t.Fatal(err)
		}
		root := tree(v, reflect.TypeFor[model.File]())
		all := sites(root, "", nil)
		k := rapid.IntRange(0, 12).Draw(t, "k")
		picked := rapid.SliceOfNDistinct(rapid.IntRange(0, len(all)-1), k, k, rapid.ID[int]).Draw(t, "sites")
		type want struct {
			Path string
			Err  string
		}
		var wants []want
		for _, p := range picked {
			s := all[p]
			keys := stringKeys(s.n)
			what := rapid.SampledFrom([]string{"duplicate", "type", "unknown"}).Draw(t, "what")
			if s.n.isMap || len(keys) == 0 {
				what = "duplicate" // a map takes any key; a duplicate of any key is an error
			}
			switch what {
			case "duplicate":
				if len(s.n.keys) == 0 {
					s.n.keys, s.n.vals = append(s.n.keys, "zz"), append(s.n.vals, &node{leaf: "1"})
					wants = append(wants, want{appendPath(s.path, "zz"), "unknown"})
					if s.n.isMap {
						wants[len(wants)-1].Err = "type"
					}
					continue
				}
				i := rapid.IntRange(0, len(s.n.keys)-1).Draw(t, "key")
				s.n.keys, s.n.vals = append(s.n.keys, s.n.keys[i]), append(s.n.vals, s.n.vals[i])
				wants = append(wants, want{appendPath(s.path, s.n.keys[i]), "duplicate"})
			case "type":
				i := keys[rapid.IntRange(0, len(keys)-1).Draw(t, "key")]
				s.n.vals[i] = &node{leaf: "7"}
				wants = append(wants, want{appendPath(s.path, s.n.keys[i]), "type"})
			case "unknown":
				s.n.keys, s.n.vals = append(s.n.keys, "zzUnknown"), append(s.n.vals, &node{leaf: `"x"`})
				wants = append(wants, want{appendPath(s.path, "zzUnknown"), "unknown"})
			}
		}
		var b bytes.Buffer
		root.write(&b)
		_, err := model.Decode(b.Bytes())
		var got []want
		var es model.Errors
		if err != nil && !errors.As(err, &es) {
			t.Fatalf("error %T is not model.Errors", err)
		}
		for _, e := range es {
			kind := "type"
			switch {
			case errors.Is(e, model.ErrDuplicateKey):
				kind = "duplicate"
			case errors.Is(e, model.ErrUnknownField):
				kind = "unknown"
			}
			got = append(got, want{e.Path, kind})
		}
		less := func(a, b want) int { return strings.Compare(a.Path+a.Err, b.Path+b.Err) }
		slices.SortFunc(wants, less)
		slices.SortFunc(got, less)
		if d := cmp.Diff(wants, got, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("problems (-want +got):\n%s\n%s", d, err)
		}
	})
}
