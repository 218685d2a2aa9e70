package plan

import "github.com/tenantplan/tenantplan/internal/problem"

// Code is a stable, machine-readable code: a reason why a cell cannot be deployed, or the kind of
// a validation or request error. The codes are those of the scenario format and are part of the
// API: they never change meaning. Every error of the module answers the same Code type: the Code
// methods of the errors of packages tags, tenant, lifecycle, variables, model and freeze return
// a plan.Code.
type Code = problem.Code

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

// Error codes of validation and request errors, with the package whose errors carry each one.
const (
	CodeUnknownTag              = problem.CodeUnknownTag              // tags, tenant
	CodeUnknownTagSet           = problem.CodeUnknownTagSet           // tags, tenant
	CodeUnknownTenant           = problem.CodeUnknownTenant           // tags, plan
	CodeUnknownProject          = problem.CodeUnknownProject          // plan
	CodeUnknownEnvironment      = problem.CodeUnknownEnvironment      // lifecycle, plan
	CodeUnknownLifecycle        = problem.CodeUnknownLifecycle        // plan
	CodeUnknownLibrary          = problem.CodeUnknownLibrary          // plan
	CodeUnknownTemplate         = problem.CodeUnknownTemplate         // variables
	CodeUnknownChannel          = problem.CodeUnknownChannel          // plan
	CodeUnknownRelease          = problem.CodeUnknownRelease          // plan
	CodeUnknownTarget           = problem.CodeUnknownTarget           // plan
	CodeUnknownPrincipal        = problem.CodeUnknownPrincipal        // plan
	CodeDuplicateName           = problem.CodeDuplicateName           // tags, variables, plan
	CodeSingleSelect            = problem.CodeSingleSelect            // tags, tenant
	CodeEnvironmentInTwoPhases  = problem.CodeEnvironmentInTwoPhases  // lifecycle
	CodeMinimumTooLarge         = problem.CodeMinimumTooLarge         // lifecycle
	CodeVersionRule             = problem.CodeVersionRule             // lifecycle, plan
	CodeAmbiguousChannel        = problem.CodeAmbiguousChannel        // lifecycle
	CodeInvalidVersion          = problem.CodeInvalidVersion          // lifecycle
	CodeOverlappingTenantValues = problem.CodeOverlappingTenantValues // variables
	CodeUntenantedConnection    = problem.CodeUntenantedConnection    // plan
	CodeInvalidExpression       = problem.CodeInvalidExpression       // tags, variables
	CodeCycle                   = problem.CodeCycle                   // variables
	CodeLimit                   = problem.CodeLimit                   // every package
	CodeInvalidValue            = problem.CodeInvalidValue            // every package
	CodeUnknownField            = problem.CodeUnknownField            // model
)

// Sentinels of this package. Every *RequestError and *ValidationError wraps the sentinel of its
// package of origin, or one of these. ErrUnknownEnvironment, ErrUnknownTemplate,
// ErrDuplicateName and ErrInvalidValue are the module's shared sentinels: lifecycle's, variables',
// tags' and model's errors of those names are the same errors, so errors.Is(err,
// plan.ErrInvalidValue) holds for an invalid value found by any package.
var (
	ErrUnknownProject     = problem.New(CodeUnknownProject, "unknown project")
	ErrUnknownEnvironment = problem.ErrUnknownEnvironment
	ErrUnknownLifecycle   = problem.New(CodeUnknownLifecycle, "unknown lifecycle")
	ErrUnknownLibrary     = problem.New(CodeUnknownLibrary, "unknown library")
	ErrUnknownTemplate    = problem.ErrUnknownTemplate
	ErrUnknownChannel     = problem.New(CodeUnknownChannel, "unknown channel")
	ErrUnknownRelease     = problem.New(CodeUnknownRelease, "unknown release")
	ErrUnknownTarget      = problem.New(CodeUnknownTarget, "unknown target")
	ErrUnknownPrincipal   = problem.New(CodeUnknownPrincipal, "unknown principal")
	ErrUnknownFreeze      = problem.New(CodeInvalidValue, "unknown freeze")
	ErrDuplicateName      = problem.ErrDuplicateName
	ErrInvalidValue       = problem.ErrInvalidValue
	ErrUntenanted         = problem.New(CodeUntenantedConnection, "tenant connected to an untenanted project")
)

// CodeOf returns the stable code of an error returned by this module (by any of its packages):
// the code of the first error in err's tree that has one, found with one errors.As. A
// *ValidationError or *RequestError gives its Code field; the errors of the other packages
// answer through their Code methods; a sentinel (or an error wrapping one) gives its own code. It
// returns "" for an error of unknown origin and for nil.
func CodeOf(err error) Code { return problem.CodeOf(err) }

// sentinelCode is the code of err, or "" (see CodeOf).
func sentinelCode(err error) Code { return problem.CodeOf(err) }
