package strictjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// kind is what the decoder does with a Go type.
type kind uint8

const (
	kUnsupported kind = iota
	kString
	kBool
	kInt
	kUint
	kFloat
	kStruct
	kMap
	kSlice
	kPtr
	kRaw // json.RawMessage: the value's JSON text
	kAny // an interface: the value as encoding/json decodes it into any
	// kText: a type whose pointer is an encoding.TextUnmarshaler (an enum, a duration, a time):
	// a JSON string handed to UnmarshalText.
	kText
)

// codec is what the decoder knows of one Go type, worked out once per decode.
type codec struct {
	kind   kind
	typ    reflect.Type
	bits   int    // of numbers
	elem   *codec // of pointers, slices and maps
	key    *codec // of maps
	fields []field
	index  map[string]int // json key -> position in fields
	keys   []string       // the json keys, in the order of fields
	names  []string       // the json keys, sorted, for suggestions
	// spare holds zero values of the type (for slices: scratch slices whose elements are all
	// zero, length = capacity), ready to decode into; see take and give.
	spare   []reflect.Value
	zeroLen reflect.Value // see empty
}

// take returns a settable zero value of the codec's type (for a slice, a scratch slice).
func (c *codec) take() reflect.Value {
	if n := len(c.spare); n > 0 {
		v := c.spare[n-1]
		c.spare = c.spare[:n-1]
		return v
	}
	return reflect.New(c.typ).Elem()
}

// empty returns an empty, non-nil slice of the codec's type.
func (c *codec) empty() reflect.Value {
	if !c.zeroLen.IsValid() {
		c.zeroLen = reflect.MakeSlice(c.typ, 0, 0)
	}
	return c.zeroLen
}

// give returns a value taken with take, zero again (for a slice, with zero elements).
func (c *codec) give(v reflect.Value) { c.spare = append(c.spare, v) }

// field is one json key of a struct.
type field struct {
	index int // in the struct
	codec *codec
}

var (
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
)

// codec returns the codec of t, building it (and those of the types in it) on first use.
func (d *decoder) codec(t reflect.Type) *codec {
	if c, ok := d.codecs[t]; ok {
		return c
	}
	c := &codec{typ: t}
	d.codecs[t] = c // before the elements, for recursive types
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && reflect.PointerTo(t).Implements(textUnmarshalerType) {
		c.kind = kText
		return c
	}
	switch t.Kind() {
	case reflect.String:
		c.kind = kString
	case reflect.Bool:
		c.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind, c.bits = kInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c.kind, c.bits = kUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		c.kind, c.bits = kFloat, t.Bits()
	case reflect.Interface:
		c.kind = kAny
	case reflect.Pointer:
		c.kind, c.elem = kPtr, d.codec(t.Elem())
	case reflect.Slice:
		c.kind = kSlice
		if t == rawMessageType {
			c.kind = kRaw
		} else {
			c.elem = d.codec(t.Elem())
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			c.kind, c.key, c.elem = kMap, d.codec(t.Key()), d.codec(t.Elem())
		}
	case reflect.Struct:
		c.kind = kStruct
		c.index = map[string]int{}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			c.index[name] = len(c.fields)
			c.keys = append(c.keys, name)
			c.fields = append(c.fields, field{index: i, codec: d.codec(f.Type)})
			c.names = append(c.names, name)
		}
		slices.Sort(c.names)
	}
	return c
}

// field returns the position in c.fields of the json key, looking first at the fields from next
// on: a document written in the order of the struct's fields finds each key there at once.
func (c *codec) field(key []byte, next int) (int, bool) {
	for i := next; i < len(c.keys); i++ {
		if c.keys[i] == string(key) {
			return i, true
		}
	}
	i, ok := c.index[string(key)]
	return i, ok
}

// want says what JSON a codec takes, for messages.
func (c *codec) want() string {
	switch c.kind {
	case kString, kText:
		return "a string"
	case kBool:
		return "true or false"
	case kInt, kUint:
		return "a whole number"
	case kFloat:
		return "a number"
	case kStruct, kMap:
		return "an object"
	case kSlice:
		return "an array"
	case kPtr:
		return c.elem.want()
	}
	return "a value"
}

// jsonKind is the JSON kind of an object codec ('{'), or 0 for codecs that take several kinds.
func (c *codec) jsonKind() jsontext.Kind {
	if c.kind == kStruct || c.kind == kMap {
		return '{'
	}
	return 0
}

// suggest returns the known key closest to k (equal ignoring case, or within a few edits), or "".
func (c *codec) suggest(k string) string {
	s, _ := problem.Closest(k, slices.Values(c.names))
	return s
}
