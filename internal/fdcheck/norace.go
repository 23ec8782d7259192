//go:build !race

package fdcheck

// Race reports whether the race detector is on (see race.go).
const Race = false
