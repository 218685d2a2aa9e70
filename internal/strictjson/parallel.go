package strictjson

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
)

// A long list at the top of a document (the tenants or deployments of a model) is decoded by
// several goroutines at once, when the program may run more than one (runtime.GOMAXPROCS). The
// decoder starts on the list as always; meanwhile a splitter goroutine reads the list's bytes
// without decoding them, to find where its elements start. It then cuts what the decoder has not
// reached yet into parts of about equal size, tells the decoder at which element to stop, and
// decodes the other parts itself (with one more goroutine per part past the second), each with a
// decoder of its own, into their places in the result. The problems of the parts are joined in
// document order, so that the result, its problems and the cap on them are those of decoding the
// list alone. When a part meets malformed JSON, or the decoder is already past the element it
// was told to stop at, the splitter's work is dropped and the decoder goes on alone, so that
// malformed JSON is reported as always. Every goroutine has ended when Decode returns.

const (
	// parallelBytes is the least size of a list, in bytes, that is decoded in parts.
	parallelBytes = 1 << 20
	// partBytes is the least size of one part.
	partBytes = 256 << 10
	// maxParts bounds the parts of one list.
	maxParts = 8
	// markEvery is how often the first pass records an element's offset: one element in
	// markEvery, so that its memory is a small part of the list's.
	markEvery = 32
)

// listMarks is what the first pass finds of a list: the offsets of elements 0, markEvery,
// 2*markEvery, …, the number of elements and the offset of the closing ']'.
type listMarks struct {
	starts []int
	n      int
	end    int
}

// scanList finds the elements of the list whose first byte (after the '[') is at from, or
// reports false when the bytes are not those of a list (the decoder then finds the problem).
func (d *decoder) scanList(from int) (listMarks, bool) {
	b := d.data
	i := skipSpace(b, from)
	m := listMarks{}
	if i >= len(b) || b[i] == ']' {
		return m, false
	}
	m.starts = append(m.starts, i)
	m.n = 1
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			j, ok := stringEnd(b, i+1)
			if !ok {
				return m, false
			}
			i = j
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				if c != ']' {
					return m, false
				}
				m.end = i
				return m, true
			}
			depth--
		case ',':
			if depth == 0 {
				if m.n%markEvery == 0 {
					m.starts = append(m.starts, skipSpace(b, i+1))
				}
				m.n++
			}
		}
		i++
	}
	return m, false
}

// stringEnd returns the offset past the quote that ends the string whose text starts at i.
func stringEnd(b []byte, i int) (int, bool) {
	for {
		i = plainRun(b, i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '"':
			return i + 1, true
		case '\\':
			i += 2
		default:
			i++
		}
	}
}

// splitter is the goroutine that shares a list out, and what it tells the decoder.
type splitter struct {
	d     *decoder // the decoder of the list, which the splitter must not touch
	c     *codec   // of the list
	depth int
	from  int // the offset of the list's first element

	cur    atomic.Int64 // the element the decoder is at
	limit  atomic.Int64 // the element the decoder stops at (math.MaxInt64 until it is set)
	cancel atomic.Bool  // set by the decoder when it does not stop: the splitter's work is dropped
	done   chan struct{}

	// Set by the splitter before done is closed, and read by the decoder after:
	ok    bool          // the parts from limit to the end decoded without malformed JSON
	out   reflect.Value // a slice of the list's length, with the elements from limit on set
	parts []part
	end   int // the offset of the list's ']'
}

// part is one share of a list: its elements lo to hi, starting at byte start.
type part struct {
	lo, hi int
	start  int
	dec    *decoder
	err    error
}

// started counts the splitters started, and joined the lists decoded in parts, for tests.
var started, joined atomic.Int64

// errSplit ends the decoder's elements at the one the splitter has taken over.
var errSplit = errors.New("split")

// split starts a splitter for the list whose elements start at d.pos, or returns nil when the
// list cannot be long enough or the program runs one goroutine at a time.
func (d *decoder) split(c *codec, depth int) *splitter {
	if runtime.GOMAXPROCS(0) < 2 || len(d.data)-d.pos < parallelBytes {
		return nil
	}
	sp := &splitter{d: d, c: c, depth: depth, from: d.pos, done: make(chan struct{})}
	sp.limit.Store(math.MaxInt64)
	started.Add(1)
	stack := append([]frame(nil), d.stack...)
	go sp.run(stack)
	return sp
}

// at is called by the decoder before element i: it reports whether the splitter has taken over
// from i on. The decoder stops there, or, if it is already past the element it is told (or the
// splitter's work is dropped), it cancels the splitter and goes on alone.
func (sp *splitter) at(i int) bool {
	if sp.cancel.Load() {
		return false
	}
	sp.cur.Store(int64(i))
	switch lim := sp.limit.Load(); {
	case int64(i) < lim:
		return false
	case int64(i) == lim:
		return true
	}
	sp.cancel.Store(true)
	return false
}

