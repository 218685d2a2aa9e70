package variables

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// octoFilter is a filter that is a pure function of its input and arguments.
type octoFilter struct {
	name     string // canonical spelling, as Octopus documents it
	min, max int    // bounds on the number of arguments
	fn       func(in string, args []string, env filterEnv) (string, error)
	cost     func(in string) int // extra work units beyond reading the input, when not linear; nil for none
}

// filterEnv is what a pure filter may read besides its input and arguments.
type filterEnv struct {
	now    time.Time // the time of NowDate and NowDateUtc; zero and hasNow false when none was given
	hasNow bool
	max    int // the most bytes the output may have; fn returns errFilterTooLarge past it
}

// filterError is a bad argument (arg is its 0-based index) or an input the filter cannot take (arg -1); want says what was expected.
type filterError struct {
	arg  int
	want string
}

func (e *filterError) Error() string { return "not " + e.want }

// errFilterTooLarge: the output would pass filterEnv.max. errNoTime: the filter needs a time and none was given (the binding stays unresolved).
var errFilterTooLarge = errors.New("filter output too large")
var errNoTime = errors.New("no time given")

// octoFilters maps a lower-cased filter name to its filter.
var octoFilters = map[string]octoFilter{
	"md5":    octoDef("MD5", 0, 2, octoHash(md5.New)),
	"sha1":   octoDef("SHA1", 0, 2, octoHash(sha1.New)),
	"sha256": octoDef("SHA256", 0, 2, octoHash(sha256.New)),
	"sha384": octoDef("SHA384", 0, 2, octoHash(sha512.New384)),
	"sha512": octoDef("SHA512", 0, 2, octoHash(sha512.New)),

	"versionmajor":             octoDef("VersionMajor", 0, 0, octoVersionPart(octoMajor)),
	"versionminor":             octoDef("VersionMinor", 0, 0, octoVersionPart(octoMinor)),
	"versionpatch":             octoDef("VersionPatch", 0, 0, octoVersionPart(octoPatch)),
	"versionrevision":          octoDef("VersionRevision", 0, 0, octoVersionPart(octoRevision)),
	"versionprerelease":        octoDef("VersionPreRelease", 0, 0, octoVersionPart(octoPre)),
	"versionprereleaseprefix":  octoDef("VersionPreReleasePrefix", 0, 0, octoVersionPart(octoPrePrefix)),
	"versionprereleasecounter": octoDef("VersionPreReleaseCounter", 0, 0, octoVersionPart(octoPreCounter)),
	"versionmetadata":          octoDef("VersionMetadata", 0, 0, octoVersionPart(octoMeta)),

	"uripart": octoDef("UriPart", 1, 1, octoURIPart),
	"indent":  octoDef("Indent", 0, 2, octoIndent),

	"startswith": octoDef("StartsWith", 1, 1, octoCompare(strings.HasPrefix)),
	"endswith":   octoDef("EndsWith", 1, 1, octoCompare(strings.HasSuffix)),
	"contains":   octoDef("Contains", 1, 1, octoCompare(strings.Contains)),

	"format":     octoDef("Format", 1, 2, octoFormat),
	"addhours":   octoDef("AddHours", 1, 1, octoAddSpan(octoTicksPerHour)),
	"adddays":    octoDef("AddDays", 1, 1, octoAddSpan(24*octoTicksPerHour)),
	"nowdate":    octoDef("NowDate", 0, 1, octoNow(false)),
	"nowdateutc": octoDef("NowDateUtc", 0, 1, octoNow(true)),

	"append":  octoDef("Append", 1, math.MaxInt, octoAppend(false)),
	"prepend": octoDef("Prepend", 1, math.MaxInt, octoAppend(true)),
	"null":    octoDef("Null", 0, 0, func(string, []string, filterEnv) (string, error) { return "", nil }),

	"markdown":       octoCosted(octoDef("Markdown", 0, 0, octoMarkdown), octoMarkdownCost),
	"markdowntohtml": octoCosted(octoDef("MarkdownToHtml", 0, 0, octoMarkdown), octoMarkdownCost),

	"propertieskeyescape":   octoDef("PropertiesKeyEscape", 0, 0, octoEscaper(octoPropertiesKey)),
	"propertiesvalueescape": octoDef("PropertiesValueEscape", 0, 0, octoEscaper(octoPropertiesValue)),
	"yamlsinglequoteescape": octoDef("YamlSingleQuoteEscape", 0, 0, octoYamlSingle),
	"yamldoublequoteescape": octoDef("YamlDoubleQuoteEscape", 0, 0, octoEscaper(octoYamlDouble)),
	"xmlescape":             octoDef("XmlEscape", 0, 0, octoEscaper(octoXML)),
	"uridataescape":         octoDef("UriDataEscape", 0, 0, octoURIData),
}

type octoFunc = func(in string, args []string, env filterEnv) (string, error)

// octoDef builds a table entry whose function first checks the number of arguments, so that no
// filter ever sees a count outside its bounds, and then checks the size of the output.
func octoDef(name string, min, max int, fn octoFunc) octoFilter {
	return octoFilter{name: name, min: min, max: max, fn: func(in string, args []string, env filterEnv) (string, error) {
		if len(args) < min {
			return "", &filterError{arg: len(args), want: "given (" + name + " needs " + octoCount(min) + ")"}
		}
		if len(args) > max {
			return "", &filterError{arg: max, want: "expected (" + name + " takes at most " + octoCount(max) + ")"}
		}
		out, err := fn(in, args, env)
		if err != nil {
			return "", err
		}
		if len(out) > env.max {
			return "", errFilterTooLarge
		}
		return out, nil
	}}
}

// octoCosted sets the extra work of a filter whose work is not linear in its input.
func octoCosted(f octoFilter, cost func(string) int) octoFilter {
	f.cost = cost
	return f
}

func octoCount(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return strconv.Itoa(n) + " arguments"
}

// octoBuilder is a strings.Builder that refuses to grow past a limit, so that a filter never
// holds more than the output limit in memory.
type octoBuilder struct {
	b    strings.Builder
	max  int
	over bool
}

func (b *octoBuilder) room(n int) bool {
	if b.over || n > b.max-b.b.Len() {
		b.over = true
		return false
	}
	return true
}

func (b *octoBuilder) WriteString(s string) {
	if b.room(len(s)) {
		b.b.WriteString(s)
	}
}

func (b *octoBuilder) addByte(c byte) {
	if b.room(1) {
		b.b.WriteByte(c)
	}
}

func (b *octoBuilder) Write(p []byte) (int, error) {
	if !b.room(len(p)) {
		return 0, errFilterTooLarge
	}
	return b.b.Write(p)
}

func (b *octoBuilder) result() (string, error) {
	if b.over {
		return "", errFilterTooLarge
	}
	return b.b.String(), nil
}

// ---- integers as .NET's int.TryParse reads them (invariant culture)

// octoIsSpace reports whether r is white space as .NET's number parsing and regular expressions
// see it.
func octoIsSpace(r rune) bool {
	return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || unicode.Is(unicode.Zs, r) || r == 0x2028 || r == 0x2029
}

