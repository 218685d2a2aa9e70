//go:build unix

package main

import (
	"os"
	"syscall"
)

// openFlags opens input files without blocking, so that a file replaced by a named pipe after it
// was checked cannot make the tool wait for a writer; what was opened is checked again.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
