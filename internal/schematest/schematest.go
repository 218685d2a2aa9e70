package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Validator checks documents against one compiled schema.
type Validator struct {
	schema *jsonschema.Schema
}

// Compile compiles a JSON Schema document (checked against its draft's metaschema), registered
// under its own "$id". Formats are annotations only, as the draft says.
func Compile(schema []byte) (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema is not a JSON object")
	}
	id, _ := obj["$id"].(string)
	if id == "" {
		return nil, fmt.Errorf("schema has no $id")
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(id)
	if err != nil {
		return nil, err
	}
	return &Validator{schema: s}, nil
}

// Check checks a schema that tenantplan publishes and returns its validator: it declares draft
// 2020-12, its "$id" is id, it compiles (which checks it against the draft's metaschema), and every
// property has a description.
func Check(t testing.TB, schema []byte, id string) *Validator {
	t.Helper()
	var head struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
	}
	require.NoError(t, json.Unmarshal(schema, &head))
	require.Equal(t, "https://json-schema.org/draft/2020-12/schema", head.Schema)
	require.Equal(t, id, head.ID)
	v, err := Compile(schema)
	require.NoError(t, err)
	missing, err := Undescribed(schema)
	require.NoError(t, err)
	require.Empty(t, missing, "properties without a description")
	return v
}

// Files lists the files matching the glob patterns, in order, and fails t when there are none.
func Files(t testing.TB, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		require.NoError(t, err)
		out = append(out, m...)
	}
	require.NotEmpty(t, out, "no files match %q", patterns)
	return out
}

// ValidateFiles checks, in a subtest per file, that each file conforms to the schema and that
// decode (the decoder the schema describes) accepts it.
func ValidateFiles(t *testing.T, v *Validator, files []string, decode func(name string, data []byte) error) {
	t.Helper()
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			require.NoError(t, v.Validate(data), "the schema rejects %s", p)
			require.NoError(t, decode(p, data), "the decoder rejects %s", p)
		})
	}
}

// Ordinary reports whether data is JSON that every decoder of the project reads the same way and
// that a schema can judge like them: valid UTF-8 without escaped lone surrogates, no duplicate
// key in an object, no null, and every number written as a whole number without a fraction or an
// exponent (a schema's "integer" takes 1.0 and 1e2, the decoders do not). Fuzz targets compare a
// schema with its decoder on ordinary documents only.
func Ordinary(data []byte) bool {
	if !utf8.Valid(data) || !json.Valid(data) || loneSurrogate.Match(data) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		obj     bool
		keys    map[string]bool
		wantKey bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.obj && top.wantKey {
			if tok == json.Delim('}') {
				stack = stack[:len(stack)-1]
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				return false
			}
			top.keys[k], top.wantKey = true, false
			continue
		}
		if top != nil && top.obj {
			top.wantKey = true // the next token of this object is a key or its end
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &frame{obj: true, keys: map[string]bool{}, wantKey: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
			}
		case nil:
			return false
		case json.Number:
			if strings.ContainsAny(string(v), ".eE") {
				return false
			}
		}
	}
}

var loneSurrogate = regexp.MustCompile(`\\[uU][dD][89a-fA-F]`)

// Validate reports why data does not conform to the schema, or nil. Data that is not JSON is an
// error too.
func (v *Validator) Validate(data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return v.schema.Validate(inst)
}

// Undescribed lists the JSON pointers of the properties of a schema (under any "properties") that
// have no "description", so that an editor would show nothing for them.
func Undescribed(schema []byte) ([]string, error) {
	var doc any
	if err := json.Unmarshal(schema, &doc); err != nil {
		return nil, err
	}
	var out []string
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k, p := range props {
					d, _ := p.(map[string]any)["description"].(string)
					if strings.TrimSpace(d) == "" {
						out = append(out, ptr+"/properties/"+k)
					}
				}
			}
			for k, e := range v {
				walk(e, ptr+"/"+k)
			}
		case []any:
			for i, e := range v {
				walk(e, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc, "")
	slices.Sort(out)
	return out, nil
}

// Parse decodes a JSON document into a tree of map[string]any, []any, json.Number, string, bool
// and nil, for Mutate.
func Parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Encode writes a tree back as JSON.
func Encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // trees come from Parse and Mutate: always encodable
	}
	return b
}

// Kind is a kind of shape mutation.
type Kind int

const (
	// UnknownKey adds a key that no object of the formats has (a map accepts it).
	UnknownKey Kind = iota
	// WrongType replaces a value by one of another JSON type (never null).
	WrongType
	// RemoveKey removes one key of an object.
	RemoveKey
	// CaseKey spells a key with its first letter in the other case ("Name" for "name"): keys
	// match exactly (a map takes any key).
	CaseKey
)

// String names the kind of mutation, for test names and failure messages.
func (k Kind) String() string {
	return [...]string{"unknown key", "wrong type", "remove key", "case of key"}[k]
}

// Mutation says what Mutate changed: Object is the path of the object a key was added to, removed
// from or respelt in, Key that key (as it is now); for WrongType, Object is the path of the value replaced and Key is
// "". Paths are written as the decoders write them: tenants[3].tags[1], projects["Acme Corp"].
type Mutation struct {
	Kind   Kind
	Object string
	Key    string
}