// octoInt reads a 32-bit integer: optional white space, an optional sign, ASCII digits.
func octoInt(s string) (int, bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r == ' ' || (r >= '\t' && r <= '\r') })
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	n := int64(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
		if n > math.MaxInt32+1 {
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	if n > math.MaxInt32 || n < math.MinInt32 {
		return 0, false
	}
	return int(n), true
}

// ---- hashes

// octoHash is MD5, SHA1, ...: the lower-case hex digest of the input's bytes. The optional
// arguments, in either order, are an encoding (utf8 or utf-8 by default, unicode for UTF-16LE,
// base64 to hash the bytes the input decodes to) and a positive digest size in bytes that keeps
// only the first bytes of the digest.
func octoHash(newHash func() hash.Hash) octoFunc {
	return func(in string, args []string, _ filterEnv) (string, error) {
		enc, size := "utf8", 0
		encArg := -1
		if len(args) > 0 {
			if n, ok := octoInt(args[0]); ok && n > 0 {
				size = n
				if len(args) > 1 {
					encArg = 1
				}
			} else {
				encArg = 0
				if len(args) > 1 {
					n, ok := octoInt(args[1])
					if !ok || n <= 0 {
						if !octoHashEncoding(args[0]) {
							return "", &filterError{arg: 0, want: "a positive digest size or an encoding (utf8, unicode, base64)"}
						}
						return "", &filterError{arg: 1, want: "a positive digest size"}
					}
					size = n
				}
			}
		}
		if encArg >= 0 {
			if !octoHashEncoding(args[encArg]) {
				want := "an encoding (utf8, unicode, base64)"
				if encArg == 0 {
					want = "a positive digest size or " + want
				}
				return "", &filterError{arg: encArg, want: want}
			}
			enc = strings.ToLower(args[encArg])
		}
		h := newHash()
		switch enc {
		case "unicode":
			var buf [2]byte
			for _, r := range in {
				units, n := octoUTF16(r)
				for _, u := range units[:n] {
					buf[0], buf[1] = byte(u), byte(u>>8)
					h.Write(buf[:])
				}
			}
		case "base64":
			b, ok := octoBase64(in)
			if !ok {
				return "", &filterError{arg: -1, want: "base64 text"}
			}
			h.Write(b)
		default:
			h.Write([]byte(in))
		}
		sum := h.Sum(nil)
		if size > 0 && size < len(sum) {
			sum = sum[:size]
		}
		return hex.EncodeToString(sum), nil
	}
}

func octoHashEncoding(s string) bool {
	switch strings.ToLower(s) {
	case "utf8", "utf-8", "unicode", "base64":
		return true
	}
	return false
}

// octoUTF16 is the UTF-16 code units of r (U+FFFD for an invalid byte, as Go decodes it).
func octoUTF16(r rune) (units [2]uint16, n int) {
	if r >= 0x10000 {
		a, b := utf16.EncodeRune(r)
		return [2]uint16{uint16(a), uint16(b)}, 2
	}
	return [2]uint16{uint16(r)}, 1
}

// octoBase64 decodes standard padded base64, ignoring white space as .NET's Convert does.
func octoBase64(s string) ([]byte, bool) {
	if strings.ContainsAny(s, " \t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
				return -1
			}
			return r
		}, s)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	return b, err == nil
}

// ---- versions as Octopus parses them

type octoVersionField int

const (
	octoMajor octoVersionField = iota
	octoMinor
	octoPatch
	octoRevision
	octoPre
	octoPrePrefix
	octoPreCounter
	octoMeta
)

// octoVersionRE is Octopus's lenient version grammar: an optional block of up to four
// dot-separated numbers (with an optional v before them and white space tolerated around them),
// an optional separator, a pre-release made of a prefix and, after a separator, a counter, and
// metadata after a plus. Go's leftmost-first matching picks the same groups a backtracking
// engine would, and runs in linear time.
var octoVersionRE = func() *regexp.Regexp {
	ws := `[\t\n\v\f\r \x{85}\p{Z}]*`
	num := `[0-9]+`
	sep := `[._\\-]`
	numbers := `(?:` + ws + `[vV]?` + ws + `(` + num + `)` + ws +
		`(?:\.` + ws + `(` + num + `)` + ws + `)?` +
		`(?:\.` + ws + `(` + num + `)` + ws + `)?` +
		`(?:\.` + ws + `(` + num + `)` + ws + `)?)?`
	pre := `(?:` + sep + `)?((` + `[A-Za-z0-9]*?` + `)(?:` + sep + `([A-Za-z0-9._\\-]*?)?)?)?`
	meta := `(?:\+([A-Za-z0-9._\\+-]*?))?`
	return regexp.MustCompile(`^` + ws + numbers + pre + meta + ws + `$`)
}()

// octoVersionPart is one of the Version filters: the input read as a version, and one of its
// parts (numbers missing from the input are 0, text parts missing are empty).
func octoVersionPart(f octoVersionField) octoFunc {
	return func(in string, _ []string, _ filterEnv) (string, error) {
		if strings.TrimFunc(in, octoIsSpace) == "" {
			return "", &filterError{arg: -1, want: "a version"}
		}
		m := octoVersionRE.FindStringSubmatch(in)
		if m == nil {
			return "", &filterError{arg: -1, want: "a version"}
		}
		if f <= octoRevision {
			s := m[1+int(f)]
			if s == "" {
				return "0", nil
			}
			n, err := strconv.ParseInt(s, 10, 32)
			if err != nil {
				return "", &filterError{arg: -1, want: "a version whose numbers fit in 32 bits"}
			}
			return strconv.FormatInt(n, 10), nil
		}
		return m[1+int(f)], nil
	}
}

// ---- comparisons

// octoCompare is StartsWith, EndsWith or Contains: an ordinal, case-sensitive test printed as
// true or false.
func octoCompare(test func(s, sub string) bool) octoFunc {
	return func(in string, args []string, _ filterEnv) (string, error) {
		return strconv.FormatBool(test(in, args[0])), nil
	}
}

// ---- Append, Prepend

func octoAppend(before bool) octoFunc {
	return func(in string, args []string, env filterEnv) (string, error) {
		n := len(in)
		for _, a := range args {
			if len(a) > env.max-n {
				return "", errFilterTooLarge
			}
			n += len(a)
		}
		var b strings.Builder
		b.Grow(n)
		if !before {
			b.WriteString(in)
		}
		for _, a := range args {
			b.WriteString(a)
		}
		if before {
			b.WriteString(in)
		}
		return b.String(), nil
	}
}

// ---- Indent

// octoIndent prefixes the first line with an initial indent and every following line with a
// subsequent indent. No argument: four spaces each. One argument: N (0..255) spaces each, I/S
// for I spaces first and S spaces after, /S for nothing first and S spaces after, or any other
// text used as both indents. Two arguments: the initial and the subsequent indent as text.
func octoIndent(in string, args []string, env filterEnv) (string, error) {
	if in == "" {
		return "", nil
	}
	first, rest := "    ", "    "
	switch len(args) {
	case 1:
		first, rest = octoIndentSizes(args[0])
	case 2:
		first, rest = args[0], args[1]
	}
	lines := strings.Count(in, "\n")
	total := len(first) + len(in)
	if len(rest) > 0 && lines > (env.max-total)/len(rest) || total > env.max {
		return "", errFilterTooLarge
	}
	total += lines * len(rest)
	var b strings.Builder
	b.Grow(total)
	b.WriteString(first)
	for {
		i := strings.IndexByte(in, '\n')
		if i < 0 {
			b.WriteString(in)
			break
		}
		b.WriteString(in[:i+1])
		b.WriteString(rest)
		in = in[i+1:]
	}
	return b.String(), nil
}

var octoIndentRE = regexp.MustCompile(`^(?:([0-9]{1,3})?(/))?([0-9]{1,3})$`)

// octoIndentSizes reads the one-argument form of Indent.
func octoIndentSizes(a string) (first, rest string) {
	m := octoIndentRE.FindStringSubmatch(strings.TrimSuffix(a, "\n"))
	if m != nil {
		s, errS := strconv.ParseUint(m[3], 10, 8)
		switch {
		case m[2] == "" && errS == nil:
			return strings.Repeat(" ", int(s)), strings.Repeat(" ", int(s))
		case m[2] != "" && m[1] == "" && errS == nil:
			return "", strings.Repeat(" ", int(s))
		case m[2] != "" && errS == nil:
			if f, err := strconv.ParseUint(m[1], 10, 8); err == nil {
				return strings.Repeat(" ", int(f)), strings.Repeat(" ", int(s))
			}
		}
	}
	return a, a
}

// ---- escapes

// octoEscaper applies a per-character escape; i is the index of the character in UTF-16 code
// units, as .NET counts it.
func octoEscaper(esc func(b *octoBuilder, r rune, i int)) octoFunc {
	return func(in string, _ []string, env filterEnv) (string, error) {
		b := &octoBuilder{max: env.max}
		if env.max > 0 {
			b.b.Grow(min(len(in), env.max))
		}
		i := 0
		for j, r := range in {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(in[j:]); size == 1 {
					r = unicode.ReplacementChar
				}
			}
			esc(b, r, i)
			if b.over {
				return "", errFilterTooLarge
			}
			_, n := octoUTF16(r)
			i += n
		}
		return b.result()
	}
}

func octoWriteRune(b *octoBuilder, r rune) {
	if b.room(utf8.RuneLen(r)) {
		b.b.WriteRune(r)
	}
}

// octoUEscape writes r as \uXXXX escapes, one per UTF-16 code unit.
func octoUEscape(b *octoBuilder, r rune) {
	units, n := octoUTF16(r)
	for _, u := range units[:n] {
		b.WriteString(`\u`)
		b.addByte(octoLowerHex[u>>12&0xF])
		b.addByte(octoLowerHex[u>>8&0xF])
		b.addByte(octoLowerHex[u>>4&0xF])
		b.addByte(octoLowerHex[u&0xF])
	}
}

