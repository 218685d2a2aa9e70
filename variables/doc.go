// Package variables resolves the variables of one project in one deployment context: scoped
// values, tenant templates and tenant values, substitution of the Octostache-style template
// language, system variables and secrets. It follows Octopus Deploy's documented behaviour for
// variables and takes the decisions listed below where Octopus is silent or ambiguous.
//
// A [ProjectSpec] (project variables, project templates, and the included libraries with their
// variables and common templates) compiles once with [NewProject], which parses every value.
// [Project.Resolve] then answers for a [Context] (environment, channel, step, target and roles,
// and when tenanted the tenant, its tags and its values): every name's value, the required
// templates that lack one, the ties it had to break and an explanation for every name.
// [Project.Missing] is the planner's fast check of missing values: no parsing, no substitution.
// [Substitute] expands a text with a plain map of variables. Variable names are compared without
// regard to letter case.
//
// # Rules
//
//   - Scopes: a value is scoped by dimensions (environments, tenants, tenant tags, channels,
//     roles, targets, steps). A scope applies when every dimension it names matches the context
//     (AND across dimensions) and a dimension matches when any of its names does (OR within a
//     dimension); an unscoped value always applies. Decision: tenant-tag scopes match like every
//     tenant filter of the library: the tags are grouped by tag set (the text before the first
//     "/"), OR within a set, AND across sets, and a set that is not named imposes nothing. In an
//     untenanted context, tenant and tenant-tag scoped values, templates and tenant values never
//     apply.
//   - Specificity: the most specific applicable value wins. Decision: the sets of scoped
//     dimensions compare lexicographically in the order step, target, role, tenant, tenant tag,
//     environment, channel: the value scoped on the highest-ranked dimension the other lacks
//     wins, and equal sets tie. More names inside one dimension add nothing. See
//     [CompareSpecificity].
//   - Ties: a project value beats a library value silently; any other tie is broken by source
//     order (templates, then project variables, then libraries in include order, each in
//     definition order) and reported by [Resolution.Conflicts], so that the result is
//     deterministic and the ambiguity visible.
//   - Templates and tenant values: the project's templates and the common templates of the
//     libraries it includes ask every tenant for a value. A template has a name (the variable
//     name), a label, an optional default (which may contain bindings) and a sensitive flag; a
//     tenant value carries an environment scope (empty: unscoped). The effective value of a
//     template in environment e is the tenant value scoped to e, else the unscoped one, else the
//     default, else it is missing (listed by [Resolution.Missing] and [Project.Missing]); an
//     empty text is a value. Two values of one template whose scopes share an environment are
//     an error of [Project.CheckTenantValues].
//   - Decision: tenant values rank as scoped on the tenant, plus the environment when scoped:
//     they beat values scoped on tenant tags, environments, channels or nothing and lose to
//     step, target and role scoped values. A template default ranks as a tenant value without
//     environment.
//   - Substitution: see the grammar below. System variables, available to every binding, are
//     Octopus.Project.Name, Octopus.Environment.Name, Octopus.Release.Number,
//     Octopus.Release.Channel.Name, Octopus.Deployment.Tenant.Name and
//     Octopus.Deployment.Tenant.Tags (the tenant's canonical tags joined by ", ", in catalog
//     order); see [SystemNames] and the decisions below.
//   - Secrets: a [Value] made with [Sensitive] prints as [Mask] in every fmt verb, String,
//     GoString, JSON and text encodings, errors and explanations; only [Value.Reveal] gives the
//     plaintext. Every exported type that can hold a value (Variable, Template, Library,
//     ProjectSpec, TenantValue, TenantValues, Context, Project, Resolution, Candidate,
//     Conflict, Explanation, Beaten, Result) formats itself for fmt, so no verb walks into a
//     plaintext. A value that binds a sensitive value is sensitive as a whole (stricter than
//     Octopus, where sensitivity does not pass to a composite value). A template marked
//     Sensitive makes its values and its default sensitive. Nothing written inside a sensitive
//     value is reported either: see the decisions below.
//   - Explanations: [Resolution.Explain] names the winner's source (project, library, tenant
//     value, template default or system) and scope and every other candidate with the reason it
//     lost.
//
// # Template language
//
//	text      = { literal | "##{" | "#{" directive "}" }     "##{" is a literal "#{"
//	directive = binding
//	          | ("if" | "unless") cond "}" text [ "#{else}" text ] "#{/if}" | "#{/unless}"
//	          | "each" word "in" name "}" text "#{/each}"
//	binding   = name { "|" filter { arg } }
//	name      = { char | "#{" binding "}" }        up to "|" or "}", trimmed; case-insensitive
//	cond      = operand [ ("==" | "!=") operand ]
//	operand   = quoted | word-name
//	arg       = quoted | word (may contain "#{" binding "}")
//	quoted    = '"' { any but '"' or '\', or '\"', or '\\' } '"'
//	filter    = ToUpper | ToLower | Trim [start|end] | Truncate n | Substring [start] length
//	          | Replace regexp [replacement] | HtmlEscape | JsonEscape | UriEscape
//	          | ToBase64 | FromBase64             (filter names are case-insensitive)
//
// A "#" not followed by "{" is literal text. Indexes are part of the name: in "#{X[#{Y}]}" the
// inner binding is expanded first and "X[value]" looked up. A variable's value is itself expanded,
// recursively and once per context (the expansion is shared by every reference). Truthiness: false
// for undefined, "" and, trimmed and in any case, "False", "No" and "0". "#{each x in V}" iterates
// over the comma-separated items of V, trimmed, empty items skipped; inside the block x and
// Octopus.Template.Each.Index, .First and .Last are defined. Truncate n keeps n characters and
// appends "..." when it cut; Substring counts characters and clamps to the text; Replace uses Go
// regular expressions (RE2) and expands $1 and ${name} in the replacement; UriEscape
// percent-encodes all but the unreserved characters of RFC 3986.
//
// Errors carry the variable the text came from, the byte offset and a sentinel (see
// [TemplateError]): an unterminated "#{", an unmatched "#{/if}", an unknown filter, a bad filter
// argument, a reference cycle ("A -> B -> A") and the limits below. Every error answers its
// stable code with a Code method ("invalid-expression" for syntax, unknown filters and filter
// arguments; "cycle"; "limit"; "unknown-template"; "overlapping-tenant-values";
// "duplicate-name"; "invalid-value" for an empty name) and reads "where: message [code]".
//
// # Limits
//
// Every call of [Project.Resolve] or [Substitute] is bounded, whatever its input, by the limits of
// [Options]; a field of 0 (or less) means its default. Going over one is a *[TemplateError]
// wrapping [ErrLimit] whose message names the field and its default, for example "evaluation
// work over 8388608 units (Options.MaxWork, the total of one resolution, default 8388608
// units)".
//
//   - MaxDepth, default 64 (at most 10000): the nesting of blocks and nested bindings in a text,
//     plus the chain of variables being expanded at once. [NewProject], which takes no options,
//     parses values with a fixed nesting limit of 1000.
//   - MaxSize, default 1 MiB: the size of any one expanded value, filter output or computed
//     name, checked while writing, so that an exponential expansion stops early.
//   - MaxTotalSize, default 64 MiB: the bytes one call produces in all, summed over every value
//     it expands, filter output and computed name. A value that is plain text, or a plain
//     reference to another variable, shares that text and produces nothing.
//   - MaxWork, default 8 Mi units (8388608), about a second: the work of one call in all. A unit is
//     a construct evaluated, 64 bytes written, 16 bytes read or written by a filter, 16 bytes read
//     by a condition, a computed name or an each list; an each list costs two more per item and
//     each iteration four. Replace charges one unit per 4 steps of its regular expression, a step
//     being one character read times the instructions of the compiled expression, and counts the
//     characters every search actually reads (a search may read past its match, and each match
//     starts a new search), so no expression runs for longer than the budget allows; a pattern
//     computed at evaluation costs a unit per byte and per instruction to compile.
//
// The totals are per call, not per variable: [Project.Resolve] stops at the first variable that
// exceeds MaxTotalSize or MaxWork and reports that one error. Parsing takes time and memory
// linear in the text.
//
// # Decisions
//
// Decision: a tenant value (or template default) that ties with a project value of equal
// specificity (for example an unscoped tenant value and a project value scoped to that tenant)
// ranks like a project value and comes first in source order: it wins and the tie is reported.
//
// Decision: system variables are candidates below every user value: any applicable user value of
// the same name wins; it is reported as a conflict only when that user value is unscoped. A system
// variable is absent when its context field is empty; the tenant variables are absent when
// untenanted. Octopus.Project.Name is Context.Project, or the name of the [ProjectSpec] when that
// is empty.
//
// Decision: for an untenanted context nothing is missing ([Resolution.Missing] is empty).
// [Project.Missing] always evaluates as tenanted.
//
// Decision: when a project template and a common template (or the common templates of two
// libraries) share a name, the first in source order with an effective value is the only template
// candidate, whatever the specificity of the others; the shadowed ones are reported as a conflict.
// Each template is still required on its own, so a name may be missing while another template of
// that name gives it a value.
//
// Decision: an undefined name is echoed as written, "#{Name}" including its filters, and
// reported as unresolved. A binding with a nested binding that is undefined is echoed whole and
// only the inner name is reported. Names used only as conditions or each collections are not
// reported: an undefined operand is "".
//
// Decision: the text of a sensitive value stays secret, names included. An undefined name
// referenced inside a sensitive value is not listed by [Resolution.Unresolved] (or
// Result.Unresolved); the variable or template whose sensitive value it is is listed by
// [Resolution.UnresolvedInSensitive] (Result.UnresolvedInSensitive) instead, without the name. An
// error in the text of a sensitive value has [TemplateError].Sensitive set and Offset 0, prints
// "variable "X" (sensitive value): ..." without an offset, and quotes none of the text. A reference
// cycle through a sensitive value shows every name referenced from a sensitive value as [Mask], in
// Cycle and in the message, and is reported on the first variable of the cycle whose value is
// sensitive.
//
// Decision: "==" and "!=" compare the texts exactly (case-sensitive, like Octopus's comparison
// filters Contains, StartsWith and EndsWith).
//
// Decision: loop variables are visible in the text of their block only, not inside the values
// of other variables that block references, so a variable expands the same way everywhere.
//
// Decision: [NewProject] parses every value and template default and rejects those that do not
// parse; tenant values are parsed by [Project.Resolve]. A sensitive value is expanded like any
// other (its result stays sensitive); error messages about its text never quote it.
//
// # Concurrency
//
// Values, Projects and Resolutions are immutable and safe for concurrent use; every function
// of the package is safe to call from many goroutines.
package variables
