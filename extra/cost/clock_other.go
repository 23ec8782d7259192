//go:build !linux

package cost

import "time"

// threadTime returns the wall clock's time: outside Linux the timings are
// of the wall clock, as the other programs on the machine let them be.
func threadTime() time.Duration {
	return time.Duration(time.Now().UnixNano())
}