// At returns the path of the key, or of the replaced value.
func (m Mutation) At() string {
	if m.Kind == WrongType {
		return m.Object
	}
	return AppendKey(m.Object, m.Key)
}

// String says what the mutation does and where, for failure messages.
func (m Mutation) String() string { return fmt.Sprintf("%s at %s", m.Kind, m.At()) }

// node is a value of a tree with its path and a way to replace it.
type node struct {
	path string
	keys []string // the path as segments, for skip
	v    any
	set  func(any)
}

// nodes lists every value of the tree below root (root itself first), in a deterministic order.
func nodes(root any, set func(any)) []node {
	var out []node
	var walk func(v any, path string, keys []string, set func(any))
	walk = func(v any, path string, keys []string, set func(any)) {
		out = append(out, node{path: path, keys: keys, v: v, set: set})
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(mapKeys(v)) {
				walk(v[k], AppendKey(path, k), append(slices.Clip(keys), k), func(x any) { v[k] = x })
			}
		case []any:
			for i := range v {
				walk(v[i], path+"["+strconv.Itoa(i)+"]", append(slices.Clip(keys), strconv.Itoa(i)), func(x any) { v[i] = x })
			}
		}
	}
	walk(root, "", nil, set)
	return out
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Mutate draws one shape mutation of a copy of doc (a tree from Parse) and returns the mutated
// copy. Values whose path segments make skip return true are left alone (and so is everything
// below them); skip may be nil. ok is false when no mutation of the drawn kind is possible.
func Mutate(t *rapid.T, doc any, skip func(keys []string) bool) (out any, m Mutation, ok bool) {
	root := Clone(doc)
	var cands []node
	for _, n := range nodes(root, func(x any) { root = x }) {
		if skip == nil || !skip(n.keys) {
			cands = append(cands, n)
		}
	}
	m.Kind = rapid.SampledFrom([]Kind{UnknownKey, WrongType, RemoveKey, CaseKey}).Draw(t, "kind")
	var pool []node
	for _, n := range cands {
		obj, isObj := n.v.(map[string]any)
		switch m.Kind {
		case UnknownKey:
			if isObj {
				pool = append(pool, n)
			}
		case WrongType:
			if n.path != "" {
				pool = append(pool, n)
			}
		case RemoveKey:
			if isObj && len(obj) > 0 {
				pool = append(pool, n)
			}
		case CaseKey:
			if isObj && len(caseable(obj)) > 0 {
				pool = append(pool, n)
			}
		}
	}
	if len(pool) == 0 {
		return root, m, false
	}
	n := pool[rapid.IntRange(0, len(pool)-1).Draw(t, "node")]
	switch m.Kind {
	case UnknownKey:
		obj := n.v.(map[string]any)
		keys := slices.Sorted(mapKeys(obj))
		m.Object, m.Key = n.path, "zzUnknown"
		for obj[m.Key] != nil {
			m.Key += "z"
		}
		// The value has the type of a sibling, so that inside a map only the key is new.
		var v any = "x"
		if len(keys) > 0 {
			v = Clone(obj[rapid.SampledFrom(keys).Draw(t, "sibling")])
		}
		obj[m.Key] = v
	case WrongType:
		m.Object = n.path
		var others []any
		for _, x := range []any{"x", json.Number("7"), true, []any{"x"}, map[string]any{}} {
			if kindOf(x) != kindOf(n.v) {
				others = append(others, x)
			}
		}
		n.set(others[rapid.IntRange(0, len(others)-1).Draw(t, "replacement")])
	case RemoveKey:
		obj := n.v.(map[string]any)
		m.Object, m.Key = n.path, rapid.SampledFrom(slices.Sorted(mapKeys(obj))).Draw(t, "key")
		delete(obj, m.Key)
	case CaseKey:
		obj := n.v.(map[string]any)
		k := rapid.SampledFrom(caseable(obj)).Draw(t, "key")
		m.Object, m.Key = n.path, flipFirst(k)
		obj[m.Key] = obj[k]
		delete(obj, k)
	}
	return root, m, true
}

// caseable lists the keys of obj whose first letter has another case that is not a key of obj.
func caseable(obj map[string]any) []string {
	var out []string
	for _, k := range slices.Sorted(mapKeys(obj)) {
		if f := flipFirst(k); f != k {
			if _, taken := obj[f]; !taken {
				out = append(out, k)
			}
		}
	}
	return out
}

// flipFirst changes the case of the first letter of an ASCII key.
func flipFirst(k string) string {
	if k == "" {
		return k
	}
	c := k[0]
	switch {
	case c >= 'a' && c <= 'z':
		c -= 'a' - 'A'
	case c >= 'A' && c <= 'Z':
		c += 'a' - 'A'
	}
	return string(c) + k[1:]
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

// Clone deep-copies a tree.
func Clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = Clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = Clone(e)
		}
		return out
	}
	return v
}

// AppendKey appends an object key to a path the way the decoders write paths: ".key" for a key
// made of letters, digits, '_' and '-', and ["key"] otherwise.
func AppendKey(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
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
