package strictjson

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// DecodeInto decodes data strictly into v, with the default Options. v must be a pointer to a
// type made of strings, booleans, numbers, slices, string-keyed maps, pointers and structs with
// json tags (a json.RawMessage keeps a value's JSON text, after checking it as any other value).
// The problems are returned at once as Errors, sorted by path (relative to v). v is only set when
// there is no error.
func DecodeInto(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return Errors{{Message: fmt.Sprintf("cannot decode into %T", v), Err: problem.ErrInvalidValue}}
	}
	out := reflect.New(rv.Type().Elem())
	if errs, _ := Decode(data, out.Elem(), Options{}); len(errs) > 0 {
		return errs
	}
	rv.Elem().Set(out.Elem())
	return nil
}

// errStop unwinds the decoder after a problem that ends it: malformed JSON or too deep nesting.
// The problem itself is already recorded.
var errStop = errors.New("stop")

// bom is the UTF-8 byte order mark.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Decode decodes data into rv (which must be settable) and returns the problems, sorted, with
// whether the document was read whole and every problem listed. A value that does not decode is
// left zero, an unknown key is left out, and of a duplicate key the first value is kept.
func Decode(data []byte, rv reflect.Value, o Options) (Errors, bool) {
	o = o.withDefaults()
	if int64(len(data)) > o.MaxBytes {
		return Errors{{Err: problem.ErrLimit, Message: fmt.Sprintf("the input is %d bytes, more than the limit of %d bytes (Options.MaxBytes)",
			len(data), o.MaxBytes)}}, false
	}
	d := &decoder{all: data, o: o, codecs: map[reflect.Type]*codec{}, strBits: 12}
	if len(data) < 1<<16 {
		d.strBits = 6
	}
	d.strs = make([]string, 1<<d.strBits)
	if bytes.HasPrefix(data, bom) {
		d.errs = append(d.errs, &Error{Line: 1, Column: 1, Err: problem.ErrInvalidValue,
			Message: "the input starts with a UTF-8 byte order mark (BOM), which JSON does not allow: save the file without it"})
		d.base = len(bom)
	}
	d.data = data[d.base:]
	c := d.codec(rv.Type())
	complete := d.top(c, rv) == nil && d.more == 0
	problem.List[*Error](d.errs).Sort()
	if d.more > 0 {
		d.errs = append(d.errs, &Error{Err: problem.ErrLimit, Message: fmt.Sprintf("%d more problems not listed: only the first %d are (Options.MaxErrors)",
			d.more, o.MaxErrors)})
	}
	return d.errs, complete
}

// decoder reads one document token by token (see scan.go) and stores the values through
// reflection, recording every problem with its path. The path is a stack of frames that costs
// nothing until a problem turns it into a string.
type decoder struct {
	all   []byte // the whole input, for line and column
	base  int    // where data starts in all (after a byte order mark)
	data  []byte
	pos   int // the offset in data of the next byte to read
	o     Options
	errs  Errors
	more  int // problems past the cap, counted only
	stack []frame
	buf   []byte // scratch for unescaping strings
	// strs is a small cache of the strings made so far, so that the names a model repeats
	// (environments, projects, tenants, outcomes) share one allocation.
	// It has 4,096 slots, or 64 for an input under 64 KiB.
	strs    []string
	strBits int      // log2(len(strs))
	strPtrs []string // see newString
	keys    []string // see mapping
	codecs  map[reflect.Type]*codec
}

// frame is one step of the path: a list index (index >= 0) or an object key.
type frame struct {
	key   []byte
	index int
}

func (d *decoder) push(key []byte, index int) { d.stack = append(d.stack, frame{key, index}) }
func (d *decoder) pop()                       { d.stack = d.stack[:len(d.stack)-1] }

// path returns the current path as a string.
func (d *decoder) path() string {
	var b []byte
	for _, f := range d.stack {
		if f.index >= 0 {
			b = appendIndex(b, f.index)
		} else {
			b = appendKey(b, f.key)
		}
	}
	return string(b)
}

