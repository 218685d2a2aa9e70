package variables

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// outcome says how a filter ended.
type outcome uint8

const (
	done     outcome = iota
	overSize         // the output would exceed the size limit
	overWork         // the work budget ran out
)

// apply runs filter f with decoded arguments on s. max bounds the output size; Replace spends
// from work.
func (f *filterCall) apply(s string, vals []string, max int, work *int) (out string, oc outcome, aerr *argError) {
	switch f.kind {
	case fToUpper:
		out = strings.ToUpper(s)
	case fToLower:
		out = strings.ToLower(s)
	case fTrim:
		switch {
		case len(vals) == 0:
			out = strings.TrimSpace(s)
		case strings.EqualFold(vals[0], "start"):
			out = strings.TrimLeft(s, " \t\n\r\v\f")
		default:
			out = strings.TrimRight(s, " \t\n\r\v\f")
		}
	case fTruncate:
		suffix := "..."
		if len(vals) == 2 {
			suffix = vals[1]
		}
		out = truncate(s, f.ints[0], suffix)
	case fSubstring:
		start, n := 0, f.ints[0]
		if len(vals) == 2 {
			start, n = f.ints[0], f.ints[1]
		}
		out = substring(s, start, n)
	case fReplace:
		repl := ""
		if len(vals) == 2 {
			repl = vals[1]
		}
		out, oc = f.pat.replace(s, repl, max, work)
		return out, oc, nil
	case fMatch:
		loc, over := f.pat.search(s, 0, work)
		if over {
			return "", overWork, nil
		}
		out = strconv.FormatBool(loc != nil)
	case fHTMLEscape:
		out = htmlEscape(s)
	case fJSONEscape:
		out = jsonEscape(s)
	case fURIEscape:
		out = uriEscape(s)
	case fToBase64:
		if len(s) > max/4*3 {
			return "", overSize, nil
		}
		b := []byte(s)
		if len(vals) == 1 && strings.EqualFold(vals[0], "unicode") {
			if 2*len(s) > max/4*3 {
				return "", overSize, nil
			}
			b = utf16LE(s)
		}
		out = base64.StdEncoding.EncodeToString(b)
	case fFromBase64:
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
		if err != nil {
			return "", done, &argError{arg: -1, want: "base64 text"}
		}
		out = string(b)
		if len(vals) == 1 && strings.EqualFold(vals[0], "unicode") {
			out = fromUTF16LE(b)
		}
	}
	if len(out) > max {
		return "", overSize, nil
	}
	return out, done, nil
}

// truncate keeps the first n characters and appends suffix when s is longer.
func truncate(s string, n int, suffix string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + suffix
}

// substring returns n characters from character start, clamped to s.
func substring(s string, start, n int) string {
	i := 0
	for k := 0; k < start && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	j := i
	for k := 0; k < n && j < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return s[i:j]
}

// htmlEscape writes the characters HTML gives a meaning to as entities, as Octopus does: "&",
// "<", ">", '"', "'" (as "&apos;") and "/" (as "&#x2F;").
func htmlEscape(s string) string {
	if !strings.ContainsAny(s, "&<>\"'/") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
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
		case '/':
			b.WriteString("&#x2F;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func jsonEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[c>>4])
				b.WriteByte("0123456789abcdef"[c&0xF])
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

// uriEscape percent-encodes a URI as .NET's Uri.EscapeUriString does: every byte of the UTF-8
// text but the unreserved and reserved characters of RFC 3986, so that a URL stays readable.
func uriEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isLetter(c) || (c >= '0' && c <= '9') || strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0xF])
	}
	return b.String()
}

// utf16LE is s in UTF-16, little-endian, as .NET's Encoding.Unicode writes it (an invalid byte
// of s as U+FFFD).
func utf16LE(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		units, n := octoUTF16(r)
		for _, u := range units[:n] {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// fromUTF16LE reads b as UTF-16, little-endian: a lone surrogate or a last odd byte is U+FFFD.
func fromUTF16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	s := string(utf16.Decode(u))
	if len(b)%2 == 1 {
		s += "\uFFFD"
	}
	return s
}
