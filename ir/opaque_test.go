package ir

import (
	"slices"
	"testing"
)

// Parts splits Qualified back into text and the named types of other
// packages, whatever the shape around them.
func TestOpaqueParts(t *testing.T) {
	a := ForeignQualifier("example.com/a", "a")
	b := ForeignQualifier("example.com/unit-b", "b")
	for _, c := range []struct {
		o    Opaque
		want []TypePart
	}{
		{Opaque{Go: "Celsius"}, []TypePart{{Text: "Celsius"}}},
		{Opaque{Go: "*a.T", Qualified: "*" + a + ".T"}, []TypePart{{Text: "*"}, {Path: "example.com/a", Pkg: "a", Name: "T"}}},
		{Opaque{Go: "map[a.Key]b.Val", Qualified: "map[" + a + ".Key]" + b + ".Val"}, []TypePart{
			{Text: "map["}, {Path: "example.com/a", Pkg: "a", Name: "Key"}, {Text: "]"}, {Path: "example.com/unit-b", Pkg: "b", Name: "Val"}}},
		{Opaque{Go: "func(a.T) b.U", Qualified: "func(" + a + ".T) " + b + ".U"}, []TypePart{
			{Text: "func("}, {Path: "example.com/a", Pkg: "a", Name: "T"}, {Text: ") "}, {Path: "example.com/unit-b", Pkg: "b", Name: "U"}}},
		{Opaque{Go: "b.G[a.Ä]", Qualified: b + ".G[" + a + ".Ä]"}, []TypePart{
			{Path: "example.com/unit-b", Pkg: "b", Name: "G"}, {Text: "["}, {Path: "example.com/a", Pkg: "a", Name: "Ä"}, {Text: "]"}}},
	} {
		if got := c.o.Parts(); !slices.Equal(got, c.want) {
			t.Errorf("%s: Parts() = %q, want %q", c.o.Go, got, c.want)
		}
	}
}
