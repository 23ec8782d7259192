// Package prose writes the bits of English that generated doc comments
// share: lists of names and plurals.
package prose

import "strings"

// List joins names as English does: "a", "a and b", "a, b and c".
func List(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Plural returns one if n is 1 and many otherwise.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
