// Package kinds is the second package whose types internal/foreigntypes
// mixes with those of keys. Its directory, unit-kinds, is not its name, so
// an output that guessed the name from the path would not compile.
package kinds

// Val is an entry's value.
type Val struct{ W float64 }

// Scale is a generic type, instantiated with a type of keys.
type Scale[T any] struct{ X T }
