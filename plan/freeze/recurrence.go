package freeze

import (
	"slices"
	"time"
)

// Recurrence repeats a freeze. The zero value of each field means its default, as noted.
// A Recurrence is plain data; [New] validates and copies it.
type Recurrence struct {
	Unit       Unit           // Daily, Weekly, Monthly or Annually
	Every      int            // every N units; 0 means 1
	DaysOfWeek []time.Weekday // Weekly only; empty means start's weekday
	DayOfMonth int            // Monthly only; 0 = start's day
	EndAfter   int            // occurrences including the first; 0 = no limit
	EndOn      time.Time      // zero = none; no occurrence begins at or after it
	TimeZone   string         // IANA name; "" = UTC
}

// Validation limits of a Recurrence.
const (
	// MaxEvery is the largest accepted Recurrence.Every.
	MaxEvery = 10_000
	// MaxEndAfter is the largest accepted Recurrence.EndAfter.
	MaxEndAfter = 100_000
)

// calendarPeriodMonths is the Gregorian calendar's period: 400 years.
const calendarPeriodMonths = 4800

// lastDay is the day number of the last local date on which an occurrence may begin: two days
// before the last date time.Time can represent (292277024627-12-06 UTC), so that a begin at any
// time of that day, in any zone, after any daylight-saving shift, is still representable.
// Occurrences on later dates would wrap around in time.Date, so they do not exist.
const lastDay = 106_751_990_448_138 - 2

// rule is a compiled recurrence. Later occurrences (after the first, which is [start, end)) live
// in numbered "slots": slot s has a local calendar date computed arithmetically (slotDate) and
// begins at start's local time of day on that date. Slots are ordered by date; only slots in
// [first, last] that are valid (their date exists: monthly/annual slots skip months without the
// day) are occurrences.
type rule struct {
	unit  Unit
	every int64 // days (Daily), weeks (Weekly) or months (Monthly and Annually) per slot period
	offs  []int64
	dom   int // Monthly/Annually: day of month

	d0 int64 // Daily: start's local day number
	w0 int64 // Weekly: Monday of start's local week
	m0 int64 // Monthly/Annually: start's local month index (year*12 + month-1)

	hh, mi, ss, ns int
	loc            *time.Location // the freeze's time zone
	out            *time.Location // start's location, in which occurrences are returned

	first, last int64 // occurrence slots are valid slots in [first, last]; last is at most lastDay's slot
	period      int64 // slot validity repeats with this period (in slots)
	always      bool  // every slot is valid: Daily, Weekly, a day <= 28, or an annual day other than 29 February
}

// compile builds the rule of a validated recurrence for a freeze starting at start.
func compile(rec *Recurrence, loc *time.Location, start time.Time) *rule {
	every := int64(max(rec.Every, 1))
	ls := start.In(loc)
	y, mo, d := ls.Date()
	r := &rule{unit: rec.Unit, loc: loc, out: start.Location(), period: 1}
	r.hh, r.mi, r.ss = ls.Clock()
	r.ns = ls.Nanosecond()
	day := daysFromCivil(int64(y), int(mo), d)
	switch rec.Unit {
	case Daily:
		r.every, r.d0 = every, day
	case Weekly:
		r.every = every
		r.w0 = day - mondayOffset(day)
		if len(rec.DaysOfWeek) == 0 {
			r.offs = []int64{mondayOffset(day)}
		} else {
			for _, wd := range rec.DaysOfWeek {
				r.offs = append(r.offs, (int64(wd)+6)%7)
			}
			slices.Sort(r.offs)
			r.offs = slices.Compact(r.offs)
		}
	case Monthly, Annually:
		r.every = every
		r.dom = rec.DayOfMonth
		if rec.Unit == Annually {
			r.every = every * 12
			r.dom = 0
		}
		if r.dom == 0 {
			r.dom = d
		}
		r.m0 = int64(y)*12 + int64(mo) - 1
		r.period = calendarPeriodMonths / gcd(r.every, calendarPeriodMonths)
	}
	r.always = (rec.Unit != Monthly && rec.Unit != Annually) || r.dom <= 28 ||
		(rec.Unit == Annually && !(mo == time.February && d == 29))
	r.first = r.slotOnOrBefore(int64(y), int(mo), d) + 1
	ly, lm, ld := civilFromDays(lastDay)
	r.last = r.slotOnOrBefore(ly, lm, ld)
	if r.last < r.first || !r.anyValidFrom(r.first) {
		r.last = r.first - 1
		return r
	}
	if n := int64(rec.EndAfter); n == 1 {
		r.last = r.first - 1
	} else if n > 1 {
		// The first occurrence is [start, end); the last is the valid slot numbered n-2 (from 0)
		// counting from first.
		r.last = min(r.nthValid(n-2), r.last)
	}
	if !rec.EndOn.IsZero() {
		ey, em, ed := rec.EndOn.In(loc).Date()
		s := min(r.slotOnOrBefore(int64(ey), int(em), ed)+1, r.last)
		for s >= r.first && (!r.valid(s) || !r.begin(s).Before(rec.EndOn)) {
			s--
		}
		r.last = s
	}
	return r
}

