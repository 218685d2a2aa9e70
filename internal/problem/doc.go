// Package problem is the one error model of the module: the stable [Code] of every error, one
// sentinel per meaning, the list type that validation returns, the path builder that locates a
// problem in a document, the quoting of values in messages, and the "did you mean" suggestion.
// The public packages surface it: package plan's Code is this package's [Code], and each
// package's sentinels that share a meaning are the ones defined here, so that [errors.Is] holds
// across packages.
//
// Every error of the module answers its code through a Code() method ([Coder]), or, when it holds
// the code in a field, through an As method that fills a [Coder]; [CodeOf] is one [errors.As].
// Sentinels made by [New] answer their own code, so an error that wraps one has that code.
//
// Every message has one format, "where: message [code]" ([Format]); an error that wraps another
// quotes the other's text without its code ([Text]) so that the code is printed once.
//
// # Concurrency
//
// Everything here is safe for concurrent use, except that a [List] is a plain slice that one
// goroutine builds.
package problem
