package freeze

import (
	"fmt"
	"strconv"
	"time"

	"github.com/tenantplan/tenantplan/internal/problem"
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

// validUnits lists the units' names for an error message.
const validUnits = `"Daily", "Weekly", "Monthly" or "Annually"`

// ParseUnit parses a unit as the model format spells it: "Daily", "Weekly", "Monthly" or
// "Annually" (exact case). Any other input gives an error that lists them and wraps
// [ErrInvalidValue].
func ParseUnit(s string) (Unit, error) {
	for u := Daily; u <= Annually; u++ {
		if unitNames[u] == s {
			return u, nil
		}
	}
	return 0, fmt.Errorf("recurrence unit %s: %w: want "+validUnits, problem.Quote(s), ErrInvalidValue)
}

// String returns the model format's name of u ("Daily", ...), or "Unit(n)" for an invalid unit.
func (u Unit) String() string {
	if u.valid() {
		return unitNames[u]
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// MarshalText returns the model format's name of u ("Daily", ...); an invalid unit is an error
// that wraps [ErrInvalidValue].
func (u Unit) MarshalText() ([]byte, error) {
	if !u.valid() {
		return nil, fmt.Errorf("recurrence unit %d: %w: want "+validUnits, uint8(u), ErrInvalidValue)
	}
	return []byte(unitNames[u]), nil
}

// UnmarshalText decodes a unit by name, as [ParseUnit] does; other text is an error that lists
// the names and wraps [ErrInvalidValue].
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
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
	return 0, fmt.Errorf("day of week %s: %w: want \"Monday\" ... \"Sunday\"", problem.Quote(s), ErrInvalidValue)
}