// fail records a problem at the current path, or only counts it past the cap. msg is only called
// (and the path only made) for a problem that is recorded, so that counting costs nothing.
func (d *decoder) fail(err error, msg func() string) {
	if len(d.errs) >= d.o.MaxErrors {
		d.more++
		return
	}
	d.errs = append(d.errs, &Error{Path: d.path(), Message: msg(), Err: err})
}

// failAt records a problem that ends decoding, at the current path with the line and column of
// the byte offset off of data.
func (d *decoder) failAt(off int64, msg string) error {
	line, col := position(d.all, off+int64(d.base))
	d.errs = append(d.errs, &Error{Path: d.path(), Line: line, Column: col, Message: msg, Err: problem.ErrInvalidValue})
	return errStop
}

// nextOffset returns the offset of the next value: past the whitespace that follows the last
// token read.
func (d *decoder) nextOffset() int64 {
	d.ws()
	return int64(d.pos)
}

// top decodes the whole document: one value of the codec's type, and nothing after it.
func (d *decoder) top(c *codec, rv reflect.Value) error {
	k, err := d.peek()
	if err != nil {
		return err
	}
	if (c.kind == kStruct || c.kind == kMap || k == 'n') && k != c.jsonKind() {
		d.fail(problem.ErrInvalidValue, func() string { return fmt.Sprintf("the document must be %s, not %s", c.want(), kindName(k)) })
		if err := d.skip(0); err != nil {
			return err
		}
		err = errStop // nothing decoded
	} else if err := d.value(c, rv, 0); err != nil {
		return err
	}
	if d.ws(); d.pos < len(d.data) {
		return d.failAt(d.nextOffset(), "unexpected data after the end of the JSON document")
	}
	return err
}

// value decodes the next value into rv. depth is the number of objects and lists around it.
func (d *decoder) value(c *codec, rv reflect.Value, depth int) error {
	k, err := d.peek()
	if err != nil {
		return err
	}
	if k == 'n' && c.kind != kRaw && c.kind != kAny {
		// null is the zero value of any type, as in encoding/json.
		_, err := d.scalar(k)
		return err
	}
	switch c.kind {
	case kString:
		if k != '"' {
			return d.mismatch(c, k, depth)
		}
		s, ok, err := d.readString(true)
		if ok {
			rv.SetString(s)
		}
		return err
	case kBool:
		if k != 't' && k != 'f' {
			return d.mismatch(c, k, depth)
		}
		if _, err := d.scalar(k); err != nil {
			return err
		}
		rv.SetBool(k == 't')
		return nil
	case kInt, kUint, kFloat:
		if k != '0' {
			return d.mismatch(c, k, depth)
		}
		raw, err := d.scalar(k)
		if err != nil {
			return err
		}
		d.setNumber(c, rv, raw)
		return nil
	case kStruct, kMap:
		if k != '{' {
			return d.mismatch(c, k, depth)
		}
		if c.kind == kMap {
			return d.mapping(c, rv, depth)
		}
		return d.object(c, rv, depth)
	case kSlice:
		if k != '[' {
			return d.mismatch(c, k, depth)
		}
		return d.list(c, rv, depth)
	case kPtr:
		var p reflect.Value
		if c.typ == stringPtrType {
			p = reflect.ValueOf(d.newString())
		} else {
			p = reflect.New(c.typ.Elem())
		}
		err := d.value(c.elem, p.Elem(), depth)
		rv.Set(p)
		return err
	case kRaw, kAny:
		return d.raw(c, rv, depth)
	case kText:
		if k != '"' {
			return d.mismatch(c, k, depth)
		}
		s, ok, err := d.readString(true)
		if ok {
			d.textValue(c, rv, s)
		}
		return err
	}
	d.fail(problem.ErrInvalidValue, func() string { return fmt.Sprintf("unsupported Go type %s", c.typ) })
	return d.skip(depth)
}

var stringPtrType = reflect.TypeFor[*string]()

