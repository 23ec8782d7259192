package analyzer

import "testing"

// The lines that look like directives and are not, and those that must
// not be mistaken for one.
func TestMisspelled(t *testing.T) {
	for _, tc := range []struct {
		text, head, args string
		ok               bool
	}{
		{"//godif:grad", "//godiff:grad", "", true},
		{"//godiff:grad x", "", "", false}, // a directive: parse checks its verb
		{"//godiff:gard", "", "", false},   // parse reports the unknown verb
		{"//godif:grad x y", "//godiff:grad", " x y", true},
		{"//godiffs:vjp", "//godiff:vjp", "", true},
		{"//Godiff:jvp w", "//godiff:jvp", " w", true},
		{"// godiff:jvp", "//godiff:jvp", "", true},
		{"//\tgodiff:hvp", "//godiff:hvp", "", true},
		{"//gdoiff:jacobain", "//godiff:jacobian", "", true},
		{"//godif:rule slow", "//godiff:rule", " slow", true},
		{"// godiff: the tool writes derivatives", "", "", false},
		{"// GoDiff: Grad is reverse mode", "", "", false},
		{"//go:generate godiff $GOFILE", "", "", false},
		{"//nolint:gard", "", "", false},
		{"//lint:ignore", "", "", false},
		{"/* godif:grad */", "", "", false},
		{"//godif:gradient", "", "", false},
	} {
		head, args, ok := misspelled(tc.text)
		if head != tc.head || args != tc.args || ok != tc.ok {
			t.Errorf("misspelled(%q) = %q, %q, %v; want %q, %q, %v", tc.text, head, args, ok, tc.head, tc.args, tc.ok)
		}
	}
}
