// Package lifecycle holds what decides where a release may go next:
// environments as sets of indexes, lifecycles and their phases, versions and
// version ranges, channels, and per-track progression.
//
// A release of a project is promoted through the phases of its channel's
// lifecycle. Each track (a tenant, or "untenanted") is promoted on its own:
// a phase is complete for a tenant when the tenant's own successes cover the
// environments of the phase it is connected to, and when the tenant is
// connected to none of them, anyone's successes count. The package knows
// nothing else about tenants: a Track is just the environments it is
// connected to and the environments where it has a success.
//
// # Rules implemented
//
//   - Lifecycles are ordered phases; a phase has automatic and manual
//     environments, a minimum (0 = all), optional and priority flags
//     (PhaseSpec, Phase).
//   - No phases = one manual, required phase per model environment in
//     model order; a phase without environments takes every model
//     environment that no other phase lists, in model order.
//   - Validation reports all problems at once (New, ValidationError).
//   - Errors (ParseError, ValidationError, AmbiguousError) wrap one sentinel,
//     answer its stable code with a Code method ("invalid-version",
//     "invalid-value", "version-rule", "ambiguous-channel",
//     "environment-in-two-phases", "minimum-too-large", "unknown-environment",
//     "limit") and read "where: message [code]". ErrInvalidValue,
//     ErrUnknownEnvironment and ErrLimit are the module's shared sentinels
//     (plan.ErrInvalidValue is lifecycle.ErrInvalidValue).
//   - Channels (ChannelSpec, Channel) and versions (Version,
//     ParseVersion), NuGet ranges (Range, ParseRange), pre-release patterns
//     (Rule) and channel selection for a release without one (SelectChannel).
//   - Progression: Successes, PhaseComplete, Lifecycle.Progress.
//     Per-tenant isolation (a success for one tenant never completes a
//     phase for another tenant connected to an environment of it) is a
//     property test.
//
// # Version grammar
//
//	version    = core [ "-" prerelease ] [ "+" build ]
//	core       = number [ "." number [ "." number [ "." number ] ] ]
//	number     = digit { digit }                 (fits in 64 bits)
//	prerelease = ident { "." ident }             (numeric idents: no leading zero)
//	build      = ident { "." ident }
//	ident      = ( letter | digit | "-" ) { letter | digit | "-" }
//
// Precedence is SemVer 2.0.0's, with a fourth numeric part compared after
// patch; missing parts are 0 (1.2 = 1.2.0 = 1.2.0.0). Build metadata never
// matters.
//
// # Range grammar (NuGet)
//
//	range = "" | version | "[" version "]"
//	      | ( "[" | "(" ) [ version ] "," [ version ] ( "]" | ")" )
//
// Blanks are allowed around the parts. A bare version is an inclusive
// minimum; "[" and "]" are inclusive, "(" and ")" exclusive; a missing bound
// is unbounded. Contains compares precedence only.
//
// # Limits
//
// Versions and version rules are compared once per release and channel, so
// their size is bounded. Input over a limit is an error wrapping ErrLimit
// (code "limit") that quotes the input (cut when long) and names the limit,
// its default and the field of [Options] that changes it:
//
//   - a version is at most 256 bytes ([DefaultMaxVersionLen]), like other
//     names; so is each bound of a range;
//   - a version range is at most 1024 bytes ([DefaultMaxRangeLen]);
//     parsing it is linear in its length;
//   - a pre-release pattern is at most 4096 bytes ([DefaultMaxPatternLen])
//     and compiles to at most 1000 instructions ([DefaultMaxPatternSize]):
//     one per literal character, character class, anchor and operator, each
//     copy of a counted repetition counting again, so "[a-z]{1000}" is over.
//     The size is counted before compiling, so a short pattern that would
//     compile to a huge program costs nothing.
//
// Matching a pattern against a label costs at most the product of the two
// sizes (RE2 has no backtracking), so a version rule check is bounded by
// 256 × 1000 steps. The zero [Options] means these defaults; a negative
// field lifts its limit.
//
// # Decisions
//
// Where the specification is silent, the package decides:
//
//   - Decision: "no other phase": a phase without environments takes
//     the environments that no other phase lists, so that no environment is
//     in two phases. When several phases have no environments and some
//     environment is left for them, the later ones are reported with
//     ErrEnvironmentInTwoPhases (one error per environment).
//   - Decision: the untenanted track is connected to every environment
//     of the lifecycle; the caller passes Track{Connected: l.Environments()}.
//   - Decision: a phase minimum for a track connected to some of the
//     phase's environments is min(minimum, connected).
//   - Decision: an optional phase is complete whatever happened; PhaseComplete
//     reports need and have 0 for it.
//   - Decision: the blocked-release check looks at the track's successes in ANY environment of
//     the phase, connected or not. The blocked check is evaluated on its
//     own, like every check: an environment of a later phase that is not
//     reachable yet is also Blocked when the track has not started it.
//   - Decision: an environment listed twice in one phase (or both automatic
//     and manual) counts once and is automatic if any listing says so.
//   - Decision: phase names are not validated (empty or repeated names are
//     accepted).
//   - Decision: a negative phase minimum is ErrInvalidValue.
//   - Decision: leading zeros are accepted in the numeric parts of a
//     version (2024.01.15 = 2024.1.15, as NuGet does) but not in numeric
//     pre-release identifiers (SemVer forbids them). A leading "v" is not
//     accepted.
//   - Decision: ranges: "(,)" (no bound at all) and empty ranges such as
//     "[2.0,1.0]" or "(1.0,1.0)" are errors; an inclusive bracket next to a
//     missing bound ("[,1.0]") is read as exclusive. Range.String is
//     canonical: "[1.0,)" prints as "1.0", "[1.0,1.0]" as "[1.0]".
//   - Decision: the pre-release pattern is matched against the pre-release
//     label only (Octopus also tries build metadata).
//   - Decision: with LatestOutcome, attempts at the same time are ordered by
//     their position: the later in the slice is the latest.
//   - Decision: environment indexes are bounded by MaxEnvironments (65,536);
//     New rejects larger models.
//
// # Performance
//
// EnvSet keeps indexes below 64 in one word, so for models of up to 64
// environments the sets used by progression never allocate, and
// Lifecycle.Progress costs a few popcounts per earlier phase with no
// allocation at all, whatever the number of environments.
//
// # Concurrency
//
// Every type of the package is an immutable value or is immutable once
// built (*Lifecycle): all of them are safe for concurrent use.
package lifecycle