// textValue stores the string s into rv, of a type whose pointer is an encoding.TextUnmarshaler.
// A text the type rejects is a problem (code invalid-value) whose message is the type's own
// error (without a code at its end, which the problem prints once), or for a time, one that says what an RFC 3339 time looks like; the problem's Err wraps
// both ErrInvalidValue and the type's error.
func (d *decoder) textValue(c *codec, rv reflect.Value, s string) {
	p := reflect.New(c.typ)
	if err := p.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
		d.fail(fmt.Errorf("%w: %w", problem.ErrInvalidValue, err), func() string {
			if c.typ == timeType {
				return fmt.Sprintf("%s is not an RFC 3339 time such as \"2026-03-16T09:00:00Z\"", quote(s))
			}
			return problem.Text(err)
		})
		return
	}
	rv.Set(p.Elem())
}

// newString returns a pointer to a new string variable. The variables come from blocks of 256, so
// that the optional strings of a model (tenant values, defaults) are not one allocation each.
func (d *decoder) newString() *string {
	if len(d.strPtrs) == 0 {
		d.strPtrs = make([]string, 256)
	}
	p := &d.strPtrs[0]
	d.strPtrs = d.strPtrs[1:]
	return p
}

// mismatch records a value of the wrong JSON type and skips it.
func (d *decoder) mismatch(c *codec, k jsontext.Kind, depth int) error {
	d.fail(problem.ErrInvalidValue, func() string { return fmt.Sprintf("expected %s, got %s", c.want(), kindName(k)) })
	return d.skip(depth)
}

// readString reads a string value, returned when keep is set: ok is false (and the problem
// recorded) when it is not valid UTF-8 or too long.
func (d *decoder) readString(keep bool) (s string, ok bool, err error) {
	raw, plain, err := d.str()
	if err != nil {
		return "", false, err
	}
	b, ok, _ := d.text(raw, plain)
	if !ok {
		d.fail(ErrInvalidUTF8, func() string { return "the string is not valid UTF-8 (or escapes half of a surrogate pair)" })
		return "", false, nil
	}
	if len(b) > d.o.MaxStringBytes {
		d.fail(problem.ErrLimit, func() string {
			return fmt.Sprintf("the string is %d bytes, more than the limit of %d (Options.MaxStringBytes)", len(b), d.o.MaxStringBytes)
		})
		return "", false, nil
	}
	if !keep {
		return "", true, nil
	}
	return d.intern(b), true, nil
}

// text returns the content of a JSON string token, unescaped, and whether it is valid UTF-8
// without unpaired surrogate escapes. scratch reports that the result is in the scratch buffer
// (valid until the next call); otherwise it is a part of the input.
func (d *decoder) text(raw []byte, plain bool) (b []byte, ok, scratch bool) {
	if plain {
		return raw[1 : len(raw)-1], true, false
	}
	out, err := jsontext.AppendUnquote(d.buf[:0], raw)
	d.buf = out
	return out, err == nil, true
}

// intern returns b as a string, sharing the allocation of an equal short string made recently.
func (d *decoder) intern(b []byte) string {
	n := len(b)
	if n == 0 || n > 40 {
		return string(b)
	}
	var h uint64
	if n >= 8 {
		h = binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[n-8:])*0x9E3779B97F4A7C15
	} else {
		for _, c := range b {
			h = h<<8 | uint64(c)
		}
	}
	h = (h ^ uint64(n)) * 0xBF58476D1CE4E5B9
	slot := &d.strs[h>>(64-d.strBits)]
	if *slot == string(b) {
		return *slot
	}
	s := string(b)
	*slot = s
	return s
}

// setNumber checks a JSON number against the Go type of rv and stores it.
func (d *decoder) setNumber(c *codec, rv reflect.Value, raw []byte) {
	switch c.kind {
	case kFloat:
		f, err := strconv.ParseFloat(string(raw), c.bits)
		if err != nil {
			d.fail(problem.ErrInvalidValue, func() string { return fmt.Sprintf("the number %s is out of range", quote(string(raw))) })
			return
		}
		rv.SetFloat(f)
		return
	}
	n, ok := parseInt(raw)
	lo, hi := c.limits()
	if !ok || n < lo || n > hi {
		d.fail(problem.ErrInvalidValue, func() string { return fmt.Sprintf("expected %s, got %s", c.want(), quote(string(raw))) })
		return
	}
	if c.kind == kUint {
		rv.SetUint(uint64(n))
	} else {
		rv.SetInt(n)
	}
}

