// Package regress holds the reproducers of reported bugs as annotated functions,
// whose committed derivatives the tests check against finite differences.
package regress