// nthValid returns the i-th (from 0) valid slot at or after first, given that some exist.
// Validity repeats with the rule's period, so whole periods are skipped arithmetically and at most
// two periods are scanned.
func (r *rule) nthValid(i int64) int64 {
	if r.alwaysValid() {
		return r.first + i
	}
	perPeriod := int64(0)
	for s := r.first; s < r.first+r.period; s++ {
		if r.valid(s) {
			perPeriod++
		}
	}
	s := r.first + i/perPeriod*r.period
	for rem := i % perPeriod; ; s++ {
		if r.valid(s) {
			if rem == 0 {
				return s
			}
			rem--
		}
	}
}

// alwaysValid reports whether every slot's date exists.
func (r *rule) alwaysValid() bool { return r.always }

// slotDate returns the local calendar date of slot s and whether that date exists.
func (r *rule) slotDate(s int64) (y int64, m, d int, ok bool) {
	switch r.unit {
	case Daily:
		y, m, d = civilFromDays(r.d0 + s*r.every)
		return y, m, d, true
	case Weekly:
		n := int64(len(r.offs))
		j := floorDiv(s, n)
		y, m, d = civilFromDays(r.w0 + j*7*r.every + r.offs[s-j*n])
		return y, m, d, true
	default:
		month := r.m0 + s*r.every
		y = floorDiv(month, 12)
		m = int(month-y*12) + 1
		return y, m, r.dom, r.dom <= daysIn(y, m)
	}
}

// valid reports whether slot s's date exists.
func (r *rule) valid(s int64) bool {
	if r.alwaysValid() {
		return true
	}
	_, _, _, ok := r.slotDate(s)
	return ok
}

// anyValidFrom reports whether some slot at or after s is valid. Validity is periodic, so one
// period decides.
func (r *rule) anyValidFrom(s int64) bool {
	if r.alwaysValid() {
		return true
	}
	for i := int64(0); i < r.period; i++ {
		if r.valid(s + i) {
			return true
		}
	}
	return false
}

// slotOnOrBefore returns the largest slot whose date is on or before y-m-d, ignoring validity and
// the [first, last] bounds: this is the arithmetic jump.
func (r *rule) slotOnOrBefore(y int64, m, d int) int64 {
	switch r.unit {
	case Daily:
		return floorDiv(daysFromCivil(y, m, d)-r.d0, r.every)
	case Weekly:
		day := daysFromCivil(y, m, d)
		span := 7 * r.every
		j := floorDiv(day-r.w0, span)
		rem := day - r.w0 - j*span
		c := int64(0)
		for _, o := range r.offs {
			if o <= rem {
				c++
			}
		}
		return j*int64(len(r.offs)) + c - 1
	default:
		month := y*12 + int64(m) - 1
		k := floorDiv(month-r.m0, r.every)
		if r.m0+k*r.every == month && r.dom > d {
			k--
		}
		return k
	}
}

// begin returns the instant slot s begins: start's local time of day on the slot's date, with
// time.Date's normalisation for wall-clock times that do not exist or repeat, in start's location.
func (r *rule) begin(s int64) time.Time {
	y, m, d, _ := r.slotDate(s)
	return time.Date(int(y), time.Month(m), d, r.hh, r.mi, r.ss, r.ns, r.loc).In(r.out)
}

// maxGap bounds a daylight-saving gap (two hours in today's IANA database, 30 minutes to one hour
// almost everywhere).
const maxGap = 4 * time.Hour

// mayBeginDayBefore reports whether slot s, on a date after day, might begin on day: only when its
// date is the next day and its wall-clock time is so close to midnight that a daylight-saving gap
// could normalise it back across midnight (time.Date moves times in a gap either way).
func (r *rule) mayBeginDayBefore(s, day int64) bool {
	if time.Duration(r.hh)*time.Hour+time.Duration(r.mi)*time.Minute >= maxGap {
		return false
	}
	y, m, d, _ := r.slotDate(s)
	return daysFromCivil(y, m, d) == day+1
}

// latestAtOrBefore returns the latest occurrence slot that begins at or before t, with its begin.
func (r *rule) latestAtOrBefore(t time.Time) (int64, time.Time, bool) {
	if r.last < r.first {
		return 0, time.Time{}, false
	}
	y, m, d := t.In(r.loc).Date()
	s := r.slotOnOrBefore(int64(y), int(m), d)
	if s < r.last && r.mayBeginDayBefore(s+1, daysFromCivil(int64(y), int(m), d)) {
		s++
	}
	s = min(s, r.last)
	for ; s >= r.first; s-- {
		if !r.valid(s) {
			continue
		}
		if b := r.begin(s); !b.After(t) {
			return s, b, true
		}
	}
	return 0, time.Time{}, false
}
