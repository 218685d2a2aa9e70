package tags

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantplan/tenantplan/internal/problem"
)

// Type is the type of a tag set. The zero value is MultiSelect.
type Type uint8

// The tag set types.
const (
	// MultiSelect: a tenant may carry any number of the set's tags (the default).
	MultiSelect Type = iota
	// SingleSelect: a tenant carries at most one of the set's tags.
	SingleSelect
	// FreeText: no predefined tags; a tenant carries at most one free value ("Region/eu-west-1").
	FreeText
)

// validTypes lists the names of the types for an error message.
const validTypes = `"MultiSelect", "SingleSelect" or "FreeText"`

// ParseType parses a tag set type as written in the model: "MultiSelect", "SingleSelect" or
// "FreeText" (exact case); "" means MultiSelect. Any other input is an error wrapping
// ErrInvalidValue.
func ParseType(s string) (Type, error) {
	switch s {
	case "", "MultiSelect":
		return MultiSelect, nil
	case "SingleSelect":
		return SingleSelect, nil
	case "FreeText":
		return FreeText, nil
	}
	return 0, fmt.Errorf("tag set type %s: %w: want "+validTypes, problem.Quote(s), ErrInvalidValue)
}

// String returns the name of t as ParseType accepts it, or "Type(N)" for an undefined value.
func (t Type) String() string {
	switch t {
	case MultiSelect:
		return "MultiSelect"
	case SingleSelect:
		return "SingleSelect"
	case FreeText:
		return "FreeText"
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText returns the name of t as ParseType accepts it; an undefined value is an error that
// wraps ErrInvalidValue.
func (t Type) MarshalText() ([]byte, error) {
	if t > FreeText {
		return nil, fmt.Errorf("tag set type %d: %w: want "+validTypes, uint8(t), ErrInvalidValue)
	}
	return []byte(t.String()), nil
}

// UnmarshalText decodes a tag set type by name, as ParseType does ("" is MultiSelect); other text
// is an error that lists the names and wraps ErrInvalidValue.
func (t *Type) UnmarshalText(b []byte) error {
	v, err := ParseType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// TagSet is a named, ordered group of tags of one [Type]. Build one with [NewTagSet].
// The zero value is an unnamed MultiSelect set without tags; NewCatalog rejects it.
type TagSet struct {
	name string
	typ  Type
	tags []string
}

// NewTagSet validates and returns a tag set. The name must be non-empty and must not contain
// "/"; tags must be non-empty, must not be "*" (that means "any tag of the set" in
// expressions), and must not repeat, also not differing only in letter case (ErrDuplicateName);
// a FreeText set has no tags. All problems are returned at once, each a *DefinitionError.
// NewTagSet copies tags.
func NewTagSet(name string, typ Type, tags []string) (TagSet, error) {
	s := TagSet{name: name, typ: typ, tags: slices.Clone(tags)}
	if errs := s.validate(-1); len(errs) > 0 {
		return TagSet{}, joinErrors(errs)
	}
	return s, nil
}

// validate checks s; setIndex is recorded in every error.
func (s TagSet) validate(setIndex int) []error {
	var errs []error
	bad := func(tag string, tagIndex int, err error, msg string) {
		errs = append(errs, &DefinitionError{Set: s.name, SetIndex: setIndex, Tag: tag,
			TagIndex: tagIndex, ValueIndex: -1, Err: err, Message: msg})
	}
	switch {
	case s.name == "":
		bad("", -1, ErrInvalidValue, "empty tag set name")
	case strings.Contains(s.name, "/"):
		bad("", -1, ErrInvalidValue, `a tag set name must not contain "/"`)
	}
	if s.typ > FreeText {
		bad("", -1, ErrInvalidValue, "undefined type "+s.typ.String())
	}
	if s.typ == FreeText && len(s.tags) > 0 {
		bad("", -1, ErrInvalidValue, "a FreeText tag set has no predefined tags")
	}
	seen := make(map[string]int, len(s.tags))
	for i, t := range s.tags {
		switch {
		case t == "":
			bad(t, i, ErrInvalidValue, "empty tag name")
			continue
		case t == Wildcard:
			bad(t, i, ErrInvalidValue, `"*" is reserved for "any tag of the set"`)
			continue
		}
		k := strings.ToLower(t)
		if j, ok := seen[k]; ok {
			bad(t, i, ErrDuplicateName, fmt.Sprintf("same name as tag %d %s", j, problem.Quote(s.tags[j])))
			continue
		}
		seen[k] = i
	}
	return errs
}

// Name returns the set's name.
func (s TagSet) Name() string { return s.name }

// Type returns the set's type.
func (s TagSet) Type() Type { return s.typ }

// Tags returns a copy of the set's predefined tags, in order (nil for FreeText).
func (s TagSet) Tags() []string { return slices.Clone(s.tags) }

// Wildcard is the tag part of "Set/*", the reference to any tag of a set.
const Wildcard = "*"
