package prose

import "testing"

func TestList(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	}
	for _, tt := range tests {
		if got := List(tt.names); got != tt.want {
			t.Errorf("List(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
	if Plural(1, "slice", "slices") != "slice" || Plural(2, "slice", "slices") != "slices" {
		t.Error("Plural")
	}
}