// parseInt parses a JSON number that is a plain integer of at most 18 digits.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// key reads an object key. ok is false (and the problem recorded, at the key's path) when the key
// is not valid UTF-8 or too long. The key is pushed on the path either way; the caller pops it.
func (d *decoder) key() (key []byte, ok bool, err error) {
	if !d.at('"') {
		d.push(nil, -1)
		return nil, false, d.malformed()
	}
	raw, plain, err := d.str()
	if err != nil {
		d.push(nil, -1)
		return nil, false, err
	}
	key, ok, scratch := d.text(raw, plain)
	switch {
	case !ok:
		key = bytes.Clone(raw[1 : len(raw)-1]) // as written, so that the path shows the bad bytes
	case scratch:
		key = bytes.Clone(key) // the frame outlives the scratch buffer
	}
	d.push(key, -1)
	switch {
	case !ok:
		d.fail(ErrInvalidUTF8, func() string { return "the key is not valid UTF-8 (or escapes half of a surrogate pair)" })
	case len(key) > d.o.MaxStringBytes:
		d.fail(problem.ErrLimit, func() string {
			return fmt.Sprintf("the key is %d bytes, more than the limit of %d (Options.MaxStringBytes)", len(key), d.o.MaxStringBytes)
		})
		ok = false
	}
	return key, ok, nil
}

// open reads the '{' or '[' of a value at the given depth (peek has returned it), failing past
// MaxDepth.
func (d *decoder) open(depth int) error {
	if depth >= MaxDepth {
		return d.failAt(d.nextOffset(), fmt.Sprintf("JSON nested deeper than %d levels", MaxDepth))
	}
	d.pos++
	return nil
}

// next moves past the ',' between two members or elements, and reports true; or past the end
// byte that closes the object or array, and reports false. Anything else is malformed JSON.
func (d *decoder) next(end byte) (more bool, err error) {
	d.ws()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			return true, nil
		case end:
			d.pos++
			return false, nil
		}
	}
	return false, d.malformed()
}

// members calls fn for each key of the object that comes next (its '{' already read), with the
// key on the path, then reads the '}'. fn is not called for a key that is not valid UTF-8 or too
// long: its value is skipped.
func (d *decoder) members(depth int, fn func(key []byte) error) error {
	if d.at('}') {
		d.pos++
		return nil
	}
	for {
		key, ok, err := d.key()
		if err == nil {
			if !d.at(':') {
				err = d.malformed()
			} else if d.pos++; ok {
				err = fn(key)
			} else {
				err = d.skip(depth + 1)
			}
		}
		d.pop()
		if err != nil {
			return err
		}
		if more, err := d.next('}'); !more {
			return err
		}
	}
}

