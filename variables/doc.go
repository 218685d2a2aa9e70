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
//   - Substitution: see the template language below. System variables, available to every binding, are
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
//     Octopus, where sensitivity does not pass to a composite value). Binding means reading it
//     anywhere: a reference, a nested or indexed name, a condition operand, a calc operand, an
//     each collection (every item of a sensitive list or JSON value is sensitive), a JSON path
//     into a sensitive value, or a filter of it (a digest of a secret is masked as a whole).
//     Escaped text and branches not taken read nothing. A template marked
//     Sensitive makes its values and its default sensitive. Nothing written inside a sensitive
//     value is reported either: see the decisions below.
//   - Explanations: [Resolution.Explain] names the winner's source (project, library, tenant
//     value, template default or system) and scope and every other candidate with the reason it
//     lost.
//
// # Template language
//
// The substitution language is Octostache, the one Octopus evaluates. A text is literal except
// for the constructs that open with "#{":
//
//	text      = { literal | "#{" construct "}" }
//	construct = binding
//	          | "if" cond "}" text { ("#{elseif" | "#{else if") cond "}" text } [ "#{else}" text ] "#{/if"
//	          | "unless" cond "}" text [ "#{else}" text ] "#{/unless"
//	          | "each" word "in" name "}" text "#{/each"
//	          | "calc" sum
//	binding   = [ name ] { "|" filter { arg } }      a name, or filters alone, or both
//	name      = { char | "#{" binding "}" }          trimmed; case-insensitive
//	cond      = operand [ ("==" | "!=") operand ]
//	operand   = quoted | name { "|" filter { arg } }
//	arg       = quoted | word                        a word may contain "#{" binding "}";
//	                                                 one that opens with a binding ends with it
//	quoted    = '"' { any but '"' or '\', or '\"', or '\\' } '"'
//	          | '\"' { any } '\"'                    as written inside a JSON string
//	sum       = term { ("+" | "-") term }
//	term      = factor { ("*" | "/") factor }
//	factor    = number | name | "{" name "}" | "-" factor | "(" sum ")"
//
// The keywords if, unless, elseif, each and calc are read in any letter case; a keyword needs
// white space after it ("#{ifX}" is a binding of the variable ifX).
//
// Literal text. A "#" and the character after it are text, with three exceptions read from the
// left: "##{" is the text "#{" (so "##{Name}" gives "#{Name}"), "##" right before "#{" is one
// "#" followed by the construct ("###{Name}" gives "#" and the value of Name), and "#{" opens a
// construct. "#{}" and "#{ }" are text, echoed as written. [Escape] writes any text so that it
// substitutes back to itself.
//
// Bindings. "#{Name}" is the value of Name, itself expanded (recursively, once per resolution:
// the expansion is shared by every reference). Names may contain dots and indexes; an inner
// binding is expanded first, so "#{Password[#{User}]}" with User "Mary" reads "Password[Mary]".
// An undefined name is echoed as written, filters included, and listed as unresolved. A binding
// with filters and no name has no value to filter: as in Octopus, it is echoed and listed as
// unresolved unless its first filter makes a value of its own: NowDate and NowDateUtc
// ("#{ | NowDate}"), Null (the empty text), Append and Prepend ("#{ | Append x}" is "x").
//
// JSON values. When no variable has the whole name, a name that extends a variable's name by a
// path of ".member" and "[index]" steps reads into that variable's value when it is a JSON
// object or array: with Config set to {"Db": {"Host": "db1", "Ports": [5432]}},
// "#{Config.Db.Host}" is "db1" and "#{Config[Db][Ports][0]}" is "5432". A variable defined with
// the whole name wins over the JSON value. A member or element that is absent, or null, is the
// empty text; an object or array prints as compact JSON; true and false print as "True" and
// "False", as .NET does. The reading is lenient like Octopus's: member names may be bare words
// and strings may be in single quotes. A value that is not JSON, or a step into a scalar, leaves
// the name undefined. A value may read into itself: with Cfg set to {"Port": 8080, "Url":
// "http://host:#{Cfg.Port}"}, "#{Cfg.Url}" is "http://host:8080". Such a path, met while the
// value is being expanded, reads the value as written, as Octopus does, instead of being a
// reference cycle; a member whose text holds a binding, or a value that is not JSON as written
// ("#{Self.Part}" as the value of Self), leaves the name undefined.
//
// Conditions. "#{if X}" takes its block when X is truthy: defined and, trimmed, none of "",
// "False", "No" (any case) and "0". "==" and "!=" compare the two operands' texts exactly. An
// operand is a quoted literal, or a name with optional filters ("#{if Env | ToLower ==
// "prod"}"); an undefined name is "". The clauses of an "#{elseif}" chain ("#{else if}" is the
// same) are tried in order and the first that holds is taken, else the "#{else}" block if any.
// "#{unless X}" takes its block when X is not truthy; it has no elseif.
//
// Repetition. "#{each x in C}" repeats its block for every item of the collection C, in this
// order of preference:
//
//   - an indexed collection: the distinct index keys of the variables named "C[key]..." (for
//     Octopus.Action, the steps of "Octopus.Action[Step 1].Name" ...), in the order of the
//     names (sorted for [Substitute]; for a project, the order in which the names first appear
//     in the [ProjectSpec]: its variables, its templates, then each library's), counting only
//     the names that have a value in the context. x is the key, and "x.Name" reads
//     "C[key].Name";
//   - a JSON array (each element, "x.Member" reading into it) or object (each member: x and
//     "x.Key" are its name, "x.Value" its value, "x.Value.Member" reads into it);
//   - otherwise the comma-separated items of C's value, trimmed, empty items skipped.
//
// Inside the block x, Octopus.Template.Each.Index (from 0), Octopus.Template.Each.First and
// Octopus.Template.Each.Last ("True" or "False", as Octopus prints them) are defined. An
// undefined collection has no items and is listed as unresolved.
//
// Arithmetic. "#{calc expr}" computes with +, -, * and / over decimal numbers and variables, *
// and / before + and -, left to right, parentheses as usual. A variable whose name contains an
// operator is written in braces: "#{calc {Port-Offset} + 1}". The result prints as .NET prints a
// double ("181", "0.25", "1E+15", "∞" after a division by zero). When a variable is undefined
// the construct is echoed as written and the name listed as unresolved; a value that is not a
// number is an error wrapping [ErrFilterArgument].
//
// # Filters
//
// A filter transforms the text before it; filters chain left to right and their names are
// case-insensitive. Arguments are separated by white space; an argument with spaces is quoted;
// an argument may contain bindings ("#{A | Replace #{From} #{To}}"). An argument that opens
// with a binding ends where that binding closes, as in Octopus: "#{A | Replace #{From}#{To}}"
// has two arguments, the values of From and To. The number of arguments is checked when the
// text is parsed, their values when they are known (at parse time when they are constant). The filters, with their arguments ([x] is optional):
//
//	ToUpper, ToLower            letter case
//	Trim [start|end]            removes white space from both ends, or one
//	Truncate n [suffix]         keeps n characters and appends suffix (default "...") when it
//	                            cut; an empty suffix appends nothing
//	Substring [start] length    characters from start (default 0), clamped to the text
//	Replace pattern [repl]      replaces every match of the regular expression (Go's RE2 syntax)
//	                            with repl (default ""), expanded as .NET does: $1 or ${1} a group,
//	                            ${name} a named group, $$ a "$", $& the match, $` and $' the text
//	                            before and after it, $+ the last group, $_ the whole input; a
//	                            reference to a group that does not exist stays as written
//	Match pattern               "true" when the regular expression matches the text, else "false"
//	HtmlEscape                  & < > " ' / as &amp; &lt; &gt; &quot; &apos; &#x2F;
//	JsonEscape                  escapes for the inside of a JSON string
//	UriEscape                   percent-encodes a URI as .NET's Uri.EscapeUriString: all but the
//	                            unreserved and reserved characters of RFC 3986, so a URL stays
//	                            readable
//	ToBase64 [encoding], FromBase64 [encoding]
//	                            base64 of the text's bytes, and back; encoding is utf8 (or utf-8,
//	                            the default) or unicode (UTF-16 little-endian, as .NET's
//	                            Encoding.Unicode), in any letter case
//
// and the filters that are pure functions of their input and arguments, as Octopus documents
// them:
//
//	MD5, SHA1, SHA256, SHA384, SHA512 [size] [encoding]
//	                            the digest of the text, in lower-case hex. The two optional
//	                            arguments come in either order: size, a positive number of bytes,
//	                            keeps the first bytes of the digest ("#{A | SHA256 8}" is 16 hex
//	                            digits); encoding says which bytes are hashed: utf8 (or utf-8, the
//	                            default), unicode (UTF-16 little-endian, as .NET's Encoding.Unicode)
//	                            or base64 (the bytes the text decodes to; an error when it is not
//	                            base64)
//	VersionMajor, VersionMinor, VersionPatch, VersionRevision   a part of a version number
//	VersionPreRelease, VersionPreReleasePrefix, VersionPreReleaseCounter   the pre-release label,
//	                            its prefix and its counter
//	VersionMetadata             the build metadata of a version
//	UriPart part                a part of an absolute URI, as .NET's System.Uri names it:
//	                            AbsolutePath, AbsoluteUri, Authority, DnsSafeHost, Fragment, Host,
//	                            HostAndPort, HostNameType, IsAbsoluteUri, IsDefaultPort, IsFile,
//	                            IsLoopback, IsUnc, Path, PathAndQuery, Port, Query, Scheme,
//	                            SchemeAndServer, UserInfo (any letter case)
//	Indent [indent [rest]]      indents every line, the first included. No argument: four spaces.
//	                            One argument: n (0 to 255) spaces for every line; i/s, i spaces
//	                            for the first line and s for the others; /s, nothing for the first
//	                            and s spaces for the others; any other text is written before
//	                            every line ("#{A | Indent "> "}"). Two arguments: the texts written
//	                            before the first line and before each other line. Lines end at
//	                            "\n"; an empty input stays empty
//	StartsWith s, EndsWith s, Contains s   "true" or "false", comparing exactly
//	Format [type] format        formats the text in the invariant culture ("C" as en-US) with a
//	                            .NET standard or custom format. Without a type the text is read
//	                            as a decimal number, else as a date. The type, any letter case,
//	                            says how to read it: Int32 or Int (a 32-bit integer), Double,
//	                            Decimal, Date or DateTime (a date without offset), DateTimeOffset
//	AddHours n, AddDays n       moves a date
//	NowDate [format], NowDateUtc [format]   the time of [Options].Now, local or UTC
//	Append s, Prepend s         adds text after or before
//	Null                        nothing: the empty text, whatever its input
//	Markdown, MarkdownToHtml    renders Markdown as HTML
//	XmlEscape, UriDataEscape    escapes for XML, and for a URI component (Uri.EscapeDataString)
//	YamlSingleQuoteEscape, YamlDoubleQuoteEscape   escapes for a quoted YAML string
//	PropertiesKeyEscape, PropertiesValueEscape     escapes for a Java .properties file
//
// An unknown filter is an error wrapping [ErrUnknownFilter]; a bad argument, or an input the
// filter cannot take, wraps [ErrFilterArgument] and gives the argument's offset. NowDate and
// NowDateUtc need [Options].Now (the library has no clock): without it the binding stays
// unresolved, echoed as written and listed as unresolved.
//
// # Errors
//
// Errors carry the variable the text came from, the byte offset and a sentinel (see
// [TemplateError]): an unterminated "#{" or block, an unmatched "#{/if}", an "#{else}" or
// "#{elseif}" outside a block, a misspelt keyword ("#{elsif X}", "#{/iff}": a word one edit from
// a keyword followed by more text, or an unknown block end, with the keyword it resembles), an
// unknown filter, a bad filter argument, a reference cycle ("A -> B -> A") and the limits below.
// Every error answers its stable code with a Code method ("invalid-expression" for syntax,
// unknown filters and filter arguments; "cycle"; "limit"; "unknown-template";
// "overlapping-tenant-values"; "duplicate-name"; "invalid-value" for an empty name) and reads
// "where: message [code]".
//
// # Limits
//
// Every call of [Project.Resolve] or [Substitute] is bounded, whatever its input, by the limits of
// [Options]; a field of 0 (or less) means its default. Going over one is a *[TemplateError]
// wrapping [ErrLimit] whose message names the field and its default, for example "evaluation
// work over 8388608 units (Options.MaxWork, the total of one resolution, default 8388608
// units)".
//
//   - MaxDepth, default 64 (at most 10000): the nesting of blocks, nested bindings and calc
//     parentheses in a text, plus the chain of variables being expanded at once, and the nesting
//     of a JSON value read by path or each (an error wrapping [ErrLimit] past it). A chain of
//     elseif clauses does not nest. [NewProject], which takes no options,
//     parses values with a fixed nesting limit of 1000.
//   - MaxSize, default 1 MiB: the size of any one expanded value, filter output or computed
//     name, checked while writing, so that an exponential expansion stops early.
//   - MaxTotalSize, default 64 MiB: the bytes one call produces in all, summed over every value
//     it expands, filter output and computed name. A value that is plain text, or a plain
//     reference to another variable, shares that text and produces nothing.
//   - MaxWork, default 8 Mi units (8388608), about a second: the work of one call in all. A unit
//     is a construct evaluated, 64 bytes written, 16 bytes read or written by a filter, 16 bytes
//     read by a condition, a computed name, an each list or a path into a JSON value, 4 bytes of
//     a JSON value read (once per variable, at each use for a loop item); an each list costs two
//     more per item and each iteration four, a calc one per number, variable and operation.
//     Replace and Match charge one unit per 4 steps of the regular expression, a step being one
//     character read times the instructions of the compiled expression, and counts the characters
//     every search actually reads (a search may read past its match, and each match starts a new
//     search), so no expression runs for longer than the budget allows; a pattern computed at
//     evaluation costs a unit per byte and per instruction to compile. Markdown charges four units
//     per byte of its input, the most its parser spends on text dense in markup, and also,
//     for every line, one unit per 16 bytes of the line times the number of block-quote and list
//     markers that open it and of link destinations ("](") in it, the lines its parser reads
//     again, and 16 units per cell of a table row (as many as the most "|" of a line of its
//     block): nothing for ordinary text, and over the budget for a long line of nested quotes.
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
// only the inner name is reported. An undefined each collection is reported too (Octopus
// iterates nothing, silently). Names used only as condition operands are not reported: an
// undefined operand is "".
//
// Decision: "#{else if X}" is read as "#{elseif X}". A word one edit away from a keyword and
// followed by more text ("#{elsif X}", "#{iff X}"), and a "#{/...}" that ends no block, are errors
// naming the keyword meant; Octopus reads the first as a variable name and rejects the text of
// the second as a whole.
//
// Decision: JSON member names match in any letter case, like variable names. Items of an indexed
// collection are in the order of the variables, and the first spelling of a key is kept.
//
// Decision: in calc, "-" and "/" are operators, so a name containing them is written in braces
// (Octopus reads "Port-1" as a name). A calc is echoed as written when a variable is undefined.
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
// Decision: where Octostache, the engine Octopus uses, behaves otherwise, this package chooses
// to fail loudly or to read lists the way users write them. An unknown filter is an error
// wrapping [ErrUnknownFilter] (Octostache leaves the binding as written). Null gives the empty
// text (in Octostache a filter that returns no value leaves the binding as written). The items
// of a comma-separated each list are trimmed and empty items skipped ("a, b,," has the items a
// and b; Octostache keeps " b" and the empty items).
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
