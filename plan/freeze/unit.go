package freeze

import (
	"fmt"
	"strconv"
	"time"
)

// Unit is the unit of a [Recurrence]: the calendar step between occurrences. The zero value
// is not a valid unit.
type Unit uint8

// The recurrence units.
const (
	Daily Unit = iota + 1
	Weekly
	Monthly
	Annually
)

var unitNames = [...]string{Daily: "Daily", Weekly: "Weekly", Monthly: "Monthly", Annually: "Annually"}

// ParseUnit parses a unit as the model format spells it: "Daily", "Weekly", "Monthly" or
// "Annually" (exact case). Any other input gives an error that wraps [ErrInvalidValue].
func ParseUnit(s string) (Unit, error) {
	for u := Daily; u <= Annually; u++ {
		if unitNames[u] == s {
			return u, nil
		}
	}
	return 0, fmt.Errorf("recurrence unit %q: %w (want Daily, Weekly, Monthly or Annually)", truncate(s), ErrInvalidValue)
}

// String returns the model format's name of u ("Daily", ...), or "Unit(n)" for an invalid unit.
func (u Unit) String() string {
	if u.valid() {
		return unitNames[u]
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

func (u Unit) valid() bool { return u >= Daily && u <= Annually }

// ParseWeekday parses a day of the week as the model format spells it ("Monday" ... "Sunday",
// exact case), as used by a Weekly recurrence's daysOfWeek. Any other input gives an error that
// wraps [ErrInvalidValue].
func ParseWeekday(s string) (time.Weekday, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == s {
			return d, nil
		}
	}
	return 0, fmt.Errorf("day of week %q: %w (want Monday ... Sunday)", truncate(s), ErrInvalidValue)
}
