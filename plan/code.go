package plan

import (
	"errors"

	"github.com/tenantplan/tenantplan/lifecycle"
	"github.com/tenantplan/tenantplan/plan/freeze"
	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/tags"
	"github.com/tenantplan/tenantplan/variables"
)

// Code is a stable, machine-readable code: a reason why a cell cannot be deployed, or the kind of
// a validation or request error. The codes are those of the scenario format and are part of the
// API: they never change meaning.
type Code string

// Reason codes, in the order the checks run.
const (
	ReasonUntenantedProject Code = "untenanted-project"
	ReasonTenantedProject   Code = "tenanted-project"
	ReasonDisabled          Code = "disabled"
	ReasonNotConnected      Code = "not-connected"
	ReasonNotInLifecycle    Code = "not-in-lifecycle"
	ReasonChannelMismatch   Code = "channel-mismatch"
	ReasonLifecycle         Code = "lifecycle"
	ReasonReleaseBlocked    Code = "release-blocked"
	ReasonFrozen            Code = "frozen"
	ReasonMissingVariables  Code = "missing-variables"
	ReasonNoTargets         Code = "no-targets"
	ReasonForbidden         Code = "forbidden"
	ReasonAlreadyCurrent    Code = "already-current"
)

// Error codes of validation and request errors.
const (
	CodeUnknownTag              Code = "unknown-tag"
	CodeUnknownTagSet           Code = "unknown-tag-set"
	CodeUnknownTenant           Code = "unknown-tenant"
	CodeUnknownProject          Code = "unknown-project"
	CodeUnknownEnvironment      Code = "unknown-environment"
	CodeUnknownLifecycle        Code = "unknown-lifecycle"
	CodeUnknownLibrary          Code = "unknown-library"
	CodeUnknownTemplate         Code = "unknown-template"
	CodeUnknownChannel          Code = "unknown-channel"
	CodeUnknownRelease          Code = "unknown-release"
	CodeUnknownTarget           Code = "unknown-target"
	CodeUnknownPrincipal        Code = "unknown-principal"
	CodeDuplicateName           Code = "duplicate-name"
	CodeSingleSelect            Code = "single-select"
	CodeEnvironmentInTwoPhases  Code = "environment-in-two-phases"
	CodeMinimumTooLarge         Code = "minimum-too-large"
	CodeVersionRule             Code = "version-rule"
	CodeAmbiguousChannel        Code = "ambiguous-channel"
	CodeInvalidVersion          Code = "invalid-version"
	CodeOverlappingTenantValues Code = "overlapping-tenant-values"
	CodeUntenantedConnection    Code = "untenanted-connection"
	CodeInvalidExpression       Code = "invalid-expression"
	CodeCycle                   Code = "cycle"
	CodeLimit                   Code = "limit"
	CodeInvalidValue            Code = "invalid-value"
	CodeUnknownField            Code = "unknown-field"
)

// Sentinels of this package; every *RequestError and *ValidationError wraps the sentinel of its
// package of origin, or one of these.
var (
	ErrUnknownProject     = errors.New("unknown project")
	ErrUnknownEnvironment = errors.New("unknown environment")
	ErrUnknownLifecycle   = errors.New("unknown lifecycle")
	ErrUnknownLibrary     = errors.New("unknown library")
	ErrUnknownTemplate    = errors.New("unknown template")
	ErrUnknownChannel     = errors.New("unknown channel")
	ErrUnknownRelease     = errors.New("unknown release")
	ErrUnknownTarget      = errors.New("unknown target")
	ErrUnknownPrincipal   = errors.New("unknown principal")
	ErrUnknownFreeze      = errors.New("unknown freeze")
	ErrDuplicateName      = errors.New("duplicate name")
	ErrInvalidValue       = errors.New("invalid value")
	ErrUntenanted         = errors.New("tenant connected to an untenanted project")
)

// codeTable maps sentinels of every package to their stable code. The first match wins, so more
// specific sentinels come first.
var codeTable = []struct {
	err  error
	code Code
}{
	{tags.ErrUnknownTagSet, CodeUnknownTagSet},
	{tags.ErrUnknownTag, CodeUnknownTag},
	{tags.ErrUnknownTenant, CodeUnknownTenant},
	{tags.ErrSingleSelect, CodeSingleSelect},
	{tags.ErrDuplicateName, CodeDuplicateName},
	{tags.ErrLimit, CodeLimit},
	{tags.ErrSyntax, CodeInvalidExpression},
	{tags.ErrInvalidValue, CodeInvalidValue},
	{lifecycle.ErrLimit, CodeLimit},
	{lifecycle.ErrInvalidVersion, CodeInvalidVersion},
	{lifecycle.ErrVersionRule, CodeVersionRule},
	{lifecycle.ErrAmbiguousChannel, CodeAmbiguousChannel},
	{lifecycle.ErrEnvironmentInTwoPhases, CodeEnvironmentInTwoPhases},
	{lifecycle.ErrMinimumTooLarge, CodeMinimumTooLarge},
	{lifecycle.ErrUnknownEnvironment, CodeUnknownEnvironment},
	{lifecycle.ErrDuplicateName, CodeDuplicateName},
	{lifecycle.ErrNoEnvironments, CodeInvalidValue},
	{lifecycle.ErrInvalidValue, CodeInvalidValue},
	{variables.ErrCycle, CodeCycle},
	{variables.ErrLimit, CodeLimit},
	{variables.ErrSyntax, CodeInvalidExpression},
	{variables.ErrUnknownFilter, CodeInvalidExpression},
	{variables.ErrFilterArgument, CodeInvalidExpression},
	{variables.ErrUnknownTemplate, CodeUnknownTemplate},
	{variables.ErrOverlappingValues, CodeOverlappingTenantValues},
	{variables.ErrDuplicateName, CodeDuplicateName},
	{freeze.ErrInvalidValue, CodeInvalidValue},
	{model.ErrUnknownField, CodeUnknownField},
	{model.ErrInvalidValue, CodeInvalidValue},
	{model.ErrLimit, CodeLimit},
	{ErrUnknownProject, CodeUnknownProject},
	{ErrUnknownEnvironment, CodeUnknownEnvironment},
	{ErrUnknownLifecycle, CodeUnknownLifecycle},
	{ErrUnknownLibrary, CodeUnknownLibrary},
	{ErrUnknownTemplate, CodeUnknownTemplate},
	{ErrUnknownChannel, CodeUnknownChannel},
	{ErrUnknownRelease, CodeUnknownRelease},
	{ErrUnknownTarget, CodeUnknownTarget},
	{ErrUnknownPrincipal, CodeUnknownPrincipal},
	{ErrDuplicateName, CodeDuplicateName},
	{ErrUntenanted, CodeUntenantedConnection},
	{ErrInvalidValue, CodeInvalidValue},
}

// CodeOf returns the stable code of an error returned by this module: a *ValidationError or
// *RequestError gives its own code; any other error is matched against the sentinels of every
// package (tags, lifecycle, variables, freeze, model and plan). It returns "" for an error of
// unknown origin and for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Code
	}
	var re *RequestError
	if errors.As(err, &re) {
		return re.Code
	}
	return sentinelCode(err)
}

func sentinelCode(err error) Code {
	for _, e := range codeTable {
		if errors.Is(err, e.err) {
			return e.code
		}
	}
	return ""
}
