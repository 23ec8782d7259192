// Package parsetest loads Go source into IR for the tests of the
// transforms, which read a function more easily written in Go than built
// op by op.
package parsetest