const octoLowerHex = "0123456789abcdef"
const octoUpperHex = "0123456789ABCDEF"

// octoBackslashEscape writes a backslash, carriage return, line feed or tab as a backslash
// escape, and reports whether r was one of them.
func octoBackslashEscape(b *octoBuilder, r rune) bool {
	switch r {
	case '\\':
		b.WriteString(`\\`)
	case '\r':
		b.WriteString(`\r`)
	case '\n':
		b.WriteString(`\n`)
	case '\t':
		b.WriteString(`\t`)
	default:
		return false
	}
	return true
}

func octoPropertiesCommon(b *octoBuilder, r rune) {
	switch {
	case octoBackslashEscape(b, r):
	case r < 0xFF:
		octoWriteRune(b, r)
	default:
		octoUEscape(b, r)
	}
}

func octoPropertiesKey(b *octoBuilder, r rune, _ int) {
	switch r {
	case ' ', ':', '=':
		b.addByte('\\')
		b.addByte(byte(r))
	default:
		octoPropertiesCommon(b, r)
	}
}

func octoPropertiesValue(b *octoBuilder, r rune, i int) {
	if r == ' ' && i == 0 {
		b.WriteString(`\ `)
		return
	}
	octoPropertiesCommon(b, r)
}

func octoYamlDouble(b *octoBuilder, r rune, _ int) {
	switch {
	case octoBackslashEscape(b, r):
	case r == '"':
		b.WriteString(`\"`)
	case r >= 0x20 && r <= 0x7E:
		b.addByte(byte(r))
	default:
		octoUEscape(b, r)
	}
}

func octoXML(b *octoBuilder, r rune, _ int) {
	switch r {
	case '&':
		b.WriteString("&amp;")
	case '<':
		b.WriteString("&lt;")
	case '>':
		b.WriteString("&gt;")
	case '"':
		b.WriteString("&quot;")
	case '\'':
		b.WriteString("&apos;")
	default:
		octoWriteRune(b, r)
	}
}

// octoYamlSingle escapes for a single-quoted YAML scalar: a quote is doubled, and every run of
// line breaks gets one more line break (YAML folds a single line break into a space), \r\n
// when the run starts with \r.
func octoYamlSingle(in string, _ []string, env filterEnv) (string, error) {
	b := &octoBuilder{max: env.max}
	for i := 0; i < len(in); {
		c := in[i]
		if c == '\'' {
			b.WriteString("''")
			i++
			continue
		}
		if c == '\n' || (c == '\r' && i+1 < len(in) && in[i+1] == '\n') {
			j := i
			for j < len(in) {
				if in[j] == '\n' {
					j++
				} else if in[j] == '\r' && j+1 < len(in) && in[j+1] == '\n' {
					j += 2
				} else {
					break
				}
			}
			if c == '\r' {
				b.WriteString("\r\n")
			} else {
				b.addByte('\n')
			}
			b.WriteString(in[i:j])
			i = j
			continue
		}
		b.addByte(c)
		i++
		if b.over {
			break
		}
	}
	return b.result()
}

// octoURIData is .NET's Uri.EscapeDataString: every byte but the unreserved characters of RFC
// 3986 (letters, digits, - . _ ~) is percent-encoded with upper-case hex.
func octoURIData(in string, _ []string, env filterEnv) (string, error) {
	b := &octoBuilder{max: env.max}
	for i := 0; i < len(in) && !b.over; i++ {
		c := in[i]
		if octoUnreserved(c) {
			b.addByte(c)
			continue
		}
		b.addByte('%')
		b.addByte(octoUpperHex[c>>4])
		b.addByte(octoUpperHex[c&0xF])
	}
	return b.result()
}

func octoUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// ---- Markdown

// octoMarkdownEngine is CommonMark with pipe tables, strikethrough and bare links turned into
// links. Raw HTML in the input is left out of the output (goldmark's default), and links with
// dangerous schemes such as javascript: are dropped.
var octoMarkdownEngine = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))

// octoMarkdownCost is the work, in units, that the Markdown parser may do on in beyond reading
// it once. Two of its steps rescan a line: every container marker opening a line (">", a
// bullet, an ordered-list number) makes the parser walk the blocks already open on that line,
// and every link destination it tries ("](") is read up to the end of the line when it fails.
// A line therefore costs its length times the number of such markers and destinations in it,
// one unit per 16 bytes as filters are charged: nothing for ordinary text, and too much for
// a megabyte-long line of ">" or "[a](", which the parser takes minutes over. A table row
// has a cell for every column of its header, about 16 units each. Every byte costs four units
// more, the most the parser spends on a byte of text dense in inline markup.
func octoMarkdownCost(in string) int {
	// Parsing and rendering take up to a microsecond a byte on inputs dense in emphasis and
	// inline markup: four units a byte.
	cost, cols := 4*len(in), 0
	for len(in) > 0 {
		line := in
		if i := strings.IndexByte(in, '\n'); i >= 0 {
			line, in = in[:i], in[i+1:]
		} else {
			in = ""
		}
		k := strings.Count(line, "](") + octoContainerMarkers(line)
		cost += len(line) / 16 * k
		// A table row gets as many cells as its header has columns, whatever its length:
		// every line of a block costs the most columns a line of that block has had.
		if strings.TrimSpace(line) == "" {
			cols = 0
		}
		cols = max(cols, strings.Count(line, "|"))
		cost += cols * 16
		if cost > 1<<40 {
			break
		}
	}
	return cost
}

// octoContainerMarkers counts the block-quote and list markers that open line.
func octoContainerMarkers(line string) int {
	m := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			m++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			m++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				m++
				i = j + 1
				continue
			}
			return m
		default:
			return m
		}
	}
	return m
}

func octoMarkdown(in string, _ []string, env filterEnv) (string, error) {
	b := &octoBuilder{max: env.max}
	if err := octoMarkdownEngine.Convert([]byte(strings.TrimSpace(in)), b); err != nil || b.over {
		return "", errFilterTooLarge
	}
	b.addByte('\n')
	return b.result()
}

// ---- UriPart

// octoURI is a URI read the way .NET's System.Uri reads it, as far as UriPart needs.
type octoURI struct {
	absolute  bool
	scheme    string
	authority bool   // the URI has a // authority part
	userInfo  string // escaped
	host      string // lower-cased; IPv6 with its brackets
	port      int    // -1 when none is given and the scheme has no default
	explicit  bool   // the port was written
	path      string // escaped, dot segments removed
	query     string // with its ?, escaped
	fragment  string // with its #, escaped
}

var octoDefaultPorts = map[string]int{
	"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "sftp": 22, "ssh": 22, "telnet": 23,
	"gopher": 70, "nntp": 119, "ldap": 389, "mailto": 25, "net.tcp": 808, "news": -1, "file": -1,
}