// wait waits for the splitter to end.
func (sp *splitter) wait() { <-sp.done }

// run finds the list's elements, cuts what the decoder has not reached into parts, and decodes
// all but the first, which is left to the decoder.
func (sp *splitter) run(stack []frame) {
	defer close(sp.done)
	d := sp.d
	m, ok := d.scanList(sp.from)
	if !ok || m.n > d.o.MaxListLength || m.end-sp.from < parallelBytes {
		return
	}
	// Cut from a marked element ahead of the decoder (by a sixteenth of what is left), so that it
	// is not past it by the time it is told.
	cur := int(sp.cur.Load())
	first := min(cur/markEvery+2+(m.n-cur)/16/markEvery, len(m.starts))
	if first >= len(m.starts) {
		return
	}
	m.starts, m.n = m.starts[first:], m.n-first*markEvery
	bytes := m.end - m.starts[0]
	parts := share(m, min(runtime.GOMAXPROCS(0), maxParts, bytes/partBytes), first*markEvery)
	if len(parts) < 2 {
		return
	}
	// Tell the decoder first: making the result takes a while for a long list.
	sp.limit.Store(int64(parts[0].hi))
	sp.parts, sp.end = parts[1:], m.end
	n := parts[len(parts)-1].hi
	if sp.cancel.Load() {
		return // the decoder has failed or finished meanwhile: do not make the result for nothing
	}
	sp.out = reflect.MakeSlice(sp.c.typ, n, n)
	for i := range sp.parts {
		sp.parts[i].dec = d.fork(sp.parts[i].start, stack)
	}
	var wg sync.WaitGroup
	for i := range sp.parts[1:] {
		p := &sp.parts[i+1]
		wg.Go(func() { p.err = sp.decode(p, n) })
	}
	sp.parts[0].err = sp.decode(&sp.parts[0], n)
	wg.Wait()
	for i, p := range sp.parts {
		next := skipSpace(d.data, m.end+1) // the last part ends past the whitespace after ']'
		if i+1 < len(sp.parts) {
			next = sp.parts[i+1].start
		}
		if p.err != nil || p.dec.pos != next {
			return
		}
	}
	sp.ok = true
}

// share cuts the elements of m (counted from the element base) into about k parts of equal bytes,
// at marked elements.
func share(m listMarks, k, base int) []part {
	var parts []part
	size := (m.end - m.starts[0]) / max(k, 1)
	next := m.starts[0]
	for j, start := range m.starts {
		if start < next {
			continue
		}
		if len(parts) > 0 {
			parts[len(parts)-1].hi = base + j*markEvery
		}
		parts = append(parts, part{lo: base + j*markEvery, start: start})
		next = start + size
	}
	parts[len(parts)-1].hi = base + m.n
	return parts
}

// fork returns a decoder for a part of the input from byte start, with the path stack: the same
// input and options, with caches of its own.
func (d *decoder) fork(start int, stack []frame) *decoder {
	f := &decoder{all: d.all, base: d.base, data: d.data, pos: start, o: d.o,
		codecs: map[reflect.Type]*codec{}, strBits: d.strBits}
	f.strs = make([]string, 1<<f.strBits)
	f.stack = append(f.stack, stack...)
	return f
}

// decode decodes the elements of part p, each followed by its ',' (or, for the last of the n
// elements, the ']'), into sp.out.
func (sp *splitter) decode(p *part, n int) error {
	d := p.dec
	c := d.codec(sp.c.elem.typ)
	for i := p.lo; i < p.hi; i++ {
		if sp.cancel.Load() {
			return errStop
		}
		if _, err := d.peek(); err != nil {
			return err
		}
		d.push(nil, i)
		err := d.value(c, sp.out.Index(i), sp.depth+1)
		d.pop()
		if err != nil {
			return err
		}
		more, err := d.next(']')
		if err != nil {
			return err
		}
		if more != (i < n-1) {
			return errStop
		}
	}
	d.ws()
	return nil
}

// join finishes a list that the decoder stopped at element k (at sp.limit) for the splitter: the
// decoder's k elements in s go to the start of the splitter's slice, which is stored in rv, and
// the splitter's problems follow the decoder's. It reports false when the splitter's parts did
// not decode, so that the decoder goes on alone from element k.
func (sp *splitter) join(rv, s reflect.Value, k int) bool {
	sp.wait()
	if !sp.ok {
		return false
	}
	d := sp.d
	reflect.Copy(sp.out.Slice(0, k), s.Slice(0, k))
	rv.Set(sp.out)
	for _, p := range sp.parts {
		for _, e := range p.dec.errs {
			if len(d.errs) < d.o.MaxErrors {
				d.errs = append(d.errs, e)
			} else {
				d.more++
			}
		}
		d.more += p.dec.more
	}
	d.pos = sp.end + 1
	joined.Add(1)
	return true
}
