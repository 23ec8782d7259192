// Package keys is one of two packages whose types an annotated function of
// internal/foreigntypes takes as parameters, mixed in one type.
package keys

// Key locates an entry.
type Key struct{ Row, Col int }

// ID names an entry.
type ID string
