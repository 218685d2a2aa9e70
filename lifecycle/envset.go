package lifecycle

import (
	"iter"
	"math/bits"
	"strconv"
	"strings"
)

// MaxEnvironments bounds environment indexes: an EnvSet holds indexes in
// [0, MaxEnvironments), and New rejects a model with more environments.
const MaxEnvironments = 1 << 16

// EnvSet is a set of environment indexes (positions in the model's ordered
// environment list). It is an immutable value: methods never change the
// receiver, they return a new set. The zero EnvSet is the empty set, and two
// sets are == exactly when they hold the same indexes.
//
// Representation: indexes below 64 live in one machine word, so sets of
// up to 64 environments (the common case) never allocate. Indexes from 64 to
// MaxEnvironments-1 live in a second, string-backed bitmap (a byte per 8
// indexes, with no trailing zero byte so that == stays exact); only sets
// that use it allocate when built. Indexes outside [0, MaxEnvironments) are
// never members: With ignores them and Has reports false.
type EnvSet struct {
	lo uint64
	hi string // bit b of byte j = index 64+8j+b; never ends with a zero byte
}

// EnvSetOf returns the set of the given indexes.
func EnvSetOf(envs ...int) EnvSet {
	var s EnvSet
	var hi []byte
	for _, e := range envs {
		switch {
		case e < 0 || e >= MaxEnvironments:
		case e < 64:
			s.lo |= 1 << e
		default:
			j := (e - 64) / 8
			for len(hi) <= j {
				hi = append(hi, 0)
			}
			hi[j] |= 1 << ((e - 64) % 8)
		}
	}
	s.hi = string(hi) // hi has no trailing zero byte: its last byte got a bit
	return s
}

// Has reports whether env is in the set.
func (s EnvSet) Has(env int) bool {
	if env < 0 {
		return false
	}
	if env < 64 {
		return s.lo&(1<<env) != 0
	}
	j := (env - 64) / 8
	return j < len(s.hi) && s.hi[j]&(1<<((env-64)%8)) != 0
}

// With returns the set with env added (s itself when env is out of range,
// see EnvSet).
func (s EnvSet) With(env int) EnvSet {
	switch {
	case env < 0 || env >= MaxEnvironments:
		return s
	case env < 64:
		s.lo |= 1 << env
		return s
	}
	if s.Has(env) {
		return s
	}
	j := (env - 64) / 8
	hi := make([]byte, max(len(s.hi), j+1))
	copy(hi, s.hi)
	hi[j] |= 1 << ((env - 64) % 8)
	s.hi = string(hi)
	return s
}

// Without returns the set with env removed.
func (s EnvSet) Without(env int) EnvSet {
	if !s.Has(env) {
		return s
	}
	if env < 64 {
		s.lo &^= 1 << env
		return s
	}
	hi := []byte(s.hi)
	hi[(env-64)/8] &^= 1 << ((env - 64) % 8)
	s.hi = trimZeros(hi)
	return s
}

// Len returns the number of indexes in the set.
func (s EnvSet) Len() int {
	n := bits.OnesCount64(s.lo)
	for i := 0; i < len(s.hi); i++ {
		n += bits.OnesCount8(s.hi[i])
	}
	return n
}

// IsEmpty reports whether the set has no index.
func (s EnvSet) IsEmpty() bool { return s.lo == 0 && s.hi == "" }

// Equal reports whether s and o hold the same indexes (the same as s == o;
// it lets go-cmp compare sets).
func (s EnvSet) Equal(o EnvSet) bool { return s == o }

// Intersect returns the indexes in both s and o.
func (s EnvSet) Intersect(o EnvSet) EnvSet {
	r := EnvSet{lo: s.lo & o.lo}
	n := min(len(s.hi), len(o.hi))
	if n == 0 {
		return r
	}
	hi := make([]byte, n)
	for i := range hi {
		hi[i] = s.hi[i] & o.hi[i]
	}
	r.hi = trimZeros(hi)
	return r
}

// Union returns the indexes in s or o.
func (s EnvSet) Union(o EnvSet) EnvSet {
	r := EnvSet{lo: s.lo | o.lo}
	switch {
	case o.hi == "":
		r.hi = s.hi
	case s.hi == "":
		r.hi = o.hi
	default:
		long, short := s.hi, o.hi
		if len(short) > len(long) {
			long, short = short, long
		}
		hi := []byte(long)
		for i := 0; i < len(short); i++ {
			hi[i] |= short[i]
		}
		r.hi = string(hi)
	}
	return r
}

// Minus returns the indexes in s and not in o.
func (s EnvSet) Minus(o EnvSet) EnvSet {
	r := EnvSet{lo: s.lo &^ o.lo, hi: s.hi}
	if s.hi == "" || o.hi == "" {
		return r
	}
	hi := []byte(s.hi)
	for i := 0; i < min(len(hi), len(o.hi)); i++ {
		hi[i] &^= o.hi[i]
	}
	r.hi = trimZeros(hi)
	return r
}

// Envs returns the indexes in ascending order.
func (s EnvSet) Envs() iter.Seq[int] {
	return func(yield func(int) bool) {
		for w := s.lo; w != 0; w &= w - 1 {
			if !yield(bits.TrailingZeros64(w)) {
				return
			}
		}
		for j := 0; j < len(s.hi); j++ {
			for b := s.hi[j]; b != 0; b &= b - 1 {
				if !yield(64 + 8*j + bits.TrailingZeros8(b)) {
					return
				}
			}
		}
	}
}

// String returns the indexes in braces, for example "{0 2 5}".
func (s EnvSet) String() string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for e := range s.Envs() {
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(strconv.Itoa(e))
	}
	b.WriteByte('}')
	return b.String()
}

// trimZeros returns b without trailing zero bytes, as a string.
func trimZeros(b []byte) string {
	n := len(b)
	for n > 0 && b[n-1] == 0 {
		n--
	}
	return string(b[:n])
}

// countAnd returns |a ∩ b| without allocating.
func countAnd(a, b EnvSet) int {
	n := bits.OnesCount64(a.lo & b.lo)
	for i := 0; i < min(len(a.hi), len(b.hi)); i++ {
		n += bits.OnesCount8(a.hi[i] & b.hi[i])
	}
	return n
}

// countAnd3 returns |a ∩ b ∩ c| without allocating.
func countAnd3(a, b, c EnvSet) int {
	n := bits.OnesCount64(a.lo & b.lo & c.lo)
	for i := 0; i < min(len(a.hi), len(b.hi), len(c.hi)); i++ {
		n += bits.OnesCount8(a.hi[i] & b.hi[i] & c.hi[i])
	}
	return n
}
