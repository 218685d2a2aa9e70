// Package tags holds tag sets, the tag catalog, Octopus tenant filters and the tag expression
// language that selects tenants by their tags.
//
// A tenant carries tags; tags are grouped into tag sets ([TagSet]) and named by their canonical
// name "Set/Tag". A [Catalog] knows every tag set and gives each tag (and each FreeText value in
// use) a dense [ID], so that the tags of a tenant are a small bitset ([Bits]). Tenants are
// selected either by an Octopus tenant filter ([Filter]) or by a tag expression ([Expr]), which
// adds "not", parentheses, constants and tenant("…") references. Every filter converts to an
// equivalent expression ([Filter.Expr]). Package tenant applies both to a set of tenants.
//
// # Tag sets and canonical names
//
// A tag set has a name, an ordered list of tags (the order is for display only) and a [Type]:
//
//   - [MultiSelect] (the default): a tenant may carry any number of the set's tags;
//   - [SingleSelect]: a tenant carries at most one of them;
//   - [FreeText]: the set has no predefined tags; a tenant carries at most one free value of its
//     own choosing, named like a tag ("Region/eu-west-1").
//
// A Type's text form is its name, "MultiSelect", "SingleSelect" or "FreeText" (exact case; ""
// is MultiSelect): [ParseType], [Type.String], [Type.MarshalText] and [Type.UnmarshalText] use it,
// and other text is an error that lists the names and wraps [ErrInvalidValue].
//
// A canonical name is split at the first "/": the part before it is the tag set, the rest is the
// tag, so a tag name may contain "/" and a tag set name may not. "Set/*" is the wildcard: any tag
// of Set (for a FreeText set, any of its values in the catalog).
//
// [NewTagSet] and [NewCatalog] check definitions and report every problem at once, each a
// [*DefinitionError]: an empty set name or one containing "/", an empty tag or "*", predefined
// tags on a FreeText set, and two tags of one set or two tag sets whose names are equal or differ
// only in letter case ([ErrDuplicateName]). The FreeText values given to NewCatalog must be
// canonical names of FreeText sets of the catalog. The catalog lays IDs out in catalog order:
// sets in the order given, a set's tags in its order, then its FreeText values sorted by byte
// order, so sorting IDs gives display order.
//
// References compare names exactly: "tier/gold" does not name the tag "Tier/Gold", but it gets
// "Tier/Gold" as its "did you mean" suggestion. FreeText values compare exactly too.
//
// # Filters
//
// A [Filter] is the Octopus form: a list of named tenants and a list of canonical tag names. It
// selects the named tenants UNION the tenants that match its tag part. The tag part groups tags
// by tag set: a tenant matches when, for every tag set mentioned, it carries at least one of the
// tags listed for that set (OR within a tag set, AND across tag sets); tag sets not mentioned
// impose nothing. "Set/*" in the tag part stands for every tag of Set. An empty tag part matches
// no tenant, so a filter with no tags selects exactly its named tenants, and the empty filter
// selects nobody.
//
// [Filter.Expr] writes the equivalent expression: tenant("a") or … or (group1 and group2 …), a
// group being the "or" of one set's tags, groups in the order their sets first appear, exact
// duplicates dropped. For example the filter of tags "Tier/Gold", "Region/EU", "Tier/Silver" is
// (Tier/Gold or Tier/Silver) and Region/EU.
//
// # Expressions
//
// [ParseExpr] accepts this grammar ({ x } is zero or more x, [ x ] optional, | a choice):
//
//	expr     = or
//	or       = and { ( "or" | "||" ) and }
//	and      = unary { ( "and" | "&&" ) unary }
//	unary    = ( "not" | "!" ) unary | primary
//	primary  = "(" expr ")" | tagref | "tenant" "(" string ")" | "true" | "false"
//	tagref   = word | string          -- must contain "/"; "Set/*" means: has any tag of Set
//	string   = '"' { any byte but '"' or '\' | '\"' | '\\' } '"'
//	word     = wordchar { wordchar }  -- a word equal to a keyword is that keyword
//	wordchar = Unicode letter | Unicode digit | "_" | "-" | "." | "/" | "*"
//
// Precedence, from tightest: not, and, or; so "not a and b or c" reads "((not a) and b) or c".
// "and" and "or" are associative, so a chain of either is one operator; parentheses group. The
// keywords and, or, not, true, false and tenant are case-insensitive ("AND", "Not"), and "&&",
// "||" and "!" are synonyms of and, or and not. Blanks (space, tab, CR, LF) separate tokens and
// are otherwise ignored; a lone "&" or "|" is an error.
//
// A tag reference is a bare word when its name consists of word characters, otherwise a string
// literal: "Upgrade ring/Pinned" needs quotes, Tier/Gold does not. Both must contain "/". The
// tag part "*" alone is the wildcard; "Tier/Gold*" is just a tag name. A string literal holds
// any byte except '"' and '\', which are written \" and \\; no other escape exists, and newlines
// and bytes that are not UTF-8 are taken as they are. Bare words must be valid UTF-8.
//
// tenant("Name") holds for the tenant of exactly that name; the name must be a string literal.
// "true" holds for every tenant and "false" for none. Examples:
//
//	Tier/Gold and not "Upgrade ring/Pinned"
//	(Region/EU or Region/UK) and Tier/*
//	tenant("Capital Animal Hospital") or Tier/VIP
//	!Tier/Trial && (Region/EU || Region/UK)
//
// [Expr.String] writes the canonical form: lower-case keywords, single spaces, parentheses only
// where precedence needs them, tag references bare when they are a word and quoted otherwise;
// ParseExpr of it gives an equal expression ([Expr.Equal]). The constructors ([Tag], [Tenant],
// [Not], [And], [Or], [True], [False]) build the same shapes as the parser.
//
// # Binding and matching
//
// Parsing is pure: it checks only the grammar. [Expr.Bind] (and [Filter.Bind]) checks every
// reference against a catalog and a [TenantLookup] and reports all unresolved ones at once, as
// [*BindError] values joined in the order they appear, each with its byte offset in the input
// (for a filter, its index in the list) and a "did you mean" suggestion where a close name
// exists: [ErrUnknownTagSet] for a tag set the catalog lacks, [ErrUnknownTag] for a tag its set
// lacks, [ErrUnknownTenant] for a tenant name the lookup does not know. Two references are not
// errors: a FreeText value that no tenant carries binds to false (it matches nobody), and "Set/*"
// of a set without tags or values binds to false.
//
// The result, a [*Bound], matches a tenant's [Bits] and tenant index with [Bound.Match], without
// allocating. [Fold] evaluates it over another representation; package tenant uses it to
// evaluate each clause once over the postings of all tenants.
//
// # Limits
//
// Every limit has a default and is reported with an error wrapping [ErrLimit] (code "limit"):
//
//   - ParseExpr rejects input longer than 64 KiB ([MaxExprLen]) and nesting deeper than 256
//     ([MaxExprDepth]) with a [*ParseError], before any unbounded work. Every "(" and every
//     "not" (or "!") opens one level.
//   - Binding reports at most 100 unresolved references ([DefaultMaxErrors];
//     [BindOptions.MaxErrors] changes it, a negative value reports all); the others are counted
//     by an [*OmittedError] (which wraps ErrLimit) joined last, and get no suggestion.
//   - Suggestions are computed only for the references reported, and each one's work is bounded:
//     names longer than 256 runes get none, and after 2^18 cells of edit
//     distance tables the search only looks for a name equal ignoring letter
//     case. So a hostile catalog or expression costs time linear in its size.
//
// A [Bits] takes memory for the IDs it holds, not for the largest one: words of low IDs are kept
// densely while at least a quarter of them are used, the others as sorted (index, word) pairs. So
// tenants that each carry a FreeText value of their own cost a few words each, however large the
// catalog grows; [Bound.Match] reads dense words directly and looks sparse ones up. A
// [BitsArena] builds the sets of many tenants in shared chunks of words, one allocation for
// thousands of sets.
//
// # Errors
//
// A [*ParseError] carries the input, the byte offset and the 1-based column (counted in runes) of
// the problem, and quotes a window of long input. Every error of the package wraps one sentinel;
// [Code] maps it to its stable code: [ErrSyntax] "invalid-expression", [ErrLimit] "limit",
// [ErrUnknownTagSet] "unknown-tag-set", [ErrUnknownTag] "unknown-tag", [ErrUnknownTenant]
// "unknown-tenant", [ErrDuplicateName] "duplicate-name", [ErrSingleSelect] "single-select" (used
// by package tenant) and [ErrInvalidValue] "invalid-value".
//
// # Decisions
//
// Decision: nesting depth counts every "(" and every "not" (or "!"), so a run of thousands of
// "not" is rejected like a run of "(".
//
// Decision: the column of a *ParseError counts runes from the start of the input; newlines are
// whitespace and do not restart the count.
//
// Decision: "*" is not a valid tag name or FreeText value, because "Set/*" is the wildcard.
//
// Decision: a FreeText value that no tenant carries is not in the catalog; an expression or
// filter that names it binds to false (matches nobody) rather than failing,
// because a free value cannot be misspelled against a list. [Catalog.Lookup] still reports it
// as ErrUnknownTag, since it has no ID.
//
// Decision: FreeText values compare exactly; two values that differ only in letter case are two
// different values, not a duplicate name.
//
// Decision: in a [Filter] tag part, "Set/*" stands for every tag of Set, as in expressions.
//
// Decision: [And] and [Or] flatten nested operands of the same operator (the parser does the
// same for parentheses that add nothing), so Equal compares expressions up to associativity but
// keeps operand order, double negation and constants as written. Binding then folds constants,
// removes double negation and merges tags under one "or" for matching.
//
// Decision: string literals accept any byte except an unescaped '"' or '\', including newlines
// and bytes that are not UTF-8, so that every tag name round-trips through [Expr.String]; bare
// words must be valid UTF-8.
//
// Decision: "did you mean" suggestions ([Catalog.Suggest], [BindError]) pick a name equal
// ignoring letter case, else the nearest by edit distance (insertions, deletions, substitutions
// and transpositions of adjacent letters, ignoring case) when that is at most a third of the
// name's length (at least 1), else the shortest name that the unknown one is a prefix of. Every
// "did you mean" of the module uses this rule. Tenant
// references get no suggestion from Bind (a [TenantLookup] cannot list names); package tenant
// adds them.
//
// # Errors
//
// Every error of the package wraps one sentinel ([ErrSyntax], [ErrLimit], [ErrUnknownTag],
// [ErrUnknownTagSet], [ErrUnknownTenant], [ErrDuplicateName], [ErrSingleSelect],
// [ErrInvalidValue]) and answers its stable code with a Code method: "invalid-expression",
// "limit", "unknown-tag", "unknown-tag-set", "unknown-tenant", "duplicate-name",
// "single-select", "invalid-value". ErrLimit, ErrDuplicateName and ErrInvalidValue are shared
// with the other packages of the module (lifecycle.ErrLimit is tags.ErrLimit). Messages read
// "where: message [code]"; names in them are quoted and cut after 64 bytes.
//
// # Concurrency
//
// Every type of this package is an immutable value (or a pointer to one) and is safe for
// concurrent use.
package tags
