package freeze_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/tenantplan/tenantplan/plan/freeze"
)

func FuzzParseUnit(f *testing.F) {
	for _, s := range []string{"Daily", "Weekly", "Monthly", "Annually", "daily", "", "Unit(7)", "Weekly "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := freeze.ParseUnit(s)
		if err != nil {
			if !errors.Is(err, freeze.ErrInvalidValue) {
				t.Fatalf("error %v does not wrap ErrInvalidValue", err)
			}
			if len(err.Error()) > 400 { // 64 bytes quoted: at most 4 bytes each (\xff)
				t.Fatalf("error message not truncated: %d bytes", len(err.Error()))
			}
			return
		}
		if u.String() != s {
			t.Fatalf("round trip: ParseUnit(%q).String() = %q", s, u.String())
		}
		if again, err := freeze.ParseUnit(u.String()); err != nil || again != u {
			t.Fatalf("round trip of %v: %v, %v", u, again, err)
		}
	})
}

func FuzzParseWeekday(f *testing.F) {
	for _, s := range []string{"Monday", "Sunday", "monday", "", "Mon"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := freeze.ParseWeekday(s)
		if err != nil {
			if !errors.Is(err, freeze.ErrInvalidValue) {
				t.Fatalf("error %v does not wrap ErrInvalidValue", err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("round trip: ParseWeekday(%q).String() = %q", s, d.String())
		}
	})
}

// FuzzNew feeds arbitrary recurrences to New: it never panics or hangs; it either reports field
// errors wrapping ErrInvalidValue, or builds a freeze whose first occurrence is [start, end) and
// whose occurrences, listed from any time, are ordered, last end - start, begin no earlier than
// start, and are each what Occurrence reports at their begin.
func FuzzNew(f *testing.F) {
	f.Add(int64(0), int64(3600), uint8(2), 1, uint8(0b0100000), 0, 3, int64(0), "Europe/Berlin", int64(86400*400))
	f.Add(int64(1e9), int64(86400*40), uint8(3), 1, uint8(0), 31, 0, int64(86400*800), "America/New_York", int64(0))
	f.Add(int64(-1e9), int64(60), uint8(4), 100, uint8(0), 0, 0, int64(0), "", int64(86400*365*1000))
	f.Add(int64(0), int64(0), uint8(9), -1, uint8(0xff), 40, -3, int64(-5), "Mars/Base", int64(0))
	f.Fuzz(func(t *testing.T, startSec, durSec int64, unit uint8, every int, days uint8, dom, endAfter int, endOnSec int64, zone string, fromSec int64) {
		start := time.Unix(1_700_000_000+startSec%(1<<40), 0).UTC()
		end := start.Add(time.Duration(durSec%(1<<40)) * time.Second)
		rec := &freeze.Recurrence{Unit: freeze.Unit(unit % 6), Every: every, DayOfMonth: dom, EndAfter: endAfter, TimeZone: zone}
		for d := range 8 {
			if days&(1<<d) != 0 {
				rec.DaysOfWeek = append(rec.DaysOfWeek, time.Weekday(d))
			}
		}
		if endOnSec != 0 {
			rec.EndOn = start.Add(time.Duration(endOnSec%(1<<40)) * time.Second)
		}
		fr, err := freeze.New("F", start, end, rec, shopProd)
		if err != nil {
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var fe *freeze.FieldError
				if !errors.As(e, &fe) || !errors.Is(e, freeze.ErrInvalidValue) {
					t.Fatalf("unexpected error %v", e)
				}
			}
			if strings.Count(err.Error(), "\n") > 20 {
				t.Fatalf("too many errors: %v", err)
			}
			return
		}
		if b, e, ok := fr.Occurrence(start); !ok || !b.Equal(start) || !e.Equal(end) {
			t.Fatalf("Occurrence(start) = %v, %v, %v", b, e, ok)
		}
		from := start.Add(time.Duration(fromSec%(1<<40)) * time.Second)
		var prev time.Time
		n := 0
		for b, e := range fr.Occurrences(from) {
			if n++; n > 20 {
				break
			}
			if !e.After(from) || e.Sub(b) != end.Sub(start) || b.Before(start) || b.Before(prev) {
				t.Fatalf("bad occurrence %v..%v after %v (from %v)", b, e, prev, from)
			}
			if !rec.EndOn.IsZero() && n > 1 && !b.Before(rec.EndOn) {
				t.Fatalf("occurrence %v begins at or after endOn %v", b, rec.EndOn)
			}
			if endAfter > 0 && n > endAfter {
				t.Fatalf("more than %d occurrences", endAfter)
			}
			if _, oe, ok := fr.Occurrence(b); !ok || oe.Before(e) {
				t.Fatalf("Occurrence(%v) = %v, %v; want an occurrence ending at or after %v", b, oe, ok, e)
			}
			prev = b
		}
	})
}

// FuzzOccurrencesEdge lists occurrences of freezes that start, and are listed from, anywhere in
// time.Time's range, in zones with extreme offsets: the listing ends or goes on in order, every
// occurrence ends after from, begins no earlier than start, lasts end - start (unless its end
// saturates at the end of time.Time's range) and is what Occurrence reports at its begin.
func FuzzOccurrencesEdge(f *testing.F) {
	const maxUnix = math.MaxInt64 - 62135596800
	f.Add(int64(1_767_225_600), int64(7200), uint8(1), 1, uint8(0), int64(maxUnix))
	f.Add(int64(maxUnix-40*86400), int64(3600), uint8(2), 1, uint8(1), int64(maxUnix-86400))
	f.Add(int64(1_767_225_600), int64(3600), uint8(3), 1, uint8(2), int64(maxUnix-400*86400))
	f.Add(int64(math.MinInt64), int64(86400*3), uint8(4), 3, uint8(3), int64(math.MinInt64+1))
	f.Add(int64(-1e15), int64(60), uint8(1), 10_000, uint8(4), int64(1e16))
	f.Fuzz(func(t *testing.T, startSec, durSec int64, unit uint8, every int, zone uint8, fromSec int64) {
		// From about 146 billion years BC (time.Time's range goes further back, but its calendar
		// arithmetic does not) to the last representable second.
		clamp := func(s int64) time.Time { return time.Unix(min(max(s, -1<<62), maxUnix), 0) }
		start := clamp(startSec)
		dur := time.Duration(max(1, durSec%(400*86400))) * time.Second
		end := start.Add(dur)
		if !end.After(start) {
			return // start at the very end of the range
		}
		z := edgeZones[int(zone)%len(edgeZones)]
		rec := &freeze.Recurrence{Unit: freeze.Unit(unit%4 + 1), Every: max(0, every%(freeze.MaxEvery+1)), TimeZone: z}
		fr, err := freeze.New("F", start, end, rec, shopProd)
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		from := clamp(fromSec)
		var prev time.Time
		n := 0
		for b, e := range fr.Occurrences(from) {
			if n++; n > 20 {
				break
			}
			if !e.After(from) || b.Before(start) || (n > 1 && !b.After(prev)) {
				t.Fatalf("bad occurrence %v..%v after %v (from %v)", b, e, prev, from)
			}
			if e.Sub(b) != dur && !e.Equal(maxTime) {
				t.Fatalf("occurrence %v..%v lasts %v, want %v", b, e, e.Sub(b), dur)
			}
			if ob, _, ok := fr.Occurrence(b); !ok || !ob.Equal(b) {
				t.Fatalf("Occurrence(%v) = %v, %v", b, ob, ok)
			}
			prev = b
		}
		fr.Occurrence(from)
	})
}
