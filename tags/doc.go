// Package tags holds tag sets, the tag catalog, Octopus tenant filters and the tag expression
// language.
//
// A tenant carries tags; tags are grouped into tag sets ([TagSet]) and named by their canonical
// name "Set/Tag", split at the first "/". A [Catalog] knows every tag set and gives each tag (and
// each FreeText value in use) a dense [ID], so that the tags of a tenant are a small bitset
// ([Bits]). Tenants are selected either by an Octopus tenant filter ([Filter]: named tenants UNION
// the tag part; OR within a tag set, AND across sets) or by a tag expression ([Expr]), which adds
// "not", parentheses and tenant(...) references. Every filter converts to an equivalent expression
// ([Filter.Expr]).
//
// Parsing is pure ([ParseExpr]); binding ([Expr.Bind]) checks every reference against a catalog
// and a tenant lookup, reports ALL unknown references at once with their byte offsets and "did
// you mean" suggestions, and compiles the expression to a matcher ([Bound.Match]) that
// tests a tenant's tag bitset in a few nanoseconds without allocating. [Fold] lets other
// packages evaluate a bound expression over their own representation: package tenant uses it
// over posting bitsets to select among many tenants at once.
//
// # Grammar
//
// The grammar of [ParseExpr], in BNF:
//
//	expr    = or
//	or      = and { ( "or" | "||" ) and }
//	and     = unary { ( "and" | "&&" ) unary }
//	unary   = ( "not" | "!" ) unary | primary
//	primary = "(" expr ")" | tagref | "tenant" "(" string ")" | "true" | "false"
//	tagref  = word | string          -- must contain "/"; "Set/*" means: has any tag of Set
//	string  = '"' { any byte but '"' or '\' | '\"' | '\\' } '"'
//	word    = wordchar { wordchar }   -- a word equal to a keyword is that keyword
//	wordchar = Unicode letter | Unicode digit | "_" | "-" | "." | "/" | "*"
//
// Keywords (and, or, not, true, false, tenant) are case-insensitive. Precedence: not > and > or.
// Whitespace (space, tab, CR, LF) separates tokens. Examples:
//
//	Tier/Gold and not "Upgrade ring/Pinned"
//	(Region/EU or Region/UK) and Tier/*
//	tenant("Capital Animal Hospital") or Tier/VIP
//
// [Expr.String] writes the canonical form: lower-case keywords, single spaces, parentheses only
// where precedence needs them, tag references bare when they are a word and quoted otherwise.
//
// # Limits
//
// Input longer than 64 KiB ([MaxExprLen]) or nested deeper than 256 ([MaxExprDepth]) is rejected
// with a *ParseError wrapping [ErrLimit], before any unbounded work. Parse errors carry
// the input, the byte offset and the 1-based column.
//
// Binding reports at most 100 unresolved references ([DefaultMaxErrors]; [BindOptions.MaxErrors]
// changes it); the others are counted by an [OmittedError], which wraps ErrLimit, and get no
// suggestion. Suggestions are computed only for the references reported, and each one's work is
// bounded: names longer than 256 runes get none, and after 2^18 cells of edit distance tables
// the search only looks for a name equal ignoring letter case.
// So a hostile catalog or expression costs time linear in its size.
//
// A [Bits] takes memory for the IDs it holds, not for the largest one: words of low IDs are kept
// densely while at least a quarter of them are used, the others as sorted (index, word) pairs. So
// tenants that each carry a FreeText value of their own cost a few words each, however large the
// catalog grows; [Bound.Match] reads dense words directly and looks sparse ones up.
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
