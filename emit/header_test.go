package emit

import (
	"regexp"
	"testing"
)

// TestHeaderHasNoVersion keeps the generated header free of anything that
// changes from one godiff to the next (a version, a date, a hash), so that
// a new godiff does not churn generated files, and exactly Go's convention
// for generated code, which tools and reviewers recognise.
func TestHeaderHasNoVersion(t *testing.T) {
	if !regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`).MatchString(Header) {
		t.Errorf("Header %q does not follow Go's convention for generated files", Header)
	}
	if regexp.MustCompile(`[0-9]`).MatchString(Header) {
		t.Errorf("Header %q holds a digit: a version or date would change generated files on every release", Header)
	}
}
