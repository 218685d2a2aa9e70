//go:build !unix

package main

import "os"

// openFlags opens input files for reading.
const openFlags = os.O_RDONLY
