// Package strictjson decodes JSON strictly into Go values through reflection: an unknown key, a
// duplicate key, a value of the wrong type, text that is not UTF-8, a number out of range and
// malformed JSON are each a problem with its path, and every problem is reported at once, within
// the limits of [Options]. Package model decodes model files with it; the scenario runner and the
// command line decode their own files with [DecodeInto], so that every file of the module obeys
// the same rules.
//
// # Concurrency
//
// Decode and DecodeInto are safe for concurrent use. A long list that is the value of a key of the
// top object is decoded by several goroutines (see parallel.go), all ended when they return; so
// the UnmarshalText of its element types may run on several goroutines at once.
package strictjson