// octoHasScheme reports whether s starts with a URI scheme and a colon: a letter, then
// letters, digits, +, . or -.
func octoHasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case octoIsLetter(c):
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// octoParseURI reads s as an absolute or relative URI. ok is false when it is neither.
func octoParseURI(s string) (u octoURI, ok bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || octoIsSpace(r) })
	u.port = -1
	switch {
	case len(s) >= 2 && octoIsLetter(s[0]) && s[1] == ':' && (len(s) == 2 || s[2] == '/' || s[2] == '\\'):
		// A Windows path names a file.
		u.absolute, u.scheme, u.authority = true, "file", true
		u.path = octoCleanPath(octoEscapeURIPart("/"+strings.ReplaceAll(s, `\`, "/")), true)
		return u, true
	case strings.HasPrefix(s, `\\`):
		s = "file:" + strings.ReplaceAll(s, `\`, "/")
	case !octoHasScheme(s):
		return octoURI{}, !strings.ContainsAny(s, "\x00")
	}
	i := strings.IndexByte(s, ':')
	u.absolute, u.scheme = true, strings.ToLower(s[:i])
	rest := s[i+1:]
	special := u.scheme == "http" || u.scheme == "https" || u.scheme == "file" || u.scheme == "ftp" || u.scheme == "ws" || u.scheme == "wss"
	if special {
		rest = strings.ReplaceAll(rest, `\`, "/")
	}
	if p, ok := octoDefaultPorts[u.scheme]; ok {
		u.port = p
	}
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		u.fragment = "#" + octoEscapeURIPart(rest[j+1:])
		rest = rest[:j]
	}
	if j := strings.IndexByte(rest, '?'); j >= 0 {
		u.query = "?" + octoEscapeURIPart(rest[j+1:])
		rest = rest[:j]
	}
	if strings.HasPrefix(rest, "//") {
		u.authority = true
		rest = rest[2:]
		end := strings.IndexByte(rest, '/')
		if end < 0 {
			end = len(rest)
		}
		auth := rest[:end]
		rest = rest[end:]
		if at := strings.LastIndexByte(auth, '@'); at >= 0 {
			u.userInfo = octoEscapeURIPart(auth[:at])
			auth = auth[at+1:]
		}
		host := auth
		if strings.HasPrefix(auth, "[") {
			k := strings.IndexByte(auth, ']')
			if k < 0 {
				return octoURI{}, false
			}
			host, auth = auth[:k+1], auth[k+1:]
			if auth != "" && auth[0] != ':' {
				return octoURI{}, false
			}
		} else if k := strings.LastIndexByte(auth, ':'); k >= 0 {
			host, auth = auth[:k], auth[k:]
		} else {
			auth = ""
		}
		if auth != "" {
			if auth == ":" {
				// An empty port means the default one.
			} else {
				p, err := strconv.Atoi(auth[1:])
				if err != nil || p < 0 || p > 65535 || auth[1] == '+' || auth[1] == '-' {
					return octoURI{}, false
				}
				u.port, u.explicit = p, true
			}
		}
		if host == "" && u.scheme != "file" {
			return octoURI{}, false
		}
		if strings.ContainsAny(host, " <>\"{}|^`%") && !strings.HasPrefix(host, "[") {
			return octoURI{}, false
		}
		u.host = strings.ToLower(host)
		if u.scheme == "file" && u.host != "" && len(u.host) == 2 && u.host[1] == ':' {
			// file://C:/x names a drive, not a host.
			rest = "/" + strings.ToUpper(u.host[:1]) + ":" + rest
			u.host = ""
		}
	}
	u.path = octoEscapeURIPart(rest)
	if special || u.authority {
		u.path = octoCleanPath(u.path, special)
	}
	return u, true
}

func octoIsLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// octoEscapeURIPart percent-encodes the characters a URI may not hold as they are, keeping
// valid escapes.
func octoEscapeURIPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && octoIsHex(s[i+1]) && octoIsHex(s[i+2]):
			b.WriteByte(c)
		case c <= ' ' || c >= 0x7F || strings.IndexByte("\"<>\\^`{|}%", c) >= 0:
			b.WriteByte('%')
			b.WriteByte(octoUpperHex[c>>4])
			b.WriteByte(octoUpperHex[c&0xF])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func octoIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// octoCleanPath removes . and .. segments; a hierarchical URI's empty path is /.
func octoCleanPath(p string, hierarchical bool) string {
	if p == "" {
		if hierarchical {
			return "/"
		}
		return ""
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// octoUnescape decodes %XX escapes; bytes that do not form valid UTF-8 stay escaped.
func octoUnescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && octoIsHex(s[i+1]) && octoIsHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

func (u octoURI) hostType() string {
	h := u.host
	switch {
	case !u.authority:
		return "Unknown"
	case h == "":
		return "Basic"
	case strings.HasPrefix(h, "["):
		return "IPv6"
	case octoIsIPv4(h):
		return "IPv4"
	case octoIsDNS(h):
		return "Dns"
	}
	return "Basic"
}

func octoIsIPv4(h string) bool {
	parts := strings.Split(h, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || p == "" || p[0] == '+' || p[0] == '-' {
			return false
		}
	}
	return true
}

func octoIsDNS(h string) bool {
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(octoIsLetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 0x80) {
				return false
			}
		}
	}
	return true
}

func (u octoURI) defaultPort() bool {
	if !u.explicit {
		return true
	}
	p, ok := octoDefaultPorts[u.scheme]
	return ok && p == u.port
}

func (u octoURI) portSuffix() string {
	if u.defaultPort() || u.port < 0 {
		return ""
	}
	return ":" + strconv.Itoa(u.port)
}

func (u octoURI) server() string {
	if !u.authority {
		return ""
	}
	return u.host + u.portSuffix()
}

func (u octoURI) localPath() string {
	if u.scheme != "file" {
		return octoUnescape(u.path)
	}
	p := octoUnescape(u.path)
	if u.host != "" {
		return `\\` + u.host + strings.ReplaceAll(p, "/", `\`)
	}
	if len(p) >= 3 && p[0] == '/' && octoIsLetter(p[1]) && p[2] == ':' {
		return strings.ReplaceAll(p[1:], "/", `\`)
	}
	return p
}

// octoURIParts maps the lower-cased part names of UriPart to their readers; each takes an
// absolute URI.
var octoURIParts = map[string]func(u octoURI) string{
	"absolutepath": func(u octoURI) string { return u.path },
	"absoluteuri": func(u octoURI) string {
		s := u.scheme + ":"
		if u.authority {
			s += "//"
			if u.userInfo != "" {
				s += u.userInfo + "@"
			}
			s += u.server()
		}
		return s + u.path + u.query + u.fragment
	},
	"authority":   func(u octoURI) string { return u.server() },
	"dnssafehost": func(u octoURI) string { return strings.TrimSuffix(strings.TrimPrefix(u.host, "["), "]") },
	"fragment":    func(u octoURI) string { return u.fragment },
	"host":        func(u octoURI) string { return u.host },
	"hostandport": func(u octoURI) string {
		if u.port < 0 {
			return u.host
		}
		return u.host + ":" + strconv.Itoa(u.port)
	},
	"hostnametype":  octoURI.hostType,
	"isabsoluteuri": func(octoURI) string { return "true" },
	"isdefaultport": func(u octoURI) string { return strconv.FormatBool(u.defaultPort()) },
	"isfile":        func(u octoURI) string { return strconv.FormatBool(u.scheme == "file") },
	"isloopback": func(u octoURI) string {
		h := strings.Trim(u.host, "[]")
		loop := h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.") && octoIsIPv4(h) ||
			u.scheme == "file" && h == ""
		return strconv.FormatBool(loop)
	},
	"isunc":           func(u octoURI) string { return strconv.FormatBool(u.scheme == "file" && u.host != "") },
	"path":            octoURI.localPath,
	"pathandquery":    func(u octoURI) string { return u.path + u.query },
	"port":            func(u octoURI) string { return strconv.Itoa(u.port) },
	"query":           func(u octoURI) string { return u.query },
	"scheme":          func(u octoURI) string { return u.scheme },
	"schemeandserver": func(u octoURI) string { return octoUnescape(u.scheme + "://" + u.server()) },
	"userinfo":        func(u octoURI) string { return u.userInfo },
}

// octoURIPart is UriPart: one part of the input read as a URI, named by the argument
// (case-insensitive). A relative URI only answers IsAbsoluteUri.
func octoURIPart(in string, args []string, _ filterEnv) (string, error) {
	part, ok := octoURIParts[strings.ToLower(args[0])]
	if !ok {
		return "", &filterError{arg: 0, want: "a URI part (AbsolutePath, AbsoluteUri, Authority, DnsSafeHost, Fragment, Host, HostAndPort, HostNameType, IsAbsoluteUri, IsDefaultPort, IsFile, IsLoopback, IsUnc, Path, PathAndQuery, Port, Query, Scheme, SchemeAndServer, UserInfo)"}
	}
	u, ok := octoParseURI(in)
	if !ok {
		return "", &filterError{arg: -1, want: "a URI"}
	}
	if !u.absolute {
		if strings.EqualFold(args[0], "isabsoluteuri") {
			return "false", nil
		}
		return "", &filterError{arg: -1, want: "an absolute URI"}
	}
	return part(u), nil
}

// ---- dates

const (
	octoTicksPerSecond = int64(10_000_000)
	octoTicksPerHour   = 3600 * octoTicksPerSecond
)

type octoKind uint8

const (
	octoUnspecified octoKind = iota // a wall-clock time with no zone
	octoUTC                         // a DateTime in UTC
	octoLocal                       // a DateTime in the local zone (UTC here: the library has no zone)
	octoOffset                      // a DateTimeOffset
)

// octoDate is a .NET DateTime or DateTimeOffset: a wall-clock time (held as a UTC time.Time
// whose fields are the wall-clock fields), its kind, and for octoOffset its offset.
type octoDate struct {
	wall time.Time
	kind octoKind
	off  int // seconds east of UTC
}

var (
	octoMinDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	octoMaxDate = time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC)
)

func (d octoDate) valid() bool {
	return !d.wall.Before(octoMinDate) && !d.wall.After(octoMaxDate)
}

var octoMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var octoDays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// octoDateRE reads the date forms .NET's invariant culture parses: year-month-day (with -, / or
// .), month/day/year, day month-name year, month-name day year, each with an optional day name
// before, an optional time (hours:minutes, seconds, fraction, AM/PM) and an optional zone (Z,
// GMT, UTC or an offset).
var octoDateRE = func() *regexp.Regexp {
	day := `(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?`
	mon := `((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)`
	ymd := `(\d{4})([-/.])(\d{1,2})[-/.](\d{1,2})`
	mdy := `(\d{1,2})([-/.])(\d{1,2})[-/.](\d{2}|\d{4})`
	dmy := `(\d{1,2})[\s\-]*` + mon + `[\s\-,]*(\d{4})`
	mdy2 := mon + `\s*(\d{1,2}),?\s*(\d{4})`
	tm := `(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*((?i:AM|PM))?)?`
	zone := `\s*((?i:Z|GMT|UTC)|[+-]\d{1,2}(?::?\d{2})?)?`
	return regexp.MustCompile(`^\s*` + day + `(?:` + ymd + `|` + mdy + `|` + dmy + `|` + mdy2 + `)` + tm + zone + `\s*$`)
}()

// octoParseDate reads text as DateTime.TryParse or DateTimeOffset.TryParse read it with the
// invariant culture. A time with no zone is unspecified; Z, GMT or UTC is UTC; an offset is
// kept.
func octoParseDate(s string) (octoDate, bool) {
	if len(s) > 200 {
		return octoDate{}, false
	}
	m := octoDateRE.FindStringSubmatch(s)
	if m == nil {
		return octoDate{}, false
	}
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var y, mo, d int
	switch {
	case m[1] != "":
		y, mo, d = atoi(m[1]), atoi(m[3]), atoi(m[4])
	case m[5] != "":
		mo, d, y = atoi(m[5]), atoi(m[7]), atoi(m[8])
		if len(m[8]) == 2 {
			y += 2000
			if y > 2049 {
				y -= 100
			}
		}
	case m[9] != "":
		d, mo, y = atoi(m[9]), octoMonth(m[10]), atoi(m[11])
	default:
		mo, d, y = octoMonth(m[12]), atoi(m[13]), atoi(m[14])
	}
	h, mi, sec, frac := atoi(m[15]), atoi(m[16]), atoi(m[17]), m[18]
	if m[19] != "" {
		if h < 1 || h > 12 {
			return octoDate{}, false
		}
		h %= 12
		if strings.EqualFold(m[19], "PM") {
			h += 12
		}
	}
	if mo < 1 || mo > 12 || d < 1 || d > octoDaysIn(y, mo) || y < 1 || h > 23 || mi > 59 || sec > 59 {
		return octoDate{}, false
	}
	ns := 0
	for i := 0; i < 9; i++ {
		ns *= 10
		if i < len(frac) {
			ns += int(frac[i] - '0')
		}
	}
	ns = ns / 100 * 100 // .NET keeps ticks of 100ns
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC)
	out := octoDate{wall: t}
	switch z := m[20]; {
	case z == "":
	case z[0] == '+' || z[0] == '-':
		digits := strings.ReplaceAll(z[1:], ":", "")
		var oh, om int
		if len(digits) <= 2 {
			oh = atoi(digits)
		} else {
			oh, om = atoi(digits[:len(digits)-2]), atoi(digits[len(digits)-2:])
		}
		if oh > 14 || om > 59 {
			return octoDate{}, false
		}
		out.kind, out.off = octoOffset, oh*3600+om*60
		if z[0] == '-' {
			out.off = -out.off
		}
	default:
		out.kind = octoUTC
	}
	return out, out.valid()
}

func octoMonth(s string) int {
	for i, name := range octoMonths {
		if len(s) >= 3 && strings.EqualFold(s[:3], name[:3]) {
			return i + 1
		}
	}
	return 0
}

func octoDaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// asOffset is the date as a DateTimeOffset: a DateTime with no zone or a local one is taken in
// the local zone, which is UTC.
func (d octoDate) asOffset() octoDate {
	if d.kind == octoOffset {
		return d
	}
	return octoDate{wall: d.wall, kind: octoOffset}
}

// asDateTime is the date as DateTime.TryParse gives it: a time with a zone becomes local.
func (d octoDate) asDateTime() octoDate {
	switch d.kind {
	case octoUTC:
		return octoDate{wall: d.wall, kind: octoLocal}
	case octoOffset:
		return octoDate{wall: d.wall.Add(-time.Duration(d.off) * time.Second), kind: octoLocal}
	}
	return d
}

// utc is the instant in UTC.
func (d octoDate) utc() time.Time {
	if d.kind == octoOffset {
		return d.wall.Add(-time.Duration(d.off) * time.Second)
	}
	return d.wall
}

// octoAddSpan is AddHours, AddDays, ...: the input date moved by a (possibly fractional,
// possibly negative) number of units of the given length in 100ns ticks, written in the
// round-trip format; a date with an offset keeps it, a UTC one keeps its Z.
func octoAddSpan(ticksPerUnit int64) octoFunc {
	return func(in string, args []string, env filterEnv) (string, error) {
		amount, ok := octoParseDouble(args[0])
		if !ok {
			return "", &filterError{arg: 0, want: "a number"}
		}
		d, ok := octoParseDate(in)
		if !ok {
			return "", &filterError{arg: -1, want: "a date"}
		}
		delta := amount * float64(ticksPerUnit)
		if math.IsNaN(delta) || math.Abs(delta) >= 4e18 {
			return "", &filterError{arg: 0, want: "an amount within the range of dates"}
		}
		ticks := octoTicks(d.wall) + int64(delta)
		if ticks < 0 || ticks > octoTicks(octoMaxDate) {
			return "", &filterError{arg: 0, want: "an amount within the range of dates"}
		}
		d.wall = time.Unix(ticks/octoTicksPerSecond-octoUnixToYear1, ticks%octoTicksPerSecond*100).UTC()
		return octoFormatDate(d, "O", env.max)
	}
}

// octoUnixToYear1 is the number of seconds from 0001-01-01 to 1970-01-01.
const octoUnixToYear1 = 62135596800

// octoTicks is t in .NET ticks: 100ns since 0001-01-01.
func octoTicks(t time.Time) int64 {
	return (t.Unix()+octoUnixToYear1)*octoTicksPerSecond + int64(t.Nanosecond()/100)
}

// octoNow is NowDate (the given time as a wall-clock time in its own zone) and NowDateUtc (the
// given time in UTC), written in the round-trip format or in the format of the argument.
func octoNow(utc bool) octoFunc {
	return func(_ string, args []string, env filterEnv) (string, error) {
		if !env.hasNow {
			return "", errNoTime
		}
		t := env.now
		d := octoDate{kind: octoUnspecified}
		if utc {
			t = t.UTC()
			d.kind = octoUTC
		}
		d.wall = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/100*100, time.UTC)
		if !d.valid() {
			return "", &filterError{arg: -1, want: "a time between the years 1 and 9999"}
		}
		format := "O"
		if len(args) == 1 {
			format = args[0]
		}
		out, err := octoFormatDate(d, format, env.max)
		if err != nil && err != errFilterTooLarge {
			return "", &filterError{arg: 0, want: "a date format"}
		}
		return out, err
	}
}

var errOctoFormat = errors.New("bad format")

// octoFormatDate writes d in a .NET standard or custom date format, invariant culture.
func octoFormatDate(d octoDate, format string, max int) (string, error) {
	if len(format) == 1 {
		switch format[0] {
		case 'd':
			format = "MM/dd/yyyy"
		case 'D':
			format = "dddd, dd MMMM yyyy"
		case 'f':
			format = "dddd, dd MMMM yyyy HH:mm"
		case 'F':
			format = "dddd, dd MMMM yyyy HH:mm:ss"
		case 'g':
			format = "MM/dd/yyyy HH:mm"
		case 'G':
			format = "MM/dd/yyyy HH:mm:ss"
		case 'M', 'm':
			format = "MMMM dd"
		case 'O', 'o':
			format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK"
		case 'R', 'r':
			d = octoDate{wall: d.utc(), kind: octoUnspecified}
			format = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'"
		case 's':
			format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
		case 't':
			format = "HH:mm"
		case 'T':
			format = "HH:mm:ss"
		case 'u':
			if d.kind == octoOffset {
				d = octoDate{wall: d.utc(), kind: octoUnspecified}
			}
			format = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'"
		case 'U':
			if d.kind == octoOffset {
				return "", errOctoFormat
			}
			d = octoDate{wall: d.utc(), kind: octoUTC}
			format = "dddd, dd MMMM yyyy HH:mm:ss"
		case 'Y', 'y':
			format = "yyyy MMMM"
		default:
			return "", errOctoFormat
		}
	}
	b := &octoBuilder{max: max}
	t := d.wall
	for i := 0; i < len(format) && !b.over; {
		c := format[i]
		n := 1
		// Quotes, escapes and '%' are read one at a time: counting a run of them would read
		// a long run again at each of its characters.
		for c != '\'' && c != '"' && c != '\\' && c != '%' && i+n < len(format) && format[i+n] == c {
			n++
		}
		switch c {
		case 'd':
			switch {
			case n <= 2:
				octoPad(b, t.Day(), n)
			case n == 3:
				b.WriteString(octoDays[t.Weekday()][:3])
			default:
				b.WriteString(octoDays[t.Weekday()])
			}
		case 'M':
			switch {
			case n <= 2:
				octoPad(b, int(t.Month()), n)
			case n == 3:
				b.WriteString(octoMonths[t.Month()-1][:3])
			default:
				b.WriteString(octoMonths[t.Month()-1])
			}
		case 'y':
			y := t.Year()
			if n <= 2 {
				y %= 100
			}
			octoPad(b, y, n)
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			octoPad(b, h, min(n, 2))
		case 'H':
			octoPad(b, t.Hour(), min(n, 2))
		case 'm':
			octoPad(b, t.Minute(), min(n, 2))
		case 's':
			octoPad(b, t.Second(), min(n, 2))
		case 'f', 'F':
			if n > 7 {
				return "", errOctoFormat
			}
			digits := strconv.Itoa(t.Nanosecond()/100 + 10_000_000)[1 : 1+n]
			if c == 'F' {
				digits = strings.TrimRight(digits, "0")
				if digits == "" && b.b.Len() > 0 && strings.HasSuffix(b.b.String(), ".") {
					s := b.b.String()
					b.b.Reset()
					b.b.WriteString(s[:len(s)-1])
				}
			}
			b.WriteString(digits)
		case 't':
			ampm := "AM"
			if t.Hour() >= 12 {
				ampm = "PM"
			}
			if n == 1 {
				ampm = ampm[:1]
			}
			b.WriteString(ampm)
		case 'g':
			b.WriteString("A.D.")
		case 'z':
			off := d.off
			if d.kind != octoOffset {
				off = 0
			}
			sign := byte('+')
			if off < 0 {
				sign, off = '-', -off
			}
			b.addByte(sign)
			switch n {
			case 1:
				b.WriteString(strconv.Itoa(off / 3600))
			case 2:
				octoPad(b, off/3600, 2)
			default:
				octoPad(b, off/3600, 2)
				b.addByte(':')
				octoPad(b, off%3600/60, 2)
			}
		case 'K':
			for k := 0; k < n; k++ {
				switch d.kind {
				case octoUTC:
					b.addByte('Z')
				case octoLocal:
					b.WriteString("+00:00")
				case octoOffset:
					off, sign := d.off, byte('+')
					if off < 0 {
						sign, off = '-', -off
					}
					b.addByte(sign)
					octoPad(b, off/3600, 2)
					b.addByte(':')
					octoPad(b, off%3600/60, 2)
				}
			}
		case ':':
			b.WriteString(strings.Repeat(":", n))
		case '/':
			b.WriteString(strings.Repeat("/", n))
		case '\'', '"':
			j := i + 1
			for j < len(format) && format[j] != c {
				if format[j] == '\\' && j+1 < len(format) {
					j++
				}
				j++
			}
			if j >= len(format) {
				return "", errOctoFormat
			}
			b.WriteString(strings.ReplaceAll(format[i+1:j], `\`, ""))
			i = j + 1
			continue
		case '\\':
			if i+1 >= len(format) {
				return "", errOctoFormat
			}
			b.addByte(format[i+1])
			i += 2
			continue
		case '%':
			if i+1 >= len(format) || format[i+1] == '%' {
				return "", errOctoFormat
			}
			i++
			continue
		default:
			b.WriteString(format[i : i+n])
		}
		i += n
	}
	return b.result()
}

// octoPad writes n with at least width digits.
func octoPad(b *octoBuilder, n, width int) {
	s := strconv.Itoa(n)
	if width > len(s) {
		if !b.room(width) {
			return
		}
		b.WriteString(strings.Repeat("0", width-len(s)))
	}
	b.WriteString(s)
}

// ---- numbers

// octoNum is a decimal number: 0.digits × 10^point, digits without leading zeros (none for
// zero). A decimal keeps the trailing zeros it was written with, as .NET's decimal does.
type octoNum struct {
	neg    bool
	digits []byte
	point  int
	kind   byte // 'm' decimal, 'd' double, 'i' int
	inf    int  // ±1 for an infinite double
	nan    bool
	scale  int // digits written after the point (a decimal shows them all)
}

// octoParseNumberText reads [ws][sign]digits[,digits...][.digits][e[sign]digits][sign][ws] as
// .NET's number styles allow it: exp for double, trailing sign for decimal, group separators
// for both.
func octoParseNumberText(s string, exp, trailingSign, groups, fraction bool) (octoNum, bool) {
	var n octoNum
	s = strings.TrimFunc(s, func(r rune) bool { return r == ' ' || (r >= '\t' && r <= '\r') })
	if s == "" {
		return n, false
	}
	if s[0] == '+' || s[0] == '-' {
		n.neg = s[0] == '-'
		s = s[1:]
	} else if trailingSign && (s[len(s)-1] == '+' || s[len(s)-1] == '-') {
		n.neg = s[len(s)-1] == '-'
		s = s[:len(s)-1]
	}
	i, seen, sawPoint := 0, false, false
	var all []byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			seen = true
			all = append(all, c)
			if !sawPoint {
				n.point++
			} else {
				n.scale++
			}
		case c == ',' && groups && !sawPoint && seen:
		case c == '.' && fraction && !sawPoint:
			sawPoint = true
		default:
			goto rest
		}
	}
rest:
	if !seen {
		return n, false
	}
	if i < len(s) {
		if !exp || (s[i] != 'e' && s[i] != 'E') {
			return n, false
		}
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || s[i+1] == ' ' {
			return n, false
		}
		switch {
		case e > 100000:
			n.inf, e = 1, 0
		case e < -100000:
			all, e = nil, 0
		}
		n.point += e
	}
	// Drop leading zeros.
	for len(all) > 0 && all[0] == '0' {
		all = all[1:]
		n.point--
	}
	n.digits = all
	return n, true
}

var octoMaxDecimal = octoNum{digits: []byte("79228162514264337593543950335"), point: 29}

// octoParseDecimal is decimal.TryParse with the invariant culture: at most 28 digits after the
// point, magnitude below 2^96.
func octoParseDecimal(s string) (octoNum, bool) {
	n, ok := octoParseNumberText(s, false, true, true, true)
	if !ok {
		return n, false
	}
	n.kind = 'm'
	if len(n.digits) == 0 {
		n.point = 0
		return n, true
	}
	if n.point > 29 || n.point == 29 && string(n.digits[:min(29, len(n.digits))]) > string(octoMaxDecimal.digits) {
		return n, false
	}
	if frac := len(n.digits) - n.point; frac > 28 {
		n = octoRound(n, 28)
	}
	if len(n.digits) > 29 {
		n = octoRound(n, 29-n.point)
	}
	return n, true
}

// octoParseDouble is double.TryParse with the invariant culture.
func octoParseDouble(s string) (float64, bool) {
	t := strings.TrimFunc(s, func(r rune) bool { return r == ' ' || (r >= '\t' && r <= '\r') })
	switch strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(t, "+"), "-")) {
	case "infinity", "∞":
		if strings.HasPrefix(t, "-") {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case "nan":
		return math.NaN(), true
	}
	n, ok := octoParseNumberText(s, true, false, true, true)
	if !ok {
		return 0, false
	}
	if n.inf != 0 {
		if n.neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	text := "0." + string(n.digits) + "e" + strconv.Itoa(n.point)
	if len(n.digits) == 0 {
		text = "0"
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	if n.neg {
		f = -f
	}
	return f, true
}

// octoDoubleNum is the exact decimal value of f, or its shortest round-trip form when short.
func octoDoubleNum(f float64, short bool) octoNum {
	n := octoNum{kind: 'd', neg: math.Signbit(f)}
	switch {
	case math.IsNaN(f):
		n.nan = true
		return n
	case math.IsInf(f, 0):
		n.inf = 1
		return n
	}
	prec := -1
	if !short {
		prec = 800
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', prec, 64)
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	digits = bytes.TrimRight(digits, "0")
	n.digits = digits
	n.point = exp + 1
	if len(digits) == 0 {
		n.point = 0
	}
	return n
}

// octoRound rounds n to frac digits after the point, half away from zero.
func octoRound(n octoNum, frac int) octoNum {
	keep := n.point + frac
	if keep >= len(n.digits) {
		return n
	}
	if keep < 0 {
		n.digits, n.point = nil, 0
		return n
	}
	up := n.digits[keep] >= '5'
	d := append([]byte(nil), n.digits[:keep]...)
	if up {
		i := len(d) - 1
		for ; i >= 0; i-- {
			if d[i] == '9' {
				d[i] = '0'
				continue
			}
			d[i]++
			break
		}
		if i < 0 {
			d = append([]byte{'1'}, d...)
			n.point++
		}
	}
	for len(d) > 0 && d[0] == '0' {
		d = d[1:]
		n.point--
	}
	n.digits = d
	if len(d) == 0 {
		n.point = 0
	}
	return n
}

// octoRoundSig rounds n to sig significant digits.
func octoRoundSig(n octoNum, sig int) octoNum {
	return octoRound(n, sig-n.point)
}

func (n octoNum) isZero() bool { return len(n.digits) == 0 }

// intDigits is the integer part's digits ("" for zero); fracDigits the fraction's, padded or
// cut to frac digits.
func (n octoNum) intDigits() string {
	if n.point <= 0 {
		return ""
	}
	if n.point >= len(n.digits) {
		return string(n.digits) + strings.Repeat("0", n.point-len(n.digits))
	}
	return string(n.digits[:n.point])
}

func (n octoNum) fracDigits(frac int) string {
	var b strings.Builder
	for i := 0; i < frac; i++ {
		k := n.point + i
		if k >= 0 && k < len(n.digits) {
			b.WriteByte(n.digits[k])
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

func octoGroup(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// octoFormat is Format: with one argument, the input as a decimal number or else as a date,
// written in that .NET format; with two, the first names the type to read the input as (Int32
// or Int, Double, Decimal, Date or DateTime, DateTimeOffset) and the second is the format.
// Numbers and dates are read and written with the invariant culture, except that the currency
// format C is en-US's.
func octoFormat(in string, args []string, env filterEnv) (string, error) {
	format, fArg := args[len(args)-1], len(args)-1
	var out string
	var err error
	if len(args) == 1 {
		if n, ok := octoParseDecimal(in); ok {
			out, err = octoFormatNumber(n, format, env.max)
		} else if d, ok := octoParseDate(in); ok {
			out, err = octoFormatDate(d.asOffset(), format, env.max)
		} else {
			return "", &filterError{arg: -1, want: "a number or a date"}
		}
	} else {
		switch strings.ToLower(args[0]) {
		case "int32", "int":
			i, ok := octoInt(in)
			if !ok {
				return "", &filterError{arg: -1, want: "a 32-bit integer"}
			}
			n, _ := octoParseNumberText(strconv.Itoa(i), false, false, false, false)
			n.kind = 'i'
			out, err = octoFormatNumber(n, format, env.max)
		case "double":
			f, ok := octoParseDouble(in)
			if !ok {
				return "", &filterError{arg: -1, want: "a number"}
			}
			out, err = octoFormatDouble(f, format, env.max)
		case "decimal":
			n, ok := octoParseDecimal(in)
			if !ok {
				return "", &filterError{arg: -1, want: "a decimal number"}
			}
			out, err = octoFormatNumber(n, format, env.max)
		case "date", "datetime":
			d, ok := octoParseDate(in)
			if !ok {
				return "", &filterError{arg: -1, want: "a date"}
			}
			out, err = octoFormatDate(d.asDateTime(), format, env.max)
		case "datetimeoffset":
			d, ok := octoParseDate(in)
			if !ok {
				return "", &filterError{arg: -1, want: "a date"}
			}
			out, err = octoFormatDate(d.asOffset(), format, env.max)
		default:
			return "", &filterError{arg: 0, want: "a type (Int32, Int, Double, Decimal, Date, DateTime, DateTimeOffset)"}
		}
	}
	if err == errOctoFormat {
		return "", &filterError{arg: fArg, want: "a format for this value"}
	}
	return out, err
}

func octoFormatDouble(f float64, format string, max int) (string, error) {
	if math.IsNaN(f) {
		return "NaN", nil
	}
	if math.IsInf(f, 0) {
		if f < 0 {
			return "-Infinity", nil
		}
		return "Infinity", nil
	}
	if format == "" || strings.EqualFold(format, "R") || strings.EqualFold(format, "G") {
		return octoFormatNumber(octoDoubleNum(f, true), "G", max)
	}
	n := octoDoubleNum(f, false)
	if !octoStandardFormat(format) {
		// Custom formats see a double rounded to 15 significant digits.
		n = octoRoundSig(n, 15)
	}
	return octoFormatNumber(n, format, max)
}

// octoStandardFormat reports whether f is a .NET standard numeric format: a letter and up to
// nine digits of precision.
func octoStandardFormat(f string) bool {
	if len(f) == 0 || len(f) > 10 || !octoIsLetter(f[0]) {
		return false
	}
	for i := 1; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return false
		}
	}
	return true
}

// octoFormatNumber writes n in a .NET standard or custom numeric format.
func octoFormatNumber(n octoNum, format string, max int) (string, error) {
	if format == "" {
		format = "G"
	}
	if !octoStandardFormat(format) {
		return octoCustomNumber(n, format, max)
	}
	prec := -1
	if len(format) > 1 {
		prec, _ = strconv.Atoi(format[1:])
		if prec > max {
			return "", errFilterTooLarge
		}
	}
	if len(n.digits)+n.point > max || -n.point > max {
		return "", errFilterTooLarge
	}
	sign := ""
	letter := format[0]
	switch letter {
	case 'C', 'c':
		if prec < 0 {
			prec = 2
		}
		n = octoRound(n, prec)
		s := "$" + octoGroup(octoOr0(n.intDigits())) + octoFracPart(n, prec)
		if n.neg && !n.isZero() {
			s = "-" + s
		}
		return s, nil
	case 'D', 'd':
		if n.kind != 'i' {
			return "", errOctoFormat
		}
		s := octoOr0(n.intDigits())
		if prec > len(s) {
			s = strings.Repeat("0", prec-len(s)) + s
		}
		if n.neg && !n.isZero() {
			s = "-" + s
		}
		return s, nil
	case 'E', 'e':
		if prec < 0 {
			prec = 6
		}
		n = octoRoundSig(n, prec+1)
		return octoSci(n, prec, letter, 3), nil
	case 'F', 'f', 'N', 'n':
		if prec < 0 {
			prec = 2
		}
		n = octoRound(n, prec)
		in := octoOr0(n.intDigits())
		if letter == 'N' || letter == 'n' {
			in = octoGroup(in)
		}
		if n.neg && !n.isZero() {
			sign = "-"
		}
		return sign + in + octoFracPart(n, prec), nil
	case 'P', 'p':
		if prec < 0 {
			prec = 2
		}
		n.point += 2
		if len(n.digits) == 0 {
			n.point = 0
		}
		n = octoRound(n, prec)
		if n.neg && !n.isZero() {
			sign = "-"
		}
		return sign + octoGroup(octoOr0(n.intDigits())) + octoFracPart(n, prec) + " %", nil
	case 'G', 'g':
		if prec == 0 || prec < 0 && n.kind == 'd' {
			prec = -1
		}
		sci := false
		if prec > 0 {
			n = octoRoundSig(n, prec)
			n.digits = bytes.TrimRight(n.digits, "0")
			if len(n.digits) == 0 {
				n.point = 0
			}
			exp := n.point - 1
			sci = !n.isZero() && (exp >= prec || exp < -5)
		} else if n.kind == 'd' {
			exp := n.point - 1
			sci = !n.isZero() && (exp >= 15 || exp < -5)
		}
		if n.neg && !n.isZero() {
			sign = "-"
		}
		if sci {
			e := byte('E')
			if letter == 'g' {
				e = 'e'
			}
			return sign + octoSci(n, len(n.digits)-1, e, 2), nil
		}
		frac := octoMaxOf(len(n.digits)-n.point, 0)
		if n.kind == 'm' && prec < 0 {
			frac = octoMaxOf(frac, n.scale)
		}
		return sign + octoOr0(n.intDigits()) + octoFracPart(n, frac), nil
	case 'X', 'x':
		if n.kind != 'i' {
			return "", errOctoFormat
		}
		v, _ := strconv.ParseInt(octoOr0(n.intDigits()), 10, 64)
		if n.neg {
			v = -v
		}
		s := strconv.FormatUint(uint64(uint32(int32(v))), 16)
		if letter == 'X' {
			s = strings.ToUpper(s)
		}
		if prec > len(s) {
			s = strings.Repeat("0", prec-len(s)) + s
		}
		return s, nil
	case 'R', 'r':
		if n.kind != 'd' {
			return "", errOctoFormat
		}
		return octoFormatNumber(n, "G", max)
	}
	return "", errOctoFormat
}

func octoOr0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func octoFracPart(n octoNum, frac int) string {
	if frac <= 0 {
		return ""
	}
	return "." + n.fracDigits(frac)
}

// octoSci writes n as d.dddE+xxx with frac digits after the point and at least expDigits
// exponent digits.
func octoSci(n octoNum, frac int, e byte, expDigits int) string {
	exp := 0
	if !n.isZero() {
		exp = n.point - 1
	}
	m := n
	m.point = 1
	if m.isZero() {
		m.point = 0
	}
	s := octoOr0(m.intDigits()) + octoFracPart(m, frac)
	if n.neg && !n.isZero() {
		s = "-" + s
	}
	es := "+"
	if exp < 0 {
		es, exp = "-", -exp
	}
	ed := strconv.Itoa(exp)
	if len(ed) < expDigits {
		ed = strings.Repeat("0", expDigits-len(ed)) + ed
	}
	return s + string(e) + es + ed
}

// octoCustomNumber writes n in a .NET custom numeric format: 0 and # digit placeholders, a
// decimal point, group separators, scaling commas, %, ‰, E notation, quoted literals, \ escapes
// and up to three sections separated by ; (positive, negative, zero).
func octoCustomNumber(n octoNum, format string, max int) (string, error) {
	if len(format) > max {
		return "", errFilterTooLarge
	}
	sections := octoSplitSections(format)
	sec := sections[0]
	signed := true
	if n.neg && len(sections) > 1 && sections[1] != "" {
		sec, signed = sections[1], false
	}
	zeroSec := len(sections) > 2 && sections[2] != ""
	if n.isZero() && zeroSec {
		sec = sections[2]
	}
	// Scan the section. Commas between integer placeholders turn grouping on; commas right
	// before the decimal point (or the end of the placeholders) divide by 1000 each.
	intPH, fracPH, fracZeros, firstZero := 0, 0, 0, -1
	grouping, scale, pct, sci := false, 0, 0, false
	sciDigits, sciPlus := 0, false
	sawPoint, commas := false, 0
	for i := 0; i < len(sec); i++ {
		c := sec[i]
		switch c {
		case '0', '#':
			if commas > 0 && intPH > 0 && !sawPoint {
				grouping = true
			}
			commas = 0
			if sawPoint {
				fracPH++
				if c == '0' {
					fracZeros = fracPH
				}
			} else {
				if c == '0' && firstZero < 0 {
					firstZero = intPH
				}
				intPH++
			}
		case ',':
			if !sawPoint && intPH > 0 {
				commas++
			}
		case '.':
			if !sawPoint {
				sawPoint, scale, commas = true, commas, 0
			}
		case '%':
			pct += 2
		case '\'', '"':
			j := strings.IndexByte(sec[i+1:], c)
			if j < 0 {
				i = len(sec)
			} else {
				i += j + 1
			}
		case '\\':
			i++
		case 'E', 'e':
			if !sci && octoIsSciAt(sec, i) {
				j := i + 1
				if sec[j] == '+' || sec[j] == '-' {
					sciPlus = sec[j] == '+'
					j++
				}
				k := j
				for k < len(sec) && sec[k] == '0' {
					k++
				}
				sci, sciDigits = true, k-j
				i = k - 1
			}
		default:
			if strings.HasPrefix(sec[i:], "‰") {
				pct += 3
			}
		}
	}
	if !sawPoint {
		scale = commas
	}
	n.point += pct - 3*scale
	if len(n.digits) == 0 {
		n.point = 0
	}
	exp := 0
	if sci && !n.isZero() {
		ip := octoMaxOf(intPH, 1)
		exp = n.point - ip
		n.point = ip
	}
	n = octoRound(n, fracPH)
	if sci && !n.isZero() && n.point > octoMaxOf(intPH, 1) {
		exp++
		n.point--
	}
	if n.isZero() && zeroSec && sec != sections[2] {
		// The value rounds to zero: the zero section formats it, as .NET does.
		return octoCustomNumber(octoNum{kind: n.kind}, sections[2], max)
	}
	ints := n.intDigits()
	minInt := 0
	if firstZero >= 0 {
		minInt = intPH - firstZero
	}
	if len(ints) < minInt {
		ints = strings.Repeat("0", minInt-len(ints)) + ints
	}
	frac := strings.TrimRight(n.fracDigits(fracPH), "0")
	if len(frac) < fracZeros {
		frac += strings.Repeat("0", fracZeros-len(frac))
	}
	b := &octoBuilder{max: max}
	if n.neg && !n.isZero() && signed {
		b.addByte('-')
	}
	// Emit.
	intIdx, fracIdx := 0, 0
	pointDone := false
	for i := 0; i < len(sec) && !b.over; i++ {
		c := sec[i]
		switch {
		case (c == '0' || c == '#') && !pointDone:
			pos := intPH - 1 - intIdx // digit position from the right
			if intIdx == 0 && len(ints) > intPH {
				for k := 0; k < len(ints)-intPH; k++ {
					b.addByte(ints[k])
					octoMaybeGroup(b, grouping, len(ints)-1-k)
				}
			}
			if pos < len(ints) {
				b.addByte(ints[len(ints)-1-pos])
				octoMaybeGroup(b, grouping, pos)
			}
			intIdx++
		case c == '0' || c == '#':
			if fracIdx < len(frac) {
				b.addByte(frac[fracIdx])
			}
			fracIdx++
		case c == '.' && !pointDone:
			pointDone = true
			if intPH == 0 && len(ints) > 0 {
				b.WriteString(ints)
			}
			if frac != "" {
				b.addByte('.')
			}
		case c == ',':
		case c == '\'' || c == '"':
			j := strings.IndexByte(sec[i+1:], c)
			if j < 0 {
				b.WriteString(sec[i+1:])
				i = len(sec)
			} else {
				b.WriteString(sec[i+1 : i+1+j])
				i += j + 1
			}
		case c == '\\':
			if i+1 < len(sec) {
				b.addByte(sec[i+1])
				i++
			}
		case (c == 'E' || c == 'e') && sci && octoIsSciAt(sec, i):
			b.addByte(c)
			j := i + 1
			if j < len(sec) && (sec[j] == '+' || sec[j] == '-') {
				j++
			}
			for j < len(sec) && sec[j] == '0' {
				j++
			}
			e := exp
			if e < 0 {
				b.addByte('-')
				e = -e
			} else if sciPlus {
				b.addByte('+')
			}
			octoPad(b, e, sciDigits)
			i = j - 1
			sci = false
		default:
			b.addByte(c)
		}
	}
	return b.result()
}

func octoMaxOf(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func octoIsSciAt(sec string, i int) bool {
	j := i + 1
	if j < len(sec) && (sec[j] == '+' || sec[j] == '-') {
		j++
	}
	return j < len(sec) && sec[j] == '0'
}

func octoMaybeGroup(b *octoBuilder, grouping bool, pos int) {
	if grouping && pos > 0 && pos%3 == 0 {
		b.addByte(',')
	}
}

// octoSplitSections splits a custom format at unquoted, unescaped semicolons and keeps the
// first three sections.
func octoSplitSections(f string) []string {
	var out []string
	start := 0
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '\\':
			i++
		case '\'', '"':
			if j := strings.IndexByte(f[i+1:], f[i]); j >= 0 {
				i += j + 1
			} else {
				i = len(f)
			}
		case ';':
			out = append(out, f[start:i])
			start = i + 1
			if len(out) == 3 {
				// Sections past the third are ignored.
				return out
			}
		}
	}
	return append(out, f[start:])
}
