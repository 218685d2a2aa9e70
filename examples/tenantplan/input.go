package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	prob "github.com/tenantplan/tenantplan/internal/problem"
)

// defaultMaxInput is the size of the largest file a command reads unless --max-input says
// otherwise: 256 MiB, far above any real model, and small enough that a wrong path such as
// /dev/zero or a huge log file fails at once instead of filling the memory.
const defaultMaxInput = 256 << 20

// readInput reads the file at path whole. Only a regular file is read (after following symbolic
// links): a directory, a named pipe, a device or a socket is an input error, so that reading
// never waits for a writer that does not come nor for the end of an endless device. A file of
// more than limit bytes is an input error too. Every error names the file. The name "-" reads
// standard input to its end, within the same limit.
func readInput(path string, limit int64) ([]byte, error) {
	if path == "-" {
		return readAll(path, os.Stdin, limit)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(path, err)
	}
	if err := regular(path, fi, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, fileErr(path, err)
	}
	defer f.Close()
	// The file may have been replaced between Stat and OpenFile: check what was opened.
	if fi, err = f.Stat(); err != nil {
		return nil, fileErr(path, err)
	}
	if err := regular(path, fi, limit); err != nil {
		return nil, err
	}
	return readAll(path, f, limit)
}

// readAll reads r, the file named path, to its end; more than limit bytes is an input error.
func readAll(path string, r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fileErr(path, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

// regular returns an input error unless fi is a regular file of at most limit bytes.
func regular(path string, fi fs.FileInfo, limit int64) error {
	var what string
	switch m := fi.Mode(); {
	case m.IsRegular():
		if fi.Size() > limit {
			return tooLarge(path, limit)
		}
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	default:
		return inputErr("%s: not a regular file", path)
	}
	return inputErr("%s: is %s, not a regular file", path, what)
}

func tooLarge(path string, limit int64) error {
	return inputErr("%s: larger than the input limit of %s (default %s; raise it with --max-input)",
		path, formatSize(limit), formatSize(defaultMaxInput))
}

// fileErr is an input error naming the file, without repeating the path that *fs.PathError adds.
func fileErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return inputErr("%s: %v", path, err)
}

// Units of --max-input, largest first.
var sizeUnits = []struct {
	name string
	size int64
}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

// formatSize writes n with the largest unit that divides it, like "256 MiB".
func formatSize(n int64) string {
	for _, u := range sizeUnits {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d B", n)
}

// sizeFlag is a positive size in bytes: a whole number with an optional unit B, KiB, MiB, GiB
// or TiB ("512MiB", "1 GiB", "4096").
type sizeFlag struct{ n *int64 }

func (f sizeFlag) String() string {
	if f.n == nil {
		return ""
	}
	return formatSize(*f.n)
}

func (f sizeFlag) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*f.n = n
	return nil
}

// parseSize parses the value of --max-input.
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(num, u.name); ok {
			num, mult = strings.TrimSpace(rest), u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q is not a positive whole number of bytes with an optional unit B, KiB, MiB, GiB or TiB (like 512MiB)", prob.Cut(s))
	}
	return n * mult, nil
}
