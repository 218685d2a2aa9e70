package freeze

import "time"

// cursor walks the occurrences of one freeze in order (the first, [start, end), then the rule's
// valid slots), leaving out those that end at or before from. After next returns true, b and e
// bound the current occurrence.
type cursor struct {
	z     *frozen
	from  time.Time
	s     int64 // the next slot to look at
	first bool  // the first occurrence is still to come
	b, e  time.Time
}

// seek returns a cursor before the first occurrence of z that ends after from; withFirst false
// leaves the first occurrence out (only the recurrence's slots).
func seek(z *frozen, from time.Time, withFirst bool) cursor {
	c := cursor{z: z, from: from, first: withFirst && z.end.After(from)}
	if r := z.rule; r != nil {
		c.s = max(r.jump(from.Add(-z.dur)), r.first)
	}
	return c
}

// jump returns a slot at or before every slot that may begin at or after t: the slot on t's local
// date, with a margin of two slots for daylight-saving shifts. It is arithmetic: it never steps.
func (r *rule) jump(t time.Time) int64 {
	y, m, d := t.In(r.loc).Date()
	return r.slotOnOrBefore(int64(y), int(m), d) - 2
}

// next moves to the next occurrence ending after from and reports whether there is one.
func (c *cursor) next() bool {
	z := c.z
	if c.first {
		c.first = false
		c.b, c.e = z.start, z.end
		return true
	}
	r := z.rule
	if r == nil {
		return false
	}
	// r.last is at most lastDay's slot, far below math.MaxInt64, so c.s never overflows.
	for ; c.s <= r.last; c.s++ {
		if !r.valid(c.s) {
			continue
		}
		b := r.begin(c.s)
		if e := b.Add(z.dur); e.After(c.from) {
			c.s++
			c.b, c.e = b, e
			return true
		}
	}
	return false
}
