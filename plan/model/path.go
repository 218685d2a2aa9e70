package model

import (
	"strconv"
	"strings"
)

// maxKeyInPath is the longest key printed whole in a path or a message; a longer one is cut and
// marked with "...".
const maxKeyInPath = 64

// appendKey appends a key to a path: after a dot when the key is a plain identifier (letters,
// digits, '_' and '-', at most 64 bytes), else in brackets, quoted and cut to 64 bytes.
func appendKey(path []byte, key []byte) []byte {
	plain := len(key) > 0 && len(key) <= maxKeyInPath
	for _, c := range key {
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if !plain {
		path = append(path, '[')
		path = append(path, quote(string(key))...)
		return append(path, ']')
	}
	if len(path) > 0 {
		path = append(path, '.')
	}
	return append(path, key...)
}

// appendIndex appends a list index to a path: "[i]".
func appendIndex(path []byte, i int) []byte {
	path = append(path, '[')
	path = strconv.AppendInt(path, int64(i), 10)
	return append(path, ']')
}

// ComparePaths orders two error paths the way Errors are sorted: segment by segment, with list
// indexes compared as numbers, so that "x[2]" comes before "x[10]". It returns -1, 0 or +1 as
// strings.Compare does.
func ComparePaths(a, b string) int {
	for a != "" && b != "" {
		ia, ib := strings.IndexByte(a, '['), strings.IndexByte(b, '[')
		if ia < 0 || ib < 0 || a[:ia] != b[:ib] {
			return strings.Compare(a, b)
		}
		a, b = a[ia+1:], b[ib+1:]
		ja, jb := strings.IndexByte(a, ']'), strings.IndexByte(b, ']')
		if ja < 0 || jb < 0 {
			return strings.Compare(a, b)
		}
		na, nb := a[:ja], b[:jb]
		if len(na) != len(nb) && isDigits(na) && isDigits(nb) {
			if len(na) < len(nb) {
				return -1
			}
			return 1
		}
		if d := strings.Compare(na, nb); d != 0 {
			return d
		}
		a, b = a[ja+1:], b[jb+1:]
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
