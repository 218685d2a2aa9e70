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

// minStep is the shortest time between the begins of two occurrences of one freeze: a day, less
// a daylight-saving shift. A freeze whose occurrences last no longer never overlaps itself.
const minStep = 24*time.Hour - maxGap

// zoneMargin keeps the periodic jump of a search away from a zone's offset changes, so that
// time.Date's normalisation near a change cannot matter.
const zoneMargin = 48 * time.Hour

// maxPeriodDays bounds the common period of the freezes of a search; a longer one (of freezes
// recurring every few thousand days) is not worth detecting within a search's bound.
const maxPeriodDays = 1 << 16

// sweep merges the occurrences of several freezes in order of their begins: a cursor per freeze
// and a min-heap of cursor numbers keyed by the begin of each cursor's occurrence. work counts the
// occurrences computed, so that tests can check that a search is linear in what it visits.
type sweep struct {
	cs   []cursor
	h    []int32
	work int
}

// reset positions a cursor per freeze at its first occurrence ending after t and builds the heap.
// It reuses the sweep's memory.
func (w *sweep) reset(fs []*frozen, t time.Time, withFirst bool) {
	w.cs, w.h = w.cs[:0], w.h[:0]
	for _, z := range fs {
		c := seek(z, t, withFirst)
		w.work++
		if c.next() {
			w.h = append(w.h, int32(len(w.cs)))
			w.cs = append(w.cs, c)
		}
	}
	for i := len(w.h)/2 - 1; i >= 0; i-- {
		w.down(i)
	}
}

// run returns the earliest time at or after t that no occurrence in the heap holds, given that
// every occurrence already consumed ends at or before t, and true; or, when every instant from t
// to past stop is held, how far it got (a time after stop) and false.
//
// Each step takes the occurrence that begins first; when it begins at or before t, t moves to its
// end, or further, to the end of the latest occurrence of the same freeze that begins at or before
// t (found arithmetically, so that a freeze whose occurrences overlap each other is not walked one
// by one); then the cursor moves on to that freeze's first occurrence ending after t.
func (w *sweep) run(t, stop time.Time) (time.Time, bool) {
	for len(w.h) > 0 && !w.cs[w.h[0]].b.After(t) {
		c := &w.cs[w.h[0]]
		e := c.e
		if r := c.z.rule; r != nil && c.z.dur > minStep && e.After(t) {
			if _, b, ok := r.latestAtOrBefore(t); ok && b.Add(c.z.dur).After(e) {
				e = b.Add(c.z.dur)
			}
			w.work++
		}
		if e.After(t) {
			t = e
		}
		if t.After(stop) {
			return t, false
		}
		c.from = t
		if r := c.z.rule; r != nil && t.Sub(c.e) > 2*c.z.dur+2*minStep {
			// Far behind: jump rather than step through occurrences that end before t.
			c.s = max(c.s, r.jump(t.Add(-c.z.dur)))
		}
		w.work++
		if !c.next() {
			n := len(w.h) - 1
			w.h[0] = w.h[n]
			w.h = w.h[:n]
		}
		w.down(0)
	}
	return t, true
}

// down restores the heap order below i.
func (w *sweep) down(i int) {
	h, cs := w.h, w.cs
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && cs[h[r]].b.Before(cs[h[l]].b) {
			m = r
		}
		if !cs[h[m]].b.Before(cs[h[i]].b) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// clearTime returns the earliest time at or after at when none of the occurrences of fs holds, if
// it is not after deadline; otherwise false. It also returns the work done (occurrences
// computed).
//
// The search merges the freezes' occurrences in order (see sweep.run), so that each is visited
// once. When the calendar is covered for long stretches, it also detects that it repeats: freezes
// that recur daily or weekly repeat, in absolute time, with the least common multiple P of their
// periods, as long as no time zone of theirs changes its offset and none of them ends. When those
// freezes alone cover [t, t+P), they cover every instant up to the next such change, and the search
// jumps there. It tries this each time it has advanced by P, so the tries cost no more than the
// sweep itself.
func clearTime(fs []*frozen, at, deadline time.Time) (time.Time, bool, int) {
	var main, sub sweep // sub checks the periodic freezes' coverage
	main.reset(fs, at, true)
	p := newPeriodic(fs)
	t := at
	next := at.Add(p.period)
	for {
		stop := deadline
		if p.period > 0 && next.Before(stop) {
			stop = next
		}
		u, clear := main.run(t, stop)
		if clear {
			return u, true, main.work + sub.work
		}
		if u.After(deadline) {
			return time.Time{}, false, main.work + sub.work
		}
		t = u
		if c, ok := p.covered(t, deadline, &sub); ok {
			if c.After(deadline) {
				return time.Time{}, false, main.work + sub.work
			}
			t = c
			main.reset(fs, t, true)
		}
		next = t.Add(p.period)
	}
}

// periodic describes the freezes of a search that recur daily or weekly: every slot of theirs
// exists, and they repeat in absolute time with period while time zone offsets stay the same.
type periodic struct {
	fs     []*frozen
	period time.Duration // 0: no common period worth detecting
	maxDur time.Duration
	locs   []*time.Location // their distinct time zones
	end    time.Time        // the earliest begin of a last occurrence among them (zero: none)
}

func newPeriodic(fs []*frozen) periodic {
	var p periodic
	days := int64(1)
	for _, z := range fs {
		r := z.rule
		if r == nil || (r.unit != Daily && r.unit != Weekly) || r.last < r.first {
			continue
		}
		d := r.every
		if r.unit == Weekly {
			d *= 7
		}
		days = days / gcd(days, d) * d
		if days > maxPeriodDays {
			return periodic{}
		}
		p.fs = append(p.fs, z)
		p.maxDur = max(p.maxDur, z.dur)
		if !containsLoc(p.locs, r.loc) {
			p.locs = append(p.locs, r.loc)
		}
		if b := r.begin(r.last); p.end.IsZero() || b.Before(p.end) {
			p.end = b
		}
	}
	if len(p.fs) > 0 {
		p.period = time.Duration(days) * 24 * time.Hour
	}
	return p
}

func containsLoc(locs []*time.Location, l *time.Location) bool {
	for _, x := range locs {
		if x == l {
			return true
		}
	}
	return false
}

// covered reports whether the periodic freezes alone cover [t, t+period), and if so returns c
// such that they cover all of [t, c): the next offset change of one of their zones (less a margin)
// or the begin of the first of their last occurrences, whichever comes first, and at most just
// past deadline.
//
// Why: take u in [t, c) and write u = v + k*period with v in [t, t+period). An occurrence
// [b, b+dur) holds v, with b >= t - maxDur. Shifted by k*period it is again an occurrence (the slot
// k*period/step later), because no offset changes in [b, b+k*period] and that slot is not after
// the last; and it holds u.
func (p *periodic) covered(t, deadline time.Time, w *sweep) (time.Time, bool) {
	if p.period == 0 {
		return time.Time{}, false
	}
	c := deadline.Add(1)
	if !p.end.IsZero() && p.end.Before(c) {
		c = p.end
	}
	from := t.Add(-p.maxDur - zoneMargin)
	for _, l := range p.locs {
		if _, e := from.In(l).ZoneBounds(); !e.IsZero() && e.Add(-zoneMargin).Before(c) {
			c = e.Add(-zoneMargin)
		}
	}
	if !c.After(t.Add(p.period)) {
		return time.Time{}, false
	}
	w.reset(p.fs, t, false)
	if u, clear := w.run(t, t.Add(p.period)); clear && u.Before(t.Add(p.period)) {
		return time.Time{}, false
	}
	return c, true
}
