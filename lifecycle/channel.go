package lifecycle

import (
	"fmt"
	"slices"

	"github.com/tenantplan/tenantplan/tags"
)

// ChannelSpec describes a channel of a project as the model writes it: its
// name, its lifecycle ("" = the project's), its version rules and an
// optional tenant restriction, given either as canonical tags (read like a
// tenant filter without named tenants: OR within a tag set, AND across sets)
// or as a tag expression, not both.
type ChannelSpec struct {
	Name             string
	Lifecycle        string
	VersionRange     string
	PreRelease       string
	TenantTags       []string
	TenantExpression string
	Default          bool
}

// Channel is a validated channel. It is an immutable value, safe for
// concurrent use. The zero Channel has no name, the project's lifecycle, no
// version rule and no tenant restriction.
type Channel struct {
	name        string
	lifecycle   string
	rule        Rule
	tenantTags  []string
	expression  string
	restriction tags.Expr
	restricted  bool
	isDefault   bool
}

// NewChannel validates spec and builds a Channel. Errors name the field
// ("name", "versionRange", "preRelease", "tenantTags", "tenantExpression")
// and wrap ErrInvalidValue, or tags.ErrSyntax / tags.ErrLimit for a bad
// expression. Tag names are not checked here: binding the restriction to a
// tag catalog does that (tags.Expr.Bind). A version range or pre-release
// pattern over a limit of [Options] is an error wrapping ErrLimit.
func NewChannel(spec ChannelSpec) (Channel, error) {
	return Options{}.NewChannel(spec)
}

// NewChannel is [NewChannel] with these options' limits.
func (o Options) NewChannel(spec ChannelSpec) (Channel, error) {
	if spec.Name == "" {
		return Channel{}, fmt.Errorf("name: %w: a channel needs a name", ErrInvalidValue)
	}
	rule, err := o.NewRule(spec.VersionRange, spec.PreRelease)
	if err != nil {
		return Channel{}, fmt.Errorf("channel %s: %w", quote(spec.Name), err)
	}
	c := Channel{
		name:       spec.Name,
		lifecycle:  spec.Lifecycle,
		rule:       rule,
		tenantTags: slices.Clone(spec.TenantTags),
		expression: spec.TenantExpression,
		isDefault:  spec.Default,
	}
	switch {
	case len(spec.TenantTags) > 0 && spec.TenantExpression != "":
		return Channel{}, fmt.Errorf("channel %s: tenantTags and tenantExpression: %w: give one of them, not both",
			quote(spec.Name), ErrInvalidValue)
	case len(spec.TenantTags) > 0:
		c.restriction, c.restricted = tags.NewFilter(nil, spec.TenantTags).Expr(), true
	case spec.TenantExpression != "":
		e, err := tags.ParseExpr(spec.TenantExpression)
		if err != nil {
			return Channel{}, fmt.Errorf("channel %s: tenantExpression: %w", quote(spec.Name), err)
		}
		c.restriction, c.restricted = e, true
	}
	return c, nil
}

// Name returns the channel's name.
func (c Channel) Name() string { return c.name }

// Lifecycle returns the name of the channel's lifecycle, "" for the
// project's.
func (c Channel) Lifecycle() string { return c.lifecycle }

// Rule returns the channel's version rule.
func (c Channel) Rule() Rule { return c.rule }

// IsDefault reports whether the spec marked the channel as the default.
func (c Channel) IsDefault() bool { return c.isDefault }

// TenantTags returns a copy of the tenant tags as given (nil when none).
func (c Channel) TenantTags() []string { return slices.Clone(c.tenantTags) }

// TenantExpression returns the tenant expression as given ("" when none).
func (c Channel) TenantExpression() string { return c.expression }

// Restriction returns the tenant restriction as an expression,
// and false when the channel imposes none.
func (c Channel) Restriction() (tags.Expr, bool) { return c.restriction, c.restricted }

// SelectChannel picks the channel of a release given without one:
// channels[def] when it accepts v; else the only other channel that
// accepts it. When none does, the error wraps ErrVersionRule; when several
// do, it is an *AmbiguousError (wrapping ErrAmbiguousChannel) naming them in
// order. A def outside the slice means no default channel.
func SelectChannel(channels []Channel, def int, v Version) (int, error) {
	if def >= 0 && def < len(channels) && channels[def].rule.Allows(v) {
		return def, nil
	}
	found, count := -1, 0
	for i, c := range channels {
		if i != def && c.rule.Allows(v) {
			if count == 0 {
				found = i
			}
			count++
		}
	}
	switch count {
	case 0:
		return -1, fmt.Errorf("version %s: %w: no channel accepts it", quote(v.String()), ErrVersionRule)
	case 1:
		return found, nil
	}
	amb := &AmbiguousError{Version: v.String()}
	for i, c := range channels {
		if i != def && c.rule.Allows(v) {
			amb.Candidates = append(amb.Candidates, c.name)
		}
	}
	return -1, amb
}