// object decodes an object into the struct rv.
func (d *decoder) object(c *codec, rv reflect.Value, depth int) error {
	if err := d.open(depth); err != nil {
		return err
	}
	var seen uint64 // the fields set, one bit each (a struct of more than 64 fields also uses more)
	var seenMore []bool
	if len(c.fields) > 64 {
		seenMore = make([]bool, len(c.fields))
	}
	next := 0 // the field after the last one, which is most often the next key
	return d.members(depth, func(key []byte) error {
		i, found := c.field(key, next)
		was := false
		if found {
			if i < 64 {
				was = seen&(1<<i) != 0
				seen |= 1 << i
			} else {
				was = seenMore[i]
				seenMore[i] = true
			}
		}
		switch {
		case !found:
			d.fail(ErrUnknownField, func() string {
				msg := "unknown key " + quote(string(key))
				if s := c.suggest(string(key)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				return msg
			})
			return d.skip(depth + 1)
		case was:
			d.fail(ErrDuplicateKey, func() string { return "duplicate key " + quote(string(key)) + ": a key may appear once in an object" })
			return d.skip(depth + 1)
		}
		next = i + 1
		f := &c.fields[i]
		return d.value(f.codec, rv.Field(f.index), depth+1)
	})
}

// mapping decodes an object into the map rv.
func (d *decoder) mapping(c *codec, rv reflect.Value, depth int) error {
	if err := d.open(depth); err != nil {
		return err
	}
	m := reflect.MakeMap(c.typ)
	rv.Set(m)
	kv, ev := c.key.take(), c.elem.take()
	defer c.key.give(kv)
	defer c.elem.give(ev)
	n := 0
	base := len(d.keys) // the keys of this map are d.keys[base:], while it has few
	defer func() { d.keys = d.keys[:base] }()
	return d.members(depth, func(key []byte) error {
		k := d.intern(key)
		kv.SetString(k)
		switch {
		case n >= d.o.MaxListLength:
			if n == d.o.MaxListLength {
				d.failAbove(func() string {
					return fmt.Sprintf("the map has more than %d keys (Options.MaxListLength)", d.o.MaxListLength)
				})
			}
			n++
			return d.skip(depth + 1)
		case d.seen(m, kv, base, n):
			d.fail(ErrDuplicateKey, func() string { return "duplicate key " + quote(string(key)) + ": a key may appear once in a map" })
			return d.skip(depth + 1)
		}
		n++
		if n <= fewKeys {
			d.keys = append(d.keys, k)
		}
		err := d.value(c.elem, ev, depth+1)
		m.SetMapIndex(kv, ev)
		ev.SetZero()
		return err
	})
}

// fewKeys is the most keys of a map that seen compares one by one.
const fewKeys = 8

// seen reports whether the map m, with n keys, has the key kv: while n is at most fewKeys, by
// comparing it with d.keys[base:], which is faster than a map lookup.
func (d *decoder) seen(m, kv reflect.Value, base, n int) bool {
	if n > fewKeys {
		return m.MapIndex(kv).IsValid()
	}
	k := kv.String()
	for _, s := range d.keys[base:] {
		if s == k {
			return true
		}
	}
	return false
}

// failAbove records a limit at the path of the value that holds the current one.
func (d *decoder) failAbove(msg func() string) {
	top := d.stack[len(d.stack)-1]
	d.pop()
	d.fail(problem.ErrLimit, msg)
	d.stack = append(d.stack, top)
}

// handOver is the length from which a list keeps the scratch it was decoded into, when that
// wastes at most a quarter of it, instead of being copied to a slice of its exact length.
const handOver = 4096

// growTo returns the next capacity of a scratch slice that is full with n elements, for a list
// that started at the offset start: twice n while the list is short; past handOver, the length
// the rest of the input would give at the bytes per element seen so far (plus a sixteenth), kept
// between twice and eight times n. A long list at the end of a model (the deployments) then grows
// once or twice instead of ten times, and is handed over without a copy.
func (d *decoder) growTo(n int, start int64) int {
	size := max(4, 2*n)
	if n >= handOver {
		at := int64(d.pos)
		est := int64(n) + int64(n)*(int64(len(d.data))-at)/max(at-start, 1)
		size = int(min(max(int64(size), est+est/16), 8*int64(n)))
	}
	return min(size, max(d.o.MaxListLength, n+1))
}

// list decodes an array into the slice rv. The elements go to a scratch slice of the codec, which
// grows by doubling and is reused by the next list of the type; the result is a slice of the
// exact length, so that the many short lists of a model cost one allocation each.
func (d *decoder) list(c *codec, rv reflect.Value, depth int) error {
	if err := d.open(depth); err != nil {
		return err
	}
	var sp *splitter
	if depth == 1 && d.stack[0].index < 0 {
		// A list that is a member of the top object: the lists in a top-level list are
		// usually many and short, and not worth a splitter each.
		sp = d.split(c, depth)
	}
	s := c.take()
	n := 0 // elements in s
	start := int64(d.pos)
	fn := func(i int) error {
		if sp != nil && sp.at(i) {
			return errSplit
		}
		if i >= d.o.MaxListLength {
			if i == d.o.MaxListLength {
				d.failAbove(func() string {
					return fmt.Sprintf("the list has more than %d elements (Options.MaxListLength)", d.o.MaxListLength)
				})
			}
			return d.skip(depth + 1)
		}
		if i == s.Len() {
			size := d.growTo(i, start)
			if sp != nil {
				// Up to the element the splitter takes over from; past it (the splitter's work
				// dropped), the slice grows as always.
				if lim := sp.limit.Load(); int64(i) < lim {
					size = int(min(int64(size), lim))
				}
			}
			grown := reflect.MakeSlice(c.typ, size, size)
			reflect.Copy(grown, s)
			s.Set(grown)
		}
		n = i + 1
		return d.value(c.elem, s.Index(i), depth+1)
	}
	err := d.elements(0, fn)
	if sp != nil {
		if err == errSplit {
			if sp.join(rv, s, n) {
				clearScratch(s, n)
				c.give(s)
				return nil
			}
			sp.cancel.Store(true)
			err = d.elements(n, fn)
		} else {
			sp.cancel.Store(true)
			sp.wait()
		}
	}
	switch {
	case n >= handOver && s.Len()-n <= n/4:
		rv.Set(s.Slice3(0, n, n))
		s.SetZero()
	case n == 0:
		rv.Set(c.empty()) // [] is an empty list, not a missing one, as in encoding/json
	default:
		rv.Grow(n)
		rv.SetLen(n)
		reflect.Copy(rv, s)
		clearScratch(s, n)
	}
	c.give(s)
	return err
}

// clearScratch sets the first n elements of the scratch slice s to zero.
func clearScratch(s reflect.Value, n int) {
	s.SetLen(n)
	s.Clear()
	s.SetLen(s.Cap())
}

// elements calls fn for each element of the array that comes next (its '[' already read), with
// its index on the path, then reads the ']'. With from > 0, it goes on with element from, of an
// array whose elements before it have been read (and their ',').
func (d *decoder) elements(from int, fn func(i int) error) error {
	if from == 0 && d.at(']') {
		d.pos++
		return nil
	}
	for i := from; ; i++ {
		if _, err := d.peek(); err != nil {
			return err
		}
		d.push(nil, i)
		err := fn(i)
		d.pop()
		if err != nil {
			return err
		}
		if more, err := d.next(']'); !more {
			return err
		}
	}
}

// raw keeps the JSON text of the next value (json.RawMessage), or decodes it with encoding/json
// (an interface), after checking it as skip does.
func (d *decoder) raw(c *codec, rv reflect.Value, depth int) error {
	start := d.nextOffset()
	nerr := len(d.errs) + d.more
	if err := d.skip(depth); err != nil {
		return err
	}
	text := d.data[start:d.pos]
	if len(d.errs)+d.more > nerr {
		return nil
	}
	if c.kind == kRaw {
		rv.SetBytes(bytes.Clone(text))
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		d.fail(problem.ErrInvalidValue, func() string { return err.Error() })
		return nil
	}
	if v != nil {
		rv.Set(reflect.ValueOf(v))
	}
	return nil
}

// skip reads the next value without keeping it, still checking its strings, keys and depth.
func (d *decoder) skip(depth int) error {
	k, err := d.peek()
	if err != nil {
		return err
	}
	switch k {
	case '{':
		if err := d.open(depth); err != nil {
			return err
		}
		return d.members(depth, func([]byte) error { return d.skip(depth + 1) })
	case '[':
		if err := d.open(depth); err != nil {
			return err
		}
		return d.elements(0, func(int) error { return d.skip(depth + 1) })
	case '"':
		_, _, err := d.readString(false)
		return err
	}
	_, err = d.scalar(k)
	return err
}

// kindName names a JSON kind for a message.
func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	}
	return "nothing"
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// limits returns the range of an integer codec. Every int kind is held to 32 bits, as the
// format's numbers are small counts.
func (c *codec) limits() (lo, hi int64) {
	if c.kind == kUint {
		return 0, int64(min(uint64(math.MaxInt32), 1<<c.bits-1))
	}
	b := min(c.bits, 32)
	return -1 << (b - 1), 1<<(b-1) - 1
}
