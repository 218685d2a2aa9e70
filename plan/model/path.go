package model

import "github.com/tenantplan/tenantplan/internal/problem"

// appendKey appends a key to a path: after a dot when the key is a plain identifier (letters,
// digits, '_' and '-', at most 64 bytes), else in brackets, quoted and cut to 64 bytes.
func appendKey(path []byte, key []byte) []byte { return problem.AppendKey(path, string(key)) }

// appendIndex appends a list index to a path: "[i]".
func appendIndex(path []byte, i int) []byte { return problem.AppendIndex(path, i) }
