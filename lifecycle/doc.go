// Package lifecycle decides where a release may go next: versions and their
// order, version ranges, channels and their version rules, lifecycles and
// their phases, and progression through the phases, one track at a time.
//
// A project's releases each belong to a channel ([Channel]); the channel's
// lifecycle ([Lifecycle]) is an ordered list of phases ([Phase]), each a set
// of environments. A release is promoted through the phases for each track
// on its own: a tenant, or the untenanted track. The package knows nothing
// else about tenants: a [Track] is only the environments the track is
// connected to and the environments where it has a success of the release.
// Environments are identified by their index in the model's ordered list of
// environment names, and sets of them are [EnvSet] values.
//
// # Versions
//
// A [Version] is a SemVer 2.0.0 version that may also have a fourth numeric
// part and may leave parts out. [ParseVersion] accepts this grammar:
//
//	version    = core [ "-" prerelease ] [ "+" build ]
//	core       = number [ "." number [ "." number [ "." number ] ] ]
//	number     = digit { digit }                 (fits in 64 bits)
//	prerelease = ident { "." ident }             (numeric idents: no leading zero)
//	build      = ident { "." ident }
//	ident      = ( letter | digit | "-" ) { letter | digit | "-" }
//
// Letters are the ASCII letters; nothing else (no blank, no leading "v") is
// accepted. Leading zeros are allowed in the numeric core (2024.01.15 =
// 2024.1.15, as NuGet reads it) but not in a numeric pre-release identifier,
// which SemVer forbids.
//
// Versions are ordered by [Version.Compare]:
//
//   - the numeric parts compare as numbers, major first, a fourth part after
//     patch; a missing part counts as 0, so 1.2 = 1.2.0 = 1.2.0.0;
//   - a version with a pre-release label is lower than the same version
//     without one: 1.0.0-rc.1 < 1.0.0;
//   - two pre-release labels compare identifier by identifier, left to right:
//     numeric identifiers as numbers, a numeric identifier below an
//     alphanumeric one, alphanumeric identifiers in ASCII order without regard
//     to letter case; when one label is a prefix of the other, the shorter is
//     lower (1.0.0-alpha < 1.0.0-alpha.1);
//   - build metadata never matters: 1.0.0+a = 1.0.0+b.
//
// The order is total: Compare is reflexive, antisymmetric and transitive,
// and versions it calls equal order alike against every other version.
// [Version.String] returns the text as written, so == on two Version values
// compares spellings; use Compare to compare versions.
//
// # Letter case in pre-release labels
//
// SemVer compares alphanumeric pre-release identifiers in ASCII order, where
// every upper-case letter sorts before every lower-case one, so "RC1" would
// sort before "beta" and "1.0.0-RC1" would differ from "1.0.0-rc1". This
// package compares them without regard to letter case instead, as NuGet and
// Octopus do:
//
//   - 1.0.0-RC1 = 1.0.0-rc1 and 1.0.0-Alpha < 1.0.0-beta;
//   - the range [1.0.0-beta, 2.0.0) contains 1.0.0-RC1 as it contains
//     1.0.0-rc1;
//   - a channel's pre-release pattern matches without regard to letter case,
//     so "^beta" admits 1.0.0-Beta.1 (see [Rule]).
//
// So changing the case of letters in a version never changes how it
// compares, whether a range contains it or whether a rule allows it (unless
// its pattern turns case sensitivity back on with "(?-i)"). Only
// Version.String keeps the spelling.
//
// Two releases of one project whose versions differ only in letter case,
// such as 1.0.0-rc1 and 1.0.0-RC1, therefore have one version: the decision
// of this package is that the second one is a duplicate release, to be
// rejected as two names of one kind that differ only in letter case are. A
// caller that keeps releases by version text must compare the texts without
// regard to case to find such duplicates.
//
// # Ranges
//
// A [Range] is a NuGet version range. [ParseRange] accepts:
//
//	range = "" | version | "[" version "]"
//	      | ( "[" | "(" ) [ version ] "," [ version ] ( "]" | ")" )
//
// Blanks (spaces and tabs) are allowed around each part. The empty range
// (or only blanks) contains every version. A bare version is an inclusive
// minimum: "1.0" means 1.0 <= v. "[v]" is exactly v (by precedence, so
// [1.0] contains 1.0.0+meta). Between brackets, "[" and "]" include the
// bound, "(" and ")" exclude it, and a missing bound is unbounded:
// "[1.0,2.0)" is 1.0 <= v < 2.0, "(,1.0]" is v <= 1.0. [Range.Contains]
// compares precedence only: a pre-release is in a range when its precedence
// is (there is no NuGet-style rule that admits pre-releases only when a
// bound has one), so [1.0,2.0) contains 2.0.0-beta, and [2.0.0-0,3.0) admits
// every 2.x pre-release.
//
// A range needs at least one bound ("(,)" is an error) and must not be
// empty ("[2.0,1.0]" and "(1.0,1.0)" are errors). An inclusive bracket next
// to a missing bound ("[,1.0]") is read as exclusive. [Range.String] is
// canonical: "" for any version, "1.0" for "[1.0,)", "[1.0]" for
// "[1.0,1.0]", otherwise brackets around "min,max" without blanks, each
// bound spelled as written; ParseRange of it gives the same range.
//
// # Channels and version rules
//
// A [Rule] is a channel's version rule: a range and an optional pre-release
// pattern, an RE2 regular expression matched against the version's
// pre-release label only (without the "-", and not against build
// metadata). The pattern is not anchored unless it says so, "^$" admits only
// versions without a pre-release, and letter case is ignored. A version is
// allowed when the range contains it and the pattern, if any, matches.
// [NewRule] builds one from text; errors name the field ("versionRange" or
// "preRelease").
//
// A [Channel] ([NewChannel] from a [ChannelSpec]) has a name (required), a
// lifecycle name ("" means the project's), a version rule, a default flag
// and an optional tenant restriction, written either as canonical tag names
// (read as a tenant filter without named tenants: OR within a tag set, AND
// across sets) or as a tag expression, not both. The restriction is parsed
// here; its tag names are checked when it is bound to a tag catalog.
//
// A release given without a channel gets one from [SelectChannel]: the
// default channel when its rule allows the version; otherwise the only other
// channel whose rule allows it. When no channel allows it the error wraps
// [ErrVersionRule]; when several do (and the default does not), it is an
// [*AmbiguousError] wrapping [ErrAmbiguousChannel] that names the candidates
// in channel order.
//
// # Lifecycles and phases
//
// [New] resolves a lifecycle against the model's environment names. Each
// [PhaseSpec] lists automatic environments (deployed as soon as the phase
// is reached) and manual ones, a minimum (0 means every environment of the
// phase), and the optional and priority flags; priority affects ordering
// only, never whether a deployment is allowed.
//
//   - A lifecycle with no phases has one manual, required phase per model
//     environment, in model order, each named after its environment.
//   - A phase that lists no environments takes every environment that no
//     other phase of the lifecycle lists, in model order.
//   - An environment listed twice in one phase (or both automatic and manual)
//     counts once, and is automatic when any listing says so.
//
// New returns every problem at once, as errors joined in phase order, each
// a [*ValidationError]: an environment in two phases
// ([ErrEnvironmentInTwoPhases], reported on the later phase; also every
// environment left for a second phase without environments), a minimum
// greater than the number of environments the phase lists
// ([ErrMinimumTooLarge]), a negative minimum ([ErrInvalidValue]), an
// unknown environment name ([ErrUnknownEnvironment]), a model without
// environments ([ErrNoEnvironments]) and a model of more than
// [MaxEnvironments] environments ([ErrInvalidValue]). Phase names are not
// checked: they may be empty or repeated.
//
// [Lifecycle.Order] lists the lifecycle's environments in phase order, model
// order inside a phase.
//
// # Progression
//
// Which deployments count as successes is the [Policy]: with [AnySuccess]
// (the default) an environment counts once any deployment of the release to
// it for the track succeeded, whatever happened later; with [LatestOutcome],
// as the Octopus server does, only when the latest deployment there
// succeeded (by time; of two at the same time, the later in the list).
// Failed and cancelled deployments never count. [Successes] computes the set
// from a track's [Attempt] list.
//
// A Policy's text form (its JSON in a request) is its name, exact case:
// "AnySuccess" or "LatestOutcome". [ParsePolicy] and [Policy.UnmarshalText]
// read it, the empty text being AnySuccess; other text is an error that
// lists both names and wraps [ErrInvalidValue]. [Policy.String] and
// [Policy.MarshalText] write it; MarshalText rejects a value that is
// neither policy with the same error.
//
// A phase is complete for a track ([Lifecycle.PhaseComplete]) when:
//
//   - the phase is optional: it is complete whatever happened, and is
//     reported as needing and having 0;
//   - the track is connected to some environments of the phase: the track's
//     own successes in those environments number at least all of them (a
//     minimum of 0) or min(minimum, connected environments);
//   - the track is connected to none of them: anyone's successes in the
//     phase (any track's, passed once per release) number at least all of
//     its environments (a minimum of 0) or the minimum.
//
// So a success for one tenant never completes a phase for another tenant
// connected to an environment of it. The untenanted track is connected to
// every environment of the lifecycle (the caller passes
// Track{Connected: l.Environments()}), so only untenanted successes count
// for it.
//
// [Lifecycle.Progress] gives the verdict for one environment and track:
// the environment must be in the lifecycle, every earlier phase must be
// complete (the first incomplete one is reported as Waiting, with the
// numbers needed and counted), and the release must not be blocked there. A
// blocked release may still be deployed within its first phase and within
// any phase where the track already has a success (in any environment of the
// phase, connected or not); elsewhere it is Blocked. The blocked check is
// evaluated on its own, so a cell of a later, unreachable phase is both not
// Reachable and Blocked. [Progress.Deployable] is the conjunction. The first
// phase is always reachable.
//
// # Limits
//
// Versions and version rules are compared once per release and channel, so
// their size is bounded. Input over a limit is an error wrapping [ErrLimit]
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
//     compile to a huge program costs nothing; ignoring letter case adds no
//     instruction.
//
// Matching a pattern against a label costs at most the product of the two
// sizes (RE2 has no backtracking), so a version rule check is bounded by
// 256 × 1000 steps. The zero [Options] means these defaults; a negative
// field lifts its limit. Environment indexes are below [MaxEnvironments]
// (65,536), and New rejects larger models.
//
// # Errors
//
// Parse errors are a [*ParseError] with the input, the byte offset and the
// 1-based column; a lifecycle or channel that does not validate gives
// [*ValidationError] values, and a release that fits several channels an
// [*AmbiguousError]. Every error wraps one sentinel, answers its stable code
// with a Code method and reads "where: message [code]": [ErrInvalidVersion]
// ("invalid-version"), [ErrInvalidValue] ("invalid-value"),
// [ErrVersionRule] ("version-rule"), [ErrAmbiguousChannel]
// ("ambiguous-channel"), [ErrEnvironmentInTwoPhases]
// ("environment-in-two-phases"), [ErrMinimumTooLarge]
// ("minimum-too-large"), [ErrUnknownEnvironment] ("unknown-environment"),
// [ErrNoEnvironments] (which wraps ErrInvalidValue) and [ErrLimit]
// ("limit"). ErrInvalidValue, ErrUnknownEnvironment and ErrLimit are the
// module's shared sentinels: plan.ErrInvalidValue is lifecycle.ErrInvalidValue,
// so errors.Is matches them whichever package returned the error.
//
// # Decisions
//
// Where Octopus and SemVer leave a choice, the package decides:
//
//   - Decision: alphanumeric pre-release identifiers compare without regard
//     to letter case, and pre-release patterns match without regard to it,
//     as explained above; versions that differ only in letter case are one
//     version, and two releases of one project with such versions are a
//     duplicate release.
//   - Decision: "no other phase": a phase without environments takes the
//     environments that no other phase lists, so that no environment is in
//     two phases. When several phases have no environments and some
//     environment is left for them, the later ones are reported with
//     ErrEnvironmentInTwoPhases (one error per environment).
//   - Decision: the untenanted track is connected to every environment of
//     the lifecycle.
//   - Decision: a phase minimum for a track connected to some of the phase's
//     environments is min(minimum, connected).
//   - Decision: an optional phase is complete whatever happened.
//   - Decision: the blocked-release check looks at the track's successes in
//     any environment of the phase, connected or not, and is evaluated on its
//     own, like every check.
//   - Decision: an environment listed twice in one phase (or both automatic
//     and manual) counts once and is automatic if any listing says so.
//   - Decision: phase names are not validated (empty or repeated names are
//     accepted).
//   - Decision: a negative phase minimum is ErrInvalidValue.
//   - Decision: leading zeros are accepted in the numeric core of a version
//     but not in numeric pre-release identifiers. A leading "v" is not
//     accepted.
//   - Decision: "(,)" and empty ranges are errors; an inclusive bracket next
//     to a missing bound is read as exclusive.
//   - Decision: the pre-release pattern is matched against the pre-release
//     label only (Octopus also tries build metadata).
//   - Decision: with LatestOutcome, attempts at the same time are ordered by
//     their position: the later in the slice is the latest.
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
