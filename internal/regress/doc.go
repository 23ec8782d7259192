// Package regress holds annotated functions that once broke godiff, with their
// generated derivatives committed beside them; the tests check each against
// finite differences, F's values bit for bit, and forward mode against reverse.
package regress
